"""Quotations: direct, partial and indirect, with speaker, cue and medium.

``component`` is the ``newsgraph_quotes`` spaCy component; ``marks`` pairs quotation marks and
``cues`` holds the reporting-verb and medium lexicons.
"""

__all__: list[str] = []  # the modules are imported by name: importing the package loads none of them
