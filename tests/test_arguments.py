"""fill_arguments on hand-built events: actors, interaction, attribution, evidence, notes, explanations."""

from datetime import date

import pytest

from conflictwire.events.arguments import fill_arguments
from conflictwire.events.notes import build_notes, render_explanation
from conflictwire.options import Options
from conflictwire.pipeline import Pipeline
from conflictwire.schema import Actor, Article, Event, Evidence, Place, Span


@pytest.fixture(scope="module")
def analyse():
    pipe = Pipeline(Options(stages=("clean", "nlp")))
    return lambda text: pipe(Article(id="t", raw_text=text))


def event_for(article, sentence=0, event_type="Battles", sub_event_type="Armed clash", trigger=None):
    event = Event(event_id="t", article_id=article.id, event_type=event_type, sub_event_type=sub_event_type)
    if trigger is not None:  # the trigger detection found, as the events stage records it
        at = article.text.index(trigger, article.sentences[sentence].start)
        event.evidence = [Evidence(start=at, end=at + len(trigger), text=trigger, field="trigger")]
    fill_arguments(article, event, article.sentences[sentence], Options())
    return event


def names(actors):
    return [a.name for a in actors]


def test_arguments_active_agent_and_patient(analyse):
    ev = event_for(analyse("Gunmen killed three villagers in Borno State."), event_type="Violence against civilians", sub_event_type="Attack")
    assert ev.actor1.name == "Unidentified Armed Group" and ev.actor1.category == "political militia"
    assert ev.actor2.name == "Civilians" and ev.actor2.category == "civilians"
    assert ev.interaction == 37 and ev.civilian_targeting is True
    assert ev.fatalities == 3


def test_arguments_passive_by_agent(analyse):
    ev = event_for(analyse("Two policemen were killed by Boko Haram fighters in Maiduguri."))
    assert ev.actor1.name == "Boko Haram" and ev.actor1.country == "NG"
    assert ev.actor2.category == "state forces"
    assert ev.interaction == 12
    assert ev.fatalities == 2


def test_arguments_coordinated_subject_and_backed_by(analyse):
    ev = event_for(analyse("Iraqi forces and Shiite militias, backed by Iran, clashed with ISIS in Tikrit."))
    assert ev.actor1.name == "Military Forces of Iraq"
    assert names(ev.assoc_actor1) == ["Shiite militias", "Military Forces of Iran"]
    assert ev.actor2.name == "Islamic State"
    assert ev.interaction == 12
    assert ev.civilian_targeting is False


def test_arguments_backed_prefix_and_allied_with(analyse):
    ev = event_for(analyse("Iran-backed Iraqi troops attacked Daesh positions near Mosul."))
    assert ev.actor1.name == "Military Forces of Iraq"
    assert "Military Forces of Iran" in names(ev.assoc_actor1)
    ev = event_for(analyse("Militias allied with the Syrian army attacked rebels in Idlib."))
    assert "Military Forces of Syria" in names(ev.assoc_actor1)


def test_arguments_clashes_between(analyse):
    ev = event_for(analyse("Clashes between the Taliban and Afghan forces killed 11 people in Helmand."))
    assert {ev.actor1.name, ev.actor2.name} == {"Taliban", "Military Forces of Afghanistan"}
    assert ev.interaction == 12 and ev.fatalities == 11


def test_arguments_attack_on(analyse):
    ev = event_for(analyse("Al-Shabaab launched an attack on Kenyan soldiers near the border."))
    assert ev.actor1.name == "al-Shabaab"
    assert ev.actor2.name == "Military Forces of Kenya"


def test_arguments_x_and_y_clashed(analyse):
    ev = event_for(analyse("The Arakan Army and Myanmar troops clashed in Paletwa."))
    assert ev.actor1.name == "Arakan Army" and ev.actor2.name == "Military Forces of Myanmar"
    assert ev.assoc_actor1 == []


def test_arguments_pronoun_subject_resolved_to_previous_sentence(analyse):
    article = analyse("The Taliban overran a checkpoint in Ghazni. They killed six policemen.")
    ev = event_for(article, sentence=1)
    assert ev.actor1.name == "Taliban"
    # Evidence points both at the name and at the pronoun.
    spans = {article.text[e.start : e.end] for e in ev.evidence if e.field == "actor1"}
    assert {"The Taliban", "They"} <= spans


def test_arguments_the_group_resolved(analyse):
    article = analyse("Al-Shabaab fighters stormed a hotel in Mogadishu. The group said it killed 15 soldiers.")
    ev = event_for(article, sentence=1)
    assert ev.actor1.name == "al-Shabaab"
    assert ev.attributed_to == "al-Shabaab"


def test_arguments_protesters_sole_actor(analyse):
    ev = event_for(analyse("Hundreds of protesters marched in Santiago on Friday."), event_type="Protests", sub_event_type="Peaceful protest")
    assert ev.actor1.name == "Protesters (Chile)" or ev.actor1.category == "protesters"
    assert ev.interaction == 60
    assert ev.civilian_targeting is False


@pytest.mark.parametrize(
    "text, attributed",
    [
        ("Three soldiers were killed in the attack, authorities said.", "authorities"),
        ("Three soldiers were killed, a police brigadier told state television.", "a police brigadier told state television"),
        ("An official speaking on condition of anonymity said three soldiers were killed.", "An official speaking on condition of anonymity"),
        ("According to the Syrian Observatory for Human Rights, 12 rebels were killed.", "the Syrian Observatory for Human Rights"),
        ("The army said in a statement that 12 rebels were killed.", "The army"),
        ("Twelve rebels were killed, witnesses told Reuters.", "witnesses told Reuters"),
    ],
)
def test_arguments_attribution_forms(analyse, text, attributed):
    article = analyse(text)
    ev = event_for(article)
    assert ev.attributed_to == attributed
    evidence = next(e for e in ev.evidence if e.field == "attributed_to")
    assert article.text[evidence.start : evidence.end] == evidence.text


def test_arguments_anonymity_in_next_sentence(analyse):
    article = analyse("A local official confirmed that troops entered the town. He spoke on condition of anonymity.")
    ev = event_for(article)
    assert ev.attributed_to == "A local official (speaking on condition of anonymity)"


def test_arguments_every_filled_field_has_evidence_with_true_offsets(analyse):
    article = analyse("KABUL - Taliban fighters killed 4 Afghan soldiers in Kunduz on Monday, officials said.")
    ev = event_for(article)
    fields = {e.field for e in ev.evidence}
    assert {"actor1", "actor2", "fatalities", "attributed_to"} <= fields
    for e in ev.evidence:
        assert article.text[e.start : e.end] == e.text


def test_arguments_refill_does_not_duplicate_evidence(analyse):
    article = analyse("Gunmen killed three villagers in Borno State.")
    ev = event_for(article)
    before = len(ev.evidence)
    fill_arguments(article, ev, article.sentences[0], Options())
    assert len(ev.evidence) == before


def test_arguments_clause_outside_text_warns_not_crashes(analyse):
    article = analyse("Gunmen killed three villagers.")
    ev = Event(event_id="t", article_id=article.id, event_type="Battles", sub_event_type="Armed clash")
    fill_arguments(article, ev, Span(start=500, end=600, text=""), Options())
    assert ev.actor1 is None and article.warnings


def test_arguments_without_a_parse_parses_the_article():
    article = Article(id="x", raw_text="Gunmen killed two farmers.")
    ev = Event(event_id="t", article_id="x", event_type="Violence against civilians", sub_event_type="Attack")
    fill_arguments(article, ev, Span(start=0, end=len(article.text), text=article.text), Options())
    assert ev.fatalities == 2 and ev.actor2.category == "civilians"


def test_notes_built_from_fields_only():
    ev = Event(
        event_id="n", article_id="a", event_type="Battles", sub_event_type="Armed clash",
        event_date=date(2015, 3, 11), time_precision=1,
        actor1=Actor(text="Iraqi troops", name="Military Forces of Iraq", category="state forces", country="IQ"),
        assoc_actor1=[Actor(text="Shiite militias", name="Shiite militias", category="political militia")],
        actor2=Actor(text="ISIS", name="Islamic State", category="rebel group"),
        location=Place(name="Tikrit", admin1="Salah ad Din", country="Iraq"),
        fatalities=3, fatalities_low=3, fatalities_high=3,
    )
    assert build_notes(ev) == (
        "On 11 March 2015, Military Forces of Iraq and Shiite militias clashed with Islamic State in Tikrit "
        "(Salah ad Din). 3 fatalities reported."
    )
    ev.fatalities = ev.fatalities_low = ev.fatalities_high = 0
    ev.event_date = None
    ev.location = None
    assert build_notes(ev) == "Military Forces of Iraq and Shiite militias clashed with Islamic State. No fatalities reported."
    lone = Event(event_id="m", article_id="a", event_type="Protests", sub_event_type="Peaceful protest",
                 actor1=Actor(text="protesters", name="Protesters", category="protesters"))
    assert build_notes(lone) == "Protesters held a peaceful protest."


def test_notes_render_explanation_highlights_spans(analyse):
    article = analyse("Gunmen killed three [villagers] in Borno, police said.")
    ev = event_for(article, event_type="Violence against civilians", sub_event_type="Attack")
    article.events = [ev]
    out = render_explanation(article)
    assert "Unidentified Armed Group" in out and "fatalities" in out
    assert "[bold red]Gunmen[/bold red]" in out
    from rich.console import Console

    console = Console(record=True, width=200)
    console.print(out)
    # The article's own brackets are escaped, not read as markup.
    assert "Gunmen killed three [villagers] in Borno, police said." in console.export_text()


def test_arguments_reporting_verb_outside_the_event_clause(analyse):
    # "said" does not govern "killed" here: the speaker is still found, and the walk up the tree ends.
    article = analyse("Rebels killed five soldiers and the army said it would respond.")
    ev = event_for(article)
    assert ev.actor1.category == "rebel group" and ev.fatalities == 5
    assert ev.attributed_to == "the army"


def test_arguments_clash_between_nested_parties_and_copula(analyse):
    # The parser hangs "guerrillas" off "battalion", inside the first party's 'of' phrase.
    ev = event_for(analyse("There was a clash between units of the Luciano battalion and guerrillas of the ELN's Parmenio front."))
    assert ev.actor1.category == "state forces" and ev.actor1.text == "units of the Luciano battalion"
    assert ev.actor2.category == "rebel group" and ev.interaction == 12


def test_arguments_possessive_pronoun_agent_resolved(analyse):
    article = analyse("The ELN rejected the peace talks. It has increased its attacks on the pipeline.")
    ev = event_for(article, sentence=1)
    assert ev.actor1.name == "ELN"


def test_arguments_all_caps_sentence_read_in_lower_case_keeps_original_words(analyse):
    article = analyse("TWO U.S. MISSIONARIES WERE SHOT TO DEATH LAST NIGHT BY A GROUP OF TERRORISTS, THE POLICE SAID.")
    ev = event_for(article, event_type="Violence against civilians", sub_event_type="Attack")
    assert ev.actor1.text == "TERRORISTS" and ev.actor1.category == "rebel group"
    assert ev.actor2.category == "civilians" and ev.actor2.text.isupper()
    assert ev.fatalities == 2
    assert ev.attributed_to == "THE POLICE"
    for e in ev.evidence:
        assert article.text[e.start : e.end] == e.text


def test_arguments_perpetrators_with_civilian_head_are_unidentified_armed_group(analyse):
    ev = event_for(analyse("Two young men stabbed a shopkeeper in Quetta."), event_type="Violence against civilians", sub_event_type="Attack")
    assert ev.actor1.name == "Unidentified Armed Group" and ev.actor2.category == "civilians"
    assert ev.civilian_targeting is True and ev.fatalities is None


def test_arguments_territory_taken_from_the_other_side(analyse):
    ev = event_for(analyse("Afghan army troops recaptured the district of Arghandab from Taliban fighters on Tuesday."),
                   sub_event_type="Government regains territory")
    assert ev.actor1.name == "Military Forces of Afghanistan" and ev.actor2.name == "Taliban"
    assert ev.notes == "Military Forces of Afghanistan regained territory from Taliban."


def test_arguments_he_said_is_the_speaker_named_before(analyse):
    article = analyse("Taliban fighters attacked a checkpoint, a provincial spokesman said. Nine insurgents were killed, he said.")
    ev = event_for(article, sentence=1)
    assert ev.attributed_to == "a provincial spokesman"


def test_arguments_failure_leaves_event_and_warns():
    article = Article(id="x", raw_text="Gunmen killed two farmers.")
    article._doc = "not a spaCy Doc"
    ev = Event(event_id="t", article_id="x", event_type="Battles", sub_event_type="Armed clash")
    fill_arguments(article, ev, Span(start=0, end=10, text=article.text[:10]), Options())
    assert ev.actor1 is None and any("arguments not filled" in w for w in article.warnings)


@pytest.mark.parametrize(
    "text, sub_event_type, targets, weapons",
    [
        ("A car bomb exploded outside the Peruvian embassy in Lima on Tuesday.", "Remote explosive/landmine/IED", ["Peruvian embassy"], ["car bomb"]),
        ("Rebels blew up two high-voltage pylons near Medellin.", "Remote explosive/landmine/IED", ["high-voltage pylons"], []),
        ("Gunmen opened fire on a bus with machine-gun fire and grenades.", "Attack", ["bus"], ["machine-gun", "grenades"]),
        ("Guerrillas set off dynamite at the headquarters of the Liberal Party.", "Remote explosive/landmine/IED", ["headquarters of the Liberal Party"], ["dynamite"]),
        ("Soldiers clashed with rebels near the border.", "Armed clash", [], []),
    ],
)
def test_arguments_targets_and_weapons_with_evidence(analyse, text, sub_event_type, targets, weapons):
    article = analyse(text)
    event_type = "Battles" if sub_event_type == "Armed clash" else "Explosions/Remote violence" if "explosive" in sub_event_type else "Violence against civilians"
    ev = event_for(article, event_type=event_type, sub_event_type=sub_event_type)
    assert ev.targets == targets and ev.weapons == weapons
    spans = {(e.field, e.text) for e in ev.evidence}
    assert {("target", t) for t in targets} | {("weapon", w) for w in weapons} <= spans
    for e in ev.evidence:
        assert article.text[e.start : e.end] == e.text


def test_arguments_things_are_not_actors(analyse):
    # The bus is what was attacked (a target), the car of 'car bomb' is no country (CAR) and no actor.
    ev = event_for(analyse("URBAN GUERRILLAS ATTACKED THE BUS WITH DYNAMITE IN SAN SALVADOR."), event_type="Violence against civilians", sub_event_type="Attack")
    assert ev.actor1.text == "URBAN GUERRILLAS" and ev.actor2 is None
    assert ev.targets == ["BUS"] and ev.weapons == ["DYNAMITE"]
    ev = event_for(analyse("A car bomb went off near a market in Kabul."), event_type="Explosions/Remote violence", sub_event_type="Remote explosive/landmine/IED")
    assert ev.actor1 is None and ev.weapons == ["car bomb"]


def test_arguments_refill_keeps_one_copy_of_targets_and_weapons(analyse):
    article = analyse("Guerrillas dynamited a power pylon with a bomb.")
    ev = event_for(article, event_type="Explosions/Remote violence", sub_event_type="Remote explosive/landmine/IED")
    fill_arguments(article, ev, article.sentences[0], Options())
    assert [e.field for e in ev.evidence].count("weapon") == len(ev.weapons) == 1


@pytest.mark.parametrize(
    "text, sentence, perpetrator",
    [
        ("A bomb exploded at a bank in Lima on Monday. Nobody was hurt. The MRTA claimed responsibility for the blast.", 0, "Tupac Amaru Revolutionary Movement"),
        ("A BOMB EXPLODED AT A BANK IN SAN SALVADOR. THE AUTHORITIES BLAMED THE FMLN FOR THE ATTACK.", 0, "FMLN"),
        ("Five soldiers were killed in an ambush near Arauca. Officials attributed the ambush to the ELN.", 0, "ELN"),
        ("A bomb exploded at a bank in Lima. The government held the Shining Path responsible.", 0, "Shining Path"),
    ],
)
def test_arguments_perpetrator_from_a_claim_or_blame_nearby(analyse, text, sentence, perpetrator):
    ev = event_for(analyse(text), sentence=sentence, event_type="Explosions/Remote violence", sub_event_type="Remote explosive/landmine/IED")
    assert ev.actor1 is not None and ev.actor1.name == perpetrator
    assert any(e.field == "actor1" for e in ev.evidence)


@pytest.mark.parametrize("text", ["A bomb exploded at a bank in Lima on Monday. Nobody was hurt.", "A bomb exploded at a bank in Lima. The army held a meeting."])
def test_arguments_no_claim_no_perpetrator(analyse, text):
    ev = event_for(analyse(text), event_type="Explosions/Remote violence", sub_event_type="Remote explosive/landmine/IED")
    assert ev.actor1 is None


def test_arguments_victim_written_as_the_name_an_appositive_gives(analyse):
    ev = event_for(analyse("Gunmen killed the mayor, Jose Diaz, on Monday."), event_type="Violence against civilians", sub_event_type="Attack")
    assert ev.actor1.name == "Unidentified Armed Group"
    assert ev.actor2.text == "Jose Diaz"
    assert ev.fatalities == 1


def test_arguments_targets_written_without_pronouns_or_vague_quantities(analyse):
    ev = event_for(analyse("Gunmen set fire to her car and several homes in the village."), event_type="Riots", sub_event_type="Violent demonstration")
    assert ev.targets == ["car", "homes"]


def test_notes_render_explanation_shows_targets_and_weapons(analyse):
    article = analyse("A car bomb exploded outside the Peruvian embassy in Lima on Tuesday.")
    ev = event_for(article, event_type="Explosions/Remote violence", sub_event_type="Remote explosive/landmine/IED")
    article.events = [ev]
    out = render_explanation(article)
    assert "target" in out and "Peruvian embassy" in out and "car bomb" in out
    assert "[italic red]car bomb[/italic red]" in out


# --- actor slips: adjectives, towns and speakers are not parties ----------------------------------


@pytest.mark.parametrize(
    "text, actor1, actor2",
    [
        ("Fierce fighting erupted between the army and ADF rebels near Beni on Sunday.", "Military Forces", "Allied Democratic Forces"),
        ("Heavy fighting broke out on Friday between soldiers and militia fighters outside Walikale.", "Military Forces", "militia fighters"),
        ("Intense fighting erupts between rebels and soldiers outside Kalehe", "rebels", "Military Forces"),
    ],
)
def test_arguments_fighting_broke_out_between_names_both_sides_not_the_adjective(analyse, text, actor1, actor2):
    ev = event_for(analyse(text))
    assert ev.actor1 is not None and ev.actor1.name == actor1
    assert ev.actor2 is not None and ev.actor2.name == actor2


@pytest.mark.parametrize(
    "text",
    [
        "Militants stormed Kisangani on Monday and held the town for hours.",
        "Deadly clashes rock Kisangani as gunmen attack army positions",
        "Rebels shelled Sinjar overnight, residents said.",
    ],
)
def test_arguments_a_town_is_never_an_actor(analyse, text):
    ev = event_for(analyse(text))
    named = [a.name for a in [ev.actor1, ev.actor2, *ev.assoc_actor1, *ev.assoc_actor2] if a is not None]
    assert not any(n in ("Kisangani", "Sinjar") for n in named), named


def test_arguments_single_word_acronym_is_still_kept_as_an_organisation(analyse):
    ev = event_for(analyse("Fighters of the ZQLF attacked an army post near the border on Monday."))
    assert ev.actor1 is not None and "ZQLF" in ev.actor1.name


@pytest.mark.parametrize("verb", ["denounced", "condemned", "deplored"])
def test_arguments_the_speaker_of_a_condemnation_is_not_a_party(analyse, verb):
    article = analyse(f"Iraq's interior minister {verb} the attack on the checkpoint, which killed three officers.")
    ev = event_for(article, event_type="Violence against civilians", sub_event_type="Attack")
    assert ev.actor1 is None or "Government" not in ev.actor1.name


# --- people harmed, by name (MUC-4 HUM TGT: NAME), also in all-capitals wire copy ---------------------------


def victims_of(ev):
    return [a.text for a in [ev.actor2, *ev.assoc_actor2] if a is not None]


@pytest.mark.parametrize(
    "text, expected",
    [
        # object of the harm verb, a title before the name left out, a description after 'and' not a name
        ("GUNMEN KILLED CONGRESSMAN MATEO QUIROGA VALDIVIESO AND HIS DRIVER IN THE TOWN OF TAMBOGRANDE.", ["MATEO QUIROGA VALDIVIESO"]),
        # mixed case: spaCy's PERSON entities, both conjuncts
        ("Gunmen shot dead journalist Teresa Ulloa and her colleague Andres Lleras in Cali.", ["Teresa Ulloa", "Andres Lleras"]),
        # another harm word of the clause ('exploded ..., killing X'), a list with ages
        ("A CAR BOMB EXPLODED NEAR THE MARKET, KILLING TOMAS ARBELAEZ, 31, AND LUCIA BETANCUR, 27.", ["TOMAS ARBELAEZ", "LUCIA BETANCUR"]),
        # passive subject; a nationality before the name is no part of it
        ("SALVADORAN JOAQUIN OYARZABAL WAS KIDNAPPED YESTERDAY.", ["JOAQUIN OYARZABAL"]),
        # 'the murder of X'
        ("THE MURDER OF UNION LEADER EUSEBIO ZAMBRANO PROVOKED A STRIKE.", ["EUSEBIO ZAMBRANO"]),
    ],
)
def test_arguments_named_victims(analyse, text, expected):
    article = analyse(text)
    ev = event_for(article, event_type="Violence against civilians", sub_event_type="Attack")
    from conflictwire.evaluate.mappings import muc_victim_filler

    assert [t for t in victims_of(ev) if muc_victim_filler(t)] == expected  # 'his driver' may be there, named by nobody
    for e in ev.evidence:
        assert article.text[e.start : e.end] == e.text


@pytest.mark.parametrize(
    "text",
    [
        "GUERRILLAS ATTACKED SAN VICENTE AND KILLED TWO PEASANTS.",  # a place, and a description of people
        "REBELS DYNAMITED THE CANO ARAGUA PIPELINE LAST NIGHT.",  # a thing
        "THE ARMY KILLED THREE MEMBERS OF THE FMLN IN USULUTAN.",  # an organisation
    ],
)
def test_arguments_named_victims_are_people_only(analyse, text):
    ev = event_for(analyse(text), event_type="Violence against civilians", sub_event_type="Attack")
    from conflictwire.evaluate.mappings import muc_victim_filler

    assert all(muc_victim_filler(t) is None for t in victims_of(ev)), victims_of(ev)


def test_arguments_the_dead_are_not_the_perpetrator(analyse):
    ev = event_for(analyse("THE BODIES OF RODOLFO ITURRALDE AND ANSELMO CUBILLOS WERE FOUND NEAR THE RIVER."),
                   event_type="Violence against civilians", sub_event_type="Attack")
    assert ev.actor1 is None
    assert "RODOLFO ITURRALDE" in victims_of(ev)


def test_arguments_person_names_in_capitals(analyse):
    from conflictwire.events.arguments import english_words, person_names

    article = analyse("POLICE SAID THAT MAYOR ROSENDO IBARGUEN DE LA TORRE LEFT BOGOTA ON FRIDAY.")
    doc = article._doc
    names = [doc[a : b + 1].text for a, b in person_names(next(iter(doc.sents)), english_words(Options().spacy_model))]
    assert "ibarguen de la torre" in [n.lower() for n in names] or "rosendo ibarguen de la torre" in [n.lower() for n in names]
    assert not any("mayor" in n.lower() or "friday" in n.lower() or "police" in n.lower() for n in names)


# --- weapons and targets: the words MUC-4 and ACLED coders write ------------------------------------------


@pytest.mark.parametrize(
    "text, weapons, targets",
    [
        ("Terrorists set off a dynamite charge at the bank.", ["dynamite charge"], ["bank"]),
        ("Guerrillas placed four explosive charges at the power station.", ["explosive charges"], ["power station"]),
        ("Rebels attacked the headquarters of the brigade with rockets.", ["rockets"], ["headquarters of the brigade"]),
        ("A powerful bomb damaged the offices of the newspaper.", ["bomb"], ["offices of the newspaper"]),
        # A bare 'weapons' or 'charge' says nothing of the means; with its kind it does.
        ("Gunmen attacked the bank with weapons and a charge.", [], ["bank"]),
        ("Gunmen attacked the bank with heavy-caliber weapons.", ["heavy-caliber weapons"], ["bank"]),
    ],
)
def test_arguments_weapon_and_target_spans(analyse, text, weapons, targets):
    ev = event_for(analyse(text), event_type="Explosions/Remote violence", sub_event_type="Remote explosive/landmine/IED")
    assert ev.weapons == weapons
    assert ev.targets == targets


def test_arguments_merged_event_read_from_every_mention(analyse):
    from conflictwire.schema import Evidence

    article = analyse("Rebels attacked the town of Arboleda on Monday. The attackers used dynamite to blow up the bridge.")
    first, second = article.sentences[0], article.sentences[1]
    ev = Event(event_id="t", article_id=article.id, event_type="Battles", sub_event_type="Armed clash",
               evidence=[Evidence(start=s.start, end=s.end, text=s.text, field="event") for s in (first, second)])
    fill_arguments(article, ev, first, Options())
    assert ev.actor1 is not None and ev.actor1.text == "Rebels"
    assert "dynamite" in ev.weapons and "bridge" in ev.targets
    for e in ev.evidence:
        assert article.text[e.start : e.end] == e.text


def test_arguments_claim_in_the_sentence_beats_another_verbs_subject(analyse):
    ev = event_for(analyse("In an attack attributed to the ELN, a bomb destroyed a pipeline, the police said."),
                   event_type="Explosions/Remote violence", sub_event_type="Remote explosive/landmine/IED")
    assert ev.actor1 is not None and ev.actor1.name == "ELN"


@pytest.mark.parametrize(
    "text, actor1, target",
    [
        ("The attack was perpetrated at dawn by a group of paid assassins against the embassy.", "paid assassins", "embassy"),
        ("The bombing carried out by ELN rebels against the pipeline caused a large fire.", "ELN rebels", "pipeline"),
    ],
)
def test_arguments_act_carried_out_by(analyse, text, actor1, target):
    ev = event_for(analyse(text), event_type="Explosions/Remote violence", sub_event_type="Remote explosive/landmine/IED")
    assert ev.actor1 is not None and ev.actor1.text == actor1
    assert target in ev.targets


# --- the GTT and UCDP scorers' reading of our actors -----------------------------------------------------


def test_gtt_victims_skip_generic_group_names():
    from conflictwire.evaluate.events import _pred_role_fillers

    view = {"actor2_text": "two peasants", "targets": ["Civilians (El Salvador)", "two peasants", "Rosa Lidia Quintanilla"]}
    assert _pred_role_fillers(view)["victim"] == [["Rosa Lidia Quintanilla"]]


def test_ucdp_state_forces_without_country_take_the_events_country():
    from conflictwire.evaluate.events import score_ucdp

    record = {"id": "u1", "text": "Soldiers burn a village in a northern township", "gold": {
        "event_type": "one-sided violence", "fatalities": 2, "fatalities_low": 2, "fatalities_high": 2,
        "actors": [{"role": "side_a", "name": "Government of Myanmar (Burma)"}, {"role": "side_b", "name": "Civilians"}]}}
    view = {"perpetrators": ["Military Forces", "Soldiers"], "targets": [], "places": ["Ye-U", "Sagaing", "Myanmar"], "fatalities": 2}
    metrics, _ = score_ucdp([record], [[view]])
    assert metrics["side_a_match"] == 1.0
    view_elsewhere = dict(view, places=[])
    metrics, _ = score_ucdp([record], [[view_elsewhere]])
    assert metrics["side_a_match"] == 0.0


def test_arguments_notes_name_each_group_once_with_several_named_victims(analyse):
    ev = event_for(analyse("Gunmen shot dead journalist Teresa Ulloa and her colleague Andres Lleras in Cali."),
                   event_type="Violence against civilians", sub_event_type="Attack")
    assert [a.text for a in ev.assoc_actor2] == ["Andres Lleras"]
    assert "Civilians and Civilians" not in ev.notes


# --- agents named through the means, people harmed named in more forms ------------------------------------


@pytest.mark.parametrize(
    "text, actor1",
    [
        ("A farmer was killed by two bullets fired by members of the Popular Front.", "members of the Popular Front"),
        ("A farmer was killed with a bomb planted by guerrillas.", "guerrillas"),
    ],
)
def test_arguments_agent_of_the_means(analyse, text, actor1):
    ev = event_for(analyse(text), event_type="Violence against civilians", sub_event_type="Attack")
    assert ev.actor1 is not None and ev.actor1.text == actor1
    assert ev.actor1.category != "civilians"


@pytest.mark.parametrize(
    "text, victims",
    [
        ("The rancher Roberto Ibarguen Solis was found murdered on Monday near the town.", ["Roberto Ibarguen Solis"]),
        ("THE BOMB KILLED 10 PEOPLE, INCLUDING UNION LEADER MARTA ZUBIETA, AND INJURED 30.", ["MARTA ZUBIETA"]),
        ("The bomb killed ten people, including union leader Marta Zubieta, in the market.", ["Marta Zubieta"]),
        ("THE BODIES OF TOMAS ARRIAGA, A LEADER OF THE FARMERS UNION, AND LUCIA BENAVENTE, A TEACHER, WERE FOUND NEAR THE BORDER.",
         ["TOMAS ARRIAGA", "LUCIA BENAVENTE"]),
        ("The priest Anselmo Quiroga, who had been kidnapped by guerrillas last week, was released today.", ["Anselmo Quiroga"]),
    ],
)
def test_arguments_named_victims_found_dead_listed_or_in_a_relative_clause(analyse, text, victims):
    ev = event_for(analyse(text), event_type="Violence against civilians", sub_event_type="Attack")
    named = [a.text for a in [ev.actor2, *ev.assoc_actor2] if a is not None]
    assert named == victims


def test_arguments_a_name_near_a_harm_word_but_outside_the_harmed_phrase_is_no_victim(analyse):
    # The list preposition widens the harmed phrase, not the rest of the clause: the speaker is no victim.
    ev = event_for(analyse("Governor Elena Marquez said the bomb killed ten people, including two children."),
                   event_type="Explosions/Remote violence", sub_event_type="Remote explosive/landmine/IED")
    assert all(a.text != "Elena Marquez" for a in [ev.actor2, *ev.assoc_actor2] if a is not None)


def test_gtt_templates_are_the_incidents_we_report():
    # GTT compares incident templates: an event we judge a military operation (muc_relevant) is no template.
    from conflictwire.evaluate.events import score_muc34

    record = {"id": "m1", "text": "", "gold_events": [{"event_type": "ATTACK", "actors": [
        {"role": "perpetrator_organization", "name": "FMLN", "alternatives": []}]}]}
    incident = {"muc_type": "ATTACK", "sub_event_type": "Attack", "actor1_text": "the FMLN", "modality": "asserted"}
    strike = {"muc_type": "ATTACK", "sub_event_type": "Air/drone strike", "actor1_text": "the air force", "modality": "asserted"}
    metrics, _ = score_muc34([record], [[incident, strike]])
    assert metrics["gtt_precision"] == 1.0 and metrics["gtt_recall"] == 1.0
    metrics, _ = score_muc34([record], [[strike]])
    assert metrics["gtt_precision"] == 0.0 and metrics["gtt_recall"] == 0.0


@pytest.mark.parametrize(
    "text, trigger, actor1, actor2",
    [
        # The agent of a participle that goes with the passive verb, read from either one.
        ("Four teachers were killed on Monday, shot during the night by armed men.", "killed", "armed men", "Four teachers"),
        ("Four teachers were killed on Monday, shot during the night by armed men.", "shot", "armed men", "Four teachers"),
        # 'shot to death by X' detected on 'death': the verb's roles.
        ("Two peasants have been shot to death by FARC members in the town.", "death", "FARC members", "Two peasants"),
    ],
)
def test_arguments_passive_agent_of_a_coordinated_participle_or_to_death(analyse, text, trigger, actor1, actor2):
    ev = event_for(analyse(text), event_type="Violence against civilians", sub_event_type="Attack", trigger=trigger)
    assert ev.actor1 is not None and ev.actor1.text == actor1
    assert ev.actor2 is not None and ev.actor2.text == actor2


def test_gtt_members_of_an_organisation_fill_both_perpetrator_slots():
    from conflictwire.evaluate.events import _pred_role_fillers

    fillers = _pred_role_fillers({"actor1_text": "a member of the Popular Front"})
    assert fillers["perp_individual"] == [["a member of the Popular Front"]]
    assert fillers["perp_organization"] == [["the Popular Front"]]
    assert _pred_role_fillers({"actor1_text": "gunmen"})["perp_organization"] == []


# --- the means type an attack (ACLED: Explosions/Remote violence) -----------------------------------------


@pytest.mark.parametrize(
    "sub_event_type, weapons, actor1_category, expected",
    [
        ("Attack", ["dynamite charge"], "rebel group", "Remote explosive/landmine/IED"),
        ("Armed clash", ["car bomb"], None, "Remote explosive/landmine/IED"),
        ("Attack", ["grenade"], "political militia", "Grenade"),
        ("Armed clash", ["rifles", "grenades"], "rebel group", None),  # a fight in which grenades were one means
        ("Attack", ["bombs"], "state forces", None),  # a state's bombs: detection's air strike, not a planted bomb
        ("Attack", ["machete"], None, None),
        ("Looting/property destruction", ["explosives"], "rebel group", "Remote explosive/landmine/IED"),
        ("Looting/property destruction", [], "rebel group", None),
        ("Abduction/forced disappearance", ["dynamite"], None, None),
    ],
)
def test_arguments_type_by_means(sub_event_type, weapons, actor1_category, expected):
    from conflictwire.events.arguments import type_by_means

    assert type_by_means(sub_event_type, weapons, actor1_category) == expected


def test_arguments_an_attack_with_a_planted_charge_is_an_explosion(analyse):
    ev = event_for(analyse("Guerrillas attacked the bank with a dynamite charge on Monday."),
                   event_type="Violence against civilians", sub_event_type="Attack")
    assert (ev.event_type, ev.sub_event_type) == ("Explosions/Remote violence", "Remote explosive/landmine/IED")
    assert ev.weapons == ["dynamite charge"] and ev.targets == ["bank"]


def test_arguments_a_victim_name_wrapped_onto_the_next_line(analyse):
    # Wire copy is hard-wrapped: the name goes on after the line break.
    ev = event_for(analyse("GUERRILLAS KILLED MAYOR TOMAS\nARRIAGA IN THE TOWN SQUARE ON MONDAY."),
                   event_type="Violence against civilians", sub_event_type="Attack")
    named = [a.text for a in [ev.actor2, *ev.assoc_actor2] if a is not None]
    assert [" ".join(n.split()) for n in named] == ["TOMAS ARRIAGA"]


@pytest.mark.parametrize(
    "text, actor2_name, actor2_category",
    [
        # MUC-4: an attack on a military or police force or installation is an attack on state forces.
        ("REBELS AMBUSHED A THREE-VEHICLE MILITARY CONVOY NEAR THE BRIDGE YESTERDAY.", "Military Forces", "state forces"),
        ("Insurgents attacked a police patrol in the market town.", "Police Forces", "state forces"),
        ("Guerrillas attacked the navy barracks in the port.", "Military Forces", "state forces"),
        ("Guerrillas attacked a police post in the village.", "Police Forces", "state forces"),
        # The people a convoy of aid carries are civilians; a bank is no one's installation.
        ("Gunmen attacked an aid convoy near the town.", "Civilians", "civilians"),
    ],
)
def test_arguments_military_units_and_installations_are_state_forces(analyse, text, actor2_name, actor2_category):
    ev = event_for(analyse(text), event_type="Battles", sub_event_type="Armed clash")
    assert ev.actor2 is not None, text
    assert (ev.actor2.name, ev.actor2.category) == (actor2_name, actor2_category)
    assert ev.civilian_targeting is (actor2_category == "civilians")


def test_arguments_a_civilian_target_gets_no_state_holder(analyse):
    ev = event_for(analyse("Guerrillas bombed the bank in the capital."), event_type="Explosions/Remote violence",
                   sub_event_type="Remote explosive/landmine/IED")
    assert ev.actor2 is None or ev.actor2.category != "state forces"
    assert ev.targets == ["bank"]


def test_arguments_the_enemy_of_the_army_is_the_armed_opposition(analyse):
    ev = event_for(analyse("THE ARMY ATTACKED ENEMY POSITIONS IN THE NORTH OF THE PROVINCE."))
    assert ev.actor1.category == "state forces"
    assert ev.actor2.category == "rebel group"
    # ... while rebels' enemy positions are the army's.
    ev = event_for(analyse("The rebels attacked enemy positions near the dam."))
    assert ev.actor1.category == "rebel group" and ev.actor2.category == "state forces"


def test_arguments_a_police_clinic_is_not_a_police_installation(analyse):
    ev = event_for(analyse("A bomb exploded at the police clinic in the capital."), event_type="Explosions/Remote violence",
                   sub_event_type="Remote explosive/landmine/IED")
    assert ev.actor2 is None or ev.actor2.category != "state forces"
    assert ev.targets == ["police clinic"]
