"""An article built to attack the web pages: markup, event handlers and ``javascript:`` links in its
text and in every stored field. The pages must show all of it as text and run none of it; the
scripts would set ``window.__xss`` if they ran."""

from __future__ import annotations

from typing import Any

HOSTILE_ID = "xss-1"
PAYLOADS = (
    "<script>window.__xss = 1</script>",
    '<img src=x onerror="window.__xss = 2">',
    '<a href="javascript:window.__xss = 3">click me</a>',
    "</textarea><svg onload=\"window.__xss = 4\">",
)


def hostile_analysis() -> dict[str, Any]:
    """A schema-v1 analysis whose text, names, quote, speaker, place and metadata carry the payloads."""
    name = '<img src=x onerror="window.__xss = 5">Evil Corp'
    speaker = "<script>window.__xss = 6</script>Mallory"
    text = f"{PAYLOADS[0]} {name} said \"{PAYLOADS[1]} is fine\". {PAYLOADS[2]} in Paris. {PAYLOADS[3]}"
    name_at = text.index(name)
    quote_text = f"{PAYLOADS[1]} is fine"
    quote_at = text.index(quote_text)
    paris_at = text.index("Paris")
    return {
        "schema_version": 1,
        "article": {"id": HOSTILE_ID, "text": text, "published": "1987-06-01", "source": "<b onmouseover=alert(7)>Wire</b>",
                    "url": "javascript:window.__xss = 8", "title": "<script>window.__xss = 9</script>Hostile title",
                    "language": "en", "sentences": [[0, len(text)]]},
        "entities": [
            {"id": "E1", "name": name, "type": "ORG", "country": None, "role": "<i>boss</i>",
             "mentions": [{"span": [name_at, name_at + len(name)], "text": name, "sentence": 0, "kind": "name"}]},
            {"id": "E2", "name": "Paris", "type": "GPE", "country": "FRA", "role": None,
             "mentions": [{"span": [paris_at, paris_at + 5], "text": "Paris", "sentence": 0, "kind": "name"}]},
        ],
        "quotes": [{"span": [quote_at, quote_at + len(quote_text)], "text": quote_text, "sentence": 0, "direct": True,
                    "partial": False, "speaker": {"entity": "E1", "name": speaker, "span": [name_at, name_at + len(name)]},
                    "cue": {"text": "said", "span": [name_at + len(name) + 1, name_at + len(name) + 5]},
                    "medium": "<script>window.__xss = 10</script>"}],
        "events": [],
        "dates": [],
        "quantities": [],
        "places": [{"span": [paris_at, paris_at + 5], "text": "Paris", "sentence": 0, "name": "Paris", "geonameid": 2988507,
                    "lat": 48.85, "lon": 2.35, "country": "FR", "country3": "FRA", "admin1": "11", "feature": "PPLC",
                    "population": None, "metonymy": False, "modifier": False, "entity": "E2"}],
    }
