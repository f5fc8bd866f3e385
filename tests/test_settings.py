"""One frozen Settings object, built by the root command, read by every subcommand."""

from __future__ import annotations

import dataclasses

import click
import pytest
from click.testing import CliRunner

from newsgraph.cli_options import db_option, dictionary_options, settings_of
from newsgraph.settings import DEFAULT_DB, Settings


def test_settings_are_frozen_and_changed_by_copy():
    settings = Settings()
    with pytest.raises(dataclasses.FrozenInstanceError):
        settings.db = "other.db"  # type: ignore[misc]
    changed = settings.but(db="other.db", dictionaries=None)
    assert (changed.db, changed.dictionaries, settings.db) == ("other.db", None, DEFAULT_DB)


def test_settings_come_from_the_environment():
    settings = Settings.from_env({"NEWSGRAPH_DB": "postgresql://me@host/news", "NEWSGRAPH_DICTIONARIES": "/dicts"})
    assert (settings.db, settings.dictionaries) == ("postgresql://me@host/news", "/dicts")
    assert Settings.from_env({}) == Settings()


@click.group()
@click.pass_context
def root(ctx: click.Context) -> None:
    ctx.obj = Settings(db="from-root.db", dictionaries="/from/root")


@root.command()
@db_option
@dictionary_options(must_exist=False)
def show(db: str, dictionaries: str, no_dictionaries: bool) -> None:
    click.echo(f"{db} {dictionaries} {no_dictionaries} {settings_of(click.get_current_context()).db}")


def test_options_fall_back_to_the_root_settings_and_override_them():
    runner = CliRunner()
    assert runner.invoke(root, ["show"]).output.split() == ["from-root.db", "/from/root", "False", "from-root.db"]
    given = runner.invoke(root, ["show", "--db", "given.db", "--dictionaries", "/given", "--no-dictionaries"])
    assert given.output.split() == ["given.db", "/given", "True", "from-root.db"]


def test_the_newsgraph_command_reads_its_store_from_the_environment(tmp_path):
    from newsgraph.cli import cli

    path = str(tmp_path / "env.db")
    result = CliRunner().invoke(cli, ["failures"], env={"NEWSGRAPH_DB": path})
    assert result.exit_code == 1 and f"no store at {path}" in result.output  # it looked where the variable said
