// testme console: the few behaviours htmx does not cover. No inline handlers (CSP script-src 'self').
(function () {
  "use strict";

  var CHECKS = {
    int: { re: /^-?\d+$/, message: "Not an integer: the server will likely reject it." },
    float: { re: /^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/, message: "Not a number: the server will likely reject it." }
  };
  var TEN_YEARS = 10 * 365 * 24 * 3600;

  function timeHint(value) {
    if (!/^-?\d+$/.test(value)) return "";
    var n = parseInt(value, 10);
    if (Math.abs(n) < TEN_YEARS) return "now " + (n >= 0 ? "+ " : "- ") + Math.abs(n) + " s";
    return new Date(n * 1000).toISOString().replace("T", " ").replace(/\.\d+Z$/, " UTC");
  }

  function check(input) {
    var rule = CHECKS[input.dataset.check];
    var problem = document.getElementById(input.id + "-problem");
    var bad = rule && input.value !== "" && !rule.re.test(input.value.trim());
    if (bad) input.setAttribute("aria-invalid", "true"); else input.removeAttribute("aria-invalid");
    if (problem) problem.textContent = bad ? rule.message : "";
    if (input.dataset.time) {
      var out = input.parentNode.querySelector("output.time-hint");
      if (out) out.textContent = timeHint(input.value.trim());
    }
  }

  function toggle(button, hidden) {
    var on = button.getAttribute("aria-pressed") !== "true";
    button.setAttribute("aria-pressed", on ? "true" : "false");
    if (hidden) { hidden.disabled = !on; hidden.value = on ? "1" : ""; }
  }

  document.addEventListener("input", function (event) {
    var target = event.target;
    if (target.dataset && target.dataset.check) check(target);
  });

  // A console fragment that could not be fetched says so beside Send; 4xx answers are problem
  // fragments and are swapped in where they belong (see responseHandling in base.html).
  function status(message) {
    var line = document.getElementById("console-status");
    if (line) line.textContent = message;
  }
  document.addEventListener("htmx:beforeRequest", function () { status(""); });
  document.addEventListener("htmx:sendError", function () {
    status("The testme server did not answer: is it still running?");
  });
  document.addEventListener("htmx:responseError", function (event) {
    status("The testme server answered HTTP " + event.detail.xhr.status + "; nothing was changed.");
  });

  document.addEventListener("click", function (event) {
    var target = event.target.closest("button");
    if (!target) return;
    if (target.dataset.nullFor !== undefined) {
      toggle(target, target.parentNode.querySelector('input[type=hidden][name="' + target.dataset.nullFor + '__null"]'));
    } else if (target.dataset.emptyFor !== undefined) {
      toggle(target, target.parentNode.querySelector('input[type=hidden][name="' + target.dataset.emptyFor + ':-"]'));
    } else if (target.dataset.remove) {
      var item = document.getElementById(target.dataset.remove);
      if (item) item.remove();
    }
  });

  // A secret's Show button: its password input reads as text while the button is pressed.
  document.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-reveal]");
    var input = button && document.getElementById(button.dataset.reveal);
    if (!input) return;
    var on = button.getAttribute("aria-pressed") !== "true";
    button.setAttribute("aria-pressed", on ? "true" : "false");
    input.type = on ? "text" : "password";
  });
})();
