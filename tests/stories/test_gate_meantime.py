"""Cross-document coreference on MEANTIME dev, held at its measured level (docs/benchmarks.md)."""

from __future__ import annotations

import pytest

from tests.conftest import shared_file


@pytest.mark.gates
def test_gate_meantime_cross_document():
    pytest.importorskip("scipy", reason="CEAF-e needs scipy (pip install -e '.[dev]')")
    from newsgraph.eval.meantime import score

    result = score(shared_file("eval", "meantime", "meantime_dev.jsonl"))
    entities, names, events = result["entities"], result["entities"]["names"], result["events"]
    assert names["newsgraph"]["conll"]["f1"] >= 0.78
    assert entities["newsgraph"]["conll"]["f1"] >= 0.61
    # Joining across documents must beat keeping each document's entities apart, by a wide margin.
    assert entities["newsgraph"]["conll"]["f1"] >= entities["baseline_within_document"]["conll"]["f1"] + 0.08
    assert events["newsgraph"]["conll"]["f1"] >= events["baseline_same_lemma"]["conll"]["f1"] + 0.08
