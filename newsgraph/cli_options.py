"""Options shared by several commands, defined once: ``--db`` and the settings they fall back to."""

from __future__ import annotations

from typing import Any, Callable, Optional

import click

from newsgraph.settings import DEFAULT_DB, Settings

__all__ = ["db_option", "open_db", "settings_of"]


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
