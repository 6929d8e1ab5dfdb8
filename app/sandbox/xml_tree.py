"""A small namespace-aware XML tree for metadata profiles (XSD) and metadata documents.

Read with expat directly, as the schema loader does: every element keeps its line number (api_v3
reports where a document fails, `… at line N`), its namespace, and the prefixes in scope (an XSD
names types by QName: `type="xsd:int"`). Entity declarations are refused, which keeps "billion
laughs" out. Pure: no web imports.
"""

from __future__ import annotations

import xml.parsers.expat
from dataclasses import dataclass, field

SEPARATOR = "\x1f"  # between a namespace and a local name, as expat hands them over


class NotWellFormed(Exception):
    """The text is not well-formed XML; `message` is the parser's, as api_v3 reports libxml's."""

    def __init__(self, message: str, line: int) -> None:
        super().__init__(f"{message} at line {line}")
        self.message = message
        self.line = line


@dataclass
class Element:
    ns: str
    name: str
    attrs: dict[str, str]
    line: int
    prefixes: dict[str, str]
    children: list[Element] = field(default_factory=list)
    text: str = ""

    def find(self, ns: str, name: str) -> Element | None:
        return next((c for c in self.children if (c.ns, c.name) == (ns, name)), None)

    def all(self, ns: str, name: str) -> list[Element]:
        return [c for c in self.children if (c.ns, c.name) == (ns, name)]

    def descendants(self, name: str) -> list[Element]:
        """Every element below this one with local name `name`, in document order."""
        found = []
        for child in self.children:
            if child.name == name:
                found.append(child)
            found.extend(child.descendants(name))
        return found

    def resolve(self, qname: str) -> tuple[str, str]:
        """A QName attribute value as (namespace, local name), by the prefixes in scope."""
        prefix, _, local = qname.strip().rpartition(":")
        return self.prefixes.get(prefix, ""), local


def _split(tag: str) -> tuple[str, str]:
    ns, _, name = tag.rpartition(SEPARATOR)
    return ns, name


def parse(text: str) -> Element:
    """The document's root element; raises NotWellFormed."""
    parser = xml.parsers.expat.ParserCreate(namespace_separator=SEPARATOR)
    parser.SetParamEntityParsing(xml.parsers.expat.XML_PARAM_ENTITY_PARSING_NEVER)
    stack: list[Element] = []
    roots: list[Element] = []
    pending: dict[str, str] = {}

    def start_ns(prefix: str | None, uri: str | None) -> None:
        pending[prefix or ""] = uri or ""

    def start(tag: str, attrs: dict[str, str]) -> None:
        scope = (
            dict(stack[-1].prefixes) if stack else {"xml": "http://www.w3.org/XML/1998/namespace"}
        )
        scope.update(pending)
        pending.clear()
        ns, name = _split(tag)
        plain = {_split(k)[1] if not _split(k)[0] else k: v for k, v in attrs.items()}
        node = Element(ns, name, plain, parser.CurrentLineNumber, scope)
        (stack[-1].children if stack else roots).append(node)
        stack.append(node)

    def end(_tag: str) -> None:
        stack.pop()

    def characters(data: str) -> None:
        if stack:
            stack[-1].text += data

    def entity_decl(name: str, *_: object) -> None:
        raise NotWellFormed(f"entity declarations are refused ({name})", parser.CurrentLineNumber)

    parser.StartNamespaceDeclHandler = start_ns
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = characters
    parser.EntityDeclHandler = entity_decl
    try:
        parser.Parse(text, True)
    except xml.parsers.expat.ExpatError as exc:
        raise NotWellFormed(xml.parsers.expat.ErrorString(exc.code), exc.lineno) from None
    return roots[0]
