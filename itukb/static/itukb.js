// Keep the reader's place when switching language: anchors are the same in
// both builds, so the current #fragment is valid on the other page too, and
// a search page keeps its query (?q=).
document.addEventListener("click", (event) => {
  const link = event.target.closest("a.kb-switch-link");
  if (!link) return;
  const target = new URL(link.href, window.location.href);
  const query = new URLSearchParams(window.location.search).get("q");
  if (query !== null) target.searchParams.set("q", query);
  target.hash = window.location.hash;
  link.href = target.href;
});

// Sphinx 9.0 ends the Chinese search's language_data.js with
// `window.Stemmer = ChineseStemmer;`, but Chinese search uses the English
// stemmer and no ChineseStemmer exists (Sphinx issue 14229; 9.0.4 still has it):
// the script throws and every Chinese search hangs on "Searching".  This page
// script loads first, so name the missing class; it builds an English stemmer.
if (typeof window.ChineseStemmer === "undefined") {
  window.ChineseStemmer = function ChineseStemmer() {
    return new window.EnglishStemmer();
  };
}
