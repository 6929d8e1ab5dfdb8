// Dark mode follows the system (prefers-color-scheme) until the toggle says otherwise.
// localStorage keeps only that preference ("dark" or "light"); choosing what the system
// already prefers forgets it, so the page follows the system again. theme-first-paint.js has
// already set the stored choice on <html> before the first paint.
import { on } from "./events.js";

const root = document.documentElement;
const THEME = "testme.theme"; // also read by theme-first-paint.js
const system = window.matchMedia ? window.matchMedia("(prefers-color-scheme: dark)") : null;
function prefer(value) {
  try {
    if (value) window.localStorage.setItem(THEME, value); else window.localStorage.removeItem(THEME);
  } catch (error) { /* storage blocked: the choice lasts for this page only */ }
}
function dark() {
  const chosen = root.dataset.theme;
  return chosen ? chosen === "dark" : !!(system && system.matches);
}
function showTheme() {
  const button = document.querySelector("[data-theme-toggle]");
  if (button) button.setAttribute("aria-pressed", dark() ? "true" : "false");
}
function applyTheme(value) {
  if (value) root.dataset.theme = value; else delete root.dataset.theme;
  showTheme();
}
if (system && system.addEventListener) system.addEventListener("change", showTheme);
on("click", (event) => {
  if (!event.target.closest || !event.target.closest("[data-theme-toggle]")) return;
  const want = dark() ? "light" : "dark";
  const value = (want === "dark") === !!(system && system.matches) ? "" : want;
  prefer(value);
  applyTheme(value || "");
});
showTheme();
