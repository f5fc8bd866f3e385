"""newsgraph: news articles into an evidence-first knowledge base.

Example:
    >>> import newsgraph
    >>> analysis = newsgraph.analyze(text, published="2019-04-07", source="RFE/RL")
    >>> analysis.to_dict()["entities"]

The pipeline (and spaCy with it) is imported on first use, so that commands which only query
a store start fast.
"""

from typing import Any

from newsgraph.errors import ArticleError, InputFormatError, NewsgraphError
from newsgraph.model import SCHEMA_VERSION, Analysis, Failure

_PIPELINE_NAMES = {"analyze", "analyze_many", "load_pipeline"}

__all__ = [
    "Analysis",
    "ArticleError",
    "Failure",
    "InputFormatError",
    "NewsgraphError",
    "SCHEMA_VERSION",
    "analyze",  # noqa: F822 - provided lazily by __getattr__
    "analyze_many",  # noqa: F822 - provided lazily by __getattr__
    "load_pipeline",  # noqa: F822 - provided lazily by __getattr__
]


def __getattr__(name: str) -> Any:
    if name in _PIPELINE_NAMES:
        from newsgraph import pipeline  # noqa: PLC0415 - lazy: `import newsgraph` loads no spaCy until analysis is asked for

        return getattr(pipeline, name)
    raise AttributeError(f"module 'newsgraph' has no attribute {name!r}")
