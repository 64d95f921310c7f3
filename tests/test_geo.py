"""The geo stage: recognition, resolution, event locations and the geoparse command, on texts written here."""

from __future__ import annotations

import json
from datetime import date

import pytest

from conflictwire.options import load_options
from conflictwire.schema import Article, Event, Evidence, Span, Toponym


@pytest.fixture(scope="session")
def options(tmp_path_factory):
    import os

    from conflictwire.geo.gazetteer import open_gazetteer
    from conflictwire.nlp import load_spacy

    os.environ.setdefault("CONFLICTWIRE_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "conflictwire-cache"))
    opts = load_options()
    open_gazetteer()
    load_spacy(opts.spacy_model)
    return opts


def _by_text(toponyms):
    return {t.text: t for t in toponyms}


def test_geoparse_recognises_and_resolves_places_with_containment(options):
    from conflictwire.geo import geoparse_text

    text = "Gunmen attacked a checkpoint in the town of Hit, west of Ramadi, in Anbar province, police said."
    found = _by_text(geoparse_text(text, options))
    assert {"Hit", "Ramadi", "Anbar"} <= set(found)  # the descriptor word is a hint, outside the span
    assert found["Hit"].country_code == "IQ" and found["Hit"].feature_code.startswith("PPL")
    assert found["Ramadi"].country_code == "IQ"
    assert found["Anbar"].feature_code == "ADM1"
    for t in found.values():
        assert text[t.start : t.end] == t.text
        assert 0.0 <= t.score <= 1.0 and t.evidence


def test_geoparse_state_after_comma_picks_the_right_town(options):
    from conflictwire.geo import geoparse_text

    found = _by_text(geoparse_text("A tornado damaged homes in Lexington, Ky., on Sunday night.", options))
    assert found["Lexington"].admin1 == "Kentucky"
    assert "containment" in found["Lexington"].evidence


def test_geoparse_country_name_resolves_to_the_country(options):
    from conflictwire.geo import geoparse_text

    found = _by_text(geoparse_text("Trade talks between China and Mexico stalled again this week.", options))
    assert found["China"].feature_code == "PCLI" and found["China"].country_code == "CN"
    assert found["Mexico"].feature_code == "PCLI" and found["Mexico"].country_code == "MX"


def test_geoparse_places_of_one_report_cluster(options):
    from conflictwire.geo import geoparse_text

    text = "Flooding closed roads between Springfield and Branson. Officials in Joplin warned of more rain."
    found = _by_text(geoparse_text(text, options))
    assert found["Springfield"].admin1 == "Missouri"
    assert "nearby-places" in found["Springfield"].evidence or "admin1-mentioned" in found["Springfield"].evidence


def test_geoparse_finds_place_nested_in_an_organisation(options):
    from conflictwire.geo import geoparse_text

    text = "Deputies from the Laurel County Sheriff's Office arrested two men on Tuesday."
    found = _by_text(geoparse_text(text, options))
    assert "Laurel County" in found
    assert found["Laurel County"].admin1 == "Kentucky"


def test_geoparse_person_name_is_not_a_place(options):
    from conflictwire.geo import geoparse_text

    text = "Senator Maria Jackson spoke to reporters. Jackson said the bill would pass."
    assert "Jackson" not in _by_text(geoparse_text(text, options))


def test_geoparse_demonym_is_country_evidence_not_a_place(options):
    from conflictwire.geo import geoparse_text

    text = "Iraqi troops entered Falluja on Monday."
    found = _by_text(geoparse_text(text, options))
    assert "Iraqi" not in found
    assert found["Falluja"].country_code == "IQ"
    with_demonyms = _by_text(geoparse_text(text, options, include_demonyms=True))
    assert with_demonyms["Iraqi"].feature_code == "PCLI" and "demonym" in with_demonyms["Iraqi"].evidence


def test_geoparse_given_spans_resolves_only_those_and_keeps_unknown_names(options):
    from conflictwire.geo import geoparse_text

    text = "Clashes in Mosul and Qwxzyville spread to Erbil."
    spans = [(11, 16), (21, 31)]
    toponyms = geoparse_text(text, options, given_spans=spans)
    assert [(t.start, t.end) for t in toponyms] == spans
    mosul, unknown = toponyms
    assert mosul.name is not None and mosul.country_code == "IQ"
    # A name the gazetteer lacks is kept, with no candidates, and assumed to lie near the place the
    # text is about there, with a low score (resolve._place_subplaces).
    assert unknown.candidates == [] and "no-candidate" in unknown.evidence
    assert "assumed-near:Mosul" in unknown.evidence and unknown.latitude == mosul.latitude
    assert unknown.score < 0.3 * mosul.score
    # With no other place in the text it stays unresolved.
    alone = geoparse_text(text, options, given_spans=[(21, 31)])[0]
    assert alone.name is None and alone.latitude is None and "no-candidate" in alone.evidence


def test_geoparse_given_spans_out_of_range_are_ignored(options):
    from conflictwire.geo import geoparse_text

    assert geoparse_text("Mosul", options, given_spans=[(0, 5), (3, 99), (-1, 2)])[0].text == "Mosul"


@pytest.mark.parametrize(
    "text",
    ["", "   \n\n ", "(((([[[{{", "\x00\x01\x02", "\U0001f642 in Mosul \U0001f642", '"Mosul" \u2014 \u00abBaghdad\u00bb',
     "Ba\u200bghdad", "in " * 300, "Al-\u2019 (Reuters) - \u2014"],
)
def test_geoparse_odd_characters_never_crash(options, text):
    from conflictwire.geo import geoparse_text

    for t in geoparse_text(text, options):
        assert text[t.start : t.end] == t.text


def test_geoparse_dateline_sets_the_country(options):
    from conflictwire.geo import find_dateline, geoparse_text

    text = "BAGHDAD, March 11 (Reuters) - Fighting continued in Baiji on Wednesday."
    assert find_dateline(text) is not None
    assert find_dateline("The army said on Monday - again - that it had won.") is None
    found = _by_text(geoparse_text(text, options))
    assert found["Baiji"].country_code == "IQ"


@pytest.mark.parametrize(
    "text, word, country, admin1",
    [
        # untagged or oddly labelled names after a locative word, with no spaCy place entity
        ("Police found a burned car on the highway in Irapuato on Sunday.", "Irapuato", "MX", "Guanajuato"),
        ("A taxi driver was shot dead north of Hermosillo late on Friday.", "Hermosillo", "MX", "Sonora"),
        ("Gunmen left a banner near the Municipal Palace of Olinalá.", "Olinalá", "MX", "Guerrero"),
        ("Ejecutan a dos hombres en Iztapalapa", "Iztapalapa", "MX", None),
        # a headline that opens with its place and a colon
        ("Tijuana: two men shot outside a bar", "Tijuana", "MX", "Baja California"),
        # connectors inside names, and the gazetteer's form without them
        ("Santiago de Ixcuintla, Nayarit: gunmen attacked a patrol", "Santiago de Ixcuintla", "MX", "Nayarit"),
        # former names of divisions, transliterations split differently, an article joined by a hyphen
        ("Fighting resumed in Karen State near the Thai border.", "Karen State", "MM", "Kayin"),
        ("Shelling hit villages on the outskirts of Deir Ezzor.", "Deir Ezzor", "SY", None),
        ("Clashes broke out in al-Raqqa countryside on Monday.", "al-Raqqa", "SY", None),
        # a country named in the text outweighs a larger namesake elsewhere
        ("Army officials in the Democratic Republic of Congo said rebels attacked Beni overnight.", "Beni", "CD", None),
    ],
)
def test_geoparse_recognises_headline_places_in_the_right_country(options, text, word, country, admin1):
    from conflictwire.geo import geoparse_text

    found = _by_text(geoparse_text(text, options))
    assert word in found, found
    assert found[word].country_code == country
    if admin1:
        assert found[word].admin1 == admin1


@pytest.mark.parametrize(
    "text",
    [
        "Ten soldiers were killed in the west province of the country.",  # no capitalised name at all
        "Residents of Loma Dorada said the shooting lasted an hour.",  # "Loma" alone is Rome's name in one language
        "A man was shot in the Lucio Blanco neighborhood.",  # a word of a longer name the gazetteer lacks
    ],
)
def test_geoparse_no_place_from_part_of_an_unknown_name(options, text):
    from conflictwire.geo import geoparse_text

    resolved = [t for t in geoparse_text(text, options) if t.name is not None]
    assert resolved == []


def test_geoparse_neighbourhood_lies_in_its_town_not_in_a_namesake_elsewhere(options):
    from conflictwire.geo import geoparse_text

    found = _by_text(geoparse_text("A man was killed in the Santa Rita neighborhood of Celaya.", options))
    assert found["Santa Rita"].country_code == "MX" and found["Santa Rita"].name == found["Celaya"].name
    assert "inside:Celaya" in found["Santa Rita"].evidence and found["Santa Rita"].score < found["Celaya"].score
    alone = _by_text(geoparse_text("A man was killed in the Santa Rita neighborhood.", options))
    assert alone["Santa Rita"].name is None and "no-candidate" in alone["Santa Rita"].evidence


def test_geoparse_given_spans_use_the_place_inside_a_facility_name(options):
    from conflictwire.geo import geoparse_text

    text = "Doctors at Kirkuk General Hospital and the University of Basra treated the wounded."
    spans = [(text.index(w), text.index(w) + len(w)) for w in ("Kirkuk General Hospital", "University of Basra")]
    hospital, university = geoparse_text(text, options, given_spans=spans)
    assert hospital.name == "Kirkuk" and "part-of-name:Kirkuk" in hospital.evidence
    assert university.country_code == "IQ" and "part-of-name:Basra" in university.evidence


def test_geoparse_given_spans_street_takes_its_town(options):
    from conflictwire.geo import geoparse_text

    text = "Police closed Rashid Street in Baghdad after the blast."
    street, city = geoparse_text(text, options, given_spans=[(14, 27), (31, 38)])
    assert street.latitude == city.latitude and street.country_code == "IQ"
    assert street.geonameid is None and "inside:Baghdad" in street.evidence


def test_geoparse_region_and_its_demonym(options):
    from conflictwire.geo import geoparse_text

    found = _by_text(geoparse_text("Fighting in Darfur spread as South Ossetian militias regrouped.", options, given_spans=[(12, 18), (29, 43)]))
    assert found["Darfur"].country_code == "SD" and found["Darfur"].feature_code == "RGN"
    assert found["South Ossetian"].name == "South Ossetia" and found["South Ossetian"].country_code == "GE"


def test_geoparse_given_spans_demonym_of_a_region(options):
    from conflictwire.geo import geoparse_text

    abkhaz, sukhumi = geoparse_text("Abkhaz officials met in Sukhumi.", options, given_spans=[(0, 6), (24, 31)])
    assert abkhaz.name == "Abkhazia" and abkhaz.country_code == "GE"
    assert sukhumi.admin1 == "Abkhazia"


def test_score_ucdp_location_counts_names_of_one_division_and_detected_records():
    from conflictwire.evaluate.events import score_ucdp

    def record(admin1, lat, lon):
        return {"id": "r", "gold": {"location": {"admin1": admin1, "lat": lat, "lon": lon}}}

    records = [record("Michoacán state", 19.70, -101.19), record("Sonora state", 29.07, -110.96), record("Kayin state", 16.9, 97.6)]
    preds = [
        [{"admin1": "Michoacán de Ocampo", "lat": 19.70, "lon": -101.18}],  # official and short name of one state
        [{"admin1": "Sinaloa", "lat": 24.80, "lon": -107.39}],  # another state, far away
        [],  # no event detected
    ]
    metrics, _ = score_ucdp(records, preds)
    assert metrics["admin1_match"] == pytest.approx(1 / 3)
    assert metrics["admin1_match_detected"] == pytest.approx(1 / 2)
    assert metrics["location_within_25km"] == pytest.approx(1 / 3)
    assert metrics["location_within_25km_detected"] == pytest.approx(1 / 2)


# --------------------------------------------------------------------------- event locations


def _event(n: int, start: int, end: int, text: str) -> Event:
    return Event(
        event_id=f"a1-e{n}", article_id="a1", event_type="Battles", sub_event_type="Armed clash",
        evidence=[Evidence(start=start, end=end, text=text[start:end], field="trigger")],
    )


def _toponym(text: str, word: str, **fields) -> Toponym:
    start = text.index(word)
    return Toponym(start=start, end=start + len(word), text=word, **fields)


PLACES = {
    "Norvale": dict(name="Norvale", feature_code="PPL", country_code="IQ", country="Iraq", admin1="Eastmarch", latitude=34.6, longitude=43.7, geonameid=1),
    "Eastmarch": dict(name="Eastmarch", feature_code="ADM1", country_code="IQ", country="Iraq", admin1="Eastmarch", latitude=34.9, longitude=43.9, geonameid=2),
    "Iraq": dict(name="Iraq", feature_code="PCLI", country_code="IQ", country="Iraq", latitude=33.0, longitude=43.7, geonameid=3),
    "Kessel": dict(name="Kessel", feature_code="PPL", country_code="NG", country="Nigeria", admin1="Lowland", latitude=11.8, longitude=13.2, geonameid=4),
}


@pytest.mark.parametrize(
    "sentence, trigger, place, precision",
    [
        ("Militants attacked a checkpoint in Norvale on Monday.", "attacked", "Norvale", 1),
        ("Militants attacked a checkpoint near Norvale on Monday.", "attacked", "Norvale", 2),
        ("Militants attacked a checkpoint 20 km north of Norvale.", "attacked", "Norvale", 2),
        ("Militants attacked a checkpoint in Eastmarch province.", "attacked", "Eastmarch", 3),
        ("Militants attacked a checkpoint somewhere in Iraq.", "attacked", "Iraq", 3),
    ],
)
def test_locate_events_geo_precision(sentence, trigger, place, precision):
    from conflictwire.geo import locate_events

    words = [w for w in PLACES if w in sentence]
    article = Article(id="a1", clean_text=sentence, sentences=[Span(start=0, end=len(sentence), text=sentence)])
    article.toponyms = [_toponym(sentence, w, **PLACES[w]) for w in words]
    start = sentence.index(trigger)
    article.events = [_event(0, start, start + len(trigger), sentence)]
    (located,) = locate_events(article)
    assert located.name == place and located.geo_precision == precision
    assert located.country_code == "IQ" and located.latitude is not None


def test_locate_events_prefers_the_event_sentence_over_the_article():
    from conflictwire.geo import locate_events, set_event_locations

    text = "Officials in Norvale met on Sunday.\n\nIn Kessel, gunmen attacked a market. Three people died."
    sentences = [Span(start=0, end=35, text=text[:35]), Span(start=37, end=73, text=text[37:73]),
                 Span(start=74, end=len(text), text=text[74:])]
    article = Article(id="a1", clean_text=text, sentences=sentences)
    article.toponyms = [_toponym(text, "Norvale", **PLACES["Norvale"]), _toponym(text, "Kessel", **PLACES["Kessel"])]
    attack = text.index("attacked")
    died = text.index("died")
    article.events = [_event(0, attack, attack + 8, text), _event(1, died, died + 4, text)]
    first, second = locate_events(article)
    assert first.name == "Kessel" and first.geo_precision == 1
    assert second.name == "Kessel"  # same paragraph
    set_event_locations(article)
    assert article.events[0].location.admin1 == "Lowland"


def test_locate_events_without_a_place_in_reach_falls_back_to_the_main_place():
    from conflictwire.geo import locate_events

    text = "Fighting broke out in Norvale on Monday.\n\nLater, a second attack was reported."
    article = Article(id="a1", clean_text=text, sentences=[Span(start=0, end=40, text=text[:40])])
    article.toponyms = [_toponym(text, "Norvale", **PLACES["Norvale"])]
    attack = text.index("attack")
    article.events = [_event(0, attack, attack + 6, text)]
    (located,) = locate_events(article)
    assert located.name == "Norvale" and located.geo_precision == 2


def test_locate_events_passes_over_a_place_inside_an_organisation_name():
    from conflictwire.geo import locate_events

    text = "The Norvale Brigade attacked a convoy in Eastmarch."
    article = Article(id="a1", clean_text=text, sentences=[Span(start=0, end=len(text), text=text)])
    article.toponyms = [
        _toponym(text, "Norvale", evidence=["population", "gazetteer:ORG"], **PLACES["Norvale"]),
        _toponym(text, "Eastmarch", evidence=["population", "spacy:GPE"], **PLACES["Eastmarch"]),
    ]
    attack = text.index("attacked")
    article.events = [_event(0, attack, attack + 8, text)]
    (located,) = locate_events(article)
    assert located.name == "Eastmarch" and located.geo_precision == 3
    article.toponyms = article.toponyms[:1]  # the group's home town is still better than nothing
    (located,) = locate_events(article)
    assert located.name == "Norvale"


def test_locate_events_with_no_toponyms_leaves_location_empty():
    from conflictwire.geo import locate_events, set_event_locations

    text = "Gunmen attacked a market."
    article = Article(id="a1", clean_text=text)
    article.events = [_event(0, 7, 15, text)]
    assert locate_events(article) == [None]
    assert set_event_locations(article).events[0].location is None


def test_geo_stage_runs_in_the_pipeline(options):
    from conflictwire.pipeline import Pipeline, get_stage

    info = get_stage("geo")
    assert info.requires == ("article.doc",) and "article.toponyms" in info.assigns
    text = "Gunmen attacked a market in Kano on Friday, killing five people, police in Nigeria said."
    article = Article(id="a1", clean_text=text, published=date(2021, 5, 7))
    attack = text.index("attacked")
    article.events = [_event(0, attack, attack + 8, text)]
    pipeline = Pipeline(options.model_copy(update={"stages": ("nlp", "geo")}))
    (out,) = list(pipeline.pipe([article]))
    assert isinstance(out, Article)
    names = _by_text(out.toponyms)
    assert names["Kano"].country_code == "NG"
    assert out.events[0].location.name == "Kano" and out.events[0].location.geo_precision == 1


# --------------------------------------------------------------------------- the command


def test_cli_geoparse_json_gives_offsets_into_the_text_as_given(options, tmp_path):
    from typer.testing import CliRunner

    from conflictwire.cli import app

    text = "  Protesters marched through Nairobi, Kenya, on Thursday.\n"
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps({"id": "k1", "text": text}) + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["geoparse", str(path), "--json"])
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout.strip().splitlines()[0])
    assert record["article_id"] == "k1"
    nairobi = next(t for t in record["toponyms"] if t["text"] == "Nairobi")
    assert text[nairobi["start"] : nairobi["end"]] == "Nairobi"
    assert nairobi["country_code"] == "KE" and set(nairobi) >= {"latitude", "longitude", "geonameid", "admin1", "feature_code", "score"}


def test_cli_geoparse_given_spans_and_bad_lines(options, tmp_path):
    from typer.testing import CliRunner

    from conflictwire.cli import app

    path = tmp_path / "spans.jsonl"
    path.write_text(
        json.dumps({"id": "s1", "text": "Shelling hit Donetsk and Avdiivka.", "toponyms": [{"start": 13, "end": 20}]}) + "\n"
        + "not json\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(app, ["geoparse", str(path), "--json", "--given-spans"])
    assert result.exit_code == 3  # one line skipped, the rest processed
    record = json.loads(result.stdout.strip().splitlines()[0])
    assert [(t["start"], t["end"]) for t in record["toponyms"]] == [(13, 20)]
    assert record["toponyms"][0]["country_code"] == "UA"


def test_cli_gazetteer_lookup_lists_candidates(options):
    from typer.testing import CliRunner

    from conflictwire.cli import app

    result = CliRunner().invoke(app, ["gazetteer", "lookup", "Goma", "--json", "--limit", "3"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.strip().splitlines()]
    assert rows[0]["country_code"] == "CD" and len(rows) <= 3
    missing = CliRunner().invoke(app, ["gazetteer", "lookup", "Qwxzyvillezz"])
    assert missing.exit_code == 1


def _spans_of(text, *names):
    return [(text.index(n), text.index(n) + len(n)) for n in names]


def test_geoparse_unknown_name_placed_by_the_text_takes_its_container(options):
    from conflictwire.geo import geoparse_text

    text = "Shots were fired at Talvermoor, near Kandahar, and later at the Quessly Works in Herat."
    found = _by_text(geoparse_text(text, options, given_spans=_spans_of(text, "Talvermoor", "Kandahar", "Quessly Works", "Herat")))
    assert found["Talvermoor"].name == found["Kandahar"].name and found["Talvermoor"].country_code == "AF"
    assert "near:Kandahar" in found["Talvermoor"].evidence
    assert "inside:Herat" in found["Quessly Works"].evidence
    assert found["Quessly Works"].latitude == found["Herat"].latitude
    assert found["Quessly Works"].score < found["Herat"].score


def test_geoparse_unknown_name_opening_with_a_place_or_a_country(options):
    from conflictwire.geo import geoparse_text

    text = "The Brazilian Quorvex Authority fined Oskavel Holdings. Dubai hosts the Dubai Vantrel Cup."
    found = _by_text(geoparse_text(text, options, given_spans=_spans_of(text, "Brazilian Quorvex Authority", "Oskavel Holdings", "Dubai", "Dubai Vantrel Cup")))
    assert found["Brazilian Quorvex Authority"].country_code == "BR"
    assert found["Dubai Vantrel Cup"].latitude == found["Dubai"].latitude
    # Nothing in "Oskavel Holdings" names a place: it stays unresolved, and is still returned.
    assert found["Oskavel Holdings"].name is None


def test_geoparse_text_protocols_adds_demonyms_as_countries(options):
    from conflictwire.geo import geoparse_text_protocols

    plain, with_demonyms = geoparse_text_protocols("Iraqi troops entered Mosul on Tuesday.", options)
    assert "Iraqi" not in _by_text(plain) and "Mosul" in _by_text(plain)
    assert _by_text(with_demonyms)["Iraqi"].feature_code == "PCLI" and _by_text(with_demonyms)["Iraqi"].country_code == "IQ"
    assert geoparse_text_protocols("   ", options) == ([], [])


def test_score_toponyms_demonym_protocol_and_located_count():
    from conflictwire.evaluate.toponyms import score_toponyms

    rec = {"text": "Iraqi troops entered Mosul.", "toponyms": [
        {"start": 0, "end": 5, "name": "Iraqi", "lat": 33.0, "lon": 44.0},
        {"start": 21, "end": 26, "name": "Mosul", "lat": 36.34, "lon": 43.13},
        {"start": 21, "end": 26, "name": "Mosul", "lat": None, "lon": None}]}
    plain = [[{"start": 21, "end": 26, "lat": 36.3, "lon": 43.1}]]
    demonyms = [plain[0] + [{"start": 0, "end": 5, "lat": 33.2, "lon": 43.7}]]
    m, _ = score_toponyms([rec], plain, None, e2e_demonyms=demonyms)
    assert m["located_n"] == 2
    assert m["e2e_acc@161"] == 0.5 and m["e2e_demonyms_acc@161"] == 1.0
    assert m["recognition_demonyms_strict_f1"] > m["recognition_strict_f1"]


def test_scorecard_pools_toponym_sets_by_located_count():
    from conflictwire.evaluate.runner import EvalResult
    from conflictwire.evaluate.scorecard import pooled_toponyms, render

    def result(name, n, acc, acc_dem):
        return EvalResult(dataset=name, task="toponyms", format="toponyms", n=1,
                          metrics={"located_n": n, "e2e_acc@161": acc, "e2e_demonyms_acc@161": acc_dem, "given_acc@161": 0.9})

    results = [result("lgl", 300.0, 0.6, 0.7), result("trnews", 100.0, 1.0, 1.0), result("geowebnews", 100.0, 0.5, 0.6)]
    total, pooled = pooled_toponyms(results)
    assert total == 500 and pooled["e2e_acc@161"] == pytest.approx((180 + 100 + 50) / 500)
    assert pooled["e2e_demonyms_acc@161"] == pytest.approx((210 + 100 + 60) / 500)
    assert pooled_toponyms(results[:2]) is None
    card = render(results, command="test", total_seconds=1.0, commit="abc", trained={}, trained_protocol="")
    assert "pooled: lgl + trnews + geowebnews" in card and "| e2e_demonyms_acc@161 | 0.740 |" in card


def test_geoparse_country_evidence_alone_does_not_make_a_capital_a_small_namesake(options):
    from conflictwire.geo import geoparse_text

    text = ("Washington said the U.S. would act. The United States, the U.S. Senate and American diplomats said "
            "talks in Dublin would follow.")
    assert _by_text(geoparse_text(text, options))["Dublin"].country_code == "IE"
    # Stated containment still picks the namesake.
    text = "The United States sent officials. A storm hit Dublin, Ohio, on Monday."
    assert _by_text(geoparse_text(text, options))["Dublin"].admin1 == "Ohio"


@pytest.mark.parametrize(
    ("url", "source_name", "expected"),
    [
        ("https://www.example.ca/news/story", None, "CA"),
        ("http://news.example.co.uk/a", None, "GB"),
        ("www.example.com.au/world", None, "AU"),
        ("https://example.com.ng/x", None, "NG"),
        ("https://www.example.com/news", None, None),  # a generic TLD says nothing
        ("https://example.org/x", None, None),
        ("https://example.io/x", None, None),  # a ccTLD sold as a generic name says nothing
        ("http://10.0.0.1/story", None, None),
        ("not a url at all", None, None),
        (None, "The Times of Example India", "IN"),
        (None, "The Nigerian Daily", "NG"),
        (None, "The Daily Example", None),
        ("https://www.example.com/news", "Morning Herald of Kenya", "KE"),
        ("https://www.example.ca/", "The Nigerian Daily", "CA"),  # the domain goes first
    ],
)
def test_publication_country_from_url_and_source_name(options, url, source_name, expected):
    from conflictwire.geo import get_gazetteer, publication_country

    assert publication_country(url, source_name, get_gazetteer(options.gazetteer)) == expected


def test_geoparse_publication_country_breaks_a_tie_the_text_leaves_open(options):
    from conflictwire.geo import geoparse_text

    text = "Police said a man was arrested in London on Tuesday after a robbery downtown."
    assert _by_text(geoparse_text(text, options))["London"].country_code == "GB"
    local = _by_text(geoparse_text(text, options, url="https://www.example.ca/news/1"))["London"]
    assert local.country_code == "CA" and "publisher-country" in local.evidence
    assert _by_text(geoparse_text(text, options, url="https://www.example.co.uk/news/1"))["London"].country_code == "GB"
    # Given spans (the resolution-only protocol) take the prior too.
    start = text.index("London")
    given = geoparse_text(text, options, given_spans=[(start, start + 6)], source_name="The Canadian Daily")
    assert given[0].country_code == "CA"


@pytest.mark.parametrize(
    "text",
    [
        "Police said a man was arrested in London, England, on Tuesday.",  # stated containment
        "Britain's police said a man was arrested in London on Tuesday.",  # a named country
        "Storms hit Manchester, Birmingham and London on Tuesday.",  # the other places lie elsewhere
    ],
)
def test_geoparse_publication_country_never_overrides_the_text(options, text):
    from conflictwire.geo import geoparse_text

    found = _by_text(geoparse_text(text, options, url="https://www.example.ca/news/1"))
    assert found["London"].country_code == "GB"


def test_geoparse_publication_country_is_weak_for_a_small_namesake(options):
    from conflictwire.geo import geoparse_text

    found = _by_text(geoparse_text("Police in Perth said a man was arrested.", options, url="https://www.example.ca/x"))
    assert found["Perth"].country_code == "AU"


def test_geo_stage_uses_the_article_url(options):
    from conflictwire.geo import resolve_places
    from conflictwire.nlp import load_spacy

    text = "Police said a man was arrested in London on Tuesday after a robbery downtown."
    article = Article(id="a1", url="https://www.example.ca/news/1", raw_text=text, clean_text=text)
    article._doc = load_spacy(options.spacy_model)(text)
    resolve_places(article, options)
    assert _by_text(article.toponyms)["London"].country_code == "CA"


# --------------------------------------------------------------------------- event locations: wider reach, seats, the outlet's town


def test_locate_events_country_gives_way_to_a_town_of_its_sentence():
    from conflictwire.geo import locate_events

    text = "Three Iraq police officers killed on the road to Norvale."
    article = Article(id="a1", clean_text=text, sentences=[Span(start=0, end=len(text), text=text)])
    article.toponyms = [_toponym(text, "Iraq", **PLACES["Iraq"]), _toponym(text, "Norvale", **PLACES["Norvale"])]
    killed = text.index("killed")
    # The event's clause ("Three Iraq police officers killed") holds only the country.
    article.events = [Event(event_id="a1-e0", article_id="a1", event_type="Battles", sub_event_type="Armed clash",
                            evidence=[Evidence(start=0, end=killed + 6, text=text[:killed + 6], field="trigger")])]
    (located,) = locate_events(article)
    assert located.name == "Norvale" and located.geo_precision == 2
    # A town in another country is no part of it: the country stays.
    article.toponyms[1] = _toponym(text, "Norvale", **{**PLACES["Norvale"], "country_code": "SY", "country": "Syria"})
    (located,) = locate_events(article)
    assert located.name == "Iraq" and located.geo_precision == 3


def test_locate_events_district_is_placed_at_the_town_that_bears_its_name():
    from conflictwire.schema import Candidate
    from conflictwire.geo import locate_events

    text = "Gunmen killed two men in Sandoval."
    district = dict(name="Sandoval", feature_code="ADM2", country_code="MX", country="Mexico", admin1="Norte",
                    latitude=30.0, longitude=-106.0, geonameid=10)
    seat = Candidate(name="Ciudad Sandoval", feature_code="PPL", country_code="MX", admin1="Norte", population=90000,
                     latitude=30.2, longitude=-106.2, geonameid=11)
    namesake_far = Candidate(name="Sandoval", feature_code="PPL", country_code="MX", admin1="Norte", population=200000,
                             latitude=25.0, longitude=-100.0, geonameid=12)
    other = Candidate(name="Villa Nueva", feature_code="PPL", country_code="MX", admin1="Norte", population=500000,
                      latitude=30.1, longitude=-106.1, geonameid=13)
    article = Article(id="a1", clean_text=text, sentences=[Span(start=0, end=len(text), text=text)])
    article.toponyms = [_toponym(text, "Sandoval", candidates=[seat, namesake_far, other], **district)]
    start = text.index("killed")
    article.events = [_event(0, start, start + 6, text)]
    (located,) = locate_events(article)
    assert (located.name, located.geonameid, located.geo_precision) == ("Ciudad Sandoval", 11, 1)
    assert located.admin1 == "Norte" and located.latitude == 30.2
    # Without a seat that bears its name, the district's own point stays (precision 2).
    article.toponyms = [_toponym(text, "Sandoval", candidates=[other], **district)]
    (located,) = locate_events(article)
    assert located.name == "Sandoval" and located.geo_precision == 2


def _entry(gazetteer, name, feature_code, country_code):
    return next(e for e in gazetteer.find(name)[0] if e.feature_code == feature_code and e.country_code == country_code)


def _region_toponym(text, word, entry):
    return _toponym(text, word, name=entry.name, feature_code=entry.feature_code, country_code=entry.country_code,
                    country=entry.country, admin1=entry.name, latitude=entry.latitude, longitude=entry.longitude,
                    geonameid=entry.geonameid)


def test_locate_events_province_alone_is_placed_at_its_stand_in_town(options):
    from conflictwire.geo import get_gazetteer, locate_events, region_seat
    from conflictwire.evaluate.metrics import haversine_km

    gazetteer = get_gazetteer(options.gazetteer)
    state = _entry(gazetteer, "Zacatecas", "ADM1", "MX")
    seat = region_seat(gazetteer, state)
    assert seat.name == "Zacatecas" and seat.feature_code.startswith("PPL")  # its namesake city
    text = "Gunmen killed four people in Zacatecas state."
    article = Article(id="a1", clean_text=text, sentences=[Span(start=0, end=len(text), text=text)])
    article.toponyms = [_region_toponym(text, "Zacatecas", state)]
    start = text.index("killed")
    article.events = [_event(0, start, start + 6, text)]
    (plain,) = locate_events(article)  # without the gazetteer: the province itself
    assert plain.name == "Zacatecas" and plain.geonameid == state.geonameid and plain.geo_precision == 3
    (located,) = locate_events(article, gazetteer)
    assert located.geonameid == seat.geonameid and located.geo_precision == 3
    assert located.admin1 == "Zacatecas" and located.text == "Zacatecas"
    assert haversine_km(located.latitude, located.longitude, 22.77, -102.58) < 25
    # A state named after no town of its own stands in with its largest one, still in the state.
    tamaulipas = _entry(gazetteer, "Tamaulipas", "ADM1", "MX")
    largest = region_seat(gazetteer, tamaulipas)
    assert largest is not None and largest.admin1 == tamaulipas.name and largest.population > 300_000
    assert region_seat(gazetteer, _entry(gazetteer, "Mexico", "PCLI", "MX")) is None


@pytest.mark.parametrize(
    "source_name, name, country_code",
    [
        ("El Sol de Tijuana", "Tijuana", "MX"),
        ("El Heraldo de Juárez", "Ciudad Juárez", "MX"),  # the official name that contains it
        ("Diario de Acapulco", "Acapulco de Juárez", "MX"),
        ("The Kano Chronicle", "Kano", "NG"),
        ("Morning Herald of Kenya", "Kenya", "KE"),
        ("The Star (Kenya)", "Kenya", "KE"),
        ("Noticias de Sinaloa", "Sinaloa", "MX"),  # a province when no town bears the name
        ("Borderland Beat (Reforma)", None, None),  # a bracket that credits another outlet
        ("Reuters", None, None),
        ("The Daily Example", None, None),
        ("", None, None),
        (None, None, None),
        ("El Sol de", None, None),
        ("((((El Sol de Tijuana", "Tijuana", "MX"),
        ("of " * 400, None, None),
        (42, None, None),
    ],
)
def test_publication_place_from_the_outlet_name(options, source_name, name, country_code):
    from conflictwire.geo import get_gazetteer, publication_place

    found = publication_place(source_name, get_gazetteer(options.gazetteer))
    assert (found.name if found else None, found.country_code if found else None) == (name, country_code)


def test_locate_events_outlet_town_stands_in_only_where_the_text_names_no_better_place(options):
    from conflictwire.geo import get_gazetteer, locate_events, publication_place, set_event_locations

    gazetteer = get_gazetteer(options.gazetteer)
    home = publication_place("El Sol de Tijuana", gazetteer)
    text = "They find the body of a man in a vacant lot."
    article = Article(id="a1", clean_text=text, source_name="El Sol de Tijuana",
                      sentences=[Span(start=0, end=len(text), text=text)])
    start = text.index("find")
    article.events = [_event(0, start, start + 4, text)]
    assert locate_events(article, gazetteer) == [None]  # no outlet town, no guess
    (located,) = locate_events(article, gazetteer, home)
    assert located.name == "Tijuana" and located.geo_precision == 3 and located.admin1 == "Baja California"
    set_event_locations(article, gazetteer, home)
    assert article.events[0].location.name == "Tijuana"
    assert any(w.startswith("event(s) a1-e0 placed at Tijuana, the place the outlet 'El Sol de Tijuana'") for w in article.warnings)

    # The country alone, or the outlet's own state: the outlet's town inside it.
    for word, entry in (("Mexico", _entry(gazetteer, "Mexico", "PCLI", "MX")),
                        ("Baja California", _entry(gazetteer, "Baja California", "ADM1", "MX"))):
        text = f"Gunmen killed two men in {word}."
        article = Article(id="a1", clean_text=text, sentences=[Span(start=0, end=len(text), text=text)])
        article.toponyms = [_region_toponym(text, word, entry)]
        start = text.index("killed")
        article.events = [_event(0, start, start + 6, text)]
        (located,) = locate_events(article, gazetteer, home)
        assert located.name == "Tijuana" and located.geo_precision == 3, word

    # Another state: its own stand-in town, never the outlet's.
    state = _entry(gazetteer, "Zacatecas", "ADM1", "MX")
    text = "Gunmen killed two men in Zacatecas."
    article = Article(id="a1", clean_text=text, sentences=[Span(start=0, end=len(text), text=text)])
    article.toponyms = [_region_toponym(text, "Zacatecas", state)]
    start = text.index("killed")
    article.events = [_event(0, start, start + 6, text)]
    (located,) = locate_events(article, gazetteer, home)
    assert located.admin1 == "Zacatecas" and located.name != "Tijuana"

    # A town the text names in the outlet's country always wins, even in another state.
    text = "Gunmen killed two men in Norvale."
    article = Article(id="a1", clean_text=text, sentences=[Span(start=0, end=len(text), text=text)])
    norvale = {**PLACES["Norvale"], "country_code": "MX", "country": "Mexico", "admin1": "Sonora", "population": 120_000}
    article.toponyms = [_toponym(text, "Norvale", **norvale)]
    start = text.index("killed")
    article.events = [_event(0, start, start + 6, text)]
    (located,) = locate_events(article, gazetteer, home)
    assert located.name == "Norvale" and located.geo_precision == 1
    assert not set_event_locations(article, gazetteer, home).warnings


def test_geo_stage_places_an_event_at_the_outlet_town_when_the_text_names_none(options):
    from conflictwire.pipeline import Pipeline

    text = "Two men were shot dead inside a bar on Saturday night."
    article = Article(id="a1", clean_text=text, source_name="El Sol de Tijuana", published=date(2021, 5, 9))
    start = text.index("shot")
    article.events = [_event(0, start, start + 4, text)]
    pipeline = Pipeline(options.model_copy(update={"stages": ("nlp", "geo")}))
    (out,) = list(pipeline.pipe([article]))
    assert out.events[0].location.name == "Tijuana" and out.events[0].location.geo_precision == 3
    article = Article(id="a2", clean_text=text, source_name="Reuters", published=date(2021, 5, 9))
    article.events = [_event(0, start, start + 4, text)]
    (out,) = list(pipeline.pipe([article]))
    assert out.events[0].location is None


def _one_event_article(text, toponyms, trigger="killed"):
    article = Article(id="a1", clean_text=text, sentences=[Span(start=0, end=len(text), text=text)])
    article.toponyms = toponyms
    start = text.index(trigger)
    article.events = [_event(0, start, start + len(trigger), text)]
    return article


def test_locate_events_local_outlet_reads_a_neighbourhood_or_a_far_namesake_at_home(options):
    from conflictwire.schema import Candidate
    from conflictwire.geo import get_gazetteer, locate_events, publication_place

    gazetteer = get_gazetteer(options.gazetteer)
    home = publication_place("El Sol de Tijuana", gazetteer)
    abroad = dict(name="Buenos Aires", feature_code="PPLC", country_code="AR", country="Argentina",
                  admin1="Buenos Aires F.D.", latitude=-34.6, longitude=-58.4, geonameid=20)
    at_home = Candidate(name="Buenos Aires", feature_code="PPL", country_code="MX", admin1="Baja California",
                        population=900, latitude=32.4, longitude=-116.9, geonameid=21)

    # A bare foreign name from a local outlet: its reading in the outlet's province.
    text = "Gunmen killed a man in Buenos Aires."
    article = _one_event_article(text, [_toponym(text, "Buenos Aires", candidates=[at_home], **abroad)])
    (located,) = locate_events(article, gazetteer, home)
    assert (located.name, located.geonameid, located.geo_precision) == ("Buenos Aires", 21, 1)
    # No reading there: a part of the outlet's town (precision 2).
    article = _one_event_article(text, [_toponym(text, "Buenos Aires", **abroad)])
    (located,) = locate_events(article, gazetteer, home)
    assert located.name == "Tijuana" and located.geo_precision == 2
    # Without an outlet, or when the text names that country, the foreign place stands.
    assert locate_events(article, gazetteer)[0].name == "Buenos Aires"
    text = "Gunmen killed a man in Buenos Aires, Argentina."
    argentina = dict(name="Argentina", feature_code="PCLI", country_code="AR", country="Argentina",
                     latitude=-34.0, longitude=-64.0, geonameid=22)
    article = _one_event_article(text, [_toponym(text, "Buenos Aires", **abroad), _toponym(text, "Argentina", **argentina)])
    assert locate_events(article, gazetteer, home)[0].name == "Buenos Aires"


@pytest.mark.parametrize(
    "text, word",
    [
        ("Gunmen killed a man in the Reforma neighborhood.", "Reforma"),
        ("Gunmen killed a man in the Reforma neighbourhood.", "Reforma"),
        ("Gunmen killed a man in colonia Reforma.", "Reforma"),
        ("Gunmen killed a man in the Reforma Sur subdivision.", "Reforma"),
        ("Gunmen killed a man in the Reforma colony.", "Reforma"),  # "colonia" in machine translation
    ],
)
def test_locate_events_neighbourhood_named_like_a_far_town_stays_in_the_outlet_town(options, text, word):
    from conflictwire.geo import get_gazetteer, locate_events, publication_place

    gazetteer = get_gazetteer(options.gazetteer)
    home = publication_place("El Sol de Tijuana", gazetteer)
    far_town = dict(name="Reforma", feature_code="PPL", country_code="MX", country="Mexico", admin1="Chiapas",
                    latitude=17.9, longitude=-93.2, geonameid=30)
    article = _one_event_article(text, [_toponym(text, word, **far_town)])
    (located,) = locate_events(article, gazetteer, home)
    assert located.name == "Tijuana" and located.geo_precision == 2
    assert locate_events(article, gazetteer)[0].name == "Reforma"  # no outlet town: the name's own reading
    # A town of that name in the outlet's own province may be the place itself: it stands.
    near = {**far_town, "admin1": "Baja California", "latitude": 32.5, "longitude": -116.9}
    article = _one_event_article(text, [_toponym(text, word, **near)])
    assert locate_events(article, gazetteer, home)[0].name == "Reforma"


def test_locate_events_local_outlet_prefers_the_reading_in_its_own_province(options):
    from conflictwire.schema import Candidate
    from conflictwire.geo import get_gazetteer, locate_events, publication_place

    gazetteer = get_gazetteer(options.gazetteer)
    home = publication_place("El Sol de Tijuana", gazetteer)
    at_home = Candidate(name="El Refugio", feature_code="PPL", country_code="MX", admin1="Baja California",
                        population=2000, latitude=32.4, longitude=-116.9, geonameid=41)
    village = dict(name="El Refugio", feature_code="PPL", country_code="MX", country="Mexico", admin1="Jalisco",
                   population=900, latitude=20.5, longitude=-103.3, geonameid=40)
    text = "Gunmen killed a man in El Refugio."
    article = _one_event_article(text, [_toponym(text, "El Refugio", candidates=[at_home], **village)])
    assert locate_events(article, gazetteer, home)[0].geonameid == 41
    assert locate_events(article, gazetteer)[0].geonameid == 40  # no outlet: the resolver's reading
    # A town of some size elsewhere in the country is meant as itself.
    town = {**village, "population": 120_000}
    article = _one_event_article(text, [_toponym(text, "El Refugio", candidates=[at_home], **town)])
    assert locate_events(article, gazetteer, home)[0].geonameid == 40
    # A foreign province: the outlet's namesake if it has one, else the province stands.
    province = dict(name="Duarte", feature_code="ADM1", country_code="DO", country="Dominican Republic",
                    admin1="Duarte", latitude=19.2, longitude=-70.0, geonameid=50)
    namesake = Candidate(name="Duarte", feature_code="PPL", country_code="MX", admin1="Baja California",
                         population=700, latitude=32.3, longitude=-116.5, geonameid=51)
    text = "Gunmen killed a man in Duarte."
    article = _one_event_article(text, [_toponym(text, "Duarte", candidates=[namesake], **province)])
    assert locate_events(article, gazetteer, home)[0].geonameid == 51
    article = _one_event_article(text, [_toponym(text, "Duarte", **province)])
    located = locate_events(article, gazetteer, home)[0]
    assert located.country_code == "DO" and located.geo_precision == 3


@pytest.mark.parametrize(
    "text",
    [
        "Gunmen killed a man in Elcapo in Norvale.",
        "Gunmen killed a man in Elcapo, in Norvale.",
        "Gunmen killed a man near Elcapo, municipality of Norvale.",
        "Asesinan a un hombre en Elcapo en Norvale.",
    ],
)
def test_locate_events_place_stated_inside_a_town_is_read_by_that_town(text):
    from conflictwire.geo import locate_events

    trigger = "killed" if "killed" in text else "Asesinan"
    norvale = _toponym(text, "Norvale", **PLACES["Norvale"])
    far = dict(name="Elcapo", feature_code="PPL", country_code="IQ", country="Iraq", admin1="Southmarch",
               latitude=31.0, longitude=46.0, geonameid=60)
    article = _one_event_article(text, [_toponym(text, "Elcapo", **far), norvale], trigger)
    (located,) = locate_events(article)
    # Elcapo read 450 km from the town the text puts it in is a namesake: only Norvale is known.
    assert located.name == "Norvale" and located.geo_precision == 2
    near = {**far, "admin1": "Eastmarch", "latitude": 34.65, "longitude": 43.75}
    article = _one_event_article(text, [_toponym(text, "Elcapo", **near), norvale], trigger)
    (located,) = locate_events(article)
    assert located.name == "Elcapo" and located.geo_precision in (1, 2)


def test_locate_events_local_outlet_hamlet_elsewhere_is_a_part_of_its_town(options):
    from conflictwire.geo import get_gazetteer, locate_events, publication_place

    gazetteer = get_gazetteer(options.gazetteer)
    home = publication_place("El Sol de Tijuana", gazetteer)
    # A local paper's bare name of a hamlet 2,000 km away, no reading at home: a part of its own town
    # the gazetteer lacks (precision 2), not the far hamlet.
    hamlet = dict(name="Las Hortensias", feature_code="PPL", country_code="MX", country="Mexico", admin1="Chiapas",
                  population=800, latitude=16.5, longitude=-92.5, geonameid=70)
    text = "Gunmen killed a man in Las Hortensias."
    article = _one_event_article(text, [_toponym(text, "Las Hortensias", **hamlet)])
    (located,) = locate_events(article, gazetteer, home)
    assert located.name == "Tijuana" and located.geo_precision == 2
    assert locate_events(article, gazetteer)[0].name == "Las Hortensias"  # no outlet: the resolver's reading
    # The text names the hamlet's state: it is meant.
    chiapas = _entry(gazetteer, "Chiapas", "ADM1", "MX")
    text = "Gunmen killed a man in Las Hortensias, Chiapas."
    article = _one_event_article(text, [_toponym(text, "Las Hortensias", **hamlet), _region_toponym(text, "Chiapas", chiapas)])
    assert locate_events(article, gazetteer, home)[0].name == "Las Hortensias"


def test_locate_events_local_outlet_reads_a_far_city_name_as_the_town_at_home(options):
    from conflictwire.schema import Candidate
    from conflictwire.geo import get_gazetteer, locate_events, publication_place

    gazetteer = get_gazetteer(options.gazetteer)
    home = publication_place("El Sol de Tijuana", gazetteer)
    city = dict(name="Villa Ortega", feature_code="PPL", country_code="MX", country="Mexico", admin1="Jalisco",
                population=400_000, latitude=20.6, longitude=-103.3, geonameid=80)
    town_at_home = Candidate(name="Villa Ortega", feature_code="PPL", country_code="MX", admin1="Baja California",
                             population=60_000, latitude=32.4, longitude=-116.9, geonameid=81)
    hamlet_at_home = town_at_home.model_copy(update={"population": 300, "geonameid": 82})
    text = "Gunmen killed a man in Villa Ortega."
    # A town of that name in the outlet's own province is the one a local paper means...
    article = _one_event_article(text, [_toponym(text, "Villa Ortega", candidates=[town_at_home], **city)])
    assert locate_events(article, gazetteer, home)[0].geonameid == 81
    # ... but a hamlet at home does not take the name of a big city elsewhere.
    article = _one_event_article(text, [_toponym(text, "Villa Ortega", candidates=[hamlet_at_home], **city)])
    assert locate_events(article, gazetteer, home)[0].geonameid == 80


def test_locate_events_country_gives_way_to_a_province_the_text_names():
    from conflictwire.geo import locate_events

    iraq, eastmarch = PLACES["Iraq"], PLACES["Eastmarch"]
    # The event's sentence names only the country; the next names a province of it.
    text = "Troops killed three villagers in Iraq. The villagers had fled Eastmarch."
    article = Article(id="a1", clean_text=text, sentences=[Span(start=0, end=38, text=text[:38]),
                                                           Span(start=39, end=len(text), text=text[39:])])
    article.toponyms = [_toponym(text, "Iraq", **iraq), _toponym(text, "Eastmarch", **eastmarch)]
    start = text.index("killed")
    article.events = [_event(0, start, start + 6, text)]
    (located,) = locate_events(article)
    assert located.name == "Eastmarch" and located.geo_precision == 3
    # A province of another country says nothing about this one.
    kessel = {**PLACES["Kessel"], "feature_code": "ADM1"}
    article.toponyms = [_toponym(text, "Iraq", **iraq), _toponym(text, "Eastmarch", **kessel)]
    assert locate_events(article)[0].name == "Iraq"


@pytest.mark.parametrize(
    "text, word, evidence",
    [
        # spaCy tags "Eastmarch State" an organisation: the division word makes it a place phrase.
        ("Two civilians killed in Iraq's Eastmarch State", "Eastmarch State", ["gazetteer:ORG"]),
        ("Two civilians killed in Iraq's Eastmarch state", "Eastmarch", ["gazetteer:ORG", "state"]),
        # Only a group's name ("Eastmarch Resistance") names the province: still better than the country.
        ("Two pilots killed in Iraq when Eastmarch Resistance shot down a jet", "Eastmarch", ["gazetteer:ORG"]),
    ],
)
def test_locate_events_province_inside_an_organisation_tag_beats_its_country(text, word, evidence):
    from conflictwire.geo import locate_events

    toponyms = [_toponym(text, "Iraq", **PLACES["Iraq"]), _toponym(text, word, evidence=evidence, **PLACES["Eastmarch"])]
    article = _one_event_article(text, toponyms)
    article.events[0].evidence[0] = Evidence(start=0, end=text.index("Iraq") + 4, text=text[: text.index("Iraq") + 4], field="event")
    (located,) = locate_events(article)
    assert located.name == "Eastmarch"


def test_locate_events_name_after_a_comma_is_the_address_of_the_name_before():
    from conflictwire.geo import locate_events

    # "in Norvale, Eastmarch": the state's name read as its capital city is Norvale's address.
    district = {**PLACES["Norvale"], "feature_code": "ADM2"}
    capital = {**PLACES["Eastmarch"], "feature_code": "PPLA", "geonameid": 9}
    text = "Gunmen killed two men in Norvale, Eastmarch."
    article = _one_event_article(text, [_toponym(text, "Norvale", **district), _toponym(text, "Eastmarch", **capital)])
    assert locate_events(article)[0].name == "Norvale"
    # Two towns joined by "and" are two places: the more specific one still wins.
    text = "Gunmen killed two men in Norvale and Eastmarch."
    article = _one_event_article(text, [_toponym(text, "Norvale", **district), _toponym(text, "Eastmarch", **capital)])
    assert locate_events(article)[0].name == "Eastmarch"
