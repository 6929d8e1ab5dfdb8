"""A dynamic playlist's XML, as api_v3 writes and reads it (pure: no server).

api_v3 writes a playlist's filters as XML and reads them back from it, under the core field
names of the entry filters, with a cap on total_results (docs/SANDBOX.md, Playlists).
"""

from __future__ import annotations

import pytest

from app.protocol.schema import Schema
from app.protocol.schema_loader import load_schema
from app.sandbox.services import playlist_content as content
from tests.conftest import SHARED_SCHEMA

# The shape api_v3 keeps: filters under <filters>, core names.
CORE_XML = """<playlist>
  <total_results>6</total_results>
  <filters>
    <filter>
      <limit>3</limit>
      <mlikeor_tags>dog football</mlikeor_tags>
      <gte_created_at></gte_created_at>
      <in_media_type>1,5</in_media_type>
      <order_by>-created_at</order_by>
    </filter>
    <filter><limit>7</limit><like_tags>cat</like_tags></filter>
  </filters>
</playlist>"""


@pytest.fixture(scope="module")
def schema() -> Schema:
    """22.15.0's: every filter field api_v3 has (the embedded schema keeps a subset)."""
    return load_schema(SHARED_SCHEMA)


def test_core_xml_reads_back_as_api_filters(schema: Schema) -> None:
    dynamic = content.from_xml(schema, CORE_XML)

    assert dynamic.total_results == 6
    assert dynamic.filters == [
        {
            "objectType": "KalturaMediaEntryFilterForPlaylist",
            "limit": 3,
            "tagsMultiLikeOr": "dog football",
            "mediaTypeIn": "1,5",
            "orderBy": "-createdAt",
        },
        {"objectType": "KalturaMediaEntryFilterForPlaylist", "limit": 7, "tagsLike": "cat"},
    ]


@pytest.mark.parametrize(
    ("api_field", "core"),
    [
        ("tagsMultiLikeOr", "mlikeor_tags"),
        ("createdAtGreaterThanOrEqual", "gte_created_at"),
        ("tagsNameMultiLikeOr", "mlikeor_tags-name"),
        ("categoriesIdsMatchOr", "matchor_categories_ids"),
        ("referenceIdEqual", "eq_reference_id"),
        ("statusNotIn", "notin_status"),
        ("freeText", "free_text"),
        ("orderBy", "order_by"),
    ],
)
def test_api_filter_fields_take_the_core_names(schema: Schema, api_field: str, core: str) -> None:
    assert content.core_name(schema, api_field) == core


def test_filters_written_then_read_are_the_same(schema: Schema) -> None:
    filters = [
        {
            "objectType": "KalturaMediaEntryFilterForPlaylist",
            "tagsNameMultiLikeOr": "a b",
            "orderBy": "+name,-createdAt",
            "limit": 4,
        }
    ]
    xml = content.to_xml(schema, filters, 12)

    assert "<mlikeor_tags-name>a b</mlikeor_tags-name>" in xml
    assert "<order_by>+name,-created_at</order_by>" in xml
    assert content.from_xml(schema, xml) == content.DynamicContent(12, filters)


@pytest.mark.parametrize(
    ("xml", "total"),
    [
        ("<playlist><filters/></playlist>", 200),  # absent: the system's TOTAL_RESULTS
        ("<playlist><total_results>5000</total_results></playlist>", 200),  # capped at it
        ("<playlist><total_results></total_results></playlist>", 0),  # written without one
        ("not xml at all", 0),  # api_v3 reads nothing, and plays nothing
        (  # an entity is never expanded (SECURITY.md): a DOCTYPE is not read at all
            '<!DOCTYPE p [<!ENTITY n "7">]><playlist><total_results>&n;</total_results></playlist>',
            0,
        ),
    ],
)
def test_total_results_as_api_v3_reads_it(schema: Schema, xml: str, total: int) -> None:
    assert content.from_xml(schema, xml).total_results == total


def test_static_content_drops_blanks_and_null(schema: Schema) -> None:
    assert content.cleaned_ids(" 0_a, ,null0_b,0_c ") == ["0_a", "0_b", "0_c"]
    assert content.entry_ids("0_a, 0_b,,0_a") == ["0_a", "0_b", "0_a"]
