"""Deduplication: near-duplicate articles, and the same event reported by several articles.

Two questions, two tools:

- *Is this article a copy of one we have?* (the same wire story on ten sites): MinHash signatures
  over word shingles, looked up in an LSH index (datasketch). A copy is linked to the first article,
  and its events are not counted again.
- *Is this event one we already have from another article?* Same event type (or one of its family:
  a protest in one report is a riot in another; an "Attack" in one report is an "Armed clash" in
  another when they share an actor or death toll),
  overlapping actors, places within a few km, dates within a day: the events are linked, with the reason for
  each link, and each connected group becomes one merged event that keeps every source, every
  evidence span and the spread of fatalities (UCDP-style low / best / high).

Everything here is pure: the store calls it inside its transactions, the tests call it on
hand-built records, and :func:`cluster_events` recomputes all merges with other thresholds.
"""

from __future__ import annotations

import math
import re
import statistics
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING
from datetime import date, timedelta

import numpy as np
from rapidfuzz import fuzz

from .schema import Actor, Article, Event, Place

if TYPE_CHECKING:
    from datasketch import MinHash


@dataclass(frozen=True)
class DedupThresholds:
    """Every number dedup uses, each with why it has its value."""

    # Word 5-shingles: long enough that two different stories on the same topic share few of them,
    # short enough that a few edited words (a changed byline, a localised date) cost little.
    shingle_words: int = 5
    # 128 permutations estimate Jaccard to about +-0.04 (1/sqrt(128)*0.5), enough at 0.7.
    num_perm: int = 128
    # Two copies of a wire story with light edits (headline, byline, a trimmed paragraph) share
    # over 70% of their 5-shingles; rewritten stories about the same event share under 20%.
    near_duplicate_jaccard: float = 0.7
    # A copy cut short (the first paragraphs of a longer story) has low Jaccard but nearly all of its
    # shingles are in the longer one.
    near_duplicate_containment: float = 0.9
    # LSH recall point: candidates from here are checked against the two figures above. 0.3 lets
    # a copy cut to a third of the story through to the containment check.
    lsh_threshold: float = 0.3
    # Texts shorter than this many words are not compared: a one-line item says too little.
    min_words: int = 20
    # Events: ACLED codes one event per location and day; reports of it differ by a day (a night
    # attack, a report of "Tuesday" read on Wednesday). Two days merged 20% of distinct UCDP gold
    # events (cartel killings in one town on consecutive days); one day merged 15%, and is the
    # smallest window that still joins a night attack reported the next day.
    max_days: int = 1
    # Places: a village and the nearest town the next report names are a few km apart; 10 km keeps
    # two neighbourhoods of one city together and two towns apart.
    max_km: float = 10.0
    # Normalised actor names this similar (0-100, rapidfuzz ratio) are the same actor:
    # "al-Shabaab" / "al Shabab" pass, "Forces of Iraq" / "Forces of Iran" do not.
    actor_similarity: float = 90.0


DEFAULT_THRESHOLDS = DedupThresholds()

# Families of ACLED event types whose reports may be one event typed two ways: one killing is an
# "Attack" (Violence against civilians) in one report and an "Armed clash" (Battles) or a roadside
# bomb (Explosions/Remote violence) in another; a protest that turned violent is a Protest in one
# report and a Riot in the next. Strategic developments form no family: each type only with itself.
TYPE_FAMILY = {
    "Battles": "political violence",
    "Explosions/Remote violence": "political violence",
    "Violence against civilians": "political violence",
    "Protests": "demonstrations",
    "Riots": "demonstrations",
}


DEMONSTRATIONS = "demonstrations"

# Its sub-event types are events of their own kinds: they merge only with their own sub-event type.
STRATEGIC = "Strategic developments"


def type_family(event_type: str) -> str:
    """The family of an ACLED event type (the type itself when it has none)."""
    return TYPE_FAMILY.get(event_type, event_type)

# Events dated to a span longer than a week are never merged on their date.
MAX_MERGEABLE_RANGE_DAYS = 7

_WORD = re.compile(r"\w+", re.UNICODE)
_DIGITS = re.compile(r"\D")

# datasketch 2's default scheme, named so stored signatures are read back with the scheme that
# made them (its values are 32-bit).
MINHASH_SCHEME = "affine32"
SIGNATURE_DTYPE = np.uint32


# --- near-duplicate articles --------------------------------------------------------------------


def shingles(text: str, size: int) -> set[bytes]:
    words = [w.casefold() for w in _WORD.findall(text)]
    if len(words) <= size:
        return {" ".join(words).encode()} if words else set()
    return {" ".join(words[i : i + size]).encode() for i in range(len(words) - size + 1)}


@dataclass
class Signature:
    """A MinHash signature of an article's text and how many distinct shingles it had."""

    minhash: "MinHash"
    shingles: int

    def to_bytes(self) -> bytes:
        return np.asarray(self.minhash.hashvalues, dtype=SIGNATURE_DTYPE).tobytes()

    @classmethod
    def from_bytes(cls, data: bytes, shingle_count: int) -> "Signature":
        from datasketch import MinHash

        values = np.frombuffer(data, dtype=SIGNATURE_DTYPE).copy()
        return cls(MinHash(hashvalues=values, scheme=MINHASH_SCHEME), shingle_count)


def article_signature(text: str, thresholds: DedupThresholds = DEFAULT_THRESHOLDS) -> Signature | None:
    """The MinHash signature of ``text``, or None when the text is too short to compare."""
    if len(_WORD.findall(text)) < thresholds.min_words:
        return None
    # datasketch imports scipy (0.7 s): loaded when the first signature is made, not on import.
    from datasketch import MinHash

    grams = shingles(text, thresholds.shingle_words)
    minhash = MinHash(num_perm=thresholds.num_perm, scheme=MINHASH_SCHEME)
    minhash.update_batch(list(grams))
    return Signature(minhash, len(grams))


@dataclass(frozen=True)
class NearDuplicate:
    article_id: str
    jaccard: float
    containment: float

    def reason(self) -> str:
        return f"near-duplicate of {self.article_id} (Jaccard {self.jaccard:.2f}, containment {self.containment:.2f})"


class NearDuplicateIndex:
    """An LSH index over article signatures; the store fills it from its signatures table."""

    def __init__(self, thresholds: DedupThresholds = DEFAULT_THRESHOLDS):
        from datasketch import MinHashLSH

        self.thresholds = thresholds
        self._lsh = MinHashLSH(threshold=thresholds.lsh_threshold, num_perm=thresholds.num_perm)
        self._signatures: dict[str, Signature] = {}

    def __len__(self) -> int:
        return len(self._signatures)

    def __contains__(self, article_id: str) -> bool:
        return article_id in self._signatures

    def add(self, article_id: str, signature: Signature) -> None:
        if article_id in self._signatures:
            return
        self._lsh.insert(article_id, signature.minhash)
        self._signatures[article_id] = signature

    def remove(self, article_id: str) -> None:
        if self._signatures.pop(article_id, None) is not None:
            self._lsh.remove(article_id)

    def matches(self, signature: Signature, *, exclude: str | None = None) -> list[NearDuplicate]:
        """Indexed articles that ``signature``'s text is a near copy of, best first."""
        out = []
        for other_id in self._lsh.query(signature.minhash):
            if other_id == exclude:
                continue
            other = self._signatures[other_id]
            jaccard = signature.minhash.jaccard(other.minhash)
            # |A & B| = J / (1 + J) * (|A| + |B|); containment of the shorter text in the longer.
            common = jaccard / (1.0 + jaccard) * (signature.shingles + other.shingles)
            containment = min(1.0, common / max(1, min(signature.shingles, other.shingles)))
            if jaccard >= self.thresholds.near_duplicate_jaccard or (
                containment >= self.thresholds.near_duplicate_containment
            ):
                out.append(NearDuplicate(other_id, jaccard, containment))
        return sorted(out, key=lambda m: (-m.jaccard, m.article_id))


def find_near_duplicate(article: Article, index: NearDuplicateIndex) -> str | None:
    """The id of an indexed article that ``article`` is a near copy of, else None."""
    signature = article_signature(article.text, index.thresholds)
    if signature is None:
        return None
    found = index.matches(signature, exclude=article.id)
    return found[0].article_id if found else None


# --- the same event in several articles -----------------------------------------------------------


def normalise_actor_name(name: str) -> str:
    """Case, accents, punctuation and a leading 'the' do not make a different actor."""
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    words = _WORD.findall(plain.replace("_", " "))
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def actors_of(event: Event) -> list[Actor]:
    return [a for a in (event.actor1, event.actor2) if a is not None] + event.assoc_actor1 + event.assoc_actor2


def actor_names(event: Event) -> list[str]:
    """Normalised names of every actor of ``event``, without repeats, in role order."""
    seen: dict[str, None] = {}
    for actor in actors_of(event):
        name = normalise_actor_name(actor.name or actor.text)
        if name:
            seen.setdefault(name, None)
    return list(seen)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    rlat1, rlat2 = math.radians(lat1), math.radians(lat2)
    dlat = rlat2 - rlat1
    dlon = math.radians(lon2 - lon1)
    h = math.sin(dlat / 2) ** 2 + math.cos(rlat1) * math.cos(rlat2) * math.sin(dlon / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


def _has_point(place: Place | None) -> bool:
    return place is not None and place.latitude is not None and place.longitude is not None


def compare_places(a: Place | None, b: Place | None, max_km: float) -> str | None:
    """Why two places are the same place, or None when they are not (or cannot be told)."""
    if a is None or b is None:
        return None
    if a.geonameid is not None and a.geonameid == b.geonameid:
        return f"same place (GeoNames {a.geonameid})"
    if _has_point(a) and _has_point(b):
        km = haversine_km(a.latitude, a.longitude, b.latitude, b.longitude)  # type: ignore[arg-type]
        return f"places {km:.1f} km apart" if km <= max_km else None
    if _has_point(a) or _has_point(b):
        return None
    name_a = normalise_actor_name(a.name or a.text or "")
    name_b = normalise_actor_name(b.name or b.text or "")
    if name_a and name_a == name_b and (a.country_code or "").upper() == (b.country_code or "").upper():
        return f"same place name {name_a!r} (no coordinates)"
    return None


def _day_range(event: Event) -> tuple[date, date] | None:
    if event.event_date is None:
        return None
    end = event.date_end if event.date_end is not None and event.date_end >= event.event_date else event.event_date
    return event.event_date, end


def mergeable_span(event: Event) -> tuple[date, date] | None:
    """The days an event may be merged on: its day range, or None when it has no date or its date
    is a span longer than :data:`MAX_MERGEABLE_RANGE_DAYS` (such an event is never merged).

    The online merge (the store's candidate query) and :func:`cluster_events` both start from this,
    so that merging article by article and reclustering everything give the same clusters.
    """
    span = _day_range(event)
    if span is None or (span[1] - span[0]).days > MAX_MERGEABLE_RANGE_DAYS:
        return None
    return span


def compare_dates(a: Event, b: Event, max_days: int) -> str | None:
    range_a, range_b = _day_range(a), _day_range(b)
    if range_a is None or range_b is None:
        return None
    # A date known only to the month or year ("this year") overlaps every event at that place;
    # single-link clustering would then chain distinct events through it (the corpus benchmark's
    # merge precision went from 0.26 to 1.0 without such links).
    if any((r[1] - r[0]).days > MAX_MERGEABLE_RANGE_DAYS for r in (range_a, range_b)):
        return None
    gap = max(0, (range_b[0] - range_a[1]).days, (range_a[0] - range_b[1]).days)
    if gap > max_days:
        return None
    return "same day" if gap == 0 else f"dates {gap} day{'s' if gap > 1 else ''} apart"


# ACLED's placeholder actors (codebook: "Unidentified Armed Group (Country)", "Civilians (Country)",
# "Protesters (Country)", "Rioters (Country)") say who was there, not who: a report that names
# "gunmen" and one that names the group behind them do not disagree on who took part.
PLACEHOLDER_ACTORS = re.compile(r"^(?:unidentified(?: armed)? groups?|unknown(?: armed)? groups?|civilians|protesters|rioters)\b")


def identified_actor_names(event: Event) -> list[str]:
    """:func:`actor_names` less ACLED's placeholders for unnamed groups, civilians and crowds."""
    return [name for name in actor_names(event) if not PLACEHOLDER_ACTORS.match(name)]


def compare_actors(a: Event, b: Event, similarity: float) -> str | None:
    names_a, names_b = actor_names(a), actor_names(b)
    if not names_a or not names_b:
        # One report names nobody: nothing contradicts; type, place and date decide.
        return "no actor named in one report" if (names_a or names_b) else "no actor named in either report"
    for x in names_a:
        for y in names_b:
            if x == y:
                return f"shared actor {x!r}"
            # Spelling variants match; numbered units ("Brigade 12" / "Brigade 121") never do.
            if fuzz.ratio(x, y) >= similarity and _DIGITS.sub("", x) == _DIGITS.sub("", y):
                return f"similar actors {x!r} ~ {y!r}"
    # Only placeholders on one side ("gunmen" coded Unidentified Armed Group, the victims coded
    # Civilians): that report does not say who, so it cannot contradict the one that does. Not a
    # shared actor either: two types of one family still need a shared name or a close toll.
    if not identified_actor_names(a) or not identified_actor_names(b):
        return "no identified actor in one report"
    # One report's "security forces" (Military Forces of X) are the next one's police (Police Forces of
    # X) or "the government": the state of one country on both sides, and no other group named by both
    # reports that differs. Not a shared actor for two types of one family either.
    states = _state_countries(a) & _state_countries(b)
    if states:
        others_a = {n for n in identified_actor_names(a) if n not in _state_names(a)}
        others_b = {n for n in identified_actor_names(b) if n not in _state_names(b)}
        if not (others_a and others_b) or others_a & others_b:
            return f"state forces of one country ({sorted(states)[0]})"
    return None


def _state_actors(event: Event) -> list[Actor]:
    return [x for x in actors_of(event) if x.category == "state forces" and x.country]


def _state_countries(event: Event) -> set[str]:
    return {x.country.upper() for x in _state_actors(event)}


def _state_names(event: Event) -> set[str]:
    return {normalise_actor_name(x.name or x.text) for x in _state_actors(event)}


def compare_fatalities(a: Event, b: Event) -> str | None:
    """Why two reports' death tolls are one toll told twice: equal, or within 2 or a quarter."""
    if a.fatalities is None or b.fatalities is None:
        return None
    gap = abs(a.fatalities - b.fatalities)
    if gap <= max(2, 0.25 * max(a.fatalities, b.fatalities)):
        return "same fatalities" if gap == 0 else f"fatalities {a.fatalities} / {b.fatalities}"
    return None


# Modalities that report the event as having happened, strongest first. A report of what happened and
# one of what was planned or denied are not one record: "unions threatened a general strike" is not the
# strike, and merging them would date the plan as the act (the rule of events.mentions, across articles).
AFFIRMED = ("asserted", "claimed", "uncertain")


def same_modality_kind(a: str | None, b: str | None) -> bool:
    """Both affirm the event happened (asserted, claimed, uncertain), or both are the same other kind."""
    a, b = a or "asserted", b or "asserted"
    return a == b or (a in AFFIRMED and b in AFFIRMED)


def compare_events(a: Event, b: Event, thresholds: DedupThresholds = DEFAULT_THRESHOLDS) -> list[str] | None:
    """The reasons ``a`` and ``b`` report the same event, or None when they do not.

    Reports of one kind (both say it happened, or both plan it, or both deny it: :func:`same_modality_kind`);
    the same event type (for Strategic developments, the same sub-event type), or two types of one
    family (:data:`TYPE_FAMILY`): a protest and a riot at one place and day, or two types of
    political violence when the reports also name a common actor or close death tolls;
    then dates, places and actors as the thresholds say. Actors disagree only when both reports
    identify someone and share no one: ACLED's placeholders (:data:`PLACEHOLDER_ACTORS`) identify nobody.
    """
    if a.article_id == b.article_id:
        return None
    if a.event_type != b.event_type and type_family(a.event_type) != type_family(b.event_type):
        return None
    if a.event_type == STRATEGIC and a.sub_event_type != b.sub_event_type:
        return None  # an arrest and a looting, an agreement and a base set up: other events
    if not same_modality_kind(a.modality, b.modality):
        return None
    when = compare_dates(a, b, thresholds.max_days)
    if when is None:
        return None
    where = compare_places(a.location, b.location, thresholds.max_km)
    if where is None:
        return None
    who = compare_actors(a, b, thresholds.actor_similarity)
    if who is None:
        return None
    if a.event_type == b.event_type:
        what = f"same type {a.event_type!r}"
        if a.sub_event_type != b.sub_event_type:
            what += f" (sub-types {a.sub_event_type!r} / {b.sub_event_type!r})"
        return [what, when, where, who]
    # Another type of the family. Demonstrations: ACLED codes one demonstration per place and day
    # (a protest that turns violent is one riot, not a protest and a riot), so reports that differ on
    # its violence and disagree on nothing else are one event. Political violence: a battle and an
    # attack on civilians in one town on one day are often two events, so the reports must also
    # share who took part or how many died.
    toll = compare_fatalities(a, b)
    if (type_family(a.event_type) != DEMONSTRATIONS and not who.startswith(("shared actor", "similar actors"))
            and toll is None):
        return None
    what = f"types {a.event_type!r} / {b.event_type!r} of one family ({type_family(a.event_type)})"
    return [what, when, where, who] + ([toll] if toll else [])


@dataclass(frozen=True)
class Link:
    """Two events found to be the same, and why."""

    event_id: str
    linked_event_id: str
    reasons: list[str]


def _block_keys(event: Event, max_km: float) -> tuple[list[tuple], list[tuple]]:
    """(keys to register under, keys to look up) so that events that can match share a key.

    Points go in a grid of 0.25 degree cells (about 28 km of latitude); a lookup scans the cells
    within ``max_km``. GeoNames ids and names without coordinates get keys of their own.
    """
    place = event.location
    own: list[tuple] = []
    look: list[tuple] = []
    if place is None:
        return own, look
    if place.geonameid is not None:
        own.append(("gid", place.geonameid))
        look.append(("gid", place.geonameid))
    if _has_point(place):
        cell = 0.25
        row, col = int(math.floor(place.latitude / cell)), int(math.floor(place.longitude / cell))  # type: ignore[operator]
        own.append(("cell", row, col))
        lat_cells = int(math.ceil(max_km / (cell * 111.0)))
        cos_lat = max(0.01, math.cos(math.radians(min(89.0, abs(place.latitude)) + cell)))  # type: ignore[arg-type]
        lon_cells = int(math.ceil(max_km / (cell * 111.32 * cos_lat)))
        look.extend(
            ("cell", row + dr, col + dc)
            for dr in range(-lat_cells, lat_cells + 1)
            for dc in range(-lon_cells, lon_cells + 1)
        )
    else:
        key = ("name", normalise_actor_name(place.name or place.text or ""), (place.country_code or "").upper())
        if key[1]:
            own.append(key)
            look.append(key)
    return own, look


def cluster_events(
    events: Sequence[Event], thresholds: DedupThresholds = DEFAULT_THRESHOLDS
) -> tuple[list[list[int]], list[Link]]:
    """Group ``events`` (in the order they were stored) into clusters of the same event.

    Single link: events joined by any chain of links form one cluster. Returns the clusters as
    lists of indexes into ``events`` (each sorted, the first is the cluster's representative id)
    and every link with its reasons.
    """
    parent = list(range(len(events)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    # (type family, day, place key) -> indexes of earlier events registered there, on every day
    # of their span.
    blocks: dict[tuple, list[int]] = defaultdict(list)
    links: list[Link] = []
    for i, event in enumerate(events):
        span = mergeable_span(event)
        own, look = _block_keys(event, thresholds.max_km)
        if span is None or not own:
            continue
        family = type_family(event.event_type)
        first = span[0] - timedelta(days=thresholds.max_days)
        last = span[1] + timedelta(days=thresholds.max_days)
        seen: set[int] = set()
        for offset in range((last - first).days + 1):
            day = first + timedelta(days=offset)
            for key in look:
                for j in blocks.get((family, day, key), ()):
                    if j in seen:
                        continue
                    seen.add(j)
                    reasons = compare_events(events[j], event, thresholds)
                    if reasons is None:
                        continue
                    links.append(Link(event.event_id, events[j].event_id, reasons))
                    ri, rj = find(i), find(j)
                    if ri != rj:
                        parent[max(ri, rj)] = min(ri, rj)
        for offset in range((span[1] - span[0]).days + 1):
            for key in own:
                blocks[(family, span[0] + timedelta(days=offset), key)].append(i)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(events)):
        groups[find(i)].append(i)
    return sorted(groups.values(), key=lambda g: g[0]), links


def _median(values: list[int]) -> int:
    return int(round(statistics.median(values)))


def merge_events(members: Sequence[Event], event_id: str | None = None) -> Event:
    """One event from the reports of it in ``members`` (in stored order).

    The fields come from the most precise report (best time precision, then geo precision, then
    confidence, then the earliest); the merge adds every article, every evidence span, every actor
    named only by some reports, and the fatalities spread: low = min, best = median, high = max.
    """
    if not members:
        raise ValueError("merge_events needs at least one event")
    if len(members) == 1 and event_id in (None, members[0].event_id):
        only = members[0]
        return only.model_copy(update={"article_ids": only.article_ids or [only.article_id], "source_count": 1})

    def precision_key(item: tuple[int, Event]) -> tuple:
        index, event = item
        geo = event.location.geo_precision if event.location and event.location.geo_precision else 9
        return (event.time_precision or 9, geo, -event.confidence, index)

    _, base = min(enumerate(members), key=precision_key)
    article_ids: list[str] = []
    for event in members:
        for article_id in event.article_ids or [event.article_id]:
            if article_id not in article_ids:
                article_ids.append(article_id)

    named = {normalise_actor_name(a.name) for a in (base.actor1, base.actor2) if a is not None}
    assoc1, assoc2 = list(base.assoc_actor1), list(base.assoc_actor2)
    named |= {normalise_actor_name(a.name) for a in assoc1 + assoc2}
    for event in members:
        for role_actor, extra, assoc in (
            (event.actor1, event.assoc_actor1, assoc1),
            (event.actor2, event.assoc_actor2, assoc2),
        ):
            for actor in ([role_actor] if role_actor is not None else []) + list(extra):
                key = normalise_actor_name(actor.name)
                if key and key not in named:
                    named.add(key)
                    assoc.append(actor)

    best = [e.fatalities for e in members if e.fatalities is not None]
    low = [e.fatalities_low if e.fatalities_low is not None else e.fatalities for e in members]
    high = [e.fatalities_high if e.fatalities_high is not None else e.fatalities for e in members]
    low_known = [v for v in low if v is not None]
    high_known = [v for v in high if v is not None]

    evidence = []
    seen_spans = set()
    for event in members:
        for span in event.evidence:
            key = (event.article_id, span.start, span.end, span.field)
            if key not in seen_spans:
                seen_spans.add(key)
                evidence.append(span)

    # Reports that disagree on the day: keep the best report's day, widen the end to cover the rest.
    base_end = base.date_end or base.event_date
    ends = [e.date_end or e.event_date for e in members if e.event_date is not None]
    date_end = base.date_end
    if base_end is not None and ends and max(ends) > base_end:
        date_end = max(ends)

    return base.model_copy(
        update={
            "event_id": event_id or members[0].event_id,
            "assoc_actor1": assoc1,
            "assoc_actor2": assoc2,
            "fatalities": _median(best) if best else None,
            "fatalities_low": min(low_known) if low_known else None,
            "fatalities_high": max(high_known) if high_known else None,
            "confidence": max(e.confidence for e in members),
            "evidence": evidence,
            "date_end": date_end,
            "article_ids": article_ids,
            "source_count": len(article_ids),
        }
    )


def pairs_in(clusters: Iterable[Iterable[str]]) -> set[frozenset[str]]:
    """Every unordered pair of ids that share a cluster (for pairwise precision and recall)."""
    out: set[frozenset[str]] = set()
    for cluster in clusters:
        members = sorted(set(cluster))
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                out.add(frozenset((a, b)))
    return out
