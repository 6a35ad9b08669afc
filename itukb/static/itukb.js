// Keep the reader's place when switching language: anchors are the same in
// both builds, so the current #fragment is valid on the other page too; on
// the search page the query (?q=...) is carried over, so the other
// language's search runs the same words.
document.addEventListener("click", (event) => {
  const link = event.target.closest("a.kb-switch-link");
  if (!link) {
    return;
  }
  const target = new URL(link.href, window.location.href);
  // on the search page, the other language searches for the same words (only
  // ?q=: the values of the filters are words of this language)
  const query = new URLSearchParams(window.location.search).get("q");
  if (link.dataset.kbKeepQuery !== undefined && query) {
    target.search = new URLSearchParams({ q: query }).toString();
  }
  target.hash = window.location.hash;
  link.href = target.href;
});
