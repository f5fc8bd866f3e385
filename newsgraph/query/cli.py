"""Commands of newsgraph.query: entities, entity, quotes, events, search, show."""

from __future__ import annotations

import functools
from typing import Any, Callable, Optional

import click

from newsgraph.cli_options import db_option, open_db

ENTITY_COLUMNS = ("id", "name", "type", "country", "role", "articles", "mentions", "article_id", "start", "end")
QUOTE_COLUMNS = ("published", "speaker", "text", "article_id", "start", "end")
EVENT_COLUMNS = ("date", "code", "source_code", "source_name", "target_code", "target_name", "place", "article_id", "start", "end")
CANONICAL_EVENT_COLUMNS = ("first_day", "code", "source_code", "target_code", "place", "num_mentions",
                           "num_articles", "num_sources", "id")
SEARCH_COLUMNS = ("kind", "published", "title", "text", "article_id", "start", "end")
ARTICLE_COLUMNS = ("published", "source", "title", "tone", "article_id", "summary")
THEMED_ARTICLE_COLUMNS = ("published", "theme", "score", "tone", "title", "article_id", "start", "end", "evidence")


def output_options(function: Callable) -> Callable:
    """--json / --csv, shared by every query command."""
    function = click.option("--csv", "as_csv", is_flag=True, help="Print CSV.")(function)
    return click.option("--json", "as_json", is_flag=True, help="Print JSON.")(function)


def _format(as_json: bool, as_csv: bool) -> str:
    if as_json and as_csv:
        raise click.UsageError("give --json or --csv, not both")
    return "json" if as_json else "csv" if as_csv else "table"


def store_errors(function: Callable) -> Callable:
    """Library errors (unknown name, bad date) become clear CLI errors."""

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return function(*args, **kwargs)
        except (LookupError, ValueError) as error:
            raise click.ClickException(error.args[0] if error.args else str(error)) from error

    return wrapper


def _emit(rows: list[dict[str, Any]], fmt: str, columns: tuple[str, ...]) -> None:
    from newsgraph.query.output import render

    click.echo(render(rows, fmt, None if fmt == "json" else columns))


@click.group(invoke_without_command=True)
@click.option("--type", "entity_type", help="Only this type: PERSON, ORG, GPE, LOC, NORP, ...")
@click.option("--country", help="Only entities of this country (ISO 3166 alpha-3, e.g. IRN).")
@click.option("--top", default=20, show_default=True, help="How many entities.")
@db_option
@output_options
@click.pass_context
@store_errors
def entities(ctx: click.Context, entity_type: Optional[str], country: Optional[str], top: int, db: str,
             as_json: bool, as_csv: bool) -> None:
    """The most-mentioned entities across articles (one row per corpus-level entity).

    \b
    Example:
        newsgraph entities --type PERSON --top 10
        newsgraph entities merge "Ali Khamenei" Q1a2b3c4d5e
        newsgraph entities split "Mahdi" --article reuters-1234
    """
    if ctx.invoked_subcommand:
        return
    from newsgraph.query.queries import top_entities

    with open_db(db) as store:
        _warn_if_stale(store)
        rows = top_entities(store, type=entity_type, country=country, top=top)
    _emit(rows, _format(as_json, as_csv), ENTITY_COLUMNS)


@entities.command("merge")
@click.argument("names", nargs=-1, required=True)
@db_option
@store_errors
def entities_merge(names: tuple[str, ...], db: str) -> None:
    """Merge corpus entities (ids or names) into one; kept across rebuilds.

    \b
    Example:
        newsgraph entities merge Q3d698f21a6 Q0f82610099
    """
    if len(names) < 2:
        raise click.UsageError("give at least two entities to merge")
    from newsgraph.identity.builder import merge

    with open_db(db) as store:
        entity = merge(store, list(names))
    click.echo(f"merged into {entity['id']}: {entity['name']} ({entity['type']}), {entity['articles']} articles")


@entities.command("split")
@click.argument("name")
@click.option("--article", "article_ids", multiple=True, help="Take out the members in this article (repeatable).")
@click.option("--name", "member_name", help="Take out the members called this.")
@db_option
@store_errors
def entities_split(name: str, article_ids: tuple[str, ...], member_name: Optional[str], db: str) -> None:
    """Take some members of a corpus entity out into an entity of their own; kept across rebuilds.

    \b
    Example:
        newsgraph entities split Q3d698f21a6 --name Mahdi
    """
    if not article_ids and not member_name:
        raise click.UsageError("say which members to take out: --article ID or --name NAME")
    from newsgraph.identity.builder import split

    with open_db(db) as store:
        entity = split(store, name, articles=article_ids, member_name=member_name)
    click.echo(f"split off {entity['id']}: {entity['name']} ({entity['type']}), {entity['articles']} articles")


@entities.command("members")
@click.argument("name")
@db_option
@output_options
@store_errors
def entities_members(name: str, db: str, as_json: bool, as_csv: bool) -> None:
    """The per-article entities a corpus entity groups: inspect a merge before correcting it."""
    from newsgraph.identity import builder as identity

    with open_db(db) as store:
        _warn_if_stale(store)
        with store.read() as conn:
            found = identity.find(conn, name)
            if not found:
                raise LookupError(f"no entity named {name!r}")
            rows = identity.members_of(conn, found[0]["id"])
    _emit(rows, _format(as_json, as_csv), ("article_id", "entity_id", "name", "type", "country", "role", "mention_count"))


@entities.command("resolve")
@db_option
def entities_resolve(db: str) -> None:
    """Rebuild the corpus-level entities now (the same as `newsgraph identity rebuild`)."""
    _rebuild_identity(db)


@click.group()
def identity() -> None:
    """Cross-article identity: the corpus-level entities built from every article's entities."""


@identity.command("rebuild")
@db_option
def identity_rebuild(db: str) -> None:
    """Rebuild the corpus-level entities from the stored entities and the corrections.

    `newsgraph ingest` does this after storing articles; run it after loading a store by other
    means, or to apply a newer identity resolver.

    \b
    Example:
        newsgraph identity rebuild --db newsgraph.db
    """
    _rebuild_identity(db)


def _rebuild_identity(db: str) -> None:
    from newsgraph.identity import builder

    with open_db(db) as store:
        count = builder.rebuild(store)
    click.echo(f"{count} corpus entities")


def _warn_if_stale(store: Any) -> None:
    """Queries only read: when entities were stored since the last identity build, say so."""
    from newsgraph.identity import builder

    if builder.is_stale(store):
        click.echo("note: articles were stored since the identity was built; "
                   "run `newsgraph identity rebuild` for up-to-date entities", err=True)


@click.command()
@click.argument("name")
@click.option("--limit", default=20, show_default=True, help="Rows per section.")
@db_option
@output_options
@store_errors
def entity(name: str, limit: int, db: str, as_json: bool, as_csv: bool) -> None:
    """One entity: roles, mentions by day, quotes by and about it, co-occurring entities, events.

    \b
    Example:
        newsgraph entity Khamenei
        newsgraph entity "Adel Abdul Mahdi" --json
    """
    from newsgraph.query.queries import entity_profile

    with open_db(db) as store:
        _warn_if_stale(store)
        profile = entity_profile(store, name, limit=limit)
    fmt = _format(as_json, as_csv)
    if fmt == "json":
        from newsgraph.query.output import to_json

        click.echo(to_json(profile))
        return
    if fmt == "csv":
        from newsgraph.query.output import to_csv

        click.echo(to_csv(_sections_flat(profile)).rstrip("\n"))
        return
    _print_profile(profile)


_SECTIONS = (
    ("roles", "Roles", ("role", "articles")),
    ("mentions_by_day", "Mentions by day", ("day", "mentions", "articles")),
    ("quotes_by", "Quotes by", QUOTE_COLUMNS),
    ("quotes_about", "Quotes about", QUOTE_COLUMNS),
    ("co_occurring", "Co-occurring entities", ("id", "name", "type", "articles")),
    ("events_as_source", "Events as source", EVENT_COLUMNS),
    ("events_as_target", "Events as target", EVENT_COLUMNS),
)


def _sections_flat(profile: dict[str, Any]) -> list[dict[str, Any]]:
    """The profile as one CSV table: a ``section`` column, then every section's columns."""
    columns = ["section", *dict.fromkeys(c for _, _, cols in _SECTIONS for c in cols)]
    rows = []
    for key, _, _ in _SECTIONS:
        for row in profile[key]:
            rows.append({column: (key if column == "section" else row.get(column)) for column in columns})
    return rows


def _print_profile(profile: dict[str, Any]) -> None:
    from newsgraph.query.output import table

    entity_row = profile["entity"]
    click.echo(f"{entity_row['name']}  ({entity_row['id']}, {entity_row['type']}, {entity_row['country'] or '-'})  "
               f"{entity_row['mentions']} mentions in {entity_row['articles']} articles")
    click.echo("Also known as: " + "; ".join(list(profile["aliases"])[:12]))
    if profile["also"]:
        click.echo("Other entities of that name: " + "; ".join(f"{r['name']} ({r['id']})" for r in profile["also"]))
    for key, title, columns in _SECTIONS:
        click.echo(f"\n{title}")
        click.echo(table(profile[key], columns))


@click.command()
@click.option("--speaker", help="Speaker: a name, an alias or a corpus entity id.")
@click.option("--search", "search_text", help="Words the quote must contain.")
@click.option("--medium", help="How the words were said: interview, tweet, press conference, ... (docs/quotes.md).")
@click.option("--since", help="Published on or after (YYYY-MM-DD).")
@click.option("--until", help="Published on or before (YYYY-MM-DD).")
@click.option("--limit", default=50, show_default=True)
@click.option("--offset", default=0, show_default=True, help="Rows to skip (the next page).")
@db_option
@output_options
@store_errors
def quotes(speaker: Optional[str], search_text: Optional[str], medium: Optional[str], since: Optional[str],
           until: Optional[str], limit: int, offset: int, db: str, as_json: bool, as_csv: bool) -> None:
    """Quotes, newest first.

    \b
    Example:
        newsgraph quotes --speaker Khamenei --since 2019-04-01
        newsgraph quotes --search "sanctions" --csv
    """
    from newsgraph.query.queries import find_quotes

    with open_db(db) as store:
        rows = find_quotes(store, speaker=speaker, q=search_text, medium=medium, since=since, until=until,
                           limit=limit, offset=offset)
    _emit(rows, _format(as_json, as_csv), QUOTE_COLUMNS)


@click.command()
@click.option("--actor", help="CAMEO actor code (IRN matches IRNGOV, ...) or a name; source or target.")
@click.option("--source", help="The same, as the source only.")
@click.option("--target", help="The same, as the target only.")
@click.option("--code", help="CAMEO event code; 04 matches 040, 042, ...")
@click.option("--root", help="CAMEO root code (two digits).")
@click.option("--quad-class", type=click.IntRange(1, 4), help="1 verbal cooperation ... 4 material conflict.")
@click.option("--since", help="On or after (YYYY-MM-DD).")
@click.option("--until", help="On or before (YYYY-MM-DD).")
@click.option("--limit", default=50, show_default=True)
@click.option("--offset", default=0, show_default=True, help="Rows to skip (the next page).")
@click.option("--canonical", is_flag=True,
              help="One row per happening (reports across articles merged), with mention, article and source counts.")
@db_option
@output_options
@store_errors
def events(actor: Optional[str], source: Optional[str], target: Optional[str], code: Optional[str],
           root: Optional[str], quad_class: Optional[int], since: Optional[str], until: Optional[str], limit: int,
           offset: int, canonical: bool, db: str, as_json: bool, as_csv: bool) -> None:
    """Events, newest first (with --canonical: one per happening, most-reported first).

    \b
    Example:
        newsgraph events --actor IRN --root 19 --since 2019-01-01 --until 2019-01-31
        newsgraph events --actor "Ali Khamenei" --json
        newsgraph events --canonical --root 04
    """
    if canonical:
        if source or target or quad_class or offset:
            raise click.UsageError("--source, --target, --quad-class and --offset do not apply to --canonical")
        from newsgraph.query.stories import find_canonical_events

        with open_db(db) as store:
            rows = find_canonical_events(store, root=root, actor=actor, since=since, until=until, limit=limit)
        _emit(rows, _format(as_json, as_csv), CANONICAL_EVENT_COLUMNS)
        return
    from newsgraph.query.queries import find_events

    with open_db(db) as store:
        rows = find_events(store, actor=actor, source=source, target=target, code=code, root=root,
                           quad_class=quad_class, since=since, until=until, limit=limit, offset=offset)
    _emit(rows, _format(as_json, as_csv), EVENT_COLUMNS)


@click.command()
@click.argument("text")
@click.option("--limit", default=20, show_default=True, help="Articles, and quotes, at most.")
@db_option
@output_options
@store_errors
def search(text: str, limit: int, db: str, as_json: bool, as_csv: bool) -> None:
    """Full-text search over articles and quotes; every word must match, "quoted phrases" as phrases.

    \b
    Example:
        newsgraph search "central bank"
    """
    from newsgraph.query.queries import search as run_search

    with open_db(db) as store:
        rows = run_search(store, text, limit=limit)
    _emit(rows, _format(as_json, as_csv), SEARCH_COLUMNS)


@click.command()
@click.argument("article_id")
@db_option
@output_options
@store_errors
def show(article_id: str, db: str, as_json: bool, as_csv: bool) -> None:
    """One article with its facts marked in the text: [Ali Khamenei]{1}, then what each mark is.

    \b
    Example:
        newsgraph show reuters-1234
    """
    from newsgraph.query.output import marked_text, render, to_json
    from newsgraph.query.queries import article, duplicate_of, fact_marks

    with open_db(db) as store:
        analysis = article(store, article_id)
        original = duplicate_of(store, article_id)
    marks = fact_marks(analysis)
    for number, mark in enumerate(marks, start=1):
        mark["n"] = number
        mark["text"] = analysis["article"]["text"][mark["start"]:mark["end"]]
    fmt = _format(as_json, as_csv)
    if fmt == "json":
        click.echo(to_json({"analysis": analysis, "marks": marks}))
        return
    if fmt == "csv":
        click.echo(render(marks, "csv", ("n", "kind", "label", "start", "end", "text")))
        return
    meta = analysis["article"]
    click.echo(f"{meta['id']}  {meta.get('published') or ''}  {meta.get('source') or ''}  {meta.get('title') or ''}".rstrip())
    if original:
        click.echo(f"(a copy of {original}: its facts are kept with the original, see `newsgraph show {original}`)")
    click.echo("")
    click.echo(marked_text(meta["text"], marks))
    click.echo("")
    click.echo(render(marks, "table", ("n", "kind", "label", "start", "end")))


@click.command(name="articles")
@click.option("--theme", help="Only articles with this theme (docs/themes.md), e.g. ECON_MERGERS; most about it first.")
@click.option("--tone-min", type=float, help="Tone at least this (GDELT scale, -100..100; news mostly -10..10).")
@click.option("--tone-max", type=float, help="Tone at most this.")
@click.option("--since", help="Published on or after (YYYY-MM-DD).")
@click.option("--until", help="Published on or before (YYYY-MM-DD).")
@click.option("--limit", default=50, show_default=True)
@db_option
@output_options
@store_errors
def articles_command(theme: Optional[str], tone_min: Optional[float], tone_max: Optional[float], since: Optional[str],
                     until: Optional[str], limit: int, db: str, as_json: bool, as_csv: bool) -> None:
    """Articles by theme and tone range, each with its summary (or its theme's first evidence).

    \b
    Example:
        newsgraph articles --theme ECON_MERGERS --since 1987-03
        newsgraph articles --tone-max -5 --json
    """
    from newsgraph.query.articles import find_articles

    with open_db(db) as store:
        rows = find_articles(store, theme=theme, tone_min=tone_min, tone_max=tone_max, since=since, until=until,
                             limit=limit)
    fmt = _format(as_json, as_csv)
    _emit(rows, fmt, THEMED_ARTICLE_COLUMNS if theme and fmt != "json" else ARTICLE_COLUMNS)


def register(cli: click.Group) -> None:
    """Add this package's commands to the ``newsgraph`` group."""
    for command in (entities, entity, identity, quotes, events, search, show, articles_command):
        cli.add_command(command)
