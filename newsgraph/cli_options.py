"""Options shared by several commands, defined once: ``--db`` and the settings they fall back to."""

from __future__ import annotations

from typing import Any, Callable, Optional

import click

from newsgraph.settings import DEFAULT_DB, Settings

__all__ = ["db_option", "dictionary_options", "open_db", "settings_of"]


def settings_of(ctx: Optional[click.Context]) -> Settings:
    """The settings the root ``newsgraph`` group built (or fresh ones from the environment)."""
    root = ctx.find_root() if ctx is not None else None
    if root is not None and isinstance(root.obj, Settings):
        return root.obj
    return Settings.from_env()


def _db_or_setting(ctx: click.Context, _param: click.Parameter, value: Optional[str]) -> str:
    return value or settings_of(ctx).db


def db_option(function: Callable[..., Any]) -> Callable[..., Any]:
    """``--db URL``: the store, defaulting to the settings' (``NEWSGRAPH_DB``, else newsgraph.db)."""
    return click.option(
        "--db", "db", default=None, callback=_db_or_setting, metavar="URL",
        help=f"Store: a SQLite file or postgresql://user@host/db.  [default: $NEWSGRAPH_DB or {DEFAULT_DB}]",
    )(function)


def open_db(db: str) -> Any:
    """The store at ``db``, or a clear command-line error naming it (a bad URL, an unreachable server)."""
    from newsgraph.store import open_store  # lazy: `newsgraph --help` stays quick

    try:
        return open_store(db)
    except Exception as error:  # whatever the driver raises, the user needs the store's name and the reason
        raise click.ClickException(f"cannot open the store {db!r}: {error}") from error


def _dictionaries_or_setting(ctx: click.Context, _param: click.Parameter, value: Optional[str]) -> Optional[str]:
    return value or settings_of(ctx).dictionaries


def dictionary_options(must_exist: bool = True) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """``--dictionaries DIR`` and ``--no-dictionaries``, for every command that codes events.

    DIR defaults to the settings' (``NEWSGRAPH_DICTIONARIES``); ``must_exist=False`` for paths only
    the workers can read (a Spark cluster's filesystem).
    """
    def decorate(function: Callable[..., Any]) -> Callable[..., Any]:
        function = click.option(
            "--no-dictionaries", "no_dictionaries", is_flag=True,
            help="Without the shipped PETRARCH/Phoenix dictionaries: newsgraph's lexicon and entity-derived "
                 "actors only; with --dictionaries, that folder alone.",
        )(function)
        return click.option(
            "--dictionaries", default=None, callback=_dictionaries_or_setting, metavar="DIR",
            type=click.Path(exists=True, file_okay=False) if must_exist else str,
            help="Code events with the PETRARCH-format verb, actor and agent dictionaries in this folder, on top "
                 "of the shipped ones.  [default: $NEWSGRAPH_DICTIONARIES]",
        )(function)

    return decorate
