// Import (templates/_import.html): the dialog where a pasted call fills the form. The server
// reads the text (views/call_import.py) and sends the page to the form's link, or answers a
// message into the dialog, the text left as pasted. Escape closes the dialog (the browser's
// own, for a modal <dialog>), and the focus goes back to Import.
import { on } from "./events.js";

function dialog() { return document.querySelector("[data-import-dialog]"); }
function opener() { return document.querySelector("button[data-import]"); }

// Import's button (main.js loads this module as it is pressed).
export function open() {
  const shown = dialog();
  if (!shown || shown.open) return;
  shown.showModal();
  const text = shown.querySelector("textarea");
  if (text) { text.focus(); text.select(); }
}

on("click", (event) => {
  if (event.target.closest && event.target.closest("[data-import-close]")) dialog().close();
});

// Ctrl/Cmd-Enter in the text fills the form, as it sends from the console's own fields.
on("keydown", (event) => {
  if (event.key !== "Enter" || !(event.ctrlKey || event.metaKey)) return;
  const shown = dialog();
  if (!shown || !shown.contains(event.target)) return;
  event.preventDefault();
  shown.querySelector("form").requestSubmit();
});

// A new paste starts without the last one's message.
on("input", (event) => {
  const shown = event.target.closest && event.target.closest("[data-import-dialog]");
  const message = shown && shown.querySelector("#import-message");
  if (message) message.textContent = "";
});

// `close` does not bubble, so it is the dialog's own listener: wherever it closed from (Close,
// Escape), the focus returns to the button that opened it.
const shown = dialog();
if (shown) shown.addEventListener("close", () => { const back = opener(); if (back) back.focus(); });

// The page an Import opened says what it placed and what not: the focus starts there.
const report = document.getElementById("import-report");
if (report) report.focus();
