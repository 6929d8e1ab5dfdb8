"""The database file: migrations, the seeded partner, and set-up from several threads at once."""

from __future__ import annotations

import sqlite3
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from app.sandbox import SandboxConfig, create_sandbox_app, sandbox_credentials
from app.sandbox.store import MIGRATIONS, Store


def test_migrations_bring_a_new_file_to_the_latest_version_once(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    Store(path)
    Store(path)  # a second start finds nothing to do
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_a_failed_transaction_leaves_nothing_behind(tmp_path: Path) -> None:
    store = Store(tmp_path / "db.sqlite3")
    try:
        with store.transaction() as db:
            db.put("entry", "0_a", 1, {"objectType": "KalturaMediaEntry"})
            raise RuntimeError("boom")
    except RuntimeError:
        pass
    with store.transaction() as db:
        assert db.get("entry", "0_a", 1) is None


def test_secrets_are_generated_once_and_kept(tmp_path: Path) -> None:
    config = SandboxConfig(data_dir=tmp_path)
    first = sandbox_credentials(config)
    assert len(first.admin_secret) == len(first.user_secret) == 32
    assert first.admin_secret != first.user_secret
    assert sandbox_credentials(config) == first


def test_configured_partner_and_secrets_win(tmp_path: Path) -> None:
    config = SandboxConfig(
        data_dir=tmp_path, partner_id=4321, admin_secret="a" * 32, user_secret="u" * 32
    )
    credentials = sandbox_credentials(create_sandbox_app(config))
    assert (credentials.partner_id, credentials.admin_secret, credentials.user_secret) == (
        4321,
        "a" * 32,
        "u" * 32,
    )
    rotated = SandboxConfig(data_dir=tmp_path, partner_id=4321, admin_secret="b" * 32)
    assert sandbox_credentials(rotated).admin_secret == "b" * 32
    assert sandbox_credentials(rotated).user_secret == "u" * 32


def test_apps_created_concurrently_on_one_data_dir_share_one_partner(tmp_path: Path) -> None:
    config = SandboxConfig(data_dir=tmp_path)
    with ThreadPoolExecutor(max_workers=6) as pool:
        apps = list(pool.map(lambda _: create_sandbox_app(config), range(6)))
    assert len({sandbox_credentials(app) for app in apps}) == 1


def test_a_version_one_database_is_upgraded_keeping_its_objects(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    with sqlite3.connect(path) as db:
        db.executescript(MIGRATIONS[0])
        db.execute("INSERT INTO objects VALUES ('entry', '0_a', 7, '{\"id\": \"0_a\"}')")
        db.execute("PRAGMA user_version = 1")
    with Store(path).transaction() as db:
        assert db.get("entry", "0_a", 7) == {"id": "0_a"}


def test_two_partners_may_use_the_same_ids(tmp_path: Path) -> None:
    first = sandbox_credentials(SandboxConfig(data_dir=tmp_path, partner_id=100))
    second = sandbox_credentials(SandboxConfig(data_dir=tmp_path, partner_id=200))
    assert first.admin_login == second.admin_login
    with Store(SandboxConfig(data_dir=tmp_path).database_path).transaction() as db:
        assert db.get("user", first.admin_login, 100) is not None
        assert db.get("user", second.admin_login, 200) is not None
