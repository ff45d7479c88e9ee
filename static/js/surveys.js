/* The survey answer form: follow-ups shown as the parent answer changes, and the draft
   saved as the leader works. Without JavaScript every follow-up shows with its condition
   written out, and "Lagre utkast" saves. */
(function () {
  "use strict";

  function parentValues(form, parentId) {
    var values = [];
    form.querySelectorAll('[name="q' + parentId + '"]').forEach(function (input) {
      if ((input.type === "radio" || input.type === "checkbox") && !input.checked) return;
      if (input.value) values.push(input.value);
    });
    return values;
  }

  function updateFollowUps(form) {
    form.querySelectorAll("[data-parent][data-show-when]").forEach(function (block) {
      var shown = parentValues(form, block.dataset.parent).indexOf(block.dataset.showWhen) !== -1;
      block.hidden = !shown;
    });
  }

  function autosave(form) {
    var url = form.dataset.saveUrl;
    if (!url) return;
    var status = document.getElementById("save-status");
    var progress = document.getElementById("progress");
    var revision = form.querySelector('input[name="revision"]');
    var timer = null;
    var stopped = false;
    var busy = false;
    var again = false;
    var pendingSubmit = null;

    function save() {
      if (stopped) return;
      if (busy) { again = true; return; }
      busy = true;
      var data = new FormData(form);
      data.set("action", "save");
      fetch(url, {
        method: "POST",
        body: data,
        credentials: "same-origin",
        headers: { "X-Requested-With": "fetch" }
      }).then(function (response) {
        return response.json().then(function (body) { return { ok: response.ok, body: body }; });
      }).then(function (result) {
        status.textContent = result.body.message;
        if (result.ok) {
          revision.value = result.body.revision;
          if (progress && result.body.progress) progress.textContent = result.body.progress;
        } else {
          stopped = true;
          status.classList.add("text-danger");
        }
      }).catch(function () {
        status.textContent = form.dataset.offlineMessage;
      }).finally(function () {
        busy = false;
        if (pendingSubmit) {
          // A button was pressed while saving: send the form now that the revision is new.
          var submitter = pendingSubmit;
          pendingSubmit = null;
          form.requestSubmit(submitter);
        } else if (again) {
          again = false;
          save();
        }
      });
    }

    function schedule() {
      window.clearTimeout(timer);
      timer = window.setTimeout(save, 1200);
    }
    form.addEventListener("input", schedule);
    form.addEventListener("change", schedule);
    form.addEventListener("submit", function (event) {
      window.clearTimeout(timer);
      if (busy) {
        event.preventDefault();
        pendingSubmit = event.submitter;
        return;
      }
      stopped = true;
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var form = document.getElementById("survey-form");
    if (!form) return;
    document.documentElement.classList.add("js");
    updateFollowUps(form);
    form.addEventListener("change", function () { updateFollowUps(form); });
    autosave(form);
    var summary = document.getElementById("error-summary");
    if (summary) summary.focus();
  });
})();
