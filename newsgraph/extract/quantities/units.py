"""The unit and currency lexicon of the quantities extractor, and unit normalisation.

Written by hand for news text: the physical units, percentages and currencies that
articles use, each mapped to one canonical name (``"km"`` and ``"kilometres"`` are both
``"kilometre"``). Short symbols (``"m"``, ``"F"``, ``"G"``) are matched case-sensitively;
longer names in any case. Counted nouns ("troops", "tweets") are not listed here: the
extractor reads them from the parse.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

# canonical name -> surface forms (plural forms are listed: no stemming at match time)
_UNITS: dict[str, tuple[str, ...]] = {
    # length
    "kilometre": ("km", "kms", "kilometre", "kilometres", "kilometer", "kilometers"),
    "metre": ("m", "metre", "metres", "meter", "meters"),
    "centimetre": ("cm", "centimetre", "centimetres", "centimeter", "centimeters"),
    "millimetre": ("mm", "millimetre", "millimetres", "millimeter", "millimeters"),
    "micrometre": ("μm", "µm", "micrometre", "micrometres", "micrometer", "micrometers", "micron", "microns"),
    "nanometre": ("nm", "nanometre", "nanometres", "nanometer", "nanometers"),
    "mile": ("mi", "mile", "miles"),
    "nautical mile": ("nautical mile", "nautical miles"),
    "yard": ("yd", "yds", "yard", "yards"),
    "foot": ("ft", "foot", "feet", "′"),
    "inch": ("in.", "inch", "inches", "″"),
    "light year": ("light year", "light years", "light-year", "light-years"),
    # area and volume
    "square kilometre": ("sq km", "km2", "km²", "km^2", "km squared", "square kilometre", "square kilometres", "square kilometer",
                         "square kilometers"),
    "square metre": ("sq m", "m2", "m²", "m^2", "square metre", "square metres", "square meter", "square meters"),
    "square mile": ("sq mi", "square mile", "square miles"),
    "square foot": ("sq ft", "sq. ft.", "square foot", "square feet"),
    "acre": ("acre", "acres"),
    "hectare": ("ha", "hectare", "hectares"),
    "cubic kilometre": ("km3", "km³", "km^3", "cubic kilometre", "cubic kilometres", "cubic kilometer",
                        "cubic kilometers", "km cubed"),
    "cubic metre": ("m3", "m³", "m^3", "cubic metre", "cubic metres", "cubic meter", "cubic meters"),
    "cubic foot": ("cu ft", "cubic foot", "cubic feet"),
    "litre": ("l", "L", "litre", "litres", "liter", "liters"),
    "millilitre": ("ml", "mL", "millilitre", "millilitres", "milliliter", "milliliters"),
    "gallon": ("gal", "gallon", "gallons"),
    "pint": ("pint", "pints"),
    "quart": ("quart", "quarts"),
    "barrel": ("bbl", "barrel", "barrels"),
    # mass
    "kilogram": ("kg", "kgs", "kilo", "kilos", "kilogram", "kilograms", "kilogramme", "kilogrammes"),
    "gram": ("g", "gram", "grams", "gramme", "grammes"),
    "milligram": ("mg", "milligram", "milligrams"),
    "microgram": ("μg", "µg", "mcg", "microgram", "micrograms"),
    "tonne": ("t", "tonne", "tonnes", "metric ton", "metric tons"),
    "ton": ("ton", "tons"),
    "pound-mass": ("lb", "lbs", "pound", "pounds"),
    "ounce": ("oz", "ounce", "ounces"),
    "carat": ("carat", "carats"),
    # time
    "second": ("sec", "secs", "second", "seconds"),
    "minute": ("min", "mins", "minute", "minutes"),
    "hour": ("h", "hr", "hrs", "hour", "hours"),
    "day": ("day", "days"),
    "week": ("week", "weeks", "wk", "wks"),
    "month": ("month", "months"),
    "year": ("yr", "yrs", "year", "years"),
    "decade": ("decade", "decades"),
    "century": ("century", "centuries"),
    "year of age": ("year-old", "year-olds", "years-old", "-year-old", "years old", "year old"),
    "month of age": ("month-old", "month-olds", "months-old", "months old", "month old"),
    "week of age": ("week-old", "weeks-old", "weeks old"),
    "day of age": ("day-old", "days-old", "days old"),
    # speed and rates
    "kilometre per hour": ("km/h", "kmh", "kph", "km/hr", "kmph", "kilometres per hour", "kilometers per hour",
                           "kilometre per hour", "kilometer per hour", "kilometres an hour", "kilometers an hour"),
    "mile per hour": ("mph", "miles per hour", "mile per hour", "miles an hour", "mile an hour"),
    "mile per gallon": ("mpg", "miles per gallon", "miles to the gallon"),
    "metre per second": ("m/s", "metres per second", "meters per second"),
    "knot": ("knot", "knots", "kn"),
    "revolutions per minute": ("rpm", "revolutions per minute"),
    "barrel per day": ("bpd", "b/d", "barrels per day", "barrels a day", "barrel-a-day", "barrels-a-day"),
    # energy and power
    "watt": ("W", "watt", "watts"),
    "kilowatt": ("kW", "KW", "kilowatt", "kilowatts"),
    "megawatt": ("MW", "megawatt", "megawatts"),
    "gigawatt": ("GW", "gigawatt", "gigawatts"),
    "kilowatt hour": ("kWh", "KWh", "kilowatt hour", "kilowatt hours", "kilowatt-hour", "kilowatt-hours"),
    "megawatt hour": ("MWh", "megawatt hour", "megawatt hours", "megawatt-hour", "megawatt-hours"),
    "gigawatt hour": ("GWh", "gigawatt hour", "gigawatt hours", "gigawatt-hour", "gigawatt-hours"),
    "terawatt hour": ("TWh", "terawatt hour", "terawatt hours", "terawatt-hour", "terawatt-hours"),
    "horsepower": ("hp", "horsepower", "horse power", "PS"),
    "brake horsepower": ("bhp", "brake horsepower"),
    "newton metre": ("Nm", "newton metre", "newton metres", "newton meters", "newton-metres"),
    "foot pound-force": ("lb-ft", "lb ft", "lb.-ft.", "pound-feet", "pound-foot", "pound feet"),
    "volt": ("V", "volt", "volts"),
    "kilovolt": ("kV", "kilovolt", "kilovolts"),
    "ampere": ("A", "amp", "amps", "ampere", "amperes"),
    "milliampere-hour": ("mAh", "milliampere-hour", "milliampere hours"),
    "farad": ("farad", "farads"),
    "joule": ("J", "joule", "joules"),
    "watt hour": ("Wh", "watt hour", "watt hours", "watt-hour", "watt-hours"),
    "electronvolt": ("eV", "electronvolt", "electronvolts", "electron volt", "electron volts"),
    "kiloelectronvolt": ("keV",),
    "megaelectronvolt": ("MeV",),
    "gigaelectronvolt": ("GeV",),
    "teraelectronvolt": ("TeV",),
    "calorie": ("cal", "calorie", "calories"),
    "kilocalorie": ("kcal", "kilocalorie", "kilocalories"),
    "british thermal unit": ("btu", "BTU", "british thermal unit", "british thermal units"),
    "hertz": ("Hz", "HZ", "hz", "hertz"),
    "kilohertz": ("kHz", "kilohertz"),
    "megahertz": ("MHz", "megahertz"),
    "gigahertz": ("GHz", "gigahertz"),
    # pressure, temperature, sound
    "pascal": ("Pa", "pascal", "pascals"),
    "gigapascal": ("GPa", "gigapascal", "gigapascals"),
    "megapascal": ("MPa", "megapascal", "megapascals"),
    "bar": ("bar", "bars"),
    "celsius": ("°C", "ºC", "° C", "C", "degrees celsius", "degree celsius", "celsius", "degrees centigrade",
                "centigrade"),
    "fahrenheit": ("°F", "ºF", "° F", "F", "degrees fahrenheit", "degree fahrenheit", "fahrenheit"),
    "kelvin": ("K", "kelvin", "kelvins"),
    "degree": ("°", "degree", "degrees", "deg"),
    "decibel": ("dB", "decibel", "decibels"),
    # data
    "bit": ("bit", "bits"),
    "kilobit": ("kilobit", "kilobits", "kbit", "Kb"),
    "megabit": ("megabit", "megabits", "Mbit"),
    "gigabit": ("gigabit", "gigabits", "Gbit"),
    "byte": ("byte", "bytes"),
    "kilobyte": ("KB", "kB", "kilobyte", "kilobytes"),
    "megabyte": ("MB", "megabyte", "megabytes"),
    "gigabyte": ("GB", "gigabyte", "gigabytes", "gig", "gigs"),
    "terabyte": ("TB", "terabyte", "terabytes"),
    "petabyte": ("PB", "petabyte", "petabytes"),
    "exabyte": ("EB", "exabyte", "exabytes"),
    "zettabyte": ("ZB", "zettabyte", "zettabytes"),
    "megabit per second": ("Mbps", "Mb/s", "megabits per second"),
    "gigabit per second": ("Gbps", "Gb/s", "gigabits per second"),
    # ratios
    "percent": ("%", "percent", "per cent", "pc", "pct", "percentage", "per-cent"),
    "percentage point": ("percentage point", "percentage points", "pp", "ppt", "ppts"),
    "basis point": ("basis point", "basis points", "bp", "bps", "basis-point"),
    "point": ("point", "points", "pts"),
    "parts-per-million": ("ppm", "parts per million"),
    "parts-per-billion": ("ppb", "parts per billion"),
}

# ISO 4217 code -> (unit name, prefix symbols, names written after the number)
_CURRENCIES: dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]] = {
    "USD": ("dollar", ("$", "US$", "US $", "U.S.$", "USD", "USD "), ("dollar", "dollars", "US dollars",
                                                                      "U.S. dollars", "USD", "dlrs", "dlr", "U.S. dlrs", "US dlrs")),
    "AUD": ("australian dollar", ("A$", "AU$", "AUD", "$A"), ("australian dollar", "australian dollars", "australian dlrs", "AUD")),
    "CAD": ("canadian dollar", ("C$", "CA$", "CAD", "Can$"), ("canadian dollar", "canadian dollars", "canadian dlrs", "CAD")),
    "NZD": ("new zealand dollar", ("NZ$", "NZD"), ("new zealand dollars", "new zealand dlrs", "NZD")),
    "HKD": ("hong kong dollar", ("HK$", "HKD"), ("hong kong dollars", "hong kong dlrs", "HKD")),
    "SGD": ("singapore dollar", ("S$", "SGD"), ("singapore dollars", "singapore dlrs", "SGD")),
    "TWD": ("new taiwan dollar", ("NT$", "TWD"), ("taiwan dollars", "taiwan dlrs", "new taiwan dollars", "TWD")),
    "EUR": ("euro", ("€", "EUR", "EUR "), ("euro", "euros", "EUR")),
    "GBP": ("pound sterling", ("£", "GBP", "PS", "Stg"), ("pound sterling", "pounds sterling", "sterling", "stg",
                                                           "british pounds", "GBP")),
    "JPY": ("japanese yen", ("¥", "Y=", "JPY", "JP¥"), ("yen", "japanese yen", "JPY")),
    "CNY": ("chinese yuan", ("CN¥", "RMB", "CNY"), ("yuan", "renminbi", "chinese yuan", "CNY", "RMB")),
    "INR": ("indian rupee", ("₹", "Rs", "Rs.", "INR"), ("rupee", "rupees", "indian rupees", "INR", "crore",
                                                         "lakh")),
    "PKR": ("pakistani rupee", ("PKR",), ("pakistani rupees", "PKR")),
    "CHF": ("swiss franc", ("CHF", "SFr"), ("swiss franc", "swiss francs", "francs", "CHF")),
    "SEK": ("swedish krona", ("SEK",), ("swedish krona", "swedish kronor", "kronor", "SEK")),
    "NOK": ("norwegian krone", ("NOK",), ("norwegian krone", "norwegian crowns", "norwegian kroner", "NOK")),
    "DKK": ("danish krone", ("DKK",), ("danish krone", "danish kroner", "danish crowns", "DKK")),
    "ISK": ("icelandic krona", ("ISK",), ("icelandic kronur", "ISK")),
    "CZK": ("czech koruna", ("CZK",), ("czech crowns", "korunas", "CZK")),
    "HRK": ("croatian kuna", ("HRK",), ("kuna", "kunas", "HRK", "kn")),
    "PLN": ("polish zloty", ("PLN",), ("zloty", "zlotys", "PLN")),
    "HUF": ("hungarian forint", ("HUF",), ("forint", "forints", "HUF")),
    "RUB": ("russian ruble", ("₽", "RUB"), ("rouble", "roubles", "ruble", "rubles", "RUB")),
    "UAH": ("ukrainian hryvnia", ("₴", "UAH"), ("hryvnia", "hryvnias", "UAH")),
    "TRY": ("turkish lira", ("₺", "TRY"), ("turkish lira", "lira", "liras", "TRY")),
    "ILS": ("shekel", ("₪", "NIS", "ILS"), ("shekel", "shekels", "new shekels", "NIS", "ILS")),
    "IRR": ("iranian rial", ("IRR",), ("rial", "rials", "IRR")),
    "IQD": ("iraqi dinar", ("IQD",), ("iraqi dinars", "IQD")),
    "SAR": ("saudi riyal", ("SAR", "SR"), ("riyal", "riyals", "SAR")),
    "AED": ("uae dirham", ("AED",), ("dirham", "dirhams", "AED")),
    "EGP": ("egyptian pound", ("EGP", "E£", "LE"), ("egyptian pounds", "EGP")),
    "NGN": ("nigerian naira", ("₦", "NGN"), ("naira", "NGN")),
    "KES": ("kenyan shilling", ("KES", "KSh"), ("kenyan shillings", "KES")),
    "ZAR": ("south african rand", ("ZAR",), ("rand", "rands", "ZAR")),
    "BRL": ("brazilian real", ("R$", "BRL"), ("real", "reais", "BRL")),
    "MXN": ("mexican peso", ("MXN", "Mex$"), ("mexican pesos", "MXN")),
    "ARS": ("argentine peso", ("ARS",), ("argentine pesos", "ARS")),
    "PHP": ("philippine peso", ("₱", "PHP"), ("philippine pesos", "PHP")),
    "KRW": ("south korean won", ("₩", "KRW"), ("won", "korean won", "KRW")),
    "IDR": ("indonesian rupiah", ("Rp", "IDR"), ("rupiah", "rupiahs", "IDR")),
    "MYR": ("malaysian ringgit", ("RM", "MYR"), ("ringgit", "ringgits", "MYR")),
    "THB": ("thai baht", ("฿", "THB"), ("baht", "THB")),
    "VND": ("vietnamese dong", ("₫", "VND"), ("dong", "VND")),
    "NLG": ("dutch guilder", ("Dfl", "NLG"), ("guilder", "guilders", "NLG")),
    "DEM": ("german mark", ("DM", "DEM"), ("marks", "mark", "D-marks", "deutsche marks", "deutschmarks", "DEM")),
    "FRF": ("french franc", ("FRF",), ("french francs", "FRF")),
    "ITL": ("italian lira", ("ITL",), ("lire", "italian lire", "ITL")),
    "ESP": ("spanish peseta", ("ESP",), ("peseta", "pesetas", "ESP")),
    "BTC": ("bitcoin", ("₿", "BTC"), ("bitcoin", "bitcoins", "BTC")),
}

# Minor units written after the number: canonical name only (no ISO code of their own).
_MINOR_UNITS: dict[str, tuple[str, ...]] = {
    "cent": ("cent", "cents", "c", "¢", "cts", "ct"),
    "penny": ("p", "pence", "penny", "pennies"),
    "sen": ("sen",),
}

SCALES = {
    "hundred": 1e2, "thousand": 1e3, "k": 1e3, "K": 1e3,
    "million": 1e6, "mn": 1e6, "mln": 1e6, "m": 1e6, "M": 1e6, "mil": 1e6,
    "billion": 1e9, "bn": 1e9, "b": 1e9, "B": 1e9, "bln": 1e9,
    "trillion": 1e12, "tn": 1e12, "trn": 1e12, "T": 1e12,
    "lakh": 1e5, "crore": 1e7,
}


def _case_sensitive(surface: str) -> bool:
    """Short symbols ("m", "F", "PS") change meaning with case; words do not."""
    return len(surface) <= 3 or not surface.replace(" ", "").isalpha()


def _build_tables() -> tuple[dict[str, tuple[str, Optional[str]]], dict[str, tuple[str, Optional[str]]]]:
    exact: dict[str, tuple[str, Optional[str]]] = {}
    folded: dict[str, tuple[str, Optional[str]]] = {}
    entries: list[tuple[str, str, Optional[str]]] = []
    for name, surfaces in _UNITS.items():
        entries += [(s, name, None) for s in surfaces]
    for name, surfaces in _MINOR_UNITS.items():
        entries += [(s, name, None) for s in surfaces]
    for currency, (name, _prefixes, words) in _CURRENCIES.items():
        entries += [(w, name, currency) for w in words]
    for surface, name, code in entries:
        if _case_sensitive(surface):
            exact.setdefault(surface, (name, code))
        else:
            folded.setdefault(surface.lower(), (name, code))
    return exact, folded


UNIT_EXACT, UNIT_FOLDED = _build_tables()
CURRENCY_PREFIXES: dict[str, str] = {
    prefix: code for code, (_name, prefixes, _words) in _CURRENCIES.items() for prefix in prefixes
}
CURRENCY_PREFIXES["$"] = "USD"  # "$" stands for many dollars; alone it is read as the US dollar
for _prefix, _code in list(CURRENCY_PREFIXES.items()):
    if _prefix.endswith("$") and _prefix[:-1].isalpha():
        CURRENCY_PREFIXES.setdefault(_prefix[:-1] + " $", _code)  # "HK $5.4m"
        CURRENCY_PREFIXES.setdefault("$" + _prefix[:-1], _code)  # "$US55,931,000"
CURRENCY_NAMES: dict[str, str] = {code: name for code, (name, _p, _w) in _CURRENCIES.items()}


def _alternation(surfaces: list[str]) -> str:
    return "|".join(re.escape(s) for s in sorted(surfaces, key=len, reverse=True))


# A unit right after a number: "5 km", "5km", "5-km", "5 per cent". The lookahead keeps
# "5 m" from matching the "m" of "5 men".
_UNIT_TAIL = r"(?![A-Za-z0-9])"
UNIT_EXACT_RE = re.compile(r"[ \u00a0]?-?[ \u00a0]?(" + _alternation(list(UNIT_EXACT)) + ")" + _UNIT_TAIL)
UNIT_FOLDED_RE = re.compile(r"[ \u00a0]?-?[ \u00a0]?(" + _alternation(list(UNIT_FOLDED)) + ")" + _UNIT_TAIL,
                            re.IGNORECASE)


def match_unit(text: str, pos: int) -> Optional[tuple[int, str, Optional[str]]]:
    """The unit written at ``text[pos:]``: (end offset, canonical name, ISO 4217 code or None)."""
    best: Optional[tuple[int, str, Optional[str]]] = None
    for regex, table, fold in ((UNIT_EXACT_RE, UNIT_EXACT, False), (UNIT_FOLDED_RE, UNIT_FOLDED, True)):
        found = regex.match(text, pos)
        if found and (best is None or found.end() > best[0]):
            key = found.group(1).lower() if fold else found.group(1)
            name, code = table[key]
            best = (found.end(), name, code)
    return best


def lookup_unit(surface: str) -> Optional[tuple[str, Optional[str]]]:
    """The (canonical name, currency code) of a unit written alone, or None."""
    surface = surface.strip()
    return UNIT_EXACT.get(surface) or UNIT_FOLDED.get(surface.lower())


_IRREGULAR_PLURALS = {
    "people": "people", "men": "man", "women": "woman", "children": "child", "feet": "foot", "teeth": "tooth",
    "mice": "mouse", "geese": "goose", "police": "police", "data": "data", "series": "series", "species": "species",
    "news": "news", "staff": "staff", "aircraft": "aircraft", "fishermen": "fisherman", "crises": "crisis",
}


def singular(word: str) -> str:
    """A plural English noun made singular, by rule ("troops" -> "troop", "cities" -> "city")."""
    lower = word.lower()
    for plural, single in _IRREGULAR_PLURALS.items():
        if lower.endswith(plural) and (lower == plural or plural in {"men", "fishermen", "women"}):
            return word[: len(word) - len(plural)] + single
    if len(word) <= 3 or lower.endswith(("ss", "us", "is", "ous")):
        return word
    if lower.endswith("ies"):
        return word[:-3] + "y"
    if lower.endswith(("ches", "shes", "xes", "sses", "zes")):
        return word[:-2]
    if lower.endswith("s"):
        return word[:-1]
    return word


@lru_cache(maxsize=4096)
def canonical_unit(unit: Optional[str]) -> Optional[str]:
    """One comparable form for a unit, whatever its spelling: a lexicon name, else the lower-cased singular noun.

    ``"%"``, ``"percent"`` and ``"percentage"`` are all ``"percent"``; ``"US$"`` is ``"dollar"``;
    ``"Troops"`` is ``"troop"``; ``None``, ``""`` and ``"-"`` (no unit) are None.
    """
    if unit is None:
        return None
    unit = unit.strip()
    if unit in ("", "-", "dimensionless"):
        return None
    found = lookup_unit(unit) or (lookup_unit(unit.lower()) if len(unit) > 3 else None)
    if found:
        return found[0]
    if unit in CURRENCY_PREFIXES:
        return CURRENCY_NAMES[CURRENCY_PREFIXES[unit]]
    lowered = unit.lower()
    if lowered in CANONICAL_NAMES:
        return lowered
    words = lowered.replace("-", " ").split()
    return " ".join(words[:-1] + [singular(words[-1])]) if words else None


CANONICAL_NAMES = frozenset(
    list(_UNITS) + list(_MINOR_UNITS) + [name for name, _p, _w in _CURRENCIES.values()]
)
