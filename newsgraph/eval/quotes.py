"""`newsgraph eval quotes` (being built: see the issue for its gold format and scores)."""

from __future__ import annotations

import click


@click.command(name="quotes")
def command() -> None:
    """Score the quotes extractor against gold data."""
    raise click.ClickException("newsgraph eval quotes is not built yet")
