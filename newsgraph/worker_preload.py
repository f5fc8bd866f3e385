"""Imported once by the fork server that analysis workers are forked from (``newsgraph.workers``).

Loading the default pipeline here, and analysing one short article so that what components load
on first use (the language check's word lists, the gazetteer, the date tables) is loaded too,
means every worker starts ready, sharing that memory with the others instead of loading its own.
"""

from newsgraph.pipeline import analyze, load_pipeline

__all__ = ["PIPELINE"]

WARM_UP_TEXT = (
    'The minister met officials from Kenya in Nairobi on Tuesday, March 3, 2020. "We agreed on '
    '$25 million of aid," Anna Berg said. Police arrested 12 protesters in Paris last week.'
)

PIPELINE = load_pipeline()
analyze(WARM_UP_TEXT, published="2020-03-05", nlp=PIPELINE)
