// Print buttons on the deck and the dossier: a file, not inline script, for a strict CSP.
document.addEventListener("click", (event) => {
  if (event.target.closest("[data-print]")) {
    window.print();
  }
});
