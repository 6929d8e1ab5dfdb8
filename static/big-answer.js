// Big answers: "Show all" and "Download" in the Result (templates/_answer.html). Both read the
// answer the page received with the Result, kept in a <template data-raw-answer> beside its
// text: the server keeps no copy (several replicas, no answer reachable by another browser), so
// nothing is asked of it again. Show all pretty-prints in this page and adds the rest in small
// steps, each its own task, so the page answers clicks and keys meanwhile.
import { on } from "./events.js";

var STEP_MS = 8;          // work per task before letting the page answer input
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

// XML laid out as the server lays out the first part (ElementTree's indent, then tostring):
// one element a line, two spaces a level, `<a />` when empty, text re-escaped, no declaration,
// comments or processing instructions. Step by step: `step()` returns the text when done.
var XML_TOKEN = /<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!\[CDATA\[([\s\S]*?)\]\]>|<![^>]*>|<(\/?)([^\s\/>]+)([^>]*?)(\/?)>|([^<]+)|</g;
var ENTITY = /&(?:(amp|lt|gt|quot|apos)|#(\d+)|#x([0-9a-fA-F]+));/g;
var NAMED = {amp: "&", lt: "<", gt: ">", quot: "\"", apos: "'"};
var ATTRIBUTE = /([^\s=]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
function decoded(text) {
  return text.replace(ENTITY, function (all, name, dec, hex) {
    return name ? NAMED[name] : String.fromCodePoint(parseInt(dec || hex, dec ? 10 : 16));
  });
}
function escapedText(text) { return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;"); }
function escapedValue(text) {
  return escapedText(text).replace(/"/g, "&quot;").replace(/\n/g, "&#10;").replace(/\r/g, "&#13;").replace(/\t/g, "&#09;");
}
function xmlSteps(raw) {
  var lines = [], depth = 0, open = null, found;
  XML_TOKEN.lastIndex = 0;
  function indent() { return "  ".repeat(depth); }
  function flush() {  // an open element that turned out to have children
    if (!open) return;
    lines.push(indent() + "<" + open.name + open.attrs + ">");
    depth++;
    open = null;
  }
  function attrs(source) {
    var out = "", pair;
    ATTRIBUTE.lastIndex = 0;
    while ((pair = ATTRIBUTE.exec(source))) out += " " + pair[1] + "=\"" + escapedValue(decoded(pair[2] !== undefined ? pair[2] : pair[3])) + "\"";
    return out;
  }
  return function step() {
    var until = performance.now() + STEP_MS;
    while (performance.now() < until) {
      for (var n = 0; n < 500; n++) {
        if (!(found = XML_TOKEN.exec(raw))) { flush(); return lines.join("\n"); }
        if (found[1] !== undefined) { if (open) open.text += found[1]; }
        else if (found[6] !== undefined) { if (open) open.text += decoded(found[6]); }
        else if (found[3] === undefined) continue;  // declaration, comment, doctype
        else if (found[2]) {
          if (open) {
            lines.push(indent() + "<" + open.name + open.attrs + (open.text ? ">" + escapedText(open.text) + "</" + open.name + ">" : " />"));
            open = null;
          } else {
            depth = Math.max(depth - 1, 0);
            lines.push(indent() + "</" + found[3] + ">");
          }
        } else {
          flush();
          if (found[5]) lines.push(indent() + "<" + found[3] + attrs(found[4]) + " />");
          else open = {name: found[3], attrs: attrs(found[4]), text: ""};
        }
      }
    }
    return null;
  };
}

// The whole answer's pretty text, as the server would have made it all: JSON as
// json.dumps(indent=2) writes it, XML as above, any other text as it came.
function prettySteps(raw, kind) {
  if (kind === "xml") return xmlSteps(raw);
  return function () {
    if (kind !== "json") return raw;
    try { return JSON.stringify(JSON.parse(raw), null, 2); } catch (error) { return raw; }
  };
}

function later(fn) { setTimeout(fn, 0); }
function lineCount(text) { var n = 0, at = -1; while ((at = text.indexOf("\n", at + 1)) >= 0) n++; return n; }

function showAll(button) {
  var box = boxOf(button), template = rawOf(box), pre = box && box.querySelector("pre.code");
  var bytes = bytesOf(template);
  if (!bytes || !pre) { say(box, GONE); return; }
  if (button.getAttribute("aria-disabled") === "true") return;  // already under way
  var raw = textOf(template);
  var step = prettySteps(raw, box.dataset.kind);
  button.setAttribute("aria-disabled", "true");  // not `disabled`: that would drop the focus
  box.setAttribute("aria-busy", "true");
  say(box, "Showing all…");
  (function pretty() {
    var whole = step();
    if (whole === null) { later(pretty); return; }
    var shown = pre.textContent, at = 0;
    // The first part is the start of the same text; if this page laid it out otherwise,
    // the whole answer replaces it rather than repeating or skipping a line.
    var rest = whole.startsWith(shown) ? whole.slice(shown.length) : (pre.textContent = "", whole);
    (function add() {
      var end = Math.min(at + CHUNK, rest.length);
      var line = rest.indexOf("\n", end - 1);
      end = end === rest.length || line < 0 ? rest.length : line + 1;
      var chunk = document.createElement("span");
      chunk.className = "answer-chunk";
      chunk.textContent = rest.slice(at, end);
      // A block of its own, drawn when scrolled to (content-visibility, testme.css), sized by
      // its lines meanwhile: adding a step costs that step, not a layout of all before it.
      chunk.style.containIntrinsicBlockSize = "auto " + (lineCount(chunk.textContent) * LINE_EM) + "em";
      pre.appendChild(chunk);  // beside the first part's <code>, which is then left as laid out
      at = end;
      if (at < rest.length) {
        say(box, "Showing all… " + Math.floor(100 * at / rest.length) + "%");
        later(add);
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
    })();
  })();
}

on("click", function (event) {
  var button = event.target.closest && event.target.closest("button");
  if (!button || !boxOf(button)) return;
  if (button.hasAttribute("data-download")) download(button);
  else if (button.hasAttribute("data-show-all")) showAll(button);
});
