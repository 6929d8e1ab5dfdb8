"""One module per service group of hand-written handlers, for the actions api_v3 does not
answer by convention. Importing registers nothing: `app.sandbox.engine.build_engine` lists the
modules and registers their marked handlers."""
