"""Dedup logic on hand-built articles and events (no store)."""

from __future__ import annotations

import itertools
import random
from datetime import date, timedelta

import pytest

from conflictwire import dedup
from conflictwire.dedup import DedupThresholds, NearDuplicateIndex
from conflictwire.schema import Actor, Place

from conftest import article_text, build_article, build_event


def _index_with(*articles) -> NearDuplicateIndex:
    index = NearDuplicateIndex()
    for article in articles:
        signature = dedup.article_signature(article.text)
        assert signature is not None
        index.add(article.id, signature)
    return index


def _edit(text: str, every: int) -> str:
    """Replace every ``every``-th word: the light edits a site makes to a wire story."""
    words = text.split()
    return " ".join("changed" if i % every == every - 1 else w for i, w in enumerate(words))


def test_dedup_near_duplicate_found_for_lightly_edited_copy():
    original = build_article("wire", text=article_text(1, 400))
    copy = build_article("copy", text="Posted by Site B. " + _edit(original.text, 60) + " Share this story.")
    assert dedup.find_near_duplicate(copy, _index_with(original)) == "wire"


def test_dedup_truncated_copy_found_by_containment():
    original = build_article("wire", text=article_text(2, 600))
    first_part = " ".join(original.text.split()[:250])
    copy = build_article("short", text=first_part)
    assert dedup.find_near_duplicate(copy, _index_with(original)) == "wire"


def test_dedup_different_story_is_not_a_duplicate():
    a = build_article("a", text=article_text(3, 300))
    b = build_article("b", text=article_text(4, 300))
    assert dedup.find_near_duplicate(b, _index_with(a)) is None


def test_dedup_article_is_not_its_own_duplicate():
    a = build_article("a", text=article_text(5, 300))
    assert dedup.find_near_duplicate(a, _index_with(a)) is None


def test_dedup_short_text_is_not_compared():
    assert dedup.article_signature("Clashes were reported.") is None


def test_dedup_signature_survives_bytes_round_trip():
    signature = dedup.article_signature(article_text(6, 200))
    restored = dedup.Signature.from_bytes(signature.to_bytes(), signature.shingles)
    assert restored.minhash.jaccard(signature.minhash) == 1.0


@pytest.mark.parametrize(
    "raw, normalised",
    [
        ("The Islamic State", "islamic state"),
        ("ISLAMIC  STATE", "islamic state"),
        ("Forças Armadas", "forcas armadas"),
        ("al-Shabaab", "al shabaab"),
        ("  ", ""),
    ],
)
def test_dedup_normalise_actor_name(raw, normalised):
    assert dedup.normalise_actor_name(raw) == normalised


def test_dedup_haversine_one_degree_of_latitude():
    assert dedup.haversine_km(10.0, 20.0, 11.0, 20.0) == pytest.approx(111.2, abs=0.2)


SAME = dict(event_type="Battles", day="2015-03-10", place="Norvale", actor1="Eastern Brigade")


@pytest.mark.parametrize(
    "changes, expected_cue",
    [
        ({}, "same day"),
        ({"day": "2015-03-11"}, "dates 1 day apart"),
        ({"place": "Norvale East"}, "km apart"),
        ({"actor1": "the eastern brigade"}, "shared actor"),
        ({"actor1": "Eastern Brigades"}, "similar actors"),
        ({"actor1": None}, "no actor named in one report"),
        ({"sub_event_type": "Government regains territory"}, "sub-types"),
    ],
)
def test_dedup_compare_events_links_reports_of_one_event(changes, expected_cue):
    a = build_event("a1", **SAME)
    b = build_event("a2", **{**SAME, **changes})
    reasons = dedup.compare_events(a, b)
    assert reasons is not None
    assert any(expected_cue in r for r in reasons)


@pytest.mark.parametrize(
    "changes",
    [
        {"event_type": "Protests", "sub_event_type": "Peaceful protest"},
        {"day": "2015-03-13"},
        {"day": None},
        {"place": "Brightwater"},
        {"place": None},
        {"actor1": "Western Front"},
        {"actor1": "Eastern Brigade 2"},
    ],
)
def test_dedup_compare_events_keeps_different_events_apart(changes):
    a = build_event("a1", **SAME)
    b = build_event("a2", **{**SAME, **changes})
    assert dedup.compare_events(a, b) is None


def test_dedup_compare_events_ignores_events_of_the_same_article():
    assert dedup.compare_events(build_event("a1", 0, **SAME), build_event("a1", 1, **SAME)) is None


def test_dedup_same_geonameid_is_the_same_place_even_without_coordinates():
    a = build_event("a1", **SAME).model_copy(update={"location": Place(name="X", geonameid=42)})
    b = build_event("a2", **SAME).model_copy(update={"location": Place(name="Y", geonameid=42)})
    assert "GeoNames 42" in " ".join(dedup.compare_events(a, b))


def test_dedup_date_ranges_that_overlap_match():
    a = build_event("a1", **{**SAME, "day": "2015-03-04"}).model_copy(update={"date_end": date(2015, 3, 9)})
    b = build_event("a2", **{**SAME, "day": "2015-03-10"})
    assert dedup.compare_events(a, b) is not None


def test_dedup_merge_events_keeps_every_source_and_the_fatality_spread():
    reports = [
        build_event("a1", fatalities=10, actor2="Army"),
        build_event("a2", fatalities=20, actor1="Eastern Brigade", actor2="Police"),
        build_event("a3", fatalities=12).model_copy(update={"fatalities_low": 8, "fatalities_high": 30}),
        build_event("a4", fatalities=None),
    ]
    merged = dedup.merge_events(reports, "a1-e0")
    assert merged.event_id == "a1-e0"
    assert merged.article_ids == ["a1", "a2", "a3", "a4"]
    assert merged.source_count == 4
    assert (merged.fatalities_low, merged.fatalities, merged.fatalities_high) == (8, 12, 30)
    assert merged.actor2.name == "Army"
    assert [a.name for a in merged.assoc_actor2] == ["Police"]
    assert len(merged.evidence) == 4


def test_dedup_merge_events_takes_fields_from_the_most_precise_report():
    vague = build_event("a1", fatalities=3).model_copy(update={"time_precision": 3, "notes": "vague"})
    exact = build_event("a2", fatalities=3).model_copy(update={"time_precision": 1, "notes": "exact"})
    assert dedup.merge_events([vague, exact], "a1-e0").notes == "exact"


def test_dedup_merge_of_one_event_is_itself_with_one_source():
    event = build_event("a1")
    merged = dedup.merge_events([event])
    assert merged.model_dump(exclude={"article_ids"}) == event.model_dump(exclude={"article_ids"})
    assert merged.article_ids == ["a1"]


def test_dedup_cluster_events_single_link_with_reasons():
    events = [
        build_event("a1", place="Norvale"),
        build_event("a2", place="Norvale East", day="2015-03-11"),
        build_event("a3", place="Brightwater"),
        build_event("a4", place="Norvale", event_type="Protests", sub_event_type="Peaceful protest"),
    ]
    clusters, links = dedup.cluster_events(events)
    assert clusters == [[0, 1], [2], [3]]
    assert len(links) == 1 and links[0].event_id == "a2-e0" and links[0].linked_event_id == "a1-e0"


def _random_events(seed: int, n: int) -> list:
    rng = random.Random(seed)
    events = []
    for i in range(n):
        lat, lon = 34.0 + rng.random() * 0.6, 43.0 + rng.random() * 0.6
        event = build_event(
            f"art{i // 2}", i % 2,
            event_type=rng.choice(["Battles", "Protests"]),
            sub_event_type="x",
            day=(date(2015, 3, 1) + timedelta(days=rng.randint(0, 10))).isoformat(),
            actor1=rng.choice(["Eastern Brigade", "Western Front", None]),
        )
        gid = rng.choice([None, None, 7, 8])
        events.append(event.model_copy(update={"location": Place(name="p", latitude=lat, longitude=lon, geonameid=gid)}))
    return events


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_dedup_cluster_events_blocking_finds_every_pair_brute_force_finds(seed):
    events = _random_events(seed, 160)
    thresholds = DedupThresholds(max_km=15.0)
    _, links = dedup.cluster_events(events, thresholds)
    found = {frozenset((lk.event_id, lk.linked_event_id)) for lk in links}
    brute = {
        frozenset((a.event_id, b.event_id))
        for a, b in itertools.combinations(events, 2)
        if dedup.compare_events(a, b, thresholds) is not None
    }
    assert brute, "the random events should contain some matches"
    assert found == brute


def test_dedup_cluster_events_do_not_depend_on_order():
    events = _random_events(4, 120)
    clusters, _ = dedup.cluster_events(events)
    shuffled = events[:]
    random.Random(0).shuffle(shuffled)
    clusters2, _ = dedup.cluster_events(shuffled)
    as_ids = lambda cl, evs: dedup.pairs_in([[evs[i].event_id for i in c] for c in cl])  # noqa: E731
    assert as_ids(clusters, events) == as_ids(clusters2, shuffled)


def test_dedup_actor_names_cover_every_role():
    event = build_event("a1", actor1="A One", actor2="B Two").model_copy(
        update={"assoc_actor1": [Actor(text="c", name="C Three")]}
    )
    assert dedup.actor_names(event) == ["a one", "b two", "c three"]


def test_dedup_events_dated_only_to_a_month_are_not_merged_on_their_date():
    from conflictwire.dedup import compare_dates

    a = build_event("a1", day="2015-03-10")
    vague = build_event("a2", day="2015-03-01")
    vague.date_end = vague.event_date.replace(day=31)
    assert compare_dates(a, vague, 1) is None
    assert compare_dates(a, build_event("a3", day="2015-03-11"), 1) == "dates 1 day apart"


# --- one event typed two ways by two reports ---------------------------------------------------------


@pytest.mark.parametrize(
    "changes, expected",
    [
        # A killing is an "Attack" in one report and an "Armed clash" in another: one event when the
        # reports share an actor ...
        ({"event_type": "Violence against civilians", "sub_event_type": "Attack"}, "of one family"),
        # ... or, naming nobody in common, close death tolls.
        ({"event_type": "Explosions/Remote violence", "sub_event_type": "Air/drone strike", "actor1": None,
          "fatalities": 5}, "fatalities 4 / 5"),
        ({"event_type": "Violence against civilians", "sub_event_type": "Attack", "actor1": None}, "same fatalities"),
    ],
)
def test_dedup_compare_events_joins_types_of_one_family_with_a_shared_cue(changes, expected):
    a = build_event("a1", **SAME)
    b = build_event("a2", **{**SAME, **changes})
    reasons = dedup.compare_events(a, b)
    assert reasons is not None and any(expected in r for r in reasons), reasons


@pytest.mark.parametrize(
    "a_changes, b_changes",
    [
        # Another type of the family, nobody in common, tolls far apart: a place and a day are not enough.
        ({}, {"event_type": "Violence against civilians", "sub_event_type": "Attack", "actor1": None, "fatalities": 20}),
        ({}, {"event_type": "Violence against civilians", "sub_event_type": "Attack", "actor1": None, "fatalities": None}),
        # Demonstrations and political violence are no family.
        ({}, {"event_type": "Riots", "sub_event_type": "Mob violence"}),
        # Strategic developments merge only with their own type.
        ({"event_type": "Strategic developments", "sub_event_type": "Arrests"},
         {"event_type": "Strategic developments", "sub_event_type": "Looting/property destruction"}),
    ],
)
def test_dedup_compare_events_keeps_other_types_apart(a_changes, b_changes):
    a = build_event("a1", **{**SAME, **a_changes})
    b = build_event("a2", **{**SAME, **a_changes, **b_changes})
    assert dedup.compare_events(a, b) is None


def test_dedup_protest_and_riot_reports_of_one_crowd_merge():
    a = build_event("a1", event_type="Protests", sub_event_type="Peaceful protest", actor1="Teachers Union", fatalities=None)
    b = build_event("a2", event_type="Riots", sub_event_type="Violent demonstration", actor1="teachers union", fatalities=None)
    assert "of one family (demonstrations)" in dedup.compare_events(a, b)[0]


def test_dedup_cluster_events_finds_family_links_across_types():
    a = build_event("a1", **SAME)
    b = build_event("a2", **{**SAME, "event_type": "Violence against civilians", "sub_event_type": "Attack"})
    c = build_event("a3", **{**SAME, "event_type": "Protests", "sub_event_type": "Peaceful protest"})
    clusters, links = dedup.cluster_events([a, b, c])
    assert clusters == [[0, 1], [2]]
    assert len(links) == 1


@pytest.mark.parametrize("length, mergeable", [(0, True), (7, True), (8, False), (400, False)])
def test_dedup_mergeable_span_stops_at_a_week(length, mergeable):
    event = build_event("a1", day="2015-03-01")
    event.date_end = event.event_date + timedelta(days=length)
    assert (dedup.mergeable_span(event) is not None) is mergeable


# --- placeholder actors (ACLED's "Unidentified Armed Group", "Civilians", "Protesters") -------------------


@pytest.mark.parametrize(
    "actor1, actor2",
    [
        ("Unidentified Armed Group (Norland)", None),  # "gunmen" in one report, the group named in the other
        ("Unidentified Armed Group", "Civilians"),
        (None, "Civilians (Norland)"),  # only the victims named
        ("Protesters", None),
    ],
)
def test_dedup_compare_events_placeholder_actors_do_not_contradict_a_named_actor(actor1, actor2):
    a = build_event("a1", **SAME)
    b = build_event("a2", **{**SAME, "actor1": actor1, "actor2": actor2})
    reasons = dedup.compare_events(a, b)
    assert reasons is not None and "no identified actor in one report" in reasons


@pytest.mark.parametrize(
    "actor1, actor2",
    [
        ("Western Front", "Civilians"),  # a named group that is not the other report's group
        ("Unidentified Armed Group", "Western Front"),
        ("Unidentified Armed Groupies Club", None),  # not the placeholder, only starts like it
    ],
)
def test_dedup_compare_events_a_different_named_actor_still_keeps_events_apart(actor1, actor2):
    a = build_event("a1", **SAME)
    b = build_event("a2", **{**SAME, "actor1": actor1, "actor2": actor2})
    assert dedup.compare_events(a, b) is None


def test_dedup_placeholder_only_report_of_another_type_still_needs_a_close_toll():
    # Same type: placeholders on one side merge. Another type of the family needs a shared actor
    # or a close toll; a report naming only "Unidentified Armed Group" shares no actor.
    a = build_event("a1", **{**SAME, "actor1": "Unidentified Armed Group", "fatalities": 3})
    b = build_event("a2", **{**SAME, "event_type": "Violence against civilians", "sub_event_type": "Attack",
                             "fatalities": 30})
    assert dedup.compare_events(a, b) is None
    assert dedup.compare_events(a, b.model_copy(update={"fatalities": 4})) is not None


def test_dedup_cluster_events_joins_a_named_and_an_unnamed_report():
    named = build_event("a1", **SAME)
    unnamed = build_event("a2", **{**SAME, "actor1": "Unidentified Armed Group"})
    other_place = build_event("a3", **{**SAME, "actor1": "Unidentified Armed Group", "place": "Brightwater"})
    clusters, _ = dedup.cluster_events([named, unnamed, other_place])
    assert clusters == [[0, 1], [2]]


def test_dedup_a_protest_and_a_riot_at_one_place_and_day_merge_without_a_shared_actor():
    # One demonstration, violent in one report: ACLED codes one event per place and day.
    a = build_event("a1", event_type="Protests", sub_event_type="Peaceful protest", actor1=None, fatalities=None)
    b = build_event("a2", event_type="Riots", sub_event_type="Violent demonstration", actor1="Rioters", fatalities=3)
    reasons = dedup.compare_events(a, b)
    assert reasons is not None and "of one family (demonstrations)" in reasons[0]
    # Other groups named on both sides still keep two demonstrations apart.
    a2 = build_event("a1", event_type="Protests", sub_event_type="Peaceful protest", actor1="Teachers Union", fatalities=None)
    b2 = build_event("a2", event_type="Riots", sub_event_type="Violent demonstration", actor1="Farmers Union", fatalities=None)
    assert dedup.compare_events(a2, b2) is None
    # A battle and an attack on civilians in one town on one day still need a shared cue.
    v1 = build_event("a1", event_type="Battles", sub_event_type="Armed clash", actor1=None, fatalities=None)
    v2 = build_event("a2", event_type="Violence against civilians", sub_event_type="Attack", actor1=None, fatalities=None)
    assert dedup.compare_events(v1, v2) is None


@pytest.mark.parametrize("a_modality, b_modality, merges", [
    ("asserted", "claimed", True),
    ("asserted", "uncertain", True),
    ("planned", "planned", True),
    ("denied", "denied", True),
    # "Unions threatened a general strike" is not the strike; a denial is not the report it denies.
    ("asserted", "planned", False),
    ("asserted", "denied", False),
])
def test_dedup_compare_events_joins_only_reports_of_one_modality_kind(a_modality, b_modality, merges):
    a = build_event("a1", **SAME, modality=a_modality)
    b = build_event("a2", **SAME, modality=b_modality)
    assert (dedup.compare_events(a, b) is not None) is merges
    clusters, _ = dedup.cluster_events([a, b])
    assert (clusters == [[0, 1]]) is merges


def _state(name: str, country: str):
    from conflictwire.schema import Actor

    return Actor(text=name, name=name, category="state forces", country=country)


def _group(name: str):
    from conflictwire.schema import Actor

    return Actor(text=name, name=name, category="rebel group")


@pytest.mark.parametrize("a_actors, b_actors, merges", [
    # "security forces" in one report, "the police" in the next: the state of one country.
    ((_state("Military Forces of Norland", "NL"), None), (_state("Police Forces of Norland", "NL"), None), True),
    ((_state("Military Forces of Norland", "NL"), _group("Western Front")),
     (_state("Police Forces of Norland", "NL"), _group("Western Front")), True),
    # Another country's forces, or another named group on both sides: other events.
    ((_state("Military Forces of Norland", "NL"), None), (_state("Police Forces of Sudland", "SL"), None), False),
    ((_state("Military Forces of Norland", "NL"), _group("Western Front")),
     (_state("Police Forces of Norland", "NL"), _group("Eastern Brigade")), False),
])
def test_dedup_two_branches_of_one_state_do_not_contradict(a_actors, b_actors, merges):
    a = build_event("a1", **SAME).model_copy(update={"actor1": a_actors[0], "actor2": a_actors[1]})
    b = build_event("a2", **SAME).model_copy(update={"actor1": b_actors[0], "actor2": b_actors[1]})
    reasons = dedup.compare_events(a, b)
    assert (reasons is not None) is merges
    if merges and a_actors[1] is None:
        assert "state forces of one country (NL)" in reasons
    # Not a shared actor: another type of the family still needs a shared name or a close toll.
    c = b.model_copy(update={"event_type": "Violence against civilians", "sub_event_type": "Attack", "fatalities": 40})
    if a_actors[1] is None:
        assert dedup.compare_events(a, c) is None
