/* The question builder: only the sections the chosen kind uses are shown, and the
   preview beside the form is refreshed from the server as the coordinator types.
   Without JavaScript every section shows, each saying which kinds use it, and
   «Forhåndsvis» shows the preview. */
(function () {
  "use strict";

  function showSections(form) {
    var kind = form.querySelector('[name="kind"]');
    if (!kind) return;
    form.querySelectorAll("fieldset[data-kinds]").forEach(function (section) {
      var used = section.dataset.kinds.split(" ").indexOf(kind.value) !== -1;
      section.hidden = !used;
      section.querySelectorAll(".kind-hint").forEach(function (hint) { hint.hidden = true; });
    });
  }

  function previewer(form) {
    var target = document.getElementById("question-preview");
    if (!target) return function () {};
    var timer = null;
    var asked = 0;
    function refresh() {
      var data = new FormData(form);
      data.set("preview", "1");
      var mine = ++asked;
      fetch(form.action || window.location.href, {
        method: "POST",
        body: data,
        credentials: "same-origin",
        headers: { "X-Preview": "1" }
      }).then(function (response) {
        return response.ok ? response.text() : null;
      }).then(function (html) {
        if (html !== null && mine === asked) target.innerHTML = html;
      }).catch(function () { /* the last preview stays; «Forhåndsvis» still works */ });
    }
    return function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(refresh, 400);
    };
  }

  document.querySelectorAll("form[data-question-builder]").forEach(function (form) {
    var later = previewer(form);
    showSections(form);
    form.addEventListener("change", function (event) {
      if (event.target.name === "kind") showSections(form);
      later();
    });
    form.addEventListener("input", later);
  });
})();
