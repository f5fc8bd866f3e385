"""Teams in lines of sports results, standings and fixtures.

Sports pages print results as lines of names and scores ("Blackpool 0 Wycombe 0",
"Sussex 363 and 144, Lancashire 218 and 53-0"), standings as a name and a row of figures
("Oldham 4 0 1 3 5 9 1"), and fixtures as "Queens Park Rangers v Bolton" or "BOSTON AT OAKLAND".
There a city's or a county's name stands for its team, an organization. National sides keep
their country's name and stay the country; a person's name (first name and surname, as in a
golf leaderboard) stays a person.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from newsgraph.extract.entities.layout import line_bounds
from newsgraph.extract.entities.names import Name
from newsgraph.extract.entities.organizations import is_country
from newsgraph.extract.entities.vocabulary import first_name_gender

__all__ = ["drop_figure_row_labels", "team_names"]

# A score or a standings figure: "3", "2-1", ".560", "6 1/2" (not "8-0-37-2", a bowler's figures)
SCORE = re.compile(r"^(\d+(-\d+)?|\d*\.\d+|\d+/\d+|\d+-\d+/\d+)$")
# Dates ("1996-08-31") and a bowler's figures ("8-0-37-2"): three or more figures joined by dashes
NOT_A_SCORE = re.compile(r"\d+(\.\d+)?-\d+-\d+")
# Words that may follow a score in a results line ("363 and 144", "22 points", "108 for three").
SCORE_WORDS = {"and", "for", "points", "pts", "runs", "wickets", "-"}
FIXTURE_WORDS = {"v", "v.", "vs", "vs.", "at", "AT"}
NAME_CONNECTORS = {"of", "de", "la", "le", "the", "&", "and", "del", "di", "van", "von", "St", "St."}
MAX_TEAM_TOKENS = 5
# Words of a company-results table row ("Revs 291.8 mln vs 151.1 mln", "Avg shrs 51.7 mln vs 43.4 mln"):
# comparisons and money or share units, which a sports or golf line ("Faldo 69 70 71") never has.
RESULTS_ROW_WORDS = {"vs", "vs.", "mln", "billion", "bln", "dlr", "dlrs", "cts", "pct", "shr", "shrs"}


def _is_score(token: Token) -> bool:
    return bool(SCORE.match(token.text))


def _is_name_word(token: Token) -> bool:
    return token.text[:1].isupper() and any(ch.isalpha() for ch in token.text) and not _is_score(token)


def _name_run(doc: Doc, i: int, end: int) -> int:
    """The end of a team name starting at token ``i`` (capitalised words, connectors inside)."""
    j = i
    while j < end and j - i < MAX_TEAM_TOKENS:
        token = doc[j]
        if _is_name_word(token) or (token.text in NAME_CONNECTORS and j > i and j + 1 < end and _is_name_word(doc[j + 1])):
            j += 1
        else:
            break
    return j


def _parse_line(doc: Doc, start: int, end: int) -> tuple[list[tuple[int, int]], str]:
    """The team names of a results, standings or fixture line, and the kind of line ("" when the
    line is none of them)."""
    tokens = [t for t in doc[start:end] if not t.is_space]
    if not tokens or NOT_A_SCORE.search(doc[start:end].text):
        return [], ""  # a dateline ("ARLINGTON, Texas 1996-08-31") or bowling figures, not a table
    start, end = tokens[0].i, tokens[-1].i + 1
    colon = next((t.i for t in tokens if t.text == ":"), None)
    if colon is not None:
        start = colon + 1  # "At Hove : Sussex 363 and 144 , Lancashire 218": the venue heads the line
    if doc[end - 1].text in {".", ";"}:
        end -= 1
    names: list[tuple[int, int]] = []
    scores = 0
    fixture = False
    in_brackets = False  # "Red Star ( Yugoslavia ) 70": the bracket holds the team's country
    i = start
    # a leading date or number ("May 20 v Durham", "1. Oldham") is not part of the line's shape
    while i < end and (_is_score(doc[i]) or doc[i].text in {".", ")"}):
        i += 1
    while i < end:
        token = doc[i]
        if in_brackets and token.text != ")":
            i += 1  # "( in 12 )", "( Yugoslavia )": notes and countries, not the line's shape
        elif token.text in {"(", ")"}:
            in_brackets = token.text == "("
            i += 1
        elif _is_name_word(token) and token.text not in FIXTURE_WORDS:
            run_end = _name_run(doc, i, end)
            if not in_brackets:
                names.append((i, run_end))
            i = run_end
        elif _is_score(token):
            scores += 1
            i += 1
        elif token.text in FIXTURE_WORDS and names:
            fixture = True
            i += 1
        elif token.text in SCORE_WORDS or token.text == ",":
            i += 1
        else:
            return [], ""
    if not names:
        return [], ""
    if fixture and len(names) == 2 and scores == 0:
        return names, "fixture"
    if len(names) == 1 and scores >= 3:
        return names, "standings"
    if len(names) >= 2 and scores >= len(names):
        return names, "results"
    return [], ""


def _is_person(doc: Doc, start: int, end: int) -> bool:
    """A person's name: a known first name then a surname, or an initial then a surname."""
    if end - start < 2:
        return False
    first = doc[start].text
    return first_name_gender(first) is not None or bool(re.match(r"^[A-Z]\.$", first))


def team_names(doc: Doc) -> list[Name]:
    """Names of teams in the results, standings and fixture lines of ``doc``. A line counts only
    beside another such line (a table), or when it has the shape of a results line by itself."""
    found = []
    parsed = [(_parse_line(doc, start, end)) for start, end in line_bounds(doc)]
    for index, (names, kind) in enumerate(parsed):
        if not kind:
            continue
        neighbours = [parsed[j][1] for j in (index - 1, index + 1) if 0 <= j < len(parsed)]
        if kind != "results" and not any(neighbours):
            continue  # a single "Oldham 4 0 1 3" line may be anything; a table is many lines
        for start, end in names:
            text = doc[start:end].text
            if is_country(text) or _is_person(doc, start, end):
                continue
            found.append(Name(start, end, "ORG", evidence="team"))
    return found


def drop_figure_row_labels(doc: Doc, names: list[Name]) -> list[Name]:
    """``names`` without the row labels of results tables that the model took for people:
    wire results ("Revs 291.8 mln vs 151.1 mln", "Avg shrs 51.7 mln vs 43.4 mln") open each line
    with a one-word abbreviation followed by figures. A one-word person name opening a line whose
    other words are figures and results words (amounts, "vs") is such a label, not a person."""
    bounds = line_bounds(doc)
    return [name for name in names if not _is_results_row_label(doc, name, bounds)]


def _is_results_row_label(doc: Doc, name: Name, bounds: list[tuple[int, int]]) -> bool:
    if name.label != "PERSON" or name.end - name.start != 1:
        return False
    line = next(((start, end) for start, end in bounds if start <= name.start < end), None)
    if line is None:
        return False
    words = [token for token in doc[line[0] : line[1]] if not token.is_space and not token.is_punct]
    if not words or words[0].i != name.start:
        return False
    rest = words[1:]
    figures = [token for token in rest if token.like_num or any(ch.isdigit() for ch in token.text)]
    results_words = [token for token in rest if token.lower_ in RESULTS_ROW_WORDS]
    others = len(rest) - len(figures) - len(results_words)
    return bool(figures) and bool(results_words) and others <= 2
