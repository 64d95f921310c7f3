"""The main commands: extract, run, clean, schema."""

from __future__ import annotations

import json

from . import app
from .common import stdout_write


@app.command()
def schema() -> None:
    """Print the JSON Schema of the Event record (the output contract)."""
    from ..schema import event_json_schema

    stdout_write(json.dumps(event_json_schema(), indent=2))
