// The page's browser code: one ES module per concern, loaded from here (templates/base.html),
// served as written (no build step). static/README.md lists each module and what it owns.
// The modules add no globals and share nothing but their exports; they listen through
// events.js (one document listener per event type). For one event, handlers run in the order
// their modules load: the order of the imports here, the order the page's scripts had before
// they were modules. Where one handler must run before another, that is written where it
// matters, not left to this list: `{ first: true }` (field-problems.js, history.js) or an import
// of the module it follows (address.js after switches.js, result-in-sight.js after
// field-problems.js).
// htmx is the vendored classic script (htmx.min.js), loaded before this one.
import "./theme.js";
import "./comfort.js";
import "./value-checks.js";
import "./switches.js";
import "./send.js";
import "./address.js";
import "./history.js";
import "./multirequest.js";
import "./code-tabs.js";
import "./field-problems.js";
import "./result-in-sight.js";
import "./finder.js";
import "./ks-inspector.js";
import "./big-answer.js";
import "./result-tools.js";
import { on } from "./events.js";

// Loaded when first needed, not with the page, so a first load carries only what the page needs
// before it is used (tests/e2e/test_wire_size.py): each registers its handlers after all of the
// above. The two dialogs load as their button is pressed and open through their module's
// `open`; the Result's id menus load with the first Result that has an id (follow.js sets up the
// Result it finds), and Import's module with a page an Import opened (its report takes the focus).
on("click", (event) => {
  const opener = event.target.closest && event.target.closest("[data-make-ks-open], button[data-import]");
  if (!opener) return;
  const loading = opener.matches("[data-make-ks-open]") ? import("./make-ks.js") : import("./import.js");
  loading.then((module) => module.open());
});
let follow = null; // follow.js once loaded: from then on its own handlers answer an id
on("htmx:afterSwap", (event) => {
  const swapped = event.detail.target;
  if (!follow && swapped.closest("#result") && swapped.querySelector("button[data-follow]")) {
    import("./follow.js").then((module) => { follow = module; });
  }
});
// An id pressed before follow.js has loaded: its menu opens once it has.
on("click", (event) => {
  const id = !follow && event.target.closest && event.target.closest("button[data-follow]");
  if (id) import("./follow.js").then((module) => { follow = module; module.activate(id); });
});
if (document.getElementById("import-report")) import("./import.js");
