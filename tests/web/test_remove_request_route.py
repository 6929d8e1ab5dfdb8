"""Remove request is a round trip: the page posts its form and the number to remove, and the
server answers the requests left, renumbered (field names and `{N:result}` references, by the
one rule in wire.renumber_references), with everything typed kept; a request whose result
another uses stays, and the answer says why into its problem line."""

from __future__ import annotations

from html.parser import HTMLParser

import httpx
from fastapi.testclient import TestClient

from tests.web.test_page_spelling import attribute_values

REMOVE = "/api_v3/testme/request/remove"

# 1 system.ping, 2 media.add (a nested object), 3 accessControlProfile.add (an array of
# objects) using 2's result, 4 baseEntry.upload (a file field) using 3's.
FORM = {
    "service": "multirequest",
    "config.format": "1",
    "1:service": "system",
    "1:action": "ping",
    "2:service": "media",
    "2:action": "add",
    "2:entry:objectType": "KalturaMediaEntry",
    "2:entry:name": "Sea",
    "2:entry:tags": "blue, wet",
    "2:entry:description": "before {5:result}",  # a request not added yet moves down too
    "3:service": "accesscontrolprofile",
    "3:action": "add",
    "3:accessControlProfile:objectType": "KalturaAccessControlProfile",
    "3:accessControlProfile:name": "for {2:result:id}",
    "3:accessControlProfile:rules:0:objectType": "KalturaRule",
    "3:accessControlProfile:rules:0:message": "rule one",
    "3:accessControlProfile:rules:1:objectType": "KalturaRule",
    "3:accessControlProfile:rules:1:code": "{2:result:name} and {2:result}",
    "4:service": "baseentry",
    "4:action": "upload",
}


class Controls(HTMLParser):
    """Each named input's value, textarea's text and select's chosen option, by name."""

    def __init__(self) -> None:
        super().__init__()
        self.values: dict[str, str] = {}
        self.inputs: dict[str, str] = {}  # name → type, for every input
        self._select = ""
        self._textarea = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "input" and "name" in a:
            self.inputs[a["name"]] = a.get("type", "text")
            if a.get("type") != "file":
                self.values[a["name"]] = a.get("value", "")
        elif tag == "select" and "name" in a:
            self._select = a["name"]
        elif tag == "option" and self._select and "selected" in a:
            self.values[self._select] = a.get("value", "")
        elif tag == "textarea" and "name" in a:
            self._textarea = a["name"]
            self.values[self._textarea] = ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._select = ""
        elif tag == "textarea":
            self._textarea = ""

    def handle_data(self, data: str) -> None:
        if self._textarea:
            self.values[self._textarea] += data


def controls(html: str) -> Controls:
    parser = Controls()
    parser.feed(html)
    return parser


def remove(client: TestClient, number: str, form: dict[str, str] = FORM) -> httpx.Response:
    return client.post(REMOVE, data={**form, "__remove": number})


def test_removing_request_1_moves_every_later_value_down_with_its_references(
    client: TestClient,
) -> None:
    response = remove(client, "1")
    assert response.status_code == 200
    shown = controls(response.text)
    for name, value in FORM.items():
        n, sep, rest = name.partition(":")
        if sep and n.isdigit() and int(n) > 1 and value:
            expected = value.replace("{2:result", "{1:result").replace("{5:", "{4:")
            assert shown.values[f"{int(n) - 1}:{rest}"] == expected, name
    assert shown.values["2:accessControlProfile:rules:1:code"] == "{1:result:name} and {1:result}"
    assert shown.inputs["3:fileData"] == "file"  # the file field moved down with its request
    assert not any(name.startswith("4:") for name in shown.inputs)
    assert attribute_values(response.text, "data-request") == ["1", "2", "3"]
    assert "Remove request 3</button>" in response.text
    # The Add request button, out of band, asks for request 4 next.
    assert 'id="add-request"' in response.text and "hx-swap-oob" in response.text
    assert '{"n": "4"}' in response.text


def test_removing_the_last_request_keeps_the_others_as_they_were(client: TestClient) -> None:
    shown = controls(remove(client, "4").text)
    assert shown.values["3:accessControlProfile:name"] == "for {2:result:id}"
    assert shown.values["2:entry:name"] == "Sea"
    assert "4:fileData" not in shown.inputs


def test_a_request_whose_result_is_used_stays_and_its_problem_line_says_why(
    client: TestClient,
) -> None:
    response = remove(client, "2")
    assert response.status_code == 200
    assert response.headers["HX-Retarget"] == "#request-2-problem"
    assert response.text == (
        "Not removed: request 3 uses its result ({2:result:id}). Change that reference first."
    )


def test_the_refusal_is_escaped(client: TestClient) -> None:
    form = {**FORM, "4:fileData": "{3:result:<b>}"}
    assert "&lt;b&gt;" in remove(client, "3", form).text


def test_removing_a_request_the_form_lacks_is_not_found(client: TestClient) -> None:
    assert remove(client, "7").status_code == 404
    assert remove(client, "x").status_code == 404
    assert client.post(REMOVE, data=FORM).status_code == 404


def test_the_page_carries_the_servers_sentence_for_a_reference_that_runs_too_late(
    client: TestClient,
) -> None:
    """value-checks.js shows this, with the number; Send says the same words (form_reading)."""
    page = client.get("/api_v3/testme/").text
    assert attribute_values(page, "data-not-earlier") == [
        "Refers to request {n}, which does not run before it."
    ]
