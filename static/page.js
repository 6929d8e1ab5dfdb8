// What several modules ask of the console page: its form, whether an htmx request is a Send,
// a field's problem line, a multirequest request's number, and how a change tells the Code
// region.

export function byId(id) { return id ? document.getElementById(id) : null; }

export function consoleForm() { return document.getElementById("console"); }

// The Send route's path is the form's data-send.
export function isSend(event) {
  const config = event.detail && event.detail.requestConfig;
  const form = consoleForm();
  return !!config && !!form && config.path === form.dataset.send;
}

// A field's problem line: the server wrote its id into the field's data-problem.
export function problemLine(element) {
  return element.dataset.problem ? document.getElementById(element.dataset.problem) : null;
}

// A multirequest request is a fieldset the server marked data-request=N.
export function requestNumber(request) { return parseInt(request.dataset.request, 10); }

// The Code region follows the form (its hx-trigger, templates/console.html; code-tabs.js says
// when): `formChanged` asks it for the code of the form as it is now, `formTyped` asks 400 ms
// after the last call. What changes the form without a change event of its own (a switch, a
// removed item) calls formChanged.
function codeRegion() { return document.querySelector("[data-samples]"); }
export function formChanged() {
  const region = codeRegion();
  if (region) region.dispatchEvent(new Event("form-changed"));
}
export function formTyped() {
  const region = codeRegion();
  if (region) region.dispatchEvent(new Event("form-typed"));
}

// A template the server wrote, `{name}` filled from `values`: the words of a rule the server
// states and the page carries (the KS countdown, the time hint).
export function fill(template, values) {
  return template.replace(/\{(\w+)\}/g, function (all, name) { return String(values[name]); });
}
