"""The Kaltura API protocol: the schema, a typed call, its wire, its answer, the KS.

What any Kaltura client needs, whatever its user interface: the schema model and its loader
(`schema`, `schema_loader`), a call (`call`) and its bytes (`wire`), the wire's facts stated once
(`facts`), the grammar of parameter and field names (`fieldnames`), the value rules the browser
shares (`patterns`), what is secret (`secrets`), reading an answer (`results`, `answer_kinds`,
`first_part`, `highlight`, `result_summary`) and the KS (`ks`, `ks_status`, `ks_inspection`).
Imports nothing from `app.forms` or `app.reference`. Pure, as are all three core packages: no web
framework, no outbound client, no sandbox (`tests/core/test_core_boundary.py`). Nothing is
re-exported here: import the module you mean.
"""
