"""Property tests (hypothesis): no exception but ParseError, valid spans, print-parse round trip."""

from __future__ import annotations

import pickle

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import quantext as qx

settings.register_profile(
    "quantext", deadline=None, suppress_health_check=[HealthCheck.too_slow], max_examples=200
)
settings.load_profile("quantext")

QUALIFIERS = [
    "",
    "more than ",
    "less than ",
    "at least ",
    "at most ",
    "up to ",
    "about ",
    "nearly ",
    "almost ",
    "roughly ",
    "over ",
    "under ",
    "just over ",
    "approximately ",
]
NUMBERS = [
    "1",
    "12",
    "27,000",
    "3.5",
    "0.65",
    "1,900",
    "4 million",
    "738.5 million",
    "twenty",
    "twenty-five",
    "three and a half",
    "half a million",
    "2 1/2",
]
UNITS = [
    "",
    " pounds",
    " kg",
    " km",
    " miles",
    " mph",
    " percent",
    "%",
    " hours",
    " days",
    " degrees Celsius",
    " gallons",
    " pills",
    " doses",
    " dollars",
]
SUFFIXES = ["", " a day", " per year", " each"]

# Words and marks that make running text with quantities in it.
WORDS = st.sampled_from(
    QUALIFIERS[1:]
    + NUMBERS
    + UNITS[1:]
    + ["$", "€", "£", "In 2022,", "officials", "seized", "the", "of", "and", "between", "to",
       "-", "–", "—", ",", ".", "(", ")", "\n", "Zürich", "😀", "½", "One", "one", "1st",
       "hundreds of", "thousands", "up", "down", "from", "COVID-19", "9:30", "7/31/2024"]
)


@given(st.text())
def test_parse_raises_only_parse_error(text: str) -> None:
    try:
        q = qx.parse(text)
    except qx.ParseError as err:
        assert 0 <= err.offset <= len(text)
        assert "^" in str(err)
    else:
        assert isinstance(q, qx.Quantity)
        assert text[q.start : q.end] == q.text


@given(st.lists(WORDS, max_size=12).map(" ".join))
def test_parse_raises_only_parse_error_on_quantity_like_text(text: str) -> None:
    try:
        qx.parse(text)
    except qx.ParseError as err:
        assert 0 <= err.offset <= len(text)


def _check_spans(text: str) -> None:
    found = qx.extract(text)
    last_end = 0
    for q in found:
        assert 0 <= q.start <= q.end <= len(text)
        assert q.start >= last_end, "sorted and non-overlapping"
        assert text[q.start : q.end] == q.text
        last_end = q.end


@given(st.text())
def test_extract_spans_any_text(text: str) -> None:
    _check_spans(text)


@given(st.lists(st.one_of(WORDS, st.text(max_size=3)), max_size=30).map(" ".join))
def test_extract_spans_quantity_like_text(text: str) -> None:
    _check_spans(text)


@given(
    st.sampled_from(QUALIFIERS),
    st.sampled_from(["", "$"]),
    st.sampled_from(NUMBERS),
    st.sampled_from(UNITS),
    st.sampled_from(SUFFIXES),
)
def test_print_parse_round_trip(
    qualifier: str, currency: str, number: str, unit: str, suffix: str
) -> None:
    phrase = qualifier + currency + number + unit + suffix
    try:
        q = qx.parse(phrase)
    except qx.ParseError:
        assume(False)
        raise
    assert qx.parse(str(q)) == q, f"{phrase!r} printed as {str(q)!r}"
    back = pickle.loads(pickle.dumps(q))
    assert back == q and back.to_dict() == q.to_dict()
