"""The ``newsgraph serve`` command: the API and web pages on uvicorn."""

from __future__ import annotations

import os
from typing import Any

import click

from newsgraph.cli_options import db_option, open_db

LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")


@click.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535), help="Port.")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Server processes (each opens the store).")
@click.option("--cache/--no-cache", default=True, show_default=True,
              help="Keep answers until the store changes (checked every second).")
def serve(db: str, host: str, port: int, workers: int, cache: bool) -> None:
    """Serve the web pages and the JSON API over a store.

    Read-only unless NEWSGRAPH_TOKEN is set: then POST /api/articles stores articles for requests
    carrying "Authorization: Bearer <token>". API documentation at /docs and /openapi.json.

    \b
    Example:
        newsgraph ingest examples/ --db newsgraph.db
        newsgraph serve --db newsgraph.db        # then open http://127.0.0.1:8000/
    """
    import uvicorn  # lazy: only this command needs the server

    from newsgraph.api.app import TOKEN_ENV

    db_url = db
    if not os.path.exists(db_url) and "://" not in db_url:
        raise click.ClickException(f"no store at {db_url}: make one with `newsgraph ingest FILES --db {db_url}`")
    if host not in LOCAL_HOSTS:
        click.echo(f"warning: listening on {host}, not only this machine: anyone who can reach it can read the store",
                   err=True)
    _warn_if_identity_stale(db_url)
    writes = "writes enabled (token set)" if os.environ.get(TOKEN_ENV) else f"read-only (set {TOKEN_ENV} to enable writes)"
    click.echo(f"newsgraph: serving {db_url} on http://{host}:{port}/ ({writes})", err=True)
    os.environ["NEWSGRAPH_SERVE_DB"] = db_url
    os.environ["NEWSGRAPH_SERVE_CACHE"] = "1" if cache else "0"
    # Keep idle connections a minute: a client reusing one the server has just closed gets an error.
    uvicorn.run("newsgraph.api.cli:app_from_environment", factory=True, host=host, port=port, workers=workers,
                log_level="warning", timeout_keep_alive=65)


def _warn_if_identity_stale(db_url: str) -> None:
    """The server only reads: say so when the entities across articles are behind the stored ones."""
    from newsgraph.identity.builder import is_stale  # lazy: `newsgraph --help` stays quick

    with open_db(db_url) as store:
        if is_stale(store):
            click.echo("warning: entities were stored since the identity was built; entity pages and filters miss "
                       f"them until `newsgraph identity rebuild --db {db_url}`", err=True)


def app_from_environment() -> Any:
    """The application for uvicorn's factory mode (one per worker process)."""
    from newsgraph.api.app import create_app

    return create_app(os.environ["NEWSGRAPH_SERVE_DB"], cache=os.environ.get("NEWSGRAPH_SERVE_CACHE") != "0")


def register(cli: click.Group) -> None:
    cli.add_command(serve)
