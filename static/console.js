// testme console: the few behaviours htmx does not cover. No inline handlers (CSP script-src 'self').
(function () {
  "use strict";

  // The patterns come from the server (app/kaltura/patterns.py, as data- attributes of the
  // form), so a field and Send judge a value by the same rule.
  var MESSAGES = {
    int: "Not an integer: the server will likely reject it.",
    float: "Not a number: the server will likely reject it."
  };
  var TEN_YEARS = 10 * 365 * 24 * 3600;

  function pattern(form, name) {
    var source = form && form.dataset["pattern" + name.charAt(0).toUpperCase() + name.slice(1)];
    return source ? new RegExp("^(?:" + source + ")$") : null;
  }

  function timeHint(value, form) {
    var whole = pattern(form, "int");
    if (!whole || !whole.test(value)) return "";
    var n = parseInt(value, 10);
    if (Math.abs(n) < TEN_YEARS) return "now " + (n >= 0 ? "+ " : "- ") + Math.abs(n) + " s";
    return new Date(n * 1000).toISOString().replace("T", " ").replace(/\.\d+Z$/, " UTC");
  }

  // What is wrong with a typed value, or "". Inside multirequest request N (a fieldset the
  // server marked data-request=N), `{M:result…}` stands for an earlier answer, as on the server.
  function problemOf(input, value) {
    var rule = pattern(input.form, input.dataset.check);
    if (value === "") return "";
    var request = input.closest("fieldset[data-request]");
    var reference = request && pattern(input.form, "reference");
    var found = reference && reference.exec(value);
    if (found) {
      var n = parseInt(found[1], 10);
      return n >= 1 && n < requestNumber(request) ? "" : "Refers to request " + n + ", which does not run before it.";
    }
    return !rule || rule.test(value) ? "" : MESSAGES[input.dataset.check];
  }

  // A field's problem line: the server wrote its id into the field's data-problem.
  function problemLine(element) {
    return element.dataset.problem ? document.getElementById(element.dataset.problem) : null;
  }

  function check(input) {
    var value = input.value.trim();
    var message = problemOf(input, value);
    var problem = problemLine(input);
    if (message) input.setAttribute("aria-invalid", "true"); else input.removeAttribute("aria-invalid");
    if (problem) problem.textContent = message;
    if (input.dataset.time) {
      var out = input.parentNode.querySelector("output.time-hint");
      if (out) out.textContent = timeHint(value, input.form);
    }
  }

  // A null/empty switch covers the controls its aria-controls names: while on they are disabled
  // (visibly, skipped by Tab, not submitted) and keep their values. Each control remembers which
  // switch disabled it, so turning that switch off gives back exactly what it took, also when
  // switches nest (a filter's null over a field whose own null is on).
  var CONTROLS = "input, select, textarea, button";
  function covered(button) {
    var found = [];
    (button.getAttribute("aria-controls") || "").split(" ").forEach(function (id) {
      var el = id && document.getElementById(id);
      if (!el) return;
      if (el.matches(CONTROLS)) found.push(el);
      found.push.apply(found, el.querySelectorAll(CONTROLS));
    });
    return found;
  }
  function cover(button, hidden, on) {
    covered(button).forEach(function (control) {
      if (on && !control.disabled) {
        control.disabled = true;
        control.dataset.coveredBy = hidden.name;
      } else if (!on && control.dataset.coveredBy === hidden.name) {
        control.disabled = false;
        delete control.dataset.coveredBy;
      }
    });
  }

  function toggle(button, hidden) {
    var on = button.getAttribute("aria-pressed") !== "true";
    button.setAttribute("aria-pressed", on ? "true" : "false");
    // Off, the switch is no Tab stop (Alt+Shift+N/E reach it); on, it stands in for the
    // controls it disabled, so Tab still finds a way back.
    button.tabIndex = on ? 0 : -1;
    if (hidden) { hidden.disabled = !on; hidden.value = on ? "1" : ""; cover(button, hidden, on); }
    formChanged(button);
    return on;
  }

  // What changes the form without an input event of its own (a switch, a removed item) says so,
  // so the Code region follows (it listens for `change` on the form).
  function formChanged(element) {
    if (element && element.form) element.form.dispatchEvent(new Event("change"));
    else { var form = document.getElementById("console"); if (form) form.dispatchEvent(new Event("change")); }
  }

  // A value of a type the schema lacks: JSON that opens an object or array must parse (the
  // server says the same on Send: encoding.py `unknown`); anything else goes as text.
  function checkJson(input) {
    var text = input.value.trim(), message = "";
    var reference = pattern(input.form, "reference");
    if (/^[\[{]/.test(text) && !(reference && reference.test(text))) {
      try { JSON.parse(text); } catch (error) { message = "Not valid JSON: it would be sent as text."; }
    }
    if (message) input.setAttribute("aria-invalid", "true"); else input.removeAttribute("aria-invalid");
    var problem = problemLine(input);
    if (problem) problem.textContent = message;
  }

  // Alt+Shift+D in a field opens its type's docs: the link in a label is no Tab stop (one stop
  // per field), so this is the keyboard's way to it.
  document.addEventListener("keydown", function (event) {
    if (event.code !== "KeyD" || !event.altKey || !event.shiftKey || event.ctrlKey || event.metaKey) return;
    var field = event.target.closest && event.target.closest(".field");
    var link = field && field.querySelector(":scope > label a[href]");
    if (!link) return;
    event.preventDefault();
    link.click();
  });

  document.addEventListener("input", function (event) {
    if (event.target.dataset && event.target.dataset.json) checkJson(event.target);
  });

  // The hidden input a null/empty switch turns on: its name is in the switch's data-hidden,
  // spelt by the server (app/kaltura/fieldnames.py).
  function hiddenOf(button) {
    var name = button.dataset.hidden;
    return Array.prototype.filter.call(button.parentNode.querySelectorAll("input[type=hidden]"), function (input) {
      return input.name === name;
    })[0] || null;
  }

  // Alt+Shift+N / Alt+Shift+E in a field (its input, its objectType select, a list's Add
  // button, or the switch itself) press that field's null / empty switch.
  var SHORTCUTS = { KeyN: "button.toggle[data-null-for]", KeyE: "button.toggle[data-empty-for]" };
  function switchFor(target, selector) {
    var actions = target.closest(".container-actions");
    var owner = actions || target.closest(".field");
    if (!owner) return null;
    var own = owner.querySelectorAll(actions ? ":scope > " + selector : ":scope > .control > " + selector);
    return own.length ? own[0] : null;
  }
  document.addEventListener("keydown", function (event) {
    var selector = SHORTCUTS[event.code];
    if (!selector || !event.altKey || !event.shiftKey || event.ctrlKey || event.metaKey) return;
    var button = switchFor(event.target, selector);
    if (!button || button.disabled) return;
    event.preventDefault();
    var on = toggle(button, hiddenOf(button));
    var back = covered(button).filter(function (c) { return !c.disabled && c.type !== "hidden"; })[0];
    if (on || !back) button.focus(); else back.focus();
  });

  document.addEventListener("input", function (event) {
    var target = event.target;
    if (target.dataset && target.dataset.check) check(target);
  });

  // One Send in flight per tab: hx-sync drops a second press of Send (or Send anyway) while one
  // runs, and this flag catches any other way in. Send says so, and the answer still shown is
  // marked busy (and dimmed by the CSS) until the new one arrives.
  var sending = false;
  function isSend(event) { // the Send route's path is the form's data-send
    var config = event.detail.requestConfig;
    var form = document.getElementById("console");
    return !!config && !!form && config.path === form.dataset.send;
  }
  function showSending(on) {
    sending = on;
    var button = document.querySelector("#console button.send");
    if (button) {
      button.textContent = on ? "Sending\u2026" : "Send";
      if (on) button.setAttribute("aria-disabled", "true"); else button.removeAttribute("aria-disabled");
    }
    var result = document.getElementById("result");
    if (result) { if (on) result.setAttribute("aria-busy", "true"); else result.removeAttribute("aria-busy"); }
  }

  // A console fragment that could not be fetched says so beside Send; 4xx answers are problem
  // fragments and are swapped in where they belong (see responseHandling in base.html).
  function status(message) {
    var line = document.getElementById("console-status");
    if (line) line.textContent = message;
  }
  // Requests the page makes by itself (the Code region, the references a request offers, the
  // ks note: marked data-quiet) leave the line alone, or they would wipe a failure just said.
  function quiet(event) {
    var elt = event.detail && event.detail.elt;
    return !!(elt && elt.closest && elt.closest("[data-quiet]"));
  }
  document.addEventListener("htmx:beforeRequest", function (event) {
    if (!quiet(event)) status("");
    if (isSend(event)) {
      if (sending) event.preventDefault(); else showSending(true);
    }
  });
  document.addEventListener("htmx:afterRequest", function (event) {
    if (isSend(event)) showSending(false);
  });

  // Each multirequest request fetches the references its fields offer (the result paths of
  // the requests before it) on "results-changed": after a request's service or action (its
  // select.call) changed and its fragment settled, or a request was removed. One per turn.
  var resultsStale = false;
  function resultsChanged() {
    if (resultsStale) return;
    resultsStale = true;
    setTimeout(function () {
      resultsStale = false;
      document.body.dispatchEvent(new CustomEvent("results-changed"));
    }, 0);
  }
  document.addEventListener("htmx:afterSettle", function (event) {
    var config = event.detail.requestConfig; // detail.elt is the element settled, not the asker
    var elt = config && config.elt;
    if (elt && elt.matches && elt.matches("fieldset.subrequest select.call")) resultsChanged();
  });
  document.addEventListener("htmx:sendError", function () {
    status("The testme server did not answer: is it still running?");
  });
  document.addEventListener("htmx:responseError", function (event) {
    status("The testme server answered HTTP " + event.detail.xhr.status + "; nothing was changed.");
  });

  // The address follows the form: service, action, then every value by its field name, the
  // configuration last. Left out: what is not sent (disabled, empty, a file) and every input
  // the server marked data-secret (ks, secrets, passwords), so a link never carries one. A new
  // call is a new history entry (Back returns to the previous one); typing replaces the
  // current entry. The page renders a link whole (views/console.py `page`), so
  // reload, Back/Forward and a pasted link reopen the form; the form has autocomplete=off so
  // the browser's own restoring does not fight that.
  function valuesOf(form) {
    var own = [], config = [];
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || el.disabled || el.dataset.secret || el.type === "file" || el.type === "password" ||
          el.tagName === "BUTTON") return;
      var group = el.closest("fieldset.configuration");
      // a configuration value the console starts with anyway (format 2, clientTag…) is no news
      var defaults = group ? JSON.parse(group.dataset.defaults || "{}") : {};
      var into = group ? config : own;
      var values = el.tagName === "SELECT"
        ? Array.prototype.map.call(el.selectedOptions, function (option) { return option.value; })
        : [el.value];
      values.forEach(function (value) {
        if (value !== "" && defaults[el.name] !== value) into.push([el.name, value]);
      });
    });
    return own.concat(config);
  }
  // Servers refuse request lines past 8-16 KB (uvicorn: 16 KB): an address longer than this
  // would not open again, so the address keeps only the call, and Share says why.
  var LINK_LIMIT = 8000;
  function linkOf(form, callOnly) {
    var query = new URLSearchParams();
    valuesOf(form).forEach(function (pair) {
      var el = form.elements[pair[0]];
      if (!callOnly || el && el.matches && el.matches("select.call, [data-server-select]")) query.append(pair[0], pair[1]);
    });
    var search = query.toString().replace(/%3A/gi, ":"); // colons may stand in a query: readable
    return location.pathname + (search ? "?" + search : "");
  }
  function addressOf(form) {
    var link = linkOf(form, false);
    return link.length > LINK_LIMIT ? linkOf(form, true) : link;
  }
  var newEntry = false, following = null;
  function follow() {
    clearTimeout(following);
    following = setTimeout(followNow, 120);
  }
  function followNow() {
    clearTimeout(following);
    var form = document.getElementById("console");
    if (!form) return;
    var link = addressOf(form);
    if (link === location.pathname + location.search) { newEntry = false; return; }
    if (newEntry) history.pushState(null, "", link); else history.replaceState(history.state, "", link);
    newEntry = false;
  }
  document.addEventListener("change", function (event) {
    var target = event.target;
    // A new service is a new entry; so is a new action, unless the entry has none yet (the
    // service was just chosen): Back then goes to the previous call, whatever the timing.
    if (target.id === "service") newEntry = true;
    else if (target.id === "action" && new URLSearchParams(location.search).get(target.name)) newEntry = true;
    if (target.form && target.form.id === "console") follow();
  });
  document.addEventListener("input", function (event) {
    if (event.target.form && event.target.form.id === "console") follow();
  });
  document.addEventListener("htmx:afterSettle", follow);
  window.addEventListener("popstate", function () { location.reload(); });

  // A switch the server rendered pressed (a link, or the form it replaced, had it on) covers
  // its controls as a click would; innermost first, so turning an outer one off gives back
  // only what it took.
  function coverPressed(root) {
    var pressed = (root || document).querySelectorAll("button.toggle[data-hidden][aria-pressed=true]");
    Array.prototype.slice.call(pressed).reverse().forEach(function (button) {
      var hidden = hiddenOf(button);
      if (hidden) cover(button, hidden, true);
    });
  }
  document.addEventListener("htmx:afterSwap", function (event) { coverPressed(event.detail.target); });

  // Share: the link of the form as it is now, copied and shown (selected) beside the button.
  function share() {
    followNow();
    var link = location.href;
    var shown = document.querySelector("[data-share-link]");
    // Said in its own polite line: the one beside Send is for failures (an alert, in red).
    var said = function (message) {
      var line = document.querySelector("[data-share-status]");
      if (line) line.textContent = message;
    };
    var whole = linkOf(document.getElementById("console"), false);
    if (whole.length > LINK_LIMIT) {
      if (shown) shown.hidden = true;
      said("Not shared: the form's values make a link of " + Math.ceil(whole.length / 1024) +
        " KB, past what servers accept (" + LINK_LIMIT / 1000 + " KB). Shorten the longest values to share it.");
      return;
    }
    if (shown) { shown.hidden = false; shown.value = link; shown.focus(); shown.select(); }
    var copied = function () { said("Link copied."); };
    var fallback = function () {
      var done = false;
      try { done = document.execCommand("copy"); } catch (error) { done = false; }
      if (done) copied(); else said("Copy the link shown beside Share.");
    };
    if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(link).then(copied, fallback);
    else fallback();
  }

  // History: every Send kept in this browser (localStorage), newest first, at most 200, each
  // as the form's link (so never a secret: see valuesOf) with its call, time, what it came to
  // (`OK`, `failed: INVALID_KS`, `2 of 3 failed: …`, `no answer: timed out`: the server's
  // words, never read here from the answer) and duration, read from the Result
  // (data-history-* of _result.html). Choosing one opens its
  // link; one whose action the loaded schema lacks (#history-known) is not offered.
  // Storage disabled or full: Send works as ever and the panel says history is off.
  var HISTORY = "testme.history", HISTORY_CAP = 200, pendingSend = null;
  function storage() {
    try {
      var store = window.localStorage, probe = HISTORY + ".probe";
      store.setItem(probe, "1");
      store.removeItem(probe);
      return store;
    } catch (error) { return null; }
  }
  function historyNote(message) {
    var note = document.querySelector("[data-history-note]");
    if (note) note.textContent = message;
  }
  function readHistory() {
    var store = storage();
    if (!store) { historyNote("History is off: this browser does not let the page store it."); return []; }
    try {
      var list = JSON.parse(store.getItem(HISTORY) || "[]");
      return Array.isArray(list) ? list.filter(function (e) { return e && typeof e.link === "string"; }) : [];
    } catch (error) { return []; }
  }
  function writeHistory(list) {
    var store = storage();
    if (!store) { historyNote("History is off: this browser does not let the page store it."); return; }
    list = list.slice(0, HISTORY_CAP);
    for (;;) {
      try { store.setItem(HISTORY, JSON.stringify(list)); historyNote(""); return; } catch (error) {
        if (list.length <= 1) { historyNote("History is off: the browser's storage is full."); return; }
        list = list.slice(0, Math.ceil(list.length / 2)); // full: keep the newer half
      }
    }
  }
  function known(entry) {
    var holder = document.getElementById("history-known");
    var names = " " + (holder ? holder.dataset.known : "") + " ";
    var calls = Array.isArray(entry.calls) ? entry.calls : [];
    return calls.length > 0 && calls.every(function (call) {
      return names.indexOf(" " + String(call).toLowerCase() + " ") >= 0;
    });
  }
  function sameConsole(link) {
    var url = new URL(link, location.href);
    return url.origin === location.origin && url.pathname === location.pathname ? url.pathname + url.search : "";
  }
  function outcomeOf(entry) { return entry.outcome || "HTTP " + entry.status; } // older entries: the status
  var DOT = " \u00b7 ";
  function describe(entry) { // its parts: call, time, outcome, duration
    var at = String(entry.at || "").replace("T", " ").slice(0, 19);
    return [entry.label, at + " UTC", outcomeOf(entry), entry.ms + " ms"];
  }
  function showHistory() {
    var list = document.querySelector("[data-history-list]");
    if (!list) return;
    var search = document.querySelector("[data-history-search]");
    var words = (search ? search.value : "").trim().toLowerCase();
    list.textContent = "";
    readHistory().forEach(function (entry, index) {
      var parts = describe(entry), text = parts.join(DOT);
      if (words && (text + " " + entry.link).toLowerCase().indexOf(words) < 0) return;
      var item = document.createElement("li");
      var restore = document.createElement("button");
      restore.type = "button";
      restore.className = "history-restore";
      var outcome = document.createElement("span"); // marked when the call failed
      outcome.className = entry.failed ? "history-outcome history-failed" : "history-outcome";
      outcome.textContent = parts[2];
      restore.append(parts.slice(0, 2).join(DOT) + DOT, outcome, DOT + parts[3]);
      restore.dataset.historyRestore = String(index);
      item.appendChild(restore);
      if (!known(entry) || !sameConsole(entry.link)) {
        restore.disabled = true;
        var missing = document.createElement("span");
        missing.className = "history-missing";
        missing.textContent = "not in this schema";
        item.appendChild(missing);
      }
      var remove = document.createElement("button");
      remove.type = "button";
      remove.textContent = "Delete";
      remove.setAttribute("aria-label", "Delete " + text);
      remove.dataset.historyDelete = String(index);
      item.appendChild(remove);
      list.appendChild(item);
    });
  }
  function recordSend() {
    var heading = document.querySelector("#result [data-history]");
    if (!pendingSend || !heading) return;
    var entry = {
      link: pendingSend, label: heading.dataset.history, calls: (heading.dataset.historyCalls || "").trim().split(" "),
      at: new Date().toISOString(), status: heading.dataset.historyStatus, ms: heading.dataset.historyMs,
      outcome: heading.dataset.historyOutcome, failed: heading.dataset.historyFailed !== undefined
    };
    pendingSend = null;
    writeHistory([entry].concat(readHistory()));
    showHistory();
  }
  document.addEventListener("htmx:beforeRequest", function (event) {
    var form = document.getElementById("console");
    if (isSend(event) && form && !sending) pendingSend = linkOf(form);
  }, true); // capture: before the one-Send-at-a-time check above marks it as sending
  document.addEventListener("htmx:afterSwap", function (event) { if (isSend(event)) recordSend(); });
  document.addEventListener("input", function (event) {
    if (event.target.dataset && event.target.dataset.historySearch !== undefined) showHistory();
  });
  document.addEventListener("click", function (event) {
    var button = event.target.closest("button");
    if (!button) return;
    if (button.dataset.share !== undefined) share();
    else if (button.dataset.historyToggle !== undefined) {
      var panel = document.getElementById(button.getAttribute("aria-controls"));
      var open = button.getAttribute("aria-expanded") !== "true";
      button.setAttribute("aria-expanded", open ? "true" : "false");
      if (panel) panel.hidden = !open;
      if (open) showHistory();
      // Under a long form the panel opens thousands of pixels below its button: bring it into
      // view and put the focus in its search (Escape goes back to the button, comfort.js).
      var search = open && panel && panel.querySelector("[data-history-search]");
      if (search) {
        panel.scrollIntoView({ block: "nearest" });
        search.focus({ preventScroll: true });
      }
    } else if (button.dataset.historyClear !== undefined) {
      writeHistory([]);
      showHistory();
    } else if (button.dataset.historyDelete !== undefined) {
      var list = readHistory();
      list.splice(parseInt(button.dataset.historyDelete, 10), 1);
      writeHistory(list);
      showHistory();
    } else if (button.dataset.historyRestore !== undefined) {
      var entry = readHistory()[parseInt(button.dataset.historyRestore, 10)];
      var link = entry && known(entry) && sameConsole(entry.link);
      if (link) location.assign(link);
    }
  });

  // On load: the address becomes the link of what the page restored (a pasted link's junk
  // and secrets leave the address bar too), pressed switches cover their controls, and the
  // History panel says whether it can keep anything.
  function start() {
    coverPressed(document);
    if (document.getElementById("console")) followNow();
    readHistory();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start); else start();

  document.addEventListener("click", function (event) {
    var target = event.target.closest("button");
    if (!target) return;
    if (target.dataset.nullFor !== undefined || target.dataset.emptyFor !== undefined) {
      toggle(target, hiddenOf(target));
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
      else if (item) { item.remove(); formChanged(null); }
    }
  });

  // Multirequest requests are numbered 1..n on the page as on the wire (api_v3 stops at a gap),
  // so removing one renumbers those after it (legend, button, ids, names, htmx attributes) and
  // every {N:result…} typed in any request; removing one whose result another uses is refused.
  function references() { // every {N:result…} in a text: the server's pattern, unanchored
    var form = document.getElementById("console");
    return new RegExp(form ? form.dataset.patternReference : "$^", "g");
  }
  var RENAMED = /^(id|name|for|list)$|^(aria|data|hx)-/; // attributes that may hold a number

  function requestNumber(request) { return parseInt(request.dataset.request, 10); }

  function typedValues(request) {
    return Array.prototype.filter.call(request.querySelectorAll("input, textarea"), function (input) {
      return input.type !== "file" && input.type !== "hidden";
    });
  }

  function referenceTo(requests, n) {
    for (var i = 0; i < requests.length; i++) {
      var inputs = typedValues(requests[i]);
      for (var j = 0; j < inputs.length; j++) {
        var found = (inputs[j].value.match(references()) || []).filter(function (ref) {
          return parseInt(ref.slice(1), 10) === n;
        });
        if (found.length) return { request: requestNumber(requests[i]), reference: found[0] };
      }
    }
    return null;
  }

  function renumber(request, from, to) {
    // `3:filter`, `request-3-service`, `f-3-filter-body`, `request-3`, `prefix=3%3A`: the number
    // at the start of a name, path or id, never inside one (`items:3:name` is an item index).
    // Names are `N:` + path (fieldnames.request_prefix), ids `request-N…` and `f-N-…`
    // (app/web/dom_ids.py): every attribute of a request holds them, so one rule renames them.
    var token = new RegExp("(^|[\\s#'\"\\[=])((request-|f-)" + from + "(?=-|$)|" + from + "(?=:|%3A))", "g");
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
    request.dataset.request = String(to);
    request.querySelector(":scope > legend").textContent = "Request " + to;
    request.querySelector(":scope > button.remove").textContent = "Remove request " + to;
  }

  function removeRequest(request) {
    var n = requestNumber(request);
    var others = Array.prototype.filter.call(document.querySelectorAll("fieldset.subrequest"), function (r) {
      return r !== request;
    });
    var problem = problemLine(request);
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
      problemLine(other).textContent = ""; // its numbers are stale now
      typedValues(other).forEach(function (input) {
        var value = input.value.replace(references(), function (ref, number, path) {
          var k = parseInt(number, 10);
          return k > n ? "{" + (k - 1) + ":result" + (path || "") + "}" : ref;
        });
        if (value !== input.value) input.value = value;
        if (input.dataset.check) check(input); // its own line may name the old numbers
      });
    });
    resultsChanged();
    var add = document.getElementById("add-request");
    if (add) add.setAttribute("hx-vals", JSON.stringify({ n: String(others.length + 1) }));
    var next = others.filter(function (other) { return requestNumber(other) === n; })[0];
    var focus = next ? next.querySelector("select") : add;
    if (focus) focus.focus();
    formChanged(null);
  }
  // Every request a page makes names the page's server (the Server select, when there are
  // several): with two tabs on two servers, a fragment comes from its own tab's server, not
  // from the browser's last choice (app/web/servers.py).
  document.addEventListener("htmx:configRequest", function (event) {
    var select = document.querySelector("[data-server-select]");
    var params = event.detail.parameters;
    if (!select || !select.name || params[select.name] !== undefined) return;
    params[select.name] = select.value;
  });

  // The Code region (views/code.py) gets the form as it stands, but a file input only names its
  // file: a sample never needs the contents, so none are uploaded for it.
  document.addEventListener("htmx:configRequest", function (event) {
    var samples = event.detail.elt;
    if (!samples || !samples.hasAttribute("data-samples") || !event.detail.formData) return;
    var data = event.detail.formData, files = [];
    data.forEach(function (value, key) { if (value instanceof File) files.push([key, value]); });
    files.forEach(function (entry) {
      data.delete(entry[0]);
      data.append(entry[0], new File([], entry[1].name, { type: entry[1].type }));
    });
  });

  // Its tabs: click, or Left/Right/Home/End, selects a tab and shows its panel (the choice
  // travels with the next refresh in a hidden input, the tab's data-language).
  function selectTab(tab, focus) {
    var list = tab.closest("[role=tablist]");
    Array.prototype.forEach.call(list.querySelectorAll("[role=tab]"), function (other) {
      var on = other === tab;
      other.setAttribute("aria-selected", on ? "true" : "false");
      other.tabIndex = on ? 0 : -1;
      var panel = document.getElementById(other.getAttribute("aria-controls"));
      if (panel) panel.hidden = !on;
    });
    var region = tab.closest("[role=region]");
    var chosen = region && region.querySelector("input[type=hidden]");
    if (chosen) chosen.value = tab.dataset.language;
    if (focus) tab.focus();
  }
  // A refresh answering a request sent before the last choice keeps that choice (and the
  // focus, if it was on a tab).
  var tabFocused = false;
  document.addEventListener("htmx:beforeSwap", function (event) {
    if (!event.detail.target.hasAttribute("data-samples")) return;
    tabFocused = !!(document.activeElement && document.activeElement.closest("[role=tablist]"));
  });
  document.addEventListener("htmx:afterSwap", function (event) {
    var samples = event.detail.target;
    if (!samples.hasAttribute("data-samples")) return;
    var chosen = samples.closest("[role=region]").querySelector("input[type=hidden]");
    var tab = Array.prototype.filter.call(samples.querySelectorAll("[role=tab]"), function (t) {
      return chosen && t.dataset.language === chosen.value;
    })[0] || samples.querySelector("[role=tab][aria-selected=true]");
    if (tab) selectTab(tab, tabFocused);
  });
  document.addEventListener("click", function (event) {
    var tab = event.target.closest("[role=tab]");
    if (tab) selectTab(tab, false);
    var copy = event.target.closest("button[data-copy]");
    var source = copy && document.getElementById(copy.dataset.copy);
    if (!source) return;
    var said = copy.parentNode.querySelector("[role=status]");
    navigator.clipboard.writeText(source.textContent).then(function () {
      if (said) said.textContent = "Copied.";
    }, function () {
      if (said) said.textContent = "Not copied: the browser refused. Select the text instead.";
    });
  });
  document.addEventListener("keydown", function (event) {
    var tab = event.target.closest && event.target.closest("[role=tab]");
    if (!tab) return;
    var tabs = Array.prototype.slice.call(tab.closest("[role=tablist]").querySelectorAll("[role=tab]"));
    var at = tabs.indexOf(tab);
    var next = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: tabs.length - 1 }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    selectTab(tabs[(next + tabs.length) % tabs.length], true);
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

  // Reload schema answers in place (views/schema_reload.py): while it runs its status says so,
  // and when the testme server itself fails (no answer, a refusal), that nothing was reloaded.
  function reloadStatus(event) {
    var elt = event.detail.elt;
    return elt && elt.hasAttribute && elt.hasAttribute("data-schema-reload")
      ? document.getElementById(elt.getAttribute("aria-describedby")) : null;
  }
  document.addEventListener("htmx:beforeRequest", function (event) {
    var said = reloadStatus(event);
    if (said) said.textContent = said.dataset.busy;
  });
  document.addEventListener("htmx:afterRequest", function (event) {
    var said = reloadStatus(event);
    if (!said || event.detail.successful) return;
    var code = event.detail.xhr && event.detail.xhr.status;
    said.textContent = "The schema was not reloaded: the testme server " +
      (code ? "answered HTTP " + code + "." : "did not answer.");
  });

  // The Server select: another server has another schema, so its console is another page
  // (`?__server=NAME`: a name the server checks, never a URL).
  document.addEventListener("change", function (event) {
    var select = event.target.closest && event.target.closest("select[data-server-select]");
    if (!select) return;
    window.location.assign(select.dataset.page + "?" + new URLSearchParams([[select.name, select.value]]));
  });
})();
