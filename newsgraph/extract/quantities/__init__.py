"""Quantities: numbers with their units, approximations, bounds and what they count.

``component`` is the ``newsgraph_quantities`` spaCy component; ``units`` holds the unit lexicon;
number words are parsed by :mod:`newsgraph.extract._numbers`.
"""

__all__: list[str] = []  # the modules are imported by name: importing the package loads none of them
