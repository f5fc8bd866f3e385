"""Named spans: the model's entity spans cleaned, datelines, people found by their first name,
and later occurrences of names already found (one sense per document)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from spacy.tokens import Doc

from newsgraph.countries import country_from_capital, country_from_demonym, country_from_name
from newsgraph.extract.entities.layout import is_headline_line, line_bounds, line_of, section_slugs
from newsgraph.extract.entities.vocabulary import (
    CALENDAR_WORDS,
    DETERMINERS,
    NATIONS,
    first_name_gender,
    is_title,
    role_vocabulary,
)

__all__ = ["Name", "ENTITY_LABELS", "named_spans", "people_by_first_name", "datelines", "line_starts",
           "clean_name", "propagate_names", "overlay", "add_where_free", "drop_headline_fragments", "PRONOUNS",
           "written_as_name", "model_designation"]

ENTITY_LABELS = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW", "LANGUAGE"}
# Labels whose names never hold a number ("Lithuania 2-1" is Lithuania and a score).
NO_TRAILING_NUMBER = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC"}
MAX_NAME_TOKENS = 8
# A pronoun is never a name, even when the model tags a capitalised "She" or "It" as one.
PRONOUNS = {"i", "we", "you", "he", "she", "it", "they", "him", "her", "them", "us", "me", "his", "its", "their",
            "our", "my", "your", "this", "that", "these", "those", "who", "whom"}
# Lower-case words that open names in many languages ("al-Aqsa", "de Klerk", "van Gogh").
NAME_PARTICLES = {"al", "el", "de", "da", "di", "du", "van", "von", "der", "den", "bin", "ibn", "la", "le", "del", "ul"}


def written_as_name(text: str) -> bool:
    """A word written as names are: its first letter a capital ("Boeing", "A380", "U.S."), or a
    lower-case letter before a capital, as brands are spelt ("iPhone", "eBay")."""
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return False
    return letters[0].isupper() or (len(text) > 1 and text[0].islower() and text[1].isupper())


def model_designation(text: str) -> bool:
    """Letters and figures that name a model, opening with a capital: "A380", "F-16", "MiG-29".
    A figure alone ("787", "2-1", "3rd") is a number."""
    return any(ch.isdigit() for ch in text) and text[:1].isalpha() and written_as_name(text)


@dataclass
class Name:
    """A named mention: tokens ``[start, end)`` of the Doc with an entity label."""

    start: int
    end: int
    label: str
    # What besides the model made this a name or gave it its label ("pattern", "team", "known",
    # "acronym", a cue); empty for the model's own spans.
    evidence: str = ""

    def text(self, doc: Doc) -> str:
        return doc[self.start : self.end].text



def named_spans(doc: Doc) -> list[Name]:
    """The model's entity spans, cleaned, and datelines; see the module docstring."""
    names = datelines(doc)
    in_dateline = {i for name in names for i in range(name.start, name.end)}
    slugs = section_slugs(doc)
    for ent in doc.ents:
        if in_dateline.intersection(range(ent.start, ent.end)):
            continue
        if ent.end - ent.start == 1 and ent.start in slugs:
            continue  # "SOCCER - ...": the page's section, not a name
        if ent.label_ not in ENTITY_LABELS:
            continue
        for start, end in _split_at_breaks(doc, ent.start, ent.end):
            name = clean_name(doc, start, end, ent.label_)
            if name is not None:
                names.append(name)
    names.extend(people_by_first_name(doc))
    return sorted(names, key=lambda name: name.start)


def people_by_first_name(doc: Doc) -> list[Name]:
    """People the model missed, found by a first name from the gender-guesser name list
    ("Shaina", "Carola Ruiz"): a proper noun outside every entity, with any capitalised
    proper nouns that follow it as the surname."""

    found = []
    i = 0
    while i < len(doc):
        token = doc[i]
        if (
            token.ent_iob_ == "O"
            and token.tag_ == "NNP"
            and token.is_alpha
            and token.text[:1].isupper()
            and not token.text.isupper()
            and not token.is_stop
            and not is_title(token)
            and first_name_gender(token.text) is not None
            and not country_from_name(token.text)
            and not country_from_capital(token.text)
        ):
            end = i + 1
            while end < len(doc) and end - i < 4 and doc[end].tag_ == "NNP" and doc[end].ent_iob_ == "O" and doc[end].text[:1].isupper() and doc[end].is_alpha:
                end += 1
            found.append(Name(i, end, "PERSON"))
            i = end
        else:
            i += 1
    return found


def datelines(doc: Doc) -> list[Name]:
    """Places that open a line in capitals before a date or a bracket: "LONDON 1996-08-30",
    "WASHINGTON (Reuters) -", "PARIS, March 3 -". The model reads capitals poorly."""
    names = []
    for i in line_starts(doc):
        j = i
        while j < len(doc) and j - i < 3 and doc[j].is_alpha and doc[j].text.isupper() and len(doc[j].text) > 1:
            j += 1
        if j == i or j >= len(doc) - 1 or "\n" in doc[j - 1].whitespace_:
            continue
        after = doc[j]
        dated = any(ch.isdigit() for ch in after.text) or after.text == "(" or (
            after.text == "," and doc[j + 1].text[:1].isupper() and not doc[j + 1].text.isupper()
        )
        if dated:
            names.append(Name(i, j, "GPE"))
    return names


def line_starts(doc: Doc) -> list[int]:
    """Indexes of the tokens that open a line (after a line break)."""
    starts = [0] if len(doc) else []
    position = 0
    text = doc.text
    while (position := text.find("\n", position)) != -1:
        position += 1
        span = doc.char_span(position, position + 1, alignment_mode="expand") if position < len(text) else None
        if span is not None and span.start > (starts[-1] if starts else -1):
            starts.append(span.start)
    return starts


def _split_at_breaks(doc: Doc, start: int, end: int) -> list[tuple[int, int]]:
    """Pieces of ``[start, end)`` between line breaks and spaced dashes or brackets."""
    pieces, piece_start = [], start
    for i in range(start, end):
        token = doc[i]
        spaced_punct = token.is_punct and token.text in {"-", "--", "(", ")", ",", ";", ":", "|"} and (
            i == 0 or doc[i - 1].whitespace_
        )
        if token.is_space or "\n" in token.whitespace_ or spaced_punct:
            stop = i + 1 if "\n" in token.whitespace_ and not token.is_space and not spaced_punct else i
            if stop > piece_start:
                pieces.append((piece_start, stop))
            piece_start = i + 1
    if end > piece_start:
        pieces.append((piece_start, end))
    return pieces


def clean_name(doc: Doc, start: int, end: int, label: str) -> Optional[Name]:
    """Trim what is not part of a name; None when nothing name-like is left."""
    vocabulary = role_vocabulary()
    while start < end and (doc[start].lower_ in DETERMINERS or doc[start].is_punct):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].lower_ in {"'s", "'", "’s"}):
        end -= 1
    # "Interfax news agency", "pro-Socialist CFDT union": the lower-case words describe the name
    while end > start and doc[end - 1].is_alpha and doc[end - 1].text.islower():
        end -= 1
    while start < end and _describes_name(doc[start]):
        start += 1
    if end <= start:  # nothing left (a span of punctuation and emoji at the end of the text)
        return None
    if end - start > 1 and label not in {"EVENT", "LAW", "WORK_OF_ART"} and doc[start].lower_ in CALENDAR_WORDS:
        start += 1
    if label in NO_TRAILING_NUMBER:
        # "Revs 4,814,000 vs", "Lithuania 2-1": a name stops at the first number after its first
        # word. A model's designation ("Airbus A380") is no number; a figure before capitalised
        # words is ("787 Dreamliner").
        end = next((i for i in range(start + 1, end) if _is_figure(doc[i])), end)
        if _is_figure(doc[start]) and not (end - start > 1 and all(written_as_name(t.text) for t in doc[start + 1:end])):
            end = start
    if label == "PERSON":
        while end - start > 1 and is_title(doc[start]) and doc[start + 1].text[:1].isupper():
            start += 1
    if end <= start or end - start > MAX_NAME_TOKENS:
        return None
    tokens = doc[start:end]
    if not any(written_as_name(t.text) for t in tokens):
        return None  # "democratic": names are capitalised
    if end - start == 1 and tokens[0].lower_ in PRONOUNS:
        return None  # "She", "It": a pronoun, resolved as one
    if all(t.lower_ in vocabulary["title_words"] or t.lower_ in vocabulary["honorifics"] for t in tokens):
        return None  # "Supreme", "Prime Minister": part of a role, not an entity
    return Name(start, end, _corrected_label(tokens.text, label))


def _is_figure(token) -> bool:
    return (token.like_num or any(ch.isdigit() for ch in token.text)) and not model_designation(token.text)


def _describes_name(token) -> bool:
    """A lower-case word before a name that is not one of the particles names open with."""
    text = token.text
    if not text[:1].islower() or not any(ch.isalpha() for ch in text) or written_as_name(text):
        return False
    return token.lower_ not in NAME_PARTICLES and not any(text.startswith(p + "-") for p in NAME_PARTICLES)


def overlay(names: list[Name], stronger: list[Name]) -> list[Name]:
    """``names`` with each of ``stronger`` in place of the names it overlaps. The stronger names
    are taken in order; one that overlaps an earlier stronger name is dropped."""
    chosen: list[Name] = []
    taken: set[int] = set()
    for name in stronger:
        span = set(range(name.start, name.end))
        if not span & taken:
            chosen.append(name)
            taken |= span
    kept = [name for name in names if not taken.intersection(range(name.start, name.end))]
    return sorted(kept + chosen, key=lambda name: name.start)


def add_where_free(names: list[Name], extra: list[Name]) -> list[Name]:
    """``names`` with each of ``extra`` added where no name is, or relabelled where a name has
    exactly its span."""
    by_span = {(name.start, name.end): name for name in names}
    taken = {i for name in names for i in range(name.start, name.end)}
    added = []
    for name in extra:
        same = by_span.get((name.start, name.end))
        if same is not None:
            same.label, same.evidence = name.label, same.evidence or name.evidence
        elif not taken.intersection(range(name.start, name.end)):
            added.append(name)
            taken.update(range(name.start, name.end))
    return sorted(names + added, key=lambda name: name.start)


def _corrected_label(text: str, label: str) -> str:
    """Demonyms are NORP; country names are GPE, whatever the model said."""
    if label != "NORP" and " " not in text and country_from_demonym(text) and not country_from_name(text):
        return "NORP"
    if label in {"NORP", "ORG", "PERSON", "LOC"} and (country_from_name(text) or text.lower() in NATIONS):
        return "GPE"
    return label


def propagate_names(doc: Doc, names: list[Name]) -> list[Name]:
    """Add later occurrences of names already found (in any capitalisation: headlines are in
    capitals), countries and capitals the model missed, and retype surnames of known people."""
    lookup = _name_lookup(doc, names)
    covered = bytearray(len(doc))
    for name in names:
        covered[name.start : name.end] = b"\x01" * (name.end - name.start)
        person = lookup.get((doc[name.start].lower_,)) if name.end - name.start == 1 else None
        if person == "PERSON" and name.label not in {"PERSON", "GPE"} and not name.evidence:
            name.label = "PERSON"  # "Mahdi" tagged ORG after "Adel Abdul Mahdi"
    lowers = [t.lower_ for t in doc]
    # words that may continue a known name: capitalised ones, "of", "and", and figures ("787 Dreamliner")
    capitalised = [written_as_name(t.text) or t.lower_ in {"of", "and"} or t.like_num for t in doc]
    longest = max(3, max((len(key) for key in lookup), default=0))
    found = list(names)
    i = 0
    while i < len(doc):
        opens = capitalised[i] and lowers[i] not in {"of", "and"}
        match = _match_at(doc, i, lookup, longest, covered, lowers, capitalised) if opens else None
        if match:
            found.append(Name(i, i + match[0], match[1]))
            i += match[0]
        else:
            i += 1
    found.sort(key=lambda name: name.start)
    return found


def _match_at(
    doc: Doc,
    i: int,
    lookup: dict[tuple[str, ...], str],
    longest: int,
    covered: bytearray,
    lowers: list[str],
    capitalised: list[bool],
) -> Optional[tuple[int, str]]:
    """(length, label) of the longest known name, country or capital starting at token ``i``."""
    for length in range(min(longest, len(doc) - i), 0, -1):
        if any(covered[i : i + length]) or not all(capitalised[i : i + length]):
            continue
        key = tuple(lowers[i : i + length])
        if key in lookup:
            return length, lookup[key]
        text = doc[i : i + length].text if length > 1 else doc[i].text
        if country_from_name(text) or country_from_capital(text):
            return length, "GPE"
    return None


def _name_lookup(doc: Doc, names: list[Name]) -> dict[tuple[str, ...], str]:
    """Lower-cased token sequences of known names (and people's first and last names) to their label."""
    lookup: dict[tuple[str, ...], str] = {}
    for name in names:
        tokens = tuple(t.lower_ for t in doc[name.start : name.end])
        if name.evidence:
            lookup[tokens] = name.label  # a pattern or a cue outweighs the model's label elsewhere
        else:
            lookup.setdefault(tokens, name.label)
        if name.label == "PERSON" and len(tokens) > 1:
            for part in (doc[name.end - 1], doc[name.start]):
                if part.text[:1].isupper() and len(part) > 2 and not part.is_stop and not is_title(part):
                    lookup[(part.lower_,)] = "PERSON"
    return lookup




def drop_headline_fragments(doc: Doc, names: list[Name]) -> list[Name]:
    """``names`` without the headline fragments the model took for names ("Bank Profits Rise"):
    in a headline line (every word capitalised), a name stays only when the article's sentences
    name it too, when it is a country, nation or capital, or when a pattern, cue or list made it.
    An article that is all headlines keeps its names."""
    bounds = line_bounds(doc)
    # lines with figures are tables and lists ("Colin Montgomerie ( Scotland ) 69 70"), not headlines
    headlines = {
        index for index, (start, end) in enumerate(bounds)
        if is_headline_line(doc, index) and not any(t.like_num for t in doc[start:end])
    }
    if not headlines or len(headlines) == len(bounds):
        return names
    body = " ".join(doc[start:end].text for index, (start, end) in enumerate(bounds) if index not in headlines).lower()
    kept = []
    for name in names:
        if line_of(doc, name.start) in headlines and not name.evidence and not _full_person_name(doc, name):
            text = name.text(doc)
            confirmed = re.search(r"(?<!\w)" + re.escape(text.lower()) + r"(?!\w)", body) or (
                country_from_name(text) or country_from_capital(text) or text.lower() in NATIONS
            )
            if not confirmed:
                continue
        kept.append(name)
    return kept


def _full_person_name(doc: Doc, name: Name) -> bool:
    """A person's first name and surname ("Mark Woodforde"): a name in any line, headline or table."""
    return name.label == "PERSON" and name.end - name.start > 1 and first_name_gender(doc[name.start].text) is not None
