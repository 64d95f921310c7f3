"""The actor dictionary: from the words an article uses to a normalised actor with its country and category.

Three data files under ``events/data/`` drive it, each row naming its source:

- ``actors.tsv``: named actors (armed groups, cartels, parties, named state units) with aliases,
  country (ISO 3166 alpha-2) and ACLED actor category;
- ``demonyms.tsv``: every country's name, other names and demonyms, so that "Iraqi troops",
  "the army of Iraq" or "Nigerian police" become the state forces of that country;
- ``actor_heads.tsv``: head nouns ("gunmen", "protesters", "villagers") that give an actor not in the
  dictionary its category and a generic ACLED-style name ("Unidentified Armed Group", "Protesters").

Matching order, first hit wins: an exact alias (case- and accent-insensitive; acronyms of four letters or
fewer only in capitals), the whole phrase with its parenthesised part dropped or alone, an alias contained
in the phrase as whole words ("ISIS militants", "members of the Taliban"), a country word with an actor
head noun ("Iraqi troops"), a spelling variant (rapidfuzz ratio >= 88 over the aliases), the head noun
alone. ``interaction_code`` turns two categories into ACLED's two-digit interaction code.
"""

from __future__ import annotations

import csv
import functools
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from ..schema import Actor

DATA = Path(__file__).parent / "data"

# ACLED's inter codes, in its order: state forces 1 ... external/other forces 8.
CATEGORY_CODES = {
    "state forces": 1,
    "rebel group": 2,
    "political militia": 3,
    "identity militia": 4,
    "rioters": 5,
    "protesters": 6,
    "civilians": 7,
    "external/other forces": 8,
}

# Below this rapidfuzz ratio a spelling variant is not taken for a dictionary alias: 88 lets
# "Jalisco Cartel Nueva Generacion" or "Talibans" through and keeps "Iraq" from matching "Iran".
FUZZY_CUTOFF = 88
# Scores reported with a match, by how it was found (exact beats contained beats pattern ...).
SCORE_EXACT, SCORE_PART, SCORE_CONTAINED, SCORE_PATTERN, SCORE_HEAD = 1.0, 0.95, 0.9, 0.85, 0.6

_REBEL_MARKERS = re.compile(r"\b(?:liberation|revolutionary|revolution|popular|people's|resistance|rebel|insurgent|guerrilla|islamic|jihad|mujahideen|front|movement|patriotic|national liberation)\b")
_DETERMINERS = {"the", "a", "an", "some", "several", "many", "two", "three", "four", "five", "its", "their", "his", "her"}


@dataclass(frozen=True)
class ActorEntry:
    name: str
    aliases: tuple[str, ...]
    country: str | None
    category: str
    source: str


@dataclass(frozen=True)
class ActorMatch:
    """What a phrase was matched to, how, and how sure we are."""

    text: str
    name: str
    category: str | None
    country: str | None
    score: float
    method: str
    source: str | None = None

    def to_actor(self) -> Actor:
        return Actor(text=self.text, name=self.name, category=self.category, country=self.country)


@dataclass(frozen=True)
class Country:
    code: str
    name: str
    words: tuple[str, ...]  # demonyms and names, as written in the data file
    names: tuple[str, ...] = ()  # the country's names only (folded), not its demonyms


@functools.lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower case, no accents, one kind of apostrophe and hyphen, single spaces: the key aliases are stored under."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.replace("’", "'").replace("‘", "'").replace("–", "-").replace("—", "-")
    text = re.sub(r"[\"“”]", "", text)
    return re.sub(r"\s+", " ", text).strip().casefold()


def _is_acronym(alias: str) -> bool:
    letters = re.sub(r"[^A-Za-z]", "", alias)
    return 0 < len(letters) <= 4 and alias.upper() == alias


def _rows(path: Path):
    with open(path, encoding="utf-8") as fh:
        lines = [line for line in fh if line.strip() and not line.startswith("#")]
    yield from csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)


@functools.lru_cache(maxsize=1)
def load_entries() -> tuple[ActorEntry, ...]:
    entries = []
    for row in _rows(DATA / "actors.tsv"):
        aliases = tuple(a.strip() for a in (row["aliases"] or "").split("|") if a.strip())
        entries.append(
            ActorEntry(row["name"], aliases, row["country"] or None, row["category"], row["source"])
        )
    return tuple(entries)


@functools.lru_cache(maxsize=1)
def load_countries() -> tuple[Country, ...]:
    out = []
    for row in _rows(DATA / "demonyms.tsv"):
        words = [row["country"]]
        words += [w for w in (row["demonyms"] or "").split("|") if w]
        words += [w for w in (row["aliases"] or "").split("|") if w]
        names = [row["country"]] + [w for w in (row["aliases"] or "").split("|") if w]
        out.append(Country(row["country_code"], row["country"], tuple(words), tuple(fold(n) for n in names)))
    return tuple(out)


@functools.lru_cache(maxsize=1)
def load_heads() -> dict[str, tuple[str, str]]:
    """Head phrase (folded) -> (kind, category)."""
    return {fold(row["head"]): (row["kind"], row["category"]) for row in _rows(DATA / "actor_heads.tsv")}


@dataclass
class _Index:
    exact: dict[str, list[ActorEntry]]
    qualified: dict[str, list[ActorEntry]]  # "regime forces (Syria)": only when the text is about that country
    acronyms: dict[str, list[ActorEntry]]  # case-sensitive
    contained: re.Pattern | None
    contained_acronyms: re.Pattern | None
    by_key: dict[str, ActorEntry]
    fuzzy_keys: list[str]
    country_words: dict[str, Country]
    country_pattern: re.Pattern


def _strip_qualifier(alias: str) -> str:
    # "SNA (Syria)" is the alias "SNA" written with the country it belongs to.
    return re.sub(r"\s*\([^)]*\)\s*$", "", alias).strip()


@functools.lru_cache(maxsize=1)
def _index() -> _Index:
    exact: dict[str, list[ActorEntry]] = {}
    qualified: dict[str, list[ActorEntry]] = {}
    acronyms: dict[str, list[ActorEntry]] = {}
    long_aliases: list[str] = []
    short_aliases: list[str] = []
    by_key: dict[str, ActorEntry] = {}
    for entry in load_entries():
        for alias in (entry.name, *entry.aliases):
            plain = _strip_qualifier(alias)
            if not plain:
                continue
            if plain != alias and entry.country:
                qualified.setdefault(fold(plain), []).append(entry)
                continue
            if _is_acronym(plain):
                acronyms.setdefault(plain, []).append(entry)
                short_aliases.append(plain)
                continue
            key = fold(plain)
            exact.setdefault(key, []).append(entry)
            by_key.setdefault(key, entry)
            long_aliases.append(key)
    # Longest first, so "Islamic State of Iraq and al-Sham" wins over "Islamic State".
    long_aliases = sorted(set(long_aliases), key=len, reverse=True)
    short_aliases = sorted(set(short_aliases), key=len, reverse=True)
    contained = re.compile(r"(?<![\w-])(" + "|".join(re.escape(a) for a in long_aliases) + r")(?![\w-])") if long_aliases else None
    contained_acr = (
        re.compile(r"(?<![\w-])(" + "|".join(re.escape(a) for a in short_aliases) + r")(?![\w-])")
        if short_aliases
        else None
    )
    country_words: dict[str, Country] = {}
    for country in load_countries():
        for word in country.words:
            country_words.setdefault(fold(word), country)
    words = sorted(country_words, key=len, reverse=True)
    country_pattern = re.compile(r"(?<![\w-])(" + "|".join(re.escape(w) for w in words) + r")(?:'s)?(?![\w-])")
    return _Index(
        exact=exact,
        qualified=qualified,
        acronyms=acronyms,
        contained=contained,
        contained_acronyms=contained_acr,
        by_key=by_key,
        fuzzy_keys=[k for k in by_key if len(k) >= 5],
        country_words=country_words,
        country_pattern=country_pattern,
    )


def country_of(text: str) -> Country | None:
    """The country a phrase names or whose demonym it uses ("Iraqi", "Iraq's", "of Iraq"), if any."""
    folded = fold(text)
    for m in _index().country_pattern.finditer(folded):
        country = _index().country_words[m.group(1)]
        written = next((w for w in country.words if fold(w) == m.group(1)), "")
        # An acronym ('CAR', 'DRC', 'UAE') names its country only in capitals: 'car bomb' is no country.
        if _is_acronym(written) and not re.search(rf"(?<![\w-]){re.escape(written)}(?![\w-])", text):
            continue
        return country
    return None


def country_by_code(code: str | None) -> Country | None:
    for country in load_countries():
        if country.code == code:
            return country
    return None


def _pick(entries: list[ActorEntry], country_hint: str | None) -> ActorEntry:
    if country_hint:
        for entry in entries:
            if entry.country == country_hint:
                return entry
    return entries[0]


_LEADING_COUNT = re.compile(
    r"^(?:(?:at least|more than|less than|fewer than|up to|as many as|about|around|nearly|some|over|dozens of|scores of|hundreds of|thousands of)\s+)?"
    r"(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens|hundreds|thousands)\s+(?=\S)",
    re.I,
)


def _clean(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip().strip(",;:!?\"'“”‘’ ")
    if text.endswith(".") and not re.search(r"\b[A-Z]\.[A-Z]?\.?$", text):
        text = text[:-1]
    # "32 insurgents", "at least six Albanians": the count is not part of the name.
    text = _LEADING_COUNT.sub("", text)
    words = text.split(" ")
    while len(words) > 1 and words[0].lower() in _DETERMINERS:
        words = words[1:]
    text = " ".join(words)
    return re.sub(r"'s$|’s$", "", text)


def _entry_match(text: str, entry: ActorEntry, score: float, method: str) -> ActorMatch:
    return ActorMatch(text, entry.name, entry.category, entry.country, score, method, entry.source)


def _generic_name(kind: str, country: Country | None, written: str) -> str:
    suffix = f" ({country.name})" if country else ""
    if kind == "military":
        return f"Military Forces of {country.name}" if country else "Military Forces"
    if kind == "police":
        return f"Police Forces of {country.name}" if country else "Police Forces"
    if kind == "government":
        return f"Government of {country.name}" if country else "Government"
    if kind == "unidentified":
        return "Unidentified Armed Group" + suffix
    if kind == "protesters":
        return "Protesters" + suffix
    if kind == "rioters":
        return "Rioters" + suffix
    if kind == "civilians":
        return "Civilians" + suffix
    # Rebels, militias, communal groups and foreign forces not in the dictionary keep their own words.
    return written


def head_of(text: str) -> tuple[str, str, str] | None:
    """The longest actor head at the end of the phrase (or before an 'of'/'from' complement): (head, kind, category)."""
    heads = load_heads()
    folded = fold(text)
    # "members of the Taliban" has its head before "of"; "gunmen in Tijuana" before "in".
    candidates = [folded] + [folded.split(f" {p} ")[0] for p in ("of", "from", "in", "at", "on", "loyal", "who", "near") if f" {p} " in folded]
    for phrase in candidates:
        words = phrase.split(" ")
        for n in (3, 2, 1):
            if len(words) >= n:
                head = " ".join(words[-n:])
                if head in heads:
                    return (head, *heads[head])
    return None


@functools.lru_cache(maxsize=32768)
def lookup_actor(text: str, country_hint: str | None = None) -> ActorMatch | None:
    """Match a phrase to the actor dictionary, a country pattern or an actor head noun; None if it names no actor."""
    written = _clean(text)
    if not written:
        return None
    index = _index()
    key = fold(written)

    # 1. An exact alias (acronyms only as written, in capitals).
    if written in index.acronyms:
        return _entry_match(text, _pick(index.acronyms[written], country_hint), SCORE_EXACT, "alias")
    if key in index.exact:
        return _entry_match(text, _pick(index.exact[key], country_hint), SCORE_EXACT, "alias")
    if country_hint and key in index.qualified:
        for entry in index.qualified[key]:
            if entry.country == country_hint:
                return _entry_match(text, entry, SCORE_EXACT, "alias")

    # 2. "Islamic State of Iraq and al-Sham (ISIS)", "Government of Myanmar (Burma)": either part.
    paren = re.match(r"^(.*?)\s*\(([^)]*)\)\s*$", written)
    if paren:
        for part in (paren.group(1), paren.group(2)):
            found = lookup_actor(part, country_hint)
            if found and found.method in ("alias", "pattern"):
                return ActorMatch(text, found.name, found.category, found.country, SCORE_PART, found.method + "+part", found.source)

    head = head_of(written)
    country = country_of(written)

    # 3. A state pattern: a country word and a state head ("Iraqi troops", "army of Iraq", "Nigerian police").
    #    Checked before contained aliases so "Afghan forces" and "Iraqi police" get their own country's forces.
    if head and country and head[1] in ("military", "police", "government"):
        return ActorMatch(text, _generic_name(head[1], country, written), head[2], country.code, SCORE_PATTERN, "pattern")

    # A country named alone as a party ("Iran shelled ...", "backed by Iran") stands for its armed forces.
    if country is not None and key in country.names:
        return ActorMatch(text, _generic_name("military", country, written), "state forces", country.code, SCORE_PATTERN, "country")

    # A demonym alone: "Israeli (strikes)" stands for that state's forces, "Syrians" for its people.
    if country is not None and key in (fold(w) for w in country.words) and key not in country.names:
        return ActorMatch(text, _generic_name("military", country, written), "state forces", country.code, SCORE_PATTERN, "demonym")
    if key.endswith("s") and (plural_of := country_of(key[:-1])) is not None and key[:-1] in (fold(w) for w in plural_of.words):
        return ActorMatch(text, _generic_name("civilians", plural_of, written), "civilians", plural_of.code, SCORE_HEAD, "demonym")

    # 4. An alias inside the phrase, as whole words: "ISIS militants", "Sinaloa Cartel gunmen".
    if index.contained is not None:
        m = index.contained.search(key)
        if m:
            entry = _pick(index.exact[m.group(1)], country_hint)
            return _entry_match(text, entry, SCORE_CONTAINED, "contained")
    if index.contained_acronyms is not None:
        m = index.contained_acronyms.search(written)
        if m:
            return _entry_match(text, _pick(index.acronyms[m.group(1)], country_hint), SCORE_CONTAINED, "contained")

    # 5. A spelling variant of an alias.
    if len(key) >= 5 and index.fuzzy_keys:
        from rapidfuzz import fuzz, process

        best = process.extractOne(key, index.fuzzy_keys, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
        if best:
            entry = index.by_key[best[0]]
            return _entry_match(text, entry, round(best[1] / 100 * SCORE_CONTAINED, 3), "fuzzy")

    # 6. The head noun alone: kept as written with the category its head gives.
    if head:
        kind, category = head[1], head[2]
        if kind == "military" and country is None and _REBEL_MARKERS.search(key):
            # "Army of National Liberation", "Revolutionary Armed Forces": an armed opposition, not a state's army.
            kind, category = "rebels", "rebel group"
        if country is None and country_hint and kind in ("military", "police", "government"):
            country = country_by_code(country_hint)
        return ActorMatch(
            text,
            _generic_name(kind, country, written),
            category,
            country.code if country else None,
            SCORE_HEAD,
            "head:" + kind,
        )
    return None


def head_kind(text: str) -> str | None:
    """The kind of actor head a phrase ends in (military, civilians, unidentified, ...), if any."""
    head = head_of(_clean(text))
    return head[1] if head else None


def interaction_code(category1: str | None, category2: str | None) -> int | None:
    """ACLED interaction: 10 * the smaller inter code + the larger; a sole actor gives 10 * its code."""
    code1 = CATEGORY_CODES.get(category1 or "")
    code2 = CATEGORY_CODES.get(category2 or "")
    if code1 and code2:
        return 10 * min(code1, code2) + max(code1, code2)
    if code1 or code2:
        return 10 * (code1 or code2)
    return None
