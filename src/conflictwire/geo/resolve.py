"""Toponym resolution: choose each name's gazetteer entry with the evidence a human reader uses.

Each candidate gets a log-odds score: the gazetteer prior (population, feature type, how the name
matches), plus the article's evidence: countries and first-level divisions it names (and its
demonyms), the dateline place, explicit containment ("Lexington, Ky.", "Tikrit, the capital of
Salahuddin province", "Alam, on the outskirts of Tikrit"), and spatial minimality (the places of
one report cluster). Two passes: the second reads the others' choices from the first.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field

from ..schema import Toponym
from .gazetteer import Entry, Gazetteer, prior_logit

# Weights of the evidence, in log-odds. Chosen by hand from what each cue is worth to a reader;
# checked on the dev splits of the geoparsing corpora (see the scorecard), not fitted per record.
W_COUNTRY = 1.6  # per log(1 + mentions) of the candidate's country elsewhere in the article
W_ADMIN1 = 1.4  # per log(1 + mentions) of its first-level division
W_CONTAINED = 4.0  # "X, Y" / "X in Y" where the candidate lies in Y
W_NEAR = 3.0  # "X, near Y" / "on the outskirts of Y": candidate close to Y
W_SPATIAL = 2.0  # times the mean closeness to the other places in the article
W_DATELINE = 1.0  # candidate in the dateline place's country/division
COUNTRY_NAME_MIN_KIND = 1  # a country's own name or alias always resolves to the country
MAX_CANDIDATES = 40

_CONTAIN_GAP = re.compile(r"^\s*(,|\bin\b|\bof\b|,\s*(in|of)\b)\s*(the\s+)?((state|province|county|governorate|region|district)\s+of\s+)?$", re.I)
_NEAR_GAP = re.compile(
    r"^\s*,?\s*(a\s+\w+\s+|the\s+\w+\s+)?(\w+\s+)?(near|outside|outskirts of|the outskirts of|on the outskirts of|"
    r"(\d[\d,.]*\s*(km|kilometers|kilometres|miles|mi)\s+)?(north|south|east|west|northeast|northwest|southeast|southwest)(ern)?\s+of|"
    r"capital of|the capital of|suburb of|a suburb of|just outside|close to|district of|neighbou?rhood of|in)\s+(the\s+)?(\w+\s+of\s+)?$",
    re.I,
)


@dataclass
class _Mention:
    start: int
    end: int
    text: str
    entries: list[Entry]
    hint: tuple[str, ...]
    priors: list[float]
    cues: list[str] = field(default_factory=list)
    choice: int | None = None
    logits: list[float] = field(default_factory=list)
    evidence: list[list[str]] = field(default_factory=list)


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


def _contains(region: Entry, place: Entry) -> bool:
    if region.id == place.id:
        return False
    if region.feature_code in ("PCLI",):
        return place.country_code == region.country_code
    if region.feature_code == "ADM1":
        return place.admin1_code == region.admin1_code and place.country_code == region.country_code
    if region.feature_code == "ADM2":
        return place.admin2_code is not None and place.admin2_code == region.admin2_code
    return False


def resolve_toponyms(
    text: str,
    spans: list[tuple[int, int]],
    gazetteer: Gazetteer,
    demonyms: list[tuple[int, int, str]] | None = None,
    dateline: tuple[int, int] | None = None,
    cues: dict[tuple[int, int], list[str]] | None = None,
) -> list[Toponym]:
    """Resolve each span of ``text``; spans with no candidate stay unresolved (never dropped)."""
    mentions: list[_Mention] = []
    for start, end in spans:
        surface = text[start:end]
        entries, hint = gazetteer.find(surface)
        if not entries and surface.endswith(("'s", "’s")):
            entries, hint = gazetteer.find(surface[:-2])
        demonym_of = gazetteer.demonym(surface)
        if demonym_of and not any(e.feature_code in ("PCLI", "ADM1") and e.name_kind == 0 for e in entries):
            # A span given as a place that is a demonym ("Ukrainian") stands for its country.
            country = gazetteer.country(demonym_of)
            if country is not None:
                entries, hint = [country], ()
        priors = [prior_logit(e, hint) for e in entries]
        order = sorted(range(len(entries)), key=lambda k: -priors[k])[:MAX_CANDIDATES]
        mentions.append(
            _Mention(start, end, surface, [entries[k] for k in order], hint, [priors[k] for k in order],
                     list((cues or {}).get((start, end), [])))
        )
    if not mentions:
        return []

    # Explicit countries and divisions: names whose best reading is a country or a state.
    countries = Counter(cc for _, _, cc in demonyms or ())
    for m in mentions:
        m.choice = _forced_country(m)
        if m.choice is None and m.entries:
            m.choice = 0
    dateline_entry = None
    if dateline is not None:
        for m in mentions:
            if dateline[0] <= m.start < dateline[1] and m.choice is not None:
                dateline_entry = m.entries[m.choice]
                break

    relations = _relations(text, mentions)
    for _pass in range(3):
        chosen = [m.entries[m.choice] if m.choice is not None else None for m in mentions]
        for idx, m in enumerate(mentions):
            if not m.entries:
                continue
            others = [(j, e) for j, e in enumerate(chosen) if e is not None and mentions[j].text != m.text]
            country_votes = Counter(countries)
            admin1_votes: Counter[str] = Counter()
            for _, e in others:
                weight = 2 if e.feature_code in ("PCLI", "ADM1") else 1
                if e.country_code:
                    country_votes[e.country_code] += weight
                if e.admin1_code and e.feature_code != "PCLI":
                    admin1_votes[e.admin1_code] += weight
            points = [(e.latitude, e.longitude) for _, e in others if e.feature_code not in ("PCLI", "CONT")]
            logits, evidence = [], []
            for k, entry in enumerate(m.entries):
                z = m.priors[k]
                ev = ["population" if entry.population else "gazetteer"]
                if entry.feature_code in ("PCLI", "ADM1", "PPLC", "CONT"):
                    ev.append(f"feature:{entry.feature_code}")
                if entry.country_code and country_votes[entry.country_code] and entry.feature_code != "PCLI":
                    z += W_COUNTRY * math.log1p(country_votes[entry.country_code])
                    ev.append("country-mentioned")
                if entry.admin1_code and admin1_votes[entry.admin1_code] and entry.feature_code not in ("PCLI", "ADM1"):
                    z += W_ADMIN1 * math.log1p(admin1_votes[entry.admin1_code])
                    ev.append("admin1-mentioned")
                if dateline_entry is not None and not (dateline[0] <= m.start < dateline[1]):
                    if _contains(dateline_entry, entry) or entry.country_code == dateline_entry.country_code:
                        z += W_DATELINE
                        ev.append("dateline")
                for kind, j in relations.get(idx, ()):
                    region = chosen[j]
                    if region is None:
                        continue
                    if kind == "contained" and _contains(region, entry):
                        z += W_CONTAINED
                        ev.append("containment")
                    elif kind == "near" and region.id != entry.id:
                        d = distance_km(region.latitude, region.longitude, entry.latitude, entry.longitude)
                        if d < 150 or _contains(region, entry):
                            z += W_NEAR
                            ev.append("near")
                if points and _pass > 0 and entry.feature_code not in ("PCLI", "CONT"):
                    closeness = sum(math.exp(-distance_km(lat, lon, entry.latitude, entry.longitude) / 400.0) for lat, lon in points) / len(points)
                    z += W_SPATIAL * closeness
                    if closeness > 0.3:
                        ev.append("nearby-places")
                logits.append(z)
                evidence.append(ev)
            m.logits, m.evidence = logits, evidence
            forced = _forced_country(m, country_votes)
            m.choice = forced if forced is not None else max(range(len(logits)), key=logits.__getitem__)
    return [_to_toponym(m) for m in mentions]


def _forced_country(m: _Mention, country_votes: Counter | None = None) -> int | None:
    """A country's own name always means the country, never a town or a building bearing it.
    The one exception is a country that shares its name with a state ("Georgia") in an article
    whose other places all lie in that state's country."""
    if m.hint:
        return None  # "Guernsey County" names a county
    for k, entry in enumerate(m.entries):
        if entry.feature_code == "PCLI" and entry.name_kind <= COUNTRY_NAME_MIN_KIND:
            if country_votes:
                for j, other in enumerate(m.entries):
                    if (other.feature_code == "ADM1" and other.name_kind == 0
                            and country_votes[other.country_code] >= 2 and not country_votes[entry.country_code]):
                        return j
            return k
    return None


def _relations(text: str, mentions: list[_Mention]) -> dict[int, list[tuple[str, int]]]:
    """Containment and nearness stated between consecutive names ("X, Y", "X, near Y")."""
    out: dict[int, list[tuple[str, int]]] = {}
    for i in range(len(mentions) - 1):
        a, b = mentions[i], mentions[i + 1]
        gap = text[a.end : b.start]
        if len(gap) > 60 or "\n" in gap:
            continue
        if _CONTAIN_GAP.match(gap):
            out.setdefault(i, []).append(("contained", i + 1))
        elif _NEAR_GAP.match(gap):
            out.setdefault(i, []).append(("near", i + 1))
    return out


def _to_toponym(m: _Mention) -> Toponym:
    top = Toponym(start=m.start, end=m.end, text=m.text)
    if m.choice is None or not m.entries:
        top.evidence = ["no-candidate"] + m.cues
        return top
    logits = m.logits or m.priors
    peak = max(logits)
    weights = [math.exp(z - peak) for z in logits]
    total = sum(weights)
    entry = m.entries[m.choice]
    top.name = entry.name
    top.latitude, top.longitude = entry.latitude, entry.longitude
    top.geonameid = entry.geonameid
    top.country_code = entry.country_code
    top.country = entry.country
    top.admin1 = entry.admin1
    top.admin2 = entry.admin2
    top.feature_code = entry.feature_code
    top.population = entry.population or None
    top.score = round(weights[m.choice] / total, 4)
    ev = (m.evidence[m.choice] if m.evidence else ["population"]) + m.cues
    if _forced_country(m) == m.choice and entry.feature_code == "PCLI":
        ev = ["country-name"] + ev
    top.evidence = list(dict.fromkeys(ev))
    ranked = sorted(range(len(m.entries)), key=lambda k: -logits[k])[:5]
    top.candidates = [m.entries[k].to_candidate(weights[k] / total) for k in ranked]
    return top
