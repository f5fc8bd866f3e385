"""``newsgraph eval``: one subcommand per gold format, each defined in its own module."""

from __future__ import annotations

import importlib

import click

# Each module defines ``command``, a click command named after what it scores.
EVAL_MODULES = ("ner", "coref", "quotes", "timex", "quantities", "geo", "events")


@click.group(name="eval")
def eval_group() -> None:
    """Score newsgraph against gold data (accuracy figures for docs/benchmarks.md)."""


def register(cli: click.Group) -> None:
    for name in EVAL_MODULES:
        eval_group.add_command(importlib.import_module(f"newsgraph.eval.{name}").command)
    cli.add_command(eval_group)
