// The KS inspector beside the ks field (templates/_ks.html, _ks_inspected.html): the live
// countdown to the KS's expiry, the panel going stale as the field changes, and the
// "Start a session" link carrying the form's partnerId. No inline script (CSP script-src 'self').
import { on } from "./events.js";
import { fill } from "./page.js";

// The countdown's rule and words are the server's (app/protocol/ks_inspection.py
// `countdown_rule`), carried by the panel as data-countdown-rule: time left in the units from
// the largest that is not 0, time past in its largest whole unit.
function countdown(seconds, rule) {
  var units = rule.units, last = units.length - 1, at;
  if (seconds < 0) {
    for (at = 0; at < last && -seconds < units[at][1]; at++);
    return fill(rule.ago[at], {n: Math.floor(-seconds / units[at][1])});
  }
  var values = {}, rest = seconds;
  units.forEach(function (unit) { values[unit[0]] = Math.floor(rest / unit[1]); rest %= unit[1]; });
  values.mm = String(values.m).padStart(2, "0");
  values.ss = String(values.s).padStart(2, "0");
  for (at = 0; at < last && !values[units[at][0]]; at++);
  return fill(rule.left[at], values);
}

// The server's clock decides, not this browser's: `data-now` is the server's time when it
// answered, so a skewed local clock shifts nothing.
function tick() {
  document.querySelectorAll("[data-ks-inspection][data-expiry]").forEach(function (panel) {
    if (panel.dataset.offset === undefined) panel.dataset.offset = String(Number(panel.dataset.now) - Date.now() / 1000);
    var left = Math.floor(Number(panel.dataset.expiry) - (Date.now() / 1000 + Number(panel.dataset.offset)));
    var shown = panel.querySelector("[data-countdown]");
    if (shown && panel.dataset.countdownRule) shown.textContent = countdown(left, JSON.parse(panel.dataset.countdownRule));
    // Past, not at, the expiry: a server takes a KS until its second has gone by.
    if (left < 0 && !panel.classList.contains("ks-expired")) expired(panel, shown);
  });
}

// The KS ran out while watched: mark it, and ask the server once more, so the note and the
// warning beside Send come from its answer (a v2 KS's expiry is known only to the server).
function expired(panel, shown) {
  panel.classList.add("ks-expired");
  if (shown) shown.classList.add("ks-dead");
  var button = document.querySelector("[data-ks-inspect]");
  if (button && window.htmx) window.htmx.trigger(button, "click");
}
setInterval(tick, 1000);

function inspector() { return document.querySelector("[data-ks-inspector]"); }

// The panel opens under the ks field, often past the fold and under the sticky Send bar:
// Inspect brings it whole into view (the page's scroll-padding-bottom keeps clear of the bar;
// a bar grown taller, with a warning or on a narrow screen, is measured), its top first.
function reveal(panel) {
  panel.scrollIntoView({ block: "nearest" });
  var bar = document.querySelector(".send-row"), box = panel.getBoundingClientRect();
  var under = bar ? box.bottom - bar.getBoundingClientRect().top : 0;
  if (under > 0) window.scrollBy(0, Math.min(under + 8, box.top));
}
// Inspect's answer, or a ks field swapped with its reading (a KS made).
on("htmx:afterSettle", function (event) {
  var panel = inspector(), target = event.detail.target;
  if (panel && panel.firstElementChild && (target === panel || target.contains(panel))) reveal(panel);
});

on("input", function (event) {
  var input = event.target;
  if (!input.closest || !input.closest("#ks-field") || input.tagName !== "INPUT") return;
  // What the panel says is about the KS that was inspected, not the one typed now.
  var panel = inspector();
  if (panel) panel.replaceChildren();
  var start = document.querySelector("[data-ks-start]");
  if (start) start.hidden = input.value.trim() !== "";
});

function partnerInto(link) {
  var from = document.getElementById(link.dataset.partnerField);
  var url = new URL(link.href, document.baseURI);
  if (from && from.value.trim()) url.searchParams.set(link.dataset.partnerName, from.value.trim());
  link.href = url.pathname + url.search;
}
["click", "focusin", "mouseover"].forEach(function (kind) {
  on(kind, function (event) {
    var link = event.target.closest && event.target.closest("[data-ks-start] a[data-partner-field]");
    if (link) partnerInto(link);
  });
});

on("click", function (event) {
  var close = event.target.closest && event.target.closest("[data-ks-inspection-close]");
  if (!close) return;
  var panel = inspector();
  if (panel) panel.replaceChildren();
  var button = document.querySelector("[data-ks-inspect]");
  if (button) button.focus();
});
