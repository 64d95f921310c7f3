"""The main commands: extract, run, clean, explain, schema."""

from __future__ import annotations

import json
import logging
import time
from datetime import date
from pathlib import Path
from typing import Annotated, Optional

import typer

from . import app
from .common import EXIT_SKIPPED, console, err_console, fail, stdout_write

InputsArg = Annotated[
    list[str],
    typer.Argument(help="Files, directories, globs, '-' for stdin, or URLs you ask to fetch."),
]
PublishedOpt = Annotated[
    Optional[str],
    typer.Option("--published", help="Publication date (YYYY-MM-DD) for inputs that carry none."),
]
ConfigOpt = Annotated[Optional[Path], typer.Option("--config", help="TOML file with a [conflictwire] table.")]


def _options(config: Path | None, published: str | None, **extra):
    from ..options import load_options

    try:
        pub = date.fromisoformat(published) if published else None
    except ValueError:
        fail(f"--published {published!r} is not a date; write it as YYYY-MM-DD")
    try:
        return load_options(config, published=pub, **extra)
    except Exception as exc:  # pydantic or TOML errors: one line, not a trace
        fail(f"invalid options: {exc}")


def _report_skip(skip) -> None:
    err_console.print(f"[yellow]skipped[/yellow] {skip.input} ({skip.stage}, {skip.code}): {skip.message}",
                      highlight=False, soft_wrap=True)


def _articles(inputs: list[str], options):
    from ..ingest import iter_articles

    return iter_articles(inputs, options)


@app.command()
def extract(
    inputs: InputsArg,
    published: PublishedOpt = None,
    format: Annotated[str, typer.Option("--format", "-f", help="table, json, jsonl or csv.")] = "table",
    min_confidence: Annotated[Optional[float], typer.Option(help="Drop events below this confidence.")] = None,
    one_event_per_text: Annotated[bool, typer.Option(
        "--one-event-per-text", help="Each input is one report of one event (a headline or snippet): type the "
        "whole text and give one event, or none when its kind is outside ACLED.")] = False,
    config: ConfigOpt = None,
) -> None:
    """Extract events from articles and print them (nothing is stored)."""
    from ..pipeline import Pipeline
    from ..schema import Skip

    if format not in ("table", "json", "jsonl", "csv"):
        fail(f"unknown --format {format!r}; use table, json, jsonl or csv")
    options = _options(config, published, min_confidence=min_confidence,
                       one_event_per_text=True if one_event_per_text else None)
    pipeline = Pipeline(options)
    events, skipped, articles = [], 0, []
    for item in pipeline.pipe(_articles(inputs, options)):
        if isinstance(item, Skip):
            skipped += 1
            _report_skip(item)
            continue
        articles.append(item)
        for warning in item.warnings:
            err_console.print(f"[yellow]note[/yellow] {item.input_path or item.id}: {warning}", highlight=False)
        events.extend(item.events)
    _print_events(events, format)
    if skipped:
        raise typer.Exit(EXIT_SKIPPED)


def _print_events(events, format: str) -> None:
    if format == "json":
        stdout_write(json.dumps([e.model_dump(mode="json") for e in events], indent=2, ensure_ascii=False))
    elif format == "jsonl":
        for e in events:
            stdout_write(e.model_dump_json())
    elif format == "csv":
        import sys

        from ..export import write_events

        write_events(events, "csv", sys.stdout)
    else:
        console.print(events_table(events))


def events_table(events):
    from rich.table import Table

    table = Table(title=f"{len(events)} event(s)", show_lines=False)
    for col in ("date", "type", "sub-event", "actor1", "actor2", "location", "fat.", "modality", "conf."):
        table.add_column(col, overflow="fold")
    for e in events:
        loc = e.location
        where = ", ".join(x for x in (loc.name, loc.admin1, loc.country) if x) if loc else ""
        table.add_row(
            str(e.event_date or ""),
            e.event_type,
            e.sub_event_type,
            e.actor1.name if e.actor1 else "",
            e.actor2.name if e.actor2 else "",
            where,
            "" if e.fatalities is None else str(e.fatalities),
            e.modality,
            f"{e.confidence:.2f}",
        )
    return table


@app.command()
def run(
    inputs: InputsArg,
    db: Annotated[str, typer.Option("--db", help="SQLite file path or postgresql:// URL.")] = "conflictwire.db",
    published: PublishedOpt = None,
    reprocess: Annotated[bool, typer.Option(help="Process articles already in the store again.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar and no event table.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
    log_file: Annotated[Optional[Path], typer.Option(help="Write a log to this file.")] = None,
    workers: Annotated[int, typer.Option(help="Processes to run the pipeline on (one per core).")] = 1,
    config: ConfigOpt = None,
) -> None:
    """The main job: read articles, extract events, store them (deduplicated) in a database."""
    from ..pipeline import pipe_parallel
    from ..schema import Skip
    from ..store import open_store

    if log_file:
        logging.basicConfig(filename=log_file, level=logging.INFO,
                            format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    options = _options(config, published)
    try:
        store = open_store(db)
    except Exception as exc:
        fail(exc)

    summary = {"read": 0, "processed": 0, "already_stored": 0, "duplicates": 0, "skipped": 0,
               "events_new": 0, "events_merged": 0, "skips": []}
    new_events = []
    started = time.perf_counter()

    def fresh(items):
        for item in items:
            if isinstance(item, Skip):
                yield item
                continue
            summary["read"] += 1
            if not reprocess and store.has_article(item.id):
                summary["already_stored"] += 1
                continue
            yield item

    progress = _progress(quiet or as_json)
    with progress:
        task = progress.add_task("articles", total=None, events=0, rate=0.0)
        for item in pipe_parallel(options, fresh(_articles(inputs, options)), workers):
            if isinstance(item, Skip):
                summary["skipped"] += 1
                summary["skips"].append(item.model_dump())
                if not as_json:
                    _report_skip(item)
            else:
                result = store.save_article(item)
                summary["processed"] += 1
                if result.duplicate_of:
                    summary["duplicates"] += 1
                summary["events_new"] += result.new_events
                summary["events_merged"] += result.merged_events
                new_events.extend(item.events)
            elapsed = time.perf_counter() - started
            progress.update(task, advance=1, events=summary["events_new"],
                            rate=(summary["processed"] + summary["skipped"]) / max(elapsed, 1e-9))
    store.close()
    summary["seconds"] = round(time.perf_counter() - started, 2)
    summary["db"] = db
    if as_json:
        stdout_write(json.dumps(summary, default=str))
    else:
        if not quiet:
            console.print(events_table(new_events))
        console.print(
            f"read {summary['read']}, processed {summary['processed']}, already stored {summary['already_stored']}, "
            f"duplicates {summary['duplicates']}, skipped {summary['skipped']}; "
            f"events new {summary['events_new']}, merged {summary['events_merged']}; "
            f"{summary['seconds']} s; database {db}",
            highlight=False,
        )
    if summary["skipped"]:
        raise typer.Exit(EXIT_SKIPPED)


def _progress(silent: bool):
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    return Progress(
        SpinnerColumn(),
        TextColumn("{task.completed} articles"),
        BarColumn(),
        TextColumn("{task.fields[rate]:.1f} articles/s"),
        TextColumn("{task.fields[events]} events"),
        TimeElapsedColumn(),
        console=err_console,
        disable=silent,
        transient=False,
    )


@app.command()
def clean(
    inputs: InputsArg,
    show_removed: Annotated[bool, typer.Option("--show-removed", help="List what was removed, and why.")] = False,
    config: ConfigOpt = None,
) -> None:
    """Print the clean text of articles (main text, boilerplate and repeated sentences out)."""
    from ..pipeline import Pipeline
    from ..schema import Skip

    options = _options(config, None, stages=("clean",))
    skipped = 0
    for item in Pipeline(options).pipe(_articles(inputs, options)):
        if isinstance(item, Skip):
            skipped += 1
            _report_skip(item)
            continue
        console.rule(item.input_path or item.id)
        console.print(item.clean_text, highlight=False, markup=False)
        if show_removed:
            console.rule(f"removed ({len(item.removed)})")
            for removal in item.removed:
                console.print(f"[bold]{removal.reason}[/bold]: {removal.text!r}", highlight=False)
    if skipped:
        raise typer.Exit(EXIT_SKIPPED)


@app.command()
def explain(
    target: Annotated[str, typer.Argument(help="An article file (or '-'), or an event id with --db.")],
    db: Annotated[Optional[str], typer.Option("--db", help="Database to look the event id up in.")] = None,
    published: PublishedOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Show each event of an article with its fields and evidence, or why stored records were merged."""
    if db is not None and not Path(target).exists():
        from ..store import open_store

        store = open_store(db)
        try:
            lines = store.explain_merge(target)
        except Exception as exc:
            fail(exc)
        finally:
            store.close()
        for line in lines:
            console.print(line, highlight=False)
        return
    from ..events.arguments import render_explanation
    from ..pipeline import Pipeline
    from ..schema import Skip

    options = _options(config, published)
    for item in Pipeline(options).pipe(_articles([target], options)):
        if isinstance(item, Skip):
            _report_skip(item)
            raise typer.Exit(EXIT_SKIPPED)
        console.print(render_explanation(item))


@app.command()
def schema() -> None:
    """Print the JSON Schema of the Event record (the output contract)."""
    from ..schema import event_json_schema

    stdout_write(json.dumps(event_json_schema(), indent=2))
