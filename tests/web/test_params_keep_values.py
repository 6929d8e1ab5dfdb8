"""Switching action keeps the values whose parameter names the new action still has: the page
POSTs its form to /params (values never go in a URL: they may be passwords)."""

from __future__ import annotations

from fastapi.testclient import TestClient


def test_a_new_action_keeps_the_values_of_parameters_it_shares(client: TestClient) -> None:
    html = client.post(
        "/api_v3/testme/params",
        data={
            "service": "media",
            "action": "delete",
            "entryId": "0_kept <b>",
            "version": "3",  # media.get's, not media.delete's: dropped
            "config.ks": "secret-ks",
        },
    ).text
    assert 'name="entryId" value="0_kept &lt;b&gt;"' in html
    assert 'name="version"' not in html and 'value="3"' not in html
    assert "secret-ks" not in html


def test_a_sub_request_keeps_its_own_values_only(client: TestClient) -> None:
    html = client.post(
        "/api_v3/testme/params",
        data={
            "prefix": "2:",
            "service": "multirequest",
            "1:service": "media",
            "1:action": "get",
            "1:entryId": "first",
            "2:service": "media",
            "2:action": "delete",
            "2:entryId": "second",
        },
    ).text
    assert 'name="2:entryId" value="second"' in html
    assert "first" not in html


def test_nested_values_are_kept_when_the_new_action_has_the_same_object(
    client: TestClient,
) -> None:
    html = client.post(
        "/api_v3/testme/params",
        data={
            "service": "media",
            "action": "count",
            "filter:objectType": "KalturaMediaEntryFilter",
            "filter:nameLike": "sea",
            "pager:objectType": "KalturaFilterPager",
        },
    ).text
    assert '<option value="KalturaMediaEntryFilter" selected>' in html
    assert 'name="filter:nameLike" value="sea"' in html
