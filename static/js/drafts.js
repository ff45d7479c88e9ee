/* What is typed into a form marked data-keep-draft is kept in this tab's sessionStorage
   until the server has it. When a session ends, a save sends the person to the login
   page; after logging in they come back to the same page and find their text again.
   The copy belongs to the form's revision (its hidden "revision" field): it is put back
   only into the same revision of the same page, never over something saved since.
   sessionStorage ends with the tab, so nothing stays behind on a shared computer. */
(function () {
  "use strict";
  var SKIP = { csrfmiddlewaretoken: true, revision: true, based_on: true, action: true };

  function storageKey(form) {
    return "frivillig-draft:" + window.location.pathname + ":" + (form.id || "form");
  }

  function revision(form) {
    var field = form.querySelector('input[name="revision"]');
    return field ? field.value : "";
  }

  function entries(form) {
    var list = [];
    new FormData(form).forEach(function (value, name) {
      if (!SKIP[name] && typeof value === "string") list.push([name, value]);
    });
    return list;
  }

  function store(form) {
    try {
      window.sessionStorage.setItem(
        storageKey(form),
        JSON.stringify({ revision: revision(form), entries: entries(form) })
      );
    } catch (error) { /* storage full or disabled: the form still works */ }
  }

  function forget(form) {
    try { window.sessionStorage.removeItem(storageKey(form)); } catch (error) { /* ignore */ }
  }

  function read(form) {
    try {
      return JSON.parse(window.sessionStorage.getItem(storageKey(form)) || "null");
    } catch (error) {
      return null;
    }
  }

  function putBack(form, saved) {
    var values = {};
    saved.entries.forEach(function (entry) {
      (values[entry[0]] = values[entry[0]] || []).push(entry[1]);
    });
    var seen = {};
    Array.prototype.forEach.call(form.elements, function (field) {
      var name = field.name;
      if (!name || SKIP[name] || field.disabled) return;
      if (["hidden", "submit", "button", "reset", "file"].indexOf(field.type) !== -1) return;
      var typed = values[name] || [];
      if (field.type === "checkbox" || field.type === "radio") {
        field.checked = typed.indexOf(field.value) !== -1;
      } else if (field.tagName === "SELECT" && field.multiple) {
        Array.prototype.forEach.call(field.options, function (option) {
          option.selected = typed.indexOf(option.value) !== -1;
        });
      } else {
        var index = seen[name] || 0;
        seen[name] = index + 1;
        if (index < typed.length) field.value = typed[index];
      }
    });
  }

  function announce(form, message) {
    if (!message) return;
    var note = document.createElement("div");
    note.className = "alert alert-info";
    note.setAttribute("role", "status");
    note.textContent = message;
    form.parentNode.insertBefore(note, form);
  }

  function keep(form) {
    var saved = read(form);
    if (saved && saved.revision === revision(form)) {
      if (JSON.stringify(saved.entries) !== JSON.stringify(entries(form))) {
        putBack(form, saved);
        announce(form, form.dataset.draftRestoredMessage);
        // Follow-ups and the autosave react as if the person had typed it again.
        form.dispatchEvent(new Event("change", { bubbles: true }));
      }
    } else if (saved) {
      forget(form);
    }
    form.addEventListener("input", function () { store(form); });
    form.addEventListener("change", function () { store(form); });
    form.addEventListener("submit", function () { store(form); });
    // surveys.js tells when the server has the draft: keep only what came after.
    form.addEventListener("draft:saved", function () { store(form); });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form[data-keep-draft]").forEach(keep);
  });
})();
