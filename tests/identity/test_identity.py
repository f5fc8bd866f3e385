"""Cross-article identity: pure functions, no model or database."""

from __future__ import annotations

import pytest

from newsgraph.identity.resolver import Member, acronym, normalize_name, resolve


@pytest.mark.parametrize(
    "name, entity_type, key",
    [
        ("Ayatollah Ali Khamenei", "PERSON", "ali khamenei"),  # title dropped
        ("President Hassan Rohani", "PERSON", "hassan rohani"),  # title dropped
        ("George W. Bush", "PERSON", "george bush"),  # initial dropped
        ("Adel Abdul-Mahdi", "PERSON", "adel abdul mahdi"),  # hyphen is a word break
        ("José Martí", "PERSON", "jose marti"),  # accents folded
        ("Agriculture Secretary Richard Lyng", "PERSON", "richard lyng"),  # portfolio and title dropped
        ("Treasurer Paul Keating", "PERSON", "paul keating"),  # title dropped
        ("Richard State", "PERSON", "richard state"),  # a portfolio word is dropped only before the name
        ("Apple Inc.", "ORG", "apple"),  # corporate suffix dropped
        ("the World Bank", "ORG", "world bank"),  # leading article dropped
        ("Reuters's", "ORG", "reuters"),  # possessive dropped
    ],
)
def test_normalize_name(name, entity_type, key):
    assert normalize_name(name, entity_type) == key


@pytest.mark.parametrize(
    "name, initials",
    [("International Monetary Fund", "imf"), ("Organization of the Petroleum Exporting Countries", "opec"), ("Reuters", None)],
)
def test_acronym(name, initials):
    assert acronym(name) == initials


def _groups(members, overrides=()):
    """The groups as sorted lists of refs, for comparing whole partitions."""
    return sorted(sorted(m.ref for m in g.members) for g in resolve(members, overrides))


M = Member
CORPUS = [
    M("a1", "E1", "Ayatollah Ali Khamenei", "PERSON", "IRN", "Supreme Leader", ("Khamenei",), 3),
    M("a1", "E2", "Iran", "GPE", "IRN"),
    M("a2", "E1", "Ali Khamenei", "PERSON", "IRN"),
    M("a3", "E1", "Khamenei", "PERSON"),
    M("a3", "E2", "Iran", "GPE", "IRN"),
    M("a4", "E1", "Adel Abdul Mahdi", "PERSON", "IRQ", "Prime Minister", ("Mahdi",)),
    M("a4", "E2", "Iraq", "GPE", "IRQ"),
    M("a5", "E1", "Mahdi", "PERSON"),
    M("a5", "E2", "Iraq", "GPE", "IRQ"),
    M("a5", "E3", "Baghdad", "GPE", "IRQ"),
    M("a6", "E1", "Mahdi Karroubi", "PERSON", "IRN"),
    M("a7", "E1", "Mahdi", "PERSON", "SDN"),
    M("a7", "E2", "Khartoum", "GPE", "SDN"),
]


def _group_of(groups, ref):
    return next(g for g in groups if ref in {m.ref for m in g.members})


def test_khamenei_variants_are_one_entity():
    groups = resolve(CORPUS)
    khamenei = _group_of(groups, ("a1", "E1"))
    # Title variant, bare full name and the surname alone (with Iran in its context) are one.
    assert {m.ref for m in khamenei.members} == {("a1", "E1"), ("a2", "E1"), ("a3", "E1")}
    assert (khamenei.name, khamenei.type, khamenei.country, khamenei.role) == ("Ali Khamenei", "PERSON", "IRN", "Supreme Leader")


def test_two_mahdis_stay_apart():
    groups = resolve(CORPUS)
    # "Mahdi" next to Iraq and Baghdad is the Iraqi prime minister ...
    assert {m.ref for m in _group_of(groups, ("a4", "E1")).members} == {("a4", "E1"), ("a5", "E1")}
    # ... the Sudanese "Mahdi" is someone else, and so is Mahdi Karroubi.
    assert {m.ref for m in _group_of(groups, ("a7", "E1")).members} == {("a7", "E1")}
    assert {m.ref for m in _group_of(groups, ("a6", "E1")).members} == {("a6", "E1")}


@pytest.mark.parametrize(
    "members, expected",
    [
        # Countries join by ISO code whatever the spelling.
        ([M("a", "E1", "U.S.", "GPE", "USA"), M("b", "E1", "the United States", "GPE", "USA")], [[("a", "E1"), ("b", "E1")]]),
        # A spelling variant of one word joins (Rohani/Rouhani).
        ([M("a", "E1", "Hassan Rouhani", "PERSON", "IRN"), M("b", "E1", "Hassan Rohani", "PERSON", "IRN")], [[("a", "E1"), ("b", "E1")]]),
        # Same name, different known countries: two people.
        ([M("a", "E1", "John Smith", "PERSON", "USA"), M("b", "E1", "John Smith", "PERSON", "GBR")], [[("a", "E1")], [("b", "E1")]]),
        # An acronym joins the only organization it abbreviates.
        ([M("a", "E1", "International Monetary Fund", "ORG"), M("b", "E1", "IMF", "ORG")], [[("a", "E1"), ("b", "E1")]]),
        # A short form that fits two different people joins neither.
        ([M("a", "E1", "Mary Ann Smith", "PERSON", "USA"), M("b", "E1", "Mary Jane Smith", "PERSON", "USA"),
          M("c", "E1", "Mary Smith", "PERSON", "USA")],
         [[("a", "E1")], [("b", "E1")], [("c", "E1")]]),
        # A short form that fits one longer name joins it (the surname kept).
        ([M("a", "E1", "Adel Abdul Mahdi", "PERSON", "IRQ"), M("b", "E1", "Adel Mahdi", "PERSON")],
         [[("a", "E1"), ("b", "E1")]]),
        # A surname with two equally likely full names and no evidence stays alone.
        ([M("a", "E1", "Ali Larijani", "PERSON"), M("b", "E1", "Sadegh Larijani", "PERSON"), M("c", "E1", "Larijani", "PERSON")],
         [[("a", "E1")], [("b", "E1")], [("c", "E1")]]),
        # Persons and organizations of one name are different things.
        ([M("a", "E1", "Ford", "PERSON"), M("b", "E1", "Ford", "ORG")], [[("a", "E1")], [("b", "E1")]]),
    ],
)
def test_resolve_cases(members, expected):
    assert _groups(members) == expected


def test_merge_and_split_overrides():
    members = [M("a", "E1", "Ali Larijani", "PERSON"), M("b", "E1", "Sadegh Larijani", "PERSON"), M("c", "E1", "Larijani", "PERSON")]
    merged = _groups(members, [{"op": "merge", "members": [("a", "E1"), ("c", "E1")]}])
    assert merged == [[("a", "E1"), ("c", "E1")], [("b", "E1")]]
    split = _groups(members, [{"op": "merge", "members": [("a", "E1"), ("c", "E1")]},
                              {"op": "split", "members": [("c", "E1")], "label": "x"}])
    assert split == [[("a", "E1")], [("b", "E1")], [("c", "E1")]]


def test_group_ids_are_stable_and_unique():
    first = {g.name: g.id for g in resolve(CORPUS)}
    again = {g.name: g.id for g in resolve(list(reversed(CORPUS)))}
    assert first["Ali Khamenei"] == again["Ali Khamenei"]
    assert len({g.id for g in resolve(CORPUS)}) == len(resolve(CORPUS))


def test_one_actor_code_per_corpus_entity():
    from newsgraph.identity.actors import consistent_codes, one_code

    assert one_code(["GOV", "IRQGOV", "GOV"]) == "IRQGOV"  # a code with a country beats one without
    assert one_code(["IRQ", "IRQGOV", "IRQGOV"]) == "IRQGOV"  # then the most frequent
    assert one_code(["IRQ", "IRQGOV"]) == "IRQGOV"  # then the more specific
    assert one_code(["---GOV", None]) == "---GOV" and one_code([None]) is None
    assert consistent_codes([("c1", "GOV"), ("c2", "IRN"), ("c1", "IRQGOV")]) == {"c1": "IRQGOV", "c2": "IRN"}
