"""`newsgraph eval coref` (being built)."""

from __future__ import annotations

import click


@click.command(name="coref")
def command() -> None:
    """Score the coref extractor against gold data."""
    raise click.ClickException("newsgraph eval coref is not built yet")
