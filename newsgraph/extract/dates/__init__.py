"""Dates: time expressions normalized to TIMEX3 values against the publication date.

``component`` is the ``newsgraph_dates`` spaCy component; ``patterns`` finds candidates, ``values``
normalizes them and ``timex`` does calendar arithmetic on TIMEX3 values.
"""

__all__: list[str] = []  # the modules are imported by name: importing the package loads none of them
