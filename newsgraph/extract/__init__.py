"""newsgraph's spaCy components, one subpackage each. ``newsgraph.pipeline`` imports them, which
registers their factories; importing this package alone loads nothing."""

COMPONENT_MODULES = ("entities", "places", "dates", "quantities", "quotes", "events")


def register_factories() -> None:
    """Import every component module so that its ``@Language.factory`` is registered."""
    import importlib

    for name in COMPONENT_MODULES:
        importlib.import_module(f"newsgraph.extract.{name}.component")
