"""Metric arithmetic shared by every scorer: counts to P/R/F1, label metrics, spans, distances, names.

Nothing here knows a dataset; the scorers turn gold and predictions into counts and call these.
Every definition is written out in docs/evaluation.md.
"""

from __future__ import annotations

import math
import re
import statistics
import unicodedata
from collections import Counter
from collections.abc import Hashable, Iterable, Sequence

# Half the Earth's circumference: the largest possible error, given to a toponym we did not resolve
# (as in Gritta et al. 2018, whose AUC normalises by ln of this number).
MAX_ERROR_KM = 20039.0
EARTH_RADIUS_KM = 6371.0088


def safe_div(num: float, den: float) -> float:
    return num / den if den else 0.0


def prf(tp: float, fp: float, fn: float) -> dict[str, float]:
    """Precision, recall and F1 from counts; 0 where a denominator is 0."""
    p = safe_div(tp, tp + fp)
    r = safe_div(tp, tp + fn)
    return {"precision": p, "recall": r, "f1": safe_div(2 * p * r, p + r)}


def f1_of(p: float, r: float) -> float:
    return safe_div(2 * p * r, p + r)


# ---------------------------------------------------------------- labels


def accuracy(gold: Sequence[Hashable], pred: Sequence[Hashable | None]) -> float:
    return safe_div(sum(1 for g, p in zip(gold, pred) if g == p), len(gold))


def per_class_f1(gold: Sequence[Hashable], pred: Sequence[Hashable | None]) -> dict[Hashable, dict[str, float]]:
    """P/R/F1 and support of every gold class (a prediction of a class absent from gold is only a FP)."""
    out = {}
    for label in sorted(set(gold), key=str):
        tp = sum(1 for g, p in zip(gold, pred) if g == label and p == label)
        fp = sum(1 for g, p in zip(gold, pred) if g != label and p == label)
        fn = sum(1 for g, p in zip(gold, pred) if g == label and p != label)
        out[label] = {**prf(tp, fp, fn), "support": tp + fn}
    return out


def macro_f1(gold: Sequence[Hashable], pred: Sequence[Hashable | None]) -> float:
    """Unweighted mean of the F1 of every class that occurs in gold."""
    scores = per_class_f1(gold, pred)
    return statistics.fmean(s["f1"] for s in scores.values()) if scores else 0.0


def weighted_f1(gold: Sequence[Hashable], pred: Sequence[Hashable | None]) -> float:
    """Mean of per-class F1 weighted by gold support (scikit-learn's average='weighted')."""
    scores = per_class_f1(gold, pred)
    total = sum(s["support"] for s in scores.values())
    return safe_div(sum(s["f1"] * s["support"] for s in scores.values()), total)


def majority(values: Iterable[Hashable]) -> Hashable | None:
    """The most frequent value (ties broken by first occurrence), None for no values."""
    counts = Counter(values)
    return counts.most_common(1)[0][0] if counts else None


def binary_prf(gold: Sequence[bool], pred: Sequence[bool]) -> dict[str, float]:
    tp = sum(1 for g, p in zip(gold, pred) if g and p)
    fp = sum(1 for g, p in zip(gold, pred) if not g and p)
    fn = sum(1 for g, p in zip(gold, pred) if g and not p)
    return prf(tp, fp, fn)


def example_f1(gold_sets: Sequence[set], pred_sets: Sequence[set]) -> float:
    """Mean over examples of 2|G∩P|/(|G|+|P|); an example with both sets empty scores 1."""
    scores = []
    for g, p in zip(gold_sets, pred_sets):
        scores.append(1.0 if not g and not p else 2 * len(g & p) / (len(g) + len(p)))
    return statistics.fmean(scores) if scores else 0.0


# ---------------------------------------------------------------- spans


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """True when two half-open character spans share at least one character."""
    return a[0] < b[1] and b[0] < a[1]


def match_spans(
    gold: Sequence[tuple[int, int]], pred: Sequence[tuple[int, int]], *, strict: bool
) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, pred index): exact boundaries when strict, else any overlap.

    Overlap pairs are taken greedily by overlap length, longest first, so one long prediction
    cannot claim two gold spans."""
    if strict:
        where = {}
        for j, span in enumerate(pred):
            where.setdefault(tuple(span), j)
        return [(i, where[tuple(g)]) for i, g in enumerate(gold) if tuple(g) in where]
    candidates = []
    for i, g in enumerate(gold):
        for j, p in enumerate(pred):
            if overlaps(g, p):
                candidates.append((min(g[1], p[1]) - max(g[0], p[0]), i, j))
    return greedy_one_to_one(candidates)


def greedy_one_to_one(candidates: list[tuple[float, int, int]]) -> list[tuple[int, int]]:
    """One-to-one (gold, pred) pairs from (weight, gold index, pred index) candidates, taken greedily
    by weight, highest first, ties in document order."""
    used_g, used_p, pairs = set(), set(), []
    for _, i, j in sorted(candidates, key=lambda c: (-c[0], c[1], c[2])):
        if i not in used_g and j not in used_p:
            used_g.add(i)
            used_p.add(j)
            pairs.append((i, j))
    return sorted(pairs)


# ---------------------------------------------------------------- distances


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def error_stats(errors_km: Sequence[float]) -> dict[str, float]:
    """The geoparsing literature's resolution measures over a list of errors in km.

    acc@161: share of errors <= 161 km (100 miles). AUC (Gritta et al. 2018): the area under the
    curve of sorted errors scaled as ln(1 + e) / ln(20039), x running over [0, 1] (trapezoidal rule);
    0 is perfect, 1 is every toponym at the far side of the Earth."""
    if not errors_km:
        return {"acc@161": 0.0, "median_km": 0.0, "mean_km": 0.0, "auc": 0.0}
    errs = sorted(min(MAX_ERROR_KM, max(0.0, e)) for e in errors_km)
    scaled = [math.log1p(e) / math.log1p(MAX_ERROR_KM) for e in errs]
    if len(scaled) == 1:
        auc = scaled[0]
    else:
        auc = sum((a + b) / 2 for a, b in zip(scaled, scaled[1:])) / (len(scaled) - 1)
    return {
        "acc@161": sum(1 for e in errs if e <= 161.0) / len(errs),
        "median_km": statistics.median(errs),
        "mean_km": statistics.fmean(errs),
        "auc": auc,
    }


# ---------------------------------------------------------------- names

_ARTICLES = {"the", "a", "an", "el", "la", "los", "las"}
_STATE_FORMS = re.compile(r"^(?:military|police|armed|security) forces of (.+?)$|^government of (.+?)$")
_PAREN = re.compile(r"\([^)]*\)")


def normalise_name(name: str | None) -> str:
    """Case, accents, punctuation, brackets and leading articles removed; state forces named as a
    government ('Military Forces of Mexico (2018-)' and 'Government of Mexico' both give
    'government of mexico'), so ACLED-style and UCDP-style names of the same state compare equal."""
    if not name:
        return ""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = _PAREN.sub(" ", text).replace("&", " and ")
    text = re.sub(r"[^\w\s]", " ", text)
    words = text.split()
    while words and words[0] in _ARTICLES:
        words = words[1:]
    text = " ".join(words)
    m = _STATE_FORMS.match(text)
    if m:
        text = "government of " + (m.group(1) or m.group(2))
    return text


def _initials(norm: str) -> str:
    return "".join(w[0] for w in norm.split() if w not in {"of", "and", "for", "de", "del"})


def names_match(a: str | None, b: str | None) -> bool:
    """Do two actor or place names denote the same thing, after normalise_name?

    Equal; or the words of one are all among the words of the other (Sinaloa ~ Sinaloa Cartel);
    or one is the acronym of the other (ASG ~ Abu Sayyaf Group)."""
    na, nb = normalise_name(a), normalise_name(b)
    if not na or not nb:
        return False
    if na == nb:
        return True
    wa, wb = set(na.split()), set(nb.split())
    generic = {
        "government", "of", "forces", "group", "and", "people", "men", "man", "state", "province",
        "department", "governorate", "region", "municipality", "district", "town", "village", "city",
    }
    if (wa <= wb or wb <= wa) and (min(wa, wb, key=len) - generic):
        return True
    for short, long in ((na, nb), (nb, na)):
        if " " not in short and len(short) >= 2 and " " in long and short == _initials(long):
            return True
    return False


def any_name_matches(candidates: Iterable[str | None], golds: Iterable[str | None]) -> bool:
    golds = [g for g in golds if g]
    return any(names_match(c, g) for c in candidates if c for g in golds)


def mean(values: Iterable[float]) -> float:
    values = list(values)
    return statistics.fmean(values) if values else 0.0
