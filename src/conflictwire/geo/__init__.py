"""The geo stage: recognise place names, resolve them against the offline gazetteer, and give each
event the most specific place the text ties to it.

- :func:`find_toponyms` (recognize.py) finds names in a spaCy Doc; :func:`resolve_toponyms`
  (resolve.py) picks each one's gazetteer entry with its score and evidence;
- :func:`locate_events` computes each event's :class:`Place`; :func:`set_event_locations` writes it;
  :func:`publication_place` (the town an outlet is named after, "El Sol de Tijuana") and
  :func:`region_seat` (the town that stands for a province) are its fallbacks;
- :func:`geoparse_text` runs the lot on a plain string (what ``conflictwire geoparse`` and the
  evaluation call).
"""

from __future__ import annotations

import functools
import re

from ..options import Options
from ..pipeline import stage
from ..schema import Article, Place, Toponym
from .gazetteer import GAZETTEER_NAME, GEONAMES_ATTRIBUTION, Entry, Gazetteer, get_gazetteer, open_gazetteer
from .publisher import publication_country
from .recognize import find_toponyms
from .resolve import distance_km, resolve_toponyms

__all__ = [
    "GAZETTEER_NAME",
    "GEONAMES_ATTRIBUTION",
    "Gazetteer",
    "open_gazetteer",
    "get_gazetteer",
    "find_toponyms",
    "resolve_toponyms",
    "geoparse_text",
    "locate_events",
    "set_event_locations",
    "resolve_places",
    "publication_country",
    "publication_place",
    "region_seat",
]

# "BAGHDAD, March 11 (Reuters) -", "PARIS, Mo. —", "Goma (AFP) -": capitalised words opening a text.
_DATELINE = re.compile(
    r"^\s*(?P<place>[A-Z][A-Za-z.'\u2019-]+(?:[ -][A-Z][A-Za-z.'\u2019-]+){0,3})"
    r"(?:,\s*(?:[A-Z][A-Za-z.]+\.?(?:\s[A-Z][a-z.]+)?))?"
    r"(?:,?\s*(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2})?"
    r"\s*(?:\([^)]{1,40}\))?\s*(?:[-\u2013\u2014:]|--)\s"
)
_WORD = re.compile(r"\b[A-Z][a-z]+(?:-[A-Z][a-z]+)?\b")
# "Tijuana: ...", "General Escobedo, Nuevo León: ...": a place name, optionally its region, and a
# colon opening a headline or a short report (the recogniser still checks the words are a place).
_NAME = r"[A-ZÀ-Þ][\w'\u2019.-]*"
_HEADING_PLACE = re.compile(
    rf"^\s*(?P<place>{_NAME}(?:\s(?:{_NAME}|de|del|la|las|los|el))*(?:,\s{_NAME}(?:\s{_NAME})*)?)\s?:\s"
)


def find_heading_place(text: str) -> tuple[int, int] | None:
    """Where a dateline's place words are, or a headline's leading "Place:" / "Place, Region:"."""
    dateline = find_dateline(text)
    if dateline is not None:
        return dateline
    m = _HEADING_PLACE.match(text[:80])
    if m and len(m.group("place").split()) <= 6:
        return m.start("place"), m.end("place")
    return None


def find_dateline(text: str) -> tuple[int, int] | None:
    """The place words of a dateline at the start of ``text``, if it opens with one."""
    m = _DATELINE.match(text[:120])
    if not m:
        return None
    place = m.group("place")
    # An all-capital first word is a dateline; an ordinary sentence opening is not.
    if not place.split()[0].isupper() and "(" not in m.group(0):
        return None
    return m.start("place"), m.end(0)


def find_demonyms(text: str, gazetteer: Gazetteer) -> list[tuple[int, int, str]]:
    """Demonyms ("Iraqi", "Ukrainian") and the country each names: evidence, not places."""
    out = []
    for m in _WORD.finditer(text):
        cc = gazetteer.demonym(m.group())
        if cc:
            out.append((m.start(), m.end(), cc))
    return out


def _analyse(text: str, options: Options):
    from ..nlp import load_spacy

    nlp = load_spacy(options.spacy_model)
    # Place recognition needs the tagger and the entity recogniser, not the parser.
    with nlp.select_pipes(disable=[p for p in ("parser", "lemmatizer") if p in nlp.pipe_names]):
        return nlp(text)


def geoparse_text(
    text: str,
    options: Options,
    given_spans: list[tuple[int, int]] | None = None,
    *,
    include_demonyms: bool = False,
    url: str | None = None,
    source_name: str | None = None,
) -> list[Toponym]:
    """Toponyms in ``text`` (offsets into the text as given), resolved. With ``given_spans``, only
    those spans are resolved and nothing else is recognised (the literature's resolution-only protocol).

    Demonyms ("Iraqi") are evidence for their country, not places; ``include_demonyms`` also returns
    them as toponyms resolved to the country, as corpora that annotate them (LGL, TR-News) count them.

    ``url`` and ``source_name`` (the article's, where known) give the publication's home country,
    a weak prior for names the text leaves open (publisher.py)."""
    gazetteer = get_gazetteer(options.gazetteer)
    home, _ = _publication_home(url, source_name, gazetteer)
    text = text or ""
    dateline = find_dateline(text)
    demonyms = find_demonyms(text, gazetteer)
    if given_spans is not None:
        spans = [(int(s), int(e)) for s, e in given_spans if 0 <= int(s) < int(e) <= len(text)]
        return resolve_toponyms(text, spans, gazetteer, demonyms=demonyms, dateline=dateline, home_country=home)
    if not text.strip():
        return []
    doc = _analyse(text, options)
    return _geoparse_doc(text, doc, gazetteer, dateline, include_demonyms=include_demonyms, home_country=home)


def geoparse_text_protocols(
    text: str, options: Options, *, url: str | None = None, source_name: str | None = None
) -> tuple[list[Toponym], list[Toponym]]:
    """Both end-to-end readings of ``text`` from one spaCy pass: the toponyms alone, and the
    toponyms with demonyms output as references to their country (``include_demonyms=True``)."""
    text = text or ""
    if not text.strip():
        return [], []
    gazetteer = get_gazetteer(options.gazetteer)
    home, _ = _publication_home(url, source_name, gazetteer)
    dateline = find_dateline(text)
    doc = _analyse(text, options)
    return (_geoparse_doc(text, doc, gazetteer, dateline, home_country=home),
            _geoparse_doc(text, doc, gazetteer, dateline, include_demonyms=True, home_country=home))


def _geoparse_doc(text: str, doc, gazetteer: Gazetteer, dateline, include_demonyms: bool = False,
                  home_country: str | None = None) -> list[Toponym]:
    found, demonyms = find_toponyms(doc, gazetteer, heading=dateline or find_heading_place(text))
    demonyms = sorted(set(demonyms) | set(find_demonyms(text, gazetteer)))
    cues = {(f.start, f.end): [f.source] + f.cues for f in found}
    spans = [(f.start, f.end) for f in found]
    if include_demonyms:
        for start, end, _ in demonyms:
            if not any(s < end and start < e for s, e in spans):
                spans.append((start, end))
                cues[(start, end)] = ["demonym"]
        spans.sort()
    return resolve_toponyms(text, spans, gazetteer, demonyms=demonyms, dateline=dateline, cues=cues, home_country=home_country)


# --------------------------------------------------------------------------- event locations

_SPECIFICITY = {"PPLX": 6, "PPL": 5, "PPLA": 5, "PPLC": 5, "ADM2": 3, "ADM1": 2, "RGN": 2, "PCLI": 1, "CONT": 0}
_NEAR_WORDS = re.compile(
    r"\b(near|outside|outskirts|close to|suburbs?|(north|south|east|west)(east|west)?(ern)?( of)?|km|kilomet(er|re)s|miles|vicinity)\W*(\w+\W+){0,3}$",
    re.I,
)
# A municipality or district is named after its seat ("Juárez" municipality, seat Ciudad Juárez;
# "Guaymas", seat Heroica Guaymas): an event "in Juárez" is in that town. Seats lie well inside
# their district; this is how far from the district's point one may be.
_SEAT_KM = 75.0
# A region's stand-in point (ACLED: a report that names only a province is coded to the provincial
# capital, geo_precision 3). The gazetteer marks no provincial capitals: the region's namesake city
# (Zacatecas, Chihuahua, Oaxaca de Juárez) stands in when it is a real town, else its largest city.
_SEAT_MIN_POPULATION = 20_000
# An outlet named after a town ("El Sol de Tijuana", "The Kano Chronicle", "Times of Malta"): the
# town it is named after, and the words that mark a news outlet's name.
_OUTLET_OF = re.compile(
    r"\b(?:de\s+la|de\s+las|de\s+los|del|de|do|da|dos|das|di|of)\s+"
    r"(?P<place>[A-ZÀ-Þ][\w'\u2019.-]*(?:\s+(?:de\s+|del\s+)?[A-ZÀ-Þ][\w'\u2019.-]*){0,2})\s*$"
)
_OUTLET_WORDS = (
    "Times|News|Post|Herald|Tribune|Journal|Daily|Star|Gazette|Chronicle|Observer|Today|Express|Standard|"
    "Telegraph|Monitor|Mail|Sun|Courier|Press|Radio|TV|Online|Reporter|Record|Voice|Dispatch|Bulletin|"
    "Noticias|Diario|Diário|Jornal|Notícias"
)
_OUTLET_LEAD = re.compile(rf"^(?:The\s+)?(?P<place>[A-ZÀ-Þ][\w'\u2019.-]+(?:\s[A-ZÀ-Þ][\w'\u2019.-]+)?)\s+(?:{_OUTLET_WORDS})\b")
_OUTLET_BRACKET = re.compile(r"\((?P<place>[A-ZÀ-Þ][^()]{2,40})\)\s*$")
_TOWN_MIN_POPULATION = 50_000
# A village elsewhere in the outlet's country that shares its name with a place in the outlet's own
# province: a local outlet means its own (GeoNames' cities500 has many such villages).
_LOCAL_NAMESAKE_POPULATION = 10_000
# "X in Y", "X, in Y", "X en Y", "X, municipality of Y": the text places X inside the town Y; a
# reading of X farther than this from Y is a namesake.
_CONTAINED_IN = re.compile(
    r"^\s*,?\s+(?:in|en|at)\s+(?:the\s+)?(?:(?:city|town|municipality|municipio|ciudad)\s+(?:of|de)\s+)?$"
    r"|^\s*,\s+(?:(?:the\s+)?(?:municipality|municipio)\s+(?:of|de)\s+)$",
    re.IGNORECASE,
)
_CONTAINED_KM = 40.0
# A name tied to a neighbourhood word names a part of a town ("in the Reforma neighborhood",
# "colonia Guadalupe", "the Las Palmas subdivision"), not the town elsewhere that shares the name.
_NEIGHBOURHOOD_BEFORE = re.compile(
    r"\b(?:neighbou?rhoods?|colonias?|colony|colonies|col\.|fraccionamientos?|fracc\.|barrios?|residencial|subdivisions?|"
    r"housing (?:estate|development))\s+(?:of\s+|de\s+(?:la\s+|los\s+|las\s+)?|del\s+)?$",
    re.IGNORECASE,
)
_NEIGHBOURHOOD_AFTER = re.compile(
    r"^[\w'\u2019. -]{0,30}?\s(?:neighbou?rhood|colony|subdivision|housing (?:estate|development)|barrio)\b", re.IGNORECASE
)


# Words after a name that make it a place phrase even inside a tagged organisation ("in Myanmar's
# Rakhine State", "Shan State Army": a group named after the state it fights in).
_DIVISION_CUES = ("state", "province", "region", "division", "governorate", "township", "district", "oblast")


def _in_organisation_name(t: Toponym) -> bool:
    if "gazetteer:ORG" not in t.evidence:
        return False
    words = (t.text or "").lower().split()
    if words and words[-1] in _DIVISION_CUES:  # "Shan State" as one span
        return False
    return not any(e in t.evidence for e in ("in", "en", "at", "near", "heading", "comma-region", *_DIVISION_CUES))


def _specificity(t: Toponym) -> int:
    return _SPECIFICITY.get(t.feature_code or "", 4)


def _place(t: Toponym, precision: int) -> Place:
    return Place(
        text=t.text, name=t.name, admin1=t.admin1, admin2=t.admin2, country=t.country,
        country_code=t.country_code, latitude=t.latitude, longitude=t.longitude,
        geonameid=t.geonameid, geo_precision=precision,
    )


def _paragraphs(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for m in re.finditer(r"\n\s*\n|\n", text):
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, len(text)))
    return out


def _as_place(entry: Entry, precision: int, text: str | None = None) -> Place:
    return Place(
        text=text, name=entry.name, admin1=entry.admin1 if entry.feature_code != "ADM1" else entry.name,
        admin2=entry.admin2, country=entry.country, country_code=entry.country_code,
        latitude=entry.latitude, longitude=entry.longitude, geonameid=entry.geonameid, geo_precision=precision,
    )


def _fold(name: str | None) -> str:
    from .names import fold

    return fold(name or "")


def _names_its_seat(district: str, town: str) -> bool:
    """A town bearing the district's name: the same name, or it with a title or a qualifier
    ("Juárez" / "Ciudad Juárez", "Guaymas" / "Heroica Guaymas", "Zamora" / "Zamora de Hidalgo")."""
    d, t = _fold(district), _fold(town)
    return bool(d) and (t == d or f" {d} " in f" {t} " or t.startswith(d + " ") or d.startswith(t + " "))


@functools.lru_cache(maxsize=4096)
def _region_seat(gazetteer: Gazetteer, country_code: str, admin1_code: str, region_name: str) -> Entry | None:
    rows = gazetteer._db.execute(
        "SELECT id, name, fclass, fcode, cc, a1, a2, pop, lat, lon, 0 FROM place "
        "WHERE cc = ? AND fcode IN ('PPL', 'PPLC') AND a1 = ? ORDER BY pop DESC LIMIT 200",
        (country_code, admin1_code),
    ).fetchall()
    towns = [gazetteer._entry(r) for r in rows]
    if not towns:
        return None
    namesake = [t for t in towns if t.population >= _SEAT_MIN_POPULATION and _names_its_seat(region_name, t.name)]
    return namesake[0] if namesake else towns[0]


def region_seat(gazetteer: Gazetteer, region: Toponym | Entry | Place) -> Entry | None:
    """The town that stands for a first-level division (ACLED codes a report that names only a
    province to the provincial capital): its namesake city, else its largest; None if unknown."""
    gid = getattr(region, "geonameid", None)
    entry = gazetteer.get(gid) if gid else None
    if entry is None or entry.feature_code != "ADM1" or not entry.country_code or not entry.admin1_code:
        return None
    return _region_seat(gazetteer, entry.country_code, entry.admin1_code, entry.name)


def _district_seat(t: Toponym) -> Toponym | None:
    """The seat of a municipality or district ("Juárez" -> Ciudad Juárez): the most populous
    candidate town that bears its name in the same division, close to the district's point."""
    if t.feature_code != "ADM2" or t.latitude is None or t.longitude is None:
        return None
    towns = [
        c for c in t.candidates
        if (c.feature_code or "").startswith("PPL") and c.country_code == t.country_code and c.admin1 == t.admin1
        and c.latitude is not None and c.longitude is not None and _names_its_seat(t.name or t.text, c.name)
        and distance_km(t.latitude, t.longitude, c.latitude, c.longitude) <= _SEAT_KM
    ]
    if not towns:
        return None
    town = max(towns, key=lambda c: c.population or 0)
    return t.model_copy(update={
        "name": town.name, "latitude": town.latitude, "longitude": town.longitude, "geonameid": town.geonameid,
        "feature_code": town.feature_code, "population": town.population,
    })


def publication_place(source_name: str | None, gazetteer: Gazetteer, country_code: str | None = None) -> Entry | None:
    """The place an outlet is named after ("El Sol de Tijuana" -> Tijuana, "El Heraldo de Juárez"
    -> Ciudad Juárez, "Times of Malta" -> Malta, "The Star (Kenya)" -> Kenya): a town of at least
    50,000 people, else a first-level division, else a country; None for a name that names no place
    ("Borderland Beat", "Reuters"). A local outlet reports mostly from its own town: it is the
    fallback for a report whose text names no place (see :func:`locate_events`). No list of
    outlets: only the shape of their names and the gazetteer."""
    if not source_name or not isinstance(source_name, str):
        return None
    name = source_name.strip()[:200]  # an outlet's name, not a paragraph someone put in the field
    bracket = _OUTLET_BRACKET.search(name)
    parts = [(m.group("place"), m is bracket) for m in (bracket, _OUTLET_OF.search(name), _OUTLET_LEAD.match(name)) if m]
    for part, countries_only in parts:
        # The name itself, a recorded alias, or a longer official name that contains it ("Acapulco" /
        # Acapulco de Juárez): a loose alternate spelling of some village is no evidence.
        part = part.strip(" .,;:'\"")
        entries = [e for e in gazetteer.find(part, country_code)[0] if e.name_kind <= 1 or _names_its_seat(part, e.name)]
        countries = [e for e in entries if e.feature_code == "PCLI"]
        if countries:
            return countries[0]
        if countries_only:
            continue  # "Borderland Beat (Reforma)": a bracket credits another outlet, or names a country
        towns = [e for e in entries if e.feature_class == "P" and e.population >= _TOWN_MIN_POPULATION]
        if towns:
            return max(towns, key=lambda e: e.population)
        regions = [e for e in entries if e.feature_code == "ADM1"]
        if regions:
            return max(regions, key=lambda e: e.population)
    return None


def _publication_home(url: str | None, source_name: str | None, gazetteer: Gazetteer) -> tuple[str | None, Entry | None]:
    """The publication's home country (publisher.py; else that of the place its name names: "El
    Sol de Tijuana" writes from Mexico) and the place its name names."""
    country = publication_country(url, source_name, gazetteer)
    place = publication_place(source_name, gazetteer, country)
    return country or (place.country_code if place is not None else None), place


def _reading_in(t: Toponym, region: Entry) -> Toponym | None:
    """``t`` read as its most populous candidate in ``region``'s province, or None if it has none."""
    inside = [c for c in t.candidates if c.country_code == region.country_code and c.admin1 == region.admin1
              and c.latitude is not None and c.longitude is not None]
    if not inside:
        return None
    c = max(inside, key=lambda c: c.population or 0)
    return t.model_copy(update={
        "name": c.name, "latitude": c.latitude, "longitude": c.longitude, "geonameid": c.geonameid,
        "feature_code": c.feature_code, "population": c.population, "country_code": c.country_code,
        "country": region.country, "admin1": c.admin1, "admin2": None,
    })


def _region_inside(country: Toponym, resolved: list[Toponym], scopes: list[tuple[int, int]], lo: int) -> Toponym | None:
    """A division of ``country`` the text names in the event's wider ``scopes`` ("killed in Myanmar"
    ... "Rakhine State"; "in Myanmar's Shan State" where the event's clause reaches only "Myanmar"):
    the nearest such province or district, which says more than the country; None if the text names
    none or ``country`` is not a country. A division named only in a group's name counts here ("Kayah
    Resistance"): against the bare country, the home of a group that fights is the better guess."""
    if country.feature_code != "PCLI":
        return None
    for s, e in scopes:
        regions = [t for t in resolved if s <= t.start and t.end <= e and t.feature_code in ("ADM1", "ADM2", "RGN")
                   and t.country_code == country.country_code]
        if regions:
            return min(regions, key=lambda t: abs(t.start - lo))
    return None


def _qualifiers(text: str, resolved: list[Toponym]) -> set[int]:
    """Where a name only says which region the name before it lies in ("Jerez, Zacatecas", "Guadalupe,
    Nuevo León", "Ozumba, Edomex"): the second, read as that region or as a town in it (the state's
    namesake capital), is the first's address, not another place the event may take. Their starts."""
    out = set()
    ordered = sorted(resolved, key=lambda t: t.start)
    for first, second in zip(ordered, ordered[1:]):
        if (_COMMA_ONLY.fullmatch(text[first.end : second.start]) and _specificity(first) >= 3
                and first.country_code is not None and first.country_code == second.country_code
                and (second.feature_code in ("ADM1", "PCLI") or (first.admin1 is not None and first.admin1 == second.admin1))):
            out.add(second.start)
    return out


_COMMA_ONLY = re.compile(r"\s*,\s*")


def _local_reading_fits(t: Toponym, reading: Toponym) -> bool:
    """A local paper's bare name read in its own province rather than elsewhere in the country: always
    for a village or a district elsewhere; a city known nationwide keeps its name against a hamlet
    at home ("Monterrey" in a Sinaloa paper is the city), and gives way only to a town."""
    if (t.population or 0) < _TOWN_MIN_POPULATION:
        return True
    return (reading.population or 0) >= _LOCAL_NAMESAKE_POPULATION


def _stated_container(text: str, t: Toponym, resolved: list[Toponym]) -> Toponym | None:
    """The town the text places ``t`` in ("X in Y", "X, in Y", "X en Y") when ``t``'s reading lies
    far from it: then ``t`` was read as a namesake and only the town is known; None otherwise."""
    if t.latitude is None:
        return None
    for y in resolved:
        if y.start < t.end or y.start - t.end > 20 or _specificity(y) < 3 or y.latitude is None:
            continue
        if not _CONTAINED_IN.match(text[t.end : y.start]):
            continue
        if distance_km(t.latitude, t.longitude, y.latitude, y.longitude) > _CONTAINED_KM:
            return y
        return None
    return None


def _names_a_neighbourhood(text: str, t: Toponym) -> bool:
    return bool(_NEIGHBOURHOOD_BEFORE.search(text[max(0, t.start - 40) : t.start])
                or _NEIGHBOURHOOD_AFTER.match(text[t.end : t.end + 45]))


def main_place(article: Article, toponyms: list[Toponym] | None = None) -> Toponym | None:
    """The article's main place: the dateline's, else the most mentioned specific place (among
    ``toponyms``, by default the article's)."""
    resolved = [t for t in (article.toponyms if toponyms is None else toponyms) if t.name is not None]
    if not resolved:
        return None
    if article.dateline is not None:
        for t in resolved:
            if article.dateline.start <= t.start < article.dateline.end:
                return t
    counts: dict[str, int] = {}
    for t in resolved:
        counts[t.name] = counts.get(t.name, 0) + 1
    return max(resolved, key=lambda t: (not _in_organisation_name(t), _specificity(t) >= 5, counts[t.name], -t.start))


def _inside(place, region) -> bool:
    """``place`` lies in ``region`` (a country or a first-level division), by the gazetteer's codes."""
    if place.country_code != region.country_code or not place.country_code:
        return False
    return region.feature_code != "ADM1" or (place.admin1 is not None and place.admin1 == (region.admin1 or region.name))


def locate_events(article: Article, gazetteer: Gazetteer | None = None, home: Entry | None = None) -> list[Place | None]:
    """Each event's place: the most specific resolved toponym in its evidence clause, else its
    sentence, its paragraph, else the article's main place; with ACLED's geo precision.

    A country or a province in reach gives way to a town of the text inside it (its sentence's,
    then its paragraph's, then the main place). A place the text puts in a town ("X in Y") but read
    far from it gives way to that town. A district is placed at the town that is its seat and bears
    its name. With the ``gazetteer``, a province alone is placed at its stand-in town
    (ACLED's provincial capital, precision 3). ``home``, the place the outlet is named after
    (:func:`publication_place`), stands in when the text names no place, or names only the
    country or the province it lies in (precision 3); with it, a neighbourhood or a bare name the
    resolver read abroad or in another province (unless the text names that province) is read in the
    outlet's province, else, when it is a neighbourhood, a foreign name or a place of under 10,000
    people, as a part of the outlet's town (precision 2): a local paper names its own town's places
    bare, and a far one with its state.

    A name after a comma that only gives the one before it its address ("Jerez, Zacatecas") is not
    a place of its own. A country alone gives way to a province or district of it that the text
    names elsewhere (precision 3), even one named only in a group's name ("Kayah Resistance")."""
    text = article.text
    resolved = [t for t in article.toponyms if t.name is not None]
    # The outlet's town, or the stand-in town of the province it is named after ("El Sol de Sinaloa").
    home_town = home if home is not None and home.feature_class == "P" else None
    if home is not None and home.feature_code == "ADM1" and gazetteer is not None:
        home_town = region_seat(gazetteer, home)
    home_place = _as_place(home_town, 3) if home_town is not None else None
    # A local outlet's neighbourhood ("the Buenos Aires neighborhood") that resolved to a namesake
    # outside the outlet's province is a part of the outlet's town, not that namesake.
    quarters = []
    if home_town is not None:
        quarters = [t for t in article.toponyms if _names_a_neighbourhood(text, t)
                    and not (t.name is not None and t.country_code == home_town.country_code and t.admin1 == home_town.admin1)]
        resolved = [t for t in resolved if t not in quarters]
        # A local outlet's bare "San Francisco" or "Buenos Aires", with no foreign country named, is
        # a namesake at home: its reading in the outlet's province, else a part of the outlet's town.
        # A small place read in another province has the same claim to a reading in the outlet's.
        named = {t.country_code for t in resolved if t.feature_code == "PCLI"}
        # A province the text names ("La Venada, Tamaulipas") says where its places are: they stay there.
        named_regions = {(t.country_code, t.admin1) for t in resolved if t.feature_code == "ADM1"}
        local = []
        for t in resolved:
            abroad = t.country_code not in (home_town.country_code, None) and t.country_code not in named
            elsewhere = (t.country_code == home_town.country_code and t.admin1 != home_town.admin1
                         and _specificity(t) >= 3 and (t.country_code, t.admin1) not in named_regions)
            if not (abroad and t.feature_code != "PCLI") and not elsewhere:
                local.append(t)
                continue
            reading = _reading_in(t, home_town)
            if reading is not None and (not elsewhere or _local_reading_fits(t, reading)):
                local.append(reading)
            elif _specificity(t) >= 3 and (abroad or (t.population or 0) < _LOCAL_NAMESAKE_POPULATION):
                # A neighbourhood or hamlet a local paper names bare, with no reading at home: a part
                # of the outlet's town, not a namesake abroad or a far village.
                quarters.append(t)
            else:
                local.append(t)  # "Texas", or a town elsewhere in the country: the text may mean it
        resolved = local
    qualifiers = _qualifiers(text, resolved)
    main = main_place(article, resolved)
    paragraphs = _paragraphs(text)
    places: list[Place | None] = []
    for event in article.events:
        spans = [(e.start, e.end) for e in event.evidence if e.end > e.start]
        scopes: list[tuple[int, int]] = []
        lo = 0
        if spans:
            lo, hi = min(s for s, _ in spans), max(e for _, e in spans)
            scopes.append((lo, hi))
            sentence = next((s for s in article.sentences if s.start <= lo < s.end), None)
            if sentence is not None:
                scopes.append((sentence.start, max(sentence.end, hi)))
            paragraph = next(((s, e) for s, e in paragraphs if s <= lo <= e), None)
            if paragraph is not None:
                scopes.append(paragraph)
        chosen, level = None, None
        for level_no, (s, e) in enumerate(scopes):
            inside = [t for t in resolved if s <= t.start and t.end <= e]
            if inside:
                # A place named only inside an organisation's name ("the Sinaloa Cartel") says
                # where the group comes from, not where the event happened: others go first.
                chosen = max(inside, key=lambda t: (not _in_organisation_name(t), t.start not in qualifiers,
                                                    _specificity(t), -abs(t.start - lo)))
                level = level_no
                break
        if chosen is None:
            if main is None:
                in_reach = scopes[-1] if scopes else (0, len(text))
                quarter = any(in_reach[0] <= t.start and t.end <= in_reach[1] for t in quarters)
                # A neighbourhood of it is "a part of" the town (precision 2); nothing at all, a guess (3).
                places.append(home_place.model_copy(update={"geo_precision": 2}) if home_place and quarter else home_place)
                continue
            # Nothing in the event's reach: the article's main place, at best "near it" (precision 2).
            chosen, level = main, len(scopes)
        from_main = level == len(scopes)
        if _specificity(chosen) <= 2:
            # Only a state or a country here: a town the text names inside it is a better guess,
            # first from the event's wider scopes, then the article's main place.
            inner = None
            for s, e in scopes[level + 1:] + [(0, len(text))]:
                towns = [t for t in resolved if s <= t.start and t.end <= e and _specificity(t) >= 5
                         and not _in_organisation_name(t) and _inside(t, chosen)]
                if towns:
                    inner = main if main in towns else min(towns, key=lambda t: abs(t.start - lo))
                    break
            if inner is not None:
                places.append(_place(inner, 2))
                continue
            region = _region_inside(chosen, resolved, scopes[level + 1:] + [(0, len(text))], lo)
            if region is not None and _specificity(region) > 2:
                places.append(_place(_district_seat(region) or region, 3))
                continue
            chosen = region or chosen
            if home_town is not None and _inside(home_town, chosen):
                places.append(_as_place(home_town, 3, chosen.text))
                continue
            seat = region_seat(gazetteer, chosen) if gazetteer is not None and chosen.feature_code == "ADM1" else None
            if seat is not None:
                places.append(_as_place(seat, 3, chosen.text).model_copy(update={"admin1": chosen.name}))
                continue
            places.append(_place(chosen, 3))
            continue
        seat = _district_seat(chosen)
        if seat is not None:
            chosen = seat
        container = _stated_container(text, chosen, resolved)
        if container is not None:
            # "El Capire in Iguala" with El Capire read 300 km away: that reading is a namesake, and
            # the event is somewhere in Iguala (precision 2, a part of it).
            places.append(_place(_district_seat(container) or container, 2))
            continue
        if _specificity(chosen) >= 5 and not from_main:
            near = _NEAR_WORDS.search(text[max(0, chosen.start - 40) : chosen.start])
            precision = 2 if near else 1
        else:
            precision = 2
        places.append(_place(chosen, precision))
    return places


def set_event_locations(article: Article, gazetteer: Gazetteer | None = None, home: Entry | None = None) -> Article:
    """Write each event's location (see :func:`locate_events`); a place that comes from the outlet's
    name rather than the text gets a warning on the article, so a run's summary shows the guesses."""
    guessed = []
    seat = None
    if home is not None:
        seat = region_seat(gazetteer, home) if gazetteer is not None and home.feature_code == "ADM1" else home
    for event, place in zip(article.events, locate_events(article, gazetteer, home)):
        if place is not None:
            event.location = place
            # The outlet's town with no words of the text, or standing in for a country or province.
            from_home = seat is not None and place.geonameid == seat.geonameid and (place.text is None or place.geo_precision == 3)
            if from_home:
                guessed.append(event.event_id)
    if guessed:
        article.warnings.append(
            f"event(s) {', '.join(guessed)} placed at {seat.name}, the place the outlet "
            f"'{article.source_name}' is named after: the text names no place more precise"
        )
    return article


@stage("geo", requires=("article.doc",), assigns=("article.toponyms", "event.location"))
def resolve_places(article: Article, options: Options) -> Article:
    """Recognise and resolve toponyms; give each event its location."""
    gazetteer = get_gazetteer(options.gazetteer)
    text = article.text
    doc = article._doc
    if doc is None:
        doc = _analyse(text[: options.max_text_chars], options)
    dateline = (article.dateline.start, article.dateline.end) if article.dateline else find_dateline(text)
    home_country, home = _publication_home(article.url, article.source_name, gazetteer)
    article.toponyms = _geoparse_doc(doc.text, doc, gazetteer, dateline, home_country=home_country)
    set_event_locations(article, gazetteer, home)
    return article
