"""`newsgraph eval geo` (being built: see the issue for its gold format and scores)."""

from __future__ import annotations

import click


@click.command(name="geo")
def command() -> None:
    """Score the geo extractor against gold data."""
    raise click.ClickException("newsgraph eval geo is not built yet")
