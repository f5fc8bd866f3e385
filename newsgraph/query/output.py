"""Rows to the terminal: an aligned table, JSON (``--json``) or CSV (``--csv``)."""

from __future__ import annotations

import csv
import io
import json
from typing import Any, Iterable, Optional, Sequence

MAX_CELL = 60  # table cells are cut here; --json and --csv keep everything


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}"
    text = " ".join(str(value).split())
    return text if len(text) <= MAX_CELL else text[: MAX_CELL - 1] + "\u2026"


def table(rows: Sequence[dict[str, Any]], columns: Optional[Sequence[str]] = None) -> str:
    """An aligned plain-text table with a header line; "(no rows)" when empty."""
    if not rows:
        return "(no rows)"
    columns = list(columns or rows[0].keys())
    cells = [[_cell(row.get(column)) for column in columns] for row in rows]
    widths = [max(len(column), *(len(line[i]) for line in cells)) for i, column in enumerate(columns)]
    lines = ["  ".join(column.ljust(width) for column, width in zip(columns, widths)).rstrip()]
    lines.append("  ".join("-" * width for width in widths))
    lines += ["  ".join(cell.ljust(width) for cell, width in zip(line, widths)).rstrip() for line in cells]
    return "\n".join(lines)


def to_csv(rows: Iterable[dict[str, Any]], columns: Optional[Sequence[str]] = None) -> str:
    rows = list(rows)
    columns = list(columns or (rows[0].keys() if rows else []))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def to_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2)


def render(rows: Sequence[dict[str, Any]], fmt: str, columns: Optional[Sequence[str]] = None) -> str:
    """Rows in the chosen format: ``table``, ``json`` or ``csv``."""
    if fmt == "json":
        return to_json(list(rows))
    if fmt == "csv":
        return to_csv(rows, columns).rstrip("\n")
    return table(rows, columns)


def marked_text(text: str, marks: Sequence[dict[str, Any]]) -> str:
    """The text with every fact bracketed and numbered: ``[Ali Khamenei]{1}``."""
    inserts: list[tuple[int, int, int, str]] = []
    for number, mark in enumerate(marks, start=1):
        inserts.append((mark["start"], 1, number, "["))
        inserts.append((mark["end"], 0, -number, f"]{{{number}}}"))
    out, last = [], 0
    # At one position closings come before openings, and inner (later) marks close first.
    for position, _, _, piece in sorted(inserts):
        out.append(text[last:position])
        out.append(piece)
        last = position
    out.append(text[last:])
    return "".join(out)
