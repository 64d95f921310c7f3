"""Run the pipeline over a gold file's texts, score the output and its baseline, keep the worst misses.

The library stays quiet: progress is reported through an optional callback the CLI turns into a bar.
"""

from __future__ import annotations

import logging
import re
import signal
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from . import events as event_scorers
from .adapters import events_view
from .extraction import html_text, score_clean
from .loaders import GoldFile, load_gold
from .metrics import majority
from .timexes import baseline_timexes, score_time
from .toponyms import gold_toponyms, score_toponyms
from .trained import ONE_EVENT_TEXTS, cross_validated_by_dataset, one_event_views
from ..options import Options

log = logging.getLogger(__name__)

OnRecord = Callable[[], None] | None
# How many worst misses --errors keeps per dataset.
WORST_MISSES = 50
# A news-length text takes well under a second per stage; one that takes two minutes is stuck (a
# loop in a stage) and is abandoned so that --all still finishes. The first record of a run is exempt:
# it pays for loading models and building the gazetteer.
RECORD_DEADLINE_S = 120.0


class RecordTimeout(Exception):
    """A record ran past RECORD_DEADLINE_S and was abandoned."""


def run_with_deadline(fn: Callable[[], Any], seconds: float | None) -> Any:
    """fn(), interrupted with RecordTimeout after ``seconds`` (only where SIGALRM can be used)."""
    if not seconds or not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        return fn()

    def on_alarm(signum, frame):
        raise RecordTimeout(f"abandoned after {seconds:.0f} s")

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        return fn()
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@dataclass
class EvalResult:
    dataset: str
    task: str
    format: str
    n: int
    metrics: dict[str, float] = field(default_factory=dict)
    baseline: dict[str, float] = field(default_factory=dict)
    reference: dict[str, dict[str, float]] = field(default_factory=dict)
    # Precision/recall of the detection decision as events below a confidence are dropped.
    curve: list[dict[str, float]] = field(default_factory=list)
    # When a trained component learnt from this split: its stored k-fold figures, per head.
    cross_validated: dict[str, dict] | None = None
    notes: list[str] = field(default_factory=list)
    failed: str | None = None
    seconds: float = 0.0
    cpu_seconds: float = 0.0
    diagnostics: list[dict] = field(default_factory=list, repr=False)
    texts: dict[str, str] = field(default_factory=dict, repr=False)

    def to_json(self) -> dict[str, Any]:
        """The stable JSON shape: dataset, task, n, metrics, baseline (plus reference, notes, seconds)."""
        return {
            "dataset": self.dataset,
            "task": self.task,
            "n": self.n,
            "metrics": {k: _round(v) for k, v in self.metrics.items()},
            "baseline": {k: _round(v) for k, v in self.baseline.items()},
            "reference": {name: {k: _round(v) for k, v in m.items()} for name, m in self.reference.items()},
            "curve": [{k: _round(v) for k, v in point.items()} for point in self.curve],
            "trained_on_this_split": self.cross_validated is not None,
            "cross_validated": self.cross_validated,
            "notes": self.notes,
            "failed": self.failed,
            "seconds": round(self.seconds, 1),
            "cpu_seconds": round(self.cpu_seconds, 1),
        }

    def worst_misses(self, k: int = WORST_MISSES) -> list[dict]:
        """The k records we did worst on, text, gold and ours side by side."""
        ranked = sorted((d for d in self.diagnostics if d["loss"] > 0), key=lambda d: -d["loss"])[:k]
        return [{"dataset": self.dataset, "id": d["id"], "loss": d["loss"], "text": self.texts.get(str(d["id"]), ""),
                 "gold": d["gold"], "ours": d["ours"]} for d in ranked]


def _round(v: Any) -> Any:
    return round(v, 4) if isinstance(v, float) else v


def _date_or_none(value: Any) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _tick(on_record: OnRecord) -> None:
    if on_record is not None:
        on_record()


# ---------------------------------------------------------------- predictions


def predict_events(records: list[dict], options: Options, on_record: OnRecord = None) -> tuple[list[list], list[str]]:
    """Our events for every record's text (the full pipeline), and notes on records that were skipped."""
    from ..pipeline import Pipeline
    from ..schema import Article, Skip

    pipeline = Pipeline(options)
    out, skips = [], []
    for i, r in enumerate(records):
        text = r.get("text") if isinstance(r.get("text"), str) else ""  # a malformed record scores as empty
        meta = r.get("meta") if isinstance(r.get("meta"), dict) else {}
        # The outlet's name is metadata a user has with the text (a feed's title, a JSONL "source"); it
        # names the publication's home place (geo.publication_place). UCDP GED gives it as the source
        # article's citation (meta.source_office), not as a coded field.
        source = meta.get("source_office")
        article = Article(id=str(r.get("id") or i), raw_text=text, published=_date_or_none(r.get("published")),
                          source_name=source if isinstance(source, str) and source.strip() else None)
        # pipe() turns a stage's exception (the deadline's included) into a Skip.
        item = run_with_deadline(lambda: next(pipeline.pipe([article])), None if i == 0 else RECORD_DEADLINE_S)
        if isinstance(item, Skip):
            out.append([])
            skips.append(f"{item.input}: {item.code} {item.message}")
        else:
            out.append(list(item.events))
        _tick(on_record)
    notes = [f"{len(skips)} records skipped by the pipeline (scored as no events); first: {skips[0]}"] if skips else []
    return out, notes


def _toponym_dicts(toponyms) -> list[dict]:
    return [{"start": t.start, "end": t.end, "lat": t.latitude, "lon": t.longitude} for t in toponyms]


def predict_toponyms(records: list[dict], options: Options, on_record: OnRecord = None):
    """Per record: our toponyms end to end, end to end with demonyms output as country references
    (the CLI's ``geoparse --demonyms``), and resolved on the gold spans."""
    from ..geo import geoparse_text, geoparse_text_protocols

    e2e, e2e_demonyms, given, failures = [], [], [], []
    for rec in records:
        text = rec.get("text") or ""
        spans = [(t["start"], t["end"]) for t in gold_toponyms(rec)]
        # The article's URL is metadata a user has with the text: it gives the publication's country.
        url = (rec.get("meta") or {}).get("url") or None
        deadline = RECORD_DEADLINE_S if e2e else None
        try:
            plain, with_demonyms = run_with_deadline(lambda: geoparse_text_protocols(text, options, url=url), deadline)
            e2e.append(_toponym_dicts(plain))
            e2e_demonyms.append(_toponym_dicts(with_demonyms))
        except Exception as exc:  # one failing document is scored as empty, the rest go on
            e2e.append([])
            e2e_demonyms.append([])
            failures.append(f"{rec.get('id')}: {type(exc).__name__}: {exc}")
        try:
            found = run_with_deadline(lambda: geoparse_text(text, options, given_spans=spans, url=url), deadline)
            given.append(_toponym_dicts(found))
        except Exception as exc:
            given.append([])
            failures.append(f"{rec.get('id')}: {type(exc).__name__}: {exc}")
        _tick(on_record)
    notes = [f"geoparse_text failed {len(failures)} times (scored as empty); first: {failures[0]}"] if failures else []
    return e2e, e2e_demonyms, given, notes


def predict_timexes(records: list[dict], on_record: OnRecord = None):
    from ..time import find_timexes

    out, failures = [], []
    for rec in records:
        try:
            found = run_with_deadline(lambda: find_timexes(rec.get("text") or "", _date_or_none(rec.get("dct"))),
                                      RECORD_DEADLINE_S if out else None)
            out.append([{"start": t.start, "end": t.end, "value": t.value, "type": t.type} for t in found])
        except Exception as exc:  # one failing document is scored as empty, the rest go on
            out.append([])
            failures.append(f"{rec.get('id')}: {type(exc).__name__}: {exc}")
        _tick(on_record)
    notes = [f"find_timexes failed {len(failures)} times (scored as empty); first: {failures[0]}"] if failures else []
    return out, notes


def predict_clean(records: list[dict], on_record: OnRecord = None):
    """Our extracted body, trafilatura's own and the raw-text baseline for every page."""
    import trafilatura

    from ..clean import extract_html

    ours, theirs, raw, failures = [], [], [], []
    for rec in records:
        html = rec.get("html") or ""
        try:
            ours.append(run_with_deadline(lambda: extract_html(html)[0], RECORD_DEADLINE_S if ours else None))
        except Exception as exc:  # one failing page is scored as empty, the rest go on
            ours.append("")
            failures.append(f"{rec.get('id')}: {type(exc).__name__}: {exc}")
        try:
            theirs.append(trafilatura.extract(html) or "")
        except Exception:
            theirs.append("")
        raw.append(html_text(html))
        _tick(on_record)
    notes = [f"extract_html failed {len(failures)} times (scored as empty); first: {failures[0]}"] if failures else []
    return ours, theirs, raw, notes


# ---------------------------------------------------------------- PLOVER / CAMEO: the sentence's main clause

# Sets whose event is typed from the sentence's main clause by events.plover.code_clause (docs/evaluation.md).
CLAUSE_CODED = {
    "plover": "PLOVER type/mode: code_clause on the main event clause of each text (actors not given); "
              "actors, places and fatalities from the pipeline's most confident event",
    "petrarch2": "CAMEO root: code_clause on the main event clause of each sentence; no event when no lexicon pattern fires",
}


def clause_coded_views(fmt: str, records: list[dict], views: list[list[dict]], options: Options) -> list[list[dict]]:
    """Each record's views with PLOVER type/mode and CAMEO root from ``code_clause`` on its main clause.

    plover: one view per record, the pipeline's top event (for its actors) carrying the clause's coding.
    petrarch2: the clause's coding as the only view, and no view when no lexicon pattern fires (the
    unit tests expect no event from sentences a dictionary coder cannot code)."""
    from ..events.plover import main_clause
    from ..nlp import parse, split_sentences

    out = []
    for rec, vs in zip(records, views):
        text = rec.get("text") if isinstance(rec.get("text"), str) else ""
        coding = None
        if text.strip():
            try:
                doc = parse(text, options, split_sentences(text))
                coding = main_clause(doc)[1] if len(doc) else None
            except Exception as exc:  # one sentence that cannot be parsed scores as uncoded
                log.warning("code_clause failed on %s: %s", rec.get("id"), exc)
        typed = coding is not None and coding.plover_type is not None
        if fmt == "petrarch2":
            lexical = typed and coding.method == "lexicon"
            out.append([_view(cameo_root=coding.cameo_root, plover_type=coding.plover_type,
                              confidence=coding.score)] if lexical else [])
            continue
        base = dict(max(vs, key=lambda v: v.get("confidence", 0.5))) if vs else _view()
        if typed:
            base.update(plover_type=coding.plover_type, plover_mode=coding.plover_mode,
                        cameo_root=coding.cameo_root, confidence=coding.score)
        out.append([base])
    return out


# ---------------------------------------------------------------- confidence curve

# Per format, the precision/recall pair that --min-confidence trades.
CURVE_METRICS = {
    "muc34": ("doc_precision", "doc_recall"),
    "wikievents": ("event_precision", "event_recall"),
    "ipe": ("ANY_ACTION_precision", "ANY_ACTION_recall"),
}
CURVE_THRESHOLDS = (0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)


def confidence_curve(fmt: str, scorer, records: list[dict], views: list[list[dict]]) -> list[dict[str, float]]:
    """The set's detection precision and recall when events under each confidence are dropped."""
    if fmt not in CURVE_METRICS:
        return []
    p_key, r_key = CURVE_METRICS[fmt]
    points = []
    for t in CURVE_THRESHOLDS:
        kept = [[v for v in vs if v.get("confidence", 0.5) >= t] for vs in views]
        m, _ = scorer(records, kept)
        points.append({"min_confidence": t, "precision": m[p_key], "recall": m[r_key]})
    return points


# ---------------------------------------------------------------- baselines


def _view(**fields) -> dict:
    base = {"event_type": None, "sub_event_type": None, "confidence": 0.5, "spans": []}
    base.update(fields)
    return base


def baseline_events(gold: GoldFile) -> tuple[list[list[dict]], list[str]]:
    """The trivial prediction for each event set, as event views (docs/evaluation.md)."""
    recs, fmt = gold.records, gold.format
    if fmt == "ucdp":
        golds = [r.get("gold") or {} for r in recs]
        side = {role: majority(a.get("name") for g in golds for a in g.get("actors") or [] if a.get("role") == role)
                for role in ("side_a", "side_b")}
        view = _view(
            ucdp_type=majority(g.get("event_type") for g in golds),
            fatalities=majority(g.get("fatalities") for g in golds if g.get("fatalities") is not None),
            perpetrators=[side["side_a"]] if side["side_a"] else [],
            targets=[side["side_b"]] if side["side_b"] else [],
        )
        preds = []
        for r in recs:
            v = dict(view, date=str(r.get("published"))[:10] if r.get("published") else None)
            v.update(_gazetteer_place(r.get("text") or ""))
            preds.append([v])
        notes = ["baseline: majority type, majority fatality count and majority side A/B, date = publication date, "
                 "place = most populous gazetteer match of the first capitalised name"]
        if not _gazetteer():
            notes.append("baseline location: skipped (conflictwire.geo.gazetteer not available yet)")
        return preds, notes
    if fmt == "plover":
        golds = [r.get("gold") or {} for r in recs]
        t = majority(g.get("event_type") for g in golds)
        m = majority((g.get("sub_event_type") or "").lower() for g in golds if g.get("sub_event_type"))
        return [[_view(plover_type=t, plover_mode=m)] for _ in recs], ["baseline: majority PLOVER type and mode"]
    if fmt == "case2021":
        label = majority((r.get("gold") or {}).get("label") for r in recs)
        return [[_view(case_label=label)] for _ in recs], ["baseline: majority label"]
    if fmt == "petrarch2":
        from .mappings import cameo_root

        root = majority(cameo_root(e.get("event_type")) for r in recs for e in r.get("gold_events") or [])
        return [[_view(cameo_root=root)] for _ in recs], ["baseline: majority CAMEO root for every sentence"]
    if fmt == "ipe":
        return [[] for _ in recs], ["baseline: majority class for every question (no: nothing predicted)"]
    if fmt == "muc34":
        t = majority(e.get("event_type") for r in recs for e in r.get("gold_events") or [])
        relevant = sum(1 for r in recs if r.get("gold_events"))
        if relevant * 2 >= len(recs):
            return [[_view(event_type="Battles", muc_type=t)] for _ in recs], [
                f"baseline: majority class (every message relevant, one {t} incident with no fields)"]
        return [[] for _ in recs], ["baseline: majority class (no message relevant)"]
    if fmt in {"wikievents", "rams"}:
        return [[_view(event_type="Battles", sub_event_type="Armed clash")] for _ in recs], [
            "baseline: one field-less Battles event per document"]
    return [[] for _ in recs], []


_GAZ: list = []


def _gazetteer():
    """The project gazetteer when it is installed, else None (baselines that need it are skipped)."""
    if not _GAZ:
        try:
            from ..geo.gazetteer import open_gazetteer  # type: ignore[import-not-found]

            _GAZ.append(open_gazetteer())
        except Exception:  # not there yet, or cannot load: baselines say so in a note
            _GAZ.append(None)
    return _GAZ[0]


def most_populous(name: str) -> dict:
    """{"lat", "lon", "admin1"} of the most populous gazetteer entry for a name, {} when none."""
    gaz = _gazetteer()
    if gaz is None or not name:
        return {}
    try:
        # Every candidate the gazetteer knows for the name, not just its prior-ranked top ten.
        cands = list(gaz.lookup(name, limit=1000) or [])
    except Exception:  # a name the gazetteer cannot handle gives no baseline place
        return {}
    if not cands:
        return {}
    best = max(cands, key=lambda c: getattr(c, "population", None) or 0)
    return {"lat": getattr(best, "latitude", None), "lon": getattr(best, "longitude", None),
            "admin1": getattr(best, "admin1", None)}


def _gazetteer_place(text: str) -> dict:
    if _gazetteer() is None:
        return {}
    for m in re.finditer(r"\b[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+)*", text):
        hit = most_populous(m.group(0))
        if hit.get("lat") is not None:
            return {**hit, "places": [m.group(0)]}
    return {}


def baseline_toponyms(records: list[dict], options: Options) -> tuple[list[list[dict]], list[list[dict]] | None, list[str]]:
    """spaCy's GPE/LOC/FAC entities as recognised toponyms; every span, found or given, resolved to
    the most populous gazetteer entry of that name (when the gazetteer is there)."""
    from ..nlp import load_spacy

    nlp = load_spacy(options.spacy_model)
    have_gaz = _gazetteer() is not None
    e2e, given = [], []
    texts = [r.get("text") or "" for r in records]
    for rec, doc in zip(records, nlp.pipe(texts, disable=["parser", "lemmatizer", "attribute_ruler", "tagger"])):
        found = []
        for ent in doc.ents:
            if ent.label_ in {"GPE", "LOC", "FAC"}:
                found.append({"start": ent.start_char, "end": ent.end_char, **most_populous(ent.text)})
        e2e.append(found)
        if have_gaz:
            text = rec.get("text") or ""
            given.append([{"start": t["start"], "end": t["end"], **most_populous(text[t["start"]:t["end"]])}
                          for t in gold_toponyms(rec)])
    notes = ["baseline: spaCy GPE/LOC/FAC entities as toponyms, each resolved to the most populous gazetteer entry"]
    if not have_gaz:
        notes.append("baseline resolution: skipped (conflictwire.geo.gazetteer not available yet)")
    return e2e, (given if have_gaz else None), notes


def _drop_resolution(metrics: dict) -> dict:
    return {k: v for k, v in metrics.items() if k.startswith("recognition_")}


# ---------------------------------------------------------------- the whole evaluation


def evaluate_gold(gold: GoldFile, options: Options | None = None, on_record: OnRecord = None) -> EvalResult:
    """Score the pipeline on one gold file, beside the file's trivial baseline."""
    options = options or Options(clean_html_only=True)
    started, cpu_started = time.perf_counter(), time.process_time()
    recs = gold.records
    result = EvalResult(dataset=gold.dataset, task=gold.task, format=gold.format, n=len(recs))
    if gold.bad_lines:
        result.notes.append(f"{len(gold.bad_lines)} lines were not JSON records with a text and were skipped "
                            f"(first: line {gold.bad_lines[0]})")
    result.texts = {str(r.get("id")): r["text"] for r in recs if isinstance(r.get("text"), str)}
    try:
        _score_into(result, gold, options, on_record)
    except Exception as exc:  # a broken stage fails this dataset, not the whole --all run
        log.exception("evaluation of %s failed", gold.dataset)
        result.metrics, result.baseline, result.reference = {}, {}, {}
        result.failed = f"{type(exc).__name__}: {exc}"
        result.notes.append(f"evaluation failed: {result.failed}")
    result.seconds = time.perf_counter() - started
    # CPU time of this process: on a shared machine, wall time says more about the neighbours.
    result.cpu_seconds = time.process_time() - cpu_started
    return result


def _score_into(result: EvalResult, gold: GoldFile, options: Options, on_record: OnRecord) -> None:
    recs = gold.records
    if gold.task == "events":
        scorer = event_scorers.SCORERS[gold.format]
        if gold.format in ONE_EVENT_TEXTS:
            options = options.model_copy(update={"one_event_per_text": True})
        predicted, notes = predict_events(recs, options, on_record)
        result.notes += notes
        views = [events_view(evs) for evs in predicted]
        if gold.format in ONE_EVENT_TEXTS:
            views = one_event_views(recs, views, options)
            result.notes.append(ONE_EVENT_TEXTS[gold.format])
        if gold.format in CLAUSE_CODED:
            views = clause_coded_views(gold.format, recs, views, options)
            result.notes.append(CLAUSE_CODED[gold.format])
        result.metrics, result.diagnostics = scorer(recs, views)
        result.curve = confidence_curve(gold.format, scorer, recs, views)
        result.cross_validated = cross_validated_by_dataset().get(gold.dataset)
        if result.cross_validated is not None:
            result.notes.append("the events model was trained on this split: these figures are on training data; "
                                "see cross_validated for its k-fold figures")
        base_preds, base_notes = baseline_events(gold)
        result.baseline, _ = scorer(recs, base_preds)
        if gold.format == "ucdp" and _gazetteer() is None:
            result.baseline = {k: v for k, v in result.baseline.items()
                               if not k.startswith(("location_", "admin1"))}
        result.notes += base_notes
    elif gold.task == "toponyms":
        e2e, e2e_demonyms, given, notes = predict_toponyms(recs, options, on_record)
        result.notes += notes
        result.metrics, result.diagnostics = score_toponyms(recs, e2e, given, e2e_demonyms=e2e_demonyms)
        b_e2e, b_given, b_notes = baseline_toponyms(recs, options)
        base, _ = score_toponyms(recs, b_e2e, b_given)
        result.baseline = base if b_given is not None else _drop_resolution(base)
        result.notes += b_notes
    elif gold.task == "time":
        preds, notes = predict_timexes(recs, on_record)
        result.notes += notes
        result.metrics, result.diagnostics = score_time(recs, preds)
        result.baseline, _ = score_time(recs, [baseline_timexes(r.get("text") or "", r.get("dct")) for r in recs])
        result.notes.append("baseline: month/weekday/year/today patterns, each valued as the document date")
    elif gold.task == "clean":
        ours, theirs, raw, notes = predict_clean(recs, on_record)
        result.notes += notes
        result.metrics, result.diagnostics = score_clean(recs, ours)
        result.reference["trafilatura"], _ = score_clean(recs, theirs)
        result.baseline, _ = score_clean(recs, raw)
        result.notes.append("baseline: all text of the page (scripts and styles dropped); "
                            "reference: trafilatura.extract scored by the same code")
    else:
        result.notes.append(f"not scored: {gold.format} is an entity/relation set and no conflictwire task maps to it")


def evaluate_file(path: Path, task: str | None = None, limit: int | None = None,
                  options: Options | None = None, on_record: OnRecord = None) -> EvalResult:
    return evaluate_gold(load_gold(Path(path), task, limit), options, on_record)


def gold_files(directory: Path) -> list[Path]:
    """The gold files under a directory: <set>/dev.jsonl in the shared layout, else every .jsonl."""
    directory = Path(directory)
    found = sorted(directory.glob("*/dev.jsonl"))
    return found or sorted(directory.glob("*.jsonl"))
