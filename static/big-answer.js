// Big answers: "Show all" and "Download" in the Result (templates/_answer.html). Both read the
// answer the page received with the Result, kept in a <template data-raw-answer> beside its
// text: the server keeps no copy (several replicas, no answer reachable by another browser).
// Download saves those bytes; Show all posts them back for the rest of their pretty text.
import { on } from "./events.js";

var CHUNK = 64 * 1024;    // characters added to the page per task (whole lines)
var LINE_EM = 1.45;       // pre.code's line-height (testme.css)
var GONE = "This answer is no longer in the page (the console keeps no copy of it): press Send again to get it.";

function boxOf(button) { return button.closest("[data-answer]"); }
function rawOf(box) { return box && box.querySelector("template[data-raw-answer]"); }
function say(box, message) {
  var status = box && box.querySelector("[data-answer-status]");
  if (status) status.textContent = message;
}

// The exact bytes received: UTF-8 text, or base64 for a body that is not (raw_answer.py).
// null when the page no longer holds them whole.
function bytesOf(template) {
  if (!template) return null;
  var text = template.content.textContent, bytes;
  if (template.dataset.encoding === "base64") {
    try { text = atob(text); } catch (error) { return null; }
    bytes = new Uint8Array(text.length);
    for (var i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  } else {
    bytes = new TextEncoder().encode(text);
  }
  return String(bytes.length) === template.dataset.size ? bytes : null;
}

// The answer as text: as received, or decoded from its bytes (a bad byte shows as U+FFFD).
// The Result tools read it too (result-tools.js: the path filter, Copy answer).
export function textOf(template) {
  if (!template) return null;
  if (template.dataset.encoding !== "base64") return template.content.textContent;
  var bytes = bytesOf(template);
  return bytes ? new TextDecoder().decode(bytes) : null;
}

function download(button) {
  var box = boxOf(button), template = rawOf(box), bytes = bytesOf(template);
  if (!bytes) { say(box, GONE); return; }
  var blob = new Blob([bytes], {type: template.dataset.contentType || "application/octet-stream"});
  var link = document.createElement("a");
  link.href = URL.createObjectURL(blob);
  link.download = template.dataset.filename || "answer.txt";
  link.hidden = true;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(function () { URL.revokeObjectURL(link.href); }, 60000);
  say(box, "Saved as " + link.download + ".");
}

function later(fn) { setTimeout(fn, 0); }
function lineCount(text) { var n = 0, at = -1; while ((at = text.indexOf("\n", at + 1)) >= 0) n++; return n; }

// Show all posts the bytes the page holds and adds the rest of the pretty text the server
// answers (app/protocol/whole_answer.py: the same layout as the first part's), piece by piece
// as it arrives, each its own task, so the page answers clicks and keys meanwhile.
function showAll(button) {
  var box = boxOf(button), template = rawOf(box), pre = box && box.querySelector("pre.code");
  var bytes = bytesOf(template);
  if (!bytes || !pre) { say(box, GONE); return; }
  if (button.getAttribute("aria-disabled") === "true") return;  // already under way
  button.setAttribute("aria-disabled", "true");  // not `disabled`: that would drop the focus
  box.setAttribute("aria-busy", "true");
  say(box, "Showing all…");
  var url = new URL(button.dataset.url, document.baseURI);
  url.searchParams.set("type", template.dataset.contentType || "");
  var added = 0, held = "";
  function append(text) {
    if (!text) return;
    var chunk = document.createElement("span");
    chunk.className = "answer-chunk";
    chunk.textContent = text;
    // A block of its own, drawn when scrolled to (content-visibility, testme.css), sized by
    // its lines meanwhile: adding a piece costs that piece, not a layout of all before it.
    chunk.style.containIntrinsicBlockSize = "auto " + (lineCount(text) * LINE_EM) + "em";
    pre.appendChild(chunk);  // beside the first part's <code>, which is then left as laid out
    added += text.length;
  }
  function failed() {
    box.removeAttribute("aria-busy");
    button.removeAttribute("aria-disabled");
    say(box, "Show all failed: the console did not answer. Download gives the whole answer.");
  }
  fetch(url.pathname + url.search, {method: "POST", body: bytes, headers: {"Content-Type": "application/octet-stream"}})
    .then(function (response) {
      if (!response.ok || !response.body) { failed(); return; }
      var reader = response.body.getReader(), decoder = new TextDecoder(), done = false;
      function read() {
        reader.read().then(function (step) {
          done = step.done;
          held += done ? decoder.decode() : decoder.decode(step.value, {stream: true});
          later(add);
        }, failed);
      }
      // At most CHUNK characters (whole lines) a task, however much one read brought.
      function add() {
        var end = done ? held.length : held.lastIndexOf("\n") + 1;
        var cut = end > CHUNK ? held.indexOf("\n", CHUNK - 1) + 1 : 0;
        if (cut > 0 && cut < end) end = cut;
        append(held.slice(0, end));
        held = held.slice(end);
        if (held.indexOf("\n") >= 0 || (done && held)) { later(add); return; }
        if (!done) {
          say(box, "Showing all… " + Math.round(added / 1024) + " KB added");
          read();
          return;
        }
        box.removeAttribute("aria-busy");
        var note = box.querySelector("[data-answer-part]");
        if (note) note.hidden = true;
        var focused = document.activeElement === button;
        button.hidden = true;
        var save = box.querySelector("[data-download]");
        if (focused && save) save.focus();
        say(box, "The whole answer is shown.");
      }
      read();
    }, failed);
}

on("click", function (event) {
  var button = event.target.closest && event.target.closest("button");
  if (!button || !boxOf(button)) return;
  if (button.hasAttribute("data-download")) download(button);
  else if (button.hasAttribute("data-show-all")) showAll(button);
});
