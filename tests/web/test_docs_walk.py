"""Every page of the API docs, walked from the index by its links, for the real 22.15.0 schema
and a small one with plugin services, plugin classes, enums and odd references: every page
answers 200 under `MAX_PAGE_BYTES` with no value printed as program output, and every docs or
console link it holds lands somewhere real (a known page, an anchor that page has, an action the
schema has)."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from fastapi.testclient import TestClient

from app.protocol.schema_loader import load_schema
from tests.web.conftest import FakeKaltura

DOCS = "/api_v3/testmeDoc/"
CONSOLE = "/api_v3/testme/"
# The largest page of 22.15.0 is the error list (~200 KB: 653 errors and their throwers); a page
# past this would be one a person waits for on a slow line.
MAX_PAGE_BYTES = 400_000
# What a value printed as Python shows (`('time (Unix seconds)',)`, `<… object at 0x…>`), never
# words a reader should see (a description's "('http,https' etc.)" is not it).
PROGRAM_OUTPUT = re.compile(r"\('[^']*',[ )]|\bobject at 0x")

SMALL = """<?xml version="1.0"?>
<xml apiVersion="9.9.9" generatedDate="1">
  <enums>
    <enum name="KalturaColor" enumType="string"><const name="RED" value="r"/></enum>
    <enum name="KalturaWidgetStatus" enumType="int" plugin="widget"><const name="ON" value="1"/></enum>
  </enums>
  <classes>
    <class name="KalturaBase" abstract="1"><property name="id" type="int" readOnly="1"/></class>
    <class name="KalturaThing" base="KalturaBase">
      <property name="color" type="string" enumType="KalturaColor"/>
      <property name="colorIn" type="string"/>
      <property name="ghost" type="KalturaGhost"/></class>
    <class name="KalturaWidget" base="KalturaThing" plugin="widget">
      <property name="status" type="int" enumType="KalturaWidgetStatus" insertOnly="1"/>
      <property name="parts" type="array" arrayType="KalturaThing"/></class>
    <class name="KalturaLoopA" base="KalturaLoopB"/><class name="KalturaLoopB" base="KalturaLoopA"/>
  </classes>
  <services>
    <service id="thing" name="thing"><action name="add"><param name="thing" type="KalturaBase"/>
      <result type="KalturaThing"/><throws name="NOPE"/><throws name="UNLISTED"/></action></service>
    <service id="widget_widget" name="widget" plugin="widget" deprecated="1">
      <action name="list"><param name="status" type="int" enumType="KalturaWidgetStatus" optional="1"/>
      <result type="array" arrayType="KalturaWidget"/><throws name="NOPE"/></action></service>
  </services>
  <errors><error name="NOPE" code="NOPE" message="No &quot;@ID@&quot;"><parameter name="ID"/></error></errors>
</xml>"""


def walk(client: TestClient, schema_path: Path) -> dict[str, str]:
    """Every docs page reachable from the index, by URL; checks each link as it goes."""
    schema = load_schema(schema_path)
    pages: dict[str, str] = {}
    anchors: list[tuple[str, str, str]] = []  # (from page, to page, anchor)
    todo = [DOCS]
    while todo:
        url = todo.pop()
        if url in pages:
            continue
        answer = client.get(url)
        assert answer.status_code == 200, url
        assert len(answer.content) < MAX_PAGE_BYTES, (url, len(answer.content))
        pages[url] = answer.text
        text = html.unescape(re.sub(r"<[^>]+>", " ", answer.text))
        assert not PROGRAM_OUTPUT.search(text), (url, PROGRAM_OUTPUT.findall(text)[:3])
        for href in map(html.unescape, re.findall(r'href="([^"]*)"', answer.text)):
            target, _, anchor = href.partition("#")
            path = urlsplit(target).path
            query = parse_qs(urlsplit(target).query)
            if path == CONSOLE and "service" in query:
                service, action = query["service"][0], query["action"][0]
                assert schema.action(service, action), (url, href)
            elif path.startswith(DOCS):
                page = target or url
                todo.append(page)
                if anchor:
                    anchors.append((url, page, anchor))
    for source, page, anchor in anchors:
        assert f'id="{html.escape(anchor)}"' in pages[page], (source, page, anchor)
    return pages


def test_every_page_of_the_real_schema_docs_is_reachable_and_every_link_lands(
    client: TestClient, real_schema_path: Path
) -> None:
    pages = walk(client, real_schema_path)
    schema = load_schema(real_schema_path)
    expected = 3 + len(schema.services) + len(schema.classes) + len(schema.enums)
    assert len(pages) == expected  # the index, the errors, the changes, each service, each type


def test_every_page_of_a_small_plugin_schema_is_reachable_and_every_link_lands(
    make_client: Callable[..., TestClient], fake: FakeKaltura, tmp_path: Path
) -> None:
    path = tmp_path / "small.xml"
    path.write_text(SMALL)
    pages = walk(make_client(fake, schema=path), path)
    assert len(pages) == 3 + 2 + 5 + 2
    widget = pages[f"{DOCS}?service=widget_widget"]
    assert "<h3>widget</h3>" in pages[DOCS] and "deprecated" in widget
