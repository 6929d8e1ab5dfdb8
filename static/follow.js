// Following an id in the Result: an id the console can follow is a button the server wrote
// (data-follow: its kind, app/protocol/answer_ids.py). Opening it (click, Enter, Space) asks
// the pre's data-follow-url for its menu (app/web/views/follow.py), with the form's selects
// (the calls chosen, never a typed value): "Use in the form", then a link per action that
// takes the id, opening that action's form filled. One menu at a time, placed under its id;
// arrows, Home/End and Tab move in it, Escape (or a click elsewhere) closes it and the focus
// goes back to the id. The ids of an answer are one Tab stop; ArrowDown and ArrowUp move
// between them. "Use in the form" puts the id into the first field the server named
// (data-targets) that the form shows, and says so when there is none.
import { on } from "./events.js";
import { consoleForm } from "./page.js";

var open = null; // { pop, button }
var asked = 0; // the latest menu asked for: an older answer arriving late is dropped

function items(pop) { return Array.from(pop.querySelectorAll('[role="menuitem"]')); }

function close(focusBack) {
  if (!open) return;
  var was = open;
  open = null;
  was.pop.remove();
  was.button.setAttribute("aria-expanded", "false");
  if (focusBack) was.button.focus();
}

function place(pop, button) {
  var box = button.getBoundingClientRect();
  pop.style.left = Math.max(0, Math.min(box.left + window.scrollX, window.scrollX + document.documentElement.clientWidth - pop.offsetWidth - 8)) + "px";
  pop.style.top = (box.bottom + window.scrollY + 2) + "px";
}

function query(button) {
  var params = new URLSearchParams();
  params.set("kind", button.dataset.follow);
  params.set("id", button.textContent);
  if (button.dataset.type) params.set("type", button.dataset.type);
  var form = consoleForm();
  if (form) form.querySelectorAll("select[name]").forEach(function (s) { if (s.value) params.append(s.name, s.value); });
  return params;
}

async function openMenu(button) {
  close(false);
  var region = button.closest("[data-follow-url]");
  var ticket = ++asked;
  button.setAttribute("aria-busy", "true");
  try {
    var response = await fetch(region.dataset.followUrl + "?" + query(button), { headers: { Accept: "text/html" } });
    if (!response.ok || ticket !== asked) return;
    var holder = document.createElement("div");
    holder.innerHTML = await response.text(); // our own fragment, escaped by the server
    var pop = holder.firstElementChild;
    if (!pop || ticket !== asked) return;
    pop.id = "follow-menu";
    document.body.append(pop);
    place(pop, button);
    button.setAttribute("aria-expanded", "true");
    button.setAttribute("aria-controls", pop.id);
    open = { pop: pop, button: button };
    var first = items(pop)[0];
    if (first) first.focus();
  } finally {
    button.removeAttribute("aria-busy");
  }
}

function move(from, step) {
  var all = items(open.pop);
  var at = all.indexOf(from);
  var next = step === "first" ? 0 : step === "last" ? all.length - 1 : (at + step + all.length) % all.length;
  if (all[next]) all[next].focus();
}

function useInForm(item) {
  var form = consoleForm();
  var names = item.dataset.targets.split(" ").filter(Boolean);
  var status = open.pop.querySelector("[data-follow-status]");
  if (!names.length) { status.textContent = item.dataset.none; return; }
  var field = null;
  for (var i = 0; i < names.length && !field; i++) {
    field = form && Array.from(form.elements).find(function (e) { return e.name === names[i] && e.type !== "hidden"; });
  }
  if (!field) { status.textContent = item.dataset.absent; return; }
  field.value = item.dataset.id;
  field.dispatchEvent(new Event("input", { bubbles: true })); // checks, address, and the code
  close(false);
  field.focus();
}

// An id pressed: its menu opens, or closes if it was open (main.js calls this for a press that
// came before this module had loaded).
export function activate(button) {
  rove(button.closest("pre"), button);
  if (open && open.button === button) close(true);
  else openMenu(button);
}

on("click", function (event) {
  var target = event.target;
  if (!(target instanceof Element)) return;
  var button = target.closest("button[data-follow]");
  if (button) {
    activate(button);
    return;
  }
  if (open && target.closest("[data-use-in-form]") && open.pop.contains(target)) {
    useInForm(target.closest("[data-use-in-form]"));
    return;
  }
  if (open && !open.pop.contains(target)) close(false);
});

on("keydown", function (event) {
  var target = event.target;
  if (!(target instanceof Element)) return;
  if (target.matches("button[data-follow]") && (event.key === "ArrowDown" || event.key === "ArrowUp")) {
    event.preventDefault();
    nextId(target, event.key === "ArrowDown" ? 1 : -1);
    return;
  }
  if (!open || !open.pop.contains(target)) return;
  var keys = { ArrowDown: 1, ArrowUp: -1, Home: "first", End: "last" };
  if (event.key in keys) {
    event.preventDefault();
    move(target, keys[event.key]);
  } else if (event.key === "Tab") {
    event.preventDefault();
    move(target, event.shiftKey ? -1 : 1);
  } else if (event.key === "Escape") {
    event.preventDefault();
    close(true);
  } else if (event.key === " " && target.matches("a[role=menuitem]")) {
    event.preventDefault();
    target.click();
  }
}, { first: true });

// The ids of an answer are one Tab stop, as its folds are (result-tools.js): the first id
// shown, then ArrowDown and ArrowUp move to the next and previous id not folded away.
function shownIds(pre) {
  return Array.from(pre.querySelectorAll("button[data-follow]")).filter(function (b) { return b.offsetParent !== null; });
}

function rove(pre, button) {
  pre.querySelectorAll("button[data-follow]").forEach(function (b) { b.tabIndex = b === button ? 0 : -1; });
}

function nextId(from, step) {
  var pre = from.closest("pre");
  var ids = shownIds(pre);
  var next = ids[ids.indexOf(from) + step];
  if (!next) return;
  rove(pre, next);
  next.focus();
}

// The server writes every id tabindex=-1; the stop goes on the first not in a fold that
// result-tools.js folded (read from the classes, not the layout: a big answer's first paint
// is not made to wait).
function setUp(region) {
  region.querySelectorAll("pre.code").forEach(function (pre) {
    var ids = pre.querySelectorAll("button[data-follow]");
    var first = Array.prototype.find.call(ids, function (b) { return !b.closest(".fold.folded"); }) || ids[0];
    if (first) first.tabIndex = 0;
  });
}

// A new Result (or anything swapped over the id) takes its menu away; other swaps (the Code
// region's refresh after a Send, a nested object opened) leave it open.
on("htmx:beforeSwap", function (event) {
  var target = event.detail.target;
  if (open && target && target.contains(open.button)) close(false);
});
on("htmx:afterSwap", function (event) {
  var region = event.detail.target.closest && event.detail.target.closest("#result");
  if (region) setUp(region);
});
var region = document.getElementById("result");
if (region) setUp(region);
