"""The quote highlighter on its own (no browser): a quote in parts is marked part by part."""

from __future__ import annotations

from newsgraph.web.highlight import article_facts, segments

TEXT = '"We will leave," the minister said, "but not before May." The talks, he said, had failed.'


def analysis(quotes):
    return {"article": {"text": TEXT}, "quotes": quotes}


def covered(text, pieces, group):
    return [text[p["start"]:p["end"]] for p in pieces if group in p["groups"] or any(f == group for f in p["facts"])]


def test_each_part_of_a_quote_is_highlighted_and_not_its_attribution():
    first, second = TEXT.index("We will"), TEXT.index("but not")
    parts = [[first, first + len("We will leave,")], [second, second + len("but not before May.")]]
    quote = {"span": [parts[0][0], parts[1][1]], "text": "We will leave, but not before May.", "parts": parts,
             "direct": True, "speaker": {"name": "the minister"}, "cue": {"text": "said"}}
    facts = article_facts(analysis([quote]))
    assert [(f["id"], f["text"]) for f in facts] == [("q0-0", "We will leave,"), ("q0-1", "but not before May.")]
    pieces = segments(TEXT, facts)
    marked = covered(TEXT, pieces, "q0")
    assert marked == ["We will leave,", "but not before May."]
    assert not any("said" in piece for piece in marked)
    assert sum(len(p["badges"]) for p in pieces) == 1  # one badge for the quote, at its first part


def test_reported_speech_in_parts_too():
    middle = TEXT.index("The talks")
    parts = [[middle, middle + len("The talks")], [TEXT.index("had failed"), len(TEXT) - 1]]
    quote = {"span": [parts[0][0], parts[1][1]], "text": "The talks had failed", "parts": parts, "direct": False,
             "speaker": {"name": "he"}, "cue": {"text": "said"}}
    marked = covered(TEXT, segments(TEXT, article_facts(analysis([quote]))), "q0")
    assert marked == ["The talks", "had failed"]


def test_a_quote_in_one_part_is_one_highlight():
    span = [1, 15]
    quote = {"span": span, "text": TEXT[1:15], "parts": [span], "direct": True, "speaker": None, "cue": None}
    facts = article_facts(analysis([quote]))
    assert [(f["id"], f["text"]) for f in facts] == [("q0", "We will leave,")]
