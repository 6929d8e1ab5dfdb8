/* Answer paths: the values at a path such as `objects.0.id` or `objects.*.name` in a Kaltura
   answer, read alike from its XML form (<xml><result><objects><item><id>…) and its JSON form
   ({"objects":[{"id":…}]}). Pure: text in, values or a message out; no page, no DOM of the page
   (tests/e2e/test_answer_paths.py runs its table of cases in the browser).

   Grammar: parts joined by dots, each a name (`objects`, a property), an index (`0`, an array
   item, counted from 0) or `*` (every item or property). A path starts inside the result: a
   multirequest's result is the array of its answers, so `1.objects.0.id` reads the second
   request's first object. An error reads alike too: XML's <error><code> is JSON's `code`. */

var PART = /^(\*|\d+|[A-Za-z_$][\w$]*)$/;
var JSONP = /^\s*[A-Za-z_$][\w$.]*\s*\(([\s\S]*)\)\s*;?\s*$/;

export function parsePath(path) {
  var text = path.trim();
  if (!text) return { error: "Not a path: it is empty." };
  var parts = text.split(".");
  for (var i = 0; i < parts.length; i++) {
    if (!parts[i]) return { error: "Not a path: “" + text + "” has an empty part; parts are joined by single dots." };
    if (!PART.test(parts[i])) return { error: "Not a path: “" + parts[i] + "” is not a name, an index or *." };
  }
  return { parts: parts };
}

// A JSON value's children as [label, value] pairs, for `*` and for names and indexes.
function jsonChildren(value) {
  if (Array.isArray(value)) return value.map(function (item, i) { return [String(i), item]; });
  if (value && typeof value === "object") return Object.keys(value).map(function (key) { return [key, value[key]]; });
  return [];
}

function jsonShown(value) {
  return typeof value === "string" ? value : JSON.stringify(value, null, 2);
}

function elements(node) {
  return Array.prototype.filter.call(node.childNodes, function (child) { return child.nodeType === 1; });
}

// An element standing for a failed call holds only <error>: read its fields as the call's own.
function unwrapError(node) {
  var children = elements(node);
  return children.length === 1 && children[0].nodeName === "error" ? children[0] : node;
}

// Kaltura writes an array as <item> children (labelled by index), an object as named children.
function xmlChildren(node) {
  var children = elements(node);
  var isArray = children.length > 0 && children.every(function (child) { return child.nodeName === "item"; });
  return children.map(function (child, i) { return [isArray ? String(i) : child.nodeName, unwrapError(child)]; });
}

// An element's own lines keep the answer's indentation: take off what its end tag's line has.
function xmlShown(node) {
  if (!elements(node).length) return node.textContent;
  var lines = new XMLSerializer().serializeToString(node).split("\n");
  var indent = /^\s*/.exec(lines[lines.length - 1])[0];
  return lines.map(function (line) { return line.indexOf(indent) === 0 ? line.slice(indent.length) : line; }).join("\n");
}

function readAnswer(text, kind) {
  if (kind === "json" || kind === "jsonp") {
    var body = kind === "jsonp" && JSONP.test(text) ? text.replace(JSONP, "$1") : text;
    try {
      return { root: JSON.parse(body), children: jsonChildren, shown: jsonShown };
    } catch (error) {
      return { error: "The answer is not JSON the filter can read (" + error.message + ")." };
    }
  }
  if (kind === "xml") {
    var doc = new DOMParser().parseFromString(text, "application/xml");
    if (doc.getElementsByTagName("parsererror").length) return { error: "The answer is not well-formed XML, so the filter cannot read it." };
    var top = doc.documentElement;
    var result = elements(top).filter(function (child) { return child.nodeName === "result"; })[0];
    return { root: unwrapError(result || top), children: xmlChildren, shown: xmlShown };
  }
  return { error: "The path filter reads XML and JSON answers; this one is " + kind + "." };
}

// Every (path, value) the parts lead to, in the answer's order.
export function select(text, kind, path) {
  var parsed = parsePath(path);
  if (parsed.error) return parsed;
  var answer = readAnswer(text, kind);
  if (answer.error) return answer;
  var found = [{ path: [], value: answer.root }];
  parsed.parts.forEach(function (part) {
    var next = [];
    found.forEach(function (at) {
      answer.children(at.value).forEach(function (pair) {
        if (part === "*" || pair[0] === part) next.push({ path: at.path.concat(pair[0]), value: pair[1] });
      });
    });
    found = next;
  });
  if (!found.length) return { error: "No value at " + parsed.parts.join(".") + "." };
  return { matches: found.map(function (at) { return { path: at.path.join("."), value: answer.shown(at.value) }; }) };
}

