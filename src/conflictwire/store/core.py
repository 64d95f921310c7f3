"""The event store: articles, their events, near-duplicate links and merged events, in SQLite or PostgreSQL.

One transaction per article: a run killed at any point leaves every article either fully stored
(article, events, evidence, signature, merges) or not at all, so re-running with
``has_article`` skips what is done and redoes the rest. Ids are deterministic and writes are
upserts, so storing an article again replaces it instead of adding rows.
"""

from __future__ import annotations

import contextlib
import hashlib
import math
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from .. import dedup
from ..dedup import DEFAULT_THRESHOLDS, DedupThresholds, NearDuplicateIndex, Signature
from ..errors import StoreError
from ..schema import Article, Event, Skip, Source
from . import tables as t
from .dialects import Dialect, dialect_for, quote
from .migrations import migrate


@dataclass
class SaveResult:
    """What storing one article did."""

    article_id: str
    new_events: int = 0  # events no other article had reported
    merged_events: int = 0  # events merged with a report from another article
    duplicate_of: str | None = None  # the article this one is a near copy of; its events were not counted
    replaced: bool = False  # the article was stored before and has been replaced


class EventFilter(BaseModel):
    """Filters shared by ``query``, ``export`` and the API; every one optional, all must hold."""

    model_config = ConfigDict(extra="forbid")

    country: str | None = Field(default=None, description="Country name or ISO alpha-2 code (any case).")
    admin1: str | None = Field(default=None, description="First-level region (province, governorate, state).")
    event_type: str | None = Field(default=None, description="ACLED event type (any case).")
    sub_event_type: str | None = Field(default=None, description="ACLED sub-event type (any case).")
    date_from: date | None = Field(default=None, description="Events on or after this day.")
    date_to: date | None = Field(default=None, description="Events on or before this day.")
    actor: str | None = Field(default=None, description="Part of an actor's name (any actor role).")
    text: str | None = Field(default=None, description="Words in the notes, evidence, actors or place (all must occur).")


@dataclass
class StoreStats:
    totals: dict[str, int]
    by_type: list[tuple[str, int]]
    by_country: list[tuple[str, int]]
    by_week: list[tuple[str, int]]


def _escape_like(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _text_body(event: Event) -> str:
    """The words the text filter searches for an event."""
    parts: list[str | None] = [event.notes, event.attributed_to, event.event_type, event.sub_event_type]
    parts += [s.text for s in event.evidence]
    parts += list(event.targets) + list(event.weapons)
    for actor in dedup.actors_of(event):
        parts += [actor.text, actor.name]
    if event.location is not None:
        loc = event.location
        parts += [loc.text, loc.name, loc.admin1, loc.admin2, loc.country]
    seen: dict[str, None] = {}
    for part in parts:
        if part:
            seen.setdefault(part, None)
    return "\n".join(seen)


def _actor_column(event: Event) -> str | None:
    names = dedup.actor_names(event)
    return "|" + "|".join(names) + "|" if names else None


class Store:
    """Articles, raw per-article events, merged events and their links, in one database."""

    def __init__(self, db: Dialect, thresholds: DedupThresholds = DEFAULT_THRESHOLDS):
        self.db = db
        self.thresholds = thresholds
        self._index: NearDuplicateIndex | None = None
        self._index_seq = 0
        self._sql_cache: dict[tuple[str, str], str] = {}
        migrate(db)

    # -- plumbing ---------------------------------------------------------------------------------
    @property
    def backend(self) -> str:
        return self.db.name

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _upsert_sql(self, table: t.Table) -> str:
        key = (table.name, "upsert")
        if key not in self._sql_cache:
            cols = table.column_names
            updates = ", ".join(f"{quote(c)} = excluded.{quote(c)}" for c in cols if c not in table.primary_key)
            self._sql_cache[key] = (
                f"INSERT INTO {quote(table.name)} ({', '.join(quote(c) for c in cols)}) "
                f"VALUES ({', '.join('?' for _ in cols)}) "
                f"ON CONFLICT ({', '.join(quote(c) for c in table.primary_key)}) "
                + (f"DO UPDATE SET {updates}" if updates else "DO NOTHING")
            )
        return self._sql_cache[key]

    def _upsert(self, table: t.Table, rows: Iterable[dict[str, Any]]) -> None:
        values = [[row[c] for c in table.column_names] for row in rows]
        if values:
            self.db.executemany(self._upsert_sql(table), values)

    def _select(self, table: t.Table, alias: str = "") -> str:
        prefix = f"{alias}." if alias else ""
        return ", ".join(prefix + quote(c) for c in table.column_names)

    def _events_from(self, table: t.Table, rows: Iterable[Sequence[Any]]) -> list[Event]:
        names = table.column_names
        return [table.record(Event, dict(zip(names, row))) for row in rows]

    def _next_seq(self, table: t.Table) -> int:
        return int(self.db.query(f"SELECT COALESCE(MAX({quote('seq')}), 0) FROM {quote(table.name)}")[0][0]) + 1

    def _in(self, values: Sequence[Any]) -> str:
        return "(" + ", ".join("?" for _ in values) + ")"

    # -- articles ---------------------------------------------------------------------------------
    def has_article(self, article_id: str) -> bool:
        return bool(self.db.query('SELECT 1 FROM articles WHERE "id" = ?', (article_id,)))

    def get_article(self, article_id: str) -> Article | None:
        rows = self.db.query(f"SELECT {self._select(t.ARTICLES)} FROM articles WHERE \"id\" = ?", (article_id,))
        if not rows:
            return None
        article = t.ARTICLES.record(Article, dict(zip(t.ARTICLES.column_names, rows[0])))
        events = self.db.query(
            f"SELECT {self._select(t.EVENTS)} FROM events WHERE \"article_id\" = ? ORDER BY \"seq\"", (article_id,)
        )
        article.events = self._events_from(t.EVENTS, events)
        return article

    def duplicate_of(self, article_id: str) -> str | None:
        rows = self.db.query('SELECT "duplicate_of" FROM articles WHERE "id" = ?', (article_id,))
        return rows[0][0] if rows else None

    def article_sources(self, article_ids: Iterable[str]) -> dict[str, Source]:
        """Name, URL and publication date of each stored article among ``article_ids``."""
        ids = list(dict.fromkeys(article_ids))
        out: dict[str, Source] = {}
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            for article_id, name, url, published in self.db.query(
                f'SELECT "id", "source_name", "url", "published" FROM articles WHERE "id" IN {self._in(chunk)}', chunk
            ):
                out[article_id] = Source(name=name, url=url, published=published)
        return out

    def save_skip(self, skip: Skip) -> None:
        """Keep a skipped input as data (what, where, why), once per input, stage and code."""
        skip_id = hashlib.sha1(f"{skip.input}\x1f{skip.stage}\x1f{skip.code}".encode()).hexdigest()[:16]
        with self.db.transaction():
            seq = self._next_seq(t.SKIPS)
            self._upsert(t.SKIPS, [t.SKIPS.row(skip, skip_id=skip_id, seq=seq, stored_at=time.time())])

    def skips(self) -> list[Skip]:
        rows = self.db.query(f'SELECT {self._select(t.SKIPS)} FROM skips ORDER BY "seq"')
        return [t.SKIPS.record(Skip, dict(zip(t.SKIPS.column_names, row))) for row in rows]

    def _near_duplicates(self) -> NearDuplicateIndex:
        """The LSH index of stored signatures, brought up to date with what other writers added."""
        if self._index is None:
            self._index = NearDuplicateIndex(self.thresholds)
            self._index_seq = 0
        rows = self.db.query(
            'SELECT "article_id", "shingles", "hashvalues", "seq" FROM article_signatures WHERE "seq" > ? ORDER BY "seq"',
            (self._index_seq,),
        )
        for article_id, shingle_count, blob, seq in rows:
            data = bytes(blob)
            # Signatures made with another permutation count cannot be compared; they are skipped.
            if len(data) == dedup.SIGNATURE_DTYPE().itemsize * self.thresholds.num_perm:
                self._index.add(article_id, Signature.from_bytes(data, shingle_count))
            self._index_seq = max(self._index_seq, seq)
        return self._index

    def save_article(self, article: Article) -> SaveResult:
        """Store ``article`` and its events in one transaction; link copies; merge repeated events.

        Storing an article that is already stored replaces it (no rows are added).
        """
        signature = dedup.article_signature(article.text, self.thresholds)
        with self._writing():
            return self._save_in_transaction(article, signature, merge=True)

    def load_articles(self, articles: Iterable[Article], *, batch: int = 500) -> int:
        """Store many articles fast (an import): ``batch`` articles per transaction, merges computed
        once at the end by :meth:`recluster`. Near copies are linked as by ``save_article``.

        A crash loses at most the batch being written, and leaves merges to redo with ``recluster``.
        Returns the number of articles stored.
        """
        count = 0
        pending: list[tuple[Article, Signature | None]] = []

        def flush() -> None:
            with self._writing():
                for article, signature in pending:
                    self._save_in_transaction(article, signature, merge=False)
            pending.clear()

        for article in articles:
            pending.append((article, dedup.article_signature(article.text, self.thresholds)))
            count += 1
            if len(pending) >= batch:
                flush()
        if pending:
            flush()
        self.recluster()
        return count

    @contextlib.contextmanager
    def _writing(self) -> Iterator[None]:
        """A write transaction; on rollback the in-memory LSH index is rebuilt from what was committed."""
        try:
            with self.db.transaction():
                yield
        except self.db.errors as exc:
            self._index = None
            raise StoreError(f"database write failed: {exc}", input=self._where_label()) from exc
        except BaseException:
            self._index = None
            raise

    def _where_label(self) -> str:
        return self.db.target if self.db.name == "sqlite" else "postgresql"

    def _save_in_transaction(self, article: Article, signature: Signature | None, *, merge: bool) -> SaveResult:
        result = SaveResult(article.id)
        now = time.time()
        result.replaced = self._forget_article(article.id)
        if self._index is not None:
            self._index.remove(article.id)
        if signature is not None:
            index = self._near_duplicates()
            found = index.matches(signature, exclude=article.id)
            if found:
                first = found[0].article_id
                result.duplicate_of = self.duplicate_of(first) or first
        seq = self._next_seq(t.ARTICLES)
        self._upsert(t.ARTICLES, [t.ARTICLES.row(article, duplicate_of=result.duplicate_of, seq=seq, stored_at=now)])
        if signature is not None:
            self._upsert(t.SIGNATURES, [{"article_id": article.id, "shingles": signature.shingles,
                                          "hashvalues": signature.to_bytes(), "seq": self._next_seq(t.SIGNATURES)}])
            # Indexed now so later articles of the same transaction see it; a rollback drops the index.
            index.add(article.id, signature)
        events = self._write_events(article, now)
        if result.duplicate_of is None and merge:
            result.new_events, result.merged_events = self._merge_new(events)
        return result

    def _write_events(self, article: Article, now: float) -> list[Event]:
        unique: dict[str, Event] = {}
        for event in article.events:
            if event.article_id != article.id:
                # An article's events belong to it: the id joins them back to the input.
                event = event.model_copy(update={"article_id": article.id})
            unique[event.event_id] = event
        events = list(unique.values())
        seq = self._next_seq(t.EVENTS)
        self._upsert(
            t.EVENTS,
            [
                t.EVENTS.row(e, seq=seq + i, stored_at=now, actor_names=_actor_column(e), fts_body=_text_body(e))
                for i, e in enumerate(events)
            ],
        )
        evidence = [
            t.EVIDENCE.row(span, event_id=e.event_id, article_id=e.article_id, position=i)
            for e in events
            for i, span in enumerate(e.evidence)
        ]
        self._upsert(t.EVIDENCE, evidence)
        return events

    def _forget_article(self, article_id: str) -> bool:
        """Delete a stored article's rows and undo its merges; False when it was not stored."""
        if not self.has_article(article_id):
            return False
        old = [r[0] for r in self.db.query('SELECT "event_id" FROM events WHERE "article_id" = ?', (article_id,))]
        clusters: set[str] = set()
        for i in range(0, len(old), 500):
            chunk = old[i : i + 500]
            clusters.update(
                r[0] for r in self.db.query(
                    f'SELECT DISTINCT "cluster_id" FROM event_clusters WHERE "event_id" IN {self._in(chunk)}', chunk
                )
            )
            self._delete_events(chunk)
        self.db.execute('DELETE FROM article_signatures WHERE "article_id" = ?', (article_id,))
        self.db.execute('DELETE FROM articles WHERE "id" = ?', (article_id,))
        self._recluster_clusters(sorted(clusters))
        return True

    def _delete_events(self, event_ids: Sequence[str]) -> None:
        marks = self._in(event_ids)
        for sql in (
            f'DELETE FROM evidence WHERE "event_id" IN {marks}',
            f'DELETE FROM events WHERE "event_id" IN {marks}',
            f'DELETE FROM event_clusters WHERE "event_id" IN {marks}',
            f'DELETE FROM merge_links WHERE "event_id" IN {marks}',
            f'DELETE FROM merge_links WHERE "linked_event_id" IN {marks}',
        ):
            self.db.execute(sql, event_ids)

    # -- merging ----------------------------------------------------------------------------------
    def _candidates(self, event: Event) -> list[tuple[Event, str, int]]:
        """Clustered events that could be the same as ``event``: (event, cluster id, seq)."""
        span = dedup.mergeable_span(event)
        if span is None or event.location is None:
            return []
        th = self.thresholds
        lo, hi = span[0] - timedelta(days=th.max_days), span[1] + timedelta(days=th.max_days)
        place = event.location
        family = [name for name, fam in dedup.TYPE_FAMILY.items() if fam == dedup.type_family(event.event_type)]
        family = family or [event.event_type]
        # A candidate starts at most MAX_MERGEABLE_RANGE_DAYS before it ends: any that overlaps
        # [lo, hi] starts on or after lo minus that; its end is checked by compare_events (an end
        # before its start counts as the start, as in dedup._day_range).
        where = [f'e."event_type" IN {self._in(family)}', 'e."event_date" >= ?', 'e."event_date" <= ?',
                 'e."article_id" <> ?']
        params: list[Any] = [*family, (lo - timedelta(days=dedup.MAX_MERGEABLE_RANGE_DAYS)).isoformat(),
                             hi.isoformat(), event.article_id]
        place_terms: list[str] = []
        if place.geonameid is not None:
            place_terms.append('e."location_geonameid" = ?')
            params.append(place.geonameid)
        if place.latitude is not None and place.longitude is not None:
            dlat = th.max_km / 110.5 + 1e-6
            dlon = th.max_km / (111.32 * max(0.01, math.cos(math.radians(min(89.0, abs(place.latitude)))))) + 1e-6
            place_terms.append('(e."location_latitude" BETWEEN ? AND ? AND e."location_longitude" BETWEEN ? AND ?)')
            params += [place.latitude - dlat, place.latitude + dlat, place.longitude - dlon, place.longitude + dlon]
        else:
            place_terms.append('e."location_latitude" IS NULL')
        where.append("(" + " OR ".join(place_terms) + ")")
        rows = self.db.query(
            f"SELECT {self._select(t.EVENTS, 'e')}, c.\"cluster_id\" FROM events e "
            f'JOIN event_clusters c ON c."event_id" = e."event_id" WHERE {" AND ".join(where)} ORDER BY e."seq"',
            params,
        )
        names = t.EVENTS.column_names
        out = []
        for row in rows:
            values = dict(zip(names, row[:-1]))
            out.append((t.EVENTS.record(Event, values), row[-1], values["seq"]))
        return out

    def _cluster_seq(self, cluster_id: str) -> int:
        rows = self.db.query('SELECT "seq" FROM events WHERE "event_id" = ?', (cluster_id,))
        return rows[0][0] if rows else 0

    def _merge_new(self, events: list[Event]) -> tuple[int, int]:
        """Link each new event to the stored reports of it; (events new, events merged)."""
        new = merged = 0
        touched: set[str] = set()
        links: list[dict[str, Any]] = []
        for event in events:
            clusters: dict[str, int] = {}
            for candidate, cluster_id, _ in self._candidates(event):
                reasons = dedup.compare_events(candidate, event, self.thresholds)
                if reasons is None:
                    continue
                links.append({"event_id": event.event_id, "linked_event_id": candidate.event_id,
                              "reasons": t.to_db("json", reasons)})
                clusters.setdefault(cluster_id, self._cluster_seq(cluster_id))
            if not clusters:
                root = event.event_id
                new += 1
            else:
                root = min(clusters, key=lambda c: (clusters[c], c))
                merged += 1
                for other in clusters:
                    if other != root:
                        self.db.execute('UPDATE event_clusters SET "cluster_id" = ? WHERE "cluster_id" = ?', (root, other))
                        self._drop_merged([other])
                        touched.discard(other)
            self._upsert(t.EVENT_CLUSTERS, [{"event_id": event.event_id, "cluster_id": root}])
            touched.add(root)
        self._upsert(t.MERGE_LINKS, links)
        for cluster_id in sorted(touched):
            self._write_merged(cluster_id)
        return new, merged

    def _drop_merged(self, cluster_ids: Sequence[str]) -> None:
        if cluster_ids:
            self.db.execute(f'DELETE FROM merged_events WHERE "event_id" IN {self._in(cluster_ids)}', cluster_ids)

    def _members(self, cluster_id: str) -> list[tuple[Event, int]]:
        rows = self.db.query(
            f"SELECT {self._select(t.EVENTS, 'e')} FROM events e JOIN event_clusters c ON c.\"event_id\" = e.\"event_id\" "
            f'WHERE c."cluster_id" = ? ORDER BY e."seq"',
            (cluster_id,),
        )
        names = t.EVENTS.column_names
        return [(t.EVENTS.record(Event, dict(zip(names, row))), dict(zip(names, row))["seq"]) for row in rows]

    def _write_merged(self, cluster_id: str, members: list[tuple[Event, int]] | None = None) -> None:
        members = self._members(cluster_id) if members is None else members
        if not members:
            self._drop_merged([cluster_id])
            return
        merged = dedup.merge_events([m for m, _ in members], cluster_id)
        row = t.MERGED_EVENTS.row(merged, seq=members[0][1], stored_at=time.time(),
                                  actor_names=_actor_column(merged), fts_body=_text_body(merged))
        self._upsert(t.MERGED_EVENTS, [row])

    def _recluster_clusters(self, cluster_ids: Sequence[str]) -> None:
        """Recompute the given clusters from their remaining members (after events were removed)."""
        if not cluster_ids:
            return
        marks = self._in(cluster_ids)
        rows = self.db.query(
            f"SELECT {self._select(t.EVENTS, 'e')} FROM events e JOIN event_clusters c ON c.\"event_id\" = e.\"event_id\" "
            f'WHERE c."cluster_id" IN {marks} ORDER BY e."seq"',
            cluster_ids,
        )
        self._drop_merged(cluster_ids)
        self.db.execute(f'DELETE FROM event_clusters WHERE "cluster_id" IN {marks}', cluster_ids)
        names = t.EVENTS.column_names
        members = [(t.EVENTS.record(Event, dict(zip(names, r))), dict(zip(names, r))["seq"]) for r in rows]
        if members:
            ids = [m.event_id for m, _ in members]
            self.db.execute(f'DELETE FROM merge_links WHERE "event_id" IN {self._in(ids)}', ids)
        self._write_clusters(members)

    def _write_clusters(self, members: list[tuple[Event, int]]) -> int:
        groups, links = dedup.cluster_events([m for m, _ in members], self.thresholds)
        cluster_rows, link_rows = [], []
        for group in groups:
            root = members[group[0]][0].event_id
            cluster_rows += [{"event_id": members[i][0].event_id, "cluster_id": root} for i in group]
        link_rows = [{"event_id": lk.event_id, "linked_event_id": lk.linked_event_id,
                      "reasons": t.to_db("json", lk.reasons)} for lk in links]
        self._upsert(t.EVENT_CLUSTERS, cluster_rows)
        self._upsert(t.MERGE_LINKS, link_rows)
        for group in groups:
            self._write_merged(members[group[0]][0].event_id, [members[i] for i in group])
        return len(groups)

    def recluster(self, thresholds: DedupThresholds | None = None) -> int:
        """Recompute every merge with ``thresholds`` (raw events stay as they are); return the event count."""
        if thresholds is not None:
            self.thresholds = thresholds
        with self.db.transaction():
            for table in ("event_clusters", "merge_links", "merged_events"):
                self.db.execute(f"DELETE FROM {quote(table)}")
            rows = self.db.query(
                f"SELECT {self._select(t.EVENTS, 'e')} FROM events e JOIN articles a ON a.\"id\" = e.\"article_id\" "
                f'WHERE a."duplicate_of" IS NULL ORDER BY e."seq"'
            )
            names = t.EVENTS.column_names
            members = [(t.EVENTS.record(Event, dict(zip(names, r))), dict(zip(names, r))["seq"]) for r in rows]
            return self._write_clusters(members)

    def explain_merge(self, event_id: str) -> list[str]:
        """Why the event ``event_id`` (a merged event or one report of it) is merged as it is."""
        rows = self.db.query('SELECT "cluster_id" FROM event_clusters WHERE "event_id" = ?', (event_id,))
        if not rows:
            article = self.db.query(
                'SELECT a."id", a."duplicate_of" FROM events e JOIN articles a ON a."id" = e."article_id" '
                'WHERE e."event_id" = ?', (event_id,)
            )
            if article and article[0][1]:
                return [f"{event_id} comes from article {article[0][0]}, a near-duplicate of article "
                        f"{article[0][1]}: it is not counted again"]
            raise StoreError(f"no event {event_id!r} in this database; `conflictwire query` lists event ids")
        cluster_id = rows[0][0]
        members = self._members(cluster_id)
        if len(members) == 1:
            only = members[0][0]
            return [f"{cluster_id} is reported by article {only.article_id} only; no other report matched it"]
        ids = [m.event_id for m, _ in members]
        by_id = {m.event_id: m for m, _ in members}
        articles = sorted({m.article_id for m, _ in members})
        lines = [f"merged event {cluster_id}: {len(members)} reports from {len(articles)} articles "
                 f"({', '.join(articles)}); single link, thresholds: within {self.thresholds.max_days} days, "
                 f"{self.thresholds.max_km:g} km"]
        links = self.db.query(
            f'SELECT "event_id", "linked_event_id", "reasons" FROM merge_links WHERE "event_id" IN {self._in(ids)} '
            f'ORDER BY "event_id", "linked_event_id"', ids
        )
        for a, b, reasons in links:
            lines.append(f"{b} (article {by_id[b].article_id}) = {a} (article {by_id[a].article_id}): "
                         + "; ".join(t.from_db("json", reasons)))
        return lines

    # -- reading ----------------------------------------------------------------------------------
    def _where(self, table: t.Table, filters: EventFilter | None) -> tuple[str, list[Any]]:
        f = filters or EventFilter()
        terms: list[str] = []
        params: list[Any] = []
        if f.country:
            terms.append('(lower("location_country") = ? OR lower("location_country_code") = ?)')
            params += [f.country.strip().lower()] * 2
        for column, value in (("location_admin1", f.admin1), ("event_type", f.event_type),
                              ("sub_event_type", f.sub_event_type)):
            if value:
                terms.append(f"lower({quote(column)}) = ?")
                params.append(value.strip().lower())
        if f.date_from:
            terms.append('"event_date" >= ?')
            params.append(f.date_from.isoformat())
        if f.date_to:
            terms.append('"event_date" <= ?')
            params.append(f.date_to.isoformat())
        if f.actor:
            terms.append("\"actor_names\" LIKE ? ESCAPE '\\'")
            params.append("%" + _escape_like(dedup.normalise_actor_name(f.actor)) + "%")
        if f.text and f.text.strip():
            sql, extra = self.db.text_condition(table, f.text)
            terms.append(sql)
            params += extra
        return (" WHERE " + " AND ".join(terms)) if terms else "", params

    def iter_event_rows(
        self, filters: EventFilter | None = None, *, raw: bool = False, limit: int | None = None,
        newest_first: bool = False,
    ) -> Iterator[tuple[Event, dict[str, Any]]]:
        """(event, bookkeeping: seq, stored_at) for events matching ``filters``.

        Merged events by default; each article's own reports with ``raw``.
        """
        table = t.EVENTS if raw else t.MERGED_EVENTS
        where, params = self._where(table, filters)
        order = ' ORDER BY "event_date" IS NULL, "event_date" DESC, "seq"' if newest_first else ' ORDER BY "seq"'
        sql = f"SELECT {self._select(table)} FROM {quote(table.name)}{where}{order}"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(int(limit))
        cursor = self.db.execute(sql, params)
        names = table.column_names
        while True:
            batch = cursor.fetchmany(1000)
            if not batch:
                break
            for row in batch:
                values = dict(zip(names, row))
                yield table.record(Event, values), {"seq": values["seq"], "stored_at": values["stored_at"]}

    def iter_events(
        self, filters: EventFilter | None = None, *, raw: bool = False, limit: int | None = None,
        newest_first: bool = False,
    ) -> Iterator[Event]:
        """Events matching ``filters``: merged events, or each article's own reports with ``raw``."""
        for event, _ in self.iter_event_rows(filters, raw=raw, limit=limit, newest_first=newest_first):
            yield event

    def query_events(
        self, filters: EventFilter | None = None, *, raw: bool = False, limit: int | None = None,
        newest_first: bool = False,
    ) -> list[Event]:
        return list(self.iter_events(filters, raw=raw, limit=limit, newest_first=newest_first))

    def get_event(self, event_id: str, *, raw: bool = False) -> Event | None:
        table = t.EVENTS if raw else t.MERGED_EVENTS
        rows = self.db.query(f'SELECT {self._select(table)} FROM {quote(table.name)} WHERE "event_id" = ?', (event_id,))
        return self._events_from(table, rows)[0] if rows else None

    def counts(self) -> dict[str, int]:
        one = lambda sql: int(self.db.query(sql)[0][0])  # noqa: E731
        return {
            "articles": one("SELECT COUNT(*) FROM articles"),
            "duplicate_articles": one('SELECT COUNT(*) FROM articles WHERE "duplicate_of" IS NOT NULL'),
            "events": one("SELECT COUNT(*) FROM events"),
            "merged_events": one("SELECT COUNT(*) FROM merged_events"),
            "skips": one("SELECT COUNT(*) FROM skips"),
        }

    def stats(self, filters: EventFilter | None = None) -> StoreStats:
        """Merged events per type, per country and per ISO week."""
        where, params = self._where(t.MERGED_EVENTS, filters)
        by_type = self.db.query(
            f'SELECT "event_type", COUNT(*) FROM merged_events{where} GROUP BY "event_type" ORDER BY 2 DESC, 1', params
        )
        by_country = self.db.query(
            f'SELECT COALESCE("location_country", "location_country_code", \'(unknown)\'), COUNT(*) '
            f"FROM merged_events{where} GROUP BY 1 ORDER BY 2 DESC, 1",
            params,
        )
        by_day = self.db.query(f'SELECT "event_date", COUNT(*) FROM merged_events{where} GROUP BY "event_date"', params)
        weeks: dict[str, int] = {}
        for day, count in by_day:
            if day is None:
                key = "(no date)"
            else:
                iso = date.fromisoformat(str(day)).isocalendar()
                key = f"{iso.year}-W{iso.week:02d}"
            weeks[key] = weeks.get(key, 0) + int(count)
        return StoreStats(
            totals=self.counts(),
            by_type=[(str(a), int(b)) for a, b in by_type],
            by_country=[(str(a), int(b)) for a, b in by_country],
            by_week=sorted(weeks.items()),
        )


def open_store(target: str | Path, thresholds: DedupThresholds | None = None) -> Store:
    """Open (creating and migrating as needed) the store at ``target``: a file path for SQLite,
    ``postgresql://...`` for PostgreSQL."""
    return Store(dialect_for(str(target)), thresholds or DEFAULT_THRESHOLDS)
