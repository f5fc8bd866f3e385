"""newsgraph's spaCy components, one subpackage each. ``newsgraph.pipeline`` imports them, which
registers their factories; importing this package alone loads nothing."""

import importlib

__all__ = ["COMPONENT_MODULES", "register_factories"]

COMPONENT_MODULES = ("entities", "places", "dates", "quantities", "quotes", "events", "tone", "themes", "summary")


def register_factories() -> None:
    """Import every component module so that its ``@Language.factory`` is registered."""
    for name in COMPONENT_MODULES:
        importlib.import_module(f"newsgraph.extract.{name}.component")
