"""`newsgraph eval timex` (being built: see the issue for its gold format and scores)."""

from __future__ import annotations

import click


@click.command(name="timex")
def command() -> None:
    """Score the timex extractor against gold data."""
    raise click.ClickException("newsgraph eval timex is not built yet")
