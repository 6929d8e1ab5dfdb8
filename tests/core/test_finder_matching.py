"""The finder's matching over the real 22.15.0 schema: tiers exact > prefix > word prefixes >
substring > subsequence, and every kind of thing findable."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.protocol.schema import Schema
from app.protocol.schema_loader import load_schema
from app.reference.finder import FinderIndex, Hit, words_of


@pytest.fixture(scope="module")
def index(real_schema_path: Path) -> FinderIndex:
    return FinderIndex.of(load_schema(real_schema_path))


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("searchEntry", "elasticsearch_esearch.searchEntry"),  # an action's bare name
        ("SEARCHENTRY", "elasticsearch_esearch.searchEntry"),  # in any case
        ("medlist", "media.list"),  # prefixes of successive words
        ("media.list", "media.list"),
        ("mediaentryfilter", "KalturaMediaEntryFilter"),  # without the Kaltura prefix
        ("KalturaMediaEntryFilter", "KalturaMediaEntryFilter"),
        ("media", "media"),  # the service before its actions
        ("ENTRY_ID_NOT_FOUND", "ENTRY_ID_NOT_FOUND"),  # an error by its code
        ("entrystatus", "KalturaEntryStatus"),  # an enum
        ("eSearch.searchEntry", "elasticsearch_esearch.searchEntry"),  # the service's name
    ],
)
def test_the_best_match_comes_first(index: FinderIndex, query: str, first: str) -> None:
    assert index.find(query)[0].label == first


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        ("KMEF", "KalturaMediaEntryFilter"),  # camelCase initials
        ("kmef", "KalturaMediaEntryFilter"),
        ("esearchentry", "elasticsearch_esearch.searchEntry"),
        ("medlst", "media.list"),  # a subsequence
        ("entry id not found", "ENTRY_ID_NOT_FOUND"),  # spaces ignored
    ],
)
def test_a_looser_query_still_lists_it(index: FinderIndex, query: str, listed: str) -> None:
    assert listed in [hit.label for hit in index.find(query)]


def test_tiers_rank_exact_then_prefix_then_words_then_substring(index: FinderIndex) -> None:
    labels = [hit.label for hit in index.find("list", limit=200)]
    assert labels.index("media.list") < labels.index("media.listFlags")  # exact < prefix
    words = [hit.label for hit in index.find("mediaentry", limit=200)]
    assert words[0] == "KalturaMediaEntry"  # prefix of the short name
    skipped = "KalturaExternalMediaEntryMatchAttributeCondition"  # words after one skipped
    assert words.index("KalturaMediaEntryFilter") < words.index(skipped)
    assert words.index(skipped) < words.index("KalturaBaseEntryMatchAttributeCondition")


@pytest.mark.parametrize(
    ("query", "hit"),
    [
        ("media.list", Hit("action", "media.list", service="media", action="list")),
        ("KalturaMediaType", Hit("enum", "KalturaMediaType", name="KalturaMediaType")),
        ("KalturaMediaEntry", Hit("class", "KalturaMediaEntry", name="KalturaMediaEntry")),
        ("ENTRY_ID_NOT_FOUND", Hit("error", "ENTRY_ID_NOT_FOUND", name="ENTRY_ID_NOT_FOUND")),
        ("baseentry", Hit("service", "baseentry", service="baseentry")),
    ],
)
def test_each_kind_says_where_it_lives(index: FinderIndex, query: str, hit: Hit) -> None:
    assert index.find(query)[0] == hit


@pytest.mark.parametrize("query", ["", "   ", "zzzzqqqq", "[(*+?\\", "\n"])
def test_nothing_or_odd_characters_find_nothing_and_do_not_fail(
    index: FinderIndex, query: str
) -> None:
    assert index.find(query) == []


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("KalturaMediaEntryFilter", ("kaltura", "media", "entry", "filter")),
        ("elasticsearch_esearch.searchEntry", ("elasticsearch", "esearch", "search", "entry")),
        ("ENTRY_ID_NOT_FOUND", ("entry", "id", "not", "found")),
        ("KalturaESearchItem", ("kaltura", "e", "search", "item")),
        ("KalturaFlavorParams2", ("kaltura", "flavor", "params", "2")),
    ],
)
def test_words_are_camel_humps_and_parts(name: str, words: tuple[str, ...]) -> None:
    assert words_of(name) == words


def test_the_costliest_keystrokes_over_the_full_schema_still_answer(index: FinderIndex) -> None:
    # Speed is `make bench`'s to measure; here the worst cases (many ways to split a query into
    # word prefixes) must still end with an answer.
    worst = ("e" * 99 + "z", "ka" * 50, "kmef" * 25)
    for query in ("e", "searchEntry", "medlist", "KMEF", *worst):
        assert isinstance(index.find(query), list), query
    assert index.find("medlist")[0].label == "media.list"


def test_an_empty_schema_finds_nothing() -> None:
    assert FinderIndex.of(Schema(api_version="0", generated_date="")).find("media") == []
