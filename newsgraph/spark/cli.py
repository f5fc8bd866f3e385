"""Commands of newsgraph.spark: ``newsgraph spark`` (the Spark job) and ``newsgraph load`` (its Parquet into a store)."""

from __future__ import annotations

import time
from typing import Optional

import click

from newsgraph.cli_options import db_option, dictionary_options


def _parse_pairs(values: tuple[str, ...], what: str) -> dict[str, str]:
    pairs = {}
    for value in values:
        key, sep, setting = value.partition("=")
        if not sep or not key:
            raise click.BadParameter(f"{value!r}: use {what}")
        pairs[key] = setting
    return pairs


def _fields(values: tuple[str, ...]) -> dict[str, str]:
    """``--field NAME=COLUMN`` options, NAME one of the fields the ingest readers know."""
    from newsgraph.ingest.readers import ALIASES

    fields = _parse_pairs(values, "NAME=COLUMN")
    unknown = [name for name, column in fields.items() if name not in ALIASES or not column]
    if unknown:
        raise click.BadParameter(f"{', '.join(unknown)}: NAME must be one of {', '.join(ALIASES)}, with a COLUMN")
    return fields


@click.command("spark")
@click.argument("inputs", nargs=-1, required=True)
@click.option("--out", "out_dir", required=True, help="Output folder (a path or a URI: hdfs://, s3a://, ...).")
@click.option("--master", help="Spark master, e.g. local[2], yarn, k8s://https://HOST:443.  [default: spark-submit's, else local[*]]")
@click.option("--partitions", type=click.IntRange(min=1), help="Analysis tasks.  [default: 4 per core]")
@click.option("--batch-size", default=16, show_default=True, type=click.IntRange(min=1), help="Articles per nlp.pipe batch.")
@dictionary_options(must_exist=False)
@click.option("--field", "fields", multiple=True, metavar="NAME=COLUMN", help="JSONL/CSV: the column holding NAME, as for ingest.")
@click.option("--source", help="Source name for articles that do not say theirs.")
@click.option("--conf", "confs", multiple=True, metavar="KEY=VALUE", help="A Spark setting, e.g. spark.executor.memory=4g.")
def spark_command(inputs: tuple[str, ...], out_dir: str, master: Optional[str], partitions: Optional[int], batch_size: int,
                  dictionaries: Optional[str], no_dictionaries: bool, fields: tuple[str, ...], source: Optional[str],
                  confs: tuple[str, ...]) -> None:  # fmt: skip
    """Analyse INPUTS with Spark and write one Parquet table per kind of fact, by publication day.

    INPUTS are what `newsgraph ingest` reads (JSONL, text and HTML folders, WARC files) on any
    filesystem Spark reads, or manifests of WARC paths (NAME.paths[.gz]). Writes
    OUT/TABLE/published_date=YYYY-MM-DD/*.parquet for the tables of `export parquet` plus
    `analyses` and `failures`; a rerun replaces the days it touches. See docs/spark.md.

    \b
    Example:
        newsgraph spark reuters.jsonl --out facts/ --master local[2]
        spark-submit --master yarn newsgraph/spark/submit.py s3a://news/cc-news.paths --out s3a://news/facts/
    """
    from newsgraph.ingest.readers import ReadOptions

    # pyspark is an optional extra, imported here so that the rest of newsgraph works without it.
    try:
        from newsgraph.spark.job import JobSettings, run_job, session
    except ImportError as error:
        raise click.ClickException(f"{error}: install the Spark extra, pip install 'newsgraph[spark]'") from error

    settings = JobSettings(dictionaries=dictionaries, default_dictionaries=not no_dictionaries, batch_size=batch_size,
                           options=ReadOptions(fields=_fields(fields), source=source))  # fmt: skip
    tick = time.perf_counter()
    spark = session(master, conf=_parse_pairs(confs, "KEY=VALUE"))
    click.echo(f"Spark {spark.version} on {spark.sparkContext.master} started in {time.perf_counter() - tick:.1f} s", err=True)
    try:
        counts = run_job(spark, list(inputs), out_dir, partitions=partitions, settings=settings)
    finally:
        spark.stop()
    for line in counts.lines():
        click.echo(line)


@click.command("load")
@click.argument("directory", type=click.Path(exists=True, file_okay=False))
@db_option
@click.option("--schema", help="PostgreSQL only: the schema to load into (created when missing).")
@click.option("--batch-size", default=500, show_default=True, type=click.IntRange(min=1), help="Articles per transaction.")
def load_command(directory: str, db: str, schema: Optional[str], batch_size: int) -> None:
    """Load the Parquet output of `newsgraph spark` (DIRECTORY) into a store.

    Articles already in the store are skipped, so loading again adds nothing; PostgreSQL is
    written with COPY. `newsgraph serve` and the query commands then work on the store.

    \b
    Example:
        newsgraph load facts/ --db newsgraph.db
        newsgraph load facts/ --db postgresql://me@localhost/news
    """
    from sqlalchemy.exc import SQLAlchemyError

    from newsgraph.spark.loader import load_directory
    from newsgraph.store import open_store

    try:
        with open_store(db, schema=schema) as store:
            counts = load_directory(directory, store, batch_size=batch_size)
    except (SQLAlchemyError, OSError, ValueError) as error:
        raise click.ClickException(f"loading {directory} into {db} failed: {error}") from error
    click.echo(counts.line())


def register(cli: click.Group) -> None:
    """Add this package's commands to the ``newsgraph`` group."""
    cli.add_command(spark_command)
    cli.add_command(load_command)
