"""The clean stage: main text out of HTML, boilerplate and repeated sentences out, Unicode repaired.

Everything removed is kept on the article as a :class:`Removal` with its reason, so a user can audit
what cleaning did (``conflictwire clean FILE --show-removed``). Boilerplate is described by patterns
in ``data/boilerplate.tsv``; each pattern must match a whole short line or sentence, so an article
sentence that merely contains "share" or "cookie" is kept.
"""

from __future__ import annotations

import bisect
import csv
import functools
import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from importlib import resources
from typing import Any

from .errors import NoArticleText
from .options import Options
from .pipeline import stage
from .schema import Article, Removal

# trafilatura settings chosen on the article-extraction benchmark (dev split, 57 pages): favoring
# precision gave the best shingle F1 (0.966 against 0.961 for the benchmark's own call and 0.948 for
# trafilatura's plain default); comments are not article text.
TRAFILATURA_SETTINGS: dict[str, Any] = dict(
    include_comments=False,
    include_tables=True,
    favor_precision=True,
    # Dates come from meta tags and structured data only; a date guessed from the page's body
    # text is too often a comment's or a related story's.
    date_extraction_params={"extensive_search": False, "original_date": True},
)

# A boilerplate line is short; anything longer is article text whatever words it contains.
MAX_BOILERPLATE_CHARS = 500
# Repeated sentences shorter than this are left alone ("He said." may well be said twice).
MIN_REPEAT_TOKENS = 4
# A near-duplicate must be long enough that a near-match is not chance.
MIN_NEAR_DUPLICATE_TOKENS = 6
# A pull quote that is an excerpt of an earlier sentence must be at least this long.
MIN_EXCERPT_TOKENS = 8
# Under a "Related" header, this many headline-like lines at most are taken as its links.
MAX_RELATED_LINKS = 12
# A page whose extracted text has no line with this many words holds no article (a menu, a login).
MIN_ARTICLE_LINE_WORDS = 4

_BULLETS = " \t\u00a0-–—•·*|»›>◦▪■►"
_TOKEN = re.compile(r"\w+")
_SPACES = re.compile(r"[^\S\n]+")
_INVISIBLE = re.compile("[\u200b\u2060\ufeff\u00ad]")
_DOCUMENT_TAG = re.compile(r"<(?:html|body|head)[\s>]|<!doctype", re.IGNORECASE)


@stage("clean", requires=("article.text",), assigns=("article.clean_text", "article.removed"))
def clean_article(article: Article, options: Options) -> Article:
    """Main text from HTML, boilerplate and repeated sentences out, Unicode repaired."""
    from .ingest import NO_DATE_WARNING, find_dateline

    if article.raw_html is not None:
        body, meta = extract_html(article.raw_html)
        _fill_metadata(article, meta)
        removed: list[Removal] = []
        headline = _headline_line(body, article.title)
        if headline is not None:
            start, end = headline
            removed.append(Removal(text=body[start:end], reason="headline", start=start))
            body = body[:start] + " " * (end - start) + body[end:]  # blanks keep later offsets valid
        text, more = clean_text(body, options)
        removed.extend(more)
        if not _has_article_text(text):
            raise NoArticleText(
                "no article text found in the HTML (only navigation, banners or nothing at all); "
                "check that the page is an article and not a login, index or error page",
                input=article.input_path or article.url or article.id,
            )
        article.clean_text, article.removed = text, removed
    elif article.raw_text is not None:
        if options.clean_html_only:
            article.clean_text, article.removed = article.raw_text, []
        else:
            article.clean_text, article.removed = clean_text(article.raw_text, options)
    elif article.clean_text is None:
        article.clean_text = ""

    found = find_dateline(article.clean_text)
    article.dateline = found.span if found else None
    if found is not None and article.published is None:
        article.published = found.full_date()
    if article.published is not None and NO_DATE_WARNING in article.warnings:
        article.warnings.remove(NO_DATE_WARNING)
    return article


def _fill_metadata(article: Article, meta: dict[str, Any]) -> None:
    from .ingest import parse_date_value

    if article.title is None and meta.get("title"):
        article.title = meta["title"]
    if article.published is None and meta.get("date"):
        article.published = parse_date_value(meta["date"])
    if article.source_name is None and meta.get("sitename"):
        article.source_name = meta["sitename"]
    if article.url is None and meta.get("url"):
        article.url = meta["url"]
    if article.language is None and meta.get("language"):
        article.language = meta["language"]


def _has_article_text(text: str) -> bool:
    return any(len(_TOKEN.findall(line)) >= MIN_ARTICLE_LINE_WORDS for line in text.splitlines())


def _headline_line(body: str, title: str | None) -> tuple[int, int] | None:
    """The first line of the body when it repeats the title (trafilatura keeps the page's <h1>)."""
    if not title:
        return None
    stripped = body.lstrip()
    start = len(body) - len(stripped)
    end = body.find("\n", start)
    end = len(body) if end < 0 else end
    if _tokens(body[start:end]) == _tokens(title) and _tokens(title):
        return start, end
    return None


# --------------------------------------------------------------------------------------------
# HTML
# --------------------------------------------------------------------------------------------


def extract_html(html: str) -> tuple[str, dict[str, Any]]:
    """Main text of an HTML page (paragraphs separated by blank lines) and its metadata
    (title, date as YYYY-MM-DD, sitename, url, author, language, description); ("", {...}) when the
    page holds no article."""
    text, meta = _extract_html_cached(html)
    return text, dict(meta)


# Ingest reads an HTML page's metadata and the clean stage its text, one right after the other:
# a small cache saves the second parse.
@functools.lru_cache(maxsize=8)
def _extract_html_cached(html: str) -> tuple[str, tuple[tuple[str, Any], ...]]:
    import trafilatura

    if not _DOCUMENT_TAG.search(html, 0, 4096):
        # A fragment (a feed entry's HTML summary): trafilatura only reads whole documents.
        html = f"<html><body>{html}</body></html>"
    document = trafilatura.bare_extraction(html, with_metadata=True, **TRAFILATURA_SETTINGS)
    if document is None:
        meta = _metadata_only(html)
        return "", tuple(meta.items())
    meta = {
        key: getattr(document, key, None)
        for key in ("title", "date", "sitename", "url", "author", "language", "description", "hostname")
    }
    meta = {k: v for k, v in meta.items() if v}
    lines = [line.strip() for line in (document.text or "").split("\n")]
    text = "\n\n".join(line for line in lines if line)
    return text, tuple(meta.items())


def _metadata_only(html: str) -> dict[str, Any]:
    try:
        from trafilatura import extract_metadata

        document = extract_metadata(html, extensive=False)
    except Exception:  # metadata is a bonus; a page it chokes on still gets a clear NoArticleText
        return {}
    if document is None:
        return {}
    meta = {key: getattr(document, key, None) for key in ("title", "date", "sitename", "url", "language")}
    return {k: v for k, v in meta.items() if v}


# --------------------------------------------------------------------------------------------
# Text
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class BoilerplatePattern:
    pattern: re.Pattern[str]
    reason: str


@functools.lru_cache(maxsize=1)
def load_boilerplate_patterns() -> tuple[BoilerplatePattern, ...]:
    """The patterns of ``data/boilerplate.tsv``, compiled once per process."""
    source = resources.files("conflictwire").joinpath("data/boilerplate.tsv").read_text(encoding="utf-8")
    lines = [line for line in source.splitlines() if line.strip() and not line.startswith("#")]
    patterns = []
    for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE):
        patterns.append(BoilerplatePattern(re.compile(row["pattern"], re.IGNORECASE), row["reason"]))
    return tuple(patterns)


def boilerplate_reason(unit: str) -> str | None:
    """The reason a line or sentence is boilerplate, or None if it is article text."""
    key = _match_key(unit)
    if not key or len(key) > MAX_BOILERPLATE_CHARS:
        return None
    for item in load_boilerplate_patterns():
        if item.pattern.fullmatch(key):
            return item.reason
    return None


def clean_text(text: str, options: Options) -> tuple[str, list[Removal]]:
    """Boilerplate lines and sentences out, repeated sentences out (the first kept), mojibake
    repaired, whitespace normalised with paragraph breaks kept as blank lines.

    Returns the clean text and what was removed, with offsets into ``text``.
    """
    wrapped = is_hard_wrapped(text)
    units = _units(text, wrapped)
    unit_starts = [u.start for u in units]
    removals: list[tuple[_Unit, str]] = []
    removed_ids: set[int] = set()

    # Boilerplate, line by line then sentence by sentence; a "Related" header takes its links along.
    related_budget = 0
    lines = _lines(text)
    for number, line in enumerate(lines):
        if wrapped and not _stands_alone(text, lines, number):
            related_budget = 0
            continue
        reason = boilerplate_reason(line.text)
        if reason is None and related_budget and _looks_like_link(line.text):
            reason = "boilerplate:related"
            related_budget -= 1
        elif reason == "boilerplate:related" and _is_header(line.text):
            related_budget = MAX_RELATED_LINKS
        elif reason is None:
            related_budget = 0
        if reason is not None:
            removals.append((line, reason))
            first = bisect.bisect_left(unit_starts, line.start)
            last = bisect.bisect_left(unit_starts, line.end)
            removed_ids.update(range(first, last))
    for unit in units:
        if unit.index in removed_ids:
            continue
        reason = boilerplate_reason(unit.text)
        if reason is not None:
            removals.append((unit, reason))
            removed_ids.add(unit.index)

    # Repeated sentences: exact and near-exact repeats after the first, and pull-quote excerpts.
    kept = [u for u in units if u.index not in removed_ids]
    for unit, reason in _repeated_units(kept, options.near_duplicate_threshold):
        removals.append((unit, reason))
        removed_ids.add(unit.index)

    spans = sorted(_removal_span(text, unit) for unit, _ in removals)
    pieces = []
    pos = 0
    for start, end in spans:
        if start > pos:
            pieces.append(text[pos:start])
        pos = max(pos, end)
    pieces.append(text[pos:])
    cleaned = normalise_text("".join(pieces), unwrap=wrapped)
    removal_records = sorted(
        (Removal(text=unit.text.strip(), reason=reason, start=unit.start + _leading_space(unit.text)) for unit, reason in removals),
        key=lambda r: r.start or 0,
    )
    return cleaned, removal_records


def normalise_text(text: str, *, unwrap: bool = False) -> str:
    """Repair mojibake and odd characters (ftfy), normalise spaces, keep paragraphs as blank lines.

    With ``unwrap``, the line breaks inside a paragraph of hard-wrapped text become spaces.
    """
    import ftfy

    text = ftfy.fix_text(text)
    text = _INVISIBLE.sub("", text)
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    out: list[str] = []
    blank = False
    for line in lines:
        if not line:
            blank = bool(out)
            continue
        if blank:
            out.append("")
            blank = False
        elif unwrap and out:
            out[-1] = f"{out[-1]} {line}"
            continue
        out.append(line)
    return "\n".join(out)


# Line ends that close a sentence or a heading; a wrapped line ends anywhere else.
_LINE_CLOSERS = (".", "!", "?", ":", ";", '"', "'", "”", "’", ")", "]")
# Text counts as hard-wrapped (a fixed line width, as in wire-service archives and e-mails) when
# most lines followed by another line stop mid-sentence.
WRAPPED_MIN_LINES = 5
WRAPPED_MIN_SHARE = 0.6


def is_hard_wrapped(text: str) -> bool:
    """Whether single line breaks in ``text`` are wrapping rather than paragraph or item breaks."""
    lines = text.splitlines()
    inner = [a.rstrip() for a, b in zip(lines, lines[1:]) if a.strip() and b.strip()]
    if len(inner) < WRAPPED_MIN_LINES:
        return False
    open_ended = sum(1 for line in inner if not line.endswith(_LINE_CLOSERS))
    return open_ended / len(inner) >= WRAPPED_MIN_SHARE


def _stands_alone(text: str, lines: list[_Unit], number: int) -> bool:
    """In wrapped text, whether a line is a unit of its own rather than part of a sentence."""
    line = lines[number]
    if number > 0:
        previous = lines[number - 1]
        directly_after = "\n\n" not in text[previous.end : line.start].replace("\r", "")
        if directly_after and not previous.text.rstrip().endswith(_LINE_CLOSERS):
            return False
    if number + 1 < len(lines):
        following = lines[number + 1]
        directly_before = "\n\n" not in text[line.end : following.start].replace("\r", "")
        if directly_before and not line.text.rstrip().endswith(_LINE_CLOSERS):
            return False
    return True


@dataclass(frozen=True)
class _Unit:
    index: int
    start: int
    end: int
    text: str


def _lines(text: str) -> list[_Unit]:
    """Non-blank lines, with offsets into ``text``."""
    return [
        _Unit(-1 - i, m.start(), m.end(), m.group())
        for i, m in enumerate(re.finditer(r"[^\r\n]+", text))
        if m.group().strip()
    ]


def _units(text: str, wrapped: bool = False) -> list[_Unit]:
    """Sentences with offsets into ``text``: within lines, or within paragraphs of wrapped text."""
    from sentencex import segment

    blocks = _paragraphs(text) if wrapped else _lines(text)
    units: list[_Unit] = []
    for block in blocks:
        pos = block.start
        for piece in segment("en", block.text):
            piece_stripped = piece.strip()
            if not piece_stripped:
                continue
            found = text.find(piece_stripped, pos, block.end)
            if found < 0:
                continue
            end = found + len(piece_stripped)
            units.append(_Unit(len(units), found, end, piece_stripped))
            pos = end
    return units


def _paragraphs(text: str) -> list[_Unit]:
    """Blocks separated by blank lines, with offsets into ``text``."""
    return [
        _Unit(-1 - i, m.start(), m.end(), m.group())
        for i, m in enumerate(re.finditer(r"\S(?:.|\n(?![ \t\r]*\n))*", text))
    ]


def _removal_span(text: str, unit: _Unit) -> tuple[int, int]:
    """The characters to cut for a unit: the unit plus the spaces after it (or the line break)."""
    start, end = unit.start, unit.end
    while end < len(text) and text[end] in " \t":
        end += 1
    if end < len(text) and text[end] == "\r":
        end += 1
    if end < len(text) and text[end] == "\n" and (start == 0 or text[start - 1] == "\n"):
        end += 1
    return start, end


def _leading_space(text: str) -> int:
    return len(text) - len(text.lstrip())


def _match_key(unit: str) -> str:
    key = unit
    if not key.isascii():
        import ftfy

        key = ftfy.fix_text(key)
    key = _SPACES.sub(" ", key).strip(_BULLETS)
    return key.rstrip(" .:;!|")


def _tokens(text: str) -> list[str]:
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
    return _TOKEN.findall(text.lower())


def _looks_like_link(line: str) -> bool:
    """A headline-like line: short and without a sentence's final punctuation, or a list item."""
    stripped = line.strip()
    words = len(_TOKEN.findall(stripped))
    if not 1 <= words <= 20:
        return False
    return stripped[:1] in "-•·*▪►" or not stripped.rstrip("\"'”’)").endswith((".", "!", "?"))


def _is_header(line: str) -> bool:
    return len(_TOKEN.findall(line)) <= 6 and ":" not in line.strip().rstrip(":")


def _is_question(text: str) -> bool:
    # Interviews put the same question to several people; pull quotes are statements.
    return text.rstrip().rstrip("\"'”’»)").endswith(("?", "？", "؟"))


def _repeated_units(units: list[_Unit], threshold: float) -> list[tuple[_Unit, str]]:
    """Units that repeat an earlier one (exact or near-exact), and excerpts of another unit."""
    token_lists = [_tokens(u.text) for u in units]
    token_sets = [frozenset(t) for t in token_lists]
    joined = [" " + " ".join(t) + " " for t in token_lists]
    seen_exact: dict[str, int] = {}
    out: list[tuple[_Unit, str]] = []
    dropped: set[int] = set()
    # Prefix filtering: two sets with Jaccard >= t share a token among the rarest
    # |A| - ceil(t|A|) + 1 of each, so only units sharing such a token are compared.
    frequency = Counter(token for tokens in token_sets for token in tokens)
    by_prefix_token: dict[str, list[int]] = {}
    for i, unit in enumerate(units):
        tokens = token_lists[i]
        if len(tokens) < MIN_REPEAT_TOKENS or _is_question(unit.text):
            continue
        key = joined[i]
        if key in seen_exact:
            out.append((unit, "repeated-sentence"))
            dropped.add(i)
            continue
        seen_exact[key] = i
        if len(tokens) < MIN_NEAR_DUPLICATE_TOKENS:
            continue
        size = len(token_sets[i])
        prefix = sorted(token_sets[i], key=lambda token: (frequency[token], token))
        prefix = prefix[: size - math.ceil(threshold * size) + 1]
        candidates = sorted({j for token in prefix for j in by_prefix_token.get(token, ())})
        for j in candidates:
            other = len(token_sets[j])
            overlap = len(token_sets[i] & token_sets[j])
            if overlap / (size + other - overlap) >= threshold:
                out.append((unit, "near-duplicate-sentence"))
                dropped.add(i)
                break
        else:
            for token in prefix:
                by_prefix_token.setdefault(token, []).append(i)
    # A pull quote is an excerpt of a sentence found elsewhere; the full sentence stays.
    containing: dict[tuple[str, ...], set[int]] = {}
    for j, tokens in enumerate(token_lists):
        if j not in dropped and len(tokens) > MIN_EXCERPT_TOKENS:
            for k in range(len(tokens) - 2):
                containing.setdefault(tuple(tokens[k : k + 3]), set()).add(j)
    for i, unit in enumerate(units):
        tokens = token_lists[i]
        if i in dropped or len(tokens) < MIN_EXCERPT_TOKENS:
            continue
        for j in sorted(containing.get(tuple(tokens[:3]), ())):
            if j != i and j not in dropped and len(token_lists[j]) > len(tokens) and joined[i] in joined[j]:
                out.append((unit, "near-duplicate-sentence"))
                dropped.add(i)
                break
    return out
