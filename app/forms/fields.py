"""From schema to form: the fields a console shows for an action's parameters.

Pure: takes the `Schema` and the values a user already typed, returns small frozen dataclasses
that the templates loop over and print. Field names follow Kaltura's own colon paths
(`filter:objectType`, `entries:0:name`), so the encoder can read them back without a second map.
Objects open one level at a time: a nested object shows only its `objectType` choice until a type
is chosen, which keeps unbounded recursion (KalturaSearchOperator.items) free until opened.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Literal

from app.protocol import fieldnames
from app.protocol.facts import MULTIREQUEST, OBJECT_TYPE
from app.protocol.schema import ParamDef, PropertyDef, Schema, TypeRef, doc_type
from app.protocol.secrets import is_ks, is_secret

Values = Mapping[str, Sequence[str]]
FieldKind = Literal[
    "int", "float", "bool", "string", "enum", "multienum", "orderby", "choice",
    "object", "array", "map", "file", "json",
]  # fmt: skip


@dataclass(frozen=True)
class Option:
    value: str
    label: str


@dataclass(frozen=True)
class Field:
    """One parameter or property, ready to print."""

    kind: FieldKind  # one macro each in templates/_fields.html
    name: str
    path: str
    type_label: str
    doc_type: str = ""  # the class or enum its type label links to in the docs
    description: str = ""
    optional: bool = True
    nullable: bool = True
    default: str = ""
    value: str = ""
    selected: tuple[str, ...] = ()
    options: tuple[Option, ...] = ()
    is_time: bool = False
    deprecated: bool = False
    insert_only: bool = False
    secret: bool = False  # typed into a password input (secrets.is_secret)
    warning: str = ""
    # objects: the chosen type and its fields; arrays and maps: the item type and the items
    item_type: str = ""
    children: tuple[Field, ...] = ()
    items: tuple[Field, ...] = ()
    next_index: int = 0
    map_key: str = ""
    # its null switch (and a list's empty switch) on, as the form or a link gave them
    null: bool = False
    emptied: bool = False

    @property
    def unlinked(self) -> bool:
        """Never in a link or the browser's history: a secret or a KS (`secrets.secret_fields`)."""
        return self.secret or is_ks(self.name)

    @property
    def hint(self) -> str:
        """The default as a placeholder; Kaltura writes a missing default as "null"."""
        return "" if self.default in ("", "null") else self.default


def _marks(label: str, deprecated: bool, beta: bool) -> str:
    return label + (" (deprecated)" if deprecated else "") + (" (beta)" if beta else "")


def service_options(schema: Schema) -> tuple[Option, ...]:
    """Multirequest first, then the services sorted by name; plugin services name their plugin
    where it differs from the service's name (`captionAsset (caption)`, but `annotation`)."""
    services = sorted(schema.services, key=lambda s: (s.name.lower(), s.plugin.lower()))
    return (
        Option(MULTIREQUEST, "Multirequest"),
        *tuple(
            Option(
                s.id,
                _marks(
                    f"{s.name} ({s.plugin_note})" if s.plugin_note else s.name, s.deprecated, s.beta
                ),
            )
            for s in services
        ),
    )


@dataclass(frozen=True)
class Selection:
    """A service and action as asked for (a deep link, a select), in the schema's spelling;
    `problem` says what was asked for that the schema lacks."""

    service: str = ""
    action: str = ""
    problem: str = ""


def select(schema: Schema, service: str, action: str) -> Selection:
    """Resolve names in any case, as api_v3 does: `MEDIA`, `LIST` → `media`, `list`. A
    multirequest has no action of its own."""
    if not service:
        return Selection(problem=f"No service was given for action {action}." if action else "")
    if service.lower() == MULTIREQUEST:
        return Selection(MULTIREQUEST)
    found = schema.service(service)
    if found is None:
        return Selection(problem=f"No service {service} in schema {schema.api_version}.")
    chosen = found.action(action) if action else None
    if action and chosen is None:
        problem = f"No action {found.id}.{action} in schema {schema.api_version}."
        return Selection(found.id, problem=problem)
    return Selection(found.id, chosen.name if chosen else "")


def action_options(schema: Schema, service_id: str) -> tuple[Option, ...]:
    service = schema.service(service_id)
    if service is None:
        return ()
    actions = sorted(service.actions, key=lambda a: a.name.lower())
    return tuple(Option(a.name, _marks(a.name, a.deprecated, a.beta)) for a in actions)


def _first(values: Values, key: str) -> str:
    found = values.get(key)
    return found[0] if found else ""


def _is_on(values: Values, marker: str) -> bool:
    """A null or empty marker the form (its switch's hidden input) or a link set."""
    return _first(values, marker).strip().lower() not in ("", "0", "false", "off")


def _enum_options(schema: Schema, enum_name: str) -> tuple[Option, ...]:
    enum = schema.enums.get(enum_name)
    if enum is None:
        return ()
    return tuple(Option(c.value, f"{c.name} ({c.value})") for c in enum.consts)


def _unknown_type_note(type_name: str) -> str:
    return (
        f"{type_name} is not in this schema: give the value as JSON, e.g. "
        f'{{"{OBJECT_TYPE}": "{type_name}", …}}, and it is sent as the nested object it '
        "describes; anything else is sent as text."
    )


def _secret_if(field: Field, owner: str) -> Field:
    """A text field that holds a secret becomes a password input."""
    return (
        replace(field, secret=True)
        if field.kind == "string" and is_secret(field.name, owner)
        else field
    )


class FormBuilder:
    """Builds `Field`s for one schema; `values` are what the user typed so far (by path)."""

    def __init__(self, schema: Schema) -> None:
        self.schema = schema

    def action_fields(
        self, service_id: str, action_name: str, values: Values, prefix: str = ""
    ) -> tuple[Field, ...]:
        service = self.schema.service(service_id)
        action = service.action(action_name) if service else None
        if service is None or action is None:
            return ()
        owner = f"{service.id}.{action.name}"
        return tuple(self.param_field(p, values, prefix, owner) for p in action.params)

    def param_field(
        self, param: ParamDef, values: Values, prefix: str = "", action: str = ""
    ) -> Field:
        """`action` (`service.action`) tells whether a name like `token` is a secret here."""
        field = self.field(
            name=param.name,
            path=prefix + param.name,
            ref=param.ref,
            values=values,
            description=param.description,
            optional=param.optional,
            default=param.default or "",
            values_enum_type=param.values_enum_type,
            open_by_default=not param.optional,
        )
        return _secret_if(field, action)

    def property_field(
        self, prop: PropertyDef, parent_path: str, owner: str, values: Values
    ) -> Field:
        field = self.field(
            name=prop.name,
            path=fieldnames.join(parent_path, prop.name),
            ref=prop.ref,
            values=values,
            description=prop.description,
            values_enum_type=prop.values_enum_type,
            is_time=prop.is_time,
            deprecated=prop.deprecated,
            insert_only=prop.insert_only,
            order_by_owner=owner if prop.name == "orderBy" else "",
        )
        return _secret_if(field, prop.owner or owner)

    def field(
        self,
        *,
        name: str,
        path: str,
        ref: TypeRef,
        values: Values,
        description: str = "",
        optional: bool = True,
        default: str = "",
        values_enum_type: str = "",
        is_time: bool = False,
        deprecated: bool = False,
        insert_only: bool = False,
        order_by_owner: str = "",
        open_by_default: bool = False,
    ) -> Field:
        base = Field(
            kind="string",
            name=name,
            path=path,
            type_label=ref.label,
            doc_type=doc_type(self.schema, ref, values_enum_type),
            description=description,
            optional=optional,
            default=default,
            deprecated=deprecated,
            insert_only=insert_only,
            value=_first(values, path),
            null=_is_on(values, fieldnames.null_of(path)),
        )
        kind = self.schema.kind(ref)
        if kind == "object":
            return self.object_field(base, ref.type, values, open_by_default)
        if kind in ("array", "map"):
            return self.container_field(base, kind, ref.array_type or "string", values)
        if kind == "enum":
            return replace(base, kind="enum", options=_enum_options(self.schema, ref.enum_type))
        if values_enum_type and values_enum_type in self.schema.enums:
            chosen = tuple(v for raw in values.get(path, ()) for v in raw.split(",") if v)
            options = _enum_options(self.schema, values_enum_type)
            return replace(base, kind="multienum", value="", selected=chosen, options=options)
        if order_by_owner:
            enum = self.schema.order_by_enum(order_by_owner)
            options = _enum_options(self.schema, enum.name) if enum else ()
            return replace(base, kind="orderby", options=options)
        if kind == "unknown":
            return replace(base, kind="json", warning=_unknown_type_note(ref.type))
        return replace(base, kind=kind, is_time=is_time)

    def type_options(self, declared: str) -> tuple[Option, ...]:
        return tuple(Option(t, t) for t in self.schema.concrete_types(declared))

    def object_field(
        self, base: Field, declared: str, values: Values, open_by_default: bool
    ) -> Field:
        """An object: its type choice and, once a type is chosen, that type's properties."""
        options = self.type_options(declared)
        chosen = _first(values, fieldnames.type_of(base.path))
        if not chosen and open_by_default and options and options[0].value == declared:
            chosen = declared
        if chosen and chosen not in {o.value for o in options}:
            chosen = ""  # a type the schema does not allow here is not rendered
        children = self.object_children(chosen, base.path, values) if chosen else ()
        return replace(
            base,
            kind="object",
            value=chosen,
            options=options,
            item_type=declared,
            children=children,
        )

    def chosen_children(self, declared: str, path: str, values: Values) -> tuple[Field, ...]:
        """The properties of the type chosen at `path:objectType`, if `declared` allows it."""
        chosen = self.schema.class_named(_first(values, fieldnames.type_of(path)))
        allowed = self.schema.concrete_types(declared)
        return (
            self.object_children(chosen.name, path, values)
            if chosen and chosen.name in allowed
            else ()
        )

    def object_children(self, class_name: str, path: str, values: Values) -> tuple[Field, ...]:
        """The writable properties of `class_name` (inherited included) under `path`."""
        return tuple(
            self.property_field(p, path, class_name, values)
            for p in self.schema.writable_properties(class_name)
        )

    def container_field(
        self, base: Field, kind: FieldKind, item_type: str, values: Values
    ) -> Field:
        """An array or map: the items the user already added, in numeric order."""
        # the items the user already has, in numeric order (unlike the original TestMe)
        indices = fieldnames.item_numbers(values, base.path)
        items = tuple(self.item_field(kind, item_type, base.path, i, values) for i in indices)
        next_index = (indices[-1] + 1) if indices else 0
        emptied = _is_on(values, fieldnames.empty_of(base.path))
        return replace(
            base,
            kind=kind,
            value="",
            item_type=item_type,
            items=items,
            next_index=next_index,
            emptied=emptied,
        )

    def item_field(self, kind: str, item_type: str, path: str, index: int, values: Values) -> Field:
        """One array or map item: `name[index]`, an object with its own type choice or a scalar."""
        item_path = fieldnames.item(path, index)
        name = f"{fieldnames.leaf(path)}[{index}]"
        ref = TypeRef(type=item_type)
        item = self.field(name=name, path=item_path, ref=ref, values=values, open_by_default=True)
        if kind == "map":
            item = replace(item, map_key=_first(values, fieldnames.key_of(item_path)))
        return item


FORMATS = (
    Option("2", "2 XML"),
    Option("1", "1 JSON"),
    Option("9", "9 JSONP"),
    Option("3", "3 PHP"),
)


def config_fields(
    schema: Schema, values: Values, prefill: Mapping[str, str] | None = None
) -> tuple[Field, ...]:
    """The request-wide fields (format first, then the schema's `<configurations>` in order);
    `ks` is left to its own partial because a captured KS replaces it. `clientTag` (`testme`)
    and the configurations in `prefill` start with a value unless the request gives one."""
    builder = FormBuilder(schema)
    fields = [
        Field(
            kind="choice",
            name="format",
            path=fieldnames.config("format"),
            type_label="int",
            description="Answer format: 2 XML (default), 1 JSON, 9 JSONP, 3 PHP serialized",
            nullable=False,
            value=_first(values, fieldnames.config("format")) or "2",
            options=FORMATS,
        ),
        Field(
            kind="string",
            name="callback",
            path=fieldnames.config("callback"),
            type_label="string",
            description="JSONP only (format 9): the function that wraps the answer",
            nullable=False,
            value=_first(values, fieldnames.config("callback")),
            default="callback",
        ),
    ]
    prefilled = {"clientTag": "testme", **(prefill or {})}
    for config in schema.configurations:
        if config.name == "ks":
            continue
        path = fieldnames.config(config.name)
        own = dict(values)
        if config.name in prefilled and path not in own:
            own[path] = [prefilled[config.name]]
        default = schema.api_version if config.name == "apiVersion" else ""
        field = builder.field(
            name=config.name,
            path=path,
            ref=config.ref,
            values=own,
            description=config.description,
            default=default,
        )
        fields.append(replace(field, nullable=False))
    return tuple(fields)
