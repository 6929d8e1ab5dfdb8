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
import "./make-ks.js";
import "./import.js";
import "./follow.js";
