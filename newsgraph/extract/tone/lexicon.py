"""The word lists tone is counted against.

The sentiment lexicon is VADER's (Hutto and Gilbert, 2014; MIT licence), read from the file the
``vaderSentiment`` package installs: about 7,500 words, emoticons and slang, each rated from -4
(most negative) to +4 by ten people. Only whole words are used here (GDELT counts words, not
emoticons), lower-cased as VADER writes them, less the few in ``NEWS_NEUTRAL``.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

LEXICON_PACKAGE = "vaderSentiment"
LEXICON_FILE = "vader_lexicon.txt"

# Self and group references: personal, possessive and reflexive pronouns.
PRONOUNS = frozenset(
    "i me my mine myself we us our ours ourselves you your yours yourself yourselves he him his himself "
    "she her hers herself it its itself they them their theirs themselves".split()
)


# VADER was rated for social media. These entries' usual sense in news is a neutral term of economics,
# politics or grammar ("crude oil", "gross domestic product", "interest rates", "shares rose",
# "United States", "the ruling party", "like China", "oil well"), so news tone leaves them out.
NEWS_NEUTRAL = frozenset(
    "share shares shared interest interests credit credits crude gross party parties united like well kind "
    "security demand".split()
)


@lru_cache(maxsize=1)
def sentiment_lexicon() -> dict[str, float]:
    """Word -> mean valence (-4 .. +4) for every alphabetic entry of VADER's lexicon."""
    lines = resources.files(LEXICON_PACKAGE).joinpath(LEXICON_FILE).read_text("utf-8").splitlines()
    lexicon = {}
    for line in lines:
        parts = line.split("\t")
        if len(parts) < 2:
            continue
        word = parts[0].strip()
        if word.replace("'", "").replace("-", "").isalpha() and word.lower() not in NEWS_NEUTRAL:
            lexicon[word.lower()] = float(parts[1])
    return lexicon
