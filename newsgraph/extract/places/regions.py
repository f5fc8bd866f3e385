"""Places GeoNames' town and division lists lack: regions, seas, rivers, mountains, well-known sites
and the buildings that stand for governments.

Each has a representative point (the conventional middle of a region, a point in the sea or on
the river's main course, the site itself) and a ``feature`` class:

- ``region``: a part of the world or of a country that is no administrative division
  ("the Middle East", "the Sahel", "Kurdistan", "Darfur");
- ``water``: seas, gulfs, straits, canals, rivers and lakes ("the Strait of Hormuz");
- ``mountain``: ranges and peaks ("the Himalayas");
- ``landmark``: sites and buildings ("the Golan Heights", "the White House").

A region is never counted as a country: ``country`` is set only when the whole region lies in one
country (Darfur in Sudan), so that it can back the article's other places there. A seat of power
also names the country whose government it stands for ("the Kremlin said": Russia); see
:data:`SEATS`. The points were written for this table from atlases and are rounded to a tenth of
a degree or so: they say where to draw the dot, not a boundary.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from newsgraph.extract.places.names import name_key

__all__ = ["Region", "REGIONS", "SEATS", "regions_named", "seat_named"]


@dataclass(frozen=True)
class Region:
    """A region, water, mountain or landmark with its representative point."""

    name: str
    feature: str  # region, water, mountain or landmark
    lat: float
    lon: float
    country: Optional[str] = None  # ISO alpha-2 when it lies in one country
    aliases: tuple[str, ...] = ()
    seat_of: Optional[str] = None  # ISO alpha-2 of the government a seat of power stands for


def _r(name, lat, lon, country=None, *aliases):
    return Region(name, "region", lat, lon, country, tuple(aliases))


def _w(name, lat, lon, country=None, *aliases):
    return Region(name, "water", lat, lon, country, tuple(aliases))


def _m(name, lat, lon, country=None, *aliases):
    return Region(name, "mountain", lat, lon, country, tuple(aliases))


def _l(name, lat, lon, country=None, *aliases):
    return Region(name, "landmark", lat, lon, country, tuple(aliases))


def _seat(name, lat, lon, country, *aliases):
    return Region(name, "landmark", lat, lon, country, tuple(aliases), seat_of=country)


REGIONS: tuple[Region, ...] = (
    # Parts of the world
    _r("Middle East", 29.0, 41.0, None, "Mideast", "Near East"),
    _r("Sahel", 15.0, 5.0, None, "the Sahel region"),
    _r("Persian Gulf region", 26.0, 52.0, None, "Gulf region"),
    _r("Central Asia", 43.0, 65.0),
    _r("South Asia", 22.0, 79.0),
    _r("Southeast Asia", 10.0, 106.0, None, "South-East Asia", "South East Asia"),
    _r("East Asia", 35.0, 115.0),
    _r("Asia-Pacific", 10.0, 130.0, None, "Asia Pacific"),
    _r("Kurdistan", 36.5, 44.0, None, "Kurdish region"),
    _r("Iraqi Kurdistan", 36.2, 44.0, "IQ", "Kurdistan Region"),
    _r("Balkans", 43.0, 21.0, None, "Western Balkans"),
    _r("Caucasus", 42.5, 44.5, None, "North Caucasus", "South Caucasus"),
    _r("Horn of Africa", 8.0, 45.0),
    _r("West Africa", 11.0, -3.0),
    _r("East Africa", 0.0, 36.0),
    _r("North Africa", 28.0, 10.0),
    _r("Southern Africa", -23.0, 25.0),
    _r("Central Africa", 2.0, 20.0),
    _r("Sub-Saharan Africa", 0.0, 20.0, None, "sub Saharan Africa"),
    _r("Maghreb", 32.0, 3.0),
    _r("Levant", 33.5, 36.5),
    _r("Latin America", -10.0, -60.0),
    _r("Central America", 14.0, -87.0),
    _r("Caribbean", 17.0, -72.0),
    _r("Scandinavia", 63.0, 15.0, None, "Nordic region"),
    _r("Eastern Europe", 50.0, 30.0),
    _r("Western Europe", 48.0, 5.0),
    _r("Central Europe", 49.0, 16.0),
    _r("Baltics", 57.0, 24.0, None, "Baltic states"),
    _r("Arctic", 80.0, 0.0),
    _r("Siberia", 60.0, 100.0, "RU"),
    _r("Patagonia", -45.0, -69.0),
    _r("Amazon rainforest", -3.5, -62.0, None, "Amazon basin", "Amazonia"),
    _r("Kashmir", 34.1, 75.0, None),
    _r("Darfur", 13.5, 24.0, "SD"),
    _r("South Ossetia", 42.3, 44.0, "GE"),
    _r("Abkhazia", 43.0, 41.0, "GE"),
    _r("Donbas", 48.0, 38.5, "UA", "Donbass"),
    _r("Nagorno-Karabakh", 39.8, 46.75, "AZ", "Karabakh"),
    _r("Transnistria", 47.2, 29.4, "MD"),
    _r("Gaza Strip", 31.42, 34.36, "PS", "Gaza"),
    _r("West Bank", 31.9, 35.25, "PS"),
    _r("Sinai", 29.5, 33.8, "EG", "Sinai Peninsula"),
    _r("Korean Peninsula", 37.5, 127.5),
    _r("Balochistan region", 28.0, 65.0, None),
    _r("Punjab region", 31.0, 74.0, None),
    _r("Tigray region", 14.0, 39.0, "ET"),
    _r("Rakhine region", 20.0, 93.5, "MM"),
    _r("Xinjiang region", 41.0, 85.0, "CN"),
    _r("Midwest", 41.5, -91.0, "US", "American Midwest"),
    _r("New England", 43.5, -71.5, "US"),
    _r("Deep South", 32.5, -87.0, "US"),
    _r("Silicon Valley", 37.4, -122.05, "US"),
    # Seas, gulfs, straits, canals
    _w("Persian Gulf", 26.5, 52.0, None, "Arabian Gulf", "Gulf"),
    _w("Strait of Hormuz", 26.57, 56.25, None, "Hormuz Strait", "Straits of Hormuz"),
    _w("Gulf of Oman", 24.5, 58.5),
    _w("Gulf of Aden", 12.5, 48.0),
    _w("Bab el-Mandeb", 12.6, 43.3, None, "Bab al-Mandab", "Bab el-Mandab"),
    _w("Red Sea", 20.0, 38.5),
    _w("Mediterranean Sea", 35.0, 18.0, None, "Mediterranean", "the Med"),
    _w("Black Sea", 43.0, 34.0),
    _w("Caspian Sea", 41.5, 50.5, None, "Caspian"),
    _w("Aegean Sea", 38.5, 25.0, None, "Aegean"),
    _w("Adriatic Sea", 43.0, 15.5, None, "Adriatic"),
    _w("Baltic Sea", 58.0, 19.5),
    _w("North Sea", 56.0, 3.0),
    _w("Sea of Azov", 46.0, 36.5),
    _w("Arabian Sea", 15.0, 65.0),
    _w("South China Sea", 12.0, 114.0),
    _w("East China Sea", 29.0, 125.0),
    _w("Yellow Sea", 36.0, 123.0),
    _w("Sea of Japan", 40.0, 135.0, None, "East Sea"),
    _w("Taiwan Strait", 24.5, 119.5, None, "Taiwan Straits", "Formosa Strait"),
    _w("Strait of Malacca", 3.0, 100.5, None, "Malacca Strait", "Straits of Malacca"),
    _w("Bosphorus", 41.12, 29.07, "TR", "Bosporus"),
    _w("Dardanelles", 40.2, 26.4, "TR"),
    _w("Suez Canal", 30.6, 32.33, "EG"),
    _w("Panama Canal", 9.08, -79.68, "PA"),
    _w("English Channel", 50.2, -1.0, None, "the Channel"),
    _w("Gulf of Mexico", 25.0, -90.0, None, "Gulf"),
    _w("Gulf of Guinea", 2.0, 3.0),
    _w("Bay of Bengal", 15.0, 88.0),
    _w("Caribbean Sea", 15.0, -75.0),
    _w("Atlantic Ocean", 30.0, -40.0, None, "Atlantic", "North Atlantic"),
    _w("Pacific Ocean", 0.0, -160.0, None, "Pacific"),
    _w("Indian Ocean", -20.0, 80.0),
    _w("Arctic Ocean", 85.0, 0.0),
    _w("Southern Ocean", -60.0, 90.0),
    _w("Lake Chad", 13.0, 14.5),
    _w("Lake Victoria", -1.0, 33.0),
    _w("Lake Tanganyika", -6.0, 29.5),
    _w("Dead Sea", 31.5, 35.5),
    _w("Sea of Galilee", 32.82, 35.59, "IL", "Lake Tiberias"),
    # Rivers: a point on the main course
    _w("Nile", 24.0, 32.9, None, "Nile River", "River Nile"),
    _w("Euphrates", 34.4, 40.9, None, "Euphrates River"),
    _w("Tigris", 35.5, 43.3, None, "Tigris River"),
    _w("Jordan River", 32.0, 35.55, None, "River Jordan"),
    _w("Mekong", 15.0, 105.8, None, "Mekong River"),
    _w("Danube", 45.0, 20.0, None, "Danube River", "River Danube"),
    _w("Rhine", 50.5, 7.6, None, "Rhine River", "River Rhine"),
    _w("Dnieper", 47.5, 34.5, "UA", "Dnipro River", "Dnieper River"),
    _w("Yangtze", 30.5, 114.3, "CN", "Yangtze River"),
    _w("Yellow River", 35.0, 113.0, "CN"),
    _w("Ganges", 25.3, 83.0, None, "Ganges River", "Ganga"),
    _w("Indus", 27.0, 68.0, None, "Indus River"),
    _w("Amazon River", -3.1, -60.0, None),
    _w("Congo River", -2.0, 16.0, None),
    _w("Niger River", 13.5, 2.1, None),
    _w("Zambezi", -16.0, 28.8, None, "Zambezi River"),
    _w("Mississippi River", 35.0, -90.1, "US"),
    _w("Rio Grande", 29.0, -103.0, None),
    _w("Thames", 51.5, -0.1, "GB", "River Thames"),
    # Mountains
    _m("Himalayas", 28.0, 84.0, None, "Himalaya"),
    _m("Alps", 46.5, 10.0, None, "the Alps"),
    _m("Andes", -15.0, -70.0, None, "Andes Mountains"),
    _m("Rocky Mountains", 42.0, -108.0, "US", "Rockies"),
    _m("Appalachians", 37.5, -80.5, "US", "Appalachian Mountains", "Appalachia"),
    _m("Ural Mountains", 60.0, 59.5, "RU", "Urals"),
    _m("Hindu Kush", 35.5, 70.5, None),
    _m("Atlas Mountains", 31.5, -6.5, None),
    _m("Zagros Mountains", 33.5, 47.5, "IR", "Zagros"),
    _m("Mount Everest", 27.99, 86.93, None, "Everest"),
    _m("Mount Kilimanjaro", -3.07, 37.35, "TZ", "Kilimanjaro"),
    _m("Mount Sinjar", 36.37, 41.7, "IQ", "Sinjar Mountains"),
    # Well-known sites
    _l("Golan Heights", 33.0, 35.75, None, "Golan"),
    _l("Temple Mount", 31.778, 35.236, None, "Haram al-Sharif", "Al-Aqsa Mosque", "al-Aqsa"),
    _l("Guantanamo Bay", 19.9, -75.1, "CU", "Guantanamo"),
    _l("Tiananmen Square", 39.905, 116.391, "CN"),
    _l("Tahrir Square", 30.044, 31.236, "EG"),
    _l("Red Square", 55.754, 37.62, "RU"),
    _l("Maidan", 50.45, 30.524, "UA", "Maidan Nezalezhnosti"),
    _l("Chernobyl", 51.39, 30.1, "UA", "Chernobyl nuclear plant"),
    _l("Zaporizhzhia nuclear plant", 47.51, 34.58, "UA"),
    _l("Fukushima Daiichi", 37.42, 141.03, "JP"),
    _l("Demilitarized Zone", 38.0, 127.0, None, "DMZ", "Korean Demilitarized Zone"),
    _l("Rafah crossing", 31.25, 34.26, None),
    _l("Wall Street", 40.706, -74.009, "US"),
    _l("Ground Zero", 40.711, -74.013, "US"),
)

# Buildings and places that stand for a government: "the Kremlin said", "the White House denied".
SEATS: tuple[Region, ...] = (
    _seat("White House", 38.8977, -77.0365, "US", "the White House"),
    _seat("Pentagon", 38.871, -77.056, "US", "the Pentagon"),
    _seat("Capitol Hill", 38.8899, -77.0091, "US"),
    _seat("Foggy Bottom", 38.8943, -77.0484, "US"),
    _seat("Kremlin", 55.752, 37.6175, "RU", "the Kremlin"),
    _seat("Downing Street", 51.5034, -0.1276, "GB", "10 Downing Street"),
    _seat("Whitehall", 51.504, -0.126, "GB"),
    _seat("Elysee Palace", 48.8704, 2.3167, "FR", "Elysee", "the Elysee"),
    _seat("Quai d'Orsay", 48.8617, 2.3125, "FR"),
    _seat("Zhongnanhai", 39.913, 116.382, "CN"),
    _seat("Blue House", 37.5866, 126.9748, "KR", "Cheong Wa Dae"),
    _seat("Yongsan presidential office", 37.5326, 126.9747, "KR"),
    _seat("Kantei", 35.6734, 139.7414, "JP"),
    _seat("Kasumigaseki", 35.6733, 139.7503, "JP"),
    _seat("Bundeskanzleramt", 52.5202, 13.3692, "DE", "German Chancellery"),
    _seat("Palazzo Chigi", 41.9012, 12.4797, "IT"),
    _seat("Moncloa", 40.4434, -3.7365, "ES", "Moncloa Palace"),
    _seat("Casa Rosada", -34.6081, -58.3703, "AR"),
    _seat("Planalto", -15.7991, -47.8607, "BR", "Planalto Palace"),
    _seat("Los Pinos", 19.4147, -99.1945, "MX"),
    _seat("Malacanang", 14.5943, 120.9942, "PH", "Malacanang Palace"),
    _seat("Rashtrapati Bhavan", 28.6143, 77.1994, "IN", "Raisina Hill", "South Block"),
    _seat("Bankova", 50.4467, 30.5316, "UA"),
)

_BY_KEY: dict[str, tuple[Region, ...]] = {}
for _region in REGIONS + SEATS:
    for _name in (_region.name,) + _region.aliases:
        _BY_KEY[name_key(_name)] = _BY_KEY.get(name_key(_name), ()) + (_region,)


def regions_named(name: str) -> tuple[Region, ...]:
    """Every region, water, mountain, landmark or seat called ``name`` (any :func:`name_key` spelling)."""
    return _BY_KEY.get(name_key(name), ())


def seat_named(name: str) -> Optional[Region]:
    """The seat of power called ``name`` ("the Kremlin"), else None."""
    for region in regions_named(name):
        if region.seat_of:
            return region
    return None
