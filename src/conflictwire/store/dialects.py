"""The thin layer where SQLite and PostgreSQL differ: connecting, types, transactions, full text.

Everything else (tables, queries, upserts) is the same SQL on both: ``?`` placeholders (rewritten
to ``%s`` for psycopg), ``INSERT ... ON CONFLICT ... DO UPDATE``, expression indexes, ISO dates as
text so comparisons and ordering agree.
"""

from __future__ import annotations

import contextlib
import re
import sqlite3
import zlib
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from ..errors import StoreError
from .tables import Kind, Table

_WORD = re.compile(r"\w+", re.UNICODE)


def quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


class Dialect:
    name = "base"
    types: dict[Kind, str] = {}
    # The driver's exception classes, turned into StoreError at the store's edge.
    errors: tuple[type[BaseException], ...] = ()

    def __init__(self, target: str):
        self.target = target

    # Connection ------------------------------------------------------------------------------
    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        raise NotImplementedError

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        raise NotImplementedError

    def transaction(self) -> contextlib.AbstractContextManager:
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        return list(self.execute(sql, params).fetchall())

    # DDL ---------------------------------------------------------------------------------------
    def create_table(self, table: Table) -> None:
        cols = ", ".join(f"{quote(c.name)} {self.types[c.kind]}" for c in table.columns)
        pk = ", ".join(quote(c) for c in table.primary_key)
        self.execute(f"CREATE TABLE IF NOT EXISTS {quote(table.name)} ({cols}, PRIMARY KEY ({pk}))")

    def create_index(self, table: str, name: str, expression: str) -> None:
        self.execute(f"CREATE INDEX IF NOT EXISTS {quote(name)} ON {quote(table)} ({expression})")

    def create_text_index(self, table: Table) -> None:
        raise NotImplementedError

    def columns(self, table: str) -> list[str]:
        """The names of the columns the database's ``table`` has now."""
        raise NotImplementedError

    def add_column(self, table: str, column: str, kind: Kind) -> None:
        self.execute(f"ALTER TABLE {quote(table)} ADD COLUMN {quote(column)} {self.types[kind]}")

    # Full text: both index the table's fts_body column ------------------------------------------
    def text_condition(self, table: Table, query: str) -> tuple[str, list[Any]]:
        raise NotImplementedError

    def table_exists(self, name: str) -> bool:
        raise NotImplementedError


class SQLiteDialect(Dialect):
    name = "sqlite"
    types = {"text": "TEXT", "integer": "INTEGER", "real": "REAL", "boolean": "INTEGER",
             "date": "TEXT", "json": "TEXT", "blob": "BLOB"}
    # Writers wait this long for another writer's transaction (a second process, a reader's
    # checkpoint) before giving up.
    busy_timeout_s = 30.0

    errors = (sqlite3.Error,)

    def __init__(self, target: str):
        super().__init__(target)
        path = Path(target)
        if path.parent and not path.parent.exists():
            raise StoreError(f"folder {str(path.parent)!r} does not exist; create it or give another --db path",
                             input=target)
        try:
            self.conn = sqlite3.connect(target, isolation_level=None, timeout=self.busy_timeout_s,
                                        check_same_thread=False)
            # WAL: readers never block the writer and see the last commit; NORMAL sync is safe
            # against a killed process (only a power cut can lose the last commits).
            self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.execute("PRAGMA synchronous=NORMAL")
            self.conn.execute(f"PRAGMA busy_timeout={int(self.busy_timeout_s * 1000)}")
            self.conn.execute("PRAGMA foreign_keys=ON")
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"cannot open as an SQLite database: {exc}", input=target) from exc

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        return self.conn.execute(sql, tuple(params))

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        self.conn.executemany(sql, rows)

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        # IMMEDIATE takes the write lock at the start, so two writers queue instead of failing
        # half-way with "database is locked".
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    def close(self) -> None:
        self.conn.close()

    def create_text_index(self, table: Table) -> None:
        # An external-content FTS5 index over the table's fts_body, kept in step by triggers: no
        # second copy of the text, and updates touch one row instead of scanning the index.
        name, fts = quote(table.name), quote(table.name + "_fts")
        self.execute(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {fts} USING fts5(fts_body, content={name}, "
            f"content_rowid='rowid', tokenize='unicode61 remove_diacritics 2')"
        )
        insert = f"INSERT INTO {fts} (rowid, fts_body) VALUES (new.rowid, new.fts_body);"
        delete = f"INSERT INTO {fts} ({fts}, rowid, fts_body) VALUES ('delete', old.rowid, old.fts_body);"
        for suffix, when, body in (("ai", "AFTER INSERT", insert), ("ad", "AFTER DELETE", delete),
                                   ("au", "AFTER UPDATE", delete + " " + insert)):
            trigger = quote(f"{table.name}_fts_{suffix}")
            self.execute(f"CREATE TRIGGER IF NOT EXISTS {trigger} {when} ON {name} BEGIN {body} END")

    def rebuild_text_index(self, table: Table) -> None:
        """Drop a full-text index of another layout (the first one: ``key``/``body`` columns filled by
        hand, no triggers) and make it again from the table's ``fts_body``."""
        fts = table.name + "_fts"
        if self.table_exists(fts):
            self.execute(f"DROP TABLE {quote(fts)}")
        for suffix in ("ai", "ad", "au"):
            self.execute(f"DROP TRIGGER IF EXISTS {quote(f'{table.name}_fts_{suffix}')}")
        self.create_text_index(table)
        self.execute(f"INSERT INTO {quote(fts)} ({quote(fts)}) VALUES ('rebuild')")

    def columns(self, table: str) -> list[str]:
        return [row[1] for row in self.query(f"PRAGMA table_info({quote(table)})")]

    def text_condition(self, table: Table, query: str) -> tuple[str, list[Any]]:
        # Each word a quoted FTS5 string: user text never becomes FTS5 syntax.
        words = _WORD.findall(query)
        match = " ".join('"' + w.replace('"', '""') + '"' for w in words) or '""'
        fts = quote(table.name + "_fts")
        return f"rowid IN (SELECT rowid FROM {fts} WHERE {fts} MATCH ?)", [match]

    def table_exists(self, name: str) -> bool:
        return bool(self.query("SELECT 1 FROM sqlite_master WHERE name = ?", (name,)))


class PostgresDialect(Dialect):
    name = "postgresql"
    types = {"text": "TEXT", "integer": "BIGINT", "real": "DOUBLE PRECISION", "boolean": "SMALLINT",
             "date": "TEXT", "json": "TEXT", "blob": "BYTEA"}
    # Text search configuration: 'simple' (no stemming, no stop words) matches FTS5's unicode61.
    text_config = "simple"

    def __init__(self, target: str):
        super().__init__(target)
        try:
            import psycopg
        except ImportError as exc:
            raise StoreError("PostgreSQL needs psycopg 3: pip install 'psycopg[binary]'", input=target) from exc
        try:
            self.conn = psycopg.connect(target, autocommit=True, connect_timeout=10)
        except psycopg.Error as exc:
            raise StoreError(f"cannot connect to PostgreSQL: {exc}".strip(), input=_redact(target)) from exc
        self.errors = (psycopg.Error,)

    @staticmethod
    def _sql(sql: str) -> str:
        return sql.replace("?", "%s")

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        return self.conn.execute(self._sql(sql), tuple(params) if params else None)

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        with self.conn.cursor() as cur:
            cur.executemany(self._sql(sql), rows)

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        with self.conn.transaction():
            # One writer at a time per database, like SQLite's write lock: the clustering reads
            # what earlier articles wrote.
            self.conn.execute("SELECT pg_advisory_xact_lock(%s)", (zlib.crc32(b"conflictwire-writer"),))
            yield

    def close(self) -> None:
        self.conn.close()

    def _tsvector(self, table: Table) -> str:
        return f"to_tsvector('{self.text_config}', coalesce({quote('fts_body')}, ''))"

    def create_text_index(self, table: Table) -> None:
        self.execute(
            f"CREATE INDEX IF NOT EXISTS {quote(table.name + '_fts')} ON {quote(table.name)} "
            f"USING GIN ({self._tsvector(table)})"
        )

    def text_condition(self, table: Table, query: str) -> tuple[str, list[Any]]:
        return f"{self._tsvector(table)} @@ plainto_tsquery('{self.text_config}', ?)", [query]

    def columns(self, table: str) -> list[str]:
        rows = self.query(
            "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() "
            "AND table_name = ? ORDER BY ordinal_position", (table,)
        )
        return [row[0] for row in rows]

    def table_exists(self, name: str) -> bool:
        return bool(self.query("SELECT to_regclass(?)", (name,))[0][0])


def _redact(url: str) -> str:
    """A connection URL without its password, for messages."""
    return re.sub(r"(://[^:/@]+):[^@]*@", r"\1:***@", url)


def dialect_for(target: str) -> Dialect:
    if target.startswith(("postgresql://", "postgres://")):
        return PostgresDialect(target)
    if "://" in target:
        raise StoreError("unknown database URL; give a file path (SQLite) or postgresql://...", input=_redact(target))
    return SQLiteDialect(target)
