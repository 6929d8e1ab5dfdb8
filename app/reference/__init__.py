"""The reference: the API docs, the finder, the official client libraries and the code samples.

`docs` indexes where each type is used and who throws each error, `finder` matches names over the
schema, `client_libraries` lists the official clients and `samples` writes a call in each
language. Builds on `app.protocol` and `app.forms` (the request-wide names a sample sets);
neither imports it. Pure: no web imports. Nothing is re-exported here: import the module you mean.
"""
