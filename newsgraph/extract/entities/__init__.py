"""Entities: names clustered with their nominal mentions and pronouns, roles and countries.

``component`` is the ``newsgraph_entities`` spaCy component; ``coref`` resolves pronouns.
"""
