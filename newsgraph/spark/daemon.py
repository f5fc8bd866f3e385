"""The Python daemon of a Spark executor, with newsgraph's pipeline loaded before it forks workers.

PySpark starts one daemon per executor (``python -m pyspark.daemon``) and forks a Python worker from
it for each concurrent task. Without this module every worker loads the spaCy model, the gazetteer
and the event dictionaries itself, the first time it analyses (seconds of CPU, and one copy of
that memory per worker). Named by ``spark.python.daemon.module`` (the job's ``session`` sets it,
under ``spark-submit`` too; it needs newsgraph installed on the executors, as the analysis does),
the daemon loads the default pipeline once, analyses one short article so that what components load
on first use is loaded too, moves all of it out of the garbage collector's sight (``gc.freeze``), and
then serves exactly as PySpark's own daemon does: workers are forked ready, and share those pages
with it.
"""

from __future__ import annotations

import gc

from pyspark import daemon

from newsgraph.pipeline import DEFAULT_MODEL, analyze_batch, pipeline_with_dictionaries

__all__ = ["preload"]

WARM_UP = {"id": "warm-up", "published": "2020-03-05",
           "text": 'The minister met officials from Kenya in Nairobi on Tuesday. "We agreed on $25 million '
                   'of aid," Anna Berg said. Police arrested 12 protesters in Paris last week.'}  # fmt: skip


def preload() -> None:
    """Load the pipeline a job with default settings uses (``JobSettings()``), and warm it up."""
    nlp = pipeline_with_dictionaries(DEFAULT_MODEL, None, True)
    analyze_batch(nlp, [WARM_UP])
    # Out of the collector's sight: a worker's collections then do not walk the pipeline's objects
    # (which costs CPU and, by writing to their pages, copies the pages it shares with the daemon).
    gc.collect()
    gc.freeze()


if __name__ == "__main__":
    preload()  # before the daemon writes its port: the executor waits for it, then forks from here
    daemon.manager()
