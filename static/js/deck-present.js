// Presenting the deck: one slide at a time, full screen, keys to move, a counter; the
// presenter's window (?visning=foredragsholder) shows the notes and the next slide and
// follows the audience's window through a BroadcastChannel (and the other way round).
// A file of our own, not inline script, for the strict CSP. Without it every slide is
// shown one under the other.
(function () {
  "use strict";
  const body = document.body;
  const slides = Array.from(document.querySelectorAll(".present-deck .slide"));
  if (!slides.length) {
    return;
  }
  const presenter = body.classList.contains("presenter");
  const counter = document.querySelector("[data-counter]");
  const notesOut = document.querySelector("[data-notes-out]");
  const noNotes = document.querySelector("template[data-no-notes]");
  const nextTitle = document.querySelector("[data-next-title]");
  const last = document.querySelector("template[data-last]");
  const channel = "BroadcastChannel" in window ? new BroadcastChannel(body.dataset.channel) : null;
  let current = 0;

  body.classList.add("js-present");

  function fromHash() {
    const number = parseInt(window.location.hash.replace("#", ""), 10);
    return Number.isInteger(number) && number >= 1 && number <= slides.length ? number - 1 : 0;
  }

  function show(index, { broadcast = true } = {}) {
    current = Math.max(0, Math.min(slides.length - 1, index));
    slides.forEach((slide, i) => {
      slide.classList.toggle("is-current", i === current);
      slide.classList.toggle("is-next", presenter && i === current + 1);
      slide.hidden = !(i === current || (presenter && i === current + 1));
      slide.setAttribute("aria-hidden", i === current ? "false" : "true");
    });
    if (counter) {
      counter.textContent = String(current + 1);
    }
    if (presenter) {
      const notes = slides[current].dataset.notes || "";
      notesOut.replaceChildren();
      if (notes) {
        notes.split(/\n+/).forEach((text) => {
          const p = document.createElement("p");
          p.textContent = text;
          notesOut.append(p);
        });
      } else {
        notesOut.append(noNotes.content.cloneNode(true));
      }
      const next = slides[current + 1];
      nextTitle.replaceChildren();
      if (next) {
        nextTitle.textContent = next.querySelector(".slide-heading").textContent;
      } else {
        nextTitle.append(last.content.cloneNode(true));
      }
    }
    history.replaceState(null, "", "#" + (current + 1));
    if (broadcast && channel) {
      channel.postMessage({ slide: current });
    }
  }

  if (channel) {
    channel.addEventListener("message", (event) => {
      if (event.data && Number.isInteger(event.data.slide)) {
        show(event.data.slide, { broadcast: false });
      }
      if (event.data && event.data.hello && !presenter) {
        channel.postMessage({ slide: current });
      }
    });
  }

  function fullscreen() {
    if (!document.fullscreenElement && document.documentElement.requestFullscreen) {
      document.documentElement.requestFullscreen().catch(() => {});
    }
  }

  document.addEventListener("keydown", (event) => {
    if (event.altKey || event.ctrlKey || event.metaKey) {
      return;
    }
    const onControl = event.target.closest && event.target.closest("a, button");
    const keys = {
      ArrowRight: 1, ArrowDown: 1, PageDown: 1, " ": 1,
      ArrowLeft: -1, ArrowUp: -1, PageUp: -1,
    };
    if (event.key in keys && !(onControl && (event.key === " " || event.key === "Enter"))) {
      event.preventDefault();
      show(current + keys[event.key]);
    } else if (event.key === "Home") {
      event.preventDefault();
      show(0);
    } else if (event.key === "End") {
      event.preventDefault();
      show(slides.length - 1);
    } else if (event.key === "Escape" && !document.fullscreenElement && !presenter) {
      const exit = document.querySelector("[data-exit]");
      if (exit) {
        window.location.assign(exit.href);
      }
    }
  });

  document.addEventListener("click", (event) => {
    const go = event.target.closest("[data-go]");
    if (go) {
      show(current + (go.dataset.go === "next" ? 1 : -1));
    }
    if (event.target.closest("[data-fullscreen]")) {
      fullscreen();
    }
    const opener = event.target.closest("[data-presenter]");
    if (opener) {
      event.preventDefault();
      window.open(opener.href + "#" + (current + 1), "frivillig-presenter", "width=1200,height=800");
    }
  });

  show(fromHash(), { broadcast: false });
  if (channel && presenter) {
    channel.postMessage({ hello: true });
  }
})();
