"""A readable, plain-text summary of an analysis (``newsgraph analyze --pretty``)."""

from __future__ import annotations

from newsgraph.model import Analysis


def _where(span: tuple[int, int]) -> str:
    return f"[{span[0]}:{span[1]}]"


def summary(analysis: Analysis) -> str:
    """Entities with their mentions, then each kind of fact with its evidence span."""
    article = analysis.article
    lines = [
        f"Article {article.id}  published {article.published or '-'}  source {article.source or '-'}  "
        f"language {article.language}  {len(article.sentences)} sentences",
        "",
        f"Entities ({len(analysis.entities)})",
    ]
    for entity in analysis.entities:
        extras = ", ".join(x for x in (entity.country, entity.role) if x)
        lines.append(f"  {entity.id} {entity.type:<7} {entity.name}" + (f" ({extras})" if extras else ""))
        mentions = "; ".join(f"{m.text!r} {m.kind}" for m in entity.mentions)
        lines.append(f"      {mentions}")
    lines += _section("Quotes", analysis.quotes, _quote_line)
    lines += _section("Events", analysis.events, _event_line)
    lines += _section("Dates", analysis.dates, lambda d: f"{d.text!r} {d.type} {d.value}")
    lines += _section("Quantities", analysis.quantities, _quantity_line)
    lines += _section("Places", analysis.places, _place_line)
    lines += _measures(analysis)
    return "\n".join(lines)


def _measures(analysis: Analysis) -> list[str]:
    """Tone, themes and the summary sentences (docs/tone.md, docs/themes.md, docs/summary.md)."""
    lines = []
    if analysis.tone is not None:
        tone = analysis.tone
        lines += ["", f"Tone {tone.tone} (positive {tone.positive}%, negative {tone.negative}%, "
                      f"polarity {tone.polarity}%, {tone.word_count} words)"]
    lines += ["", f"Themes ({len(analysis.themes)})"]
    lines += [f"  {theme.theme} {theme.score} at " + " ".join(_where(span) for span in theme.spans[:5])
              for theme in analysis.themes]
    sentences = analysis.article.sentences
    lines += ["", f"Summary (sentences {', '.join(str(index) for index in analysis.summary)})"]
    lines += [f"  {' '.join(analysis.article.text[slice(*sentences[index])].split())}"
              for index in analysis.summary if 0 <= index < len(sentences)]
    return lines


def _section(title: str, facts: list, describe) -> list[str]:
    lines = ["", f"{title} ({len(facts)})"]
    lines += [f"  {_where(fact.span)} {describe(fact)}" for fact in facts]
    return lines


def _quote_line(quote) -> str:
    speaker = quote.speaker.name if quote.speaker else "?"
    kind = "direct" if quote.direct else "indirect"
    if quote.partial:
        kind += ", partial"
    cue = quote.cue.text if quote.cue else "-"
    medium = f" in a {quote.medium}" if quote.medium else ""
    text = quote.text if len(quote.text) < 90 else quote.text[:87] + "..."
    return f"{speaker} ({cue}{medium}; {kind}): {text!r}"


def _event_line(event) -> str:
    source = event.source.code or event.source.name if event.source else "-"
    target = event.target.code or event.target.name if event.target else "-"
    return f"{event.code} {event.name or ''}: {source} -> {target}  date {event.date or '-'}  {event.text!r}"


def _quantity_line(quantity) -> str:
    flags = [flag for flag, on in (("approximate", quantity.approximate),) if on]
    if quantity.bound:
        flags.append(f"{quantity.bound} bound")
    return f"{quantity.text!r} = {quantity.value} {quantity.unit or ''} {' '.join(flags)}".rstrip()


def _place_line(place) -> str:
    where = f"{place.lat:.2f},{place.lon:.2f}" if place.lat is not None else "no point"
    flags = " metonymy" if place.metonymy else ""
    return f"{place.text!r} -> {place.name} ({place.feature}, {place.country}) {where}{flags}"
