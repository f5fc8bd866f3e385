"""Cross-article identity: a stage after ingest that groups per-article entities into corpus entities.

``resolver`` is pure (records in, groups out); ``builder`` writes the identity tables of a store.
"""
