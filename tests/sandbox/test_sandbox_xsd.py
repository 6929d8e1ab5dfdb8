"""The sandbox's XSD checker (`app/sandbox/xsd.py`) on a table of good and bad metadata
documents: each verdict and complaint is the one libxml gives — the library api_v3 validates
metadata with, here through lxml, a test dependency — and the profiles' fields are the XPaths
api_v3 lists, with their node types."""

from __future__ import annotations

import pytest
from lxml import etree

from app.sandbox.xml_tree import NotWellFormed
from app.sandbox.xsd import Field, Invalid, Unsupported, compile_schema

# What KMC writes: named textType/intType/dateType/objectType, listType restricted inline.
KMC = """<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema">
  <xsd:element name="metadata">
    <xsd:complexType>
      <xsd:sequence>
        <xsd:element id="md_1" name="Title" minOccurs="1" maxOccurs="1" type="textType">
          <xsd:annotation>
            <xsd:documentation/>
            <xsd:appinfo>
              <label>Title</label><key>Title</key><searchable>true</searchable>
              <timeControl>false</timeControl><description/>
            </xsd:appinfo>
          </xsd:annotation>
        </xsd:element>
        <xsd:element name="Year" minOccurs="0" maxOccurs="1" type="intType">
          <xsd:annotation><xsd:appinfo><searchable>false</searchable></xsd:appinfo></xsd:annotation>
        </xsd:element>
        <xsd:element name="Shot" minOccurs="0" maxOccurs="1" type="dateType"/>
        <xsd:element name="Related" minOccurs="0" maxOccurs="unbounded" type="objectType"/>
        <xsd:element name="State" minOccurs="0" maxOccurs="1">
          <xsd:annotation><xsd:appinfo><searchable>true</searchable></xsd:appinfo></xsd:annotation>
          <xsd:simpleType>
            <xsd:restriction base="listType">
              <xsd:enumeration value="Draft"/>
              <xsd:enumeration value="Published"/>
            </xsd:restriction>
          </xsd:simpleType>
        </xsd:element>
      </xsd:sequence>
    </xsd:complexType>
  </xsd:element>
  <xsd:complexType name="textType">
    <xsd:simpleContent><xsd:extension base="xsd:string"/></xsd:simpleContent>
  </xsd:complexType>
  <xsd:complexType name="intType">
    <xsd:simpleContent><xsd:extension base="xsd:int"/></xsd:simpleContent>
  </xsd:complexType>
  <xsd:complexType name="dateType">
    <xsd:simpleContent><xsd:extension base="xsd:long"/></xsd:simpleContent>
  </xsd:complexType>
  <xsd:complexType name="objectType">
    <xsd:simpleContent><xsd:extension base="xsd:string"/></xsd:simpleContent>
  </xsd:complexType>
  <xsd:simpleType name="listType">
    <xsd:restriction base="xsd:string"/>
  </xsd:simpleType>
</xsd:schema>"""

# Written by hand: facets, a choice, attributes, a ref, other built-in types.
HAND = """<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
  <xs:element name="Code">
    <xs:simpleType>
      <xs:restriction base="xs:string"><xs:pattern value="[A-Z]{2}-\\d+"/></xs:restriction>
    </xs:simpleType>
  </xs:element>
  <xs:element name="metadata">
    <xs:complexType>
      <xs:sequence>
        <xs:element ref="Code" minOccurs="0"/>
        <xs:choice>
          <xs:element name="Url" type="xs:anyURI"/>
          <xs:element name="Path" type="xs:string"/>
        </xs:choice>
        <xs:element name="Rating" minOccurs="0">
          <xs:simpleType>
            <xs:restriction base="xs:integer">
              <xs:minInclusive value="1"/><xs:maxInclusive value="5"/>
            </xs:restriction>
          </xs:simpleType>
        </xs:element>
        <xs:element name="Short" minOccurs="0">
          <xs:simpleType>
            <xs:restriction base="xs:string"><xs:maxLength value="3"/></xs:restriction>
          </xs:simpleType>
        </xs:element>
        <xs:element name="Public" type="xs:boolean" minOccurs="0"/>
        <xs:element name="Note" minOccurs="0">
          <xs:complexType>
            <xs:simpleContent>
              <xs:extension base="xs:string">
                <xs:attribute name="lang" type="xs:language" use="required"/>
              </xs:extension>
            </xs:simpleContent>
          </xs:complexType>
        </xs:element>
        <xs:element name="Empty" minOccurs="0"><xs:complexType/></xs:element>
      </xs:sequence>
    </xs:complexType>
  </xs:element>
</xs:schema>"""

# One optional element per built-in type, and facets over collapsed whitespace.
TYPES = """<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
  <xs:element name="metadata"><xs:complexType><xs:sequence>
    <xs:element name="D" type="xs:date" minOccurs="0"/>
    <xs:element name="DT" type="xs:dateTime" minOccurs="0"/>
    <xs:element name="T" type="xs:time" minOccurs="0"/>
    <xs:element name="Dec" type="xs:decimal" minOccurs="0"/>
    <xs:element name="F" type="xs:float" minOccurs="0"/>
    <xs:element name="B" type="xs:boolean" minOccurs="0"/>
    <xs:element name="U" type="xs:unsignedByte" minOccurs="0"/>
    <xs:element name="N" type="xs:NCName" minOccurs="0"/>
    <xs:element name="L" type="xs:language" minOccurs="0"/>
    <xs:element name="E" minOccurs="0"><xs:simpleType><xs:restriction base="xs:token">
      <xs:pattern value="[A-Z]+"/><xs:maxLength value="2"/></xs:restriction></xs:simpleType>
    </xs:element>
    <xs:element name="R" minOccurs="0"><xs:simpleType><xs:restriction base="xs:int">
      <xs:maxExclusive value="5"/></xs:restriction></xs:simpleType>
    </xs:element>
  </xs:sequence></xs:complexType></xs:element>
</xs:schema>"""
TYPED = {
    "D": ["2020-01-31", "2020-13-01", "2020-02-30", "2024-02-29", "2021-02-29", " 2020-01-01 "],
    "DT": ["2020-01-01T10:00:00.5Z", "2020-01-01T25:00:00", "2020-01-01 10:00:00"],
    "T": ["10:00:00+02:00", "10:60:00", "1:00:00"],
    "Dec": ["-.5", "1e3", " 1.5.5 "],
    "F": ["1.5E-3", "-INF", "inf", "1,5"],
    "B": [" false ", "TRUE", " yes "],
    "U": ["255", "256", "+3", " x "],
    "N": ["ab", "1a", "a:b", " a b "],
    "L": ["en-US", "e1"],
    "E": [" AB ", " ab ", "ABC"],
    "R": [" 4 ", " 5 ", "-3", "9"],
}

SCHEMAS = {"kmc": KMC, "hand": HAND, "types": TYPES}

DOCUMENTS = [
    ("kmc", "<metadata><Title>Cléo</Title></metadata>"),
    ("kmc", "<metadata><Title/></metadata>"),
    (
        "kmc",
        "<metadata><Title>a</Title><Year>1962</Year><Shot>1300000000</Shot>"
        "<Related>0_a</Related><Related>0_b</Related><State>Draft</State></metadata>",
    ),
    ("kmc", "<metadata>\n  <Title>a</Title>\n  <Year> 7 </Year>\n</metadata>"),
    ("kmc", "<metadata/>"),
    ("kmc", "<metadata><Year>1</Year></metadata>"),
    ("kmc", "<metadata><Title>a</Title><Year>nineteen</Year></metadata>"),
    ("kmc", "<metadata><Title>a</Title><Year>99999999999</Year></metadata>"),
    ("kmc", "<metadata><Title>a</Title><State>Gone</State></metadata>"),
    ("kmc", "<metadata><Title>a</Title><Title>b</Title></metadata>"),
    ("kmc", "<metadata><Title>a</Title><State>Draft</State><Year>1</Year></metadata>"),
    ("kmc", "<metadata><Title>a</Title><Other/></metadata>"),
    ("kmc", "<metadata><Title>a</Title><Related>x</Related><Other/></metadata>"),
    ("kmc", "<Metadata><Title>a</Title></Metadata>"),
    ("kmc", "<metadata>loose<Title>a</Title></metadata>"),
    ("kmc", '<metadata><Title lang="fr">a</Title></metadata>'),
    ("kmc", "<metadata><Title><b>a</b></Title></metadata>"),
    ("hand", "<metadata><Code>AB-12</Code><Url>http://x</Url><Rating>5</Rating></metadata>"),
    ("hand", "<metadata><Path>/a</Path><Public>true</Public><Empty/></metadata>"),
    ("hand", '<metadata><Path>/a</Path><Note lang="fr">bonjour</Note></metadata>'),
    ("hand", "<metadata><Code>ab-12</Code><Url>u</Url></metadata>"),
    ("hand", "<metadata><Rating>3</Rating></metadata>"),
    ("hand", "<metadata><Url>u</Url><Path>p</Path></metadata>"),
    ("hand", "<metadata><Url>u</Url><Rating>6</Rating></metadata>"),
    ("hand", "<metadata><Url>u</Url><Rating>0</Rating></metadata>"),
    ("hand", "<metadata><Url>u</Url><Short>abcd</Short></metadata>"),
    ("hand", "<metadata><Url>u</Url><Public>yes</Public></metadata>"),
    ("hand", "<metadata><Url>u</Url><Note>no lang</Note></metadata>"),
    ("hand", "<metadata><Url>u</Url><Empty>text</Empty></metadata>"),
    ("hand", "<metadata><Url>u</Url><Empty><Code>ZZ-1</Code></Empty></metadata>"),
    ("hand", "<metadata><Url>u</Url><Rating> 4 </Rating><Short>abc</Short></metadata>"),
    ("hand", '<metadata><Url>u</Url><Note lang="fr" by="me">x</Note></metadata>'),
    ("hand", "<metadata><Code>AB-1</Code><Code>AB-2</Code><Url>u</Url></metadata>"),
    ("hand", "<metadata/>"),
    ("hand", "<Code>ZZ-1</Code>"),
    *(("types", f"<metadata><{e}>{v}</{e}></metadata>") for e, vs in TYPED.items() for v in vs),
]


def _libxml(xsd: str, document: str) -> str | None:
    """libxml's first complaint, or None when the document conforms."""
    schema = etree.XMLSchema(etree.fromstring(xsd.encode()))
    if schema.validate(etree.fromstring(document.encode())):
        return None
    first = schema.error_log[0]
    return f"{first.message} at line {first.line}"


@pytest.mark.parametrize(("schema", "document"), DOCUMENTS)
def test_the_checker_says_what_libxml_says(schema: str, document: str) -> None:
    xsd = SCHEMAS[schema]
    expected = _libxml(xsd, document)
    try:
        compile_schema(xsd).validate(document)
        said = None
    except Invalid as exc:
        said = str(exc)
    assert said == expected


def test_the_table_has_good_and_bad_documents() -> None:
    verdicts = [_libxml(SCHEMAS[s], d) is None for s, d in DOCUMENTS]
    assert verdicts.count(True) >= 7 and verdicts.count(False) >= 15


def test_a_complaint_reads_as_api_v3_passes_it_on() -> None:
    with pytest.raises(Invalid) as refused:
        compile_schema(KMC).validate("<metadata>\n<Title>a</Title>\n<Year>x</Year></metadata>")
    assert str(refused.value) == (
        "Element 'Year': 'x' is not a valid value of the atomic type 'xs:int'. at line 3"
    )


@pytest.mark.parametrize(
    ("document", "line"),
    [("<metadata><Title>a</Title></metadta>", 1), ("<metadata>\n<Title>&bad;</Title>", 2)],
)
def test_a_document_that_is_not_xml_is_not_well_formed(document: str, line: int) -> None:
    with pytest.raises(NotWellFormed) as refused:
        compile_schema(KMC).validate(document)
    assert refused.value.line == line


@pytest.mark.parametrize(
    ("xsd", "reason"),
    [
        ("<metadata/>", "not an XML Schema"),
        (
            KMC.replace(
                'base="xsd:string"/>\n  </xsd:simpleType>',
                'base="xsd:QName"/>\n  </xsd:simpleType>',
            ),
            "xs:QName",
        ),
        (
            HAND.replace("<xs:choice>", '<xs:choice minOccurs="0">').replace(
                "</xs:choice>", "</xs:choice><xs:any/>"
            ),
            "xs:any",
        ),
        (
            HAND.replace(
                "<xs:complexType>\n      <xs:sequence>",
                '<xs:complexType mixed="true">\n      <xs:sequence>',
            ),
            "mixed content",
        ),
        (
            KMC.replace('<xsd:enumeration value="Draft"/>', '<xsd:totalDigits value="2"/>'),
            "xs:totalDigits",
        ),
        (
            KMC.replace(
                '<xsd:element name="metadata">',
                '<xsd:group name="g"/><xsd:element name="metadata">',
            ),
            "xs:group",
        ),
    ],
)
def test_an_xsd_outside_the_subset_is_refused_with_its_reason(xsd: str, reason: str) -> None:
    """Never a silent pass: metadata.add names the construct the sandbox cannot check."""
    with pytest.raises(Unsupported) as refused:
        compile_schema(xsd)
    assert reason in str(refused.value)


def test_entity_declarations_are_refused() -> None:
    bomb = '<!DOCTYPE x [<!ENTITY a "aaaa">]><metadata/>'
    with pytest.raises(NotWellFormed, match="entity declarations are refused"):
        compile_schema(KMC).validate(bomb)


def test_fields_are_the_elements_with_appinfo_as_api_v3_lists_them() -> None:
    path = "/*[local-name()='metadata']/*[local-name()="
    assert compile_schema(KMC).fields() == (
        Field(f"{path}'Title']", "Title", "textType", True, ("metadata", "Title")),
        Field(f"{path}'Year']", "Year", "intType", False, ("metadata", "Year")),
        Field(f"{path}'State']", "State", "listType", True, ("metadata", "State")),
    )
