// The colour scheme chosen on the toggle (theme.js keeps it in localStorage), set before the
// first paint: the one classic script besides htmx, loaded in <head> without defer, because a
// module runs only after the page is parsed and the page would flash light first. It defines
// nothing; everything else about the theme is theme.js's.
(function () {
  "use strict";
  try {
    var value = window.localStorage.getItem("testme.theme"); // theme.js THEME
    if (value === "dark" || value === "light") document.documentElement.dataset.theme = value;
  } catch (error) { /* storage blocked: the page follows the system */ }
})();
