"""The events stage: which clauses report events, what kind, and how sure the text is.

``find_events`` computes the Event records of an article (see ``detect.py`` for the method);
the registered stage writes them onto the article and asks ``arguments.fill_arguments`` to fill
each one's actors, fatalities and attribution from its clause.
"""

from __future__ import annotations

from ..options import Options
from ..pipeline import stage
from ..schema import Article, Event
from .arguments import fill_arguments
from .detect import build_event, find_candidates
from .mentions import merge_mentions
from .plover import code_event


def _doc_of(article: Article, options: Options):
    if article._doc is not None:
        return article._doc
    # An article read back from JSON has no Doc: parse it here rather than fail.
    from ..nlp import parse, split_sentences

    if not article.sentences:
        article.sentences = split_sentences(article.text)
    article._doc = parse(article.text, options, article.sentences)
    return article._doc


def find_events(article: Article, options: Options) -> list[Event]:
    """The events an article reports, each with one or more evidence spans, before arguments."""
    doc = _doc_of(article, options)
    candidates, dropped = find_candidates(article, doc)
    from .classify import one_event_of_text, rescore

    if options.one_event_per_text:
        candidates = one_event_of_text(article, candidates, dropped)
    else:
        candidates = rescore(article, candidates)
    events = []
    for cand in merge_mentions(candidates):
        event = build_event(article, cand)
        if event.confidence >= options.min_confidence:
            events.append(event)
    return events


@stage("events", requires=("article.doc",), assigns=("article.events",))
def detect_events(article: Article, options: Options) -> Article:
    """Find clauses that report events, type them, and fill their arguments."""
    events = find_events(article, options)
    for event in events:
        first = next(e for e in event.evidence if e.field == "event")
        fill_arguments(article, event, first, options)
        # PLOVER/CAMEO from the clause itself: the ACLED type's mapping stays when no pattern fires.
        code_event(event, article._doc)
    article.events = events
    return article
