"""The compact lookup table (lemmas.py) against spaCy's own table, and through the model folder."""
from __future__ import annotations

import random

from spacy.lookups import load_lookups

from compliance.classify import pipeline
from compliance.classify.lemmas import LemmaIndex


def test_index_gives_what_spacys_table_gives():
    table = load_lookups("sv", ["lemma_lookup"]).get_table("lemma_lookup")
    index = LemmaIndex.from_table(table)
    assert len(index.keys) == len(table) and len(index.lemmas) == len(set(table.values()))
    words = random.Random(3).sample(sorted(set(table.values())), 2000) + [
        "utbildningar", "kurser", "lönen", "hotellnätterna", "kvinnofridssamordnaren", "xyzzy", "", "NOUN"]
    assert [index.get(w) for w in words] == [table.get(w) for w in words]


def test_lemmatizer_keeps_the_index_not_the_table_and_saves_it(tmp_path):
    nlp = pipeline.create_base("blank:sv")
    lemmatizer = nlp.get_pipe(pipeline.LEMMATIZER)
    assert lemmatizer.lookups.tables == []          # the 660 000 Python objects are gone
    before = [t.norm_ for t in nlp("Utbildningar för kvinnofridssamordnaren, hotellnätterna, lönen")]
    nlp.to_disk(tmp_path / "model")
    assert sorted(p.name for p in (tmp_path / "model" / pipeline.LEMMATIZER / "lemma_index").iterdir()) == [
        "keys.npy", "lemmas.json", "values.npy"]
    loaded = pipeline.create_base("blank:sv").from_disk(tmp_path / "model")
    assert [t.norm_ for t in loaded("Utbildningar för kvinnofridssamordnaren, hotellnätterna, lönen")] == before
    assert before == ["utbildning", "for", "kvinnofridssamordnare", ",", "hotellnatt", ",", "lon"]
