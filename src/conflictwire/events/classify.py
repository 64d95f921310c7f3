"""Trained linear heads over candidate sentences: is it an event, which sub-event type, which PLOVER type.

Features (the same code builds them in training and at run time):
- TF-IDF of word 1-2-grams, with the vocabulary and idf stored in the model file;
- the MiniLM sentence embedding from ``encoder.py`` when onnxruntime is installed;
- the trigger lexicon's votes: per sub-event type, the weight of its most specific trigger.

The model file ``data/heads.npz`` holds, per head, its classes and its weights split into those three
blocks, written by ``train.py`` (``conflictwire train``). Two variants are stored: one with the
embedding block and one without, so the stage runs, a little less well, where onnxruntime is absent.
Scoring is plain numpy; scikit-learn is only needed to train.
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter, OrderedDict
from importlib import resources
from io import BytesIO

import numpy as np

from .ontology import kind_of, sub_event_types

TOKEN = re.compile(r"[a-z][a-z'\-]*|\d+")
MODEL_FILE = "data/heads.npz"


def tokens(text: str) -> list[str]:
    """Lower-cased words, numbers folded to one token, with their bigrams."""
    words = ["0" if w[0].isdigit() else w for w in TOKEN.findall(text.lower())]
    return words + [f"{a} {b}" for a, b in zip(words, words[1:])]


def tfidf_rows(texts: list[str], vocab: dict[str, int], idf: np.ndarray) -> list[tuple[np.ndarray, np.ndarray]]:
    """Sparse rows (term ids, l2-normalised sublinear tf-idf values)."""
    rows = []
    for text in texts:
        counts = Counter(t for t in tokens(text) if t in vocab)
        if not counts:
            rows.append((np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)))
            continue
        ids = np.fromiter((vocab[t] for t in counts), dtype=np.int64, count=len(counts))
        vals = np.fromiter((1.0 + math.log(c) for c in counts.values()), dtype=np.float32, count=len(counts))
        vals *= idf[ids]
        vals /= max(float(np.linalg.norm(vals)), 1e-12)
        rows.append((ids, vals))
    return rows


def lexicon_votes(trigger_sets: list[list[tuple[str, float]]]) -> np.ndarray:
    """Per sentence and sub-event type, the weight (/5) of the most specific trigger; last column: any."""
    types = sub_event_types()
    index = {t: i for i, t in enumerate(types)}
    out = np.zeros((len(trigger_sets), len(types) + 1), dtype=np.float32)
    for row, triggers in enumerate(trigger_sets):
        for sub_event_type, weight in triggers:
            j = index[sub_event_type]
            out[row, j] = max(out[row, j], weight / 5.0)
        out[row, -1] = 1.0 if triggers else 0.0
    return out


# Similarity to each sub-event type's description (ontology table) joins the embedding, scaled so the
# 25 similarities weigh about as much as the 384 embedding dimensions (chosen by cross-validation).
DESCRIPTION_SCALE = 4.0


@functools.lru_cache(maxsize=1)
def _description_embeddings() -> np.ndarray:
    from . import encoder
    from .ontology import load_ontology

    return encoder.encode([kind.description for kind in load_ontology().values()])


def embed_features(texts: list[str]) -> np.ndarray:
    """The sentence embedding followed by its scaled cosine to every type description."""
    from . import encoder

    emb = encoder.encode(texts)
    return np.hstack([emb, DESCRIPTION_SCALE * (emb @ _description_embeddings().T)]).astype(np.float32)


def describe_types(texts: list[str]) -> list[tuple[str, float]]:
    """Zero-shot: the sub-event type whose description is nearest each text, with the cosine."""
    from . import encoder
    from .ontology import sub_event_types

    sims = encoder.encode(texts) @ _description_embeddings().T
    types = sub_event_types()
    return [(types[int(i)], float(row[int(i)])) for row, i in zip(sims, sims.argmax(axis=1))]


class Head:
    """A linear softmax (or sigmoid, for two classes) head over its own TF-IDF vocabulary, the
    embedding and the lexicon votes."""

    def __init__(self, classes, vocab, idf, w_tfidf, w_emb, w_lex, bias, calibration=None):
        self.classes = list(classes)
        self.vocab = vocab  # term -> column
        self.idf = idf
        self.w_tfidf = w_tfidf  # (n_classes_or_1, vocab)
        self.w_emb = w_emb  # (n_classes_or_1, 384 + 25) or None
        self.w_lex = w_lex  # (n_classes_or_1, 26)
        self.bias = bias
        self.calibration = calibration  # (a, b) of Platt scaling on cross-validated scores, binary heads

    def logits(self, texts, emb, lex) -> np.ndarray:
        rows = tfidf_rows(texts, self.vocab, self.idf)
        out = np.tile(self.bias, (len(rows), 1)).astype(np.float64)
        for i, (ids, vals) in enumerate(rows):
            if len(ids):
                out[i] += self.w_tfidf[:, ids] @ vals
        if self.w_emb is not None and emb is not None:
            out += emb @ self.w_emb.T
        out += lex @ self.w_lex.T
        return out

    def proba(self, texts, emb, lex, calibrated: bool = True) -> np.ndarray:
        z = self.logits(texts, emb, lex)
        if z.shape[1] == 1:  # binary: the column is the log-odds of classes[1]
            z1 = z[:, 0]
            if calibrated and self.calibration:
                a, b = self.calibration
                z1 = a * z1 + b
            p = 1.0 / (1.0 + np.exp(-z1))
            return np.stack([1 - p, p], axis=1)
        z -= z.max(axis=1, keepdims=True)
        e = np.exp(z)
        return e / e.sum(axis=1, keepdims=True)


def save_models(path, variants: dict[str, dict[str, Head]], info: dict) -> None:
    """Write every variant's heads to one compressed npz (float16 weights keep it small)."""
    import json

    def text(value: str) -> np.ndarray:
        return np.frombuffer(value.encode("utf-8"), dtype=np.uint8)

    arrays = {"info": text(json.dumps(info, sort_keys=True))}
    for vname, heads in variants.items():
        for hname, head in heads.items():
            key = f"{vname}/{hname}"
            arrays[f"{key}/classes"] = text("\n".join(head.classes))
            arrays[f"{key}/vocab"] = text("\n".join(sorted(head.vocab, key=head.vocab.get)))
            arrays[f"{key}/idf"] = head.idf.astype(np.float32)
            arrays[f"{key}/w_tfidf"] = head.w_tfidf.astype(np.float16)
            arrays[f"{key}/w_lex"] = head.w_lex.astype(np.float32)
            arrays[f"{key}/bias"] = head.bias.astype(np.float32)
            arrays[f"{key}/calibration"] = np.array(head.calibration or (), dtype=np.float64)
            if head.w_emb is not None:
                arrays[f"{key}/w_emb"] = head.w_emb.astype(np.float16)
    buf = BytesIO()
    np.savez_compressed(buf, **arrays)
    with open(path, "wb") as fh:
        fh.write(buf.getvalue())


def read_models(data: bytes) -> tuple[dict[str, dict[str, Head]], dict]:
    import json

    z = np.load(BytesIO(data))
    text = lambda key: bytes(z[key]).decode("utf-8")  # noqa: E731
    info = json.loads(text("info"))
    variants: dict[str, dict[str, Head]] = {}
    for vname in info["variants"]:
        heads = {}
        for hname in info["heads"]:
            key = f"{vname}/{hname}"
            if f"{key}/classes" not in z.files:
                continue
            vocab = {t: i for i, t in enumerate(text(f"{key}/vocab").split("\n"))}
            w_emb = z[f"{key}/w_emb"].astype(np.float32) if f"{key}/w_emb" in z.files else None
            cal = tuple(float(x) for x in z[f"{key}/calibration"]) or None
            heads[hname] = Head(
                text(f"{key}/classes").split("\n"), vocab, z[f"{key}/idf"], z[f"{key}/w_tfidf"].astype(np.float32),
                w_emb, z[f"{key}/w_lex"], z[f"{key}/bias"], cal,
            )
        variants[vname] = heads
    return variants, info


@functools.lru_cache(maxsize=1)
def _installed() -> tuple[dict[str, dict[str, Head]], dict] | None:
    path = resources.files("conflictwire.events").joinpath(MODEL_FILE)
    if not path.is_file():
        return None
    return read_models(path.read_bytes())


def _installed_variants() -> dict[str, dict[str, Head]] | None:
    installed = _installed()
    return installed[0] if installed else None


def apply_temperature(proba: np.ndarray, temperature: float) -> np.ndarray:
    """Softmax(log p / T) along the last axis: the same ranking, sharper (T < 1) or flatter (T > 1)."""
    if temperature == 1.0:
        return proba
    z = np.log(np.clip(proba, 1e-9, 1.0)) / temperature
    z -= z.max(axis=-1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=-1, keepdims=True)


def type_temperatures() -> tuple[float, float]:
    """(full, cheap): the temperatures of the type probabilities the full model gives (the average of
    the embedding and TF-IDF heads when the encoder runs) and the TF-IDF heads alone give, fitted on
    cross-validated predictions by ``train.py``; 1.0 (no change) when the model file has none."""
    installed = _installed()
    stored = (installed[1].get("type_temperature") or {}) if installed else {}
    heads = load_model()
    full = stored.get("emb", 1.0) if heads is not None and "type_tfidf" in heads else stored.get("tfidf", 1.0)
    return float(full), float(stored.get("tfidf", 1.0))


@functools.lru_cache(maxsize=1)
def load_cheap_model() -> dict[str, Head] | None:
    """The TF-IDF-only heads, which screen candidates before the encoder runs (None when the installed
    model has no such variant or when it is already what ``load_model`` gives)."""
    variants = _installed_variants()
    heads = load_model()
    if not variants or heads is None or "type" not in variants.get("tfidf", {}) or "event" not in variants["tfidf"]:
        return None
    return variants["tfidf"] if heads.get("type") is not variants["tfidf"]["type"] else None


@functools.lru_cache(maxsize=1)
def load_model() -> dict[str, Head] | None:
    """The installed heads: the embedding variant when the encoder runs here, else TF-IDF only."""
    variants = _installed_variants()
    if variants is None:
        return None
    from . import encoder

    if "emb" in variants and encoder.available():
        heads = dict(variants["emb"])
        if "type" in variants.get("tfidf", {}):
            # Averaging the embedding and TF-IDF type heads beats either alone (see train.py's figures).
            heads["type_tfidf"] = variants["tfidf"]["type"]
        return heads
    return variants.get("tfidf")


# Embedding features of sentences already seen in this process, most recent last: wire copy reprinted by
# several outlets, boilerplate lines and re-read articles reach the encoder once (2,048 rows of 409 floats,
# about 3 MB).
EMBEDDING_CACHE_SIZE = 2048
_embedding_cache: OrderedDict[str, np.ndarray] = OrderedDict()


def cached_embed_features(texts: list[str]) -> np.ndarray:
    """``embed_features`` of each text, each distinct text encoded at most once per process (LRU)."""
    missing = [t for t in dict.fromkeys(texts) if t not in _embedding_cache]
    found = dict(zip(missing, embed_features(missing))) if missing else {}
    rows = [found[t] if t in found else _embedding_cache[t] for t in texts]
    for text in dict.fromkeys(texts):
        _embedding_cache[text] = found[text] if text in found else _embedding_cache[text]
        _embedding_cache.move_to_end(text)
    while len(_embedding_cache) > EMBEDDING_CACHE_SIZE:
        _embedding_cache.popitem(last=False)
    return np.stack(rows)


def score_sentences(heads: dict[str, Head], texts: list[str], trigger_sets: list[list[tuple[str, float]]]) -> dict[str, np.ndarray]:
    """Probabilities of every head for each sentence."""
    emb = None
    if any(h.w_emb is not None for h in heads.values()):
        # The encoder is the costly part: each distinct text is encoded once (and once per process).
        emb = cached_embed_features(texts)
    lex = lexicon_votes(trigger_sets)
    used = [name for name in ("type", "type_tfidf", "event") if name in heads]
    return {name: heads[name].proba(texts, emb, lex) for name in used}


# A very specific trigger ("grenade", "defused", "tear gas") keeps its type unless the head finds it
# less than half as likely as its own choice. On case2021 cross-validated scores the rule is neutral
# (weighted F1 0.761 with it, 0.763 without); it keeps precise cues precise on other text.
LEXICON_KEEPS_WEIGHT = 3.5
LEXICON_KEEPS_RATIO = 0.5
# A non-violent reading (disaster, crime, diplomacy, or a non-violent ACLED type such as looting or a
# peaceful protest) replaces the type of a trigger that names deliberate violence ("shot dead", "body
# found", "murdered") only when the head finds it clearly likelier than the trigger's own type: the type
# head learnt "disaster" and "looting" from long CASE and RAMS snippets and over-reads terse headlines
# about killings as accidents or thefts ("killed" is enough: "a fire killed 12" still goes, as the head
# finds disaster three times likelier than an attack there).
NON_VIOLENT_OVERRULES_WEIGHT = 1.5
NON_VIOLENT_OVERRULES_RATIO = 3.0
_VIOLENT_EVENT_TYPES = {"Battles", "Explosions/Remote violence", "Violence against civilians"}
# Types the head may give only when the lexicon found one of their words in the sentence.
LEXICAL_ONLY = {"Arrests"}
LEXICAL_ONLY_FROM = {"Strategic developments", "Riots", "Protests"}


def _violent(label: str) -> bool:
    return not label.startswith("other:") and kind_of(label).event_type in _VIOLENT_EVENT_TYPES


# The encoder is most of the stage's time. The TF-IDF heads screen the candidates first: where they are
# sure (type probability >= 0.5 and event probability outside 0.3-0.7), their reading stands; the encoder
# runs on the rest. On 740 candidates from news sets the heads never trained on (lgl, geovirus, geowebnews,
# trnews, wikievents, re3d, tempeval3; session 4, the heads of commit 0fcc7ca) this skips 27% of the encoder
# calls, and 201 of the 202 screened candidates keep the full heads' decision (type, or dropped): 99.5%.
# Looser screens fail the 99% bar on half of those sets (type >= 0.45: 98.3%) or move confidences: without
# the event band, 41 more candidates are screened at a mean confidence change of 0.16 (0.50 for 0.37).
SCREEN_TYPE_SURE = 0.5
SCREEN_EVENT_UNSURE = (0.3, 0.7)


def _screened_probabilities(heads: dict[str, Head], texts, trigger_sets) -> dict[str, np.ndarray]:
    """Per candidate, the 'type' and 'event' probabilities: the cheap heads' where they are sure, else
    the full model's (its embedding and TF-IDF type heads averaged)."""
    cheap = load_cheap_model()
    unsure = list(range(len(texts)))
    out: dict[str, np.ndarray] = {}
    full_t, cheap_t = type_temperatures()
    if cheap is not None and cheap["type"].classes == heads["type"].classes:
        screen = score_sentences(cheap, texts, trigger_sets)
        p_event = screen["event"][:, 1]
        sure = (screen["type"].max(axis=1) >= SCREEN_TYPE_SURE) & (
            (p_event <= SCREEN_EVENT_UNSURE[0]) | (p_event >= SCREEN_EVENT_UNSURE[1]))
        out = {"type": screen["type"].copy(), "event": screen["event"].copy(),
               "temperature": np.full(len(texts), cheap_t)}
        unsure = [i for i in range(len(texts)) if not sure[i]]
    if unsure:
        reused = {}
        if out and heads.get("type_tfidf") is cheap["type"]:
            # The full model's TF-IDF type head is the screen's own type head: its reading is already here.
            reused = {"type_tfidf": out["type"][unsure]}
        needed = {name: head for name, head in heads.items() if name not in reused}
        full = score_sentences(needed, [texts[i] for i in unsure], [trigger_sets[i] for i in unsure]) | reused
        if "type_tfidf" in full and heads["type_tfidf"].classes == heads["type"].classes:
            full["type"] = (full["type"] + full.pop("type_tfidf")) / 2
        if not out:
            full["temperature"] = np.full(len(texts), full_t)
            return full
        out["type"][unsure] = full["type"]
        out["temperature"][unsure] = full_t
        if "event" in full:
            out["event"][unsure] = full["event"]
    return out


def text_trigger_votes(article) -> list[tuple[str, float]]:
    """The lexicon's votes over every sentence of a parsed article: what the type head saw in training
    for a whole snippet (``train.build_examples``)."""
    from .detect import find_triggers

    doc = article._doc
    votes: list[tuple[str, float]] = []
    if doc is None:
        return votes
    for s in article.sentences:
        sent = doc.char_span(s.start, s.end, alignment_mode="expand")
        if sent is not None:
            votes += [(rule.sub_event_type, rule.weight) for rule, _ in find_triggers(sent)]
    return votes


def text_probabilities(article) -> tuple[list[str], np.ndarray] | None:
    """The type head's calibrated class probabilities for a whole short text, read as one unit (the
    classes, and one probability per class), or None when no model is installed or the text is empty.

    As in ``rescore``, the TF-IDF head screens first: where it is sure (``SCREEN_TYPE_SURE``), its reading
    stands and the encoder does not run. On case2021 snippets, with heads fitted without each grouped
    fold, that skips the encoder on 54% of them, the screened readings agree with the full model's on
    99.4%, and weighted / macro F1 stay at 0.769 / 0.730."""
    heads = load_model()
    text = article.text
    if heads is None or "type" not in heads or not text.strip():
        return None
    votes = [text_trigger_votes(article)]
    cheap = load_cheap_model()
    if cheap is not None and cheap["type"].classes == heads["type"].classes:
        p_cheap = cheap["type"].proba([text], None, lexicon_votes(votes))[0]
        if p_cheap.max() >= SCREEN_TYPE_SURE:
            return cheap["type"].classes, apply_temperature(p_cheap, type_temperatures()[1])
    probs = score_sentences(heads, [text], votes)
    p_type = probs["type"][0]
    if "type_tfidf" in probs and heads["type_tfidf"].classes == heads["type"].classes:
        p_type = (p_type + probs["type_tfidf"][0]) / 2
    return heads["type"].classes, apply_temperature(p_type, type_temperatures()[0])


def read_text(article) -> tuple[str, float] | None:
    """The type head's reading of a whole short text (a headline or a news snippet): its best class and
    that class's probability, or None when no model is installed or the text is empty.

    The class is an ACLED sub-event type, or ``other:<CASE 2021 label>`` (DIPLO, ATTRIB, ORG_CRIME,
    NATURAL_DISASTER, MAN_MADE_DISASTER) for text that reports no ACLED event. Unlike the events stage,
    this reads the text as one unit and never says "no event": it is the answer to a snippet-typing
    task (CASE 2021 task 2), not a detection decision. The article must have sentences and a Doc.
    """
    reading = text_probabilities(article)
    if reading is None:
        return None
    classes, p_type = reading
    best = int(np.argmax(p_type))
    return classes[best], round(float(p_type[best]), 3)


# ------------------------------------------------------------------------- one event per text

# Why a candidate built for a text the caller says reports one event is an event: the caller's word,
# where the trigger lexicon found nothing or the modality check read the clause as no event.
ONE_EVENT_REASON = "one-event-per-text"
# The modality of a clause the check read as no event, once the caller has said the text is an event:
# a negated act is a denial, one not yet done (hypothetical, intended, forecast, warned of) a plan, and
# one told as background, history, generic fact, opinion or question an uncertain report.
MODALITY_OF_DROP_REASON = {
    "negated": "denied",
    "hypothetical": "planned", "intention": "planned", "forecast": "planned", "warning": "planned",
}
REPORTING_LEMMAS = {"say", "tell", "report", "announce", "state", "add", "claim", "confirm", "according"}


def _main_candidate(candidates, label: str):
    """The candidate that carries a one-event text's event: a main (not secondary) one whose trigger
    names the text's type, else the first main one (news puts the event first), else the first."""
    main = [c for c in candidates if not c.secondary]
    return next((c for c in main if c.rule.sub_event_type == label), None) or (main or candidates or [None])[0]


def _root_act(sent):
    """The sentence's main verb, or for reported speech ("officials said troops ...") the reported verb."""
    root = sent.root
    if root.lemma_.lower() in REPORTING_LEMMAS:
        reported = [c for c in root.children if c.dep_ in ("ccomp", "xcomp") and c.pos_ in ("VERB", "AUX")]
        if reported:
            return reported[0]
    return root


def _built_candidate(article, label: str, dropped=()):
    """A candidate for a one-event text where detection kept none: the first sentence whose trigger
    names the text's type, else the first with any trigger, else the first sentence at its main verb.
    Its modality follows why the modality check dropped the sentence, if it did."""
    from .detect import Candidate, TriggerRule, find_triggers
    from .modality import Status
    from ..schema import Span

    drop_reason = {span.start: reason for span, reason in dropped}
    doc = article._doc
    if doc is None:
        return None
    found = []  # (rank, sentence Span, spaCy sentence, token, votes)
    for n, s in enumerate(article.sentences):
        sent = doc.char_span(s.start, s.end, alignment_mode="expand")
        if sent is None or not len(sent):
            continue
        triggers = find_triggers(sent)
        votes = [(r.sub_event_type, r.weight) for r, _ in triggers]
        same = next((tok for r, tok in triggers if r.sub_event_type == label), None)
        if same is not None:
            found.append(((0, n), s, sent, same, votes))
        elif triggers:
            found.append(((1, n), s, sent, triggers[0][1], votes))
        else:
            found.append(((2, n), s, sent, _root_act(sent), votes))
    if not found:
        return None
    _, sentence, sent, tok, votes = min(found, key=lambda f: f[0])
    reason = drop_reason.get(sentence.start)
    modality = "asserted"
    if reason:
        modality = MODALITY_OF_DROP_REASON.get(reason.split(":", 1)[0], "uncertain")
    text = article.text
    return Candidate(
        sentence=sentence,
        trigger=Span(start=tok.idx, end=tok.idx + len(tok.text), text=text[tok.idx : tok.idx + len(tok.text)]),
        rule=TriggerRule(tok.lemma_.lower(), tok.pos_, label, 0.0, ()),
        status=Status(modality, f"{ONE_EVENT_REASON}:{reason}" if reason else ONE_EVENT_REASON),
        sub_event_type=label,
        confidence=0.0,
        places=frozenset(e.text.lower() for e in sent.ents if e.label_ in ("GPE", "LOC", "FAC")),
        dates=frozenset(e.text.lower() for e in sent.ents if e.label_ == "DATE"),
        trigger_votes=votes,
    )


def one_event_of_text(article, candidates, dropped=()):
    """The one candidate of a text the caller says reports one event (a news snippet or headline, as in
    CASE 2021 task 2), typed by the type head's reading of the whole text; [] when that reading is no
    ACLED event (diplomacy, crime, a disaster, a claim of responsibility: the text's event is of a kind
    outside ACLED, and ``read_text`` names it).

    Detection still finds where the event is told: the main candidate keeps its sentence, trigger and
    modality and takes the text's type. Where detection kept none (no trigger, or the modality check
    read the clause as no event), the caller's word stands: a candidate is built on the sentence that
    names the type. Its modality is "asserted", or, for a clause the check dropped (``dropped``, as
    ``detect.find_candidates`` gives it), "denied" when negated, "planned" when not yet done and
    "uncertain" otherwise (``MODALITY_OF_DROP_REASON``).

    Confidence is the calibrated probability of the type; the event head is not asked, as the caller
    has said the text is an event. Text in Spanish or Portuguese (which the heads do not read) keeps the
    lexicon's main candidate, and so does any text when no model is installed.
    """
    english = [c for c in candidates if c.language == "en"]
    if candidates and not english:
        return [_main_candidate(candidates, "")]
    reading = text_probabilities(article)
    if reading is None:
        main = _main_candidate(english, "")
        return [main] if main is not None else []
    classes, p_type = reading
    best = int(np.argmax(p_type))
    label = classes[best]
    if label not in set(sub_event_types()):
        return []
    cand = _main_candidate(english, label) or _built_candidate(article, label, dropped)
    if cand is None:
        return []
    cand.sub_event_type = label
    cand.secondary = False
    cand.confidence = round(float(p_type[best]), 3)
    return [cand]


def rescore(article, candidates):
    """Give each candidate the trained heads' type and a calibrated confidence; drop non-ACLED readings.

    The type head may overrule the lexicon's type; its non-ACLED classes (diplomacy, crime,
    disasters, statements) mean the sentence is no ACLED event, and the candidate is dropped.
    Confidence = P(event) x P(type | event), both from heads scored by cross-validation.
    """
    heads = load_model()
    if heads is None or not candidates:
        return candidates
    # The heads read English; candidates from the Spanish/Portuguese lexicon keep its type and confidence.
    foreign = [c for c in candidates if c.language != "en"]
    if foreign:
        english = rescore(article, [c for c in candidates if c.language == "en"])
        return sorted(english + foreign, key=lambda c: (c.sentence.start, c.trigger.start))
    texts = [c.sentence.text for c in candidates]
    trigger_sets = [c.trigger_votes for c in candidates]
    probs = _screened_probabilities(heads, texts, trigger_sets)
    kinds = set(sub_event_types())
    type_head = heads["type"]
    kept = []
    for i, cand in enumerate(candidates):
        p_type = probs["type"][i]
        best = int(np.argmax(p_type))
        label = type_head.classes[best]
        if label == "other:ATTRIB":
            # A claim of responsibility reports the attack it claims: keep the best ACLED reading.
            best = max((j for j, c in enumerate(type_head.classes) if c in kinds), key=lambda j: p_type[j])
            label = type_head.classes[best]
        lexical = cand.rule.sub_event_type
        if (
            not _violent(label)
            and _violent(lexical)
            and cand.rule.weight >= NON_VIOLENT_OVERRULES_WEIGHT
            and lexical in type_head.classes
            and p_type[best] <= NON_VIOLENT_OVERRULES_RATIO * p_type[type_head.classes.index(lexical)]
        ):
            best, label = type_head.classes.index(lexical), lexical
        if (
            label in LEXICAL_ONLY
            and kind_of(lexical).event_type in LEXICAL_ONLY_FROM
            and all(vote != label for vote, _ in cand.trigger_votes)
            and lexical in type_head.classes
        ):
            # An arrest is a named act (arrested, detained, taken into custody): a sentence whose only cue is
            # police routine or unrest ("patrolling intensified", "FIR filed", "the riots") and has none of its
            # words is not an arrest; "troops took dozens in raids" (a cue of violence) still may be.
            best, label = type_head.classes.index(lexical), lexical
        if label not in kinds:
            continue
        if cand.secondary and lexical in type_head.classes:
            # The head reads the whole sentence, i.e. its main event; a secondary one keeps its trigger's type.
            best, label = type_head.classes.index(lexical), lexical
        elif cand.rule.weight >= LEXICON_KEEPS_WEIGHT and lexical in type_head.classes:
            j = type_head.classes.index(lexical)
            if p_type[j] >= LEXICON_KEEPS_RATIO * p_type[best]:
                best, label = j, lexical
        cand.sub_event_type = label
        p_event = float(probs["event"][i, 1]) if "event" in probs else 1.0
        # The rules above compare the heads' own probabilities; the confidence uses calibrated ones.
        p_label = apply_temperature(p_type, float(probs["temperature"][i]))[best]
        cand.confidence = round(float(p_event * p_label), 3)
        kept.append(cand)
    return kept
