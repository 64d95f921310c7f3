"""One event, several mentions (events/mentions.py): which candidates of one article are one event.

Hand-built candidates for the rule itself (fast, no model), then two hand-written articles through
the real events stage (spaCy and the installed heads).
"""

from __future__ import annotations

import pytest

from conflictwire.events.detect import Candidate, TriggerRule
from conflictwire.events.mentions import (
    compatible_types,
    days_conflict,
    explain_merge,
    merge_mentions,
    places_conflict,
    refers_back,
)
from conflictwire.events.modality import Status
from conflictwire.schema import Span

# (sentence, trigger word, sub-event type, modality, places, dates[, confidence])
M = tuple


def candidates(*mentions: M) -> list[Candidate]:
    """Candidates of one made-up article, one sentence each unless a sentence repeats the previous one."""
    out, offset, last = [], 0, None
    for mention in mentions:
        sentence, trigger, sub, modality, places, dates, *rest = mention
        if sentence != last:
            start = offset
            offset += len(sentence) + 1
        last = sentence
        at = sentence.index(trigger)
        out.append(Candidate(
            sentence=Span(start=start, end=start + len(sentence), text=sentence),
            trigger=Span(start=start + at, end=start + at + len(trigger), text=trigger),
            rule=TriggerRule(trigger.lower(), "ANY", sub, 3.0, ()),
            status=Status(modality, f"test:{modality}"),
            sub_event_type=sub,
            confidence=rest[0] if rest else 0.5,
            places=frozenset(places),
            dates=frozenset(dates),
        ))
    return out


def groups(cands: list[Candidate]) -> list[list[str]]:
    """The trigger words of each merged event, in order."""
    return [[trigger.text for _, trigger in event.mentions] for event in merge_mentions(cands)]


CASES = [
    # --- one event --------------------------------------------------------------------------------------
    ("same sub-event type, nothing in conflict",
     [("Gunmen attacked a village near Dori on Monday.", "attacked", "Attack", "asserted", ["dori"], ["monday"]),
      ("The gunmen killed seven villagers, residents said.", "killed", "Attack", "asserted", [], [])],
     [["attacked", "killed"]]),
    ("an Attack and an Armed clash sharing their place",
     [("Militants killed five soldiers in Kaduna on Friday.", "killed", "Attack", "asserted", ["kaduna"], ["friday"]),
      ("Fighting around Kaduna went on for hours.", "Fighting", "Armed clash", "asserted", ["kaduna"], [])],
     [["killed", "Fighting"]]),
    ("an Attack and an Armed clash sharing the death toll",
     [("Militants killed 14 people on Friday.", "killed", "Attack", "asserted", [], ["friday"]),
      ("The 14 dead included two soldiers who fought back.", "fought", "Armed clash", "asserted", [], [])],
     [["killed", "fought"]]),
    ("a back reference of another type joins the event told with its day",
     [("Drones struck a market in Idlib on Sunday.", "struck", "Air/drone strike", "asserted", ["idlib"], ["sunday"]),
      ("Rights groups condemned the attack.", "attack", "Attack", "asserted", [], [])],
     [["struck", "attack"]]),
    ("a back reference goes past background to the event with a day",
     [("Rebels attacked an army post near Beni on Tuesday.", "attacked", "Armed clash", "asserted", ["beni"], ["tuesday"]),
      ("Rebels have fought the army in the area for years.", "fought", "Armed clash", "asserted", [], ["years"]),
      ("Doctors treated the wounded at a clinic.", "wounded", "Attack", "asserted", [], [])],
     [["attacked", "wounded"], ["fought"]]),
    ("a protest and a riot about one crowd in one town",
     [("Students marched in Kisumu on Monday.", "marched", "Peaceful protest", "asserted", ["kisumu"], ["monday"]),
      ("Some of the crowd torched cars in Kisumu.", "torched", "Violent demonstration", "asserted", ["kisumu"], [])],
     [["marched", "torched"]]),
    ("a country contains the town: no conflict",
     [("Boko Haram fighters raided Gwoza on Monday.", "raided", "Attack", "asserted", ["gwoza"], ["monday"]),
      ("Nigeria has seen many such raids, and this one killed nine.", "raids", "Attack", "asserted", ["nigeria"], [])],
     [["raided", "raids"]]),
    ("a region named with its town is one place",
     [("Troops clashed with rebels in Kidal on Monday.", "clashed", "Armed clash", "asserted", ["kidal"], ["monday"]),
      ("The clashes in the Kidal region lasted hours.", "clashes", "Armed clash", "asserted", ["the kidal region"], [])],
     [["clashed", "clashes"]]),
    ("a weekday and a calendar date cannot contradict each other",
     [("Police arrested 20 protesters on Monday.", "arrested", "Arrests", "asserted", [], ["monday"]),
      ("The arrests of March 3 drew criticism.", "arrests", "Arrests", "asserted", [], ["march 3"])],
     [["arrested", "arrests"]]),
    ("a body sentence with no day or place of its own elaborates the dated event",
     [("Gunmen raided Dori on Monday, killing nine.", "raided", "Attack", "asserted", ["dori"], ["monday"]),
      ("Witnesses said soldiers fought back for hours.", "fought", "Armed clash", "asserted", [], [])],
     [["raided", "fought"]]),
    ("no elaboration of an event told without a day",
     [("Gunmen raided Dori, killing nine.", "raided", "Attack", "asserted", ["dori"], []),
      ("Witnesses said soldiers fought back for hours.", "fought", "Armed clash", "asserted", [], [])],
     [["raided"], ["fought"]]),
    ("a place the recogniser missed in one sentence is still written there",
     [("On Sunday, al-Qaeda in the Arabian Peninsula raided homes near Taiz.", "raided", "Armed clash", "asserted",
       ["the arabian peninsula"], ["sunday"]),
      ("A trader in Taiz said families fled at the first explosions.", "explosions", "Remote explosive/landmine/IED",
       "asserted", ["taiz"], [])],
     [["raided", "explosions"]]),
    ("a day written but not recognised still anchors elaborations",
     [("Earlier today, gunmen stormed a village near Quetta.", "stormed", "Attack", "asserted", ["quetta"], []),
      ("Witnesses said soldiers fought back for hours.", "fought", "Armed clash", "asserted", [], [])],
     [["stormed", "fought"]]),
    ("a claim of the attack the lead asserts",
     [("A bomb exploded in Mogadishu on Saturday.", "exploded", "Remote explosive/landmine/IED", "asserted", ["mogadishu"], ["saturday"]),
      ("Al-Shabaab said it planted the bomb in Mogadishu.", "planted", "Remote explosive/landmine/IED", "claimed", ["mogadishu"], [])],
     [["exploded", "planted"]]),
    ("'earlier today' says when, not that it is another event",
     [("Gunmen shot dead three traders in Jos earlier today.", "shot", "Attack", "asserted", ["jos"], ["today"]),
      ("Earlier today, the gunmen also shot a guard in Jos.", "shot", "Attack", "asserted", ["jos"], ["today"])],
     [["shot", "shot"]]),
    # --- two events --------------------------------------------------------------------------------------
    ("another day: Tuesday and Wednesday",
     [("Troops retook the town of Alvara on Tuesday.", "retook", "Government regains territory", "asserted", ["alvara"], ["tuesday"]),
      ("On Wednesday, troops retook the village of Alvara too.", "retook", "Government regains territory", "asserted", ["alvara"], ["wednesday"])],
     [["retook"], ["retook"]]),
    ("another place",
     [("Gunmen killed four farmers in Kauru on Sunday.", "killed", "Attack", "asserted", ["kauru"], ["sunday"]),
      ("Gunmen also killed two herders in Lere.", "killed", "Attack", "asserted", ["lere"], [])],
     [["killed"], ["killed"]]),
    ("different calendar dates",
     [("A car bomb hit Baghdad on May 3.", "bomb", "Remote explosive/landmine/IED", "asserted", ["baghdad"], ["may 3"]),
      ("A car bomb hit Baghdad on May 9.", "bomb", "Remote explosive/landmine/IED", "asserted", ["baghdad"], ["may 9"])],
     [["bomb"], ["bomb"]]),
    ("the day against a long period (background)",
     [("Rebels attacked a convoy near Goma on Monday.", "attacked", "Armed clash", "asserted", ["goma"], ["monday"]),
      ("Rebels have attacked convoys near Goma this year.", "attacked", "Armed clash", "asserted", ["goma"], ["this year"])],
     [["attacked"], ["attacked"]]),
    ("'another attack' announces a second event",
     [("Gunmen attacked a church in Owo on Sunday.", "attacked", "Attack", "asserted", ["owo"], ["sunday"]),
      ("Another attack on a mosque in Owo killed four.", "attack", "Attack", "asserted", ["owo"], [])],
     [["attacked"], ["attack"]]),
    ("'in a separate incident'",
     [("Soldiers clashed with rebels in Kidal.", "clashed", "Armed clash", "asserted", ["kidal"], []),
      ("In a separate incident, soldiers fought rebels.", "fought", "Armed clash", "asserted", [], [])],
     [["clashed"], ["fought"]]),
    ("'the earlier attack' refers back to another event",
     [("Militants attacked a base in Diffa on Friday.", "attacked", "Armed clash", "asserted", ["diffa"], ["friday"]),
      ("It came a week after the earlier attack on the base.", "attack", "Armed clash", "asserted", [], [])],
     [["attacked"], ["attack"]]),
    ("compatible types with nothing in common stay apart",
     [("Militants killed a teacher on Monday.", "killed", "Attack", "asserted", [], ["monday"]),
      ("Soldiers fought militants in Gwoza.", "fought", "Armed clash", "asserted", ["gwoza"], [])],
     [["killed"], ["fought"]]),
    ("an undated aside of another type with a place of its own stays apart",
     [("Militants killed a teacher in Bama.", "killed", "Attack", "asserted", ["bama"], []),
      ("Soldiers fought militants near Gwoza.", "fought", "Armed clash", "asserted", ["gwoza"], [])],
     [["killed"], ["fought"]]),
    ("a battle and a protest are not one event",
     [("Troops clashed with rebels in Bamenda.", "clashed", "Armed clash", "asserted", ["bamenda"], []),
      ("Residents marched in Bamenda against the violence.", "marched", "Peaceful protest", "asserted", ["bamenda"], [])],
     [["clashed"], ["marched"]]),
    ("strategic developments only merge with their own type",
     [("Police arrested 12 looters in Gao.", "arrested", "Arrests", "asserted", ["gao"], []),
      ("Looters burned 12 shops in Gao.", "burned", "Looting/property destruction", "asserted", ["gao"], [])],
     [["arrested"], ["burned"]]),
    ("a denial is not the report it denies",
     [("Rebels shelled Taiz on Monday, residents said.", "shelled", "Shelling/artillery/missile attack", "asserted", ["taiz"], ["monday"]),
      ("The rebels denied they shelled Taiz.", "shelled", "Shelling/artillery/missile attack", "denied", ["taiz"], [])],
     [["shelled"], ["shelled"]]),
]


@pytest.mark.parametrize("label, mentions, expected", CASES, ids=[c[0] for c in CASES])
def test_merge_mentions_groups(label, mentions, expected):
    assert groups(candidates(*mentions)) == expected


def test_merge_mentions_never_merges_two_events_of_one_sentence():
    sentence = "Police fired tear gas at protesters in Harare and arrested 40 people."
    cands = candidates(
        (sentence, "fired", "Protest with intervention", "asserted", ["harare"], []),
        (sentence, "arrested", "Arrests", "asserted", ["harare"], []),
        ("The 40 people arrested were charged.", "arrested", "Arrests", "asserted", [], []),
    )
    assert groups(cands) == [["fired"], ["arrested", "arrested"]]
    # Even two readings of one type in one sentence are kept apart.
    a, b = candidates((sentence, "fired", "Arrests", "asserted", [], []), (sentence, "arrested", "Arrests", "asserted", [], []))
    a.mentions = [(a.sentence, a.trigger)]
    assert explain_merge(a, b).reason == "same sentence: a second event of the sentence"


def test_merge_mentions_type_comes_from_the_most_confident_mention_not_back_references():
    cands = candidates(
        ("Gunmen raided Dori on Monday.", "raided", "Attack", "asserted", ["dori"], ["monday"], 0.3),
        ("Gunmen and soldiers fought in Dori.", "fought", "Armed clash", "asserted", ["dori"], [], 0.6),
        ("The bombing was condemned.", "bombing", "Remote explosive/landmine/IED", "asserted", [], [], 0.9),
    )
    merged = merge_mentions(cands)
    assert len(merged) == 1
    event = merged[0]
    assert event.sub_event_type == "Armed clash"  # 0.6 beats 0.3; the back reference (0.9) does not type it
    assert event.confidence == 0.9
    assert event.mentions[0][1].text == "raided"  # the first mention stays the anchor


def test_merge_mentions_an_elaboration_neither_retypes_nor_raises_confidence():
    cands = candidates(
        ("Gunmen raided Dori on Monday, killing nine.", "raided", "Attack", "asserted", ["dori"], ["monday"], 0.4),
        ("Armed groups have adapted to avoid air strikes.", "strikes", "Air/drone strike", "asserted", [], [], 0.8),
    )
    (event,) = merge_mentions(cands)
    assert event.sub_event_type == "Attack" and event.confidence == 0.4
    assert len(event.mentions) == 2


def test_merge_mentions_an_asserted_mention_outranks_a_claim():
    cands = candidates(
        ("Al-Shabaab said it attacked a base in Baidoa on Friday.", "attacked", "Armed clash", "claimed", ["baidoa"], ["friday"], 0.7),
        ("Soldiers fought the attackers at the Baidoa base.", "fought", "Armed clash", "asserted", ["baidoa"], [], 0.4),
    )
    (event,) = merge_mentions(cands)
    assert event.status.modality == "asserted"
    assert event.sub_event_type == "Armed clash"


def test_merge_mentions_explains_its_decisions():
    a, b = candidates(
        ("Militants killed five soldiers in Kaduna on Friday.", "killed", "Attack", "asserted", ["kaduna"], ["friday"]),
        ("Fighting around Kaduna went on for hours.", "Fighting", "Armed clash", "asserted", ["kaduna"], []),
    )
    a.mentions = [(a.sentence, a.trigger)]
    verdict = explain_merge(a, b)
    assert verdict.joins and "place 'kaduna'" in verdict.reason
    c, d = candidates(
        ("Troops retook Alvara on Tuesday.", "retook", "Government regains territory", "asserted", ["alvara"], ["tuesday"]),
        ("Troops retook Alvara on Wednesday.", "retook", "Government regains territory", "asserted", ["alvara"], ["wednesday"]),
    )
    assert not explain_merge(c, d).joins and explain_merge(c, d).reason == "days differ"


@pytest.mark.parametrize("a, b, expected", [
    ("Attack", "Armed clash", True),
    ("Air/drone strike", "Attack", True),
    ("Peaceful protest", "Mob violence", True),
    ("Armed clash", "Peaceful protest", False),
    ("Arrests", "Looting/property destruction", False),
    ("Arrests", "Arrests", True),
])
def test_merge_mentions_compatible_types(a, b, expected):
    assert compatible_types(a, b) is expected


@pytest.mark.parametrize("dates_a, dates_b, conflict", [
    (["tuesday"], ["wednesday"], True),
    (["tuesday night"], ["tuesday"], False),
    (["march 3"], ["3 march"], False),
    (["march 3"], ["march 4"], True),
    (["monday"], ["march 4"], False),
    (["monday"], ["this year"], True),
    (["monday"], ["last week"], False),
    ([], ["friday"], False),
    (["yesterday"], ["today"], True),
])
def test_merge_mentions_days_conflict(dates_a, dates_b, conflict):
    a, b = candidates(("One.", "One", "Attack", "asserted", [], dates_a), ("Two.", "Two", "Attack", "asserted", [], dates_b))
    assert days_conflict(a, b) is conflict


@pytest.mark.parametrize("places_a, places_b, conflict", [
    (["kaduna"], ["kano"], True),
    (["kaduna"], ["kaduna state"], False),
    (["kaduna"], ["nigeria"], False),
    (["kaduna", "zaria"], ["zaria"], False),
    ([], ["zaria"], False),
])
def test_merge_mentions_places_conflict(places_a, places_b, conflict):
    a, b = candidates(("One.", "One", "Attack", "asserted", places_a, []), ("Two.", "Two", "Attack", "asserted", places_b, []))
    assert places_conflict(a, b) is conflict


@pytest.mark.parametrize("sentence, trigger, back", [
    ("Rights groups condemned the attack.", "attack", True),
    ("This deadly blast was the worst in years.", "blast", True),
    ("Doctors treated the wounded.", "wounded", True),
    ("Gunmen attacked the village.", "attacked", False),
    ("The army shelled the town.", "shelled", False),
])
def test_merge_mentions_refers_back(sentence, trigger, back):
    (cand,) = candidates((sentence, trigger, "Attack", "asserted", [], []))
    assert refers_back(cand) is back


# --- through the events stage ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def find():
    from conflictwire.events import find_events
    from conflictwire.ingest import article_from_text
    from conflictwire.options import load_options
    from conflictwire.pipeline import Pipeline

    options = load_options(stages=("clean", "nlp"))
    pipeline = Pipeline(options)

    def run(text: str):
        article = pipeline(article_from_text(text, id="t", published="2024-05-09"))
        return find_events(article, options)

    return run


def event_sentences(event) -> list[str]:
    return [e.text for e in event.evidence if e.field == "event"]


def test_events_stage_one_attack_told_three_times_is_one_event(find):
    text = (
        "Gunmen killed seven villagers in Bokkos on Monday night, local officials said.\n\n"
        "Witnesses said the attackers arrived on motorbikes and opened fire on homes.\n\n"
        "The state governor condemned the killings and ordered an investigation.\n\n"
        "Bokkos has a weekly market that draws traders from across the plateau."
    )
    events = find(text)
    violent = [e for e in events if e.event_type in ("Violence against civilians", "Battles", "Explosions/Remote violence")]
    assert len(violent) == 1, [(e.sub_event_type, event_sentences(e)) for e in events]
    assert len(event_sentences(violent[0])) >= 2


def test_events_stage_a_town_on_tuesday_and_a_city_on_wednesday_stay_two(find):
    text = (
        "Malian troops recaptured the town of Anefis on Tuesday after heavy fighting, the army said.\n\n"
        "On Wednesday, the troops captured the city of Kidal, a military spokesman said.\n\n"
        "The army said the capture of Kidal ended years of rebel control."
    )
    events = find(text)
    territory = [e for e in events if e.event_type == "Battles"]
    assert len(territory) >= 2, [(e.sub_event_type, event_sentences(e)) for e in events]
    tuesday = [e for e in territory if any("Tuesday" in s for s in event_sentences(e))]
    wednesday = [e for e in territory if any("Wednesday" in s for s in event_sentences(e))]
    assert tuesday and wednesday and not set(map(id, tuesday)) & set(map(id, wednesday))


@pytest.mark.parametrize("protest, riot, expected", [
    # The authorities' violence against a demonstration: a protest with intervention.
    ("Protest with intervention", "Violent demonstration", "Protest with intervention"),
    ("Excessive force against protesters", "Mob violence", "Excessive force against protesters"),
    # The demonstrators' violence: a riot.
    ("Peaceful protest", "Violent demonstration", "Violent demonstration"),
])
def test_merge_mentions_a_protest_and_a_riot_reading_of_one_sentence_are_one_demonstration(protest, riot, expected):
    sentence = "Riot police used tear gas on traders in Ghazni on Wednesday as they protested a new tax."
    cands = candidates(
        (sentence, "tear gas", riot, "asserted", ["ghazni"], ["wednesday"]),
        (sentence, "protested", protest, "asserted", ["ghazni"], ["wednesday"]),
    )
    merged = merge_mentions(cands)
    assert [[t.text for _, t in e.mentions] for e in merged] == [["tear gas", "protested"]]
    assert merged[0].sub_event_type == expected
    a, b = candidates((sentence, "tear gas", riot, "asserted", [], []), (sentence, "protested", protest, "asserted", [], []))
    a.mentions = [(a.sentence, a.trigger)]
    assert explain_merge(a, b).kind == "same demonstration"


def test_merge_mentions_keeps_a_planned_protest_apart_from_the_riot_of_its_sentence():
    sentence = "After the riot in Aden on Monday, unions called a protest for Friday."
    cands = candidates(
        (sentence, "riot", "Violent demonstration", "asserted", ["aden"], ["monday"]),
        (sentence, "protest", "Peaceful protest", "planned", ["aden"], ["friday"]),
    )
    assert groups(cands) == [["riot"], ["protest"]]
