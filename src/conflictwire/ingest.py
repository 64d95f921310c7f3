"""Ingest: files, directories, globs, stdin, URLs, feeds and WARC archives in; Articles (or Skips) out.

Every input becomes a stream of :class:`Article` records; an input that cannot be read becomes a
:class:`Skip` naming the input, the reason and what to do, and the batch goes on. Bytes are decoded
here (UTF-8, else a detected encoding); mojibake repair and boilerplate removal belong to the clean
stage. Datelines ("BAGHDAD, March 11 (Reuters) -") are recognised here because they can supply the
publication date, which every relative date in the article hangs on.
"""

from __future__ import annotations

import codecs
import glob
import gzip
import hashlib
import io
import json
import logging
import os
import re
import stat
import sys
import threading
import time
import unicodedata
import urllib.error
import urllib.parse
import urllib.request
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any, BinaryIO

from . import __version__
from .errors import (
    BinaryInput,
    ConflictwireError,
    EmptyInput,
    InputNotFound,
    InputTooLarge,
    InputUnreadable,
    MalformedRecord,
    UndecodableInput,
)
from .options import Options
from .schema import Article, Skip, Span

log = logging.getLogger(__name__)

USER_AGENT = f"conflictwire/{__version__} (+https://pypi.org/project/conflictwire/)"

# File kinds, by name; anything else given explicitly is sniffed from its content.
TEXT_SUFFIXES = {".txt", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
FEED_SUFFIXES = {".xml", ".rss", ".atom"}
WARC_SUFFIXES = {".warc"}
KNOWN_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | FEED_SUFFIXES | WARC_SUFFIXES

STDIN = "-"
STDIN_NAME = "<stdin>"

NO_DATE_WARNING = (
    "no publication date: the input carries none and options.published (--published) is not set, "
    "so relative dates ('on Tuesday', 'yesterday') cannot be resolved"
)

# An article id is a short hash: 16 hex digits (64 bits) keep collisions negligible for any
# corpus a laptop holds, and stay readable in file names and URLs.
ID_HEX_DIGITS = 16


# --------------------------------------------------------------------------------------------
# Public entry point
# --------------------------------------------------------------------------------------------


def iter_articles(
    inputs: Iterable[str], options: Options, *, fetcher: Fetcher | None = None
) -> Iterator[Article | Skip]:
    """Articles from files, directories (recursive), globs, ``-`` (stdin) and http(s) URLs.

    Bad inputs come out as :class:`Skip` records; the rest goes on. ``fetcher`` sets how URLs are
    fetched (timeouts, retries, rate limit); the default is polite.
    """
    fetcher = fetcher or Fetcher()
    for spec in inputs:
        spec = str(spec)
        try:
            yield from _iter_input(spec, options, fetcher)
        except ConflictwireError as exc:
            yield _skip(exc.input or spec, exc)
        except Exception as exc:  # one bad input never stops a batch
            log.exception("reading %s failed", spec)
            yield Skip(input=spec, stage="ingest", code="CW999", message=f"internal error reading {spec}: {type(exc).__name__}: {exc}")


def _skip(input_name: str, exc: ConflictwireError) -> Skip:
    message = exc.args[0] if exc.args else str(exc)
    return Skip(input=input_name, stage="ingest", code=exc.code, message=f"{input_name}: {message}")


def _iter_input(spec: str, options: Options, fetcher: Fetcher) -> Iterator[Article | Skip]:
    if spec == STDIN:
        data = _read_stream(sys.stdin.buffer, STDIN_NAME, options)
        yield from _articles_from_bytes(data, STDIN_NAME, None, options, fetcher)
        return
    if _is_url(spec):
        yield from _articles_from_url(spec, options, fetcher)
        return
    path = Path(spec).expanduser()
    if path.is_dir():
        files = sorted(p for p in path.rglob("*") if p.is_file() and _is_known_file(p))
        if not files:
            raise InputNotFound(
                "the directory holds no file conflictwire reads (.txt, .html, .htm, .jsonl, .xml, .rss, "
                ".atom, .warc, or any of these .gz); name files explicitly to read other kinds",
                input=spec,
            )
        for file in files:
            yield from _iter_file_safely(file, options, fetcher)
        return
    if not path.exists() and glob.has_magic(spec):
        matches = sorted(glob.glob(os.path.expanduser(spec), recursive=True))
        if not matches:
            raise InputNotFound("no file matches this pattern; check the pattern and the directory", input=spec)
        for match in matches:
            match_path = Path(match)
            if match_path.is_dir():
                yield from _iter_input(match, options, fetcher)
            else:
                yield from _iter_file_safely(match_path, options, fetcher)
        return
    yield from _iter_file(path, options, fetcher)


def _iter_file_safely(path: Path, options: Options, fetcher: Fetcher) -> Iterator[Article | Skip]:
    # Inside a directory or glob, one bad file is skipped and the others are still read.
    try:
        yield from _iter_file(path, options, fetcher)
    except ConflictwireError as exc:
        yield _skip(exc.input or str(path), exc)


def _is_known_file(path: Path) -> bool:
    if path.name.startswith("."):
        return False
    return _base_suffix(path.name) in KNOWN_SUFFIXES


def _base_suffix(name: str) -> str:
    """The suffix that says the kind: ``a.html.gz`` -> ``.html``."""
    lower = name.lower()
    if lower.endswith(".gz"):
        lower = lower[:-3]
    return os.path.splitext(lower)[1]


# --------------------------------------------------------------------------------------------
# Files
# --------------------------------------------------------------------------------------------


def _iter_file(path: Path, options: Options, fetcher: Fetcher) -> Iterator[Article | Skip]:
    name = str(path)
    _check_file(path, options)
    lower = path.name.lower()
    kind = _kind_from_suffix(_base_suffix(lower))
    if kind == "warc":
        # WARC archives are streamed record by record (they are often gigabytes); the size limit
        # applies to each page in them.
        yield from _articles_from_warc_file(path, options)
        return
    if kind == "jsonl":
        yield from _articles_from_jsonl_file(path, options)
        return
    if lower.endswith(".gz"):
        data = _read_gzip(path, options)
    else:
        data = _read_file(path, options)
    if kind is None and data.startswith(b"WARC/"):
        yield from _articles_from_warc_file(path, options)
        return
    yield from _articles_from_bytes(data, name, kind, options, fetcher)


def _kind_from_suffix(suffix: str) -> str | None:
    if suffix in TEXT_SUFFIXES:
        return "text"
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    if suffix in FEED_SUFFIXES:
        return "feed"
    if suffix in WARC_SUFFIXES:
        return "warc"
    return None


def _check_file(path: Path, options: Options) -> None:
    """Refuse a missing, unreadable, empty or too large file before anything is read."""
    name = str(path)
    try:
        st = path.stat()
    except FileNotFoundError:
        raise InputNotFound("no such file or directory; check the path", input=name) from None
    except PermissionError:
        raise InputUnreadable("permission denied; check the file's permissions", input=name) from None
    except OSError as exc:
        raise InputUnreadable(f"cannot read the file ({exc.strerror or exc}); check the path", input=name) from None
    if stat.S_ISDIR(st.st_mode):
        raise InputUnreadable("this is a directory, not a file; give the directory itself to read all its files", input=name)
    if not stat.S_ISREG(st.st_mode) and not stat.S_ISFIFO(st.st_mode):
        raise InputUnreadable("not a regular file; give a text, HTML, JSONL, feed or WARC file", input=name)
    is_archive_stream = _kind_from_suffix(_base_suffix(path.name)) in {"warc", "jsonl"}
    if st.st_size > options.max_input_bytes and not is_archive_stream:
        raise InputTooLarge(_too_large_message(st.st_size, options), input=name)
    if st.st_size == 0 and stat.S_ISREG(st.st_mode):
        raise EmptyInput("the file is empty; nothing to read", input=name)


def _too_large_message(size: int | None, options: Options) -> str:
    got = f"{size:,} bytes" if size is not None else "more bytes"
    return (
        f"the input is {got}, over the limit of {options.max_input_bytes:,} bytes (options.max_input_bytes); "
        "raise the limit if this really is one article, or split the file"
    )


def _open(path: Path):
    try:
        return open(path, "rb")
    except PermissionError:
        raise InputUnreadable("permission denied; check the file's permissions", input=str(path)) from None
    except IsADirectoryError:
        raise InputUnreadable("this is a directory, not a file", input=str(path)) from None
    except OSError as exc:
        raise InputUnreadable(f"cannot open the file ({exc.strerror or exc})", input=str(path)) from None


def _read_file(path: Path, options: Options) -> bytes:
    with _open(path) as fh:
        return _read_stream(fh, str(path), options)


def _read_stream(fh: BinaryIO, name: str, options: Options) -> bytes:
    """Read at most the size limit, so a huge or endless stream is refused without being read whole."""
    try:
        data = fh.read(options.max_input_bytes + 1)
    except OSError as exc:
        raise InputUnreadable(f"read failed ({exc.strerror or exc})", input=name) from None
    if len(data) > options.max_input_bytes:
        raise InputTooLarge(_too_large_message(None, options), input=name)
    if not data.strip():
        raise EmptyInput("the input is empty (or only whitespace); nothing to read", input=name)
    return data


def _read_gzip(path: Path, options: Options) -> bytes:
    name = str(path)
    with _open(path) as raw:
        try:
            with gzip.GzipFile(fileobj=raw) as fh:
                data = fh.read(options.max_input_bytes + 1)
        except (OSError, EOFError, zlib.error) as exc:
            raise InputUnreadable(f"not a valid gzip file ({exc}); decompress it or fix the file", input=name) from None
    if len(data) > options.max_input_bytes:
        raise InputTooLarge(
            f"decompresses to more than {options.max_input_bytes:,} bytes (options.max_input_bytes); "
            "raise the limit or split the file",
            input=name,
        )
    if not data.strip():
        raise EmptyInput("the file decompresses to nothing; nothing to read", input=name)
    return data


# --------------------------------------------------------------------------------------------
# Bytes -> articles, by kind
# --------------------------------------------------------------------------------------------


def _articles_from_bytes(
    data: bytes,
    name: str,
    kind: str | None,
    options: Options,
    fetcher: Fetcher,
    *,
    url: str | None = None,
    charset: str | None = None,
) -> Iterator[Article | Skip]:
    if not data.strip():
        raise EmptyInput("the input is empty (or only whitespace); nothing to read", input=name)
    if kind is None:
        kind = sniff_kind(data)
    if kind == "warc":
        yield from _articles_from_warc_stream(io.BytesIO(data), name, options)
        return
    if kind == "jsonl":
        yield from _articles_from_jsonl_stream(io.BytesIO(data), name, options)
        return
    if kind == "feed":
        yield from _articles_from_feed(data, name, options, fetcher, fetch_pages=url is not None, feed_url=url)
        return
    text, warnings = decode_bytes(data, declared=charset, input=name)
    if kind == "html":
        article = article_from_html(text, url=url, input_path=name)
    else:
        article = article_from_text(text, url=url, input_path=name)
    article.warnings[:0] = warnings
    yield finish_article(article, options)


def sniff_kind(data: bytes) -> str:
    """Guess what bytes hold: ``warc``, ``jsonl``, ``feed``, ``html`` or ``text``."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"WARC/"):
        return "warc"
    if head.startswith(b"{"):
        first_line = head.split(b"\n", 1)[0]
        try:
            if isinstance(json.loads(first_line), dict):
                return "jsonl"
        except ValueError:
            pass
    lower = head.lower()
    if re.search(rb"<(rss|feed|rdf:rdf)[\s>]", lower):
        return "feed"
    if re.search(rb"<!doctype html|<html[\s>]|<head[\s>]|<body[\s>]", lower):
        return "html"
    if len(re.findall(rb"</(p|div|span|a|article|section|h[1-6]|li|td)>", lower)) >= 2:
        return "html"
    return "text"


# --------------------------------------------------------------------------------------------
# Decoding
# --------------------------------------------------------------------------------------------

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# File signatures of common binary formats people hand to a text tool by mistake.
_MAGIC = {
    b"%PDF-": "a PDF document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"PK\x03\x04": "a ZIP archive (or a .docx/.xlsx/.odt document)",
    b"\x1f\x8b": "gzip-compressed data (name it .gz)",
    b"\xd0\xcf\x11\xe0": "a Microsoft Office document",
    b"SQLite format 3": "an SQLite database",
}
_DECLARED_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)|<\?xml[^>]+encoding\s*=\s*["']([\w.:-]+)""", re.I)
# Text where more than this share of characters are control characters is binary data that
# happened to decode; real text has none besides tab and newlines.
MAX_CONTROL_CHAR_SHARE = 0.05


def decode_bytes(data: bytes, *, declared: str | None = None, input: str | None = None) -> tuple[str, list[str]]:
    """Text from bytes: a BOM, else the declared charset, else UTF-8, else detection.

    Returns the text and warnings for the article (a repaired or guessed encoding). Raises
    :class:`BinaryInput` or :class:`UndecodableInput`.
    """
    name = input or "input"
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), []
            except UnicodeDecodeError:
                break
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            raise BinaryInput(f"this is {what}, not text or HTML; convert it to text first", input=name)
    if b"\x00" in data[:8192]:
        raise BinaryInput("the bytes contain NUL characters: this is binary data, not text or HTML", input=name)

    warnings: list[str] = []
    text = None
    if declared is None:
        match = _DECLARED_CHARSET.search(data[:4096])
        if match:
            declared = (match.group(1) or match.group(2)).decode("ascii", "replace")
    declared_codec = _codec_name(declared)
    if declared_codec and declared_codec != "utf-8":
        try:
            text = data.decode(declared_codec)
        except UnicodeDecodeError:
            text = None
    if text is None:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = _decode_mostly_utf8(data)
            if text is not None:
                warnings.append(
                    "the input is UTF-8 with some invalid bytes; those were read as Windows-1252 characters"
                )
    if text is None:
        detected = _detect_and_decode(data)
        if detected is not None:
            text, encoding = detected
            warnings.append(f"the input is not UTF-8; its encoding was detected as {encoding}")
    if text is None:
        raise UndecodableInput(
            "the bytes are not UTF-8 and no encoding could be detected; convert the file to UTF-8 "
            "(e.g. iconv -f ENCODING -t UTF-8)",
            input=name,
        )
    if _control_char_share(text) > MAX_CONTROL_CHAR_SHARE:
        raise BinaryInput("the content is mostly non-text characters: this is binary data, not text or HTML", input=name)
    return text, warnings


def _codec_name(label: str | None) -> str | None:
    if not label:
        return None
    try:
        return codecs.lookup(label.strip().lower()).name
    except LookupError:
        return None


def _cp1252_fallback(error: UnicodeDecodeError) -> tuple[str, int]:
    # Mixed files (UTF-8 with a stray Windows-1252 byte pasted in) are common in scraped news.
    bad = error.object[error.start : error.end]
    return bad.decode("cp1252", errors="replace").replace("\ufffd", "?"), error.end


codecs.register_error("conflictwire-cp1252", _cp1252_fallback)


_invalid_bytes = threading.local()


def _count_invalid(error: UnicodeDecodeError) -> tuple[str, int]:
    _invalid_bytes.count += error.end - error.start
    return "", error.end


codecs.register_error("conflictwire-count", _count_invalid)


def _decode_mostly_utf8(data: bytes) -> str | None:
    """UTF-8 with a few invalid bytes, when valid multi-byte sequences outnumber the invalid bytes."""
    _invalid_bytes.count = 0
    valid_text = data.decode("utf-8", errors="conflictwire-count")
    invalid = _invalid_bytes.count
    multibyte = sum(1 for ch in valid_text if ord(ch) > 0x7F)
    if invalid == 0 or multibyte < invalid:
        return None
    return data.decode("utf-8", errors="conflictwire-cp1252")


def _detect_and_decode(data: bytes) -> tuple[str, str] | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        return None
    return str(best), best.encoding


def _control_char_share(text: str) -> float:
    sample = text[:20000]
    if not sample:
        return 0.0
    controls = sum(1 for ch in sample if unicodedata.category(ch) == "Cc" and ch not in "\t\n\r\f\v")
    return controls / len(sample)


# --------------------------------------------------------------------------------------------
# Building articles
# --------------------------------------------------------------------------------------------


def article_from_text(
    text: str,
    *,
    id: str | None = None,
    url: str | None = None,
    title: str | None = None,
    published: date | str | None = None,
    source_name: str | None = None,
    input_path: str | None = None,
) -> Article:
    """An Article from plain text; the publication date comes from ``published``, else a dateline."""
    warnings: list[str] = []
    published_date = _coerce_date(published, warnings)
    article = Article(
        id=id if id is not None else make_article_id(url=url, text=text),
        url=url,
        title=title if title is not None else headline_of(text),
        published=published_date,
        source_name=source_name,
        raw_text=text,
        input_path=input_path,
        warnings=warnings,
    )
    _apply_dateline(article, text)
    return article


def article_from_html(
    html: str,
    *,
    id: str | None = None,
    url: str | None = None,
    title: str | None = None,
    published: date | str | None = None,
    source_name: str | None = None,
    input_path: str | None = None,
) -> Article:
    """An Article from an HTML page; title, date, site name and canonical URL come from its meta tags
    when not given. The main text is extracted by the clean stage (the dateline is read here)."""
    from .clean import extract_html

    warnings: list[str] = []
    published_date = _coerce_date(published, warnings)
    body, meta = extract_html(html)
    if url is None:
        url = meta.get("url")
    if published_date is None and meta.get("date"):
        published_date = _coerce_date(meta["date"], [])
    article = Article(
        id=id if id is not None else make_article_id(url=url, text=body or html),
        url=url,
        title=title or meta.get("title"),
        published=published_date,
        source_name=source_name or meta.get("sitename"),
        raw_html=html,
        language=meta.get("language"),
        input_path=input_path,
        warnings=warnings,
    )
    _apply_dateline(article, body)
    return article


# A first line this short, without a sentence's final stop and followed by a blank line, is a headline.
HEADLINE_MAX_WORDS = 20


def headline_of(text: str) -> str | None:
    """The headline of a plain-text article: its first line when that line reads as one."""
    stripped = text.lstrip()
    first, sep, rest = stripped.partition("\n")
    first = first.strip()
    if not sep or not rest.startswith(("\n", "\r\n")) and not rest.lstrip(" \t").startswith(("\n", "\r")):
        return None
    words = first.split()
    if not 2 <= len(words) <= HEADLINE_MAX_WORDS or first.endswith((".", ",", ";", ":")):
        return None
    if find_dateline(first) is not None:
        return None
    return first


def _apply_dateline(article: Article, text: str) -> None:
    found = find_dateline(text)
    if found is None:
        article.dateline = None
    else:
        article.dateline = found.span
        if article.published is None:
            article.published = found.full_date()
    if article.published is None and NO_DATE_WARNING not in article.warnings:
        article.warnings.append(NO_DATE_WARNING)


def finish_article(article: Article, options: Options, *, fallback_date: date | None = None) -> Article:
    """Fill the publication date from a dateline's month/day, ``fallback_date`` or ``options.published``."""
    if article.published is None:
        year_hint = options.published or fallback_date
        if article.dateline is not None and year_hint is not None:
            found = parse_dateline(article.dateline.text)
            article.published = found.date_with_year_hint(year_hint) if found else None
        if article.published is None:
            article.published = fallback_date or options.published
    if article.published is not None and NO_DATE_WARNING in article.warnings:
        article.warnings.remove(NO_DATE_WARNING)
    return article


def make_article_id(*, url: str | None = None, text: str | None = None) -> str:
    """A stable short id: a hash of the canonical URL when known, else of the normalised text."""
    if url:
        key = "url:" + canonical_url(url)
    else:
        key = "text:" + normalise_for_id(text or "")
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:ID_HEX_DIGITS]


# Query parameters that track a click rather than name a page.
_TRACKING_PARAMS = re.compile(r"^(utm_\w+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|ocid|cmpid|icid|smid|ito|ref|ref_src|s_cid|__twitter_impression)$", re.I)


def canonical_url(url: str) -> str:
    """The URL with case, default port, fragment, tracking parameters and trailing slash normalised."""
    parts = urllib.parse.urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if host.startswith("www."):
        host = host[4:]
    port = parts.port
    netloc = host if port is None or (scheme, port) in {("http", 80), ("https", 443)} else f"{host}:{port}"
    query = urllib.parse.urlencode(
        sorted((k, v) for k, v in urllib.parse.parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING_PARAMS.match(k))
    )
    path = parts.path or "/"
    if len(path) > 1 and path.endswith("/"):
        path = path.rstrip("/")
    if scheme in {"http", "https"}:
        scheme = "https"  # the same page is served on both; keep one id
    return urllib.parse.urlunsplit((scheme, netloc, path, query, ""))


def normalise_for_id(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).split())


def parse_date_value(value: Any) -> date | None:
    """A date from ISO 8601 (date or datetime), RFC 2822, or a struct_time; None if not understood."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, time.struct_time):
        return date(value.tm_year, value.tm_mon, value.tm_mday)
    if not isinstance(value, str):
        return None
    value = value.strip()
    match = re.match(r"^(\d{4})-(\d{2})-(\d{2})", value)
    if match:
        try:
            return date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            return None
    try:
        return parsedate_to_datetime(value).date()
    except (TypeError, ValueError, IndexError):
        return None


def _coerce_date(value: date | str | None, warnings: list[str]) -> date | None:
    if value is None or value == "":
        return None
    parsed = parse_date_value(value)
    if parsed is None:
        warnings.append(f"publication date {value!r} not understood (expected YYYY-MM-DD); ignored")
    return parsed


# --------------------------------------------------------------------------------------------
# JSONL
# --------------------------------------------------------------------------------------------

JSONL_FIELDS = ("id", "text", "html", "url", "title", "published", "source")


def _articles_from_jsonl_file(path: Path, options: Options) -> Iterator[Article | Skip]:
    name = str(path)
    with _open(path) as raw:
        if path.name.lower().endswith(".gz"):
            with gzip.GzipFile(fileobj=raw) as fh:
                try:
                    yield from _articles_from_jsonl_stream(fh, name, options)
                except (OSError, EOFError, zlib.error) as exc:
                    raise InputUnreadable(f"not a valid gzip file ({exc})", input=name) from None
        else:
            yield from _articles_from_jsonl_stream(raw, name, options)


def _articles_from_jsonl_stream(fh: BinaryIO, name: str, options: Options) -> Iterator[Article | Skip]:
    """One article per line; a bad line becomes a Skip naming ``file:line`` and the rest is read."""
    any_line = False
    limit = options.max_input_bytes
    for lineno, line in enumerate(_bounded_lines(fh, limit), start=1):
        where = f"{name}:{lineno}"
        if line is None:
            yield _skip(where, InputTooLarge(_too_large_message(None, options)))
            any_line = True
            continue
        if not line.strip():
            continue
        any_line = True
        try:
            yield _article_from_json_line(line, where, options)
        except ConflictwireError as exc:
            yield _skip(where, exc)
    if not any_line:
        raise EmptyInput("the JSONL input has no lines; nothing to read", input=name)


def _bounded_lines(fh: BinaryIO, limit: int) -> Iterator[bytes | None]:
    """Lines of at most ``limit`` bytes; a longer line yields None and is skipped to its end."""
    while True:
        line = fh.readline(limit + 2)
        if not line:
            return
        if len(line) > limit + 1 or (len(line) == limit + 2 and not line.endswith(b"\n")):
            while line and not line.endswith(b"\n"):
                line = fh.readline(1 << 20)
            yield None
            continue
        yield line


def _article_from_json_line(line: bytes, where: str, options: Options) -> Article:
    try:
        text_line, warnings = decode_bytes(line, declared="utf-8", input=where)
        record = json.loads(text_line)
    except ConflictwireError:
        raise
    except ValueError as exc:
        raise MalformedRecord(f"the line is not valid JSON ({exc}); fix or remove the line") from None
    if not isinstance(record, dict):
        raise MalformedRecord("the line is JSON but not an object; each line must be an object with 'text' or 'html'")
    text = record.get("text")
    html = record.get("html")
    if not (isinstance(text, str) and text.strip()) and not (isinstance(html, str) and html.strip()):
        raise MalformedRecord("the record has no 'text' or 'html' string; each line needs one of them")
    given_id = record.get("id")
    fields = dict(
        id=None if given_id is None or given_id == "" else str(given_id),
        url=_str_or_none(record.get("url")),
        title=_str_or_none(record.get("title")),
        published=_str_or_none(record.get("published")),
        source_name=_str_or_none(record.get("source") or record.get("source_name")),
        input_path=where,
    )
    if isinstance(text, str) and text.strip():
        article = article_from_text(text, **fields)
    else:
        article = article_from_html(html, **fields)
    article.warnings[:0] = warnings
    return finish_article(article, options)


def _str_or_none(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, dict):
        value = value.get("name") or value.get("title")
    return str(value) if value not in (None, "") else None


# --------------------------------------------------------------------------------------------
# Feeds (RSS / Atom)
# --------------------------------------------------------------------------------------------


def _articles_from_feed(
    data: bytes, name: str, options: Options, fetcher: Fetcher, *, fetch_pages: bool, feed_url: str | None
) -> Iterator[Article | Skip]:
    """Entries become articles; for a feed read from a URL, each entry's page is fetched."""
    import feedparser

    parsed = feedparser.parse(data)
    entries = list(parsed.entries)
    if not entries:
        if sniff_kind(data) == "html":
            text, warnings = decode_bytes(data, input=name)
            article = article_from_html(text, input_path=name)
            article.warnings[:0] = warnings
            yield finish_article(article, options)
            return
        reason = f" ({parsed.bozo_exception})" if getattr(parsed, "bozo", False) else ""
        raise EmptyInput(f"no feed entries found{reason}; is this an RSS/Atom feed?", input=name)
    source_name = _str_or_none(parsed.feed.get("title")) if hasattr(parsed, "feed") else None
    for index, entry in enumerate(entries, start=1):
        link = entry.get("link")
        if link and feed_url:
            link = urllib.parse.urljoin(feed_url, link)
        where = link if fetch_pages and link else f"{name}#entry{index}"
        published = None
        for key in ("published_parsed", "updated_parsed"):
            if entry.get(key):
                published = parse_date_value(entry[key])
                break
        try:
            yield _article_from_feed_entry(entry, link, where, published, source_name, options, fetcher, fetch_pages)
        except ConflictwireError as exc:
            yield _skip(where, exc)


def _article_from_feed_entry(entry, link, where, published, source_name, options, fetcher, fetch_pages) -> Article:
    title = _str_or_none(entry.get("title"))
    warnings: list[str] = []
    if fetch_pages and link and _is_url(link):
        try:
            page = fetcher.fetch(link, options)
            text, warnings = decode_bytes(page.data, declared=page.charset, input=link)
            kind = "html" if page.is_html or sniff_kind(page.data) == "html" else "text"
            build = article_from_html if kind == "html" else article_from_text
            article = build(text, url=page.url, title=title, published=published, source_name=source_name, input_path=where)
            article.warnings[:0] = warnings
            return finish_article(article, options)
        except ConflictwireError as exc:
            warnings = [f"could not fetch the article page ({exc}); using the feed entry's own text"]
    body, is_html = _feed_entry_body(entry)
    if not body.strip():
        raise EmptyInput("the feed entry has no text (no content or summary) and its page was not fetched")
    build = article_from_html if is_html else article_from_text
    article = build(body, url=link, title=title, published=published, source_name=source_name, input_path=where)
    article.warnings[:0] = warnings
    return finish_article(article, options)


def _feed_entry_body(entry) -> tuple[str, bool]:
    """The fullest text an entry carries (content, else summary) and whether it is HTML."""
    candidates = []
    for content in entry.get("content") or []:
        candidates.append((content.get("value") or "", content.get("type") or ""))
    if entry.get("summary"):
        detail = entry.get("summary_detail") or {}
        candidates.append((entry["summary"], detail.get("type") or "text/html"))
    if not candidates:
        return "", False
    value, mime = max(candidates, key=lambda c: len(c[0]))
    is_html = "html" in mime and bool(re.search(r"<[a-zA-Z][^>]*>", value))
    return value, is_html


# --------------------------------------------------------------------------------------------
# WARC
# --------------------------------------------------------------------------------------------

HTML_MIME = re.compile(r"^\s*(text/html|application/xhtml\+xml)", re.I)


def _articles_from_warc_file(path: Path, options: Options) -> Iterator[Article | Skip]:
    with _open(path) as fh:
        yield from _articles_from_warc_stream(fh, str(path), options)


def _articles_from_warc_stream(fh: BinaryIO, name: str, options: Options) -> Iterator[Article | Skip]:
    """HTML response records become articles with the record's target URI and WARC-Date."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    found = records = 0
    try:
        for record in ArchiveIterator(fh):
            records += 1
            if record.rec_type != "response" or record.http_headers is None:
                continue
            content_type = record.http_headers.get_header("Content-Type") or ""
            if not HTML_MIME.match(content_type):
                continue
            uri = record.rec_headers.get_header("WARC-Target-URI")
            where = f"{name}#{uri or record.rec_headers.get_header('WARC-Record-ID')}"
            found += 1
            try:
                data = record.content_stream().read(options.max_input_bytes + 1)
                if len(data) > options.max_input_bytes:
                    raise InputTooLarge(_too_large_message(None, options))
                if not data.strip():
                    raise EmptyInput("the WARC record has an empty body")
                text, warnings = decode_bytes(data, declared=_charset_of(content_type), input=where)
                crawl_date = parse_date_value(record.rec_headers.get_header("WARC-Date"))
                article = article_from_html(text, url=uri, input_path=where)
                article.warnings[:0] = warnings
                yield finish_article(article, options, fallback_date=crawl_date)
            except ConflictwireError as exc:
                yield _skip(where, exc)
    except ArchiveLoadFailed as exc:
        raise InputUnreadable(f"not a valid WARC file ({exc})", input=name) from None
    if records == 0:
        raise InputUnreadable("not a valid WARC file: no WARC record found in it", input=name)
    if found == 0:
        raise EmptyInput("the WARC file holds no HTML response records", input=name)


def _charset_of(content_type: str | None) -> str | None:
    if not content_type:
        return None
    match = re.search(r"charset\s*=\s*[\"']?([\w.:-]+)", content_type, re.I)
    return match.group(1) if match else None


# --------------------------------------------------------------------------------------------
# URLs: polite fetching
# --------------------------------------------------------------------------------------------


def _is_url(spec: str) -> bool:
    return spec.lower().startswith(("http://", "https://"))


@dataclass(frozen=True)
class FetchedPage:
    url: str
    content_type: str
    charset: str | None
    data: bytes

    @property
    def is_html(self) -> bool:
        return bool(HTML_MIME.match(self.content_type))

    @property
    def is_feed(self) -> bool:
        return bool(re.search(r"(rss|atom|rdf)\+xml|/xml\b", self.content_type, re.I))


class Fetcher:
    """Fetches URLs the user asked for, politely: a timeout, retries with backoff, our user agent,
    and a minimum interval between two requests to the same host."""

    # 20 s: slow news sites answer within a few seconds; a server silent for 20 s is down.
    # Two retries with backoff 1 s, 2 s ride out a restart or a 503 without hammering anyone.
    # One request per second per host is the usual courtesy for crawlers.
    def __init__(
        self,
        *,
        timeout: float = 20.0,
        retries: int = 2,
        backoff: float = 1.0,
        min_interval: float = 1.0,
        user_agent: str = USER_AGENT,
    ) -> None:
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self.min_interval = min_interval
        self.user_agent = user_agent
        self._last_request: dict[str, float] = {}
        self._lock = threading.Lock()

    def _wait_for_host(self, host: str) -> None:
        with self._lock:
            last = self._last_request.get(host)
            now = time.monotonic()
            if last is not None and now - last < self.min_interval:
                time.sleep(self.min_interval - (now - last))
            self._last_request[host] = time.monotonic()

    def fetch(self, url: str, options: Options) -> FetchedPage:
        host = urllib.parse.urlsplit(url).netloc.lower()
        attempt = 0
        while True:
            self._wait_for_host(host)
            try:
                return self._fetch_once(url, options)
            except _Retryable as exc:
                if attempt >= self.retries:
                    raise InputUnreadable(
                        f"fetch failed after {attempt + 1} attempts ({exc}); check the URL and your connection",
                        input=url,
                    ) from None
                time.sleep(self.backoff * (2**attempt))
                attempt += 1

    def _fetch_once(self, url: str, options: Options) -> FetchedPage:
        request = urllib.request.Request(url, headers={"User-Agent": self.user_agent, "Accept": "*/*"})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                length = response.headers.get("Content-Length")
                if length and length.isdigit() and int(length) > options.max_input_bytes:
                    raise InputTooLarge(_too_large_message(int(length), options), input=url)
                data = response.read(options.max_input_bytes + 1)
                if len(data) > options.max_input_bytes:
                    raise InputTooLarge(_too_large_message(None, options), input=url)
                content_type = response.headers.get("Content-Type") or ""
                if (response.headers.get("Content-Encoding") or "").lower() == "gzip":
                    try:
                        data = gzip.decompress(data)
                    except (OSError, EOFError, zlib.error) as exc:
                        raise InputUnreadable(f"the server sent broken gzip data ({exc})", input=url) from None
                return FetchedPage(response.geturl(), content_type, _charset_of(content_type), data)
        except urllib.error.HTTPError as exc:
            if exc.code == 429 or exc.code >= 500:
                raise _Retryable(f"HTTP {exc.code} {exc.reason}") from None
            raise InputUnreadable(f"the server answered HTTP {exc.code} {exc.reason}; check the URL", input=url) from None
        except urllib.error.URLError as exc:
            raise _Retryable(str(exc.reason)) from None
        except (TimeoutError, ConnectionError) as exc:
            raise _Retryable(f"{type(exc).__name__}: {exc}") from None


class _Retryable(Exception):
    pass


def _articles_from_url(url: str, options: Options, fetcher: Fetcher) -> Iterator[Article | Skip]:
    page = fetcher.fetch(url, options)
    if not page.data.strip():
        raise EmptyInput("the server sent an empty body", input=url)
    kind = sniff_kind(page.data)
    if page.is_feed or kind == "feed":
        kind = "feed"
    elif page.is_html:
        kind = "html"
    yield from _articles_from_bytes(page.data, url, kind, options, fetcher, url=page.url, charset=page.charset)


# --------------------------------------------------------------------------------------------
# Datelines
# --------------------------------------------------------------------------------------------

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MONTH = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_WEEKDAY = r"(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?"
_DATE = (
    rf"(?i:(?:{_WEEKDAY},?[ ]+)?"
    rf"(?:(?P<month1>{_MONTH})[ ]+(?P<day1>\d{{1,2}})(?:st|nd|rd|th)?(?:,?[ ]+(?P<year1>\d{{4}}|'?\d{{2}}))?"
    rf"|(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?[ ]+(?P<month2>{_MONTH})(?:,?[ ]+(?P<year2>\d{{4}}|'?\d{{2}}))?"
    rf"|(?P<iso>\d{{4}}-\d{{2}}-\d{{2}})))"
)
_UPPER = "A-ZÀ-ÖØ-Þ"
_NAME_WORD = rf"[{_UPPER}][\w'’.\-/]*"
# Small words inside place names: "Dar es Salaam", "Rio de Janeiro", "Bandar Seri Begawan".
_CONNECTOR = r"(?:de|del|da|do|dos|das|es|el|al|la|le|les|of|on|upon|sur|am|an|bin|ibn)"
_PLACE = rf"{_NAME_WORD}(?:[ ](?:{_CONNECTOR}[ ])?{_NAME_WORD}){{0,3}}"
_AGENCY = r"[A-Za-z][\w.&'’ /\-]{0,38}?"
_DATELINE = re.compile(
    rf"(?P<place>{_PLACE})"
    # The country in brackets, as monitoring services write it: "PANAMA CITY (PANAMA), 12 JAN 90".
    rf"(?:[ ]*\((?P<region_bracket>{_PLACE})\)(?=,))?"
    rf"(?:,[ ]*(?P<region>{_PLACE}(?:,[ ]*{_PLACE})?))?"
    rf"(?:,?[ ]+(?P<date>{_DATE}))?"
    rf"(?:[ ]*(?:\((?P<agency>{_AGENCY})\)|/(?P<agency_slash>{_AGENCY})/))?"
    rf"[ ]*(?P<sep>--|—|–|-|:)(?=[ ]|$)",
)
# All-caps words that open a line with a colon or dash but are not places.
_NOT_PLACES = {
    "UPDATE", "UPDATED", "BREAKING", "EXCLUSIVE", "WATCH", "VIDEO", "PHOTOS", "PHOTO", "ANALYSIS",
    "OPINION", "EDITORIAL", "NOTE", "LIVE", "FILE", "CORRECTION", "COMMENT", "REVIEW", "INTERVIEW",
    "FACTBOX", "EXPLAINER", "TIMELINE", "Q&A", "WARNING", "EDITOR'S NOTE", "ADVERTISEMENT", "SOURCE",
    "SOURCES", "CAPTION", "READ MORE", "RELATED", "TAGS", "TOPICS", "SUMMARY", "HIGHLIGHTS", "QUESTION",
    "ANSWER", "Q", "A",
    # Organisations that open sentences in capitals ("ISIS - which holds the city -").
    "ISIS", "ISIL", "NATO", "EU", "UN", "AP", "AFP", "REUTERS", "CNN", "BBC",
}  # fmt: skip
# Agencies that sign mixed-case datelines ("Tikrit, Iraq (Reuters) -"); all-caps datelines need none.
NEWS_AGENCIES = {
    "reuters", "ap", "afp", "dpa", "xinhua", "cnn", "bbc", "upi", "ians", "pti", "ani", "uni", "efe",
    "ansa", "tass", "ria novosti", "sputnik", "irna", "isna", "fars", "mehr", "anadolu", "aa", "bernama",
    "yonhap", "kyodo", "apa", "nna", "qna", "wam", "spa", "mena", "sana", "kuna", "petra", "ina",
    "associated press", "agence france-presse", "thomson reuters", "al jazeera", "the associated press",
}  # fmt: skip
# A dateline opens the story: look no further than the first lines (a headline may come first).
DATELINE_MAX_LINES = 4
DATELINE_MAX_OFFSET = 600


@dataclass(frozen=True)
class Dateline:
    """A parsed dateline: where and (sometimes) when the story was filed, and by which agency."""

    span: Span
    place: Span
    region: str | None = None
    agency: str | None = None
    year: int | None = None
    month: int | None = None
    day: int | None = None

    def full_date(self) -> date | None:
        """The date when the dateline gives day, month and year."""
        if self.year is None or self.month is None or self.day is None:
            return None
        return _safe_date(self.year, self.month, self.day)

    def date_with_year_hint(self, hint: date) -> date | None:
        """The date, taking a missing year from ``hint`` (a dateline is never long after the hint)."""
        full = self.full_date()
        if full is not None or self.month is None or self.day is None:
            return full
        candidate = _safe_date(hint.year, self.month, self.day)
        # A December dateline on a story dated early January belongs to the year before.
        if candidate is not None and (candidate - hint).days > 31:
            candidate = _safe_date(hint.year - 1, self.month, self.day)
        return candidate


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def find_dateline(text: str) -> Dateline | None:
    """The dateline at the start of one of the first lines of ``text``, with offsets into ``text``."""
    pos = 0
    for _ in range(DATELINE_MAX_LINES):
        while pos < len(text) and text[pos] in " \t\r\n\u00a0":
            pos += 1
        if pos >= min(len(text), DATELINE_MAX_OFFSET):
            return None
        line_end = text.find("\n", pos)
        if line_end < 0:
            line_end = len(text)
        found = _match_dateline(text, pos, line_end)
        if found is not None:
            return found
        pos = line_end + 1
    return None


def parse_dateline(text: str) -> Dateline | None:
    """Parse a dateline string (such as ``article.dateline.text``); offsets are into ``text``."""
    return _match_dateline(text, 0, len(text))


def dateline_place(article: Article) -> Span | None:
    """The place named in the article's dateline, with offsets into the article's text."""
    if article.dateline is None:
        return None
    found = parse_dateline(article.dateline.text)
    if found is None:
        return None
    start = article.dateline.start + found.place.start
    return Span(start=start, end=start + len(found.place.text), text=found.place.text)


def _match_dateline(text: str, pos: int, endpos: int) -> Dateline | None:
    match = _DATELINE.match(text, pos, endpos)
    if match is None:
        return None
    place = match["place"]
    letters = [ch for ch in place if ch.isalpha()]
    all_caps = len(letters) >= 2 and all(ch.isupper() for ch in letters)
    has_date = match["date"] is not None
    agency = match["agency"] or match["agency_slash"]
    if place.upper() in _NOT_PLACES:
        return None
    if not all_caps:
        # A capitalised phrase before a dash is usually a sentence ("Troops - ...") or a name with
        # an acronym ("Islamic State (IS) -"): a mixed-case dateline needs a date or a news agency.
        known_agency = agency is not None and agency.strip().lower() in NEWS_AGENCIES
        if match["sep"] == ":" or not (has_date or known_agency):
            return None
    year = month = day = None
    if has_date:
        if match["iso"]:
            year, month, day = (int(x) for x in match["iso"].split("-"))
        else:
            month_name = (match["month1"] or match["month2"]).lower()[:3]
            month = _MONTHS[month_name]
            day = int(match["day1"] or match["day2"])
            year_text = match["year1"] or match["year2"]
            if year_text:
                year = _expand_year(year_text.lstrip("'"))
        if not (1 <= (month or 1) <= 12 and 1 <= (day or 1) <= 31):
            return None
    end = match.end()
    place_start = match.start("place")
    return Dateline(
        span=Span(start=match.start(), end=end, text=text[match.start() : end]),
        place=Span(start=place_start, end=match.end("place"), text=place),
        region=match["region"] or match["region_bracket"],
        agency=agency.strip() if agency else None,
        year=year,
        month=month,
        day=day,
    )


def _expand_year(text: str) -> int:
    value = int(text)
    if len(text) == 4:
        return value
    # Two-digit years ("12 JAN 90"): up to next year means this century, else the last one.
    pivot = (date.today().year + 1) % 100
    return 2000 + value if value <= pivot else 1900 + value
