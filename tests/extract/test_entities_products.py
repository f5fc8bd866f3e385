"""Product names, references back to products, and relative pronouns (invented sentences)."""

from __future__ import annotations

import pytest

from newsgraph.extract.entities.names import model_designation, written_as_name


def _entities(nlp, text):
    return {e.name: e for e in nlp(text)._.ng_entities}


def _texts(entity):
    return [m.text for m in entity.mentions]


@pytest.mark.parametrize("word, expected", [
    ("Boeing", True), ("A380", True), ("U.S.", True), ("iPhone", True), ("eBay", True), ("3G", True),
    ("democratic", False), ("787", False), ("2-1", False), ("iphone", False),
])
def test_words_written_as_names(word, expected):
    assert written_as_name(word) is expected


@pytest.mark.parametrize("word, expected", [
    ("A380", True), ("F-16", True), ("MiG-29", True), ("787", False), ("3rd", False), ("Boeing", False),
    ("4,814,000", False),
])
def test_model_designations(word, expected):
    assert model_designation(word) is expected


def test_a_designation_is_a_name(nlp):
    entities = _entities(nlp, "Embraer said the E195 will fly in May. Pilots like the E195.")
    assert _texts(entities["E195"]) == ["E195", "E195"]


def test_a_brand_spelt_with_a_small_first_letter_is_a_name(nlp):
    doc = nlp("Apple released the iPhone on Friday. The iPhone costs $499.")
    names = [m.text for e in doc._.ng_entities for m in e.mentions if m.kind == "name"]
    assert names.count("iPhone") == 2


def test_a_figure_before_capitalised_words_stays_in_the_name(nlp):
    doc = nlp("Boeing delivered its first 787 Dreamliner to ANA. The 787 Dreamliner is made of composites.")
    names = [m.text for e in doc._.ng_entities for m in e.mentions if m.kind == "name"]
    assert "787 Dreamliner" in names


def test_numbers_still_end_names(nlp):
    doc = nlp("Lithuania 2-1 Poland. Revs 4,814,000 vs 3,200,000.")
    names = [m.text for e in doc._.ng_entities for m in e.mentions]
    assert not any(ch.isdigit() for name in names for ch in name)


def test_the_aircraft_refers_back_to_the_product(nlp):
    doc = nlp("Airbus showed the A380 in Toulouse on Monday. The aircraft can seat 555 passengers.")
    (a380,) = [e for e in doc._.ng_entities if e.name == "A380"]
    assert "The aircraft" in _texts(a380)
    assert [m.kind for m in a380.mentions if m.text == "The aircraft"] == ["nominal"]


def test_an_artifact_noun_without_a_product_before_it_joins_nothing(nlp):
    doc = nlp("Airbus said on Monday that demand was strong. The aircraft will be built in Toulouse.")
    assert not any("aircraft" in m.text for e in doc._.ng_entities for m in e.mentions)


def test_an_artifact_noun_does_not_join_a_company_or_a_person(nlp):
    doc = nlp("Lufthansa signed the deal with Carsten Spohr in Frankfurt. The plane was late.")
    assert not any("plane" in m.text for e in doc._.ng_entities for m in e.mentions)


def test_a_part_of_the_product_is_not_the_product(nlp):
    doc = nlp("Airbus showed the A380 in Toulouse. The engine of the aircraft was new.")
    assert not any(m.text.startswith("The engine") for e in doc._.ng_entities for m in e.mentions)


def test_relative_pronouns_join_the_phrase_they_describe(nlp):
    doc = nlp("Airbus unveiled the A380, which can carry 555 passengers. Tim Cook, who runs Apple, spoke.")
    entities = {e.name: e for e in doc._.ng_entities}
    assert "which" in _texts(entities["A380"])
    assert "who" in _texts(entities["Tim Cook"])


def test_who_never_joins_a_thing_nor_which_a_person(nlp):
    doc = nlp("Airbus unveiled the A380, who knows why. Tim Cook, which surprised many, left.")
    entities = {e.name: e for e in doc._.ng_entities}
    assert "who" not in _texts(entities["A380"])
    assert "which" not in _texts(entities["Tim Cook"])


def test_a_complementizer_that_is_no_relative_pronoun(nlp):
    doc = nlp("Tim Cook said that Apple would grow.")
    assert not any(m.text == "that" for e in doc._.ng_entities for m in e.mentions)


def test_it_refers_back_to_a_company(nlp):
    doc = nlp("Siemens opened a plant in Berlin. It employs 300 people there.")
    siemens = next(e for e in doc._.ng_entities if e.name == "Siemens")
    assert "It" in _texts(siemens)


def test_it_that_anticipates_a_clause_stands_for_nothing(nlp):
    for text in ("Airbus showed the A380 in Toulouse. It is likely that orders will rise.",
                 "Airbus showed the A380 in Toulouse. It was announced that orders rose.",
                 "Airbus showed the A380 in Toulouse. It seems orders rose."):
        doc = nlp(text)
        assert not any(m.text == "It" for e in doc._.ng_entities for m in e.mentions), text


def test_it_never_goes_to_a_person(nlp):
    doc = nlp("Tim Cook spoke in Cupertino. It was raining.")
    assert not any(m.text == "It" for e in doc._.ng_entities for m in e.mentions)
