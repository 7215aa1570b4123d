"""The base pipeline: the blank-Swedish fallback, lemmas on lower-cased words, compounds."""
from __future__ import annotations

import pytest
import spacy

from compliance.classify import pipeline
from compliance.classify.text import fold, line_text


@pytest.fixture(scope="module")
def blank():
    return pipeline.create_base("blank:sv")


def test_fallback_is_chosen_without_the_small_model(monkeypatch):
    monkeypatch.setattr(spacy.util, "is_package", lambda name: False)
    assert pipeline.base_model_name() == "blank:sv"


def test_small_model_is_chosen_when_installed(monkeypatch):
    monkeypatch.setattr(spacy.util, "is_package", lambda name: name == "sv_core_news_sm")
    assert pipeline.base_model_name() == "sv_core_news_sm"


def test_fallback_pipeline_has_the_lookup_lemmatizer_which_also_sets_norms(blank):
    assert blank.pipe_names == [pipeline.LEMMATIZER]
    assert blank.meta["base_model"] == "blank:sv"


@pytest.mark.parametrize("word, norm", [
    ("Utbildningar", "utbildning"),            # capitalised: looked up lower-cased
    ("KURSER", "kurs"),
    ("lönen", "lon"), ("lön", "lon"),          # a lemma in the table stays itself
    ("Kvinnofridssamordnaren", "kvinnofridssamordnare"),  # unknown compound: by its last part
    ("hotellnätterna", "hotellnatt"),
    ("valdsutovare", "valdsutovare"),          # folded spelling left alone
])
def test_norm_is_folded_lemma(blank, word, norm):
    assert blank(word)[0].norm_ == norm


def test_hyphenated_words_are_split(blank):
    assert [t.text for t in blank("SARA-utbildning för VNR-samordnare")] == [
        "SARA", "-", "utbildning", "för", "VNR", "-", "samordnare"]


@pytest.mark.skipif(not spacy.util.is_package("sv_core_news_sm"), reason="sv_core_news_sm is not installed")
def test_small_model_pipeline():
    nlp = pipeline.create_base("sv_core_news_sm")
    assert nlp(" Utbildningar")[1].norm_ == "utbildning"


def test_fold():
    assert fold("Våldsutövare ÄLDRE") == "valdsutovare aldre"


def test_line_text_keeps_description_first():
    text = line_text("Kurs FREDA", "7650 Kurs o konf", None, "Föreläsarbyrån AB")
    assert text.text == "Kurs FREDA ¦ Kurs o konf ¦ Föreläsarbyrån AB"
    assert text.description_end == len("Kurs FREDA")
    assert text.account == "7650"
    assert line_text("x", "7650", "Kurs o konf").text == "x ¦ Kurs o konf"
