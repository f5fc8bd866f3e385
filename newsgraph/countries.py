"""Country names, codes, demonyms and capitals to ISO 3166-1 codes.

The table is ``newsgraph/data/countries.json``, built from pycountry and countryinfo by
``scripts/build_countries.py``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any, Optional


@dataclass(frozen=True)
class Country:
    alpha3: str
    alpha2: str
    name: str
    capital: Optional[str]
    capital_latlng: Optional[tuple[float, float]]
    latlng: Optional[tuple[float, float]]


@dataclass(frozen=True)
class _Tables:
    countries: dict[str, Country]
    by_name: dict[str, str]  # lower-cased name or code -> alpha3
    by_demonym: dict[str, str]
    by_capital: dict[str, str]


def _key(text: str) -> str:
    text = " ".join(text.replace("\u2019", "'").split())
    lowered = text.lower()
    if lowered.startswith("the "):
        lowered = lowered[4:]
    return lowered


@lru_cache(maxsize=1)
def _tables() -> _Tables:
    raw = json.loads(resources.files("newsgraph.data").joinpath("countries.json").read_text("utf-8"))
    countries: dict[str, Any] = {}
    by_name: dict[str, str] = {}
    by_demonym: dict[str, str] = {}
    by_capital: dict[str, str] = {}
    # Most populous first, so that a name shared by several ("American") goes to the largest.
    for alpha3, row in sorted(raw.items(), key=lambda item: -item[1]["population"]):
        countries[alpha3] = Country(
            alpha3=alpha3,
            alpha2=row["alpha2"],
            name=row["name"],
            capital=row["capital"],
            capital_latlng=tuple(row["capital_latlng"]) if row["capital_latlng"] else None,
            latlng=tuple(row["latlng"]) if row["latlng"] else None,
        )
        for name in row["names"]:
            by_name.setdefault(_key(name), alpha3)
        for code in row["codes"]:
            # Codes match case-sensitively ("US" but not "us"): kept apart by their original case.
            by_name.setdefault("code:" + code, alpha3)
        for demonym in row["demonyms"]:
            by_demonym.setdefault(_key(demonym), alpha3)
        if row["capital"]:
            for capital in {row["capital"], row["capital"].split(" D.C")[0]}:
                by_capital.setdefault(_key(capital), alpha3)
    return _Tables(countries, by_name, by_demonym, by_capital)


def country(alpha3: str) -> Optional[Country]:
    """The country with this ISO alpha-3 code, or None."""
    return _tables().countries.get(alpha3)


def country_from_name(text: str) -> Optional[str]:
    """ISO alpha-3 for a country name or abbreviation ("Iran", "the United States", "U.S."), else None."""
    tables = _tables()
    stripped = text.strip()
    if stripped.lower().startswith("the "):
        stripped = stripped[4:]
    return tables.by_name.get("code:" + stripped) or tables.by_name.get(_key(text))


def country_from_demonym(text: str) -> Optional[str]:
    """ISO alpha-3 for a demonym or country adjective ("Iranian", "Iraqi", "American"), else None."""
    key = _key(text)
    found = _tables().by_demonym.get(key)
    if found is None and key.endswith("s"):  # plural: "Iranians"
        found = _tables().by_demonym.get(key[:-1])
    return found


def country_from_capital(text: str) -> Optional[str]:
    """ISO alpha-3 of the country whose capital this is ("Tehran" -> IRN), else None."""
    return _tables().by_capital.get(_key(text))


def country_from_any(text: str) -> Optional[str]:
    """A country named, abbreviated or described by adjective in ``text`` (not by its capital)."""
    return country_from_name(text) or country_from_demonym(text)


def alpha2_to_alpha3(alpha2: str) -> Optional[str]:
    for row in _tables().countries.values():
        if row.alpha2 == alpha2:
            return row.alpha3
    return None
