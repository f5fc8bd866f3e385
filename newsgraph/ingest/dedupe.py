"""Duplicate detection before analysis: exact copies by URL or normalized text, near-duplicates
(a syndicated copy with another header or footer) by MinHash over word 5-grams with LSH banding.

The MinHash is our own few lines of numpy (CRC-32 of each 5-gram, 64 universal hash permutations)
so that signatures are stable across processes and versions and cost well under a millisecond.
"""

from __future__ import annotations

import re
import zlib
from typing import Iterable, Optional

import numpy as np

from newsgraph.store.rows import normalize_text

NUM_PERM = 64
BANDS = 16  # 16 bands of 4 rows: a pair at similarity 0.8 becomes a candidate with p > 0.999
SHINGLE = 5
THRESHOLD = 0.8  # estimated Jaccard of 5-grams; a 10% header/footer change stays above, a rewrite falls below
MIN_WORDS = 40  # shorter texts (briefs, tables) are compared exactly only: too few 5-grams to judge
_PRIME = np.uint64((1 << 31) - 1)  # a*h+b below 2**62: exact in uint64, and the modulus mixes
_RNG = np.random.RandomState(1)
_A = _RNG.randint(1, (1 << 31) - 1, size=NUM_PERM).astype(np.uint64)
_B = _RNG.randint(0, (1 << 31) - 1, size=NUM_PERM).astype(np.uint64)
_WORD = re.compile(r"\w+", re.UNICODE)


def shingles(text: str, size: int = SHINGLE) -> set[str]:
    """The distinct word n-grams of the normalized text."""
    words = _WORD.findall(normalize_text(text))
    return {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}


def signature(text: str) -> Optional[bytes]:
    """The MinHash signature of a text as bytes (None for texts under ``MIN_WORDS`` words)."""
    grams = shingles(text)
    if len(grams) + SHINGLE - 1 < MIN_WORDS:
        return None
    hashes = np.fromiter((zlib.crc32(g.encode("utf-8", "surrogatepass")) for g in grams), np.uint64, len(grams))
    permuted = ((hashes % _PRIME)[:, None] * _A + _B) % _PRIME
    return permuted.min(axis=0).astype("<u8").tobytes()


def similarity(a: bytes, b: bytes) -> float:
    """Estimated Jaccard similarity of two signatures."""
    return float(np.mean(np.frombuffer(a, dtype="<u8") == np.frombuffer(b, dtype="<u8")))


def _bands(data: bytes) -> list[bytes]:
    step = len(data) // BANDS
    return [bytes([i]) + data[i * step : (i + 1) * step] for i in range(BANDS)]


class NearDuplicates:
    """An LSH index of originals' signatures: ``find`` names the original a text copies, if any."""

    def __init__(self, threshold: float = THRESHOLD, known: Iterable[tuple[str, bytes]] = ()):
        self.threshold = threshold
        self.buckets: dict[bytes, list[str]] = {}
        self.signatures: dict[str, bytes] = {}
        for article_id, data in known:
            self.add(article_id, data)

    def add(self, article_id: str, data: bytes) -> None:
        if article_id in self.signatures:
            return
        self.signatures[article_id] = data
        for band in _bands(data):
            self.buckets.setdefault(band, []).append(article_id)

    def find(self, data: bytes) -> Optional[tuple[str, float]]:
        """The most similar original at or over the threshold, with its similarity; None when there is none.
        Ties go to the earliest stored original."""
        candidates = dict.fromkeys(c for band in _bands(data) for c in self.buckets.get(band, ()))
        best = None
        for candidate in candidates:
            score = similarity(data, self.signatures[candidate])
            if score >= self.threshold and (best is None or score > best[1]):
                best = (candidate, score)
        return best
