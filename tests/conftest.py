"""Shared fixtures: record builders, a throwaway PostgreSQL server, a store per backend.

PostgreSQL is started for real (initdb + pg_ctl, as an unprivileged user when run as root). When it
cannot start, PostgreSQL cases fail if the environment variable CI is set and are skipped with the
reason otherwise.
"""

from __future__ import annotations

import os
import random
import zlib
from datetime import date

import pytest

from conflictwire.schema import Actor, Article, Event, Evidence, Place, Source

# A few made-up places (name, admin1, country, country code, lat, lon) for hand-built events.
PLACES = {
    "Norvale": ("Norvale", "Eastmarch", "Iraq", "IQ", 34.60, 43.68),
    "Norvale East": ("Norvale East", "Eastmarch", "Iraq", "IQ", 34.62, 43.71),  # 3.5 km from Norvale
    "Brightwater": ("Brightwater", "Westfold", "Iraq", "IQ", 35.40, 44.30),  # about 100 km away
    "Kessel": ("Kessel", "Lowland", "Nigeria", "NG", 11.85, 13.16),
}


def build_event(
    article_id: str = "a1",
    n: int = 0,
    *,
    event_type: str = "Battles",
    sub_event_type: str = "Armed clash",
    day: str | date | None = "2015-03-10",
    place: str | None = "Norvale",
    actor1: str | None = "Eastern Brigade",
    actor2: str | None = None,
    fatalities: int | None = 4,
    notes: str | None = None,
    geonameid: int | None = None,
    **fields,
) -> Event:
    """An event built by hand; ids are ``<article_id>-e<n>``."""
    location = None
    if place is not None:
        name, admin1, country, code, lat, lon = PLACES[place]
        location = Place(text=name, name=name, admin1=admin1, country=country, country_code=code,
                         latitude=lat, longitude=lon, geonameid=geonameid, geo_precision=1)
    return Event(
        event_id=f"{article_id}-e{n}",
        article_id=article_id,
        event_date=date.fromisoformat(day) if isinstance(day, str) else day,
        time_precision=1 if day else None,
        event_type=event_type,
        sub_event_type=sub_event_type,
        actor1=Actor(text=actor1, name=actor1, category="rebel group") if actor1 else None,
        actor2=Actor(text=actor2, name=actor2, category="state forces") if actor2 else None,
        location=location,
        fatalities=fatalities,
        evidence=[Evidence(start=0, end=10, text="fighting b", field="trigger")],
        notes=notes or f"{event_type} in {place}.",
        source=Source(name="Test Wire", url=f"https://news.example/{article_id}"),
        **fields,
    )


_WORDS = (
    "army militia village road bridge market council police commander soldiers residents officials "
    "morning evening convoy checkpoint district province river hills airport school clinic ministry "
    "spokesman statement witnesses crowd governor border camp fuel water bread power talks ceasefire "
    "truck bus station harbour factory mosque church square farmers traders students teachers doctors"
).split()


def article_text(seed: int, words: int = 120) -> str:
    """A news-length text of made-up sentences; different seeds give texts that share few 5-word runs."""
    rng = random.Random(seed)
    sentences = []
    count = 0
    while count < words:
        length = rng.randint(8, 16)
        sentences.append(" ".join(rng.choice(_WORDS) for _ in range(length)).capitalize() + ".")
        count += length
    return " ".join(sentences)


def build_article(article_id: str = "a1", events: list[Event] | None = None, *, text: str | None = None,
                  seed: int | None = None, **fields) -> Article:
    text = text if text is not None else article_text(seed if seed is not None else zlib.crc32(article_id.encode()))
    return Article(
        id=article_id, url=f"https://news.example/{article_id}", source_name="Test Wire",
        published=date(2015, 3, 11), title=f"Report {article_id}", clean_text=text,
        events=events or [], **fields,
    )


@pytest.fixture
def make_event():
    return build_event


@pytest.fixture
def make_article():
    return build_article


@pytest.fixture(scope="session")
def postgres_server():
    """A private PostgreSQL server for the whole session (None-free: fails or skips when it cannot start)."""
    from conflictwire.errors import StoreError
    from conflictwire.store.pgserver import start_throwaway_postgres

    try:
        server = start_throwaway_postgres()
    except StoreError as exc:
        reason = f"PostgreSQL could not be started: {exc}"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    yield server
    server.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def store_target(request, tmp_path):
    """Where a fresh store lives: an SQLite file, or a new database on the throwaway server."""
    if request.param == "sqlite":
        yield str(tmp_path / "events.db")
        return
    server = request.getfixturevalue("postgres_server")
    url = server.create_database()
    yield url
    server.drop_database(url)


@pytest.fixture
def store(store_target):
    from conflictwire.store import open_store

    opened = open_store(store_target)
    yield opened
    opened.close()
