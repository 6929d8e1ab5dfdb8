"""Remove request's rule (app/forms/request_removal.py): the later requests move down one, their
names and every `{N:result}` naming a later number; names outside the requests stay; a request
whose result another uses stays, with the first such use named."""

from __future__ import annotations

import pytest

from app.forms.request_removal import without_request

FORM = {
    "service": ["multirequest"],
    "config.format": ["1"],
    "1:service": ["system"],
    "2:service": ["media"],
    "2:entryId": ["{1:result:id}"],
    "3:service": ["media"],
    "3:entryId": ["{2:result} {1:result}"],
    "3:tags": ["a", "{9:result}"],
}


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        (
            3,
            {
                "service": ["multirequest"],
                "config.format": ["1"],
                "1:service": ["system"],
                "2:service": ["media"],
                "2:entryId": ["{1:result:id}"],
            },
        ),
        (
            2,
            None,  # request 3 uses it
        ),
    ],
)
def test_removing_a_request(number: int, expected: dict[str, list[str]] | None) -> None:
    removal = without_request(FORM, number)
    if expected is None:
        assert removal.refused == (
            "Not removed: request 3 uses its result ({2:result}). Change that reference first."
        )
        assert removal.values == FORM
    else:
        assert removal.refused == ""
        assert removal.values == expected
        assert removal.requests == (1, 2)


def test_later_requests_and_references_move_down_earlier_ones_stay() -> None:
    form = {k: v for k, v in FORM.items() if k != "2:entryId"}
    form["3:entryId"] = ["{2:result} {3:result:id}"]
    removal = without_request(form, 1)
    assert removal.refused == ""
    assert removal.requests == (1, 2)
    assert removal.values == {
        "service": ["multirequest"],
        "config.format": ["1"],
        "1:service": ["media"],
        "2:service": ["media"],
        "2:entryId": ["{1:result} {2:result:id}"],
        "2:tags": ["a", "{8:result}"],
    }
