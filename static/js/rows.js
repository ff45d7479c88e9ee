/* Formset rows added, removed and moved on the page (templates/includes/formset_rows.html),
   so a whole agenda is entered in one save. A new row is a copy of the formset's empty
   form in its <template>; removing a saved row ticks its "Slett" box and hides it;
   moving swaps it with its neighbour and the hidden ORDER fields are numbered again
   before the form is sent. Without JavaScript the page offers empty rows and the
   "Slett" boxes, and none of this runs. */
(function () {
  "use strict";

  function rows(container) {
    return Array.prototype.filter.call(
      container.querySelector("[data-rows]").children,
      function (row) { return row.matches("[data-row]") && !row.hidden; }
    );
  }

  function field(container, name) {
    return container.querySelector('input[name="' + container.dataset.prefix + "-" + name + '"]');
  }

  function isSaved(row) {
    var id = row.querySelector('input[type="hidden"][name$="-id"]');
    return Boolean(id && id.value);
  }

  function hasContent(row) {
    return Array.prototype.some.call(row.querySelectorAll("input, select, textarea"), function (input) {
      if (input.type === "hidden" || /-(DELETE|ORDER)$/.test(input.name)) return false;
      if (input.type === "checkbox" || input.type === "radio") return input.checked;
      return input.value.trim() !== "";
    });
  }

  // A new row left empty must post an empty ORDER too, or Django validates it as filled in.
  function renumber(container) {
    var place = 0;
    rows(container).forEach(function (row, index) {
      row.querySelectorAll("[data-row-number]").forEach(function (span) {
        span.textContent = String(index + 1);
      });
      var order = row.querySelector('input[name$="-ORDER"]');
      if (order) order.value = isSaved(row) || hasContent(row) ? String(++place) : "";
      var up = row.querySelector('[data-move="up"]');
      var down = row.querySelector('[data-move="down"]');
      // aria-disabled rather than disabled: the button keeps the focus after a move.
      if (up) up.setAttribute("aria-disabled", index === 0 ? "true" : "false");
      if (down) down.setAttribute("aria-disabled", index === rows(container).length - 1 ? "true" : "false");
    });
  }

  function say(container, message) {
    var status = container.querySelector("[data-row-status]");
    status.textContent = "";
    window.setTimeout(function () { status.textContent = message; }, 50);
  }

  function enhance(row) {
    row.querySelectorAll("[data-row-tools]").forEach(function (tools) { tools.hidden = false; });
    var remove = row.querySelector('input[type="checkbox"][name$="-DELETE"]');
    if (remove) {
      var wrapper = remove.closest(".mb-3, .form-check") || remove.parentNode;
      wrapper.hidden = true;
      // Sent back with an error elsewhere: a row ticked for removal stays removed.
      if (remove.checked) row.hidden = true;
    }
  }

  function addRow(container) {
    var total = field(container, "TOTAL_FORMS");
    var max = field(container, "MAX_NUM_FORMS");
    var count = parseInt(total.value, 10);
    if (max && count >= parseInt(max.value, 10)) {
      say(container, container.dataset.full);
      return;
    }
    var template = container.querySelector("template[data-empty-row]");
    var html = template.innerHTML.replace(/__prefix__/g, String(count));
    var holder = document.createElement("div");
    holder.innerHTML = html.trim();
    var row = holder.firstElementChild;
    container.querySelector("[data-rows]").appendChild(row);
    total.value = String(count + 1);
    enhance(row);
    renumber(container);
    var first = row.querySelector("input:not([type=hidden]), select, textarea");
    if (first) first.focus();
    say(container, container.dataset.added);
  }

  function removeRow(container, row) {
    var list = rows(container);
    var next = list[list.indexOf(row) + 1] || list[list.indexOf(row) - 1];
    if (isSaved(row)) {
      row.querySelector('input[name$="-DELETE"]').checked = true;
      row.hidden = true;
    } else {
      // A row added on this page: its index simply stays unused, which Django skips.
      row.remove();
    }
    renumber(container);
    var focus = next ? next.querySelector("[data-remove-row]") : container.querySelector("[data-add-row]");
    focus.focus();
    say(container, container.dataset.removed);
  }

  function moveRow(container, row, direction) {
    var list = rows(container);
    var index = list.indexOf(row);
    var other = list[direction === "up" ? index - 1 : index + 1];
    if (!other) return;
    if (direction === "up") other.before(row); else other.after(row);
    renumber(container);
    row.querySelector('[data-move="' + direction + '"]').focus();
    say(container, container.dataset.moved.replace("__n__", String(rows(container).indexOf(row) + 1)));
  }

  // Blank rows the server offered for the page without JavaScript: one is enough when the
  // list is empty, none otherwise; the button adds more. Only trailing blank rows go, so
  // the indexes that stay are 0 … n−1.
  function trimBlankRows(container) {
    var total = field(container, "TOTAL_FORMS");
    var initial = parseInt(field(container, "INITIAL_FORMS").value, 10);
    var all = rows(container);
    while (all.length > initial) {
      var last = all[all.length - 1];
      if (hasContent(last) || last.querySelector(".is-invalid, .invalid-feedback")) break;
      if (all.length === 1) break;
      last.remove();
      all.pop();
      total.value = String(all.length);
    }
  }

  function setUp(container) {
    trimBlankRows(container);
    rows(container).forEach(enhance);
    container.querySelectorAll(":scope > [data-row-tools]").forEach(function (tools) { tools.hidden = false; });
    renumber(container);
    container.addEventListener("click", function (event) {
      var button = event.target.closest("button");
      if (!button || !container.contains(button)) return;
      var row = button.closest("[data-row]");
      if (button.matches("[data-add-row]")) {
        addRow(container);
      } else if (button.matches("[data-remove-row]")) {
        removeRow(container, row);
      } else if (button.matches("[data-move]") && button.getAttribute("aria-disabled") !== "true") {
        moveRow(container, row, button.dataset.move);
      }
    });
    var form = container.closest("form");
    if (form) form.addEventListener("submit", function () { renumber(container); });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-formset]").forEach(setUp);
  });
})();
