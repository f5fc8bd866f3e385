"""Places: place names found in the text and geocoded offline.

``component`` is the ``newsgraph_places`` spaCy component; ``gazetteer``, ``names`` and
``resolve`` are pure modules (the gazetteer, name keys, disambiguation).
"""

__all__: list[str] = []  # the modules are imported by name: importing the package loads none of them
