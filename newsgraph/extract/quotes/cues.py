"""Words that signal reported speech, and the media that a quote was said in.

Plain data and small functions over strings: kept apart from the parsing logic so the lists can
be read (and tested) on their own.
"""

from __future__ import annotations

import re
from typing import Optional

# Verbs of saying: they introduce direct quotes and reported speech alike.
SPEECH_VERBS = frozenset(
    """
    say tell add state explain note claim argue insist warn urge deny write tweet post ask reply
    respond answer announce declare suggest predict report acknowledge admit allege assert comment
    confirm contend emphasize emphasise stress indicate maintain mention observe promise pledge vow
    recall remark reveal testify agree concede complain criticize criticise accuse demand propose
    recommend caution reiterate speculate conclude shout joke quip boast lament wonder question
    charge counter retort inform assure tout brag chant yell scream cry whisper opine hint posit
    proclaim threaten plead estimate signal concur continue describe call read blast slam praise
    dismiss rule find show reason recount exclaim muse gush sniff snap fume thunder scoff mock
    disclose forecast project reckon vote pronounce guarantee affirm swear
    clarify elaborate interject
    """.split()
)

# Verbs of thinking and wanting: PolNeAR-style attribution covers them in reported speech only.
COGNITION_VERBS = frozenset(
    """
    believe think feel expect hope fear worry doubt consider realize realise know understand
    want wish bet figure suspect assume imagine acknowledge recognize recognise agree disagree
    hop
    """.split()
)  # "hop": the small model's lemma of "hoped" and "hopes"

# Verbs that attribute a proposition without saying it, PolNeAR-style: evidence ("polls show
# that ...", "she echoed that ...") and feeling ("protesters were frustrated that ..."); only with
# a clause.
ATTITUDE_VERBS = frozenset(
    """
    show prove demonstrate echo learn frustrate anger disappoint surprise please convince concern
    """.split()
)
# Verbs of intention with an infinitive: "plans to release ...", "refused to discuss ...".
INTENT_VERBS = frozenset("plan decide refuse decline intend seek aim offer propose advocate".split())
# Verbs of taking a stand on something, with an object: "cited the figure", "opposed the deal".
STANCE_VERBS = frozenset(
    """
    cite oppose support endorse back defend condemn blame invoke reference highlight encourage
    discuss express welcome applaud echo reject denounce challenge prefer
    """.split()
)
# Adjectives of feeling or certainty with a "that" clause: "many Democrats are afraid that ...".
ATTITUDE_ADJECTIVES = frozenset(
    """
    afraid worried concerned confident convinced certain hopeful optimistic pessimistic glad
    happy satisfied adamant angry upset frustrated disappointed surprised pleased proud
    """.split()
)

# Nouns of saying and thinking that take a "that" clause: "his claim that ...", "made the case that ...".
SPEECH_NOUNS = frozenset(
    """
    claim accusation allegation warning assertion argument case promise pledge statement belief view
    suggestion insistence admission denial charge complaint demand proposal prediction hope fear
    concern expectation contention announcement assurance threat vow vowing message notion conviction
    """.split()
)
# Nouns of "in X's view", "in the words of X": the rest of the sentence is X's.
VIEW_NOUNS = frozenset({"view", "opinion", "words", "estimation", "assessment", "judgment", "judgement", "account", "telling"})

# Reporting verbs whose object (not a clause) carries the content: "urged Iraq to ...",
# "called for new elections", "warned Iraq about ...".
OBJECT_CUES = frozenset(
    """
    urge call warn ask demand propose recommend accuse criticize criticise praise blast slam tell
    deny promise pledge vow threaten question dismiss mock tout announce suggest defend blame
    condemn reject oppose endorse support applaud thank attack push press plead appeal
    describe mention claim note acknowledge recall reiterate denounce challenge remind tweet email
    """.split()
)

# Paragraph labels that are not speakers ("UPDATE: ...", "Note: ...").
NOT_LABELS = frozenset(
    """
    update breaking watch exclusive note correction related photo photos video read source sources
    editor editors advertisement warning live opinion analysis poll clarification
    """.split()
)

# Cues that continue an earlier quote by the same speaker: the earlier medium carries over.
CONTINUING_CUES = frozenset({"add", "continue", "go", "conclude", "reiterate"})

# Nouns that name a speaker's role: "the Iranian leader said" means a person spoke.
ROLE_NOUNS = frozenset(
    """
    leader president minister premier chancellor official spokesman spokeswoman spokesperson
    senator governor mayor candidate nominee chairman chairwoman chair secretary ambassador
    diplomat general commander officer chief director executive ceo founder king queen prince
    ayatollah cleric judge lawyer attorney prosecutor adviser advisor aide analyst economist
    lawmaker legislator congressman congresswoman representative mogul businessman woman man
    """.split()
)

# Subjects that are not speakers of their own: relative pronouns stand for their antecedent.
RELATIVE_PRONOUNS = frozenset({"who", "that", "which", "whom"})
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})

# How something was said, in order of precedence when a sentence names several. The values are
# normalized: a "news conference" is a "press conference", a "communiqué" a "statement".
MEDIA: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("tweet", re.compile(r"\b(?:tweet(?:s|ed|ing)?|twitter)\b", re.IGNORECASE)),
    (
        "social media post",
        re.compile(
            r"\b(?:facebook|instagram|tiktok|telegram|truth social|social media|social[- ]network|blog post|posted on|post on)\b",
            re.IGNORECASE,
        ),
    ),
    ("press conference", re.compile(r"\b(?:press|news) (?:conference|briefing)s?\b", re.IGNORECASE)),
    ("briefing", re.compile(r"\bbriefings?\b", re.IGNORECASE)),
    ("interview", re.compile(r"\binterview(?:s|ed)?\b", re.IGNORECASE)),
    (
        "televised speech",
        re.compile(r"\btelevised (?:speech|address|remarks)\b|\b(?:speech|address) on (?:state |national )?(?:television|tv)\b", re.IGNORECASE),
    ),
    ("speech", re.compile(r"\b(?:speech|address to|remarks to|rally)\b", re.IGNORECASE)),
    ("letter", re.compile(r"\bletters?\b", re.IGNORECASE)),
    ("email", re.compile(r"\be-?mails?\b", re.IGNORECASE)),
    ("statement", re.compile(r"\bstatements?\b|\bcommuniqu[eé]\b|\bpress release\b", re.IGNORECASE)),
    ("website", re.compile(r"\b(?:website|web site|webpage|web page)s?\b", re.IGNORECASE)),
    ("television", re.compile(r"\b(?:television|televised|tv|broadcast)\b", re.IGNORECASE)),
    ("radio", re.compile(r"\bradio\b", re.IGNORECASE)),
)
MEDIUM_VALUES = tuple(name for name, _ in MEDIA)


def medium_in(text: str) -> Optional[str]:
    """The medium that ``text`` (an attribution without its quoted content) names, or None.

    >>> medium_in("he said in the first of five tweets.")
    'tweet'
    >>> medium_in("she told a news conference")
    'press conference'
    """
    for name, pattern in MEDIA:
        if pattern.search(text):
            return name
    return None


# Platforms named by how something was posted: "tweeted" is said on Twitter.
PLATFORMS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("Twitter", re.compile(r"\b(?:tweet(?:s|ed|ing)?|twitter|on x)\b", re.IGNORECASE)),
    ("Facebook", re.compile(r"\bfacebook\b", re.IGNORECASE)),
    ("Instagram", re.compile(r"\binstagram\b", re.IGNORECASE)),
    ("YouTube", re.compile(r"\byoutube\b", re.IGNORECASE)),
    ("TikTok", re.compile(r"\btiktok\b", re.IGNORECASE)),
    ("Telegram", re.compile(r"\btelegram\b", re.IGNORECASE)),
    ("Truth Social", re.compile(r"\btruth social\b", re.IGNORECASE)),
)
# Whom words were said to: "told CNN", "in an interview with The Associated Press", "speaking to Reuters".
_NAME = r"((?:the |The )?[A-Z][\w&.'’-]*(?:\s+(?:of |the |for |and )?[A-Z][\w&.'’-]*){0,5})"
_OUTLET = re.compile(
    r"\b(?:told|interview with|interviewed by|speaking to|speaking with|talking to|said to|wrote to|letter to|appearance on|appearing on)\s+" + _NAME
)
_NOT_OUTLETS = frozenset({"He", "She", "They", "I", "We", "It", "Mr", "Mrs", "Ms"})


def outlet_in(text: str) -> Optional[str]:
    """Whom or where words were given, as ``text`` (an attribution) names it: an outlet, a platform.

    >>> outlet_in("he told CNN in an interview")
    'CNN'
    >>> outlet_in("she tweeted on Sunday")
    'Twitter'
    >>> outlet_in("he told reporters") is None
    True
    """
    match = _OUTLET.search(text)
    if match and match.group(1).split()[0].strip(".") not in _NOT_OUTLETS:
        return match.group(1).rstrip(".,")
    for name, pattern in PLATFORMS:
        if pattern.search(text):
            return name
    return None


# Nouns a source goes by when it is not named: "a senior official", "people familiar with the talks".
ANONYMOUS_SOURCE_NOUNS = frozenset(
    """
    official source person people aide adviser advisor diplomat officer staffer insider member
    employee executive lawmaker spokesman spokeswoman spokesperson participant witness resident
    analyst negotiator operative strategist ally friend confidant associate
    """.split()
)
# Words that say a source was not named.
ANONYMITY_WORDS = re.compile(
    r"\b(?:anonymity|anonymously|unnamed|anonymous|not (?:to )?(?:be )?(?:named|identified)|not authori[sz]ed to)\b", re.IGNORECASE
)
# What a source asks for when not to be named: "asking not to be named", "requesting not to be identified",
# "speaking on condition of anonymity". It marks the attribution anonymous; it is not something said.
ANONYMITY_REQUEST = re.compile(
    r"(?:not (?:to )?be (?:named|identified|quoted)(?: by name)?|(?:on|under) (?:the )?conditions? (?:of|that) (?:anonymity|.{0,40}not be (?:named|identified)))",
    re.IGNORECASE,
)


_SMALL_WORDS = frozenset(
    "a an the of and in on for to at with or by from as de del la le los las el von van der du".split()
)


def looks_like_title(text: str) -> bool:
    """A short quoted stretch in title case is a work's title or a nickname, not a quotation."""
    text = text.strip().rstrip(",.")
    words = re.findall(r"[A-Za-z][\w'’-]*", text)
    if not words or len(words) > 7 or re.search(r"[!?;:]\W*$", text):
        return False
    return words[0][0].isupper() and all(w[0].isupper() or w.lower() in _SMALL_WORDS for w in words)


def looks_like_headline(text: str) -> bool:
    """Words in headline style: at least three, every one but the small words capitalised.

    >>> looks_like_headline("Clinton Says Russians Hacked DNC, Calls Trump's Putin Remarks")
    True
    >>> looks_like_headline("President Obama told reporters on Monday")
    False
    """
    words = re.findall(r"[^\W\d_][\w'’-]*", text)
    if len(words) < 3:
        return False
    return all(w[0].isupper() or w.lower() in _SMALL_WORDS for w in words)
