"""A link's query → the form values restored and what was left out (app/forms/links.py)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qsl

import pytest

from app.forms.links import SECRET, Dropped, read_link
from app.protocol.schema import Schema
from app.protocol.schema_loader import load_schema


@pytest.fixture(scope="module")
def schema(real_schema_path: Path) -> Schema:
    return load_schema(real_schema_path)


def restored(schema: Schema, query: str) -> tuple[dict[str, list[str]], list[Dropped]]:
    link = read_link(schema, parse_qsl(query))
    return link.values, list(link.dropped)


@pytest.mark.parametrize(
    ("query", "values"),
    [
        (  # a nested filter, a multi-choice, a null switch: all kept, in the schema's spelling
            "service=MEDIA&action=List&filter:objectType=KalturaMediaEntryFilter"
            "&filter:nameLike=a&filter:statusIn=2&filter:statusIn=7&pager__null=1",
            {
                "service": ["media"],
                "action": ["list"],
                "filter:objectType": ["KalturaMediaEntryFilter"],
                "filter:nameLike": ["a"],
                "filter:statusIn": ["2", "7"],
                "pager__null": ["1"],
            },
        ),
        (  # an array of objects, one of them holding an emptied array
            "service=media&action=list&filter:objectType=KalturaMediaEntryFilter"
            "&filter:advancedSearch:objectType=KalturaSearchOperator"
            "&filter:advancedSearch:items:0:objectType=KalturaSearchCondition"
            "&filter:advancedSearch:items:0:field=x"
            "&filter:advancedSearch:items:1:objectType=KalturaSearchOperator"
            "&filter:advancedSearch:items:1:items:-=1",
            {
                "service": ["media"],
                "action": ["list"],
                "filter:objectType": ["KalturaMediaEntryFilter"],
                "filter:advancedSearch:objectType": ["KalturaSearchOperator"],
                "filter:advancedSearch:items:0:objectType": ["KalturaSearchCondition"],
                "filter:advancedSearch:items:0:field": ["x"],
                "filter:advancedSearch:items:1:objectType": ["KalturaSearchOperator"],
                "filter:advancedSearch:items:1:items:-": ["1"],
            },
        ),
        (  # configuration the form shows
            "service=system&action=ping&config.format=1&config.partnerId=12&config.callback=cb",
            {
                "service": ["system"],
                "action": ["ping"],
                "config.format": ["1"],
                "config.partnerId": ["12"],
                "config.callback": ["cb"],
            },
        ),
    ],
)
def test_a_link_that_fits_the_schema_is_restored_whole(
    schema: Schema, query: str, values: dict[str, list[str]]
) -> None:
    assert restored(schema, query) == (values, [])


@pytest.mark.parametrize(
    ("query", "kept", "dropped"),
    [
        (
            "service=session&action=start&secret=s3cr3t&partnerId=1&config.ks=djJ8MTIz",
            {"partnerId": ["1"]},
            [Dropped("config.ks", SECRET), Dropped("secret", SECRET)],
        ),
        (
            "service=user&action=add&user:objectType=KalturaUser&user:password=pw&user:id=u1",
            {"user:objectType": ["KalturaUser"], "user:id": ["u1"]},
            [Dropped("user:password", SECRET)],
        ),
        (
            "service=media&action=list&pager:objectType=KalturaFilterPager&pager:pageSize=abc"
            "&pager:pageIndex=2&nosuch=1&config.bogus=1",
            {"pager:objectType": ["KalturaFilterPager"], "pager:pageIndex": ["2"]},
            [
                Dropped("config.bogus", "not a field of the configuration"),
                Dropped("pager:pageSize", "expects a whole number, got 'abc'"),
                Dropped("nosuch", "not a parameter of media.list; sent as given"),
            ],
        ),
        (  # a type the parameter cannot take goes with everything under it
            "service=media&action=list&filter:objectType=KalturaNope&filter:nameLike=a&pager__null=1",
            {"pager__null": ["1"]},
            [Dropped("filter", "unknown objectType 'KalturaNope'")],
        ),
        (
            "service=media&action=add&entry:objectType=KalturaMediaEntry&entry:name=n&entry:id=x",
            {"entry:objectType": ["KalturaMediaEntry"], "entry:name": ["n"]},
            [Dropped("entry:id", "read-only property")],
        ),
        (
            "service=media&action=list&filter:objectType=KalturaMediaEntryFilter"
            "&filter:mediaTypeEqual=99&filter:nameLike=a",
            {"filter:objectType": ["KalturaMediaEntryFilter"], "filter:nameLike": ["a"]},
            [Dropped("filter:mediaTypeEqual", "'99' not in KalturaMediaType")],
        ),
    ],
)
def test_a_link_keeps_what_fits_and_names_what_it_drops(
    schema: Schema, query: str, kept: dict[str, list[str]], dropped: list[Dropped]
) -> None:
    values, left_out = restored(schema, query)
    assert {k: v for k, v in values.items() if k not in ("service", "action")} == kept
    assert left_out == dropped


def test_a_multirequest_link_restores_its_requests_by_number(schema: Schema) -> None:
    query = (
        "service=multirequest&1:service=session&1:action=start&1:secret=s&1:partnerId=1"
        "&2:service=MEDIA&2:action=LIST&2:filter:objectType=KalturaMediaEntryFilter"
        "&2:filter:idEqual={1:result}&3:service=nosuch&3:action=x&3:y=1&4:service=system"
        "&4:action=ping&200:service=system&x=1"
    )
    link = read_link(schema, parse_qsl(query))
    assert link.requests == (1, 2, 3, 4)
    assert link.values == {
        "service": ["multirequest"],
        "1:service": ["session"],
        "1:action": ["start"],
        "1:partnerId": ["1"],
        "2:service": ["media"],
        "2:action": ["list"],
        "2:filter:objectType": ["KalturaMediaEntryFilter"],
        "2:filter:idEqual": ["{1:result}"],
        "4:service": ["system"],
        "4:action": ["ping"],
    }
    assert set(link.dropped) == {
        Dropped("1:secret", SECRET),
        Dropped("200:service", "not in a request of the multirequest"),
        Dropped("x", "not in a request of the multirequest"),
        Dropped("3:service", "No service nosuch in schema 22.15.0."),
        Dropped("3:y", "no action to take it"),
    }


@pytest.mark.parametrize(
    ("query", "values", "dropped"),
    [
        (
            "service=media&action=nosuch&x=1",
            {"service": ["media"]},
            [Dropped("x", "no action to take it")],
        ),
        ("", {}, []),
        ("prefix=2:&__path=x", {}, []),  # controls of the fragment routes are no values
    ],
)
def test_a_link_without_an_action_restores_no_values(
    schema: Schema, query: str, values: dict[str, list[str]], dropped: list[Dropped]
) -> None:
    assert restored(schema, query) == (values, dropped)


@pytest.mark.parametrize(
    "query",
    [
        # kind "order": request 1 refers to request 2, which runs after it
        "service=multirequest&1:service=media&1:action=get&1:entryId={2:result:id}"
        "&2:service=system&2:action=ping",
        # kind "missing": session.start without its secret (never taken from a link anyway)
        "service=session&action=start&partnerId=12&type=2",
        # kind "placement": data.serve cannot run in a multirequest
        "service=multirequest&1:service=data&1:action=serve&1:entryId=0_abc",
    ],
)
def test_a_problem_of_the_form_as_a_whole_drops_no_value_of_a_link(
    schema: Schema, query: str
) -> None:
    """links.py decides by a problem's kind (`FieldProblem.kind`), not by its words: only a
    value that is itself wrong is dropped."""
    values, dropped = restored(schema, query)
    assert dropped == []
    assert {k: v for k, v in parse_qsl(query)} == {k: v[0] for k, v in values.items()}
