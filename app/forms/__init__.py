"""The console's forms: the fields an action shows, and reading a submitted form back to a call.

`fields` lays out an action's fields from the schema (their names are `protocol.fieldnames`),
`form_tree`/`form_reading`/`form_calls` read a submitted form into a typed call, `encoding` is the
one form → wire composition a Send uses, `form_writing` is the inverse, `references` offers a
multirequest's `{N:result…}` values and `links` restores a shared link. Builds on `app.protocol`
only. Pure: no web imports. Nothing is re-exported here: import the module you mean.
"""
