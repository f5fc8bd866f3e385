"""Summary: the three sentences that best stand for an article, in article order.

``rank`` scores sentences by centrality (how much of the article's vocabulary they share) and
position (news puts the point first), with a bonus for sentences that quote someone or report an
event; ``component`` is the ``newsgraph_summary`` spaCy component.
"""

from newsgraph.extract.summary.rank import SentenceFeatures, summarize

__all__ = ["SentenceFeatures", "summarize"]
