"""The actor dictionary: aliases, country patterns, head nouns, spelling variants, interaction codes, the CLI."""

import json
import subprocess
import sys

import pytest

from conflictwire.events.actors import CATEGORY_CODES, interaction_code, load_entries, lookup_actor


@pytest.mark.parametrize(
    "text, name, category, country",
    [
        ("ISIS", "Islamic State", "rebel group", None),
        ("ISIL", "Islamic State", "rebel group", None),
        ("IS", "Islamic State", "rebel group", None),
        ("Daesh", "Islamic State", "rebel group", None),
        ("Islamic State of Iraq and al-Sham", "Islamic State", "rebel group", None),
        ("Islamic State of Iraq and al-Sham (ISIS)", "Islamic State", "rebel group", None),
        ("ISIS militants", "Islamic State", "rebel group", None),
        ("members of the Taliban", "Taliban", "rebel group", "AF"),
        ("Taleban", "Taliban", "rebel group", "AF"),
        ("al-Shabab", "al-Shabaab", "rebel group", "SO"),
        ("Cártel de Jalisco Nueva Generación", "Jalisco Cartel New Generation", "political militia", "MX"),
        ("Iraqi troops", "Military Forces of Iraq", "state forces", "IQ"),
        ("the Iraqi army", "Military Forces of Iraq", "state forces", "IQ"),
        ("Iraqi forces", "Military Forces of Iraq", "state forces", "IQ"),
        ("Nigerian police", "Police Forces of Nigeria", "state forces", "NG"),
        ("Kenyan soldiers", "Military Forces of Kenya", "state forces", "KE"),
        ("the army of Chad", "Military Forces of Chad", "state forces", "TD"),
        ("Peruvian government", "Government of Peru", "state forces", "PE"),
        ("Government of Myanmar (Burma)", "Government of Myanmar", "state forces", "MM"),
        ("Iran", "Military Forces of Iran", "state forces", "IR"),
        ("gunmen", "Unidentified Armed Group", "political militia", None),
        ("unknown assailants", "Unidentified Armed Group", "political militia", None),
        ("protesters", "Protesters", "protesters", None),
        ("Chilean demonstrators", "Protesters (Chile)", "protesters", "CL"),
        ("villagers", "Civilians", "civilians", None),
        ("civilians", "Civilians", "civilians", None),
        ("a mob", "Rioters", "rioters", None),
        ("UN peacekeepers", "UN peacekeepers", "external/other forces", None),
        ("regime forces", "Military Forces", "state forces", None),
        # A guerrilla's urban units and columns are the rebels'; army commandos stay the state's.
        ("urban commandos", "urban commandos", "rebel group", None),
        ("another guerrilla column", "another guerrilla column", "rebel group", None),
        ("army commandos", "Military Forces", "state forces", None),
        ("the death squad", "death squad", "political militia", None),
        # An armed opposition named by its kind or by a name the dictionary does not know.
        ("the rebel group", "rebel group", "rebel group", None),
        ("a terrorist organization", "terrorist organization", "rebel group", None),
        ("the Patriotic Liberation Front", "Patriotic Liberation Front", "rebel group", None),
        # Units, patrols, convoys, positions and staffs of the armed forces are the state's forces (MUC-4).
        ("a military patrol", "Military Forces", "state forces", None),
        ("a police patrol", "Police Forces", "state forces", None),
        ("a four-truck army convoy", "Military Forces", "state forces", None),
        ("government positions", "Military Forces", "state forces", None),
        ("the joint staff", "Military Forces", "state forces", None),
        ("the Sudanese army convoy", "Military Forces of Sudan", "state forces", "SD"),
        # ... but a convoy of aid is not an army's.
        ("a humanitarian convoy", "Civilians", "civilians", None),
        ("an aid convoy", "Civilians", "civilians", None),
    ],
)
def test_actors_lookup_normalises(text, name, category, country):
    match = lookup_actor(text)
    assert match is not None, text
    assert (match.name, match.category, match.country) == (name, category, country)


def test_actors_lookup_spelling_variant_is_fuzzy():
    match = lookup_actor("Talibans")
    assert match.name == "Taliban" and match.method == "fuzzy" and 0.7 < match.score < 1.0


def test_actors_lookup_short_acronym_only_in_capitals():
    # "is" the verb must never become the Islamic State.
    assert lookup_actor("is") is None
    assert lookup_actor("IS").name == "Islamic State"


@pytest.mark.parametrize("text", ["Tikrit", "the road", "on Monday", "xyzzy", ""])
def test_actors_lookup_non_actors_match_nothing(text):
    assert lookup_actor(text) is None


def test_actors_lookup_country_hint_names_bare_police():
    assert lookup_actor("police").name == "Police Forces"
    assert lookup_actor("police", country_hint="MX").name == "Police Forces of Mexico"


def test_actors_dictionary_rows_are_complete():
    entries = load_entries()
    assert len(entries) > 100
    for entry in entries:
        assert entry.name and entry.source, entry
        assert entry.category in CATEGORY_CODES, entry
        assert entry.country is None or len(entry.country) == 2, entry


@pytest.mark.parametrize(
    "cat1, cat2, code",
    [
        ("state forces", "rebel group", 12),
        ("rebel group", "state forces", 12),
        ("political militia", "civilians", 37),
        ("protesters", None, 60),
        (None, "civilians", 70),
        ("state forces", "state forces", 11),
        ("external/other forces", "rebel group", 28),
        (None, None, None),
    ],
)
def test_actors_interaction_code(cat1, cat2, code):
    assert interaction_code(cat1, cat2) == code


def test_actors_cli_lookup_prints_match_and_fails_on_unknown():
    ok = subprocess.run([sys.executable, "-m", "conflictwire", "actors", "lookup", "--json", "Daesh"], capture_output=True, text=True, timeout=120)
    assert ok.returncode == 0, ok.stderr
    record = json.loads(ok.stdout.strip())
    assert record["match"]["name"] == "Islamic State" and record["match"]["category"] == "rebel group"
    text = subprocess.run([sys.executable, "-m", "conflictwire", "actors", "lookup", "Iraqi troops"], capture_output=True, text=True, timeout=120)
    assert "Military Forces of Iraq" in text.stdout and "state forces" in text.stdout and "IQ" in text.stdout
    missing = subprocess.run([sys.executable, "-m", "conflictwire", "actors", "lookup", "xyzzy"], capture_output=True, text=True, timeout=120)
    assert missing.returncode == 1 and "no match" in missing.stdout
    bad = subprocess.run([sys.executable, "-m", "conflictwire", "actors", "lookup", "--country", "Iraq", "ISIS"], capture_output=True, text=True, timeout=120)
    assert bad.returncode == 1 and "alpha-2" in bad.stderr


def test_actors_lookup_country_qualified_alias_needs_that_country():
    # "regime forces" means Syria's army only in a text about Syria.
    assert lookup_actor("regime forces", country_hint="SY").name == "Military Forces of Syria"
    assert lookup_actor("regime forces", country_hint="MM").name == "Military Forces of Myanmar"


@pytest.mark.parametrize(
    "text, name, category, country",
    [
        ("FMLN", "FMLN", "rebel group", "SV"),
        ("Farabundo Marti National Liberation Front", "FMLN", "rebel group", "SV"),
        ("the Extraditables", "Medellin Cartel", "political militia", "CO"),
        ("MRTA", "Tupac Amaru Revolutionary Movement", "rebel group", "PE"),
        ("Cártel de Caborca", "Caborca Cartel", "political militia", "MX"),
        ("Los Tlacos", "Los Tlacos", "political militia", "MX"),
        ("PSLF", "Ta'ang National Liberation Army", "rebel group", "MM"),
    ],
)
def test_actors_lookup_armed_groups_added_from_public_lists(text, name, category, country):
    match = lookup_actor(text)
    assert (match.name, match.category, match.country) == (name, category, country)


def test_actors_country_acronym_only_in_capitals():
    # 'car' (of 'car bomb') is not the Central African Republic; 'CAR' is.
    assert lookup_actor("car") is None and lookup_actor("the car") is None
    assert lookup_actor("CAR").name == "Military Forces of Central African Republic"
    assert lookup_actor("us") is None


def test_actors_dictionary_names_are_unique():
    names = [e.name for e in load_entries()]
    assert len(names) == len(set(names))


@pytest.mark.parametrize(
    "text, individual, organisation",
    [
        ("ELN GUERRILLAS", "GUERRILLAS", "ELN"),
        ("FMLN URBAN COMMANDOS", "URBAN COMMANDOS", "FMLN"),
        ("THE AUTHORITIES", None, None),
        ("EXCERPTS] URBAN GUERRILLAS", "URBAN GUERRILLAS", None),
        ("GUERRILLAS OF THE ARMY OF NATIONAL LIBERATION (ELN)", "GUERRILLAS", "ELN"),
        ("members of the FMLN", "members", "FMLN"),
        ("THE ARMED FORCES", None, "THE ARMED FORCES"),
        ("the Shining Path", None, "Shining Path"),
        ("URBAN GUERRILLAS", "URBAN GUERRILLAS", None),
        ("A GROUP OF TERRORISTS", "A GROUP OF TERRORISTS", None),
        ("gunmen", "gunmen", None),
        (None, None, None),
    ],
)
def test_actors_muc_perpetrator_individual_or_organisation(text, individual, organisation):
    from conflictwire.evaluate.mappings import muc_perpetrator_fillers

    assert muc_perpetrator_fillers(text) == (individual, organisation)


@pytest.mark.parametrize(
    "text, victim",
    [("SENATOR TOMAS VILLAR", "TOMAS VILLAR"), ("Marta Solis Vega", "Marta Solis Vega"), ("two peasants", None),
     ("THE CIVILIANS", None), ("a police commander", None), ("the Iraqi army", None),
     ("LIBERAL LEADER JUAN CARLOS RUIZ", "JUAN CARLOS RUIZ"), ("U.S. citizen Mary Smith", "Mary Smith"), ("the supreme court", None)],
)
def test_actors_muc_victim_is_a_named_person(text, victim):
    from conflictwire.evaluate.mappings import muc_victim_filler

    assert muc_victim_filler(text) == victim


def test_actors_ucdp_names_follow_ucdp_convention():
    from conflictwire.evaluate.mappings import ucdp_actor_names
    from conflictwire.evaluate.metrics import any_name_matches

    # UCDP: the KIA as 'KIO', the PDF under 'NUG', state forces as the government.
    assert any_name_matches(ucdp_actor_names(["Kachin Independence Army"]), ["KIO"])
    assert any_name_matches(ucdp_actor_names(["People's Defence Force"]), ["NUG"])
    assert any_name_matches(ucdp_actor_names(["Military Forces of Myanmar"]), ["Government of Myanmar (Burma)"])
    assert not any_name_matches(ucdp_actor_names(["Kachin Independence Army"]), ["MNDAA"])


def test_actors_muc_perpetrator_country_and_possessive():
    from conflictwire.evaluate.mappings import muc_perpetrator_fillers

    assert muc_perpetrator_fillers("COLOMBIA") == (None, None)
    assert muc_perpetrator_fillers("THE FMLN'S") == (None, "FMLN")
