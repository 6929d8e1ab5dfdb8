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

  // A value of a type the schema lacks: JSON that opens an object or array must parse (the
  // server says the same on Send: encoding.py `unknown`); anything else goes as text.
  var WHOLE_REFERENCE = /^\{\d+:result(:[^{}]*)?\}$/;
  function checkJson(input) {
    var text = input.value.trim(), message = "";
    if (/^[\[{]/.test(text) && !WHOLE_REFERENCE.test(text)) {
      try { JSON.parse(text); } catch (error) { message = "Not valid JSON: it would be sent as text."; }
    }
    if (message) input.setAttribute("aria-invalid", "true"); else input.removeAttribute("aria-invalid");
    var problem = document.getElementById(input.id + "-problem");
    if (problem) problem.textContent = message;
  }

  document.addEventListener("input", function (event) {
    if (event.target.dataset && event.target.dataset.json) checkJson(event.target);
  });

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
    } else if (target.dataset.clear) {
      // Clear: the field's own input event asks the server for the new note (views/ks.py).
      var field = document.getElementById(target.dataset.clear);
      if (field) {
        field.value = "";
        field.dispatchEvent(new Event("input", { bubbles: true }));
        field.focus();
      }
    } else if (target.dataset.remove) {
      var item = document.getElementById(target.dataset.remove);
      if (item && item.classList.contains("subrequest")) removeRequest(item);
      else if (item) item.remove();
    }
  });

  // Multirequest requests are numbered 1..n on the page as on the wire (api_v3 stops at a gap),
  // so removing one renumbers those after it (legend, button, ids, names, htmx attributes) and
  // every {N:result…} typed in any request; removing one whose result another uses is refused.
  var REFERENCE = /\{(\d+):result(:[^{}]*)?\}/g; // as _RESULT_REFERENCE in app/kaltura/encoding.py
  var RENAMED = /^(id|name|for|list)$|^(aria|data|hx)-/; // attributes that may hold a number

  function requestNumber(request) { return parseInt(request.id.replace("request-", ""), 10); }

  function typedValues(request) {
    return Array.prototype.filter.call(request.querySelectorAll("input, textarea"), function (input) {
      return input.type !== "file" && input.type !== "hidden";
    });
  }

  function referenceTo(requests, n) {
    for (var i = 0; i < requests.length; i++) {
      var inputs = typedValues(requests[i]);
      for (var j = 0; j < inputs.length; j++) {
        var found = (inputs[j].value.match(REFERENCE) || []).filter(function (ref) {
          return parseInt(ref.slice(1), 10) === n;
        });
        if (found.length) return { request: requestNumber(requests[i]), reference: found[0] };
      }
    }
    return null;
  }

  function renumber(request, from, to) {
    // `3:filter`, `r3-service`, `f-3-filter-body`, `request-3`, `prefix=3%3A`: the number at the
    // start of a name, path or id, never inside one (`items:3:name` is an item index).
    var token = new RegExp("(^|[\\s#'\"\\[=])((request-|r|f-)" + from + "(?=-|$)|" + from + "(?=:|%3A))", "g");
    [request].concat(Array.prototype.slice.call(request.querySelectorAll("*"))).forEach(function (el) {
      Array.prototype.forEach.call(el.attributes, function (attr) {
        if (RENAMED.test(attr.name)) {
          var renamed = attr.value.replace(token, function (match, before, number, kind) {
            return before + (kind || "") + to;
          });
          if (renamed !== attr.value) el.setAttribute(attr.name, renamed);
        }
      });
    });
    request.querySelector(":scope > legend").textContent = "Request " + to;
    request.querySelector(":scope > button.remove").textContent = "Remove request " + to;
  }

  function removeRequest(request) {
    var n = requestNumber(request);
    var others = Array.prototype.filter.call(document.querySelectorAll("fieldset.subrequest"), function (r) {
      return r !== request;
    });
    var problem = request.querySelector(":scope > .request-problem");
    var user = referenceTo(others, n);
    if (user) {
      problem.textContent = "Not removed: request " + user.request + " uses its result (" + user.reference +
        "). Change that reference first.";
      return;
    }
    request.remove();
    others.forEach(function (other) {
      var m = requestNumber(other);
      if (m > n) renumber(other, m, m - 1);
      other.querySelector(":scope > .request-problem").textContent = ""; // its numbers are stale now
      typedValues(other).forEach(function (input) {
        var value = input.value.replace(REFERENCE, function (ref, number, path) {
          var k = parseInt(number, 10);
          return k > n ? "{" + (k - 1) + ":result" + (path || "") + "}" : ref;
        });
        if (value !== input.value) input.value = value;
      });
    });
    var add = document.getElementById("add-request");
    if (add) add.setAttribute("hx-vals", JSON.stringify({ n: String(others.length + 1) }));
    var next = document.getElementById("request-" + n);
    var focus = next ? next.querySelector("select") : add;
    if (focus) focus.focus();
  }
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
