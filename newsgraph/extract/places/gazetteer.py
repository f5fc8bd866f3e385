"""The place table (``newsgraph/data/gazetteer.bin``, built by ``scripts/build_gazetteer.py``).

Loaded lazily, once per process, by :func:`gazetteer`: the file keeps its columns as packed
arrays and newline-joined strings, so loading builds only a few hundred thousand strings and
one dict (well under a second) instead of parsing GeoNames' JSON.
"""

from __future__ import annotations

import marshal
import zlib
from array import array
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Optional

from newsgraph.extract.places.names import COUNTRY_OTHER_KEYS, name_key

DATA_FILE = "gazetteer.bin"
FORMAT_VERSION = 1
FEATURES = ("continent", "country", "admin1", "admin2", "city")


@dataclass(frozen=True)
class GazPlace:
    """One row of the gazetteer."""

    row: int
    geonameid: Optional[int]
    name: str
    lat: float
    lon: float
    country: Optional[str]  # ISO 3166-1 alpha-2
    admin1: Optional[str]  # GeoNames admin1 code within the country ("LA", "06")
    admin2: Optional[str]  # name of the second-level division ("Rapides Parish")
    feature: str  # one of FEATURES
    population: int


class Gazetteer:
    """Name lookup over the place table; see :func:`gazetteer` for the shared instance."""

    def __init__(self, data: dict) -> None:
        if data.get("version") != FORMAT_VERSION:
            raise ValueError(f"gazetteer format {data.get('version')} is not {FORMAT_VERSION}: rebuild it")
        self.size = data["rows"]
        self._lat, self._lon = array("d", data["lat"]), array("d", data["lon"])
        self._gid, self._pop = array("q", data["gid"]), array("q", data["pop"])
        self._text = {c: data[c].split("\n") for c in ("name", "cc", "a1", "a2", "feat")}
        self._keys = data["keys"].split("\n")  # sorted: looked up by bisection, no dict to build
        self._offsets, self._key_rows = array("i", data["offsets"]), array("i", data["key_rows"])
        self._short_keys = data["short_keys"].split("\n")  # counties without "County": "Geauga"
        self._short_offsets, self._short_rows = array("i", data["short_offsets"]), array("i", data["short_rows"])
        self._divisions: dict[tuple[str, str, str], int] = {}
        pairs = (line.split("\t") for line in data["capitals"].split("\n") if line)
        #: (country, name key) of every national capital, for metonymy and the capital prior.
        self.capitals = frozenset((cc, name_key(name)) for cc, name in pairs)
        self._capital_rows: Optional[frozenset] = None
        # Rows come in FEATURES order, so countries and divisions are all before the first admin2.
        for row, feature in enumerate(self._text["feat"]):
            if feature in ("admin2", "city"):
                break
            self._divisions.setdefault((feature, self._text["cc"][row], self._text["a1"][row]), row)

    def place(self, row: int) -> GazPlace:
        text = self._text
        return GazPlace(
            row=row,
            geonameid=self._gid[row] or None,
            name=text["name"][row],
            lat=self._lat[row],
            lon=self._lon[row],
            country=text["cc"][row] or None,
            admin1=text["a1"][row] or None,
            admin2=text["a2"][row] or None,
            feature=text["feat"][row],
            population=self._pop[row],
        )

    def lookup(self, name: str) -> list[GazPlace]:
        """Every place called ``name`` (any spelling with the same :func:`name_key`), most populous first."""
        key = name_key(name)
        found = self._find(key, self._keys, self._offsets, self._key_rows)
        code = COUNTRY_OTHER_KEYS.get(key)
        country = self.country(code) if code else None
        if country is not None and all(place.row != country.row for place in found):
            found = sorted([country, *found], key=lambda p: -p.population)
        return found

    def short_county(self, name: str) -> list[GazPlace]:
        """Counties called ``name`` without the word "County" or "Parish" ("Geauga"); which of
        them count is for resolution to say (:func:`newsgraph.extract.places.resolve.short_counties`)."""
        return self._find(name_key(name), self._short_keys, self._short_offsets, self._short_rows)

    def _find(self, key: str, keys: list[str], offsets: array, key_rows: array) -> list[GazPlace]:
        pos = bisect_left(keys, key)
        if pos == len(keys) or keys[pos] != key:
            return []
        rows = key_rows[offsets[pos] : offsets[pos + 1]]
        return sorted((self.place(r) for r in rows), key=lambda p: -p.population)

    @property
    def capital_rows(self) -> frozenset:
        """Rows of the national capitals: the most populous town of the capital's name in its
        country (Washington, D.C., not every other Washington of the United States)."""
        if self._capital_rows is None:
            rows = set()
            for cc, key in self.capitals:
                towns = [p for p in self.lookup(key) if p.feature == "city" and p.country == cc]
                if towns:
                    rows.add(towns[0].row)
            self._capital_rows = frozenset(rows)
        return self._capital_rows

    def is_capital(self, place: GazPlace) -> bool:
        """Whether ``place`` is a national capital."""
        return place.row in self.capital_rows

    def country(self, alpha2: str) -> Optional[GazPlace]:
        """The country row of ISO code ``alpha2``."""
        row = self._divisions.get(("country", alpha2, ""))
        return None if row is None else self.place(row)

    def admin1(self, alpha2: str, code: str) -> Optional[GazPlace]:
        """The first-level division ``code`` of country ``alpha2``."""
        row = self._divisions.get(("admin1", alpha2, code))
        return None if row is None else self.place(row)


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The packaged gazetteer, loaded on first use and shared by the whole process."""
    raw = resources.files("newsgraph.data").joinpath(DATA_FILE).read_bytes()
    return Gazetteer(marshal.loads(zlib.decompress(raw)))
