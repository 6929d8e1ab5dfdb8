"""The Import route: pasted text in, the console at the form's link out, the KS kept aside."""

from __future__ import annotations

import html
import re
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

from fastapi.testclient import TestClient

from app.protocol import fieldnames
from tests.web.conftest import FakeKaltura
from tests.web.test_several_servers import _client as several_servers_client

KS = "djJ8MTAyfGtzLWZyb20tYS1wYXN0ZQ=="
CURL = (
    "curl -X POST 'https://www.kaltura.com/api_v3/service/uploadtoken/action/upload' \\\n"
    f"  -F ks={KS} -F format=1 -F uploadTokenId=0_tok -F 'fileData=@/home/me/clip.mp4'"
)
IMPORT = "/api_v3/testme/import"


def imported(client: TestClient, text: str) -> str:
    response = client.post(IMPORT, data={"__pasted": text}, headers={"HX-Request": "true"})
    assert response.status_code == 200, response.text
    return response.headers["HX-Redirect"]


def field_value(page: str, name: str) -> str:
    found = re.search(rf'name="{re.escape(name)}" value="([^"]*)"', page)
    return html.unescape(found.group(1)) if found else ""


def test_the_console_has_import_beside_share_and_its_dialog(client: TestClient) -> None:
    page = client.get("/api_v3/testme/").text
    row = page[page.index("data-share>Share</button>") :]
    assert row.index(">Import</button>") < row.index(">History</button>")
    start = page.index('<dialog id="import-dialog"')
    dialog = page[start : page.index("</dialog>", start)]
    assert 'aria-labelledby="import-heading"' in dialog and ">Import</h2>" in dialog
    assert '<textarea id="import-text" name="__pasted"' in dialog
    assert ">Fill the form</button>" in dialog


def test_an_import_opens_the_forms_link_with_the_ks_in_its_field_and_not_in_the_link(
    client: TestClient,
) -> None:
    link = imported(client, CURL)
    assert KS not in link and "ks" not in dict(parse_qsl(urlsplit(link).query))
    assert dict(parse_qsl(urlsplit(link).query)) == {
        "service": "uploadtoken",
        "action": "upload",
        "uploadTokenId": "0_tok",
        "config.format": "1",
    }
    page = client.get(link).text
    assert field_value(page, "config.ks") == KS
    assert field_value(page, "uploadTokenId") == "0_tok"
    report = page[
        page.index('id="import-report"') : page.index("</div>", page.index('id="import-report"'))
    ]
    assert "Imported <code>uploadtoken.upload</code>; not placed:" in report
    assert "<code>fileData</code>: a file cannot travel in pasted text" in report


def test_the_report_shows_on_the_page_the_import_opened_only(client: TestClient) -> None:
    client.get(imported(client, CURL))
    assert 'id="import-report"' not in client.get("/api_v3/testme/").text


def test_without_javascript_the_import_redirects_to_the_link(client: TestClient) -> None:
    response = client.post(
        IMPORT,
        data={"__pasted": "https://x.example/api_v3/service/media/action/get?entryId=0_a"},
        follow_redirects=False,
    )
    assert response.status_code == 303
    assert response.headers["location"] == "/api_v3/testme/?service=media&action=get&entryId=0_a"


def test_text_that_is_no_call_gets_a_message_and_changes_nothing(client: TestClient) -> None:
    for text, message in (
        ("please import this", "This is not a request testme reads."),
        ("https://x.example/api_v3/service/media/action/nosuch", "no action media.nosuch"),
        (
            "curl https://x.example/api_v3/service/media/action/list "
            "-H 'Content-Type: application/json' -d '{\"ks\":'",
            "The JSON body does not parse",
        ),
    ):
        response = client.post(IMPORT, data={"__pasted": text}, headers={"HX-Request": "true"})
        assert response.status_code == 422
        assert "HX-Redirect" not in response.headers
        assert 'class="problem-box" role="alert"' in response.text
        assert message in html.unescape(response.text)
    page = client.get("/api_v3/testme/").text
    assert field_value(page, "config.ks") == "" and 'id="import-report"' not in page


def test_an_import_without_a_ks_keeps_the_ks_held(client: TestClient) -> None:
    client.post("/api_v3/testme/ks", data={"config.ks": KS})
    page = client.get(imported(client, "https://x.example/api_v3/service/media/action/get")).text
    assert field_value(page, "config.ks") == KS
    assert "Imported <code>media.get</code>: everything was placed." in page


def test_with_several_servers_the_import_stays_with_its_server_and_its_ks_too(
    tmp_path: Path, real_schema_path: Path
) -> None:
    with several_servers_client(tmp_path, FakeKaltura(), FakeKaltura(), real_schema_path) as client:
        pasted = {"__pasted": CURL, fieldnames.SERVER: "qa"}
        response = client.post(IMPORT, data=pasted, headers={"HX-Request": "true"})
        link = response.headers["HX-Redirect"]
        assert dict(parse_qsl(urlsplit(link).query))[fieldnames.SERVER] == "qa"
        assert field_value(client.get(link).text, "config.ks") == KS
        prod = client.get("/api_v3/testme/", params={fieldnames.SERVER: "prod"}).text
        assert field_value(prod, "config.ks") == ""


def test_a_long_not_placed_list_is_cut_short_and_the_session_survives(client: TestClient) -> None:
    """The list rides in the session cookie beside the KS; browsers drop a cookie past 4 KB."""
    unknown = "&".join(f"unknownName{n:02}={'v' * 300}" for n in range(30))
    address = f"https://x.example/api_v3/service/media/action/get?ks={KS}&entryId=0_a&{unknown}"
    response = client.post(IMPORT, data={"__pasted": address}, headers={"HX-Request": "true"})
    assert len(response.headers["set-cookie"]) < 4000
    page = client.get(response.headers["HX-Redirect"]).text
    assert field_value(page, "config.ks") == KS
    report = page[page.index('id="import-report"') :]
    assert report.count("<code>unknownName") == 8 and "<li>and 22 more</li>" in report
