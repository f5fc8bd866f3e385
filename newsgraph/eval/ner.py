"""`newsgraph eval ner` (being built)."""

from __future__ import annotations

import click


@click.command(name="ner")
def command() -> None:
    """Score the ner extractor against gold data."""
    raise click.ClickException("newsgraph eval ner is not built yet")
