/* The survey page's «Opp», «Ned», «Gjør til oppfølging av …» and «Gjør til
   hovedspørsmål» without a reload: the same POST form is sent with fetch, the list
   comes back from the server and takes the old one's place, the focus goes to the same
   button of the question moved (or its first button), and the sentence the server
   wrote is read out by the aria-live status. Without JavaScript the forms post and the
   page comes back at the question. */
(function () {
  "use strict";

  var list = document.querySelector("[data-question-list]");
  var status = document.querySelector("[data-question-status]");
  if (!list || !status || !window.fetch) return;

  function say(text) {
    // Emptied first, so the same sentence twice is read out twice.
    status.textContent = "";
    window.setTimeout(function () { status.textContent = text; }, 50);
  }

  function focusMoved(questionId, move) {
    var item = list.querySelector('[data-question="' + questionId + '"]');
    if (!item) return;
    var button = item.querySelector('[data-move="' + move + '"] button') ||
      item.querySelector("button, a");
    if (button) button.focus();
  }

  list.addEventListener("submit", function (event) {
    var form = event.target;
    var move = form.dataset.move;
    if (!move) return;
    event.preventDefault();
    var buttons = list.querySelectorAll("button");
    buttons.forEach(function (button) { button.disabled = true; });
    fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      headers: { "X-Requested-With": "fetch", "Accept": "application/json" },
      credentials: "same-origin"
    }).then(function (response) {
      return response.json().then(function (data) { return { ok: response.ok, data: data }; });
    }).then(function (result) {
      if (result.ok && result.data.html) {
        list.innerHTML = result.data.html;
        focusMoved(result.data.question, move);
      } else {
        buttons.forEach(function (button) { button.disabled = false; });
      }
      say(result.data.message || "");
    }).catch(function () {
      // Not reached or not understood: the form posts the ordinary way.
      form.submit();
    });
  });
})();
