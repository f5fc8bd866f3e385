"""An article's facts as highlights in its text: pure functions, no web framework.

:func:`article_facts` lists every fact of a stored analysis with its span and a label;
:func:`segments` cuts the text at every fact boundary, so each piece knows which facts cover it
(facts may nest or cross: a quote holds names, an event sentence holds its actors). The page
renders each piece as one element carrying its offsets and the ids of its facts; selecting a fact
highlights exactly the pieces whose ids include it, which together are the fact's span.
"""

from __future__ import annotations

import re
from typing import Any, Optional

__all__ = ["FACT_KINDS", "article_facts", "segments"]

FACT_KINDS = ("entity", "quote", "event", "date", "quantity", "place", "theme")
ID_PREFIX = {"entity": "m", "quote": "q", "event": "v", "date": "d", "quantity": "n", "place": "p", "theme": "h"}
_CLASS_SAFE = re.compile(r"[^A-Za-z0-9_-]")


def _css(value: Any) -> str:
    """A value usable in a class name (entity types are upper-case words; anything else is cut)."""
    return _CLASS_SAFE.sub("", str(value or ""))[:32]


def _span(fact: dict[str, Any], text_length: int) -> Optional[tuple[int, int]]:
    span = fact.get("span")
    if not isinstance(span, (list, tuple)) or len(span) != 2:
        return None
    start, end = span
    if not isinstance(start, int) or not isinstance(end, int) or not 0 <= start < end <= text_length:
        return None  # a fact without a usable span is listed, not highlighted
    return start, end


def _number(value: Any) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def _quantity_label(fact: dict[str, Any]) -> str:
    value = fact.get("value")
    parts = [_number(value) if value is not None else "?"]
    if fact.get("value_high") is not None:
        parts[0] += f"\u2013{_number(fact['value_high'])}"
    for key in ("currency", "unit", "object"):
        if fact.get(key):
            parts.append(str(fact[key]))
    return " ".join(parts)


def _actor(actor: Optional[dict[str, Any]]) -> str:
    actor = actor or {}
    return str(actor.get("name") or actor.get("code") or "?")


def article_facts(analysis: dict[str, Any], corpus_ids: Optional[dict[str, str]] = None) -> list[dict[str, Any]]:
    """Every fact of an analysis: ``{id, kind, start, end, text, label, detail, group, css, ...}``.

    ``id`` is unique in the article (``m3``: the fourth mention, ``q0``, ``v1``, ``d2``, ``n0``,
    ``p4``); ``group`` joins the mentions of one entity (``e-E1``); ``css`` are class names for its
    kind and type. ``start``/``end`` are None for a fact whose span is unusable. ``corpus_ids``
    maps an article entity id to its corpus entity, for links to entity pages.
    """
    text = (analysis.get("article") or {}).get("text") or ""
    corpus_ids = corpus_ids or {}
    facts: list[dict[str, Any]] = []

    def add(kind: str, number: int, fact: dict[str, Any], label: str, **more: Any) -> None:
        span = _span(fact, len(text))
        facts.append({"id": f"{ID_PREFIX[kind]}{number}",
                      "kind": kind, "start": span[0] if span else None, "end": span[1] if span else None,
                      "text": text[span[0]:span[1]] if span else fact.get("text"), "label": label,
                      "detail": more.pop("detail", None), "group": more.pop("group", None),
                      "css": f"f-{kind} " + more.pop("css", ""), **more})

    mention_number = 0
    for entity in analysis.get("entities") or []:
        entity_type = entity.get("type") or "ENTITY"
        for mention in entity.get("mentions") or []:
            add("entity", mention_number, mention, f"{entity_type} {entity.get('name')}",
                detail=entity.get("role"), group=f"e-{entity.get('id')}", css=f"t-{_css(entity_type)}",
                entity=entity.get("id"), name=entity.get("name"), type=entity_type,
                corpus_id=corpus_ids.get(str(entity.get("id"))), mention_kind=mention.get("kind"))
            mention_number += 1
    for number, quote in enumerate(analysis.get("quotes") or []):
        speaker = (quote.get("speaker") or {}).get("name")
        label = f"quote by {speaker or 'unknown speaker'}"
        details = {"speaker": speaker, "detail": (quote.get("cue") or {}).get("text"),
                   "css": "direct" if quote.get("direct") else "indirect"}
        parts = [part for part in quote.get("parts") or [] if _span({"span": part}, len(text))]
        if len(parts) < 2:
            add("quote", number, quote, label, **details)
            continue
        # A quotation interrupted by its attribution ("A," he said, "B."): each piece is marked, the
        # attribution between them is not; the pieces share the quote's id as their group.
        for part_number, part in enumerate(parts):
            add("quote", number, {"span": part}, label, group=f"q{number}", **details)
            facts[-1]["id"] = f"q{number}-{part_number}"
            facts[-1]["whole"] = quote.get("text")
    for number, event in enumerate(analysis.get("events") or []):
        trigger = event.get("trigger") or {}
        where = trigger if _span(trigger, len(text)) else event
        label = f"event {event.get('code')}: {_actor(event.get('source'))} \u2192 {_actor(event.get('target'))}"
        if isinstance(event.get("confidence"), (int, float)):
            label += f" (confidence {event['confidence']:.2f})"
        add("event", number, where, label, code=event.get("code"), goldstein=event.get("goldstein"),
            detail=event.get("text"), css=f"quad{_css(event.get('quad_class'))}")
    for number, found in enumerate(analysis.get("dates") or []):
        add("date", number, found, f"date {found.get('value')}", value=found.get("value"), detail=found.get("type"))
    for number, quantity in enumerate(analysis.get("quantities") or []):
        add("quantity", number, quantity, f"quantity {_quantity_label(quantity)}", value=quantity.get("value"))
    for number, place in enumerate(analysis.get("places") or []):
        where = f"{place.get('lat')}, {place.get('lon')}" if place.get("lat") is not None else None
        add("place", number, place, f"place {place.get('name')}" + (f" ({place.get('country3')})" if place.get("country3") else ""),
            detail=where, geonameid=place.get("geonameid"))
    for number, theme in enumerate(analysis.get("themes") or []):
        for part, span in enumerate(theme.get("spans") or []):  # the words and events that evidence it
            add("theme", number, {"span": span}, f"theme {theme.get('theme')}", group=f"th-{number}",
                theme=theme.get("theme"))
            facts[-1]["id"] = f"h{number}-{part}"
    return facts


def segments(text: str, facts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The text cut at every fact boundary: ``{start, end, text, facts, css, title, badges}`` pieces.

    ``facts`` lists the ids of the facts covering the piece, shortest fact first (the one a click
    on it selects); ``css`` joins their classes; ``title`` their labels (the hover text);
    ``badges`` are the quotes starting here, shown before the piece with their speaker.
    """
    placed = [fact for fact in facts if fact["start"] is not None]
    cuts = sorted({0, len(text), *(f["start"] for f in placed), *(f["end"] for f in placed)})
    starting: dict[int, list[dict[str, Any]]] = {}
    for fact in placed:
        starting.setdefault(fact["start"], []).append(fact)
    by_length = sorted(placed, key=lambda f: (f["end"] - f["start"], f["start"]))
    pieces = []
    active: list[dict[str, Any]] = []
    for start, end in zip(cuts, cuts[1:]):
        active = [f for f in by_length if f["start"] <= start and f["end"] >= end]
        badges = [{"fact": f.get("group") or f["id"], "speaker": f.get("speaker") or "?"} for f in starting.get(start, [])
                  if f["kind"] == "quote" and not re.fullmatch(r"q\d+-[1-9]\d*", f["id"])]  # a quote's first part only
        pieces.append({
            "start": start, "end": end, "text": text[start:end], "facts": [f["id"] for f in active],
            "groups": sorted({f["group"] for f in active if f.get("group")}),
            "css": " ".join(dict.fromkeys(" ".join(f["css"] for f in active).split())),
            "title": "; ".join(dict.fromkeys(_hover(f) for f in active)), "badges": badges,
        })
    return pieces


def _hover(fact: dict[str, Any]) -> str:
    return fact["label"] + (f" ({fact['detail']})" if fact.get("detail") and fact["kind"] in ("date", "place") else "")
