"""Store benchmark: load a generated event database, then time filtered queries, on SQLite and PostgreSQL.

    .venv/bin/python benchmarks/bench_store.py --events 100000             # SQLite in a temp folder
    .venv/bin/python benchmarks/bench_store.py --events 100000 --postgres  # + a throwaway PostgreSQL
    .venv/bin/python benchmarks/bench_store.py --postgres-url postgresql://...  # an existing server
    .venv/bin/python benchmarks/bench_store.py --ucdp-gold ../shared/gold/ucdp_ged_headlines/dev.jsonl

``--ucdp-events EVENTS.jsonl`` runs the same check on the pipeline's own events: extract them first with
``conflictwire extract ../shared/gold/ucdp_ged_headlines/dev.jsonl -f jsonl > EVENTS.jsonl`` (each record is
one article; copy ``meta.source_office`` to a ``source`` field first to give the outlet, as the evaluator
does), then every cluster that joins two articles' events is a false merge.

``--ucdp-gold`` checks event merging against real event data instead: every UCDP GED record is a
distinct event (one source each), so any two that the merge rules join are a false merge by UCDP's
definition. It builds Event records from the gold fields only (type of violence, dyad sides, place,
dates; no text is used) and reports the share of events merged with another, per threshold setting.

Events are synthetic (random types, places in 30 countries, dates over three years, actors from a
pool of 400), two per article. The first ``--save-sample`` articles go through ``Store.save_article``
(the ``run`` path: a transaction, the merge lookup and the merged rows per article), the rest through
``Store.load_articles`` (batched, one recluster at the end). Queries report the median of 5 runs.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from conflictwire.schema import Actor, Article, Event, Evidence, Place, Source
from conflictwire.store import EventFilter, open_store

TYPES = {
    "Battles": ["Armed clash", "Government regains territory"],
    "Explosions/Remote violence": ["Air/drone strike", "Shelling/artillery/missile attack", "Remote explosive/landmine/IED"],
    "Violence against civilians": ["Attack", "Abduction/forced disappearance"],
    "Protests": ["Peaceful protest", "Protest with intervention"],
    "Riots": ["Violent demonstration", "Mob violence"],
    "Strategic developments": ["Arrests", "Looting/property destruction"],
}
CATEGORIES = ["state forces", "rebel group", "political militia", "identity militia", "protesters", "civilians"]


def generate(n_events: int, seed: int = 1) -> list[Article]:
    rng = random.Random(seed)
    countries = [(f"Country{i}", f"C{i}", rng.uniform(-30, 50), rng.uniform(-20, 100)) for i in range(30)]
    places = []
    for ci, (country, code, lat, lon) in enumerate(countries):
        for p in range(60):
            places.append((f"Place{ci}_{p}", f"Region{ci}_{p % 8}", country, code,
                           lat + rng.uniform(-3, 3), lon + rng.uniform(-3, 3), 1_000_000 + ci * 100 + p))
    actors = [(f"Actor Group {i}", rng.choice(CATEGORIES)) for i in range(400)]
    start = date(2020, 1, 1)
    articles = []
    for a in range(0, n_events, 2):
        article_id = f"bench{a // 2:07d}"
        events = []
        for k in range(min(2, n_events - a)):
            event_type = rng.choice(list(TYPES))
            name, admin1, country, code, lat, lon, gid = rng.choice(places)
            a1, a2 = rng.sample(actors, 2)
            day = start + timedelta(days=rng.randint(0, 3 * 365))
            events.append(Event(
                event_id=f"{article_id}-{k}", article_id=article_id, event_date=day, time_precision=1,
                event_type=event_type, sub_event_type=rng.choice(TYPES[event_type]),
                actor1=Actor(text=a1[0], name=a1[0], category=a1[1]),
                actor2=Actor(text=a2[0], name=a2[0], category=a2[1]),
                location=Place(text=name, name=name, admin1=admin1, country=country, country_code=code,
                               latitude=lat, longitude=lon, geonameid=gid, geo_precision=1),
                fatalities=rng.choice([None, 0, 1, 2, 5, 12]),
                evidence=[Evidence(start=0, end=20, text=f"{event_type} near {name}", field="trigger")],
                notes=f"On {day}, {a1[0]} and {a2[0]}: {event_type.lower()} in {name}, {country}.",
                source=Source(name="Bench Wire", url=f"https://bench.example/{article_id}"),
            ))
        articles.append(Article(id=article_id, url=f"https://bench.example/{article_id}", source_name="Bench Wire",
                                clean_text=None, raw_text=None, events=events))
    return articles


QUERIES = {
    "country": EventFilter(country="Country7"),
    "country+type+year": EventFilter(country="C7", event_type="Battles", date_from=date(2021, 1, 1), date_to=date(2021, 12, 31)),
    "admin1+month": EventFilter(admin1="Region3_2", date_from=date(2021, 6, 1), date_to=date(2021, 6, 30)),
    "sub_event_type": EventFilter(sub_event_type="Air/drone strike", date_from=date(2022, 1, 1)),
    "actor": EventFilter(actor="actor group 123"),
    "actor+country": EventFilter(actor="actor group 12", country="Country3"),
    "text": EventFilter(text="Place5_17"),
    "text+type": EventFilter(text="drone strike Place2_3"),
    "date range (week)": EventFilter(date_from=date(2021, 3, 1), date_to=date(2021, 3, 7)),
}


def run(target: str, articles: list[Article], label: str, save_sample: int) -> dict:
    out: dict = {"backend": label}
    store = open_store(target)
    # The run command's path: one transaction per article with the merge lookup, on the first articles.
    sample, rest = articles[:save_sample], articles[save_sample:]
    t0 = time.perf_counter()
    for article in sample:
        store.save_article(article)
    out["save_article_per_s"] = round(len(sample) / max(time.perf_counter() - t0, 1e-9), 1)
    # The rest through the bulk import (batches, one recluster at the end) to reach the target size.
    t0 = time.perf_counter()
    store.load_articles(rest)
    out["load_articles_s"] = round(time.perf_counter() - t0, 1)
    out["load_articles_per_s"] = round(len(rest) / max(out["load_articles_s"], 1e-9), 1)
    out["counts"] = store.counts()
    out["queries"] = {}
    for name, filters in QUERIES.items():
        times, n = [], 0
        for _ in range(5):
            t1 = time.perf_counter()
            n = len(store.query_events(filters))
            times.append(time.perf_counter() - t1)
        out["queries"][name] = {"rows": n, "median_ms": round(statistics.median(times) * 1000, 1),
                                "max_ms": round(max(times) * 1000, 1)}
    t1 = time.perf_counter()
    store.stats()
    out["stats_ms"] = round((time.perf_counter() - t1) * 1000, 1)
    store.close()
    if label == "sqlite":
        out["db_mb"] = round(sum(p.stat().st_size for p in Path(target).parent.glob(Path(target).name + "*")) / 1e6, 1)
    return out


def gold_events(path: Path) -> list[Event]:
    events = []
    for line in path.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        gold = record.get("gold") or {}
        loc = gold.get("location") or {}
        if not gold.get("date") or loc.get("lat") is None:
            continue
        sides = [a["name"] for a in gold.get("actors") or [] if a.get("name")]
        events.append(Event(
            event_id=record["id"], article_id=record["id"],
            event_date=date.fromisoformat(gold["date"]),
            date_end=date.fromisoformat(gold["date_end"]) if gold.get("date_end") else None,
            event_type=gold["event_type"], sub_event_type=gold["event_type"],
            actor1=Actor(text=sides[0], name=sides[0]) if sides else None,
            actor2=Actor(text=sides[1], name=sides[1]) if len(sides) > 1 else None,
            location=Place(name=loc.get("name"), country=loc.get("country"), latitude=loc["lat"], longitude=loc["lon"]),
        ))
    events.sort(key=lambda e: (e.event_date, e.event_id))
    return events


def ucdp_false_merges(path: Path) -> None:
    from conflictwire.dedup import DedupThresholds, cluster_events

    events = gold_events(path)
    print(f"{len(events)} distinct gold events with a date and coordinates from {path}")
    for days, km in [(2, 10.0), (1, 10.0), (0, 10.0), (2, 5.0), (2, 1.0), (0, 1.0)]:
        t0 = time.perf_counter()
        clusters, links = cluster_events(events, DedupThresholds(max_days=days, max_km=km))
        merged = sum(len(c) for c in clusters if len(c) > 1)
        print(json.dumps({
            "max_days": days, "max_km": km, "events": len(events), "clusters": len(clusters),
            "events_merged_with_another": merged, "false_merge_rate": round(merged / len(events), 4),
            "links": len(links), "seconds": round(time.perf_counter() - t0, 2),
        }))


def predicted_false_merges(path: Path) -> None:
    """The same check on the pipeline's own events: ``conflictwire extract GOLD.jsonl -f jsonl`` over a UCDP
    GED split (one article per record, so every article is a distinct gold event): a cluster that joins
    events of two articles is a false merge."""
    from datetime import date as _date

    from conflictwire.dedup import cluster_events

    events = [Event.model_validate_json(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    events.sort(key=lambda e: (e.event_date or _date.min, e.event_id))
    articles = {e.article_id for e in events}
    clusters, _ = cluster_events(events)
    joined = [len({events[i].article_id for i in c}) for c in clusters]
    falsely = sum(n for n in joined if n > 1)
    print(json.dumps({"events": len(events), "articles": len(articles), "clusters_joining_articles": sum(1 for n in joined if n > 1),
                      "articles_falsely_merged": falsely, "false_merge_rate": round(falsely / len(articles), 4) if articles else None}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--postgres", action="store_true", help="also run on a throwaway PostgreSQL server")
    parser.add_argument("--postgres-url", help="also run on this (empty) PostgreSQL database")
    parser.add_argument("--no-sqlite", action="store_true")
    parser.add_argument("--save-sample", type=int, default=2000, help="articles stored one by one with save_article")
    parser.add_argument("--ucdp-gold", type=Path, help="check merge rules on distinct UCDP GED events instead")
    parser.add_argument("--ucdp-events", type=Path,
                        help="check merge rules on the events `conflictwire extract` found in a UCDP GED split (JSONL)")
    args = parser.parse_args()
    if args.ucdp_gold:
        ucdp_false_merges(args.ucdp_gold)
        return
    if args.ucdp_events:
        predicted_false_merges(args.ucdp_events)
        return

    articles = generate(args.events)
    results = []
    with tempfile.TemporaryDirectory() as folder:
        if not args.no_sqlite:
            results.append(run(str(Path(folder) / "bench.db"), articles, "sqlite", args.save_sample))
            print(json.dumps(results[-1]), flush=True)
        if args.postgres_url:
            results.append(run(args.postgres_url, articles, "postgresql", args.save_sample))
            print(json.dumps(results[-1]), flush=True)
        elif args.postgres:
            from conflictwire.store.pgserver import start_throwaway_postgres

            server = start_throwaway_postgres()
            try:
                results.append(run(server.create_database("bench"), articles, "postgresql", args.save_sample))
                print(json.dumps(results[-1]), flush=True)
            finally:
                server.stop()
    worst = max((q["median_ms"] for r in results for q in r["queries"].values()), default=0)
    print(f"slowest filtered query (median): {worst} ms", file=sys.stderr)


if __name__ == "__main__":
    main()
