"""The file to hand to ``spark-submit``: ``spark-submit newsgraph/spark/submit.py INPUTS... --out DIR``
takes the options of ``newsgraph spark``. (Kept apart from :mod:`newsgraph.spark.job`, which the
command imports, so that the two never import each other.)"""

from __future__ import annotations

import os
import sys
from typing import Optional

from newsgraph.spark.cli import spark_command

__all__ = ["main"]


def main(argv: Optional[list[str]] = None) -> None:
    """``spark-submit submit.py INPUTS... --out DIR``: the options of ``newsgraph spark``."""
    spark_command.main(args=argv, prog_name="newsgraph-spark")


if __name__ == "__main__":
    # Run as a file (spark-submit), this folder is first on sys.path; drop it so that its module
    # names cannot shadow installed packages of the same name.
    sys.path[:] = [entry for entry in sys.path if os.path.abspath(entry or ".") != os.path.dirname(os.path.abspath(__file__))]
    main()
