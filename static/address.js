// The address bar follows the form, and Share copies it.
import { on } from "./events.js";
import { consoleForm } from "./page.js";
import { copyText } from "./clipboard.js";
// Pressed switches cover their controls as switches.js loads, before the address below is
// first taken: what they cover is not sent, so it is not in the address either.
import "./switches.js";

// The address follows the form: service, action, then every value by its field name, the
// configuration last. Left out: what is not sent (disabled, empty, a file) and every input
// the server marked data-secret (ks, secrets, passwords), so a link never carries one. A new
// call is a new history entry (Back returns to the previous one); typing replaces the
// current entry. The page renders a link whole (views/console.py `page`), so
// reload, Back/Forward and a pasted link reopen the form; the form has autocomplete=off so
// the browser's own restoring does not fight that.
function valuesOf(form) {
  const own = [], config = [];
  const read = new Map(); // a group's defaults, parsed once for all its fields
  Array.prototype.forEach.call(form.elements, (el) => {
    if (!el.name || el.disabled || el.dataset.secret || el.type === "file" || el.type === "password" ||
        el.tagName === "BUTTON") return;
    const group = el.closest("fieldset.configuration");
    // a configuration value the console starts with anyway (format 2, clientTag…) is no news
    if (group && !read.has(group)) read.set(group, JSON.parse(group.dataset.defaults || "{}"));
    const defaults = group ? read.get(group) : {};
    const into = group ? config : own;
    const values = el.tagName === "SELECT"
      ? Array.prototype.map.call(el.selectedOptions, (option) => option.value)
      : [el.value];
    values.forEach((value) => {
      if (value !== "" && defaults[el.name] !== value) into.push([el.name, value]);
    });
  });
  return own.concat(config);
}
// Servers refuse request lines past 8-16 KB (uvicorn: 16 KB): an address longer than this
// would not open again, so the address keeps only the call, and Share says why.
const LINK_LIMIT = 8000;
export function linkOf(form, callOnly) {
  const query = new URLSearchParams();
  valuesOf(form).forEach((pair) => {
    const el = form.elements[pair[0]];
    if (!callOnly || el && el.matches && el.matches("select.call, [data-server-select]")) query.append(pair[0], pair[1]);
  });
  const search = query.toString().replace(/%3A/gi, ":"); // colons may stand in a query: readable
  return location.pathname + (search ? "?" + search : "");
}
function addressOf(form) {
  const link = linkOf(form, false);
  return link.length > LINK_LIMIT ? linkOf(form, true) : link;
}
let newEntry = false, following = null;
function follow() {
  clearTimeout(following);
  following = setTimeout(followNow, 120);
}
function followNow() {
  clearTimeout(following);
  const form = consoleForm();
  if (!form || leaving) return;
  const link = addressOf(form);
  if (link === location.pathname + location.search) { newEntry = false; return; }
  if (newEntry) history.pushState(null, "", link); else history.replaceState(history.state, "", link);
  newEntry = false;
}
// The Server select leaves for another page (send.js): from then on the address is that page's
// to write. Were it followed here, the entry being left would be rewritten to name the new
// server, and Back would return to the new server instead of the old one.
let leaving = false;
function followed(target) {
  if (target.matches && target.matches("[data-server-select]")) leaving = true;
  return !!(target.form && target.form.id === "console");
}
on("change", (event) => {
  const target = event.target;
  // A new service is a new entry; so is a new action, unless the entry has none yet (the
  // service was just chosen): Back then goes to the previous call, whatever the timing.
  if (target.id === "service") newEntry = true;
  else if (target.id === "action" && new URLSearchParams(location.search).get(target.name)) newEntry = true;
  if (followed(target)) follow();
});
on("input", (event) => {
  if (followed(event.target)) follow();
});
on("htmx:afterSettle", follow);
// htmx keeps no page snapshots (base.html): Back and Forward reload the address.
window.addEventListener("popstate", () => { location.reload(); });

// Share: the link of the form as it is now, copied and shown (selected) beside the button.
function share() {
  followNow();
  const link = location.href;
  const shown = document.querySelector("[data-share-link]");
  // Said in its own polite line: the one beside Send is for failures (an alert, in red).
  const said = (message) => {
    const line = document.querySelector("[data-share-status]");
    if (line) line.textContent = message;
  };
  const whole = linkOf(consoleForm(), false);
  if (whole.length > LINK_LIMIT) {
    if (shown) shown.hidden = true;
    said("Not shared: the form's values make a link of " + Math.ceil(whole.length / 1024) +
      " KB, past what servers accept (" + LINK_LIMIT / 1000 + " KB). Shorten the longest values to share it.");
    return;
  }
  if (shown) { shown.hidden = false; shown.value = link; shown.focus(); shown.select(); }
  copyText(link, { fromSelection: true }).then((copied) => {
    said(copied ? "Link copied." : "Copy the link shown beside Share.");
  });
}
on("click", (event) => {
  const button = event.target.closest && event.target.closest("button[data-share]");
  if (button) share();
});

// On load: the address becomes the link of what the page restored (a pasted link's junk
// and secrets leave the address bar too).
if (consoleForm()) followNow();
