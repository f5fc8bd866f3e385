"""One CAMEO actor code per corpus entity: a person keeps one code across the corpus.

Each article codes its actors itself (within an article every mention of one entity already gets
one code). Across articles the same person may be coded ``IRQGOV`` in one article and ``GOV``
or ``IRQ`` in another, where less was said about them. :func:`one_code` picks the code the
corpus entity keeps from the codes its members' events got; :func:`consistent_codes` does it
for many corpus entities at once. Pure: codes in, codes out.
"""

from __future__ import annotations

from collections import Counter
from typing import Iterable, Optional

from newsgraph.countries import country

# CAMEO's international and transnational actor prefixes, which stand where a country would.
INTERNATIONAL = {"IGO", "NGO", "IMG", "MNC", "NGM", "INT", "UIS"}


def has_country(code: str) -> bool:
    """Does the code start with a country or an international actor (``IRQGOV``, ``IGOUNO``)?"""
    head = code[:3]
    return not code.startswith("---") and (head in INTERNATIONAL or country(head) is not None)


def one_code(codes: Iterable[Optional[str]]) -> Optional[str]:
    """The code an entity keeps: codes with a country beat codes without one; among those the
    most frequent, then the more specific (longer), then the first seen."""
    counted: Counter[str] = Counter()
    first: dict[str, int] = {}
    for index, code in enumerate(codes):
        if code:
            counted[code] += 1
            first.setdefault(code, index)
    if not counted:
        return None
    return min(counted, key=lambda code: (not has_country(code), -counted[code], -len(code), first[code]))


def consistent_codes(rows: Iterable[tuple[str, Optional[str]]]) -> dict[str, str]:
    """``{corpus id: code}`` from ``(corpus id, code)`` pairs, one per event mention of the entity."""
    by_entity: dict[str, list[Optional[str]]] = {}
    for corpus_id, code in rows:
        by_entity.setdefault(corpus_id, []).append(code)
    chosen = {corpus_id: one_code(codes) for corpus_id, codes in by_entity.items()}
    return {corpus_id: code for corpus_id, code in chosen.items() if code}
