/* Copy buttons: a button with data-copy-target="<input id>" copies that field's text
   and says so in its data-copied-status element. Without JavaScript the buttons stay
   hidden and the field is there to select and copy by hand. */
(function () {
  "use strict";

  function say(button, text) {
    var status = document.getElementById(button.dataset.copyStatus);
    if (status) status.textContent = text;
  }

  function copy(button) {
    var field = document.getElementById(button.dataset.copyTarget);
    if (!field) return;
    var done = function () { say(button, button.dataset.copiedMessage); };
    var byHand = function () {
      field.focus();
      field.select();
      try {
        if (document.execCommand("copy")) { done(); return; }
      } catch (error) { /* fall through to the message */ }
      say(button, button.dataset.copyFailedMessage);
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(field.value).then(done, byHand);
    } else {
      byHand();
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-copy-target]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () { copy(button); });
    });
  });
})();
