"""``newsgraph eval``: one subcommand per gold format, each defined in its own module.

The modules load spaCy and gold readers, so they are imported only when their subcommand runs:
other commands start without them.
"""

from __future__ import annotations

import importlib
from typing import Optional

import click

# Each module defines ``command``, a click command named after what it scores.
EVAL_MODULES = ("ner", "coref", "quotes", "timex", "quantities", "geo", "events", "themes", "meantime")


class _LazyEvalGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(EVAL_MODULES)

    def get_command(self, ctx: click.Context, name: str) -> Optional[click.Command]:
        if name not in EVAL_MODULES:
            return None
        return importlib.import_module(f"newsgraph.eval.{name}").command


@click.group(name="eval", cls=_LazyEvalGroup)
def eval_group() -> None:
    """Score newsgraph against gold data (accuracy figures for docs/benchmarks.md)."""


def register(cli: click.Group) -> None:
    cli.add_command(eval_group)
