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

  // Logging in (in another tab, after the session ended) gives a new CSRF token; the
  // cookie always holds the current one, so every save and submit sends that.
  function freshCsrfToken(form) {
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    var field = form.querySelector('input[name="csrfmiddlewaretoken"]');
    if (match && field) field.value = decodeURIComponent(match[1]);
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
    var loggedOut = false;

    function showLoggedOut(body) {
      status.textContent = body.message + " ";
      var link = document.createElement("a");
      link.href = body.login_url;
      link.target = "_blank";
      link.rel = "noopener";
      link.textContent = form.dataset.loginLinkText;
      status.appendChild(link);
      status.classList.add("text-danger");
    }

    function save() {
      if (stopped) return;
      if (busy) { again = true; return; }
      busy = true;
      freshCsrfToken(form);
      var data = new FormData(form);
      data.set("action", "save");
      fetch(url, {
        method: "POST",
        body: data,
        credentials: "same-origin",
        headers: { "X-Requested-With": "fetch", "Accept": "application/json" }
      }).then(function (response) {
        return response.json().then(function (body) {
          return { ok: response.ok, status: response.status, body: body };
        });
      }).then(function (result) {
        loggedOut = result.status === 401;
        if (loggedOut) {
          // Keep everything and try again when the person is back from logging in.
          showLoggedOut(result.body);
          return;
        }
        status.classList.remove("text-danger");
        status.textContent = result.body.message;
        if (result.ok) {
          revision.value = result.body.revision;
          if (progress && result.body.progress) progress.textContent = result.body.progress;
          form.dispatchEvent(new CustomEvent("draft:saved"));
        } else {
          stopped = true;
          status.classList.add("text-danger");
        }
      }).catch(function () {
        status.textContent = form.dataset.offlineMessage;
      }).finally(function () {
        busy = false;
        if (pendingSubmit && loggedOut) {
          pendingSubmit = null;  // Sending now would lose the form to the login page.
        } else if (pendingSubmit) {
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
    // Back from logging in in another tab: save what waits.
    document.addEventListener("visibilitychange", function () {
      if (loggedOut && document.visibilityState === "visible") save();
    });
    window.addEventListener("focus", function () { if (loggedOut) save(); });
    form.addEventListener("submit", function (event) {
      window.clearTimeout(timer);
      if (busy || loggedOut) {
        // Logged out: check (by saving) before the form leaves the page.
        event.preventDefault();
        pendingSubmit = event.submitter;
        if (!busy) save();
        return;
      }
      freshCsrfToken(form);
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
