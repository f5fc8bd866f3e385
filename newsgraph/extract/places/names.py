"""How place names are compared: one key for "St. Louis", "Saint Louis" and "ST LOUIS"."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u02bb": "'", "`": "'"})
_PUNCT = re.compile(r"[.,()\"]")
_SPACES = re.compile(r"[\s\-]+")
# Abbreviated generic words that GeoNames writes out in full ("Ft. Worth" is "Fort Worth").
_PREFIXES = {"saint": "st", "sainte": "ste", "ft": "fort", "mt": "mount"}


@lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """The lookup key of a place name: lower case, no accents or dots, "the" and "Saint" normalised.

    >>> name_key("St. Louis") == name_key("Saint-Louis")
    True
    """
    text = unicodedata.normalize("NFKD", name.translate(_APOSTROPHES))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = _SPACES.sub(" ", _PUNCT.sub("", text)).strip()
    if text.startswith("the "):
        text = text[4:]
    words = text.split(" ")
    if words and words[0] in _PREFIXES:
        words[0] = _PREFIXES[words[0]]
    return " ".join(words)


# How US newspapers abbreviate states after a town ("Alexandria, La."): AP style, with the
# GeoNames admin1 code of each. Used only in the "Town, State" pattern, where "Miss." and
# "Wash." cannot be words.
AP_STATES = {
    "Ala.": "AL", "Ariz.": "AZ", "Ark.": "AR", "Calif.": "CA", "Colo.": "CO", "Conn.": "CT", "Del.": "DE",
    "D.C.": "DC", "Fla.": "FL", "Ga.": "GA", "Ill.": "IL", "Ind.": "IN", "Kan.": "KS", "Kans.": "KS", "Ky.": "KY",
    "La.": "LA", "Md.": "MD", "Mass.": "MA", "Mich.": "MI", "Minn.": "MN", "Miss.": "MS", "Mo.": "MO",
    "Mont.": "MT", "Neb.": "NE", "Nebr.": "NE", "Nev.": "NV", "N.H.": "NH", "N.J.": "NJ", "N.M.": "NM",
    "N.Y.": "NY", "N.C.": "NC", "N.D.": "ND", "Okla.": "OK", "Ore.": "OR", "Pa.": "PA", "R.I.": "RI",
    "S.C.": "SC", "S.D.": "SD", "Tenn.": "TN", "Tex.": "TX", "Vt.": "VT", "Va.": "VA", "Wash.": "WA",
    "W.Va.": "WV", "W. Va.": "WV", "Wis.": "WI", "Wyo.": "WY",
}
# Canadian provinces as Canadian papers abbreviate them, with GeoNames admin1 codes.
CANADIAN_PROVINCES = {
    "Alta.": "01", "B.C.": "02", "Man.": "03", "N.B.": "04", "Nfld.": "05", "N.L.": "05", "N.S.": "07", "Ont.": "08",
    "P.E.I.": "09", "Que.": "10", "Sask.": "11",
}
#: name key of an abbreviation -> (country, GeoNames admin1 code)
AP_STATE_KEYS = {name_key(abbreviation): ("US", code) for abbreviation, code in AP_STATES.items()}
AP_STATE_KEYS.update({name_key(abbreviation): ("CA", code) for abbreviation, code in CANADIAN_PROVINCES.items()})
_ABBREVIATIONS = {abbreviation.replace(" ", ""): ("US", code) for abbreviation, code in AP_STATES.items()}
_ABBREVIATIONS.update({abbreviation: ("CA", code) for abbreviation, code in CANADIAN_PROVINCES.items()})


def state_abbreviation(text: str) -> "tuple[str, str] | None":
    """(country, admin1 code) of a state or province abbreviation written as papers write it:
    "La.", "W. Va.", "B.C.", or a postal code in capitals ("LA"). "L.A." is Los Angeles."""
    if len(text) == 2 and text.isalpha() and text.isupper():
        return AP_STATE_KEYS.get(name_key(text))
    compact = text.replace(" ", "")
    if "." in compact[:-1] and not compact.endswith("."):
        compact += "."  # "W.Va" where the sentence's full stop took the abbreviation's
    return _ABBREVIATIONS.get(compact)


# Short names news gives a few cities, with the gazetteer's name and the country.
CITY_SHORT_NAMES = {
    "L.A.": ("Los Angeles", "US"), "NYC": ("New York City", "US"), "N.Y.C.": ("New York City", "US"),
    "Philly": ("Philadelphia", "US"), "Vegas": ("Las Vegas", "US"),
}


# Everyday names of countries that the packaged country names lack, with the ISO alpha-2 code
# ("Democratic Republic of Congo" without "the", "Burma", "Macedonia", "Bosnia").
COUNTRY_OTHER_NAMES = {
    "Democratic Republic of Congo": "CD", "Republic of Congo": "CG", "Burma": "MM", "Macedonia": "MK",
    "Bosnia": "BA", "Vatican City": "VA", "Sao Tome": "ST",
}
COUNTRY_OTHER_KEYS = {name_key(name): code for name, code in COUNTRY_OTHER_NAMES.items()}
