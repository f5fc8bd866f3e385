"""Reading PETRARCH-format dictionaries and coding with them."""

from __future__ import annotations

import pytest

from newsgraph.extract.events.dictionaries import (
    Dictionaries,
    _read_actors,
    _read_agents,
    _read_verbs,
    parse_actor_code,
    verb_forms,
)
from tests.conftest import shared_file

VERBS = """
&TIES
+DIPLOMATIC TIES
+RELATIONS

--- RESTORE [064] ---
RESTORE
- NOT * RELATIONS [112]
- * &TIES [064]

--- MEET [031:031] ---
MEET {MET}
+MEET_WITH {+MET_WITH}
"""
ACTORS = """
GONDOR [GON]
+MINAS_TIRITH
ZIMBABWE
\t[RHO <790606]
\t[ZBW]
"""
AGENTS = """
!PERSON! = MAN, MEN
CONGRESS!PERSON! [~LEG]
MSF {} [NGO~]
"""


def _dicts() -> Dictionaries:
    result = Dictionaries()
    _read_verbs(VERBS, result)
    _read_actors(ACTORS, result)
    _read_agents(AGENTS, result)
    return result


def test_verb_blocks_and_patterns():
    d = _dicts()
    restore = d.verbs["RESTORED"][0]  # regular forms are generated
    assert restore.code == "064" and [p.code for p in restore.patterns] == ["112", "064"]
    assert d.verbs["MET"][0].code == "031:031"  # irregular form
    assert any(e.words == ("MEET", "WITH") for e in d.verbs["MET"])  # multi-word verb
    assert d.synsets["TIES"] == [("DIPLOMATIC", "TIES"), ("RELATIONS",)]


def test_actors_synonyms_and_dates():
    d = _dicts()
    assert d.actors["MINAS TIRITH"].code_on(None) == "GON"
    assert d.actors["ZIMBABWE"].code_on(19700101) == "RHO"
    assert d.actors["ZIMBABWE"].code_on(19950101) == "ZBW"


def test_agents_substitution_and_placement():
    d = _dicts()
    assert d.agents["CONGRESSMAN"] == "~LEG" and d.agents["CONGRESSMEN"] == "~LEG"
    assert d.agents["MSF"] == "NGO~" and "MSFS" not in d.agents  # {} stops plurals


@pytest.mark.parametrize(
    "raw, parsed",
    [
        ("HOBGOV 19950601 - 19990815", ("HOBGOV", 19950601, 19990815)),  # a range
        ("RHO <790606", ("RHO", None, 19790606)),  # two-digit year, before
        ("HOBREB > 990816", ("HOBREB", 19990816, None)),  # after
        ("pse", ("PSE", None, None)),  # lower case
    ],
)
def test_parse_actor_code(raw, parsed):
    assert parse_actor_code(raw) == parsed


def test_verb_forms():
    assert {"BANS", "BANNED", "BANNING"} <= verb_forms("BAN")
    assert {"TRIES", "TRIED"} <= verb_forms("TRY")


def test_coding_with_dictionaries(nlp):
    from newsgraph.extract.events.component import find_events

    doc = nlp("Gondor restored diplomatic ties with Zimbabwe on Monday.")
    doc._.ng_published = "1995-01-01"
    events = find_events(doc, _dicts())
    assert [(e.source.code, e.code, e.target.code) for e in events] == [("GON", "064", "ZBW")]


def test_merged_dictionaries_prefer_the_first():
    from newsgraph.extract.events.dictionaries import merge_dictionaries

    user, shipped = Dictionaries(name="user"), _dicts()
    _read_actors("GONDOR [ARN]\n", user)
    merged = merge_dictionaries(user, shipped)
    assert merged.actors["GONDOR"].code_on(None) == "ARN"  # the user's entry wins
    assert merged.actors["MINAS TIRITH"].code_on(None) == "GON"  # the shipped ones fill the rest
    assert "RESTORED" in merged.verbs


def test_shipped_dictionaries_load_with_their_patterns():
    from newsgraph.extract.events.builtin import default_dictionaries

    shipped = default_dictionaries()
    assert len(shipped.actors) > 30_000 and len(shipped.agents) > 5_000 and shipped.own_patterns
    assert "1988" not in shipped.discards and "FOOTBALL" in shipped.discards  # years are not discards
    assert shipped.actors["IRAQ"].code_on(20190407) == "IRQ"


def test_error_kinds():
    from newsgraph.eval.events import error_kinds

    gold = {("ARN", "064", "GON"), ("GON", "111", "OSG"), ("ERI", "190", "OSG")}
    predicted = {("ARN", "042", "GON"), ("HOB", "111", "OSG"), ("ARN", "190", "DAG")}
    assert error_kinds(predicted, gold) == {"wrong code": 1, "wrong source": 1, "spurious": 1, "missed": 1}


@pytest.mark.gates
def test_petrarch_unit_records_gate(nlp):
    from newsgraph.eval.events import evaluate_petrarch

    records = shared_file("eval", "events", "PETR.UnitTest.records.xml")
    folder = shared_file("eval", "events", "petrarch-dicts")
    alone = evaluate_petrarch(records, folder, nlp=nlp, defaults=False)  # the records' dictionaries, as PETRARCH codes
    assert alone["exact"]["f1"] >= 0.82, alone
    extended = evaluate_petrarch(records, folder, nlp=nlp)  # on top of the shipped ones, newsgraph's rules
    assert extended["exact"]["f1"] >= 0.82, extended
    assert extended["no_event_records_with_event"] <= 0.20 * extended["no_event_records"], extended


def test_a_patterns_own_words_are_not_its_actors(nlp):
    # "contribute * &CURRENCY": "Swiss francs" is the pattern's, Kenya the target
    from newsgraph.extract.events.builtin import coding_setup
    from newsgraph.extract.events.component import find_events

    user = Dictionaries(name="user")
    _read_verbs("&CURRENCY\n+SWISS FRANCS\n+DOLLARS\n\n--- CONTRIBUTE [070] ---\nCONTRIBUTE\n- * &CURRENCY [071]\n", user)
    doc = nlp("Germany contributed a million Swiss francs to Kenya.")
    found = [(e.source.code, e.code, e.target.code) for e in find_events(doc, setup=coding_setup(user)) if e.source and e.target]
    assert found == [("DEU", "071", "KEN")]


def test_an_actor_named_with_of_is_found_whole(nlp):
    from newsgraph.extract.events.builtin import coding_setup
    from newsgraph.extract.events.component import find_events

    user = Dictionaries(name="user")
    _read_verbs("--- CONDEMN [122] ---\nCONDEMN\n", user)
    _read_actors("GONDOR [GON]\nPRINCE_OF_DOL_AMROTH [DOL]\n", user)
    for defaults in (False, True):
        doc = nlp("Gondor condemned the Prince of Dol Amroth.")
        found = [(e.source.code, e.code, e.target.code) for e in find_events(doc, setup=coding_setup(user, defaults=defaults)) if e.source and e.target]
        assert found == [("GON", "122", "DOL")]
    doc = nlp("Gondor condemned the leaders of Bhutan.")  # not a name: the country of the "of" phrase
    found = [(e.source.code, e.target.code) for e in find_events(doc, setup=coding_setup(user)) if e.source and e.target]
    assert found == [("GON", "BTNGOV")]


def _coded(nlp, user, text, defaults=True):
    from newsgraph.extract.events.builtin import coding_setup
    from newsgraph.extract.events.component import find_events

    doc = nlp(text)
    return [(e.source.code if e.source else None, e.code, e.target.code if e.target else None) for e in find_events(doc, setup=coding_setup(user, defaults=defaults))]


def _user(verbs):
    user = Dictionaries(name="user")
    _read_verbs(verbs, user)
    _read_actors("GONDOR [GON]\nMORDOR [MOR]\nITHILEN [ITH]\n", user)
    _read_agents("SOLDIER [~MIL]\n", user)
    return user


@pytest.mark.parametrize("defaults", [False, True])
def test_a_deed_is_its_doers(nlp, defaults):
    # "an attack by Mordor soldiers in Ithilen": condemned is Mordor's army, not the place
    user = _user("--- CONDEMN [122] ---\nCONDEMN\n")
    assert _coded(nlp, user, "Gondor condemned an attack by Mordor soldiers in Ithilen.", defaults) == [("GON", "122", "MORMIL")]
    # with no one named as its doer, the place is still the first actor after the verb
    assert _coded(nlp, user, "Gondor condemned the violence in Ithilen.", defaults) == [("GON", "122", "ITH")]


@pytest.mark.parametrize("defaults", [False, True])
def test_a_patterns_words_are_not_an_event_of_their_own(nlp, defaults):
    user = _user("--- BELIEVE [111] ---\nBELIEVE\n- * LINKED [111]\n\n--- LINK [060] ---\nLINK\n")
    # "believe * LINKED" used "linked": one event, not also a "link"
    assert _coded(nlp, user, "Gondor soldiers believed linked to Mordor were seen.", defaults) == [("GONMIL", "111", "MOR")]
    assert _coded(nlp, user, "Gondor linked Mordor to the raid.", defaults) == [("GON", "060", "MOR")]


@pytest.mark.parametrize("defaults", [False, True])
def test_pattern_actor_positions(nlp, defaults):
    user = _user("--- WARN [160] ---\nWARN\n- * AT ^ + [162]\n\n--- RECEIVE [070] ---\nRECEIVE\n- + * MONEY $ [071]\n")
    # "^" skips a noun phrase, "+" is the target that follows it
    assert _coded(nlp, user, "Gondor warned at Ithilen of Mordor.", defaults) == [("GON", "162", "MOR")]
    assert _coded(nlp, user, "Gondor warned Ithilen.", defaults) == [("GON", "160", "ITH")]
    # "+" before the verb: the one who received is the target; "$" after "money": the source
    assert _coded(nlp, user, "Ithilen received money from Gondor.", defaults) == [("GON", "071", "ITH")]


@pytest.mark.parametrize("defaults", [False, True])
def test_an_underscore_joins_the_words_of_a_name(nlp, defaults):
    user = _user("--- CONDEMN [122] ---\nCONDEMN\n")
    _read_actors("DOL AMROTH [DOL]\n", user)
    assert _coded(nlp, user, "Gondor condemned Dol_Amroth.", defaults) == [("GON", "122", "DOL")]


@pytest.mark.parametrize("defaults", [False, True])
def test_a_former_office_holder_is_an_elite(nlp, defaults):
    user = _user("--- CONDEMN [122] ---\nCONDEMN\n")
    assert _coded(nlp, user, "Mordor condemned former Gondor soldiers.", defaults) == [("MOR", "122", "GONELI")]
    assert _coded(nlp, user, "Mordor condemned Gondor soldiers.", defaults) == [("MOR", "122", "GONMIL")]


@pytest.mark.parametrize("defaults", [False, True])
def test_offices_in_coordinated_places(nlp, defaults):
    user = _user("--- CONDEMN [122] ---\nCONDEMN\n")
    _read_agents("LAWMAKER [~LEG]\nOFFICIAL [~GOV]\n", user)
    # each office in each place, whichever noun the parser hangs the place on
    found = {s for s, _, _ in _coded(nlp, user, "Lawmakers and officials in Gondor and Mordor condemned Ithilen.", defaults)}
    assert found == {"GONLEG", "GONGOV", "MORLEG", "MORGOV"}
    found = {s for s, _, _ in _coded(nlp, user, "Lawmakers in Gondor and Mordor condemned Ithilen.", defaults)}
    assert found == {"GONLEG", "MORLEG"}
    # without a place phrase, each member is coded on its own
    found = {s for s, _, _ in _coded(nlp, user, "Gondor soldiers and Mordor condemned Ithilen.", defaults)}
    assert found == {"GONMIL", "MOR"}
