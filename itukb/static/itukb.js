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
  if (link.dataset.kbKeepQuery !== undefined) {
    target.search = window.location.search;
  }
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
