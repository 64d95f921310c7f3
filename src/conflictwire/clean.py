"""The clean stage (placeholder until the ingest/clean work lands): keeps the text as given."""

from __future__ import annotations

from .options import Options
from .pipeline import stage
from .schema import Article


@stage("clean", requires=("article.text",), assigns=("article.clean_text", "article.removed"))
def clean_article(article: Article, options: Options) -> Article:
    """Main text from HTML, boilerplate and repeated sentences out, Unicode repaired."""
    if article.clean_text is None:
        article.clean_text = article.raw_text or ""
    return article
