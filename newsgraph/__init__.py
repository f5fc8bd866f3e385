"""newsgraph: news articles into an evidence-first knowledge base.

Example:
    >>> import newsgraph
    >>> analysis = newsgraph.analyze(text, published="2019-04-07", source="RFE/RL")
    >>> analysis.to_dict()["entities"]
"""

from newsgraph.errors import ArticleError, InputFormatError, NewsgraphError
from newsgraph.model import SCHEMA_VERSION, Analysis, Failure
from newsgraph.pipeline import analyze, analyze_many, load_pipeline

__all__ = [
    "Analysis",
    "ArticleError",
    "Failure",
    "InputFormatError",
    "NewsgraphError",
    "SCHEMA_VERSION",
    "analyze",
    "analyze_many",
    "load_pipeline",
]
