"""The CAMEO codebook data and newsgraph's built-in actor coding."""

from __future__ import annotations

import pytest

from newsgraph.extract.events.actors import agent_for_role, agent_for_words
from newsgraph.extract.events.codebook import (
    codebook,
    event_type,
    organization_codes,
    plover_category,
)


def test_codebook_covers_cameo():
    events = codebook()["events"]
    assert len(events) >= 300
    assert all(code[:2] in codebook()["roots"] for code in events)


@pytest.mark.parametrize(
    "code, root, quad, goldstein, plover",
    [
        ("042", "04", 1, 1.9, "CONSULT"),  # a visit: verbal cooperation
        ("0231", "02", 1, 3.4, "DEMAND"),  # appeal for economic aid
        ("057", "05", 2, 8.0, "SUPPORT"),  # sign formal agreement
        ("0871", "08", 2, 9.0, "RETREAT"),  # ceasefire: a PLOVER override of the root's CONCEDE
        ("173", "17", 4, -5.0, "COERCE"),  # arrest
        ("190", "19", 4, -10.0, "FIGHT"),  # conventional military force
    ],
)
def test_event_type(code, root, quad, goldstein, plover):
    found = event_type(code)
    assert (found.root, found.quad_class, found.goldstein, found.plover) == (root, quad, goldstein, plover)


def test_unknown_code_is_none():
    assert event_type("999") is None
    assert plover_category("036") == "AGREE"  # intent to meet is an agreement in PLOVER


@pytest.mark.parametrize(
    "words, agent",
    [
        (["iraqi", "prime", "minister"], "GOV"),  # two-word role
        (["u.s.", "troops"], "MIL"),
        (["shi'ite", "paramilitary", "group"], "REB"),
        (["former", "president"], "ELI"),  # a former office holder is an elite
        (["the", "weather"], None),
    ],
)
def test_agent_for_words(words, agent):
    assert agent_for_words(words) == agent


def test_agent_for_role_and_organizations():
    assert agent_for_role("Supreme Leader") == "GOV"
    assert organization_codes()["united nations"] == "IGOUNO"
