"""Exports, each read back with a real reader (csv, json, pyarrow.parquet), and the store commands."""

from __future__ import annotations

import csv
import io
import json

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from conflictwire.cli import app
from conflictwire.export import ACLED_COLUMNS, EXPORTERS, export_events
from conflictwire.schema import Actor, Event
from conflictwire.store import EventFilter, open_store

from conftest import build_article, build_event


@pytest.fixture
def filled(tmp_path):
    """An SQLite store with a merged battle (two articles), a protest and an event without a place."""
    path = tmp_path / "events.db"
    with open_store(path) as store:
        store.save_article(build_article("a1", [
            build_event("a1", 0, fatalities=10, actor2="Army", geonameid=1234,
                        notes="Eastern Brigade fought the army in Norvale."),
            build_event("a1", 1, event_type="Protests", sub_event_type="Peaceful protest", place="Kessel",
                        actor1=None, fatalities=None, day="2015-03-12").model_copy(
                update={"actor1": Actor(text="teachers", name="Teachers", category="protesters")}),
        ]))
        store.save_article(build_article("a2", [build_event("a2", 0, fatalities=14, place="Norvale East")]))
        store.save_article(build_article("a3", [build_event("a3", 0, place=None, day="2015-04-01",
                                                            event_type="Strategic developments",
                                                            sub_event_type="Arrests")]))
    return path


def _export(path, fmt, **filters) -> str | bytes:
    out = path.parent / f"out.{fmt}"
    with open_store(path) as store:
        export_events(store, fmt, out, EventFilter(**filters) if filters else None)
    return out


def test_export_csv_has_acled_columns_in_order(filled):
    out = _export(filled, "csv")
    with open(out, newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        assert tuple(reader.fieldnames[: len(ACLED_COLUMNS)]) == ACLED_COLUMNS
        rows = list(reader)
    assert len(rows) == 3
    battle = rows[0]
    assert battle["event_id_cnty"] == "a1-e0" and battle["event_date"] == "2015-03-10" and battle["year"] == "2015"
    assert battle["disorder_type"] == "Political violence"
    assert (battle["inter1"], battle["inter2"], battle["interaction"]) == ("2", "1", "12")
    assert battle["iso"] == "368" and battle["country"] == "Iraq" and battle["admin1"] == "Eastmarch"
    assert battle["fatalities"] == "12" and battle["fatalities_low"] == "10" and battle["fatalities_high"] == "14"
    assert battle["source_url"] == "https://news.example/a1 ; https://news.example/a2"
    assert battle["source_count"] == "2"
    assert "GeoNames" in battle["attribution"] and "CC BY 4.0" in battle["attribution"]
    protest = rows[1]
    assert protest["disorder_type"] == "Demonstrations" and protest["interaction"] == "60"
    assert protest["fatalities"] == "0" and protest["tags"] == "fatalities=no report"
    no_place = rows[2]
    assert no_place["latitude"] == "" and no_place["attribution"] == ""
    assert no_place["disorder_type"] == "Strategic developments"


def test_export_jsonl_lines_are_full_event_records(filled):
    out = _export(filled, "jsonl")
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == 3
    for doc in lines:
        assert "GeoNames" in doc.pop("attribution")
        urls = doc.pop("source_urls")
        event = Event.model_validate(doc)
        assert urls == [f"https://news.example/{a}" for a in event.article_ids]
    assert lines[0]["article_ids"] == ["a1", "a2"]


def test_export_geojson_points_with_properties(filled):
    collection = json.loads(_export(filled, "geojson").read_text(encoding="utf-8"))
    assert collection["type"] == "FeatureCollection" and "CC BY 4.0" in collection["attribution"]
    features = collection["features"]
    assert len(features) == 3
    battle = features[0]
    assert battle["geometry"] == {"type": "Point", "coordinates": [43.68, 34.6]}
    assert battle["properties"]["location_country"] == "Iraq"
    assert battle["properties"]["actor1_name"] == "Eastern Brigade"
    assert battle["properties"]["source_urls"] == ["https://news.example/a1", "https://news.example/a2"]
    assert set(Event.model_fields) - set(battle["properties"]) == {"actor1", "actor2", "location", "source"}
    assert features[2]["geometry"] is None


def test_export_parquet_columns_follow_the_schema(filled):
    table = pq.read_table(_export(filled, "parquet"))
    assert table.column_names == list(Event.model_fields) + ["source_urls"]
    assert table.num_rows == 3
    assert b"GeoNames" in table.schema.metadata[b"attribution"]
    rows = table.to_pylist()
    assert rows[0]["location"]["latitude"] == 34.6
    assert rows[0]["article_ids"] == ["a1", "a2"]
    assert str(rows[0]["event_date"]) == "2015-03-10"
    assert Event.model_validate({k: v for k, v in rows[1].items() if k != "source_urls"}).event_type == "Protests"


@pytest.mark.parametrize("fmt", sorted(EXPORTERS))
def test_export_filters_apply_to_every_format(filled, fmt):
    out = _export(filled, fmt, country="NG")
    if fmt == "parquet":
        assert pq.read_table(out).num_rows == 1
    elif fmt == "geojson":
        assert len(json.loads(out.read_text())["features"]) == 1
    elif fmt == "csv":
        assert len(list(csv.DictReader(io.StringIO(out.read_text())))) == 1
    else:
        assert len(out.read_text().splitlines()) == 1


def test_export_of_an_empty_selection_is_still_valid(filled):
    out = _export(filled, "parquet", country="FR")
    assert pq.read_table(out).num_rows == 0
    assert json.loads(_export(filled, "geojson", country="FR").read_text())["features"] == []


def test_export_works_the_same_from_postgresql(store_target):
    with open_store(store_target) as store:
        store.save_article(build_article("a1", [build_event("a1", 0)]))
        store.save_article(build_article("a2", [build_event("a2", 0, place="Norvale East")]))
        buffer = io.StringIO()
        from conflictwire.export import export_rows, write_csv

        assert write_csv(export_rows(store), buffer) == 1
    row = next(csv.DictReader(io.StringIO(buffer.getvalue())))
    assert row["source_count"] == "2"


runner = CliRunner()


def test_export_cli_writes_each_format(filled, tmp_path):
    for fmt in ("csv", "jsonl", "geojson", "parquet"):
        out = tmp_path / f"cli.{fmt}"
        result = runner.invoke(app, ["export", "--db", str(filled), "--format", fmt, "-o", str(out), "--type", "battles"])
        assert result.exit_code == 0, result.output
        assert "1 events written" in result.output
        assert out.exists()
    result = runner.invoke(app, ["export", "--db", str(filled), "--format", "jsonl"])
    assert result.exit_code == 0 and len(result.stdout.splitlines()) == 3


def test_export_cli_errors_are_one_line(filled, tmp_path):
    result = runner.invoke(app, ["export", "--db", str(filled), "--format", "xlsx"])
    assert result.exit_code == 1 and "unknown format" in result.output
    result = runner.invoke(app, ["query", "--db", str(tmp_path / "missing.db")])
    assert result.exit_code == 1 and "no such database" in result.output


def test_query_cli_prints_a_table_and_json(filled):
    result = runner.invoke(app, ["query", "--db", str(filled), "--country", "iraq"])
    assert result.exit_code == 0, result.output
    assert "a1-e0" in result.output and "12 (10-14)" in result.output and "1 events" in result.output
    result = runner.invoke(app, ["query", "--db", str(filled), "--json", "--from", "2015-03-11"])
    ids = [json.loads(line)["event_id"] for line in result.stdout.splitlines()]
    assert ids == ["a3-e0", "a1-e1"]


def test_stats_cli_counts(filled):
    result = runner.invoke(app, ["stats", "--db", str(filled), "--json"])
    assert result.exit_code == 0, result.output
    stats = json.loads(result.stdout)
    assert stats["totals"]["merged_events"] == 3 and stats["totals"]["events"] == 4
    assert stats["by_type"]["Battles"] == 1 and stats["by_week"]["2015-W11"] == 2


def test_explain_cli_says_why(filled):
    result = runner.invoke(app, ["explain", "a2-e0", "--db", str(filled)])
    assert result.exit_code == 0, result.output
    assert "2 reports from 2 articles" in result.stdout and "km apart" in result.stdout


def test_export_write_events_without_a_store():
    from conflictwire.export import write_events

    buffer = io.StringIO()
    assert write_events([build_event("a1", 0), build_event("a1", 1, place=None)], "csv", buffer) == 2
    rows = list(csv.DictReader(io.StringIO(buffer.getvalue())))
    assert [r["source_url"] for r in rows] == ["https://news.example/a1"] * 2
    assert rows[0]["source"] == "Test Wire"
