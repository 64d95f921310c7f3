"""Scorer for the article-extraction benchmark: our extracted body against the ground truth.

Shingle P/R/F1 follows the benchmark's own evaluate.py (scrapinghub/article-extraction-benchmark):
4-token shingles with counts, each page's TP/FP/FN normalised to sum 1, precision averaged over the
pages that predicted something, recall over the pages with ground truth, F1 from the two means.
Token P/R/F1 is the same computation with single tokens. Definitions: docs/evaluation.md.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter

_TOKEN = re.compile(r"\w+", re.UNICODE)


def tokens(text: str | None) -> list[str]:
    return _TOKEN.findall(text or "")


def shingles(text: str | None, n: int) -> Counter:
    toks = tokens(text)
    grams = [tuple(toks[i : i + n]) for i in range(max(1, len(toks) - n + 1))]
    return Counter(g for g in grams if g)


def page_counts(true: str | None, pred: str | None, n: int) -> tuple[float, float, float]:
    t, p = shingles(true, n), shingles(pred, n)
    tp = sum((t & p).values())
    fp = sum((p - t).values())
    fn = sum((t - p).values())
    s = tp + fp + fn
    return (tp / s, fp / s, fn / s) if s else (0.0, 0.0, 0.0)


def _precision(tp, fp, fn):
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fp == 0 else tp / (tp + fp)


def _recall(tp, fp, fn):
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fn == 0 else tp / (tp + fn)


def prf_from_pages(counts: list[tuple[float, float, float]]) -> dict[str, float]:
    ps = [_precision(*c) for c in counts if c[0] + c[1] > 0]
    rs = [_recall(*c) for c in counts if c[0] + c[2] > 0]
    p = statistics.fmean(ps) if ps else 0.0
    r = statistics.fmean(rs) if rs else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def score_clean(records: list[dict], texts: list[str | None]) -> tuple[dict, list[dict]]:
    shingle_counts = [page_counts(r.get("text"), t, 4) for r, t in zip(records, texts)]
    token_counts = [page_counts(r.get("text"), t, 1) for r, t in zip(records, texts)]
    metrics = {f"shingle_{k}": v for k, v in prf_from_pages(shingle_counts).items()}
    metrics.update({f"token_{k}": v for k, v in prf_from_pages(token_counts).items()})
    metrics["exact_match"] = statistics.fmean(
        float(tokens(r.get("text")) == tokens(t)) for r, t in zip(records, texts)
    ) if records else 0.0
    diags = []
    for rec, text, (tp, fp, fn) in zip(records, texts, shingle_counts):
        diags.append({
            "id": rec.get("id"),
            "loss": fp + fn,
            "gold": {"url": (rec.get("meta") or {}).get("url"), "text_start": (rec.get("text") or "")[:300]},
            "ours": {"text_start": (text or "")[:300], "shingle_tp_fp_fn": [round(tp, 3), round(fp, 3), round(fn, 3)]},
        })
    return metrics, diags


def html_text(html: str) -> str:
    """The raw-text baseline: every text node of the page, scripts and styles dropped."""
    import lxml.html

    try:
        root = lxml.html.fromstring(html)
    except Exception:  # an unparsable page gives the empty baseline, not a crash
        return ""
    for bad in root.xpath("//script|//style|//noscript"):
        bad.drop_tree()
    return root.text_content()
