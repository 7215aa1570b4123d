"""The rule layer: taxonomy terms found on lemmas, in compounds, with offsets into the text."""
from __future__ import annotations

import pytest

from compliance.classify.labels import entries_by_axis
from compliance.classify.pipeline import create_base
from compliance.classify.terms import COMPONENT, compile_terms, term_matches


@pytest.fixture(scope="module")
def nlp():
    nlp = create_base("blank:sv")
    terms = compile_terms(nlp, entries_by_axis())
    nlp.add_pipe(COMPONENT, config={"head_min_chars": 7})
    nlp.get_pipe(COMPONENT).set_terms(terms)
    return nlp


def matches(nlp, text):
    return {(text[m.start:m.end], f"{m.axis}:{m.label}", m.term) for m in term_matches(nlp(text))}


@pytest.mark.parametrize("text, word, label, term", [
    ("Lön kvinnofridssamordnaren", "kvinnofridssamordnaren", "activity:samordning", "samordnare"),
    ("Lön kvinnofridssamordnaren", "kvinnofridssamordnaren", "target_groups:valdsutsatta_vuxna", "kvinnofrid*"),
    ("Våldsutövarbehandlingen ATV", "Våldsutövarbehandlingen", "target_groups:valdsutovare", "våldsutövar*"),
    ("Våldsutövarbehandlingen ATV", "Våldsutövarbehandlingen", "activity:behandling", "*behandling"),
    ("Föreläsning om hedersrelaterat förtryck", "hedersrelaterat", "target_groups:hedersrelaterat", "heder*"),
    ("Personalutbildningar i FREDA", "Personalutbildningar", "activity:kompetensutveckling", "utbildning"),
    ("Kurser o konf", "Kurser o konf", "cost_kind:utbildning", "kurs o konf"),
    ("Arbete mot våld i nära relationer", "nära relationer", "target_groups:valdsutsatta_vuxna", "nära relation*"),
    ("VALDSUTOVARE i grupp", "VALDSUTOVARE", "target_groups:valdsutovare", "våldsutövare"),
])
def test_terms_found(nlp, text, word, label, term):
    assert (word, label, term) in matches(nlp, text)


def test_matches_do_not_depend_on_the_words_seen_before(nlp):
    """A word ("valdsutovar") that fits "våldsutövar*" shares its lemma with one that does not."""
    text = "Behandling för våldsutöva"
    before = matches(nlp, text)
    nlp("valdsutovar")
    assert matches(nlp, text) == before
    assert not any(label == "target_groups:valdsutovare" for _, label, _ in before)


def test_nonsense_has_no_terms(nlp):
    assert matches(nlp, "asdf qwerty") == set()


def test_match_offsets_point_at_words(nlp):
    text = "Stöd till barn som bevittnat våld (Trappan)"
    doc = nlp(text)
    assert term_matches(doc)
    for match in term_matches(doc):
        span = doc.char_span(match.start, match.end)
        assert span is not None and text[match.start:match.end] == span.text


def test_terms_survive_save_and_load(nlp, tmp_path):
    import spacy

    nlp.to_disk(tmp_path / "m")
    loaded = spacy.load(tmp_path / "m")
    assert matches(loaded, "Våldsutövarbehandling") == matches(nlp, "Våldsutövarbehandling")
