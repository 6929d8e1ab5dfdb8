"""A multirequest request's fields offer the earlier results' references: each request fetches
its lists from /references with the earlier calls only, and its fields name the list of their
kind."""

from __future__ import annotations

from urllib.parse import urlencode

from fastapi.testclient import TestClient

from tests.web.test_page_spelling import attribute_values

CALLS = {"1:service": "media", "1:action": "list", "2:service": "system", "2:action": "ping"}


def references(client: TestClient, prefix: str, calls: dict[str, str]) -> str:
    response = client.get("/api_v3/testme/references?" + urlencode({"prefix": prefix, **calls}))
    assert response.status_code == 200
    return response.text


def options(html: str, datalist_id: str) -> list[str]:
    start = html.index(f'<datalist id="{datalist_id}">')
    return attribute_values(html[start : html.index("</datalist>", start)], "value")


def test_request_3_is_offered_the_results_of_requests_1_and_2_by_field_kind(
    client: TestClient,
) -> None:
    html = references(client, "3:", CALLS)
    strings = options(html, "request-3-references-string")
    ints = options(html, "request-3-references-int")
    assert strings[0] == "{1:result:objects:0:id}"
    assert ints[0] == "{1:result:totalCount}"
    assert "{2:result}" in strings and "{2:result}" in ints  # system.ping's bool, after
    assert sorted(strings) == sorted(ints)
    assert "media.list → string" in html


def test_a_request_sees_only_the_requests_before_it(client: TestClient) -> None:
    assert "{2:result}" not in references(client, "2:", CALLS)
    assert "<datalist" not in references(client, "1:", CALLS)
    assert "<datalist" not in references(client, "2:", {"1:service": "media"})


def test_a_bad_request_number_is_not_found(client: TestClient) -> None:
    assert client.get("/api_v3/testme/references?prefix=x:").status_code == 404


def test_typed_fields_of_later_requests_name_their_kinds_list(client: TestClient) -> None:
    def page(prefix: str) -> str:
        values = {"prefix": prefix, f"{prefix}service": "media", f"{prefix}action": "list"}
        html = client.post("/api_v3/testme/params", data=values).text
        values[f"{prefix}filter:objectType"] = "KalturaMediaEntryFilter"
        values["__path"], values["__declared"] = f"{prefix}filter", "KalturaMediaEntryFilter"
        return html + client.post("/api_v3/testme/object", data=values).text

    lists = set(attribute_values(page("2:"), "list"))
    assert {"request-2-references-int", "request-2-references-string"} <= lists
    assert not {v for v in attribute_values(page("1:"), "list") if "references" in v}


def test_a_request_fetches_its_references_with_the_calls_only(client: TestClient) -> None:
    html = client.get("/api_v3/testme/request?n=2").text
    [include] = [v for v in attribute_values(html, "hx-include") if "select.call" in v]
    assert include == "#requests select.call"
    assert 'class="call"' in html
