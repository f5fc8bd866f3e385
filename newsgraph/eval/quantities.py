"""`newsgraph eval quantities` (being built: see the issue for its gold format and scores)."""

from __future__ import annotations

import click


@click.command(name="quantities")
def command() -> None:
    """Score the quantities extractor against gold data."""
    raise click.ClickException("newsgraph eval quantities is not built yet")
