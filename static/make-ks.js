// The Make a KS dialog (templates/_make_ks.html, views/ks_make.py): Make a KS beside the ks
// field opens it, Cancel or Escape closes it, and a KS made closes it too (the answer has put
// the KS into the ks field, out of band). Focus returns to the Make a KS button each time;
// that button may be a new one, since the ks field is swapped whole when a KS arrives.
// The fields keep what was typed between openings; the server never re-renders them.
import { on } from "./events.js";

function dialog() { return document.querySelector("[data-make-ks]"); }

function show(box) {
  var outcome = box.querySelector("#make-ks-outcome");
  if (outcome) outcome.replaceChildren();
  // Outside sandbox mode the partner is the one in Configuration, when it names one.
  var partner = box.querySelector("[data-partner-field]");
  var from = partner && document.getElementById(partner.dataset.partnerField);
  if (partner && !partner.value.trim() && from) partner.value = from.value.trim();
  box.showModal();
}

// Make a KS's button (main.js loads this module as it is pressed).
export function open() {
  var box = dialog();
  if (box && !box.open) show(box);
}

on("click", function (event) {
  if (event.target.closest && event.target.closest("[data-make-ks-close]")) dialog().close();
});

// `close` does not bubble, so it is the dialog's own listener: wherever it closed from (Cancel,
// Escape, a KS made), the focus goes to the Make a KS button there is now.
var made = dialog();
if (made) made.addEventListener("close", function () {
  var opener = document.querySelector("[data-make-ks-open]");
  if (opener) opener.focus();
});

// Nothing made: the focus goes to the first field whose problem line now says why.
function focusProblem(box) {
  var problem = box.querySelector(".field-problem:not(:empty)");
  var described = '[aria-describedby~="' + (problem && problem.id) + '"]';
  var field = problem && box.querySelector("input" + described + ", select" + described);
  if (field) field.focus();
}

// A KS made: the dialog closes; the ks field, swapped with its reading, brings its inspector
// panel into view (ks-inspector.js).
on("htmx:afterSwap", function (event) {
  if (event.detail.target.id !== "make-ks-outcome") return;
  var shown = dialog();
  if (!event.detail.target.querySelector("[data-made-ks]")) return focusProblem(shown);
  shown.close();
});
