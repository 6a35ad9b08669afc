// Keep the reader's place when switching language: anchors are the same in
// both builds, so the current #fragment is valid on the other page too.
document.addEventListener("click", (event) => {
  const link = event.target.closest("a.kb-switch-link");
  if (link && window.location.hash) {
    link.href = link.href.split("#")[0] + window.location.hash;
  }
});
