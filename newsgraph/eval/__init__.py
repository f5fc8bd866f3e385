"""Gold-data readers and scorers behind ``newsgraph eval``."""
