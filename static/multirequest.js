// Multirequest: removing a request (or a list's item), and the references each request
// offers, fetched again when the requests before it change.
import { on } from "./events.js";
import { consoleForm, formChanged, problemLine, requestNumber } from "./page.js";
import { check } from "./value-checks.js";

// Each multirequest request fetches the references its fields offer (the result paths of
// the requests before it) on "results-changed": after a request's service or action (its
// select.call) changed and its fragment settled, or a request was removed. One per turn.
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

// Multirequest requests are numbered 1..n on the page as on the wire (api_v3 stops at a gap),
// so removing one renumbers those after it (legend, button, ids, names, htmx attributes) and
// every {N:result…} typed in any request; removing one whose result another uses is refused.
function references() { // every {N:result…} in a text: the server's pattern, unanchored
  const form = consoleForm();
  return new RegExp(form ? form.dataset.patternReference : "$^", "g");
}
const RENAMED = /^(id|name|for|list)$|^(aria|data|hx)-/; // attributes that may hold a number

function typedValues(request) {
  return Array.from(request.querySelectorAll("input, textarea")).filter((input) => input.type !== "file" && input.type !== "hidden");
}

function referenceTo(requests, n) {
  for (const request of requests) {
    for (const input of typedValues(request)) {
      const found = (input.value.match(references()) || []).filter((ref) => parseInt(ref.slice(1), 10) === n);
      if (found.length) return { request: requestNumber(request), reference: found[0] };
    }
  }
  return null;
}

function renumber(request, from, to) {
  // `3:filter`, `request-3-service`, `f-3-filter-body`, `request-3`, `prefix=3%3A`: the number
  // at the start of a name, path or id, never inside one (`items:3:name` is an item index).
  // Names are `N:` + path (fieldnames.request_prefix), ids `request-N…` and `f-N-…`
  // (app/web/dom_ids.py): every attribute of a request holds them, so one rule renames them.
  const token = new RegExp("(^|[\\s#'\"\\[=])((request-|f-)" + from + "(?=-|$)|" + from + "(?=:|%3A))", "g");
  [request, ...request.querySelectorAll("*")].forEach((el) => {
    Array.from(el.attributes).forEach((attr) => {
      if (RENAMED.test(attr.name)) {
        const renamed = attr.value.replace(token, (match, before, number, kind) => before + (kind || "") + to);
        if (renamed !== attr.value) el.setAttribute(attr.name, renamed);
      }
    });
  });
  request.dataset.request = String(to);
  request.querySelector(":scope > legend").textContent = "Request " + to;
  request.querySelector(":scope > button.remove").textContent = "Remove request " + to;
}

function removeRequest(request) {
  const n = requestNumber(request);
  const others = Array.from(document.querySelectorAll("fieldset.subrequest")).filter((r) => r !== request);
  const problem = problemLine(request);
  const user = referenceTo(others, n);
  if (user) {
    problem.textContent = "Not removed: request " + user.request + " uses its result (" + user.reference +
      "). Change that reference first.";
    return;
  }
  request.remove();
  others.forEach((other) => {
    const m = requestNumber(other);
    if (m > n) renumber(other, m, m - 1);
    problemLine(other).textContent = ""; // its numbers are stale now
    typedValues(other).forEach((input) => {
      const value = input.value.replace(references(), (ref, number, path) => {
        const k = parseInt(number, 10);
        return k > n ? "{" + (k - 1) + ":result" + (path || "") + "}" : ref;
      });
      if (value !== input.value) input.value = value;
      if (input.dataset.check) check(input); // its own line may name the old numbers
    });
  });
  resultsChanged();
  const add = document.getElementById("add-request");
  if (add) add.setAttribute("hx-vals", JSON.stringify({ n: String(others.length + 1) }));
  const next = others.filter((other) => requestNumber(other) === n)[0];
  const focus = next ? next.querySelector("select") : add;
  if (focus) focus.focus();
  formChanged(null);
}

// Remove: a multirequest request, or an item of a list or map.
on("click", (event) => {
  const button = event.target.closest && event.target.closest("button[data-remove]");
  const item = button && button.dataset.remove && document.getElementById(button.dataset.remove);
  if (!item) return;
  if (item.classList.contains("subrequest")) removeRequest(item);
  else { item.remove(); formChanged(null); }
});
