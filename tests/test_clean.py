"""Tests for the clean stage: HTML extraction, boilerplate with reasons, repeats, Unicode, whitespace."""

from __future__ import annotations

import csv
from datetime import date
from importlib import resources

import pytest

from conflictwire.clean import (
    boilerplate_reason,
    clean_article,
    clean_text,
    extract_html,
    load_boilerplate_patterns,
    normalise_text,
)
from conflictwire.errors import NoArticleText
from conflictwire.ingest import NO_DATE_WARNING, article_from_html, article_from_text
from conflictwire.options import Options
from conflictwire.pipeline import Pipeline, get_stage
from conflictwire.schema import Article, Skip

OPTIONS = Options()

PAGE = """<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Suicide bomber kills nine at Peshawar market - Frontier Post Online</title>
<meta property="og:title" content="Suicide bomber kills nine at Peshawar market">
<meta property="og:site_name" content="Frontier Post Online">
<meta name="date" content="2019-11-05">
<link rel="canonical" href="https://frontier.example/news/peshawar-market-blast">
</head><body>
<div class="cookie-banner"><p>We use cookies to improve your experience. By continuing to browse you agree to our use of cookies.</p><button>Accept all cookies</button></div>
<header><nav><a href="/">Home</a> | <a href="/pakistan">Pakistan</a> | <a href="/world">World</a></nav></header>
<main><article>
<h1>Suicide bomber kills nine at Peshawar market</h1>
<p>PESHAWAR, Pakistan (Reuters) - A suicide bomber blew himself up at a crowded vegetable market in the northwestern city of Peshawar on Monday, killing at least nine people, police said.</p>
<p>Twenty-two people were wounded in the blast, which happened shortly after the market opened, a hospital spokesman said.</p>
<p>No group claimed responsibility, but the Pakistani Taliban have carried out similar attacks in the province of Khyber Pakhtunkhwa.</p>
<p>Residents said the security forces sealed off the area and searched nearby shops for accomplices.</p>
</article>
<aside class="related"><h3>Related stories</h3><ul>
<li><a href="/a">Gunmen kill two policemen in Bannu</a></li>
<li><a href="/b">Army says militants killed in North Waziristan raid</a></li></ul></aside>
</main>
<footer><p>Sign up for our daily newsletter</p><p>Copyright 2019 Frontier Post Online. All rights reserved.</p>
<p>Terms of Use | Privacy Policy | Contact Us</p></footer>
</body></html>
"""


def _clean(text, **options):
    return clean_text(text, Options(**options))


# --------------------------------------------------------------------------------------------
# HTML
# --------------------------------------------------------------------------------------------


def test_clean_trafilatura_and_lxml_html_clean_importable():
    import lxml_html_clean  # noqa: F401
    import trafilatura  # noqa: F401


def test_clean_extract_html_main_text_and_metadata():
    text, meta = extract_html(PAGE)
    assert "vegetable market in the northwestern city of Peshawar" in text
    assert "searched nearby shops" in text
    for furniture in ("We use cookies", "Pakistan | World", "Sign up for our daily newsletter", "Terms of Use"):
        assert furniture not in text
    assert "\n\n" in text  # paragraphs are separated by blank lines
    assert meta["title"] == "Suicide bomber kills nine at Peshawar market"
    assert meta["date"] == "2019-11-05"
    assert meta["sitename"] == "Frontier Post Online"
    assert meta["url"] == "https://frontier.example/news/peshawar-market-blast"


def test_clean_stage_on_html_article():
    article = clean_article(article_from_html(PAGE, input_path="page.html"), OPTIONS)
    text = article.clean_text
    assert text.startswith("PESHAWAR, Pakistan (Reuters) - A suicide bomber")
    assert "Gunmen kill two policemen in Bannu" not in text
    assert "Copyright" not in text
    assert article.title == "Suicide bomber kills nine at Peshawar market"
    assert article.published == date(2019, 11, 5)
    assert article.dateline is not None
    assert text[article.dateline.start : article.dateline.end] == "PESHAWAR, Pakistan (Reuters) -"
    reasons = {r.reason for r in article.removed}
    assert "headline" in reasons  # the <h1> repeats the title, kept in article.title


def test_clean_stage_fills_metadata_when_missing():
    article = Article(id="bare", raw_html=PAGE)
    clean_article(article, OPTIONS)
    assert article.title == "Suicide bomber kills nine at Peshawar market"
    assert article.source_name == "Frontier Post Online"
    assert article.url == "https://frontier.example/news/peshawar-market-blast"
    assert article.published == date(2019, 11, 5)


def test_clean_html_fragment_from_a_feed_entry():
    fragment = "<p>Hundreds of people marched in <b>Niamey</b> to demand the release of detained journalists.</p>"
    article = clean_article(article_from_html(fragment), OPTIONS)
    assert article.clean_text == "Hundreds of people marched in Niamey to demand the release of detained journalists."


@pytest.mark.parametrize(
    "html",
    [
        "<html><head><title>Login</title></head><body><nav><a href='/'>Home</a></nav></body></html>",
        "<html><body></body></html>",
        "<html><body><div><a href='/a'>World</a> <a href='/b'>Sport</a></div></body></html>",
    ],
)
def test_clean_html_without_article_raises_no_article_text(html):
    with pytest.raises(NoArticleText) as info:
        clean_article(Article(id="empty", raw_html=html, input_path="nothing.html"), OPTIONS)
    assert info.value.code == "CW201"
    assert "nothing.html" in str(info.value)


def test_clean_no_article_becomes_a_skip_in_a_batch():
    good = article_from_text("Police fired tear gas at protesters in Nairobi on Tuesday, witnesses said.")
    bad = Article(id="empty", raw_html="<html><body><nav><a href='/'>Home</a></nav></body></html>")
    out = list(Pipeline(Options(stages=("clean",))).pipe([bad, good]))
    assert isinstance(out[0], Skip) and out[0].code == "CW201" and out[0].stage == "clean"
    assert isinstance(out[1], Article) and out[1].clean_text.startswith("Police fired tear gas")


# --------------------------------------------------------------------------------------------
# Boilerplate
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("Sign up for our daily newsletter", "boilerplate:newsletter"),
        ("Get the latest headlines delivered to your inbox every morning.", "boilerplate:newsletter"),
        ("You can unsubscribe at any time.", "boilerplate:newsletter"),
        ("Subscribe", "boilerplate:newsletter"),
        ("We use cookies to give you the best experience on our website.", "boilerplate:cookie"),
        ("Accept all cookies", "boilerplate:cookie"),
        ("This site is protected by reCAPTCHA and the Google Privacy Policy and Terms of Service apply.", "boilerplate:captcha"),
        ("Please verify you are a human", "boilerplate:captcha"),
        ("Share this article", "boilerplate:share"),
        ("Facebook Twitter WhatsApp Email", "boilerplate:share"),
        ("Follow us on Twitter and Facebook", "boilerplate:share"),
        ("Read more: Army retakes key town", "boilerplate:read-more"),
        ("Continue reading", "boilerplate:read-more"),
        ("Related stories", "boilerplate:related"),
        ("You may also like", "boilerplate:related"),
        ("By Amina Yusuf and John Okoro, Reuters", "boilerplate:byline"),
        ("By JANE DOE Associated Press", "boilerplate:byline"),
        ("Reporting by Ahmed Rasheed; Editing by Alex Richardson", "boilerplate:byline"),
        ("© 2024 Example Media Group", "boilerplate:copyright"),
        ("Copyright 2019 The Associated Press. All rights reserved.", "boilerplate:copyright"),
        ("Terms of Use | Privacy Policy | Contact Us", "boilerplate:legal"),
        ("ADVERTISEMENT", "boilerplate:advertisement"),
        ("Skip to main content", "boilerplate:navigation"),
        ("Updated 10:32 GMT", "boilerplate:timestamp"),
        ("• Share on WhatsApp", "boilerplate:share"),
    ],
)
def test_clean_boilerplate_line_matched_with_reason(line, reason):
    assert boilerplate_reason(line) == reason


@pytest.mark.parametrize(
    "sentence",
    [
        "Residents were told to share food and water with displaced families, the mayor said.",
        "The two parties agreed to share power until elections are held next year.",
        "By Tuesday evening, the army controlled the town centre, officials said.",
        "By Christmas, the troops had withdrawn from the border villages.",
        "The protesters were dispersed by police firing tear gas and rubber bullets.",
        "Activists said they would follow the convoy to the border.",
        "Soldiers handed out cookies and water to children at the checkpoint.",
        "Police said more arrests were expected, and that they would read the suspects their rights.",
        "Related clashes broke out in two other districts of the capital on Sunday, witnesses said.",
        "The newsletter of the rebel group claimed responsibility for the attack on the convoy.",
        "Photos by activists showed bodies in the street after the shelling.",
        "Home to about 300,000 people, the city was shelled for the third day.",
    ],
)
def test_clean_real_sentences_with_trigger_words_are_kept(sentence):
    assert boilerplate_reason(sentence) is None
    text = f"Fighting continued in the north of the country on Monday.\n\n{sentence}\n"
    cleaned, removed = _clean(text)
    assert sentence in cleaned and not removed


def test_clean_boilerplate_removed_with_reasons_and_offsets():
    text = (
        "By Maria Lopez\n"
        "Police fired tear gas at hundreds of protesters in Caracas on Saturday. Share this article\n"
        "Sign up for our daily newsletter.\n"
        "At least 30 people were arrested, a rights group said.\n"
        "Related stories:\n"
        "- Venezuela opposition calls for new marches\n"
        "- Court bans rally in Maracaibo\n"
        "\n"
        "The opposition said it would march again on Monday.\n"
    )
    cleaned, removed = _clean(text)
    assert cleaned == (
        "Police fired tear gas at hundreds of protesters in Caracas on Saturday.\n"
        "At least 30 people were arrested, a rights group said.\n"
        "\n"
        "The opposition said it would march again on Monday."
    )
    assert [(r.reason, r.text) for r in removed] == [
        ("boilerplate:byline", "By Maria Lopez"),
        ("boilerplate:share", "Share this article"),
        ("boilerplate:newsletter", "Sign up for our daily newsletter."),
        ("boilerplate:related", "Related stories:"),
        ("boilerplate:related", "- Venezuela opposition calls for new marches"),
        ("boilerplate:related", "- Court bans rally in Maracaibo"),
    ]
    for removal in removed:
        assert text[removal.start : removal.start + len(removal.text)] == removal.text


def test_clean_boilerplate_patterns_file_is_well_formed():
    source = resources.files("conflictwire").joinpath("data/boilerplate.tsv").read_text(encoding="utf-8")
    rows = list(csv.DictReader((l for l in source.splitlines() if l and not l.startswith("#")), delimiter="\t", quoting=csv.QUOTE_NONE))
    assert rows and all(set(row) == {"pattern", "reason", "note"} for row in rows)
    assert all(row["reason"].startswith("boilerplate:") for row in rows)
    assert len(load_boilerplate_patterns()) == len(rows)


# --------------------------------------------------------------------------------------------
# Repeated sentences
# --------------------------------------------------------------------------------------------

QUOTE = '"We will not allow the militias to return to the villages," the governor told reporters.'


def test_clean_repeated_sentence_removed_once_first_kept():
    text = f"Fighting resumed near Kidal on Friday. {QUOTE}\n\n{QUOTE}\n\nThe army sent reinforcements."
    cleaned, removed = _clean(text)
    assert cleaned.count(QUOTE) == 1
    assert cleaned.index(QUOTE) < cleaned.index("The army sent reinforcements")
    assert [(r.reason, r.text) for r in removed] == [("repeated-sentence", QUOTE)]
    assert removed[0].start == text.rindex(QUOTE)


def test_clean_near_duplicate_sentence_removed():
    near = QUOTE.replace('"', "“", 1).replace(',"', ',”').replace("told reporters", "told Reporters").rstrip(".") + "!"
    text = f"{QUOTE} Several villages were burned.\n\n{near}\n\nAid groups said 4,000 people had fled."
    cleaned, removed = _clean(text)
    assert [r.reason for r in removed] == ["repeated-sentence"]  # same words once punctuation is ignored
    long_sentence = (
        "The governor said the army would deploy two more battalions to the northern districts of the "
        "province before the end of the month to protect farmers during the harvest season."
    )
    changed = long_sentence.replace("two more battalions", "two additional battalions")
    cleaned, removed = _clean(f"{long_sentence}\n\nRebels denied it.\n\n{changed}")
    assert [r.reason for r in removed] == ["near-duplicate-sentence"]
    assert long_sentence in cleaned and changed not in cleaned


def test_clean_pull_quote_excerpt_removed_full_sentence_kept():
    pull = "The army would deploy two more battalions to the northern districts"
    full = (
        "The governor said the army would deploy two more battalions to the northern districts of the "
        "province before the end of the month."
    )
    cleaned, removed = _clean(f"{pull}\n\n{full}\n\nRebels denied it.")
    assert full in cleaned and not cleaned.startswith(pull)
    assert [r.reason for r in removed] == ["near-duplicate-sentence"]


def test_clean_short_and_question_repeats_are_kept():
    text = "He said no.\n\nWhat happened to the convoy near the border?\n\nHe said no.\n\nWhat happened to the convoy near the border?"
    cleaned, removed = _clean(text)
    assert cleaned == text and removed == []


def test_clean_near_duplicate_threshold_comes_from_options():
    one = "Militants attacked a police station in the town of Bannu late on Sunday night, officials said."
    two = "Militants attacked a police station in the town of Bannu late on Sunday, officials said."
    assert [r.reason for r in _clean(f"{one}\n\n{two}")[1]] == ["near-duplicate-sentence"]
    assert _clean(f"{one}\n\n{two}", near_duplicate_threshold=0.99)[1] == []


# --------------------------------------------------------------------------------------------
# Unicode and whitespace
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("broken", "fixed"),
    [
        ("CafÃ© owners in Goma said the town was quiet.", "Café owners in Goma said the town was quiet."),
        ("The governor didnâ€™t comment.", "The governor didn't comment."),
        ("Troops entered SÃ£o Paulo state.", "Troops entered São Paulo state."),
        ("Zero\u200bwidth and soft\u00adhyphen.", "Zerowidth and softhyphen."),
    ],
)
def test_clean_mojibake_repaired(broken, fixed):
    assert _clean(broken)[0] == fixed


def test_clean_whitespace_normalised_paragraphs_kept():
    text = "  First  paragraph\tline one.\r\nStill first paragraph.\r\n\r\n\r\n\n   Second\u00a0paragraph.   \n\n\n"
    assert _clean(text)[0] == "First paragraph line one.\nStill first paragraph.\n\nSecond paragraph."
    assert normalise_text("a\n \n \nb") == "a\n\nb"


def test_clean_is_idempotent():
    text = "BAGHDAD, March 11 (Reuters) - Iraqi forces advanced.\n\nShare this article\n\nIraqi forces advanced."
    once = _clean(text)[0]
    assert _clean(once) == (once, [])


# --------------------------------------------------------------------------------------------
# The stage on plain text
# --------------------------------------------------------------------------------------------


def test_clean_html_only_leaves_plain_text_exactly_as_given():
    text = "  BAGHDAD, March 11 (Reuters) -  Iraqi  forces advanced.\r\n\r\nShare this article\n"
    article = clean_article(article_from_text(text), Options(clean_html_only=True))
    assert article.clean_text == text and article.removed == []
    assert article.dateline is not None
    assert text[article.dateline.start : article.dateline.end] == "BAGHDAD, March 11 (Reuters) -"


def test_clean_stage_dateline_offsets_into_clean_text_and_date_filled():
    text = "Troops advance\n\n\n  Mosul,  Iraq, 12 Jan 2015 - Iraqi troops advanced on Tuesday.\n"
    article = article_from_text(text)
    clean_article(article, OPTIONS)
    assert article.clean_text == "Troops advance\n\nMosul, Iraq, 12 Jan 2015 - Iraqi troops advanced on Tuesday."
    span = article.dateline
    assert article.clean_text[span.start : span.end] == span.text == "Mosul, Iraq, 12 Jan 2015 -"
    assert article.published == date(2015, 1, 12)
    assert NO_DATE_WARNING not in article.warnings


def test_clean_stage_registered_with_its_contract():
    info = get_stage("clean")
    assert info.fn is clean_article
    assert info.requires == ("article.text",)
    assert info.assigns == ("article.clean_text", "article.removed")


WRAPPED = (
    "   LIMA, 3 MAR 88 (WIRE) -- POLICE SAID THAT THE ATTACK ON THE POWER PYLONS\n"
    "NEAR HUANCAYO WAS CARRIED OUT BY GUERRILLAS AND NOT\n"
    "BY ACCIDENT.  THE ARMY SENT TWO PATROLS TO THE AREA, WHERE FIVE\n"
    "PYLONS WERE DESTROYED, AND SAID THAT NO ONE WAS HURT IN THE\n"
    "BLASTS.\n"
    "\n"
    "   A SPOKESMAN SAID THE GUERRILLAS WOULD BE FOUND.  THE REGION HAS\n"
    "BEEN UNDER A STATE OF EMERGENCY SINCE LAST YEAR, WHEN REBELS\n"
    "ATTACKED SEVERAL POLICE POSTS IN THE PROVINCE OF JUNIN.\n"
)


def test_clean_hard_wrapped_text_is_unwrapped_and_fragments_kept():
    cleaned, removed = _clean(WRAPPED)
    assert removed == []  # "BY ACCIDENT." is the end of a sentence, not a byline
    assert cleaned.split("\n\n")[0].startswith("LIMA, 3 MAR 88 (WIRE) -- POLICE SAID")
    assert "CARRIED OUT BY GUERRILLAS AND NOT BY ACCIDENT." in cleaned
    assert cleaned.count("\n") == 2  # one paragraph break, no wrapping left


def test_clean_hard_wrapped_repeated_sentence_across_lines():
    repeated = WRAPPED + "\n   THE ARMY SENT TWO PATROLS TO THE AREA, WHERE FIVE PYLONS WERE\nDESTROYED, AND SAID THAT NO ONE WAS HURT IN THE BLASTS.\n"
    cleaned, removed = _clean(repeated)
    assert [r.reason for r in removed] == ["repeated-sentence"]
    assert cleaned.count("THE ARMY SENT TWO PATROLS") == 1
