"""``newsgraph eval geo``: score places against LGL / TR-News / GeoWebNews style XML.

The XML holds ``<article>`` elements with ``<text>`` and ``<toponyms>``; each ``<toponym>`` has
``<start>``, ``<end>``, ``<phrase>`` and, where the annotators resolved it, a ``<gaztag
geonameid=...>`` with ``<lat>`` and ``<lon>``. Scores:

- span precision, recall and F1: a predicted place matches a gold toponym when their character
  spans overlap (one to one);
- over matched toponyms with gold coordinates: accuracy within 161 km (100 miles), median and
  mean error in km, and the share given the same GeoNames id. A matched toponym that newsgraph
  left unresolved counts as an error of 20,039 km (half the Earth's circumference), as in
  Gritta et al.'s "Pragmatic Guide to Geoparsing Evaluation".
"""

from __future__ import annotations

import json
import math
import statistics
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Optional

import click

from newsgraph.eval.metrics import PRF
from newsgraph.extract.places.gazetteer import gazetteer
from newsgraph.pipeline import analyze_batch, load_bare_pipeline, load_pipeline

ACCURACY_KM = 161.0
WORST_KM = 20039.0
REALIGN_WINDOW = 3  # characters: some TR-News offsets are off by one or two


@dataclass
class GoldToponym:
    start: int
    end: int
    phrase: str
    geonameid: Optional[int] = None
    lat: Optional[float] = None
    lon: Optional[float] = None
    fcode: Optional[str] = None  # GeoNames feature code: PCLI, ADM1, PPL...


@dataclass
class GoldArticle:
    id: str
    text: str
    source: Optional[str] = None
    toponyms: list[GoldToponym] = field(default_factory=list)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


def realign(text: str, start: int, end: int, phrase: str) -> Optional[tuple[int, int]]:
    """The span of ``phrase`` at or next to ``[start, end)``; None when it is not near there."""
    if text[start:end] == phrase:
        return start, end
    for shift in sorted(range(-REALIGN_WINDOW, REALIGN_WINDOW + 1), key=abs):
        if text[start + shift : start + shift + len(phrase)] == phrase and start + shift >= 0:
            return start + shift, start + shift + len(phrase)
    return None


def _float(element: Optional[ET.Element]) -> Optional[float]:
    try:
        return float(element.text) if element is not None and element.text else None
    except ValueError:
        return None


def _toponym(element: ET.Element, text: str) -> Optional[GoldToponym]:
    phrase = element.findtext("phrase") or ""
    span = realign(text, int(element.findtext("start", "")), int(element.findtext("end", "")), phrase)
    if span is None:
        return None
    gaztag = element.find("gaztag")
    if gaztag is None:
        return GoldToponym(span[0], span[1], phrase)
    gid = gaztag.get("geonameid")
    return GoldToponym(span[0], span[1], phrase, int(gid) if gid and gid.isdigit() else None,
                       _float(gaztag.find("lat")), _float(gaztag.find("lon")), gaztag.findtext("fcode"))


def read_gold(path: Path) -> tuple[list[GoldArticle], int]:
    """The articles of a geo XML file, and how many toponyms could not be placed in their text."""
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as error:
        raise click.ClickException(f"{path}: not well-formed XML ({error})") from error
    articles: list[GoldArticle] = []
    lost = 0
    for element in root.iter("article"):
        text = element.findtext("text") or ""
        article = GoldArticle(id=element.get("docid") or str(len(articles)), text=text,
                              source=(element.findtext("domain") or "").strip() or None)
        for toponym in element.iter("toponym"):
            gold = _toponym(toponym, text)
            if gold is None:
                lost += 1
            else:
                article.toponyms.append(gold)
        articles.append(article)
    return articles, lost


def _match(gold: list[GoldToponym], predicted: list[dict]) -> list[tuple[GoldToponym, dict]]:
    """One-to-one pairs of overlapping spans, in text order."""
    pairs, used = [], set()
    for toponym in gold:
        for index, place in enumerate(predicted):
            start, end = place["span"]
            if index not in used and start < toponym.end and toponym.start < end:
                pairs.append((toponym, place))
                used.add(index)
                break
    return pairs


def score(gold_articles: Iterable[GoldArticle], predictions: Iterable[list[dict]]) -> dict[str, Any]:
    """Span PRF and geocoding scores; ``predictions`` are each article's places as JSON dicts."""
    spans, errors, same_id, with_id = PRF(), [], 0, 0
    wide: list[float] = []  # errors on countries, continents and first-level divisions
    for article, places in zip(gold_articles, predictions):
        pairs = _match(article.toponyms, places)
        spans.add(len(pairs), len(places), len(article.toponyms))
        for toponym, place in pairs:
            if toponym.lat is None or toponym.lon is None:
                continue
            if place.get("lat") is None or place.get("lon") is None:
                errors.append(WORST_KM)
            else:
                errors.append(haversine_km(toponym.lat, toponym.lon, place["lat"], place["lon"]))
            if _is_wide(toponym.fcode):
                wide.append(errors[-1])
            if toponym.geonameid:
                with_id += 1
                same_id += int(place.get("geonameid") == toponym.geonameid)
    return {
        "spans": spans.to_dict(),
        "geocoded": len(errors),
        "accuracy_161km": round(sum(e <= ACCURACY_KM for e in errors) / len(errors), 4) if errors else 0.0,
        "median_km": round(statistics.median(errors), 1) if errors else None,
        "mean_km": round(statistics.fmean(errors), 1) if errors else None,
        "same_geonameid": round(same_id / with_id, 4) if with_id else None,
        # The point of a large area is a convention (GeoNames' own centre differs from other
        # sources by hundreds of km), so accuracy is also given apart for the two kinds.
        "wide_areas": len(wide),
        "accuracy_161km_wide": _accuracy(wide),
        "accuracy_161km_local": _accuracy(_without(errors, wide)),
    }


def _is_wide(fcode: Optional[str]) -> bool:
    return fcode is not None and (fcode.startswith("PCL") or fcode in {"ADM1", "CONT", "RGN"})


def _accuracy(errors: list[float]) -> Optional[float]:
    return round(sum(e <= ACCURACY_KM for e in errors) / len(errors), 4) if errors else None


def _without(errors: list[float], some: list[float]) -> list[float]:
    rest = list(errors)
    for value in some:
        rest.remove(value)
    return rest


PLACES_COMPONENTS = ("newsgraph_entities", "newsgraph_places")


def predict(articles: list[GoldArticle], nlp: Any = None) -> list[list[dict]]:
    """newsgraph's places for each article, as JSON dicts.

    Without ``nlp`` the pipeline holds only the components places needs, which is faster and
    keeps the score independent of the other extractors.
    """

    nlp = nlp or load_pipeline(components=PLACES_COMPONENTS)
    records = [{"id": a.id, "text": a.text, "source": a.source} for a in articles]
    places = []
    for begin in range(0, len(records), 32):
        for record, result in zip(records[begin : begin + 32], analyze_batch(nlp, records[begin : begin + 32])):
            data = result.to_dict()
            if "error" in data:
                raise click.ClickException(f"article {record['id']}: {data['error']['message']}")
            places.append(data["places"])
    return places


def predict_baseline(articles: list[GoldArticle]) -> list[list[dict]]:
    """The reference newsgraph is measured against: the model's GPE, LOC and FAC names, each
    given the most populous gazetteer place of that name."""
    nlp = load_bare_pipeline()
    places = []
    for doc in nlp.pipe((a.text for a in articles), batch_size=32):
        found = []
        for ent in doc.ents:
            if ent.label_ in {"GPE", "LOC", "FAC"}:
                candidates = gazetteer().lookup(ent.text)
                best = candidates[0] if candidates else None
                found.append({"span": [ent.start_char, ent.end_char], "lat": best and best.lat,
                              "lon": best and best.lon, "geonameid": best and best.geonameid})
        places.append(found)
    return places


def evaluate(path: Path, limit: Optional[int] = None, nlp=None, baseline: bool = False) -> dict[str, Any]:
    """Read the gold file, analyse its articles and score them (the first ``limit`` articles only)."""
    articles, lost = read_gold(path)
    articles = articles[:limit] if limit else articles
    result = score(articles, predict_baseline(articles) if baseline else predict(articles, nlp))
    result.update({"file": path.name, "articles": len(articles), "unaligned_gold": lost})
    return result


def format_report(result: dict[str, Any]) -> str:
    spans = result["spans"]
    return "\n".join([
        f"{result['file']}: {result['articles']} articles, {spans['gold']} gold toponyms"
        f" ({result['unaligned_gold']} not found in the text), {spans['predicted']} predicted",
        f"spans      P {spans['precision']:.3f}  R {spans['recall']:.3f}  F1 {spans['f1']:.3f}",
        f"geocoding  acc@161km {result['accuracy_161km']:.3f}  median {result['median_km']} km"
        f"  mean {result['mean_km']} km  same id {result['same_geonameid']}  (over {result['geocoded']} matched)",
        f"           acc@161km countries/continents/admin1 {result['accuracy_161km_wide']}"
        f" ({result['wide_areas']}), other places {result['accuracy_161km_local']}",
    ])


@click.command(name="geo")
@click.option("--xml", "xml_path", required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="LGL / TR-News / GeoWebNews style XML with gold toponyms.")
@click.option("--limit", type=int, default=None, help="Score only the first N articles.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@click.option("--baseline", is_flag=True,
              help="Score the reference instead: spaCy's place names, each the most populous place so called.")
def command(xml_path: Path, limit: Optional[int], as_json: bool, baseline: bool) -> None:
    """Score places: span P/R/F1, accuracy within 161 km, median and mean error, same GeoNames id.

    \b
    Example:
        newsgraph eval geo --xml ../shared/eval/geo/lgl.xml
    """
    result = evaluate(xml_path, limit, baseline=baseline)
    click.echo(json.dumps(result, indent=2) if as_json else format_report(result))
