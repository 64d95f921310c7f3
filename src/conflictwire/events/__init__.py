"""The events stage (placeholder until detection lands)."""

from __future__ import annotations

from ..options import Options
from ..pipeline import stage
from ..schema import Article


@stage("events", requires=("article.doc",), assigns=("article.events",))
def detect_events(article: Article, options: Options) -> Article:
    """Find clauses that report events, type them, and fill their arguments."""
    return article
