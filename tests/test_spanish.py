"""Spanish and Portuguese lines: which trigger reports the act, and what the line's event is."""

import pytest

from conflictwire.events.spanish import find_triggers, line_language, read_status
from conflictwire.options import Options
from conflictwire.pipeline import Pipeline
from conflictwire.schema import Article


@pytest.fixture(scope="module")
def pipeline():
    return Pipeline(Options(clean_html_only=True))


def first_trigger(text: str):
    lang = line_language(text) or "es"
    rule, start, end = find_triggers(text, lang)[0]
    return rule.sub_event_type, text[start:end], read_status(text, start)


@pytest.mark.parametrize(
    "text, sub_event_type, trigger",
    [
        # a trigger inside a named attempt is no act: the act the line reports comes first
        ("Asesinan a pareja en intento de secuestro de sus hijos en la colonia", "Attack", "Asesinan"),
        ("Balean a comerciante en intento de asalto en el mercado", "Attack", "Balean"),
        # a kidnapping that ends in a killing is the killing (ACLED codes the attack)
        ("Secuestran y asesinan a un comerciante en la sierra", "Attack", "asesinan"),
        ("Homem é sequestrado e assassinado dentro do próprio carro", "Attack", "assassinado"),
        # a kidnapping alone stays one
        ("Secuestran a dos comerciantes en la carretera", "Abduction/forced disappearance", "Secuestran"),
    ],
)
def test_spanish_first_trigger_reports_the_act(text, sub_event_type, trigger):
    kind, words, status = first_trigger(text)
    assert (kind, words) == (sub_event_type, trigger)
    assert status.is_event


def test_spanish_attempt_alone_is_no_event():
    kind, words, status = first_trigger("Sobreviven dos jóvenes a intento de secuestro en la carretera")
    assert not status.is_event
    assert status.reason == "intention:es"


@pytest.mark.parametrize(
    "text, sub_event_type",
    [
        ("Dejan dos cabezas en un paradero de autobuses de la ciudad", "Attack"),
        ("Reportan en la capital dos muertes violentas", "Attack"),
        ("Sicarios armados toman un poblado en la sierra", "Non-state actor overtakes territory"),
        ("Hombres armados toman el control de la cabecera municipal", "Non-state actor overtakes territory"),
        # the killing the arrest followed is the lethal act of the line
        ("PM prende suspeitos logo após eles matarem um homem na favela", "Attack"),
    ],
)
def test_spanish_lines_detected(pipeline, text, sub_event_type):
    events = pipeline(Article(id="es", raw_text=text)).events
    assert [e.sub_event_type for e in events] == [sub_event_type]


@pytest.mark.parametrize(
    "text, best",
    [
        ("Asesinan a pareja en intento de secuestro de sus hijos en la colonia", 2),
        ("Dejan dos cabezas en un paradero de autobuses de la ciudad", 2),
        ("Homem é sequestrado e assassinado dentro do próprio carro", 1),
        ("PM prende suspeitos logo após eles matarem um homem na favela", 1),
        ("Jovem morre após ser baleado em bairro da zona norte", 1),
    ],
)
def test_spanish_lines_fatalities(pipeline, text, best):
    events = pipeline(Article(id="es", raw_text=text)).events
    assert [e.fatalities for e in events] == [best]


@pytest.mark.parametrize(
    "text",
    [
        "Habitantes toman la presidencia municipal en protesta por la falta de agua",
        "Normalistas toman casetas de cobro en la autopista",
        "Vecinos toman el pozo del pueblo para exigir agua",
    ],
)
def test_spanish_taking_a_building_in_protest_is_no_seizure_of_territory(pipeline, text):
    kinds = [e.sub_event_type for e in pipeline(Article(id="es", raw_text=text)).events]
    assert "Non-state actor overtakes territory" not in kinds


def test_spanish_portuguese_death_in_an_accident_is_no_event(pipeline):
    assert pipeline(Article(id="pt", raw_text="Motorista morre em acidente na rodovia estadual")).events == []
