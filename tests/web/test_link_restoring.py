"""The console page restores the form a link describes (the address follows the form): nested
values, null switches, multirequest requests; secrets never; the rest named on the page."""

from __future__ import annotations

from urllib.parse import urlencode

from fastapi.testclient import TestClient

from tests.web.test_page_spelling import attribute_values

PAGE = "/api_v3/testme/?"


def test_a_multirequest_link_renders_each_request_with_its_values(client: TestClient) -> None:
    query = [
        ("service", "multirequest"),
        ("1:service", "session"),
        ("1:action", "start"),
        ("1:partnerId", "77"),
        ("2:service", "media"),
        ("2:action", "list"),
        ("2:filter:objectType", "KalturaMediaEntryFilter"),
        ("2:filter:nameLike", "restored-name"),
        ("2:pager__null", "1"),
    ]
    html = client.get(PAGE + urlencode(query)).text
    assert 'name="2:filter:nameLike" value="restored-name"' in html
    assert 'name="1:partnerId" value="77"' in html
    assert '<option value="KalturaMediaEntryFilter" selected>' in html
    assert attribute_values(html, "data-request") == ["1", "2"]
    # the pager's null switch is pressed and its marker sent
    assert 'data-hidden="2:pager__null" aria-pressed="true"' in html
    assert '<input type="hidden" name="2:pager__null" value="1">' in html
    assert '"n": "3"' in html  # Add request continues the numbering


def test_a_link_with_junk_opens_the_rest_and_names_what_it_left_out(client: TestClient) -> None:
    query = [
        ("service", "session"),
        ("action", "start"),
        ("secret", "never-rendered-7"),
        ("partnerId", "abc"),
        ("userId", "kept-user"),
        ("nosuch", "1"),
        ("config.ks", "djJ8never"),
    ]
    response = client.get(PAGE + urlencode(query))
    html = response.text
    assert response.status_code == 200
    assert 'value="kept-user"' in html
    assert "never-rendered-7" not in html and "djJ8never" not in html
    box = html.split("This link held values the form left out:")[1].split("</ul>")[0]
    for name in ("secret", "partnerId", "nosuch", "config.ks"):
        assert f"<code>{name}</code>" in box


def test_secret_inputs_are_marked_for_the_address_to_leave_out(client: TestClient) -> None:
    html = client.get(PAGE + urlencode({"service": "session", "action": "start"})).text
    marked = set(attribute_values(html, "name")) & {"secret", "config.ks", "partnerId"}
    assert marked == {"secret", "config.ks", "partnerId"}
    assert 'name="secret" type="password" data-secret="1"' in html
    assert 'name="config.ks" value="" data-secret="1"' in html
    assert 'name="partnerId" value="" data-secret' not in html


def test_a_ks_property_is_marked_and_never_taken_from_a_link(client: TestClient) -> None:
    """KalturaEntryContextDataParams.ks is a text field, not a password, yet holds a KS."""
    query = {
        "service": "baseEntry",
        "action": "getContextData",
        "contextDataParams:objectType": "KalturaEntryContextDataParams",
        "contextDataParams:ks": "djJ8never-linked",
        "contextDataParams:referrer": "kept-referrer",
    }
    html = client.get(PAGE + urlencode(query)).text
    assert "djJ8never-linked" not in html and 'value="kept-referrer"' in html
    assert 'name="contextDataParams:ks" data-secret="1" value=""' in html
    assert "<code>contextDataParams:ks</code>" in html
