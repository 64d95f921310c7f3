"""`conflictwire evaluate`: score the pipeline on gold files and write the scorecard."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Optional

import typer

from . import app
from .common import EXIT_SKIPPED, console, err_console, fail, stdout_write
from ..errors import ConflictwireError


@app.command()
def evaluate(
    file: Optional[Path] = typer.Argument(None, help="A gold .jsonl file (format recognised from its records)."),
    task: Optional[str] = typer.Option(None, "--task", help="events, toponyms, time or clean (checked against the records)."),
    as_json: bool = typer.Option(False, "--json", help="Print {dataset, task, n, metrics, baseline, ...} as JSON."),
    errors: Optional[Path] = typer.Option(None, "--errors", help="Write the worst misses (text, gold, ours) to this JSONL file."),
    all_dir: Optional[Path] = typer.Option(None, "--all", help="Evaluate every <set>/dev.jsonl (or *.jsonl) under this folder."),
    out: Optional[Path] = typer.Option(None, "--out", help="With --all: write the scorecard (markdown) here."),
    limit: Optional[int] = typer.Option(None, "--limit", min=1, help="Only the first N records of each file (quick runs)."),
    config: Optional[Path] = typer.Option(None, "--config", help="A conflictwire TOML config for the pipeline's options."),
) -> None:
    """Score the pipeline on public gold data, beside a trivial baseline (definitions: docs/evaluation.md)."""
    from ..evaluate import evaluate_gold, gold_files, load_gold
    from ..evaluate.loaders import TASKS
    from ..options import load_options

    if (file is None) == (all_dir is None):
        fail("give either one gold FILE or --all DIR")
    if task is not None and task not in TASKS:
        fail(f"--task must be one of {', '.join(TASKS)}, not {task!r}")
    if out is not None and all_dir is None:
        fail("--out writes the scorecard of an --all run; add --all DIR")
    try:
        options = load_options(config, clean_html_only=True)
        paths = [file] if file is not None else gold_files(all_dir)
        if not paths:
            fail(f"{all_dir}: no <set>/dev.jsonl or .jsonl files found")
        started = time.perf_counter()
        results = []
        for path in paths:
            gold = load_gold(path, task if file is not None else None, limit)
            results.append(_run_one(gold, options, evaluate_gold))
            done = results[-1]
            err_console.print(f"{done.dataset}: {done.n} records, {done.seconds:.0f} s "
                              f"({done.cpu_seconds:.0f} s CPU)" + (" [red]failed[/red]" if done.failed else ""),
                              highlight=False)
        total = time.perf_counter() - started
    except ConflictwireError as exc:
        fail(exc)
        return

    if errors is not None:
        with open(errors, "w", encoding="utf-8") as fh:
            for r in results:
                for miss in r.worst_misses():
                    fh.write(json.dumps(miss, ensure_ascii=False, default=str) + "\n")
    if out is not None:
        from ..evaluate.scorecard import write_scorecard

        command = f"conflictwire evaluate --all {all_dir} --out {out}" + (f" --limit {limit}" if limit else "")
        write_scorecard(results, out, command=command, total_seconds=total)
        err_console.print(f"scorecard written to {out} ({total:.0f} s)")
    if as_json:
        payload = [r.to_json() for r in results]
        stdout_write(json.dumps(payload[0] if file is not None else payload, indent=2))
    else:
        for r in results:
            _print_table(r)
    failed = [r for r in results if r.failed]
    for r in failed:
        err_console.print(f"[red]error[/red]: {r.dataset}: evaluation failed: {r.failed}", highlight=False, soft_wrap=True)
    if failed:
        raise typer.Exit(EXIT_SKIPPED)


def _run_one(gold, options, evaluate_gold):
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=err_console, transient=True, disable=not err_console.is_terminal,
    ) as progress:
        bar = progress.add_task(f"{gold.dataset} ({gold.task})", total=len(gold.records))
        return evaluate_gold(gold, options, on_record=lambda: progress.advance(bar))


def _print_table(result) -> None:
    from rich.table import Table

    from ..evaluate.scorecard import fmt

    table = Table(title=f"{result.dataset} — {result.task}, n={result.n}, {result.seconds:.0f} s")
    table.add_column("metric")
    table.add_column("ours", justify="right")
    table.add_column("baseline", justify="right")
    for name in result.reference:
        table.add_column(name, justify="right")
    for key, value in result.metrics.items():
        table.add_row(key, fmt(value), fmt(result.baseline.get(key)),
                      *[fmt(result.reference[n].get(key)) for n in result.reference])
    console.print(table)
    for note in result.notes:
        console.print(f"  note: {note}", highlight=False, soft_wrap=True)
