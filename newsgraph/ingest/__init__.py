"""Reading articles: files, HTML, JSONL/CSV, WARC, feeds and URLs (``readers``), and the batch run
that analyses and stores them (``run``). Importing this package loads no model."""

__all__: list[str] = []  # the modules are imported by name: importing the package loads none of them
