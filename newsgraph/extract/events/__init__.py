"""CAMEO event coding: the codebook, newsgraph's verb lexicon, actor coding, PETRARCH dictionaries.

Users of PETRARCH or Phoenix code with their own dictionaries::

    from newsgraph.pipeline import load_pipeline
    from newsgraph.extract.events import use_dictionaries

    nlp = load_pipeline()
    use_dictionaries(nlp, "path/to/dictionaries")
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Optional, Union

from newsgraph.extract.events.codebook import EventType, agent_codes, event_type, plover_category
from newsgraph.extract.events.dictionaries import Dictionaries, load_dictionaries


def use_dictionaries(nlp: Any, directory: Optional[Union[str, Path]], *, include: Optional[str] = None) -> Optional[Dictionaries]:
    """Make the pipeline's ``newsgraph_events`` component code with PETRARCH dictionaries.

    Args:
        nlp: a pipeline from :func:`newsgraph.pipeline.load_pipeline`.
        directory: folder of PETRARCH-format verb/actor/agent/discard files; None goes back to
            newsgraph's own lexicon.
        include: only files whose name contains this text.
    Returns:
        The loaded dictionaries (None when reset). Raises ``InputFormatError`` for a bad folder.
    """
    dictionaries = load_dictionaries(directory, include=include) if directory is not None else None
    nlp.get_pipe("newsgraph_events").use_dictionaries(dictionaries)
    return dictionaries


__all__ = ["Dictionaries", "EventType", "agent_codes", "event_type", "load_dictionaries", "plover_category", "use_dictionaries"]
