"""newsgraph.export: analyses as JSONL, Parquet tables, and GDELT GKG 2.1 / Events 2.0 / Mentions files.

    >>> from newsgraph.export import export
    >>> export(store, "gkg", "out.gkg.csv", since="1987-03-01")
"""

from newsgraph.export.run import FORMATS, export, select_ids

__all__ = ["FORMATS", "export", "select_ids"]
