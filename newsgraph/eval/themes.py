"""`newsgraph eval themes`: score the themes against the Reuters-21578 topics.

Seven Reuters topics have a theme of the taxonomy: earn = ECON_EARNINGSREPORT, acq = ECON_MERGERS,
money-fx = ECON_CURRENCY, crude = ENERGY_OIL, grain = AGRICULTURE_GRAIN, trade = ECON_TRADE,
interest = ECON_INTEREST_RATES. The stories scored are those with at least one topic (any topic,
so a theme found in a story about cocoa is a false positive), split ModApte-style by date: the test
split is the stories dated after 1987-04-07, the training split the earlier ones (the only ones the
theme terms were written from). Each story's text runs through the full pipeline; its themes are
compared with its topics, mapped, theme by theme; micro P/R/F1 pools the seven.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator, Optional

import click

from newsgraph.eval.metrics import PRF, format_table
from newsgraph.pipeline import load_pipeline, make_article, parse_articles

TOPIC_THEMES = {
    "earn": "ECON_EARNINGSREPORT",
    "acq": "ECON_MERGERS",
    "money-fx": "ECON_CURRENCY",
    "crude": "ENERGY_OIL",
    "grain": "AGRICULTURE_GRAIN",
    "trade": "ECON_TRADE",
    "interest": "ECON_INTEREST_RATES",
}
SPLIT_DATE = "1987-04-07"  # the last day of the training split
SPLITS = ("test", "train", "all")


@dataclass
class ReutersStory:
    id: str
    text: str
    published: str
    title: Optional[str]
    themes: frozenset[str]  # the gold topics, as themes


@dataclass
class ThemeScores:
    per_theme: dict[str, PRF] = field(default_factory=lambda: {theme: PRF() for theme in TOPIC_THEMES.values()})
    stories: int = 0

    @property
    def micro(self) -> PRF:
        pooled = PRF()
        for prf in self.per_theme.values():
            pooled.add(prf.tp, prf.predicted, prf.gold)
        return pooled

    def add(self, predicted: set[str], gold: frozenset[str]) -> None:
        self.stories += 1
        for theme, prf in self.per_theme.items():
            prf.add(int(theme in predicted and theme in gold), int(theme in predicted), int(theme in gold))

    def to_dict(self) -> dict[str, Any]:
        return {
            "stories": self.stories,
            "micro": self.micro.to_dict(),
            "themes": {theme: prf.to_dict() for theme, prf in self.per_theme.items()},
        }


def in_split(date: str, split: str) -> bool:
    if split == "all":
        return True
    return (date > SPLIT_DATE) == (split == "test")


def read_reuters(path: Path, split: str = "test", limit: Optional[int] = None) -> list[ReutersStory]:
    """The stories of ``split`` that have at least one topic and a text."""
    if split not in SPLITS:
        raise click.ClickException(f"split must be one of {', '.join(SPLITS)}, not {split!r}")
    stories = []
    with open(path, encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as error:
                raise click.ClickException(f"{path}:{number}: not JSON ({error.msg})") from None
            if not record.get("topics") or not (record.get("text") or "").strip() or not record.get("date"):
                continue
            if not in_split(record["date"], split):
                continue
            themes = frozenset(TOPIC_THEMES[topic] for topic in record["topics"] if topic in TOPIC_THEMES)
            stories.append(ReutersStory(f"reuters-{record['newid']}", record["text"], record["date"],
                                        record.get("title"), themes))
            if limit is not None and len(stories) >= limit:
                break
    return stories


def predicted_themes(stories: Iterable[ReutersStory], nlp: Any = None) -> Iterator[set[str]]:
    """The themes the full pipeline finds in each story, in order."""
    nlp = nlp or load_pipeline()
    articles = (make_article(story.text, id=story.id, published=story.published, title=story.title) for story in stories)
    for doc in parse_articles(nlp, articles):
        yield {theme.theme for theme in doc._.ng_themes or []}


def score_reuters(stories: list[ReutersStory], nlp: Any = None) -> ThemeScores:
    scores = ThemeScores()
    for story, predicted in zip(stories, predicted_themes(stories, nlp)):
        scores.add(predicted, story.themes)
    return scores


def format_report(scores: ThemeScores) -> str:
    topic_of = {theme: topic for topic, theme in TOPIC_THEMES.items()}
    rows = [(f"{topic_of[theme]}", prf) for theme, prf in scores.per_theme.items()]
    rows.append(("micro", scores.micro))
    return f"{scores.stories} stories\n" + format_table(rows)


@click.command(name="themes")
@click.option("--reuters", "path", required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Reuters-21578 as JSON lines (text, date, topics).")
@click.option("--split", type=click.Choice(SPLITS), default="test", show_default=True,
              help="test: stories dated after 1987-04-07; train: the earlier ones.")
@click.option("--limit", type=int, default=None, help="Score only the first N stories of the split.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
def command(path: Path, split: str, limit: Optional[int], as_json: bool) -> None:
    """Score themes against seven Reuters topics: P/R/F1 per topic and micro over the seven.

    \b
    Example:
        newsgraph eval themes --reuters ../shared/eval/corpus/reuters21578.jsonl --split test
    """
    scores = score_reuters(read_reuters(path, split, limit))
    click.echo(json.dumps(scores.to_dict(), indent=2) if as_json else format_report(scores))
