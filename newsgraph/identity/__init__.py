"""Cross-article identity: a stage after ingest that groups per-article entities into corpus entities.

``resolver`` is pure (records in, groups out); ``builder`` writes the identity tables of a store.
"""

__all__: list[str] = []  # the modules are imported by name: importing the package loads none of them
