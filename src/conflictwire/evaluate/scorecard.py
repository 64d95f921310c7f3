"""Write docs/scorecard.md from evaluation results: our figure, the baseline, the published anchor
and the project's bar side by side, with the command, commit, date and time taken."""

from __future__ import annotations

import functools
import json
import subprocess
from datetime import datetime, timezone
from importlib import resources
from pathlib import Path

from .runner import EvalResult

# The figure each dataset is summarised by in the headline table.
HEADLINE = {
    "ucdp": ["type_accuracy", "location_within_161km", "fatalities_exact", "actor_match"],
    "plover": ["type_accuracy", "type_macro_f1", "mode_accuracy"],
    "case2021": ["weighted_f1", "macro_f1"],
    "petrarch2": ["root_accuracy", "root_accuracy_real_actors"],
    "ipe": ["example_f1", "KILL_f1", "ARREST_f1", "ANY_ACTION_f1"],
    "muc34": ["doc_f1", "event_f1", "gtt_f1"],
    "wikievents": ["doc_f1", "event_f1"],
    "rams": ["event_recall"],
    "toponyms": ["recognition_overlap_f1", "e2e_strict_acc@161", "e2e_acc@161", "e2e_demonyms_acc@161", "given_acc@161"],
    "tempeval": ["strict_f1", "relaxed_f1", "value_accuracy"],
    "article_extraction": ["shingle_f1"],
}
# The end-to-end geoparsing bar (issue 10) is over all gold toponyms of these three sets together.
POOLED_TOPONYM_SETS = ("lgl", "trnews", "geowebnews")
# The end-to-end bar is set on strict span match; the overlap-paired figures stand beside it.
POOLED_TOPONYM_METRICS = {"e2e_strict_acc@161": 0.70, "e2e_acc@161": None, "e2e_demonyms_strict_acc@161": None,
                          "e2e_demonyms_acc@161": None, "given_acc@161": None}
# Lower is better for these; everything else is better higher.
LOWER_IS_BETTER = ("_km", "_auc")


@functools.lru_cache(maxsize=1)
def load_anchors() -> dict:
    text = resources.files("conflictwire.evaluate").joinpath("data/anchors.json").read_text(encoding="utf-8")
    return json.loads(text)


def git_describe(repo: Path | None = None) -> str:
    """Short commit of the working tree, marked when it has uncommitted changes; 'unknown' outside git."""
    try:
        cwd = str(repo) if repo else None
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                                check=True, cwd=cwd).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], capture_output=True,
                               text=True, check=True, cwd=cwd).stdout.strip()
        return f"{commit} + uncommitted changes" if dirty else commit
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def fmt(value) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:.1f}" if abs(value) >= 10 else f"{value:.3f}"
    return str(value)


def _anchor_cell(anchor: dict | None) -> str:
    if not anchor:
        return "—"
    return f"{fmt(anchor['value'])} ({anchor['system']}; {anchor['protocol']}; {anchor['source']})"


def _secs(r: EvalResult) -> str:
    return f"{r.seconds:.0f} / {getattr(r, 'cpu_seconds', 0.0):.0f}"


def pooled_toponyms(results: list[EvalResult]) -> tuple[int, dict[str, float]] | None:
    """acc@161 over all gold toponyms of lgl, trnews and geowebnews together: each set's figure
    weighted by its count of located gold toponyms (``located_n``), which is exactly the share of
    all of them within 161 km. None unless all three sets were scored."""
    by_set = {r.dataset: r for r in results if r.task == "toponyms" and r.metrics}
    if not all(name in by_set and "located_n" in by_set[name].metrics for name in POOLED_TOPONYM_SETS):
        return None
    sets = [by_set[name] for name in POOLED_TOPONYM_SETS]
    total = sum(r.metrics["located_n"] for r in sets)
    pooled = {}
    for key in POOLED_TOPONYM_METRICS:
        if total and all(key in r.metrics for r in sets):
            pooled[key] = sum(r.metrics[key] * r.metrics["located_n"] for r in sets) / total
    return int(total), pooled


def _cross_validated(heads: dict[str, dict] | None, key: str) -> float | None:
    """The trained heads' k-fold figure for a headline metric, where a head reports that very metric (CASE 2021:
    each snippet is typed by the type head, so its grouped-CV weighted and macro F1 are the end-to-end ones)."""
    for figures in (heads or {}).values():
        if key in figures:
            return figures[key]
    return None


def render(results: list[EvalResult], *, command: str, total_seconds: float, commit: str | None = None,
           when: datetime | None = None, trained: dict[str, dict[str, dict]] | None = None,
           trained_protocol: str | None = None) -> str:
    """The scorecard. ``trained`` maps a dataset to the cross-validated figures of the trained heads that
    learnt from it (read from the installed model when not given)."""
    from .trained import cross_validated_by_dataset, protocol_note

    anchors = load_anchors()
    trained = cross_validated_by_dataset() if trained is None else trained
    trained_protocol = protocol_note() if trained_protocol is None else trained_protocol
    when = when or datetime.now(timezone.utc)
    commit = commit or git_describe()
    cpu = sum(getattr(r, "cpu_seconds", 0.0) for r in results)
    lines = [
        "# conflictwire scorecard",
        "",
        f"Generated by `{command}` on {when:%Y-%m-%d %H:%M} UTC at commit `{commit}`, "
        f"in {total_seconds:.0f} s of wall time ({cpu:.0f} s of CPU time in this process, model loading included). Metric definitions, matching rules and ontology mappings: "
        "[evaluation.md](evaluation.md). This file is generated; do not edit it by hand.",
        "",
        "Protocol of our figures: the dev splits of the public gold sets (about 30% of each source), the pipeline "
        "as installed, run end to end on the gold texts. They are **not** cross-validated: a component trained on "
        "these dev splits is scored here on its own training data, so for trained parts read the k-fold figures its "
        "training report gives. Published anchors follow their own protocols (named in each row) and are comparable "
        "only where metric, label set and protocol agree. *Bar* is the project's quality bar (issues 8 and 9).",
        "",
    ]
    if trained:
        lines += [
            "**Trained on these dev splits:** the installed events model learnt from "
            + ", ".join(f"`{d}`" for d in sorted(trained))
            + " (marked † below). Our figures on those sets are on training data and overstate what a new text "
            "gets; each such section repeats the model's own cross-validated figures "
            f"({trained_protocol}), which are the honest ones. Where a head's cross-validated figure is the "
            "headline metric itself, the *cross-validated* column shows it, and the bar applies to that column.",
            "",
        ]
    lines += [
        "## Headline",
        "",
        "| dataset | task | n | metric | ours | cross-validated | baseline | bar | published anchor | wall / CPU s |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        keys = [k for k in HEADLINE.get(r.format, []) if k in r.metrics] or list(r.metrics)[:1]
        if not keys:
            what = "evaluation failed (see below)" if r.failed else "not scored"
            lines.append(f"| {r.dataset} | {r.task} | {r.n} | {what} | — | — | — | — | {_secs(r)} |")
            continue
        for i, key in enumerate(keys):
            anchor = anchors["anchors"].get(r.dataset, {}).get(key)
            bar = anchors["bars"].get(r.dataset, {}).get(key)
            first = i == 0
            name = f"{r.dataset}{' †' if r.dataset in trained else ''}"
            lines.append(
                f"| {name if first else ''} | {r.task if first else ''} | {r.n if first else ''} | {key} | "
                f"{fmt(r.metrics.get(key))} | {fmt(_cross_validated(trained.get(r.dataset), key))} | "
                f"{fmt(r.baseline.get(key))} | {fmt(bar)} | "
                f"{fmt(anchor['value']) if anchor else '—'} | {_secs(r) if first else ''} |"
            )
    pooled = pooled_toponyms(results)
    if pooled is not None:
        total, figures = pooled
        for i, (key, value) in enumerate(figures.items()):
            name = "pooled: " + " + ".join(POOLED_TOPONYM_SETS) if i == 0 else ""
            lines.append(f"| {name} | {'toponyms' if i == 0 else ''} | {total if i == 0 else ''} | {key} | {fmt(value)} | — | — | "
                         f"{fmt(POOLED_TOPONYM_METRICS[key])} | — | |")
        lines += ["", "The pooled rows count every located gold toponym of the three sets once (n is toponyms, not "
                  "articles). `e2e_strict_acc@161` pairs a gold toponym only with a prediction of exactly its span (the issue's "
                  "protocol, which the bar applies to); `e2e_acc@161` pairs by overlap. Both score our toponyms alone; "
                  "`e2e_demonyms_*` also outputs demonyms "
                  "('Iraqi') as references to their country, as these corpora annotate them "
                  "([evaluation.md](evaluation.md#toponyms))."]
    for r in results:
        lines += ["", f"## {r.dataset}", "", f"Task **{r.task}** ({r.format} format), n = {r.n}, {_secs(r)} s (wall / CPU).", ""]
        if not r.metrics:
            lines += [f"- {note}" for note in r.notes]
            continue
        ref_names = list(r.reference)
        header = "| metric | ours | baseline | " + "".join(f"{n} | " for n in ref_names) + "bar | published anchor |"
        lines += [header, "|" + "---|" * (5 + len(ref_names))]
        for key, value in r.metrics.items():
            anchor = anchors["anchors"].get(r.dataset, {}).get(key)
            bar = anchors["bars"].get(r.dataset, {}).get(key)
            better = " (lower is better)" if key.endswith(LOWER_IS_BETTER) else ""
            refs = "".join(f"{fmt(r.reference[n].get(key))} | " for n in ref_names)
            lines.append(f"| {key}{better} | {fmt(value)} | {fmt(r.baseline.get(key))} | {refs}{fmt(bar)} | "
                         f"{_anchor_cell(anchor)} |")
        if r.dataset in trained:
            lines += ["", "† The events model was trained on this split; its cross-validated figures "
                      f"({trained_protocol}):", ""]
            for head, fig in sorted(trained[r.dataset].items()):
                parts = ", ".join(f"{k} {fmt(v)}" for k, v in fig.items())
                lines.append(f"- head `{head}`: {parts}")
            if not trained[r.dataset]:
                lines.append("- used for training only; the model stores no cross-validated figure for it")
        curve = getattr(r, "curve", None)
        if curve:
            from .runner import CURVE_METRICS

            p_key, r_key = CURVE_METRICS.get(r.format, ("precision", "recall"))
            lines += ["", f"Precision/recall as `--min-confidence` rises ({p_key} / {r_key}):", "",
                      "| min confidence | " + " | ".join(f"{p['min_confidence']:.1f}" for p in curve) + " |",
                      "|---|" + "---|" * len(curve),
                      "| precision | " + " | ".join(fmt(p["precision"]) for p in curve) + " |",
                      "| recall | " + " | ".join(fmt(p["recall"]) for p in curve) + " |"]
        if r.notes:
            lines += [""] + [f"- {note}" for note in r.notes]
    return "\n".join(lines) + "\n"


def write_scorecard(results: list[EvalResult], path: Path, **kwargs) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render(results, **kwargs), encoding="utf-8")
    return path
