"""PLOVER type/mode and CAMEO root of one clause (events/plover.py), and the evaluation adapter.

Every sentence here was written for these tests (no gold record); actors are real or made up.
"""

from __future__ import annotations

import pytest

from conflictwire.evaluate.events import score_petrarch2, score_plover
from conflictwire.evaluate.runner import clause_coded_views
from conflictwire.events import plover
from conflictwire.nlp import load_spacy
from conflictwire.options import Options


@pytest.fixture(scope="module")
def nlp():
    return load_spacy()


def code(nlp, text: str, **kwargs) -> plover.Coding:
    return plover.main_clause(nlp(text))[1] if not kwargs else plover.code_clause(next(nlp(text).sents), **kwargs)


# (sentence, PLOVER type, mode or None when the test does not check it)
CASES = [
    # AGREE: agreements, offers, promises, and cooperation announced for the future
    ("The two governments agreed on Monday to reopen their embassies.", "AGREE", None),
    ("Kenya offered to send engineers to rebuild the bridge, the ministry said.", "AGREE", None),
    ("The militia pledged to release all of the captured aid workers by Friday.", "AGREE", None),
    ("Norway will provide 40 million dollars in relief to flood victims, its foreign minister said.", "AGREE", None),
    ("The rebels said they are ready to withdraw from the northern towns.", "AGREE", None),
    # CONSULT
    ("The Egyptian foreign minister held talks with his Jordanian counterpart in Cairo on Sunday.", "CONSULT", None),
    ("The Chinese premier arrived in Lagos on Tuesday for a three-day visit.", "CONSULT", "visit"),
    ("The king hosted the visiting Ghanaian president at his palace.", "CONSULT", "host"),
    # SUPPORT
    ("The African Union praised the peaceful conduct of the election.", "SUPPORT", None),
    ("Both countries signed a border treaty in Geneva on Thursday.", "SUPPORT", None),
    ("Chile formally recognised the new government in Bamako.", "SUPPORT", None),
    # COOPERATE
    ("Spain extradited two suspects to Morocco on Wednesday.", "COOPERATE", None),
    ("Indian and French navies began joint exercises off Goa.", "COOPERATE", None),
    # AID
    ("The Red Crescent delivered tents and blankets to the displaced families.", "AID", None),
    ("Ecuador granted asylum to the opposition journalist.", "AID", "asylum"),
    # CONCEDE
    ("The governor lifted the curfew in the provincial capital on Saturday.", "CONCEDE", None),
    ("The teachers' union called off its week-long strike after the pay deal.", "CONCEDE", None),
    ("The president pardoned 300 political prisoners to mark independence day.", "CONCEDE", None),
    # RETREAT
    ("The kidnappers freed the two engineers late on Sunday, police said.", "RETREAT", "release"),
    ("Government troops withdrew from the border town overnight.", "RETREAT", "withdraw"),
    ("The rebel movement declared a unilateral ceasefire on Friday.", "RETREAT", "ceasefire"),
    # DEMAND
    ("The opposition demanded that the electoral commission publish the results.", "DEMAND", None),
    ("The UN envoy called for the immediate release of the detained journalists.", "DEMAND", None),
    ("Donors said the government must investigate the killings.", "DEMAND", None),
    ("The students' union insisted that the dean resign.", "DEMAND", None),
    # DISAPPROVE
    ("The foreign ministry condemned the raid on the embassy.", "DISAPPROVE", None),
    ("The mayor accused the police of covering up the shooting.", "DISAPPROVE", None),
    # REJECT
    ("The junta rejected the regional bloc's proposal for a transition.", "REJECT", None),
    ("The prime minister refused to meet the striking doctors.", "REJECT", None),
    ("The government will not accept any foreign troops on its soil, the minister said.", "REJECT", None),
    ("The two sides failed to reach an agreement on prisoner exchanges.", "REJECT", None),
    # THREATEN: threats, and harmful actions announced for the future
    ("The army threatened to impose a curfew if the riots continued.", "THREATEN", "curfew"),
    ("The insurgents threatened to attack any convoy using the highway.", "THREATEN", "violence"),
    ("The parliament threatened to break off relations with its neighbour.", "THREATEN", "relations"),
    ("The interior minister said police will ban the opposition march.", "THREATEN", "ban"),
    # PROTEST
    ("Thousands of farmers rallied outside parliament to protest the new land law.", "PROTEST", None),
    ("Detainees began a hunger strike over their conditions.", "PROTEST", "strike-hun"),
    ("Truck drivers blocked the main highway for six hours.", "PROTEST", "obstruct"),
    ("Rioters burned cars and looted shops in the city centre.", "PROTEST", "riot-spon"),
    # MOBILIZE
    ("The army deployed thousands of troops along the eastern border.", "MOBILIZE", "troops"),
    ("The navy put its fleet on high alert after the incident.", "MOBILIZE", None),
    # SANCTION
    ("The European Union imposed sanctions on five senior officials.", "SANCTION", None),
    ("The country expelled two diplomats from the embassy.", "SANCTION", "expel"),
    ("The donor suspended its aid to the health ministry.", "SANCTION", None),
    ("The dockworkers' union staged a march through the port city.", "PROTEST", "demo-org"),
    ("Riot police were deployed around the parliament building.", "MOBILIZE", "police"),
    # COERCE
    ("Police arrested 40 protesters in the capital on Friday.", "COERCE", "arrest"),
    ("Customs officers confiscated the opposition newspaper's printing presses.", "COERCE", "confiscate"),
    ("The regime executed four army officers convicted of plotting a coup.", "ASSAULT", "execute"),
    ("Authorities deported 60 migrants to their home countries.", "COERCE", "deport"),
    ("The military government banned the main opposition party.", "COERCE", "ban"),
    # ASSAULT
    ("Gunmen kidnapped a French aid worker in the north of the country.", "ASSAULT", "abduct"),
    ("A car bomb killed nine people at a market in the city.", "ASSAULT", "explosives"),
    ("A suicide bomber blew himself up outside a police station.", "ASSAULT", "suicide-attack"),
    ("Unknown gunmen shot dead the provincial governor outside his home.", "ASSAULT", "assassinate"),
    # FIGHT
    ("Government forces clashed with rebels near the airport on Sunday.", "FIGHT", None),
    ("Rebel artillery shelled the port city for a second day.", "FIGHT", "heavy-weapons"),
    ("The militia captured the town after three days of fighting.", "FIGHT", "occupy"),
    # INVESTIGATE
    ("The prosecutor opened an investigation into the deaths of the protesters.", "INVESTIGATE", None),
    ("The agency sent inspectors to the nuclear plant.", "INVESTIGATE", None),
]


@pytest.mark.parametrize("text, plover_type, mode", CASES, ids=[c[0][:40] for c in CASES])
def test_plover_code_clause_type_and_mode(nlp, text, plover_type, mode):
    coding = code(nlp, text)
    assert coding.plover_type == plover_type, coding.evidence
    if mode is not None:
        assert coding.plover_mode == mode, coding.evidence
    assert coding.method == "lexicon"
    assert coding.evidence and coding.trigger is not None
    assert 0.5 <= coding.score <= 1.0
    # CAMEO root follows the PLOVER type through the table unless the lexicon row names a finer code
    assert coding.cameo_root is not None and len(coding.cameo_root) == 2


def test_plover_cases_cover_every_type():
    assert {c[1] for c in CASES} == set(plover.load_types())


@pytest.mark.parametrize(
    "affirmed, promised_or_negated, expected",
    [
        # a cooperative action: promised -> AGREE, negated -> REJECT
        ("The rebels released the hostages.", "The rebels will release the hostages.", "AGREE"),
        ("The army withdrew its troops from the valley.", "The army did not withdraw its troops from the valley.", "REJECT"),
        ("Japan provided emergency aid to the islands.", "Japan will not provide emergency aid to the islands.", "REJECT"),
        # a harmful action: promised -> THREATEN
        ("The junta imposed martial law.", "The junta will impose martial law.", "THREATEN"),
        ("The rebels attacked the garrison.", "The rebels vowed to attack the garrison.", "THREATEN"),
        # an action someone must take -> DEMAND
        ("The army released the detained students.", "The army must release the detained students.", "DEMAND"),
    ],
)
def test_plover_modality_shifts_the_type(nlp, affirmed, promised_or_negated, expected):
    assert code(nlp, affirmed).plover_type != expected
    assert code(nlp, promised_or_negated).plover_type == expected


def test_plover_threat_takes_its_mode_from_the_threatened_action(nlp):
    assert code(nlp, "The governor will extend the curfew in the city.").plover_mode == "curfew"
    assert code(nlp, "The government is prepared to impose martial law.").plover_mode == "martial-law"


def test_plover_reporting_verb_passes_to_its_content(nlp):
    coding = code(nlp, "Witnesses said soldiers arrested the village chief, the radio reported.")
    assert (coding.plover_type, coding.plover_mode) == ("COERCE", "arrest")
    assert coding.trigger.lemma_ == "arrest"


def test_plover_background_clause_does_not_decide(nlp):
    # the "after ..." clause is background: the embassy reopening is the event
    coding = code(nlp, "The two countries agreed to reopen embassies after crowds burned the old one.")
    assert coding.plover_type == "AGREE"


def test_plover_trigger_given_and_governing_frame(nlp):
    doc = nlp("The rebels threatened to shell the airport.")
    sent = next(doc.sents)
    trigger = next(t for t in sent if t.lemma_ == "shell")
    coding = plover.code_clause(sent, trigger=trigger)
    assert coding.plover_type == "THREATEN" and coding.plover_mode == "violence"
    doc = nlp("The rebels shelled the airport and police arrested three men.")
    sent = next(doc.sents)
    arrest = next(t for t in sent if t.lemma_ == "arrest")
    assert plover.code_clause(sent, trigger=arrest).plover_type == "COERCE"
    assert plover.code_clause(sent).plover_type == "FIGHT"


def test_plover_no_pattern_without_encoder_fallback(nlp):
    coding = code(nlp, "The weather was mild in the capital.", use_similarity=False)
    assert coding.plover_type is None and coding.method == "none"


def test_plover_similarity_fallback_is_a_weak_guess(nlp):
    from conflictwire.events import encoder

    if not encoder.available():
        pytest.skip("encoder packages not installed")
    coding = code(nlp, "Hundreds of fishermen gathered with banners and chanted slogans against the port authority.",
                  use_similarity=True)
    assert coding.plover_type is not None
    if coding.method == "similarity":
        assert coding.score <= 0.5


@pytest.mark.parametrize(
    "plover_type, root",
    [("AGREE", "03"), ("CONSULT", "04"), ("SUPPORT", "05"), ("COOPERATE", "06"), ("AID", "07"), ("CONCEDE", "08"),
     ("RETREAT", "08"), ("INVESTIGATE", "09"), ("DEMAND", "10"), ("DISAPPROVE", "11"), ("REJECT", "12"),
     ("THREATEN", "13"), ("PROTEST", "14"), ("MOBILIZE", "15"), ("SANCTION", "16"), ("COERCE", "17"),
     ("ASSAULT", "18"), ("FIGHT", "19"), ("NOT-A-TYPE", None)],
)
def test_plover_cameo_root_mapping(plover_type, root):
    assert plover.cameo_root_of(plover_type) == root


def test_plover_lexicon_rows_are_well_formed():
    types = set(plover.load_types())
    for rows in plover.load_lexicon().values():
        for row in rows:
            assert row.kind in {"act", "frame", "intent", "report", "light"}, row
            assert row.source, row
            if row.kind not in {"report", "light"}:
                assert row.plover_type in types, row
            if row.cameo:
                assert row.cameo.isdigit() and len(row.cameo) >= 2, row


def test_plover_threat_mode_table():
    assert plover.threat_mode(plover.Coding("COERCE", "curfew")) == "curfew"
    assert plover.threat_mode(plover.Coding("FIGHT", "occupy")) == "territory"
    assert plover.threat_mode(plover.Coding("ASSAULT", "explosives")) == "violence"
    assert plover.threat_mode(plover.Coding("SANCTION", None, "163")) == "restrict"
    assert plover.threat_mode(plover.Coding("SANCTION", None, "161")) == "relations"
    assert plover.threat_mode(None) is None


def test_plover_code_event_sets_fields_from_trigger(nlp):
    from conflictwire.schema import Event, Evidence

    text = "Police detained twelve students in the capital on Monday."
    doc = nlp(text)
    start = text.index("detained")
    event = Event(event_id="e1", article_id="a1", event_type="Strategic developments", sub_event_type="Arrests",
                  plover_type="COERCE", plover_mode=None, cameo_code="17",
                  evidence=[Evidence(start=0, end=len(text), text=text, field="event"),
                            Evidence(start=start, end=start + 8, text="detained", field="trigger")])
    plover.code_event(event, doc)
    assert (event.plover_type, event.plover_mode, event.cameo_code) == ("COERCE", "arrest", "17")
    # same type and no mode from the clause: the ontology row's mode stays
    text3 = "Troops entered the town on Wednesday after heavy fighting."
    event3 = Event(event_id="e3", article_id="a1", event_type="Battles", sub_event_type="Government regains territory",
                   plover_type="FIGHT", plover_mode="occupy", cameo_code="19",
                   evidence=[Evidence(start=7, end=14, text="entered", field="trigger")])
    plover.code_event(event3, nlp(text3))
    assert (event3.plover_type, event3.plover_mode) == ("FIGHT", "occupy")
    # no pattern: the ontology table's coding stays
    text2 = "The situation remained calm."
    event2 = Event(event_id="e2", article_id="a1", event_type="Strategic developments", sub_event_type="Other",
                   plover_type=None, evidence=[Evidence(start=4, end=13, text="situation", field="trigger")])
    plover.code_event(event2, nlp(text2))
    assert event2.plover_type is None and event2.cameo_code is None
    plover.code_event(event2, None)  # no Doc: nothing to do, no error


# ---------------------------------------------------------------- evaluation adapter on a tiny set

TINY_PLOVER = [
    {"id": "p1", "text": "The navy expelled the UN observer mission from the island.",
     "gold": {"event_type": "SANCTION", "sub_event_type": "expel", "actors": [{"role": "source", "name": "navy"}]}},
    {"id": "p2", "text": "Students staged a sit-in at the ministry on Monday.",
     "gold": {"event_type": "PROTEST", "sub_event_type": None, "actors": []}},
    {"id": "p3", "text": "The two leaders met in Oslo to discuss the fishing dispute.",
     "gold": {"event_type": "CONSULT", "sub_event_type": None, "actors": []}},
    {"id": "p4", "text": "The minister accused the rebels of looting the villages.",
     "gold": {"event_type": "REJECT", "sub_event_type": None, "actors": []}},  # deliberately wrong gold
]

TINY_PETRARCH = [
    {"id": "c1", "text": "The army shelled the rebel positions near the river.", "gold_events": [{"event_type": "194"}]},
    {"id": "c2", "text": "The court condemned the minister's statement.", "gold_events": [{"event_type": "111"}]},
    {"id": "c3", "text": "The weather was mild in the capital.", "gold_events": []},
]


def test_plover_adapter_scores_a_tiny_plover_set():
    pipeline_views = [[{"plover_type": "FIGHT", "perpetrators": ["navy"], "confidence": 0.4}], [], [], []]
    views = clause_coded_views("plover", TINY_PLOVER, pipeline_views, Options())
    assert [v[0]["plover_type"] for v in views] == ["SANCTION", "PROTEST", "CONSULT", "DISAPPROVE"]
    assert views[0][0]["perpetrators"] == ["navy"]  # actors still come from the pipeline's event
    metrics, diags = score_plover(TINY_PLOVER, views)
    assert metrics["type_accuracy"] == pytest.approx(0.75)
    assert metrics["mode_accuracy"] == pytest.approx(1.0)
    assert metrics["source_actor_match"] == pytest.approx(1.0)
    assert [d["loss"] for d in diags] == [0.0, 0.0, 0.0, 1.0]


def test_plover_adapter_petrarch_codes_roots_and_leaves_uncoded_sentences_empty():
    views = clause_coded_views("petrarch2", TINY_PETRARCH, [[], [], []], Options())
    assert [v[0]["cameo_root"] if v else None for v in views] == ["19", "11", None]
    metrics, _ = score_petrarch2(TINY_PETRARCH, views)
    assert metrics["root_accuracy"] == pytest.approx(1.0)


def _sentence_table() -> list[tuple[str, str]]:
    from pathlib import Path

    lines = (Path(__file__).parent / "data" / "plover_sentences.tsv").read_text(encoding="utf-8").splitlines()
    rows = [line.split("\t") for line in lines if line and not line.startswith("#")][1:]
    return [(t, s) for t, s in rows]


SENTENCES = _sentence_table()


def test_plover_sentence_table_accuracy(nlp):
    """The project's sentence table (tests/data/plover_sentences.tsv, 143 sentences of every type, written
    for these tests): every sentence typed as a PLOVER coder would, bar a few parses spaCy gets wrong."""
    coded = [(t, s, code(nlp, s).plover_type) for t, s in SENTENCES]
    misses = [row for row in coded if row[0] != row[2]]
    assert len(SENTENCES) >= 140
    assert len(misses) <= 3, misses


# ---------------------------------------------------------------- CAMEO coding of verbal acts (issue 8)


@pytest.mark.parametrize(
    "text",
    [
        "The two armies did not clash on Sunday.",
        "Police never arrested the suspects, the lawyer said.",
        "The prime minister did not even once criticise the rebels during the visit.",
    ],
)
def test_plover_main_clause_negated_act_is_no_event(nlp, text):
    coding = code(nlp, text)
    assert coding.plover_type is None and coding.method == "none" and coding.negated
    assert coding.evidence[0].startswith("negated event")


def test_plover_main_clause_negated_cooperation_stays_reject_and_failure_still_happened(nlp):
    assert code(nlp, "The army did not withdraw its troops from the valley.").plover_type == "REJECT"
    # a failed attempt is still an attempt (only "not"/"never" undo an event)
    assert code(nlp, "Rebels failed to capture the town.").plover_type == "FIGHT"


@pytest.mark.parametrize(
    "text, plover_type",
    [
        # "allow/concede that ..." is an admission: the content clause is the event
        ("The minister conceded that its troops had shelled the village.", "FIGHT"),
        ("The commander allowed that his men had arrested two journalists.", "COERCE"),
        # the permission reading stays CONCEDE / RETREAT
        ("The government allowed the opposition to hold rallies in the capital.", "CONCEDE"),
        ("The army allowed aid convoys into the besieged town.", "RETREAT"),
        ("The junta conceded to the strikers' demands on Monday.", "CONCEDE"),
    ],
)
def test_plover_allow_concede_that_is_reporting(nlp, text, plover_type):
    assert code(nlp, text).plover_type == plover_type


def test_plover_admission_with_nothing_coded_is_not_a_concession(nlp):
    coding = code(nlp, "The envoy allowed that the capital is not a pleasant city in winter.", use_similarity=False)
    assert coding.plover_type is None


def test_plover_petrarch_scorer_leaves_out_validation_only_codes():
    recs = [
        {"id": "a", "gold_events": [{"event_type": "194"}]},
        {"id": "b", "gold_events": [{"event_type": "904"}]},  # a validation-dictionary code: no CAMEO root
        {"id": "c", "gold_events": [{"event_type": "345"}, {"event_type": "064"}]},  # mixed: 06 is scored
        {"id": "d", "gold_events": []},
    ]
    preds = [[{"cameo_root": "19"}], [{"cameo_root": "19"}], [{"cameo_root": "03"}], []]
    metrics, diags = score_petrarch2(recs, preds)
    assert metrics["n_scored"] == 3 and metrics["n_noncameo_excluded"] == 1
    assert metrics["root_accuracy"] == pytest.approx(2 / 3)
    assert [d["id"] for d in diags] == ["a", "c", "d"]
    # sets: a {19}/{19}; c {03}/{06}: tp 1, fp 1, fn 1
    assert metrics["root_set_f1"] == pytest.approx(0.5)


def test_plover_search_reaches_first_conjunct_complement_before_second_conjunct(nlp):
    # "is about to [lift]": the copula's complement is the first clause's action, searched before "and ... burned"
    coding = code(nlp, "The AU is about to lift sanctions on Chad and protesters burned tyres outside its office.")
    assert coding.trigger.lemma_ == "lift" and coding.plover_type == "AGREE"
