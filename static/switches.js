// A field's own controls: its null/empty switches (and Alt+Shift+N / Alt+Shift+E for them),
// Alt+Shift+D to its type's docs, the ks field's Clear and a secret's Show.
import { on } from "./events.js";
import { formChanged } from "./page.js";

// A null/empty switch covers the controls its aria-controls names: while on they are disabled
// (visibly, skipped by Tab, not submitted) and keep their values. Each control remembers which
// switch disabled it, so turning that switch off gives back exactly what it took, also when
// switches nest (a filter's null over a field whose own null is on).
const CONTROLS = "input, select, textarea, button";
function covered(button) {
  const found = [];
  (button.getAttribute("aria-controls") || "").split(" ").forEach((id) => {
    const el = id && document.getElementById(id);
    if (!el) return;
    if (el.matches(CONTROLS)) found.push(el);
    found.push(...el.querySelectorAll(CONTROLS));
  });
  return found;
}
function cover(button, hidden, on) {
  covered(button).forEach((control) => {
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
  const on = button.getAttribute("aria-pressed") !== "true";
  button.setAttribute("aria-pressed", on ? "true" : "false");
  // Off, the switch is no Tab stop (Alt+Shift+N/E reach it); on, it stands in for the
  // controls it disabled, so Tab still finds a way back.
  button.tabIndex = on ? 0 : -1;
  if (hidden) { hidden.disabled = !on; hidden.value = on ? "1" : ""; cover(button, hidden, on); }
  formChanged();
  return on;
}

// The hidden input a null/empty switch turns on: its name is in the switch's data-hidden,
// spelt by the server (app/protocol/fieldnames.py).
function hiddenOf(button) {
  const name = button.dataset.hidden;
  return Array.from(button.parentNode.querySelectorAll("input[type=hidden]")).find((input) => input.name === name) || null;
}

// Alt+Shift+N / Alt+Shift+E in a field (its input, its objectType select, a list's Add
// button, or the switch itself) press that field's null / empty switch.
const SHORTCUTS = { KeyN: "button.toggle[data-null-for]", KeyE: "button.toggle[data-empty-for]" };
function switchFor(target, selector) {
  const actions = target.closest(".container-actions");
  const owner = actions || target.closest(".field");
  if (!owner) return null;
  const own = owner.querySelectorAll(actions ? ":scope > " + selector : ":scope > .control > " + selector);
  return own.length ? own[0] : null;
}

function altShift(event) { return event.altKey && event.shiftKey && !event.ctrlKey && !event.metaKey; }

on("keydown", (event) => {
  if (!altShift(event) || !event.target.closest) return;
  if (event.code === "KeyD") {
    // Alt+Shift+D in a field opens its type's docs: the link in a label is no Tab stop (one
    // stop per field), so this is the keyboard's way to it.
    const field = event.target.closest(".field");
    const link = field && field.querySelector(":scope > label a[href]");
    if (!link) return;
    event.preventDefault();
    link.click();
    return;
  }
  const selector = SHORTCUTS[event.code];
  const button = selector && switchFor(event.target, selector);
  if (!button || button.disabled) return;
  event.preventDefault();
  const on = toggle(button, hiddenOf(button));
  const back = covered(button).filter((c) => !c.disabled && c.type !== "hidden")[0];
  if (on || !back) button.focus(); else back.focus();
});

// A switch the server rendered pressed (a link, or the form it replaced, had it on) covers
// its controls as a click would; innermost first, so turning an outer one off gives back
// only what it took.
function coverPressed(root) {
  const pressed = (root || document).querySelectorAll("button.toggle[data-hidden][aria-pressed=true]");
  Array.from(pressed).reverse().forEach((button) => {
    const hidden = hiddenOf(button);
    if (hidden) cover(button, hidden, true);
  });
}
on("htmx:afterSwap", (event) => { coverPressed(event.detail.target); });
coverPressed(document);

on("click", (event) => {
  const target = event.target.closest && event.target.closest("button");
  if (!target) return;
  if (target.dataset.nullFor !== undefined || target.dataset.emptyFor !== undefined) {
    toggle(target, hiddenOf(target));
  } else if (target.dataset.clear) {
    // Clear: the field's own input event asks the server for the new note (views/ks.py).
    const field = document.getElementById(target.dataset.clear);
    if (field) {
      field.value = "";
      field.dispatchEvent(new Event("input", { bubbles: true }));
      field.focus();
    }
  } else if (target.dataset.reveal) {
    // A secret's Show button: its password input reads as text while the button is pressed.
    const input = document.getElementById(target.dataset.reveal);
    if (!input) return;
    const on = target.getAttribute("aria-pressed") !== "true";
    target.setAttribute("aria-pressed", on ? "true" : "false");
    input.type = on ? "text" : "password";
  }
});
