// Send and the console's own requests: one Send in flight per tab, the status line beside Send
// when the testme server fails, the page's server named on every request, the Server select,
// and Reload schema's status.
import { on } from "./events.js";
import { isSend } from "./page.js";

// One Send in flight per tab: hx-sync drops a second press of Send (or Send anyway) while one
// runs, and this flag catches any other way in. Send says so, and the answer still shown is
// marked busy (and dimmed by the CSS) until the new one arrives.
let sending = false;
export function isSending() { return sending; }
function showSending(on) {
  sending = on;
  const button = document.querySelector("#console button.send");
  if (button) {
    button.textContent = on ? "Sending\u2026" : "Send";
    if (on) button.setAttribute("aria-disabled", "true"); else button.removeAttribute("aria-disabled");
  }
  const result = document.getElementById("result");
  if (result) { if (on) result.setAttribute("aria-busy", "true"); else result.removeAttribute("aria-busy"); }
}

// A console fragment that could not be fetched says so beside Send; 4xx answers are problem
// fragments and are swapped in where they belong (see responseHandling in base.html).
function status(message) {
  const line = document.getElementById("console-status");
  if (line) line.textContent = message;
}
// Requests the page makes by itself (the Code region, the references a request offers, the
// ks note: marked data-quiet) leave the line alone, or they would wipe a failure just said.
function quiet(event) {
  const elt = event.detail && event.detail.elt;
  return !!(elt && elt.closest && elt.closest("[data-quiet]"));
}
on("htmx:beforeRequest", (event) => {
  if (!quiet(event)) status("");
  if (isSend(event)) {
    if (sending) event.preventDefault(); else showSending(true);
  }
});
on("htmx:afterRequest", (event) => {
  if (isSend(event)) showSending(false);
});
on("htmx:sendError", () => {
  status("The testme server did not answer: is it still running?");
});
on("htmx:responseError", (event) => {
  status("The testme server answered HTTP " + event.detail.xhr.status + "; nothing was changed.");
});

// Every request a page makes names the page's server (the Server select, when there are
// several): with two tabs on two servers, a fragment comes from its own tab's server, not
// from the browser's last choice (app/web/servers.py).
on("htmx:configRequest", (event) => {
  const select = document.querySelector("[data-server-select]");
  const params = event.detail.parameters;
  if (!select || !select.name || params[select.name] !== undefined) return;
  params[select.name] = select.value;
});

// The Server select: another server has another schema, so its console is another page
// (`?__server=NAME`: a name the server checks, never a URL).
on("change", (event) => {
  const select = event.target.closest && event.target.closest("select[data-server-select]");
  if (!select) return;
  window.location.assign(select.dataset.page + "?" + new URLSearchParams([[select.name, select.value]]));
});

// Reload schema answers in place (views/schema_reload.py): while it runs its status says so,
// and when the testme server itself fails (no answer, a refusal), that nothing was reloaded.
function reloadStatus(event) {
  const elt = event.detail.elt;
  return elt && elt.hasAttribute && elt.hasAttribute("data-schema-reload")
    ? document.getElementById(elt.getAttribute("aria-describedby")) : null;
}
on("htmx:beforeRequest", (event) => {
  const said = reloadStatus(event);
  if (said) said.textContent = said.dataset.busy;
});
on("htmx:afterRequest", (event) => {
  const said = reloadStatus(event);
  if (!said || event.detail.successful) return;
  const code = event.detail.xhr && event.detail.xhr.status;
  said.textContent = "The schema was not reloaded: the testme server " +
    (code ? "answered HTTP " + code + "." : "did not answer.");
});
