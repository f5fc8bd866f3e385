"""Organizations the small model misses or mistypes, found from what the language says.

* **Name patterns**: a capitalised name ending in a word that names a kind of organization
  ("Boxing Association", "Magna International Inc", "Deutsche Bank AG"), "X of Y" after such a
  word ("Bank of England", "Ministry of Defence"), and names opened by such a word in another
  language ("Partido Popular", "Banco Santander", "Hezb-e Islami").
* **Acronyms defined in parentheses**: "National Association of Purchasing Management (NAPM)":
  the acronym is a name of the same entity, wherever it appears.
* **Cues**: words around a name that say it is an organization: a kind of organization just
  before it ("newspaper Le Monde", "side Nice"), an apposition after it ("Hamas, the militant
  group,"), an organization's office holder after it ("Cofinec CEO Stephen Frater"), its shares
  or fans after it ("Jones stock", "Rotor fans"), a player joining it ("joined Newcastle").
* **Known organizations**: news agencies, broadcasters and international bodies that news names
  bare ("told Reuters"), listed in ``newsgraph/data/organizations.json``.

A country's name is never made an organization here: "England captain" and "U.S. officials"
stay the country (its government or its national side are mentions of the country entity).
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources
from typing import Optional

from spacy.tokens import Doc, Token

from newsgraph.countries import country_from_capital, country_from_demonym, country_from_name
from newsgraph.extract.entities.layout import is_headline_line, line_of
from newsgraph.extract.entities.names import Name
from newsgraph.extract.entities.vocabulary import CALENDAR_WORDS, NATIONS, first_name_gender

__all__ = [
    "organization_vocabulary",
    "pattern_names",
    "known_names",
    "acronym_definitions",
    "organization_cue",
    "is_country",
    "apply_cues",
]

# Lower-case words that may sit inside an organization's name ("Bank of England", "Procter & Gamble").
CONNECTORS = {"of", "and", "&", "for", "de", "du", "des", "la", "le", "di", "del", "della", "van", "von", "der", "y",
              "et", "on", "the"}
MAX_ORGANIZATION_TOKENS = 8
ACRONYM = re.compile(r"^[A-Z][A-Z&.\-]{1,9}$")


@lru_cache(maxsize=1)
def organization_vocabulary() -> dict[str, frozenset[str]]:
    """The lists of ``newsgraph/data/organizations.json`` as frozensets."""
    raw = json.loads(resources.files("newsgraph.data").joinpath("organizations.json").read_text("utf-8"))
    return {key: frozenset(value) for key, value in raw.items() if isinstance(value, list)}


def is_country(text: str) -> bool:
    """Whether ``text`` names a country, a nation or a capital city (never retyped as an
    organization: "England captain" is England's side, a mention of England)."""
    return bool(country_from_name(text) or country_from_capital(text)) or text.lower() in NATIONS


# --- name patterns -----------------------------------------------------------------------------


def is_suffix(token: Token) -> bool:
    """Whether the token is a capitalised word that ends organization names ("Bank", "Inc", "AG")."""
    vocabulary = organization_vocabulary()
    if token.text in vocabulary["suffixes_exact"]:
        return True
    return token.text[:1].isupper() and token.lower_ in vocabulary["suffixes"]


def _capitalised(token: Token) -> bool:
    text = token.text
    return bool(text[:1].isupper()) and any(ch.isalpha() for ch in text) and not token.like_num


def _name_word(token: Token) -> bool:
    """A word that may open or continue a proper name: capitalised, a proper noun or inside one of
    the model's entities, or a capitalised adjective inside a sentence ("First Union"); so
    "Yesterday" or "Shares" at a sentence's start are not taken, nor "August" before a name."""
    if not _capitalised(token) or token.lower_ in CALENDAR_WORDS:
        return False
    if token.tag_ in {"NNP", "NNPS"} or token.ent_iob_ != "O" or is_suffix(token):
        return True
    if not token.is_alpha:
        return False
    return token.tag_ == "JJ" or (token.tag_ in {"NN", "CD"} and not token.is_sent_start)


def _breaks_before(doc: Doc, i: int) -> bool:
    """Whether a line break separates token ``i - 1`` from token ``i``."""
    return i == 0 or "\n" in doc[i - 1].whitespace_ or doc[i - 1].is_space


def _extend_left(doc: Doc, i: int) -> int:
    """The first token of the capitalised run that ends just before token ``i``."""
    start = i
    j = i - 1
    while j >= 0 and not _breaks_before(doc, j + 1) and i - j < MAX_ORGANIZATION_TOKENS:
        token = doc[j]
        if _name_word(token):
            start = j
        elif _inner_connector(doc, j) and not _breaks_before(doc, j):
            pass  # "Procter & Gamble", "Bank of Tokyo": keep looking left
        else:
            break
        j -= 1
    while start < i and doc[start].lower_ in CONNECTORS:
        start += 1
    return start


def _inner_connector(doc: Doc, j: int) -> bool:
    """Whether the connector at ``j`` joins two parts of one name: "&" and "and" between name
    words; "of" only after a word that heads such names ("Bank of", not "John Smith of")."""
    if j == 0 or not _name_word(doc[j - 1]):
        return False
    lower = doc[j].lower_
    if lower == "of":
        return doc[j - 1].lower_ in organization_vocabulary()["heads_before_of"]
    if is_suffix(doc[j - 1]) and doc[j - 1].lower_ not in organization_vocabulary()["heads_before_of"]:
        return False  # "Johnson Controls Inc and Lear Corp": two companies
    return lower in CONNECTORS - {"the", "of"}


def _extend_of(doc: Doc, end: int) -> int:
    """``end`` moved past "of Y" ("Bank of England", "University of Chicago"), when Y is a name."""
    if end + 1 >= len(doc) or doc[end].lower_ != "of" or _breaks_before(doc, end):
        return end
    j = end + 1
    while j < len(doc) and j - end <= 5 and not _breaks_before(doc, j) and (
        _name_word(doc[j]) or (doc[j].lower_ in {"and", "&"} and j + 1 < len(doc) and _name_word(doc[j + 1]))
    ):
        j += 1
    while j > end + 1 and not _name_word(doc[j - 1]):
        j -= 1
    return j if j > end + 1 else end


def _run_right(doc: Doc, i: int) -> int:
    """The end of the capitalised run (connectors allowed inside) that starts at token ``i``."""
    j = i + 1
    while j < len(doc) and j - i < MAX_ORGANIZATION_TOKENS and not _breaks_before(doc, j):
        if _name_word(doc[j]) or doc[j].text in {"-"} and j + 1 < len(doc) and not doc[j].whitespace_:
            j += 1
        elif doc[j].lower_ in CONNECTORS and j + 1 < len(doc) and _name_word(doc[j + 1]):
            j += 1
        else:
            break
    while j > i + 1 and not _name_word(doc[j - 1]):
        j -= 1
    return j


def pattern_names(doc: Doc) -> list[Name]:
    """Organizations found by the shape of their names; see the module docstring. Headlines are
    left alone: in a line of capitals every word looks like a name."""
    vocabulary = organization_vocabulary()
    found: list[Name] = []
    taken = bytearray(len(doc))
    headline_lines: dict[int, bool] = {}
    for token in doc:
        i = token.i
        if taken[i] or not _capitalised(token):
            continue
        line = line_of(doc, i)
        if line not in headline_lines:
            headline_lines[line] = is_headline_line(doc, line)
        if headline_lines[line]:
            continue
        span: Optional[tuple[int, int]] = None
        if token.lower_ in vocabulary["foreign_heads"] and not token.text.isupper():
            end = _run_right(doc, i)
            if end - i >= 2:
                span = (_extend_left(doc, i), end)
        if span is None and is_suffix(token):
            start = _extend_left(doc, i)
            end = i + 1
            while end < len(doc) and is_suffix(doc[end]) and not _breaks_before(doc, end):
                end += 1  # "Mercantile Bancorp Inc.", "Deutsche Bank AG"
            if doc[end - 1].lower_ in vocabulary["heads_before_of"]:
                end = _extend_of(doc, end)
            # "Association" alone is a word; "Boxing Association" and "Bank of England" are names
            if start < i or end > i + 1:
                span = (start, end)
        if span is None:
            continue
        start, end = span
        if end - start > MAX_ORGANIZATION_TOKENS or is_country(doc[start:end].text):
            continue
        found.append(Name(start, end, "ORG", evidence="pattern"))
        taken[start:end] = b"\x01" * (end - start)
    return found


def known_names(doc: Doc) -> list[Name]:
    """Mentions of the organizations listed as known, matched with their own capitalisation."""
    known = organization_vocabulary()["known"]
    longest = max(len(name.split()) for name in known)
    found = []
    i = 0
    while i < len(doc):
        match = 0
        if _capitalised(doc[i]):
            for length in range(min(longest, len(doc) - i), 0, -1):
                if doc[i : i + length].text in known and not _breaks_inside(doc, i, i + length):
                    match = length
                    break
        if match:
            found.append(Name(i, i + match, "ORG", evidence="known"))
            i += match
        else:
            i += 1
    return found


def _breaks_inside(doc: Doc, start: int, end: int) -> bool:
    return any(_breaks_before(doc, j) for j in range(start + 1, end))


# --- acronyms ------------------------------------------------------------------------------------


def acronym_definitions(doc: Doc, names: list[Name]) -> list[tuple[Name, Name]]:
    """(acronym, long form) for each "Long Form (ACRONYM)" of the text. The long form is a name
    found already, or a capitalised run whose initials spell the acronym."""
    ending_at = {name.end: name for name in names}
    found = []
    for token in doc[1:-2]:
        i = token.i
        acronym = doc[i + 1]
        if token.text != "(" or doc[i + 2].text != ")" or not ACRONYM.match(acronym.text):
            continue
        if is_country(acronym.text):
            continue  # "Jim Courier ( U.S. )", "Washington ( U.S. )": a country, not a definition
        long_form = ending_at.get(i)
        if long_form is not None and long_form.label != "ORG" and not _initials_fit(doc[long_form.start : i], acronym.text):
            continue  # "Iran ( KDPI )": a name beside another, not its long form
        if long_form is None or long_form.label == "PERSON":
            start = _extend_left(doc, i)
            words = doc[start:i]
            # "Bovine Spongiform Encephalopathy ( BSE )" is a disease: a new name needs a word
            # that names a kind of organization
            if start < i - 1 and _initials_fit(words, acronym.text) and any(is_suffix(t) for t in words):
                long_form = Name(start, i, "ORG", evidence="acronym")
            else:
                continue
        label = long_form.label if long_form.label in {"ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "LAW"} else "ORG"
        found.append((Name(i + 1, i + 2, label, evidence="acronym"), long_form))
    return found


def _initials_fit(words, acronym: str) -> bool:
    """Whether the capitalised words' initials hold the acronym's letters in order ("NAPM")."""
    letters = [ch for ch in acronym if ch.isalpha()]
    initials = "".join(t.text[0] for t in words if t.text[:1].isupper())
    position = 0
    for letter in letters:
        position = initials.find(letter, position)
        if position < 0:
            return False
        position += 1
    return True


# --- cues ------------------------------------------------------------------------------------------


def organization_cue(doc: Doc, name: Name) -> Optional[str]:
    """Why the words around ``name`` make it an organization ("cue before", ...), else None."""
    if is_country(name.text(doc)):
        return None
    vocabulary = organization_vocabulary()
    start, end = name.start, name.end
    before = doc[start - 1] if start > 0 else None
    after = doc[end] if end < len(doc) else None
    if before is not None and before.lower_ in vocabulary["cues_before"] and before.text.islower():
        return "kind before the name"
    if after is not None and after.lower_ in vocabulary["cues_after"] and after.text.islower():
        following = doc[end + 1].lower_ if end + 1 < len(doc) else ""
        if following not in {"market", "markets", "exchange", "exchanges", "index", "prices"}:
            return "shares or fans after the name"  # "Jones stock", not "Milan stock market"
    if after is not None and _office_holder_follows(doc, end):
        return "office holder after the name"
    if _joined(doc, start) and not (after is not None and after.lower_ in {"'s", "’s", "'"}):
        return "joined"  # "joined Newcastle", not "joined Kennedy's family"
    if start >= 2 and before is not None and before.lower_ == "based" and doc[start - 2].text == "-":
        return "based"  # "Ontario-based Magna": a place's firm
    if after is not None and _plural_verb_after_singular(doc, name):
        return "plural verb"
    if _apposition_head(doc, end) is not None:
        return "apposition"
    return None


def _office_holder_follows(doc: Doc, end: int) -> bool:
    """'Cofinec CEO Stephen Frater', 'Surrey captain Chris Lewis': an office then a person's name."""
    roles = organization_vocabulary()["roles_after_organization"]
    j = end
    while j < len(doc) and j - end < 3 and doc[j].lower_ in roles:
        j += 1
    if j == end or j >= len(doc):
        return False
    return doc[j].ent_type_ == "PERSON" and doc[j].ent_iob_ == "B"


def _plural_verb_after_singular(doc: Doc, name: Name) -> bool:
    """'Rotor are well placed', 'Nice have been unable': a singular name taking a plural verb is
    a body of people (a team, a firm, a band), not a person or a town."""
    after = doc[name.end]
    last = doc[name.end - 1]
    if after.lower_ not in {"are", "were", "have"} or last.tag_ != "NNP" or name.end - name.start > 3:
        return False
    if any(t.lower_ in {"and", "&", ","} for t in doc[name.start : name.end]):
        return False
    if last.text.endswith("s") and name.start > 0 and doc[name.start - 1].lower_ == "the":
        return False  # "The Kennedys were": a family's plural name
    # the name itself is the subject ("Missouri" in "buying in Missouri are First Bank" is not)
    before = doc[name.start - 1] if name.start > 0 else None
    if before is not None and (before.dep_ == "prep" or before.pos_ in {"ADP", "VERB"}):
        return False
    return last.dep_ in {"nsubj", "nsubjpass"} and last.head.i in {after.i, after.head.i}


def _joined(doc: Doc, start: int) -> bool:
    verbs = organization_vocabulary()["verbs_joining_organizations"]
    for width in (1, 2):
        if start - width >= 0 and doc[start - width : start].text.lower() in verbs:
            return True
    return False


def _apposition_head(doc: Doc, end: int) -> Optional[Token]:
    """The noun of an apposition after the name that is a kind of organization:
    'Hamas, the militant group,', 'Comelf, a state engineering company'."""
    heads = organization_vocabulary()["apposition_heads"]
    if end + 2 >= len(doc) or doc[end].text != "," or doc[end + 1].lower_ not in {"the", "a", "an"}:
        return None
    last_noun = None
    for token in doc[end + 2 : end + 9]:
        if token.text in {"'", "'s", "’s", "’", "-"}:
            continue  # "the dockworkers' union", "a state-owned company"
        if token.is_punct or token.lower_ in {"of", "that", "which", "who", "in", "with", "for", "based", "and"}:
            break
        if token.pos_ in {"VERB", "AUX"} and token.tag_ != "VBN":
            return None  # "in Tianjin, the newspaper said": a new clause, not an apposition
        if token.pos_ in {"NOUN", "PROPN"}:
            last_noun = token
    if last_noun is not None and last_noun.lower_ in heads:
        return last_noun
    return None


def apply_cues(doc: Doc, names: list[Name]) -> None:
    """Retype as organizations the names whose context says so (see :func:`organization_cue`).
    A person's full name ("John Smith", with a known first name) is left alone."""
    for name in names:
        if name.evidence or name.label == "ORG" and name.end - name.start > 1:
            continue
        if name.label == "NORP" or country_from_demonym(name.text(doc)):
            continue  # "Turkish shares", "Turkish fans": a nationality, not a firm or a team
        if name.label == "PERSON" and (name.end - name.start > 1 or _first_name(doc[name.start].text)):
            continue
        cue = organization_cue(doc, name)
        if cue:
            name.label, name.evidence = "ORG", cue


def _first_name(text: str) -> bool:
    return first_name_gender(text) is not None
