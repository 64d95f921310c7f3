"""The trigger lexicon's police rows and the IndiaPoliceEvents questions our events answer.

Sentences are written for these tests in the style of Indian English crime and riot reporting; the places
(Sitapura, Navgam, Ambikanagar, Dhanpur, Morvad) are invented.
"""

from __future__ import annotations

import pytest

from conflictwire.evaluate.adapters import event_view
from conflictwire.evaluate.events import ipe_labels_of
from conflictwire.events.detect import find_triggers, load_triggers
from conflictwire.options import Options
from conflictwire.pipeline import Pipeline
from conflictwire.schema import Article


@pytest.fixture(scope="module")
def pipeline():
    return Pipeline(Options(stages=("nlp", "events")))


@pytest.fixture(scope="module")
def nlp():
    from conflictwire.nlp import load_spacy

    return load_spacy()


def labels_of_text(pipeline, text: str) -> set[str]:
    """The IndiaPoliceEvents labels of a text: the union over its events, as the scorer takes them."""
    events = pipeline(Article(id="t", raw_text=text)).events
    return set().union(*(ipe_labels_of(event_view(e), text) for e in events)) if events else set()


# ----------------------------------------------------------------------------------------- trigger rows


@pytest.mark.parametrize(
    "text, lemma, sub_event_type",
    [
        ("The Rapid Action Force staged a flag march through Navgam on Monday evening.", "march",
         "Change to group/activity"),
        ("Amid heavy police presence, the procession passed off peacefully in Sitapura.", "presence",
         "Change to group/activity"),
        ("Security has been beefed up at all bus depots in the district.", "beef", "Change to group/activity"),
        ("The crime branch police have launched a probe into the theft of the idols.", "probe",
         "Change to group/activity"),
        ("Shoot-at-sight orders were issued in three towns of the district on Tuesday.", "shoot",
         "Change to group/activity"),
        ("His family alleged a custodial death at the Dhanpur lock-up.", "death", "Attack"),
    ],
)
def test_triggers_police_routine_rows_propose_their_type(nlp, text, lemma, sub_event_type):
    found = [(rule.lemma, rule.sub_event_type) for rule, _ in find_triggers(nlp(text)[:])]
    assert (lemma, sub_event_type) in found


@pytest.mark.parametrize(
    "text, lemma",
    [
        ("Thousands joined the protest march against the fare rise in Navgam.", "march"),
        ("The presence of the minister at the wedding drew a crowd.", "presence"),
        ("Shoot the scene again tomorrow, the director told the crew.", "shoot"),
        ("The tribunal opened a probe into war crimes in the region.", "probe"),
    ],
)
def test_triggers_police_rows_keep_to_their_conditions(nlp, text, lemma):
    found = [rule for rule, _ in find_triggers(nlp(text)[:]) if rule.lemma == lemma]
    assert all(rule.sub_event_type != "Change to group/activity" for rule in found)


@pytest.mark.parametrize(
    "text, arrest",
    [
        ("The former mayor died of a cardiac arrest in Navgam on Sunday.", False),
        ("We were apprehending acts of retaliation, the trustee said.", False),
        ("Police arrested 14 people in Morvad on charges of rioting.", True),
        ("Police apprehended two suspects near the Dhanpur bus stand.", True),
        ("Two men were arrested in the heart of Sitapura on Monday.", True),
    ],
)
def test_triggers_arrest_rows_skip_medical_and_fearful_senses(nlp, text, arrest):
    found = [rule.sub_event_type for rule, _ in find_triggers(nlp(text)[:])]
    assert ("Arrests" in found) is arrest


def test_triggers_flag_march_outranks_the_protest_reading():
    # Conditional rows are tried first and the most specific holding row types the token: "flag march" is a
    # security-force deployment, not a protest march.
    rules = load_triggers()["march"]
    flag = next(r for r in rules if ("mod", frozenset({"flag"})) in r.needs)
    assert flag.sub_event_type == "Change to group/activity"
    assert flag.weight > max(r.weight for r in rules if r.sub_event_type == "Peaceful protest")


# ----------------------------------------------------------------------------------------- IPE questions


@pytest.mark.parametrize(
    "text, wanted, unwanted",
    [
        ("Eleven people died in police firing in Sitapura on Friday.", {"KILL", "FORCE", "ANY_ACTION"}, set()),
        ("Two men were killed in an encounter with the police near Morvad on Saturday.", {"KILL", "ANY_ACTION"},
         set()),
        ("Police fired at the rioting mob in Navgam, killing three people.", {"KILL", "FORCE", "ANY_ACTION"},
         set()),
        ("Police lathi-charged the crowd and burst teargas shells to disperse the stone-throwing mob in Dhanpur.",
         {"FORCE", "ANY_ACTION"}, {"KILL"}),
        ("A head constable was killed when a mob attacked the police outpost in Ambikanagar on Sunday.", set(),
         {"KILL"}),
        ("Police said two people were stabbed to death in Sitapura on Monday.", set(), {"KILL", "FORCE"}),
        ("The Rapid Action Force staged a flag march through Navgam on Monday evening.", {"ANY_ACTION"},
         {"KILL", "FORCE"}),
        ("Security has been beefed up at all bus depots in the district.", {"ANY_ACTION"}, {"KILL", "FORCE"}),
        ("Police arrested 14 people in Morvad on charges of rioting.", {"ARREST", "ANY_ACTION"}, {"KILL"}),
    ],
)
def test_triggers_ipe_questions_from_the_pipeline(pipeline, text, wanted, unwanted):
    labels = labels_of_text(pipeline, text)
    assert wanted <= labels, labels
    assert not (unwanted & labels), labels


def police_view(evidence: str, **fields) -> dict:
    view = {"event_type": "Violence against civilians", "sub_event_type": "Attack", "fatalities": None,
            "actor1_text": None, "actor1_names": [], "evidence_texts": [evidence]}
    view.update(fields)
    return view


@pytest.mark.parametrize(
    "evidence, fields, kill",
    [
        ("97 people died in police firing in the district.", {}, True),
        ("A quarter of them were killed by police bullets, the minister said.", {}, True),
        ("Police opened fire on the mob, killing two.", {"event_type": "Riots", "sub_event_type": "Mob violence"}, True),
        ("One dead in police-villagers clash at Morvad.", {"event_type": "Battles", "sub_event_type": "Armed clash"},
         True),
        ("The family alleged a custodial death.", {}, True),
        # the police as a source, as a victim, or beside a death someone else caused
        ("Two people were stabbed to death, police said.", {"fatalities": 2}, False),
        ("A constable was killed when the mob attacked.", {"fatalities": 1}, False),
        ("A youth killed by the mob was rushed to hospital by the police.", {"fatalities": 1}, False),
        ("While six were injured in police firing, four were killed by rioters.", {"fatalities": 4}, False),
        ("A trader was stabbed to death in Navgam even as police burst teargas shells in Dhanpur.", {"fatalities": 1},
         False),
        ("Over 1,000 died in violence organised by the ministry, which deactivated the police.",
         {"fatalities": 1000, "actor1_text": "the ministry"}, False),
        # the police as the subject of a violent event with a toll
        ("Two dacoits were shot dead.", {"fatalities": 2, "actor1_text": "the police"}, True),
    ],
)
def test_triggers_ipe_kill_needs_the_police_as_the_doer(evidence, fields, kill):
    assert ("KILL" in ipe_labels_of(police_view(evidence, **fields), "")) is kill


@pytest.mark.parametrize(
    "evidence, fields, expected",
    [
        ("Shops were looted near the Navgam police station.", {"event_type": "Strategic developments",
                                                               "sub_event_type": "Looting/property destruction"},
         set()),
        ("Security in the walled city has also been tightened.", {"event_type": "Strategic developments",
                                                                 "sub_event_type": "Change to group/activity"},
         {"ANY_ACTION"}),
        ("Vigil is being maintained at the border check posts.", {"event_type": "Strategic developments",
                                                                  "sub_event_type": "Change to group/activity"},
         {"ANY_ACTION"}),
        ("PAC jawans were posted at the shrine.", {"event_type": "Strategic developments",
                                                   "sub_event_type": "Change to group/activity"}, {"ANY_ACTION"}),
        ("The mob set a bus on fire and police burst teargas shells.", {"event_type": "Riots",
                                                                        "sub_event_type": "Mob violence"},
         {"FORCE", "ANY_ACTION"}),
        ("Police resorted to a mild lathi-charge to clear the road.", {"event_type": "Protests",
                                                                      "sub_event_type": "Peaceful protest"},
         {"ANY_ACTION"}),
        ("Policemen caned the rioters.", {"event_type": "Riots", "sub_event_type": "Mob violence"},
         {"FORCE", "ANY_ACTION"}),
        ("A mob burnt three shops.", {"event_type": "Riots", "sub_event_type": "Mob violence", "actor1_text": "police"},
         {"FORCE", "ANY_ACTION"}),
    ],
)
def test_triggers_ipe_any_action_and_force(evidence, fields, expected):
    assert ipe_labels_of(police_view(evidence, **fields), "") == expected
