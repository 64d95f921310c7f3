"""The store, on SQLite and on a real PostgreSQL server (every test that takes ``store`` runs on both)."""

from __future__ import annotations

import importlib.util
import os
import random
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from datetime import date, timedelta
from pathlib import Path

import pytest

from conflictwire.dedup import DedupThresholds
from conflictwire.errors import StoreError
from conflictwire.schema import Event, Skip
from conflictwire.store import EventFilter, open_store
from conflictwire.store import tables as t

from conftest import build_article, build_event

TESTS = Path(__file__).parent


def test_store_tables_derive_from_the_schema():
    columns = set(t.EVENTS.column_names)
    assert set(Event.model_fields) <= columns
    assert {"location_country", "location_admin1", "location_latitude", "actor1_name", "source_url"} <= columns
    assert t.EVENTS.column_names == t.MERGED_EVENTS.column_names


def test_store_save_and_read_back(store):
    events = [build_event("a1", 0), build_event("a1", 1, event_type="Protests", sub_event_type="Peaceful protest",
                                                place="Kessel", actor1=None, fatalities=None)]
    result = store.save_article(build_article("a1", events))
    assert (result.new_events, result.merged_events, result.duplicate_of, result.replaced) == (2, 0, None, False)
    assert store.has_article("a1") and not store.has_article("a2")
    back = store.get_article("a1")
    assert back.clean_text == build_article("a1").clean_text
    assert [e.model_dump() for e in back.events] == [e.model_dump() for e in events]
    assert store.get_event("a1-e1", raw=True) == events[1]


def test_store_saving_an_article_twice_adds_no_rows(store):
    article = build_article("a1", [build_event("a1", 0), build_event("a1", 1, place="Kessel")])
    store.save_article(article)
    before = store.counts()
    again = store.save_article(article)
    assert again.replaced
    assert store.counts() == before == {"articles": 1, "duplicate_articles": 0, "events": 2,
                                        "merged_events": 2, "skips": 0}


def test_store_merges_one_event_reported_by_two_articles(store):
    store.save_article(build_article("a1", [build_event("a1", fatalities=10, actor2="Army")]))
    result = store.save_article(build_article("a2", [build_event("a2", fatalities=14, place="Norvale East",
                                                                 day="2015-03-11")]))
    assert (result.new_events, result.merged_events) == (0, 1)
    merged = store.query_events()
    assert len(merged) == 1
    event = merged[0]
    assert event.event_id == "a1-e0"
    assert event.article_ids == ["a1", "a2"] and event.source_count == 2
    assert (event.fatalities_low, event.fatalities, event.fatalities_high) == (10, 12, 14)
    assert len(store.query_events(raw=True)) == 2


def test_store_keeps_apart_events_that_differ(store):
    store.save_article(build_article("a1", [build_event("a1")]))
    store.save_article(build_article("a2", [build_event("a2", place="Brightwater")]))
    store.save_article(build_article("a3", [build_event("a3", day="2015-03-20")]))
    store.save_article(build_article("a4", [build_event("a4", actor1="Western Front")]))
    assert store.counts()["merged_events"] == 4


def test_store_links_a_near_duplicate_article_and_does_not_count_its_events(store):
    original = build_article("wire", [build_event("wire", fatalities=5)], seed=11)
    copy = build_article("copy", [build_event("copy", fatalities=50)],
                         text="Site B. " + original.clean_text + " Subscribe for more.")
    store.save_article(original)
    result = store.save_article(copy)
    assert result.duplicate_of == "wire" and result.new_events == result.merged_events == 0
    assert store.duplicate_of("copy") == "wire"
    merged = store.query_events()
    assert len(merged) == 1 and merged[0].article_ids == ["wire"] and merged[0].fatalities == 5
    assert "near-duplicate of article wire" in store.explain_merge("copy-e0")[0]


def test_store_three_reports_chain_into_one_event_and_explain_says_why(store):
    store.save_article(build_article("a1", [build_event("a1", place="Norvale")]))
    store.save_article(build_article("a2", [build_event("a2", place="Brightwater")]))
    # a3 links the two clusters? No: Brightwater is 100 km away; a3 joins a1 only.
    store.save_article(build_article("a3", [build_event("a3", place="Norvale East", actor1="eastern brigade")]))
    lines = store.explain_merge("a3-e0")
    assert lines[0].startswith("merged event a1-e0: 2 reports from 2 articles")
    assert "a1-e0 (article a1) = a3-e0 (article a3)" in lines[1]
    assert "km apart" in lines[1] and "shared actor 'eastern brigade'" in lines[1]
    assert "no other report matched" in store.explain_merge("a2-e0")[0]
    with pytest.raises(StoreError):
        store.explain_merge("no-such-event")


def test_store_a_new_report_can_join_two_clusters(store):
    store.save_article(build_article("a1", [build_event("a1", day="2015-03-10")]))
    store.save_article(build_article("a2", [build_event("a2", day="2015-03-12")]))
    assert store.counts()["merged_events"] == 2
    store.save_article(build_article("a3", [build_event("a3", day="2015-03-11")]))
    merged = store.query_events()
    assert [e.event_id for e in merged] == ["a1-e0"]
    assert merged[0].article_ids == ["a1", "a2", "a3"]


def test_store_replacing_an_article_undoes_its_merges(store):
    store.save_article(build_article("a1", [build_event("a1")]))
    store.save_article(build_article("a2", [build_event("a2")]))
    assert store.counts()["merged_events"] == 1
    store.save_article(build_article("a2", [build_event("a2", place="Kessel")]))
    assert store.counts()["merged_events"] == 2
    assert all(e.source_count == 1 for e in store.query_events())


def test_store_recluster_with_other_thresholds(store):
    store.save_article(build_article("a1", [build_event("a1", place="Norvale")]))
    store.save_article(build_article("a2", [build_event("a2", place="Norvale East")]))
    assert store.counts()["merged_events"] == 1
    assert store.recluster(DedupThresholds(max_km=1.0)) == 2
    assert store.counts()["merged_events"] == 2
    assert store.recluster(DedupThresholds()) == 1
    assert store.query_events()[0].article_ids == ["a1", "a2"]


def _filter_fixture(store):
    store.save_article(build_article("a1", [
        build_event("a1", 0, day="2015-03-01", actor1="Eastern Brigade", notes="Heavy shelling near the dam."),
        build_event("a1", 1, day="2015-03-05", event_type="Protests", sub_event_type="Peaceful protest",
                    place="Kessel", actor1="Teachers Union", notes="Teachers marched for pay."),
    ]))
    store.save_article(build_article("a2", [
        build_event("a2", 0, day="2015-04-02", place="Brightwater", actor1="Western Front", actor2="Army",
                    notes="Clashes at the bridge."),
    ]))


@pytest.mark.parametrize(
    "filters, expected",
    [
        ({}, ["a1-e0", "a1-e1", "a2-e0"]),
        ({"country": "iraq"}, ["a1-e0", "a2-e0"]),
        ({"country": "NG"}, ["a1-e1"]),
        ({"admin1": "westfold"}, ["a2-e0"]),
        ({"event_type": "protests"}, ["a1-e1"]),
        ({"sub_event_type": "Armed clash"}, ["a1-e0", "a2-e0"]),
        ({"date_from": date(2015, 3, 2)}, ["a1-e1", "a2-e0"]),
        ({"date_to": date(2015, 3, 5)}, ["a1-e0", "a1-e1"]),
        ({"date_from": date(2015, 3, 2), "date_to": date(2015, 3, 31)}, ["a1-e1"]),
        ({"actor": "army"}, ["a2-e0"]),
        ({"actor": "BRIGADE"}, ["a1-e0"]),
        ({"actor": "100%_"}, []),
        ({"text": "shelling"}, ["a1-e0"]),
        ({"text": "teachers pay"}, ["a1-e1"]),
        ({"text": "bridge shelling"}, []),
        ({"text": 'OR "x" NEAR('}, []),
        ({"country": "iraq", "text": "clashes", "actor": "western"}, ["a2-e0"]),
    ],
)
def test_store_query_filters(store, filters, expected):
    _filter_fixture(store)
    assert [e.event_id for e in store.query_events(EventFilter(**filters))] == expected


def test_store_query_newest_first_and_limit(store):
    _filter_fixture(store)
    assert [e.event_id for e in store.query_events(limit=2, newest_first=True)] == ["a2-e0", "a1-e1"]


def test_store_stats_per_type_country_and_week(store):
    _filter_fixture(store)
    stats = store.stats()
    assert stats.totals["merged_events"] == 3
    assert dict(stats.by_type) == {"Battles": 2, "Protests": 1}
    assert dict(stats.by_country) == {"Iraq": 2, "Nigeria": 1}
    assert dict(stats.by_week) == {"2015-W09": 1, "2015-W10": 1, "2015-W14": 1}


def test_store_keeps_skips_once(store):
    skip = Skip(input="bad.html", stage="clean", code="CW201", message="no article text")
    store.save_skip(skip)
    store.save_skip(skip)
    assert store.skips() == [skip]


def test_store_records_migrations_and_reopens(store_target):
    first = open_store(store_target)
    first.save_article(build_article("a1", [build_event("a1")]))
    first.close()
    again = open_store(store_target)
    assert again.db.query("SELECT version FROM schema_migrations ORDER BY version") == [(1,), (2,), (3,)]
    assert again.counts()["events"] == 1
    again.db.execute("INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'future', 0)")
    again.close()
    with pytest.raises(StoreError, match="newer than this conflictwire"):
        open_store(store_target)


# The columns an event table had at schema version 1 (before Event.targets and Event.weapons).
VERSION_1_MISSING = {"targets", "weapons"}


def make_version_1_database(target: str, event: Event) -> None:
    """A database as conflictwire wrote it at schema version 1: no targets/weapons columns and, on
    SQLite, the first full-text layout (``key``/``body`` rows written by hand, no triggers)."""
    from conflictwire.store.dialects import dialect_for

    db = dialect_for(target)
    db.execute("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT, applied_at REAL)")
    db.execute("INSERT INTO schema_migrations (version, name, applied_at) VALUES (1, 'initial', 0)")
    for table in t.ALL_TABLES:
        old = t.Table(table.name, tuple(c for c in table.columns if c.name not in VERSION_1_MISSING), table.primary_key)
        db.create_table(old)
        if old.name == "events":
            row = t.EVENTS.row(event, seq=1, stored_at=0.0, actor_names="|eastern brigade|", fts_body="Norvale ambush")
            cols = old.column_names
            db.execute(f"INSERT INTO events ({', '.join(chr(34) + c + chr(34) for c in cols)}) "
                       f"VALUES ({', '.join('?' for _ in cols)})", [row[c] for c in cols])
    if db.name == "sqlite":
        for name in ("events", "merged_events"):
            db.execute(f"CREATE VIRTUAL TABLE {name}_fts USING fts5(key UNINDEXED, body, "
                       "tokenize='unicode61 remove_diacritics 2')")
        db.execute("INSERT INTO events_fts (key, body) VALUES ('a0-e0', 'Norvale ambush')")
    db.close()


def test_store_migrates_a_version_1_database(store_target):
    old_event = build_event("a0", 0)
    make_version_1_database(store_target, old_event)
    store = open_store(store_target)
    try:
        assert store.db.query("SELECT version FROM schema_migrations ORDER BY version") == [(1,), (2,), (3,)]
        for table in ("events", "merged_events"):
            assert VERSION_1_MISSING <= set(store.db.columns(table))
        # The event stored before the migration reads back with the new fields' defaults.
        assert store.get_event("a0-e0", raw=True) == old_event
        assert store.get_event("a0-e0", raw=True).targets == []
        new = build_event("a1", 0, place="Kessel", targets=["the police station"], weapons=["rocket-propelled grenades"])
        store.save_article(build_article("a1", [new]))
        back = store.get_event("a1-e0", raw=True)
        assert back.targets == ["the police station"] and back.weapons == ["rocket-propelled grenades"]
        # The text filter finds the old row (index rebuilt from fts_body) and the new one (triggers).
        assert [e.event_id for e in store.query_events(EventFilter(text="Norvale ambush"), raw=True)] == ["a0-e0"]
        assert [e.event_id for e in store.query_events(EventFilter(text="Kessel"), raw=True)] == ["a1-e0"]
        assert [e.event_id for e in store.query_events(EventFilter(text="grenades"), raw=True)] == ["a1-e0"]
    finally:
        store.close()
    again = open_store(store_target)  # reopening applies nothing twice
    assert again.db.query("SELECT COUNT(*) FROM schema_migrations")[0][0] == 3
    again.close()


def test_store_sqlite_reader_sees_a_consistent_snapshot_while_writing(tmp_path):
    path = tmp_path / "events.db"
    writer = open_store(path)
    writer.save_article(build_article("a1", [build_event("a1")]))
    reader = sqlite3.connect(path, isolation_level=None)
    reader.execute("BEGIN")
    assert reader.execute("SELECT COUNT(*) FROM events").fetchone() == (1,)
    # WAL: the writer is not blocked by the open read transaction, and the reader keeps its snapshot.
    writer.save_article(build_article("a2", [build_event("a2", place="Kessel")]))
    assert reader.execute("SELECT COUNT(*) FROM events").fetchone() == (1,)
    reader.execute("COMMIT")
    assert reader.execute("SELECT COUNT(*) FROM events").fetchone() == (2,)
    assert reader.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    reader.close()
    writer.close()


@pytest.mark.parametrize(
    "target, message",
    [
        ("/no/such/folder/events.db", "does not exist"),
        ("mysql://localhost/x", "unknown database URL"),
        ("postgresql://nobody@127.0.0.1:1/none", "cannot connect"),
    ],
)
def test_store_open_errors_are_clear(target, message):
    with pytest.raises(StoreError, match=message) as info:
        open_store(target)
    assert info.value.code == "CW501"


def test_store_open_rejects_a_file_that_is_not_a_database(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("this is not a database, " * 100)
    with pytest.raises(StoreError, match="SQLite"):
        open_store(path)


def test_store_bulk_load_gives_the_same_store_as_saving_one_by_one(store_target, tmp_path):
    articles = [
        build_article("a1", [build_event("a1", 0), build_event("a1", 1, place="Kessel")], seed=1),
        build_article("a2", [build_event("a2", 0, place="Norvale East", day="2015-03-11")], seed=2),
        build_article("a3", [build_event("a3", 0, place="Brightwater")], seed=3),
        build_article("a4", [build_event("a4", 0)], text=build_article("x", seed=1).clean_text + " More."),
        build_article("a5", [build_event("a5", 0, day="2015-03-12", actor1="eastern brigade")], seed=5),
    ]
    with open_store(store_target) as bulk:
        assert bulk.load_articles(articles, batch=2) == 5
        loaded = (bulk.counts(), [e.model_dump() for e in bulk.query_events()], bulk.duplicate_of("a4"))
    with open_store(tmp_path / "one-by-one.db") as single:
        for article in articles:
            single.save_article(article)
        saved = (single.counts(), [e.model_dump() for e in single.query_events()], single.duplicate_of("a4"))
    assert loaded == saved
    assert loaded[0]["merged_events"] == 3 and loaded[2] == "a1"


def _random_reports(seed: int, n_articles: int = 40) -> list:
    """Articles whose events crowd a few places and days: ranges of 0 to 400 days (some ending before
    they start), types of one family and of others, shared and different actors and tolls."""
    rng = random.Random(seed)
    kinds = [("Battles", "Armed clash"), ("Violence against civilians", "Attack"),
             ("Explosions/Remote violence", "Air/drone strike"), ("Protests", "Peaceful protest"),
             ("Riots", "Mob violence"), ("Strategic developments", "Arrests")]
    articles = []
    for a in range(n_articles):
        events = []
        for n in range(rng.randint(1, 3)):
            event_type, sub = rng.choice(kinds)
            start = date(2015, 3, 1) + timedelta(days=rng.randint(0, 12))
            length = rng.choice([0, 0, 0, 1, 3, 7, 8, 20, 40, 400])
            end = start + timedelta(days=length) if length else (start - timedelta(days=2) if rng.random() < 0.1 else None)
            events.append(build_event(f"a{a}", n, event_type=event_type, sub_event_type=sub, day=start.isoformat(),
                                      place=rng.choice(["Norvale", "Norvale East", "Brightwater", "Kessel", None]),
                                      actor1=rng.choice(["Eastern Brigade", "eastern brigade", "River Front", None]),
                                      fatalities=rng.choice([None, 2, 3, 4, 10, 30]), date_end=end))
        articles.append(build_article(f"a{a}", events, seed=seed * 1000 + a))
    return articles


def _partition(store) -> set[frozenset[str]]:
    groups: dict[str, set[str]] = {}
    for event_id, cluster_id in store.db.query('SELECT "event_id", "cluster_id" FROM event_clusters'):
        groups.setdefault(cluster_id, set()).add(event_id)
    return {frozenset(g) for g in groups.values()}


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_store_online_merge_and_recluster_agree(store, seed):
    # Merging article by article and reclustering everything at the end are one rule applied twice.
    for article in _random_reports(seed):
        store.save_article(article)
    online = _partition(store)
    online_merged = sorted(e.model_dump_json() for e in store.query_events())
    assert any(len(g) > 1 for g in online)  # the case has merges to agree on
    store.recluster()
    assert _partition(store) == online
    assert sorted(e.model_dump_json() for e in store.query_events()) == online_merged


# --- crash safety ---------------------------------------------------------------------------------

CHILD = textwrap.dedent(
    """
    import sys
    sys.path.insert(0, {tests!r})
    from conftest import build_article
    from crash_corpus import corpus
    from conflictwire.store import open_store

    store = open_store(sys.argv[1])
    print("ready", flush=True)
    for article in corpus():
        if store.has_article(article.id):
            continue
        store.save_article(article)
        print(article.id, flush=True)
    store.close()
    print("done", flush=True)
    """
)

CORPUS = textwrap.dedent(
    """
    from conftest import build_article, build_event

    PLACES = ["Norvale", "Brightwater", "Kessel"]

    def corpus():
        out = []
        for i in range(16):
            events = [
                build_event(f"art{i}", k, place=PLACES[(i + k) % 3], day=f"2015-03-{10 + (i // 3) % 4 + k * 7:02d}",
                            fatalities=i + k, actor1="Eastern Brigade" if k % 2 else "Western Front")
                for k in range(3)
            ]
            if i % 8 == 7:
                # A near copy of the article before it.
                text = out[-1].clean_text + " Read more."
                out.append(build_article(f"art{i}", events, text=text))
            else:
                out.append(build_article(f"art{i}", events, seed=1000 + i))
        return out
    """
)


def _snapshot(target: str) -> dict:
    with open_store(target) as store:
        merged = sorted((e.event_id, tuple(e.article_ids), e.fatalities_low, e.fatalities_high)
                        for e in store.query_events())
        raw = sorted(e.event_id for e in store.query_events(raw=True))
        return {"counts": store.counts(), "merged": merged, "raw": raw}


def test_store_survives_kill_9_and_resumes_without_loss_or_duplicates(store_target, tmp_path):
    (tmp_path / "crash_corpus.py").write_text(CORPUS)
    script = tmp_path / "child.py"
    script.write_text(CHILD.format(tests=str(TESTS)))
    env = {**os.environ, "PYTHONPATH": f"{tmp_path}{os.pathsep}{TESTS}"}
    rng = random.Random(7)
    kills = 0
    for _ in range(4):
        child = subprocess.Popen([sys.executable, str(script), store_target], stdout=subprocess.PIPE, text=True, env=env)
        assert child.stdout.readline().strip() == "ready"
        if child.stdout.readline().strip() in ("done", ""):
            child.wait()
            break
        # Kill at a random moment while it writes the next articles (mostly inside a transaction).
        time.sleep(rng.uniform(0.0, 0.01))
        child.send_signal(signal.SIGKILL)
        child.wait()
        child.stdout.close()
        kills += 1
    assert kills >= 3
    finish = subprocess.run([sys.executable, str(script), store_target], capture_output=True, text=True, env=env)
    assert finish.returncode == 0 and finish.stdout.strip().endswith("done"), finish.stderr

    reference = str(tmp_path / "reference.db")
    spec = importlib.util.spec_from_file_location("crash_corpus", tmp_path / "crash_corpus.py")
    crash_corpus = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(crash_corpus)
    with open_store(reference) as uninterrupted:
        for article in crash_corpus.corpus():
            uninterrupted.save_article(article)
    assert _snapshot(store_target) == _snapshot(reference)
    counts = _snapshot(store_target)["counts"]
    assert counts["articles"] == 16 and counts["events"] == 48 and counts["duplicate_articles"] == 2
    if store_target.endswith(".db"):
        conn = sqlite3.connect(store_target)
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        conn.close()


def test_store_write_failure_is_a_store_error(tmp_path):
    path = tmp_path / "events.db"
    with open_store(path) as store:
        store.save_article(build_article("a1", [build_event("a1")]))
        # Another connection holds the write lock longer than the store waits for it.
        store.db.busy_timeout_s = 0
        store.db.conn.execute("PRAGMA busy_timeout=0")
        blocker = sqlite3.connect(path, isolation_level=None)
        blocker.execute("BEGIN IMMEDIATE")
        try:
            with pytest.raises(StoreError, match="database write failed") as info:
                store.save_article(build_article("a2", [build_event("a2")]))
            assert info.value.code == "CW501"
        finally:
            blocker.execute("ROLLBACK")
            blocker.close()
        assert store.save_article(build_article("a2", [build_event("a2")])).merged_events == 1
