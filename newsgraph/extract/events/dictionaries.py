"""Verb, actor and agent dictionaries in the PETRARCH (TABARI) text format.

newsgraph's own verb lexicon (``newsgraph/data/cameo_verbs.txt``) is written in this format,
and users of PETRARCH or Phoenix load theirs with :func:`load_dictionaries`. The parts of the
format that a dependency parse can use are kept: verb blocks with default codes, verb forms
(``{IRREGULAR FORMS}``), multi-word verbs (``+`` marks the verb word), patterns of words
before and after the verb (``*``; ``_`` joins adjacent words; ``&SYNSET`` names a set of
alternatives), ``a:b`` reciprocal codes, actor phrases with ``+`` synonyms and
date-restricted codes, agent phrases with ``~`` placement and ``!SUBST!`` substitutions,
and discards. Parenthesised PETRARCH2 phrases are read as plain words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import Optional, Union

from newsgraph.errors import InputFormatError

_COMMENT = re.compile(r"(<!--.*?-->)|(<!.*?>)", re.S)
_CODE = re.compile(r"\[([^\]]*)\]")
_BLOCK = re.compile(r"^---\s*(.*?)\s*---\s*$")
_MARKERS = {"$": "source", "+": "target", "^": "skip", "%": "compound"}


@dataclass(frozen=True)
class Element:
    """One item of a verb pattern: a word, a synset, or a marker ($ + ^ %)."""

    kind: str  # "word" | "synset" | "source" | "target" | "skip" | "compound"
    value: str = ""
    joined: bool = False  # must be adjacent to the item before it (``_``)


@dataclass(frozen=True)
class Pattern:
    pre: tuple[Element, ...]
    post: tuple[Element, ...]
    code: Optional[str]  # None: the pattern codes no event ([---])
    text: str = ""  # the pattern as written in the dictionary, shown as an event's evidence
    verb: str = ""  # the verb the pattern was written for (PETRARCH2's ``# VERB`` comment), when named

    @cached_property
    def literals(self) -> frozenset[str]:
        """The plain words the pattern needs (not its synonym sets)."""
        return frozenset(e.value for e in self.pre + self.post if e.kind == "word")

    @property
    def weight(self) -> int:
        return sum(1 for e in self.pre + self.post if e.kind in ("word", "synset"))


@dataclass
class VerbEntry:
    words: tuple[str, ...]  # the verb phrase, e.g. ("BREAK", "DOWN")
    head: int  # index of the verb word in ``words``
    code: Optional[str]
    patterns: list[Pattern]
    block: str = ""


@dataclass
class ActorEntry:
    codes: list[tuple[str, Optional[int], Optional[int]]]  # (code, from YYYYMMDD, to YYYYMMDD)

    def code_on(self, day: Optional[int]) -> Optional[str]:
        """The code valid on ``day`` (YYYYMMDD); the unrestricted code otherwise."""
        default = None
        for code, low, high in self.codes:
            if low is None and high is None:
                default = default or code
            elif day is not None and (low is None or day >= low) and (high is None or day <= high):
                return code
        if default is None and day is None and self.codes:
            return self.codes[-1][0]
        return default


@dataclass
class Dictionaries:
    """Everything the coder looks words up in. Keys are upper-case words joined by spaces."""

    verbs: dict[str, list[VerbEntry]] = field(default_factory=dict)  # verb word form -> entries
    synsets: dict[str, list[tuple[str, ...]]] = field(default_factory=dict)
    actors: dict[str, ActorEntry] = field(default_factory=dict)
    agents: dict[str, str] = field(default_factory=dict)  # phrase -> "~GOV" or "NGO~"
    discards: set[str] = field(default_factory=set)
    max_phrase: int = 1
    name: str = "custom"
    # apply a verb block's patterns only to the verb each was written for (its ``# VERB`` comment)
    own_patterns: bool = False
    _lengths: Optional[dict[str, tuple[int, ...]]] = field(default=None, repr=False, compare=False)

    def phrase_lengths(self, word: str) -> tuple[int, ...]:
        """The lengths, longest first, of the actor, agent and discard phrases that start with
        ``word``: the coder tries only those instead of every length up to ``max_phrase``.
        Built on first use, once the dictionaries are read."""
        if self._lengths is None:
            starts: dict[str, set[int]] = {}
            for key in (*self.actors, *self.agents, *self.discards):
                words = key.split()
                if words:
                    starts.setdefault(words[0], set()).add(len(words))
            self._lengths = {first: tuple(sorted(sizes, reverse=True)) for first, sizes in starts.items()}
        return self._lengths.get(word, ())

    def add_verb_form(self, form: str, entry: VerbEntry) -> None:
        self.verbs.setdefault(form, []).append(entry)


# ---------------------------------------------------------------- helpers


def _strip(line: str) -> str:
    return line.split("#", 1)[0].rstrip()


def _words(phrase: str) -> tuple[str, ...]:
    return tuple(w for w in re.split(r"[\s_]+", phrase.upper().strip()) if w)


def _date(text: str) -> int:
    text = text.strip()
    if len(text) == 6:  # YYMMDD: TABARI's two-digit years
        year = int(text[:2])
        text = ("19" if year > 30 else "20") + text
    return int(text)


def parse_actor_code(raw: str) -> tuple[str, Optional[int], Optional[int]]:
    """``"HOBGOV 19950601 - 19990815"`` -> ("HOBGOV", 19950601, 19990815); ``"RHO <790606"`` too."""
    raw = raw.strip()
    match = re.match(r"^([^\s<>]*)\s*(.*)$", raw)
    code, rest = (match.group(1), match.group(2).strip()) if match else (raw, "")
    code = code.upper()
    try:
        if rest.startswith("<"):
            return code, None, _date(rest[1:])
        if rest.startswith(">"):
            return code, _date(rest[1:]), None
        if "-" in rest:
            low, high = rest.split("-", 1)
            return code, _date(low), _date(high)
    except ValueError:
        pass
    return code, None, None


def verb_forms(word: str) -> set[str]:
    """Regular English forms of a verb: BAN -> BANS, BANNED, BANNING, ..."""
    forms = {word, word + "S", word + "ED", word + "ING"}
    if word.endswith("E"):
        forms |= {word + "D", word[:-1] + "ING"}
    if word.endswith(("S", "SH", "CH", "X", "Z", "O")):
        forms.add(word + "ES")
    if word.endswith("Y") and len(word) > 2 and word[-2] not in "AEIOU":
        forms |= {word[:-1] + "IES", word[:-1] + "IED"}
    if len(word) >= 3 and word[-1] not in "AEIOUWXY" and word[-2] in "AEIOU" and word[-3] not in "AEIOU":
        forms |= {word + word[-1] + "ED", word + word[-1] + "ING"}
    return forms


def noun_forms(word: str) -> set[str]:
    """Singular and regular plural of the last word of an agent phrase."""
    forms = {word, word + "S"}
    if word.endswith(("S", "SH", "CH", "X")):
        forms.add(word + "ES")
    if word.endswith("Y") and len(word) > 2 and word[-2] not in "AEIOU":
        forms.add(word[:-1] + "IES")
    if word.endswith("MAN"):
        forms.add(word[:-3] + "MEN")
    return forms


# ---------------------------------------------------------------- verbs


def _parse_pattern(body: str, code: Optional[str]) -> Optional[Pattern]:
    body = body.replace("(", " ").replace(")", " ").replace("{", " ").replace("}", " ")
    pre: list[Element] = []
    post: list[Element] = []
    seen_verb = False
    for chunk in body.split():
        parts = chunk.split("_")
        for index, part in enumerate(parts):
            if not part:
                continue
            joined = index > 0 and bool(parts[index - 1])
            if part == "*":
                seen_verb = True
                if joined and pre:  # "NOT_*": the word before must touch the verb
                    last = pre[-1]
                    pre[-1] = Element(last.kind, last.value, last.joined)
                    pre.append(Element("touch"))
                continue
            if part in _MARKERS:
                element = Element(_MARKERS[part])
            elif part.startswith("&"):
                element = Element("synset", part[1:].upper(), joined)
            else:
                element = Element("word", part.upper(), joined)
            if not seen_verb:
                pre.append(element)
            else:
                if index > 0 and parts[index - 1] == "*":
                    element = Element(element.kind, element.value, True)
                post.append(element)
    if not seen_verb:
        return None
    return Pattern(tuple(e for e in pre if e.kind != "touch") + (
        (Element("touch"),) if pre and pre[-1].kind == "touch" else ()), tuple(post), code)


def _normalize_code(raw: str) -> Optional[str]:
    code = raw.strip().upper()
    if not code or code in ("---", "--"):
        return None
    return code


def _verb_entry(line: str, block_code: Optional[str], block: str) -> tuple[list[str], VerbEntry]:
    """A verb line: ``BREAK {BROKE BROKEN}``, ``+CORDON_OFF {+CORDONED_OFF}``, ``DOWNPLAY [014]``."""
    code_match = _CODE.search(line)
    code = _normalize_code(code_match.group(1)) if code_match else block_code
    text = _CODE.sub(" ", line)
    irregular = re.search(r"\{([^}]*)\}", text)
    text = re.sub(r"\{[^}]*\}", " ", text).strip()
    raw_words = [w for w in re.split(r"[\s_]+", text) if w]
    head = next((i for i, w in enumerate(raw_words) if w.startswith("+")), 0)
    words = tuple(w.lstrip("+").upper() for w in raw_words)
    forms = verb_forms(words[head]) if words else set()
    if irregular:
        for form in irregular.group(1).split():
            form_words = [w for w in re.split(r"_", form) if w]
            marked = next((w for w in form_words if w.startswith("+")), form_words[0] if form_words else "")
            forms.add(marked.lstrip("+").upper())
    return sorted(forms), VerbEntry(words=words, head=head, code=code, patterns=[], block=block)


def _read_verbs(text: str, into: Dictionaries) -> None:
    block_code: Optional[str] = None
    block = ""
    entries: list[VerbEntry] = []
    synset: Optional[str] = None
    for raw in _COMMENT.sub("", text).splitlines():
        line = _strip(raw)
        if not line.strip():
            synset = None
            continue
        stripped = line.strip()
        found = _BLOCK.match(stripped)
        if found:
            codes = _CODE.findall(found.group(1))
            block_code = _normalize_code(codes[0]) if codes else None
            block = _CODE.sub("", found.group(1)).strip()
            entries = []
            synset = None
            continue
        if stripped.startswith("&"):
            synset = stripped[1:].split()[0].rstrip("_").upper()
            into.synsets.setdefault(synset, [])
            continue
        if synset is not None and stripped.startswith("+"):
            into.synsets[synset].append(_words(stripped[1:].rstrip("_")))
            continue
        if stripped.startswith("-"):
            code_match = _CODE.search(stripped)
            code = _normalize_code(code_match.group(1)) if code_match else block_code
            pattern = _parse_pattern(_CODE.sub(" ", stripped[1:]), code)
            if pattern is not None:
                comment = raw.split("#", 1)[1].split() if "#" in raw else []
                written_for = comment[0].upper() if len(comment) == 1 and comment[0].isalpha() else ""
                pattern = replace(pattern, text=" ".join(_CODE.sub(" ", stripped[1:]).split()), verb=written_for)
                for entry in entries:
                    entry.patterns.append(pattern)
            continue
        if block or block_code is not None:
            forms, entry = _verb_entry(stripped, block_code, block)
            if not entry.words:
                continue
            entries.append(entry)
            for form in forms:
                into.add_verb_form(form, entry)
    for entry_list in into.verbs.values():
        for entry in entry_list:
            entry.patterns.sort(key=lambda p: -p.weight)


# ---------------------------------------------------------------- actors and agents


def _add_phrase_length(into: Dictionaries, key: str) -> None:
    into.max_phrase = max(into.max_phrase, len(key.split()))


def _read_actors(text: str, into: Dictionaries) -> None:
    names: list[str] = []
    codes: list[tuple[str, Optional[int], Optional[int]]] = []

    def flush() -> None:
        if names and codes:
            entry = ActorEntry(list(codes))
            for name in names:
                into.actors.setdefault(name, entry)
                _add_phrase_length(into, name)

    for raw in _COMMENT.sub("", text).splitlines():
        line = _strip(raw)
        if not line.strip():
            continue
        indented = line[0] in " \t"
        stripped = line.strip()
        found = _CODE.findall(stripped)
        phrase = _CODE.sub(" ", stripped).strip()
        if indented and not phrase:  # a code line for the entry above
            codes.extend(parse_actor_code(c) for c in found)
            continue
        if stripped.startswith("+"):
            names.append(" ".join(_words(phrase[1:].rstrip("_"))))
            codes.extend(parse_actor_code(c) for c in found)
            continue
        flush()
        names = [" ".join(_words(phrase.rstrip("_")))] if phrase else []
        codes = [parse_actor_code(c) for c in found]
    flush()
    into.actors.pop("", None)


def _read_agents(text: str, into: Dictionaries) -> None:
    substitutions: dict[str, list[str]] = {}
    for raw in _COMMENT.sub("", text).splitlines():
        line = _strip(raw).strip()
        if not line:
            continue
        subst = re.match(r"^!(\w+)!\s*=\s*(.*)$", line)
        if subst:
            substitutions[subst.group(1).upper()] = [w.strip().upper() for w in subst.group(2).split(",") if w.strip()]
            continue
        found = _CODE.findall(line)
        if not found:
            continue
        code = found[0].replace(" ", "").upper()
        plural = "{" not in line
        phrase = re.sub(r"\{[^}]*\}", " ", _CODE.sub(" ", line)).strip().lstrip("+")
        for expanded in _expand(phrase.upper(), substitutions):
            words = _words(expanded)
            if not words:
                continue
            lasts = noun_forms(words[-1]) if plural else {words[-1]}
            for last in lasts:
                key = " ".join(words[:-1] + (last,))
                into.agents.setdefault(key, code)
                _add_phrase_length(into, key)


def _expand(phrase: str, substitutions: dict[str, list[str]]) -> list[str]:
    found = re.search(r"!(\w+)!", phrase)
    if not found or found.group(1) not in substitutions:
        return [phrase.replace("!", "")]
    results = []
    for option in substitutions[found.group(1)]:
        results.extend(_expand(phrase[: found.start()] + option + phrase[found.end():], substitutions))
    return results


def _read_discards(text: str, into: Dictionaries) -> None:
    for raw in _COMMENT.sub("", text).splitlines():
        line = _strip(raw).strip().lstrip("+")
        if line:
            key = " ".join(_words(line))
            into.discards.add(key)
            _add_phrase_length(into, key)


def merge_dictionaries(first: Dictionaries, second: Dictionaries, name: Optional[str] = None) -> Dictionaries:
    """One set of dictionaries from two: ``first``'s entries win where both define a phrase,
    ``second`` fills what ``first`` lacks (a user's folder extending the shipped dictionaries)."""
    verbs = {key: list(entries) for key, entries in second.verbs.items()}
    for key, entries in first.verbs.items():
        verbs[key] = list(entries) + verbs.get(key, [])  # find_entry takes the longest phrase, first on ties
    return Dictionaries(
        verbs=verbs,
        synsets={**second.synsets, **first.synsets},
        actors={**second.actors, **first.actors},
        agents={**second.agents, **first.agents},
        discards=first.discards | second.discards,
        max_phrase=max(first.max_phrase, second.max_phrase),
        name=name or f"{first.name}+{second.name}",
        own_patterns=second.own_patterns,
    )


# ---------------------------------------------------------------- loading

_KINDS = (("verbs", _read_verbs), ("actors", _read_actors), ("agents", _read_agents), ("discards", _read_discards))


def kind_of(path: Path) -> Optional[str]:
    """Which dictionary a file holds, from its name (``*.verbs.txt``, ``CAMEO.2.0.txt``, ``*.actors.txt``)."""
    name = path.name.lower()
    for kind, _ in _KINDS:
        if f".{kind}" in name or name.startswith(kind):
            return kind
    if name.startswith("cameo") and name.endswith(".txt"):
        return "verbs"
    return None


def read_dictionary(path: Union[str, Path], kind: str, into: Optional[Dictionaries] = None) -> Dictionaries:
    """Add one dictionary file of ``kind`` (verbs, actors, agents, discards) to ``into``."""
    path = Path(path)
    into = into or Dictionaries(name=path.stem)
    try:
        text = path.read_text("utf-8", errors="replace")
    except OSError as error:
        raise InputFormatError(f"cannot read dictionary {path}: {error.strerror}") from error
    dict(_KINDS)[kind](text, into)
    return into


def load_dictionaries(directory: Union[str, Path], *, include: Optional[str] = None) -> Dictionaries:
    """Load every PETRARCH-format dictionary in ``directory``.

    Args:
        directory: a folder of ``*.verbs.txt`` (or ``CAMEO*.txt``), ``*.actors.txt``,
            ``*.agents.txt`` and ``*.discards.txt`` files.
        include: only files whose name contains this text (``"PETR.Validate"``), when the
            folder holds several sets.
    Returns:
        The merged :class:`Dictionaries`. Raises :class:`InputFormatError` when the folder
        holds no verb dictionary.
    """
    folder = Path(directory)
    if not folder.is_dir():
        raise InputFormatError(f"dictionary folder {folder} does not exist")
    result = Dictionaries(name=include or folder.name)
    files = sorted(p for p in folder.iterdir() if p.is_file() and (include is None or include in p.name))
    kinds = {p: kind_of(p) for p in files}
    if "verbs" not in kinds.values():
        raise InputFormatError(f"{folder} holds no verb dictionary (a *.verbs.txt or CAMEO*.txt file)")
    for path, kind in kinds.items():
        if kind:
            read_dictionary(path, kind, result)
    return result
