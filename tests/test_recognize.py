"""Toponym recognition (geo/recognize.py) on sentences written for these tests, with the real spaCy
model and the real gazetteer."""

from __future__ import annotations

import pytest

from conflictwire.geo import _analyse, get_gazetteer
from conflictwire.geo.recognize import find_toponyms
from conflictwire.options import load_options


@pytest.fixture(scope="module")
def recognise():
    options = load_options()
    gazetteer = get_gazetteer(options.gazetteer)

    def run(text: str) -> list[str]:
        found, _ = find_toponyms(_analyse(text, options), gazetteer)
        return [f.text for f in found]

    return run


@pytest.mark.parametrize(
    "text, place",
    [
        ("Barn lost to flames. FREDERICK — A fire destroyed a barn on Tuesday night.", "FREDERICK"),
        ("Council approves budget. BANGOR: The city council voted 7-2 on Monday.", "BANGOR"),
        ("Road to close for repairs . KALAMAZOO -- Crews will begin work next week.", "KALAMAZOO"),
        ("Reported March 3, 2010 HOLLAND -- Officers searched the area overnight.", "HOLLAND"),
        ("School board meets. NEW BRITAIN — The board met on Thursday.", "NEW BRITAIN"),
    ],
)
def test_recognize_dateline_inside_the_text(recognise, text, place):
    assert place in recognise(text)


@pytest.mark.parametrize(
    "text",
    [
        "Officials said the FBI - which declined to comment - had opened an inquiry.",
        "UPDATE: Officials said the road would reopen on Friday.",
    ],
)
def test_recognize_capital_words_before_a_dash_are_no_dateline(recognise, text):
    assert not any(name.isupper() for name in recognise(text))


@pytest.mark.parametrize(
    "text, place",
    [
        ("An Ashland teenager was charged with burglary on Friday.", "Ashland"),
        ("Frederick police said the driver was not hurt.", "Frederick"),
        ("The statement was read by Greeley Fire Chief Tom Reilly after the blaze.", "Greeley"),
        ("Voters backed the plan, Bangor Mayor Ann Walsh said.", "Bangor"),
        ("A Danville grand jury indicted the man on Tuesday.", "Danville"),
    ],
)
def test_recognize_town_before_its_people_and_offices(recognise, text, place):
    assert place in recognise(text)


@pytest.mark.parametrize(
    "text, word",
    [
        ("Many women said they would vote against the measure.", "Many"),
        ("Young man found hurt after a fight outside a bar.", "Young"),
        ("Vice Mayor Jane Moss voted against the proposal.", "Vice"),
        ("The Benton family thanked the firefighters.", "Benton"),
    ],
)
def test_recognize_civic_cue_needs_a_town_name(recognise, text, word):
    assert word not in recognise(text)


def test_recognize_legislator_home_town_after_party_letter(recognise):
    found = recognise('The bill was introduced by Sen. Jane Moss, R-Bozeman, and Rep. Ed Lunt, D-Missoula, on Monday.')
    assert "Bozeman" in found and "Missoula" in found


def test_recognize_names_listed_before_a_plural_descriptor(recognise):
    found = recognise("Heavy rain fell across Fulton, Cobb and Gwinnett counties on Sunday.")
    assert {"Fulton", "Cobb", "Gwinnett"} <= set(found)


@pytest.mark.parametrize(
    "text, place",
    [
        ("The envoy from Trinidad and Tobago arrived late.", "Trinidad and Tobago"),
        ("Relief flights left ST. PAUL — Crews loaded the planes overnight.", "ST. PAUL"),
    ],
)
def test_recognize_joins_a_name_the_tagger_split(recognise, text, place):
    found = recognise(text)
    assert place in found
    assert not any(name != place and name in place for name in found)


@pytest.mark.parametrize(
    "text, place, whole",
    [
        ("Snow closed roads across Southern Ohio on Monday.", "Ohio", "Southern Ohio"),
        ("Rain flooded farms in Northeast Nebraska last week.", "Nebraska", "Northeast Nebraska"),
    ],
)
def test_recognize_leaves_qualifying_words_out_of_the_name(recognise, text, place, whole):
    found = recognise(text)
    assert place in found and whole not in found


@pytest.mark.parametrize(
    "text, place",
    [
        ("Refugees crossed into South Sudan on Monday.", "South Sudan"),
        ("The car was parked in West Road overnight.", None),
    ],
)
def test_recognize_keeps_a_direction_that_is_part_of_the_name(recognise, text, place):
    found = recognise(text)
    if place:
        assert place in found
    assert "Sudan" not in found and "Road" not in found


@pytest.mark.parametrize(
    "text, place",
    [
        ("The group met the new EU Trade Commissioner in Brussels.", "EU"),
        ("A senior US Treasury Department official declined to comment.", "US"),
    ],
)
def test_recognize_country_code_inside_an_organisation(recognise, text, place):
    assert place in recognise(text)


def test_recognize_state_codes_are_not_places(recognise):
    assert "PA" not in recognise("The PA system failed during the speech at the gym.")


@pytest.mark.parametrize(
    "text, place",
    [
        ("Sales tax receipts rose in Tyler and Longview last month.", "Longview"),
        ("The train stops in Delft and Gouda before Rotterdam.", "Gouda"),
    ],
)
def test_recognize_name_coordinated_with_a_place(recognise, text, place):
    assert place in recognise(text)


def test_recognize_coordination_needs_a_town_and_a_whole_name(recognise):
    found = recognise("The families of Hollis and Creek asked for privacy after the crash in Dallas and Austin.")
    assert "Creek" not in found
    assert "Austin" in found


def test_recognize_name_before_its_state_and_country(recognise):
    assert "Vicente Guerrero" in recognise("Families sheltered in Vicente Guerrero, Durango, Mexico, overnight.")


def test_recognize_county_name_whatever_comes_before(recognise):
    assert "Henderson County" in recognise("The truck was found nearby, according to Henderson County Sheriff Ray Tate.")


def test_recognize_dateline_place_recurs_in_the_body(recognise):
    found = recognise("Council backs plan. FREDERICK -- Officials met Monday. "
                      "Residents asked what Frederick is doing about roads.")
    assert "FREDERICK" in found and "Frederick" in found


def test_recognize_person_named_like_a_town_does_not_spread(recognise):
    found = recognise("Marion said she was afraid. Later Marion moved to Cape Town, and Marion works there now.")
    assert "Marion" not in found


@pytest.mark.parametrize(
    "text, site",
    [
        ("Rockets struck Ain al-Asad Air Base in Anbar on Tuesday.", "Ain al-Asad Air Base"),
        ("The detainees were moved to Sednaya Prison near Damascus.", "Sednaya Prison"),
        ("Fans gathered near Donbas Arena before the match.", "Donbas Arena"),
    ],
)
def test_recognize_named_site(recognise, text, site):
    assert any(site in name for name in recognise(text))


@pytest.mark.parametrize(
    "text, word",
    [
        ("Traffic was stopped on the 5th Street Bridge for an hour.", "Street Bridge"),
        ("Two women tried to cross Mill Bridge Road on Wednesday.", "Mill Bridge"),
        ("She led the Children's Hospital Foundation for ten years.", "Hospital Foundation"),
    ],
)
def test_recognize_site_needs_its_whole_name(recognise, text, word):
    assert word not in recognise(text)


@pytest.mark.parametrize(
    "text, thing, place",
    [
        ("Gunmen opened fire on a Van carrying workers near Celaya, killing four.", "Van", "Celaya"),
        ("A Mustang then hit a parked car outside a bar in Dallas.", "Mustang", "Dallas"),
    ],
)
def test_recognize_word_after_an_indefinite_article_is_a_thing(recognise, text, thing, place):
    found = recognise(text)
    assert thing not in found and place in found


def test_recognize_place_as_modifier_after_an_article_is_kept(recognise):
    assert "Dayton" in recognise("Police said a Dayton teenager was hurt in the crash on Friday.")


@pytest.mark.parametrize(
    "text, place",
    [
        ("Two bodies were found in Cd. Obregon on Sunday, police said.", "Cd. Obregon"),
        ("Soldiers detained three men in Cd Victoria on Monday.", "Cd Victoria"),
    ],
)
def test_recognize_abbreviated_ciudad(recognise, text, place):
    assert place in recognise(text)
