"""Following an id in the Result: the answer marks each id it can follow as a button named by
the id (JSON, XML, each request of a multirequest), and the follow route answers its menu: a
link per action that takes it, opening that form filled, and where Use in the form puts it."""

from __future__ import annotations

import html
import json
import re
from urllib.parse import parse_qsl, urlsplit

import httpx
import pytest
from fastapi.testclient import TestClient

from tests.web.conftest import FakeKaltura
from tests.web.test_send import send

FOLLOW = "/api_v3/testme/follow"
ENTRY = {"id": "0_abc", "name": "Cléo", "partnerId": 102, "objectType": "KalturaMediaEntry"}
LIST = {"objects": [ENTRY], "totalCount": 1, "objectType": "KalturaMediaListResponse"}
XML = (
    '<?xml version="1.0" encoding="utf-8"?><xml><result><objectType>KalturaMediaListResponse'
    "</objectType><objects><item><objectType>KalturaMediaEntry</objectType><id>0_abc</id>"
    "<name>Cléo</name><partnerId>102</partnerId></item></objects><totalCount>1</totalCount>"
    "</result><executionTime>0.01</executionTime></xml>"
)
BUTTON = re.compile(r'<button class="[^"]*\bfollow"([^>]*)>([^<]*)</button>')


def id_buttons(page: str) -> list[tuple[str, str, str]]:
    """(name, kind, object type) of each id button the Result prints."""
    found = []
    for attributes, name in BUTTON.findall(page):
        kind = re.search(r'data-follow="([^"]*)"', attributes)
        of = re.search(r'data-type="([^"]*)"', attributes)
        found.append(
            (html.unescape(name), kind.group(1) if kind else "", of.group(1) if of else "")
        )
    return found


@pytest.mark.parametrize(
    ("body", "content_type", "form_format"),
    [
        (json.dumps(LIST).encode(), "application/json", "1"),
        (XML.encode(), "text/xml", "2"),
    ],
    ids=["json", "xml"],
)
def test_an_id_in_the_answer_is_a_button_named_by_the_id(
    client: TestClient, fake: FakeKaltura, body: bytes, content_type: str, form_format: str
) -> None:
    fake.answer = httpx.Response(200, content=body, headers={"Content-Type": content_type})
    page = send(client, {"service": "media", "action": "list", "config.format": form_format}).text
    assert id_buttons(page) == [
        ("0_abc", "entry", "KalturaMediaEntry"),
        ("102", "partner", ""),
    ]
    assert 'data-follow-url="/api_v3/testme/follow"' in client.get("/api_v3/testme/").text


def test_each_request_of_a_multirequest_offers_its_ids(
    client: TestClient, fake: FakeKaltura
) -> None:
    token = {"id": "1_tok", "objectType": "KalturaUploadToken"}
    fake.answer = httpx.Response(200, json=[token, ENTRY])
    page = send(
        client,
        {
            "service": "multirequest",
            "config.format": "1",
            "1:service": "uploadtoken",
            "1:action": "add",
            "2:service": "media",
            "2:action": "get",
            "2:entryId": "0_abc",
        },
    ).text
    items = re.findall(r'data-answer="item"><code>(.*?)</code></pre>', page, re.S)
    assert [id_buttons(item) for item in items] == [
        [("1_tok", "uploadToken", "KalturaUploadToken")],
        [("0_abc", "entry", "KalturaMediaEntry"), ("102", "partner", "")],
    ]


def menu(client: TestClient, **query: str) -> str:
    response = client.get(FOLLOW, params=query)
    assert response.status_code == 200
    return response.text


def links(page: str) -> dict[str, str]:
    return {
        label: html.unescape(href)
        for href, label in re.findall(r'<a role="menuitem"[^>]*href="([^"]*)"[^>]*>([^<]*)<', page)
    }


def test_the_menu_links_each_action_that_takes_the_id_to_its_form_filled(
    client: TestClient,
) -> None:
    page = menu(client, kind="entry", id="0_abc", type="KalturaMediaEntry")
    found = links(page)
    assert next(iter(found)) == "media.get"
    assert {"media.update", "media.delete", "flavorAsset.list", "categoryEntry.add"} <= set(found)
    get = urlsplit(found["media.get"])
    assert get.path == "/api_v3/testme/"
    assert parse_qsl(get.query) == [("service", "media"), ("action", "get"), ("entryId", "0_abc")]
    assert parse_qsl(urlsplit(found["flavorAsset.list"]).query) == [
        ("service", "flavorasset"),
        ("action", "list"),
        ("filter:objectType", "KalturaAssetFilter"),
        ("filter:entryIdEqual", "0_abc"),
    ]
    opened = client.get(found["flavorAsset.list"]).text  # the console reads it back, filled
    assert re.search(r'name="filter:entryIdEqual"[^>]*value="0_abc"', opened)


@pytest.mark.parametrize(
    ("form", "targets", "says"),
    [
        ({"service": "media", "action": "get"}, "entryId", ""),
        ({"service": "flavorasset", "action": "list"}, "filter:entryIdEqual", "KalturaAssetFilter"),
        (
            {"service": "multirequest", "1:service": "uploadtoken", "1:action": "add"}
            | {"2:service": "media", "2:action": "addContent"},
            "2:entryId",
            "",
        ),
        ({"service": "uploadtoken", "action": "get"}, "", "No field of uploadToken.get takes"),
    ],
)
def test_use_in_the_form_names_the_field_of_the_form_that_takes_the_id(
    client: TestClient, form: dict[str, str], targets: str, says: str
) -> None:
    page = menu(client, kind="entry", id="0_abc", **form)
    found = re.search(r'data-targets="([^"]*)"', page)
    assert found and found.group(1).split() == targets.split()
    assert says in html.unescape(page)


def test_the_menu_escapes_what_it_was_given(client: TestClient) -> None:
    page = menu(client, kind="entry", id='0_a"><script>x</script>')
    assert "<script>" not in page
    assert "&lt;script&gt;" in page


def test_a_link_keeps_the_answer_format_the_form_chose(client: TestClient) -> None:
    page = menu(
        client, kind="entry", id="0_abc", service="media", action="list", **{"config.format": "1"}
    )
    assert parse_qsl(urlsplit(links(page)["media.get"]).query)[-1] == ("config.format", "1")
