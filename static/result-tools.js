/* Result tools: folds, search, a path filter and copy, over the answer in the Result (#result).
   The console keeps no answer on the server, so all of this works on what the page holds:
   search and folds on what is shown (the highlighted pre.code), the path filter and "Copy answer"
   on the whole answer (wholeAnswerText). The path grammar lives in answer-paths.js, loaded when
   a path is first typed. Set up again after each htmx swap of the Result. */
import { on } from "./events.js";
import { copyText, REFUSED } from "./clipboard.js";
import { textOf } from "./big-answer.js";

// A fold holding more than this many objects or elements starts collapsed: Kaltura's default
// page (30) stays open, a list paged at 100 or 500 shows as one line until opened.
var BIG_LIST = 50;
var MAX_MARKS = 10000; // search marks painted at most; the count says when there are more

// The whole answer's text: the raw copy the page carries for a large answer (only its first
// part is highlighted), else the highlighted answer itself, which is then all of it.
function wholeAnswerText(region) {
  var raw = region.querySelector("template[data-raw-answer]");
  var text = raw ? textOf(raw) : null;
  if (text !== null) return text;
  var pre = region.querySelector('pre.code[data-answer="whole"]');
  return pre ? pre.textContent : "";
}

// What search and folds work on: each request's answer in a multirequest, else the answer.
function shownAnswers(region) {
  var items = region.querySelectorAll('pre.code[data-answer="item"]');
  return items.length ? Array.prototype.slice.call(items) : Array.prototype.slice.call(region.querySelectorAll('pre.code[data-answer="whole"]'));
}

// Folds: highlight.py wraps each body in span.fold right after its opener token; a toggle
// button goes between them. Toggles rove: one Tab stop per answer, arrows move between them.
function foldName(fold) {
  var opener = fold.previousElementSibling;
  var text = opener ? opener.textContent.trim() : "";
  if (text === ">") { // an XML start tag with attributes: its name is where the tag began
    for (var at = opener; at && at.textContent.trim().charAt(0) !== "<"; ) at = at.previousElementSibling;
    text = at ? at.textContent.trim() : "";
  }
  if (text.charAt(0) === "<") return text.replace(/^<|>$/g, "").split(/\s/)[0];
  var key = opener && opener.previousElementSibling;
  if (key && key.className === "punct") key = key.previousElementSibling;
  return key && key.className === "key" ? key.textContent.trim().replace(/^"|"$/g, "") : "item";
}

function setFolded(toggle, folded) {
  var fold = toggle.nextElementSibling;
  toggle.setAttribute("aria-expanded", folded ? "false" : "true");
  fold.classList.toggle("folded", folded);
}

// The folds right inside a fold, by its children (a selector query walked all it holds, for
// every fold: the whole answer once per level).
function foldsIn(fold) {
  var n = 0;
  for (var child = fold.firstElementChild; child; child = child.nextElementSibling) {
    if (child.tagName === "SPAN" && child.classList.contains("fold")) n++;
  }
  return n;
}

function setUpFolds(pre) {
  var folds = pre.querySelectorAll("span.fold");
  for (var i = 0; i < folds.length; i++) {
    var fold = folds[i];
    var toggle = document.createElement("button");
    toggle.type = "button";
    toggle.className = "fold-toggle";
    toggle.tabIndex = -1;
    toggle.setAttribute("aria-label", foldName(fold));
    fold.before(toggle);
    // What it holds: counted here, or for a list the first part cuts, as the server counted
    // it in the whole answer (data-total): "500 items (122 shown)".
    var inner = foldsIn(fold);
    var total = Math.max(Number(fold.dataset.total) || 0, inner);
    if (total) fold.dataset.count = total + (total === 1 ? " item" : " items") + (total > inner ? " (" + inner + " shown)" : "");
    setFolded(toggle, total > BIG_LIST);
  }
  if (folds.length) pre.querySelector(".fold-toggle").tabIndex = 0;
}

function visibleToggles(pre) {
  return Array.prototype.filter.call(pre.querySelectorAll(".fold-toggle"), function (t) { return t.getClientRects().length > 0; });
}

function moveToToggle(from, to) {
  if (!to) return;
  from.tabIndex = -1;
  to.tabIndex = 0;
  to.focus();
}

function onToggleKey(event, toggle) {
  var pre = toggle.closest("pre.code");
  var all = visibleToggles(pre);
  var at = all.indexOf(toggle);
  var target = { ArrowDown: all[at + 1], ArrowUp: all[at - 1], Home: all[0], End: all[all.length - 1] }[event.key];
  if (event.key === "ArrowLeft" || event.key === "ArrowRight") setFolded(toggle, event.key === "ArrowLeft");
  else if (target) moveToToggle(toggle, target);
  else return;
  event.preventDefault();
}

// Open every fold (and request) around a node, so what search or a link points at is seen.
function reveal(node) {
  for (var at = node.parentElement; at && at.id !== "result"; at = at.parentElement) {
    if (at.classList.contains("folded")) setFolded(at.previousElementSibling, false);
    if (at.hidden && at.previousElementSibling && at.previousElementSibling.matches("h3")) setItemOpen(at.previousElementSibling.querySelector(".item-toggle"), true);
  }
}

function setItemOpen(toggle, open) {
  toggle.setAttribute("aria-expanded", open ? "true" : "false");
  document.getElementById(toggle.getAttribute("aria-controls")).hidden = !open;
}

// Search: matches of the box's text (any case) in what is shown, painted with the CSS Custom
// Highlight API (no change to the answer's markup), Enter / Shift+Enter step through them.
var search = { region: null, ranges: [], at: -1, query: "" };

function textNodes(pres) {
  var nodes = [], text = "";
  pres.forEach(function (pre) {
    var walker = document.createTreeWalker(pre, NodeFilter.SHOW_TEXT);
    for (var node = walker.nextNode(); node; node = walker.nextNode()) {
      nodes.push({ node: node, start: text.length });
      text += node.data;
    }
    text += "\u0000"; // no match runs from one answer into the next
  });
  return { nodes: nodes, text: text };
}

function nodeAt(nodes, offset) {
  var low = 0, high = nodes.length - 1;
  while (low < high) {
    var mid = (low + high + 1) >> 1;
    if (nodes[mid].start <= offset) low = mid; else high = mid - 1;
  }
  return nodes[low];
}

function findMatches(region, query) {
  var index = textNodes(shownAnswers(region));
  var ranges = [], total = 0;
  if (!query) return { ranges: ranges, total: 0 };
  var pattern = new RegExp(query.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), "gi");
  for (var match = pattern.exec(index.text); match; match = pattern.exec(index.text)) {
    total += 1;
    if (ranges.length >= MAX_MARKS) continue;
    var first = nodeAt(index.nodes, match.index), end = match.index + match[0].length;
    var last = nodeAt(index.nodes, end - 1);
    var range = document.createRange();
    range.setStart(first.node, match.index - first.start);
    range.setEnd(last.node, end - last.start);
    ranges.push(range);
  }
  return { ranges: ranges, total: total };
}

function paint() {
  if (!window.CSS || !CSS.highlights || typeof Highlight === "undefined") return;
  CSS.highlights.set("answer-search", new Highlight(...search.ranges));
  var current = search.ranges[search.at];
  if (current) CSS.highlights.set("answer-search-current", new Highlight(current));
  else CSS.highlights.delete("answer-search-current");
}

function showCount(region, total) {
  var line = region.querySelector("[data-search-count]");
  if (!search.query) line.textContent = "";
  else if (!total) line.textContent = "No match";
  else line.textContent = (search.at + 1) + " of " + total + (total > search.ranges.length ? " (first " + search.ranges.length + " marked)" : "");
}

function runSearch(region, query) {
  var found = findMatches(region, query);
  search = { region: region, ranges: found.ranges, at: found.ranges.length ? 0 : -1, query: query, total: found.total };
  if (search.at === 0) reveal(found.ranges[0].startContainer);
  paint();
  showCount(region, found.total);
  if (search.at === 0) scrollTo(found.ranges[0]);
}

function step(region, by) {
  if (search.region !== region || !search.ranges.length) return;
  var count = search.ranges.length;
  search.at = (search.at + by + count) % count;
  reveal(search.ranges[search.at].startContainer);
  paint();
  showCount(region, search.total);
  scrollTo(search.ranges[search.at]);
}

function scrollTo(range) {
  var element = range.startContainer.parentElement;
  if (element) element.scrollIntoView({ block: "nearest", inline: "nearest" });
}

// Path filter: the values at a path in the whole answer, each with its own Copy. The grammar
// loads when a path is first typed, not with the page (tests/e2e/test_wire_size.py).
function runPath(tools, region) {
  import("./answer-paths.js").then(function (paths) { listPath(paths.select, tools, region); }, function () {
    tools.querySelector("[data-path-status]").textContent = "The path filter did not load: reload the page to use it.";
  });
}
function listPath(select, tools, region) {
  var input = tools.querySelector("[data-path-input]");
  var status = tools.querySelector("[data-path-status]");
  var list = tools.querySelector("[data-path-results]");
  list.textContent = "";
  list.hidden = true;
  status.textContent = "";
  if (!input.value.trim()) return;
  var found = select(wholeAnswerText(region), tools.dataset.kind, input.value);
  if (found.error) { status.textContent = found.error; return; }
  var shown = found.matches.slice(0, 500);
  shown.forEach(function (match) {
    var item = document.createElement("li");
    var at = document.createElement("code");
    at.className = "path-at";
    at.textContent = match.path;
    var value = document.createElement("pre");
    value.className = "path-value";
    value.textContent = match.value;
    var copy = document.createElement("button");
    copy.type = "button";
    copy.dataset.copyValue = "";
    copy.textContent = "Copy";
    copy.setAttribute("aria-label", "Copy " + match.path);
    item.append(at, copy, value);
    list.append(item);
  });
  list.hidden = false;
  var count = found.matches.length;
  status.textContent = count + (count === 1 ? " value" : " values") + (count > shown.length ? ", the first " + shown.length + " shown" : "");
}

function copyAndSay(text, status) {
  copyText(text).then(function (copied) { if (status) status.textContent = copied ? "Copied." : REFUSED; });
}

function setUp(region) {
  var tools = region.querySelector("[data-result-tools]");
  if (!tools || tools.dataset.ready) return;
  tools.dataset.ready = "1";
  shownAnswers(region).forEach(setUpFolds);
  if (window.CSS && CSS.highlights) { CSS.highlights.delete("answer-search"); CSS.highlights.delete("answer-search-current"); }
  search = { region: null, ranges: [], at: -1, query: "" };
}

var pathTimer = 0, searchTimer = 0;
on("input", function (event) {
  var tools = event.target.closest && event.target.closest("[data-result-tools]");
  if (!tools) return;
  var region = tools.closest("#result");
  if (event.target.matches("[data-search-input]")) {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(function () { runSearch(region, event.target.value); }, 120);
  } else if (event.target.matches("[data-path-input]")) {
    clearTimeout(pathTimer);
    pathTimer = setTimeout(function () { runPath(tools, region); }, 200);
  }
});

on("keydown", function (event) {
  var target = event.target;
  if (!target.closest) return;
  if (target.matches(".fold-toggle")) { onToggleKey(event, target); return; }
  if (event.key !== "Enter") return;
  var region = target.closest("#result");
  if (target.matches("[data-search-input]")) {
    event.preventDefault();
    clearTimeout(searchTimer);
    if (search.region !== region || search.query !== target.value) runSearch(region, target.value);
    else step(region, event.shiftKey ? -1 : 1);
  } else if (target.matches("[data-path-input]")) {
    event.preventDefault();
    clearTimeout(pathTimer);
    runPath(target.closest("[data-result-tools]"), region);
  }
});

on("click", function (event) {
  var button = event.target.closest && event.target.closest("#result button");
  if (!button) return;
  var region = button.closest("#result");
  var tools = region.querySelector("[data-result-tools]");
  if (button.matches(".fold-toggle")) {
    setFolded(button, button.getAttribute("aria-expanded") === "true");
    var pre = button.closest("pre.code");
    pre.querySelectorAll(".fold-toggle").forEach(function (t) { t.tabIndex = -1; });
    button.tabIndex = 0;
  } else if (button.matches(".item-toggle")) {
    setItemOpen(button, button.getAttribute("aria-expanded") !== "true");
  } else if (button.matches("[data-search-step]")) {
    var box = tools.querySelector("[data-search-input]");
    if (search.region !== region || search.query !== box.value) runSearch(region, box.value);
    else step(region, Number(button.dataset.searchStep));
  } else if (button.matches("[data-fold-all]")) {
    var folded = button.dataset.foldAll === "collapse";
    region.querySelectorAll(".fold-toggle").forEach(function (t) { setFolded(t, folded); t.tabIndex = -1; });
    shownAnswers(region).forEach(function (pre) { // the outermost toggle stays in sight: the Tab stop
      var first = pre.querySelector(".fold-toggle");
      if (first) first.tabIndex = 0;
    });
  } else if (button.matches("[data-copy-answer]")) {
    copyAndSay(wholeAnswerText(region), tools.querySelector("[data-copy-status]"));
  } else if (button.matches("[data-copy-value]")) {
    copyAndSay(button.parentNode.querySelector(".path-value").textContent, tools.querySelector("[data-path-status]"));
  }
});

on("htmx:afterSwap", function (event) {
  var region = event.detail.target.closest && event.detail.target.closest("#result");
  if (region) setUp(region);
});
function start() { var region = document.getElementById("result"); if (region) setUp(region); }
start();
