"""`conflictwire evaluate`: the real pipeline scored on public gold standards, with baselines.

    from conflictwire.evaluate import evaluate_file
    result = evaluate_file("../shared/gold/ucdp_ged_headlines/dev.jsonl", limit=100)
    result.to_json()  # {"dataset", "task", "n", "metrics", "baseline", ...}

Loaders recognise each set's format from its records, adapters reduce our records to what a set
can score, scorers compute the metrics defined in docs/evaluation.md, and scorecard writes
docs/scorecard.md.
"""

from .loaders import GoldFile, load_gold, recognise, record_format
from .runner import EvalResult, evaluate_file, evaluate_gold, gold_files

__all__ = [
    "EvalResult",
    "GoldFile",
    "evaluate_file",
    "evaluate_gold",
    "gold_files",
    "load_gold",
    "recognise",
    "record_format",
]
