"""The time stage: time expressions recognised, resolved against the publication date, events dated."""

import json
import subprocess
import sys
from datetime import date

import pytest

from conflictwire.options import Options
from conflictwire.schema import Article, Event, Evidence, Span
from conflictwire.time import choose_event_date, find_timexes, resolve_dates, set_event_dates

WEDNESDAY = date(2015, 3, 11)  # a Wednesday


def one(text: str, published=WEDNESDAY, expected_text: str | None = None):
    found = find_timexes(text, published)
    if expected_text is not None:
        found = [t for t in found if t.text == expected_text]
    assert len(found) == 1, [(t.text, t.value) for t in find_timexes(text, published)]
    return found[0]


@pytest.mark.parametrize(
    "text, span, value, type_",
    [
        ("Gunmen attacked the village on Wednesday.", "Wednesday", "2015-03-11", "DATE"),
        ("Gunmen attacked the village on Tuesday.", "Tuesday", "2015-03-10", "DATE"),
        ("Gunmen attacked the village on Thursday.", "Thursday", "2015-03-05", "DATE"),
        ("Tuesday's attack killed four.", "Tuesday", "2015-03-10", "DATE"),
        ("The talks will resume on Friday.", "Friday", "2015-03-13", "DATE"),
        ("Officials met last Wednesday.", "last Wednesday", "2015-03-04", "DATE"),
        ("Police said the bomb went off today.", "today", "2015-03-11", "DATE"),
        ("The convoy was hit yesterday.", "yesterday", "2015-03-10", "DATE"),
        ("Shelling continued last night.", "last night", "2015-03-10TNI", "TIME"),
        ("Protesters gathered this morning.", "this morning", "2015-03-11TMO", "TIME"),
        ("Troops entered the town on March 3.", "March 3", "2015-03-03", "DATE"),
        ("The ceasefire was signed on 3 March 2014.", "3 March 2014", "2014-03-03", "DATE"),
        ("The decree is dated 03/11/2014.", "03/11/2014", "2014-03-11", "DATE"),
        ("The decree is dated 25/12/2014.", "25/12/2014", "2014-12-25", "DATE"),
        ("The offensive began in March 2014.", "March 2014", "2014-03", "DATE"),
        ("The group seized the city in 2014.", "2014", "2014", "DATE"),
        ("A car bomb exploded two days ago.", "two days ago", "2015-03-09", "DATE"),
        ("Fighting flared last week.", "last week", "2015-W10", "DATE"),
        ("Fighting flared earlier this month.", "earlier this month", "2015-03", "DATE"),
        ("Elections were held last month.", "last month", "2015-02", "DATE"),
        ("Elections are due next year.", "next year", "2016", "DATE"),
        ("The militia fired rockets at 10 p.m. on Tuesday.", "10 p.m. on Tuesday", "2015-03-10T22:00", "TIME"),
        ("The curfew starts at midnight.", "midnight", "2015-03-11T24:00", "TIME"),
        ("The siege lasted seven months.", "seven months", "P7M", "DURATION"),
        ("Clashes went on for three days.", "three days", "P3D", "DURATION"),
        ("The talks took five and a half hours.", "five and a half hours", "PT5H30M", "DURATION"),
        ("Patrols pass every week.", "every week", "P1W", "SET"),
        ("Rations are handed out daily.", "daily", "P1D", "SET"),
        ("Revenue will rise in the third quarter.", "the third quarter", "2015-Q3", "DATE"),
        ("Revenue fell in the third quarter.", "the third quarter", "2014-Q3", "DATE"),  # past, not yet begun
        ("Crops failed in summer 2014.", "summer 2014", "2014-SU", "DATE"),
        ("The revolt of the 1980s is remembered.", "1980s", "198X", "DATE"),
        ("Prices are rising now.", "now", "PRESENT_REF", "DATE"),
        ("The region may see more violence in the future.", "the future", "FUTURE_REF", "DATE"),
        ("Markets stayed shut over the weekend.", "the weekend", "2015-W10-WE", "DATE"),
        ("The city fell on Christmas Day 2013.", "Christmas Day 2013", "2013-12-25", "DATE"),
        ("The order is dated 11-03-2014.", "11-03-2014", "2014-03-11", "DATE"),
        ("The order is dated 2014/03/11.", "2014/03/11", "2014-03-11", "DATE"),
        ("Airstrikes overnight killed five.", "overnight", "2015-03-10TNI", "TIME"),
        ("Talks will resume by the end of March.", "the end of March", "2015-03", "DATE"),
        ("The town was shelled at 0400 GMT.", "0400 GMT", "2015-03-11T04:00", "TIME"),
        ("Rebels withdrew a year ago.", "a year ago", "2014", "DATE"),
        ("The truce held for more than two weeks.", "more than two weeks", "P2W", "DURATION"),
    ],
)
def test_time_expressions_are_recognised_and_normalised(text, span, value, type_):
    t = one(text, expected_text=span)
    assert text[t.start : t.end] == t.text == span
    assert (t.value, t.type) == (value, type_)


def test_time_fractional_duration_is_written_in_smaller_units():
    t = one("The talks took 5 1/2 hours.")
    assert (t.text, t.value) == ("5 1/2 hours", "PT5H30M")


def test_time_weekday_of_the_publication_day_is_that_day_and_tense_goes_forward():
    # documented convention: the publication day counts both ways
    assert one("The vote was held on Wednesday.").value == "2015-03-11"
    assert one("The vote will be held on Wednesday.").value == "2015-03-11"
    assert one("The vote will be held on Monday.").value == "2015-03-16"
    assert one("The vote was held on Monday.").value == "2015-03-09"


@pytest.mark.parametrize(
    "text, value",
    [
        ("The bodies were found on Dec. 28.", "2014-12-28"),  # past, published in March: last December
        ("The deadline is Dec. 28, officials said.", "2014-12-28"),  # no future cue: news reports the past
        ("The summit will open on Dec. 28.", "2015-12-28"),
        ("The summit will open on March 9.", "2015-03-09"),  # future cue, but two days back is nearer
        ("The offensive began in January.", "2015-01"),
        ("The offensive began in November.", "2014-11"),
        ("Elections are planned for November.", "2015-11"),
    ],
)
def test_time_dates_without_a_year_take_the_year_nearest_the_publication_date_on_the_tense_side(text, value):
    assert find_timexes(text, WEDNESDAY)[0].value == value


def test_time_precision_and_dates_follow_acled():
    day = one("Gunmen attacked the village on Tuesday.")
    assert (day.date_start, day.date_end, day.time_precision) == (date(2015, 3, 10), date(2015, 3, 10), 1)
    week = one("Fighting flared last week.")
    assert (week.date_start, week.date_end, week.time_precision) == (date(2015, 3, 2), date(2015, 3, 8), 2)
    month = one("Elections were held last month.")
    assert (month.date_start, month.date_end, month.time_precision) == (date(2015, 2, 1), date(2015, 2, 28), 3)
    early = one("Fighting flared earlier this month.")
    assert early.date_start == date(2015, 3, 1) and early.date_end < date(2015, 3, 31) and "START" in early.reason


def test_time_the_past_weeks_is_a_duration_ending_at_publication():
    t = one("Heavy fighting over the past three weeks displaced thousands.")
    assert (t.text, t.type, t.value) == ("the past three weeks", "DURATION", "P3W")
    assert (t.date_start, t.date_end) == (date(2015, 2, 18), WEDNESDAY)


@pytest.mark.parametrize(
    "text, first, second, start, end",
    [
        ("Clashes between March 3 and 5 killed 12.", "March 3", "5", date(2015, 3, 3), date(2015, 3, 5)),
        ("Fighting from 1 to 3 May 2014 displaced thousands.", "1", "3 May 2014", date(2014, 5, 1), date(2014, 5, 3)),
        ("Strikes from 28 February to 2 March closed schools.", "28 February", "2 March", date(2015, 2, 28), date(2015, 3, 2)),
    ],
)
def test_time_date_ranges_give_both_ends_the_whole_range(text, first, second, start, end):
    found = find_timexes(text, WEDNESDAY)
    assert [t.text for t in found] == [first, second]
    for t in found:
        assert (t.date_start, t.date_end, t.time_precision) == (start, end, 2)
    assert found[0].value == start.isoformat() and found[1].value == end.isoformat()


def test_time_compact_range_is_one_interval():
    t = one("Protests on March 3-5, 2014 turned violent.")
    assert (t.text, t.value, t.time_precision) == ("March 3-5, 2014", "2014-03-03/2014-03-05", 2)


@pytest.mark.parametrize(
    "text, value",
    [
        ("Gunmen attacked the village on Wednesday.", "XXXX-WXX-3"),
        ("Troops entered the town on March 3.", "XXXX-03-03"),
        ("The convoy was hit yesterday.", "XXXX-XX-XX"),
        ("Elections were held last month.", "XXXX-XX"),
    ],
)
def test_time_without_publication_date_relative_values_stay_unresolved(text, value):
    t = find_timexes(text, None)[0]
    assert t.value == value
    assert t.date_start is None and t.time_precision is None
    assert "no publication date" in t.reason


def test_time_absolute_dates_resolve_without_publication_date():
    t = one("The ceasefire was signed on 3 March 2014.", published=None)
    assert (t.value, t.date_start, t.time_precision) == ("2014-03-03", date(2014, 3, 3), 1)


def test_time_anaphora_reads_against_the_last_mentioned_date():
    found = find_timexes("The town fell on 3 March 2014. Rebels retook it the following day.", WEDNESDAY)
    assert [(t.text, t.value) for t in found] == [("3 March 2014", "2014-03-03"), ("the following day", "2014-03-04")]


@pytest.mark.parametrize(
    "text",
    [
        "May I ask a question?",
        "Prime Minister Theresa May said the army would stay.",
        "UN Resolution 2254 calls for talks.",
        "About 1500 troops were deployed.",
        "He spent $2014 on fuel.",
        "The march on the capital was peaceful.",
        "He watched 60 Minutes on television.",
        "A 44-year-old man was arrested.",
        "Residents of 55 years old or more were evacuated.",
        "The Vision 2030 plan was announced.",
        "A body was found on Avenida 2000.",
        "It was a case of high noon for the rebels.",
    ],
)
def test_time_numbers_names_and_titles_are_not_dates(text):
    assert find_timexes(text, WEDNESDAY) == []


@pytest.mark.parametrize(
    "text",
    ["", "   ", "Humans arrived 50000 years ago.", "the past 12000 years", "Feb 30", "99/99/9999", "31/02/2015", "on ((Tuesday]] «today» 3:", "x" * 5000, "March 32, 2015", "\x00\ufffd"],
)
def test_time_odd_input_never_crashes(text):
    for t in find_timexes(text, WEDNESDAY):
        assert text[t.start : t.end] == t.text


PARAGRAPHS = [
    "KABUL, March 11 (Reuters) - Taliban fighters attacked a police post on Tuesday night, killing "
    "four officers, a spokesman said. Two days earlier, a roadside bomb hit a convoy. The insurgents "
    "have stepped up attacks over the past three weeks, and talks planned for next month were put off "
    "until the summer. Between March 3 and 5, clashes displaced 2,000 people; by 10 p.m. on Sunday the "
    "road was open again. Patrols now run every day.",
    "The 1990s saw the fourth quarter of 1998 end with a 16-hour siege. Last winter, a year ago, and "
    "early next year; the following day; in the weeks before; 5 1/2 hours; Christmas Eve; fiscal 2014.",
    "Asesinan a dos hombres anoche; ayer por la tarde y durante la madrugada del sábado hubo otros ataques. "
    "El 3 de marzo de 2021, este miércoles, el fin de semana pasado. Dois mortos nesta quinta-feira; ontem à noite.",
]


@pytest.mark.parametrize("text", PARAGRAPHS)
def test_time_trying_rules_at_word_starts_misses_nothing_a_full_scan_finds(text):
    from conflictwire.time import _matches

    fast = {(m.start(), m.end(), rule.name) for _p, rule, m in _matches(text)}
    full = {(m.start(), m.end(), rule.name) for _p, rule, m in _matches(text, exhaustive=True)}
    assert full <= fast


def test_time_published_may_be_a_string_or_bad():
    assert one("The convoy was hit yesterday.", published="2015-03-11").value == "2015-03-10"
    assert one("The convoy was hit yesterday.", published="not a date").value == "XXXX-XX-XX"


# ---- event dates --------------------------------------------------------------------------------


def _event(n: int, start: int, end: int, text: str) -> Event:
    return Event(
        event_id=f"a1-e{n}", article_id="a1", event_type="Battles", sub_event_type="Armed clash",
        evidence=[Evidence(start=start, end=end, text=text[start:end], field="event")],
    )


def _article(text: str, triggers: list[str], published=WEDNESDAY, dateline: Span | None = None) -> Article:
    from conflictwire.nlp import split_sentences

    events = []
    for n, trigger in enumerate(triggers):
        start = text.index(trigger)
        events.append(_event(n, start, start + len(trigger), text))
    return Article(id="a1", clean_text=text, published=published, sentences=split_sentences(text), events=events, dateline=dateline)


def test_time_stage_dates_events_from_their_own_sentence_first():
    text = "Rebels shelled the market on Monday. Gunmen ambushed a convoy on Tuesday, killing four."
    article = resolve_dates(_article(text, ["shelled", "ambushed"]), Options())
    first, second = article.events
    assert (first.event_date, first.time_precision) == (date(2015, 3, 9), 1)
    assert (second.event_date, second.time_precision) == (date(2015, 3, 10), 1)
    assert any(e.field == "event_date" and e.text == "Tuesday" for e in second.evidence)


def test_time_stage_uses_the_previous_sentence_of_the_paragraph_then_the_publication_date():
    text = (
        "Heavy fighting broke out on Sunday in the north. Several houses were burned.\n\n"
        "Elsewhere, protesters blocked a road."
    )
    article = resolve_dates(_article(text, ["burned", "blocked"]), Options())
    burned, blocked = article.events
    assert (burned.event_date, burned.time_precision) == (date(2015, 3, 8), 1)
    # a new paragraph with no time expression: the publication date, approximate
    assert (blocked.event_date, blocked.time_precision) == (WEDNESDAY, 2)
    assert any("a1-e1" in w and "publication date" in w for w in article.warnings)
    assert "publication date" in article.events[1].date_reason


def test_time_stage_range_and_week_give_their_precision_and_end():
    text = "Clashes between March 3 and 5 killed 12. Airstrikes hit the town last week."
    article = resolve_dates(_article(text, ["Clashes", "Airstrikes"]), Options())
    clashes, strikes = article.events
    assert (clashes.event_date, clashes.date_end, clashes.time_precision) == (date(2015, 3, 3), date(2015, 3, 5), 2)
    assert (strikes.event_date, strikes.date_end, strikes.time_precision) == (date(2015, 3, 2), date(2015, 3, 8), 2)


def test_time_stage_dates_an_event_over_the_past_weeks_as_that_stretch():
    text = "Fighting over the past three weeks killed 50 people."
    article = resolve_dates(_article(text, ["Fighting"]), Options())
    event = article.events[0]
    assert (event.event_date, event.date_end, event.time_precision) == (date(2015, 2, 18), WEDNESDAY, 3)


def test_time_stage_ignores_future_dates_and_uses_the_dateline():
    text = "BAGHDAD, March 10 (Reuters) - A bomb exploded near a checkpoint. Talks will resume on March 20."
    dateline = Span(start=0, end=27, text=text[:27])
    article = resolve_dates(_article(text, ["exploded", "Talks"], dateline=dateline), Options())
    bomb, talks = article.events
    assert (bomb.event_date, bomb.time_precision) == (date(2015, 3, 10), 2)  # the dateline, approximate
    assert talks.event_date == date(2015, 3, 10)  # March 20 is after publication: not an event date
    assert "dateline" in " ".join(article.warnings)


def test_time_stage_without_any_date_leaves_events_undated():
    text = "A bomb exploded near a checkpoint."
    article = resolve_dates(_article(text, ["exploded"], published=None), Options())
    assert article.events[0].event_date is None and article.events[0].time_precision is None
    assert article.timexes == []


def test_time_stage_says_why_an_event_with_a_relative_date_stays_undated():
    text = "Gunmen ambushed a convoy on Tuesday. Another convoy was ambushed later."
    article = resolve_dates(_article(text, ["ambushed a", "Another"], published=None), Options())
    assert [e.event_date for e in article.events] == [None, None]
    assert any("'Tuesday'" in w and "cannot be resolved without a publication date" in w for w in article.warnings)


def test_time_stage_run_twice_gives_the_same_record():
    text = "Gunmen ambushed a convoy on Tuesday."
    article = resolve_dates(_article(text, ["ambushed"]), Options())
    once = article.events[0].model_dump()
    article = resolve_dates(article, Options())
    assert article.events[0].model_dump() == once


def test_time_stage_uses_options_published_when_the_article_has_none():
    text = "A bomb exploded near a checkpoint on Tuesday."
    article = resolve_dates(_article(text, ["exploded"], published=None), Options(published=WEDNESDAY))
    assert article.events[0].event_date == date(2015, 3, 10)


def test_time_set_event_dates_is_the_writing_half():
    text = "Gunmen ambushed a convoy on Tuesday."
    article = _article(text, ["ambushed"])
    article.timexes = find_timexes(text, article.published)
    set_event_dates(article)
    assert article.events[0].event_date == date(2015, 3, 10)


@pytest.mark.parametrize(
    "text, trigger, period",
    [
        ("The group has been fighting the government for years.", "fighting", "years"),
        ("In recent months, militants attacked several police stations.", "attacked", "recent months"),
        ("Since the war began, the army has killed thousands of people.", "killed", "Since the war began"),
        ("Gunmen recently attacked a bus in the north.", "attacked", "recently"),
        ("The militia has killed hundreds of villagers over the years.", "killed", "over the years"),
    ],
)
def test_time_stage_event_whose_sentence_names_only_a_period_gets_no_day(text, trigger, period):
    article = resolve_dates(_article(text, [trigger]), Options())
    event = article.events[0]
    assert (event.event_date, event.date_end, event.time_precision) == (None, None, None)
    assert any(e.field == "event_date" and e.text == period for e in event.evidence)
    assert any("a1-e0" in w and "period" in w and "no day" in w for w in article.warnings)


def test_time_stage_period_in_the_sentence_beats_the_paragraph_date():
    text = "Gunmen attacked a bus on Monday. The group has attacked buses on this road for years."
    article = resolve_dates(_article(text, ["attacked a", "attacked buses"]), Options())
    fresh, background = article.events
    assert (fresh.event_date, fresh.time_precision) == (date(2015, 3, 9), 1)
    assert background.event_date is None


def test_time_stage_known_period_in_a_perfect_clause_is_the_stretch_up_to_publication():
    text = "The rebels have been fighting the army for a decade."
    event = resolve_dates(_article(text, ["fighting"]), Options()).events[0]
    assert event.date_end == WEDNESDAY and event.time_precision == 3
    assert date(2005, 3, 1) <= event.event_date <= date(2005, 3, 31)


@pytest.mark.parametrize(
    "text, trigger, start, precision",
    [
        ("Militants have killed 40 people since January.", "killed", date(2015, 1, 1), 3),
        ("Clashes since Sunday have killed 20 people.", "Clashes", date(2015, 3, 8), 2),
        ("This year the militants killed 40 people.", "killed", date(2015, 1, 1), 3),
    ],
)
def test_time_stage_since_and_this_year_end_at_publication(text, trigger, start, precision):
    event = resolve_dates(_article(text, [trigger]), Options()).events[0]
    assert (event.event_date, event.date_end, event.time_precision) == (start, WEDNESDAY, precision)


@pytest.mark.parametrize(
    "text, trigger, expected",
    [
        # how long a fresh event lasted, not when: the paragraph's date still dates it
        ("Gunmen attacked a bus on Monday. Fighting raged for three days.", "raged", date(2015, 3, 9)),
        ("Rebels attacked the town a few hours ago.", "attacked", WEDNESDAY),
    ],
)
def test_time_stage_short_stretches_keep_the_date_context(text, trigger, expected):
    event = resolve_dates(_article(text, [trigger]), Options()).events[0]
    assert event.event_date == expected


def test_time_choose_event_date_gives_the_reason_and_writes_nothing():
    text = "Heavy fighting broke out on Sunday in the north. Several houses were burned."
    article = _article(text, ["burned"])
    article.timexes = find_timexes(text, article.published)
    choice = choose_event_date(article, article.events[0])
    assert (choice.event_date, choice.precision) == (date(2015, 3, 8), 1)
    assert "earlier in the event's paragraph" in choice.reason and "'Sunday'" in choice.reason
    assert article.events[0].event_date is None and article.warnings == []


def test_time_event_with_only_a_period_is_never_merged_by_dedup():
    from conflictwire.dedup import mergeable_span

    text = "Gunmen attacked a bus on Monday. The group has attacked buses on this road for years."
    fresh, background = resolve_dates(_article(text, ["attacked a", "attacked buses"]), Options()).events
    assert mergeable_span(fresh) == (date(2015, 3, 9), date(2015, 3, 9))
    assert mergeable_span(background) is None


@pytest.mark.parametrize(
    "text, span, value",
    [
        ("IN THE PAST 6 MONTHS THE ELN BLEW UP THE PIPELINE FIVE TIMES.", "THE PAST 6 MONTHS", "P6M"),
        ("the past 6 months", "the past 6 months", "P6M"),
    ],
)
def test_time_capitals_do_not_hide_a_duration(text, span, value):
    t = one(text, expected_text=span)
    assert t.value == value and t.date_end == WEDNESDAY


@pytest.mark.parametrize("text", ["POLICE ARRESTED A 20-YEAR OLD MAN.", "Police arrested a 20-year old man."])
def test_time_an_age_written_apart_is_not_a_duration(text):
    assert find_timexes(text, WEDNESDAY) == []


# ---- command line -------------------------------------------------------------------------------


def test_time_dates_command_prints_one_json_line_per_article_with_offsets_into_the_text(tmp_path):
    lines = [
        {"id": "x1", "text": "  Gunmen attacked the village on Tuesday, police said.", "published": "2015-03-11"},
        {"id": "x2", "text": "Protests began last week."},
    ]
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n{broken\n", encoding="utf-8")
    out = subprocess.run(
        [sys.executable, "-m", "conflictwire", "dates", str(path), "--published", "2020-01-01", "--json"],
        capture_output=True, text=True, timeout=300,
    )
    assert out.returncode == 3, out.stderr  # the broken line is skipped, the rest printed
    records = [json.loads(x) for x in out.stdout.splitlines()]
    assert [r["article_id"] for r in records] == ["x1", "x2"]
    t = records[0]["timexes"][0]
    assert lines[0]["text"][t["start"] : t["end"]] == "Tuesday"
    assert t == {"start": t["start"], "end": t["end"], "text": "Tuesday", "value": "2015-03-10", "type": "DATE"}
    assert records[1]["timexes"][0]["value"] == "2019-W52"  # --published fills the missing date
    assert "CW107" in out.stderr


@pytest.mark.parametrize(
    "text, published, span, value",
    [
        # Spanish and Portuguese relative dates against the publication date (a Wednesday).
        ("Asesinan a dos hombres anoche en Culiacán", "2024-05-15", "anoche", "2024-05-14TNI"),
        ("Hallan un cuerpo ayer por la tarde", "2024-05-15", "ayer por la tarde", "2024-05-14TAF"),
        ("Ataque armado deja tres muertos hoy", "2024-05-15", "hoy", "2024-05-15"),
        ("Matan a un policía esta madrugada", "2024-05-15", "esta madrugada", "2024-05-15TMO"),
        ("Matan a dos durante la tarde del lunes", "2024-05-15", "la tarde del lunes", "2024-05-13"),
        ("Encuentran cinco cuerpos este miércoles", "2024-05-15", "este miércoles", "2024-05-15"),
        ("El ataque fue el sábado pasado", "2024-05-15", "el sábado pasado", "2024-05-11"),
        ("Dez mortos em ataque nesta segunda-feira", "2024-05-15", "nesta segunda-feira", "2024-05-13"),
        ("Tiroteio deixa dois mortos ontem à noite", "2024-05-15", "ontem à noite", "2024-05-14TNI"),
        ("Reportan 21 muertos durante el fin de semana", "2024-05-15", "el fin de semana", "2024-W19-WE"),
        ("El ataque ocurrió el 3 de marzo de 2021", "2024-05-15", "3 de marzo de 2021", "2021-03-03"),
        ("El ataque ocurrió el 3 de mayo", "2024-05-15", "3 de mayo", "2024-05-03"),
    ],
)
def test_find_timexes_spanish_and_portuguese_relative_dates(text, published, span, value):
    found = {t.text: t.value for t in find_timexes(text, published)}
    assert found.get(span) == value, found


@pytest.mark.parametrize(
    "text",
    [
        "They kill a man in the 18 de Marzo neighborhood",  # a neighbourhood named after a date
        "Asesinan a un hombre en la colonia 5 de mayo",
        "Hallan un cuerpo en la Avenida 16 de Septiembre",
        "Ataque en El Domingo deja dos muertos",  # a capitalised weekday inside a sentence: a place
        "Hallan un cuerpo en Santo Domingo",
        "SAN SALVADOR, 18 DEC 89 (EL DIARIO DE HOY) -- A BOMB EXPLODED",  # a newspaper's name, all capitals
        "Mañana habrá una marcha",  # bare "mañana" is tomorrow, not a part of the day, and not read
    ],
)
def test_find_timexes_spanish_calendar_words_inside_names_are_not_dates(text):
    # (the MUC-style dateline's own "18 DEC 89" is a date of 1989, not of the publication year)
    assert not [t for t in find_timexes(text, "2024-05-15") if t.date_start is not None and t.date_start.year == 2024], \
        find_timexes(text, "2024-05-15")
