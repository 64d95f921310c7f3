"""The geo stage: recognise place names, resolve them against the offline gazetteer, and give each
event the most specific place the text ties to it.

- :func:`find_toponyms` (recognize.py) finds names in a spaCy Doc; :func:`resolve_toponyms`
  (resolve.py) picks each one's gazetteer entry with its score and evidence;
- :func:`locate_events` computes each event's :class:`Place`; :func:`set_event_locations` writes it;
- :func:`geoparse_text` runs the lot on a plain string (what ``conflictwire geoparse`` and the
  evaluation call).
"""

from __future__ import annotations

import re

from ..options import Options
from ..pipeline import stage
from ..schema import Article, Place, Toponym
from .gazetteer import GAZETTEER_NAME, GEONAMES_ATTRIBUTION, Gazetteer, get_gazetteer, open_gazetteer
from .publisher import publication_country
from .recognize import find_toponyms
from .resolve import resolve_toponyms

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
    home = publication_country(url, source_name, gazetteer)
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
    home = publication_country(url, source_name, gazetteer)
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


def _in_organisation_name(t: Toponym) -> bool:
    return "gazetteer:ORG" in t.evidence and not any(e in t.evidence for e in ("in", "en", "near", "heading", "comma-region"))


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


def main_place(article: Article) -> Toponym | None:
    """The article's main place: the dateline's, else the most mentioned specific place."""
    resolved = [t for t in article.toponyms if t.name is not None]
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


def locate_events(article: Article) -> list[Place | None]:
    """Each event's place: the most specific resolved toponym in its evidence clause, else its
    sentence, its paragraph, else the article's main place; with ACLED's geo precision."""
    text = article.text
    resolved = [t for t in article.toponyms if t.name is not None]
    main = main_place(article)
    paragraphs = _paragraphs(text)
    places: list[Place | None] = []
    for event in article.events:
        spans = [(e.start, e.end) for e in event.evidence if e.end > e.start]
        if not spans:
            places.append(_place(main, 2 if _specificity(main) >= 5 else 3) if main else None)
            continue
        lo, hi = min(s for s, _ in spans), max(e for _, e in spans)
        scopes = [(lo, hi)]
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
                chosen = max(inside, key=lambda t: (not _in_organisation_name(t), _specificity(t), -abs(t.start - lo)))
                level = level_no
                break
        if chosen is None:
            places.append(_place(main, 2 if main and _specificity(main) >= 5 else 3) if main else None)
            continue
        if _specificity(chosen) >= 5:
            near = _NEAR_WORDS.search(text[max(0, chosen.start - 40) : chosen.start])
            precision = 2 if near else 1
        elif _specificity(chosen) >= 3:
            precision = 2
        else:
            # Only a state or a country here: a town the article names inside it is a better guess.
            inner = [
                t for t in resolved
                if _specificity(t) >= 5 and t.country_code == chosen.country_code and not _in_organisation_name(t)
                and (chosen.feature_code != "ADM1" or t.admin1 == chosen.admin1)
            ]
            if inner and main is not None and main in inner:
                places.append(_place(main, 2))
                continue
            precision = 3
        places.append(_place(chosen, precision))
    return places


def set_event_locations(article: Article) -> Article:
    """Write each event's location (events without evidence get the article's main place)."""
    for event, place in zip(article.events, locate_events(article)):
        if place is not None:
            event.location = place
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
    home = publication_country(article.url, article.source_name, gazetteer)
    article.toponyms = _geoparse_doc(doc.text, doc, gazetteer, dateline, home_country=home)
    set_event_locations(article)
    return article
