// Multirequest: removing a request (or a list's item), and the references each request
// offers, fetched again when the requests before it change.
import { on } from "./events.js";
import { formChanged, requestNumber } from "./page.js";
import { check } from "./value-checks.js";

// Each multirequest request fetches the references its fields offer (the result paths of
// the requests before it) on "results-changed": after a request's service or action (its
// select.call) changed and its fragment settled (a removal re-renders them all, each asking
// anew as it loads). One per turn.
let resultsStale = false;
function resultsChanged() {
  if (resultsStale) return;
  resultsStale = true;
  setTimeout(() => {
    resultsStale = false;
    document.body.dispatchEvent(new CustomEvent("results-changed"));
  }, 0);
}
on("htmx:afterSettle", (event) => {
  const config = event.detail.requestConfig; // detail.elt is the element settled, not the asker
  const elt = config && config.elt;
  if (elt && elt.matches && elt.matches("fieldset.subrequest select.call")) resultsChanged();
});

// Remove request posts the form to the server (views/console.py remove_request), which answers
// the requests left, renumbered with their {N:result…} references, into #requests, or, when
// another request uses its result, why not into its problem line. What stays here is what only
// the browser can do: a chosen file cannot be rendered by the server, so the files chosen move
// to the same place in the renumbered requests (the n-th file field of the k-th request left);
// each typed reference is checked against its new number; the focus goes to the request that
// took the removed one's place, or to Add request; and the address follows the form.
function removing(event) {
  const elt = event.detail.requestConfig && event.detail.requestConfig.elt;
  return !!(elt && elt.matches && elt.matches("button[data-remove-request]")) && event.detail.target.id === "requests";
}
function fileFields(request) { return Array.from(request.querySelectorAll("input[type=file]")); }

let moving = null; // the removal in flight: the removed request's number, the files of those left
on("htmx:beforeSwap", (event) => {
  if (!removing(event) || !event.detail.shouldSwap) return;
  const removed = event.detail.requestConfig.elt.closest("fieldset.subrequest");
  const left = Array.from(document.querySelectorAll("#requests > fieldset.subrequest")).filter((r) => r !== removed);
  moving = { n: requestNumber(removed), files: left.map((request) => fileFields(request).map((input) => input.files)) };
});
on("htmx:afterSwap", (event) => {
  if (!removing(event) || !moving) return;
  const { n, files } = moving;
  moving = null;
  const requests = Array.from(document.querySelectorAll("#requests > fieldset.subrequest"));
  requests.forEach((request, k) => {
    fileFields(request).forEach((input, i) => {
      const chosen = files[k] && files[k][i];
      if (chosen && chosen.length) input.files = chosen;
    });
    request.querySelectorAll("[data-check]").forEach((input) => { if (input.value) check(input); });
  });
  const next = requests.filter((request) => requestNumber(request) === n)[0];
  const focus = next ? next.querySelector("select") : document.getElementById("add-request");
  if (focus) focus.focus();
  formChanged();
});

// Remove: an item of a list or map. Nothing is renumbered: the names of the items left stay.
on("click", (event) => {
  const button = event.target.closest && event.target.closest("button[data-remove]");
  const item = button && button.dataset.remove && document.getElementById(button.dataset.remove);
  if (!item) return;
  item.remove();
  formChanged();
});
