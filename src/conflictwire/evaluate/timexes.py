"""Scorer for TempEval-3: time-expression recognition (strict and relaxed) and value normalisation.

Predictions are dicts {"start", "end", "value", "type"} per document. Definitions: docs/evaluation.md.
"""

from __future__ import annotations

import re

from .metrics import match_spans, prf, safe_div


def score_time(records: list[dict], preds: list[list[dict]]) -> tuple[dict, list[dict]]:
    strict = [0, 0, 0]
    relaxed = [0, 0, 0]
    value_ok = type_ok = 0
    diags = []
    for rec, pred in zip(records, preds):
        gold = rec.get("timexes") or []
        gspans = [(t["start"], t["end"]) for t in gold]
        pspans = [(p["start"], p["end"]) for p in pred]
        n_strict = len(match_spans(gspans, pspans, strict=True))
        pairs = match_spans(gspans, pspans, strict=False)
        for c, n in ((strict, n_strict), (relaxed, len(pairs))):
            c[0] += n
            c[1] += len(pred) - n
            c[2] += len(gold) - n
        wrong = []
        for i, j in pairs:
            if str(pred[j].get("value")) == str(gold[i].get("value")):
                value_ok += 1
            else:
                wrong.append({"text": gold[i].get("text"), "gold": gold[i].get("value"), "ours": pred[j].get("value")})
            type_ok += pred[j].get("type") == gold[i].get("type")
        matched = {i for i, _ in pairs}
        missed = [t.get("text") for i, t in enumerate(gold) if i not in matched]
        diags.append({
            "id": rec.get("id"),
            "loss": float(len(missed) + len(wrong) + len(pred) - len(pairs)),
            "gold": {"dct": rec.get("dct"), "missed": missed, "wrong_value": wrong},
            "ours": [{"text": (rec.get("text") or "")[p["start"]:p["end"]], "value": p.get("value")} for p in pred],
        })
    metrics = {}
    for name, c in (("strict", strict), ("relaxed", relaxed)):
        for k, v in prf(*c).items():
            metrics[f"{name}_{k}"] = v
    n_pred, n_gold = relaxed[0] + relaxed[1], relaxed[0] + relaxed[2]
    metrics["value_accuracy"] = safe_div(value_ok, relaxed[0])
    metrics["value_f1"] = prf(value_ok, n_pred - value_ok, n_gold - value_ok)["f1"]
    metrics["type_accuracy"] = safe_div(type_ok, relaxed[0])
    return metrics, diags


# The DCT-only baseline: obvious date words found by a pattern, each given the document's date.
_MONTHS = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DAYS = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
BASELINE_TIMEX = re.compile(
    rf"\b(?:today|yesterday|tomorrow|now|{_DAYS}|{_MONTHS}\s+\d{{1,2}}(?:,\s*\d{{4}})?|{_MONTHS}\s+\d{{4}}|(?:19|20)\d{{2}})\b",
    re.IGNORECASE,
)


def baseline_timexes(text: str, dct: str | None) -> list[dict]:
    value = (dct or "")[:10] or None
    return [{"start": m.start(), "end": m.end(), "value": value, "type": "DATE"} for m in BASELINE_TIMEX.finditer(text)]
