"""Tests for ingest: every input kind, stable ids, datelines, publication dates and every bad input."""

from __future__ import annotations

import gzip
import io
import json
import os
import sys
import threading
import time
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from conflictwire.ingest import (
    NO_DATE_WARNING,
    Fetcher,
    article_from_html,
    article_from_text,
    canonical_url,
    dateline_place,
    decode_bytes,
    find_dateline,
    iter_articles,
    make_article_id,
    sniff_kind,
)
from conflictwire.options import Options
from conflictwire.schema import Article, Skip

DATA = Path(__file__).parent / "data" / "ingest"

STORY = (
    "GOMA, Congo (Reuters) - Rebels seized two villages north of Goma on Tuesday, a local official said.\n\n"
    "Thousands of residents fled towards the city, aid workers said.\n"
)

HTML_PAGE = """<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Car bomb kills four in Mogadishu | Horn Daily</title>
<meta property="og:title" content="Car bomb kills four in Mogadishu">
<meta property="og:site_name" content="Horn Daily">
<meta property="article:published_time" content="2023-06-14T09:30:00+03:00">
<link rel="canonical" href="https://horn-daily.example/world/car-bomb-mogadishu">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li></ul></nav>
<article>
<h1>Car bomb kills four in Mogadishu</h1>
<p>A car bomb exploded near a checkpoint in the Somali capital on Wednesday, killing at least four people, police said.</p>
<p>The blast struck close to the road leading to the airport, witnesses told reporters by phone.</p>
<p>No group immediately claimed responsibility for the attack, the deadliest in the city this month.</p>
</article>
<footer><p>Sign up for our daily newsletter</p><p>Terms of Use | Privacy Policy</p></footer>
</body></html>
"""


def _articles(items):
    return [x for x in items if isinstance(x, Article)]


def _skips(items):
    return [x for x in items if isinstance(x, Skip)]


def _run(inputs, **options):
    return list(iter_articles([str(i) for i in inputs], Options(**options), fetcher=Fetcher(min_interval=0, backoff=0.01)))


# --------------------------------------------------------------------------------------------
# Input kinds
# --------------------------------------------------------------------------------------------


def test_ingest_text_file(tmp_path):
    path = tmp_path / "goma.txt"
    path.write_text(STORY, encoding="utf-8")
    (article,) = _run([path])
    assert article.raw_text == STORY
    assert article.input_path == str(path)
    assert article.raw_html is None
    assert len(article.id) == 16


def test_ingest_same_input_twice_gives_same_id(tmp_path):
    one = tmp_path / "one.txt"
    two = tmp_path / "two.txt"
    one.write_text(STORY, encoding="utf-8")
    two.write_text(STORY.replace("\n\n", "\n   \n"), encoding="utf-8")  # same text, other spacing
    first, second = _run([one]), _run([one])
    assert first[0].id == second[0].id
    assert _run([two])[0].id == first[0].id
    assert article_from_text("Other text entirely about Goma.").id != first[0].id


def test_ingest_id_prefers_url_and_ignores_tracking():
    a = make_article_id(url="https://www.example.org/news/a?utm_source=rss#top", text="x")
    b = make_article_id(url="http://example.org/news/a/", text="different text")
    assert a == b
    assert canonical_url("HTTPS://Example.org:443/x?b=2&a=1&fbclid=9") == "https://example.org/x?a=1&b=2"
    assert make_article_id(url="https://example.org/news/b") != a


def test_ingest_html_file_reads_meta_tags(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(HTML_PAGE, encoding="utf-8")
    (article,) = _run([path])
    assert article.raw_html == HTML_PAGE
    assert article.title == "Car bomb kills four in Mogadishu"
    assert article.published == date(2023, 6, 14)
    assert article.source_name == "Horn Daily"
    assert article.url == "https://horn-daily.example/world/car-bomb-mogadishu"
    assert article.id == make_article_id(url=article.url)
    assert NO_DATE_WARNING not in article.warnings


def test_ingest_jsonl_fields_and_given_id(tmp_path):
    path = tmp_path / "batch.jsonl"
    rows = [
        {"id": "r-1", "text": STORY, "url": "https://example.org/goma", "title": "Rebels seize villages",
         "published": "2024-02-06", "source": "Example Wire"},
        {"id": 7, "html": HTML_PAGE},
    ]  # fmt: skip
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    first, second = _run([path])
    assert (first.id, first.url, first.title, first.source_name) == (
        "r-1", "https://example.org/goma", "Rebels seize villages", "Example Wire"
    )
    assert first.published == date(2024, 2, 6)
    assert first.input_path == f"{path}:1"
    assert second.id == "7" and second.raw_html == HTML_PAGE and second.published == date(2023, 6, 14)


def test_ingest_jsonl_bad_lines_are_skipped_and_good_ones_read(tmp_path):
    path = tmp_path / "mixed.jsonl"
    path.write_text(
        json.dumps({"id": "good-1", "text": "Troops clashed with rebels near Beni."}) + "\n"
        "{not json at all\n"
        + json.dumps({"id": "no-text", "title": "only a title"}) + "\n"
        "[1, 2, 3]\n"
        "\n"
        + json.dumps({"id": "good-2", "text": "Police arrested ten protesters in Lagos."}) + "\n",
        encoding="utf-8",
    )
    items = _run([path])
    assert [a.id for a in _articles(items)] == ["good-1", "good-2"]
    skips = _skips(items)
    assert [(s.input, s.code) for s in skips] == [(f"{path}:2", "CW107"), (f"{path}:3", "CW107"), (f"{path}:4", "CW107")]
    assert "not valid JSON" in skips[0].message and str(path) in skips[0].message
    assert "'text' or 'html'" in skips[1].message


@pytest.mark.parametrize("name", ["story.txt.gz", "story.html.gz", "batch.jsonl.gz"])
def test_ingest_gzip_of_each_kind(tmp_path, name):
    if name.startswith("batch"):
        payload = json.dumps({"id": "gz-1", "text": STORY}) + "\n"
    elif ".html" in name:
        payload = HTML_PAGE
    else:
        payload = STORY
    path = tmp_path / name
    path.write_bytes(gzip.compress(payload.encode("utf-8")))
    (article,) = _run([path])
    if ".html" in name:
        assert article.title == "Car bomb kills four in Mogadishu"
    else:
        assert article.raw_text == STORY


def test_ingest_directory_is_recursive_and_reads_known_kinds_only(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "b").mkdir()
    (tmp_path / "a" / "one.txt").write_text("Gunmen attacked a village in Zamfara state.", encoding="utf-8")
    (tmp_path / "a" / "b" / "two.htm").write_text(HTML_PAGE, encoding="utf-8")
    (tmp_path / "a" / "notes.md").write_text("not an input", encoding="utf-8")
    (tmp_path / "a" / ".hidden.txt").write_text("hidden", encoding="utf-8")
    items = _run([tmp_path])
    assert sorted(Path(a.input_path).name for a in _articles(items)) == ["one.txt", "two.htm"]
    assert not _skips(items)


def test_ingest_glob_pattern(tmp_path):
    for i in range(3):
        (tmp_path / f"report{i}.txt").write_text(f"Report {i}: shelling hit the town of Bakhmut.", encoding="utf-8")
    (tmp_path / "other.html").write_text(HTML_PAGE, encoding="utf-8")
    items = _run([tmp_path / "report*.txt"])
    assert [Path(a.input_path).name for a in items] == ["report0.txt", "report1.txt", "report2.txt"]


@pytest.mark.parametrize(
    ("payload", "kind"),
    [
        (json.dumps({"id": "s1", "text": "Clashes in Juba left three dead."}) + "\n", "jsonl"),
        (HTML_PAGE, "html"),
        ("Clashes in Juba left three dead, a military spokesman said.\n", "text"),
    ],
)
def test_ingest_stdin_is_sniffed(monkeypatch, payload, kind):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(payload.encode("utf-8"))))
    (article,) = _run(["-"])
    if kind == "jsonl":
        assert article.id == "s1" and article.raw_text.startswith("Clashes in Juba")
    elif kind == "html":
        assert article.raw_html == HTML_PAGE and article.title == "Car bomb kills four in Mogadishu"
    else:
        assert article.raw_text == payload and article.input_path == "<stdin>"


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"WARC/1.0\r\n", "warc"),
        (b'{"text": "x"}\n{"text": "y"}', "jsonl"),
        (b"<?xml version='1.0'?><rss version='2.0'><channel></channel></rss>", "feed"),
        (b"<feed xmlns='http://www.w3.org/2005/Atom'></feed>", "feed"),
        (b"<!doctype html><p>x</p>", "html"),
        (b"<div><p>One</p><p>Two</p></div>", "html"),
        (b"{curly} braces are not JSON", "text"),
        (b"Plain words about a protest in Dhaka.", "text"),
    ],
)
def test_ingest_sniff_kind(data, kind):
    assert sniff_kind(data) == kind


# --------------------------------------------------------------------------------------------
# Feeds, WARC, URLs
# --------------------------------------------------------------------------------------------

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Sahel Monitor</title><link>{base}/</link><description>News</description>
<item><title>Attack on army post in Mopti region</title><link>{base}/mopti</link>
<pubDate>Mon, 04 Mar 2024 08:00:00 GMT</pubDate>
<description>Gunmen attacked an army post in the Mopti region of Mali, killing six soldiers, the army said.</description></item>
<item><title>Protest in Niamey</title><link>{base}/niamey</link>
<pubDate>Tue, 05 Mar 2024 10:00:00 GMT</pubDate>
<description>&lt;p&gt;Hundreds of people marched in &lt;b&gt;Niamey&lt;/b&gt; to demand the release of detained journalists.&lt;/p&gt;</description></item>
</channel></rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Levant Notes</title><id>urn:x</id><updated>2024-01-10T00:00:00Z</updated>
<entry><title>Shelling near Idlib</title><link href="https://levant.example/idlib"/><id>urn:1</id>
<updated>2024-01-09T12:00:00Z</updated>
<content type="html">&lt;p&gt;Government shelling hit two villages south of Idlib on Tuesday, a monitoring group said.&lt;/p&gt;&lt;p&gt;Three civilians were wounded.&lt;/p&gt;</content></entry>
</feed>
"""


def test_ingest_rss_feed_file(tmp_path):
    path = tmp_path / "sahel.rss"
    path.write_text(RSS.format(base="https://sahel.example"), encoding="utf-8")
    first, second = _run([path])
    assert first.input_path == f"{path}#entry1"
    assert first.url == "https://sahel.example/mopti"
    assert first.title == "Attack on army post in Mopti region"
    assert first.published == date(2024, 3, 4)
    assert first.source_name == "Sahel Monitor"
    assert "killing six soldiers" in first.raw_text
    assert second.published == date(2024, 3, 5)
    assert second.raw_html is not None and "Niamey" in second.raw_html


def test_ingest_atom_feed_sniffed_without_extension(tmp_path):
    path = tmp_path / "levant"  # no extension: kind comes from the content
    path.write_text(ATOM, encoding="utf-8")
    (entry,) = _run([path])
    assert entry.url == "https://levant.example/idlib"
    assert entry.published == date(2024, 1, 9)
    assert "Idlib" in entry.raw_html


def _warc_bytes(records):
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)
    for uri, mime, body, warc_date in records:
        http_headers = StatusAndHeaders("200 OK", [("Content-Type", mime)], protocol="HTTP/1.1")
        record = writer.create_warc_record(
            uri, "response", payload=io.BytesIO(body), http_headers=http_headers,
            warc_headers_dict={"WARC-Date": warc_date},
        )  # fmt: skip
        writer.write_record(record)
    return out.getvalue()


def test_ingest_warc_html_responses_become_articles(tmp_path):
    undated = HTML_PAGE.replace('<meta property="article:published_time" content="2023-06-14T09:30:00+03:00">', "")
    undated = undated.replace('<link rel="canonical" href="https://horn-daily.example/world/car-bomb-mogadishu">', "")
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(
        _warc_bytes(
            [
                ("https://horn-daily.example/a", "text/html; charset=utf-8", undated.encode(), "2023-06-15T10:00:00Z"),
                ("https://horn-daily.example/logo.png", "image/png", b"\x89PNG....", "2023-06-15T10:00:01Z"),
                ("https://horn-daily.example/b", "text/html", HTML_PAGE.encode(), "2023-07-01T00:00:00Z"),
            ]
        )
    )
    first, second = _run([path])
    assert first.url == "https://horn-daily.example/a"
    assert first.published == date(2023, 6, 15)  # from WARC-Date: the page carries none
    assert second.url == "https://horn-daily.example/b"
    assert second.published == date(2023, 6, 14)  # the page's own date wins over the crawl date
    assert first.input_path.endswith("#https://horn-daily.example/a")


class _Site:
    """A tiny web server on 127.0.0.1 that records every request."""

    def __init__(self, pages):
        self.pages = pages  # path -> list of (status, content type, body), served in turn
        self.requests = []
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802
                site.requests.append((self.path, self.headers.get("User-Agent"), time.monotonic()))
                answers = site.pages.get(self.path)
                if not answers:
                    self.send_response(404)
                    self.end_headers()
                    return
                status, mime, body = answers.pop(0) if len(answers) > 1 else answers[0]
                self.send_response(status)
                self.send_header("Content-Type", mime)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


def _page(text):
    return HTML_PAGE.replace("A car bomb exploded near a checkpoint", text).encode()


def test_ingest_url_feed_fetches_pages_politely():
    with _Site({}) as site:
        site.pages.update(
            {
                "/feed.xml": [(200, "application/rss+xml", RSS.format(base=site.base).encode())],
                # The first page fails once with 503: the fetcher retries it.
                "/mopti": [(503, "text/plain", b"busy"), (200, "text/html; charset=utf-8", _page("Gunmen stormed an army post"))],
                "/niamey": [(200, "text/html", _page("Protesters marched"))],
            }
        )
        fetcher = Fetcher(min_interval=0.15, backoff=0.01)
        items = list(iter_articles([site.base + "/feed.xml"], Options(), fetcher=fetcher))
    first, second = _articles(items)
    assert first.url == site.base + "/mopti" and "Gunmen stormed an army post" in first.raw_html
    assert first.title == "Attack on army post in Mopti region"  # the feed's title
    assert first.published == date(2024, 3, 4)  # the feed's date
    assert "Protesters marched" in second.raw_html
    paths = [p for p, _, _ in site.requests]
    assert paths == ["/feed.xml", "/mopti", "/mopti", "/niamey"]
    assert all(agent.startswith("conflictwire/") for _, agent, _ in site.requests)
    times = [t for _, _, t in site.requests]
    assert min(b - a for a, b in zip(times, times[1:])) >= 0.14  # rate limit per host


def test_ingest_url_feed_page_that_fails_falls_back_to_entry_text():
    with _Site({}) as site:
        site.pages["/feed.xml"] = [(200, "application/rss+xml", RSS.format(base=site.base).encode())]
        site.pages["/niamey"] = [(200, "text/html", _page("Protesters marched"))]
        items = _run([site.base + "/feed.xml"])
    first, second = _articles(items)
    assert "killing six soldiers" in first.raw_text
    assert any("could not fetch" in w and "404" in w for w in first.warnings)
    assert "Protesters marched" in second.raw_html


def test_ingest_url_html_page_and_http_errors():
    with _Site({"/story": [(200, "text/html; charset=utf-8", HTML_PAGE.encode())]}) as site:
        items = _run([site.base + "/story", site.base + "/missing"])
    article, skip = items
    assert article.title == "Car bomb kills four in Mogadishu"
    assert isinstance(skip, Skip) and skip.code == "CW102" and "404" in skip.message


def test_ingest_url_unreachable_is_a_skip():
    with _Site({}) as site:
        base = site.base
    items = list(iter_articles([base + "/gone"], Options(), fetcher=Fetcher(min_interval=0, retries=1, backoff=0.01, timeout=2)))
    (skip,) = items
    assert skip.code == "CW102" and "after 2 attempts" in skip.message


# --------------------------------------------------------------------------------------------
# Datelines and publication dates
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "place", "full_date", "month_day"),
    [
        ("BAGHDAD, March 11 (Reuters) - Iraqi troops advanced.", "BAGHDAD", None, (3, 11)),
        ("KABUL (AP) — A suicide bomber struck.", "KABUL", None, None),
        ("Mosul, Iraq, 12 Jan 2015 - Troops advanced.", "Mosul", date(2015, 1, 12), (1, 12)),
        ("Title line\n\nTIKRIT, Iraq (Reuters) - Fighting resumed.", "TIKRIT", None, None),
        ("Kharkiv, Ukraine (AFP) — Shelling continued.", "Kharkiv", None, None),
        ("GAZA CITY, Feb. 2, 2024 (AFP) — Strikes hit the city.", "GAZA CITY", date(2024, 2, 2), (2, 2)),
        ("SAN SALVADOR, 12 JAN 90 (ACAN-EFE) -- [TEXT] Guerrillas attacked.", "SAN SALVADOR", date(1990, 1, 12), (1, 12)),
        ("Dar es Salaam, Tanzania, 3 May 2019 - Police dispersed a rally.", "Dar es Salaam", date(2019, 5, 3), (5, 3)),
        ("ISLAMABAD: Security forces killed five militants.", "ISLAMABAD", None, None),
        ("BEIRUT/DAMASCUS (Reuters) - Israeli jets struck.", "BEIRUT/DAMASCUS", None, None),
        ("   LA PAZ (BOLIVIA), 4 MAR 90 (WIRE SERVICE) -- [TEXT] MINERS MARCHED.", "LA PAZ", date(1990, 3, 4), (3, 4)),
        ("NAIROBI, August 21 (Xinhua) -- Police said.", "NAIROBI", None, (8, 21)),
    ],
)
def test_ingest_dateline_recognised(text, place, full_date, month_day):
    found = find_dateline(text)
    assert found is not None
    assert found.place.text == place
    assert text[found.span.start : found.span.end] == found.span.text
    assert text[found.place.start : found.place.end] == place
    assert found.full_date() == full_date
    assert ((found.month, found.day) if found.month else None) == month_day


@pytest.mark.parametrize(
    "text",
    [
        "Troops retook the town on Tuesday - officials said.",
        "Islamic State (IS) - the group that held the city - withdrew.",
        "UPDATE: the death toll rose to 12.",
        "The army said: we will stay.",
        "ISIS - which held the city for a year - withdrew.",
        "QUESTION: Why did the army withdraw?",
        "Several paragraphs of text come first.\n\nThen more.\n\nAnd more.\n\nAnd more.\n\nBEIRUT (AP) - too late.",
    ],
)
def test_ingest_dateline_not_found_in_ordinary_text(text):
    assert find_dateline(text) is None


def test_ingest_dateline_place_offsets_into_article_text():
    article = article_from_text("Headline\n\nMOSUL, Iraq (Reuters) - Troops pushed into the old city.")
    span = dateline_place(article)
    assert span is not None and span.text == "MOSUL"
    assert article.text[span.start : span.end] == "MOSUL"


def test_ingest_published_from_full_dateline(tmp_path):
    path = tmp_path / "d.txt"
    path.write_text("Mosul, Iraq, 12 Jan 2015 - Troops advanced on Tuesday.", encoding="utf-8")
    (article,) = _run([path])
    assert article.published == date(2015, 1, 12)
    assert NO_DATE_WARNING not in article.warnings


def test_ingest_published_month_day_dateline_takes_year_from_options(tmp_path):
    path = tmp_path / "d.txt"
    path.write_text("BAGHDAD, March 11 (Reuters) - Iraqi forces entered the city on Wednesday.", encoding="utf-8")
    (no_year,) = _run([path])
    assert no_year.published is None and NO_DATE_WARNING in no_year.warnings
    (with_year,) = _run([path], published=date(2015, 3, 12))
    assert with_year.published == date(2015, 3, 11)
    assert NO_DATE_WARNING not in with_year.warnings


def test_ingest_published_order_metadata_then_options_then_warning(tmp_path):
    path = tmp_path / "batch.jsonl"
    path.write_text(
        json.dumps({"id": "dated", "text": "Clashes in Tripoli.", "published": "2022-08-27"}) + "\n"
        + json.dumps({"id": "undated", "text": "Clashes in Tripoli."}) + "\n"
        + json.dumps({"id": "garbled", "text": "Clashes in Tripoli.", "published": "last week"}) + "\n",
        encoding="utf-8",
    )
    dated, undated, garbled = _run([path], published=date(2022, 9, 1))
    assert dated.published == date(2022, 8, 27)
    assert undated.published == date(2022, 9, 1)
    assert garbled.published == date(2022, 9, 1) and any("not understood" in w for w in garbled.warnings)
    _, bare, _ = _run([path])
    assert bare.published is None and NO_DATE_WARNING in bare.warnings


def test_ingest_article_from_html_direct_call():
    article = article_from_html(HTML_PAGE, id="given", url="https://elsewhere.example/x")
    assert article.id == "given"
    assert article.url == "https://elsewhere.example/x"
    assert article.title == "Car bomb kills four in Mogadishu"


# --------------------------------------------------------------------------------------------
# Bad inputs
# --------------------------------------------------------------------------------------------


def test_ingest_empty_file_is_a_skip(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_bytes(b" \n\t\n")
    items = _run([tmp_path / "empty.txt", tmp_path / "blank.txt"])
    assert [s.code for s in items] == ["CW103", "CW103"]
    assert "empty" in items[0].message and str(tmp_path / "empty.txt") in items[0].message


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"some text\x00\x01\x02\x00 binary" * 20, "NUL"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "PDF"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
        (bytes([1, 2, 3, 4, 5, 6, 7, 8, 14, 15, 16]) * 50 + b"text", "non-text"),
    ],
)
def test_ingest_binary_file_is_a_skip(tmp_path, data, words):
    path = tmp_path / "thing.txt"
    path.write_bytes(data)
    (skip,) = _run([path])
    assert isinstance(skip, Skip) and skip.code == "CW104" and words in skip.message


def test_ingest_invalid_bytes_in_declared_utf8_are_decoded_with_a_warning(tmp_path):
    path = tmp_path / "mixed.html"
    body = "<html><head><meta charset='utf-8'></head><body><p>Troops entered Aleppo – the city’s centre – on Friday, officials said.</p>"
    path.write_bytes(body.encode("utf-8") + b"<p>A stray \x92quote\x92 from another encoding.</p></body></html>")
    (article,) = _run([path])
    assert "city’s centre" in article.raw_html
    assert "\u2019quote\u2019" in article.raw_html  # 0x92 read as Windows-1252
    assert any("invalid bytes" in w for w in article.warnings)


def test_ingest_other_encoding_is_detected(tmp_path):
    path = tmp_path / "cyrillic.txt"
    text = "Российские войска обстреляли окраины Харькова ночью, сообщили местные власти. " * 3
    path.write_bytes(text.encode("cp1251"))
    (article,) = _run([path])
    assert article.raw_text == text
    assert any("detected" in w for w in article.warnings)


def test_ingest_undecodable_bytes_are_a_skip(tmp_path):
    path = tmp_path / "noise.txt"
    path.write_bytes(bytes(range(128, 256)) * 3)
    (skip,) = _run([path])
    assert skip.code == "CW105" and "UTF-8" in skip.message


def test_decode_bytes_utf8_and_bom():
    assert decode_bytes("Kyiv – Київ".encode("utf-8")) == ("Kyiv – Київ", [])
    assert decode_bytes("Kyiv".encode("utf-16"))[0] == "Kyiv"  # with its BOM
    assert decode_bytes("\ufeffKyiv".encode("utf-8"))[0] == "Kyiv"


def test_ingest_too_large_file_is_refused_before_reading(tmp_path):
    path = tmp_path / "big.txt"
    path.write_text("Shelling continued overnight. " * 100, encoding="utf-8")
    (skip,) = _run([path], max_input_bytes=1000)
    assert skip.code == "CW106" and "max_input_bytes" in skip.message and "1,000" in skip.message
    gz = tmp_path / "big.txt.gz"
    gz.write_bytes(gzip.compress(b"Shelling continued overnight. " * 100))
    (gz_skip,) = _run([gz], max_input_bytes=1000)
    assert gz_skip.code == "CW106" and "decompresses" in gz_skip.message


def test_ingest_too_large_jsonl_line_is_skipped_alone(tmp_path):
    path = tmp_path / "lines.jsonl"
    path.write_text(
        json.dumps({"id": "small", "text": "Short report from Sanaa."}) + "\n"
        + json.dumps({"id": "huge", "text": "x " * 2000}) + "\n"
        + json.dumps({"id": "small-2", "text": "Another short report from Aden."}) + "\n",
        encoding="utf-8",
    )
    items = _run([path], max_input_bytes=500)
    assert [getattr(x, "id", None) or x.code for x in items] == ["small", "CW106", "small-2"]
    assert items[1].input == f"{path}:2"


def test_ingest_missing_path_and_bad_glob_are_skips_and_the_rest_goes_on(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("Police dispersed a protest in Nairobi.", encoding="utf-8")
    items = _run([tmp_path / "missing.txt", tmp_path / "*.nothing", good])
    assert [getattr(x, "code", "article") for x in items] == ["CW101", "CW101", "article"]
    assert "check the path" in items[0].message


def test_ingest_corrupt_gzip_is_a_skip(tmp_path):
    path = tmp_path / "broken.txt.gz"
    path.write_bytes(b"\x1f\x8b\x08\x00garbage-not-deflate")
    (skip,) = _run([path])
    assert skip.code == "CW102" and "gzip" in skip.message


def test_ingest_empty_directory_is_a_skip(tmp_path):
    (tmp_path / "only.md").write_text("x", encoding="utf-8")
    (skip,) = _run([tmp_path])
    assert skip.code == "CW101" and "no file conflictwire reads" in skip.message


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads files whatever their permissions")
def test_ingest_unreadable_file_is_a_skip(tmp_path):
    path = tmp_path / "locked.txt"
    path.write_text("secret", encoding="utf-8")
    path.chmod(0)
    try:
        (skip,) = _run([path])
    finally:
        path.chmod(0o644)
    assert skip.code == "CW102" and "permission" in skip.message


def test_ingest_socket_path_is_refused(tmp_path):
    # A path that exists but is neither a file nor a directory is refused clearly.
    import socket

    sock_path = tmp_path / "s.sock"
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(sock_path))
    try:
        (skip,) = _run([sock_path])
    finally:
        server.close()
    assert skip.code == "CW102" and "not a regular file" in skip.message


def test_ingest_bad_feed_and_bad_warc_are_skips(tmp_path):
    feed = tmp_path / "empty.rss"
    feed.write_text("<?xml version='1.0'?><rss version='2.0'><channel><title>t</title></channel></rss>", encoding="utf-8")
    warc = tmp_path / "broken.warc"
    warc.write_bytes(b"WARC/1.0\r\nthis is not a warc record\r\n\r\n")
    feed_skip, warc_skip = _run([feed, warc])
    assert feed_skip.code == "CW103" and "feed entries" in feed_skip.message
    assert warc_skip.code == "CW103" and "no HTML response records" in warc_skip.message


def test_ingest_files_in_tests_data(tmp_path):
    # Small inputs written for these tests: a Latin-1 text file and a feed with an entry lacking text.
    items = _run([DATA])
    by_name = {Path((x.input_path if isinstance(x, Article) else x.input).split("#")[0]).name: x for x in items}
    latin = by_name["latin1.txt"]
    assert isinstance(latin, Article) and "Bogotá" in latin.raw_text
    assert any(isinstance(x, Skip) and x.code == "CW103" and "no text" in x.message for x in items)


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("Army retakes border town\n\nKABUL (AP) — Afghan troops retook the town.", "Army retakes border town"),
        ("Army retakes border town\nKABUL (AP) — no blank line after it.", None),
        ("Afghan troops retook the town on Tuesday, officials said.\n\nMore text.", None),
        ("KABUL (AP) — Afghan troops retook the town\n\nMore text.", None),
        ("Single line without a break", None),
    ],
)
def test_ingest_plain_text_headline(text, title):
    assert article_from_text(text).title == title
    assert article_from_text(text, title="Given").title == "Given"


def test_ingest_html_declared_charset_is_used(tmp_path):
    path = tmp_path / "cyr.html"
    body = "<html><head><meta charset='windows-1251'><title>Обстрел Харькова</title></head><body><p>Ночью обстреляли Харьков.</p></body></html>"
    path.write_bytes(body.encode("cp1251"))
    (article,) = _run([path])
    assert "Ночью обстреляли Харьков." in article.raw_html
    assert article.warnings == [NO_DATE_WARNING]  # no encoding warning: the page said what it is


@pytest.mark.parametrize(
    ("dateline", "hint", "expected"),
    [
        ("BAGHDAD, March 11 (Reuters) - x", date(2015, 3, 12), date(2015, 3, 11)),
        ("KABUL, Dec 30 (AP) - x", date(2024, 1, 2), date(2023, 12, 30)),  # the year before
        ("KABUL, Feb 30 (AP) - x", date(2024, 3, 2), None),  # no such day
        ("Mosul, Iraq, 12 Jan 2015 - x", date(2020, 1, 1), date(2015, 1, 12)),  # a full date wins
    ],
)
def test_ingest_dateline_date_with_year_hint(dateline, hint, expected):
    assert find_dateline(dateline).date_with_year_hint(hint) == expected
