"""The time stage (placeholder until the date resolver lands)."""

from __future__ import annotations

from .options import Options
from .pipeline import stage
from .schema import Article


@stage("time", requires=("article.sentences",), assigns=("article.timexes", "event.event_date"))
def resolve_dates(article: Article, options: Options) -> Article:
    """Recognise time expressions, resolve them against the publication date, date each event."""
    return article


def find_timexes(text: str, published=None) -> list:
    """Time expressions in ``text`` (offsets into the text as given), normalised against ``published``."""
    return []
