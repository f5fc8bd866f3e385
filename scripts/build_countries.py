"""Build newsgraph/data/countries.json from pycountry and countryinfo.

Run: python scripts/build_countries.py
The output is committed; rerunning with the same package versions gives the same file.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pycountry
from countryinfo import CountryInfo

OUT = Path(__file__).resolve().parent.parent / "newsgraph" / "data" / "countries.json"

# Short forms that news writes with dots ("U.S.") or as a bare code ("UK", "US") and that the
# packages list without dots. Bare two-letter codes are otherwise never matched: "IN", "IT", "TO"
# are English words.
BARE_CODES = {"US", "UK", "UAE", "USA", "DRC", "PRC", "ROK", "DPRK"}
EXTRA_NAMES = {
    # Names in everyday news use that neither package lists for the country.
    "USA": ["America", "the States"],
    "GBR": ["Britain"],
    "KOR": ["South Korea"],
    "PRK": ["North Korea"],
    "RUS": ["Russia"],
    "IRN": ["Iran"],
    "SYR": ["Syria"],
    "COD": ["DRC", "Congo-Kinshasa"],
    "CIV": ["Ivory Coast"],
    "CZE": ["Czech Republic"],
    "TUR": ["Turkey"],
    "VNM": ["Vietnam"],
    "LAO": ["Laos"],
    "BOL": ["Bolivia"],
    "VEN": ["Venezuela"],
    "TZA": ["Tanzania"],
    "MDA": ["Moldova"],
    "PSE": ["Palestine", "Palestinian territories"],
    "TWN": ["Taiwan"],
    "ARE": ["UAE", "Emirates"],
    "NLD": ["Holland"],
}
EXTRA_DEMONYMS = {
    # Adjectives the packages do not give (they give one demonym a country).
    "USA": ["U.S."],
    "GBR": ["English", "Scottish", "Welsh"],
    "NLD": ["Dutch"],
    "ISR": ["Israeli"],
    "PSE": ["Palestinian"],
    "KOR": ["South Korean"],
    "PRK": ["North Korean"],
    "PHL": ["Filipino", "Philippine"],
    "SAU": ["Saudi"],
    "ARE": ["Emirati"],
}


def _dotted(code: str) -> str:
    return ".".join(code) + "."


def build() -> dict:
    countries = {}
    for country in pycountry.countries:
        alpha3 = country.alpha_3
        try:
            info = CountryInfo(country.alpha_2).info()
        except Exception:  # countryinfo lacks a few territories
            info = {}
        names = {country.name}
        for attr in ("official_name", "common_name"):
            if getattr(country, attr, None):
                names.add(getattr(country, attr))
        if info.get("name"):
            names.add(info["name"])
        codes = set()
        for alt in info.get("altSpellings", []):
            if re.fullmatch(r"[A-Z]{2,4}", alt):
                codes.add(alt)
            elif len(alt) > 3:
                names.add(alt)
        names.update(EXTRA_NAMES.get(alpha3, []))
        # "Korea, Republic of" style names are not how news writes them.
        names = {n for n in names if "," not in n and "(" not in n}
        short = sorted(c for c in codes | {alpha3} if c in BARE_CODES)
        short += [_dotted(c) for c in codes | {country.alpha_2, alpha3} if c in BARE_CODES]
        demonyms = set(EXTRA_DEMONYMS.get(alpha3, []))
        if info.get("demonym"):
            demonyms.update(d.strip() for d in info["demonym"].split(","))
        capital = info.get("capital") or None
        countries[alpha3] = {
            "alpha2": country.alpha_2,
            "name": getattr(country, "common_name", None) or info.get("name") or country.name,
            "names": sorted(names),
            "codes": sorted(set(short)),
            "demonyms": sorted(d for d in demonyms if d),
            "capital": capital,
            "capital_latlng": info.get("capital_latlng") or None,
            "latlng": info.get("latlng") or None,
            "population": info.get("population") or 0,
        }
    return countries


def main() -> None:
    data = build()
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(data, indent=0, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {len(data)} countries to {OUT}")


if __name__ == "__main__":
    main()
