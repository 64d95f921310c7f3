"""The dates command: time expressions in articles, resolved against each one's publication date."""

from __future__ import annotations

import json
from datetime import date
from typing import Annotated, Optional

import typer

from . import app
from .common import EXIT_SKIPPED, console, err_console, fail, stdout_write


@app.command()
def dates(
    inputs: Annotated[list[str], typer.Argument(help="Files, directories, globs, '-' for stdin (JSONL lines with id, text, published).")],
    published: Annotated[
        Optional[str], typer.Option("--published", help="Publication date (YYYY-MM-DD) for inputs that carry none.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON line per article: {article_id, timexes}.")] = False,
) -> None:
    """Print the time expressions of each article with their resolved values.

    Offsets point into the text as given (for HTML inputs, into the extracted text).
    """
    from ..ingest import iter_articles
    from ..options import load_options
    from ..pipeline import get_stage
    from ..schema import Skip
    from ..time import find_timexes

    try:
        pub = date.fromisoformat(published) if published else None
    except ValueError:
        fail(f"--published {published!r} is not a date; write it as YYYY-MM-DD")
    options = load_options(published=pub)
    skipped = 0
    for item in iter_articles(inputs, options):
        if isinstance(item, Skip):
            skipped += 1
            err_console.print(f"[yellow]skipped[/yellow] {item.input} ({item.stage}, {item.code}): {item.message}", highlight=False, soft_wrap=True)
            continue
        if item.raw_text is None and item.raw_html is not None:
            # HTML has no text until the clean stage extracts it
            item = get_stage("clean").fn(item, options)
        timexes = find_timexes(item.text, item.published or options.published)
        if as_json:
            stdout_write(
                json.dumps(
                    {
                        "article_id": item.id,
                        "timexes": [t.model_dump(mode="json", include={"start", "end", "text", "value", "type"}) for t in timexes],
                    },
                    ensure_ascii=False,
                )
            )
        else:
            _print_table(item, timexes, options.published)
    if skipped:
        raise typer.Exit(EXIT_SKIPPED)


def _print_table(article, timexes, fallback) -> None:
    from rich.table import Table

    anchor = article.published or fallback
    table = Table(title=f"{article.id}: {len(timexes)} time expression(s), published {anchor or 'unknown'}")
    for col in ("span", "text", "type", "value", "dates", "prec.", "reason"):
        table.add_column(col, overflow="fold")
    for t in timexes:
        if t.date_start is None:
            when = ""
        elif t.date_end is None or t.date_end == t.date_start:
            when = t.date_start.isoformat()
        else:
            when = f"{t.date_start.isoformat()} .. {t.date_end.isoformat()}"
        table.add_row(
            f"{t.start}-{t.end}", t.text, t.type, t.value or "", when, "" if t.time_precision is None else str(t.time_precision), t.reason or ""
        )
    console.print(table)
