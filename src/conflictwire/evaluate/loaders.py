"""Read gold files and recognise which format (and so which task and scorer) a file is in.

The recogniser looks at the shape of the records, not at file names, so a file in one of the known
formats is scored the same at any path and any size.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import EvaluationDataError, InputNotFound

# format -> task
TASK_OF_FORMAT = {
    "ucdp": "events",
    "muc34": "events",
    "plover": "events",
    "petrarch2": "events",
    "case2021": "events",
    "ipe": "events",
    "wikievents": "events",
    "rams": "events",
    "toponyms": "toponyms",
    "tempeval": "time",
    "article_extraction": "clean",
    "re3d": "ner",
}
TASKS = ("events", "toponyms", "time", "clean")
UCDP_TYPES = {"state-based conflict", "non-state conflict", "one-sided violence"}
# How many records the recogniser looks at.
SAMPLE = 50


@dataclass
class GoldFile:
    path: Path
    dataset: str
    format: str
    task: str
    records: list[dict]
    bad_lines: list[int] = field(default_factory=list)


def read_records(path: Path, limit: int | None = None) -> tuple[list[dict], list[int]]:
    """Records of a JSON Lines file, and the line numbers that were not a JSON object with a text (skipped)."""
    if not path.exists():
        raise InputNotFound("no such file; give the path of a gold .jsonl file", input=str(path))
    records, bad = [], []
    with open(path, encoding="utf-8", errors="replace") as fh:
        for number, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError:
                bad.append(number)
                continue
            # A record is scored from its text (or page): one without it cannot be, and is skipped.
            if not isinstance(rec, dict) or not isinstance(rec.get("text", rec.get("html")), str):
                bad.append(number)
                continue
            records.append(rec)
            if limit is not None and len(records) >= limit:
                break
    return records, bad


def record_format(rec: dict) -> str | None:
    """The format one record is in, or None when it could be several (an event-less record)."""
    if "html" in rec and "text" in rec:
        return "article_extraction"
    if "dct" in rec and "timexes" in rec:
        return "tempeval"
    if "toponyms" in rec and "text" in rec:
        return "toponyms"
    if "entities" in rec and "relations" in rec and "gold_events" not in rec:
        return "re3d"
    events = rec.get("gold_events")
    if isinstance(events, list):
        if events:
            first = events[0] or {}
            if "trigger" in first:
                return "wikievents"
            if "template" in first or "stage" in first:
                return "muc34"
            if str(first.get("event_type") or "").isdigit():
                return "petrarch2"
        elif "noevents" in (rec.get("meta") or {}):
            return "petrarch2"
        return None
    gold = rec.get("gold")
    if not isinstance(gold, dict):
        return None
    if isinstance(gold.get("labels"), list):
        return "ipe"
    if "label" in gold:
        return "case2021"
    if "type_of_violence" in gold or gold.get("event_type") in UCDP_TYPES:
        return "ucdp"
    if "trigger" in gold and "arguments" in gold:
        return "rams"
    if "markup" in gold or "event_text" in gold:
        return "plover"
    return None


def recognise(records: list[dict]) -> str:
    """The format of a file: the majority format over its first records."""
    votes = Counter(f for f in (record_format(r) for r in records[:SAMPLE]) if f)
    if not votes:
        # A whole sample of event-less records: the formats that allow them.
        votes = Counter(f for f in (record_format(r) for r in records) if f)
    if not votes:
        raise EvaluationDataError(
            "records are in no format evaluate knows (see docs/evaluation.md for the shapes); "
            "pass --task only for files in one of those shapes"
        )
    return votes.most_common(1)[0][0]


def load_gold(path: Path, task: str | None = None, limit: int | None = None) -> GoldFile:
    path = Path(path)
    records, bad = read_records(path, limit)
    if not records:
        raise EvaluationDataError("the file holds no JSON records", input=str(path))
    fmt = recognise(records)
    found_task = TASK_OF_FORMAT[fmt]
    if task is not None and task != found_task:
        raise EvaluationDataError(
            f"--task {task} was asked for, but the records are {fmt} records, a {found_task} set", input=str(path)
        )
    # The folder names the dataset in the shared layout (<set>/dev.jsonl); else the format does.
    dataset = path.parent.name if path.stem in {"dev", "test", "train"} else path.stem
    return GoldFile(path=path, dataset=dataset or fmt, format=fmt, task=found_task, records=records, bad_lines=bad)
