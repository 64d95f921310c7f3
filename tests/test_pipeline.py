import pytest

from conflictwire.errors import PipelineConfigError
from conflictwire.options import Options, load_options
from conflictwire.pipeline import Pipeline, check_chain, stage
from conflictwire.schema import Article, Skip


def test_pipeline_unknown_stage_is_a_config_error():
    with pytest.raises(PipelineConfigError, match="unknown stage 'nope'"):
        check_chain(["clean", "nope"])


def test_pipeline_stage_before_its_requirement_is_refused():
    # events reads the parse, which only nlp assigns
    with pytest.raises(PipelineConfigError, match="requires article.doc"):
        check_chain(["clean", "events", "nlp"])


def test_pipeline_default_chain_is_valid():
    names = [info.name for info in check_chain(Options().stages)]
    assert names == list(Options().stages)


def test_pipeline_one_failing_article_becomes_a_skip_and_the_batch_goes_on():
    @stage("explode_on_bad", requires=("article.text",))
    def explode_on_bad(article, options):
        if "bad" in article.text:
            raise ValueError("boom")
        article.warnings.append("seen")
        return article

    pipeline = Pipeline(Options(stages=("explode_on_bad",)))
    items = [Article(id="a", raw_text="good"), Article(id="b", raw_text="bad"), Article(id="c", raw_text="good too")]
    out = list(pipeline.pipe(items))
    assert [type(x).__name__ for x in out] == ["Article", "Skip", "Article"]
    skip = out[1]
    assert isinstance(skip, Skip)
    assert skip.stage == "explode_on_bad" and skip.code == "CW999" and "boom" in skip.message
    assert out[2].warnings == ["seen"]


def test_options_config_file_and_overrides(tmp_path):
    cfg = tmp_path / "cw.toml"
    cfg.write_text('[conflictwire]\nmin_confidence = 0.4\npublished = "2015-03-11"\n')
    opts = load_options(cfg, min_confidence=0.7)
    assert opts.min_confidence == 0.7
    assert str(opts.published) == "2015-03-11"


def test_options_unknown_setting_is_rejected(tmp_path):
    cfg = tmp_path / "cw.toml"
    cfg.write_text("[conflictwire]\nno_such_setting = 1\n")
    with pytest.raises(Exception, match="no_such_setting"):
        load_options(cfg)


def test_pipeline_parallel_gives_the_same_records_in_order():
    from conflictwire.pipeline import pipe_parallel

    opts = Options(stages=("clean", "nlp"))
    items = [Article(id=f"a{i}", raw_text=f"Article number {i}. It has two sentences.") for i in range(10)]
    serial = [a.sentences for a in Pipeline(opts).pipe([a.model_copy(deep=True) for a in items])]
    parallel = list(pipe_parallel(opts, items, workers=2, chunksize=2))
    assert [a.id for a in parallel] == [a.id for a in items]
    assert [a.sentences for a in parallel] == serial
