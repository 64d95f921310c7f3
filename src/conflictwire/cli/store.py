"""Commands over a store: export, query, stats (``explain EVENT_ID --db`` lives with the main commands)."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.table import Table

from . import app
from .common import console, fail, stdout_write

DbOpt = Annotated[str, typer.Option("--db", help="SQLite file or postgresql:// URL of the store.")]
CountryOpt = Annotated[Optional[str], typer.Option(help="Country name or ISO alpha-2 code.")]
Admin1Opt = Annotated[Optional[str], typer.Option(help="First-level region (province, governorate, state).")]
TypeOpt = Annotated[Optional[str], typer.Option("--type", help="ACLED event type, e.g. Battles.")]
SubTypeOpt = Annotated[Optional[str], typer.Option("--sub-type", help="ACLED sub-event type, e.g. Air/drone strike.")]
FromOpt = Annotated[Optional[datetime], typer.Option("--from", formats=["%Y-%m-%d"], help="Events on or after this day.")]
ToOpt = Annotated[Optional[datetime], typer.Option("--to", formats=["%Y-%m-%d"], help="Events on or before this day.")]
ActorOpt = Annotated[Optional[str], typer.Option(help="Part of an actor's name.")]
TextOpt = Annotated[Optional[str], typer.Option(help="Words in notes, evidence, actors or place (all must occur).")]
RawOpt = Annotated[bool, typer.Option("--raw", help="Each article's own events instead of merged events.")]


def _filters(country, admin1, event_type, sub_type, date_from, date_to, actor, text):
    from ..store import EventFilter

    def day(value: datetime | None) -> date | None:
        return value.date() if value is not None else None

    return EventFilter(country=country, admin1=admin1, event_type=event_type, sub_event_type=sub_type,
                       date_from=day(date_from), date_to=day(date_to), actor=actor, text=text)


def _open(db: str):
    from ..errors import ConflictwireError
    from ..store import open_store

    if "://" not in db and not Path(db).exists():
        fail(f"{db}: no such database; create it with `conflictwire run INPUT... --db {db}`")
    try:
        return open_store(db)
    except ConflictwireError as exc:
        fail(exc)


@app.command("export")
def export_cmd(
    db: DbOpt,
    format: Annotated[str, typer.Option("--format", "-f", help="csv (ACLED columns), jsonl, geojson or parquet.")] = "csv",
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="File to write (default: stdout).")] = None,
    country: CountryOpt = None, admin1: Admin1Opt = None, event_type: TypeOpt = None, sub_type: SubTypeOpt = None,
    date_from: FromOpt = None, date_to: ToOpt = None, actor: ActorOpt = None, text: TextOpt = None, raw: RawOpt = False,
) -> None:
    """Export stored events (merged across articles) as CSV, JSONL, GeoJSON or Parquet."""
    from ..errors import ConflictwireError
    from ..export import EXPORTERS, export_events

    if format not in EXPORTERS:
        fail(f"unknown format {format!r}; choose one of: {', '.join(EXPORTERS)}")
    if output is None and EXPORTERS[format].binary and console.is_terminal:
        fail(f"{format} is binary: give -o FILE (or redirect stdout to a file)")
    store = _open(db)
    try:
        count = export_events(store, format, output,
                              _filters(country, admin1, event_type, sub_type, date_from, date_to, actor, text), raw=raw)
    except (ConflictwireError, OSError) as exc:
        fail(exc)
    finally:
        store.close()
    if output is not None:
        console.print(f"{count} events written to {output}", highlight=False)


@app.command("query")
def query_cmd(
    db: DbOpt,
    country: CountryOpt = None, admin1: Admin1Opt = None, event_type: TypeOpt = None, sub_type: SubTypeOpt = None,
    date_from: FromOpt = None, date_to: ToOpt = None, actor: ActorOpt = None, text: TextOpt = None, raw: RawOpt = False,
    limit: Annotated[int, typer.Option(help="Show at most this many events (newest first).")] = 50,
    as_json: Annotated[bool, typer.Option("--json", help="One Event record per line instead of a table.")] = False,
) -> None:
    """Show stored events matching the filters, newest first."""
    store = _open(db)
    try:
        events = store.query_events(
            _filters(country, admin1, event_type, sub_type, date_from, date_to, actor, text),
            raw=raw, limit=limit, newest_first=True,
        )
    finally:
        store.close()
    if as_json:
        for event in events:
            stdout_write(event.model_dump_json())
        return
    table = Table(show_lines=False)
    # Ids, dates and numbers never wrap (they are copied into `explain`); words fold instead.
    for column in ("event_id", "date", "type", "sub-type", "actor1", "actor2", "location", "country", "deaths", "sources"):
        keep = column in ("event_id", "date", "deaths", "sources")
        table.add_column(column, overflow="fold", no_wrap=keep, min_width=None)
    for e in events:
        loc = e.location
        deaths = "" if e.fatalities is None else str(e.fatalities)
        if e.fatalities_low is not None and e.fatalities_high is not None and e.fatalities_low != e.fatalities_high:
            deaths += f" ({e.fatalities_low}-{e.fatalities_high})"
        table.add_row(
            e.event_id, str(e.event_date or ""), e.event_type, e.sub_event_type,
            e.actor1.name if e.actor1 else "", e.actor2.name if e.actor2 else "",
            (loc.name or loc.text or "") if loc else "", (loc.country or loc.country_code or "") if loc else "",
            deaths, str(e.source_count),
        )
    console.print(table)
    console.print(f"{len(events)} events" + (f" (limit {limit})" if len(events) == limit else ""), highlight=False)


@app.command("stats")
def stats_cmd(
    db: DbOpt,
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")] = False,
) -> None:
    """Counts: articles, duplicates, events; merged events per type, country and ISO week."""
    store = _open(db)
    try:
        stats = store.stats()
    finally:
        store.close()
    if as_json:
        stdout_write(json.dumps({"totals": stats.totals, "by_type": dict(stats.by_type),
                                 "by_country": dict(stats.by_country), "by_week": dict(stats.by_week)}, indent=2))
        return
    totals = stats.totals
    console.print(
        f"{totals['articles']} articles ({totals['duplicate_articles']} near-duplicates), "
        f"{totals['events']} event reports -> {totals['merged_events']} events, {totals['skips']} skipped inputs",
        highlight=False,
    )
    for title, rows in (("event type", stats.by_type), ("country", stats.by_country), ("ISO week", stats.by_week)):
        table = Table(title=f"events per {title}")
        table.add_column(title)
        table.add_column("events", justify="right")
        for key, count in rows:
            table.add_row(key, str(count))
        console.print(table)
