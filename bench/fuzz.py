"""Hostile input at scale: N generated files through ``ingest``; every one must end stored or as a
failure with a reason, within its time budget.

    nice python bench/fuzz.py 10000 --processes 2

The inputs (one file each, made from a seed, so a run can be repeated) are binary data, UTF-8 cut
inside a character, mostly undecodable bytes, invalid bytes among text, huge lines, unbalanced
quotation marks and brackets, markup (nested thousands deep, scripts only, broken), control
characters, right-to-left text, emoji, zero-width characters, JSONL records with bad fields and
dates, CSV, feeds, UTF-16, empty files, odd file names, and every 1,000th input an article of
10,000 sentences. Prints what became of them: stored, copies, failures by code, inputs with neither
(unrecorded losses), errors that escaped a reader or a component (``read_error``,
``analysis_failed``), articles stopped by the time budget, and peak memory per worker.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Callable

from newsgraph.ingest.run import ingest
from newsgraph.store import open_store

WORDS = ("the minister said officials told reporters on Tuesday in Oslo and Cairo that talks about "
         "the harbour strike would resume after police arrested protesters near parliament").split()
MARKS = list('""“”„«»‘’\'()[]{}')
ODD_CHARS = list("\u200b\u200c\u200d\u2060\ufeff\u200e\u200f\u202a\u202b\u202e\u2066\u2069")
EMOJI = list("😀😂🔥🚀🇳🇴👍🏽🧑‍🚒❤️")
RTL = ["שלום עולם", "مرحبا بالعالم", "הממשלה הודיעה היום", "قالت الحكومة اليوم"]
CONTROL = [chr(code) for code in range(1, 32) if chr(code) not in "\t\n\r"]


def sentence(rng: random.Random, length: int = 12) -> str:
    words = [rng.choice(WORDS) for _ in range(length)]
    words[0] = words[0].capitalize()
    return " ".join(words) + "."


def prose(rng: random.Random, sentences: int) -> str:
    return " ".join(sentence(rng, rng.randint(6, 20)) for _ in range(sentences))


def sprinkle(rng: random.Random, text: str, chars: list[str], share: float) -> str:
    out = []
    for char in text:
        out.append(char)
        if rng.random() < share:
            out.append(rng.choice(chars))
    return "".join(out)


# Each maker returns (file name suffix, bytes).
def binary(rng: random.Random) -> tuple[str, bytes]:
    return ".bin", bytes(rng.randrange(256) for _ in range(rng.randint(1, 5000)))


def truncated_utf8(rng: random.Random) -> tuple[str, bytes]:
    data = (prose(rng, 8) + " Zürich café naïve 東京 😀").encode("utf-8")
    return ".txt", data[: len(data) - rng.randint(1, 3)]


def undecodable(rng: random.Random) -> tuple[str, bytes]:
    return ".txt", bytes(rng.randrange(128, 256) for _ in range(rng.randint(50, 4000)))


def few_bad_bytes(rng: random.Random) -> tuple[str, bytes]:
    data = bytearray((prose(rng, 30) + " Café in Zürich.").encode("utf-8"))
    data[rng.randrange(len(data))] = 0xFF
    return ".txt", bytes(data)


def huge_line(rng: random.Random) -> tuple[str, bytes]:
    words = rng.randint(20_000, 40_000) if rng.random() < 0.05 else rng.randint(1_000, 4_000)
    return ".txt", " ".join(rng.choice(WORDS) for _ in range(words)).encode()


def unbalanced(rng: random.Random) -> tuple[str, bytes]:
    words = rng.randint(5_000, 12_000) if rng.random() < 0.05 else rng.randint(50, 1_500)
    text = " ".join(rng.choice(WORDS + MARKS + ["said", "told", '"', "("]) for _ in range(words))
    return ".txt", text.encode()


def markup(rng: random.Random) -> tuple[str, bytes]:
    depth = rng.choice([1, 50, 3000, 20_000])
    body = "<p>" + prose(rng, rng.randint(1, 8)) + "</p>"
    page = rng.choice([
        "<html><body>" + "<div>" * depth + body + "</div>" * depth + "</body></html>",
        "<html><head><script>" + "var x = 1;" * 200 + "</script></head><body></body></html>",
        "<html><body><p>" + prose(rng, 3) + "<b><i>unclosed <a href='x",
        "<!doctype html><html><body><article>" + sprinkle(rng, body, ["<", ">", "&amp;", "&#0;"], 0.05) + "</article>",
    ])
    return ".html", page.encode()


def controls(rng: random.Random) -> tuple[str, bytes]:
    return ".txt", sprinkle(rng, prose(rng, 10), CONTROL, rng.choice([0.001, 0.02, 0.3])).encode()


def rtl(rng: random.Random) -> tuple[str, bytes]:
    parts = [rng.choice(RTL) if rng.random() < 0.5 else sentence(rng) for _ in range(rng.randint(2, 30))]
    return ".txt", " ".join(parts).encode()


def emoji(rng: random.Random) -> tuple[str, bytes]:
    return ".txt", sprinkle(rng, prose(rng, 10), EMOJI, 0.05).encode()


def zero_width(rng: random.Random) -> tuple[str, bytes]:
    return ".txt", sprinkle(rng, prose(rng, 10), ODD_CHARS, 0.1).encode()


def jsonl_record(rng: random.Random) -> tuple[str, bytes]:
    record = rng.choice([
        {"id": f"r{rng.randrange(10**6)}", "text": prose(rng, 5), "published": rng.choice(["yesterday", "2024-13-45", 1e20, None, "2024-03-12"])},
        {"id": None, "text": rng.choice(["", "   ", 42, ["a"], {"b": 1}])},
        {"text": prose(rng, 3), "title": {"nested": [1, 2]}, "source": 7},
        {"no_text_here": True},
    ])
    line = json.dumps(record) if rng.random() < 0.8 else json.dumps(record)[: rng.randint(1, 30)]
    return ".jsonl", (line + "\n").encode()


def csv_rows(rng: random.Random) -> tuple[str, bytes]:
    rows = ["id,text,date"] + [f'c{n},"{prose(rng, 2)}",{rng.choice(["1987-02-26", "soon", ""])}' for n in range(rng.randint(1, 3))]
    if rng.random() < 0.3:
        rows.append('broken,"never closed')
    return ".csv", "\n".join(rows).encode()


def feed(rng: random.Random) -> tuple[str, bytes]:
    item = f"<item><title>T</title><description>{prose(rng, 4)}</description><pubDate>{rng.choice(['Mon, 02 Mar 2020 10:00:00 GMT', 'garbage'])}</pubDate></item>"
    text = f"<rss version='2.0'><channel><title>F</title>{item}</channel></rss>"
    return ".xml", (text if rng.random() < 0.8 else text[: len(text) // 2]).encode()


def utf16(rng: random.Random) -> tuple[str, bytes]:
    return ".txt", prose(rng, 6).encode("utf-16")


def empty(rng: random.Random) -> tuple[str, bytes]:
    return ".txt", rng.choice([b"", b"   \n\t ", b"\n\n"])


def plain(rng: random.Random) -> tuple[str, bytes]:
    return ".txt", prose(rng, rng.randint(1, 40)).encode()


MAKERS: list[Callable[[random.Random], tuple[str, bytes]]] = [
    binary, truncated_utf8, undecodable, few_bad_bytes, huge_line, unbalanced, markup, controls, rtl,
    emoji, zero_width, jsonl_record, csv_rows, feed, utf16, empty, plain,
]
ODD_NAMES = ["new\nline", "tab\tname", "\u202ereversed", "space name", "ünïcödé", "emoji😀"]


def generate(folder: Path, count: int, seed: int = 20) -> list[Path]:
    """``count`` hostile input files in ``folder``; returns their paths."""
    rng = random.Random(seed)
    paths = []
    for number in range(count):
        if number % 1000 == 999:  # the 10,000-sentence article
            suffix, data = ".txt", prose(rng, 10_000).encode()
            kind = "long"
        else:
            maker = MAKERS[number % len(MAKERS)]
            suffix, data = maker(rng)
            kind = maker.__name__
        odd = ODD_NAMES[number % len(ODD_NAMES)] if number % 97 == 0 else ""
        path = folder / f"{number:05d}-{kind}{odd}{suffix}"
        path.write_bytes(data)
        paths.append(path)
    return paths


def outcomes(store, paths: list[Path]) -> dict:  # type: ignore[no-untyped-def]
    """What became of each input: stored (article or copy), failed with a reason, or neither."""
    with store.engine.connect() as conn:
        origins = [row[0] for row in conn.exec_driver_sql("SELECT origin FROM articles")]
    failures = store.failures()
    def by_file(origin: str) -> str:
        for sep in (":", "#"):
            head = origin.rsplit(sep, 1)[0] if sep in origin else origin
            if head in wanted:
                return head
        return origin
    wanted = {str(path) for path in paths}
    stored = Counter(by_file(origin) for origin in origins if origin)
    reasons = [row for row in failures if row["code"] and row["message"]]
    failed = Counter(by_file(row["origin"]) for row in reasons if row["stage"] in ("read", "analyse", "store"))
    lost = [path for path in wanted if path not in stored and path not in failed]
    codes = Counter(row["code"] for row in reasons)
    for row in reasons:
        if row["code"] in ("timeout", "worker_died", "read_error", "analysis_failed", "store_failed"):
            print(f"{row['code']}: {ascii(row['origin'])}: {row['message'][:300]}", file=sys.stderr)
    return {"stored_inputs": sum(1 for path in wanted if path in stored), "failed_inputs": len(wanted & set(failed) - set(stored)),
            "lost": sorted(lost), "codes": codes}


def _report_every(step: int) -> Callable:
    started = time.perf_counter()

    def report(stats) -> None:  # type: ignore[no-untyped-def]
        if stats.done % step == 0:
            print(f"  {stats.done:,} done in {time.perf_counter() - started:,.0f} s", file=sys.stderr, flush=True)

    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int)
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--article-timeout", type=float, default=60.0)
    parser.add_argument("--seed", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        inputs = Path(folder) / "inputs"
        inputs.mkdir()
        paths = generate(inputs, args.count, args.seed)
        crashed = ""
        started = time.perf_counter()
        with open_store(str(Path(folder) / "fuzz.db")) as store:
            try:
                stats = ingest([str(inputs)], store, processes=args.processes, article_timeout=args.article_timeout,
                               progress=_report_every(500))
            except Exception as error:  # the run itself must not fail: this is a crash
                crashed = f"{type(error).__name__}: {error}"
                raise
            wall = time.perf_counter() - started
            result = outcomes(store, paths)
    main_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    codes = result["codes"]
    escaped = codes.get("read_error", 0) + codes.get("analysis_failed", 0) + codes.get("store_failed", 0)
    print(f"| inputs | {args.count:,} (seed {args.seed}) |")
    print(f"| wall time | {wall:,.1f} s ({args.processes} processes, budget {args.article_timeout:g} s an article) |")
    print(f"| items read / stored / copies / failed | {stats.read:,} / {stats.stored:,} / {stats.copies:,} / {stats.failed:,} |")
    print(f"| inputs stored (whole or in part) / ended as a failure with a reason | {result['stored_inputs']:,} / {result['failed_inputs']:,} |")
    print(f"| stored with a warning | {stats.warnings:,} articles |")
    print(f"| unrecorded losses (inputs neither stored nor failed) | {len(result['lost'])} |")
    print(f"| crashes (the run stopped) / errors caught inside (read_error, analysis_failed, store_failed) | {1 if crashed else 0} / {escaped} |")
    print(f"| stopped by the time budget (timeout) / workers died | {stats.workers.timeouts} / {stats.workers.died} |")
    print(f"| peak RSS: per worker (shared model pages included) / main process | {stats.workers.peak_rss_mb:,.0f} MB / {main_rss:,.0f} MB |")
    print("| failure and warning codes | " + ", ".join(f"{code} {count:,}" for code, count in codes.most_common()) + " |")
    for path in result["lost"][:20]:
        print("lost:", ascii(path), file=sys.stderr)
    if result["lost"] or crashed:
        sys.exit(1)


if __name__ == "__main__":
    main()
