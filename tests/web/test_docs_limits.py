"""What a class page says of a value beyond its type, read as a person reads the Type cell: the
type, then each limit in words (`int time (Unix seconds)`, `string nullable, length at most 50`),
for the embedded schema, the real 22.15.0 one and an OTT-shaped one; never program output."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from jinja2.defaults import DEFAULT_FILTERS

from app.resources import default_schema_path
from app.web.templating import templates
from tests.web.conftest import FakeKaltura
from tests.web.ott_schema import OTT_SCHEMA

DOCS = "/api_v3/testmeDoc/"
# One property with two limits, and one-sided bounds, beside the OTT schema's own cases.
OTT_VARIANT = (
    OTT_SCHEMA.replace('name="firstName" type="string" nullable="1"', 'name="firstName" type="string" nullable="1" maxLength="50"')
    .replace('minValue="1" maxValue="500"', 'minValue="1"')
    .replace('name="pageIndex" type="int"', 'name="pageIndex" type="int" maxValue="99"')
)  # fmt: skip

TIME = "int time (Unix seconds)"
CASES = [
    # the time fields a new user met on KalturaMediaEntry, in both OVP schemas
    *[
        (schema, "KalturaMediaEntry", prop, TIME)
        for schema in ("embedded", "22.15.0")
        for prop in ("createdAt", "updatedAt", "startDate", "endDate", "lastPlayedAt", "mediaDate")
    ],
    ("22.15.0", "KalturaMediaEntry", "name", "string multi-lingual"),
    ("22.15.0", "KalturaMediaEntry", "userId", "string length at most 100"),
    ("22.15.0", "KalturaMediaEntry", "id", "string"),
    ("ott", "KalturaOTTUser", "createDate", "bigint time (Unix seconds)"),
    ("ott", "KalturaBaseOTTUser", "firstName", "string nullable"),
    ("ott", "KalturaBaseOTTUser", "username", "string length 1 to 256"),
    ("ott", "KalturaFilterPager", "pageSize", "int 1 to 500"),
    ("ott", "KalturaAsset", "multilingualName", "array of KalturaTranslationToken multi-lingual"),
    ("ott variant", "KalturaBaseOTTUser", "firstName", "string nullable, length at most 50"),
    ("ott variant", "KalturaFilterPager", "pageSize", "int at least 1"),
    ("ott variant", "KalturaFilterPager", "pageIndex", "int at most 99"),
]


def type_cells(page: str) -> dict[str, str]:
    """Each property row's Type cell as text, by property name (its badges left off)."""
    cells = {}
    for row in re.findall(r"<tr>(.*?)</tr>", page, re.S):
        texts = [
            " ".join(html.unescape(re.sub(r"<[^>]+>", " ", cell)).split())
            for cell in re.findall(r"<td>(.*?)</td>", row, re.S)
        ]
        if len(texts) == 5:  # Property, Type, From, Access, Description
            cells[texts[0].split(" ")[0]] = texts[1]
    return cells


@pytest.fixture
def docs_of(
    make_client: Callable[..., TestClient],
    fake: FakeKaltura,
    tmp_path: Path,
    real_schema_path: Path,
) -> Callable[[str], TestClient]:
    def docs(schema: str) -> TestClient:
        if schema in ("ott", "ott variant"):
            path = tmp_path / f"{schema.replace(' ', '-')}.xml"
            path.write_text(OTT_SCHEMA if schema == "ott" else OTT_VARIANT)
        else:
            path = default_schema_path() if schema == "embedded" else real_schema_path
        return make_client(fake, schema=path)

    return docs


@pytest.mark.parametrize(("schema", "cls", "prop", "expected"), CASES)
def test_a_class_page_gives_the_type_then_its_limits_in_words(
    docs_of: Callable[[str], TestClient], schema: str, cls: str, prop: str, expected: str
) -> None:
    page = docs_of(schema).get(DOCS, params={"object": cls})
    assert page.status_code == 200
    assert type_cells(page.text)[prop] == expected


def test_no_filter_of_ours_hides_one_of_jinjas_own() -> None:
    """The docs join limits with Jinja's `join`; a project filter by that name once printed
    `('time (Unix seconds)',):, ` instead."""
    hidden = [
        name
        for name, builtin in DEFAULT_FILTERS.items()
        if templates.env.filters.get(name, builtin) is not builtin
    ]
    assert hidden == []
