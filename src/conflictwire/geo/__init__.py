"""The geo stage (placeholder until the geoparser lands)."""

from __future__ import annotations

from ..options import Options
from ..pipeline import stage
from ..schema import Article


@stage("geo", requires=("article.doc",), assigns=("article.toponyms", "event.location"))
def resolve_places(article: Article, options: Options) -> Article:
    """Recognise and resolve toponyms; give each event its location."""
    return article


def geoparse_text(text: str, options: Options, given_spans: list[tuple[int, int]] | None = None) -> list:
    """Toponyms in ``text`` (offsets into the text as given), resolved. With ``given_spans``, only
    those spans are resolved and nothing else is recognised (the literature's resolution-only protocol)."""
    return []
