// Keep the reader's place when switching language: anchors are the same in
// both builds, so the current #fragment is valid on the other page too.
document.addEventListener("click", (event) => {
  const link = event.target.closest("a.kb-switch-link");
  if (link && window.location.hash) {
    link.href = link.href.split("#")[0] + window.location.hash;
  }
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
