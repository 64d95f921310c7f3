"""Versioned schema migrations: registered functions, each run once, in a transaction.

``schema_migrations`` records which versions a database has. A new version is a new function
decorated with :func:`migration`; an applied one is never edited.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from ..errors import StoreError
from . import tables as t
from .dialects import Dialect, quote

MigrationFn = Callable[[Dialect], None]


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    fn: MigrationFn


MIGRATIONS: dict[int, Migration] = {}


def migration(version: int, name: str) -> Callable[[MigrationFn], MigrationFn]:
    def register(fn: MigrationFn) -> MigrationFn:
        if version in MIGRATIONS:
            raise ValueError(f"migration {version} registered twice")
        MIGRATIONS[version] = Migration(version, name, fn)
        return fn

    return register


def applied_versions(db: Dialect) -> set[int]:
    if not db.table_exists("schema_migrations"):
        return set()
    return {row[0] for row in db.query("SELECT version FROM schema_migrations")}


def migrate(db: Dialect) -> list[int]:
    """Apply every registered migration the database lacks, in order; return the versions applied."""
    db.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT, applied_at REAL)"
    )
    done = applied_versions(db)
    newer = [v for v in done if v not in MIGRATIONS]
    if newer:
        raise StoreError(
            f"the database has schema version {max(newer)}, newer than this conflictwire knows "
            f"({max(MIGRATIONS)}); upgrade conflictwire",
            input=db.target if db.name == "sqlite" else None,
        )
    applied = []
    for version in sorted(MIGRATIONS):
        if version in done:
            continue
        step = MIGRATIONS[version]
        with db.transaction():
            # Another process may have applied it while we waited for the lock.
            if db.query("SELECT 1 FROM schema_migrations WHERE version = ?", (version,)):
                continue
            step.fn(db)
            db.execute(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                (version, step.name, time.time()),
            )
        applied.append(version)
    return applied


def _lower(column: str) -> str:
    return f"lower({quote(column)})"


@migration(1, "articles, events, merged events, evidence, skips, signatures, clusters")
def _initial(db: Dialect) -> None:
    for table in t.ALL_TABLES:
        db.create_table(table)
    db.create_index("articles", "articles_seq", quote("seq"))
    db.create_index("articles", "articles_duplicate_of", quote("duplicate_of"))
    db.create_index("article_signatures", "article_signatures_seq", quote("seq"))
    db.create_index("evidence", "evidence_article", quote("article_id"))
    db.create_index("event_clusters", "event_clusters_cluster", quote("cluster_id"))
    db.create_index("merge_links", "merge_links_linked", quote("linked_event_id"))
    for table in (t.EVENTS, t.MERGED_EVENTS):
        name = table.name
        # Candidate lookup for merging, and the type + date range filters.
        db.create_index(name, f"{name}_type_date", f"{quote('event_type')}, {quote('event_date')}")
        db.create_index(name, f"{name}_ltype_date", f"{_lower('event_type')}, {quote('event_date')}")
        db.create_index(name, f"{name}_lsubtype_date", f"{_lower('sub_event_type')}, {quote('event_date')}")
        db.create_index(name, f"{name}_date", quote("event_date"))
        db.create_index(name, f"{name}_country", f"{_lower('location_country')}, {quote('event_date')}")
        db.create_index(name, f"{name}_country_code", f"{_lower('location_country_code')}, {quote('event_date')}")
        db.create_index(name, f"{name}_admin1", f"{_lower('location_admin1')}, {quote('event_date')}")
        db.create_index(name, f"{name}_article", quote("article_id"))
        db.create_index(name, f"{name}_seq", quote("seq"))
        db.create_text_index(table)


def add_missing_columns(db: Dialect, tables: tuple[t.Table, ...] = t.ALL_TABLES) -> dict[str, list[str]]:
    """Add to each table the columns its layout (derived from the schema) has and the database lacks;
    rows already stored get the field's default (``[]`` for a list). Returns the columns added."""
    added: dict[str, list[str]] = {}
    for table in tables:
        if not db.table_exists(table.name):
            db.create_table(table)
            continue
        have = set(db.columns(table.name))
        for column in table.columns:
            if column.name in have:
                continue
            db.add_column(table.name, column.name, column.kind)
            added.setdefault(table.name, []).append(column.name)
            default = _field_default(table, column)
            if default is not None:
                db.execute(f"UPDATE {quote(table.name)} SET {quote(column.name)} = ?", (default,))
    return added


def _field_default(table: t.Table, column: t.Column):
    """The stored form of a whole-field column's schema default, or None."""
    from ..schema import Article, Event, Evidence, Skip

    if not column.is_field:
        return None
    model = {"articles": Article, "events": Event, "merged_events": Event, "evidence": Evidence,
             "skips": Skip}.get(table.name)
    info = model.model_fields.get(column.name) if model else None
    if info is None or info.is_required():
        return None
    value = info.get_default(call_default_factory=True)
    if value is None:
        return None
    if hasattr(value, "model_dump"):
        value = value.model_dump(mode="json")
    return t.to_db(column.kind, value)


@migration(2, "columns added to the schema since version 1 (Event.targets, Event.weapons)")
def _new_columns(db: Dialect) -> None:
    add_missing_columns(db)


@migration(3, "SQLite full-text index kept in step by triggers (databases made before the triggers)")
def _text_index_by_triggers(db: Dialect) -> None:
    if db.name != "sqlite":
        return  # PostgreSQL's index is an expression index over fts_body: unchanged since version 1
    for table in (t.EVENTS, t.MERGED_EVENTS):
        fts = table.name + "_fts"
        triggers = {row[0] for row in db.query(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?", (table.name,))}
        if "fts_body" in db.columns(fts) and {f"{table.name}_fts_{x}" for x in ("ai", "ad", "au")} <= triggers:
            continue
        # An index of the old layout: its rows were keyed by event id and were not kept in step.
        db.rebuild_text_index(table)
