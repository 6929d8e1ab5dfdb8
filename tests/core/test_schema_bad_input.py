"""Schemas from old and unusual servers load and stay browsable: a BOM, missing sections,
absent types, duplicate names, a cycle in `base`."""

from __future__ import annotations

import pytest

from app.protocol.schema import Schema
from app.protocol.schema_loader import parse_schema

SERVICE = b"""<services><service id="thing" name="thing"><action name="get">
  <param name="id" type="int" optional="0"/><result type="KalturaThing"/></action></service></services>"""


def doc(classes: bytes, extra: bytes = b"", services: bytes = SERVICE) -> bytes:
    return (
        b'<?xml version="1.0" encoding="utf-8"?><xml apiVersion="9.9.9" generatedDate="1">'
        + b"<classes>"
        + classes
        + b"</classes>"
        + services
        + extra
        + b"</xml>"
    )


THING = b'<class name="KalturaThing"><property name="id" type="int"/></class>'
ERRORS = b'<errors><error name="NOPE" code="NOPE" message="no"/></errors>'
CONFIGS = b'<configurations><request type="KalturaRequestConfiguration"><property name="ks" type="string"/></request></configurations>'

CASES = {
    "utf-8 BOM": b"\xef\xbb\xbf" + doc(THING, ERRORS + CONFIGS),
    "no errors, no configurations": doc(THING),
    "property of an absent type": doc(
        b'<class name="KalturaThing"><property name="x" type="KalturaGhost"/>'
        b'<property name="ys" type="array" arrayType="KalturaGhost"/></class>'
    ),
    "base that is absent": doc(b'<class name="KalturaThing" base="KalturaGhost"/>'),
    "duplicate class": doc(THING + THING),
    "duplicate enum": doc(
        THING,
        b'<enums><enum name="KalturaE" enumType="int"><const name="A" value="1"/></enum>'
        b'<enum name="KalturaE" enumType="int"><const name="B" value="2"/></enum></enums>',
    ),
    "duplicate error": doc(THING, b"<errors>" + ERRORS[8:-9] * 2 + b"</errors>"),
    "duplicate property": doc(
        b'<class name="KalturaThing"><property name="id" type="int"/><property name="id" type="string"/></class>'
    ),
    "duplicate service": doc(THING, services=SERVICE[:-11] + SERVICE[10:]),
    "cycle in base": doc(
        b'<class name="KalturaThing" base="KalturaOther"><property name="a" type="int"/></class>'
        b'<class name="KalturaOther" base="KalturaThing"><property name="b" type="int"/></class>'
    ),
    "class that is its own base": doc(b'<class name="KalturaThing" base="KalturaThing"/>'),
}


@pytest.mark.parametrize("xml", CASES.values(), ids=CASES.keys())
def test_an_unusual_schema_loads_and_is_browsable(xml: bytes) -> None:
    schema = parse_schema(xml, "test.xml")
    assert schema.api_version == "9.9.9"
    browse(schema)


def browse(schema: Schema) -> None:
    """What the console and the docs ask of every type: properties, subtypes, summary."""
    schema.summary()
    for name in schema.classes:
        list(schema.properties(name))
        list(schema.concrete_types(name))
