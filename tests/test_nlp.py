import pytest

from conflictwire.nlp import analyse, case_for_parsing, split_sentences
from conflictwire.options import Options
from conflictwire.schema import Article


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Salahuddin police Brig. Kheyon Rasheed said so. Then he left.",
         ["Salahuddin police Brig. Kheyon Rasheed said so.", "Then he left."]),
        ("The U.S. envoy arrived at 10 a.m. on Monday. Talks began.",
         ["The U.S. envoy arrived at 10 a.m. on Monday.", "Talks began."]),
        ("Headline without a stop\n\nBody sentence one. Body two.",
         ["Headline without a stop", "Body sentence one.", "Body two."]),
        # Latin American address abbreviations keep the place in its clause; a line break still ends it.
        ("Gunmen shot two men in Cd. Valdora on Friday. Nobody was arrested.",
         ["Gunmen shot two men in Cd. Valdora on Friday.", "Nobody was arrested."]),
        ("A store on Av. Reforma burned. Crews came.", ["A store on Av. Reforma burned.", "Crews came."]),
        ("Tolls on the Av.\nNext line.", ["Tolls on the Av.", "Next line."]),
    ],
)
def test_nlp_sentences_survive_news_abbreviations(text, expected):
    spans = split_sentences(text)
    assert [s.text for s in spans] == expected
    assert all(text[s.start:s.end] == s.text for s in spans)


def test_nlp_all_capitals_are_parsed_in_lower_case_with_offsets_kept():
    text = "GUERRILLAS ATTACKED A POLICE STATION IN MEDELLIN. TWO AGENTS DIED."
    parsed = case_for_parsing(text, split_sentences(text))
    assert len(parsed) == len(text)
    assert parsed.startswith("Guerrillas attacked a police") and ". Two agents died." in parsed
    assert case_for_parsing("Mixed case text stays as it is.") == "Mixed case text stays as it is."


def test_nlp_stage_records_mentions_as_spans_of_the_text():
    article = analyse(Article(id="a", raw_text="Iraqi troops entered Tikrit on Wednesday, officials in Baghdad said."),
                      Options())
    assert article._doc is not None and article.sentences
    for m in article.mentions:
        assert article.text[m.start:m.end] == m.text
    assert any(m.label == "GPE" for m in article.mentions)


def test_nlp_load_spacy_gives_one_pipeline_however_the_model_is_named():
    from conflictwire.nlp import DEFAULT_MODEL, load_spacy

    assert load_spacy() is load_spacy(DEFAULT_MODEL) is load_spacy(model=DEFAULT_MODEL)
