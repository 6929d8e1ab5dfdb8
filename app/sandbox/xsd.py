"""The XSD subset of Kaltura's metadata profiles: compile a profile's XSD, check a metadata
document against it, and list the profile's fields (their XPaths, as api_v3 names them).

The subset is what KMC writes and what hand-written profiles commonly add: global elements
(the root, `metadata`) and `ref`s to them, `xs:sequence` / `xs:choice` (nested, with
`minOccurs`/`maxOccurs`), named and local types — `complexType` with `simpleContent`
(`textType`, `dateType`, `objectType`…) or elements, `simpleType` restrictions with
`enumeration` (`listType`), `pattern`, lengths and bounds — XML Schema's built-in types,
declared attributes, and `annotation`/`appinfo` (ignored when checking; read for the fields).
A construct outside it makes `compile_schema` raise `Unsupported`, never a silent pass.
Complaints are libxml's words, as api_v3 returns them, with the line (`xsd_check.py`).
Pure: no web imports.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.sandbox.xml_tree import Element, NotWellFormed, parse
from app.sandbox.xsd_check import check
from app.sandbox.xsd_model import (
    UNBOUNDED,
    XS,
    Attribute,
    Content,
    Decl,
    Field,
    Invalid,
    Particle,
    Unsupported,
)
from app.sandbox.xsd_types import BUILT_INS, Facets, SimpleType

_IGNORED = ("annotation",)
_FACETS = {
    "length": "length",
    "minLength": "min_length",
    "maxLength": "max_length",
    "minInclusive": "min_inclusive",
    "maxInclusive": "max_inclusive",
    "minExclusive": "min_exclusive",
    "maxExclusive": "max_exclusive",
}


def _occurs(node: Element, attr: str) -> int:
    value = node.attrs.get(attr, "1").strip()
    if value == "unbounded":
        return UNBOUNDED
    if not value.isdigit():
        raise Unsupported(f"{attr}=\"{value}\" on element '{node.attrs.get('name', '')}'")
    return int(value)


class _Compiler:
    def __init__(self, root: Element) -> None:
        if (root.ns, root.name) != (XS, "schema"):
            raise Unsupported(f"the document is not an XML Schema (its root is '{root.name}')")
        self.root = root
        self.target = root.attrs.get("targetNamespace", "")
        self.qualified = root.attrs.get("elementFormDefault") == "qualified"
        self.types = {
            n.attrs.get("name", ""): n
            for n in root.children
            if n.ns == XS and n.name in ("complexType", "simpleType")
        }
        self.globals = {n.attrs.get("name", ""): n for n in root.all(XS, "element")}
        self._simple: dict[str, SimpleType] = {}
        self._depth = 0

    def schema_children(self) -> None:
        allowed = ("element", "complexType", "simpleType", "annotation", "import", "include")
        for node in self.root.children:
            if node.ns != XS or node.name not in allowed or node.name in ("import", "include"):
                raise Unsupported(f"xs:{node.name} at the schema's top level")

    def element(self, node: Element, top: bool) -> Decl:
        if "ref" in node.attrs:
            ns, name = node.resolve(node.attrs["ref"])
            target = self.globals.get(name)
            if target is None:
                raise Unsupported(f"element ref '{name}' names no global element")
            decl = self.element(target, top=True)
            decl.min, decl.max = _occurs(node, "minOccurs"), _occurs(node, "maxOccurs")
            return decl
        name = node.attrs.get("name", "")
        self._depth += 1
        if self._depth > 32:
            raise Unsupported("elements nested more than 32 deep (a recursive type?)")
        content, field_type = self._element_content(node)
        self._depth -= 1
        ns = self.target if (top or self.qualified) else ""
        appinfo = self._appinfo(node)
        decl = Decl(name, ns, content, field_type, appinfo)
        if not top:
            decl.min, decl.max = _occurs(node, "minOccurs"), _occurs(node, "maxOccurs")
        return decl

    def _appinfo(self, node: Element) -> dict[str, str]:
        info: dict[str, str] = {}
        for annotation in node.all(XS, "annotation"):
            for appinfo in annotation.all(XS, "appinfo"):
                info.update({c.name: c.text.strip() for c in appinfo.children})
        return info

    def _element_content(self, node: Element) -> tuple[Content, str]:
        if "type" in node.attrs:
            ns, name = node.resolve(node.attrs["type"])
            return self._named(ns, name), name
        for child in node.children:
            if child.ns != XS or child.name in _IGNORED:
                continue
            if child.name == "complexType":
                return self._complex(child), _restriction_base(child)
            if child.name == "simpleType":
                return Content(simple=self._simple_type(child, "")), _restriction_base(child)
            raise Unsupported(f"xs:{child.name} in element '{node.attrs.get('name', '')}'")
        return Content(any=True), ""

    def _named(self, ns: str, name: str) -> Content:
        if ns == XS:
            if name == "anyType":
                return Content(any=True)
            return Content(simple=self.built_in(name))
        node = self.types.get(name)
        if node is None:
            raise Unsupported(f"type '{name}' is not defined")
        if node.name == "simpleType":
            return Content(simple=self.simple_named(name))
        return self._complex(node)

    def built_in(self, name: str) -> SimpleType:
        if name not in BUILT_INS:
            raise Unsupported(f"the built-in type xs:{name}")
        return SimpleType(name, f"xs:{name}")

    def simple_named(self, name: str) -> SimpleType:
        if name not in self._simple:
            node = self.types.get(name)
            if node is None or node.name != "simpleType":
                raise Unsupported(f"simple type '{name}' is not defined")
            self._simple[name] = self._simple_type(node, name)
        return self._simple[name]

    def _base(self, node: Element) -> SimpleType:
        ns, name = node.resolve(node.attrs.get("base", ""))
        if ns == XS:
            return self.built_in(name)
        return self.simple_named(name)

    def _simple_type(self, node: Element, label: str) -> SimpleType:
        restriction = node.find(XS, "restriction")
        if restriction is None:
            raise Unsupported("a simple type that is not a restriction (xs:list, xs:union)")
        return self._restricted(self._base(restriction), restriction, label)

    def _restricted(self, base: SimpleType, restriction: Element, label: str) -> SimpleType:
        values: dict[str, object] = {}
        enumeration = [n.attrs.get("value", "") for n in restriction.all(XS, "enumeration")]
        for facet in restriction.children:
            if facet.ns != XS or facet.name in (*_IGNORED, "enumeration", "whiteSpace"):
                continue
            value = facet.attrs.get("value", "")
            if facet.name == "pattern":
                try:
                    values["pattern"] = re.compile(value)
                except re.error:
                    raise Unsupported(f"the pattern '{value}'") from None
                values["pattern_text"] = value
            elif facet.name in _FACETS:
                key = _FACETS[facet.name]
                values[key] = int(value) if key.endswith("length") else value
            else:
                raise Unsupported(f"the facet xs:{facet.name}")
        facets = Facets(enumeration=tuple(enumeration) or base.facets.enumeration, **values)  # type: ignore[arg-type]
        return SimpleType(base.primitive, label, facets)

    def _complex(self, node: Element) -> Content:
        if node.attrs.get("mixed") == "true":
            raise Unsupported("mixed content")
        for child in node.children:
            if child.ns != XS or child.name in _IGNORED or child.name == "attribute":
                continue
            if child.name == "simpleContent":
                return self._simple_content(child)
            if child.name in ("sequence", "choice"):
                return Content(particle=self._particle(child), attributes=self._attributes(node))
            raise Unsupported(f"xs:{child.name} in a complex type")
        return Content(attributes=self._attributes(node))

    def _simple_content(self, node: Element) -> Content:
        for child in node.children:
            if child.ns != XS or child.name in _IGNORED:
                continue
            ns, name = child.resolve(child.attrs.get("base", ""))
            base = self._named(ns, name).simple
            if base is None:
                raise Unsupported(f"simple content based on the complex type '{name}'")
            if child.name == "restriction":
                base = self._restricted(base, child, "")
            elif child.name != "extension":
                raise Unsupported(f"xs:{child.name} in simple content")
            return Content(simple=base, attributes=self._attributes(child))
        raise Unsupported("empty xs:simpleContent")

    def _attributes(self, node: Element) -> tuple[Attribute, ...]:
        found = []
        for attr in node.all(XS, "attribute"):
            ns, name = attr.resolve(attr.attrs.get("type", "xs:string"))
            kind = self.built_in(name) if ns == XS else self.simple_named(name)
            found.append(
                Attribute(attr.attrs.get("name", ""), kind, attr.attrs.get("use") == "required")
            )
        return tuple(found)

    def _particle(self, node: Element) -> Particle:
        particle = Particle(
            node.name, min=_occurs(node, "minOccurs"), max=_occurs(node, "maxOccurs")
        )
        for child in node.children:
            if child.ns != XS or child.name in _IGNORED:
                continue
            if child.name in ("sequence", "choice"):
                particle.items.append(self._particle(child))
            elif child.name == "element":
                particle.items.append(self.element(child, top=False))
            else:
                raise Unsupported(f"xs:{child.name} inside xs:{node.name}")
        return particle


def _restriction_base(node: Element) -> str:
    """api_v3's type of an element without `type`: the base of the first restriction in it."""
    for found in node.descendants("restriction"):
        if "base" in found.attrs:
            return found.attrs["base"]
    return ""


@dataclass
class Schema:
    roots: dict[tuple[str, str], Decl]

    def validate(self, text: str) -> None:
        """Raise NotWellFormed or Invalid; return when the document conforms."""
        root = parse(text)
        decl = self.roots.get((root.ns, root.name))
        if decl is None:
            raise Invalid(
                f"Element '{root.name}': No matching global declaration available for the"
                " validation root.",
                root.line,
            )
        check(decl, root)

    def fields(self) -> tuple[Field, ...]:
        found: list[Field] = []
        for decl in self.roots.values():
            _collect(decl, (), found)
        return tuple(found)


def compile_schema(text: str) -> Schema:
    """Raise NotWellFormed (api_v3: INVALID_METADATA_PROFILE_SCHEMA) or Unsupported."""
    compiler = _Compiler(parse(text))
    compiler.schema_children()
    roots = {}
    for node in compiler.globals.values():
        decl = compiler.element(node, top=True)
        roots[(decl.ns, decl.name)] = decl
    return Schema(roots)


def _collect(decl: Decl, path: tuple[str, ...], found: list[Field]) -> None:
    here = (*path, decl.name)
    if "searchable" in decl.appinfo:
        xpath = "".join(f"/*[local-name()='{step}']" for step in here)
        searchable = decl.appinfo["searchable"] == "true"
        found.append(Field(xpath, decl.name, decl.field_type, searchable, here))
    if decl.content.particle is not None:
        _collect_in(decl.content.particle, here, found)


def _collect_in(particle: Particle, path: tuple[str, ...], found: list[Field]) -> None:
    for item in particle.items:
        if isinstance(item, Particle):
            _collect_in(item, path, found)
        else:
            _collect(item, path, found)


__all__ = ["Field", "Invalid", "NotWellFormed", "Schema", "Unsupported", "compile_schema"]
