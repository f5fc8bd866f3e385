"""One identity across articles: per-article entity clusters grouped into corpus-level entities.

Pure functions over plain records, no database: ``resolve(members, overrides)`` returns the groups.

How members join (in this order, each step only where nothing contradicts it):

1. **Same normalized name, same kind.** Titles ("Ayatollah", "President", "Mr."), initials,
   accents, punctuation and a leading "the" do not count, so "Ayatollah Ali Khamenei" and
   "Ali Khamenei" share the key ``ali khamenei``. A place or nationality that *is* a country joins
   by its ISO code ("U.S.", "United States" -> USA).
2. **Name variants of people.** A full name that is a shorter form of another ("Adel Mahdi" within
   "Adel Abdul Mahdi", same last word) joins it when it fits only one longer name; two names of
   the same length that differ by one similar word ("Rohani"/"Rouhani") join. Different known
   countries never join.
3. **One-word names** ("Khamenei", "Mahdi", "IMF") join the full name they are a surname,
   alias or acronym of. With several candidates the evidence decides: the country, the role,
   and the entities mentioned in the same article (the context); without a clear winner the
   one-word name stays on its own, grouped only with same-country namesakes.
4. **Corrections** (``merge`` and ``split`` overrides) are applied last, by member, so they
   survive rebuilding the identity table after new articles arrive.
"""

from __future__ import annotations

import difflib
import hashlib
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Iterable, Optional

from newsgraph.countries import country as country_record
from newsgraph.countries import country_from_any

# Words that name a position rather than the person; dropped from person names.
TITLES = frozenset(
    """mr mrs ms miss dr prof sir dame lord lady president vice prime minister chancellor premier king queen
    prince princess sheikh sheik shaikh emir ayatollah grand imam rev reverend father pope cardinal bishop
    general gen lt col colonel maj major capt captain adm admiral sgt sergeant gov governor sen senator rep
    representative secretary chairman chief justice judge mayor minister foreign defence defense finance
    interior supreme leader ambassador deputy spokesman spokeswoman ceo cfo chair director commander
    mullah hojatoleslam maulana treasurer""".split()
)
# Portfolio words that come before a title ("Agriculture Secretary Richard Lyng"): dropped only
# at the start of a person's name, with the titles.
PORTFOLIOS = frozenset(
    """agriculture trade commerce energy economy economic treasury labor labour health education oil petroleum
    transport transportation justice state home industry industrial finance foreign interior defence defense
    treasurer us u.s national federal central bank party opposition union senior acting former""".split()
)
ORG_SUFFIXES = frozenset("inc corp corporation co ltd plc llc ag sa nv gmbh company group holdings".split())
ACRONYM_STOPWORDS = frozenset("of the and for de du la le in on".split())
PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})
VARIANT_SIMILARITY = 0.8  # difflib ratio above which two words are spellings of one name (Rohani/Rouhani)
MIN_VARIANT_LENGTH = 4  # shorter words are too often different names that look alike
EVIDENCE_MARGIN = 1.0  # how much better the best candidate of a one-word name must score than the next

_NON_WORD = re.compile(r"[^\w\s-]")
_SPACE = re.compile(r"[\s\-]+")


@dataclass
class Member:
    """One per-article entity cluster: what the identity step sees of it."""

    article_id: str
    entity_id: str
    name: str
    type: str
    country: Optional[str] = None
    role: Optional[str] = None
    aliases: tuple[str, ...] = ()  # other names it is mentioned by in its article
    mentions: int = 1

    @property
    def ref(self) -> tuple[str, str]:
        return (self.article_id, self.entity_id)


@dataclass
class Group:
    """A corpus-level entity: its members and what they agree on."""

    id: str
    name: str
    type: str
    country: Optional[str]
    role: Optional[str]
    members: list[Member] = field(default_factory=list)
    aliases: dict[str, int] = field(default_factory=dict)

    @property
    def mentions(self) -> int:
        return sum(member.mentions for member in self.members)

    @property
    def articles(self) -> int:
        return len({member.article_id for member in self.members})


# Kinds a model confuses for one name across articles (an organization typed as a person or a product).
CROSS_TYPE_FAMILIES = {"ORG", "PERSON", "PRODUCT", "NORP", "WORK_OF_ART", "EVENT", "LAW"}


def family(entity_type: str) -> str:
    """Kinds that can name the same thing: GPE, LOC and FAC are all places."""
    return "PLACE" if entity_type in PLACE_TYPES else entity_type


@lru_cache(maxsize=262_144)
def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.replace("\u2019", "'"))
    text = "".join(char for char in text if not unicodedata.combining(char)).casefold()
    text = re.sub(r"'s\b", "", text)
    return _SPACE.sub(" ", _NON_WORD.sub(" ", text.replace(".", ""))).strip()


def name_tokens(name: str, entity_type: str) -> list[str]:
    """The words of a name that identify it: no titles, initials or corporate suffixes."""
    return list(_name_tokens(name, entity_type))


@lru_cache(maxsize=262_144)
def _name_tokens(name: str, entity_type: str) -> tuple[str, ...]:
    tokens = _fold(name).split()
    if tokens and tokens[0] == "the":
        tokens = tokens[1:]
    if entity_type == "PERSON":
        while len(tokens) > 1 and (tokens[0] in TITLES or tokens[0] in PORTFOLIOS):
            tokens = tokens[1:]
        kept = [token for token in tokens if token not in TITLES and len(token) > 1]
        return tuple(kept or tokens)
    if entity_type == "ORG":
        while len(tokens) > 1 and tokens[-1] in ORG_SUFFIXES:
            tokens = tokens[:-1]
    return tuple(tokens)


def normalize_name(name: str, entity_type: str) -> str:
    """The comparison key of a name: ``"Ayatollah Ali Khamenei"`` -> ``"ali khamenei"``."""
    return " ".join(_name_tokens(name, entity_type))


def acronym(name: str) -> Optional[str]:
    """The initials of a multi-word name ("International Monetary Fund" -> "imf"); None for one word."""
    words = [word for word in _fold(name).split() if word not in ACRONYM_STOPWORDS]
    return "".join(word[0] for word in words) if len(words) >= 2 else None


def _country_key(member: Member) -> Optional[str]:
    """For a place or nationality that is itself a country: its ISO code."""
    if member.type not in PLACE_TYPES | {"NORP"} or not member.country:
        return None
    return member.country if _country_of_name(member.name) == member.country else None


@lru_cache(maxsize=65_536)
def _country_of_name(name: str) -> Optional[str]:
    return country_from_any(name)


class _Union:
    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, item: int) -> int:
        while self.parent[item] != item:
            self.parent[item] = self.parent[self.parent[item]]
            item = self.parent[item]
        return item

    def join(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _compatible(a: Optional[str], b: Optional[str]) -> bool:
    return a is None or b is None or a == b


def _is_short_form(short: list[str], long: list[str]) -> bool:
    """``short`` is ``long`` with words left out, keeping its last word (the surname)."""
    if len(short) >= len(long) or short[-1] != long[-1]:
        return False
    rest = iter(long)
    return all(token in rest for token in short)


def _is_spelling_variant(a: list[str], b: list[str]) -> bool:
    if len(a) != len(b) or a == b:
        return False
    different = [(x, y) for x, y in zip(a, b) if x != y]
    if len(different) != 1:
        return False
    x, y = different[0]
    return min(len(x), len(y)) >= MIN_VARIANT_LENGTH and difflib.SequenceMatcher(None, x, y).ratio() >= VARIANT_SIMILARITY


class _Resolver:
    """The state of one resolution: members, their keys and the union-find over them."""

    def __init__(self, members: list[Member], contexts: dict[str, frozenset[str]]) -> None:
        self.members = members
        self.contexts = contexts
        self.union = _Union(len(members))
        self.keys = [self._key(member) for member in members]

    def _key(self, member: Member) -> tuple[str, str]:
        country = _country_key(member)
        if country:
            return (family(member.type), "country:" + country)
        return (family(member.type), normalize_name(member.name, member.type))

    def _one_word_person(self, index: int) -> bool:
        fam, key = self.keys[index]
        return fam == "PERSON" and bool(key) and " " not in key

    def join_same_keys(self, indexes: Optional[Iterable[int]] = None) -> None:
        """Join members with the same key; known different countries stay apart.

        A member without a country joins the key's only country, or the others without one.
        By default one-word person names are left for :meth:`join_one_word_names`.
        """
        if indexes is None:
            indexes = [i for i in range(len(self.members)) if not self._one_word_person(i)]
        by_key: dict[tuple[str, str], dict[Optional[str], list[int]]] = defaultdict(lambda: defaultdict(list))
        for index in indexes:
            if self.keys[index][1]:
                by_key[self.keys[index]][self.members[index].country].append(index)
        for countries in by_key.values():
            known = [c for c in countries if c is not None]
            if None in countries and len(known) == 1:
                countries[known[0]].extend(countries.pop(None))
            for group in countries.values():
                for index in group[1:]:
                    self.union.join(group[0], index)

    def join_across_types(self) -> None:
        """Join groups whose members write the same name under different types.

        The small model types one name differently from article to article ("Northrop Grumman" an
        organization here, a person there); the same name written the same way in news is one
        referent. Places stay out (a place name is also a surname: "Washington"), and a one-word
        name joins across types only when no member calls it a person (a surname is too common a
        word to trust across types).
        """
        by_name: dict[str, list[int]] = defaultdict(list)
        for index, member in enumerate(self.members):
            if family(member.type) in CROSS_TYPE_FAMILIES:
                key = _fold(member.name)
                if key:
                    by_name[key].append(index)
        for key, indexes in by_name.items():
            families = {family(self.members[i].type) for i in indexes}
            if len(families) < 2:
                continue
            if " " not in key and "PERSON" in families:
                continue
            countries = {self.members[i].country for i in indexes if self.members[i].country}
            if len(countries) > 1:
                continue
            for index in indexes[1:]:
                self.union.join(indexes[0], index)

    def _roots_by_key(self, fam: str) -> dict[str, list[int]]:
        """Normalized multi-word key -> roots of the groups holding it."""
        out: dict[str, set[int]] = defaultdict(set)
        for index, (member_family, key) in enumerate(self.keys):
            if member_family == fam and " " in key:
                out[key].add(self.union.find(index))
        return {key: sorted(roots) for key, roots in out.items()}

    def _group_country(self, root: int) -> Optional[str]:
        return self.group_countries.get(root)

    def _refresh(self) -> None:
        countries: dict[int, Counter] = defaultdict(Counter)
        for index, member in enumerate(self.members):
            if member.country:
                countries[self.union.find(index)][member.country] += member.mentions
        self.group_countries = {root: counter.most_common(1)[0][0] for root, counter in countries.items()}

    def join_person_variants(self) -> None:
        self._refresh()
        keys = self._roots_by_key("PERSON")
        by_token: dict[str, list[str]] = defaultdict(list)
        for key in keys:
            for token in set(key.split()):
                by_token[token].append(key)
        for key, roots in keys.items():
            tokens = key.split()
            country = self._group_country(roots[0])
            candidates = {other for token in tokens for other in by_token[token] if other != key}
            longer = [other for other in candidates if _is_short_form(tokens, other.split())]
            variants = [other for other in candidates if _is_spelling_variant(tokens, other.split())]
            for other in variants:
                if _compatible(country, self._group_country(keys[other][0])):
                    self.union.join(roots[0], keys[other][0])
            fitting = [other for other in longer if _compatible(country, self._group_country(keys[other][0]))]
            # A short form joins only when the longer names it fits are one person ("George Bush").
            if fitting and all(
                a == b or _is_short_form(a.split(), b.split()) or _is_short_form(b.split(), a.split())
                for a in fitting for b in fitting
            ):
                for other in fitting:
                    self.union.join(roots[0], keys[other][0])

    def _context(self, root_members: list[int]) -> Counter:
        counter: Counter = Counter()
        for index in root_members:
            counter.update(self.contexts.get(self.members[index].article_id, ()))
        return counter

    def join_one_word_names(self) -> None:
        """Each one-word name joins the group it names; the rest join same-word, same-country namesakes."""
        self._refresh()
        groups: dict[int, list[int]] = defaultdict(list)
        for index in range(len(self.members)):
            groups[self.union.find(index)].append(index)
        index_by_alias = self._alias_index(groups)
        context_cache: dict[int, Counter] = {}
        single = [i for i in range(len(self.members)) if self._one_word_person(i)]
        non_person_words = [root for root, ms in groups.items() if self._one_word_other(ms[0])]
        leftovers = []
        for index in single + non_person_words:
            fam, key = self.keys[index]
            indexes = groups[index] if index in non_person_words else [index]
            candidates = index_by_alias.get((fam, key), ())
            best = self._best_candidate(index, indexes, candidates, groups, context_cache) if candidates else None
            if best is not None:
                self.union.join(best, index)
            elif fam == "PERSON":
                leftovers.append(index)
        self.join_same_keys(leftovers)

    def _one_word_other(self, index: int) -> bool:
        fam, key = self.keys[index]
        return fam != "PERSON" and bool(key) and " " not in key and not key.startswith("country:")

    def _alias_index(self, groups: dict[int, list[int]]) -> dict[tuple[str, str], list[int]]:
        """(family, one word) -> roots of multi-word groups with that surname, alias or acronym."""
        index: dict[tuple[str, str], set[int]] = defaultdict(set)
        for root, indexes in groups.items():
            fam, key = self.keys[indexes[0]]
            if " " not in key or key.startswith("country:"):
                continue
            words = {key.split()[-1]} if fam == "PERSON" else set()
            if fam == "ORG" and len(key.split()[0]) >= 4:
                words.add(key.split()[0])  # a company's short form is its first word: "Lockheed" for Lockheed Martin
            for i in indexes:
                member = self.members[i]
                words.update(normalize_name(alias, member.type) for alias in member.aliases)
                if fam != "PERSON":
                    words.add(acronym(member.name) or "")
            for word in words:
                if word and " " not in word:
                    index[(fam, word)].add(root)
        return {k: sorted(v) for k, v in index.items()}

    def _best_candidate(self, root, indexes, candidates, groups, cache) -> Optional[int]:
        """The candidate group the evidence points to: country, role and shared context."""
        country = self.members[root].country if len(indexes) == 1 else self._group_country(root)
        roles = {(self.members[i].role or "").casefold() for i in indexes} - {""}
        context = self._context(indexes)
        context.pop(self.keys[root][1], None)
        scored = []
        for candidate in candidates:
            other_country = self._group_country(candidate)
            if not _compatible(country, other_country):
                continue
            if candidate not in cache:
                cache[candidate] = self._context(groups[candidate])
            other = cache[candidate]
            score = 2.0 if country and country == other_country else 0.0
            other_roles = {(self.members[i].role or "").casefold() for i in groups[candidate]} - {""}
            score += 1.0 if roles & other_roles else 0.0
            shared = sum(1 for item in context if item in other)
            score += 3.0 * shared / max(1, len(context))
            scored.append((score, candidate))
        if not scored:
            return None
        scored.sort(reverse=True)
        if len(scored) == 1:
            return scored[0][1]
        best, second = scored[0][0], scored[1][0]
        return scored[0][1] if best - second >= EVIDENCE_MARGIN else None

    def apply_overrides(self, overrides: Iterable[dict[str, Any]]) -> dict[tuple[str, str], str]:
        """Merges join groups; splits return the members to put apart, with the name of their new group.

        Corrections apply in the order they were made: the later one wins for the members it names.
        """
        by_ref = {member.ref: index for index, member in enumerate(self.members)}
        split_to: dict[tuple[str, str], str] = {}
        for override in overrides:
            refs = [tuple(ref) for ref in override.get("members", [])]
            present = [by_ref[ref] for ref in refs if ref in by_ref]
            if override.get("op") == "merge":  # a later merge undoes an earlier split of these members
                for ref in refs:
                    split_to.pop(ref, None)
                for index in present[1:]:
                    self.union.join(present[0], index)
            elif override.get("op") == "split":
                label = override.get("label") or "split"
                for ref in refs:
                    split_to[ref] = label
        return split_to


def _group_id(fam: str, name: str, country: Optional[str], seen: set[str], salt: str = "") -> str:
    """``Q`` + a hash of what the group is; a group split off by a correction hashes its label too,
    so the group it left keeps its id."""
    base = hashlib.sha1(f"{fam}|{_fold(name)}|{country or ''}|{salt}".encode("utf-8")).hexdigest()[:10]
    candidate, n = "Q" + base, 1
    while candidate in seen:
        n += 1
        candidate = f"Q{base}-{n}"
    seen.add(candidate)
    return candidate


def _display_name(names: Counter, entity_type: str, members: list[Member]) -> str:
    """A country's own name; else the most-mentioned full name written without a title."""
    country = next((_country_key(m) for m in members if _country_key(m)), None)
    if country:
        found = country_record(country)
        if found:
            return found.name

    def rank(item: tuple[str, int]) -> tuple:
        name, count = item
        tokens = name_tokens(name, entity_type)
        bare = _fold(name) == " ".join(tokens)
        return (len(tokens) > 1, bare, count, len(tokens), name)

    return max(names.items(), key=rank)[0]


def _summarize(members: list[Member], seen: set[str], salt: str = "") -> Group:
    """The group's name (its most-mentioned full name), type, country and role by majority."""
    names: Counter = Counter()
    for member in members:  # how many per-article entities go by each name
        names[member.name] += 1
        for alias in member.aliases:
            names[alias] += 1
    types = Counter(member.type for member in members)
    countries = Counter(member.country for member in members if member.country)
    name = _display_name(names, types.most_common(1)[0][0], members)
    roles = Counter(member.role for member in members if member.role)
    entity_type = types.most_common(1)[0][0]
    country = countries.most_common(1)[0][0] if countries else None
    group = Group(
        id=_group_id(family(entity_type), name, country, seen, salt),
        name=name,
        type=entity_type,
        country=country,
        role=roles.most_common(1)[0][0] if roles else None,
        members=members,
    )
    group.aliases = dict(Counter({n: c for n, c in names.items()}).most_common())
    return group


def article_contexts(members: Iterable[Member]) -> dict[str, frozenset[str]]:
    """For each article, the names (or countries) of the entities mentioned in it."""
    out: dict[str, set[str]] = defaultdict(set)
    for member in members:
        country = _country_key(member)
        out[member.article_id].add("country:" + country if country else normalize_name(member.name, member.type))
    return {article: frozenset(items) for article, items in out.items()}


def resolve(members: list[Member], overrides: Iterable[dict[str, Any]] = ()) -> list[Group]:
    """Group per-article entities into corpus entities.

    Args:
        members: every per-article entity cluster.
        overrides: corrections, in the order made: ``{"op": "merge", "members": [ref, ref, ...]}``
            puts the groups of those members together; ``{"op": "split", "members": [...], "label": ...}``
            takes those members out into a group of their own. A ref is ``(article_id, entity_id)``.
    Returns:
        The groups, most-mentioned first.

    Example:
        >>> groups = resolve([Member("a1", "E1", "Ayatollah Ali Khamenei", "PERSON", "IRN"),
        ...                   Member("a2", "E3", "Khamenei", "PERSON")])
        >>> [len(g.members) for g in groups]
        [2]
    """
    resolver = _Resolver(members, article_contexts(members))
    resolver.join_same_keys()
    resolver.join_person_variants()
    resolver.join_one_word_names()
    resolver.join_across_types()
    split_to = resolver.apply_overrides(overrides)
    buckets: dict[Any, list[Member]] = defaultdict(list)
    for index, member in enumerate(members):
        label = split_to.get(member.ref)
        buckets[("split", label) if label else resolver.union.find(index)].append(member)
    seen: set[str] = set()
    # Computed groups take their ids first, so that a split never takes the id of the group it left.
    ordered = sorted(buckets.items(), key=lambda item: (isinstance(item[0], tuple), min(m.ref for m in item[1])))
    groups = [_summarize(bucket, seen, key[1] if isinstance(key, tuple) else "") for key, bucket in ordered]
    return sorted(groups, key=lambda g: (-g.mentions, g.name))
