// The admin's widgets that Django and Select2 draw without an accessible name get one
// from the field's own label (templates/admin/base_site.html loads this file).
(function () {
  "use strict";

  function labelOf(select) {
    var label = select.id && document.querySelector('label[for="' + select.id + '"]');
    return label ? label.textContent.replace(/:\s*$/, "").trim() : "";
  }

  function nameAutocompletes() {
    document.querySelectorAll("select.admin-autocomplete").forEach(function (select) {
      var name = labelOf(select);
      var box = select.nextElementSibling;
      if (!name || !box || !box.classList.contains("select2")) return;
      var named = ".select2-selection, .select2-selection__rendered[role=textbox], .select2-search__field";
      box.querySelectorAll(named).forEach(function (el) {
        el.setAttribute("aria-label", name);
        el.removeAttribute("aria-labelledby");
      });
      // A list holds only its items: the clear button (a span) is presentation.
      box.querySelectorAll("ul.select2-selection__rendered").forEach(function (list) {
        list.setAttribute("role", "list");
        list.querySelectorAll(":scope > :not(li)").forEach(function (child) {
          child.setAttribute("role", "presentation");
        });
      });
    });
  }

  // The filter boxes' magnifying glass carries a name, so it is an image, not a span.
  function nameSearchIcons() {
    document.querySelectorAll(".help-tooltip.search-label-icon[aria-label]").forEach(function (icon) {
      icon.setAttribute("role", "img");
    });
  }

  function run() {
    nameAutocompletes();
    nameSearchIcons();
  }

  window.addEventListener("load", function () {
    run();
    // Select2 redraws its box on every change; a new inline row brings new widgets.
    new MutationObserver(run).observe(document.getElementById("content") || document.body, {
      childList: true,
      subtree: true,
    });
  });
})();
