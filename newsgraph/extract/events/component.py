"""The `newsgraph_events` component: CAMEO-coded events between actors, with their evidence.

Fills ``Doc._.ng_events`` with :class:`newsgraph.model.Event`. Triggers, codes and arguments
come from :mod:`newsgraph.extract.events.coder` with newsgraph's verb lexicon (or a user's PETRARCH
dictionaries, see :func:`newsgraph.extract.events.use_dictionaries`); actors from the entities; the
date and place from the dates and places in the trigger's clause. Negated events are kept
with ``negated`` set; intent ("plans to visit") is coded as intent (036), not as the visit.
The same event told twice in an article is one event with several ``evidence`` spans.
"""

from __future__ import annotations

from typing import Any, Optional

from spacy.language import Language
from spacy.tokens import Doc, Token

from newsgraph.extract._common import FactComponent, sentence_index
from newsgraph.extract.events import builtin
from newsgraph.extract.events.actors import DictionaryFilledCoder, EntityActorCoder
from newsgraph.extract.events.builtin import CodingSetup
from newsgraph.extract.events.codebook import event_type, has_country
from newsgraph.extract.events.coder import (
    ActorRef,
    DictionaryActorCoder,
    RawEvent,
    code_sentence,
)
from newsgraph.extract.events.dictionaries import Dictionaries
from newsgraph.model import Actor, Event, Trigger

DATE_VALUE_LENGTHS = (4, 7, 10)  # YYYY, YYYY-MM, YYYY-MM-DD


@Language.factory(
    "newsgraph_events",
    assigns=["doc._.ng_events"],
    requires=["doc._.ng_entities", "doc._.ng_dates", "doc._.ng_places"],
    default_config={"dictionaries": None, "default_dictionaries": True},
)
def make_events(nlp: Language, name: str, dictionaries: Optional[str] = None, default_dictionaries: bool = True) -> "EventCoder":
    """``dictionaries``: a folder of PETRARCH-format dictionaries; with ``default_dictionaries``
    it extends the shipped ones, without them it replaces them (PETRARCH's own coding)."""
    return EventCoder(nlp, name, dictionaries=dictionaries, default_dictionaries=default_dictionaries)


class EventCoder(FactComponent):
    """Sets ``Doc._.ng_events``: a list of :class:`newsgraph.model.Event`.

    The dictionaries come from the component's config (``nlp.add_pipe("newsgraph_events",
    config={"dictionaries": "DIR", "default_dictionaries": False})``) and are read once per
    process, so pipelines never share mutable coding state.
    """

    extension = "ng_events"

    def __init__(self, nlp: Any = None, name: str = "", *, dictionaries: Optional[str] = None, default_dictionaries: bool = True) -> None:
        super().__init__(nlp, name)
        self.setup: CodingSetup = builtin.setup_for_folder(str(dictionaries) if dictionaries else None, default_dictionaries)

    def use_dictionaries(self, dictionaries: Optional[Dictionaries]) -> None:
        """Code with ``dictionaries`` alone (PETRARCH's coding), or the default setup for None.
        This changes this pipeline: build a new one with the config instead where it is shared."""
        self.setup = builtin.coding_setup(dictionaries, defaults=dictionaries is None)

    def find(self, doc: Doc) -> list[Event]:
        return find_events(doc, setup=self.setup)


def find_events(doc: Doc, dictionaries: Optional[Dictionaries] = None, *, setup: Optional[CodingSetup] = None) -> list[Event]:
    """All events in ``doc``, duplicates merged.

    Args:
        doc: a parsed Doc; entities, dates and places are used where their components ran.
        dictionaries: a user's PETRARCH dictionaries, coded with alone as PETRARCH does.
        setup: a :class:`CodingSetup` (``builtin.coding_setup``); the default one when neither is given.
    """
    if setup is None:
        setup = builtin.coding_setup(dictionaries, defaults=dictionaries is None)
    raw = code_doc(doc, setup)
    events = [to_event(doc, item) for item in raw]
    return one_code_per_entity(merge_duplicates(events))


def code_doc(doc: Doc, setup: Optional[CodingSetup] = None) -> list[RawEvent]:
    """The raw coded events of every sentence (none for a Doc that was not parsed)."""
    if not doc.has_annotation("DEP"):
        return []
    setup = setup or builtin.coding_setup()
    if setup.petrarch:
        actors: Any = DictionaryActorCoder(setup.actors, _day(doc)) if setup.actors and setup.actors.actors else EntityActorCoder(doc)
    elif setup.actors is not None:
        actors = DictionaryFilledCoder(doc, setup.actors, _day(doc), setup.user)
    else:
        actors = EntityActorCoder(doc)
    found: list[RawEvent] = []
    for sent in doc.sents:
        found.extend(code_sentence(sent, setup.verbs, actors, setup.options))
    return found


def _day(doc: Doc) -> Optional[int]:
    published = doc._.ng_published if doc.has_extension("ng_published") else None
    return int(published.replace("-", "")) if published else None


def _actor(ref: Optional[ActorRef]) -> Optional[Actor]:
    if ref is None:
        return None
    return Actor(entity=ref.entity, code=ref.code, name=ref.name, span=ref.span, origin=ref.origin)


def span_text(doc: Doc, start: int, end: int) -> str:
    """``doc.text[start:end]`` for token-aligned offsets, without building the whole text."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or span.start_char != start or span.end_char != end:
        return doc.text[start:end]
    return span.text


def to_event(doc: Doc, item: RawEvent) -> Event:
    """The schema :class:`Event` of a raw coded event, with date, place and evidence span."""
    token = item.trigger
    trigger_end = doc[item.trigger_end - 1]
    trigger_span = (token.idx, trigger_end.idx + len(trigger_end.text))
    if item.trigger_end - 1 < token.i:
        trigger_span = (token.idx, token.idx + len(token.text))
    spans = [trigger_span] + [a.span for a in (item.source, item.target) if a is not None]
    sent = token.sent
    start = max(sent.start_char, min(s[0] for s in spans))
    end = min(sent.end_char, max(s[1] for s in spans))
    info = event_type(item.code)
    date, date_from = event_date(doc, token)
    return Event(
        span=(start, end),
        text=span_text(doc, start, end),
        sentence=sentence_index(doc, start),
        code=item.code,
        root=info.root if info else item.code[:2],
        quad_class=info.quad_class if info else None,
        goldstein=info.goldstein if info else None,
        plover=info.plover if info else None,
        name=info.name if info else None,
        trigger=Trigger(text=span_text(doc, *trigger_span), span=trigger_span),
        source=_actor(item.source),
        target=_actor(item.target),
        date=date,
        date_from=date_from,
        place=event_place(doc, token),
        negated=item.negated,
        modality=item.modality,
        confidence=confidence(item),
        rule=item.rule or None,
    )


# How far each kind of rule is trusted: a dictionary pattern that matched the words around the
# verb, a verb of newsgraph's lexicon, a verb's default code, a noun trigger.
RULE_WEIGHT = {"pattern": 0.9, "verb": 0.75, "noun": 0.6}
ORIGIN_WEIGHT = {"entity": 1.0, "dictionary": 0.95, "agent+country": 0.8, None: 0.7}


def confidence(item: RawEvent) -> float:
    """A 0-1 score of how much the coding is to be trusted, from its rule and its actors' origins:
    an ordering aid for a user who reviews events, not a calibrated probability."""
    kind = (item.rule or "verb").split(" ", 1)[0]
    if kind == "verb" and not item.rule.startswith("verb newsgraph") and not item.explicit:
        kind = "verb"
    score = RULE_WEIGHT.get(kind, 0.7)
    for actor in (item.source, item.target):
        score *= ORIGIN_WEIGHT.get(actor.origin if actor is not None else None, 0.7) if actor is not None else 0.85
    if item.modality is not None:
        score *= 0.9
    return round(score, 3)


def _anchor(trigger: Token) -> Token:
    """The verb whose clause holds the trigger's date: the light verb of "made a visit"."""
    if trigger.pos_ == "NOUN" and trigger.dep_ in ("dobj", "attr") and trigger.head.pos_ in ("VERB", "AUX"):
        return trigger.head
    return trigger


def _belongs(token: Token, trigger: Token) -> bool:
    """Is ``token`` in the trigger's own clause (no other verb between them)?"""
    anchor = _anchor(trigger)
    node = token
    for _ in range(12):
        if node.i in (trigger.i, anchor.i):
            return True
        if node.pos_ in ("VERB", "AUX") and node.dep_ not in ("aux", "auxpass") and node is not token:
            return False
        if node.head is node:
            return False
        node = node.head
    return False


def _token_at(doc: Doc, span: tuple[int, int]) -> Optional[Token]:
    found = doc.char_span(span[0], span[1], alignment_mode="expand")
    return found.root if found is not None and len(found) else None


def event_date(doc: Doc, trigger: Token) -> tuple[Optional[str], Optional[str]]:
    """(date, "text") from a date in the trigger's clause, else (publication date, "published")."""
    dates = doc._.ng_dates if doc.has_extension("ng_dates") else None
    sent = trigger.sent
    for timeref in dates or []:
        if not (sent.start_char <= timeref.span[0] < sent.end_char):
            continue
        value = timeref.value
        if timeref.type != "DATE" or not value or len(value) not in DATE_VALUE_LENGTHS or not value[:4].isdigit():
            continue
        token = _token_at(doc, timeref.span)
        if token is not None and _belongs(token, trigger):
            return value, "text"
    published = doc._.ng_published if doc.has_extension("ng_published") else None
    return (published, "published") if published else (None, None)


def event_place(doc: Doc, trigger: Token) -> Optional[str]:
    """The name of a place in the trigger's clause (not one used for its government)."""
    places = doc._.ng_places if doc.has_extension("ng_places") else None
    sent = trigger.sent
    for place in places or []:
        if not (sent.start_char <= place.span[0] < sent.end_char) or place.metonymy:
            continue
        token = _token_at(doc, place.span)
        if token is not None and token.dep_ == "pobj" and token.head.lower_ in ("in", "at", "near", "inside") and _belongs(token, trigger):
            return place.name
    return None


def _party(actor: Optional[Actor]) -> Optional[str]:
    if actor is None:
        return None
    return actor.entity or actor.code


def one_code_per_entity(events: list[Event]) -> list[Event]:
    """One person keeps one code across the article: the most specific code (country and agent)
    given to any mention of the entity, first on ties, replaces codes with less."""
    best: dict[str, str] = {}
    for event in events:
        for actor in (event.source, event.target):
            if actor is None or not actor.entity or not actor.code:
                continue
            current = best.get(actor.entity)
            if current is None or _specificity(actor.code) > _specificity(current):
                best[actor.entity] = actor.code
    for event in events:
        for actor in (event.source, event.target):
            if actor is not None and actor.entity in best and actor.code != best[actor.entity]:
                actor.code = best[actor.entity]
    return events


def _specificity(code: str) -> int:
    return (2 if has_country(code) else 0) + (1 if len(code) > 3 else 0)


def merge_duplicates(events: list[Event]) -> list[Event]:
    """One event per (source, target, root, date): a meeting told twice keeps both spans.

    Meetings are symmetric ("A met B" tells "B met A"), so a meeting told again with the parties
    the other way round merges too; the two directions coded from one trigger ("A and B met")
    both stay, as PETRARCH codes them."""
    kept: dict[tuple, Event] = {}
    for event in events:
        parties: Any = (_party(event.source), _party(event.target))
        key = (parties, event.root, event.date, event.negated, event.modality)
        first = kept.get(key)
        if first is None and event.root == "04":
            mirror = kept.get((parties[::-1], event.root, event.date, event.negated, event.modality))
            if mirror is not None and mirror.trigger != event.trigger:
                first = mirror
        if first is None:
            kept[key] = event
        elif event.span != first.span and event.span not in first.evidence:
            first.evidence.append(event.span)
    return list(kept.values())
