// Keep the reader's place when switching language: anchors are the same in
// both builds, so the current #fragment is valid on the other page too.
document.addEventListener("click", (event) => {
  const link = event.target.closest("a.kb-switch-link");
  if (!link) return;
  if (window.location.hash) {
    link.href = link.href.split("#")[0] + window.location.hash;
  }
  // the search page in the other language searches for the same words
  // (only ?q=: the values of the filters are words of this language)
  const query = new URLSearchParams(window.location.search).get("q");
  if (query && /(^|\/)search\.html$/.test(new URL(link.href).pathname)) {
    link.href = `${link.href.split(/[?#]/)[0]}?${new URLSearchParams({ q: query })}`;
  }
});
