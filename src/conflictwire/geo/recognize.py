"""Toponym recognition: spaCy's place entities, corrected and completed with the gazetteer.

spaCy's small model misses or mislabels many places (the town in "retook the town of Alam" is a
PERSON, "Laurel County" inside "Laurel County Sheriff's Office" is part of an ORG). A second pass
looks every run of proper nouns up in the gazetteer and accepts it when the name is a strong place
on its own (a country, a state, a large city) or when the words around it say it is a place
("in", "near", "the town of", "X province", "X, Ky.").
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
    "police", "army", "university", "college", "school", "church", "hospital", "court", "council", "office",
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


# Capitalised words that follow a place in the names of its offices and people ("Farmington Police",
# "Gainesville Mayor Tom Smith"): the place is still a place.
_FOLLOWING_WORDS = _TITLES | ROUTE_WORDS | GENERIC_WORDS | DESCRIPTOR_WORDS | {
    "high", "board", "fire", "sheriff", "sheriffs", "schools", "officials", "residents", "resident", "native",
    "metro", "area", "airport", "station", "hall", "commission", "commissioner", "commissioners", "city", "times",
    "post", "news", "herald", "tribune", "journal", "press", "daily", "public", "general", "international",
    "national", "regional", "memorial", "medical", "community", "township", "borough", "village", "town",
}


def find_toponyms(
    doc, gazetteer: Gazetteer, heading: tuple[int, int] | None = None
) -> tuple[list[Found], list[tuple[int, int, str]]]:
    """Toponyms in a parsed Doc, and demonyms as country evidence ``(start, end, country_code)``.

    ``heading`` is the character span of a dateline's or a headline's leading place words
    ("BAGHDAD -", "Tijuana: ..."): capitalised words there are names whatever their tag."""
    taken = [False] * len(doc)
    in_heading = [bool(heading) and heading[0] <= t.idx < heading[1] and t.text[:1].isupper() for t in doc]
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
    for ent in doc.ents:
        if ent.label_ == "NORP":
            cc = gazetteer.demonym(ent.text)
            if cc:
                demonyms.append((ent.start_char, ent.end_char, cc))
            continue
        if ent.label_ in PLACE_LABELS:
            if gazetteer.demonym(ent.text) and not gazetteer.entries(fold(ent.text)):
                demonyms.append((ent.start_char, ent.end_char, gazetteer.demonym(ent.text)))
                continue
            end_i = _extend_with_suffix(doc, ent.start, ent.end)
            start_i = ent.start
            while start_i < end_i and doc[start_i].lower_ == "the":
                start_i += 1
            if start_i > 0 and _is_name_token(doc[start_i - 1]) and not label_of[start_i - 1] and bool(
                gazetteer.entries(fold(doc[start_i - 1 : end_i].text))
            ):
                start_i -= 1  # "General Escobedo": the tagger left a name's first word out
            while end_i - start_i > 1 and doc[end_i - 1].lower_ in DESCRIPTOR_HINTS and doc[end_i - 1].text.islower():
                end_i -= 1  # "Ochamchire district": the descriptor is a hint, not part of the name
            if end_i - start_i == 1 and doc[start_i].lower_ in GENERIC_WORDS:
                continue
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
            add(start_i, end_i, f"spacy:{ent.label_}", [])
        elif ent.label_ == "FAC":
            # Roads and bridges are places even when the gazetteer does not know them; a building
            # named after its town ("Paris City Hall", "Henry County Sheriff's Department") gives the town.
            start_i, end_i = ent.start, ent.end
            while start_i < end_i and doc[start_i].lower_ == "the":
                start_i += 1
            if end_i <= start_i:
                continue
            if any(t.lower_ in ROUTE_WORDS for t in doc[start_i:end_i]) or _exactly_known(doc, start_i, end_i, gazetteer):
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
            if length == 1 and (window[0].lower_ in GENERIC_WORDS or len(window[0].text) < 3):
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
        best = max(prior_score(e, hint) for e in entries)
        start_i = i
        if i >= 2 and doc[i - 1].text == "-" and doc[i - 2].lower_ in _ARTICLE_WORDS and not taken[i - 2]:
            start_i = i - 2  # "al-Raqqa": the article belongs to the name
        labels = {label_of[j] for j in range(start_i, end_i)} - {""}
        cue = _cue_before(doc, start_i) or _cue_after(doc, end_i, gazetteer)
        if end_i > i + 1 and doc[end_i - 1].lower_ in SPAN_SUFFIXES:
            cue = cue or doc[end_i - 1].lower_
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
            alone = (ent.start == i and ent.end == end_i and not _person_context(doc, i, end_i)
                     and not (end_i - i == 1 and doc[i].text in person_words))
            best_primary = max((prior_score(e, hint) for e in entries if e.name_kind == 0), default=0.0)
            in_known_country = alone and any(e.country_code in countries_named for e in entries)
            # A locative word inside the "person" ("... Ramírez en Culiacán") shows the label is wrong.
            broken = cue in PLACE_CUES and ent.start < i - 1
            accept = (cue is not None and (cue.endswith(" of") or cue in DESCRIPTOR_WORDS or ((alone or broken) and best >= 0.3))) or (
                alone and (best_primary >= 0.7 or (in_known_country and best >= 0.3))
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
            at_edge = i == lead or (i > 0 and doc[i - 1].lower_ == "of") or (cue in PLACE_CUES and lead < i - 1)
            whole = lead == i and ent.end == end_i
            in_known_country = whole and best >= 0.3 and any(e.country_code in countries_named for e in entries)
            accept = at_edge and (best >= 0.6 or cue is not None or in_known_country) and end_i < ent.end + 2
            source = "gazetteer:ORG"
        else:
            if doc[i].text.isupper() and end_i - i == 1 and len(doc[i].text) <= 3 and cue != "comma-region":
                accept = False  # "PA", "KY 52": codes, not names
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
    known: dict[str, list[str]] = {}
    for f in found:
        if f.source in ("spacy:FAC", "gazetteer:PERSON") or f.text in person_words or f.text.isupper():
            continue
        if " " not in f.text and f.text in person_labelled:
            continue  # tagged a person elsewhere in this text: too doubtful to spread
        if gazetteer.find(f.text)[0]:
            known.setdefault(f.text.split()[0], []).append(f.text)
    for i, token in enumerate(doc):
        if taken[i] or token.text not in known:
            continue
        for text in known[token.text]:
            j = i + len(text.split())
            if j <= n and doc[i:j].text == text and not any(taken[k] for k in range(i, j)):
                if label_of[i] == "PERSON" and any(label_of[k] == "PERSON" for k in (i - 1, j) if 0 <= k < n):
                    continue  # part of a longer person's name ("Andrew Jackson")
                if label_of[i] in NEVER_PLACE_LABELS:
                    continue
                add(i, j, "same-name", [])
                break
    found.sort(key=lambda f: f.start)
    return found, demonyms
