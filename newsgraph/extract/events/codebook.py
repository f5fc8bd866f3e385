"""The CAMEO event codebook shipped as ``newsgraph/data/cameo.json``.

Each code carries its name, root, quad class, Goldstein weight and PLOVER category, so an
event coded by any dictionary (ours or a user's PETRARCH one) is described the same way.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any, Optional, TypeGuard


@dataclass(frozen=True)
class EventType:
    code: str
    name: str
    root: str
    quad_class: Optional[int]
    goldstein: Optional[float]
    plover: Optional[str]


@lru_cache(maxsize=1)
def codebook() -> dict[str, Any]:
    """The raw codebook: events, roots, PLOVER map, actor vocabulary."""
    return json.loads(resources.files("newsgraph.data").joinpath("cameo.json").read_text("utf-8"))


def root_of(code: str) -> str:
    """The two-digit CAMEO root of a code ("0231" -> "02")."""
    return code[:2]


def plover_category(code: str) -> Optional[str]:
    """The PLOVER category of a CAMEO code: the most specific override, else the root's."""
    book = codebook()
    for length in range(len(code), 2, -1):
        found = book["plover_overrides"].get(code[:length])
        if found:
            return found
    root = book["roots"].get(root_of(code))
    return root["plover"] if root else None


@lru_cache(maxsize=4096)
def event_type(code: str) -> Optional[EventType]:
    """The codebook entry of a CAMEO code, or None for a code outside CAMEO (a user's own)."""
    book = codebook()
    entry = book["events"].get(code)
    if entry is None:
        return None
    root = root_of(code)
    return EventType(
        code=code,
        name=entry[0],
        root=root,
        quad_class=book["roots"][root]["quad_class"],
        goldstein=entry[1],
        plover=plover_category(code),
    )


def is_cameo(code: str) -> bool:
    return code in codebook()["events"]


def agent_codes() -> dict[str, str]:
    """CAMEO sector/agent codes (GOV, MIL, REB, ...) with what they cover."""
    return codebook()["agents"]


@lru_cache(maxsize=1)
def organization_codes() -> dict[str, str]:
    """Lower-cased names of organizations and armed groups to actor codes (IGOUNO, NGOAMN, PSEREBHMS, ...)."""
    table: dict[str, str] = {}
    for prefix, group in (("IGO", "igos"), ("NGO", "ngos"), ("", "groups")):
        for code, names in codebook().get(group, {}).items():
            for name in names:
                table[name.lower()] = prefix + code
    return table


@lru_cache(maxsize=1)
def country_words() -> dict[str, str]:
    """Words for a country that country tables lack ("Serbs", "PRC", "West Bank"), lower-cased."""
    return {name.lower(): code for code, names in codebook().get("country_words", {}).items() for name in names}


def has_country(code: Optional[str]) -> TypeGuard[str]:
    """Does an actor code start with a country or an international actor, not an agent alone
    ("GOV") or PETRARCH's unknown-country ``---``?"""
    if not code or code.startswith("---"):
        return False
    return not (len(code) == 3 and code in agent_codes())


def agent_part(code: Optional[str]) -> str:
    """The agent codes after an actor code's country: "IRQGOV" -> "GOV", "GOV" -> "GOV"."""
    if not code:
        return ""
    if code.startswith("---"):
        return code[3:]
    return code[3:] if has_country(code) else code
