"""Synthetic but well-formed analyses, for tests and for benchmarking the store at corpus scale.

Articles are built sentence by sentence from templates, so every fact carries exact evidence:
``text == article.text[start:end]`` holds for every span, and the analyses pass the schema.
Nothing here is presented as real news: names, quotes and numbers are drawn from small pools.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any, Iterator, Optional

# (full name, short name, country, role)
PEOPLE = (
    ("Ali Khamenei", "Khamenei", "IRN", "Supreme Leader"),
    ("Hassan Rohani", "Rohani", "IRN", "President"),
    ("Adel Abdul Mahdi", "Mahdi", "IRQ", "Prime Minister"),
    ("Mahdi Karroubi", "Karroubi", "IRN", "opposition leader"),
    ("Angela Merkel", "Merkel", "DEU", "Chancellor"),
    ("Emmanuel Macron", "Macron", "FRA", "President"),
    ("Narendra Modi", "Modi", "IND", "Prime Minister"),
    ("Shinzo Abe", "Abe", "JPN", "Prime Minister"),
    ("Jacinda Ardern", "Ardern", "NZL", "Prime Minister"),
    ("Cyril Ramaphosa", "Ramaphosa", "ZAF", "President"),
    ("Moon Jae-in", "Moon", "KOR", "President"),
    ("Jair Bolsonaro", "Bolsonaro", "BRA", "President"),
)
COUNTRIES = (
    ("Iran", "IRN", "IR", 32.0, 53.0, 130758),
    ("Iraq", "IRQ", "IQ", 33.0, 44.0, 99237),
    ("United States", "USA", "US", 39.76, -98.5, 6252001),
    ("Germany", "DEU", "DE", 51.5, 10.5, 2921044),
    ("France", "FRA", "FR", 46.0, 2.0, 3017382),
    ("India", "IND", "IN", 22.0, 79.0, 1269750),
    ("Japan", "JPN", "JP", 35.69, 139.75, 1861060),
    ("Brazil", "BRA", "BR", -10.0, -55.0, 3469034),
)
CITIES = (
    ("Tehran", "IR", "IRN", 35.69, 51.42, 112931, "26"),
    ("Baghdad", "IQ", "IRQ", 33.34, 44.40, 98182, "07"),
    ("Berlin", "DE", "DEU", 52.52, 13.41, 2950159, "16"),
    ("Paris", "FR", "FRA", 48.85, 2.35, 2988507, "11"),
    ("New Delhi", "IN", "IND", 28.64, 77.22, 1261481, "07"),
    ("Tokyo", "JP", "JPN", 35.69, 139.69, 1850147, "40"),
    ("Houston", "US", "USA", 29.76, -95.36, 4699066, "TX"),
)
ORGS = (
    ("International Monetary Fund", "IMF"),
    ("United Nations", "U.N."),
    ("European Union", "EU"),
    ("Organization of the Petroleum Exporting Countries", "OPEC"),
    ("World Bank", "World Bank"),
)
QUOTES = (
    "We will not accept any pressure on our people",
    "The talks were frank and useful",
    "Our economy is strong enough to face these sanctions",
    "This agreement opens a new chapter between our nations",
    "We are ready to talk, but not under threat",
    "Prices will keep rising until the end of the year",
)
# (CAMEO code, root, quad class, Goldstein, verb)
ACTIONS = (
    ("040", "04", 1, 1.0, "met"),
    ("036", "03", 1, 4.0, "offered to meet"),
    ("112", "11", 3, -2.0, "accused"),
    ("163", "16", 3, -8.0, "imposed an embargo on"),
    ("057", "05", 2, 8.0, "signed an agreement with"),
    ("0231", "02", 2, 3.4, "appealed for economic aid from"),
)


class _Builder:
    """Accumulates one article's text and facts, keeping every span exact."""

    def __init__(self, article_id: str, published: str) -> None:
        self.id, self.published = article_id, published
        self.text = ""
        self.sentences: list[list[int]] = []
        self.entities: dict[tuple[str, str], dict[str, Any]] = {}
        self.facts: dict[str, list[dict[str, Any]]] = {k: [] for k in ("quotes", "events", "dates", "quantities", "places")}
        self._sentence_start = 0

    def add(self, piece: str) -> tuple[int, int]:
        start = len(self.text)
        self.text += piece
        return start, len(self.text)

    def end_sentence(self) -> None:
        self.sentences.append([self._sentence_start, len(self.text)])
        self.text += " "
        self._sentence_start = len(self.text)

    @property
    def sentence(self) -> int:
        return len(self.sentences)

    def entity(self, name: str, etype: str, written: str, country: Optional[str] = None,
               role: Optional[str] = None, kind: str = "name") -> tuple[str, list[int]]:
        span = list(self.add(written))
        key = (etype, name)
        entity = self.entities.get(key)
        if entity is None:
            entity = {"id": f"E{len(self.entities) + 1}", "name": name, "type": etype, "country": country,
                      "role": role, "mentions": []}
            self.entities[key] = entity
        entity["mentions"].append({"span": span, "text": written, "sentence": self.sentence, "kind": kind})
        return entity["id"], span

    def analysis(self, source: str) -> dict[str, Any]:
        if self._sentence_start < len(self.text):
            self.end_sentence()
        text = self.text.rstrip()
        return {
            "schema_version": 1,
            "article": {"id": self.id, "text": text, "published": self.published, "source": source,
                        "url": f"https://news.example/{self.id}", "title": text[:60], "language": "en",
                        "sentences": self.sentences},
            "entities": list(self.entities.values()),
            **self.facts,
        }


def _place(builder: _Builder, city: tuple) -> dict[str, Any]:
    name, alpha2, alpha3, lat, lon, geonameid, admin1 = city
    entity_id, span = builder.entity(name, "GPE", name, alpha3)
    place = {"span": span, "text": name, "sentence": builder.sentence, "name": name, "geonameid": geonameid,
             "lat": lat, "lon": lon, "country": alpha2, "country3": alpha3, "admin1": admin1, "feature": "PPLC",
             "population": None, "metonymy": False, "modifier": False, "entity": entity_id}
    builder.facts["places"].append(place)
    return place


def _person(builder: _Builder, person: tuple, first: bool) -> tuple[str, list[int], dict[str, Any]]:
    full, short, country, role = person
    written = f"{role} {full}" if first and role[0].isupper() else (full if first else short)
    entity_id, span = builder.entity(full, "PERSON", written, country, role)
    actor = {"entity": entity_id, "code": country + "GOV", "name": full, "span": span}
    return entity_id, span, actor


def _event_sentence(builder: _Builder, rng: random.Random, day: date) -> None:
    a, b = rng.sample(PEOPLE, 2)
    code, root, quad, goldstein, verb = rng.choice(ACTIONS)
    start = len(builder.text)
    _, _, source = _person(builder, a, first=rng.random() < 0.5)
    builder.add(" ")
    trigger = builder.add(verb)
    builder.add(" ")
    _, _, target = _person(builder, b, first=rng.random() < 0.5)
    builder.add(" in ")
    place = _place(builder, rng.choice(CITIES))
    builder.add(" on ")
    when = day - timedelta(days=rng.randint(0, 3))
    written = when.strftime("%B %-d")
    date_span = list(builder.add(written))
    builder.facts["dates"].append({"span": date_span, "text": written, "sentence": builder.sentence,
                                   "type": "DATE", "value": when.isoformat(), "anchor": "published"})
    end = len(builder.text)
    builder.add(".")
    builder.facts["events"].append({
        "span": [start, end], "text": builder.text[start:end], "sentence": builder.sentence, "code": code,
        "root": root, "quad_class": quad, "goldstein": goldstein, "plover": None, "name": None,
        "trigger": {"text": verb, "span": list(trigger)}, "source": source, "target": target,
        "date": when.isoformat(), "date_from": "text", "place": place["name"], "negated": False,
        "modality": None, "evidence": []})
    builder.end_sentence()


def _quote_sentence(builder: _Builder, rng: random.Random) -> None:
    person = rng.choice(PEOPLE)
    quote = rng.choice(QUOTES)
    builder.add('"')
    span = list(builder.add(quote))
    builder.add('," ')
    entity_id, speaker_span, _ = _person(builder, person, first=False)
    builder.add(" ")
    cue = list(builder.add("said"))
    builder.add(".")
    builder.facts["quotes"].append({
        "span": span, "text": quote, "sentence": builder.sentence, "direct": True, "partial": False,
        "speaker": {"entity": entity_id, "name": person[0], "span": speaker_span},
        "cue": {"text": "said", "span": cue}, "medium": None})
    builder.end_sentence()


def _count_sentence(builder: _Builder, rng: random.Random) -> None:
    count = rng.randint(2, 90)
    builder.add("At least ")
    span = list(builder.add(f"{count} people"))
    builder.add(f" were {rng.choice(['killed', 'injured', 'arrested'])} in ")
    _place(builder, rng.choice(CITIES))
    builder.add(".")
    builder.facts["quantities"].append({
        "span": span, "text": builder.text[span[0]:span[1]], "sentence": builder.sentence, "value": float(count),
        "unit": None, "approximate": False, "bound": "lower", "change": None, "currency": None, "object": "people"})
    builder.end_sentence()


def _org_sentence(builder: _Builder, rng: random.Random) -> None:
    full, short = rng.choice(ORGS)
    builder.add("The ")
    builder.entity(full, "ORG", full if rng.random() < 0.6 else short)
    builder.add(" expects growth of ")
    value = round(rng.uniform(0.5, 6.0), 1)
    span = list(builder.add(f"{value} percent"))
    builder.add(" in ")
    country_name, alpha3, *_ = rng.choice(COUNTRIES)
    builder.entity(country_name, "GPE", country_name, alpha3)
    builder.add(".")
    builder.facts["quantities"].append({
        "span": span, "text": builder.text[span[0]:span[1]], "sentence": builder.sentence, "value": value,
        "unit": "percent", "approximate": False, "bound": None, "change": None, "currency": None, "object": "growth"})
    builder.end_sentence()


def synthetic_analysis(index: int, seed: int = 0, start: date = date(1987, 1, 1), days: int = 365) -> dict[str, Any]:
    """One synthetic analysis: 4 to 10 sentences of events, quotes, counts and organizations."""
    rng = random.Random(seed * 1_000_003 + index)
    day = start + timedelta(days=rng.randrange(days))
    builder = _Builder(f"syn-{seed}-{index}", day.isoformat())
    makers = (_event_sentence, _quote_sentence, _count_sentence, _org_sentence)
    for _ in range(rng.randint(4, 10)):
        maker = rng.choice(makers)
        maker(builder, rng, day) if maker is _event_sentence else maker(builder, rng)
    return builder.analysis(rng.choice(["Reuters", "AP", "AFP"]))


def synthetic_corpus(count: int, seed: int = 0) -> Iterator[dict[str, Any]]:
    """``count`` synthetic analyses, the same ones for the same seed."""
    for index in range(count):
        yield synthetic_analysis(index, seed)
