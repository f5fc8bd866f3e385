"""Commands of newsgraph.ingest: ``ingest`` and ``failures``."""

from __future__ import annotations

import json
import os
import sys
from typing import Any, Optional

import click

from newsgraph.cli_options import db_option, dictionary_options, open_db
from newsgraph.ingest.items import printable
from newsgraph.workers import DEFAULT_ARTICLE_TIMEOUT


def _parse_fields(values: tuple[str, ...]) -> dict[str, str]:
    from newsgraph.ingest.readers import ALIASES

    fields = {}
    for value in values:
        name, sep, column = value.partition("=")
        if not sep or name not in ALIASES or not column:
            raise click.BadParameter(f"{value!r}: use NAME=COLUMN with NAME one of {', '.join(ALIASES)}")
        fields[name] = column
    return fields


@click.command()
@click.argument("inputs", nargs=-1, required=True)
@db_option
@click.option("--processes", type=click.IntRange(min=1), help="Analysis worker processes.  [default: all cores; 1 for under 32 articles]")
@click.option("--follow", is_flag=True, help="Feeds: fetch each entry's linked page and read the article there.")
@click.option("--field", "fields", multiple=True, metavar="NAME=COLUMN",
              help="JSONL/CSV: the column holding NAME (id, text, title, published, url, source, language, author).")
@click.option("--source", help="Source name for articles that do not say theirs.")
@click.option("--max-bytes", default=20_000_000, show_default=True, help="Largest single page or text file read.")
@click.option("--timeout", default=20.0, show_default=True, help="HTTP timeout in seconds.")
@click.option("--retries", default=2, show_default=True, help="HTTP retries after a timeout or a 5xx/429.")
@click.option("--article-timeout", type=click.FloatRange(min=0, min_open=True), default=DEFAULT_ARTICLE_TIMEOUT,
              show_default=True, help="Seconds one article's analysis may take; one over it is stopped and recorded as failure 'timeout'.")
@click.option("--retry-failed", is_flag=True, help="Analyse again articles that ran over the time budget in an earlier run.")
@click.option("--summary/--no-summary", default=True, show_default=True, help="Print what the store holds at the end.")
@click.option("--progress/--no-progress", default=None, help="Progress bar.  [default: on a terminal]")
@dictionary_options()
def ingest(
    inputs: tuple[str, ...],
    db: str,
    processes: Optional[int],
    follow: bool,
    fields: tuple[str, ...],
    source: Optional[str],
    max_bytes: int,
    timeout: float,
    retries: int,
    article_timeout: float,
    retry_failed: bool,
    summary: bool,
    progress: Optional[bool],
    dictionaries: Optional[str],
    no_dictionaries: bool,
) -> None:
    """Read, analyse and store articles from files, directories and URLs.

    Reads text files (with front matter or a NAME.meta.json sidecar), HTML pages, JSONL/JSON/CSV
    dumps, WARC archives (Common Crawl News) and RSS/Atom feeds, by content. Articles already
    stored (same URL or text) are skipped before analysis, copies are linked to their original,
    and what cannot be read or analysed is listed by `newsgraph failures`. Interrupted, run the
    same command again to finish.

    \b
    Example:
        newsgraph ingest examples/ --db newsgraph.db
        newsgraph ingest dump.jsonl --field id=newid --field published=date --processes 2
        newsgraph ingest https://example.com/feed.xml --follow --db postgresql://me@localhost/news
    """
    from sqlalchemy.exc import SQLAlchemyError

    from newsgraph.identity import builder
    from newsgraph.ingest.readers import ReadOptions
    from newsgraph.ingest.report import run_line, store_summary
    from newsgraph.ingest.run import ingest as run_ingest
    from newsgraph.stories import builder as story_builder

    options = ReadOptions(_parse_fields(fields), follow, max_bytes, source, timeout, retries)
    store = open_db(db)
    show = sys.stderr.isatty() if progress is None else progress
    bar = _ProgressBar() if show else None
    skip = [db] if "://" not in db else []
    try:
        stats = run_ingest(inputs, store, processes=processes, options=options, progress=bar, skip_files=skip,
                           article_timeout=article_timeout, retry_failed=retry_failed,
                           dictionaries=dictionaries, default_dictionaries=not no_dictionaries)
    except KeyboardInterrupt:
        raise click.ClickException("interrupted: what was stored is kept; run the same command again to finish") from None
    except SQLAlchemyError as error:
        raise click.ClickException(f"the store failed: {error}; what was stored is kept, run again to finish") from error
    finally:
        if bar:
            bar.close()
    if stats.stored or stats.copies:
        builder.rebuild(store)  # identity is the stage after storing: corpus entities for the new articles
        story_builder.build(store)  # then stories, which read the corpus entities
    click.echo(run_line(stats))
    for origin, code, message in stats.failures[:10]:
        click.echo(f"  failed: {printable(origin)}: {code}: {printable(message)}", err=True)
    if len(stats.failures) > 10:
        click.echo(f"  ... and {len(stats.failures) - 10} more: see `newsgraph failures`", err=True)
    if summary:
        click.echo(store_summary(store))
    store.close()


class _ProgressBar:
    """A tqdm bar over the articles to analyse or store: count, rate, time left, and outcomes."""

    def __init__(self) -> None:
        from tqdm import tqdm

        self.bar = tqdm(total=0, unit=" articles", file=sys.stderr, dynamic_ncols=True)

    def __call__(self, stats: Any) -> None:
        if self.bar.total != stats.planned:
            self.bar.total = stats.planned
        self.bar.set_postfix(stored=stats.stored, copies=stats.copies, skipped=stats.skipped,
                             failed=stats.failed, refresh=False)  # fmt: skip
        self.bar.update(1)

    def close(self) -> None:
        self.bar.close()


@click.command()
@db_option
@click.option("--json", "as_json", is_flag=True, help="One JSON object a line instead of a table.")
@click.option("--code", help="Only failures with this code (e.g. empty_text, bad_record).")
def failures(db: str, as_json: bool, code: Optional[str]) -> None:
    """List what could not be read, analysed or stored, with where it came from and why.

    \b
    Example:
        newsgraph failures --db newsgraph.db
        newsgraph failures --code bad_record --json
    """
    if "://" not in db and not os.path.exists(db):
        raise click.ClickException(f"no store at {db}: run `newsgraph ingest ... --db {db}` first")
    store = open_db(db)
    rows = [row for row in store.failures() if code is None or row["code"] == code]
    store.close()
    for row in rows:
        if as_json:
            click.echo(json.dumps(row, ensure_ascii=False))
        else:
            item = f" [{printable(row['item'])}]" if row["item"] and row["item"] not in row["origin"] else ""
            click.echo(f"{printable(row['origin'])}{item}\t{row['stage']}\t{row['code']}\t{printable(row['message'])}")
    if not as_json:
        click.echo(f"{len(rows):,} failure{'' if len(rows) == 1 else 's'}", err=True)


def register(cli: click.Group) -> None:
    """Add this package's commands to the ``newsgraph`` group."""
    cli.add_command(ingest)
    cli.add_command(failures)
