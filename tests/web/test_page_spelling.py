"""Templates and the browser modules spell no URL, field-name marker or id themselves: URLs come from the
routes (`url_for`), names from `app.protocol.fieldnames`, ids from `app.web.dom_ids`, and every
`hx-vals` is JSON written by `|tojson`, whatever a path or value holds."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace
from typing import get_args
from urllib.parse import urlencode

import jinja2
import pytest
from fastapi.testclient import TestClient

from app.forms.fields import Field, FieldKind
from app.resources import resource_path
from app.web import dom_ids
from app.web.templating import templates

TEMPLATES = sorted(Path(resource_path("templates")).glob("*.html"))
MODULES = sorted(p for p in Path(resource_path("static")).glob("*.js") if p.name != "htmx.min.js")
# What a template would write if it spelt a URL or a field name itself.
SPELT_BY_HAND = ["/api_v3/", "?object=", "?service=", "__null", ":-", ":objectType", "__key"]
SPELT_BY_HAND += ["config."]


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: p.name)
def test_no_template_spells_a_url_or_a_field_name(template: Path) -> None:
    text = template.read_text()
    assert [s for s in SPELT_BY_HAND if s in text] == []


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: p.name)
def test_every_hx_vals_of_a_template_is_written_by_tojson(template: Path) -> None:
    """In a single-quoted attribute: `|tojson` escapes `'`, `<`, `>` and `&` in JSON."""
    text = template.read_text()
    by_tojson = re.findall(r"hx-vals='\{\{ [^']*\| tojson \}\}'", text)
    assert len(by_tojson) == text.count("hx-vals=")


@pytest.mark.parametrize("module", MODULES, ids=lambda p: p.name)
def test_no_browser_module_spells_a_field_name_url_or_id(module: Path) -> None:
    """They read them from the data- attributes the server wrote (data-hidden, data-send,
    data-problem, data-request). Renumbering keeps one rule for the `N:` prefix (see
    multirequest.js)."""
    text = module.read_text()
    spelt = ["__null", '":-"', '+ ":-"', "/api_v3/", '+ "-problem"', '"request-" +', "r\\d"]
    assert [s for s in spelt if s in text] == []


class Attributes(HTMLParser):
    """Every value of one attribute in a page, unescaped as a browser reads it."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.name, self.values = name, list[str]()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.values += [v or "" for k, v in attrs if k == self.name]


def attribute_values(html: str, name: str) -> list[str]:
    parser = Attributes(name)
    parser.feed(html)
    return parser.values


HOSTILE = "a'\"<b>&c }"  # ends a single- or double-quoted attribute, or a hand-built JSON string


def test_every_hx_vals_is_json_even_with_hostile_paths(client: TestClient) -> None:
    """An Add button and an item's objectType select carry the item's path in hx-vals."""
    query = {"__path": HOSTILE, "__kind": "array", "__item_type": "KalturaMediaEntry"}
    html = client.get("/api_v3/testme/item?" + urlencode({**query, "__index": 3})).text
    found = [json.loads(v) for v in attribute_values(html, "hx-vals")]
    assert {"__path": HOSTILE + ":3", "__declared": "KalturaMediaEntry"} in found
    assert {**query, "__index": "4"} in found


@pytest.mark.parametrize(
    "url",
    [
        "/api_v3/testme/",
        "/api_v3/testme/?service=multirequest",
        "/api_v3/testme/?service=media&action=list&filter:objectType=KalturaMediaEntryFilter",
        "/api_v3/testme/actions?prefix=2:&2:service=media",
        "/api_v3/testme/params?prefix=3:&3:service=media&3:action=add",
        "/api_v3/testme/request?n=4",
    ],
)
def test_every_hx_vals_of_the_pages_is_json(client: TestClient, url: str) -> None:
    values = attribute_values(client.get(url).text, "hx-vals")
    assert values and all(isinstance(json.loads(v), dict) for v in values)


def test_a_prefix_that_names_no_request_is_refused(client: TestClient) -> None:
    assert client.get("/api_v3/testme/actions?" + urlencode({"prefix": HOSTILE})).status_code == 404


@pytest.mark.parametrize("url", ["/api_v3/testme/", "/api_v3/testmeDoc/?service=media"])
def test_every_link_and_script_of_a_page_answers(client: TestClient, url: str) -> None:
    html = client.get(url).text
    links = {v for a in ("href", "src") for v in attribute_values(html, a)}
    assert any(re.fullmatch(r"/api_v3/testme/static/[0-9a-f]+/main\.js", link) for link in links)
    assert "/api_v3/testmeDoc/" in links
    for link in links:
        assert client.get(link).status_code == 200, link


@pytest.mark.parametrize(
    "url",
    [
        "/api_v3/testme/",
        "/api_v3/testme/actions?service=media",
        "/api_v3/testme/params?service=media&action=get",
        "/api_v3/testme/request?n=2",
        "/api_v3/testmeDoc/",
    ],
)
def test_no_answer_claims_to_vary_on_hx_request(client: TestClient, url: str) -> None:
    """No handler answers htmx differently from a browser, so none says it does."""
    assert "hx-request" not in client.get(url).headers.get("vary", "").lower()


IDS = [
    (dom_ids.field_id("filter:nameLike"), "f-filter-nameLike"),
    (dom_ids.field_id("2:entries:0", "problem"), "f-2-entries-0--problem"),
    (dom_ids.field_id("config.ks", "note"), "f-config-ks--note"),
    # an object's objectType select, then its property `type`: two ids, not one
    (dom_ids.field_id("user", "type"), "f-user--type"),
    (dom_ids.field_id("user:type"), "f-user-type"),
    (dom_ids.field_id("a'\" b"), "f-a---b"),
    (dom_ids.request_id(3), "request-3"),
    (dom_ids.request_id(3, "action-area"), "request-3-action-area"),
    (dom_ids.request_id(0, "action"), "action"),
]


@pytest.mark.parametrize(("made", "expected"), IDS, ids=[e for _, e in IDS])
def test_ids_are_derived_in_one_place(made: str, expected: str) -> None:
    assert made == expected


def render_field(client: TestClient, field: Field) -> str:
    """`_fields.html`'s render_field, as a page would call it."""
    request = SimpleNamespace(app=client.app)
    module = templates.env.get_template("_fields.html").make_module({"request": request})
    return str(module.render_field(field))


@pytest.mark.parametrize("kind", get_args(FieldKind))
def test_every_field_kind_has_its_macro(client: TestClient, kind: FieldKind) -> None:
    html = render_field(client, Field(kind=kind, name="x", path="x", type_label="t"))
    expected = {
        "object": 'class="object"',
        "array": 'class="container"',
        "map": 'class="container"',
    }
    assert expected.get(kind, f'data-kind="{kind}"') in html


def test_a_kind_without_a_macro_is_an_error_not_a_text_field(client: TestClient) -> None:
    field = Field(kind="nosuch", name="x", path="x", type_label="t")  # type: ignore[arg-type]
    with pytest.raises(jinja2.UndefinedError):
        render_field(client, field)


def test_the_null_switch_names_its_hidden_input(client: TestClient) -> None:
    html = render_field(client, Field(kind="string", name="x", path="a:b", type_label="t"))
    assert re.search(r'data-hidden="a:b__null"', html)
    assert '<input type="hidden" name="a:b__null"' in html


class IdsAndLabels(HTMLParser):
    """Every id of a page, and what each label is for."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []
        self.names: dict[str, str] = {}  # id → the control's name
        self.labels: list[tuple[str, str]] = []  # (for, text)
        self._label: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if found.get("id"):
            self.ids.append(str(found["id"]))
            self.names[str(found["id"])] = str(found.get("name") or "")
        if tag == "label" and found.get("for"):
            self._label = str(found["for"])
            self.labels.append((self._label, ""))

    def handle_data(self, data: str) -> None:
        if self._label is not None:
            target, text = self.labels[-1]
            self.labels[-1] = (target, text + data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "label":
            self._label = None


@pytest.mark.parametrize(
    ("query", "owner"),
    [
        # KalturaMediaEntry and KalturaUser have a property `type` beside their objectType select
        ({"service": "media", "action": "add", "entry:objectType": "KalturaMediaEntry"}, "entry"),
        ({"service": "user", "action": "add", "user:objectType": "KalturaUser"}, "user"),
    ],
)
def test_a_property_named_type_has_its_own_id_and_label(
    client: TestClient, query: dict[str, str], owner: str
) -> None:
    page = IdsAndLabels()
    page.feed(client.get("/api_v3/testme/?" + urlencode(query)).text)
    assert sorted({i for i in page.ids if page.ids.count(i) > 1}) == []
    for target, text in page.labels:
        if text.strip() == "type":
            assert page.names[target] == f"{owner}:type"
        if text.strip() == "objectType" and page.names[target].startswith(owner):
            assert page.names[target] == f"{owner}:objectType"
