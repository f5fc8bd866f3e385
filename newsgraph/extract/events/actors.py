"""newsgraph's own actor coder: CAMEO actor codes from entities, country words and roles.

"Iraqi Prime Minister Adel Abdul Mahdi" -> IRQGOV, "U.S. troops" -> USAMIL, "Tehran" used as
a government -> IRNGOV. The country comes from the entity (``Entity.country``), a country
name, demonym or capital among the phrase's words; the agent code from the phrase's role
nouns ("minister", "troops", "rebels") or the entity's role.
"""

from __future__ import annotations

from typing import Any, Optional, Sequence

from spacy.tokens import Doc, Token

from newsgraph.countries import (
    country_from_capital,
    country_from_demonym,
    country_from_name,
)
from newsgraph.extract.events.codebook import country_words, has_country, organization_codes
from newsgraph.extract.events.coder import ActorRef, DictionaryActorCoder, stance_modifier
from newsgraph.extract.events.dictionaries import Dictionaries

# Role and group nouns to CAMEO agent codes (lower-case lemmas; multi-word first).
AGENT_WORDS: dict[str, str] = {
    "prime minister": "GOV", "foreign minister": "GOV", "defense minister": "MIL", "defence minister": "MIL",
    "interior minister": "GOV", "supreme leader": "GOV", "head of state": "GOV", "white house": "GOV",
    "state department": "GOV", "foreign ministry": "GOV", "armed forces": "MIL", "security forces": "MIL",
    "air force": "MIL", "special forces": "MIL", "riot police": "COP", "border police": "COP",
    "opposition party": "OPP", "opposition leader": "OPP", "opposition figure": "OPP", "news agency": "MED", "human rights": "HRI", "aid agency": "NGO", "aid group": "NGO",
    "government": "GOV", "minister": "GOV", "ministry": "GOV", "president": "GOV", "premier": "GOV",
    "official": "GOV", "administration": "GOV", "cabinet": "GOV", "spokesman": "GOV", "spokeswoman": "GOV",
    "spokesperson": "GOV", "diplomat": "GOV", "ambassador": "GOV", "envoy": "GOV", "embassy": "GOV",
    "king": "GOV", "queen": "GOV", "emir": "GOV", "sultan": "GOV", "chancellor": "GOV", "governor": "GOV",
    "mayor": "GOV", "authority": "GOV", "authorities": "GOV", "regime": "GOV", "delegation": "GOV",
    "leader": "GOV", "monarch": "GOV", "secretary": "GOV", "presidency": "GOV", "state": "GOV",
    "army": "MIL", "military": "MIL", "troop": "MIL", "troops": "MIL", "soldier": "MIL", "force": "MIL",
    "forces": "MIL", "navy": "MIL", "general": "MIL", "commander": "MIL", "marine": "MIL", "warplane": "MIL",
    "jet": "MIL", "tank": "MIL", "junta": "MIL", "artillery": "MIL",
    "rebel": "REB", "insurgent": "REB", "militia": "REB", "militant": "REB", "guerrilla": "REB",
    "paramilitary": "REB", "fighter": "REB", "jihadist": "REB", "separatist": "SEP", "extremist": "REB",
    "opposition": "OPP", "dissident": "OPP", "activist": "OPP", "party": "PTY",
    "company": "BUS", "firm": "BUS", "business": "BUS", "businessman": "BUS", "corporation": "BUS",
    "investor": "BUS", "industry": "BUS", "bank": "BUS",
    "newspaper": "MED", "media": "MED", "journalist": "MED", "reporter": "MED", "television": "MED",
    "broadcaster": "MED", "press": "MED",
    "civilian": "CVL", "resident": "CVL", "villager": "CVL", "citizen": "CVL", "people": "CVL",
    "protester": "CVL", "protestor": "CVL", "demonstrator": "CVL", "crowd": "CVL", "population": "CVL",
    "court": "JUD", "judge": "JUD", "prosecutor": "JUD", "tribunal": "JUD", "judiciary": "JUD",
    "parliament": "LEG", "lawmaker": "LEG", "legislator": "LEG", "congress": "LEG", "senate": "LEG",
    "senator": "LEG", "legislature": "LEG", "mp": "LEG", "parliamentarian": "LEG", "congressman": "LEG",
    "police": "COP", "policeman": "COP", "policemen": "COP", "gendarmerie": "COP",
    "refugee": "REF", "migrant": "REF", "union": "LAB", "worker": "LAB", "student": "EDU",
    "university": "EDU", "teacher": "EDU", "cleric": "REL", "church": "REL", "imam": "REL", "bishop": "REL",
    "priest": "REL", "intelligence": "SPY", "spy": "SPY", "gunman": "UAF", "gunmen": "UAF",
    "attacker": "UAF", "militiaman": "REB", "militiamen": "REB", "rebels": "REB", "troopers": "MIL", "assailant": "UAF", "bomber": "UAF", "gang": "CRM", "smuggler": "CRM",
    "trafficker": "CRM", "pirate": "CRM", "charity": "NGO", "doctor": "HLH", "hospital": "HLH",
    "farmer": "AGR", "peasant": "AGR",
}
# Titles that only a state gives: a minister or a cabinet secretary is the government's even
# where the parser reads "Health Cabinet" as the organization of "Secretary".
STATE_TITLES = {"minister", "ministers", "premier"}
STATE_TITLE_PAIRS = {("cabinet", "secretary"), ("secretary", "of"), ("state", "secretary"), ("attorney", "general")}
# Words that make an organization a body of the state ("the Health Ministry", "Treasury").
GOVERNMENT_BODIES = {"ministry", "cabinet", "government", "administration", "presidency", "treasury", "department"}
# The agents of a state's own organs: their country is the state's, not the place they act in.
STATE_ORGANS = {"GOV", "MIL", "COP", "LEG", "JUD"}
# Prepositions of where something happens: "arrested in Lodwar", "clinics near Kakuma".
LOCATIVE_PREPS = {"in", "at", "near", "around", "across", "outside", "inside", "throughout", "within"}
PRONOUNS = {"he", "she", "it", "they", "him", "her", "them", "we", "i", "you", "its", "their", "his"}


def agent_for_words(words: list[str]) -> Optional[str]:
    """The agent code of the last role noun among ``words`` (lower-case lemmas)."""
    found = None
    index = 0
    while index < len(words):
        pair = " ".join(words[index : index + 2])
        if index + 1 < len(words) and pair in AGENT_WORDS:
            found = AGENT_WORDS[pair]
            index += 2
            continue
        if words[index] in AGENT_WORDS:
            found = AGENT_WORDS[words[index]]
        index += 1
    if found and "former" in words and found in ("GOV", "MIL", "LEG"):
        return "ELI"
    return found


def _holds_pair(words: list[str], pairs: set[tuple[str, str]]) -> bool:
    return any((first, second) in pairs for first, second in zip(words, words[1:]))


def agent_for_role(role: Optional[str]) -> Optional[str]:
    if not role:
        return None
    return agent_for_words([w.lower().strip(".,") for w in role.split()]) or None


def country_in_words(tokens: list[Token]) -> tuple[Optional[str], bool, Optional[Token]]:
    """(ISO3, used as a government, the token) for the first country word among ``tokens``."""
    tokens = [t for i, t in enumerate(tokens) if not stance_modifier(tokens, i)]
    for size in (3, 2, 1):
        for start in range(0, len(tokens) - size + 1):
            chunk = tokens[start : start + size]
            if any(t.is_punct and t.text not in (".",) for t in chunk):
                continue
            text = "".join(t.text_with_ws for t in chunk).strip()  # not doc.text: that joins the whole Doc
            org = organization_codes().get(text.lower()) if chunk[0].pos_ == "PROPN" or text.isupper() else None
            if org:
                return org, False, chunk[0]
            if size == 1 and chunk[0].pos_ not in ("PROPN", "ADJ", "NOUN"):
                continue
            code = country_from_name(text) if chunk[0].pos_ == "PROPN" or text.isupper() else None
            if code:
                return code, False, chunk[0]
            code = country_from_demonym(text) or country_words().get(text.lower())
            if code:
                return code, False, chunk[0]
            if chunk[0].pos_ == "PROPN":
                code = country_from_capital(text)
                if code:  # "Tehran" for Iran's government
                    return code, True, chunk[0]
    return None, False, None


class EntityActorCoder:
    """Codes noun phrases of one Doc with its entities (``doc._.ng_entities``) and country words."""

    residents_by_place = True

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.by_token: dict[int, Any] = {}
        self._cached: Optional[list[tuple[int, str, int]]] = None
        self.place_country: dict[int, str] = {}  # token index -> ISO3 of a place named there
        places = doc._.ng_places if doc.has_extension("ng_places") else None
        for place in places or []:
            country3 = getattr(place, "country3", None)
            if not country3:
                continue
            for token in doc.char_span(place.span[0], place.span[1], alignment_mode="expand") or ():
                self.place_country.setdefault(token.i, country3)
        entities = doc._.ng_entities if doc.has_extension("ng_entities") else None
        for entity in entities or []:
            for mention in entity.mentions:
                span = doc.char_span(mention.span[0], mention.span[1], alignment_mode="expand")
                if span is None:
                    continue
                for token in span:
                    self.by_token.setdefault(token.i, entity)

    def _mentions(self) -> list[tuple[int, str, int]]:
        """(character offset, ISO3, sentence start) of every country-coded place or group mention."""
        if self._cached is None:
            found = []
            for token_i, entity in sorted(self.by_token.items()):
                token = self.doc[token_i]
                country = entity.country if entity.type in ("GPE", "NORP", "LOC") else None
                if country is None and entity.type in ("GPE", "NORP"):
                    country = country_from_name(token.text) or country_from_demonym(token.text) or country_from_capital(token.text)
                window = list(self.doc[max(0, token_i - 2) : token_i + 1])
                if country and not stance_modifier(window, len(window) - 1):  # "anti-Syria" places no one in Syria
                    found.append((token.idx, country, token.sent.start))
            self._cached = found
        return self._cached

    def context_country(self, head: Token, agent: Optional[str]) -> Optional[str]:
        """The country an unnamed "the government", "the militias" or "three men" belongs to,
        from context, nearest evidence first: a place in its clause ("Police in Lodwar arrested
        three men": Kenyans; not for a state's organs, which act abroad too), a country the
        sentence names before it, the previous sentence's subject for a government, army or
        court ("Tehran ... But the government supports"), a country adjective later in the
        sentence, the article's dateline, and only then the nearest country named before.
        """
        state = agent in STATE_ORGANS
        found = (None if state else self.clause_place_country(head)) or self.sentence_country(head)
        if found is None and state:
            found = self.previous_subject_country(head)
        return found or self.later_modifier_country(head) or self.dateline_country() or self.earlier_country(head)

    def clause_place_country(self, head: Token) -> Optional[str]:
        """The country of a place where the clause of ``head`` happens ("in Lodwar"), not of
        a place it is aimed at ("sent doctors to Uganda") or a modifier ("the Thai border")."""
        verb = head
        while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:  # the root is its own head
            verb = verb.head
        for token in verb.subtree:
            country = self.place_country.get(token.i)
            if not country or token.dep_ != "pobj" or token.head.lower_ not in LOCATIVE_PREPS:
                continue
            entity = self.by_token.get(token.i)
            if entity is None or entity.type != "PERSON":  # a person's name the places component took for a place
                return country
        return None

    def sentence_country(self, head: Token) -> Optional[str]:
        """The last country the sentence names before ``head``."""
        start = head.sent.start
        earlier = [country for offset, country, first in self._mentions() if first == start and offset < head.idx]
        return earlier[-1] if earlier else None

    def later_modifier_country(self, head: Token) -> Optional[str]:
        """A country adjective after ``head`` in its sentence ("President Museveni ... Ugandan
        opposition"), not a country the event is aimed at ("threatened action against Russia")."""
        start = head.sent.start
        later = [country for offset, country, first in self._mentions() if first == start and offset > head.idx and self._modifier_at(offset)]
        return later[0] if later else None

    def previous_subject_country(self, head: Token) -> Optional[str]:
        """The country named with the main subject of one of the two sentences before."""
        sentence = head.sent
        for _ in range(2):
            if sentence.start == 0:
                return None
            sentence = self.doc[sentence.start - 1].sent
            for token in sentence:
                if token.dep_ == "nsubj" and token.head.dep_ == "ROOT":
                    for offset, country, _ in self._mentions():
                        if token.idx <= offset < token.idx + len(token.text) + 40 and offset < token.head.idx:
                            return country
        return None

    def earlier_country(self, head: Token) -> Optional[str]:
        """The nearest country named before ``head`` within about 60 tokens: the last resort."""
        sent = head.sent
        earlier = [(offset, country) for offset, country, start in self._mentions() if offset < head.idx and start >= max(0, sent.start - 60)]
        if earlier:
            offset, country = earlier[-1]
            first = self.doc.char_span(offset, offset + 1, alignment_mode="expand")
            if first is not None and head.sent.start - first[0].sent.start <= 60:
                return country
        return None

    def _modifier_at(self, offset: int) -> bool:
        span = self.doc.char_span(offset, offset + 1, alignment_mode="expand")
        if span is None:
            return False
        token = span[0]
        aimed_at = token.dep_ == "pobj" and token.head.lower_ in ("against", "with", "to", "on", "toward", "towards", "at")
        return not (token.dep_ == "dobj" or aimed_at)

    def entity_of(self, tokens: list[Token], head: Token) -> Any:
        found = self.by_token.get(head.i)
        if found is not None:
            return found
        # "an anti-Syria journalist" is no Syrian: a country the phrase is for or against is not its entity
        people = [self.by_token[t.i] for i, t in enumerate(tokens) if t.i in self.by_token and not (t.pos_ == "PRON" and t.dep_ == "poss") and not stance_modifier(tokens, i)]
        for entity in people:
            if entity.type in ("PERSON", "ORG"):
                return entity
        return people[0] if people else None

    def describe(self, tokens: list[Token], head: Token) -> Optional["Description"]:
        """What the phrase's words and entities say: its entity, country and agent (no context)."""
        entity = self.entity_of(tokens, head)
        if head.lower_ in PRONOUNS and entity is None:
            return None
        words = [t.lemma_.lower() for t in tokens if not t.is_punct]
        agent = agent_for_words(words)
        country, as_government, _ = country_in_words(tokens)
        if country is None:  # "Darfur rebels": a region's country, from the places component
            country = next((self.place_country[t.i] for t in tokens if t.i in self.place_country and t.pos_ == "PROPN"), None)
        employer = self.employer_sector(tokens, head, entity) if country is None else None
        if employer is not None:  # "Microsoft President Brad Smith": the company's, not a government's
            agent = employer
        if entity is not None:
            agent = agent or agent_for_role(getattr(entity, "role", None))
            if entity.type in ("GPE", "NORP", "LOC") and entity.country:
                country = country or entity.country
            elif entity.type == "ORG":
                org = organization_codes().get(entity.name.lower())
                country = org or country or entity.country
                agent = agent or ("GOV" if country and head.pos_ == "PROPN" and not org else agent)
            elif entity.type == "PERSON":
                country = entity.country or country
        if country is None and agent is None:
            return None
        if as_government and agent is None:
            agent = "GOV"
        if agent is None and head.tag_ in ("NNS", "NNPS") and country_from_demonym(head.text):
            agent = "CVL"  # "Kurds", "Palestinians": a people, not a state
        if "ethnic" in words and country is not None:  # CAMEO codes an ethnic group by where it lives
            country = self.residence_country(head, country) or country
        found = Description(entity, country, agent, self.paired_countries(tokens, head))
        found.employer = employer
        return found

    def employer_sector(self, tokens: list[Token], head: Token, person: Any) -> Optional[str]:
        """The sector of an organization named before a person's title ("Acme chief executive
        Jane Roe" -> BUS): the role is the organization's, so its sector decides. A state's
        office ("Health Cabinet Secretary", "Finance Minister") is the government's whatever
        the parser took for its organization."""
        if person is None or person.type != "PERSON":
            return None
        words = [t.lower_ for t in tokens if t.i < head.i]
        if any(word in STATE_TITLES for word in words) or _holds_pair(words, STATE_TITLE_PAIRS):
            return None
        for token in tokens:
            org = self.by_token.get(token.i)
            if org is None or org is person or org.type != "ORG" or token.i >= head.i:
                continue
            if organization_codes().get(org.name.lower()) or country_from_name(org.name):
                return None
            org_words = [w.lower() for w in org.name.split()]
            if any(word in GOVERNMENT_BODIES for word in org_words):  # "Health Ministry spokesman"
                return "GOV"
            named = agent_for_words(org_words)
            # "state", "leader" in a company's name ("State Street") make no government
            return named if named and named != "GOV" else "BUS"
        return None

    def paired_countries(self, tokens: list[Token], head: Token) -> list[str]:
        """The countries of coordinated modifiers: "US and British activists" -> USA, GBR."""
        if not any(t.dep_ == "cc" and t.i < head.i for t in tokens):
            return []
        found: list[str] = []
        for token in tokens:
            if token.i >= head.i or token.dep_ not in ("amod", "compound", "conj", "nmod"):
                continue
            code, _, _ = country_in_words([token])
            if code and len(code) == 3 and code not in found:
                found.append(code)
        return found if len(found) >= 2 else []

    def residence_country(self, head: Token, origin: str) -> Optional[str]:
        """The other country named in the sentence of "ethnic Albanians ... in Serbia", if one."""
        others = [country for _, country, start in self._mentions() if start == head.sent.start and country != origin]
        places = [self.place_country[t.i] for t in head.sent if t.i in self.place_country and self.place_country[t.i] != origin]
        found = places or others
        return found[0] if found else None

    def unidentified_attacker(self, trigger: Token) -> Optional[ActorRef]:
        """CAMEO's unidentified armed force of the country where violence happened ("three
        soldiers were killed by a roadside bomb near Samarra": IRQUAF)."""
        for token in trigger.sent:
            country = self.place_country.get(token.i)
            if country and token.pos_ == "PROPN":
                return ActorRef(country + "UAF", None, "unidentified attackers", (trigger.idx, trigger.idx + len(trigger.text)), "agent+country")
        return None

    def dateline_country(self) -> Optional[str]:
        """The country of the place an article's dateline names ("BAGHDAD (Reuters) -")."""
        places = self.doc._.ng_places if self.doc.has_extension("ng_places") else None
        for place in places or []:
            if place.span[0] > 40:
                break
            if getattr(place, "country3", None) and place.text.isupper():
                return place.country3
        return None

    def code_phrase(self, tokens: list[Token], head: Token) -> list[ActorRef]:
        found = self.describe(tokens, head)
        if found is None:
            return []
        origin = "entity"
        country = found.country
        if country is None and (found.entity is None or found.entity.type == "PERSON") and found.agent:
            country = self.context_country(head, found.agent) or self.dateline_country()  # "the government": the country in context
            origin = "agent+country" if country else "entity"
        return found.refs(tokens, head, country, origin)


class Description:
    """The parts of an actor code that a noun phrase gives."""

    def __init__(self, entity: Any, country: Optional[str], agent: Optional[str], paired: list[str]) -> None:
        self.entity, self.country, self.agent, self.paired = entity, country, agent, paired
        self.employer: Optional[str] = None  # the sector of the organization a person's title belongs to

    def refs(self, tokens: list[Token], head: Token, country: Optional[str], origin: str) -> list[ActorRef]:
        """Actor references; an unknown country gets no ``---`` prefix: the code is the agent alone."""
        span = (tokens[0].idx, tokens[-1].idx + len(tokens[-1].text))
        entity = self.entity
        name = entity.name if entity is not None else "".join(t.text_with_ws for t in tokens).strip()
        countries: Sequence[Optional[str]] = self.paired or [country]
        refs = []
        for each in countries:
            code = (each or "") + (self.agent or "") if len(each or "") <= 3 else each
            # a paired actor ("US and British activists") is the entity's only for the entity's country
            own = entity is not None and (len(countries) == 1 or getattr(entity, "country", None) == each)
            label = name if own or entity is None or each is None else each  # each is a paired country here
            refs.append(ActorRef(code or None, entity.id if own else None, label, span, origin))
        return [r for r in refs if r.code]


class DictionaryFilledCoder(EntityActorCoder):
    """Entities first; names the PETRARCH actor dictionaries know fill the rest; agent words
    ("police", "rebels") take the country of their noun phrase, context or dateline.

    An entity with a country keeps its entity-derived code. A name that the dictionaries know,
    with its code on the article's date (``[IRQGOV >140101]``), fills an entity without one,
    keeping the entity's agent where the dictionary gives only a country.
    """

    def __init__(self, doc: Doc, dictionaries: Dictionaries, day: Optional[int], user: Optional[Dictionaries] = None) -> None:
        super().__init__(doc)
        self.dictionary = DictionaryActorCoder(dictionaries, day)
        # a user's own actor dictionary comes before the entities: its codes are what the user asked for
        self.user = DictionaryActorCoder(user, day) if user is not None and user.actors else None

    def whole_name(self, tokens: list[Token]) -> Optional[ActorRef]:
        """The actor a user's or the shipped dictionary names with all of ``tokens``."""
        own = self.user.whole_name(tokens) if self.user is not None else None
        return own or self.dictionary.whole_name(tokens)

    def code_phrase(self, tokens: list[Token], head: Token) -> list[ActorRef]:
        if self.user is not None and head.lower_ not in PRONOUNS:
            own = [r for r in self.user.code_phrase(tokens, head) if has_country(r.code)]
            if own:
                return own
        found = self.describe(tokens, head)
        if found is not None and found.country is not None:
            return found.refs(tokens, head, found.country, "entity")
        if head.lower_ in PRONOUNS:
            return []
        known = self.dictionary.code_phrase(tokens, head)
        coded = [r for r in known if has_country(r.code)]
        if coded:
            agent = found.agent if found is not None else None
            entity = found.entity if found is not None else None
            employer = found.employer if found is not None else None
            refs = []
            for ref in coded:
                code = ref.code or ""
                if employer and code.endswith("GOV"):  # "Microsoft President": the company's president
                    code = code[:-3] + ("" if code.startswith(("MNC", "NGO", "IGO")) else employer)
                if agent and len(code) == 3 and not code.startswith(("IGO", "NGO")):
                    code += agent  # "Rohani" known as IRN, a president: IRNGOV
                elif agent and agent != "GOV" and code[3:6] == "GOV" and has_country(code[:3]):
                    code = code[:3] + agent  # the article's title is the person's now: "Opposition leader Raila Odinga" KENOPP
                refs.append(ActorRef(code, entity.id if entity is not None else None, entity.name if entity is not None else ref.name, ref.span, "dictionary"))
            return refs
        agent = found.agent if found is not None else next(((r.code or "").lstrip("-") for r in known if r.code), None)
        if not agent:
            return []
        if found is None:
            found = Description(None, None, agent[:3], [])
        if found.entity is not None and found.entity.type not in ("PERSON",):
            return found.refs(tokens, head, None, "entity")
        country = self.context_country(head, found.agent) or self.dateline_country()
        return found.refs(tokens, head, country, "agent+country" if country else "entity")
