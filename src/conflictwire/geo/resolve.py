"""Toponym resolution: choose each name's gazetteer entry with the evidence a human reader uses.

Each candidate gets a log-odds score: the gazetteer prior (population, feature type, how the name
matches), plus the article's evidence: the countries and first-level divisions its other places
lie in (and its demonyms; a division the text names outright counts more), the dateline place,
explicit containment ("Lexington, Ky.", "Tikrit, the capital of Salahuddin province", "Alam, on
the outskirts of Tikrit"), and spatial minimality (the places of one report cluster). The evidence
from other names is soft: every reading of every other name votes with its current probability
(a reading by the name's own spelling with at least a floor, so that two less famous neighbours can
find each other), so one early mistake does not lock the others in; three rounds let the readings
settle. One name keeps one reading throughout an article.

Country-level evidence alone cannot turn a name into a small namesake of a far more prominent
place ("Dublin" in an article about the United States stays the Irish capital; "Dublin, Ohio" or
Ohio's other towns move it). A name the gazetteer lacks takes the place the text puts it in or near
("the X Works in Herat"), or the place or country its leading words name ("Dubai World Cup", "US
Federal Reserve"), with a low score; else, when it is a street or building, the town it lies in.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

import numpy as np

from ..schema import Toponym
from .gazetteer import Entry, Gazetteer, prior_logit, prior_score
from .names import fold

# Weights of the evidence, in log-odds, set by hand from what each cue is worth to a reader. The
# country/admin1/spatial weights were picked among four hand-set configurations on the dev splits of
# the geoparsing corpora (LGL acc@161 0.840-0.851 across them); nothing is fitted per record.
W_COUNTRY = 1.2  # times log(1 + support) of the candidate's country among the other names
W_ADMIN1 = 2.0  # times log(1 + support) of its first-level division
W_SPATIAL = 4.0  # times its mean closeness to the other names' likely readings
SPATIAL_SCALE_KM = 200.0
# Every reading of another name by its own spelling votes for the places near it with at least this
# share of the most probable reading's weight: two names whose less famous readings lie side by side
# ("Paris" and "Henry County", Tennessee) find each other even while each name's famous reading leads.
SPATIAL_FLOOR = 0.3
W_CONTAINED = 4.0  # "X, Y" / "X in Y" where the candidate lies in Y
W_NEAR = 3.0  # "X, near Y" / "on the outskirts of Y": candidate within 150 km of Y
W_NAMED_COUNTRY = 1.5  # candidate in a country the text names ("DR Congo ... in Beni") or implies by a demonym
# A first-level division the text names outright is stronger evidence than the same division
# inferred from its towns: "London" beside "Ontario" is London, Ontario. Not for a name that is
# itself a division's or a country's ("Kansas", "New Brunswick" beside "New Jersey").
W_NAMED_ADMIN1 = 2.5
W_DATELINE = 1.0  # candidate in the dateline place's country
W_DATELINE_ADMIN = 1.0  # ... and in its first-level division
# The publication's home country (its domain's ccTLD or its name): a local paper's bare "London" is
# its own country's. It breaks ties the text leaves open, so it is strong only while the text says
# nothing else: no stated container or neighbour for the name, and no other country named or
# leaning ahead among the other names. A small town gets half (a Canadian paper's "Perth" is still
# Australia's city, its "London" Ontario's).
W_HOME = 4.0
W_HOME_SMALL = 2.0  # a home-country reading under HOME_FULL_POPULATION people
HOME_FULL_POPULATION = 100_000
W_HOME_WEAK = 0.5  # ... when the text leans to another country
# A reading overshadowed by a same-named place DOMINANCE_RATIO times as populous gets at most this
# much from country-level evidence (see _dominated).
DOMINANCE_RATIO = 20.0
MAX_COUNTRY_BONUS_DOMINATED = 1.5
# Names listed together ("Oregon, Utah, Washington and Wisconsin") are mostly places of one kind: a
# reading gets W_LIST times the share of its list siblings read as the same kind (when half or more).
W_LIST = 1.5
# A town this close to another place the article names, in the same division, is the article's reading
# even of a country's name ("Mexico" beside "Audrain County", Missouri): see _forced_country.
BESIDE_KM = 40.0
ROUNDS = 3
MAX_CANDIDATES = 40
CONTEXT_CANDIDATES = 12  # readings of another name that vote (the most probable ones)
MAX_VOTING_NAMES = 60  # news articles name far fewer places; a long document is capped here

_CONTAIN_GAP = re.compile(
    r"^\s*((township|village|town|city|district|municipality|county|area)\s*)?(,|\bin\b|\bof\b|,\s*(in|of)\b)\s*(the\s+)?((state|province|county|governorate|region|district)\s+of\s+)?$", re.I
)
_NEAR_GAP = re.compile(
    r"^\s*,?\s*(a\s+\w+\s+|the\s+\w+\s+)?(\w+\s+)?(near|outside|outskirts of|the outskirts of|on the outskirts of|"
    r"(\d[\d,.]*\s*(km|kilometers|kilometres|miles|mi)\s+)?(north|south|east|west|northeast|northwest|southeast|southwest)(ern)?\s+of|"
    r"capital of|the capital of|suburb of|a suburb of|just outside|close to|district of|neighbou?rhood of|in)\s+(the\s+)?(\w+\s+of\s+)?$",
    re.I,
)


_DESCRIPTOR_AFTER = re.compile(r"\s(province|governorate|state|region|oblast|district|county|prefecture|municipality|township)\b")
_DESCRIPTOR_BEFORE = re.compile(r"\b(state|province|governorate|region|oblast|district|county|prefecture|municipality|city|town|village)\s+of\s+$", re.I)
# "the Santa Rita neighborhood", "the Buenos Aires sector of Culiacán": a part of a town, not the
# town or region elsewhere that bears the name.
_NEIGHBOURHOOD_AFTER = re.compile(r"\s(neighbou?rhood|sector|colonia|barrio|quarter|suburb)\b", re.I)


@dataclass
class _Name:
    """All mentions of one name in the article (one sense per discourse)."""

    key: str
    entries: list[Entry]
    priors: np.ndarray
    hint: tuple[str, ...]
    demonym_country: str | None = None
    mentions: list[tuple[int, int]] = field(default_factory=list)
    relations: list[tuple[str, int]] = field(default_factory=list)
    logits: np.ndarray | None = None
    evidence: list[list[str]] = field(default_factory=list)
    forced: int | None = None
    part: str | None = None  # the words the candidates come from, when not the whole name

    @property
    def probs(self) -> np.ndarray:
        z = self.logits if self.logits is not None else self.priors
        w = np.exp(z - z.max())
        return w / w.sum()


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


def _distance_matrix(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Great-circle km between every row of ``a`` and of ``b`` (each [lat, lon] in degrees)."""
    la1, lo1 = np.radians(a[:, 0])[:, None], np.radians(a[:, 1])[:, None]
    la2, lo2 = np.radians(b[:, 0])[None, :], np.radians(b[:, 1])[None, :]
    h = np.sin((la2 - la1) / 2) ** 2 + np.cos(la1) * np.cos(la2) * np.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371.0 * np.arcsin(np.sqrt(np.clip(h, 0.0, 1.0)))


def _contains(region: Entry, place: Entry) -> bool:
    if region.id == place.id:
        return False
    if region.feature_code == "PCLI":
        return place.country_code == region.country_code
    if region.feature_code == "ADM1":
        return place.admin1_code == region.admin1_code and place.country_code == region.country_code
    if region.feature_code == "ADM2":
        return place.admin2_code is not None and place.admin2_code == region.admin2_code
    return False


def _is_region(entry: Entry) -> bool:
    """A country, a continent or a region spanning countries: too large to say where in it."""
    return entry.feature_code in ("PCLI", "CONT") or (entry.feature_code == "RGN" and entry.country_code is None)


def resolve_toponyms(
    text: str,
    spans: list[tuple[int, int]],
    gazetteer: Gazetteer,
    demonyms: list[tuple[int, int, str]] | None = None,
    dateline: tuple[int, int] | None = None,
    cues: dict[tuple[int, int], list[str]] | None = None,
    home_country: str | None = None,
) -> list[Toponym]:
    """Resolve each span of ``text``; spans with no candidate stay unresolved (never dropped).
    ``home_country`` is the publication's country (see publisher.py), a weak prior."""
    names: dict[str, _Name] = {}
    mention_name: list[str] = []
    for start, end in spans:
        surface = text[start:end]
        key = fold(surface) or surface
        mention_name.append(key)
        if key in names:
            names[key].mentions.append((start, end))
            continue
        descriptor = _DESCRIPTOR_AFTER.match(text, end)
        before = _DESCRIPTOR_BEFORE.search(text, max(0, start - 40), start)
        if _NEIGHBOURHOOD_AFTER.match(text, end):
            named = _candidates(surface, key, gazetteer)
            keep = [k for k, e in enumerate(named.entries) if e.feature_code.startswith("PPLX")]
            named.entries = [named.entries[k] for k in keep]
            named.priors = named.priors[keep]
            names[key] = named
        elif before and not descriptor:
            # "the state of Washington", "the city of Kano": the words before say what kind of place.
            described = _candidates(before.group(1) + " of " + surface, key, gazetteer)
            names[key] = described if described.entries else _candidates(surface, key, gazetteer)
        elif descriptor:
            # "Salahuddin province": the word after the name says what kind of place it is.
            described = _candidates(surface + " " + descriptor.group(1), key, gazetteer)
            names[key] = described if described.entries else _candidates(surface, key, gazetteer)
        else:
            names[key] = _candidates(surface, key, gazetteer)
        names[key].mentions.append((start, end))
    if not spans:
        return []
    order = list(names)
    index = {k: i for i, k in enumerate(order)}
    items = [names[k] for k in order]

    for a, b, kind in _relations(text, spans):
        items[index[mention_name[a]]].relations.append((kind, index[mention_name[b]]))
    siblings: defaultdict[int, set[int]] = defaultdict(set)
    for group in _lists(text, spans):
        members = {index[mention_name[m]] for m in group}
        for m in members:
            siblings[m] |= members - {m}

    demonym_countries = Counter(cc for _, _, cc in demonyms or ())
    dateline_name = None
    if dateline is not None:
        for (start, _end), key in zip(spans, mention_name):
            if dateline[0] <= start < dateline[1]:
                dateline_name = index[key]
                break

    # Flatten every name's candidates once for the spatial term.
    coords = [np.array([[e.latitude, e.longitude] for e in n.entries]) if n.entries else np.zeros((0, 2)) for n in items]
    for n in items:
        n.logits = n.priors.copy()
    # The least weight each reading votes with: a reading by a name's own spelling, not by one of a
    # place's many alternate names (a village's old name is no evidence on its own).
    floors = [np.array([SPATIAL_FLOOR if e.name_kind <= 1 else 0.0 for e in n.entries]) for n in items]
    # In a very long text the evidence comes from its most mentioned names (the cost is quadratic).
    voters = set(sorted(range(len(items)), key=lambda j: -len(items[j].mentions))[:MAX_VOTING_NAMES])
    for _round in range(ROUNDS):
        context = []
        for j, n in enumerate(items):
            if not n.entries:
                context.append(None)
                continue
            p = n.probs
            top = np.argsort(-p)[:CONTEXT_CANDIDATES]
            context.append((top, p[top]))
        named_countries = set(demonym_countries)
        named_admin1: defaultdict[str, set[int]] = defaultdict(set)  # division code -> the names read as it
        for j, m in enumerate(items):
            if m.entries:
                k = m.forced if m.forced is not None else int(np.argmax(m.probs))
                if m.entries[k].feature_code == "PCLI" and m.probs[k] > 0.5:
                    named_countries.add(m.entries[k].country_code)
                elif m.entries[k].feature_code == "ADM1" and m.probs[k] > 0.5 and m.entries[k].admin1_code:
                    named_admin1[m.entries[k].admin1_code].add(j)
        new_logits = []
        for i, n in enumerate(items):
            if not n.entries:
                new_logits.append(None)
                continue
            own_country = {e.country_code for e in n.entries if e.feature_code == "PCLI"}
            is_region_name = any(e.feature_code in ("PCLI", "ADM1") and e.name_kind == 0 for e in n.entries)
            country_support: defaultdict[str, float] = defaultdict(float)
            admin1_support: defaultdict[str, float] = defaultdict(float)
            for cc, count in demonym_countries.items():
                country_support[cc] += count
            spatial = np.zeros(len(n.entries))
            spatial_count = 0
            for j, ctx in enumerate(context):
                if j == i or ctx is None or j not in voters:
                    continue
                top, p = ctx
                other = items[j]
                for k, pk in zip(top, p):
                    e = other.entries[k]
                    if e.country_code:
                        country_support[e.country_code] += pk * len(other.mentions) ** 0.5
                    if e.admin1_code and e.feature_code != "PCLI":
                        admin1_support[e.admin1_code] += pk * len(other.mentions) ** 0.5
                local = [k for k in top if not _is_region(other.entries[k])]
                if local and _round > 0:
                    d = _distance_matrix(coords[i], coords[j][local])
                    weight = other.probs[local] / max(other.probs[local].max(), 1e-9)
                    weight = np.maximum(weight, floors[j][local])
                    closeness = np.exp(-d / SPATIAL_SCALE_KM) * weight[None, :]
                    spatial += closeness.max(axis=1)
                    spatial_count += 1
            if spatial_count:
                spatial /= spatial_count
            logits = n.priors.copy()
            evidence = []
            dominated = _dominated(n)
            for k, entry in enumerate(n.entries):
                ev = ["population" if entry.population else "gazetteer"]
                if entry.feature_code in ("PCLI", "ADM1", "PPLC", "CONT"):
                    ev.append(f"feature:{entry.feature_code}")
                country_bonus = 0.0
                if entry.country_code and not _is_region(entry):
                    support = country_support.get(entry.country_code, 0.0)
                    if support > 0.05:
                        country_bonus += W_COUNTRY * math.log1p(support)
                        ev.append("country-mentioned")
                if not _is_region(entry) and entry.country_code in named_countries - own_country:
                    country_bonus += W_NAMED_COUNTRY
                    ev.append("country-named")
                logits[k] += min(country_bonus, MAX_COUNTRY_BONUS_DOMINATED) if dominated[k] else country_bonus
                if home_country and entry.country_code == home_country and not _is_region(entry):
                    weight = _home_weight(entry, home_country, n, country_support, named_countries - own_country)
                    if weight:
                        logits[k] += weight
                        ev.append("publisher-country")
                if (entry.admin1_code and entry.feature_code not in ("PCLI", "ADM1") and not is_region_name
                        and named_admin1.get(entry.admin1_code, set()) - {i}):
                    logits[k] += W_NAMED_ADMIN1
                    ev.append("admin1-named")
                if entry.admin1_code and entry.feature_code not in ("PCLI", "ADM1"):
                    support = admin1_support.get(entry.admin1_code, 0.0)
                    if support > 0.05:
                        logits[k] += W_ADMIN1 * math.log1p(support)
                        ev.append("admin1-mentioned")
                if spatial_count and not _is_region(entry):
                    logits[k] += W_SPATIAL * spatial[k]
                    if spatial[k] > 0.3:
                        ev.append("nearby-places")
                if dateline_name is not None and dateline_name != i and items[dateline_name].entries:
                    anchor = items[dateline_name].entries[int(np.argmax(items[dateline_name].probs))]
                    if entry.country_code == anchor.country_code:
                        logits[k] += W_DATELINE
                        if entry.admin1_code and entry.admin1_code == anchor.admin1_code:
                            logits[k] += W_DATELINE_ADMIN
                        ev.append("dateline")
                if siblings.get(i) and _round > 0:
                    kinds = [_kind(items[j].entries[int(np.argmax(items[j].probs))]) for j in siblings[i] if items[j].entries]
                    share = sum(1 for c in kinds if c == _kind(entry)) / len(kinds) if kinds else 0.0
                    if share >= 0.5:
                        logits[k] += W_LIST * share
                        ev.append("list-siblings")
                for kind, j in n.relations:
                    if j == i or not items[j].entries:
                        continue
                    region = items[j].entries[int(np.argmax(items[j].probs))]
                    if kind == "contained" and _contains(region, entry):
                        logits[k] += W_CONTAINED
                        ev.append("containment")
                    elif kind == "near" and region.id != entry.id:
                        if _contains(region, entry) or distance_km(
                            region.latitude, region.longitude, entry.latitude, entry.longitude
                        ) < 150:
                            logits[k] += W_NEAR
                            ev.append("near")
                evidence.append(ev)
            new_logits.append((logits, evidence))
        for n, result in zip(items, new_logits):
            if result is not None:
                n.logits, n.evidence = result
        for n in items:
            if n.entries:
                n.forced = _forced_country(n, items)
                if n.forced is not None:
                    # Make the forced reading the probable one for the others' next round.
                    n.logits = n.logits.copy()
                    n.logits[n.forced] = n.logits.max() + 5.0

    containers = _stated_containers(items)
    out = []
    for (start, end), key in zip(spans, mention_name):
        n = items[index[key]]
        out.append(_to_toponym(text, start, end, n, (cues or {}).get((start, end), []), containers.get(index[key], [])))
    owners = [index[k] for k in mention_name]
    _drop_readings_outside_stated_region(text, out, items, owners, siblings)
    _drop_alternate_namesakes_abroad(out, items, owners, demonym_countries, home_country)
    _drop_stray_namesakes(out, items, owners)
    _drop_far_namesakes_of_features(out, items, [index[k] for k in mention_name])
    _place_subplaces(text, out, gazetteer)
    _seat_national_institutions(out, gazetteer)
    return out


# Last words of a national institution's name ("Bank of Japan", "Russian Foreign Ministry", "the
# Kenyan Parliament"): it sits in the capital. Not embassies or consulates, which sit abroad.
SEAT_WORDS = {"ministry", "bank", "parliament", "government", "cabinet", "senate", "presidency", "treasury"}


def _seat_national_institutions(toponyms: list[Toponym], gazetteer: Gazetteer) -> None:
    """A national institution named after its country is placed at the country's capital, or at
    the capital inside the division it is named after ("Bank of England"), as "seat-of:" evidence."""
    for t in toponyms:
        words = fold(t.text).split()
        if len(words) < 2 or words[-1] not in SEAT_WORDS and not (words[0] in SEAT_WORDS and "of" in words):
            continue
        if not t.country_code or t.feature_code not in ("PCLI", "ADM1"):
            continue
        capital = gazetteer.capital(t.country_code)
        if capital is None or (t.feature_code == "ADM1" and capital.admin1_code != _admin1_code_of(t, gazetteer)):
            continue
        t.name, t.latitude, t.longitude = capital.name, capital.latitude, capital.longitude
        t.geonameid, t.feature_code, t.population = capital.geonameid, capital.feature_code, capital.population or None
        t.admin1, t.admin2 = capital.admin1, capital.admin2
        t.evidence = [f"seat-of:{t.country or t.country_code}"] + t.evidence


def _admin1_code_of(t: Toponym, gazetteer: Gazetteer) -> str | None:
    entry = gazetteer.get(t.geonameid) if t.geonameid else None
    return entry.admin1_code if entry is not None else None


# Below this population a village abroad needs support from the text to be read (_drop_stray_namesakes).
STRAY_POPULATION = 10_000
# ... and a small division abroad (an island parish, a district of a small country) below this many.
STRAY_DIVISION_POPULATION = 100_000
# A park or river read from part of its name ("Roanoke Park") farther than this from every local place
# the article names is not at that far town (_drop_far_namesakes_of_features).
FAR_FEATURE_KM = 200.0
_SUPPORTED_BY = ("admin1-mentioned", "admin1-named", "nearby-places", "containment", "near", "dateline",
                 "publisher-country", "country-named", "country-name", "demonym")


def _stated_containers(items: list[_Name]) -> dict[int, list[_Name]]:
    """For each name the text states as a container ("Fresnillo, Zacatecas"), the names it contains."""
    out: defaultdict[int, list[_Name]] = defaultdict(list)
    for n in items:
        for kind, j in n.relations:
            if kind == "contained" and items[j] is not n:
                out[j].append(n)
    return out


def _chosen_entry(t: Toponym, n: _Name) -> Entry | None:
    return next((e for e in n.entries if e.geonameid == t.geonameid), None) if t.geonameid else None


def _drop_readings_outside_stated_region(text: str, toponyms: list[Toponym], items: list[_Name], owners: list[int],
                                         siblings: dict[int, set[int]]) -> None:
    """ "Hail village in Sagaing Region", "Mansi township, Kachin State": the text says which region
    the place is in, so a reading outside it (a namesake abroad, when the gazetteer lacks the village)
    is wrong. It is left unresolved, candidates kept, for _place_subplaces to put inside that region.
    Not for names listed together ("Texas, Ohio"), nor for a name that is itself a region, nor where
    "of" or "the" stands between ("the Nice of Russia", "from Sirte, the US gave...")."""
    by_owner = {o: t for t, o in zip(toponyms, owners)}
    for t, owner in zip(toponyms, owners):
        n = items[owner]
        if t.name is None or siblings.get(owner) or not (t.feature_code or "").startswith(_LOCAL_CODES):
            continue
        for kind, j in n.relations:
            region = by_owner.get(j)
            if kind != "contained" or j == owner or region is None or region.name is None or (region.score or 0) < 0.5:
                continue
            if region.feature_code not in ("PCLI", "ADM1", "ADM2") or _LOOSE_CONTAINER_WORDS.search(text, t.end, region.start):
                continue
            if region.feature_code == "ADM2" and not (t.feature_code or "").startswith("PPL"):
                continue  # "Douglas, Lancaster and Sarpy" counties: a list of divisions
            region_entry = _chosen_entry(region, items[j])
            chosen = _chosen_entry(t, n)
            if region_entry is None or chosen is None or _contains(region_entry, chosen):
                continue
            if region.feature_code == "ADM2" and not region_entry.admin2_code:
                continue  # a division without a code: containment cannot be checked
            _unresolve(t, f"outside-stated:{region.text}")
            break


_LOOSE_CONTAINER_WORDS = re.compile(r"\b(of|the)\b", re.I)
# A reading by an alternate name only (a transliteration, an old or foreign-language name) of a town
# below this population, in a country nothing else in the text points to, is dropped when the text
# names another country and the reading lies farther than ALTERNATE_ABROAD_KM from every place the
# text confidently names (_drop_alternate_namesakes_abroad): an exonym of a place in the region the
# report is about ("Auschwitz" in a report from France) is kept.
ALTERNATE_ABROAD_POPULATION = 100_000
ALTERNATE_ABROAD_KM = 2500.0


def _drop_alternate_namesakes_abroad(toponyms: list[Toponym], items: list[_Name], owners: list[int],
                                     demonym_countries: Counter, home_country: str | None) -> None:
    """A report about Myanmar that names a township the gazetteer lacks ("Mansi") must not land in
    the US town that has "Mansi" among its foreign-language names. When the text names a country
    (or its division, or a demonym), or the outlet has one, a reading found only by an alternate
    name, in a country that neither the text nor the outlet points to, is left unresolved
    (candidates kept) for _place_subplaces."""
    named = set(demonym_countries)
    for t in toponyms:
        if t.name is not None and t.feature_code in ("PCLI", "ADM1") and (t.score or 0) >= 0.5 and t.country_code:
            named.add(t.country_code)
    if home_country:
        named.add(home_country)
    if not named:
        return
    for t, owner in zip(toponyms, owners):
        if t.name is None or not (t.feature_code or "").startswith("PPL") or t.country_code in named:
            continue
        if (t.population or 0) >= ALTERNATE_ABROAD_POPULATION or t.feature_code == "PPLC":
            continue
        n = items[owner]
        chosen = _chosen_entry(t, n)
        if chosen is None or chosen.name_kind < 2 or n.relations:
            continue
        if any(o is not t and o.name is not None and o.country_code == t.country_code and (o.score or 0) >= 0.5
               for o in toponyms if fold(o.text) != fold(t.text)):
            continue
        if any(e in t.evidence for e in ("containment", "near", "admin1-named", "dateline")):
            continue
        if any(distance_km(o.latitude, o.longitude, t.latitude, t.longitude) <= ALTERNATE_ABROAD_KM for o in toponyms
               if o is not t and o.latitude is not None and (o.score or 0) >= 0.5 and fold(o.text) != fold(t.text)):
            continue
        _unresolve(t, "alternate-name-abroad")


def _drop_stray_namesakes(toponyms: list[Toponym], items: list[_Name], owners: list[int]) -> None:
    """A small village abroad that nothing in the text supports is no reading: a report whose
    other places all lie in one country and that names a "Crescent" or a "Pioneer" there means a
    street, a cinema or a quarter the gazetteer lacks, not a hamlet of that name in another
    country. So is a small division abroad read from an ambiguous name (an Irish report's "St
    Patrick's" is a church, not a Caribbean parish). Such a toponym is left unresolved (its
    candidates kept) for _place_subplaces."""
    confident = [(t, o) for t, o in zip(toponyms, owners) if t.name is not None and (t.score or 0) >= 0.5 and t.country_code]
    for t, owner in zip(toponyms, owners):
        if t.name is None or (t.population or 0) >= (
                STRAY_POPULATION if (t.feature_code or "").startswith("PPL")
                else STRAY_DIVISION_POPULATION if t.feature_code in ("ADM1", "ADM2") else 0):
            continue
        n = items[owner]
        if n.relations or (n.hint and not (t.feature_code or "").startswith("PPL")) or any(
                e in t.evidence for e in _SUPPORTED_BY):
            continue  # "Pale township": the descriptor says what kind of place, not that it is this village abroad
        if not (t.feature_code or "").startswith("PPL") and len(n.entries) < 2:
            continue  # the only place of that name the gazetteer knows ("Bonaire")
        countries = Counter(o.country_code for o, other in confident if other != owner)
        if not countries or t.country_code in countries:
            continue
        _unresolve(t, "stray-namesake")


def _drop_far_namesakes_of_features(toponyms: list[Toponym], items: list[_Name], owners: list[int]) -> None:
    """ "Roanoke Park", "Knox Park", "Kish River": a park or a river named like a town is where the
    report is, not at the far town of its name. Read from part of its name with nothing in the text
    for that reading, and far from every local place the article confidently names, it is left
    unresolved (candidates kept) for _place_subplaces."""
    local = [(t, o) for t, o in zip(toponyms, owners)
             if t.name is not None and (t.score or 0) >= 0.5 and (t.feature_code or "").startswith(_LOCAL_CODES)]
    for t, owner in zip(toponyms, owners):
        n = items[owner]
        if t.name is None or not n.part or t.latitude is None or _is_region_code(t.feature_code):
            continue
        if n.relations or any(e in t.evidence for e in _SUPPORTED_BY):
            continue
        others = [o for o, other in local if other != owner and o.latitude is not None]
        if others and all(distance_km(o.latitude, o.longitude, t.latitude, t.longitude) > FAR_FEATURE_KM for o in others):
            _unresolve(t, "far-namesake")


def _is_region_code(code: str | None) -> bool:
    return code in ("PCLI", "ADM1", "RGN", "CONT")


def _unresolve(t: Toponym, why: str) -> None:
    t.name = t.latitude = t.longitude = t.geonameid = t.feature_code = t.population = None
    t.country_code = t.country = t.admin1 = t.admin2 = None
    t.score = 0.0
    t.evidence = [why] + [e for e in t.evidence]


_LOCAL_CODES = ("PPL", "ADM2", "ADM3")
# Share of the anchor's score a name the gazetteer lacks gets when only its neighbourhood in the text
# places it (an assumption, below the 0.3 of a place the text states).
ASSUMED_SCORE = 0.15


def _place_subplaces(text: str, toponyms: list[Toponym], gazetteer: Gazetteer | None = None) -> None:
    """Places for the names the gazetteer lacks, from what the text says around them.

    A name the text puts in or near a place ("the Palais des Nations in Geneva", "Rathbeggan, near
    Dunshaughlin") lies there; one that opens with a place or a country ("Dubai World Cup") lies
    there. Any other name lies in the town the text is about there: the nearest local place named
    before it in its paragraph, else after it, else the article's most named local place. A street,
    building or neighbourhood ("Falcon Street", "the Imperio Banquet Hall") is inside that town; a
    bare unknown name is most often a village or a quarter too small for the gazetteer, so it is
    assumed to be near it ("assumed-near", a lower score). With no local place, it is assumed to
    lie in the article's first-level division or country (that region's point and feature code).
    Organisation names ("Oskavel Holdings") stay unresolved. The point is always the anchor's."""
    local = [t for t in toponyms if t.name is not None and (t.feature_code or "").startswith(_LOCAL_CODES)]
    counts = Counter(t.name for t in local)
    regions = [t for t in toponyms if t.name is not None and t.feature_code in ("ADM1", "PCLI")]
    region_counts = Counter(t.name for t in regions)
    for i, t in enumerate(toponyms):
        if t.name is not None:
            continue
        container, how = _stated_container(text, toponyms, i)
        if container is not None:
            # "the Palais des Nations in Geneva", "Rathbeggan, near Dunshaughlin": the text places it.
            _copy_place(t, container, "inside" if how == "contained" or _is_subplace(text, t.text, t.end) else "near")
            continue
        if gazetteer is not None and _place_from_leading_words(t, toponyms, gazetteer):
            continue
        subplace = _is_subplace(text, t.text, t.end)
        if not subplace and _is_organisation(t.text):
            continue
        if not local:
            if subplace or not regions:
                continue
            anchor = max(regions, key=lambda o: (o.feature_code == "ADM1", region_counts[o.name], o.score, -o.start))
            _copy_place(t, anchor, "assumed-in", ASSUMED_SCORE)
            t.geonameid, t.feature_code = anchor.geonameid, anchor.feature_code
            continue
        para_start = text.rfind("\n", 0, t.start) + 1
        para_end = text.find("\n", t.end)
        para_end = len(text) if para_end < 0 else para_end
        before = [o for o in local if para_start <= o.start < t.start and o.score >= 0.5]
        after = [o for o in local if t.end <= o.start < para_end and o.score >= 0.5]
        if before:
            anchor = before[-1]
        elif after:
            anchor = after[0]
        else:
            anchor = max(local, key=lambda o: (counts[o.name], o.score, -o.start))
        if subplace:
            _copy_place(t, anchor, "inside")
        else:
            _copy_place(t, anchor, "assumed-near", ASSUMED_SCORE)


# Last words of an organisation's name: where it is registered says nothing about a place.
ORGANISATION_WORDS = {"holdings", "inc", "ltd", "llc", "plc", "corp", "corporation", "company", "co", "group", "gmbh",
                      "sa", "ag", "limited", "partners", "llp", "associates", "foundation", "party", "union"}


def _is_organisation(surface: str) -> bool:
    words = fold(surface).split()
    return len(words) >= 2 and words[-1] in ORGANISATION_WORDS


def _stated_container(text: str, toponyms: list[Toponym], i: int) -> tuple[Toponym | None, str]:
    """The resolved place the text puts toponym ``i`` in or near, named right after it ("X in Y",
    "X, Y", "X, near Y"), and which of the two the text says ("contained" / "near")."""
    t = toponyms[i]
    following = [o for o in toponyms[i + 1:] if o.start >= t.end]
    if not following:
        return None, ""
    nxt = min(following, key=lambda o: o.start)
    gap = text[t.end:nxt.start]
    if nxt.name is None or len(gap) > 60 or "\n" in gap or nxt.latitude is None:
        return None, ""
    if _CONTAIN_GAP.match(gap):
        return nxt, "contained"
    if _NEAR_GAP.match(gap):
        return nxt, "near"
    return None, ""


def _place_from_leading_words(t: Toponym, toponyms: list[Toponym], gazetteer: Gazetteer) -> bool:
    """A name the gazetteer lacks that opens with a place the article names elsewhere ("Dubai World
    Cup" beside "Dubai"), or with a country or its demonym ("US Federal Reserve", "Russian Higher
    School of Economics"), lies there; found, ``t`` is set to that place with a low score."""
    words = t.text.split()
    resolved = {fold(o.text): o for o in toponyms if o.name is not None and o.latitude is not None and o is not t}
    for stop in range(len(words) - 1, 0, -1):
        part = " ".join(words[:stop])
        key = fold(part)
        if not key:
            continue
        if key in resolved:
            _copy_place(t, resolved[key], "leading-name")
            return True
        country_code = gazetteer.demonym(part)
        if country_code is None:
            entries, hint = gazetteer.find(part)
            country_code = next((e.country_code for e in entries if e.feature_code == "PCLI" and e.name_kind <= 1 and not hint), None)
        country = gazetteer.country(country_code) if country_code else None
        if country is not None:
            anchor = Toponym(start=t.start, end=t.end, text=part, name=country.name, latitude=country.latitude,
                             longitude=country.longitude, country_code=country.country_code, country=country.country,
                             score=0.5)
            _copy_place(t, anchor, "leading-country")
            t.geonameid, t.feature_code = country.geonameid, country.feature_code
            return True
    return False


def _copy_place(t: Toponym, anchor: Toponym, how: str, share: float = 0.3) -> None:
    t.name, t.latitude, t.longitude = anchor.name, anchor.latitude, anchor.longitude
    t.country_code, t.country, t.admin1, t.admin2 = anchor.country_code, anchor.country, anchor.admin1, anchor.admin2
    t.score = round(share * (anchor.score or 0.0), 4)
    lead = [] if t.candidates else ["no-candidate"]  # a stray namesake keeps its candidates
    t.evidence = lead + [f"{how}:{anchor.text}"] + [e for e in t.evidence if e != "no-candidate"]


# Last words that make a name a street, a building or another feature inside a town: when the
# gazetteer lacks it, it lies in the town its words or its context name.
ROUTE_WORDS = {"street", "st", "road", "rd", "avenue", "ave", "drive", "lane", "boulevard", "blvd", "parade", "highway",
               "square", "bridge", "way", "terrace", "crescent", "close", "plaza"}
FACILITY_WORDS = {"hospital", "school", "university", "college", "institute", "church", "cathedral", "mosque", "temple",
                  "court", "hall", "centre", "center", "stadium", "arena", "market", "airport", "prison", "jail", "hotel",
                  "theatre", "theater", "park", "station", "mall", "museum", "library", "council", "ministry", "office",
                  "barracks", "base", "camp", "port", "harbour", "harbor", "palace", "embassy", "consulate", "academy",
                  "cemetery", "headquarters", "complex", "armory", "armoury", "quarter"}
# Words that open the name of a street or a neighbourhood in the languages conflict news quotes untranslated.
STREET_PREFIXES = {"rue", "calle", "avenida", "av", "colonia", "col", "barrio", "fraccionamiento", "boulevard", "via", "rua", "faubourg"}
# Last words of a natural or territorial feature named after a place ("Boston Harbor", "Sacramento River").
FEATURE_WORDS = {"river", "lake", "harbor", "harbour", "bay", "falls", "creek", "valley", "mountains", "island", "islands",
                 "township", "sound", "peninsula", "gulf", "coast", "beach", "dam", "reservoir", "oasis", "desert"}
_SUBPLACE_AFTER = re.compile(r"\s(neighbou?rhoods?|streets?|road|avenue|market|colony|colonia|quarter|suburb|compound|sector|barrio)\b", re.I)
# How demonyms and inhabitants' names are built from a place name ("South Ossetian", "Abkhaz", "Minnesotans").
_DEMONYM_REWRITES = (("ians", "ia"), ("ian", "ia"), ("ans", "a"), ("an", "a"), ("ers", ""), ("er", ""), ("s", ""), ("", "ia"))


def _is_subplace(text: str, surface: str, end: int) -> bool:
    words = fold(surface).split()
    if not words:
        return False
    if _SUBPLACE_AFTER.match(text, end):
        return True
    return len(words) >= 2 and (words[-1] in ROUTE_WORDS or words[-1] in FACILITY_WORDS or words[0] in STREET_PREFIXES)


def _part_of_name(surface: str, gazetteer: Gazetteer) -> tuple[list[Entry], tuple[str, ...], str] | None:
    """Candidates from part of a name the gazetteer lacks: the place after "of" ("University of
    Alberta"), the longest leading words ("Cavan Institute", "Delhi High Court"), or the place a
    demonym is made from ("South Ossetian", "Abkhaz")."""
    from .recognize import GENERIC_WORDS

    words = surface.split()
    last = fold(words[-1]) if words else ""
    lowered = [fold(w) for w in words]
    tries: list[str] = []
    if "of" in lowered[1:-1] and lowered[0] in FACILITY_WORDS | {"bank", "port", "gulf", "bay", "city"}:
        tries.append(" ".join(words[len(lowered) - 1 - lowered[::-1].index("of") + 1 :]))
    if last in FACILITY_WORDS or last in FEATURE_WORDS:
        for stop in range(len(words) - 1, 0, -1):
            part = " ".join(words[:stop])
            if stop == 1 and (fold(part) in GENERIC_WORDS or len(part) < 3):
                continue
            tries.append(part)
    if 1 <= len(words) <= 2 and words[-1][:1].isupper() and last not in FACILITY_WORDS | ROUTE_WORDS | FEATURE_WORDS:
        stem = surface
        for suffix, replacement in _DEMONYM_REWRITES:
            if stem.lower().endswith(suffix) and len(stem) - len(suffix) >= 4:
                tries.append(stem[: len(stem) - len(suffix)] + replacement)
    for part in tries:
        entries, hint = gazetteer.find(part)
        # A river or a building named after a place carries that place's own name, not one of its
        # foreign-language names ("Laja River" is not Łódź, whose Polish name folds near it).
        lead_only = last in FACILITY_WORDS or last in FEATURE_WORDS
        entries = [e for e in entries if e.name_kind <= 1 or (e.population >= 1000 and not lead_only)]
        if entries and max(prior_score(e, hint) for e in entries) >= 0.3:
            return entries, hint, part
    return None


def _candidates(surface: str, key: str, gazetteer: Gazetteer) -> _Name:
    entries, hint = gazetteer.find(surface)
    if not entries and surface.endswith(("'s", "\u2019s")):
        entries, hint = gazetteer.find(surface[:-2])
    part = None
    if not entries:
        found = _part_of_name(surface, gazetteer)
        if found is not None:
            entries, hint, part = found
    demonym_of = gazetteer.demonym(surface)
    if demonym_of and not any(e.feature_code in ("PCLI", "ADM1") and e.name_kind == 0 for e in entries):
        # A span that is a demonym ("Ukrainian") stands for its country.
        country = gazetteer.country(demonym_of)
        if country is not None:
            entries, hint = [country], ()
    priors = [prior_logit(e, hint) for e in entries]
    order = sorted(range(len(entries)), key=lambda k: -priors[k])[:MAX_CANDIDATES]
    return _Name(key, [entries[k] for k in order], np.array([priors[k] for k in order], dtype=float), hint,
                 demonym_country=demonym_of, part=part)


def _home_weight(entry: Entry, home: str, n: _Name, country_support: dict[str, float], named: set[str]) -> float:
    """What the publication's home country adds to ``entry`` (a reading in it)."""
    if n.relations or n.hint:
        return 0.0  # "London, England", "Kingston County": the text says which
    foreign = max((s for cc, s in country_support.items() if cc != home), default=0.0)
    if (named - {home} and home not in named) or (foreign > 0.5 and foreign > country_support.get(home, 0.0)):
        return W_HOME_WEAK
    if entry.population >= HOME_FULL_POPULATION or entry.feature_code in ("ADM1", "PPLC", "PPLA"):
        return W_HOME
    return W_HOME_SMALL


def _dominated(n: _Name) -> list[bool]:
    """Readings overshadowed by a far more prominent place of the same name (a capital, a
    first-level division or a city of half a million, twenty times their population): the country
    an article is about is not enough to make "Paris" a small town there; its state, nearby places
    or an explicit "Paris, Texas" are."""
    prominent = [e for e in n.entries
                 if e.name_kind <= 1 and (e.feature_code in ("PPLC", "ADM1", "PCLI") or e.population >= 500_000)]
    if not prominent or n.hint:
        return [False] * len(n.entries)
    top = max(prominent, key=lambda e: e.population)
    # The city inside the province that bears its name is the same place, not a namesake.
    return [top.population >= DOMINANCE_RATIO * max(e.population, 1)
            and distance_km(e.latitude, e.longitude, top.latitude, top.longitude) > 50.0 for e in n.entries]


def _forced_country(n: _Name, items: list[_Name]) -> int | None:
    """A country's own name means the country, never a town or a building bearing it. The one
    exception: a state or town of that name ("Georgia", "Palestine, Texas") in an article whose
    other places lie in that reading's division, or a town within BESIDE_KM of another place the
    article names in its division (the county it is the seat of), with nothing else in the article
    in the country."""
    if n.hint:
        return None  # "Guernsey County" names a county
    country_k = next(
        (k for k, e in enumerate(n.entries) if e.feature_code == "PCLI" and e.name_kind <= 1), None
    )
    if country_k is None:
        return None
    country = n.entries[country_k]
    best_other = max(
        (k for k in range(len(n.entries)) if k != country_k and n.entries[k].name_kind == 0),
        key=lambda k: n.logits[k] if n.logits is not None else n.priors[k],
        default=None,
    )
    if best_other is not None:
        other = n.entries[best_other]
        same_country = same_admin1 = beside = 0
        for m in items:
            if m is n or not m.entries:
                continue
            e = m.entries[int(np.argmax(m.probs))] if m.forced is None else m.entries[m.forced]
            if e.country_code == country.country_code:
                return country_k
            if e.country_code == other.country_code:
                same_country += 1
                if e.admin1_code and e.admin1_code == other.admin1_code and e.id != other.id:
                    same_admin1 += 1
                    # "Mexico ... Audrain County": the town is the seat of the county the text names.
                    if distance_km(e.latitude, e.longitude, other.latitude, other.longitude) < BESIDE_KM:
                        beside += 1
        if (same_admin1 >= 1 and same_country >= 2 or (other.feature_code == "ADM1" and same_country >= 2)
                or (beside >= 1 and other.feature_code.startswith("PPL"))):
            return best_other
    return country_k


def _city_for_its_province(n: _Name, choice: int) -> int:
    """A bare name shared by a province and its main city ("Kano", "Basra", "Aleppo") means the
    city: news names the province with its descriptor ("Kano state") or for the whole region."""
    entry = n.entries[choice]
    if n.hint or entry.feature_code not in ("ADM1", "ADM2"):
        return choice
    for k, other in enumerate(n.entries):
        if (other.feature_code.startswith("PPL") and other.name_kind <= max(entry.name_kind, 0) and other.country_code == entry.country_code
                and (other.admin1_code == entry.admin1_code if entry.feature_code == "ADM1" else other.admin2_code == entry.admin2_code)
                and other.population >= 0.1 * max(entry.population, 1)):
            return k
    return choice


# A place named as another's container and farther than this from the city that shares the
# division's name means the division ("Fresnillo, Zacatecas"); nearer, it is a part of that city.
CONTAINER_CITY_KM = 25.0


def _holds_places_beyond_city(division: Entry, city: Entry, contained: list[_Name]) -> bool:
    for m in contained:
        if not m.entries:
            continue
        e = m.entries[m.forced if m.forced is not None else int(np.argmax(m.probs))]
        if e.id != city.id and _contains(division, e) and distance_km(e.latitude, e.longitude, city.latitude, city.longitude) > CONTAINER_CITY_KM:
            return True
    return False


_LIST_GAP = re.compile(r"^\s*(,|;|,?\s*(and|or|&)|/)\s*$", re.I)
_LIST_AND = re.compile(r"^\s*,?\s*(and|or|&)\s*$", re.I)


def _lists(text: str, spans: list[tuple[int, int]]) -> list[list[int]]:
    """Runs of names listed together ("British Columbia, Alberta, Manitoba and Ontario", "Utah,
    Washington and Wisconsin", "Ohio and Kentucky"): three or more, or two joined by "and"/"or"
    (two joined by a comma are as often "Paris, Texas")."""
    groups, current, joined_by_and = [], [0] if spans else [], False
    for i in range(1, len(spans) + 1):
        gap = text[spans[i - 1][1]:spans[i][0]] if i < len(spans) else None
        if gap is not None and spans[i][0] >= spans[i - 1][1] and len(gap) <= 8 and _LIST_GAP.match(gap):
            current.append(i)
            joined_by_and = joined_by_and or bool(_LIST_AND.match(gap))
            continue
        if len(current) >= 3 or (len(current) == 2 and joined_by_and):
            groups.append(current)
        current, joined_by_and = [i], False
    return groups


def _kind(entry: Entry) -> str:
    """The kind of place a reading is, as names listed together share it."""
    code = entry.feature_code
    return "PPL" if code.startswith("PPL") else "PCLI" if code in ("PCLI", "CONT") else code


def _relations(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """Containment and nearness stated between consecutive names ("X, Y", "X, near Y")."""
    out = []
    for i in range(len(spans) - 1):
        (_, a_end), (b_start, _) = spans[i], spans[i + 1]
        gap = text[a_end:b_start]
        if len(gap) > 60 or "\n" in gap or b_start < a_end:
            continue
        if _CONTAIN_GAP.match(gap):
            out.append((i, i + 1, "contained"))
        elif _NEAR_GAP.match(gap):
            out.append((i, i + 1, "near"))
    return out


def _to_toponym(text: str, start: int, end: int, n: _Name, cues: list[str], contains: list[_Name] = ()) -> Toponym:
    top = Toponym(start=start, end=end, text=text[start:end])
    if not n.entries:
        top.evidence = ["no-candidate"] + cues
        return top
    probs = n.probs
    chosen = n.forced if n.forced is not None else int(np.argmax(probs))
    choice = _city_for_its_province(n, chosen)
    if choice != chosen and _holds_places_beyond_city(n.entries[chosen], n.entries[choice], contains):
        choice = chosen  # "Fresnillo, Zacatecas": the state, not its capital 60 km away
    entry = n.entries[choice]
    top.name = entry.name
    top.latitude, top.longitude = entry.latitude, entry.longitude
    top.geonameid = entry.geonameid
    top.country_code = entry.country_code
    top.country = entry.country
    top.admin1 = entry.admin1 if entry.feature_code != "PCLI" else None
    top.admin2 = entry.admin2
    top.feature_code = entry.feature_code
    top.population = entry.population or None
    # The score is the probability that the place is here: readings that are the same place in
    # another guise (the city and the district named after it, 2 km apart; the province a bare
    # "Kandahar" was read as before it gave way to its city) add up.
    same_place = [
        k for k, e in enumerate(n.entries)
        if k in (choice, chosen) or distance_km(e.latitude, e.longitude, entry.latitude, entry.longitude) < 25.0
    ]
    top.score = round(min(1.0, float(probs[same_place].sum())), 4)
    ev = list(n.evidence[choice]) if n.evidence else ["population"]
    if n.demonym_country and entry.feature_code == "PCLI":
        ev = ["demonym"] + ev
    elif n.forced == choice and entry.feature_code == "PCLI":
        ev = ["country-name"] + ev
    if n.part:
        ev = [f"part-of-name:{n.part}"] + ev
    top.evidence = list(dict.fromkeys(ev + cues))
    ranked = np.argsort(-probs)[:5]
    top.candidates = [n.entries[k].to_candidate(float(probs[k])) for k in ranked]
    return top
