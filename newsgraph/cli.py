"""The ``newsgraph`` command: one click group, one subcommand per job."""

from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path
from typing import Any, Iterator, Optional, TextIO, Union

import click

from newsgraph.cli_options import dictionary_options
from newsgraph.errors import NewsgraphError
from newsgraph.ingest.items import printable
from newsgraph.model import Analysis, Failure
from newsgraph.settings import Settings
from newsgraph.workers import DEFAULT_ARTICLE_TIMEOUT

# Modules that add subcommands through a ``register(cli)`` function.
COMMAND_MODULES = (
    "newsgraph.eval.cli",
    "newsgraph.ingest.cli",
    "newsgraph.query.cli",
    "newsgraph.export.cli",
    "newsgraph.api.cli",
    "newsgraph.spark.cli",
    "newsgraph.stories.cli",
)


@click.group()
@click.version_option(package_name="newsgraph")
@click.pass_context
def cli(ctx: click.Context) -> None:
    """newsgraph: news articles into an evidence-first knowledge base."""
    ctx.obj = Settings.from_env()  # built once; subcommands read it through click's context


def read_jsonl_records(stream: TextIO, name: str) -> Iterator[Union[dict[str, Any], Failure]]:
    """Records of a JSONL stream. A line that is not a JSON object becomes a :class:`Failure` saying so,
    which the pipeline passes through in its place; a record without an id is named ``FILE:LINE``."""
    for number, line in enumerate(stream, start=1):
        if not line.strip():
            continue
        line_id = f"{name}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            yield Failure(id=line_id, code="bad_record", message=f"line {number} is not JSON: {error.msg}")
            continue
        if not isinstance(record, dict):
            yield Failure(id=line_id, code="bad_record", message=f"line {number} is not a JSON object")
            continue
        record.setdefault("id", line_id)
        yield record


@cli.command()
@click.argument("file", required=False)
@click.option("--jsonl", "jsonl_path", help="Analyse every record of a JSONL file ({id, text, published?, ...}).")
@click.option("--out", "out_path", help="With --jsonl: write analyses here instead of standard output.")
@click.option("--processes", default=1, show_default=True, help="With --jsonl: worker processes.")
@click.option("--published", help="Publication date, YYYY-MM-DD (relative dates anchor on it).")
@click.option("--source", help="Source name, e.g. Reuters.")
@click.option("--url", help="Article URL.")
@click.option("--title", help="Article title.")
@click.option("--id", "article_id", help="Article id (default: the file name without extension; for - a hash of the text).")
@click.option("--pretty", is_flag=True, help="Print a readable summary instead of JSON.")
@dictionary_options()
@click.option("--article-timeout", type=click.FloatRange(min=0, min_open=True), default=DEFAULT_ARTICLE_TIMEOUT,
              show_default=True, help="Seconds one article's analysis may take; one over it fails with 'timeout'.")
def analyze(
    file: Optional[str],
    jsonl_path: Optional[str],
    out_path: Optional[str],
    processes: int,
    published: Optional[str],
    source: Optional[str],
    url: Optional[str],
    title: Optional[str],
    article_id: Optional[str],
    pretty: bool,
    dictionaries: Optional[str],
    no_dictionaries: bool,
    article_timeout: float,
) -> None:
    """Analyse one article (FILE, or - for standard input) and print the analysis as JSON.

    \b
    FILE is read as `newsgraph ingest` reads it (text, HTML, JSONL/JSON, CSV, RSS/Atom, WARC, gzip,
    UTF-16), and the format used is said on standard error; a file of several articles gives one
    JSON line each.

    \b
    Example:
        newsgraph analyze article.txt --published 2019-04-07 --pretty
        newsgraph analyze --jsonl articles.jsonl --out analyses.jsonl --processes 2
        newsgraph analyze article.txt --dictionaries ~/petrarch/dictionaries
        newsgraph analyze article.txt --dictionaries ~/petrarch/dictionaries --no-dictionaries
    """
    if jsonl_path:
        _analyze_jsonl(jsonl_path, out_path, processes, dictionaries, article_timeout, not no_dictionaries)
        return
    if not file:
        raise click.UsageError("give FILE (or - for standard input), or --jsonl IN.jsonl")
    from newsgraph.articles import normalize_published
    from newsgraph.pipeline import analyze_dicts
    from newsgraph.pretty import summary

    name = printable(file)
    try:
        normalize_published(published)  # a date given on the command line must be right
        fmt, items = _read_items(file)
    except (NewsgraphError, OSError) as error:
        raise click.ClickException(f"{name}: {error}") from None
    overrides = {"published": published, "source": source, "url": url, "title": title, "id": article_id}
    records = [_record_for(item, overrides if len(items) == 1 else {}) for item in items]
    click.echo(f"{name}: read as {fmt}: {len(items):,} article{'' if len(items) == 1 else 's'}", err=True)
    results = list(analyze_dicts(records, dictionaries=dictionaries, article_timeout=article_timeout, default_dictionaries=not no_dictionaries))
    if len(results) == 1 and "error" in results[0]:
        failure = results[0]["error"]
        raise click.ClickException(f"{name}: {failure['code']}: {printable(failure['message'])}")
    for data in results:
        if pretty and "error" not in data:
            click.echo(summary(Analysis.from_dict(data)))
        else:
            click.echo(json.dumps(data, ensure_ascii=False))
        for warning in (data.get("article") or {}).get("warnings") or []:
            click.echo(f"{name}: warning ({warning['stage']}): {printable(warning['message'])}", err=True)


def _read_items(file: str) -> tuple[str, list[Any]]:
    """FILE's format and its items, through the readers ``newsgraph ingest`` uses."""
    from newsgraph.ingest.formats import SNIFF_BYTES, detect
    from newsgraph.ingest.readers import ReadOptions
    from newsgraph.ingest.sources import read_bytes, read_file

    options = ReadOptions()
    if file == "-":
        data = sys.stdin.buffer.read()
        fmt = detect(data[:SNIFF_BYTES])
        return fmt, list(read_bytes(data, fmt, "-", options, id=None))
    path = Path(file)
    if not path.is_file():
        raise OSError("no such file")
    with open(path, "rb") as stream:
        fmt = detect(stream.read(SNIFF_BYTES), path.name)
    items = list(read_file(path, options))
    return fmt, items


def _record_for(item: Any, overrides: dict[str, Any]) -> Any:
    """What the analysis gets for one item: its record with the command line's metadata over it, or
    the Failure that says why it could not be read."""
    if item.error is not None:
        code, message = item.error
        return Failure(id=printable(item.origin), code=code, message=message)
    if item.analysis is not None:
        article = item.analysis.get("article") or {}
        return {key: article.get(key) for key in ("id", "text", "published", "source", "url", "title")}
    record = dict(item.record)
    record.update({key: value for key, value in overrides.items() if value is not None})
    return record


def _analyze_jsonl(
    jsonl_path: str, out_path: Optional[str], processes: int, dictionaries: Optional[str], article_timeout: float,
    default_dictionaries: bool = True,
) -> None:
    from tqdm import tqdm

    from newsgraph.pipeline import analyze_dicts

    source = sys.stdin if jsonl_path == "-" else open(jsonl_path, encoding="utf-8", errors="replace")
    out = open(out_path, "w", encoding="utf-8") if out_path else sys.stdout
    failures = 0
    try:
        records = read_jsonl_records(source, Path(jsonl_path).name)
        results = analyze_dicts(  # Failure records pass through in their place
            records, processes=processes, dictionaries=dictionaries, article_timeout=article_timeout,
            default_dictionaries=default_dictionaries,
        )
        progress = tqdm(results, unit=" articles", file=sys.stderr)
        for result in progress:
            failures += "error" in result
            progress.set_postfix(failed=failures, refresh=False)
            out.write(json.dumps(result, ensure_ascii=False) + "\n")
    finally:
        if out is not sys.stdout:
            out.close()
        if source is not sys.stdin:
            source.close()
    if failures:
        click.echo(f"{failures} article(s) could not be analysed: see their error records", err=True)


def _register_commands() -> None:
    for module_name in COMMAND_MODULES:
        importlib.import_module(module_name).register(cli)


_register_commands()


def main() -> None:
    try:
        cli(standalone_mode=True)
    except NewsgraphError as error:
        click.echo(f"Error: {error}", err=True)
        sys.exit(1)


if __name__ == "__main__":  # `python -m newsgraph.cli`, as the console script does
    main()
