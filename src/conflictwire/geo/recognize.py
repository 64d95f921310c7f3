"""Toponym recognition: spaCy's place entities, corrected and completed with the gazetteer.

spaCy's small model misses or mislabels many places (the town in "retook the town of Alam" is a
PERSON, "Laurel County" inside "Laurel County Sheriff's Office" is part of an ORG). A second pass
looks every run of proper nouns up in the gazetteer and accepts it when the name is a strong place
on its own (a country, a state, a large city) or when the words around it say it is a place
("in", "near", "the town of", "X province", "X, Ky.", a dateline "KHERSON —" inside the text,
a town's people and offices "Fresno police", "a Dayton teenager", a legislator's home "R-Ames",
a list before "counties"). Then a name accepted once spreads to its other mentions, names listed
with a place ("Tyler and Longview") join it, and named sites ("Ain al-Asad Air Base", "Mosul Dam")
are kept for the resolver to place by their neighbours. Spans follow the corpora's convention:
"Southern Ohio" gives Ohio, and a name the tagger split ("Trinidad" + "and" + "Tobago") is joined back.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path

from .gazetteer import Gazetteer, prior_score
from .names import DESCRIPTOR_HINTS, fold

PLACE_LABELS = {"GPE", "LOC"}
# Entity labels whose words are never places, whatever the gazetteer says ("May", "Sunday", "12").
NEVER_PLACE_LABELS = {"DATE", "TIME", "CARDINAL", "MONEY", "PERCENT", "ORDINAL", "QUANTITY"}
# Labels the small model also puts on unfamiliar place names ("in Irapuato" PRODUCT, "in Acámbaro"
# NORP): their words are places only when a locative cue says so and the name is no demonym.
DOUBTFUL_LABELS = {"NORP", "LANGUAGE", "WORK_OF_ART", "LAW", "EVENT", "PRODUCT"}
# Words right before a name that make it a place.
PLACE_CUES = {"in", "near", "at", "outside", "from", "into", "across", "around", "toward", "towards", "to", "between", "through", "throughout", "within", "inside", "via",
              # Spanish, French and Portuguese "in" of untranslated headlines ("Ejecutan a dos en Iztapalapa")
              "en", "em"}
# Verbs of conflict news whose object is usually a place ("retook Falluja", "shelled Donetsk").
PLACE_VERBS = {"entered", "captured", "recaptured", "retook", "seized", "shelled", "bombed", "stormed", "liberated",
               "besieged", "encircled", "overran", "raided", "evacuated", "fled", "reached", "invaded", "occupied"}
# Descriptor words right before "of" ("the town of X") or right after a name ("X province").
DESCRIPTOR_WORDS = set(DESCRIPTOR_HINTS) | {"capital", "outskirts", "suburb", "suburbs", "area", "areas"}
# Capitalised descriptors that belong in the span ("Laurel County", "Basra Province").
SPAN_SUFFIXES = {"county", "province", "governorate", "parish", "oblast", "district", "prefecture", "region", "township"}
_MAX_WORDS = 5
# "the Municipal Palace of Olinalá", "the mayor of Iguala", "residents of Homs": X of <place>.
_OF_PLACE_WORDS = {"palace", "mayor", "governor", "residents", "people", "streets", "centre", "center", "port",
                   "municipality", "province", "governorate", "city", "town", "village", "district", "region",
                   "state", "outskirts", "suburbs", "capital", "heart", "north", "south", "east", "west", "entrance"}
_ARTICLE_WORDS = {"al", "el", "ad", "ar", "as", "ash", "at", "az", "an", "ad-", "ed"}
_DIRECTIONS = {"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest"}
# Lower-case words inside a place name ("Santiago de Ixcuintla", "Tlajomulco de Zúñiga", "Ras al Ain").
NAME_CONNECTORS = {"of", "de", "del", "la", "las", "los", "el", "al", "da", "do", "dos", "das", "di", "du", "y"}


@dataclass
class Found:
    """A recognised toponym before resolution."""

    start: int
    end: int
    text: str
    source: str  # spacy:GPE, gazetteer, gazetteer:ORG, ...
    cues: list[str] = field(default_factory=list)


def _is_name_token(token) -> bool:
    return token.tag_ in ("NNP", "NNPS") and token.text[:1].isupper()


# Tags the small model gives unfamiliar capitalised names in running text ("north of Hermosillo" NN).
_LOOSE_NAME_TAGS = {"NN", "NNS", "FW", "JJ", "VB", "VBG", "VBN", "VBZ", "RB", "UH", "XX"}


def _is_loose_name_token(token) -> bool:
    """A capitalised word the tagger did not call a proper noun, inside a sentence written in
    ordinary case (in a Title Case headline every word is capitalised, so capitals say nothing)."""
    if not (token.text[:1].isupper() and token.is_alpha and token.tag_ in _LOOSE_NAME_TAGS):
        return False
    if token.is_sent_start and token.i > 0:
        return False
    sent = token.sent if token.doc.has_annotation("SENT_START") else token.doc[:]
    words = [t for t in sent if t.is_alpha and len(t.text) > 3]
    return bool(words) and sum(t.text[:1].isupper() for t in words) / len(words) < 0.6


ROUTE_WORDS = {"road", "street", "avenue", "highway", "boulevard", "drive", "lane", "parkway", "route", "bridge",
               "interstate", "freeway", "expressway", "turnpike", "pike", "crossing", "square", "st", "rd", "ave", "blvd"}
NATURAL_FEATURE_WORDS = {"river", "lake", "mountains", "mountain", "islands", "island", "bay", "creek", "valley", "sea",
                         "ocean", "gulf", "peninsula", "desert", "coast", "strait", "canal", "falls", "hills", "forest"}

# Single words GeoNames lists as places that are far more often ordinary words in news text.
GENERIC_WORDS = {
    "north", "south", "east", "west", "central", "northern", "southern", "eastern", "western", "northeast",
    "northwest", "southeast", "southwest", "midwest", "delta", "city", "state", "county", "islands", "island",
    "man", "act", "union", "victoria", "mission", "hope", "liberty", "unity", "independence", "justice",
    "progress", "enterprise", "commerce", "industry", "freedom", "paradise", "eden", "harmony", "friendship",
    "police", "army", "university", "college", "school", "church", "hospital", "court", "council", "office", "camp",
    "department", "center", "centre", "valley", "lake", "river", "mount", "beach", "park", "village", "town",
    # articles and words of Spanish and French names that stand alone in untranslated text
    "las", "los", "les", "del", "des", "colonia", "barrio", "hacienda", "playas", "valle",
}
_TITLES = {"mr", "mrs", "ms", "dr", "sen", "gov", "rep", "president", "judge", "coach", "officer", "sgt", "lt",
           "capt", "gen", "col", "maj", "pastor", "rev", "chief", "mayor", "minister", "prof", "miss", "sir", "lord"}
_SPEECH = {"said", "says", "told", "added", "wrote", "asked", "explained", "noted", "replied", "stated"}


def _person_context(doc, start_i: int, end_i: int) -> bool:
    """A title before or a verb of saying after: a person ("Sen. Jackson", "Jackson said")."""
    if start_i > 0 and doc[start_i - 1].lower_.rstrip(".") in _TITLES:
        return True
    if end_i < len(doc) and doc[end_i].lower_ in _SPEECH:
        return True
    if end_i + 1 < len(doc) and doc[end_i].text == "," and doc[end_i + 1].like_num:
        return True  # "Jackson, 42,"
    return False


@functools.lru_cache(maxsize=1)
def _dotted_abbreviations() -> frozenset[str]:
    """Abbreviations written with a final period ("Ky.", "Calif."), from the project's alias table."""
    path = Path(__file__).parent / "data" / "aliases.tsv"
    names = (line.split("\t", 1)[0] for line in path.read_text("utf-8").splitlines() if not line.startswith("#"))
    return frozenset(name[:-1] for name in names if name.endswith("."))


def _attached_abbreviation_dot(doc, i: int) -> bool:
    """A period that belongs to an abbreviation ("W.Va.", "Ky.") rather than ending the sentence."""
    if doc[i].text != "." or i == 0 or doc[i - 1].whitespace_:
        return False
    prev = doc[i - 1].text
    return ("." in prev and len(prev) <= 6) or prev in _dotted_abbreviations()


def _exactly_known(doc, start_i: int, end_i: int, gazetteer: Gazetteer) -> bool:
    """The words as written are a gazetteer name (not only once a descriptor is stripped)."""
    return bool(gazetteer.entries(fold(doc[start_i:end_i].text))) or (
        doc[end_i - 1].lower_ in SPAN_SUFFIXES and bool(gazetteer.find(doc[start_i:end_i].text)[0])
    )


# Words before a place name that say which part of it, or which body of it, is meant: the place is
# the name after them ("Southern Ohio", "Northeast Nebraska", "Historic Savannah", a party "United X").
_LEADING_MODIFIERS = _DIRECTIONS | {"northern", "southern", "eastern", "western", "central", "northeastern",
                                    "northwestern", "southeastern", "southwestern", "upstate", "downstate",
                                    "historic", "greater", "downtown", "united", "rural", "coastal"}
# "City of Tucson", "State of Nevada": the name after the descriptor is the place.
_LEADING_DESCRIPTORS = {"city", "state", "town", "village", "commonwealth", "province", "county", "municipality",
                        "borough", "township", "republic", "kingdom", "district", "region"}


def _strip_leading_words(doc, start_i: int, end_i: int, gazetteer: Gazetteer) -> int:
    """Start of the place name once words that only qualify it are left out, when the whole is no
    gazetteer name but what follows them is ("North Korea" stays; "northern Syria" gives Syria)."""
    if end_i - start_i < 2 or _exactly_known(doc, start_i, end_i, gazetteer):
        return start_i
    k = start_i
    while k < end_i - 1 and doc[k].lower_ in _LEADING_MODIFIERS:
        k += 1
    if k == start_i and end_i - start_i >= 3 and doc[k].lower_ in _LEADING_DESCRIPTORS and doc[k + 1].lower_ == "of":
        k += 2
    if k == start_i or k >= end_i or not doc[k].text[:1].isupper():
        return start_i
    if end_i - k == 1 and doc[k].lower_ in GENERIC_WORDS | ROUTE_WORDS | NATURAL_FEATURE_WORDS:
        return start_i  # "West Road", "East River": the direction is part of the name
    strong = any(prior_score(e) >= 0.3 for e in gazetteer.entries(fold(doc[k:end_i].text)) if e.name_kind <= 1)
    return k if strong else start_i


def _known_prefix(doc, start_i: int, end_i: int, gazetteer: Gazetteer) -> int | None:
    for stop in range(end_i - 1, start_i, -1):
        if doc[stop - 1].is_punct:
            continue
        if stop - start_i == 1 and doc[start_i].lower_ in GENERIC_WORDS:
            continue
        if _exactly_known(doc, start_i, stop, gazetteer):
            return stop
    return None


def _extend_with_suffix(doc, start_i: int, end_i: int) -> int:
    """Token end index including a following descriptor ("Salahuddin province", "Laurel County")."""
    if end_i < len(doc) and doc[end_i].lower_ in SPAN_SUFFIXES and doc[end_i].text[:1].isupper() and not (
        end_i + 1 < len(doc) and doc[end_i + 1].lower_ == "of"
    ):
        return end_i + 1
    return end_i


def _cue_before(doc, start_i: int) -> str | None:
    """The cue word before a span: a preposition of place, or "the town of" / "X province of"."""
    if start_i == 0:
        return None
    prev = doc[start_i - 1]
    if prev.lower_ == "of" and start_i >= 2 and (doc[start_i - 2].lower_ in DESCRIPTOR_WORDS or doc[start_i - 2].lower_ in _DIRECTIONS
                                                 or doc[start_i - 2].lower_ in _OF_PLACE_WORDS):
        return f"{doc[start_i - 2].lower_} of"
    if prev.lower_ in ("northern", "southern", "eastern", "western", "central") and start_i >= 2:
        prev2 = doc[start_i - 2]
        if prev2.lower_ in PLACE_CUES or prev2.lower_ == "the":
            return f"{prev.lower_}"
    if prev.lower_ in PLACE_CUES or prev.lower_ in PLACE_VERBS:
        return prev.lower_
    return None


def _cue_after(doc, end_i: int, gazetteer: Gazetteer) -> str | None:
    if end_i < len(doc) and doc[end_i].lower_ in DESCRIPTOR_WORDS and doc[end_i].lower_ not in ("area", "areas"):
        return doc[end_i].lower_
    # "Lexington, Ky." / "Mosul, Iraq": a comma and a state or country.
    if end_i + 1 < len(doc) and doc[end_i].text == ",":
        nxt = doc[end_i + 1]
        if nxt.text[:1].isupper():
            for n in (3, 2, 1):
                words = doc[end_i + 1 : min(end_i + 1 + n, len(doc))].text
                for entry in gazetteer.entries(fold(words)):
                    if entry.feature_code in ("PCLI", "ADM1"):
                        return "comma-region"
    return None


def _inside_longer_name(doc, start_i: int, end_i: int, name_like: list[bool], taken: list[bool]) -> bool:
    """The words run on into capitalised words the match left out, before or after it."""
    if start_i > 0 and name_like[start_i - 1] and not taken[start_i - 1]:
        return True
    nxt = end_i
    if nxt < len(doc) and doc[nxt].lower_ in NAME_CONNECTORS and nxt + 1 < len(doc):
        nxt += 1
    return (nxt < len(doc) and name_like[nxt] and not taken[nxt] and doc[nxt].lower_ not in SPAN_SUFFIXES
            and doc[nxt].lower_.rstrip(".") not in _FOLLOWING_WORDS)


# Nouns that, right after a name, make it a town's name: its people and its public offices ("a
# Dayton teenager", "Fresno police", "Tulsa Fire Chief", "the Kharkiv mayoral race").
# A person's surname is not written before these ("the Smith family" or "the Smith home" are, and
# are left out).
CIVIC_WORDS = {
    "police", "sheriff", "sheriffs", "fire", "firefighters", "mayor", "mayoral", "council", "councilman",
    "councilwoman", "councilmember", "selectman", "selectmen", "selectwoman", "alderman", "aldermen",
    "commissioners", "officials", "residents", "resident", "native", "natives", "voters", "man", "woman",
    "men", "women", "boy", "girl", "teen", "teens", "teenager", "teenagers", "couple", "schools", "detectives",
    "prosecutors", "authorities", "parks", "township", "municipal", "citizens", "taxpayers", "homeowners",
    # public bodies named after their town ("Elmira Correctional Facility", "Tyler Independent School
    # District", "the Fresno area", "Ashland Volunteer Fire Department")
    "correctional", "chamber", "senior", "reservoir", "borough", "regional", "area", "independent", "public",
    "volunteer", "downtown",
}
# Capitalised words that follow a place in the names of its offices and people ("Farmington Police",
# "Gainesville Mayor Tom Smith"): the place is still a place.
_FOLLOWING_WORDS = _TITLES | ROUTE_WORDS | GENERIC_WORDS | DESCRIPTOR_WORDS | CIVIC_WORDS | {
    "high", "board", "fire", "sheriff", "sheriffs", "schools", "officials", "residents", "resident", "native",
    "metro", "area", "airport", "station", "hall", "commission", "commissioner", "commissioners", "city", "times",
    "post", "news", "herald", "tribune", "journal", "press", "daily", "public", "general", "international",
    "national", "regional", "memorial", "medical", "community", "township", "borough", "village", "town",
}


# Separators after a dateline's place ("KHERSON — Shelling...", "ALEPPO: Two...", "FRESNO -- Police...").
_DATELINE_SEPARATORS = {"—", "–", "―", "-", "--", "---", ":", "\x97"}


def _dateline_tokens(doc) -> list[bool]:
    """Tokens of all-capital place words that open a report inside the text, as news wires and
    local papers print them after a headline ("... after the storm. HARRISBURG — Crews worked")."""
    marks = [False] * len(doc)
    for d, sep in enumerate(doc):
        if sep.text not in _DATELINE_SEPARATORS or d == 0 or d + 1 >= len(doc):
            continue
        if sep.text != ":" and not doc[d - 1].whitespace_:
            continue  # "WILKES-BARRE", "U.S.-led": a hyphen inside a word
        nxt = doc[d + 1]
        if not (nxt.text[:1].isupper() or nxt.text[:1] in "\"“'‘"):
            continue  # "the FBI - which": a dash inside a sentence
        start = d
        while start > 0 and d - start < 4:
            t = doc[start - 1]
            capitals = t.text.isupper() and any(ch.isalpha() for ch in t.text)
            abbreviation_dot = t.text == "." and start >= 2 and doc[start - 2].text.isupper() and not doc[start - 2].whitespace_
            if not (capitals or abbreviation_dot):  # "ST. PAUL": the period of "ST." belongs to the name
                break
            start -= 1
        if start == d:
            continue
        letters = sum(ch.isalpha() for t in doc[start:d] for ch in t.text)
        if letters < 4:
            continue
        before = doc[start - 1] if start > 0 else None
        # The place words open a text, a line, or follow the headline's end or a date ("May 2, 2011 TOLEDO --").
        if before is not None and not (
            before.is_space or before.text in (".", "!", "?", "\"", "”", "’", "'") or before.like_num
            or before.text.endswith("%") or "\n" in before.whitespace_
        ):
            continue
        for k in range(start, d):
            marks[k] = True
    return marks


def _known_join(doc, start_i: int, end_i: int, gazetteer: Gazetteer, joinable: list[bool],
                label_of: list[str]) -> tuple[int, int]:
    """The longest stretch around a place span whose words together are one gazetteer name the
    tagger split in pieces ("Trinidad" GPE + "and" + "Tobago" ORG; "ST" "." "PAUL")."""
    best = (start_i, end_i)
    for s in range(max(0, start_i - 3), start_i + 1):
        for e in range(min(len(doc), end_i + 3), end_i - 1, -1):
            if (s, e) == (start_i, end_i) or e - s <= best[1] - best[0]:
                continue
            extra = [k for k in range(s, e) if not start_i <= k < end_i]
            if not all(joinable[k] or (doc[k].lower_ in ("and", ".", "-") and s < k < e - 1) for k in extra):
                continue
            if not (doc[s].text[:1].isupper() and doc[e - 1].text[:1].isupper()):
                continue
            if (e < len(doc) and joinable[e] and e > end_i) or (s > 0 and joinable[s - 1] and s < start_i):
                continue  # "Santa" + "Maria" of "Santa Maria del Tule": the name runs on
            # A person's word joins only into a well-known place ("Bosnia and Herzegovina", not "George Washington").
            floor = 0.5 if any(label_of[k] == "PERSON" for k in extra) else 0.3
            entries, hint = gazetteer.find(doc[s:e].text)
            if not hint and any(prior_score(x) >= floor for x in entries if x.name_kind <= 1):
                best = (s, e)
    return best


# Words that open an office's title, never a town's name ("Vice Mayor", "Deputy Police Chief").
_RANK_WORDS = {"vice", "deputy", "acting", "former", "assistant", "interim", "associate", "chief", "senior", "city",
               "county", "state", "federal", "local", "area", "metro"}
# Heads of Spanish and French names of bodies ("Banco de México", "Universidad de Guadalajara", "Gobierno
# de Chiapas"): the name after "de" is a place. Elsewhere "de" joins one name ("San Juan de los Lagos").
_ORGANISATION_HEADS_BEFORE_DE = {"cartel", "cártel", "tour", "banco", "universidad", "université", "gobierno",
                                 "policía", "policia", "fiscalía", "fiscalia", "secretaría", "ayuntamiento",
                                 "municipio", "república", "république", "ville", "prefecture", "préfecture"}
# People's nouns after a name need a determiner or a number before it ("a Dayton teenager", "two
# Fresno men"): without one the name is more often a word ("Best man", "Young woman").
_PEOPLE_NOUNS = {"man", "woman", "men", "women", "boy", "girl", "boys", "girls", "teen", "teens", "teenager",
                 "teenagers", "couple", "youth"}
_DETERMINERS = {"a", "an", "the", "his", "her", "their", "its", "our", "two", "three", "four", "five", "several",
                "another", "one", "'s", "’s"}
# Words describing people that are also town names somewhere ("Young", "Unity").
_PEOPLE_ADJECTIVES = {"young", "old", "elderly", "unidentified", "unknown", "armed", "masked", "local", "dead",
                      "wounded", "innocent", "missing", "suspected", "alleged", "other", "white", "black", "hit"}
# Plural descriptors after a list of names: each name is one ("Polk, Story and Boone counties").
_PLURAL_DESCRIPTORS = {"counties": "county", "parishes": "parish", "provinces": "province",
                       "governorates": "governorate", "districts": "district", "oblasts": "oblast"}
# Party letters before a legislator's home town ("Rep. Jane Doe, R-Ames").
_PARTY_LETTERS = {"R", "D", "I", "DFL", "GOP", "Dem", "Rep"}


def _country_code_word(token, gazetteer: Gazetteer) -> bool:
    """ "US", "UK", "EU": a short capital word that names a country or a union of them, not a state
    code ("PA") or a word ("IN")."""
    return token.text.isupper() and token.is_alpha and any(
        e.feature_code in ("PCLI", "CONT") and e.name_kind <= 1 and prior_score(e) >= 0.9
        for e in gazetteer.entries(fold(token.text)))


def _civic_after(doc, start_i: int, end_i: int) -> bool:
    k = end_i
    if k < len(doc) and doc[k].text in ("'s", "’s"):
        k += 1
    if k >= len(doc) or doc[start_i].lower_ in _PEOPLE_ADJECTIVES:
        return False
    word = doc[k].lower_
    if word in _PEOPLE_NOUNS:
        before = doc[start_i - 1] if start_i > 0 else None
        return before is not None and (before.lower_ in _DETERMINERS or before.like_num)
    return word in CIVIC_WORDS or (word == "grand" and k + 1 < len(doc) and doc[k + 1].lower_ == "jury")


def _party_home(doc, start_i: int) -> bool:
    """ "R-Ames", "(D-Newton)": the legislator's home town after the party letter."""
    return (start_i >= 3 and doc[start_i - 1].text in ("-", "–") and doc[start_i - 2].text in _PARTY_LETTERS
            and not doc[start_i - 2].whitespace_ and not doc[start_i - 1].whitespace_
            and doc[start_i - 3].text in (",", "("))


def _listed_with_plural_descriptor(doc, name_like: list[bool]) -> dict[int, str]:
    """First tokens of the names listed before a plural descriptor, each with the singular:
    "Polk, Story and Boone counties" -> {Polk: county, Story: county, Boone: county}."""
    out: dict[int, str] = {}
    for d, token in enumerate(doc):
        singular = _PLURAL_DESCRIPTORS.get(token.text)
        if singular is None:
            continue
        k = d - 1
        while k >= 0:
            end = k + 1
            while k >= 0 and name_like[k] and end - k <= 3:
                k -= 1
            if k + 1 == end:
                break
            out[k + 1] = singular
            if k >= 1 and doc[k].lower_ in ("and", "or") and doc[k - 1].text == ",":
                k -= 2  # the Oxford comma
            elif k >= 0 and (doc[k].text in (",", "/") or doc[k].lower_ in ("and", "or")):
                k -= 1
            else:
                break
    return out


def find_toponyms(
    doc, gazetteer: Gazetteer, heading: tuple[int, int] | None = None
) -> tuple[list[Found], list[tuple[int, int, str]]]:
    """Toponyms in a parsed Doc, and demonyms as country evidence ``(start, end, country_code)``.

    ``heading`` is the character span of a dateline's or a headline's leading place words
    ("BAGHDAD -", "Tijuana: ..."): capitalised words there are names whatever their tag."""
    taken = [False] * len(doc)
    in_dateline = _dateline_tokens(doc)
    in_heading = [(bool(heading) and heading[0] <= t.idx < heading[1] and t.text[:1].isupper()) or in_dateline[t.i]
                  for t in doc]
    found: list[Found] = []
    demonyms: list[tuple[int, int, str]] = []
    label_of = [""] * len(doc)
    for ent in doc.ents:
        for i in range(ent.start, ent.end):
            label_of[i] = ent.label_
    # Words of people's full names ("Scott Brown"): alone later ("Brown said") they are the person.
    person_words = {t.text for ent in doc.ents if ent.label_ == "PERSON" and len(ent) > 1 for t in ent}

    def add(start_i: int, end_i: int, source: str, cues: list[str]) -> None:
        while start_i < end_i and doc[start_i].lower_ == "the":
            start_i += 1
        while end_i > start_i and (doc[end_i - 1].text in ("'s", "’s", "'", "’", ",") or doc[end_i - 1].is_punct):
            if _attached_abbreviation_dot(doc, end_i - 1):
                break
            end_i -= 1
        if end_i <= start_i:
            return
        span = doc[start_i:end_i]
        found.append(Found(span.start_char, span.end_char, span.text, source, cues))
        for i in range(start_i, end_i):
            taken[i] = True

    strict_name = [_is_name_token(t) for t in doc]
    name_like = [strict_name[k] or in_heading[k] or _is_loose_name_token(doc[k]) for k in range(len(doc))]
    joinable = [(strict_name[k] or in_heading[k]) and label_of[k] not in NEVER_PLACE_LABELS for k in range(len(doc))]
    listed = _listed_with_plural_descriptor(doc, name_like)
    for ent in doc.ents:
        if ent.label_ == "NORP":
            cc = gazetteer.demonym(ent.text)
            if cc:
                demonyms.append((ent.start_char, ent.end_char, cc))
            continue
        if any(taken[k] for k in range(ent.start, ent.end)):
            continue  # joined into the name before it ("ST" + "." + "PAUL")
        if ent.label_ in PLACE_LABELS:
            if gazetteer.demonym(ent.text) and not gazetteer.entries(fold(ent.text)):
                demonyms.append((ent.start_char, ent.end_char, gazetteer.demonym(ent.text)))
                continue
            start_i, end_i = _known_join(doc, ent.start, ent.end, gazetteer, joinable, label_of)
            end_i = _extend_with_suffix(doc, start_i, end_i)
            while start_i < end_i and doc[start_i].lower_ == "the":
                start_i += 1
            start_i = _strip_leading_words(doc, start_i, end_i, gazetteer)
            if start_i > 0 and _is_name_token(doc[start_i - 1]) and not label_of[start_i - 1] and bool(
                gazetteer.entries(fold(doc[start_i - 1 : end_i].text))
            ):
                start_i -= 1  # "General Escobedo": the tagger left a name's first word out
            while end_i - start_i > 1 and doc[end_i - 1].lower_ in DESCRIPTOR_HINTS and doc[end_i - 1].text.islower():
                end_i -= 1  # "Ochamchire district": the descriptor is a hint, not part of the name
            if end_i - start_i == 1 and doc[start_i].lower_ in GENERIC_WORDS:
                continue
            if _counted_noun(doc, start_i, end_i) and not any(
                    e.feature_code == "PCLI" for e in gazetteer.entries(fold(doc[start_i].text))):
                continue  # "a Mustang then hit a Van": things, capitalised ("a Britain that..." is kept)
            if not any(t.text[:1].isupper() for t in doc[start_i:end_i]):
                continue  # "west province": no name at all
            if doc[end_i - 1].lower_ in NATURAL_FEATURE_WORDS:
                pass  # "Catawba River": a name the gazetteer lacks, not a town plus a word
            elif not _exactly_known(doc, start_i, end_i, gazetteer):
                # "Guernsey County Common Pleas Court", "Columbus North", "San Fernando City": keep
                # the longest start that is a known place; a lone unknown word ("Farrin") is more
                # often a person than a place.
                prefix = _known_prefix(doc, start_i, end_i, gazetteer)
                if prefix is not None:
                    end_i = prefix
                elif end_i - start_i == 1:
                    continue
            if _inside_longer_name(doc, start_i, end_i, name_like, taken) and not any(
                prior_score(e) >= 0.7 for e in gazetteer.find(doc[start_i:end_i].text)[0] if e.name_kind <= 1
            ):
                continue  # "Loma" of "Loma Dorada": the tagger cut a longer unknown name short
            # "Story" in "Polk, Story and Boone counties" carries the descriptor for the resolver.
            add(start_i, end_i, f"spacy:{ent.label_}", [listed[start_i]] if start_i in listed and end_i <= start_i + 3 else [])
        elif ent.label_ == "FAC":
            # Roads and bridges are places even when the gazetteer does not know them; a building
            # named after its town ("Paris City Hall", "Henry County Sheriff's Department") gives the town.
            start_i, end_i = ent.start, ent.end
            while start_i < end_i and doc[start_i].lower_ == "the":
                start_i += 1
            if end_i <= start_i:
                continue
            named_site = end_i - start_i >= 2 and (
                doc[start_i].lower_ in SITE_PREFIXES or doc[end_i - 1].lower_ in FACILITY_HEADS)
            if (any(t.lower_ in ROUTE_WORDS for t in doc[start_i:end_i]) or named_site
                    or _exactly_known(doc, start_i, end_i, gazetteer)):
                add(start_i, end_i, "spacy:FAC", [])
            else:
                prefix = _known_prefix(doc, start_i, end_i, gazetteer)
                if prefix is not None:
                    add(start_i, prefix, "spacy:FAC", [])

    # Countries the text names or implies (demonyms): a doubtful name in one of them is likelier a place.
    countries_named = {cc for _, _, cc in demonyms}
    for f in found:
        for entry in gazetteer.entries(fold(f.text)):
            if entry.feature_code in ("PCLI", "ADM1") and entry.name_kind <= 1:
                countries_named.add(entry.country_code)

    # Second pass: runs of proper nouns spaCy did not call places.
    i = 0
    n = len(doc)
    while i < n:
        if taken[i] or not name_like[i] or label_of[i] in NEVER_PLACE_LABELS:
            i += 1
            continue
        match = None
        for length in range(min(_MAX_WORDS, n - i), 0, -1):
            window = doc[i : i + length]
            if any(taken[j] or label_of[j] in NEVER_PLACE_LABELS for j in range(i, i + length)):
                continue
            if not name_like[i + length - 1]:
                continue
            if not all(name_like[i + k] or (t.lower_ in NAME_CONNECTORS and 0 < k < length - 1)
                       or (t.text == "-" and 0 < k < length - 1) for k, t in enumerate(window)):
                continue
            if length == 1 and (window[0].lower_ in GENERIC_WORDS
                                or (len(window[0].text) < 3 and not _country_code_word(window[0], gazetteer))):
                continue
            end_i = _extend_with_suffix(doc, i, i + length)
            if doc[end_i - 1].lower_ in DESCRIPTOR_HINTS and doc[end_i - 1].lower_ not in SPAN_SUFFIXES:
                # "Lansing State Journal", "Emerald City": a descriptor counts only in a known name.
                if not _exactly_known(doc, i, end_i, gazetteer):
                    continue
            text = doc[i:end_i].text
            entries, hint = gazetteer.find(text)
            if entries:
                match = (end_i, entries, hint)
                break
        if match is None:
            i += 1
            continue
        end_i, entries, hint = match
        stripped = _strip_leading_words(doc, i, end_i, gazetteer)
        if stripped != i and gazetteer.find(doc[stripped:end_i].text)[0]:
            i = stripped  # "State of Nevada", "City of Tucson": the place is the name after the descriptor
            entries, hint = gazetteer.find(doc[i:end_i].text)
        best = max(prior_score(e, hint) for e in entries)
        start_i = i
        if i >= 2 and doc[i - 1].text == "-" and doc[i - 2].lower_ in _ARTICLE_WORDS and not taken[i - 2]:
            start_i = i - 2  # "al-Raqqa": the article belongs to the name
        labels = {label_of[j] for j in range(start_i, end_i)} - {""}
        cue = _cue_before(doc, start_i) or _cue_after(doc, end_i, gazetteer)
        if end_i > i + 1 and doc[end_i - 1].lower_ in SPAN_SUFFIXES:
            cue = doc[end_i - 1].lower_  # "Henderson County": the name says what it is, whatever comes before
        if cue is None and i in listed and end_i <= i + 3:
            cue = listed[i]
        if cue is None and _party_home(doc, start_i):
            cue = "party-home"
        civic = (
            _civic_after(doc, i, end_i) and not doc[i].is_stop and doc[i].tag_ not in ("NNS", "NNPS")
            and doc[i].lower_ not in _RANK_WORDS
            and any(e.feature_code.startswith(("PPL", "ADM")) for e in entries if e.name_kind <= 1)
        )
        if civic:
            cue = cue or "civic"
        accept = False
        source = "gazetteer"
        loose = not all(strict_name[j] for j in range(i, end_i) if doc[j].text[:1].isupper())
        doubtful = bool(labels & DOUBTFUL_LABELS)
        if any(in_heading[j] for j in range(i, end_i)):
            cue = cue or "heading"
        if (loose or doubtful) and not labels & {"PERSON", "ORG"}:
            # An untagged or oddly labelled capitalised word ("in Irapuato", "north of Hermosillo")
            # is a place only where the words around say so, and a demonym never is.
            accept = cue is not None and best >= (0.3 if cue == "heading" else 0.15) and not gazetteer.demonym(
                doc[i:end_i].text
            )
            source = "gazetteer:cue"
        elif "PERSON" in labels:
            # A person's name is a place when the words around say so ("the town of Alam"), or
            # when it is a well-known place standing alone, not a name with a title or "said".
            ent = next(e for e in doc.ents if e.start < end_i and i < e.end and e.label_ == "PERSON")
            alone = (ent.start == i and (ent.end == end_i or civic) and not _person_context(doc, i, end_i)
                     and not (end_i - i == 1 and doc[i].text in person_words and not civic))
            best_primary = max((prior_score(e, hint) for e in entries if e.name_kind == 0), default=0.0)
            in_known_country = alone and any(e.country_code in countries_named for e in entries)
            # A locative word inside the "person" ("... Ramírez en Culiacán") shows the label is wrong.
            broken = cue in PLACE_CUES and ent.start < i - 1
            accept = (cue is not None and (cue.endswith(" of") or cue in DESCRIPTOR_WORDS or ((alone or broken) and best >= 0.3))) or (
                alone and (best_primary >= 0.7 or (in_known_country and best >= 0.3))
            ) or (
                # "in Vicente Guerrero, Durango, Mexico": a name followed by its state or country
                alone and best >= 0.15 and cue in PLACE_CUES and _cue_after(doc, end_i, gazetteer) == "comma-region"
            )
            source = "gazetteer:PERSON"
        elif "ORG" in labels:
            # A place inside an organisation's name: its first words ("Laurel County Sheriff's Office")
            # or what follows "of" ("University of Kentucky").
            ent = next(e for e in doc.ents if e.start < end_i and i < e.end and e.label_ == "ORG")
            lead = ent.start
            while lead < i and doc[lead].lower_ in ("the", "a", "an"):
                lead += 1
            if lead == start_i:
                lead = i
            # ... or after a locative word the tagger swallowed into a title-case "organisation"
            # ("KIA Soldiers Killed In Airstrikes In Kachin State").
            after_of = i > 0 and doc[i - 1].lower_ == "of" or (
                i > 1 and doc[i - 1].lower_ in ("de", "del", "du") and doc[i - 2].lower_ in _ORGANISATION_HEADS_BEFORE_DE)
            at_edge = i == lead or after_of or (cue in PLACE_CUES and lead < i - 1)
            whole = lead == i and ent.end == end_i
            in_known_country = whole and best >= 0.3 and any(e.country_code in countries_named for e in entries)
            accept = (at_edge and (best >= 0.6 or cue is not None or in_known_country) and end_i < ent.end + 2) or (
                cue == "party-home" and best >= 0.15)  # "D-Missoula" tagged as one organisation
            source = "gazetteer:ORG"
        else:
            if (doc[i].text.isupper() and end_i - i == 1 and len(doc[i].text) <= 3 and cue != "comma-region"
                    and not _country_code_word(doc[i], gazetteer)):
                accept = False  # "PA", "KY 52": codes, not names ("US", "EU" are kept)
            elif _counted_noun(doc, i, end_i):
                accept = False  # "fired on a Van carrying workers": a thing, capitalised
            else:
                accept = best >= 0.7 or (cue is not None and best >= 0.15)
        if accept and source != "gazetteer:ORG" and _inside_longer_name(doc, start_i, end_i, name_like, taken):
            # "Lucio Blanco", "Loma Dorada", "Granjas Polo Gamboa": a known word inside a longer
            # name the gazetteer lacks (a neighbourhood, a person) is not that place, unless the
            # name it makes is a well-known place in its own right ("Sinaloa" in "Cartel Sinaloa").
            accept = max((prior_score(e, hint) for e in entries if e.name_kind <= 1), default=0.0) >= 0.7
        if accept:
            add(start_i, end_i, source, [cue] if cue else [])
            i = end_i
        else:
            i += 1

    # One sense per discourse: a name accepted as a place once is a place wherever it recurs
    # alone (spaCy tags "Gainesville" GPE in one sentence and PERSON in the next).
    person_labelled = {t.text for t in doc if t.ent_type_ == "PERSON"}
    person_count: dict[str, int] = {}
    for ent in doc.ents:
        if ent.label_ == "PERSON":
            person_count[ent.text] = person_count.get(ent.text, 0) + 1
    place_count: dict[str, int] = {}
    for f in found:
        place_count[f.text] = place_count.get(f.text, 0) + 1
    known: dict[str, list[str]] = {}
    for f in found:
        if f.source in ("spacy:FAC", "gazetteer:PERSON") or f.text in person_words:
            continue
        if " " not in f.text and f.text in person_labelled and (
            (not f.cues and f.source not in ("spacy:GPE", "spacy:LOC"))
            or person_count.get(f.text, 0) >= place_count.get(f.text, 0)
        ):
            continue  # tagged a person elsewhere in this text, as often as a place or on weak grounds: too doubtful to spread
        text = f.text
        if text.isupper():
            if "heading" not in f.cues:
                continue
            text = text.title()  # "TOLEDO —" opens the report; "Toledo" recurs in its body
        if gazetteer.find(text)[0]:
            known.setdefault(text.split()[0], []).append(text)
    for i, token in enumerate(doc):
        if taken[i] or token.text not in known:
            continue
        for text in known[token.text]:
            j = i + len(text.split())
            if j <= n and doc[i:j].text == text and not any(taken[k] for k in range(i, j)):
                if label_of[i] == "PERSON" and any(label_of[k] == "PERSON" for k in (i - 1, j) if 0 <= k < n):
                    continue  # part of a longer person's name ("Andrew Jackson")
                if label_of[i] == "PERSON" and (_person_context(doc, i, j) or (i > 0 and doc[i - 1].lower_ in _SPEECH)):
                    continue  # "Sen. Jackson", "Jackson said", "said Jackson"
                if label_of[i] in NEVER_PLACE_LABELS:
                    continue
                add(i, j, "same-name", [])
                break

    _add_coordinated_places(doc, found, gazetteer, add, taken, strict_name, in_heading, label_of, person_words)
    _add_named_facilities(doc, gazetteer, add, taken, strict_name, label_of)
    found.sort(key=lambda f: f.start)
    return found, demonyms


_COORDINATORS = {"and", "or", ","}


def _add_coordinated_places(doc, found: list[Found], gazetteer: Gazetteer, add, taken, strict_name, in_heading,
                            label_of, person_words) -> None:
    """Names listed with a place are places of the same kind ("Tyler and Longview", "Delft and
    Gouda", "Ames, Boone and Nevada"), when the gazetteer has a town or a division of that name.
    A comma alone joins only inside a list that goes on."""
    n = len(doc)

    def name_run(i: int, step: int) -> tuple[int, int] | None:
        k = i
        while 0 <= k < n and (strict_name[k] or in_heading[k]) and not taken[k] and abs(k - i) < 3:
            k += step
        if k == i:
            return None
        return (i, k) if step > 0 else (k + 1, i + 1)

    def is_separator(k: int) -> bool:
        return 0 <= k < n and doc[k].lower_ in _COORDINATORS

    for _round in range(3):
        added = False
        for f in list(found):
            if not (f.source in ("spacy:GPE", "spacy:LOC", "gazetteer:list") or (f.cues and f.source != "gazetteer:PERSON")):
                continue  # only a place the text itself marks can vouch for its neighbours
            span = doc.char_span(f.start, f.end, alignment_mode="expand")
            if span is None:
                continue
            for side in (1, -1):
                sep = span.end if side > 0 else span.start - 1
                if not is_separator(sep):
                    continue
                first = sep + side
                if side > 0 and doc[sep].text == "," and first < n and doc[first].lower_ in ("and", "or"):
                    first += 1  # "A, and B"
                if side < 0 and doc[sep].lower_ in ("and", "or") and first >= 0 and doc[first].text == ",":
                    first -= 1
                run = name_run(first, side)
                if run is None:
                    continue
                start_i, end_i = run
                outside = start_i - 1 if side < 0 else end_i
                if 0 <= outside < n and (strict_name[outside] or taken[outside]):
                    continue  # "Cedar Creek and ...": part of a longer name
                if doc[sep].text == ",":
                    # "Paris, Texas" or "Boston, Smith said" are no list: a comma needs the list to go on.
                    after, before = (end_i, span.start - 1) if side > 0 else (span.end, start_i - 1)
                    if not (is_separator(after) or is_separator(before)):
                        continue
                words = doc[start_i:end_i]
                if any(label_of[k] in NEVER_PLACE_LABELS for k in range(start_i, end_i)):
                    continue
                if label_of[start_i] == "PERSON" and any(
                    0 <= k < n and label_of[k] == "PERSON" and not taken[k] for k in (start_i - 1, end_i)
                ):
                    continue
                if words.text in person_words or _person_context(doc, start_i, end_i) or gazetteer.demonym(words.text):
                    continue
                if end_i - start_i == 1 and (words[0].lower_ in GENERIC_WORDS or len(words[0].text) < 3):
                    continue
                entries, hint = gazetteer.find(words.text)
                if any(e.feature_code.startswith(("PPL", "ADM", "PCL")) and e.name_kind <= 1 and prior_score(e, hint) >= 0.15
                       for e in entries):
                    add(start_i, end_i, "gazetteer:list", ["coordinated"])
                    added = True
        if not added:
            break


# Head nouns of named sites that conflict and local news locate events at ("Ain al-Asad Air Base",
# "Mosul Dam", "Donbas Arena", "Sednaya Prison"): the name is a place even when the gazetteer
# lacks it, and the resolver places it by the places around it.
FACILITY_HEADS = {
    "airport", "airfield", "airbase", "base", "barracks", "bridge", "dam", "refinery", "checkpoint", "crossing",
    "church", "cathedral", "mosque", "temple", "shrine", "synagogue", "hospital", "clinic", "stadium", "arena",
    "prison", "jail", "penitentiary", "library", "museum", "palace", "racecourse", "hotel", "mall",
    "square", "plaza", "station", "terminal", "harbour", "harbor", "pier",
}
# Words that open a site's name ("Camp Speicher", "Forward Operating Base Salerno").
SITE_PREFIXES = {"camp", "forward"}
# Words after the head that make the whole an organisation, not a site ("Center for ...", "Hospital Trust").
_ORGANISATION_AFTER = {"for", "of", "trust", "foundation", "association", "board", "authority", "group", "company"}


# "the Catholic Church", "the Anglican Church": a denomination, not a building.
_DENOMINATIONS = {"catholic", "baptist", "methodist", "presbyterian", "orthodox", "anglican", "evangelical",
                  "lutheran", "coptic", "episcopal", "pentecostal", "protestant", "adventist", "mormon"}


_TITLE_CASE_TELLS = {"in", "at", "on", "of", "for", "with", "after", "from", "into", "near", "as", "by", "and", "to"}


_AFTER_HEAD_POS = {"VERB", "AUX", "ADP", "DET", "ADV", "PRON", "SCONJ", "CCONJ", "PART"}


def _counted_noun(doc, start_i: int, end_i: int) -> bool:
    """A single word after "a"/"an" that heads its own noun phrase ("a Van carrying workers"): a
    place name takes no indefinite article, except as a modifier of the noun after it ("a Dayton
    teenager") or with an adjective ("a divided Berlin", which then stands between)."""
    if end_i - start_i != 1 or start_i == 0 or doc[start_i - 1].lower_ not in ("a", "an"):
        return False
    # Only a verb, a preposition or the like right after shows the word heads the phrase; a hyphen
    # or a comma may go on with a modifier ("a Washington-based group", "a Denison, Iowa-based firm").
    return end_i >= len(doc) or doc[end_i].pos_ in _AFTER_HEAD_POS


def _title_case_sentence(doc, start_i: int, end_i: int) -> bool:
    """The sentence around ``doc[start_i:end_i]`` capitalises most of its ordinary words (a Title Case
    headline), so capitals say little. Words of the span and of named entities are left out."""
    token = doc[start_i]
    sent = token.sent if doc.has_annotation("SENT_START") else doc[:]
    if any(t.is_stop and t.text[:1].isupper() and t.text.lower() in _TITLE_CASE_TELLS and doc[t.i - 1].is_alpha
           for t in sent[1:]):
        return True  # "Gunmen Storm Bus Station In Kandahar": a capitalised preposition mid-sentence
    words = [t for t in sent[1:] if t.is_alpha and len(t.text) > 3 and not start_i <= t.i < end_i]
    plain = [t for t in words if not t.ent_type_]
    if len(plain) >= 2:
        return sum(t.text[:1].isupper() for t in plain) / len(plain) >= 0.5
    # Nearly all of it tagged as entities (a headline read as one long name): all words must be capitalised.
    return len(words) >= 4 and sum(t.text[:1].isupper() for t in words) / len(words) >= 0.75


def _add_named_facilities(doc, gazetteer: Gazetteer, add, taken, strict_name, label_of) -> None:
    n = len(doc)
    k = 0
    while k < n:
        if doc[k].lower_ not in FACILITY_HEADS or not doc[k].text[:1].isupper() or taken[k] or not strict_name[k]:
            k += 1
            continue
        if k + 1 < n and (doc[k + 1].lower_ in _ORGANISATION_AFTER or strict_name[k + 1] or taken[k + 1]):
            k += 1  # "Hospital Trust", "Mill Bridge Road": an organisation, or part of a longer name
            continue
        start = k
        while start > 0 and k - start < 6 and not taken[start - 1] and (
            strict_name[start - 1]
            or ((doc[start - 1].lower_ in NAME_CONNECTORS or doc[start - 1].text == "-") and start - 2 >= 0
                and (strict_name[start - 2] or doc[start - 2].lower_ in _ARTICLE_WORDS))
        ) and label_of[start - 1] not in NEVER_PLACE_LABELS:
            start -= 1
        while start < k and (doc[start].lower_ in NAME_CONNECTORS or doc[start].text == "-"):
            start += 1
        single_adjective = k - start == 1 and (doc[start].tag_ == "JJ" or label_of[start] == "NORP"
                                               or doc[start].lower_ in _DENOMINATIONS or gazetteer.demonym(doc[start].text))
        if start < k and not (start > 0 and (strict_name[start - 1] or taken[start - 1] or doc[start - 1].like_num
                                             or doc[start - 1].text[:1].isdigit())) and not single_adjective \
                and not _title_case_sentence(doc, start, k + 1):
            add(start, k + 1, "facility", [])  # not "5th Street Bridge" cut short, nor "the Catholic Church"
        k += 1
