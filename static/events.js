// One document-level listener per event type, for every module: a module registers its handler
// with `on("click", handler)` instead of adding a listener of its own, so the page has one
// `click` listener however many modules answer a click. The listener is a bubbling one, as
// almost all of the page's were: an element's own listeners (htmx's, the finder box's) run
// before it. Handlers run in the order they were registered (main.js imports the modules in
// that order); `{ first: true }` puts a handler before the others of its type, where one must
// see the event before another changes what it sees (field-problems.js, history.js). A handler
// that throws is reported and the others still run, as with listeners of their own.

const handlers = new Map(); // event type → { first: [...], then: [...] }

function dispatch(event) {
  const { first, then } = handlers.get(event.type);
  for (const handler of [...first, ...then]) {
    try {
      handler(event);
    } catch (error) {
      reportError(error);
    }
  }
}

export function on(type, handler, { first = false } = {}) {
  if (!handlers.has(type)) {
    handlers.set(type, { first: [], then: [] });
    document.addEventListener(type, dispatch);
  }
  handlers.get(type)[first ? "first" : "then"].push(handler);
}
