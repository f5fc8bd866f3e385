"""Code events from a spaCy dependency parse with a verb dictionary and an actor coder.

The trigger is a verb (or a noun such as "visit") found in the verb dictionary; its code is
the first of the entry's patterns whose words appear around it, else the entry's default.
The source is the subject (the ``by`` agent of a passive), the target the object, the
passive subject, or the object of a preposition. Each argument's noun phrase, with its
coordinated members, is turned into actor codes by an :class:`ActorCoder`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Optional, Protocol

from spacy.tokens import Doc, Span, Token

from newsgraph.extract.events.codebook import agent_part, has_country
from newsgraph.extract.events.dictionaries import Dictionaries, Element, Pattern, VerbEntry

SUBJECTS = {"nsubj", "nsubjpass", "csubj"}
OBJECTS = {"dobj", "dative", "obj", "attr", "oprd"}
# Prepositions that introduce a target, best first.
TARGET_PREPS = ("with", "to", "on", "upon", "against", "at", "toward", "towards", "into", "for", "from", "in", "about", "of", "between", "over")
NOMINAL_TARGET_PREPS = ("to", "with", "against", "on", "between", "of", "for", "in")
NEGATIONS = {"not", "n't", "never", "no"}
ARG_POS = {"NOUN", "PROPN", "PRON", "NUM", "X", "ADJ"}
SKIP_WORDS = {"'S", "'", "’S", ",", "(", ")", '"', "“", "”"}


@dataclass
class ActorRef:
    code: Optional[str]
    entity: Optional[str]
    name: str
    span: tuple[int, int]
    origin: Optional[str] = None  # where the code came from: "entity", "dictionary", "agent+country"


@dataclass
class RawEvent:
    trigger: Token
    trigger_end: int  # token index after the last word of the trigger phrase
    code: str
    source: Optional[ActorRef]
    target: Optional[ActorRef]
    negated: bool = False
    modality: Optional[str] = None
    explicit: bool = False  # the code came from a pattern that matched, not the default
    extra: dict = field(default_factory=dict)
    rule: str = ""  # what produced the code: "pattern CAMEO.2.0: ACCUSE * OF", "verb newsgraph: urge", ...
    worded: frozenset[int] = frozenset()  # token indices of the words the trigger's pattern matched


class ActorCoder(Protocol):
    def code_phrase(self, tokens: list[Token], head: Token) -> list[ActorRef]:
        """Actor codes for the words of one noun phrase (several for "Arnor and Gondor" members)."""


# ---------------------------------------------------------------- verb lookup


def token_words(token: Token) -> tuple[str, str]:
    return token.text.upper(), token.lemma_.upper()


def find_entry(token: Token, dictionaries: Dictionaries) -> Optional[tuple[VerbEntry, int, int]]:
    """The dictionary entry for ``token`` with the token span of its phrase (start, end)."""
    doc = token.doc
    text, lemma = token_words(token)
    best: Optional[tuple[VerbEntry, int, int]] = None
    for key in (text, lemma):
        for entry in dictionaries.verbs.get(key, ()):
            start = token.i - entry.head
            end = start + len(entry.words)
            if start < 0 or end > len(doc):
                continue
            if len(entry.words) > 1 and not _phrase_matches(doc, entry, start, token.i):
                phrasal = _particle_phrase(token, entry)
                if phrasal is None:
                    continue
                start, end = phrasal
            if best is None or len(entry.words) > len(best[0].words):
                best = (entry, start, end)
        if best is not None:
            return best
    return best


def _phrase_matches(doc: Doc, entry: VerbEntry, start: int, head_i: int) -> bool:
    for offset, word in enumerate(entry.words):
        i = start + offset
        if i == head_i:
            continue
        if word not in token_words(doc[i]):
            return False
    return True


def _particle_phrase(token: Token, entry: VerbEntry) -> Optional[tuple[int, int]]:
    """A phrasal verb split by its object ("cordoned the roads off") still counts."""
    if entry.head != 0:
        return None
    rest = list(entry.words[1:])
    children = [c for c in token.children if c.dep_ in ("prt", "prep", "advmod") and c.i > token.i]
    found = [c for c in children if c.text.upper() in rest]
    if len(found) != len(rest):
        return None
    return token.i, token.i + 1


# ---------------------------------------------------------------- patterns


# Patterns are matched on the words of tokens, (TEXT, LEMMA) in upper case, computed once per trigger.
Words = list[tuple[str, str]]


def _word_ok(words: tuple[str, str], word: str) -> bool:
    return word == words[0] or word == words[1]


def _match_seq(tokens: Words, elements: tuple[Element, ...], dictionaries: Dictionaries, start: int, taken: Optional[list[int]] = None) -> Optional[int]:
    """Match ``elements`` in order in ``tokens[start:]`` (gaps allowed unless joined); end index.
    ``taken`` collects the positions that the pattern's words and synonym sets matched."""
    if not elements:
        return start
    element, rest = elements[0], elements[1:]
    if element.kind in ("source", "target", "skip", "compound", "touch"):
        return _match_seq(tokens, rest, dictionaries, start, taken)
    positions = [start] if (element.joined and start > 0) else range(start, len(tokens))
    for position in positions:
        end = _match_one(tokens, element, dictionaries, position)
        if end is not None:
            mark = len(taken) if taken is not None else 0
            if taken is not None:
                taken.extend(range(position, end))
            found = _match_seq(tokens, rest, dictionaries, end, taken)
            if found is not None:
                return found
            if taken is not None:
                del taken[mark:]
    return None


def _match_one(tokens: Words, element: Element, dictionaries: Dictionaries, position: int) -> Optional[int]:
    if position >= len(tokens):
        return None
    if element.kind == "word":
        return position + 1 if _word_ok(tokens[position], element.value) else None
    for option in dictionaries.synsets.get(element.value, ()):
        end = position
        for word in option:
            if end >= len(tokens) or not _word_ok(tokens[end], word):
                break
            end += 1
        else:
            return end
    return None


def pattern_matches(pattern: Pattern, pre: Words, post: Words, dictionaries: Dictionaries, taken: Optional[tuple[list[int], list[int]]] = None) -> bool:
    """Do the pattern's words occur before and after the verb, in order? ``taken``: lists that
    receive the positions in ``pre`` and ``post`` that the pattern's words matched."""
    if pattern.post and _match_seq(post, pattern.post, dictionaries, 0, taken[1] if taken else None) is None:
        return False
    if not pattern.pre:
        return True
    elements = pattern.pre
    touch = elements[-1].kind == "touch"
    if touch:
        elements = elements[:-1]
    for begin in range(len(pre)):
        if taken:
            del taken[0][:]
        end = _match_seq(pre, elements, dictionaries, begin, taken[0] if taken else None)
        if end is not None and (not touch or end == len(pre)):
            return True
        if elements and elements[0].joined:
            break
    return False


def pattern_words(pattern: Pattern, pre: list[Token], post: list[Token], dictionaries: Dictionaries) -> frozenset[int]:
    """The token indices whose words a matching pattern used ("contribute * &CURRENCY" uses
    "swiss francs"): they are the event's wording, not one of its actors."""
    taken: tuple[list[int], list[int]] = ([], [])
    if not pattern_matches(pattern, [token_words(t) for t in pre], [token_words(t) for t in post], dictionaries, taken):
        return frozenset()
    return frozenset([pre[i].i for i in taken[0]] + [post[i].i for i in taken[1]])


# ---------------------------------------------------------------- actor positions ($ + ^)


def _element_spans(tokens: Words, elements: tuple[Element, ...], dictionaries: Dictionaries, start: int) -> Optional[list[Optional[tuple[int, int]]]]:
    """Where each element of a matching sequence lies in ``tokens``: (start, end) for its words
    and synonym sets, None for a marker; None when the sequence does not match from ``start``."""
    if not elements:
        return []
    element, rest = elements[0], elements[1:]
    if element.kind not in ("word", "synset"):
        tail = _element_spans(tokens, rest, dictionaries, start)
        return None if tail is None else [None, *tail]
    positions = [start] if (element.joined and start > 0) else range(start, len(tokens))
    for position in positions:
        end = _match_one(tokens, element, dictionaries, position)
        if end is not None:
            tail = _element_spans(tokens, rest, dictionaries, end)
            if tail is not None:
                return [(position, end), *tail]
    return None


def _after_noun_phrase(tokens: list[Token], position: int) -> int:
    """The position after the next noun phrase: what a ``^`` in a pattern skips."""
    while position < len(tokens) and tokens[position].pos_ not in ("NOUN", "PROPN", "PRON"):
        position += 1
    while position < len(tokens) and tokens[position].pos_ in ("NOUN", "PROPN", "PRON"):
        position += 1
    return position


def _nominals(tokens: list[Token]) -> list[Token]:
    return [t for t in tokens if t.pos_ in ("NOUN", "PROPN") and t.dep_ not in ("compound", "amod")]


def _marked_after(elements: tuple[Element, ...], spans: list[Optional[tuple[int, int]]], tokens: list[Token]) -> dict[str, list[Token]]:
    """After the verb, ``$``/``+`` is the noun phrase that follows the words before it, past
    the noun phrases that ``^`` skips ("warn * THEIR ^ ABOUT +": "warned their people about X" is X)."""
    found: dict[str, list[Token]] = {}
    position = 0
    for element, span in zip(elements, spans):
        if span is not None:
            position = span[1]
        elif element.kind == "skip":
            position = _after_noun_phrase(tokens, position)
        elif element.kind in ("source", "target"):
            found.setdefault(element.kind, _nominals(tokens[position:]))
    return found


def _marked_before(elements: tuple[Element, ...], spans: list[Optional[tuple[int, int]]], tokens: list[Token]) -> dict[str, list[Token]]:
    """Before the verb, ``$``/``+`` is the noun phrase nearest before the next word of the
    pattern, or before the verb ("receive + * MONEY $": the one who received is the target)."""
    found: dict[str, list[Token]] = {}
    for index, element in enumerate(elements):
        if element.kind not in ("source", "target"):
            continue
        begin = max((s[1] for s in spans[:index] if s is not None), default=0)
        end = min((s[0] for s in spans[index + 1 :] if s is not None), default=len(tokens))
        found.setdefault(element.kind, _nominals(tokens[begin:end])[::-1])
    return found


def marked_actors(pattern: Pattern, pre: list[Token], post: list[Token], dictionaries: Dictionaries) -> dict[str, list[Token]]:
    """Candidate heads, best first, of the source (``$``) and target (``+``) positions of a
    matching pattern; empty for a pattern without them."""
    if not any(e.kind in ("source", "target") for e in pattern.pre + pattern.post):
        return {}
    found: dict[str, list[Token]] = {}
    post_spans = _element_spans([token_words(t) for t in post], pattern.post, dictionaries, 0)
    if post_spans is not None:
        found.update(_marked_after(pattern.post, post_spans, post))
    elements = tuple(e for e in pattern.pre if e.kind != "touch")
    pre_words = [token_words(t) for t in pre]
    for begin in range(len(pre) + 1):
        pre_spans = _element_spans(pre_words, elements, dictionaries, begin)
        if pre_spans is not None:
            for kind, heads in _marked_before(elements, pre_spans, pre).items():
                found.setdefault(kind, heads)
            break
    return found


def choose_code(entry: VerbEntry, pre: list[Token], post: list[Token], dictionaries: Dictionaries) -> tuple[Optional[str], bool]:
    """The code of the first (longest) matching pattern, else the entry's default."""
    pattern = matching_pattern(entry, pre, post, dictionaries)
    return (pattern.code, True) if pattern is not None else (entry.code, False)


def matching_pattern(entry: VerbEntry, pre: list[Token], post: list[Token], dictionaries: Dictionaries) -> Optional[Pattern]:
    """The first (longest) of the entry's patterns whose words occur around the verb."""
    if not entry.patterns:
        return None
    pre_words, post_words = [token_words(t) for t in pre], [token_words(t) for t in post]
    present = {w for pair in pre_words + post_words for w in pair}
    for pattern in entry.patterns:
        if dictionaries.own_patterns and pattern.verb and pattern.verb not in entry.words:
            continue  # "telephone * (ON)" is not CALL's "call * (ON)"
        if not pattern.literals <= present:
            continue  # a word the pattern needs is not there: no need to match it
        if pattern_matches(pattern, pre_words, post_words, dictionaries):
            return pattern
    return None


def main_pattern_weight(choice: "Choice") -> int:
    return choice.weight


@dataclass
class Choice:
    """The entry a trigger was found in and the code it gives, with the rule that chose it."""

    entry: VerbEntry
    start: int
    end: int
    code: Optional[str]
    explicit: bool
    rule: str
    weight: int = 0  # words and synonym sets the matching pattern needed
    used: frozenset[int] = frozenset()  # token indices of the words the matching pattern used
    user: bool = False  # from a user's dictionary: its code stands as written (no modality recoding)
    marked: dict[str, list[Token]] = field(default_factory=dict)  # heads at the pattern's $ and + positions


# Dependents that hold a clause of their own: a pattern's words are never looked for inside them
# ("halted aid in line with efforts to end the fighting" is not "halt ... fighting").
CLAUSE_DEPS = {"ccomp", "xcomp", "advcl", "relcl", "acl", "conj", "parataxis", "csubj", "csubjpass", "appos", "cc"}


def clause_words(token: Token, root: Token) -> list[Token]:
    """The words of ``token``'s subtree that belong to ``root``'s clause, in order."""
    found = [token]
    for child in token.children:
        if child.dep_ in CLAUSE_DEPS or (child.pos_ in ("VERB", "AUX") and child.dep_ not in ("aux", "auxpass", "pcomp", "amod", "compound")):
            continue
        found.extend(clause_words(child, root))
    return found


def pattern_tokens(verb: Token, start: int, end: int) -> tuple[list[Token], list[Token]]:
    """The words a verb pattern is matched against, from the dependency parse: before the verb,
    its subject and the words that modify it ("did not"); after it, its objects, particles and
    prepositional phrases, without the clauses they hold. A noun trigger uses its own subtree."""
    pre: list[Token] = []
    post: list[Token] = []
    for child in verb.children:
        if child.dep_ in CLAUSE_DEPS or child.is_punct:
            continue
        words = clause_words(child, verb)
        (pre if child.i < verb.i else post).extend(words)
    pre = sorted((t for t in pre if t.i < start), key=lambda t: t.i)
    post = sorted((t for t in post if t.i >= end), key=lambda t: t.i)
    return pre, post


def choose(token: Token, found: tuple[VerbEntry, int, int], dictionaries: Dictionaries, parse_patterns: bool = True) -> Choice:
    entry, start, end = found
    if parse_patterns:
        pre, post = pattern_tokens(token, start, end)
    else:
        pre, post = clause_tokens(token)
        pre, post = [t for t in pre if t.i < start], [t for t in post if t.i >= end]
    pattern = matching_pattern(entry, pre, post, dictionaries)
    words = " ".join(entry.words).lower()
    if pattern is not None:
        rule = f"pattern {dictionaries.name}: {words} {pattern.text}".strip()
        used = pattern_words(pattern, pre, post, dictionaries)
        return Choice(entry, start, end, pattern.code, True, rule, pattern.weight, used, marked=marked_actors(pattern, pre, post, dictionaries))
    if entry.block == "noun":  # newsgraph's nominal triggers
        return Choice(entry, start, end, entry.code, False, f"noun newsgraph: {words}")
    return Choice(entry, start, end, entry.code, False, f"verb {dictionaries.name}: {words}")


# ---------------------------------------------------------------- arguments


def clause_tokens(verb: Token) -> tuple[list[Token], list[Token]]:
    """Words before the verb in its sentence, and after it within its own subtree."""
    sent, doc = verb.sent, verb.doc
    right = min(max(verb.right_edge.i, verb.i), sent.end - 1)
    return list(doc[sent.start : verb.i]), list(doc[verb.i + 1 : right + 1])


def is_passive(verb: Token) -> bool:
    """"was attacked by", and a participle with a ``by`` agent ("Rebuked by Eriador, Osgiliath ...")."""
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children):
        return True
    return verb.tag_ == "VBN" and verb.dep_ in ("advcl", "acl", "conj") and agent_of(verb) is not None


def subject_of(verb: Token, depth: int = 0) -> Optional[Token]:
    """The grammatical subject, inherited through conjunctions, xcomp, "is about to" and participles."""
    for child in verb.children:
        if child.dep_ in ("nsubj", "csubj", "nsubjpass"):
            if child.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
                return verb.head  # "Iraq, which receives ..."
            return child
    if depth > 5 or verb.head.i == verb.i:  # the root is its own head
        return None
    head = verb.head
    if verb.dep_ == "xcomp" and head.lemma_ in OBJECT_CONTROL:
        for child in head.children:  # "urged Bree to help": Bree helps
            if child.dep_ == "dobj":
                return child
    if verb.dep_ in ("conj", "xcomp", "acomp", "advcl", "pcomp", "ccomp") and head.pos_ in ("VERB", "AUX", "ADJ"):
        if verb.dep_ == "ccomp" and head.pos_ != "ADJ":
            return None
        return subject_of(head, depth + 1)
    if verb.dep_ in ("relcl", "acl") and head.pos_ in ("NOUN", "PROPN", "PRON"):
        return head
    if verb.dep_ == "pcomp" and head.pos_ == "ADP":  # "after meeting X, he ..."
        node = head
        for _ in range(4):
            if node.head is node:
                return None
            node = node.head
            if node.pos_ in ("VERB", "AUX"):
                return subject_of(node, depth + 1)
    return None


RELATIVE_PRONOUNS = {"which", "who", "that", "whom"}
OBJECT_CONTROL = {"urge", "ask", "call", "order", "force", "tell", "invite", "press", "pressure", "persuade", "encourage", "help", "allow", "permit", "warn", "request", "advise", "instruct", "compel", "direct"}


# "Vietnam is committed to", "Israel is opposed to": a state of the subject, not done to it.
STATIVE_PASSIVES = {"commit", "oppose", "prepare", "determine", "resolve", "dedicate", "pledge", "bind", "obligate"}


def agent_of(verb: Token) -> Optional[Token]:
    for child in verb.children:
        if child.dep_ == "agent":
            for grandchild in child.children:
                if grandchild.dep_ == "pobj":
                    return grandchild
    return None


def prep_objects(token: Token, preps: Iterable[str]) -> list[Token]:
    """Objects of the token's prepositions, in the order of ``preps``."""
    found = []
    by_prep: dict[str, Token] = {}
    for child in token.children:
        if child.dep_ in ("prep", "dative") and child.lower_ in preps:
            for grandchild in child.children:
                if grandchild.dep_ == "pobj":
                    by_prep.setdefault(child.lower_, grandchild)
    for prep in preps:
        if prep in by_prep:
            found.append(by_prep[prep])
    return found


def verb_arguments(verb: Token) -> tuple[Optional[Token], list[Token]]:
    """(source head, candidate target heads, best first) of a verbal trigger."""
    if is_passive(verb) and not (verb.lemma_.lower() in STATIVE_PASSIVES and agent_of(verb) is None):
        source = agent_of(verb)
        targets = [c for c in verb.children if c.dep_ == "nsubjpass"]
        if not targets and verb.dep_ in ("advcl", "acl", "conj"):  # the participle's subject is its head's
            inherited = verb.head if verb.dep_ == "acl" else subject_of(verb.head)
            targets = [inherited] if inherited is not None else []
        return source, targets + prep_objects(verb, TARGET_PREPS)
    source = subject_of(verb)
    targets = []
    for child in verb.children:
        if child.dep_ in OBJECTS and child.i > verb.i:  # "condemned an attack by Osgiliath soldiers"
            targets += phrase_heads(child)
    targets += prep_objects(verb, TARGET_PREPS)
    for child in verb.children:  # "called on Baghdad to form ..."
        if child.dep_ == "prt":
            targets += prep_objects(child, TARGET_PREPS)
    return source, targets


def phrase_heads(token: Token) -> list[Token]:
    """Nominal heads inside ``token``'s subtree, in reading order (the object's own head first)."""
    return [t for t in token.subtree if t.pos_ in ("NOUN", "PROPN", "PRON") and t.dep_ not in ("compound", "poss", "amod", "nmod")]


def noun_arguments(noun: Token) -> tuple[Optional[Token], list[Token]]:
    """(source head, target heads) of a nominal trigger ("Mahdi's visit to Tehran", "support from Washington")."""
    source = None
    for child in noun.children:
        if child.dep_ == "poss":
            source = child
    if source is None:
        by = prep_objects(noun, ("by", "from"))
        source = by[0] if by else None
    targets = prep_objects(noun, NOMINAL_TARGET_PREPS)
    head = noun.head
    if source is None and noun.dep_ in ("dobj", "nsubjpass", "pobj") and head.pos_ in ("VERB", "AUX"):
        if head.lemma_ in RECEIVE_VERBS:  # "Iraq receives support from Washington"
            source_list = prep_objects(noun, ("from",)) or prep_objects(head, ("from",))
            source = source_list[0] if source_list else None
            target = subject_of(head)
            return source, ([target] if target is not None else []) + targets
        source = subject_of(head) if not is_passive(head) else agent_of(head)
        targets += prep_objects(head, TARGET_PREPS)
    if source is None and noun.dep_ == "pobj" and head.dep_ == "prep" and head.head.pos_ in ("VERB", "AUX"):
        source = subject_of(head.head)  # "after meeting with Mahdi, the leader said"
    return source, targets


RECEIVE_VERBS = {"receive", "get", "accept", "obtain", "win", "secure"}


# ---------------------------------------------------------------- noun phrases


def conjuncts(head: Token) -> list[Token]:
    """The head and its coordinated members ("Gondor and Osgiliath")."""
    members = [head]
    for child in head.children:
        if child.dep_ == "conj" and child.pos_ in ARG_POS:
            members.extend(conjuncts(child))
        elif child.dep_ == "appos" and child.pos_ == "PROPN" and head.pos_ == "PROPN" and any(c.dep_ == "conj" for c in child.children):
            members.extend(conjuncts(child))  # "Mordor, the Shire, Fornost and Bree": a list read as an apposition
    return members


def phrase_tokens(head: Token) -> list[Token]:
    """The words of one member of a noun phrase: its modifiers, not its clauses or conjuncts."""
    keep = [head]
    for child in head.children:
        if child.dep_ in ("conj", "cc", "relcl", "acl", "punct", "appos", "prep", "advcl", "case") and child.dep_ != "case":
            continue
        keep.extend(child.subtree)
    for child in head.children:
        if child.dep_ == "case":
            keep.append(child)
    return sorted(keep, key=lambda t: t.i)


def phrase_actors(head: Token, coder: ActorCoder, depth: int = 0, used: frozenset[int] = frozenset()) -> list[ActorRef]:
    """Actor codes of every member of the noun phrase headed by ``head``, without the words in
    ``used`` (a verb pattern's own words)."""
    members = conjuncts(head)
    actors, shared = _shared_place(members, coder, depth) if len(members) > 1 and depth == 0 else ([], set())
    for member in members:
        if member.i in shared:
            continue
        # without the pattern's words: "expel * DIPLOMATS" leaves "two Russian" of "two Russian diplomats"
        words = [t for t in phrase_tokens(member) if t.i not in used] if used else phrase_tokens(member)
        if member.lemma_.lower() in COUNTERPARTS:  # "Israel's militia ally" is not Israel
            owners = {t.i for c in member.children if c.dep_ == "poss" for t in c.subtree}
            words = [t for t in words if t.i not in owners]
        found = coder.code_phrase(words, member) if words else []
        if member.i in used:  # what is left must name an actor itself: "a general" of "a general strike" does not
            found = [a for a in found if has_country(a.code) and a.origin != "agent+country"]
            if not found:  # else the deed is its doer's: "condemn * KILLING": "the killing of civilians by soldiers"
                doers = prep_objects(member, ("by",)) if depth < 2 else []
                actors.extend(phrase_actors(doers[0], coder, depth + 1) if doers else [])
                continue
        if not any(has_country(a.code) for a in found):  # a name with "of": "the Prince of Dol Amroth"
            found = _name_with_of(member, words, coder) or found
        if not found:  # "Kenzo Oshima, the United Nations coordinator"
            for child in member.children:
                if child.dep_ == "appos":
                    found = coder.code_phrase(phrase_tokens(child), child)
                    break
        if found and depth < 2 and getattr(coder, "residents_by_place", False) and member.tag_ in ("NNPS", "NNS"):
            found = _residents(member, found, coder)
        # a country guessed from the context yields to the phrase's own place ("lawmakers in France")
        needs_country = not any(has_country(a.code) and a.origin != "agent+country" for a in found)
        if needs_country and depth < 2:
            inner: list[ActorRef] = []
            preps: tuple[str, ...] = OWNER_PREPS if found else DEED_PREPS
            if member.lemma_.lower() in COUNTERPARTS:  # "an ally of Israel in Lebanon": where, not whose
                preps = tuple(p for p in preps if p != "of")
            for obj in prep_objects(member, preps):
                inner = phrase_actors(obj, coder, depth + 1)
                if inner:
                    break
            if inner:
                found = combine_with_agents(found, inner)
        actors.extend(found)
    unique: dict[Optional[str], ActorRef] = {}
    for actor in actors:
        unique.setdefault(actor.code, actor)
    return list(unique.values())


# Where a phrase without a country of its own finds one. An agent takes the country of its
# place or its "of" phrase ("lawmakers in Gondor", "troops from Chad"). A noun that names no
# actor ("an attack", "disputes") is its doer's: its "by" phrase ("an attack by Osgiliath
# soldiers"); the place where it happened ("in south Ithilen") is not who did it.
OWNER_PREPS = ("of", "from", "in", "for")
# Nouns of a relation to another party: whose ally or rival an actor is does not make it theirs.
COUNTERPARTS = {"ally", "rival", "foe", "enemy", "adversary", "opponent", "neighbour", "neighbor", "critic", "proxy"}
DEED_PREPS = ("by", "of", "from", "for")


def _shared_place(members: list[Token], coder: ActorCoder, depth: int) -> tuple[list[ActorRef], set[int]]:
    """"Lawmakers and officials in Fornost and Gondor": the parse hangs the place on the first
    noun and the second country on the list, but each office is in each place. Returns the
    actors and the members they stand for."""
    for member in members:
        places = [obj for obj in prep_objects(member, ("in", "of", "from")) if obj.pos_ == "PROPN"]
        if not places:
            continue
        place = places[0]
        offices = [m for m in members if m.pos_ == "NOUN" and m.i < place.i]
        later = [m for m in members if m.pos_ == "PROPN" and m.i > place.i]
        if not offices or len(offices) + len(later) < 2:
            return [], set()
        found = [a for p in conjuncts(place) + later for a in phrase_actors(p, coder, depth + 1)]
        agents = [a for m in offices for a in coder.code_phrase(phrase_tokens(m), m) if agent_part(a.code)]
        if not agents or not all(len(a.code or "") == 3 for a in found):
            return [], set()
        return combine_with_agents(agents, found), {m.i for m in offices + later}
    return [], set()


def _name_with_of(member: Token, words: list[Token], coder: ActorCoder) -> list[ActorRef]:
    """The actor a dictionary names whole with its "of" phrase ("the Prince of Dol Amroth")."""
    whole = getattr(coder, "whole_name", None)
    if whole is None:
        return []
    for child in member.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            extended = sorted(words + list(child.subtree), key=lambda t: t.i)
            if extended[-1].i - extended[0].i + 1 == len(extended):  # contiguous words only
                found = whole(extended)
                return [found] if found is not None else []
    return []


def _residents(member: Token, found: list[ActorRef], coder: ActorCoder) -> list[ActorRef]:
    """"ethnic Albanians in Serbia" are coded by where they live, as CAMEO codes residents."""
    for obj in prep_objects(member, ("in", "of")):
        places = phrase_actors(obj, coder, 2)
        if len(places) == 1 and places[0].code and len(places[0].code) == 3 and places[0].code != (found[0].code or "")[:3]:
            return [ActorRef(places[0].code + agent_part(a.code), a.entity, a.name, a.span, a.origin) for a in found]
    return found


def combine_with_agents(agents: list[ActorRef], countries: list[ActorRef]) -> list[ActorRef]:
    """"ambassadors of Arnor and Gondor": each country with the head's agent code."""
    if not agents:
        return countries
    combined = []
    for country in countries:
        for agent in agents:
            suffix = agent_part(agent.code)
            code = country.code or "---"
            if suffix and not code.endswith(suffix):
                code += suffix
            combined.append(ActorRef(code, country.entity or agent.entity, country.name if not agent.entity else agent.name, agent.span, country.origin))
    return combined


# ---------------------------------------------------------------- actor coders


def stance_modifier(tokens: list[Token], index: int) -> bool:
    """"pro-Iranian", "anti-Syria": a country the actor is for or against, not its own."""
    token = tokens[index]
    if token.lower_.startswith(("pro-", "anti-")):
        return True
    before = tokens[index - 2 : index] if index >= 2 else []
    return len(before) == 2 and before[0].lower_ in ("pro", "anti") and before[1].text == "-"


class DictionaryActorCoder:
    """Actors from PETRARCH actor and agent dictionaries: "Arnor's foreign minister" -> ARNGOVFRM."""

    def __init__(self, dictionaries: Dictionaries, day: Optional[int] = None) -> None:
        self.dictionaries = dictionaries
        self.day = day

    def whole_name(self, tokens: list[Token]) -> Optional[ActorRef]:
        return whole_name_code(self.dictionaries, self.day, tokens)

    def code_phrase(self, tokens: list[Token], head: Token) -> list[ActorRef]:
        kept = [t for i, t in enumerate(tokens) if not stance_modifier(tokens, i)]
        words = [(t, word) for t in kept if t.text.upper() not in SKIP_WORDS and not t.is_punct for word in name_words(t)]
        actors: list[tuple[str, Token]] = []
        prefixes: list[str] = []
        suffixes: list[str] = []
        index = 0
        d = self.dictionaries
        while index < len(words):
            step = 1
            for size in (n for n in d.phrase_lengths(words[index][1]) if n <= len(words) - index):
                key = " ".join(w for _, w in words[index : index + size])
                if key in d.discards:
                    return []
                entry = d.actors.get(key)
                if entry is not None:
                    code = entry.code_on(self.day)
                    if code:
                        actors.extend((c, words[index][0]) for c in code.split("/") if c)
                    step = size
                    break
                agent = d.agents.get(key)
                if agent is not None:
                    code = agent.replace("~", "")
                    (prefixes if agent.endswith("~") else suffixes).append(code)
                    step = size
                    break
            index += step
        if any(word in ("FORMER", "EX") for _, word in words):  # "former Gondor prosecutors": GONELI
            prefixes, suffixes = _former(prefixes), _former(suffixes)
        return _assemble(actors, prefixes, suffixes, tokens, head)


# CAMEO's elites (ELI) are former officials: a former minister, general or judge holds no office.
OFFICES = {"GOV", "MIL", "LEG", "JUD", "COP", "SPY"}


def _former(agents: list[str]) -> list[str]:
    """Agent codes of a "former" holder: their offices become ELI, once."""
    changed = ["ELI" if code in OFFICES else code for code in agents]
    return [code for index, code in enumerate(changed) if code != "ELI" or "ELI" not in changed[:index]]


def name_words(token: Token) -> list[str]:
    """The upper-case words of a token as the actor dictionaries write them: an underscore joins
    the words of one name ("Dol_Amroth" is DOL AMROTH, as the dictionaries' DOL_AMROTH is)."""
    text = token.text.upper()
    return [part for part in text.split("_") if part] if "_" in text else [text]


def whole_name_code(dictionaries: Dictionaries, day: Optional[int], tokens: list[Token]) -> Optional[ActorRef]:
    """The actor whose dictionary entry is all of ``tokens`` (a leading "the" aside), if one."""
    words = [word for t in tokens if not t.is_punct for word in name_words(t)]
    if words and words[0] == "THE":
        words = words[1:]
    entry = dictionaries.actors.get(" ".join(words)) if words else None
    code = entry.code_on(day) if entry is not None else None
    if not code or not has_country(code.split("/")[0]):
        return None
    name = "".join(t.text_with_ws for t in tokens).strip()
    return ActorRef(code.split("/")[0], None, name, (tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)), "dictionary")


def _assemble(actors: list[tuple[str, Token]], prefixes: list[str], suffixes: list[str], tokens: list[Token], head: Token) -> list[ActorRef]:
    span = (tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)) if tokens else (head.idx, head.idx + len(head.text))
    name = "".join(t.text_with_ws for t in tokens).strip() if tokens else head.text
    if not actors and not prefixes and not suffixes:
        return []
    if not actors:
        if prefixes:
            return [ActorRef("".join(prefixes) + "".join(suffixes), None, name, span, "dictionary")]
        return [ActorRef("---" + "".join(suffixes), None, name, span, "dictionary")]
    results = []
    for code, _ in actors:
        full = "".join(p for p in prefixes if not code.startswith(p)) + code
        for suffix in suffixes:
            if not full.endswith(suffix):
                full += suffix
        results.append(ActorRef(full, None, name, span, "dictionary"))
    return results


# ---------------------------------------------------------------- coding


@dataclass
class CoderOptions:
    """How much of the English around a trigger the coder interprets itself."""

    nouns: dict[str, str] = field(default_factory=dict)  # nominal triggers, lemma -> code
    interpret_modality: bool = False  # recode intent ("plans to visit") and refusal
    require_source: bool = True  # PETRARCH's rule; newsgraph keeps "X was arrested" without one
    verbs_only: bool = True
    # newsgraph's own lexicon, consulted where the main verb dictionary has no pattern that matches
    fallback: Optional[Dictionaries] = None
    # both actors coded, except for the codes that CAMEO defines without a counterpart (ONE_SIDED)
    require_both: bool = False
    one_event_per_clause: bool = False  # a noun trigger yields to the verb of its clause
    preferred: Optional[Dictionaries] = None  # a user's verbs: their code stands, pattern or default
    min_pattern_weight: int = 2  # words a main-dictionary pattern must match to beat newsgraph's lexicon
    parse_patterns: bool = True  # match verb patterns in the verb's own phrase (False: the rest of the sentence, as TABARI)


REPORTING = {"say", "tell", "report", "add", "note", "state", "announce", "claim", "quote", "write", "insist", "declare",
             "reiterate", "repeat", "stress", "emphasize", "emphasise", "assert", "argue", "conclude"}
# CAMEO codes whose action needs no counterpart: protests and strikes (aimed at the actor's own
# country when no one is named), de-escalation declared unilaterally (ceasefire, withdrawal,
# demobilization), a change of leadership (resigning), shows of force (mobilizing), and
# investigations, whose object is often a matter ("a hearing into the legality of ...").
ONE_SIDED = ("14", "0831", "087", "15", "09")
# Codes whose compound source acts with itself: "A and B met / agreed / cooperated".
SYMMETRIC_ROOTS = {"03", "04", "05", "06"}
# Violence whose perpetrator a news sentence often leaves unnamed (assault, fight, mass violence).
UNNAMED_ATTACKER_ROOTS = {"18", "19", "20"}
# What kills without anyone acting: diseases, nature, accidents. "A cholera outbreak killed 14
# people", "floods killed 20", "killed in a bus crash" are no one's attack; a blast, explosion
# or fire is an attack only with a weapon named ("a car bomb blast", "mortar fire").
NON_HUMAN_CAUSES = {
    "outbreak", "epidemic", "pandemic", "disease", "virus", "infection", "illness", "cholera", "malaria", "ebola",
    "measles", "flu", "influenza", "fever", "covid", "coronavirus", "dengue", "meningitis",
    "storm", "flood", "flooding", "floodwater", "rain", "rainfall", "downpour", "earthquake", "quake", "tremor",
    "landslide", "mudslide", "cyclone", "hurricane", "typhoon", "tornado", "drought", "famine", "heat", "heatwave",
    "cold", "wildfire", "fire", "blaze", "avalanche", "tsunami", "lightning", "eruption", "weather", "snow",
    "accident", "crash", "collision", "derailment", "stampede", "blast", "explosion", "collapse", "capsize", "sinking",
}
# CAMEO's mobilization codes are about armed forces (154) and police (153): "deploying rapid
# response teams", "mobilized volunteers", "deployed aid" mobilize no one armed.
MOBILIZATION_CODES = ("153", "154")
ARMED_FORCE_WORDS = {
    "troop", "troops", "soldier", "force", "forces", "army", "military", "navy", "marine", "marines", "police",
    "policeman", "policemen", "gendarme", "gendarmerie", "reservist", "reserve", "reinforcement", "peacekeeper",
    "battalion", "brigade", "regiment", "division", "unit", "units", "warship", "ship", "submarine", "carrier",
    "destroyer", "frigate", "fleet", "tank", "artillery", "jet", "warplane", "fighter", "bomber", "missile",
    "paratrooper", "commando", "guard", "militia", "militiaman", "conscript", "infantry", "armour", "armor",
}
WEAPON_WORDS = {"bomb", "bombing", "suicide", "grenade", "rocket", "mortar", "missile", "artillery", "shell", "sniper",
                "ied", "mine", "landmine", "explosive", "gun", "tank", "air", "drone", "arson", "terror", "terrorist"}
# Verbs that carry their noun's event ("held talks", "launched an attack", "made a visit").
LIGHT_VERBS = {"organize", "organise", "call", "make", "hold", "launch", "carry", "conduct", "pay", "begin", "start", "stage", "mount", "have", "take", "undertake", "give", "offer", "provide", "extend", "announce", "issue", "impose", "declare", "order", "open"}


def code_sentence(sent: Span, dictionaries: Dictionaries, actors: ActorCoder, options: CoderOptions) -> list[RawEvent]:
    """Every event whose trigger lies in ``sent``, without sentences the dictionaries discard."""
    if dictionaries.discards and _discarded(sent, dictionaries):
        return []
    events: list[RawEvent] = []
    for token in sent:
        choice = select_trigger(token, dictionaries, options)
        if choice is None:
            continue
        events.extend(e for e in code_trigger(token, choice, dictionaries, actors, options) if e.source is not None or (not options.require_source and e.target is not None))
    if options.interpret_modality:
        events = [e for e in events if not planned(e.trigger) and not appealed_for(e.trigger)]
        events.extend(reported_demands(sent, actors, {e.trigger.i for e in events}))
    if options.require_both:  # before the rules below, so that a verb yields only to a coded event
        events = [e for e in events if both_coded(e)]
    events = drop_worded(events)
    if options.interpret_modality:
        events = drop_governing(events)
    reported = [e for e in events if e.trigger.lemma_.lower() in REPORTING]
    if reported and len(reported) < len(events):  # "X did Y, an official said": Y is the event
        events = [e for e in events if e.trigger.lemma_.lower() not in REPORTING]
    if options.one_event_per_clause:
        events = one_per_clause(events)
    return events


def drop_worded(events: list[RawEvent]) -> list[RawEvent]:
    """A word that another event's pattern matched is that event's wording, not an event of its
    own: "believed linked to Al-Qaeda" matched "believe * LINKED", so "linked" is not coded, nor
    "withdrawal" in "demanded the withdrawal". A light verb's noun ("made a visit") is the event
    itself: :func:`one_per_clause` decides between them."""
    worded = {i for e in events if e.trigger.lemma_.lower() not in LIGHT_VERBS for i in e.worded}
    return [e for e in events if e.trigger.i not in worded]


def both_coded(event: RawEvent) -> bool:
    """Source and target coded, or a code CAMEO defines without a target and a coded source;
    or violence done to a coded target by someone the sentence does not name ("three soldiers
    were killed by a roadside bomb"): the act is coded with the source left empty."""
    if event.source is None or not has_country(event.source.code):
        unnamed_attacker = event.source is None and event.code[:2] in UNNAMED_ATTACKER_ROOTS and event.trigger.pos_ != "NOUN"
        return unnamed_attacker and event.target is not None and has_country(event.target.code)
    if event.target is not None and has_country(event.target.code):
        return True
    return event.target is None and event.code.startswith(ONE_SIDED)


def clause_verb(token: Token) -> Optional[Token]:
    """The verb whose clause holds a noun trigger ("visit" in "made a visit", "attack" in "condemned the attack")."""
    node = token
    for _ in range(8):
        if node.head is node:
            return None
        node = node.head
        if node.pos_ in ("VERB", "AUX"):
            return node
    return None


def one_per_clause(events: list[RawEvent]) -> list[RawEvent]:
    """One trigger per clause: a noun trigger gives way to an event of its clause's verb, except
    where the verb only carries it ("held talks"): then the noun's code stands for the verb's."""
    verbal = {e.trigger.i for e in events if e.trigger.pos_ != "NOUN"}
    light = set()
    for event in events:
        if event.trigger.pos_ != "NOUN":
            continue
        verb = clause_verb(event.trigger)
        carrier = verb is not None and verb.lemma_.lower() in LIGHT_VERBS | RECEIVE_VERBS  # "receives support from"
        if carrier and verb is not None and verb.i in verbal and event.trigger.dep_ in ("dobj", "attr", "nsubjpass"):
            light.add(verb.i)
    kept = []
    for event in events:
        if event.trigger.pos_ == "NOUN":
            verb = clause_verb(event.trigger)
            if verb is not None and verb.i in verbal and verb.i not in light:
                continue
        elif event.trigger.i in light:
            continue
        kept.append(event)
    return kept


def _discarded(sent: Span, dictionaries: Dictionaries) -> bool:
    """Does the sentence hold a discard phrase, as tokens or as written ("hat-trick" is three tokens)?"""
    tokens = [t.text.upper() for t in sent]
    written = [w.strip(".,;:!?\"'()[]") for w in sent.text.upper().split()]
    for words in (tokens, written):
        for start, word in enumerate(words):
            for size in dictionaries.phrase_lengths(word):
                if start + size <= len(words) and " ".join(words[start : start + size]) in dictionaries.discards:
                    return True
    return False


def _trigger(token: Token, dictionaries: Dictionaries, options: CoderOptions) -> Optional[tuple[VerbEntry, int, int]]:
    if token.pos_ in ("VERB", "AUX") or token.tag_.startswith("VB"):
        if token.pos_ == "AUX" and token.dep_ in ("aux", "auxpass"):
            return None
        return find_entry(token, dictionaries)
    if token.pos_ == "NOUN" and options.nouns:
        code = options.nouns.get(token.lemma_.lower())
        for child in token.children:  # "mediation effort", "war games", "peace talks"
            if code is None and child.dep_ == "compound" and child.i == token.i - 1:
                code = options.nouns.get(f"{child.lemma_.lower()} {token.lemma_.lower()}") or options.nouns.get(child.lemma_.lower())
        if code is None:
            return None
        return VerbEntry(words=(token.lemma_.upper(),), head=0, code=code, patterns=[], block="noun"), token.i, token.i + 1
    return None


def select_trigger(token: Token, dictionaries: Dictionaries, options: CoderOptions) -> Optional[Choice]:
    """The code of ``token`` as a trigger: a pattern of the main dictionary that matches, else
    newsgraph's lexicon (``options.fallback``), else the main dictionary's default for the verb."""
    if options.preferred is not None:
        own = _trigger(token, options.preferred, CoderOptions())
        if own is not None:  # a user's verb: its patterns matched as its format intends, its code kept
            found = choose(token, own, options.preferred, parse_patterns=False)
            found.user = True
            return found
    entry = _trigger(token, dictionaries, options)
    main = choose(token, entry, dictionaries, options.parse_patterns) if entry is not None else None
    if main is not None and main.explicit and (options.fallback is None or main_pattern_weight(main) >= options.min_pattern_weight):
        return main
    if options.fallback is not None:
        backup = _trigger(token, options.fallback, CoderOptions())
        if backup is not None:
            return choose(token, backup, options.fallback, options.parse_patterns)
    return main


def code_trigger(token: Token, choice: Choice, dictionaries: Dictionaries, coder: ActorCoder, options: CoderOptions) -> list[RawEvent]:
    code, explicit, end = choice.code, choice.explicit, choice.end
    _, post = clause_tokens(token)
    post = [t for t in post if t.i >= end]
    if not code:
        return []
    nominal = token.pos_ == "NOUN"
    source_head, target_heads = noun_arguments(token) if nominal else verb_arguments(token)
    sources = phrase_actors(source_head, coder) if source_head is not None else []
    if options.interpret_modality and not choice.user and code.startswith(MOBILIZATION_CODES) and not armed_forces_named(token, source_head, target_heads, coder):
        return []  # "we are deploying rapid response teams": doctors, not troops
    if not sources and code[:2] in UNNAMED_ATTACKER_ROOTS and not nominal and killed_by_no_one(token, source_head):
        return []  # "a cholera outbreak killed 14 people": no attacker, named or unnamed
    if not sources and code[:2] in UNNAMED_ATTACKER_ROOTS and hasattr(coder, "unidentified_attacker"):
        unnamed = coder.unidentified_attacker(token)  # violence by someone the sentence does not name
        sources = [unnamed] if unnamed is not None else []
    if len(sources) >= 2 and code[:2] in SYMMETRIC_ROOTS:  # "Iran and Iraq met in Geneva": a place, not a party
        target_heads = [h for h in target_heads if not (h.dep_ == "pobj" and h.head.lower_ in ("in", "at", "near"))]
    if not sources and source_head is not None and source_head.pos_ == "PRON":
        speaker = reporting_subject(token)  # "Iraq said it would allow ...": it is Iraq
        sources = phrase_actors(speaker, coder) if speaker is not None else []
    targets: list[ActorRef] = []
    source_keys = {(a.span, a.code) for a in sources}
    source_countries = {(a.code or "")[:3] for a in sources}
    fallback: list[ActorRef] = []
    used = choice.used
    for head in target_heads:
        if source_head is not None and head.i == source_head.i:
            continue
        targets = [a for a in phrase_actors(head, coder, used=used) if (a.span, a.code) not in source_keys]
        if targets and {(a.code or "")[:3] for a in targets} <= source_countries and all(own_apparatus(a) for a in targets):
            # "Britain mobilized its reservists against Iraq": Iraq. An unnamed group of the
            # source's own country is a target only of domestic events (protests, arrests).
            # The state's organs are its own only to the state: an opposition accuses its government.
            if not fallback and (code[:2] in ("14", "17") or any(a.entity for a in targets) or not all(own_apparatus(a) for a in sources)):
                fallback = targets
            targets = []
            continue
        if targets:
            break
    targets = targets or fallback
    objects = [c for c in token.children if c.dep_ == "dobj"]
    if not targets and objects and token.dep_ == "conj" and not nominal:
        # "warned Iraq ... and urged its neighbor": an unnamed object is the first verb's
        for head in (c for c in token.head.children if c.dep_ == "dobj"):
            targets = phrase_actors(head, coder)
    elif not targets and not nominal and not (len(sources) >= 2 and code[:2] in SYMMETRIC_ROOTS):
        # PETRARCH's fallback: the first actor after the verb
        source_span = {t.i for t in source_head.subtree} if source_head is not None else set()
        # newsgraph's reading; PETRARCH's own coding (a user's dictionaries alone) takes any actor
        modifiers = _modifiers_of_non_actors(post, coder) if options.interpret_modality else set()
        if options.interpret_modality and token.lemma_.lower() in REPORTING:  # what is said is not whom it is said to
            modifiers |= {t.i for c in token.children if c.dep_ in ("ccomp", "parataxis") for t in c.subtree}
        for head in (t for t in post if t.pos_ in ("NOUN", "PROPN") and t.i not in source_span and t.i not in used and t.dep_ not in ("compound", "poss", "amod")):
            if head.i in modifiers:  # "said that an outbreak in the county of Turkana ...": where, not whom
                continue
            targets = [a for a in phrase_actors(head, coder, used=used) if (a.span, a.code) not in source_keys]
            own = targets and {(a.code or "")[:3] for a in targets} <= source_countries and not any(a.entity for a in targets)
            own = own and all(own_apparatus(a) for a in targets)
            if own and code[:2] not in ("14", "17"):  # "France will contribute 4,000 troops": its own, not a target
                targets = []
                continue
            if targets:
                break
    sources = _marked(choice, "source", coder) or sources
    targets = _marked(choice, "target", coder) or targets
    negated = (not explicit) and is_negated(token)
    modality = None
    if options.interpret_modality and not choice.user:
        code, modality = recode_modality(token, code)
        negated = negated or (modality is not None and token.head is not token and is_negated(token.head))
        if modality == "demand":  # "Russia said Sudan must return it": Russia demands, of Sudan
            speaker = reporting_subject(token)
            if speaker is not None:
                targets, sources = _addressees(token, sources, coder), phrase_actors(speaker, coder)
        code = by_perpetrator(code, sources)
    primary, _, reciprocal = code.partition(":")
    if options.interpret_modality and not targets and sources and primary[:3] in DOMESTIC and sources[0].code:
        # a protest, strike or curfew with no one named is aimed at its own country
        actor = sources[0]
        targets = [ActorRef(actor.code[:3], None, actor.name, actor.span, actor.origin)] if has_country(actor.code) else []
    events: list[RawEvent] = []
    for source, target in pairs(sources, targets, primary or reciprocal):
        if primary:
            events.append(RawEvent(token, end, primary, source, target, negated, modality, explicit, rule=choice.rule, worded=choice.used))
        if reciprocal and target is not None:
            events.append(RawEvent(token, end, reciprocal, target, source, negated, modality, explicit, rule=choice.rule, worded=choice.used))
    return events


def armed_forces_named(trigger: Token, source_head: Optional[Token], target_heads: list[Token], coder: ActorCoder) -> bool:
    """Does the subject or an object of a mobilization name armed forces or police ("deployed
    500 soldiers", "Kenyan troops deployed", "mobilized the Kenya Defence Forces")?"""
    heads = [source_head] if source_head is not None else []
    heads += [c for c in trigger.children if c.dep_ in OBJECTS] + target_heads
    for head in heads:
        if any(t.lemma_.lower() in ARMED_FORCE_WORDS or t.lower_ in ARMED_FORCE_WORDS for t in phrase_tokens(head)):
            return True
        if any(agent_part(a.code)[:3] in ("MIL", "COP") for a in phrase_actors(head, coder)):
            return True
    return False


def _modifiers_of_non_actors(post: list[Token], coder: ActorCoder) -> set[int]:
    """The words of the prepositional phrases of a clause's subject that names no actor itself
    ("an outbreak in the county of Turkana"): a place where something is, not a party."""
    found: set[int] = set()
    for subject in (t for t in post if t.dep_ in ("nsubj", "nsubjpass") and t.pos_ == "NOUN"):
        if coder.code_phrase(phrase_tokens(subject), subject):
            continue
        for child in subject.children:
            if child.dep_ == "prep":
                found.update(t.i for t in child.subtree)
    return found


def killed_by_no_one(verb: Token, doer: Optional[Token]) -> bool:
    """Is the violence a disease's, nature's or an accident's: its subject, its ``by`` agent or
    the ``in`` phrase of a passive ("were killed in floods") names such a cause?"""
    causes = [doer] if doer is not None else []
    if is_passive(verb):
        causes += prep_objects(verb, ("in",))
    return any(_non_human_cause(cause) for cause in causes)


def _non_human_cause(head: Token) -> bool:
    """"a cholera outbreak", "the crash", "a gas explosion"; not "a car bomb blast", "mortar fire"."""
    if head.lemma_.lower() not in NON_HUMAN_CAUSES:
        return False
    modifiers = [t for t in head.subtree if t.i < head.i]
    return not any(t.lemma_.lower() in WEAPON_WORDS for t in modifiers)


def _addressees(trigger: Token, doers: list[ActorRef], coder: ActorCoder) -> list[ActorRef]:
    """Of whom a reported demand is made: the doers of the demanded act; for a noun, the subject
    of its verb ("demanded that the United States match the EU's support": the United States)."""
    if trigger.pos_ != "NOUN" or trigger.head.pos_ not in ("VERB", "AUX"):
        return doers
    subject = subject_of(trigger.head)
    return phrase_actors(subject, coder) if subject is not None else doers


def _marked(choice: Choice, kind: str, coder: ActorCoder) -> list[ActorRef]:
    """The actors at the pattern's ``$`` (source) or ``+`` (target) position: the first of its
    candidate heads that names one, outside the pattern's own words."""
    for head in choice.marked.get(kind, ()):
        if head.i not in choice.used:
            found = phrase_actors(head, coder, used=choice.used)
            if found:
                return found
    return []


# The agents of a state's own apparatus: "Britain mobilized its reservists" does not act on them.
APPARATUS = {"", "GOV", "MIL", "COP", "LEG", "JUD", "SPY"}


def own_apparatus(actor: ActorRef) -> bool:
    """Is the actor a state or one of its organs (``GBR``, ``GBRMIL``), not a group within it (``IRQREB``)?"""
    return has_country(actor.code) and agent_part(actor.code)[:3] in APPARATUS


def pairs(sources: list[ActorRef], targets: list[ActorRef], code: Optional[str] = None) -> list[tuple[Optional[ActorRef], Optional[ActorRef]]]:
    """Source-target pairs. A compound source without a target acts on itself only where the
    act is mutual ("Gondor and Osgiliath renewed ties" codes each with the other: consult,
    cooperate, agree); "Gondor and Osgiliath demanded ..." has no target."""
    if sources and targets:
        return [(s, t) for s in sources for t in targets if s.code != t.code or s.entity != t.entity]
    if len(sources) >= 2 and (code is None or code[:2] in SYMMETRIC_ROOTS):
        return [(s, t) for s in sources for t in sources if s is not t]
    if sources:
        return [(source, None) for source in sources]
    if targets:
        return [(None, t) for t in targets]
    return []


def is_negated(token: Token) -> bool:
    """"did not meet", "never visited"; also the negation of a governing auxiliary chain."""
    for child in token.children:
        if child.dep_ == "neg" or (child.dep_ == "advmod" and child.lower_ in ("never",)):
            return True
    return False


# Verbs that make the verb they govern an intention, a threat or a refusal, not a deed.
INTENT_HEADS = {"committed", "prepared", "determined", "eager", "plan", "intend", "want", "hope", "seek", "aim", "expect", "prepare", "agree", "promise", "pledge",
                "vow", "offer", "decide", "commit", "propose", "wish", "try", "ready", "willing", "set", "schedule", "due"}
REFUSAL_HEADS = {"refuse", "decline", "reject", "fail"}
THREAT_HEADS = {"threaten", "warn"}
FUTURE_AUX = {"will", "would", "'ll", "shall", "wo", "may", "might", "could"}
DEMAND_HEADS = {"demand", "insist", "urge", "press", "push", "require", "call"}
INTENT_BY_ROOT = {"04": "036", "05": "032", "06": "031", "07": "033", "08": "035", "14": "133", "15": "138",
                  "16": "131", "17": "137", "18": "138", "19": "138", "20": "138"}
REFUSAL_BY_ROOT = {"03": "120", "04": "125", "05": "120", "06": "121", "07": "122", "08": "124"}
COOPERATIVE_ROOTS = {"04", "05", "06", "07", "08"}
DEMAND_BY_ROOT = {"03": "100", "04": "106", "05": "102", "06": "101", "07": "103", "08": "105", "12": "100"}
STATE_AGENTS = {"GOV", "MIL", "COP"}


def _is_state(actor: ActorRef) -> bool:
    code = actor.code or "---"
    if not has_country(code):
        return code[-3:] in STATE_AGENTS
    return code[3:6] in STATE_AGENTS or (len(code) == 3 and not code.startswith(("IGO", "NGO")))


def by_perpetrator(code: str, sources: list[ActorRef]) -> str:
    """Codes that depend on who acts: a state's forces use conventional force (190), others
    unconventional violence (180); a state's protest is an official complaint (114)."""
    if code not in ("180", "140"):
        return code
    state = bool(sources) and all(_is_state(a) for a in sources)
    if code == "140":
        return "114" if state else code
    return "190" if state else "180"


def recode_modality(token: Token, code: str) -> tuple[str, Optional[str]]:
    """("036", "intent") for "plans to visit"; refusals, threats and demands likewise; else unchanged."""
    root = code[:2]
    if token.pos_ == "NOUN" and token.dep_ in ("dobj", "nsubjpass") and token.head.pos_ in ("VERB", "AUX"):
        token = token.head  # "will extend the curfew": the verb's modality is the noun's
    head = token.head
    if root not in ("10", "02", "11", "12"):
        if any(child.dep_ == "aux" and child.lower_ in DEMAND_MODALS for child in token.children):
            return DEMAND_BY_ROOT.get(root, "100"), "demand"
        if token.dep_ in ("ccomp", "acl") and head.lemma_.lower() in DEMAND_HEADS:  # "demanded that X provide"
            return DEMAND_BY_ROOT.get(root, "100"), "demand"
    governed = token.dep_ in ("xcomp", "acomp") or (token.dep_ == "pcomp" and head.lower_ == "to")
    lemma = head.lemma_.lower() if governed else ""
    if governed and lemma in REFUSAL_HEADS:
        return REFUSAL_BY_ROOT.get(root, "120"), "refusal"
    if governed and lemma in THREAT_HEADS:
        return INTENT_BY_ROOT.get(root, "130") if root not in COOPERATIVE_ROOTS else "130", "threat"
    if governed and lemma in INTENT_HEADS:
        return INTENT_BY_ROOT.get(root, code), "intent"
    if any(child.dep_ == "aux" and child.lower_ in FUTURE_AUX for child in token.children):
        return INTENT_BY_ROOT.get(root, code), "future"
    return code, None


# Nouns of a plan, an agreement, a demand or a right: the act in their "to" clause has not
# happened ("signed an accord to supply wheat", "rejected a request to interrogate detainees").
# An attempt is coded as its act, as CAMEO codes an attempted assassination.
PLAN_NOUNS = {"accord", "agreement", "deal", "treaty", "pact", "plan", "effort", "proposal", "decision", "offer",
              "promise", "pledge", "threat", "call", "demand", "order", "resolution", "readiness", "willingness",
              "intention", "commitment", "initiative", "scheme", "request", "appeal", "vow", "right", "power",
              "authority", "mandate", "permission", "opportunity", "chance", "need", "duty", "obligation"}


def planned(trigger: Token) -> bool:
    """Is the trigger the "to" clause of a noun of a plan or a demand ("an accord to supply")?"""
    if trigger.dep_ != "acl" or trigger.head.lemma_.lower() not in PLAN_NOUNS:
        return False
    return any(child.dep_ == "aux" and child.tag_ == "TO" for child in trigger.children)


# Verbs of asking someone to act: the act in their infinitive ("urged Bree to withdraw", "called
# on Gondor to be allowed to leave") is what is asked for, not done; the asking is the event.
APPEAL_VERBS = {"urge", "call", "ask", "request", "appeal", "press", "pressure", "demand", "encourage", "advise",
                "implore", "exhort", "beg", "invite"}


def appealed_for(trigger: Token) -> bool:
    """Is the trigger the act that a verb of asking asks for, directly or through "to be allowed to"?"""
    node = trigger
    for _ in range(3):
        if node.dep_ != "xcomp" or node.head is node:
            return False
        node = node.head
        if node.lemma_.lower() in APPEAL_VERBS:
            return True
    return False


def drop_governing(events: list[RawEvent]) -> list[RawEvent]:
    """"agreed to meet" is one event (036), not also an "agree" (030)."""
    governed_heads = {e.trigger.head.i for e in events if e.modality in ("intent", "refusal", "threat", "demand")}
    return [e for e in events if e.trigger.i not in governed_heads]


DEMAND_MODALS = {"must", "should"}
DOMESTIC = {"140", "141", "142", "143", "144", "145", "172", "173", "175", "081", "082", "083"}


def reporting_subject(token: Token) -> Optional[Token]:
    """The subject of the reporting verb whose complement holds ``token`` ("Iraq said it ...")."""
    node = token
    for _ in range(4):
        head = node.head
        if node.dep_ in ("ccomp", "parataxis", "acl") and head.lemma_.lower() in REPORTING | DEMAND_HEADS | {"agree", "confirm"}:
            if head.pos_ == "NOUN":  # "reiterated its demand that Israel ease ..."
                owner = [c for c in head.children if c.dep_ == "poss"]
                return owner[0] if owner and owner[0].pos_ != "PRON" else subject_of(head.head) if head.head.pos_ in ("VERB", "AUX") else None
            return subject_of(head)
        if node.head is node:
            return None
        node = node.head
    return None


def reported_demands(sent: Span, coder: ActorCoder, taken: set[int]) -> list[RawEvent]:
    """"X said Y must withdraw": a demand (100) by the speaker on the one who must act."""
    found = []
    for verb in sent:
        if verb.dep_ != "ccomp" or verb.i in taken or verb.head.lemma_.lower() not in REPORTING:
            continue
        if not any(c.dep_ == "aux" and c.lower_ in DEMAND_MODALS for c in verb.children):
            continue
        speaker, actor = subject_of(verb.head), subject_of(verb)
        sources = phrase_actors(speaker, coder) if speaker is not None else []
        targets = phrase_actors(actor, coder) if actor is not None else []
        for source, target in pairs(sources, targets, "100")[:4]:
            found.append(RawEvent(verb, verb.i + 1, "100", source, target))
    return found
