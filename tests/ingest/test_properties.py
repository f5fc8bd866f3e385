"""Property tests (Hypothesis): readers, decoders and pure extractor functions take any input
without an exception, and what they find lies inside the text it came from."""

from __future__ import annotations

import math
import re
from datetime import date

import pytest
import spacy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsgraph.extract._numbers import parse_number
from newsgraph.extract.quantities.units import match_unit, singular
from newsgraph.extract.quotes.marks import find_quoted
from newsgraph.extract.tone.scores import tone_of_text
from newsgraph.ingest.formats import decode_document, detect
from newsgraph.ingest.items import Item, parse_date, printable
from newsgraph.ingest.readers import ReadOptions, front_matter, read_json_lines, record_item, visible_text
from newsgraph.ingest.sources import read_bytes
from newsgraph.language import detect_language
from newsgraph.sentence_cap import SentenceCap

pytestmark = pytest.mark.issue(20)

FORMATS = {"warc", "gzip", "jsonl", "csv", "html", "feed", "text", "empty"}
PROPERTY = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# Text of the kinds hostile input is made of: quotes, brackets, markup, controls, RTL, emoji, zero width.
HOSTILE_CHARS = st.sampled_from(list('""“”„«»‘’\'()[]{}<>/&;=\n\t\r \x00\x07\x1b\u200b\u200f\u202e\ufeff\ufffdé ש ع 😀.,!?-'))
HOSTILE_TEXT = st.lists(st.one_of(HOSTILE_CHARS, st.text(max_size=8)), max_size=120).map("".join)
HOSTILE_BYTES = st.one_of(
    st.binary(max_size=600),
    HOSTILE_TEXT.map(lambda text: text.encode("utf-8")),
    HOSTILE_TEXT.map(lambda text: text.encode("utf-8")[:-1]),  # cut inside a character
    HOSTILE_TEXT.map(lambda text: ("<html><body><p>" + text + "</p></body></html>").encode("utf-8", "surrogatepass")),
    HOSTILE_TEXT.map(lambda text: ('{"id": "x", "text": "' + text + '"}\n').encode("utf-8", "surrogatepass")),
    HOSTILE_TEXT.map(lambda text: text.encode("utf-16")),
)


def _well_formed(item: Item) -> bool:
    kinds = [item.record is not None, item.analysis is not None, item.error is not None]
    if kinds.count(True) != 1:
        return False
    if item.error is not None:
        code, message = item.error
        return bool(code) and isinstance(message, str)
    return True


@PROPERTY
@given(HOSTILE_BYTES)
def test_detect_and_read_never_raise_and_name_every_problem(data):
    fmt = detect(data[:65536], "input")
    assert fmt in FORMATS or fmt.startswith("binary:")
    items = list(read_bytes(data, fmt, "input", ReadOptions(), id="input"))
    assert all(_well_formed(item) for item in items)
    assert items or fmt in ("jsonl", "csv", "feed", "warc")  # a single document always says something


@PROPERTY
@given(st.binary(max_size=2000))
def test_decoding_gives_text_and_says_when_it_was_not_clean(data):
    decoded = decode_document(data)
    assert isinstance(decoded.text, str)
    try:
        clean = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        clean = None
    if clean is not None and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        assert (decoded.text, decoded.note, decoded.undecodable) == (clean, None, False)
    elif clean is None and not _utf16(data):
        assert decoded.note  # never silent about bytes it could not read as UTF-8 (or UTF-16 with a BOM)
    if decoded.undecodable:
        assert "undecodable" in decoded.note


def _utf16(data: bytes) -> bool:
    if not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False
    try:
        data.decode("utf-16")
    except UnicodeDecodeError:
        return False
    return True


@PROPERTY
@given(HOSTILE_TEXT)
def test_a_few_bad_bytes_in_utf8_text_are_replaced_not_refused(text):
    body = ("The ministers met in Oslo on Monday, officials said. " * 20 + text).encode("utf-8", "surrogatepass")
    decoded = decode_document(body[:500] + b"\xc3\x28" + body[500:])
    assert not decoded.undecodable and decoded.note
    assert "Oslo" in decoded.text


@PROPERTY
@given(st.lists(st.one_of(HOSTILE_TEXT, st.binary(max_size=80)), max_size=12))
def test_json_lines_reader_gives_one_item_per_non_blank_line(lines):
    items = list(read_json_lines(lines, "dump.jsonl", ReadOptions()))
    assert all(_well_formed(item) for item in items)
    assert all(re.fullmatch(r"dump\.jsonl:\d+", item.origin) for item in items)


@PROPERTY
@given(st.one_of(HOSTILE_TEXT, st.integers(), st.floats(allow_nan=True), st.none(), st.dates()))
def test_dates_are_iso_or_none(value):
    parsed = parse_date(value)
    assert parsed is None or date.fromisoformat(parsed).isoformat() == parsed


METADATA = st.one_of(st.none(), HOSTILE_TEXT, st.integers(), st.floats(), st.booleans(),
                     st.lists(HOSTILE_TEXT, max_size=3), st.dictionaries(HOSTILE_TEXT, st.integers(), max_size=2))


@PROPERTY
@given(st.fixed_dictionaries({"text": HOSTILE_TEXT}, optional={name: METADATA for name in
       ("id", "title", "published", "source", "url", "author", "language")}))
def test_record_metadata_of_any_json_type_becomes_text_or_a_warning(record):
    item = record_item(record, "dump.jsonl:1", ReadOptions())
    assert _well_formed(item) and item.record is not None
    for key in ("title", "published", "source", "url", "author", "language", "id"):
        assert key not in item.record or isinstance(item.record[key], str)


@PROPERTY
@given(HOSTILE_TEXT)
def test_front_matter_leaves_the_rest_of_the_text(text):
    meta, body = front_matter(text)
    assert text.endswith(body) and isinstance(meta, dict)


@PROPERTY
@given(HOSTILE_TEXT)
def test_printable_names_stay_on_one_line(name):
    shown = printable(name)
    assert "\n" not in shown and "\r" not in shown and all(char.isprintable() for char in shown)


@PROPERTY
@given(HOSTILE_TEXT, st.integers(min_value=0, max_value=300))
def test_visible_text_of_any_markup_and_depth(text, depth):
    page = "<div>" * depth + text + "</div>" * depth
    out = visible_text(page)
    assert isinstance(out, str) and "<div>" not in out


@PROPERTY
@given(HOSTILE_TEXT)
def test_quoted_stretches_lie_inside_the_text_between_their_marks(text):
    for quote in find_quoted(text):
        assert 0 <= quote.open_at < quote.start <= quote.end <= len(text)
        if quote.close_at is not None:
            assert quote.end <= quote.close_at < len(text)


@PROPERTY
@given(HOSTILE_TEXT, st.integers(min_value=0, max_value=200))
def test_units_end_inside_the_text(text, position):
    position = min(position, len(text))
    found = match_unit(text, position)
    assert found is None or position < found[0] <= len(text)
    assert all(isinstance(singular(word), str) for word in text.split())


@PROPERTY
@given(HOSTILE_TEXT)
def test_numbers_tone_and_language_of_any_text(text):
    value = parse_number(text)
    assert value is None or isinstance(value, float)
    tone = tone_of_text(text)
    assert all(math.isfinite(number) for number in vars(tone).values() if isinstance(number, float))
    assert isinstance(detect_language(text), str)


BLANK = spacy.blank("en")


@PROPERTY
@given(st.lists(st.sampled_from(["word", ",", '"', "said", "and", ".", "\n", "Oslo"]), max_size=900),
       st.integers(min_value=5, max_value=60))
def test_sentence_cap_leaves_no_run_longer_than_the_cap(words, cap):
    doc = SentenceCap(cap)(BLANK(" ".join(words)))
    run = 0
    for token in doc:
        run = 1 if token.is_sent_start else run + 1
        if token.text in (".",) or "\n" in token.text:
            run = 0
        assert run <= cap
    paragraph_starts = [t.idx for t in doc if t.i > 0 and doc[t.i - 1].is_space and doc[t.i - 1].text.count("\n") >= 2]
    assert doc._.ng_sentence_cuts == [t.idx for t in doc if t.is_sent_start and t.i > 0 and t.idx not in paragraph_starts]
