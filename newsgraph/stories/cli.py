"""Commands of newsgraph.stories: ``stories`` (list, build, split, merge), ``claims`` and ``reused-quotes``."""

from __future__ import annotations

import functools
import json
from typing import Any, Callable, Optional

import click

from newsgraph.cli_options import db_option, open_db


def _lookup_errors(function: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return function(*args, **kwargs)
        except (LookupError, ValueError) as error:
            raise click.ClickException(error.args[0] if error.args else str(error)) from error

    return wrapper


@click.group(invoke_without_command=True)
@click.option("--since", help="First seen on or after this date (YYYY, YYYY-MM or YYYY-MM-DD).")
@click.option("--until", help="First seen on or before this date.")
@click.option("--min-articles", default=2, show_default=True, help="Only stories with at least this many articles.")
@click.option("--limit", default=20, show_default=True, help="How many stories.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line: id, articles, sources, first_seen, reasons.")
@db_option
@click.pass_context
@_lookup_errors
def stories(ctx: click.Context, since: Optional[str], until: Optional[str], min_articles: int, limit: int,
            as_json: bool, db: str) -> None:
    """Stories: the reports of one happening across articles and sources, largest first.

    \b
    Example:
        newsgraph stories --min-articles 3
        newsgraph stories --json > stories.jsonl
        newsgraph stories build
        newsgraph stories split S1a2b3c4d5e6 --article reuters-977
    """
    if ctx.invoked_subcommand:
        return
    from newsgraph.query.stories import find_stories
    from newsgraph.stories import builder

    with open_db(db) as store:
        rows = find_stories(store, since=since, until=until, min_articles=min_articles, limit=limit)
        totals = builder.counts(store)
    if as_json:
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False))
        return
    click.echo(f"{totals['stories']:,} unique stories in {totals['articles']:,} articles")
    for row in rows:
        click.echo(f"{row['id']}  {row['first_seen'] or '?':<10}  {len(row['articles']):>3} articles, "
                   f"{len(row['sources']):>2} sources  {(row['title'] or '')[:70]}")


@stories.command("build")
@click.option("--rebuild", is_flag=True, help="Start over (users' merges and splits are replayed).")
@db_option
def stories_build(rebuild: bool, db: str) -> None:
    """Put the articles no story holds yet into stories (`newsgraph ingest` does this after storing)."""
    from newsgraph.stories import builder

    with open_db(db) as store:
        result = builder.build(store, rebuild=rebuild)
    click.echo(f"{result['articles_added']:,} articles placed, {result['stories_touched']:,} stories touched; "
               f"{result['stories']:,} stories in all ({result['seconds']} s)")


@stories.command("split")
@click.argument("story_id")
@click.option("--article", "article_ids", multiple=True, required=True, help="An article to take out (repeatable).")
@db_option
@_lookup_errors
def stories_split(story_id: str, article_ids: tuple[str, ...], db: str) -> None:
    """Take articles out of a story into a story of their own; kept across rebuilds."""
    from newsgraph.stories import builder

    with open_db(db) as store:
        new_id = builder.split(store, story_id, list(article_ids))
    click.echo(f"split off {new_id}: {len(article_ids)} articles")


@stories.command("merge")
@click.argument("story_ids", nargs=-1, required=True)
@db_option
@_lookup_errors
def stories_merge(story_ids: tuple[str, ...], db: str) -> None:
    """Merge stories into the first one given; kept across rebuilds."""
    if len(story_ids) < 2:
        raise click.UsageError("give at least two stories to merge")
    from newsgraph.stories import builder

    with open_db(db) as store:
        kept = builder.merge(store, list(story_ids))
    click.echo(f"merged into {kept}")


@click.command()
@click.option("--disagree", is_flag=True, help="Only claims whose values differ between outlets.")
@click.option("--min-outlets", default=2, show_default=True, help="Claims made by at least this many outlets.")
@click.option("--limit", default=20, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per claim: what, each value with its evidence.")
@db_option
def claims(disagree: bool, min_outlets: int, limit: int, as_json: bool, db: str) -> None:
    """Numeric claims compared across outlets: what is counted, each outlet's value, who said it first.

    \b
    Example:
        newsgraph claims --disagree
        newsgraph claims --json
    """
    from newsgraph.query.stories import find_claims

    with open_db(db) as store:
        rows = find_claims(store, disagree=disagree, min_outlets=min_outlets, limit=limit)
    for row in rows:
        if as_json:
            click.echo(json.dumps(row, ensure_ascii=False))
            continue
        values = "; ".join(f"{_value(v['value'])} ({v['outlet'] or v['article_id']}, {v['published'] or '?'})"
                           for v in row["values"][:6])
        flag = "DIFFER" if row["disagree"] else "agree"
        click.echo(f"{flag:<7} {row['what']} [{row['unit'] or 'count'}]: {values}")


def _value(value: object) -> str:
    if isinstance(value, list):
        return f"{value[0]:,.10g}-{value[1]:,.10g}"
    return f"{value:,.10g}" if isinstance(value, (int, float)) else str(value)


@click.command("reused-quotes")
@click.option("--speaker", help="Only quotes by this speaker (part of the name).")
@click.option("--limit", default=20, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per quote: first report and every outlet's wording.")
@db_option
def reused_quotes(speaker: Optional[str], limit: int, as_json: bool, db: str) -> None:
    """Quotes found in several articles, traced to their earliest report.

    \b
    Example:
        newsgraph reused-quotes --speaker Khamenei
    """
    from newsgraph.query.stories import reused_quotes as find_reused

    with open_db(db) as store:
        rows = find_reused(store, speaker=speaker, limit=limit)
    for row in rows:
        if as_json:
            click.echo(json.dumps(row, ensure_ascii=False))
            continue
        first = row["first"]
        click.echo(f"{row['speaker'] or '?'}: \u201c{row['text'][:90]}\u201d first in {first['article_id']} "
                   f"({first['outlet'] or '?'}, {first['published'] or '?'}), {len(row['reports'])} reports")


def register(cli: click.Group) -> None:
    """Add this package's commands to the ``newsgraph`` group."""
    for command in (stories, claims, reused_quotes):
        cli.add_command(command)
