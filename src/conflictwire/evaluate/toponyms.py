"""Scorer for the toponym sets (LGL, TR-News, GeoWebNews, GeoVirus): recognition and resolution.

Predictions are dicts {"start", "end", "lat", "lon"} per document (adapters build them from Toponym
records; baselines build them directly). Definitions: docs/evaluation.md.
"""

from __future__ import annotations

from .metrics import MAX_ERROR_KM, error_stats, haversine_km, match_spans, prf

Preds = list[dict]


def gold_toponyms(rec: dict) -> list[dict]:
    """Gold toponyms with usable offsets (a few GeoWebNews annotations have none)."""
    return [t for t in rec.get("toponyms") or [] if t.get("start") is not None and t.get("end") is not None]


def _error(gold: dict, pred: dict | None) -> float:
    if pred is None or pred.get("lat") is None or pred.get("lon") is None:
        return MAX_ERROR_KM
    return haversine_km(gold["lat"], gold["lon"], pred["lat"], pred["lon"])


def resolution_errors(gold: list[dict], pred: Preds, *, exact_first: bool, strict: bool = False) -> list[float]:
    """Error in km for every gold toponym with coordinates; unmatched or unresolved -> MAX_ERROR_KM.

    Gold and predicted toponyms are paired one to one by span overlap (exact spans first when the
    gold spans were given to the resolver); with ``strict``, only a prediction with exactly the gold
    span pairs with it (the issue's end-to-end protocol: "strict span match")."""
    gspans = [(t["start"], t["end"]) for t in gold]
    pspans = [(p["start"], p["end"]) for p in pred]
    pairs = dict(match_spans(gspans, pspans, strict=True)) if exact_first or strict else {}
    rest_g = [i for i in range(len(gold)) if i not in pairs]
    rest_p = [j for j in range(len(pred)) if j not in set(pairs.values())]
    for a, b in ([] if strict else match_spans([gspans[i] for i in rest_g], [pspans[j] for j in rest_p], strict=False)):
        pairs[rest_g[a]] = rest_p[b]
    errors = []
    for i, t in enumerate(gold):
        if t.get("lat") is None or t.get("lon") is None:
            continue
        errors.append(_error(t, pred[pairs[i]] if i in pairs else None))
    return errors


def _count_recognition(counts: dict[str, list[int]], gspans: list[tuple[int, int]], pred: Preds) -> list[tuple[int, int]]:
    """Add one document's true positives, false positives and misses, strict and overlapping; return
    the predicted spans."""
    pspans = [(p["start"], p["end"]) for p in pred]
    for mode in ("strict", "overlap"):
        n = len(match_spans(gspans, pspans, strict=mode == "strict"))
        c = counts[mode]
        c[0] += n
        c[1] += len(pspans) - n
        c[2] += len(gspans) - n
    return pspans


def score_toponyms(
    records: list[dict], e2e: list[Preds] | None, given: list[Preds] | None,
    *, e2e_demonyms: list[Preds] | None = None,
) -> tuple[dict, list[dict]]:
    """Recognition P/R/F1 (strict and overlap) and resolution measures end to end from ``e2e``;
    resolution with the gold spans given from ``given``; the end-to-end measures again, prefixed
    ``e2e_demonyms_``, from ``e2e_demonyms`` (demonyms output as references to their country). Any
    may be None (not run). ``located_n`` counts the gold toponyms with coordinates (every resolution
    figure is over them), so figures of several sets pool as a weighted mean."""
    counts = {"strict": [0, 0, 0], "overlap": [0, 0, 0]}
    demonym_counts = {"strict": [0, 0, 0], "overlap": [0, 0, 0]}
    errs_e2e: list[float] = []
    errs_e2e_strict: list[float] = []
    errs_demonyms: list[float] = []
    errs_demonyms_strict: list[float] = []
    errs_given: list[float] = []
    diags = []
    for k, rec in enumerate(records):
        gold = gold_toponyms(rec)
        gspans = [(t["start"], t["end"]) for t in gold]
        if e2e_demonyms is not None:
            _count_recognition(demonym_counts, gspans, e2e_demonyms[k])
            errs_demonyms += resolution_errors(gold, e2e_demonyms[k], exact_first=False)
            errs_demonyms_strict += resolution_errors(gold, e2e_demonyms[k], exact_first=False, strict=True)
        loss = 0.0
        missed: list[str] = []
        far: list[dict] = []
        if e2e is not None:
            pred = e2e[k]
            pspans = _count_recognition(counts, gspans, pred)
            doc_errs = resolution_errors(gold, pred, exact_first=False)
            errs_e2e += doc_errs
            errs_e2e_strict += resolution_errors(gold, pred, exact_first=False, strict=True)
            matched = {i for i, _ in match_spans(gspans, pspans, strict=False)}
            missed = [t["name"] for i, t in enumerate(gold) if i not in matched]
            loss += len(missed) + sum(1 for e in doc_errs if e > 161)
        if given is not None:
            doc_errs = resolution_errors(gold, given[k], exact_first=True)
            errs_given += doc_errs
            located = [t for t in gold if t.get("lat") is not None]
            far = [{"name": t["name"], "km_off": round(e)} for t, e in zip(located, doc_errs) if e > 161]
            loss += len(far)
        diags.append({
            "id": rec.get("id"),
            "loss": loss,
            "gold": [{"name": t.get("name"), "start": t["start"], "lat": t.get("lat"), "lon": t.get("lon")} for t in gold],
            "ours": {
                "found": [{"text": (rec.get("text") or "")[p["start"]:p["end"]], "lat": p.get("lat"), "lon": p.get("lon")}
                          for p in (e2e[k] if e2e is not None else [])],
                "missed": missed,
                "far_with_gold_spans": far,
            },
        })
    metrics: dict[str, float] = {"located_n": float(sum(
        1 for rec in records for t in gold_toponyms(rec) if t.get("lat") is not None and t.get("lon") is not None))}
    if e2e is not None:
        for mode, (tp, fp, fn) in counts.items():
            for name, value in prf(tp, fp, fn).items():
                metrics[f"recognition_{mode}_{name}"] = value
        metrics.update({f"e2e_{k}": v for k, v in error_stats(errs_e2e).items()})
        metrics["e2e_strict_acc@161"] = error_stats(errs_e2e_strict)["acc@161"]
    if e2e_demonyms is not None:
        metrics.update({f"e2e_demonyms_{k}": v for k, v in error_stats(errs_demonyms).items()})
        metrics["e2e_demonyms_strict_acc@161"] = error_stats(errs_demonyms_strict)["acc@161"]
        for mode, (tp, fp, fn) in demonym_counts.items():
            metrics[f"recognition_demonyms_{mode}_f1"] = prf(tp, fp, fn)["f1"]
    if given is not None:
        metrics.update({f"given_{k}": v for k, v in error_stats(errs_given).items()})
    return metrics, diags
