"""The analysis schema (version 1) as plain dataclasses.

Every fact carries its evidence: ``span`` is a ``(start, end)`` pair of character
offsets into ``Article.text`` (end exclusive), ``text`` equals ``article.text[start:end]``
and ``sentence`` indexes ``Article.sentences``. ``Analysis.to_dict()`` gives the JSON
form documented in ``docs/schema.md`` and validated by ``newsgraph/schema/analysis-v1.json``.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from dataclasses import dataclass, field
from typing import Any, Optional, Union

SCHEMA_VERSION = 1

Span = tuple[int, int]


@dataclass
class ArticleWarning:
    """Something about an article that was read or analysed with a loss the user should know of
    (an unreadable date, replaced bytes, a sentence cut for the parser); the article is kept."""

    stage: str  # read | date | parse
    code: str  # bad_date, bad_bytes, fallback_text, sentence_cut, ...
    message: str


@dataclass
class Article:
    """One article exactly as analysed: every offset in the analysis indexes into ``text``."""

    id: str
    text: str
    published: Optional[str] = None  # ISO date, YYYY-MM-DD
    source: Optional[str] = None
    url: Optional[str] = None
    title: Optional[str] = None
    language: Optional[str] = None  # ISO 639-1, "und" when undetermined
    sentences: list[Span] = field(default_factory=list)
    published_raw: Optional[str] = None  # the publication date as given, when it could not be read
    warnings: list[ArticleWarning] = field(default_factory=list)


@dataclass
class Mention:
    span: Span
    text: str
    sentence: int
    kind: str  # "name" | "nominal" | "pronoun"


@dataclass
class Tone:
    """GDELT's V1.5TONE values of a text (docs/tone.md): percentages of its words, and their count."""

    tone: float  # positive - negative
    positive: float
    negative: float
    polarity: float  # positive + negative: the share of words in the tonal dictionary
    activity_density: float
    self_group_density: float
    word_count: int


@dataclass
class Entity:
    id: str
    name: str
    type: str  # PERSON, ORG, GPE, LOC, NORP, FAC, EVENT, PRODUCT, WORK_OF_ART, LAW
    country: Optional[str] = None  # ISO 3166-1 alpha-3
    role: Optional[str] = None
    mentions: list[Mention] = field(default_factory=list)
    tone: Optional[Tone] = None  # over the sentences that mention the entity
    employer: Optional[str] = None  # id of the organization a person's role ties them to ("a spokesman for Acme")


@dataclass
class Speaker:
    entity: Optional[str]  # id of the entity cluster, None when not resolved to one
    name: str
    span: Span  # the mention that signals the speaker ("he")
    role: Optional[str] = None  # the role the mention gives ("lawyer", "senior official", "ministry")
    nominal: bool = False  # named by a role or group ("his lawyer", "protesters"), not by a name or pronoun
    anonymous: bool = False  # an unnamed source ("a senior official", "people familiar with the talks")


@dataclass
class Cue:
    text: str
    span: Span


@dataclass
class Quote:
    span: Span  # the quoted content, without quotation marks
    text: str
    sentence: int
    direct: bool
    partial: bool = False
    speaker: Optional[Speaker] = None
    cue: Optional[Cue] = None
    medium: Optional[str] = None
    tone: Optional[Tone] = None  # of the quoted words
    parts: list[Span] = field(default_factory=list)  # the content's pieces in order ("A," he said, "B."); span runs first to last
    outlet: Optional[str] = None  # whom or where it was said to: "CNN" (an interview), "Twitter" (a post)
    verbatim: list[Span] = field(default_factory=list)  # the content's words between quotation marks


@dataclass
class TimeRef:
    span: Span
    text: str
    sentence: int
    type: str  # DATE, TIME, DURATION, SET
    value: Optional[str]  # TIMEX3 value; None for vague expressions
    anchor: Optional[str] = None  # "published", "text", or None


@dataclass
class Quantity:
    span: Span
    text: str
    sentence: int
    value: Union[float, list[float], None]  # a number, or [low, high] for a range
    unit: Optional[str] = None
    approximate: bool = False
    bound: Optional[str] = None  # "upper" | "lower"
    change: Optional[str] = None  # "up" | "down"
    currency: Optional[str] = None  # ISO 4217
    object: Optional[str] = None


@dataclass
class Place:
    span: Span
    text: str
    sentence: int
    name: str
    geonameid: Optional[int] = None
    lat: Optional[float] = None
    lon: Optional[float] = None
    country: Optional[str] = None  # ISO 3166-1 alpha-2
    country3: Optional[str] = None
    admin1: Optional[str] = None
    feature: Optional[str] = None
    population: Optional[int] = None
    metonymy: bool = False
    modifier: bool = False
    entity: Optional[str] = None
    # Why this place was chosen among those of its name: "dateline", "in-country", "population",
    # "nearest", ... (see docs/places.md); None when unresolved.
    reason: Optional[str] = None
    admin1_code: Optional[str] = None  # GeoNames code of the first-level division ("LA", "26")


@dataclass
class Actor:
    entity: Optional[str]
    code: Optional[str]  # CAMEO actor code, e.g. IRQGOV
    name: Optional[str]
    span: Optional[Span]
    origin: Optional[str] = None  # where the code came from: "entity", "dictionary", "agent+country"


@dataclass
class Trigger:
    text: str
    span: Span


@dataclass
class Event:
    span: Span
    text: str
    sentence: int
    code: str  # CAMEO event code
    root: str
    quad_class: Optional[int] = None
    goldstein: Optional[float] = None
    plover: Optional[str] = None
    name: Optional[str] = None
    trigger: Optional[Trigger] = None
    source: Optional[Actor] = None
    target: Optional[Actor] = None
    date: Optional[str] = None
    date_from: Optional[str] = None  # "text" or "published"
    place: Optional[str] = None
    negated: bool = False
    modality: Optional[str] = None
    evidence: list[Span] = field(default_factory=list)  # further spans telling the same event
    confidence: Optional[float] = None  # 0-1, from the rule and the actors' origins (not calibrated)
    rule: Optional[str] = None  # the pattern or lexicon entry that gave the code


@dataclass
class Theme:
    """A theme of the taxonomy (docs/themes.md) found in the article, with the spans that evidence it."""

    theme: str
    score: float  # 0.5 at the theme's detection threshold, towards 1 with more evidence
    spans: list[Span] = field(default_factory=list)


@dataclass
class Analysis:
    """The result of analysing one article."""

    article: Article
    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    dates: list[TimeRef] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    tone: Optional[Tone] = None
    themes: list[Theme] = field(default_factory=list)
    summary: list[int] = field(default_factory=list)  # indexes into article.sentences, in article order
    schema_version: int = SCHEMA_VERSION

    def to_dict(self) -> dict[str, Any]:
        """The JSON-ready form of the analysis (schema version 1)."""
        return _to_jsonable(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Analysis":
        """Rebuild an analysis from :meth:`to_dict` output."""
        return _from_jsonable(cls, data)


@dataclass
class Failure:
    """Stands in place of an analysis for an article that could not be analysed."""

    id: Optional[str]
    code: str  # stable short name: empty_text, binary_data, too_long, bad_record, ...
    message: str
    schema_version: int = SCHEMA_VERSION
    stage: Optional[str] = None  # where the analysis stopped (a component name), when known

    def to_dict(self) -> dict[str, Any]:
        error = {"code": self.code, "message": self.message}
        if self.stage:
            error["stage"] = self.stage
        return {"schema_version": self.schema_version, "id": self.id, "error": error}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Failure":
        error = data["error"]
        return cls(id=data.get("id"), code=error["code"], message=error["message"], stage=error.get("stage"))


def result_from_dict(data: dict[str, Any]) -> "Analysis | Failure":
    """An :class:`Analysis` or a :class:`Failure` from its JSON form."""
    return Failure.from_dict(data) if "error" in data else Analysis.from_dict(data)


def _to_jsonable(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _to_jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (list, tuple)):
        return [_to_jsonable(item) for item in value]
    return value


def _from_jsonable(hint: Any, value: Any) -> Any:
    """Convert JSON data back into the type named by ``hint`` (dataclasses, tuples, lists, optionals)."""
    if value is None:
        return None
    origin = typing.get_origin(hint)
    if origin in (Union, types.UnionType):
        options = [arg for arg in typing.get_args(hint) if arg is not type(None)]
        for option in options:
            if _fits(option, value):
                return _from_jsonable(option, value)
        return value
    if origin is tuple:
        return tuple(value)
    if origin is list:
        (item_hint,) = typing.get_args(hint)
        return [_from_jsonable(item_hint, item) for item in value]
    if dataclasses.is_dataclass(hint):
        hints = typing.get_type_hints(hint)
        names = {f.name for f in dataclasses.fields(hint)}
        return hint(**{k: _from_jsonable(hints[k], v) for k, v in value.items() if k in names})  # type: ignore[operator]  # a dataclass type, called
    return value


def _fits(hint: Any, value: Any) -> bool:
    origin = typing.get_origin(hint) or hint
    if origin in (list, tuple):
        return isinstance(value, list)
    if dataclasses.is_dataclass(hint):
        return isinstance(value, dict)
    if hint is float:
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    return isinstance(value, origin) if isinstance(origin, type) else True
