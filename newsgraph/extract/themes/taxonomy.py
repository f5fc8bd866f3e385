"""The theme taxonomy: themes read from YAML, each with its terms, strong terms and CAMEO codes.

The built-in taxonomy is ``taxonomy.yaml`` beside this module; a user's YAML file in the same
form adds themes or replaces built-in ones of the same name (docs/themes.md). A term is written
as words in their dictionary form ("raise interest rate"); it matches a run of tokens whose
lemma or lower-cased text is each word in turn, so "raised interest rates" matches.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Iterable, Optional, Union

import yaml

from newsgraph.errors import NewsgraphError

BUILTIN_FILE = "taxonomy.yaml"
TERM_WEIGHT = 1.0  # a word or phrase that points to the theme
STRONG_WEIGHT = 3.0  # a phrase that alone says what the article is about
DEFAULT_THRESHOLD = 3.0
_TERM_TOKEN_RE = re.compile(r"[^\W_]+(?:'[^\W_]+)?|[^\w\s]")

Term = tuple[str, ...]


class TaxonomyError(NewsgraphError, ValueError):
    """A theme file that cannot be read, naming the file and the theme at fault."""


@dataclass(frozen=True)
class ThemeDefinition:
    name: str
    description: str
    terms: tuple[Term, ...] = ()
    strong: tuple[Term, ...] = ()
    events: tuple[str, ...] = ()  # CAMEO event codes or their prefixes ("14" is every protest)
    threshold: float = DEFAULT_THRESHOLD


def term_words(phrase: str) -> Term:
    """A term as the words a tokenizer splits it into: "take-over" -> ("take", "-", "over")."""
    return tuple(word.lower() for word in _TERM_TOKEN_RE.findall(phrase))


def _strings(value: Any, where: str, key: str) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(item, (str, int)) for item in value):
        raise TaxonomyError(f"{where}: '{key}' must be a list of strings")
    return [str(item) for item in value]


def parse_theme(name: str, body: Any, source: str) -> ThemeDefinition:
    """One theme from its YAML mapping; raises :class:`TaxonomyError` naming ``source`` and the theme."""
    where = f"{source}: theme {name!r}"
    if not isinstance(body, dict):
        raise TaxonomyError(f"{where}: expected a mapping with terms, strong, events")
    unknown = set(body) - {"description", "terms", "strong", "events", "threshold"}
    if unknown:
        raise TaxonomyError(f"{where}: unknown keys {sorted(unknown)}")
    terms = tuple(term_words(p) for p in _strings(body.get("terms"), where, "terms"))
    strong = tuple(term_words(p) for p in _strings(body.get("strong"), where, "strong"))
    events = tuple(_strings(body.get("events"), where, "events"))
    if not (terms or strong or events):
        raise TaxonomyError(f"{where}: no terms, strong terms or events")
    if any(not term for term in terms + strong):
        raise TaxonomyError(f"{where}: an empty term")
    threshold = body.get("threshold", DEFAULT_THRESHOLD)
    if not isinstance(threshold, (int, float)) or threshold <= 0:
        raise TaxonomyError(f"{where}: threshold must be a positive number")
    return ThemeDefinition(name, str(body.get("description") or ""), terms, strong, events, float(threshold))


def parse_taxonomy(text: str, source: str) -> dict[str, ThemeDefinition]:
    """Themes from YAML text of the form ``themes: {NAME: {description, terms, strong, events, threshold}}``."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise TaxonomyError(f"{source}: not valid YAML ({error})") from None
    if not isinstance(data, dict) or not isinstance(data.get("themes"), dict):
        raise TaxonomyError(f"{source}: expected a top-level 'themes' mapping")
    themes = {}
    for name, body in data["themes"].items():
        if not isinstance(name, str) or not re.fullmatch(r"[A-Z][A-Z0-9_]*", name):
            raise TaxonomyError(f"{source}: theme name {name!r} must be upper-case letters, digits and _")
        themes[name] = parse_theme(name, body, source)
    return themes


@lru_cache(maxsize=1)
def builtin_taxonomy() -> dict[str, ThemeDefinition]:
    """newsgraph's own themes."""
    text = resources.files("newsgraph.extract.themes").joinpath(BUILTIN_FILE).read_text("utf-8")
    return parse_taxonomy(text, BUILTIN_FILE)


def load_taxonomy(extra: Union[str, Path, Iterable[Union[str, Path]], None] = None) -> dict[str, ThemeDefinition]:
    """The built-in themes plus those of the YAML file(s) ``extra`` (a theme of the same name replaces ours)."""
    themes = dict(builtin_taxonomy())
    if extra is None:
        return themes
    paths = [extra] if isinstance(extra, (str, Path)) else list(extra)
    for path in paths:
        path = Path(path)
        try:
            text = path.read_text("utf-8")
        except OSError as error:
            raise TaxonomyError(f"{path}: cannot read the theme file ({error.strerror})") from None
        themes.update(parse_taxonomy(text, str(path)))
    return themes


def theme_files_from(value: Optional[str]) -> list[str]:
    """Theme files named in a setting: paths separated by the OS path separator (":" on Linux)."""
    return [part for part in (value or "").split(os.pathsep) if part.strip()]
