"""Commands of newsgraph.ingest."""

from __future__ import annotations

import click


def register(cli: click.Group) -> None:
    """Add this package's commands to the ``newsgraph`` group."""
