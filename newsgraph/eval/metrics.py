"""Counting and scoring helpers shared by the scorers."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass
class PRF:
    """True positives, predictions and gold items, with precision, recall and F1 derived."""

    tp: float = 0
    predicted: int = 0
    gold: int = 0

    @property
    def precision(self) -> float:
        return self.tp / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, tp: float, predicted: int, gold: int) -> None:
        self.tp += tp
        self.predicted += predicted
        self.gold += gold

    def to_dict(self) -> dict[str, Any]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "tp": self.tp,
            "predicted": self.predicted,
            "gold": self.gold,
        }


def format_table(rows: list[tuple[str, PRF]]) -> str:
    """A fixed-width table of precision, recall and F1 per row."""
    lines = [f"{'':<14}{'P':>8}{'R':>8}{'F1':>8}{'gold':>8}{'pred':>8}"]
    for name, prf in rows:
        lines.append(
            f"{name:<14}{prf.precision:>8.3f}{prf.recall:>8.3f}{prf.f1:>8.3f}{prf.gold:>8}{prf.predicted:>8}"
        )
    return "\n".join(lines)
