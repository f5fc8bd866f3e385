"""Quotations: direct, partial and indirect, with speaker, cue and medium.

``component`` is the thin ``newsgraph_quotes`` spaCy component over pure modules: ``marks`` pairs
quotation marks, ``cues`` holds the reporting-verb and medium lexicons, ``article`` indexes a
parsed Doc, ``attribution`` and ``speakers`` find cues and speakers, ``direct`` and ``reported``
the two kinds of quote, ``finder`` puts them together.
"""

__all__: list[str] = []  # the modules are imported by name: importing the package loads none of them
