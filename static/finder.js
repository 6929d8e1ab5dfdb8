// The top bar's finder: Ctrl-K or `/` focuses the box; htmx fetches the options
// (views/finder.py) as one types; the arrow keys move the active option
// (aria-activedescendant: focus stays in the box), Enter opens it, Escape closes the list.
import { on } from "./events.js";

function parts() {
  const input = document.getElementById("finder-input");
  const list = input && document.getElementById(input.getAttribute("aria-controls"));
  return input && list ? { input: input, list: list } : null;
}

function options(list) {
  return Array.from(list.querySelectorAll('[role="option"]'));
}

function setOpen(f, open) {
  f.list.hidden = !open;
  f.input.setAttribute("aria-expanded", open ? "true" : "false");
  if (!open) setActive(f, null);
}

function setActive(f, option) {
  options(f.list).forEach(function (o) { o.setAttribute("aria-selected", o === option ? "true" : "false"); });
  if (option) {
    f.input.setAttribute("aria-activedescendant", option.id);
    option.scrollIntoView({ block: "nearest" });
  } else {
    f.input.removeAttribute("aria-activedescendant");
  }
}

function typingElsewhere(target) {
  return target instanceof HTMLElement && (target.isContentEditable ||
    ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName));
}

on("keydown", function (event) {
  const f = parts();
  if (!f) return;
  const ctrlK = (event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === "k";
  const slash = event.key === "/" && !event.ctrlKey && !event.metaKey && !event.altKey &&
    !typingElsewhere(event.target);
  if (ctrlK || slash) {
    event.preventDefault();
    f.input.focus();
    f.input.select();
  }
});

// The box's own keys and its list: listeners on them, not on the document (a module runs once the
// page is parsed, so they are there). Escape here runs before comfort.js's, which sees it handled.
function setUp() {
  const f = parts();
  if (!f) return;
  f.list.addEventListener("htmx:afterSwap", function () {
    setOpen(f, options(f.list).length > 0 || f.list.children.length > 0);
  });
  f.input.addEventListener("keydown", function (event) {
    const all = options(f.list);
    const active = document.getElementById(f.input.getAttribute("aria-activedescendant") || "");
    const at = all.indexOf(active);
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (!all.length) return;
      event.preventDefault();
      setOpen(f, true);
      const step = event.key === "ArrowDown" ? 1 : -1;
      setActive(f, all[(at + step + all.length) % all.length] || all[0]);
    } else if (event.key === "Enter") {
      const chosen = at >= 0 ? all[at] : all[0];
      if (!chosen || f.list.hidden) return;
      event.preventDefault();
      window.location.assign(chosen.dataset.href);
    } else if (event.key === "Escape") {
      if (!f.list.hidden) {
        event.preventDefault();
        setOpen(f, false);
      }
    }
  });
  f.input.closest("search").addEventListener("focusout", function (event) {
    if (!event.currentTarget.contains(event.relatedTarget)) setOpen(f, false);
  });
  f.input.addEventListener("focus", function () {
    if (f.list.children.length && f.input.value.trim()) setOpen(f, true);
  });
}
setUp();
