// Value checks: a typed value's problem, said as it is typed (aria-invalid and the field's
// problem line), and the time hint under an isTime field. The patterns come from the server
// (app/protocol/patterns.py, as data- attributes of the form), so a field and Send judge a value
// by the same rule.
import { on } from "./events.js";
import { fill, problemLine, requestNumber } from "./page.js";

const MESSAGES = {
  int: "Not an integer: the server will likely reject it.",
  float: "Not a number: the server will likely reject it."
};

export function pattern(form, name) {
  const source = form && form.dataset["pattern" + name.charAt(0).toUpperCase() + name.slice(1)];
  return source ? new RegExp("^(?:" + source + ")$") : null;
}

function timeHint(value, form) {
  const whole = pattern(form, "int");
  if (!whole || !whole.test(value)) return "";
  // The rule and its words are the server's (templating.py `time_hint_rule`, the ten-year rule).
  const rule = form.dataset.timeHint ? JSON.parse(form.dataset.timeHint) : null;
  if (!rule) return "";
  const n = parseInt(value, 10);
  if (Math.abs(n) < rule.relativeBelow) return fill(rule.relative, {sign: n >= 0 ? "+" : "-", n: Math.abs(n)});
  const at = new Date(n * 1000).toISOString();  // 2025-01-02T03:04:05.000Z
  return fill(rule.absolute, {date: at.slice(0, 10), time: at.slice(11, 19)});
}

// What is wrong with a typed value, or "". Inside multirequest request N (a fieldset the
// server marked data-request=N), `{M:result…}` stands for an earlier answer, as on the server.
function problemOf(input, value) {
  const rule = pattern(input.form, input.dataset.check);
  if (value === "") return "";
  const request = input.closest("fieldset[data-request]");
  const reference = request && pattern(input.form, "reference");
  const found = reference && reference.exec(value);
  if (found) {
    const n = parseInt(found[1], 10);
    return n >= 1 && n < requestNumber(request) ? "" : input.form.dataset.notEarlier.replace("{n}", String(n));
  }
  return !rule || rule.test(value) ? "" : MESSAGES[input.dataset.check];
}

export function check(input) {
  const value = input.value.trim();
  const message = problemOf(input, value);
  const problem = problemLine(input);
  if (message) input.setAttribute("aria-invalid", "true"); else input.removeAttribute("aria-invalid");
  if (problem) problem.textContent = message;
  if (input.dataset.time) {
    const out = input.parentNode.querySelector("output.time-hint");
    if (out) out.textContent = timeHint(value, input.form);
  }
}

// A value of a type the schema lacks: JSON that opens an object or array must parse (the
// server says the same on Send: encoding.py `unknown`); anything else goes as text.
function checkJson(input) {
  const text = input.value.trim();
  let message = "";
  const reference = pattern(input.form, "reference");
  if (/^[\[{]/.test(text) && !(reference && reference.test(text))) {
    try { JSON.parse(text); } catch (error) { message = "Not valid JSON: it would be sent as text."; }
  }
  if (message) input.setAttribute("aria-invalid", "true"); else input.removeAttribute("aria-invalid");
  const problem = problemLine(input);
  if (problem) problem.textContent = message;
}

on("input", (event) => {
  const target = event.target;
  if (!target.dataset) return;
  if (target.dataset.json) checkJson(target);
  if (target.dataset.check) check(target);
});
