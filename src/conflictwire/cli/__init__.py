"""The command line: a thin layer that parses, builds options, calls the library and prints.

Each command group lives in its own module and registers itself on ``app``.
"""

from __future__ import annotations

import typer

app = typer.Typer(
    name="conflictwire",
    help="News reports of armed conflict, political violence and protest in; geocoded, source-attributed events out.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.callback()
def _root() -> None:
    """conflictwire: news reports in, event records out."""


# Importing a command module registers its commands on `app`.
from . import main as _main  # noqa: E402,F401
from . import geo as _geo  # noqa: E402,F401
from . import dates as _dates  # noqa: E402,F401
from . import events as _events  # noqa: E402,F401
from . import store as _store  # noqa: E402,F401
from . import evaluate as _evaluate  # noqa: E402,F401
from . import actors as _actors  # noqa: E402,F401


def main() -> None:
    app()
