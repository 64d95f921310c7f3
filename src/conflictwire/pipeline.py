"""The stage registry and the loop that runs an article through the stages.

A stage is a plain function ``(article, options) -> article`` registered by name with what it
requires and assigns, so the CLI, the tests and a distributed runner call the same code, and the
chain is checked before the first article.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from .errors import ConflictwireError, PipelineConfigError
from .options import Options
from .schema import Article, Skip

log = logging.getLogger(__name__)

StageFn = Callable[[Article, Options], Article]


@dataclass(frozen=True)
class StageInfo:
    name: str
    fn: StageFn
    requires: tuple[str, ...] = ()
    assigns: tuple[str, ...] = ()
    doc: str = ""


STAGES: dict[str, StageInfo] = {}

# Built-in stages live in these modules; importing one registers its stage.
_BUILTIN_MODULES = {
    "clean": "conflictwire.clean",
    "nlp": "conflictwire.nlp",
    "events": "conflictwire.events",
    "geo": "conflictwire.geo",
    "time": "conflictwire.time",
    "notes": "conflictwire.events.notes",
}


def stage(name: str, *, requires: Iterable[str] = (), assigns: Iterable[str] = ()):
    """Register ``fn`` as the stage ``name``."""

    def register(fn: StageFn) -> StageFn:
        STAGES[name] = StageInfo(name, fn, tuple(requires), tuple(assigns), (fn.__doc__ or "").strip())
        return fn

    return register


def get_stage(name: str) -> StageInfo:
    if name not in STAGES and name in _BUILTIN_MODULES:
        importlib.import_module(_BUILTIN_MODULES[name])
    if name not in STAGES:
        known = ", ".join(sorted(set(STAGES) | set(_BUILTIN_MODULES)))
        raise PipelineConfigError(f"unknown stage {name!r}; known stages: {known}")
    return STAGES[name]


def check_chain(names: Iterable[str]) -> list[StageInfo]:
    """Resolve stage names and check each one's requirements are assigned by an earlier stage."""
    # What ingest always provides.
    available = {"article.text", "article.published", "article.id"}
    chain = []
    for name in names:
        info = get_stage(name)
        missing = [r for r in info.requires if r not in available]
        if missing:
            raise PipelineConfigError(
                f"stage {name!r} requires {', '.join(missing)}, which no earlier stage assigns; "
                f"put the stage that assigns it first"
            )
        available.update(info.assigns)
        chain.append(info)
    return chain


@dataclass
class Pipeline:
    options: Options
    chain: list[StageInfo] = field(init=False)

    def __post_init__(self) -> None:
        self.chain = check_chain(self.options.stages)

    def __call__(self, article: Article) -> Article:
        for info in self.chain:
            article = info.fn(article, self.options)
        return article

    def pipe(self, articles: Iterable[Article | Skip]) -> Iterator[Article | Skip]:
        """Run every article; an article a stage cannot handle becomes a Skip and the batch goes on."""
        for item in articles:
            if isinstance(item, Skip):
                yield item
                continue
            current = "start"
            try:
                for info in self.chain:
                    current = info.name
                    item = info.fn(item, self.options)
                yield item
            except ConflictwireError as exc:
                yield Skip(input=item.input_path or item.id, stage=current, code=exc.code, message=str(exc))
            except Exception as exc:  # one bad article never stops a batch
                log.exception("stage %s failed on %s", current, item.id)
                yield Skip(
                    input=item.input_path or item.id,
                    stage=current,
                    code="CW999",
                    message=f"internal error in stage {current}: {type(exc).__name__}: {exc}",
                )


# --- Several processes on one machine -------------------------------------------------------------
# On 2 cores, separate processes beat threads (the GIL) and beat Dask (1.7 ms per task, and spaCy's
# own n_process was faster still): each worker loads the models once, then takes articles in chunks.

_worker_pipeline: Pipeline | None = None


def _init_worker(options: Options) -> None:
    global _worker_pipeline
    _worker_pipeline = Pipeline(options)


def _run_in_worker(item: Article | Skip) -> Article | Skip:
    assert _worker_pipeline is not None
    out = next(_worker_pipeline.pipe([item]))
    if isinstance(out, Article):
        out._doc = None  # the parse stays in the worker; records cross the process boundary
    return out


def pipe_parallel(
    options: Options, articles: Iterable[Article | Skip], workers: int, chunksize: int = 4
) -> Iterator[Article | Skip]:
    """Like ``Pipeline(options).pipe(articles)``, on ``workers`` processes, in input order."""
    if workers <= 1:
        yield from Pipeline(options).pipe(articles)
        return
    import multiprocessing as mp

    check_chain(options.stages)
    ctx = mp.get_context("spawn" if mp.get_start_method(allow_none=True) == "spawn" else "fork")
    with ctx.Pool(workers, initializer=_init_worker, initargs=(options,)) as pool:
        # The input is drawn in batches here, in the caller's thread, not by the pool's feeder
        # thread: callers filter it against a database connection that belongs to their thread.
        batch: list[Article | Skip] = []
        for item in articles:
            batch.append(item)
            if len(batch) >= workers * chunksize * 4:
                yield from pool.imap(_run_in_worker, batch, chunksize=chunksize)
                batch = []
        if batch:
            yield from pool.imap(_run_in_worker, batch, chunksize=chunksize)
