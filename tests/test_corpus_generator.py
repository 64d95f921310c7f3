"""The benchmark corpus generator (benchmarks/corpus.py) and the benchmark's scoring: the truth must hold.

Copies are copies, near copies are near, distinct reports of one event share no long passage and
agree on what happened, and the scores of bench_corpus.py count what they say they count.
"""

from __future__ import annotations

import itertools
import json
import random
import sqlite3
import sys
from collections import defaultdict
from datetime import date
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

import bench_corpus  # noqa: E402
import corpus  # noqa: E402

N = 240


@pytest.fixture(scope="module")
def generated():
    articles, truth = corpus.generate_corpus(N, seed=5)
    by_id = {a["id"]: a for a in articles}
    return articles, truth, by_id


def reports_by_event(truth):
    groups = defaultdict(list)
    for t in truth["articles"]:
        if t["copy"] == "original" and t["kind"] == "event":
            groups[t["event_keys"][0]].append(t)
    return groups


def test_corpus_counts_match_the_truth(generated):
    articles, truth, by_id = generated
    assert len(articles) == N == len(truth["articles"])
    assert len(by_id) == N  # ids are unique
    assert len({a["url"] for a in articles}) == N  # so are URLs: copies come from other sites
    assert [a["id"] for a in articles] == [t["id"] for t in truth["articles"]]
    kinds = {k: sum(1 for t in truth["articles"] if t["copy"] == k) for k in ("original", "exact", "near")}
    assert kinds["exact"] == round(N * 0.06) and kinds["near"] == round(N * 0.12)
    assert set(articles[0]) == {"id", "url", "title", "published", "text", "source"}
    for t in truth["articles"]:
        assert t["dup_group"] in by_id
        for key in t["event_keys"]:
            assert key in truth["events"]
        assert (t["kind"] == "event") == bool(t["event_keys"])
    assert any(len(ids) > 1 for ids in reports_by_event(truth).values())
    assert any(len(t["event_keys"]) > 1 for t in truth["articles"])  # some mention a second event
    assert any(t["kind"] == "other" for t in truth["articles"])


def test_corpus_articles_are_news_length(generated):
    articles, truth, by_id = generated
    for t in truth["articles"]:
        words = len(by_id[t["id"]]["text"].split())
        if t["copy"] == "original":
            assert 280 <= words <= 700, (t["id"], words)
        else:
            assert 250 <= words <= 760, (t["id"], words)
    originals = [len(by_id[t["id"]]["text"].split()) for t in truth["articles"] if t["copy"] == "original"]
    assert sum(w >= 300 for w in originals) / len(originals) > 0.9


def test_corpus_is_deterministic_with_a_seed():
    a1, t1 = corpus.generate_corpus(40, seed=9)
    a2, t2 = corpus.generate_corpus(40, seed=9)
    a3, _ = corpus.generate_corpus(40, seed=10)
    assert a1 == a2 and t1 == t2
    assert [a["text"] for a in a1] != [a["text"] for a in a3]


def test_corpus_exact_copies_have_the_same_text(generated):
    _, truth, by_id = generated
    exact = [t for t in truth["articles"] if t["copy"] == "exact"]
    assert exact
    for t in exact:
        copy, original = by_id[t["id"]], by_id[t["dup_group"]]
        assert copy["text"] == original["text"]
        assert copy["url"] != original["url"] and copy["id"] != original["id"]


def test_corpus_near_copies_are_near(generated):
    _, truth, by_id = generated
    near = [t for t in truth["articles"] if t["copy"] == "near"]
    assert near
    for t in near:
        copy, original = by_id[t["id"]], by_id[t["dup_group"]]
        assert copy["text"] != original["text"]
        assert copy["title"] != original["title"]
        # Re-edited, not rewritten: most 5-word shingles survive.
        assert corpus.jaccard(copy["text"], original["text"]) >= 0.6


def test_corpus_distinct_reports_of_an_event_share_no_long_passage(generated):
    _, truth, by_id = generated
    pairs = 0
    for key, reports in reports_by_event(truth).items():
        event = truth["events"][key]
        for a, b in itertools.combinations(reports, 2):
            pairs += 1
            # Names of the event's actors and places count as one word: every report names them.
            text_a, text_b = (corpus.mask_names(by_id[x["id"]]["text"], event) for x in (a, b))
            assert corpus.longest_shared_run(text_a, text_b) < corpus.RUN
            assert corpus.jaccard(by_id[a["id"]]["text"], by_id[b["id"]]["text"]) < 0.2
        for r in reports:
            # Same event: the day within one of the truth's, fatalities close, place and actor named.
            gap = abs((date.fromisoformat(r["reported_date"]) - date.fromisoformat(event["date"])).days)
            assert gap <= 1
            if event["fatalities"]:
                assert abs(r["reported_fatalities"] - event["fatalities"]) <= max(3, 0.25 * event["fatalities"] + 1)
            text = by_id[r["id"]]["text"]
            assert event["place"] in text
            if event["event_type"] not in ("Protests", "Riots"):  # crowds are not always named
                assert event["actor1"].casefold() in text.casefold()
    assert pairs >= 10


def test_corpus_unrelated_articles_are_not_near_copies(generated):
    _, truth, by_id = generated
    groups = [t for t in truth["articles"] if t["copy"] == "original"]
    rng = random.Random(1)
    for _ in range(300):
        a, b = rng.sample(groups, 2)
        assert corpus.jaccard(by_id[a["id"]]["text"], by_id[b["id"]]["text"]) < 0.3


def test_corpus_distinct_events_never_share_a_place_within_a_week(generated):
    _, truth, _ = generated
    by_place = defaultdict(list)
    for event in truth["events"].values():
        by_place[event["geonameid"]].append(date.fromisoformat(event["date"]))
    for days in by_place.values():
        for a, b in itertools.combinations(days, 2):
            assert abs((a - b).days) > 7


def test_corpus_distinct_events_within_a_week_are_far_apart():
    # Farther apart than the benchmark's --match-km and the merger's max_km: place and day decide.
    articles, truth = corpus.generate_corpus(1500, seed=3)
    events = list(truth["events"].values())
    for a, b in itertools.combinations(events, 2):
        if abs((date.fromisoformat(a["date"]) - date.fromisoformat(b["date"])).days) <= 7:
            assert corpus._km(a, b) >= corpus.MIN_KM_APART, (a["place"], b["place"])
    assert corpus.MIN_KM_APART > 25


def test_corpus_longest_shared_run_counts_words():
    assert corpus.longest_shared_run("a b c d e", "x b c d y") == 3
    assert corpus.longest_shared_run("One two", "three four") == 0
    assert corpus.jaccard("a b c d e f", "a b c d e f") == 1.0


# --- the benchmark's scores, on a hand-built database -----------------------------------------------------


def tiny_truth():
    event = {"key": "E1", "event_type": "Battles", "sub_event_type": "Armed clash", "date": "2024-03-10",
             "country_code": "NG", "country": "Nigeria", "place": "Maiduguri", "latitude": 11.85, "longitude": 13.16,
             "geonameid": 2331447, "actor1": "Boko Haram", "actor2": "Nigerian troops", "fatalities": 5}
    articles = [
        {"id": "a", "kind": "event", "copy": "original", "dup_group": "a", "event_keys": ["E1"]},
        {"id": "b", "kind": "event", "copy": "original", "dup_group": "b", "event_keys": ["E1"]},
        {"id": "c", "kind": "event", "copy": "near", "dup_group": "a", "event_keys": ["E1"]},
        {"id": "d", "kind": "event", "copy": "exact", "dup_group": "b", "event_keys": ["E1"]},
        {"id": "e", "kind": "other", "copy": "original", "dup_group": "e", "event_keys": []},
    ]
    return {"seed": 0, "n": 5, "articles": articles, "events": {"E1": event}}


def test_bench_scores_duplicate_links():
    truth = tiny_truth()
    # c is linked to its original; d is missed; e is wrongly linked to a.
    stored = {"a": None, "b": None, "c": "a", "d": None, "e": "a"}
    scores = bench_corpus.score_duplicates(truth, stored)
    assert scores["copies_in_truth"] == 2
    assert scores["linked"] == 2 and scores["linked_correctly"] == 1
    assert scores["precision"] == 0.5 and scores["recall"] == 0.5
    assert scores["missed_by_kind"] == {"exact": 1}


def event_tables(db):
    con = sqlite3.connect(db)
    con.execute('CREATE TABLE events ("event_id", "article_id", "event_type", "event_date", "location_latitude", '
                '"location_longitude", "location_geonameid", "seq", "modality" DEFAULT ' "'asserted')")
    return con


def test_bench_scores_event_merges(tmp_path):
    con = event_tables(tmp_path / "t.db")
    con.execute('CREATE TABLE event_clusters ("event_id", "cluster_id")')
    con.execute('CREATE TABLE merged_events ("event_id", "event_type", "article_ids")')
    rows = [
        ("a1", "a", "Battles", "2024-03-10", 11.85, 13.16, 2331447, 1),
        ("a2", "a", "Riots", "2024-03-11", 11.85, 13.16, 2331447, 2),  # a second, mistyped report in article a
        ("b1", "b", "Battles", "2024-03-11", 11.86, 13.15, None, 3),  # same event, 1.5 km, a day later
        ("b2", "b", "Battles", "2024-03-10", 9.06, 7.49, 2352778, 4),  # Abuja: matches no truth event
    ]
    con.executemany('INSERT INTO events ("event_id", "article_id", "event_type", "event_date", "location_latitude", '
                    '"location_longitude", "location_geonameid", "seq") VALUES (?, ?, ?, ?, ?, ?, ?, ?)', rows)
    # The store merged a1 with b1, and left a2 and b2 alone.
    con.executemany("INSERT INTO event_clusters VALUES (?, ?)", [("a1", "a1"), ("b1", "a1"), ("a2", "a2"), ("b2", "b2")])
    con.executemany("INSERT INTO merged_events VALUES (?, ?, ?)",
                    [("a1", "Battles", '["a","b"]'), ("a2", "Riots", '["a"]'), ("b2", "Battles", '["b"]')])
    con.commit()
    truth = tiny_truth()
    stored = {"a": None, "b": None}
    # A Riots record is no report of a battle, whatever its place and day: a2 matches no truth event.
    scores = bench_corpus.score_events(truth, con, stored, max_km=25, max_days=2)
    extraction, merging, share = scores["extraction"], scores["merging"], scores["duplicates_among_stored_events"]
    assert extraction["matched_to_truth"] == 2 and extraction["unmatched"] == 2
    assert merging["pairs_true"] == 1 and merging["pairs_correct"] == 1 and merging["recall"] == 1.0
    assert share["merged_events"] == 3 and share["repeats_any_type"] == 0
    # Matched on place and day only (the previous definition), a2 is a second report of E1.
    scores = bench_corpus.score_events(truth, con, stored, max_km=25, max_days=2, family=False)
    extraction, merging, share = scores["extraction"], scores["merging"], scores["duplicates_among_stored_events"]
    assert extraction["matched_to_truth"] == 3 and extraction["unmatched"] == 1
    assert extraction["main_event_found_share"] == 1.0
    # Truth pairs across articles: a1-b1, a2-b1; the store merged a1-b1 only.
    assert merging["pairs_true"] == 2 and merging["pairs_predicted"] == 1 and merging["pairs_correct"] == 1
    assert merging["precision"] == 1.0 and merging["recall"] == 0.5
    assert merging["recall_same_type"] == 1.0
    # Three stored events; two of them (a1's cluster and a2) are the one truth event: one repeat.
    assert share["merged_events"] == 3 and share["repeats_any_type"] == 1
    assert share["repeats_same_type"] == 0
    assert share["repeats_across_articles"] == 0  # a2 shares article a with the merged event
    con.close()


def test_bench_runs_the_cli_end_to_end(tmp_path, capsys):
    # A small corpus through the real `conflictwire run` (one worker), scored from the database it wrote.
    bench_corpus.main(["--n", "10", "--seed", "2", "--workers", "1", "--keep", str(tmp_path), "--json"])
    result = json.loads(capsys.readouterr().out)
    assert result["run"]["summary"]["read"] == 10 and result["corpus"]["stored"] == 10
    assert result["run"]["peak_rss_mb"] > 50  # spaCy is loaded: the poller saw the process
    assert result["db_mb"] > 0 and (tmp_path / "corpus.db").exists()
    dup = result["duplicate_articles"]
    assert dup["copies_in_truth"] == 2  # round(10 * 0.06) + round(10 * 0.12)
    assert dup["copies_by_kind"] == {"exact": 1, "near": 1}
    assert dup["linked_correctly"] >= 1  # an exact copy of a 300-word article is always found
    events = result["events"]
    assert events["extraction"]["events_of_counted_articles"] > 0
    assert events["duplicates_among_stored_events"]["merged_events"] > 0
    assert set(result["queries"]) == {"country+type+dates", "text"}


def test_bench_stops_a_run_at_the_time_limit(tmp_path):
    import psutil

    articles, truth = corpus.generate_corpus(40, seed=4)
    corpus_path, _ = corpus.write_corpus(articles, truth, tmp_path)
    # Two seconds is less than loading the models takes: the run and its workers are stopped.
    run = bench_corpus.run_cli(corpus_path, tmp_path / "corpus.db", workers=2, time_limit=2)
    assert run["stopped_at_time_limit"] is True
    assert run["process_ids"]
    for pid in run["process_ids"]:
        assert not psutil.pid_exists(pid) or psutil.Process(pid).status() == psutil.STATUS_ZOMBIE


def test_bench_planned_event_is_no_report_of_the_truth_event(tmp_path):
    con = event_tables(tmp_path / "t.db")
    con.execute('CREATE TABLE event_clusters ("event_id", "cluster_id")')
    con.execute('CREATE TABLE merged_events ("event_id", "event_type", "article_ids")')
    # Article a reports the battle and, at the same town, a march "called for the next day".
    con.executemany("INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", [
        ("a1", "a", "Battles", "2024-03-10", 11.85, 13.16, 2331447, 1, "asserted"),
        ("a2", "a", "Battles", "2024-03-11", 11.85, 13.16, 2331447, 2, "planned"),
    ])
    con.executemany("INSERT INTO event_clusters VALUES (?, ?)", [("a1", "a1"), ("a2", "a2")])
    con.executemany("INSERT INTO merged_events VALUES (?, ?, ?)", [("a1", "Battles", '["a"]'), ("a2", "Battles", '["a"]')])
    con.commit()
    truth = tiny_truth()
    scores = bench_corpus.score_events(truth, con, {"a": None, "b": None}, max_km=25, max_days=2)
    assert scores["extraction"]["matched_to_truth"] == 1 and scores["extraction"]["unmatched"] == 1
    assert scores["duplicates_among_stored_events"]["repeats_any_type"] == 0
    # The definition before: the planned event counted as a second report of the battle.
    scores = bench_corpus.score_events(truth, con, {"a": None, "b": None}, max_km=25, max_days=2, affirmed_only=False)
    assert scores["duplicates_among_stored_events"]["repeats_any_type"] == 1
