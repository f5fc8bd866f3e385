"""Commands of newsgraph.export: ``newsgraph export FORMAT --out PATH [filters]``."""

from __future__ import annotations

from typing import Optional

import click

from newsgraph.cli_options import db_option, open_db
from newsgraph.export.run import FORMATS
from newsgraph.query.cli import store_errors


@click.command()
@click.argument("fmt", metavar="FORMAT", type=click.Choice(FORMATS))
@click.option("--out", "out_path", required=True, help="Output file (a directory for parquet).")
@click.option("--since", help="Articles published on or after (YYYY-MM-DD).")
@click.option("--until", help="Articles published on or before (YYYY-MM-DD).")
@click.option("--source", help="Articles of this source only.")
@click.option("--search", "search_text", help="Articles matching these words (full-text search).")
@click.option("--entity", help="Articles mentioning this entity (name, alias or corpus id).")
@click.option("--canonical/--exact", default=True, show_default=True,
              help="events/mentions: one Events row per canonical event (one happening told by many articles), "
                   "or one per exact day, actors, code and place.")
@db_option
@store_errors
def export(fmt: str, out_path: str, since: Optional[str], until: Optional[str], source: Optional[str],
           search_text: Optional[str], entity: Optional[str], canonical: bool, db: str) -> None:
    """Export stored articles: jsonl, parquet, or GDELT gkg / events / mentions.

    \b
    Example:
        newsgraph export jsonl --out analyses.jsonl --since 1987-03-01 --until 1987-03-31
        newsgraph export parquet --out facts/
        newsgraph export gkg --out newsgraph.gkg.csv --entity Khamenei
        newsgraph export events --out newsgraph.export.CSV
        newsgraph export mentions --out newsgraph.mentions.CSV
    """
    from newsgraph.export.run import export as run_export

    with open_db(db) as store:
        counts = run_export(store, fmt, out_path, since=since, until=until, source=source,
                            search=search_text, entity=entity, canonical=canonical)
    summary = ", ".join(f"{count} {name}" for name, count in counts.items())
    click.echo(f"wrote {out_path}: {summary}", err=True)


def register(cli: click.Group) -> None:
    """Add this package's commands to the ``newsgraph`` group."""
    cli.add_command(export)
