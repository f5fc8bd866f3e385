"""Every command is documented and has help; the public API is listed in __all__."""

from __future__ import annotations

from pathlib import Path

import click
import pytest

import newsgraph
from newsgraph.cli import cli

REPO = Path(__file__).resolve().parent.parent
DOCS = "\n".join(path.read_text("utf-8") for path in [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))])


def _commands(group: click.Group, prefix: str = "newsgraph"):
    context = click.Context(group)
    for name in group.list_commands(context):
        command = group.get_command(context, name)
        yield f"{prefix} {name}", command
        if isinstance(command, click.Group):
            yield from _commands(command, f"{prefix} {name}")


@pytest.mark.parametrize("name,command", list(_commands(cli)), ids=lambda value: str(value))
def test_command_is_documented_and_has_help(name, command):
    assert command.help, f"{name} has no help text"
    assert name in DOCS, f"{name} is not mentioned in README.md or docs/"


def test_all_is_sorted_and_complete():
    assert newsgraph.__all__ == sorted(newsgraph.__all__)
    for name in newsgraph.__all__:
        assert hasattr(newsgraph, name)


def test_pipeline_components_declare_what_they_need(nlp):
    problems = nlp.analyze_pipes()["problems"]
    assert all(not found for found in problems.values()), problems
