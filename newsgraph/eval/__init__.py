"""Gold-data readers and scorers behind ``newsgraph eval``."""

__all__: list[str] = []  # the modules are imported by name: importing the package loads none of them
