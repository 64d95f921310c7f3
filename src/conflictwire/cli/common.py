"""Pieces shared by command modules: errors as one line, the console."""

from __future__ import annotations

import sys

import typer
from rich.console import Console

from ..errors import ConflictwireError

console = Console()
err_console = Console(stderr=True)

# Exit codes: 0 all fine, 1 a fatal error, 3 some inputs were skipped (the rest was processed).
EXIT_ERROR = 1
EXIT_SKIPPED = 3


def fail(exc: Exception | str) -> None:
    """Print one clear line and exit non-zero."""
    if isinstance(exc, ConflictwireError):
        err_console.print(f"[red]error[/red] {exc.code}: {exc}", highlight=False, soft_wrap=True)
    else:
        err_console.print(f"[red]error[/red]: {exc}", highlight=False, soft_wrap=True)
    raise typer.Exit(EXIT_ERROR)


def stdout_write(line: str) -> None:
    sys.stdout.write(line + "\n")
