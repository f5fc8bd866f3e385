"""`newsgraph eval events` (being built: see the issue for its gold format and scores)."""

from __future__ import annotations

import click


@click.command(name="events")
def command() -> None:
    """Score the events extractor against gold data."""
    raise click.ClickException("newsgraph eval events is not built yet")
