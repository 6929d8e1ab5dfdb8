// testme comfort: Ctrl/Cmd-Enter, Escape, the folded Configuration group and its More, and
// the elapsed time and Cancel of a Send in flight. Cancel reads `window.htmx`: that global is
// htmx's own (the vendored classic script, loaded before the modules), the one way to reach it.
import { on } from "./events.js";
import { byId, consoleForm, isSend } from "./page.js";

// Ctrl/Cmd-Enter sends from anywhere in the form (a textarea, a select, a multirequest
// request) or from nowhere in particular. Sends stay one at a time (hx-sync drop and
// send.js); the default is prevented so an input's own Enter does not submit a second time.
on("keydown", function (event) {
  if (event.key !== "Enter" || !(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey) return;
  var form = consoleForm(), target = event.target;
  if (!form || !(target === document.body || form.contains(target) || target.form === form)) return;
  event.preventDefault();
  if (!event.repeat) form.requestSubmit(form.querySelector("button.send"));
});

// Escape closes the picker the focus is in: the History panel (focus back on its button), an
// open <details> (focus on its summary); in the finder, a first Escape closes its list
// (finder.js) and a second goes back to where Ctrl-K or / came from.
var cameFrom = null;
on("focusin", function (event) {
  var finder = event.target.closest && event.target.closest("search.finder");
  var from = event.relatedTarget;
  if (finder && !(from && finder.contains(from))) cameFrom = from; // null: came from nowhere
});
function closeHistory(target) {
  var toggle = document.querySelector("[data-history-toggle]");
  var panel = toggle && document.getElementById(toggle.getAttribute("aria-controls"));
  if (!panel || panel.hidden || !(panel.contains(target) || target === toggle || target === document.body)) return false;
  toggle.click(); // history.js hides the panel and sets aria-expanded
  toggle.focus();
  return true;
}
function closeDetails(target) {
  var details = target.closest && target.closest("details[open]");
  if (!details) return false;
  details.open = false;
  var summary = details.querySelector("summary");
  if (summary) summary.focus();
  return true;
}
function leaveFinder(target) {
  if (!target.closest || !target.closest("search.finder") || !cameFrom || !cameFrom.isConnected) return false;
  cameFrom.focus();
  cameFrom = null;
  return true;
}
on("keydown", function (event) {
  if (event.key !== "Escape" || event.defaultPrevented) return;
  var target = event.target;
  if (leaveFinder(target) || closeHistory(target) || closeDetails(target)) event.preventDefault();
});

// The Configuration group folds to one line — "XML · partner 102 · KS valid, 23 h left" —
// once a KS is held (the server renders it folded then; a Send that brings a new KS folds it,
// one that finds the KS dead unfolds it). Folded, its fields are hidden but still submitted.
function foldButton() { return document.querySelector("[data-config-fold]"); }
function duration(seconds) {
  if (seconds >= 2 * 86400) return Math.floor(seconds / 86400) + " d";
  if (seconds >= 3600) return Math.floor(seconds / 3600) + " h";
  if (seconds >= 60) return Math.floor(seconds / 60) + " min";
  return Math.floor(seconds) + " s";
}
function ksSummary(ks, note) {
  if (!ks || !ks.value.trim()) return "no KS";
  var state = note ? note.dataset.state : "";
  if (state === "dead") return "KS will be refused";
  if (state === "unreadable") return "KS unreadable";
  var expiry = note ? parseInt(note.dataset.expiry, 10) : NaN;
  if (!expiry) return "KS held, expiry unknown";
  var left = expiry - Date.now() / 1000;
  return left > 0 ? "KS valid, " + duration(left) + " left" : "KS expired";
}
function summarise() {
  var button = foldButton();
  if (!button) return;
  var format = byId(button.dataset.format), partner = byId(button.dataset.partner);
  var chosen = format && format.selectedOptions[0];
  var parts = [chosen ? chosen.textContent.replace(/^\s*\d+\s*/, "").trim() : ""];
  parts.push(partner && partner.value.trim() ? "partner " + partner.value.trim() : "no partnerId");
  parts.push(ksSummary(byId(button.dataset.ks), byId(button.dataset.note)));
  var text = parts.filter(Boolean).join(" \u00b7 ");
  if (button.textContent !== text) button.textContent = text; // after each swap: no change, no work
}
function fold(folded) {
  var button = foldButton(), group = button && byId(button.getAttribute("aria-controls"));
  if (!group) return;
  group.classList.toggle("folded", folded);
  button.setAttribute("aria-expanded", folded ? "false" : "true");
}
on("click", function (event) {
  var button = event.target.closest && event.target.closest("[data-config-fold]");
  if (button) fold(button.getAttribute("aria-expanded") === "true");
});
on("input", function (event) { if (event.target.closest && event.target.closest("#configuration")) summarise(); });
on("change", function (event) { if (event.target.closest && event.target.closest("#configuration")) summarise(); });
on("htmx:afterSettle", summarise);
setInterval(summarise, 30000); // the time left

// The group's "More" (the rarely changed fields) opens by itself when JSONP is chosen: its
// callback is in there. The server opens it when a link or History brings a value of its own.
on("change", function (event) {
  var button = foldButton(), details = document.querySelector("[data-config-more]");
  if (details && button && event.target.id === button.dataset.format && event.target.value === "9") details.open = true;
});

var ksBefore = "";
function ksNow() { var button = foldButton(), ks = button && byId(button.dataset.ks); return ks ? ks.value.trim() : ""; }
on("htmx:beforeSend", function (event) { if (isSend(event)) ksBefore = ksNow(); });
on("htmx:afterSettle", function (event) {
  var button = foldButton(), group = button && byId(button.getAttribute("aria-controls"));
  var note = button && byId(button.dataset.note);
  if (!isSend(event) || !note || group.contains(document.activeElement)) return;
  if (note.dataset.state === "dead") fold(false);
  else if (note.dataset.state === "held" && ksNow() !== ksBefore) fold(true);
});

// A Send in flight shows its elapsed time and a Cancel. Cancel aborts it: htmx:abort goes to
// the form, since Send and Send anyway both sync on it (hx-sync), so it holds the request.
// The server then stops waiting for the Kaltura server too (app/web/hang_up.py); the form is
// untouched, and the Result says what happened.
var ticking = null, started = 0;
function inFlight() { return document.querySelector("[data-in-flight]"); }
function seconds() { return ((performance.now() - started) / 1000).toFixed(1) + " s"; }
function tick() {
  var shown = inFlight(), elapsed = shown && shown.querySelector("[data-elapsed]");
  if (elapsed) elapsed.textContent = seconds();
}
on("htmx:beforeSend", function (event) {
  var shown = inFlight();
  if (!isSend(event) || !shown) return;
  started = performance.now();
  tick();
  shown.hidden = false;
  clearInterval(ticking);
  ticking = setInterval(tick, 100);
});
on("htmx:afterRequest", function (event) {
  if (!isSend(event)) return;
  clearInterval(ticking);
  var shown = inFlight();
  if (shown) shown.hidden = true;
});
on("htmx:sendAbort", function (event) {
  var result = document.getElementById("result");
  if (!isSend(event) || !result) return;
  var note = document.createElement("div");
  note.className = "result-note"; // a choice, not a failure: no red box
  note.setAttribute("role", "status");
  note.textContent = "Send cancelled after " + seconds() + ": its answer was not waited for (the server " +
    "may still have carried out the call). The form is as it was; press Send to send it again.";
  result.replaceChildren(note);
});
on("click", function (event) {
  if (!event.target.closest || !event.target.closest("[data-cancel]")) return;
  var form = consoleForm();
  if (!form || !window.htmx) return;
  window.htmx.trigger(form, "htmx:abort");
  var send = form.querySelector("button.send");
  if (send) send.focus();
});

summarise();
