"""Time each pipeline stage over many articles against spaCy's own pipeline on the same texts.

    python benchmarks/bench_pipeline.py --gold ../shared/gold --n 500 --repeats 3

Texts come from the gold sets' article texts at run time (nothing is copied into the project), or,
without --gold, from the bundled examples repeated. For each repeat the baseline (spaCy's
en_core_web_sm over the same texts, ``nlp(text)``) is measured in the same process, so the ratios hold
on a noisy machine. Reports the median seconds per stage, each stage's ratio to the baseline, articles/s,
peak RSS, and whether torch was imported.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import statistics
import sys
import time
from pathlib import Path

import psutil

SETS_WITH_ARTICLES = ("muc34", "india_police_events", "wikievents", "trnews", "lgl", "geowebnews", "geovirus")


def load_texts(gold: Path | None, n: int) -> list[dict]:
    texts: list[dict] = []
    if gold is not None:
        for name in SETS_WITH_ARTICLES:
            path = gold / name / "dev.jsonl"
            if not path.exists():
                continue
            with open(path, encoding="utf-8") as fh:
                for line in fh:
                    rec = json.loads(line)
                    if rec.get("text") and len(rec["text"]) > 400:
                        texts.append({"id": rec["id"], "text": rec["text"], "published": rec.get("published")})
                    if len(texts) >= n:
                        return texts
    examples = Path(__file__).resolve().parent.parent / "examples"
    base = [p.read_text(encoding="utf-8") for p in sorted(examples.glob("*.txt"))]
    i = 0
    while base and len(texts) < n:
        texts.append({"id": f"ex{i}", "text": base[i % len(base)], "published": "2024-05-01"})
        i += 1
    return texts


def run_once(texts: list[dict], stages: list[str]) -> dict[str, float]:
    from conflictwire.nlp import load_spacy
    from conflictwire.options import Options
    from conflictwire.pipeline import check_chain
    from conflictwire.schema import Article

    options = Options()
    nlp = load_spacy(options.spacy_model)
    timings: dict[str, float] = {}

    t0 = time.perf_counter()
    for rec in texts:
        nlp(rec["text"])
    timings["spacy_baseline"] = time.perf_counter() - t0

    # Each run starts with no sentence embedding cached, as a new process does (``classify.cached_embed_features``).
    from conflictwire.events import classify

    getattr(classify, "_embedding_cache", {}).clear()
    chain = check_chain(stages)
    articles = [Article(id=r["id"], raw_text=r["text"], published=r["published"]) for r in texts]
    with encoder_clock() as clock:
        for info in chain:
            t0 = time.perf_counter()
            articles = [info.fn(a, options) for a in articles]
            timings[info.name] = time.perf_counter() - t0
    timings["events_found"] = float(sum(len(a.events) for a in articles))
    timings["encoder"], timings["encoded_texts"] = clock["seconds"], float(clock["texts"])
    return timings


@contextlib.contextmanager
def encoder_clock():
    """Time spent in the sentence encoder (part of the events stage), and how many texts it encoded."""
    from conflictwire.events import encoder

    clock = {"seconds": 0.0, "texts": 0}
    encode = encoder.encode

    def timed(texts, *args, **kwargs):
        t0 = time.perf_counter()
        try:
            return encode(texts, *args, **kwargs)
        finally:
            clock["seconds"] += time.perf_counter() - t0
            clock["texts"] += len(texts)

    encoder.encode = timed
    try:
        yield clock
    finally:
        encoder.encode = encode


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=None, help="Folder holding the gold sets (texts only are read).")
    parser.add_argument("--n", type=int, default=500)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--stages", default="clean,nlp,events,geo,time,notes")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)

    texts = load_texts(args.gold, args.n)
    words = sum(len(t["text"].split()) for t in texts)
    stages = args.stages.split(",")
    # Warm-up: loads models, builds the gazetteer index if needed; not timed.
    run_once(texts[:5], stages)
    runs = [run_once(texts, stages) for _ in range(args.repeats)]

    med = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
    base = med["spacy_baseline"]
    ours_total = sum(med[s] for s in stages)
    report = {
        "articles": len(texts),
        "words": words,
        "repeats": args.repeats,
        "median_seconds": {k: round(v, 3) for k, v in med.items() if k not in ("events_found", "encoded_texts")},
        "ratio_to_spacy": {s: round(med[s] / base, 3) for s in stages},
        "added_over_spacy": {s: round(med[s] / base, 3) for s in stages if s not in ("nlp",)},
        "pipeline_articles_per_s": round(len(texts) / ours_total, 1),
        "spacy_words_per_s": round(words / base, 0),
        "events_found": int(med["events_found"]),
        # Inside the events stage: the encoder's share, and the texts it encoded per run.
        "encoder_ratio_to_spacy": round(med["encoder"] / base, 3),
        "encoded_texts": int(med["encoded_texts"]),
        "peak_rss_mb": round(psutil.Process().memory_info().rss / 2**20, 1),
        "torch_imported": "torch" in sys.modules,
    }
    try:
        import resource

        report["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    except ImportError:
        pass
    if args.json:
        print(json.dumps(report))
        return
    print(f"{report['articles']} articles, {words} words, median of {args.repeats} runs")
    print(f"{'stage':<16}{'median s':>10}{'x spaCy':>10}")
    print(f"{'spacy_baseline':<16}{base:>10.3f}{1.0:>10.2f}")
    for s in stages:
        print(f"{s:<16}{med[s]:>10.3f}{med[s] / base:>10.2f}")
    print(f"pipeline: {report['pipeline_articles_per_s']} articles/s; spaCy alone {report['spacy_words_per_s']} words/s")
    if "events" in stages:
        print(f"  of events: encoder {med['encoder']:.3f} s ({report['encoder_ratio_to_spacy']:.2f}x spaCy), "
              f"{report['encoded_texts']} texts encoded")
    print(f"events found: {report['events_found']}; peak RSS {report['peak_rss_mb']} MB; torch imported: {report['torch_imported']}")


if __name__ == "__main__":
    main()
