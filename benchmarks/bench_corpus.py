"""The corpus benchmark of issue 11: a generated news corpus through ``conflictwire run``, scored against its truth.

    .venv/bin/python benchmarks/bench_corpus.py --n 5000 --workers 2            # table
    .venv/bin/python benchmarks/bench_corpus.py --n 200 --json --keep /tmp/c200  # JSON, keep the files
    .venv/bin/python benchmarks/bench_corpus.py --n 5000 --keep DIR --reuse --time-limit 900
    .venv/bin/python benchmarks/bench_corpus.py --score DIR                    # score a kept run again

Steps: generate the corpus (``benchmarks/corpus.py``: exact copies, near copies, distinct reports of
one event, other news); run the real CLI, ``conflictwire run corpus.jsonl --db X --workers N --quiet
--json``, as a subprocess while polling the memory of its whole process tree (psutil: summed RSS, an
upper bound since forked workers share pages, and summed PSS, which counts shared pages once); then read
the SQLite database it wrote and score it. With ``--time-limit`` a run still going is stopped and the
articles it stored (each in its own transaction) are scored.

- duplicate articles: the store's ``articles.duplicate_of`` links against the truth's duplicate groups
  (per article: a copy is found when it is linked to an article of its group; and per pair);
- events: each stored per-article event is matched to a truth event of its article (place within
  ``--match-km`` of the truth's GeoNames point, or the same GeoNames id, day within ``--match-days``, an
  event type of the truth's family, dedup.TYPE_FAMILY, and a modality saying it happened: a planned or
  denied event is no report of a truth event); events that match none are counted apart (the
  extractor's misses are not the merger's). ``events_place_day_only`` repeats every score without the
  type condition (the previous definition, under which a curfew declared in the town of an attack was
  a "repeat" of the attack);
- event merging, pairwise over matched events of different articles clustered by the store
  (``event_clusters``): precision = merged pairs that are one truth event / merged pairs, recall = truth
  pairs merged / truth pairs (and recall over the pairs the extractor gave the same type);
- the duplicate share (the issue's bar: under 5%): stored (merged) events that repeat another stored
  event of the same truth event, over all stored events; "any type" counts every repeat, "same type"
  only repeats of one type, "across articles" only repeats that share no article (the merger's misses,
  not the extractor's split reports), "truth's type only" among the stored events of the right type;
- a filtered query on the resulting database (median of 5).
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from datetime import date
from itertools import combinations
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import generate_corpus, write_corpus  # noqa: E402

from conflictwire.dedup import haversine_km, type_family  # noqa: E402


# --- running the CLI -------------------------------------------------------------------------------------


class TreeMemory:
    """Peak memory of a process and all its descendants, polled on a thread."""

    def __init__(self, pid: int, interval: float = 0.25):
        self.root = psutil.Process(pid)
        self.interval = interval
        self.peak_rss = 0
        self.peak_pss = 0
        self.peak_processes = 0
        self.seen: set[int] = set()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._poll, daemon=True)

    def __enter__(self) -> "TreeMemory":
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _poll(self) -> None:
        tick = 0
        while not self._stop.is_set():
            try:
                procs = [self.root] + self.root.children(recursive=True)
            except psutil.Error:
                break
            rss = pss = 0
            for proc in procs:
                try:
                    rss += proc.memory_info().rss
                    # PSS reads smaps (slow for big processes): every fourth poll.
                    if tick % 4 == 0:
                        pss += getattr(proc.memory_full_info(), "pss", 0)
                except psutil.Error:
                    continue
            self.peak_rss = max(self.peak_rss, rss)
            if tick % 4 == 0:
                self.peak_pss = max(self.peak_pss, pss)
            self.peak_processes = max(self.peak_processes, len(procs))
            self.seen.update(proc.pid for proc in procs)
            tick += 1
            self._stop.wait(self.interval)


def cli_command() -> list[str]:
    script = Path(sys.executable).with_name("conflictwire")
    return [str(script)] if script.exists() else [sys.executable, "-m", "conflictwire"]


def stop_tree(proc: subprocess.Popen) -> None:
    """Stop the run and the workers it started (the store keeps every article it finished)."""
    try:
        tree = psutil.Process(proc.pid).children(recursive=True) + [psutil.Process(proc.pid)]
    except psutil.Error:
        tree = []
    for member in tree:
        try:
            member.terminate()
        except psutil.Error:
            pass
    _, alive = psutil.wait_procs(tree, timeout=15)
    for member in alive:
        try:
            member.kill()
        except psutil.Error:
            pass


def run_cli(corpus: Path, db: Path, workers: int, time_limit: float | None = None) -> dict:
    command = cli_command() + ["run", str(corpus), "--db", str(db), "--workers", str(workers), "--quiet", "--json"]
    started = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    stopped = False
    with TreeMemory(proc.pid) as memory:
        try:
            stdout, stderr = proc.communicate(timeout=time_limit)
        except subprocess.TimeoutExpired:
            # Out of time: stop it and score what it stored (a run is resumable by design).
            stop_tree(proc)
            stdout, stderr = proc.communicate()
            stopped = True
    seconds = time.perf_counter() - started
    try:
        summary = json.loads(stdout.strip().splitlines()[-1])
    except (IndexError, ValueError):
        summary = {}
    # Exit 3 (EXIT_SKIPPED) means some inputs were skipped: the summary says which.
    if not stopped and (proc.returncode not in (0, 3) or not summary):
        raise SystemExit(f"conflictwire run failed (exit {proc.returncode}):\n{stderr[-3000:]}")
    return {"command": " ".join(command), "seconds": seconds, "summary": summary, "exit_code": proc.returncode,
            "stopped_at_time_limit": stopped, "peak_rss_mb": memory.peak_rss / 2**20,
            "peak_pss_mb": memory.peak_pss / 2**20, "processes": memory.peak_processes,
            "process_ids": sorted(memory.seen)}


def db_megabytes(db: Path) -> float:
    return sum(p.stat().st_size for p in db.parent.glob(db.name + "*")) / 2**20


# --- scoring -----------------------------------------------------------------------------------------------


def pair_scores(predicted: set, true: set) -> dict:
    hit = len(predicted & true)
    return {"pairs_predicted": len(predicted), "pairs_true": len(true), "pairs_correct": hit,
            "precision": hit / len(predicted) if predicted else None, "recall": hit / len(true) if true else None}


def pairs_of(groups: dict[str, list[str]], article_of: dict[str, str] | None = None) -> set[frozenset]:
    """Unordered pairs of members of each group (of different articles, when ``article_of`` is given)."""
    out: set[frozenset] = set()
    for members in groups.values():
        for a, b in combinations(sorted(set(members)), 2):
            if article_of is None or article_of[a] != article_of[b]:
                out.add(frozenset((a, b)))
    return out


def score_duplicates(truth: dict, duplicate_of: dict[str, str | None]) -> dict:
    group_of = {a["id"]: a["dup_group"] for a in truth["articles"]}
    copy_of = {a["id"]: a["copy"] for a in truth["articles"]}
    stored = [i for i in group_of if i in duplicate_of]
    sizes = Counter(group_of[i] for i in stored)
    should = sum(size - 1 for size in sizes.values())  # each group keeps one article uncounted
    flagged = [i for i in stored if duplicate_of[i]]
    correct = [i for i in flagged if group_of.get(duplicate_of[i]) == group_of[i]]
    # Missed copies by kind: a group's members not linked to the group (one per group is the kept one).
    missed = Counter()
    for group, size in sizes.items():
        members = [i for i in stored if group_of[i] == group]
        linked = [i for i in members if duplicate_of[i] and group_of.get(duplicate_of[i]) == group]
        unlinked = [i for i in members if i not in linked]
        for i in sorted(unlinked, key=lambda x: copy_of[x] != "original")[1:]:
            missed[copy_of[i]] += 1
    predicted_groups: dict[str, list[str]] = defaultdict(list)
    for i in stored:
        predicted_groups[duplicate_of[i] or i].append(i)
    true_groups: dict[str, list[str]] = defaultdict(list)
    for i in stored:
        true_groups[group_of[i]].append(i)
    return {
        "articles_stored": len(stored),
        "copies_in_truth": should,
        "copies_by_kind": dict(Counter(copy_of[i] for i in stored if copy_of[i] != "original")),
        "linked": len(flagged),
        "linked_correctly": len(correct),
        "precision": len(correct) / len(flagged) if flagged else None,
        "recall": len(correct) / should if should else None,
        "missed_by_kind": dict(missed),
        "pairwise": pair_scores(pairs_of(predicted_groups), pairs_of(true_groups)),
    }


# Modalities that report an event as having happened (conflictwire.dedup.AFFIRMED).
AFFIRMED = ("asserted", "claimed", "uncertain")


def match_event(row: dict, keys: list[str], events: dict, max_km: float, max_days: int,
                family: bool = True, affirmed_only: bool = True) -> str | None:
    """The truth event among ``keys`` that a stored event is a report of, or None.

    A report of a truth event names its place (within ``max_km``) and day (within ``max_days``) and,
    with ``family``, a type of its family (dedup.TYPE_FAMILY: an "Attack" for an "Armed clash" is a
    mistyped report of it; a curfew or looting recorded at the same place and day is another event,
    which the generator does not write as an event of its own, not a report of this one). With
    ``affirmed_only`` a stored event that is planned or denied ("organisers called another rally for
    the following week") is not a report of a truth event, all of which happened.
    """
    if affirmed_only and row.get("modality") not in AFFIRMED:
        return None
    best = None
    for key in keys:
        truth = events[key]
        if row["event_date"] is None:
            continue
        if family and type_family(row["event_type"]) != type_family(truth["event_type"]):
            continue
        days = abs((date.fromisoformat(row["event_date"]) - date.fromisoformat(truth["date"])).days)
        if days > max_days:
            continue
        if row["geonameid"] is not None and row["geonameid"] == truth["geonameid"]:
            km = 0.0
        elif row["lat"] is not None and row["lon"] is not None:
            km = haversine_km(row["lat"], row["lon"], truth["latitude"], truth["longitude"])
        else:
            continue
        if km <= max_km and (best is None or (km, days) < best[0]):
            best = ((km, days), key)
    return best[1] if best else None


def score_events(truth: dict, con: sqlite3.Connection, duplicate_of: dict, max_km: float, max_days: int,
                 family: bool = True, affirmed_only: bool = True) -> dict:
    articles = {a["id"]: a for a in truth["articles"]}
    events = truth["events"]
    rows = [dict(zip(("event_id", "article_id", "event_type", "event_date", "lat", "lon", "geonameid", "modality"), r))
            for r in con.execute(
        'SELECT "event_id", "article_id", "event_type", "event_date", "location_latitude", "location_longitude", '
        '"location_geonameid", "modality" FROM events ORDER BY "seq"')]
    cluster_of = dict(con.execute('SELECT "event_id", "cluster_id" FROM event_clusters'))
    merged = [dict(zip(("event_id", "event_type", "article_ids"), r)) for r in con.execute(
        'SELECT "event_id", "event_type", "article_ids" FROM merged_events')]

    key_of: dict[str, str | None] = {}
    type_of: dict[str, str] = {}
    article_of: dict[str, str] = {}
    for row in rows:
        article = articles.get(row["article_id"])
        keys = article["event_keys"] if article else []
        key_of[row["event_id"]] = match_event(row, keys, events, max_km, max_days, family, affirmed_only)
        type_of[row["event_id"]] = row["event_type"]
        article_of[row["event_id"]] = row["article_id"]

    # Extraction, over articles the store did not set aside as copies.
    counted = [r for r in rows if not duplicate_of.get(r["article_id"])]
    event_articles = [a for a in articles.values() if a["kind"] == "event" and a["id"] in duplicate_of
                      and not duplicate_of[a["id"]]]
    found_main = {(article_of[r["event_id"]], key_of[r["event_id"]]) for r in counted if key_of[r["event_id"]]}
    covered = sum(1 for a in event_articles if (a["id"], a["event_keys"][0]) in found_main)
    matched = [r for r in counted if key_of[r["event_id"]]]
    typed_right = sum(1 for r in matched if r["event_type"] == events[key_of[r["event_id"]]]["event_type"])
    other_articles = [a for a in articles.values() if a["kind"] == "other" and a["id"] in duplicate_of
                      and not duplicate_of[a["id"]]]
    events_in_other = sum(1 for r in counted if articles.get(r["article_id"], {}).get("kind") == "other")
    per_article_key = Counter((article_of[r["event_id"]], key_of[r["event_id"]]) for r in matched)
    extraction = {
        "events_stored": len(rows),
        "events_of_counted_articles": len(counted),
        "matched_to_truth": len(matched),
        "unmatched": len(counted) - len(matched),
        "event_articles": len(event_articles),
        "main_event_found_share": covered / len(event_articles) if event_articles else None,
        "type_accuracy_of_matched": typed_right / len(matched) if matched else None,
        "events_per_other_article": events_in_other / len(other_articles) if other_articles else None,
        "extra_reports_within_one_article": sum(c - 1 for c in per_article_key.values()),
    }

    # Pairwise merge scores over matched, clustered events of different articles.
    clustered = [r["event_id"] for r in matched if r["event_id"] in cluster_of]
    predicted: dict[str, list[str]] = defaultdict(list)
    true: dict[str, list[str]] = defaultdict(list)
    true_typed: dict[tuple, list[str]] = defaultdict(list)
    for event_id in clustered:
        predicted[cluster_of[event_id]].append(event_id)
        true[key_of[event_id]].append(event_id)
        true_typed[(key_of[event_id], type_of[event_id])].append(event_id)
    predicted_pairs = pairs_of(predicted, article_of)
    merging = pair_scores(predicted_pairs, pairs_of(true, article_of))
    merging["recall_same_type"] = pair_scores(predicted_pairs, pairs_of(true_typed, article_of))["recall"]
    merging["events_scored"] = len(clustered)
    unmatched_clustered = [r["event_id"] for r in counted if not key_of[r["event_id"]] and r["event_id"] in cluster_of]
    size = Counter(cluster_of.values())
    merging["unmatched_events_merged_with_others"] = sum(1 for e in unmatched_clustered if size[cluster_of[e]] > 1)

    # Duplicate share: stored events that repeat another stored event of the same truth event.
    members: dict[str, list[str]] = defaultdict(list)
    for event_id, cluster_id in cluster_of.items():
        members[cluster_id].append(event_id)
    per_key, per_key_type, per_key_true_type = Counter(), Counter(), Counter()
    articles_by_key: dict[str, list[set[str]]] = defaultdict(list)
    mapped_merged = 0
    for m in merged:
        keys = Counter(key_of.get(e) for e in members.get(m["event_id"], []) if key_of.get(e))
        if not keys:
            continue
        key = keys.most_common(1)[0][0]
        mapped_merged += 1
        per_key[key] += 1
        articles_by_key[key].append({article_of[e] for e in members[m["event_id"]]})
        per_key_type[(key, m["event_type"])] += 1
        if m["event_type"] == events[key]["event_type"]:
            per_key_true_type[key] += 1
    repeats = sum(c - 1 for c in per_key.values())
    # Repeats the merger could not have joined: stored events of one truth event that share an
    # article (the extractor split one report; events of one article are never merged).
    cross_article = sum(components(sets) - 1 for sets in articles_by_key.values())
    repeats_typed = sum(c - 1 for c in per_key_type.values())
    repeats_true_type = sum(c - 1 for c in per_key_true_type.values())
    true_typed_merged = sum(per_key_true_type.values())
    share = {
        "merged_events": len(merged),
        "merged_events_matched": mapped_merged,
        "truth_events_found": len(per_key),
        "truth_events_reported": len({k for a in articles.values() if a["id"] in duplicate_of for k in a["event_keys"]}),
        "repeats_any_type": repeats,
        "repeats_same_type": repeats_typed,
        "repeats_across_articles": cross_article,
        "duplicate_share_across_articles": cross_article / len(merged) if merged else None,
        "duplicate_share_any_type": repeats / len(merged) if merged else None,
        "duplicate_share_same_type": repeats_typed / len(merged) if merged else None,
        "duplicate_share_of_matched": repeats / mapped_merged if mapped_merged else None,
        # Only stored events of the truth's type: repeats of the real event, false events aside.
        "merged_events_of_true_type": true_typed_merged,
        "repeats_true_type": repeats_true_type,
        "duplicate_share_true_type": repeats_true_type / true_typed_merged if true_typed_merged else None,
    }
    return {"extraction": extraction, "merging": merging, "duplicates_among_stored_events": share}


def components(sets: list[set[str]]) -> int:
    """How many groups ``sets`` fall into when sets that share a member are joined."""
    parent = list(range(len(sets)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: dict[str, int] = {}
    for i, members in enumerate(sets):
        for member in members:
            if member in owner:
                parent[find(i)] = find(owner[member])
            else:
                owner[member] = i
    return len({find(i) for i in range(len(sets))})


def time_query(db: Path, truth: dict) -> dict:
    from conflictwire.store import EventFilter, open_store

    country = Counter(e["country"] for e in truth["events"].values()).most_common(1)[0][0]
    days = sorted(e["date"] for e in truth["events"].values())
    filters = {
        "country+type+dates": EventFilter(country=country, event_type="Battles",
                                          date_from=date.fromisoformat(days[0]), date_to=date.fromisoformat(days[len(days) // 2])),
        "text": EventFilter(text="killed"),
    }
    out = {}
    store = open_store(str(db))
    try:
        for name, f in filters.items():
            times, rows = [], 0
            for _ in range(5):
                t0 = time.perf_counter()
                rows = len(store.query_events(f))
                times.append(time.perf_counter() - t0)
            out[name] = {"rows": rows, "median_ms": statistics.median(times) * 1000}
    finally:
        store.close()
    return out


# --- report -------------------------------------------------------------------------------------------------


def score_run(truth: dict, db: Path, run: dict | None, args: argparse.Namespace) -> dict:
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        duplicate_of = dict(con.execute('SELECT "id", "duplicate_of" FROM articles'))
        # Between the first and the last article stored: the rate without start-up (model loading).
        first, last = con.execute('SELECT MIN("stored_at"), MAX("stored_at") FROM articles').fetchone()
        steady = (len(duplicate_of) - 1) / (last - first) if first is not None and last > first else None
        copies = Counter(a["copy"] for a in truth["articles"])
        result = {
            "corpus": {"articles": len(truth["articles"]), "stored": len(duplicate_of), "exact": copies["exact"],
                       "near": copies["near"], "events": len(truth["events"]), "seed": truth["seed"]},
            "workers": args.workers,
            "run": run,
            "articles_per_s": len(duplicate_of) / run["seconds"] if run else None,
            "articles_per_s_after_start_up": steady,
            "db_mb": db_megabytes(db),
            "duplicate_articles": score_duplicates(truth, duplicate_of),
            "events": score_events(truth, con, duplicate_of, args.match_km, args.match_days),
            # Last session's definition: any stored event at the truth's place and day is a report of
            # it, whatever its type (counts other events of that place and day as repeats).
            "events_place_day_only": score_events(truth, con, duplicate_of, args.match_km, args.match_days,
                                                  family=False),
            # The definition before planned events were set apart: a rally "called for the following
            # week" at the town of today's protest counted as a repeat of it.
            "events_with_planned": score_events(truth, con, duplicate_of, args.match_km, args.match_days,
                                                affirmed_only=False),
        }
    finally:
        con.close()
    result["queries"] = time_query(db, truth)
    return result


def fmt(value, digits: int = 3) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)


def print_table(result: dict) -> None:
    run, dup, ev = result["run"] or {}, result["duplicate_articles"], result["events"]
    ext, merge, share = ev["extraction"], ev["merging"], ev["duplicates_among_stored_events"]
    rows = [
        ("articles (stored)", f"{result['corpus']['articles']} ({result['corpus']['stored']})"),
        ("  exact / near copies", f"{result['corpus']['exact']} / {result['corpus']['near']}"),
        ("  truth events", result["corpus"]["events"]),
        ("workers", result["workers"]),
        ("wall time (s)", fmt(run.get("seconds"), 1) + (" (stopped at the time limit)" if run.get("stopped_at_time_limit") else "")),
        ("articles/s", fmt(result["articles_per_s"], 2)),
        ("  after start-up (first to last store)", fmt(result["articles_per_s_after_start_up"], 2)),
        ("peak memory, tree RSS (MiB)", fmt(run.get("peak_rss_mb"), 0)),
        ("peak memory, tree PSS (MiB)", fmt(run.get("peak_pss_mb"), 0)),
        ("database size (MiB)", fmt(result["db_mb"], 1)),
        ("dup articles precision", fmt(dup["precision"])),
        ("dup articles recall", fmt(dup["recall"])),
        ("  missed copies by kind", json.dumps(dup["missed_by_kind"])),
        ("dup articles pairwise P / R", f"{fmt(dup['pairwise']['precision'])} / {fmt(dup['pairwise']['recall'])}"),
        ("events stored / matched to truth", f"{ext['events_of_counted_articles']} / {ext['matched_to_truth']}"),
        ("main event found (share of articles)", fmt(ext["main_event_found_share"])),
        ("type accuracy of matched events", fmt(ext["type_accuracy_of_matched"])),
        ("events per non-event article", fmt(ext["events_per_other_article"])),
        ("merge pairwise precision", fmt(merge["precision"])),
        ("merge pairwise recall", fmt(merge["recall"])),
        ("  recall, pairs typed alike", fmt(merge["recall_same_type"])),
        ("stored (merged) events", share["merged_events"]),
        ("  truth events found", share["truth_events_found"]),
        ("duplicate share, any type (bar < 0.05)", fmt(share["duplicate_share_any_type"])),
        ("  same, matched on place and day only", fmt(
            result["events_place_day_only"]["duplicates_among_stored_events"]["duplicate_share_any_type"])),
        ("  same, planned events matched too", fmt(
            result["events_with_planned"]["duplicates_among_stored_events"]["duplicate_share_any_type"])),
        ("duplicate share, same type", fmt(share["duplicate_share_same_type"])),
        ("duplicate share, across articles only", fmt(share["duplicate_share_across_articles"])),
        ("duplicate share, truth's type only", fmt(share["duplicate_share_true_type"])),
        ("  within-article extra reports (raw)", ext["extra_reports_within_one_article"]),
    ]
    rows += [(f"query {name} (ms, rows)", f"{fmt(q['median_ms'], 1)}, {q['rows']}") for name, q in result["queries"].items()]
    width = max(len(r[0]) for r in rows)
    for label, value in rows:
        print(f"{label:<{width}}  {value}")


def reusable_truth(folder: Path, args: argparse.Namespace) -> dict | None:
    """The truth of a corpus generated before in ``folder`` with the same size and seed, else None."""
    truth_path, corpus_path = folder / "truth.json", folder / "corpus.jsonl"
    if not (truth_path.exists() and corpus_path.exists()):
        return None
    truth = json.loads(truth_path.read_text(encoding="utf-8"))
    return truth if (truth.get("n"), truth.get("seed")) == (args.n, args.seed) else None


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=5000, help="Articles to generate (default 5000).")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--keep", type=Path, help="Write the corpus, truth and database here and keep them.")
    parser.add_argument("--match-km", type=float, default=25.0, help="How far a stored place may be from the truth's.")
    parser.add_argument("--match-days", type=int, default=2, help="How far a stored day may be from the truth's.")
    parser.add_argument("--json", action="store_true", help="Print the result as JSON.")
    parser.add_argument("--time-limit", type=float, help="Stop the run after this many seconds and score what it stored.")
    parser.add_argument("--reuse", action="store_true",
                        help="With --keep: use the corpus already there when its size and seed match.")
    parser.add_argument("--score", type=Path, help="Only score the truth.json and corpus.db kept in this folder.")
    args = parser.parse_args(argv)

    if args.score is not None:
        # Score a run made before (or one stopped part way: only the stored articles are scored).
        truth = json.loads((args.score / "truth.json").read_text(encoding="utf-8"))
        result = score_run(truth, args.score / "corpus.db", None, args)
    else:
        with tempfile.TemporaryDirectory() as scratch:
            folder = args.keep or Path(scratch)
            folder.mkdir(parents=True, exist_ok=True)
            t0 = time.perf_counter()
            truth = reusable_truth(folder, args) if args.reuse else None
            if truth is None:
                articles, truth = generate_corpus(args.n, args.seed)
                write_corpus(articles, truth, folder)
            generate_s = time.perf_counter() - t0
            db = folder / "corpus.db"
            for stale in folder.glob("corpus.db*"):
                stale.unlink()
            run = run_cli(folder / "corpus.jsonl", db, args.workers, args.time_limit)
            if not db.exists():
                raise SystemExit(f"the run stopped after {run['seconds']:.0f} s, before it stored anything")
            result = score_run(truth, db, run, args)
            result["corpus"]["generate_s"] = generate_s
    if args.json:
        print(json.dumps(result, indent=1, default=str))
    else:
        print_table(result)


if __name__ == "__main__":
    main()
