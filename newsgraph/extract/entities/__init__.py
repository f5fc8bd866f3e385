"""Entities: names clustered with their nominal mentions and pronouns, roles and countries.

``component`` is the ``newsgraph_entities`` spaCy component; ``coref`` resolves pronouns.
"""

__all__: list[str] = []  # the modules are imported by name: importing the package loads none of them
