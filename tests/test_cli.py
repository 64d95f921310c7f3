"""End to end through the command line, as a user runs it."""

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from conflictwire.schema import Event

ROOT = Path(__file__).resolve().parent.parent

BATTLE = (
    "KANDAHAR, May 14 (Reuters) - Afghan army troops recaptured the district of Arghandab from Taliban "
    "fighters on Tuesday after two days of heavy fighting, a provincial spokesman said. At least nine "
    "insurgents and two soldiers were killed in the clashes, he said.\n\n"
    "The Taliban have controlled parts of the district since last year."
)
NEWSLETTER = "Sign up for our newsletter to get the latest news delivered to your inbox."


def cli(*args, stdin=None, cwd=None):
    return subprocess.run([sys.executable, "-m", "conflictwire", *args], capture_output=True, text=True,
                          input=stdin, cwd=cwd, timeout=600)


@pytest.fixture(scope="module")
def batch_dir(tmp_path_factory):
    d = tmp_path_factory.mktemp("batch")
    (d / "battle.txt").write_text(BATTLE + "\n" + NEWSLETTER + "\n", encoding="utf-8")
    (d / "empty.txt").write_text("", encoding="utf-8")
    (d / "image.txt").write_bytes(bytes(range(256)) * 40)
    (d / "articles.jsonl").write_text(
        json.dumps({"id": "given-id-7", "text": BATTLE, "published": "2024-05-15"}) + "\n"
        + "{this is not json\n",
        encoding="utf-8",
    )
    return d


def test_cli_schema_prints_the_event_json_schema():
    out = cli("schema")
    assert out.returncode == 0
    assert "sub_event_type" in json.loads(out.stdout)["properties"]


def test_cli_extract_prints_records_that_follow_the_contract(tmp_path):
    path = tmp_path / "battle.txt"
    path.write_text(BATTLE, encoding="utf-8")
    out = cli("extract", str(path), "--published", "2024-05-15", "--format", "json")
    assert out.returncode == 0, out.stderr
    records = json.loads(out.stdout)
    assert records, "a battle report yields at least one event"
    for rec in records:
        event = Event.model_validate(rec)
        for span in event.evidence:
            assert span.end > span.start


def test_cli_extract_one_event_per_text_types_a_headline_detection_passes_over(tmp_path):
    # A headline with no trigger word: article-style detection finds nothing, the one-event mode types it.
    path = tmp_path / "headline.txt"
    path.write_text("Nurses walk out of hospitals across the province over pay\n", encoding="utf-8")
    plain = cli("extract", str(path), "--published", "2024-03-02", "--format", "json")
    one = cli("extract", str(path), "--published", "2024-03-02", "--format", "json", "--one-event-per-text")
    assert plain.returncode == 0 and one.returncode == 0, one.stderr
    assert json.loads(plain.stdout) == []
    [event] = json.loads(one.stdout)
    assert event["event_type"] == "Protests"


def test_cli_jsonl_id_becomes_the_article_id(batch_dir):
    out = cli("extract", str(batch_dir / "articles.jsonl"), "--format", "jsonl")
    assert out.returncode == 3  # the broken line is skipped and reported
    assert "articles.jsonl:2" in out.stderr
    ids = {json.loads(line)["article_id"] for line in out.stdout.splitlines() if line.strip()}
    assert ids == {"given-id-7"}


def test_cli_run_skips_bad_inputs_stores_the_rest_and_is_idempotent(batch_dir, tmp_path):
    db = tmp_path / "events.db"
    missing = batch_dir / "no-such-file.txt"
    first = cli("run", str(batch_dir), str(missing), "--db", str(db), "--published", "2024-05-15", "--json")
    assert first.returncode == 3, first.stderr
    summary = json.loads(first.stdout)
    assert summary["processed"] == 2
    codes = sorted(s["code"] for s in summary["skips"])
    assert codes == ["CW101", "CW103", "CW104", "CW107"]

    con = sqlite3.connect(db)
    n_articles = con.execute("select count(*) from articles").fetchone()[0]
    n_events = con.execute("select count(*) from events").fetchone()[0]
    con.close()
    assert n_articles == 2 and n_events >= 1

    second = cli("run", str(batch_dir), "--db", str(db), "--published", "2024-05-15", "--json")
    assert json.loads(second.stdout)["already_stored"] == 2
    con = sqlite3.connect(db)
    assert con.execute("select count(*) from articles").fetchone()[0] == n_articles
    assert con.execute("select count(*) from events").fetchone()[0] == n_events
    con.close()


def test_cli_run_on_the_bundled_examples(tmp_path):
    db = tmp_path / "examples.db"
    out = cli("run", str(ROOT / "examples"), "--db", str(db), "--quiet")
    assert out.returncode == 0, out.stderr
    con = sqlite3.connect(db)
    assert con.execute("select count(*) from events").fetchone()[0] >= 3
    con.close()


def test_cli_clean_shows_what_was_removed(tmp_path):
    path = tmp_path / "a.txt"
    sentence = "Police fired tear gas at hundreds of protesters outside parliament on Monday."
    path.write_text(f"{sentence} Dozens were arrested. {sentence}\n{NEWSLETTER}\n", encoding="utf-8")
    out = cli("clean", str(path), "--show-removed")
    assert out.returncode == 0, out.stderr
    assert out.stdout.count("Dozens were arrested") == 1
    assert "newsletter" in out.stdout.lower()
    assert "repeat" in out.stdout.lower()


def test_cli_bad_published_date_is_one_clear_line(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(BATTLE, encoding="utf-8")
    out = cli("extract", str(path), "--published", "yesterday")
    assert out.returncode == 1
    assert "YYYY-MM-DD" in out.stderr
    assert "Traceback" not in out.stderr
