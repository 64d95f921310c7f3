"""Toponym resolution with the spans given: country reference points, and names the gazetteer lacks.

Texts and outlines are written here; the gazetteer is the real one, built once per session."""

from __future__ import annotations

import math

import pytest


@pytest.fixture(scope="session")
def gazetteer(tmp_path_factory):
    import os

    from conflictwire.geo.gazetteer import open_gazetteer

    os.environ.setdefault("CONFLICTWIRE_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "conflictwire-cache"))
    return open_gazetteer()


def _km(lat1, lon1, lat2, lon2):
    from conflictwire.geo.resolve import distance_km

    return distance_km(lat1, lon1, lat2, lon2)


def _square(lat, lon, half):
    """A closed [lon, lat] ring: a square of side 2 * half degrees around (lat, lon)."""
    return [[lon - half, lat - half], [lon + half, lat - half], [lon + half, lat + half], [lon - half, lat + half],
            [lon - half, lat - half]]


def _record(rings, latlng=None):
    record = {"geoJSON": {"features": [{"geometry": {"type": "MultiPolygon", "coordinates": [[r] for r in rings]}}]}}
    if latlng is not None:
        record["latlng"] = list(latlng)
    return record


def _resolve(gazetteer, text, *names):
    from conflictwire.geo.resolve import resolve_toponyms

    spans, pos = [], 0
    for name in names:
        start = text.index(name, pos)
        spans.append((start, start + len(name)))
        pos = start + len(name)
    return {t.text: t for t in resolve_toponyms(text, spans, gazetteer)}


# --------------------------------------------------------------------------- country reference points


def test_country_point_is_the_equal_area_centroid_south_of_the_plain_one():
    from conflictwire.geo.gazetteer import _Builder, _polygon_centroid

    ring = _square(60.0, 100.0, 10.0)  # 50-70 N: plain lon/lat over-weights its northern half
    lat, lon = _Builder._country_point(_record([ring], latlng=(60.0, 100.0)), None)
    _, plain_lat, plain_lon = _polygon_centroid(ring)
    assert plain_lat == pytest.approx(60.0)
    assert 58.5 < lat < 59.9 and lon == pytest.approx(100.0)


def test_country_point_joins_nearby_islands_but_not_a_far_territory():
    from conflictwire.geo.gazetteer import _Builder

    north, south = _square(-39.0, 175.0, 1.5), _square(-44.0, 170.0, 2.0)
    far = _square(60.0, -150.0, 4.0)  # a territory thousands of km from the mainland
    lat, lon = _Builder._country_point(_record([north, south]), None)
    assert -44.0 < lat < -39.0 and 170.0 < lon < 175.0  # between the two islands, nearer the larger
    alone_lat, _ = _Builder._country_point(_record([south]), None)
    assert lat > alone_lat
    # A territory far from the largest outline is left out.
    mainland = _square(40.0, -100.0, 8.0)
    lat, lon = _Builder._country_point(_record([mainland, far]), None)
    assert _km(lat, lon, 40.0, -100.0) < 150


def test_country_point_falls_back_to_the_factbook_point_outside_the_country_or_far_from_it():
    from conflictwire.geo.gazetteer import _Builder

    # A C-shaped country: the centroid of its outline lies in the bay, outside it.
    c_shape = [[0, 0], [10, 0], [10, 2], [2, 2], [2, 8], [10, 8], [10, 10], [0, 10], [0, 0]]
    assert _Builder._country_point(_record([c_shape], latlng=(5.0, 1.0)), None) == (5.0, 1.0)
    # The outline's centroid more than FACTBOOK_AGREEMENT_KM from the Factbook point: the Factbook point.
    ring = _square(10.0, 20.0, 3.0)
    assert _Builder._country_point(_record([ring], latlng=(10.0, 30.0)), None) == (10.0, 30.0)
    near = _Builder._country_point(_record([ring], latlng=(10.5, 20.5)), None)
    assert near != (10.5, 20.5) and _km(*near, 10.0, 20.0) < 10
    # No outline: the Factbook point; nothing at all: the middle of the country's towns.
    assert _Builder._country_point({"latlng": [1.0, 2.0]}, None) == (1.0, 2.0)
    assert _Builder._country_point(None, [(0.0, 0.0, 10), (2.0, 4.0, 10)]) == (1.0, 2.0)


def test_country_point_odd_records_never_crash():
    from conflictwire.geo.gazetteer import _Builder

    for record in ({}, {"geoJSON": "none"}, {"geoJSON": {"features": [{"geometry": None}]}},
                   {"geoJSON": {"features": [{"geometry": {"type": "Polygon", "coordinates": [[[0, 0], [0, 0]]]}}]}}):
        assert _Builder._country_point(record, None) == (None, None)


@pytest.mark.parametrize(
    # Geographic centres from national surveys and atlases (general knowledge, not gold data).
    "code, lat, lon, within_km",
    [
        ("US", 39.83, -98.58, 150),  # centre of the contiguous United States (NGS, near Lebanon, Kansas)
        ("FR", 46.54, 2.43, 100),  # centre of metropolitan France (IGN)
        ("AU", -25.61, 134.35, 150),  # Lambert Gravitational Centre of Australia
        ("NZ", -41.0, 174.0, 250),  # between the two main islands, not on the South Island alone
    ],
)
def test_country_point_lies_near_the_geographic_centre(gazetteer, code, lat, lon, within_km):
    country = gazetteer.country(code)
    assert _km(country.latitude, country.longitude, lat, lon) < within_km


# --------------------------------------------------------------------------- names the gazetteer lacks


def test_resolve_unknown_name_is_assumed_near_the_town_named_before_it(gazetteer):
    text = "Fighting in Kandahar reached the village of Qorvashti. In Kabul, Zemblokar was quiet."
    found = _resolve(gazetteer, text, "Kandahar", "Qorvashti", "Kabul", "Zemblokar")
    assert found["Qorvashti"].name == found["Kandahar"].name and found["Qorvashti"].candidates == []
    assert found["Qorvashti"].evidence[:2] == ["no-candidate", "assumed-near:Kandahar"]
    assert found["Zemblokar"].latitude == found["Kabul"].latitude
    # A stated place scores above an assumed one, which scores well below its anchor.
    assert 0 < found["Qorvashti"].score <= 0.15 * found["Kandahar"].score + 1e-9
    assert found["Qorvashti"].feature_code is None


def test_resolve_unknown_name_with_no_town_is_assumed_in_the_article_region(gazetteer):
    text = "Cholera spread in Kasai province, reaching Mbolunga and Tshivanda."
    found = _resolve(gazetteer, text, "Kasai", "Mbolunga", "Tshivanda")
    kasai = found["Kasai"]
    assert kasai.feature_code == "ADM1" and kasai.country_code == "CD"
    for name in ("Mbolunga", "Tshivanda"):
        assert found[name].country_code == "CD" and f"assumed-in:{kasai.text}" in found[name].evidence
        assert found[name].feature_code == "ADM1"  # a region-level guess, not a town


def test_resolve_street_stays_inside_its_town_and_organisation_stays_unresolved(gazetteer):
    text = "Police in Mosul raided Qarvul Street and the offices of Zentrix Holdings."
    found = _resolve(gazetteer, text, "Mosul", "Qarvul Street", "Zentrix Holdings")
    assert "inside:Mosul" in found["Qarvul Street"].evidence
    assert found["Zentrix Holdings"].name is None and found["Zentrix Holdings"].latitude is None


def test_resolve_unknown_name_alone_stays_unresolved_and_others_resolve(gazetteer):
    text = "Qwelmarsk (\"Qwel\") and Baghdad."
    found = _resolve(gazetteer, text, "Qwelmarsk", "\"Qwel\"", "Baghdad")
    assert found["Baghdad"].country_code == "IQ"
    # Baghdad is a local place, so the unknown names are assumed near it, never dropped.
    assert all(found[n].latitude == found["Baghdad"].latitude for n in ("Qwelmarsk", "\"Qwel\""))
    only = _resolve(gazetteer, "Qwelmarsk", "Qwelmarsk")
    assert only["Qwelmarsk"].name is None and math.isclose(only["Qwelmarsk"].score or 0.0, 0.0)


def test_resolve_bare_province_name_read_as_its_city_keeps_the_province_probability(gazetteer):
    from conflictwire.geo.resolve import resolve_toponyms

    text = "Fighting in Kandahar went on."
    kandahar = resolve_toponyms(text, [(12, 20)], gazetteer)[0]
    assert kandahar.country_code == "AF" and kandahar.feature_code.startswith("PPL")
    # The city and the province read from the same bare name are one place: their probabilities add.
    assert kandahar.score > 0.5


@pytest.mark.parametrize(
    "text, names, home",
    [
        ("Firefighters from Leeds and Bradford were called to Crescent on Monday.", ("Leeds", "Bradford", "Crescent"), "GB"),
        ("Firefighters from Leeds were called to Crescent on Monday.", ("Leeds", "Crescent"), "GB"),
    ],
)
def test_resolve_small_village_abroad_with_no_support_gives_way_to_the_report_place(gazetteer, text, names, home):
    found = _resolve(gazetteer, text, *names)
    crescent = found["Crescent"]
    # "Crescent" is only a few American villages: in a report from England it is a street or a
    # quarter there, assumed near the report's town; its candidates stay for the reader.
    assert crescent.country_code == home and "stray-namesake" in crescent.evidence
    assert any(e.startswith("assumed-near:") for e in crescent.evidence) and "no-candidate" not in crescent.evidence
    assert crescent.candidates and all(c.country_code == "US" for c in crescent.candidates)


def test_resolve_small_village_in_the_report_country_is_kept(gazetteer):
    text = "Officers from Tulsa and Oklahoma City were called to Crescent on Monday."
    crescent = _resolve(gazetteer, text, "Tulsa", "Oklahoma City", "Crescent")["Crescent"]
    assert crescent.country_code == "US" and crescent.admin1 == "Oklahoma" and crescent.feature_code.startswith("PPL")
    assert "stray-namesake" not in crescent.evidence


def test_resolve_names_listed_together_lean_to_the_same_kind_of_place(gazetteer, monkeypatch):
    from conflictwire.geo import resolve
    from conflictwire.geo.resolve import _lists

    text = "Illnesses were reported in Oregon, Tennessee, Utah, Washington and Wisconsin."
    names = ("Oregon", "Tennessee", "Utah", "Washington", "Wisconsin")
    with_list = _resolve(gazetteer, text, *names)["Washington"]
    monkeypatch.setattr(resolve, "W_LIST", 0.0)
    without = _resolve(gazetteer, text, *names)["Washington"]
    assert with_list.feature_code == "ADM1" and "list-siblings" in with_list.evidence
    assert with_list.score > without.score + 0.1
    assert _lists("Ohio and Iowa, Utah.", [(0, 4), (9, 13), (15, 19)]) == [[0, 1, 2]]
    assert _lists("Paris, Texas", [(0, 5), (7, 12)]) == []  # two names and a comma: containment, not a list
    assert _lists("Kano and then Lagos", [(0, 4), (14, 19)]) == []
    assert _lists("", []) == []


def test_resolve_descriptor_before_the_name_says_what_kind_of_place(gazetteer):
    state = _resolve(gazetteer, "The first case was found in the state of Washington.", "Washington")["Washington"]
    assert state.feature_code == "ADM1" and state.country_code == "US"
    city = _resolve(gazetteer, "Talks in Washington went on.", "Washington")["Washington"]
    assert city.feature_code == "PPLC"


@pytest.mark.parametrize(
    "text, town, county, admin1",
    [
        ("The council in Mexico approved the budget. Audrain County deputies will patrol the fair.", "Mexico",
         "Audrain County", "Missouri"),
        ("The council in Peru approved the budget. Miami County deputies will patrol the fair.", "Peru",
         "Miami County", "Indiana"),
    ],
)
def test_resolve_country_name_is_the_town_beside_the_county_the_text_names(gazetteer, text, town, county, admin1):
    found = _resolve(gazetteer, text, town, county)
    assert found[town].feature_code.startswith("PPL") and found[town].admin1 == admin1
    assert found[county].admin1 == admin1
    # Alone, or with a county elsewhere, the name is the country.
    alone = _resolve(gazetteer, text.split(".")[0] + ".", town)[town]
    assert alone.feature_code == "PCLI"
    elsewhere = _resolve(gazetteer, f"Officials in {town} and Cook County met.", town, "Cook County")[town]
    assert elsewhere.feature_code == "PCLI"


# --------------------------------------------------------------------------- division points


def test_division_point_is_the_centroid_of_its_towns_hull():
    from conflictwire.geo.gazetteer import _hull_centroid

    # Towns fill a square, most of them crowded in its south-west corner: the hull's centroid is the
    # square's middle, where the mean of the towns is not.
    towns = [(0.0, 0.0, 1), (0.0, 10.0, 1), (10.0, 0.0, 1), (10.0, 10.0, 1)] + [(1.0, 1.0, 5)] * 50
    lat, lon = _hull_centroid(towns)
    assert lat == pytest.approx(5.0) and lon == pytest.approx(5.0)
    # A triangle of towns: the centroid of the triangle, not the middle of its extent.
    lat, lon = _hull_centroid([(0.0, 0.0, 1), (0.0, 9.0, 1), (9.0, 0.0, 1), (1.0, 1.0, 1)])
    assert lat == pytest.approx(3.0) and lon == pytest.approx(3.0)


@pytest.mark.parametrize(
    "towns, expected",
    [
        ([(1.0, 2.0, 10)], (1.0, 2.0)),  # one town
        ([(0.0, 0.0, 1), (2.0, 4.0, 1)], (1.0, 2.0)),  # two: the middle of their extent
        ([(0.0, 0.0, 1), (1.0, 1.0, 1), (2.0, 2.0, 1)], (1.0, 1.0)),  # in a line: no area
        ([(60.0, 179.0, 1), (62.0, -179.0, 1), (64.0, 178.0, 1)], (62.0, 0.0)),  # across the 180th meridian
    ],
)
def test_division_point_falls_back_to_the_middle_of_the_extent(towns, expected):
    from conflictwire.geo.gazetteer import _hull_centroid

    assert _hull_centroid(towns) == pytest.approx(expected)


def test_division_points_in_the_index_are_their_towns_hull_centroid(gazetteer):
    from conflictwire.geo.gazetteer import _hull_centroid, _middle

    province = next(e for e in gazetteer.find("Queensland", "AU")[0] if e.feature_code == "ADM1")
    towns = gazetteer._db.execute(
        "SELECT lat, lon, pop FROM place WHERE fclass = 'P' AND cc = 'AU' AND a1 = ?", (province.admin1_code,)
    ).fetchall()
    assert len(towns) > 100
    assert (province.latitude, province.longitude) == pytest.approx(_hull_centroid(towns))
    # The state's towns crowd its coast; the hull's centroid lies south of their extent's middle.
    extent_middle = (_middle([t[0] for t in towns]), _middle([t[1] for t in towns]))
    assert province.latitude < extent_middle[0] - 0.5


@pytest.mark.parametrize(
    "text, spans",
    [
        ('"Mosul" (Ninawa), [Erbil]; and ‹Kirkuk›', [(1, 6), (9, 15), (19, 24), (32, 38)]),
        ("Mosul, Erbil and Kirkuk", [(17, 23), (0, 5), (7, 12)]),  # out of order
        ("Mosul, Erbil and Kirkuk", [(0, 12), (7, 12), (7, 23)]),  # overlapping
        ("the state of \u200bTexas, and \U0001f600 of Ohio", [(14, 19), (33, 37)]),
        ("x" * 50 + " of Texas", [(54, 59)]),
    ],
)
def test_resolve_odd_text_and_spans_never_crash(gazetteer, text, spans):
    from conflictwire.geo.resolve import resolve_toponyms

    found = resolve_toponyms(text, spans, gazetteer)
    assert [(t.start, t.end) for t in found] == spans


def test_resolve_national_institution_sits_in_the_capital(gazetteer):
    text = "The Bank of Japan kept rates low; the Bank of England and the Kenyan Parliament followed."
    found = _resolve(gazetteer, text, "Bank of Japan", "Bank of England", "Kenyan Parliament")
    assert found["Bank of Japan"].name == "Tokyo" and found["Bank of Japan"].evidence[0] == "seat-of:Japan"
    assert found["Bank of England"].name == "London" and found["Bank of England"].feature_code == "PPLC"
    assert found["Kenyan Parliament"].name == "Nairobi"
    # An embassy sits abroad; a university named after a country is no seat of government.
    text = "The Embassy of Kenya and the University of Kenya issued a statement."
    found = _resolve(gazetteer, text, "Embassy of Kenya", "University of Kenya")
    assert all(t.feature_code == "PCLI" and not t.evidence[0].startswith("seat-of") for t in found.values())


def test_resolve_park_named_like_a_far_town_lies_where_the_report_is(gazetteer):
    found = _resolve(gazetteer, "Residents of Wichita gathered at Cairo Park on Sunday.", "Wichita", "Cairo Park")
    park = found["Cairo Park"]
    assert park.name == found["Wichita"].name and "far-namesake" in park.evidence and park.candidates
    # A town of the name near the report's place is kept.
    found = _resolve(gazetteer, "Residents of Wichita gathered at Salina Park on Sunday.", "Wichita", "Salina Park")
    assert found["Salina Park"].name == "Salina" and found["Salina Park"].admin1 == "Kansas"


# --------------------------------------------------------------------------- a division the text names


@pytest.mark.parametrize(
    "text, town, division, admin1",
    [
        ("City council in London voted on Tuesday to widen the bus lanes downtown, and the Ontario ministry of "
         "transport will pay half.", "London", "Ontario", "Ontario"),
        ("Flood waters closed roads around Athens on Monday, Tennessee emergency officials said.", "Athens",
         "Tennessee", "Tennessee"),
    ],
)
def test_resolve_town_in_the_division_the_text_names_beats_its_famous_namesake(gazetteer, monkeypatch, text, town,
                                                                                division, admin1):
    from conflictwire.geo import resolve

    found = _resolve(gazetteer, text, town, division)
    assert found[town].admin1 == admin1
    assert "admin1-named" in found[town].evidence
    # The named division is what moves it: without that evidence the famous namesake wins.
    monkeypatch.setattr(resolve, "W_NAMED_ADMIN1", 0.0)
    assert _resolve(gazetteer, text, town, division)[town].admin1 != admin1


def test_resolve_town_without_its_division_named_stays_the_famous_namesake(gazetteer):
    text = "City council in London voted on Tuesday to widen the bus lanes downtown."
    assert _resolve(gazetteer, text, "London")["London"].country_code == "GB"


def test_resolve_division_name_beside_another_division_stays_a_division(gazetteer):
    text = "Cases were reported in Manitoba, Ontario and New Brunswick, and one more in New Jersey."
    found = _resolve(gazetteer, text, "Manitoba", "Ontario", "New Brunswick", "New Jersey")
    assert (found["New Brunswick"].feature_code, found["New Brunswick"].country_code) == ("ADM1", "CA")
    assert "admin1-named" not in found["New Brunswick"].evidence
    text = "The Kansas youth soccer league opened its season in Illinois on Saturday."
    assert _resolve(gazetteer, text, "Kansas", "Illinois")["Kansas"].feature_code == "ADM1"


def test_resolve_less_famous_readings_side_by_side_find_each_other(gazetteer, monkeypatch):
    from conflictwire.geo import resolve

    text = "A Paris woman was arrested at her home on Friday, the Henry County sheriff's office said."
    found = _resolve(gazetteer, text, "Paris", "Henry County")
    assert (found["Paris"].country_code, found["Paris"].admin1) == ("US", found["Henry County"].admin1)
    assert "nearby-places" in found["Paris"].evidence
    # Voting only with the current probabilities, the famous reading of each name wins.
    monkeypatch.setattr(resolve, "SPATIAL_FLOOR", 0.0)
    assert _resolve(gazetteer, text, "Paris", "Henry County")["Paris"].country_code == "FR"


def test_resolve_famous_places_side_by_side_stay_famous(gazetteer):
    found = _resolve(gazetteer, "The minister flew from Paris to Lyon on Monday.", "Paris", "Lyon")
    assert found["Paris"].country_code == found["Lyon"].country_code == "FR"


def test_resolve_small_division_abroad_with_no_support_gives_way_to_the_report_place(gazetteer, monkeypatch):
    from conflictwire.geo import resolve

    text = "The choir from Tralee sang at St Patrick's on Sunday, and again in Killarney on Monday."
    church = _resolve(gazetteer, text, "Tralee", "St Patrick's", "Killarney")["St Patrick's"]
    # Several small Caribbean parishes bear the name; in a report from Ireland it is a place there.
    assert church.country_code == "IE" and "stray-namesake" in church.evidence
    assert church.candidates and all(c.country_code != "IE" for c in church.candidates)
    monkeypatch.setattr(resolve, "STRAY_DIVISION_POPULATION", 0)
    assert _resolve(gazetteer, text, "Tralee", "St Patrick's", "Killarney")["St Patrick's"].country_code != "IE"


def test_resolve_only_division_of_its_name_is_kept(gazetteer):
    found = _resolve(gazetteer, "The ferry from Bonaire reached Willemstad on Monday.", "Bonaire", "Willemstad")
    assert (found["Bonaire"].name, found["Bonaire"].feature_code) == ("Bonaire", "ADM1")


# --------------------------------------------------------------------------- namesakes the text rules out


def test_resolve_alternate_name_abroad_gives_way_to_the_country_the_text_names(gazetteer, monkeypatch):
    from conflictwire.geo import resolve

    text = "Myanmar soldiers torched dozens of houses in Pantan on Tuesday, residents said."
    village = _resolve(gazetteer, text, "Myanmar", "Pantan")["Pantan"]
    # The gazetteer has no Pantan; a French town has it among its alternate names.
    assert village.country_code == "MM" and "alternate-name-abroad" in village.evidence
    assert any(c.country_code == "FR" for c in village.candidates)
    monkeypatch.setattr(resolve, "ALTERNATE_ABROAD_POPULATION", 0)
    assert _resolve(gazetteer, text, "Myanmar", "Pantan")["Pantan"].country_code == "FR"


def test_resolve_alternate_name_with_no_country_named_is_kept(gazetteer):
    text = "Residents of Pantan said the market reopened on Tuesday."
    assert _resolve(gazetteer, text, "Pantan")["Pantan"].country_code == "FR"


def test_resolve_alternate_name_near_the_country_named_is_kept(gazetteer):
    # An exonym of a place in the report's own region ("Pantan" for a town near Paris) stays.
    text = "Police in Belgium searched homes in Pantan on Tuesday, residents said."
    assert _resolve(gazetteer, text, "Belgium", "Pantan")["Pantan"].country_code == "FR"


@pytest.mark.parametrize(
    "text, name, region",
    [
        ("Tourists call the resort the Nice of Russia.", "Nice", "Russia"),
        ("During the push to retake Sirte, the US gave air support.", "Sirte", "US"),
    ],
)
def test_resolve_loose_of_or_the_is_no_stated_region(gazetteer, text, name, region):
    found = _resolve(gazetteer, text, name, region)
    assert found[name].name is not None and found[name].country_code != found[region].country_code


@pytest.mark.parametrize(
    "text, name, region, country",
    [
        ("The army shelled Kani village in Sagaing Region on Friday.", "Kani", "Sagaing Region", "MM"),
        ("Troops burned homes in Mese township, Kachin State, on Sunday.", "Mese", "Kachin State", "MM"),
    ],
)
def test_resolve_reading_outside_the_region_the_text_states_is_dropped(gazetteer, text, name, region, country):
    found = _resolve(gazetteer, text, name, region)
    assert found[name].country_code == country
    assert f"outside-stated:{region}" in found[name].evidence
    assert found[name].candidates and all(c.country_code != country for c in found[name].candidates)


def test_resolve_village_abroad_with_a_descriptor_is_still_a_stray_namesake(gazetteer):
    text = "Myanmar troops burned homes in Mese township on Sunday, the Myanmar army said."
    mese = _resolve(gazetteer, text, "Myanmar", "Mese", "Myanmar")["Mese"]
    assert mese.country_code == "MM" and "stray-namesake" in mese.evidence


@pytest.mark.parametrize(
    "text, town, region, feature",
    [
        # the town lies 90 km from the state's capital: the state
        ("Soldiers clashed with gunmen in Cuauhtemoc, Chihuahua, on Monday.", "Cuauhtemoc", "Chihuahua", "ADM1"),
        # a suburb of the capital: the city
        ("A shop owner was shot in San Andres Cholula, Puebla, on Monday.", "San Andres Cholula", "Puebla", "PPL"),
    ],
)
def test_resolve_container_is_the_division_unless_the_place_is_part_of_its_city(gazetteer, text, town, region,
                                                                                 feature):
    found = _resolve(gazetteer, text, town, region)
    assert found[region].feature_code == feature
    assert found[region].admin1 == found[town].admin1


def test_resolve_river_is_not_read_from_a_foreign_name_of_a_city(gazetteer):
    from conflictwire.geo.resolve import _part_of_name

    # "Tilin" is among the alternate names of Jilin, China: a river so named is not there.
    found = _part_of_name("Tilin River", gazetteer)
    assert found is None or all(e.name_kind <= 1 for e in found[0])
    harbor = _part_of_name("Boston Harbor", gazetteer)
    assert harbor is not None and any(e.name == "Boston" and e.country_code == "US" for e in harbor[0])
