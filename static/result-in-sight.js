// testme: a Send's outcome that arrives out of sight. On a narrow screen the Result sits under
// the form (4,000 px under a media.list filter): when an outcome arrives there, a "Result ↓"
// link floats above Send until the Result is seen (out of the bar's flow: nothing moves as it
// comes and goes, comfort.css), and the Result's "Back to Send" link comes back. On a wide
// screen the Result stands beside the form, in sight, and nothing shows or moves.
// Scrolling is smooth unless the system asks for reduced motion. No inline handlers.
import { on } from "./events.js";
import { isSend } from "./page.js";
// After field-problems.js, for the same swap: a Send held back for its problems moves the focus
// (and the page with it) before this measures whether the Result is in sight.
import "./field-problems.js";

var reduced = window.matchMedia ? window.matchMedia("(prefers-reduced-motion: reduce)") : null;
function behavior() { return reduced && reduced.matches ? "auto" : "smooth"; }
function toResult() { return document.querySelector("[data-to-result]"); }

// In sight: a line of it shows above the sticky Send bar (.send-row), which may cover the
// bottom of the window.
var A_LINE = 32;
function inSight(result, link) {
  var bar = link.closest(".send-row");
  var bottom = window.innerHeight - (bar ? bar.getBoundingClientRect().height : 0);
  var box = result.getBoundingClientRect();
  return box.top < bottom - A_LINE && box.bottom > A_LINE;
}

function show(on) {
  var link = toResult();
  if (link) link.hidden = !on;
}
var watching = false;
function watch() { // until the Result is seen, however the page got there
  if (watching) return;
  watching = true;
  window.addEventListener("scroll", seen, { passive: true });
  window.addEventListener("resize", seen, { passive: true });
}
function seen() {
  var link = toResult(), result = document.getElementById("result");
  if (link && result && !link.hidden && !inSight(result, link)) return;
  show(false);
  watching = false;
  window.removeEventListener("scroll", seen);
  window.removeEventListener("resize", seen);
}

// Measured in the next frame, not in the swap: reading a box there forced a layout of the
// whole new answer before the Result tools had folded its long lists (a third of a second for
// a 5 MB answer); by the frame, the page is laid out once, as it is drawn.
on("htmx:afterSwap", function (event) {
  var result = event.detail.target;
  if (!result || result.id !== "result" || !toResult()) return;
  requestAnimationFrame(function () {
    var link = toResult();
    if (!link || !result.isConnected) return;
    show(!inSight(result, link));
    if (!link.hidden) watch();
  });
});
on("htmx:beforeRequest", function (event) {
  if (isSend(event)) show(false); // the next is coming
});

on("click", function (event) {
  var link = event.target.closest && event.target.closest("[data-to-result], [data-to-send]");
  if (!link) return;
  event.preventDefault(); // no #fragment: the address is the form's link (address.js)
  if (link.hasAttribute("data-to-result")) {
    var result = document.getElementById("result");
    if (!result) return;
    show(false);
    if (!result.hasAttribute("tabindex")) result.tabIndex = -1; // a region: focusable, no Tab stop
    result.scrollIntoView({ block: "start", behavior: behavior() });
    result.focus({ preventScroll: true }); // Tab goes on into the answer, first to Back to Send
  } else {
    var send = document.querySelector("#console button.send");
    if (!send) return;
    send.scrollIntoView({ block: "end", behavior: behavior() });
    send.focus({ preventScroll: true });
  }
});
