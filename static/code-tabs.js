// The Code region (views/code.py): when it asks for the form's code, its language tabs and its Copy.
import { on } from "./events.js";
import { copyText, REFUSED } from "./clipboard.js";
import { consoleForm, formChanged, formTyped } from "./page.js";

// A change asks at once and typing 400 ms after the last key, except in a select that fetches a
// part of the form (Select service, Select action, an objectType): the code of the form it is
// about to replace would be thrown away. What htmx swaps into the form asks once it has settled
// and been drawn, when the page is next idle (reading the whole form and sending it is a few ms
// of work that would otherwise come before the first key the new form answers); a fetch that
// failed asks at once, for the form as it stayed.
function inForm(element) {
  const form = consoleForm();
  return !!form && element instanceof Node && form.contains(element);
}
function fetchesPart(element) { // or, the Server select, opens another page (send.js)
  return element.tagName === "SELECT" &&
    (element.hasAttribute("hx-get") || element.hasAttribute("hx-post") || element.hasAttribute("data-server-select"));
}
on("change", (event) => { if (inForm(event.target) && !fetchesPart(event.target)) formChanged(); });
on("input", (event) => { if (inForm(event.target) && !fetchesPart(event.target)) formTyped(); });
let drawing = false;
const whenIdle = window.requestIdleCallback
  ? (run) => window.requestIdleCallback(run, { timeout: 200 })
  : (run) => setTimeout(run, 0);
on("htmx:afterSettle", (event) => {
  if (drawing || !inForm(event.target)) return;
  drawing = true;
  requestAnimationFrame(() => whenIdle(() => { drawing = false; formChanged(); }));
});
on("htmx:afterRequest", (event) => {
  const asker = event.detail.elt;
  if (!event.detail.successful && asker && inForm(asker) && fetchesPart(asker)) formChanged();
});

// The region gets the form as it stands, but a file input only names its file: a sample never
// needs the contents, so none are uploaded for it.
on("htmx:configRequest", (event) => {
  const samples = event.detail.elt;
  if (!samples || !samples.hasAttribute("data-samples") || !event.detail.formData) return;
  const data = event.detail.formData, files = [];
  data.forEach((value, key) => { if (value instanceof File) files.push([key, value]); });
  files.forEach(([key, file]) => {
    data.delete(key);
    data.append(key, new File([], file.name, { type: file.type }));
  });
});

// Its tabs: click, or Left/Right/Home/End, selects a tab and shows its panel (the choice
// travels with the next refresh in a hidden input, the tab's data-language).
function selectTab(tab, focus) {
  const list = tab.closest("[role=tablist]");
  list.querySelectorAll("[role=tab]").forEach((other) => {
    const on = other === tab;
    other.setAttribute("aria-selected", on ? "true" : "false");
    other.tabIndex = on ? 0 : -1;
    const panel = document.getElementById(other.getAttribute("aria-controls"));
    if (panel) panel.hidden = !on;
  });
  const region = tab.closest("[role=region]");
  const chosen = region && region.querySelector("input[type=hidden]");
  if (chosen) chosen.value = tab.dataset.language;
  if (focus) tab.focus();
}
// A refresh answering a request sent before the last choice keeps that choice (and the
// focus, if it was on a tab).
let tabFocused = false;
on("htmx:beforeSwap", (event) => {
  if (!event.detail.target.hasAttribute("data-samples")) return;
  tabFocused = !!(document.activeElement && document.activeElement.closest("[role=tablist]"));
});
on("htmx:afterSwap", (event) => {
  const samples = event.detail.target;
  if (!samples.hasAttribute("data-samples")) return;
  const chosen = samples.closest("[role=region]").querySelector("input[type=hidden]");
  const tab = Array.from(samples.querySelectorAll("[role=tab]")).find((t) => chosen && t.dataset.language === chosen.value) ||
    samples.querySelector("[role=tab][aria-selected=true]");
  if (tab) selectTab(tab, tabFocused);
});
// A tab is chosen as the pointer goes down on it, not only on the click: pressing it moves the
// focus out of a field, whose change asks for a refresh at once, and that refresh must carry the
// new choice; and a refresh swapped in between the press and the release (which replaces the
// tabs) would leave the click no tab to land on, losing the choice.
on("pointerdown", (event) => {
  const tab = event.button === 0 && event.target.closest && event.target.closest("[role=tab]");
  if (tab) selectTab(tab, false);
});
on("click", (event) => {
  if (!event.target.closest) return;
  const tab = event.target.closest("[role=tab]");
  if (tab) selectTab(tab, false);
  const copy = event.target.closest("button[data-copy]");
  const source = copy && document.getElementById(copy.dataset.copy);
  if (!source) return;
  const said = copy.parentNode.querySelector("[role=status]");
  copyText(source.textContent).then((copied) => {
    if (said) said.textContent = copied ? "Copied." : REFUSED;
  });
});
on("keydown", (event) => {
  const tab = event.target.closest && event.target.closest("[role=tab]");
  if (!tab) return;
  const tabs = Array.from(tab.closest("[role=tablist]").querySelectorAll("[role=tab]"));
  const at = tabs.indexOf(tab);
  const next = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: tabs.length - 1 }[event.key];
  if (next === undefined) return;
  event.preventDefault();
  selectTab(tabs[(next + tabs.length) % tabs.length], true);
});
