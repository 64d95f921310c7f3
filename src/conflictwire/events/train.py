"""Train the events stage's linear heads from the gold dev splits, and score them by cross-validation.

``conflictwire train --gold DIR`` runs :func:`train`: it parses the gold texts with the nlp stage,
finds event candidates with the trigger lexicon, builds sentence examples per head, prints k-fold
cross-validated figures (folds grouped by document, so no document is in both train and test), then
fits every head on all examples and writes ``events/data/heads.npz``. Fixed seed, sorted inputs: the
same gold data gives the same model and the same figures.

Heads and their examples (mappings documented in docs/ontology.md):
- ``type``: ACLED sub-event type of a sentence. case2021_task2 snippets (its five non-ACLED labels kept
  as ``other:*`` classes, which the stage reads as "not an ACLED event"), plus RAMS examples whose
  event type maps to an ACLED sub-event type (training only). Scored on case2021_task2.
- ``plover``: PLOVER event type. plover_gsr sentences, plus case2021 ACLED snippets mapped through the
  ontology table (training only). Scored on plover_gsr.
- ``event``: is a candidate sentence (one the lexicon proposes and the status check keeps) a report of
  a real event? case2021 (ACLED label or not), ucdp_ged_headlines (all lethal events), plover_gsr
  (violent, protest and arrest types against statements, threats and demands), india_police_events
  (candidates suggesting police action, labelled by whether annotators found one) and muc34 (candidates
  of violent types, labelled by whether the message reports a terrorist incident). Scored on all.

scikit-learn is needed here only (``pip install conflictwire[train]``); the stage scores with numpy.
"""

from __future__ import annotations

import json
import math
import random
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from .ontology import from_case2021, kind_of, sub_event_types

SEED = 13
FOLDS = 5
MIN_DF = 2
MAX_VOCAB = 8000
C_BY_HEAD = {"type": 8.0, "plover": 8.0, "event": 1.0}

RAMS_TO_ACLED = {
    "conflict.attack.selfdirectedbattle": "Armed clash",
    "conflict.attack.bombing": "Remote explosive/landmine/IED",
    "conflict.attack.airstrikemissilestrike": "Air/drone strike",
    "conflict.attack.biologicalchemicalpoisonattack": "Chemical weapon",
    "conflict.attack.stealrobhijack": "Looting/property destruction",
    "conflict.attack.stabbing": "Attack",
    "conflict.attack.hanging": "Attack",
    "conflict.attack.strangling": "Attack",
    "conflict.attack.firearmattack": "Attack",
    "conflict.yield.retreat": "Non-violent transfer of territory",
    "conflict.demonstrate.marchprotestpoliticalgathering": "Peaceful protest",
    "conflict.demonstrate.n/a": "Peaceful protest",
    "justice.arrestjaildetain.arrestjaildetain": "Arrests",
    "justice.arrestjaildetain.n/a": "Arrests",
    "government.agreements.acceptagreementcontractceasefire": "Agreement",
    "artifactexistence.damagedestroy.destroy": "Looting/property destruction",
}
PLOVER_EVENTS = {"ASSAULT", "FIGHT", "PROTEST", "COERCE"}
POLICE_TYPES = {"Arrests", "Protest with intervention", "Excessive force against protesters", "Attack", "Armed clash"}
MUC_TYPES = {"Explosions/Remote violence", "Violence against civilians", "Battles"}


@dataclass
class Examples:
    texts: list[str] = field(default_factory=list)
    triggers: list[list[tuple[str, float]]] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    groups: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    scored: list[bool] = field(default_factory=list)  # scored in cross-validation (else training only)

    def add(self, text, triggers, label, group, source, scored=True):
        self.texts.append(text)
        self.triggers.append(triggers)
        self.labels.append(label)
        self.groups.append(group)
        self.sources.append(source)
        self.scored.append(scored)


def _read(gold: Path, name: str, exclude: tuple[str, ...] = ()) -> list[dict]:
    path = gold / name / "dev.jsonl"
    if name in exclude:
        return []
    if not path.is_file():
        return []
    with open(path, encoding="utf-8") as fh:
        return sorted((json.loads(line) for line in fh if line.strip()), key=lambda r: r["id"])


def _parse_all(records: list[dict], options, parsed=None):
    """Articles with sentences and Doc (``parsed`` lets a caller hand in cached parses by id)."""
    from ..nlp import analyse
    from ..schema import Article

    out = []
    for r in records:
        if parsed is not None and r["id"] in parsed:
            out.append(parsed[r["id"]])
            continue
        art = Article(id=r["id"], raw_text=r["text"], published=r.get("published"))
        out.append(analyse(art, options))
    return out


def _sentence_triggers(article) -> list[tuple[object, list[tuple[str, float]]]]:
    """(sentence Span, lexicon votes) for every sentence of a parsed article."""
    from .detect import find_triggers

    out = []
    for s in article.sentences:
        sent = article._doc.char_span(s.start, s.end, alignment_mode="expand")
        if sent is None:
            continue
        out.append((s, [(r.sub_event_type, r.weight) for r, _ in find_triggers(sent)]))
    return out


def _whole_text_votes(article) -> list[tuple[str, float]]:
    return [v for _, votes in _sentence_triggers(article) for v in votes]


def build_examples(gold: Path, options, parsed=None, log=print, exclude: tuple[str, ...] = ()) -> dict[str, Examples]:
    """Sentence examples of every head from the gold dev splits under ``gold``."""
    from .detect import find_candidates

    heads = {"type": Examples(), "plover": Examples(), "event": Examples()}

    case = _read(gold, "case2021_task2", exclude)
    for art, r in zip(_parse_all(case, options, parsed), case):
        votes = _whole_text_votes(art)
        kind = from_case2021(r["gold"]["label"])
        heads["type"].add(r["text"], votes, kind.sub_event_type if kind else "other:" + r["gold"]["label"], r["id"], "case2021_task2")
        if kind and kind.plover_type:
            heads["plover"].add(r["text"], votes, kind.plover_type, r["id"], "case2021_task2", scored=False)
        heads["event"].add(r["text"], votes, "1" if kind else "0", r["id"], "case2021_task2")
    log(f"case2021_task2: {len(case)} snippets")

    rams = [r for r in _read(gold, "rams", exclude) if r["gold"]["event_type"] in RAMS_TO_ACLED]
    for art, r in zip(_parse_all([{**r, "text": _trigger_sentence(r)} for r in rams], options, None), rams):
        heads["type"].add(art.text, _whole_text_votes(art), RAMS_TO_ACLED[r["gold"]["event_type"]], r["id"], "rams", scored=False)
    log(f"rams: {len(rams)} mapped examples (training only)")

    own = project_sentences()
    for art, (label, text) in zip(_parse_all([{"id": f"own-{i}", "text": t} for i, (_, t) in enumerate(own)], options), own):
        votes = _whole_text_votes(art)
        heads["type"].add(text, votes, label, art.id, "project", scored=False)
        if not label.startswith("other:") and kind_of(label).plover_type:
            heads["plover"].add(text, votes, kind_of(label).plover_type, art.id, "project", scored=False)
    log(f"project sentences: {len(own)} (training only)")

    plover = _read(gold, "plover_gsr", exclude)
    for art, r in zip(_parse_all(plover, options, parsed), plover):
        votes = _whole_text_votes(art)
        heads["plover"].add(r["text"], votes, r["gold"]["event_type"], r["id"], "plover_gsr")
        if votes:
            heads["event"].add(r["text"], votes, "1" if r["gold"]["event_type"] in PLOVER_EVENTS else "0", r["id"], "plover_gsr")
    log(f"plover_gsr: {len(plover)} sentences")

    ucdp = _read(gold, "ucdp_ged_headlines", exclude)
    rng = random.Random(SEED)
    ucdp = sorted(rng.sample(ucdp, min(600, len(ucdp))), key=lambda r: r["id"])
    for art, r in zip(_parse_all(ucdp, options, parsed), ucdp):
        votes = _whole_text_votes(art)
        if votes:
            heads["event"].add(r["text"], votes, "1", r["id"], "ucdp_ged_headlines")
    log(f"ucdp_ged_headlines: {len(ucdp)} headlines sampled")

    ipe = _read(gold, "india_police_events", exclude)
    n_ipe = 0
    for art, r in zip(_parse_all(ipe, options, parsed), ipe):
        labelled = [s for s in r["gold"].get("sentences") or [] if s.get("labels")]
        cands, _ = find_candidates(art, art._doc)
        for c in cands:
            if c.sub_event_type not in POLICE_TYPES or "police" not in c.sentence.text.lower():
                continue
            hit = any(_overlap(c.sentence.text, s["text"]) for s in labelled)
            heads["event"].add(c.sentence.text, c.trigger_votes, "1" if hit else "0", r["id"], "india_police_events")
            n_ipe += 1
    log(f"india_police_events: {n_ipe} police candidate sentences")

    muc = _read(gold, "muc34", exclude)
    n_muc = 0
    for art, r in zip(_parse_all(muc, options, parsed), muc):
        relevant = bool(r.get("gold_events"))
        cands, _ = find_candidates(art, art._doc)
        for c in cands:
            if kind_of(c.sub_event_type).event_type not in MUC_TYPES:
                continue
            heads["event"].add(c.sentence.text, c.trigger_votes, "1" if relevant else "0", r["id"], "muc34")
            n_muc += 1
    log(f"muc34: {n_muc} violent candidate sentences")
    return heads


def project_sentences() -> list[tuple[str, str]]:
    """(label, text) of the training sentences the project wrote (``data/train_sentences.tsv``)."""
    from importlib import resources

    text = resources.files("conflictwire.events").joinpath("data/train_sentences.tsv").read_text(encoding="utf-8")
    rows = [line.split("\t", 1) for line in text.splitlines() if line and not line.startswith("#")]
    return [(label, sentence) for label, sentence in rows[1:]]


def _trigger_sentence(record: dict) -> str:
    """The sentence of a RAMS record's trigger (RAMS text is tokenised, sentences end with ' . ')."""
    text, trig = record["text"], record["gold"]["trigger"]
    start = text.rfind(" . ", 0, trig["start"])
    end = text.find(" . ", trig["end"])
    return text[start + 3 if start >= 0 else 0 : end + 2 if end >= 0 else len(text)].strip()


def _overlap(a: str, b: str) -> bool:
    wa, wb = set(a.lower().split()), set(b.lower().split())
    return len(wa & wb) >= 0.6 * min(len(wa), len(wb))


# --------------------------------------------------------------------------------------------- fitting


def fit_vocab(texts: list[str]) -> tuple[dict[str, int], np.ndarray]:
    from .classify import tokens

    df = Counter()
    for t in texts:
        df.update(set(tokens(t)))
    terms = sorted((t for t, c in df.items() if c >= MIN_DF), key=lambda t: (-df[t], t))[:MAX_VOCAB]
    terms.sort()
    vocab = {t: i for i, t in enumerate(terms)}
    n = len(texts)
    idf = np.array([math.log((1 + n) / (1 + df[t])) + 1 for t in terms], dtype=np.float32)
    return vocab, idf


def _matrix(texts, triggers, vocab, idf, emb):
    from scipy.sparse import csr_matrix, hstack

    from .classify import lexicon_votes, tfidf_rows

    rows = tfidf_rows(texts, vocab, idf)
    indptr = np.cumsum([0] + [len(ids) for ids, _ in rows])
    indices = np.concatenate([ids for ids, _ in rows]) if rows else np.zeros(0, dtype=np.int64)
    data = np.concatenate([vals for _, vals in rows]) if rows else np.zeros(0, dtype=np.float32)
    tfidf = csr_matrix((data, indices, indptr), shape=(len(texts), len(vocab)))
    blocks = [tfidf]
    if emb is not None:
        blocks.append(csr_matrix(emb))
    blocks.append(csr_matrix(lexicon_votes(triggers)))
    return hstack(blocks).tocsr()


def fit_head(name, texts, triggers, labels, emb):
    """Fit one head on these examples; its TF-IDF vocabulary is fitted on the same texts."""
    from sklearn.linear_model import LogisticRegression

    from .classify import Head

    vocab, idf = fit_vocab(texts)
    X = _matrix(texts, triggers, vocab, idf, emb)
    clf = LogisticRegression(C=C_BY_HEAD[name], max_iter=3000, class_weight="balanced", random_state=SEED)
    clf.fit(X, labels)
    classes = [str(c) for c in clf.classes_]
    coef, bias = clf.coef_, clf.intercept_
    v = len(vocab)
    e = emb.shape[1] if emb is not None else 0
    return Head(classes, vocab, idf, coef[:, :v], coef[:, v : v + e] if e else None, coef[:, v + e :], bias)


def _proba(head, texts, triggers, emb):
    from .classify import lexicon_votes

    return head.proba(texts, emb, lexicon_votes(triggers), calibrated=False)


def cross_validate(name: str, ex: Examples, emb) -> tuple[np.ndarray, list[int]]:
    """Out-of-fold probabilities for the scored examples (folds grouped by document)."""
    from sklearn.model_selection import GroupKFold

    idx_scored = [i for i, s in enumerate(ex.scored) if s]
    idx_extra = [i for i, s in enumerate(ex.scored) if not s]
    groups = [ex.groups[i] for i in idx_scored]
    oof: dict[int, np.ndarray] = {}
    classes_all = sorted(set(ex.labels))
    for train_pos, test_pos in GroupKFold(n_splits=FOLDS).split(idx_scored, groups=groups):
        train = [idx_scored[p] for p in train_pos] + idx_extra
        test = [idx_scored[p] for p in test_pos]
        sel = lambda ids, xs: [xs[i] for i in ids]  # noqa: E731
        head = fit_head(
            name, sel(train, ex.texts), sel(train, ex.triggers), sel(train, ex.labels), emb[train] if emb is not None else None
        )
        p = _proba(head, sel(test, ex.texts), sel(test, ex.triggers), emb[test] if emb is not None else None)
        for row, i in zip(p, test):
            full = np.zeros(len(classes_all))
            for c, v in zip(head.classes, row):
                full[classes_all.index(c)] = v
            oof[i] = full
    return np.stack([oof[i] for i in idx_scored]), idx_scored


def platt(scores: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """Sigmoid calibration (a, b) on log-odds of cross-validated scores."""
    from sklearn.linear_model import LogisticRegression

    z = np.log(np.clip(scores, 1e-6, 1 - 1e-6) / np.clip(1 - scores, 1e-6, 1)).reshape(-1, 1)
    lr = LogisticRegression(C=1e6, max_iter=1000).fit(z, y)
    return float(lr.coef_[0, 0]), float(lr.intercept_[0])


ECE_BINS = 10


def expected_calibration_error(confidence: np.ndarray, correct: np.ndarray, bins: int = ECE_BINS) -> float:
    """Mean |accuracy - confidence| over equal-width confidence bins, weighted by each bin's share."""
    confidence = np.asarray(confidence, dtype=np.float64)
    correct = np.asarray(correct, dtype=np.float64)
    if not len(confidence):
        return 0.0
    which = np.minimum((confidence * bins).astype(int), bins - 1)
    total = 0.0
    for b in range(bins):
        in_bin = which == b
        if in_bin.any():
            total += in_bin.sum() * abs(correct[in_bin].mean() - confidence[in_bin].mean())
    return total / len(confidence)


def calibrated_out_of_fold(scores: np.ndarray, y: np.ndarray, groups: list[str]) -> np.ndarray:
    """Platt-scaled binary scores where each fold's scaling was fitted on the other folds only, so the
    calibration error measured on them is not flattered by fitting on what it scores."""
    from sklearn.model_selection import GroupKFold

    out = np.zeros(len(scores))
    if len(set(y.tolist())) < 2 or len(set(groups)) < FOLDS:
        return scores.astype(np.float64)
    for train_pos, test_pos in GroupKFold(n_splits=FOLDS).split(scores, groups=groups):
        if len(set(y[train_pos].tolist())) < 2:
            out[test_pos] = scores[test_pos]
            continue
        a, b = platt(scores[train_pos], y[train_pos])
        z = np.log(np.clip(scores[test_pos], 1e-6, 1 - 1e-6) / np.clip(1 - scores[test_pos], 1e-6, 1))
        out[test_pos] = 1.0 / (1.0 + np.exp(-(a * z + b)))
    return out


# Temperatures tried for the type probabilities (a grid: the same data always gives the same choice).
TEMPERATURES = tuple(round(0.25 + 0.05 * k, 2) for k in range(56))  # 0.25 .. 3.0


def fit_temperature(proba: np.ndarray, gold_idx: np.ndarray) -> float:
    """The temperature T whose softmax(log p / T) has the least log-loss on these probabilities: T < 1
    sharpens probabilities that are too flat (the average of two heads is), T > 1 softens."""
    from .classify import apply_temperature

    best, best_loss = 1.0, math.inf
    rows = np.arange(len(gold_idx))
    for t in TEMPERATURES:
        q = apply_temperature(proba, t)
        loss = float(-np.mean(np.log(np.clip(q[rows, gold_idx], 1e-12, 1.0))))
        if loss < best_loss - 1e-12:
            best, best_loss = t, loss
    return best


def temperature_out_of_fold(proba: np.ndarray, gold_idx: np.ndarray, groups: list[str]) -> np.ndarray:
    """Probabilities scaled by a temperature fitted on the other folds only (grouped by document)."""
    from sklearn.model_selection import GroupKFold

    from .classify import apply_temperature

    out = proba.astype(np.float64).copy()
    if len(set(groups)) < FOLDS:
        return out
    for train_pos, test_pos in GroupKFold(n_splits=FOLDS).split(proba, groups=groups):
        out[test_pos] = apply_temperature(proba[test_pos], fit_temperature(proba[train_pos], gold_idx[train_pos]))
    return out


def calibrate_type(ex: Examples, oof: np.ndarray, idx: list[int], fig: dict) -> float:
    """The type probabilities' temperature, fitted on all cross-validated predictions; adds to ``fig``
    (per gold set) the calibration error after a temperature fitted by cross-fitting."""
    classes = sorted(set(ex.labels))
    gold_idx = np.array([classes.index(ex.labels[i]) for i in idx])
    scaled = temperature_out_of_fold(oof, gold_idx, [ex.groups[i] for i in idx])
    correct = scaled.argmax(axis=1) == gold_idx
    for source in fig:
        sel = [k for k, i in enumerate(idx) if ex.sources[i] == source]
        fig[source]["ece_after_temperature"] = round(expected_calibration_error(scaled[sel].max(axis=1), correct[sel]), 4)
    return fit_temperature(oof, gold_idx)


def report(name: str, ex: Examples, oof: np.ndarray, idx: list[int]) -> dict:
    """Per gold set: accuracy and F1s of the out-of-fold predictions, and their calibration error
    (``ece``: of the top class's probability for multi-class heads; of P(event), Platt-scaled by
    cross-fitting as the stage scales it, for the binary head)."""
    from sklearn.metrics import accuracy_score, f1_score, roc_auc_score

    classes = sorted(set(ex.labels))
    gold = [ex.labels[i] for i in idx]
    pred = [classes[j] for j in oof.argmax(axis=1)]
    if len(classes) == 2:
        y = np.array([g == classes[1] for g in gold])
        p1 = calibrated_out_of_fold(oof[:, 1], y, [ex.groups[i] for i in idx])
        confidence, correct = np.where(p1 >= 0.5, p1, 1 - p1), (p1 >= 0.5) == y
    else:
        confidence, correct = oof.max(axis=1), np.array([g == p for g, p in zip(gold, pred)])
    out = {}
    for source in sorted({ex.sources[i] for i in idx}):
        sel = [k for k, i in enumerate(idx) if ex.sources[i] == source]
        g, p = [gold[k] for k in sel], [pred[k] for k in sel]
        fig = {"n": len(sel), "accuracy": accuracy_score(g, p), "ece": expected_calibration_error(confidence[sel], correct[sel])}
        if name == "event":
            fig["f1"] = f1_score(g, p, pos_label="1", zero_division=0)
            if len(set(g)) == 2:
                fig["auc"] = roc_auc_score([x == "1" for x in g], oof[sel, classes.index("1")])
        else:
            fig["weighted_f1"] = f1_score(g, p, average="weighted", zero_division=0)
            fig["macro_f1"] = f1_score(g, p, average="macro", labels=sorted(set(g)), zero_division=0)
        out[source] = {k: round(float(v), 4) if isinstance(v, float) else v for k, v in fig.items()}
    return out


def train(
    gold: Path,
    out: Path | None = None,
    *,
    use_encoder: bool = True,
    cross_validate_heads: bool = True,
    exclude: tuple[str, ...] = (),
    parsed=None,
    log=print,
) -> dict:
    """Cross-validate every head, fit them on all examples, write the model; returns the CV figures.

    ``exclude`` leaves gold sets out of training, to score the whole pipeline on a set the model
    never saw (the held-out figures for document-level tasks).
    """
    from threadpoolctl import threadpool_limits

    np.random.seed(SEED)
    random.seed(SEED)
    # One BLAS thread: faster than oversubscribing a small shared machine, and the same sums every run.
    with threadpool_limits(limits=1):
        return _train(gold, out, use_encoder, cross_validate_heads, exclude, parsed, log)


def _train(gold, out, use_encoder, cross_validate_heads, exclude, parsed, log) -> dict:
    from ..options import Options
    from . import encoder
    from .classify import embed_features, save_models

    examples = build_examples(Path(gold), Options(), parsed, log, exclude=exclude)
    use_encoder = use_encoder and encoder.available()
    variants = ["tfidf"] + (["emb"] if use_encoder else [])
    figures: dict = {"cross_validated": True, "folds": FOLDS, "grouped_by": "document", "seed": SEED, "heads": {}}
    models: dict[str, dict] = {v: {} for v in variants}
    oofs: dict[tuple[str, str], tuple[np.ndarray, list[int]]] = {}
    # Per variant in use, the temperature of the type probabilities the stage reads ("emb": the average
    # of the embedding and TF-IDF heads; "tfidf": the TF-IDF head alone), fitted on cross-validated ones.
    temperatures: dict[str, float] = {}
    for name, ex in examples.items():
        if len(set(ex.labels)) < 2 or sum(ex.scored) < FOLDS:
            log(f"{name}: not enough gold examples, skipped")
            continue
        emb = embed_features(ex.texts) if use_encoder else None
        for vname in variants:
            e = emb if vname == "emb" else None
            head = fit_head(name, ex.texts, ex.triggers, ex.labels, e)
            if cross_validate_heads:
                oof, idx = cross_validate(name, ex, e)
                oofs[(name, vname)] = (oof, idx)
                fig = report(name, ex, oof, idx)
                figures["heads"].setdefault(name, {})[vname] = fig
                log(f"{name} [{vname}] cross-validated: {json.dumps(fig)}")
                if len(head.classes) == 2:
                    y = np.array([ex.labels[i] == head.classes[1] for i in idx])
                    head.calibration = platt(oof[:, sorted(set(ex.labels)).index(head.classes[1])], y)
                elif name == "type" and vname == "tfidf":
                    temperatures["tfidf"] = calibrate_type(ex, oof, idx, fig)
                    log(f"type [tfidf] temperature {temperatures['tfidf']}: {json.dumps(fig)}")
            models[vname][name] = head
        if ("type", "emb") in oofs and name == "type":
            # The stage averages the two type heads when the encoder runs: score that average too.
            (a, idx), (b, _) = oofs[("type", "emb")], oofs[("type", "tfidf")]
            fig = report(name, ex, (a + b) / 2, idx)
            temperatures["emb"] = calibrate_type(ex, (a + b) / 2, idx, fig)
            figures["heads"]["type"]["emb+tfidf"] = fig
            log(f"type [emb+tfidf] cross-validated: {json.dumps(fig)}")
    if out is not None:
        heads = [h for h in examples if any(h in m for m in models.values())]
        save_models(out, models, {"variants": variants, "heads": heads, "figures": figures,
                                  "type_temperature": temperatures})
        log(f"model written to {out}")
    return figures
