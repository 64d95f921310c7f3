"""The evaluation instrument: every scorer on hand-made predictions whose scores are worked out here
by hand, the format recogniser on hand-written records of each shape, and the command end to end on
small files written by the test. No gold file is read."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from datetime import date

import pytest

from conflictwire.evaluate import events as ev
from conflictwire.evaluate.adapters import event_view
from conflictwire.evaluate.extraction import page_counts, score_clean
from conflictwire.evaluate.loaders import load_gold, recognise, record_format
from conflictwire.evaluate.mappings import case2021_label, cameo_root, muc_incident_type, ucdp_type_of_violence
from conflictwire.evaluate.metrics import (
    MAX_ERROR_KM,
    error_stats,
    example_f1,
    haversine_km,
    macro_f1,
    match_spans,
    names_match,
    normalise_name,
    prf,
    weighted_f1,
)
from conflictwire.evaluate.timexes import score_time
from conflictwire.evaluate.toponyms import score_toponyms
from conflictwire.errors import EvaluationDataError
from conflictwire.schema import Actor, Event, Evidence, Place

KM_PER_DEGREE = 2 * math.pi * 6371.0088 / 360  # along a meridian


def north_of(lat: float, km: float) -> float:
    return lat + km / KM_PER_DEGREE


# ---------------------------------------------------------------- metric arithmetic


def test_evaluate_prf_by_hand():
    assert prf(2, 1, 1) == pytest.approx({"precision": 2 / 3, "recall": 2 / 3, "f1": 2 / 3})
    assert prf(0, 0, 0) == {"precision": 0.0, "recall": 0.0, "f1": 0.0}
    assert prf(1, 0, 3)["f1"] == pytest.approx(2 * 1 * 0.25 / 1.25)


def test_evaluate_macro_and_weighted_f1_by_hand():
    gold = ["A", "A", "A", "B"]
    pred = ["A", "A", "B", "B"]
    # A: P 2/2, R 2/3, F1 0.8; B: P 1/2, R 1/1, F1 2/3.
    assert macro_f1(gold, pred) == pytest.approx((0.8 + 2 / 3) / 2)
    assert weighted_f1(gold, pred) == pytest.approx((0.8 * 3 + 2 / 3 * 1) / 4)
    # No prediction at all is wrong for every class.
    assert macro_f1(gold, [None] * 4) == 0.0


def test_evaluate_example_f1_by_hand():
    gold = [{"KILL", "ANY_ACTION"}, set(), {"ARREST"}]
    pred = [{"ANY_ACTION"}, set(), {"FORCE"}]
    # 2*1/3, both empty = 1, 0
    assert example_f1(gold, pred) == pytest.approx((2 / 3 + 1 + 0) / 3)


@pytest.mark.parametrize(
    "gold, pred, strict, pairs",
    [
        ([(10, 20)], [(10, 20)], True, [(0, 0)]),
        ([(10, 20)], [(19, 25)], True, []),
        ([(10, 20)], [(19, 25)], False, [(0, 0)]),  # overlap by one character counts
        ([(10, 20)], [(20, 25)], False, []),  # touching is not overlapping (end exclusive)
        ([(0, 5), (6, 10)], [(0, 10)], False, [(0, 0)]),  # one prediction cannot take two gold spans
    ],
)
def test_evaluate_match_spans(gold, pred, strict, pairs):
    assert match_spans(gold, pred, strict=strict) == pairs


def test_evaluate_haversine_and_161km_boundary():
    assert haversine_km(10.0, 20.0, north_of(10.0, 160.0), 20.0) == pytest.approx(160.0, abs=1e-6)
    stats = error_stats([160.0, 162.0])
    assert stats["acc@161"] == 0.5
    assert stats["median_km"] == pytest.approx(161.0)
    assert stats["mean_km"] == pytest.approx(161.0)


def test_evaluate_auc_of_log_error_by_hand():
    assert error_stats([0.0])["auc"] == 0.0
    assert error_stats([MAX_ERROR_KM])["auc"] == pytest.approx(1.0)
    assert error_stats([0.0, MAX_ERROR_KM])["auc"] == pytest.approx(0.5)
    # sorted scaled errors 0, 0, 1: trapezoids (0 + 0.5) over 2 intervals
    assert error_stats([MAX_ERROR_KM, 0.0, 0.0])["auc"] == pytest.approx(0.25)
    # ln(1 + e) / ln(1 + 20039) for a single error of 100 km
    assert error_stats([100.0])["auc"] == pytest.approx(math.log(101) / math.log(20040))


@pytest.mark.parametrize(
    "a, b, same",
    [
        ("Military Forces of Mexico (2018-)", "Government of Mexico", True),
        ("Sinaloa Cartel", "Sinaloa", True),
        ("ASG", "Abu Sayyaf Group", True),
        ("the F.A.R.C.", "FARC", True),
        ("Chihuahua state", "Chihuahua", True),
        ("Jalisco Cartel New Generation", "Sinaloa Cartel", False),
        ("Government of Mexico", "Government of Myanmar", False),
        ("", "Mexico", False),
    ],
)
def test_evaluate_names_match(a, b, same):
    assert names_match(a, b) is same


def test_evaluate_normalise_name_strips_accents_and_articles():
    assert normalise_name("The Ciudad Juárez") == "ciudad juarez"


# ---------------------------------------------------------------- mappings from our records


def _event(event_type, sub, actor1=None, actor2=None, **kw) -> Event:
    return Event(event_id="e", article_id="a", event_type=event_type, sub_event_type=sub,
                 actor1=actor1, actor2=actor2, **kw)


ARMY = Actor(text="troops", name="Military Forces of Mexico", category="state forces")
CARTEL = Actor(text="cartel gunmen", name="Sinaloa Cartel", category="political militia")
RIVAL = Actor(text="CJNG", name="Jalisco Cartel New Generation", category="political militia")
VILLAGERS = Actor(text="villagers", name="Civilians", category="civilians")
REBELS = Actor(text="KIA fighters", name="KIA: Kachin Independence Army", category="rebel group")


@pytest.mark.parametrize(
    "event, expected",
    [
        (_event("Battles", "Armed clash", ARMY, CARTEL), "state-based conflict"),
        (_event("Battles", "Armed clash", CARTEL, RIVAL), "non-state conflict"),
        (_event("Violence against civilians", "Attack", CARTEL, VILLAGERS), "non-state conflict"),
        (_event("Violence against civilians", "Attack", REBELS, VILLAGERS), "one-sided violence"),
        (_event("Protests", "Peaceful protest"), None),
    ],
)
def test_evaluate_ucdp_type_from_event_type_and_actors(event, expected):
    assert ucdp_type_of_violence(event) == expected


def test_evaluate_other_ontology_mappings():
    bomb = _event("Explosions/Remote violence", "Remote explosive/landmine/IED", cameo_code="183")
    assert case2021_label(bomb) == "REM_EXPLOS"
    assert muc_incident_type(bomb) == "BOMBING"
    assert muc_incident_type(_event("Protests", "Peaceful protest")) is None
    assert muc_incident_type(_event("Violence against civilians", "Abduction/forced disappearance")) == "KIDNAPPING"
    assert cameo_root("1721") == "17" and cameo_root(None) is None
    police = Actor(text="police", name="Police Forces of India", category="state forces")
    police_kill = _event("Violence against civilians", "Attack", police, VILLAGERS, fatalities=2)
    assert ev.ipe_labels_of(event_view(police_kill), "") == {"KILL", "FORCE", "ANY_ACTION"}
    # an army is state forces too, but IndiaPoliceEvents asks about the police only
    army_kill = _event("Violence against civilians", "Attack", ARMY, VILLAGERS, fatalities=2)
    assert ev.ipe_labels_of(event_view(army_kill), "") == set()
    assert ev.ipe_labels_of(event_view(_event("Strategic developments", "Arrests")), "") == {"ARREST", "ANY_ACTION"}


def test_evaluate_event_view_carries_fields_and_spans():
    event = _event("Battles", "Armed clash", ARMY, CARTEL, fatalities=3, event_date=date(2021, 3, 2),
                   location=Place(name="Culiacán", admin1="Sinaloa", latitude=24.8, longitude=-107.4),
                   evidence=[Evidence(start=0, end=7, text="clashed", field="trigger"),
                             Evidence(start=10, end=16, text="troops", field="actor1")])
    view = event_view(event)
    assert view["ucdp_type"] == "state-based conflict"
    assert view["date"] == "2021-03-02" and view["fatalities"] == 3
    assert view["perpetrators"] == ["Military Forces of Mexico", "troops"]
    assert view["perpetrator_spans"] == [(10, 16)] and (0, 7) in view["spans"]


# ---------------------------------------------------------------- short-text event scorers


def ucdp_record(i, *, tov="non-state conflict", lat=25.0, lon=-108.0, day="2021-03-02", end=None, deaths=2, low=None,
                high=None, admin1="Sinaloa state"):
    return {"id": f"u{i}", "text": "Two men were shot dead", "published": "2021-03-03",
            "gold": {"event_type": tov, "actors": [{"role": "side_a", "name": "Sinaloa Cartel"},
                                                   {"role": "side_b", "name": "Jalisco Cartel New Generation"}],
                     "location": {"name": "x", "admin1": admin1, "lat": lat, "lon": lon},
                     "date": day, "date_end": end or day, "fatalities": deaths,
                     "fatalities_low": low if low is not None else deaths,
                     "fatalities_high": high if high is not None else deaths}}


def view(**kw):
    base = {"event_type": "Battles", "sub_event_type": "Armed clash", "confidence": 0.5, "spans": []}
    base.update(kw)
    return base


def test_evaluate_ucdp_perfect_empty_and_partial():
    recs = [ucdp_record(0), ucdp_record(1, tov="state-based conflict")]
    perfect = [[view(ucdp_type="non-state conflict", lat=25.0, lon=-108.0, admin1="Sinaloa", date="2021-03-02",
                     fatalities=2, perpetrators=["Sinaloa Cartel"], targets=["CJNG", "Jalisco Cartel New Generation"])],
               [view(ucdp_type="state-based conflict", lat=25.0, lon=-108.0, admin1="Sinaloa", date="2021-03-02",
                     fatalities=2, perpetrators=["Sinaloa"], targets=["Jalisco Cartel New Generation"])]]
    m, _ = ev.score_ucdp(recs, perfect)
    assert all(v == 1.0 for v in m.values()), m
    empty, _ = ev.score_ucdp(recs, [[], []])
    assert all(v == 0.0 for v in empty.values()), empty
    # One right type of two, one actor side of two in the first record only.
    partial = [[view(ucdp_type="non-state conflict", perpetrators=["Sinaloa Cartel"])], [view(ucdp_type="one-sided violence")]]
    m, diags = ev.score_ucdp(recs, partial)
    assert m["type_accuracy"] == 0.5
    # non-state: P 1/1, R 1/1 -> 1; state-based: never predicted -> 0 (one-sided is not a gold class).
    assert m["type_macro_f1"] == pytest.approx((1 + 0) / 2)
    assert m["actor_match"] == pytest.approx((0.5 + 0) / 2)
    assert m["side_a_match"] == 0.5 and m["side_b_match"] == 0.0
    assert [d["id"] for d in diags] == ["u0", "u1"]


def test_evaluate_ucdp_macro_f1_counts_wrong_class_as_false_positive():
    recs = [ucdp_record(0), ucdp_record(1, tov="state-based conflict")]
    preds = [[view(ucdp_type="non-state conflict")], [view(ucdp_type="non-state conflict")]]
    m, _ = ev.score_ucdp(recs, preds)
    # non-state: P 1/2, R 1/1 -> 2/3; state-based: 0.
    assert m["type_macro_f1"] == pytest.approx(1 / 3)


def test_evaluate_ucdp_date_off_by_one_day_and_range():
    recs = [ucdp_record(0), ucdp_record(1, day="2021-03-01", end="2021-03-05")]
    preds = [[view(date="2021-03-03")], [view(date="2021-03-03")]]
    m, _ = ev.score_ucdp(recs, preds)
    assert m["date_exact"] == 0.0
    assert m["date_in_range"] == 0.5


def test_evaluate_ucdp_160km_counts_and_162km_does_not():
    recs = [ucdp_record(0, lat=10.0, lon=20.0), ucdp_record(1, lat=10.0, lon=20.0)]
    preds = [[view(lat=north_of(10.0, 160.0), lon=20.0)], [view(lat=north_of(10.0, 162.0), lon=20.0)]]
    m, _ = ev.score_ucdp(recs, preds)
    assert m["location_within_161km"] == 0.5
    assert m["location_within_25km"] == 0.0


def test_evaluate_ucdp_fatalities_exact_and_in_range():
    recs = [ucdp_record(0, deaths=3, low=2, high=5), ucdp_record(1, deaths=3)]
    m, _ = ev.score_ucdp(recs, [[view(fatalities=4)], [view(fatalities=3)]])
    assert m["fatalities_exact"] == 0.5
    assert m["fatalities_in_range"] == 1.0
    # A gold record without low/high: the range is the best estimate alone.
    recs[0]["gold"]["fatalities_low"] = recs[0]["gold"]["fatalities_high"] = None
    m, _ = ev.score_ucdp(recs, [[view(fatalities=4)], [view(fatalities=3)]])
    assert m["fatalities_in_range"] == 0.5


def test_evaluate_ucdp_main_event_is_the_most_confident():
    recs = [ucdp_record(0)]
    preds = [[view(ucdp_type="one-sided violence", confidence=0.3), view(ucdp_type="non-state conflict", confidence=0.9)]]
    assert ev.score_ucdp(recs, preds)[0]["type_accuracy"] == 1.0


def test_evaluate_case2021_weighted_and_macro_by_hand():
    labels = ["ARMED_CLASH", "ARMED_CLASH", "DIPLO", "GRENADE"]
    recs = [{"id": str(i), "gold": {"label": l, "acled_taxonomy": l != "DIPLO"}} for i, l in enumerate(labels)]
    preds = [[view(case_label="ARMED_CLASH")], [view(case_label="GRENADE")], [], [view(case_label="GRENADE")]]
    m, _ = ev.score_case2021(recs, preds)
    # ARMED_CLASH P 1 R .5 F1 2/3 (support 2); DIPLO 0 (1); GRENADE P .5 R 1 F1 2/3 (1)
    assert m["accuracy"] == 0.5
    assert m["macro_f1"] == pytest.approx((2 / 3 + 0 + 2 / 3) / 3)
    assert m["weighted_f1"] == pytest.approx((2 / 3 * 2 + 2 / 3) / 4)
    # 3 answered, 2 right: P 2/3, R 2/4
    assert m["micro_f1"] == pytest.approx(2 * (2 / 3) * 0.5 / (2 / 3 + 0.5))
    assert m["weighted_f1_acled25"] == pytest.approx((2 / 3 * 2 + 2 / 3) / 3)


def test_evaluate_plover_type_mode_and_actors():
    recs = [
        {"id": "p1", "gold": {"event_type": "PROTEST", "sub_event_type": "demo-spon",
                              "actors": [{"role": "source", "name": "students"}, {"role": "target", "name": "Nepal"}],
                              "location": {"name": "Kathmandu"}}},
        {"id": "p2", "gold": {"event_type": "AGREE", "sub_event_type": None, "actors": []}},
    ]
    preds = [[view(plover_type="PROTEST", plover_mode="demo-org", perpetrators=["Students"], targets=["India"],
                   places=["Kathmandu"])], []]
    m, _ = ev.score_plover(recs, preds)
    assert m["type_accuracy"] == 0.5 and m["mode_accuracy"] == 0.0
    assert m["source_actor_match"] == 1.0 and m["target_actor_match"] == 0.0
    assert m["location_name_match"] == 1.0


def test_evaluate_petrarch2_roots_noevents_and_real_actors():
    recs = [
        {"id": "t1", "gold_events": [{"event_type": "1721", "actors": [{"role": "source", "code": "USAGOV"},
                                                                       {"role": "target", "code": "AFG"}]}]},
        {"id": "t2", "gold_events": [{"event_type": "042", "actors": [{"role": "source", "code": "ARN"},
                                                                      {"role": "target", "code": "GON"}]}]},
        {"id": "t3", "gold_events": [], "meta": {"noevents": True}},
    ]
    preds = [[view(cameo_root="17")], [view(cameo_root="04", confidence=0.2), view(cameo_root="19", confidence=0.9)], []]
    m, _ = ev.score_petrarch2(recs, preds)
    assert m["root_accuracy"] == pytest.approx(2 / 3)  # t2's most confident root is wrong; t3 right to be empty
    assert m["root_accuracy_real_actors"] == 1.0 and m["n_real_actors"] == 1.0
    # sets: t1 {17}/{17}; t2 {04}/{04,19}: tp 2, fp 1, fn 0
    assert m["root_set_f1"] == pytest.approx(2 * (2 / 3) * 1 / (2 / 3 + 1))


def test_evaluate_ipe_per_class_and_example_f1():
    recs = [{"id": "d1", "gold": {"labels": ["ARREST", "ANY_ACTION"]}}, {"id": "d2", "gold": {"labels": []}},
            {"id": "d3", "gold": {"labels": ["KILL", "ANY_ACTION"]}}]
    preds = [[view(ipe_labels=["ARREST", "ANY_ACTION"])], [view(ipe_labels=["ANY_ACTION"])], []]
    m, _ = ev.score_ipe(recs, preds)
    assert m["ARREST_f1"] == 1.0
    assert m["KILL_f1"] == 0.0
    assert m["ANY_ACTION_f1"] == pytest.approx(0.5)  # tp 1, fp 1, fn 1
    assert m["example_f1"] == pytest.approx((1 + 0 + 0) / 3)


# ---------------------------------------------------------------- document event scorers


def muc_record(i, events):
    return {"id": f"m{i}", "text": "", "gold_events": events}


MUC_BOMBING = {
    "event_type": "BOMBING", "date": "1989-07-10", "date_from": "1989-07-10", "date_to": "1989-07-10",
    "location": {"name": "LIMA", "path": [{"name": "PERU"}, {"name": "LIMA"}]}, "fatalities": 2,
    "actors": [{"role": "perpetrator_organization", "name": "SHINING PATH", "alternatives": ["SENDERO LUMINOSO"]},
               {"role": "human_target_description", "name": "POLICEMEN", "alternatives": []}],
    "template": {"incident_instrument_id": ['"CAR BOMB"']},
}
MUC_KIDNAP = {
    "event_type": "KIDNAPPING", "date": None, "date_from": None, "date_to": "1989-07-09",
    "location": {"name": "COLOMBIA", "path": [{"name": "COLOMBIA"}]}, "fatalities": None,
    "actors": [{"role": "human_target_name", "name": "JUAN PEREZ", "alternatives": []}],
    "template": {},
}


def test_evaluate_muc34_detection_events_fields_and_gtt():
    recs = [muc_record(0, [MUC_BOMBING, MUC_KIDNAP]), muc_record(1, []), muc_record(2, [])]
    ours = [
        [
            view(muc_type="BOMBING", date="1989-07-11", places=["Lima"], perpetrators=["Shining Path"],
                 actor1_names=["Sendero Luminoso", "the Shining Path"], actor1_text="the Shining Path",
                 actor1_category="rebel group", targets=["policemen"], actor2_names=["Police", "policemen"],
                 actor2_text="policemen", fatalities=2, weapons=["car bomb"]),
            view(muc_type="ATTACK", places=["Colombia"]),  # wrong type for the kidnapping: not matched
        ],
        [view(muc_type="ATTACK", places=["Bogota"])],  # a false alarm
        [view(muc_type=None)],  # a protest: not a MUC incident, not counted
    ]
    m, _ = ev.score_muc34(recs, ours)
    assert (m["doc_precision"], m["doc_recall"]) == (0.5, 1.0)
    assert m["event_precision"] == pytest.approx(1 / 3) and m["event_recall"] == 0.5
    assert m["field_perpetrator"] == 1.0 and m["field_target"] == 1.0 and m["field_place"] == 1.0
    assert m["field_date_exact"] == 0.0  # off by one day
    assert m["field_date_in_range"] == 0.0
    assert m["field_fatalities"] == 1.0
    # GTT (its eval.py), the incident type counting as a slot: gold = 2 types + PerpOrg 1 + Victim 1 (JUAN
    # PEREZ; POLICEMEN is a HUM TGT: DESCRIPTION, which GTT does not score) + Weapon 1 = 5; ours = 3 types
    # (BOMBING, ATTACK, ATTACK) + PerpOrg 1 ('the Shining Path' names an organisation) + Weapon 1 = 5
    # ('policemen' names nobody, so no Victim). Only BOMBING aligns (ATTACK is not KIDNAPPING): type,
    # PerpOrg ('Shining Path' ~ 'SHINING PATH') and Weapon ('car bomb' ~ 'CAR BOMB') = 3. P 3/5, R 3/5.
    assert m["gtt_precision"] == pytest.approx(3 / 5) and m["gtt_recall"] == pytest.approx(3 / 5)
    assert m["gtt_f1"] == pytest.approx(3 / 5)
    assert m["gtt_perp_organization_f1"] == 1.0 and m["gtt_weapon_f1"] == 1.0
    assert m["gtt_victim_f1"] == 0.0
    assert m["gtt_incident_type_f1"] == pytest.approx(2 * (1 / 3) * 0.5 / (1 / 3 + 0.5))


def test_evaluate_muc34_gtt_victims_are_names_and_fillers_must_be_in_the_text():
    gold = {"event_type": "ATTACK", "actors": [
        {"role": "human_target_name", "name": "JOSE DIAZ", "alternatives": []},
        {"role": "human_target_description", "name": "MAYOR", "alternatives": [], "refers_to": ["JOSE DIAZ"]}]}
    # GTT scores HUM TGT: NAME only: the description 'the mayor' fills no slot; the name does.
    counts = ev.GttCounts()
    counts.add([gold], [view(muc_type="ATTACK", actor2_text="the mayor")])
    assert counts.n_gold["victim"] == 1 and counts.n_pred["victim"] == 0 and counts.r_num["victim"] == 0
    counts = ev.GttCounts()
    counts.add([gold], [view(muc_type="ATTACK", actor2_text="Mayor Jose Diaz")])
    assert counts.r_num["victim"] == 1 and counts.p_num["victim"] == 1
    # With a text, a key string the text does not contain is dropped, as GTT's preprocessing does.
    counts = ev.GttCounts()
    counts.add([gold], [view(muc_type="ATTACK")], text="THE MAYOR WAS SHOT DEAD.")
    assert counts.n_gold["victim"] == 0


def test_evaluate_muc34_gtt_searches_every_alignment_and_reads_raw_slots():
    # Two gold templates of one type, two predictions: the alignment with the best F1 wins, not the first.
    t1 = {"event_type": "ATTACK", "template": {"incident_type": ["ATTACK"], "perp_organization_id": ['"FMLN"'],
                                               "hum_tgt_name": ['? "ANA LOPEZ"'], "incident_instrument_id": ["-"]}}
    t2 = {"event_type": "ATTACK", "template": {"incident_type": ["ATTACK / BOMBING"], "perp_individual_id": ['"URBAN GUERRILLAS" / "GUERRILLAS"'],
                                               "phys_tgt_id": ['"POWER PYLONS"'], "incident_instrument_id": ['"DYNAMITE"']}}
    preds = [view(muc_type="ATTACK", actor1_text="URBAN GUERRILLAS", physical_targets=["power pylons"], weapons=["dynamite"]),
             view(muc_type="ATTACK", actor1_text="the FMLN", actor2_text="Ana Lopez")]
    counts = ev.GttCounts()
    counts.add([t1, t2], preds)
    # Optional ('?') fillers count, as in GTT; every slot of both templates is found.
    assert counts.p_num == counts.n_pred and counts.r_num == counts.n_gold
    assert counts.n_gold["victim"] == 1 and counts.n_gold["weapon"] == 1


def test_evaluate_wikievents_trigger_overlap_and_roles():
    text = "A car bomb exploded in Kabul, killing two soldiers."
    rec = {"id": "w1", "text": text, "gold_events": [
        {"event_type": "Conflict.Attack.DetonateExplode", "trigger": {"start": 11, "end": 19},
         "arguments": [{"role": "Place", "start": 23, "end": 28, "text": "Kabul"},
                       {"role": "Target", "start": 42, "end": 50, "text": "soldiers"}]},
        {"event_type": "Contact.Meet.Unspecified", "trigger": {"start": 0, "end": 1}, "arguments": []},
    ]}
    ours = [[view(event_type="Explosions/Remote violence", sub_event_type="Remote explosive/landmine/IED",
                  spans=[(18, 25)], places=["Kabul"], place_spans=[(23, 28)], targets=["Civilians"],
                  target_spans=[(30, 37)])]]
    m, _ = ev.score_kairos([rec], ours)
    assert m["event_precision"] == 1.0 and m["event_recall"] == 1.0  # the meeting is out of scope
    assert m["arg_place_f1"] == 1.0
    assert m["arg_target_f1"] == 0.0  # span 30-37 is 'killing', not 'soldiers'


def test_evaluate_rams_is_recall_only():
    rec = {"id": "r1", "text": "x" * 40, "gold": {"event_type": "conflict.attack.firearmattack",
                                                  "trigger": {"start": 5, "end": 10}, "arguments": []}}
    m, _ = ev.score_kairos([rec], [[view(spans=[(9, 12)])]])
    assert m["event_recall"] == 1.0 and "event_precision" not in m


# ---------------------------------------------------------------- toponyms, time, clean


def topo_record():
    return {"id": "g1", "text": "Floods hit Paris and Lyon.",
            "toponyms": [{"start": 11, "end": 16, "name": "Paris", "lat": 48.85, "lon": 2.35},
                         {"start": 21, "end": 25, "name": "Lyon", "lat": 45.76, "lon": 4.83},
                         {"start": None, "end": None, "name": "bad offsets"}]}


def test_evaluate_toponyms_perfect_and_empty():
    rec = topo_record()
    perfect = [{"start": 11, "end": 16, "lat": 48.85, "lon": 2.35}, {"start": 21, "end": 25, "lat": 45.76, "lon": 4.83}]
    m, _ = score_toponyms([rec], [perfect], [perfect])
    assert m["recognition_strict_f1"] == 1.0 and m["e2e_acc@161"] == 1.0 and m["given_auc"] == 0.0
    m, _ = score_toponyms([rec], [[]], [[]])
    assert m["recognition_overlap_recall"] == 0.0
    assert m["e2e_acc@161"] == 0.0 and m["e2e_mean_km"] == MAX_ERROR_KM and m["given_auc"] == pytest.approx(1.0)


def test_evaluate_toponyms_strict_end_to_end_pairs_only_exact_spans():
    rec = topo_record()
    # "Paris" found as "hit Paris" (overlapping, not exact) and resolved right; Lyon exact and right.
    pred = [{"start": 7, "end": 16, "lat": 48.85, "lon": 2.35}, {"start": 21, "end": 25, "lat": 45.76, "lon": 4.83}]
    m, _ = score_toponyms([rec], [pred], None, e2e_demonyms=[pred])
    assert m["e2e_acc@161"] == 1.0
    assert m["e2e_strict_acc@161"] == 0.5 and m["e2e_demonyms_strict_acc@161"] == 0.5


def test_evaluate_toponyms_one_character_overlap_and_distance():
    rec = topo_record()
    # 'Paris ' starting one character early overlaps; Lyon resolved 162 km north, Paris 160 km north.
    pred = [{"start": 10, "end": 12, "lat": north_of(48.85, 160.0), "lon": 2.35},
            {"start": 21, "end": 25, "lat": north_of(45.76, 162.0), "lon": 4.83},
            {"start": 0, "end": 6, "lat": 0.0, "lon": 0.0}]
    m, _ = score_toponyms([rec], [pred], None)
    assert m["recognition_strict_precision"] == pytest.approx(1 / 3) and m["recognition_strict_recall"] == 0.5
    assert m["recognition_overlap_precision"] == pytest.approx(2 / 3) and m["recognition_overlap_recall"] == 1.0
    assert m["e2e_acc@161"] == 0.5
    assert m["e2e_median_km"] == pytest.approx(161.0, abs=1e-6)
    assert "given_acc@161" not in m


def test_evaluate_time_strict_relaxed_and_value():
    rec = {"id": "t", "dct": "2013-03-11", "text": "",
           "timexes": [{"start": 0, "end": 9, "value": "2013-03-10", "type": "DATE"},
                       {"start": 20, "end": 30, "value": "2013-03", "type": "DATE"}]}
    pred = [{"start": 0, "end": 9, "value": "2013-03-09", "type": "DATE"},  # exact span, off by one day
            {"start": 29, "end": 35, "value": "2013-03", "type": "DATE"},  # overlaps by one character
            {"start": 50, "end": 55, "value": "P1D", "type": "DURATION"}]
    m, _ = score_time([rec], [pred])
    assert m["strict_precision"] == pytest.approx(1 / 3) and m["strict_recall"] == 0.5
    assert m["relaxed_precision"] == pytest.approx(2 / 3) and m["relaxed_recall"] == 1.0
    assert m["value_accuracy"] == 0.5
    assert m["value_f1"] == pytest.approx(2 * (1 / 3) * 0.5 / (1 / 3 + 0.5))
    empty, _ = score_time([rec], [[]])
    assert empty["relaxed_f1"] == 0.0


def test_evaluate_clean_shingles_by_hand():
    true = "one two three four five"
    # shingles of 4: (1234) (2345); pred "one two three four six": (1234) (2346) -> tp 1 fp 1 fn 1
    assert page_counts(true, "one two three four six", 4) == pytest.approx((1 / 3, 1 / 3, 1 / 3))
    recs = [{"id": "a", "text": true}, {"id": "b", "text": "alpha beta gamma delta"}]
    m, _ = score_clean(recs, [true, ""])
    # page a: P 1, R 1; page b: nothing predicted (not in the precision mean), R 0
    assert m["shingle_precision"] == 1.0 and m["shingle_recall"] == 0.5
    assert m["shingle_f1"] == pytest.approx(2 * 0.5 / 1.5)
    assert m["exact_match"] == 0.5


# ---------------------------------------------------------------- the format recogniser


SHAPES = {
    "ucdp": {"id": "1", "text": "t", "gold": {"event_type": "non-state conflict", "type_of_violence": 2}},
    "muc34": {"id": "2", "text": "t", "gold_events": [{"event_type": "ATTACK", "stage": "ACCOMPLISHED"}]},
    "plover": {"id": "3", "text": "t", "gold": {"event_type": "PROTEST", "markup": "(SRC: x)"}},
    "petrarch2": {"id": "4", "text": "t", "gold_events": [{"event_type": "042", "actors": []}]},
    "case2021": {"id": "5", "text": "t", "gold": {"label": "GRENADE"}},
    "ipe": {"id": "6", "text": "t", "gold": {"labels": []}},
    "wikievents": {"id": "7", "text": "t", "gold_events": [{"event_type": "Life.Die.Unspecified", "trigger": {}}]},
    "rams": {"id": "8", "text": "t", "gold": {"event_type": "life.die.n/a", "trigger": {}, "arguments": []}},
    "toponyms": {"id": "9", "text": "t", "toponyms": []},
    "tempeval": {"id": "10", "text": "t", "dct": "2013-01-01", "timexes": []},
    "article_extraction": {"id": "11", "html": "<p>t</p>", "text": "t"},
    "re3d": {"id": "12", "text": "t", "entities": [], "relations": []},
}


@pytest.mark.parametrize("fmt, rec", SHAPES.items())
def test_evaluate_recognise_each_shape(fmt, rec):
    assert record_format(rec) == fmt
    assert recognise([rec]) == fmt


def test_evaluate_recognise_by_majority_and_eventless_records():
    negative = {"id": "n", "text": "t", "gold_events": []}
    assert record_format(negative) is None
    assert recognise([negative, SHAPES["muc34"], negative]) == "muc34"
    assert recognise([{"id": "x", "text": "t", "gold_events": [], "meta": {"noevents": True}}]) == "petrarch2"


def test_evaluate_unknown_format_is_a_clear_error(tmp_path):
    path = tmp_path / "odd.jsonl"
    path.write_text('{"id": 1, "words": "no known shape"}\nnot json\n')
    with pytest.raises(EvaluationDataError) as err:
        load_gold(path)
    assert err.value.code == "CW601"


def test_evaluate_load_gold_names_dataset_skips_bad_lines_and_checks_task(tmp_path):
    folder = tmp_path / "my_time_set"
    folder.mkdir()
    path = folder / "dev.jsonl"
    path.write_text(json.dumps(SHAPES["tempeval"]) + "\n{broken\n" + json.dumps(SHAPES["tempeval"]) + "\n")
    gold = load_gold(path, limit=5)
    assert (gold.dataset, gold.task, len(gold.records), gold.bad_lines) == ("my_time_set", "time", 2, [2])
    with pytest.raises(EvaluationDataError):
        load_gold(path, task="events")


# ---------------------------------------------------------------- the command, end to end


def cli(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "conflictwire", "evaluate", *args], capture_output=True, text=True,
                          cwd=cwd, timeout=300)


@pytest.fixture(scope="module")
def gold_dir(tmp_path_factory):
    root = tmp_path_factory.mktemp("gold")
    (root / "tiny_time").mkdir()
    (root / "tiny_time" / "dev.jsonl").write_text(json.dumps(
        {"id": "T1", "dct": "2013-03-11", "text": "Talks resumed on Monday, March 11, 2013.",
         "timexes": [{"start": 17, "end": 39, "text": "Monday, March 11, 2013", "value": "2013-03-11", "type": "DATE"}]}) + "\n")
    (root / "tiny_clean").mkdir()
    body = "Rebels shelled the northern town overnight, officials said on Tuesday morning."
    (root / "tiny_clean" / "dev.jsonl").write_text(json.dumps(
        {"id": "C1", "html": f"<html><body><nav>Home | World | Sport</nav><article><p>{body}</p></article>"
                             "<footer>Copyright 2024</footer></body></html>", "text": body}) + "\n")
    return root


def test_evaluate_cli_json_has_stable_keys_and_writes_errors(gold_dir, tmp_path):
    errors = tmp_path / "misses.jsonl"
    res = cli(str(gold_dir / "tiny_time" / "dev.jsonl"), "--json", "--errors", str(errors))
    assert res.returncode == 0, res.stderr
    out = json.loads(res.stdout)
    assert {"dataset", "task", "n", "metrics", "baseline"} <= set(out)
    assert (out["dataset"], out["task"], out["n"]) == ("tiny_time", "time", 1)
    # The baseline pattern finds 'Monday' and 'March 11, 2013' but not the whole span: relaxed match only.
    assert out["baseline"]["strict_recall"] == 0.0 and out["baseline"]["relaxed_recall"] == 1.0
    for line in errors.read_text().splitlines():
        miss = json.loads(line)
        assert {"dataset", "id", "text", "gold", "ours"} <= set(miss)


def test_evaluate_cli_all_writes_a_scorecard(gold_dir, tmp_path):
    card = tmp_path / "scorecard.md"
    res = cli("--all", str(gold_dir), "--out", str(card))
    assert res.returncode == 0, res.stderr
    text = card.read_text()
    assert "## tiny_time" in text and "## tiny_clean" in text
    assert "trafilatura" in text and "shingle_f1" in text
    assert "| dataset | task | n | metric | ours | cross-validated | baseline |" in text


@pytest.mark.parametrize("args", [[], ["--task", "weather", "x.jsonl"], ["missing.jsonl"]])
def test_evaluate_cli_bad_arguments_fail_with_one_line(args, tmp_path):
    res = cli(*args, cwd=tmp_path)
    assert res.returncode == 1
    assert res.stderr.strip().count("\n") == 0 and "error" in res.stderr


def test_evaluate_confidence_curve_trades_recall_for_precision():
    from conflictwire.evaluate.runner import confidence_curve

    recs = [muc_record(0, [MUC_BOMBING]), muc_record(1, [])]
    views = [[view(muc_type="BOMBING", confidence=0.8)], [view(muc_type="ATTACK", confidence=0.3)]]
    curve = {round(p["min_confidence"], 1): p for p in confidence_curve("muc34", ev.score_muc34, recs, views)}
    assert (curve[0.0]["precision"], curve[0.0]["recall"]) == (0.5, 1.0)
    assert (curve[0.5]["precision"], curve[0.5]["recall"]) == (1.0, 1.0)
    assert (curve[0.9]["precision"], curve[0.9]["recall"]) == (0.0, 0.0)
    assert confidence_curve("plover", ev.score_plover, [], []) == []


def test_evaluate_deadline_abandons_a_stuck_call():
    import time as _time

    from conflictwire.evaluate.runner import RecordTimeout, run_with_deadline

    assert run_with_deadline(lambda: 7, 1.0) == 7
    with pytest.raises(RecordTimeout):
        run_with_deadline(lambda: _time.sleep(5), 0.2)


def test_evaluate_entity_set_is_reported_not_scored(tmp_path):
    from conflictwire.evaluate import evaluate_file

    path = tmp_path / "ner.jsonl"
    path.write_text(json.dumps(SHAPES["re3d"]) + "\n")
    result = evaluate_file(path)
    assert (result.task, result.metrics, result.failed) == ("ner", {}, None)
    assert "not scored" in result.notes[0]


def test_evaluate_events_through_the_real_pipeline(tmp_path):
    """Two hand-written headlines in the UCDP shape, scored end to end (spaCy, events, geo, time)."""
    from conflictwire.evaluate import evaluate_file

    recs = [
        {"id": "h1", "text": "Gunmen kill three police officers in an ambush near Culiacan", "published": "2021-05-04",
         "gold": {"event_type": "one-sided violence", "type_of_violence": 3,
                  "actors": [{"role": "side_a", "name": "Sinaloa Cartel"}, {"role": "side_b", "name": "Civilians"}],
                  "location": {"name": "Culiacán", "admin1": "Sinaloa state", "lat": 24.80, "lon": -107.39},
                  "date": "2021-05-03", "date_end": "2021-05-03", "fatalities": 3}},
        {"id": "h2", "text": "Weather stays mild across the region this week", "published": "2021-05-04",
         "gold": {"event_type": "non-state conflict", "type_of_violence": 2, "actors": [],
                  "location": {"name": "x", "lat": 0.0, "lon": 0.0}, "date": "2021-05-01", "fatalities": 1}},
        # A malformed record (its text is a number) is skipped and counted; the batch goes on.
        {"id": 3, "text": 1234, "gold": {"event_type": "non-state conflict", "type_of_violence": 2}},
    ]
    path = tmp_path / "heads.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in recs))
    seen = []
    result = evaluate_file(path, on_record=lambda: seen.append(1))
    assert (result.format, result.task, result.n, len(seen)) == ("ucdp", "events", 2, 2)
    assert "1 lines were not JSON records with a text" in result.notes[0]
    assert result.failed is None
    assert set(result.metrics) >= {"type_accuracy", "location_within_161km", "fatalities_exact", "actor_match"}
    assert all(0.0 <= v <= 1.0 for v in result.metrics.values())
    assert result.baseline["date_exact"] == 0.0  # the publication date is a day late for both dated records
    # No pipeline places the weather headline at 0,0: it is among the misses, with its text beside gold and ours.
    misses = {m["id"]: m for m in result.worst_misses()}
    assert misses["h2"]["text"].startswith("Weather") and misses["h2"]["gold"]["type"] == "non-state conflict"
    assert json.loads(json.dumps(result.to_json()))["n"] == 2


def test_evaluate_scorecard_shows_baseline_anchor_bar_and_training_marks():
    from datetime import datetime, timezone

    from conflictwire.evaluate.runner import EvalResult
    from conflictwire.evaluate.scorecard import render

    results = [
        EvalResult(dataset="case2021_task2", task="events", format="case2021", n=3,
                   metrics={"weighted_f1": 0.9, "macro_f1": 0.8}, baseline={"weighted_f1": 0.1, "macro_f1": 0.05},
                   seconds=2.0, cpu_seconds=1.0),
        EvalResult(dataset="lgl", task="toponyms", format="toponyms", n=2,
                   metrics={"e2e_acc@161": 0.5, "e2e_median_km": 12.5}, baseline={"e2e_acc@161": 0.25}),
        EvalResult(dataset="re3d", task="ner", format="re3d", n=1, notes=["not scored: entity set"]),
    ]
    trained = {"case2021_task2": {"type": {"weighted_f1": 0.7468}}}
    text = render(results, command="conflictwire evaluate --all gold", total_seconds=3.0, commit="abc1234",
                  when=datetime(2026, 1, 2, 3, 4, tzinfo=timezone.utc), trained=trained, trained_protocol="5-fold")
    assert "`conflictwire evaluate --all gold`" in text and "2026-01-02 03:04 UTC" in text and "`abc1234`" in text
    # The head's k-fold figure of the very headline metric stands beside the training-data figure.
    assert "| case2021_task2 † | events | 3 | weighted_f1 | 0.900 | 0.747 | 0.100 | 0.780 | 0.771 | 2 / 1 |" in text
    assert "|  |  |  | macro_f1 | 0.800 | — | 0.050 |" in text
    assert "- head `type`: weighted_f1 0.747" in text
    assert "| e2e_median_km (lower is better) | 12.5 | — |" in text
    assert "| re3d | ner | 1 | not scored |" in text
