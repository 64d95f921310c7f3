"""Event arguments (placeholder): actors, fatalities, attribution, notes."""

from __future__ import annotations

from ..options import Options
from ..schema import Article, Event, Span


def fill_arguments(article: Article, event: Event, clause: Span, options: Options) -> None:
    """Fill actor1/actor2 (+assoc), interaction, civilian_targeting, fatalities, attributed_to and notes
    of ``event`` from the clause ``clause`` (a span of article.text) and its context; add evidence spans."""
    return None
