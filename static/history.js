// History: every Send kept in this browser (localStorage), newest first, at most 200, each
// as the form's link (so never a secret: see address.js `valuesOf`) with its call, time, what
// it came to (`OK`, `failed: INVALID_KS`, `2 of 3 failed: …`, `no answer: timed out`: the
// server's words, never read here from the answer) and duration, read from the Result
// (data-history-* of _result.html). Choosing one opens its link; one whose action the loaded
// schema lacks (`loadKnown`) is not offered. Storage disabled or full: Send works as ever
// and the panel says history is off.
import { on } from "./events.js";
import { consoleForm, isSend } from "./page.js";
import { linkOf } from "./address.js";
import { isSending } from "./send.js";

const HISTORY = "testme.history", HISTORY_CAP = 200;
let pendingSend = null;
function storage() {
  try {
    const store = window.localStorage, probe = HISTORY + ".probe";
    store.setItem(probe, "1");
    store.removeItem(probe);
    return store;
  } catch (error) { return null; }
}
function historyNote(message) {
  const note = document.querySelector("[data-history-note]");
  if (note) note.textContent = message;
}
function readHistory() {
  const store = storage();
  if (!store) { historyNote("History is off: this browser does not let the page store it."); return []; }
  try {
    const list = JSON.parse(store.getItem(HISTORY) || "[]");
    return Array.isArray(list) ? list.filter((e) => e && typeof e.link === "string") : [];
  } catch (error) { return []; }
}
function writeHistory(list) {
  const store = storage();
  if (!store) { historyNote("History is off: this browser does not let the page store it."); return; }
  list = list.slice(0, HISTORY_CAP);
  for (;;) {
    try { store.setItem(HISTORY, JSON.stringify(list)); historyNote(""); return; } catch (error) {
      if (list.length <= 1) { historyNote("History is off: the browser's storage is full."); return; }
      list = list.slice(0, Math.ceil(list.length / 2)); // full: keep the newer half
    }
  }
}
// The loaded schema's calls come apart from the page (#history-known names where: the page
// carries no 24 KB list it may never use), fetched when History is first shown and again only
// after Reload schema names another list. Not fetched (the testme server down; not asked again
// until the page is reloaded): every entry is offered, and the console's page says if its call
// is not found.
let knownNames = null, knownFrom = "", knownLoading = Promise.resolve();
function loadKnown() {
  const holder = document.getElementById("history-known");
  const url = holder ? holder.dataset.knownUrl : "";
  if (!url || url === knownFrom) return knownLoading;
  knownFrom = url;
  knownLoading = fetch(url)
    .then((answer) => (answer.ok ? answer.text() : Promise.reject(new Error("HTTP " + answer.status))))
    .then((text) => { if (knownFrom === url) knownNames = " " + text + " "; })
    .catch(() => { if (knownFrom === url) knownNames = null; }); // not asked again until a reload
  return knownLoading;
}
function known(entry) {
  const calls = Array.isArray(entry.calls) ? entry.calls : [];
  if (knownNames === null) return calls.length > 0;
  return calls.length > 0 && calls.every((call) => knownNames.indexOf(" " + String(call).toLowerCase() + " ") >= 0);
}
function sameConsole(link) {
  const url = new URL(link, location.href);
  return url.origin === location.origin && url.pathname === location.pathname ? url.pathname + url.search : "";
}
function outcomeOf(entry) { return entry.outcome || "HTTP " + entry.status; } // older entries: the status
const DOT = " \u00b7 ";
function describe(entry) { // its parts: call, time, outcome, duration
  const at = String(entry.at || "").replace("T", " ").slice(0, 19);
  return [entry.label, at + " UTC", outcomeOf(entry), entry.ms + " ms"];
}
function showHistory() {
  loadKnown().then(listHistory);
}
function listHistory() {
  const list = document.querySelector("[data-history-list]");
  if (!list) return;
  const search = document.querySelector("[data-history-search]");
  const words = (search ? search.value : "").trim().toLowerCase();
  list.textContent = "";
  readHistory().forEach((entry, index) => {
    const parts = describe(entry), text = parts.join(DOT);
    if (words && (text + " " + entry.link).toLowerCase().indexOf(words) < 0) return;
    const item = document.createElement("li");
    const restore = document.createElement("button");
    restore.type = "button";
    restore.className = "history-restore";
    const outcome = document.createElement("span"); // marked when the call failed
    outcome.className = entry.failed ? "history-outcome history-failed" : "history-outcome";
    outcome.textContent = parts[2];
    restore.append(parts.slice(0, 2).join(DOT) + DOT, outcome, DOT + parts[3]);
    restore.dataset.historyRestore = String(index);
    item.appendChild(restore);
    if (!known(entry) || !sameConsole(entry.link)) {
      restore.disabled = true;
      const missing = document.createElement("span");
      missing.className = "history-missing";
      missing.textContent = "not in this schema";
      item.appendChild(missing);
    }
    const remove = document.createElement("button");
    remove.type = "button";
    remove.textContent = "Delete";
    remove.setAttribute("aria-label", "Delete " + text);
    remove.dataset.historyDelete = String(index);
    item.appendChild(remove);
    list.appendChild(item);
  });
}
function recordSend() {
  const heading = document.querySelector("#result [data-history]");
  if (!pendingSend || !heading) return;
  const entry = {
    link: pendingSend, label: heading.dataset.history, calls: (heading.dataset.historyCalls || "").trim().split(" "),
    at: new Date().toISOString(), status: heading.dataset.historyStatus, ms: heading.dataset.historyMs,
    outcome: heading.dataset.historyOutcome, failed: heading.dataset.historyFailed !== undefined
  };
  pendingSend = null;
  writeHistory([entry].concat(readHistory()));
  listHistory(); // the calls' list is fetched when History is shown, not for a Send
}
// First: before send.js marks this Send as the one in flight.
on("htmx:beforeRequest", (event) => {
  const form = consoleForm();
  if (isSend(event) && form && !isSending()) pendingSend = linkOf(form);
}, { first: true });
on("htmx:afterSwap", (event) => { if (isSend(event)) recordSend(); });
on("input", (event) => {
  if (event.target.dataset && event.target.dataset.historySearch !== undefined) showHistory();
});
on("click", (event) => {
  const button = event.target.closest && event.target.closest("button");
  if (!button) return;
  if (button.dataset.historyToggle !== undefined) {
    const panel = document.getElementById(button.getAttribute("aria-controls"));
    const open = button.getAttribute("aria-expanded") !== "true";
    button.setAttribute("aria-expanded", open ? "true" : "false");
    if (panel) panel.hidden = !open;
    if (open) showHistory();
    // Under a long form the panel opens thousands of pixels below its button: bring it into
    // view and put the focus in its search (Escape goes back to the button, comfort.js).
    const search = open && panel && panel.querySelector("[data-history-search]");
    if (search) {
      panel.scrollIntoView({ block: "nearest" });
      search.focus({ preventScroll: true });
    }
  } else if (button.dataset.historyClear !== undefined) {
    writeHistory([]);
    showHistory();
  } else if (button.dataset.historyDelete !== undefined) {
    const list = readHistory();
    list.splice(parseInt(button.dataset.historyDelete, 10), 1);
    writeHistory(list);
    showHistory();
  } else if (button.dataset.historyRestore !== undefined) {
    const entry = readHistory()[parseInt(button.dataset.historyRestore, 10)];
    const link = entry && known(entry) && sameConsole(entry.link);
    if (link) location.assign(link);
  }
});

// On load: the History panel says whether it can keep anything.
readHistory();
