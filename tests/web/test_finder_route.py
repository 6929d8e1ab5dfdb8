"""`GET /api_v3/testme/find?q=`: the top bar's finder options, each linking where it lives, and
every option's link landing on a page that holds what it names."""

from __future__ import annotations

import html
import re

import pytest
from fastapi.testclient import TestClient

FIND = "/api_v3/testme/find"


def options(html: str) -> list[tuple[str, str]]:
    """(href, label) of each option."""
    return re.findall(r'<li role="option"[^>]*data-href="([^"]+)"><a [^>]*>([^<]+)</a>', html)


@pytest.mark.parametrize(
    ("query", "label", "href"),
    [
        (
            "searchEntry",
            "elasticsearch_esearch.searchEntry",
            "/api_v3/testme/?service=elasticsearch_esearch&amp;action=searchEntry#action",
        ),
        ("medlist", "media.list", "/api_v3/testme/?service=media&amp;action=list#action"),
        (
            "mediaentryfilter",
            "KalturaMediaEntryFilter",
            "/api_v3/testmeDoc/?object=KalturaMediaEntryFilter#type-KalturaMediaEntryFilter",
        ),
        (
            "KalturaMediaType",
            "KalturaMediaType",
            "/api_v3/testmeDoc/?object=KalturaMediaType#type-KalturaMediaType",
        ),
        ("ENTRY_ID_NOT", "ENTRY_ID_NOT_FOUND", "/api_v3/testmeDoc/errors#ENTRY_ID_NOT_FOUND"),
        ("baseentry", "baseentry", "/api_v3/testmeDoc/?service=baseentry#service-baseentry"),
    ],
)
def test_the_first_option_links_where_it_lives(
    client: TestClient, query: str, label: str, href: str
) -> None:
    response = client.get(FIND, params={"q": query})
    assert response.status_code == 200
    assert options(response.text)[0] == (href, label)


def test_option_ids_are_unique_and_the_query_is_escaped(client: TestClient) -> None:
    html = client.get(FIND, params={"q": "list"}).text
    ids = re.findall(r'role="option" id="([^"]+)"', html)
    assert len(ids) == len(set(ids)) > 1
    nothing = client.get(FIND, params={"q": "<b>zzqq"}).text
    assert "Nothing matches" in nothing and "<b>" not in nothing and "&lt;b&gt;zzqq" in nothing
    assert options(client.get(FIND, params={"q": ""}).text) == []


@pytest.mark.parametrize("page", ["/api_v3/testme/", "/api_v3/testmeDoc/"])
def test_every_page_has_the_finder_box_and_its_script(client: TestClient, page: str) -> None:
    html = client.get(page).text
    assert 'role="combobox"' in html and 'aria-label="Find"' in html
    assert f'hx-get="{FIND}"' in html
    main = re.search(
        r'<script type="module" src="(/api_v3/testme/static/[0-9a-f]+/)main\.js">', html
    )
    assert main and 'import "./finder.js";' in client.get(main.group(1) + "main.js").text
    assert client.get(main.group(1) + "finder.js").status_code == 200


@pytest.mark.parametrize("query", ["media", "list", "KalturaMediaEntry", "MediaType", "ENTRY_ID"])
def test_every_option_lands_on_a_page_holding_its_anchor(client: TestClient, query: str) -> None:
    found = options(client.get(FIND, params={"q": query}).text)
    assert len(found) > 3
    for link, label in found:
        href = html.unescape(link)
        page, _, anchor = href.partition("#")
        answer = client.get(page)
        assert answer.status_code == 200, href
        assert f'id="{anchor}"' in answer.text, href
        if page.startswith("/api_v3/testme/?"):  # an action: the console, at it chosen
            assert anchor == "action"
            assert re.search(rf'<option value="{label.split(".")[1]}" selected', answer.text)
        else:
            assert label in answer.text.split(f'id="{anchor}"', 1)[1][:300], href
