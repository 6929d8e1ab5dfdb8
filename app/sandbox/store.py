"""The sandbox's SQLite database: one file in the data dir, WAL, migrations at start-up.

Every API call runs in one `transaction()` (`BEGIN IMMEDIATE`, so calls are serialised and a
failing call rolls back without damaging what is stored) on the store's one kept connection: a
connection opened and closed per call would be the last one to close each time, and SQLite then
checkpoints the WAL into the database with an fsync — ~17 ms a call, measured (README "Load").

Kaltura objects are kept as JSON documents keyed by (kind, id) with their partner; the sandbox's
volumes are small enough to filter them in Python (`listing.py`).
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

KObject = dict[str, Any]

# Append only: each entry upgrades the database by one version (PRAGMA user_version).
MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE partners (
        id INTEGER PRIMARY KEY,
        admin_secret TEXT NOT NULL,
        user_secret TEXT NOT NULL,
        admin_login TEXT NOT NULL,
        admin_password TEXT NOT NULL
    );
    CREATE TABLE objects (
        kind TEXT NOT NULL,
        id TEXT NOT NULL,
        partner_id INTEGER NOT NULL,
        data TEXT NOT NULL,
        PRIMARY KEY (kind, id)
    );
    CREATE INDEX objects_by_partner ON objects (kind, partner_id);
    CREATE TABLE counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
    CREATE TABLE revoked_sessions (ks_hash TEXT PRIMARY KEY, expiry INTEGER NOT NULL);
    """,
    # Ids are unique per partner, not across partners (two partners may both have user "admin").
    """
    CREATE TABLE objects_by_partner_id (
        kind TEXT NOT NULL,
        partner_id INTEGER NOT NULL,
        id TEXT NOT NULL,
        data TEXT NOT NULL,
        PRIMARY KEY (kind, partner_id, id)
    );
    INSERT INTO objects_by_partner_id (kind, partner_id, id, data)
        SELECT kind, partner_id, id, data FROM objects ORDER BY rowid;
    DROP TABLE objects;
    ALTER TABLE objects_by_partner_id RENAME TO objects;
    """,
)

_BUSY_TIMEOUT_MS = 30_000


class Db:
    """One open transaction: typed helpers over the tables."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._db = connection

    def get(self, kind: str, object_id: str, partner_id: int) -> KObject | None:
        row = self._db.execute(
            "SELECT data FROM objects WHERE kind = ? AND id = ? AND partner_id = ?",
            (kind, object_id, partner_id),
        ).fetchone()
        return None if row is None else dict(json.loads(row[0]))

    def all(self, kind: str, partner_id: int) -> list[KObject]:
        rows = self._db.execute(
            "SELECT data FROM objects WHERE kind = ? AND partner_id = ? ORDER BY rowid",
            (kind, partner_id),
        ).fetchall()
        return [dict(json.loads(r[0])) for r in rows]

    def put(self, kind: str, object_id: str, partner_id: int, data: KObject) -> None:
        self._db.execute(
            "INSERT INTO objects (kind, id, partner_id, data) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (kind, partner_id, id) DO UPDATE SET data = excluded.data",
            (kind, object_id, partner_id, json.dumps(data)),
        )

    def delete(self, kind: str, object_id: str, partner_id: int) -> None:
        self._db.execute(
            "DELETE FROM objects WHERE kind = ? AND id = ? AND partner_id = ?",
            (kind, object_id, partner_id),
        )

    def next_value(self, counter: str, start: int = 1) -> int:
        self._db.execute(
            "INSERT INTO counters (name, value) VALUES (?, ?) "
            "ON CONFLICT (name) DO UPDATE SET value = value + 1",
            (counter, start),
        )
        row = self._db.execute("SELECT value FROM counters WHERE name = ?", (counter,)).fetchone()
        return int(row[0])

    # -- partners and sessions -------------------------------------------------------------

    def partner(self, partner_id: int) -> sqlite3.Row | None:
        row: sqlite3.Row | None = self._db.execute(
            "SELECT * FROM partners WHERE id = ?", (partner_id,)
        ).fetchone()
        return row

    def partners(self) -> list[sqlite3.Row]:
        return list(self._db.execute("SELECT * FROM partners ORDER BY id").fetchall())

    def save_partner(
        self, partner_id: int, admin_secret: str, user_secret: str, login: str, password: str
    ) -> None:
        self._db.execute(
            "INSERT INTO partners (id, admin_secret, user_secret, admin_login, admin_password) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET "
            "admin_secret = excluded.admin_secret, user_secret = excluded.user_secret",
            (partner_id, admin_secret, user_secret, login, password),
        )

    def revoke(self, ks_hash: str, expiry: int) -> None:
        self._db.execute(
            "INSERT OR IGNORE INTO revoked_sessions (ks_hash, expiry) VALUES (?, ?)",
            (ks_hash, expiry),
        )

    def is_revoked(self, ks_hash: str) -> bool:
        row = self._db.execute(
            "SELECT 1 FROM revoked_sessions WHERE ks_hash = ?", (ks_hash,)
        ).fetchone()
        return row is not None


class Store:
    """The database file. Safe to share between threads: a lock lets one transaction at a time
    use the kept connection; other processes (or other `Store`s on the same file) are
    serialised by SQLite itself (WAL + busy timeout + BEGIN IMMEDIATE)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        self._migrate_lock = threading.Lock()
        self._lock = threading.Lock()
        self._kept: sqlite3.Connection | None = None
        self.migrate()

    def close(self) -> None:
        with self._lock:
            if self._kept is not None:
                self._kept.close()
                self._kept = None

    def _connect(self) -> sqlite3.Connection:
        connection = sqlite3.connect(
            self.path,
            timeout=_BUSY_TIMEOUT_MS / 1000,
            isolation_level=None,
            check_same_thread=False,
        )
        connection.row_factory = sqlite3.Row
        connection.execute(f"PRAGMA busy_timeout = {_BUSY_TIMEOUT_MS}")
        # WAL + NORMAL: never corrupts; only a power cut may lose the last commits.
        connection.execute("PRAGMA synchronous = NORMAL")
        return connection

    def migrate(self) -> None:
        connection = self._connect()
        try:
            connection.execute("PRAGMA journal_mode = WAL")  # only outside a transaction
            with self._migrate_lock, self._immediate(connection):
                self._upgrade(connection)
        finally:
            connection.close()

    @staticmethod
    def _upgrade(connection: sqlite3.Connection) -> None:
        version = int(connection.execute("PRAGMA user_version").fetchone()[0])
        for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
            for statement in filter(str.strip, script.split(";")):
                connection.execute(statement)
            connection.execute(f"PRAGMA user_version = {number}")

    @contextmanager
    def transaction(self) -> Iterator[Db]:
        with self._lock:
            if self._kept is None:
                self._kept = self._connect()
            with self._immediate(self._kept) as connection:
                yield Db(connection)

    @staticmethod
    @contextmanager
    def _immediate(connection: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
        """A write transaction, committed when the block ends normally and rolled back
        otherwise."""
        connection.execute("BEGIN IMMEDIATE")
        try:
            yield connection
            connection.execute("COMMIT")
        except BaseException:
            if connection.in_transaction:
                connection.execute("ROLLBACK")
            raise
