"""The ``newsgraph`` command: one click group, one subcommand per job."""

from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path
from typing import Any, Iterator, Optional, TextIO, Union

import click

from newsgraph.errors import NewsgraphError
from newsgraph.model import Failure
from newsgraph.settings import Settings

# Modules that add subcommands through a ``register(cli)`` function.
COMMAND_MODULES = (
    "newsgraph.eval.cli",
    "newsgraph.ingest.cli",
    "newsgraph.query.cli",
    "newsgraph.export.cli",
    "newsgraph.api.cli",
)


@click.group()
@click.version_option(package_name="newsgraph")
@click.pass_context
def cli(ctx: click.Context) -> None:
    """newsgraph: news articles into an evidence-first knowledge base."""
    ctx.obj = Settings.from_env()  # built once; subcommands read it through click's context


def _read_text(path: str) -> str:
    """The text of FILE (or standard input for ``-``), decoded as UTF-8 with a clear error."""
    raw = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise click.ClickException(f"{path}: not UTF-8 text ({error.reason} at byte {error.start})")


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
@click.option("--id", "article_id", help="Article id (default: a hash of the text).")
@click.option("--pretty", is_flag=True, help="Print a readable summary instead of JSON.")
@click.option("--dictionaries", type=click.Path(exists=True, file_okay=False),
              help="Code events with the PETRARCH-format verb, actor and agent dictionaries in this folder.")
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
) -> None:
    """Analyse one article (FILE, or - for standard input) and print the analysis as JSON.

    \b
    Example:
        newsgraph analyze article.txt --published 2019-04-07 --pretty
        newsgraph analyze --jsonl articles.jsonl --out analyses.jsonl --processes 2
        newsgraph analyze article.txt --dictionaries ~/petrarch/dictionaries
    """
    if jsonl_path:
        _analyze_jsonl(jsonl_path, out_path, processes, dictionaries)
        return
    if not file:
        raise click.UsageError("give FILE (or - for standard input), or --jsonl IN.jsonl")
    from newsgraph.pipeline import analyze as run_analysis
    from newsgraph.pipeline import pipeline_with_dictionaries

    try:
        text = _read_text(file)
        nlp = pipeline_with_dictionaries(dictionaries=dictionaries)
        result = run_analysis(text, published=published, source=source, url=url, title=title, id=article_id, nlp=nlp)
    except (NewsgraphError, OSError) as error:
        raise click.ClickException(f"{file}: {error}")
    if pretty:
        from newsgraph.pretty import summary

        click.echo(summary(result))
    else:
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False))


def _analyze_jsonl(jsonl_path: str, out_path: Optional[str], processes: int, dictionaries: Optional[str]) -> None:
    from tqdm import tqdm

    from newsgraph.pipeline import analyze_dicts

    source = sys.stdin if jsonl_path == "-" else open(jsonl_path, encoding="utf-8", errors="replace")
    out = open(out_path, "w", encoding="utf-8") if out_path else sys.stdout
    failures = 0
    try:
        records = read_jsonl_records(source, Path(jsonl_path).name)
        progress = tqdm(analyze_dicts(records, processes=processes, dictionaries=dictionaries), unit=" articles", file=sys.stderr)
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
