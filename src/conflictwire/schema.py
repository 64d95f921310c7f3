"""The records every stage reads and writes: the project's single source of truth.

An :class:`Article` enters ingest and leaves store; each stage fills some of its fields.
The :class:`Event` record's JSON is conflictwire's output contract: keys are added, never renamed.
Store columns, exports and ``conflictwire schema`` are derived from these classes.

Importing this module stays cheap: no spaCy, no numpy.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

SCHEMA_VERSION = 1

# ACLED's actor categories (inter codes 1-8), in ACLED's order.
ActorCategory = Literal[
    "state forces",
    "rebel group",
    "political militia",
    "identity militia",
    "rioters",
    "protesters",
    "civilians",
    "external/other forces",
]
Modality = Literal["asserted", "claimed", "denied", "uncertain", "planned"]


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=False)


class Span(Record):
    """A stretch of an article's clean text, by character offsets (end exclusive)."""

    start: int = Field(description="Offset of the first character in the article's clean text.")
    end: int = Field(description="Offset one past the last character.")
    text: str = Field(description="The characters between start and end.")


class Evidence(Span):
    """A span that supports a field of a record, with what it supports."""

    field: str | None = Field(
        default=None, description="Which field this span supports (trigger, actor1, fatalities, ...)."
    )


class Mention(Span):
    """A named-entity mention found by the nlp stage."""

    label: str = Field(description="Entity label (spaCy's: GPE, LOC, FAC, ORG, PERSON, NORP, DATE, ...).")


class Removal(Record):
    """Something the clean stage took out of an article, and why, so users can audit cleaning."""

    text: str = Field(description="The removed text.")
    reason: str = Field(description="Why it was removed (boilerplate:newsletter, repeated-sentence, ...).")
    start: int | None = Field(default=None, description="Offset in the text before cleaning, when known.")


class Candidate(Record):
    """One gazetteer entry a toponym could refer to, with its score."""

    geonameid: int | None = None
    name: str
    country_code: str | None = None
    admin1: str | None = None
    feature_code: str | None = None
    population: int | None = None
    latitude: float | None = None
    longitude: float | None = None
    score: float = 0.0


class Toponym(Span):
    """A place name in the text and what the geo stage resolved it to."""

    name: str | None = Field(default=None, description="Gazetteer name of the resolved place; null if unresolved.")
    latitude: float | None = None
    longitude: float | None = None
    geonameid: int | None = None
    country_code: str | None = None
    country: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    feature_code: str | None = Field(default=None, description="GeoNames feature code (PPL, PPLA, ADM1, PCLI, ...).")
    population: int | None = None
    score: float = Field(default=0.0, description="Resolution score in 0-1.")
    evidence: list[str] = Field(default_factory=list, description="Which cues decided the resolution.")
    candidates: list[Candidate] = Field(default_factory=list, description="Other candidates considered.")


class Timex(Span):
    """A time expression and its value resolved against the publication date."""

    value: str | None = Field(default=None, description="ISO value (2015-03-11, 2015-03, 2015-W11, P2D, ...).")
    type: Literal["DATE", "TIME", "DURATION", "SET"] = "DATE"
    date_start: date | None = Field(default=None, description="First day the expression can denote.")
    date_end: date | None = Field(default=None, description="Last day the expression can denote.")
    time_precision: int | None = Field(
        default=None, description="ACLED time precision: 1 day, 2 week or approximate, 3 month or vaguer."
    )
    date_reason: str | None = Field(
        default=None,
        description="Why the event got this date: the time expression and rule used (own sentence, 'since', "
        "period, paragraph context, dateline, publication date), or why it has no day.",
    )
    reason: str | None = Field(default=None, description="How the value was computed.")


class Place(Record):
    """An event's location, with ACLED's geo precision."""

    text: str | None = Field(default=None, description="The words in the article that name the place.")
    name: str | None = Field(default=None, description="Gazetteer name.")
    admin1: str | None = None
    admin2: str | None = None
    country: str | None = None
    country_code: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geonameid: int | None = None
    geo_precision: int | None = Field(
        default=None, description="ACLED geo precision: 1 the place itself, 2 near it or part of a region, 3 a larger region."
    )


class Actor(Record):
    """A party to an event."""

    text: str = Field(description="The words in the article.")
    name: str = Field(description="Normalised name (from the actor dictionary when matched).")
    category: ActorCategory | None = Field(default=None, description="ACLED actor category.")
    country: str | None = Field(default=None, description="ISO 3166 alpha-2 country of the actor, when known.")


class Source(Record):
    """Where a report came from."""

    name: str | None = None
    url: str | None = None
    published: date | None = None


class Event(Record):
    """One event as a trained coder would record it. Its JSON is the output contract."""

    event_id: str = Field(description="Deterministic id: the same article and evidence give the same id.")
    article_id: str
    event_date: date | None = Field(default=None, description="Day the event happened (first day of a range).")
    date_end: date | None = Field(default=None, description="Last day, for a range.")
    time_precision: int | None = Field(
        default=None, description="ACLED time precision: 1 day, 2 week or approximate, 3 month or vaguer."
    )
    date_reason: str | None = Field(
        default=None,
        description="Why the event got this date: the time expression and rule used (own sentence, 'since', "
        "period, paragraph context, dateline, publication date), or why it has no day.",
    )
    event_type: str = Field(description="ACLED event type (one of its six).")
    sub_event_type: str = Field(description="ACLED sub-event type (one of its 25).")
    plover_type: str | None = Field(default=None, description="PLOVER event type (upper case).")
    plover_mode: str | None = Field(default=None, description="PLOVER mode.")
    cameo_code: str | None = Field(default=None, description="CAMEO root code, two digits.")
    actor1: Actor | None = None
    assoc_actor1: list[Actor] = Field(default_factory=list)
    actor2: Actor | None = None
    assoc_actor2: list[Actor] = Field(default_factory=list)
    interaction: int | None = Field(default=None, description="ACLED interaction code from the two actor categories.")
    targets: list[str] = Field(
        default_factory=list, description="Physical targets hit or attacked (buildings, vehicles, infrastructure), as written."
    )
    weapons: list[str] = Field(default_factory=list, description="Weapons or means used, as written.")
    civilian_targeting: bool = False
    location: Place | None = None
    fatalities: int | None = Field(default=None, description="Best estimate; null when the text says nothing.")
    fatalities_low: int | None = None
    fatalities_high: int | None = None
    source: Source = Field(default_factory=Source)
    attributed_to: str | None = Field(default=None, description="Who the article says reported it.")
    modality: Modality = "asserted"
    confidence: float = Field(default=0.5, ge=0.0, le=1.0, description="Probability that this is a real event of this type.")
    evidence: list[Evidence] = Field(default_factory=list, description="Spans in the clean text this record came from.")
    notes: str | None = Field(default=None, description="One-sentence ACLED-style summary built from the fields.")
    source_count: int = Field(default=1, description="How many articles report this event (after dedup).")
    article_ids: list[str] = Field(default_factory=list, description="All articles that report it (after dedup).")


class Skip(Record):
    """A bad input that was reported and skipped, kept as data so a batch can go on."""

    input: str = Field(description="The file, URL or line the problem is in.")
    stage: str = Field(description="The stage that gave up (ingest, clean, nlp, ...).")
    code: str = Field(description="Stable error code, documented in docs/errors.md.")
    message: str


class Article(Record):
    """A news report travelling through the pipeline."""

    id: str = Field(description="Stable id: given by the input, else derived from URL or text.")
    url: str | None = None
    source_name: str | None = None
    published: date | None = Field(default=None, description="Publication date; null when unknown.")
    title: str | None = None
    raw_text: str | None = Field(default=None, description="Text as given (plain-text inputs).")
    raw_html: str | None = Field(default=None, description="HTML as given (HTML inputs).")
    clean_text: str | None = Field(default=None, description="Text after cleaning; every offset points into it.")
    language: str | None = None
    input_path: str | None = Field(default=None, description="Where the article was read from.")
    dateline: Span | None = Field(default=None, description="The dateline (BAGHDAD, March 11 (Reuters) -) if any.")
    removed: list[Removal] = Field(default_factory=list)
    sentences: list[Span] = Field(default_factory=list)
    mentions: list[Mention] = Field(default_factory=list)
    toponyms: list[Toponym] = Field(default_factory=list)
    timexes: list[Timex] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list, description="Things a user should know about this article.")

    # The spaCy Doc travels between the nlp stage and the stages that read the parse;
    # it is never serialised, so store, export and API never see spaCy.
    _doc: Any = PrivateAttr(default=None)

    @property
    def text(self) -> str:
        """The text stages work on: the clean text, else the raw text."""
        return self.clean_text if self.clean_text is not None else (self.raw_text or "")


def event_json_schema() -> dict[str, Any]:
    return Event.model_json_schema()
