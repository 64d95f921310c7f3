"""Commands for events: ``conflictwire train`` reproduces the committed event model from gold data."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from . import app
from .common import err_console, fail, stdout_write


@app.command()
def train(
    gold: Path = typer.Option(..., "--gold", help="Folder with the gold sets (<set>/dev.jsonl), e.g. ../shared/gold."),
    out: Path = typer.Option(
        None, "--out", "-o", help="Where to write the model (default: the installed events/data/heads.npz)."
    ),
    encoder: bool = typer.Option(True, "--encoder/--no-encoder", help="Also train the heads that read the MiniLM embedding."),
    cross_validate: bool = typer.Option(True, "--cv/--no-cv", help="Print k-fold figures grouped by document (slower)."),
    exclude: list[str] = typer.Option([], "--exclude", help="Leave a gold set out of training (repeatable)."),
    figures: Path = typer.Option(None, "--figures", help="Also write the cross-validated figures as JSON here."),
) -> None:
    """Train the event heads on the gold dev splits, print their cross-validated scores, write the model."""
    from importlib import resources

    from ..errors import InputNotFound, ModelMissing

    if not gold.is_dir():
        fail(InputNotFound("the gold folder does not exist; pass the folder that holds <set>/dev.jsonl", input=str(gold)))
    try:
        import sklearn  # noqa: F401
    except ImportError:
        fail(ModelMissing("training needs scikit-learn; install it with: pip install 'conflictwire[train]'"))
    from ..events.train import train as train_heads

    target = out or Path(str(resources.files("conflictwire.events").joinpath("data/heads.npz")))
    result = train_heads(
        gold,
        target,
        use_encoder=encoder,
        cross_validate_heads=cross_validate,
        exclude=tuple(exclude),
        log=lambda msg: err_console.print(msg, highlight=False, soft_wrap=True, markup=False),
    )
    if figures is not None:
        figures.write_text(json.dumps(result, indent=2, sort_keys=True) + "\n")
    stdout_write(json.dumps(result, sort_keys=True))
