"""Which gold sets the installed trained components learnt from, and their cross-validated figures.

A figure measured on a set a component was trained on is a figure on training data. The scorecard marks
those sets and prints, beside ours, the k-fold figures the training run stored in the model file.
"""

from __future__ import annotations

import logging

log = logging.getLogger(__name__)


def events_model_info() -> dict:
    """The info block of the installed events model ({} when there is none or it cannot be read)."""
    try:
        from importlib import resources

        from ..events.classify import MODEL_FILE, read_models

        path = resources.files("conflictwire.events").joinpath(MODEL_FILE)
        if not path.is_file():
            return {}
        return read_models(path.read_bytes())[1]
    except Exception as exc:  # no model, or another layout: the scorecard then says nothing about training
        log.debug("events model info unavailable: %s", exc)
        return {}


def events_variant_in_use(info: dict) -> str | None:
    """The variant the events stage runs here: the embedding one when the encoder is available."""
    variants = info.get("variants") or []
    try:
        from ..events import encoder

        if "emb" in variants and encoder.available():
            return "emb"
    except Exception:  # no encoder module: the TF-IDF variant is what runs
        pass
    return "tfidf" if "tfidf" in variants else (variants[0] if variants else None)


def cross_validated_by_dataset(info: dict | None = None) -> dict[str, dict[str, dict]]:
    """{dataset: {head: figures}} for the variant in use, from the model's stored k-fold figures."""
    info = events_model_info() if info is None else info
    figures = info.get("figures") or {}
    variant = events_variant_in_use(info)
    out: dict[str, dict[str, dict]] = {}
    for head, by_variant in (figures.get("heads") or {}).items():
        # With the encoder, the stage averages the embedding and TF-IDF type heads (classify.load_model):
        # the figures of that average are the ones that describe what runs.
        chosen = by_variant.get(f"{variant}+tfidf") if variant == "emb" else None
        for dataset, fig in (chosen or by_variant.get(variant) or {}).items():
            out.setdefault(dataset, {})[head] = fig
    # Sets used for training only (no cross-validated figure of their own), when the model lists them.
    for dataset in info.get("trained_on") or []:
        out.setdefault(dataset, {})
    return out


def protocol_note(info: dict | None = None) -> str:
    info = events_model_info() if info is None else info
    fig = info.get("figures") or {}
    if not fig:
        return ""
    return (f"{fig.get('folds', '?')}-fold cross-validation grouped by {fig.get('grouped_by', '?')}, "
            f"seed {fig.get('seed', '?')}, variant {events_variant_in_use(info)}")


# ---------------------------------------------------------------- texts that each report one event

# Sets whose every record is one text the gold says reports one event, of one class (CASE 2021 task 2:
# "given a snippet about an event, classify it into one of 30 types"). The runner runs the pipeline on
# them with ``Options(one_event_per_text=True)`` and scores them with :func:`one_event_views`.
ONE_EVENT_TEXTS = {
    "case2021": "each snippet is one event (Options.one_event_per_text): the events stage types the whole snippet "
                "with the type head and does not answer 'no event' for a snippet of an ACLED class; a snippet the "
                "head reads as one of the task's 5 classes outside ACLED (DIPLO, ATTRIB, ORG_CRIME, NATURAL_DISASTER, "
                "MAN_MADE_DISASTER), for which the stage gives no event, is scored with that class "
                "(events.classify.read_text)",
}


def one_event_views(records: list[dict], views: list[list[dict]], options) -> list[list[dict]]:
    """Each record's views, where the pipeline gave no event with a CASE label, replaced by the type head's
    reading of the whole text (its CASE label and probability): the class of a text outside ACLED.

    A record whose text cannot be read keeps its views (scored as unanswered), and the rest go on."""
    from ..events.classify import read_text
    from ..nlp import analyse
    from ..schema import Article
    from .mappings import case_label_of_sub_event

    out = []
    for i, (rec, vs) in enumerate(zip(records, views)):
        text = rec.get("text") if isinstance(rec.get("text"), str) else ""
        if any(v.get("case_label") for v in vs) or not text.strip():
            out.append(vs)
            continue
        try:
            reading = read_text(analyse(Article(id=str(rec.get("id") or i), raw_text=text), options))
        except Exception as exc:  # one text that cannot be read scores as unanswered
            log.warning("read_text failed on %s: %s", rec.get("id"), exc)
            reading = None
        if reading is None:
            out.append(vs)
            continue
        label, probability = reading
        case = label.split(":", 1)[1] if label.startswith("other:") else case_label_of_sub_event().get(label)
        view = {"event_type": None, "sub_event_type": None, "spans": [], "case_label": case, "confidence": probability}
        out.append([view] if case else vs)
    return out
