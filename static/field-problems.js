// testme field problems: what Send found wrong, marked on the fields as a typed value's problem
// is (aria-invalid, the message in the field's problem line, which the field's
// aria-describedby names). The server decides what is wrong and where it shows: each item of
// the Result's list (data-field-problems) names its field's ids (app/web/dom_ids.py
// `problem_place`); this only writes them onto the page. A Send held back for them (data-held)
// moves the focus to the first such field on the page. A mark goes when its field changes.
// No inline handlers (CSP script-src 'self').
import { on } from "./events.js";
import { byId } from "./page.js";

// A control the Result's list marked keeps the id of its problem line in data-send-problem.
function unmark(control) {
  var line = byId(control.dataset.sendProblem);
  delete control.dataset.sendProblem;
  control.removeAttribute("aria-invalid");
  if (line) line.textContent = "";
}

// The field's problem line, made beside the control where the page has none (a map key).
function lineOf(control, id) {
  var line = byId(id);
  if (!line) {
    line = document.createElement("p");
    line.className = "field-problem";
    line.id = id;
    (control.closest(".control") || control).insertAdjacentElement("afterend", line);
  }
  var described = (control.getAttribute("aria-describedby") || "").split(/\s+/).filter(Boolean);
  if (described.indexOf(id) < 0) control.setAttribute("aria-describedby", described.concat(id).join(" "));
  return line;
}

function mark(item) {
  var control = (item.dataset.field || "").split(" ").map(byId).filter(Boolean)[0];
  var message = item.querySelector("[data-message]");
  if (!control || !message) return null;
  var line = lineOf(control, item.dataset.fieldProblem);
  // Two problems of one field (a wrong type that is also abstract) are both said.
  line.textContent = control.dataset.sendProblem ? line.textContent + "; " + message.textContent : message.textContent;
  control.dataset.sendProblem = line.id;
  control.setAttribute("aria-invalid", "true");
  return control;
}

// Folded (comfort.js), the Configuration group hides its fields, and a closed disclosure
// (Configuration's More) hides its own: each opens to show the field.
function reveal(control) {
  var group = control.closest(".configuration.folded");
  var fold = group && group.querySelector("[data-config-fold]");
  if (fold) fold.click();
  for (var closed = control.closest("details:not([open])"); closed; closed = closed.parentElement.closest("details:not([open])")) {
    closed.open = true;
  }
}

function first(controls) {
  return controls.slice().sort(function (a, b) {
    return a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
  })[0];
}

// Each answer in the Result replaces the last one's marks with its own.
on("htmx:afterSwap", function (event) {
  var result = event.detail.target;
  if (!result || result.id !== "result") return;
  Array.prototype.forEach.call(document.querySelectorAll("[data-send-problem]"), unmark);
  var list = result.querySelector("[data-field-problems]");
  if (!list) return;
  var marked = Array.prototype.map.call(list.querySelectorAll("li[data-field]"), mark).filter(Boolean);
  if (!marked.length || list.dataset.held === undefined) return;
  var control = first(marked);
  reveal(control);
  control.focus();
});

// Changed, a field is no longer what Send judged: its mark goes. First, before value-checks.js
// checks the new value, which may mark it again.
function changed(event) {
  var control = event.target;
  if (control && control.dataset && control.dataset.sendProblem !== undefined) unmark(control);
}
on("input", changed, { first: true });
on("change", changed, { first: true });
on("click", function (event) {
  var button = event.target.closest && event.target.closest("button[data-send-problem]");
  if (button) unmark(button); // a list's Add: it gets an item
}, { first: true });
