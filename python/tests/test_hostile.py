"""Hostile input through the wheel (issue 6): every case raises ParseError or returns results,
never crashes the interpreter or raises anything else."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import quantext as qx

HOSTILE = [
    "9" * 10_000,
    "1e309",
    "999 trillion trillion trillion",
    "abc \x00 5 kg \x00",
    "مرحبا 5 كغ and 5 kg عربي",
    "e\u0301 5\u0301 kg \u202e7 km\u202c",
    "1234567890" * 1_000,
    "between " * 5_000 + "1 and 2",
    "more than " * 5_000 + "5 kg",
    "1.000,5 euros",
    "\ud800 5 kg",  # a lone surrogate
    "$" * 1_000,
    "-" * 1_000 + "5",
    "½" * 1_000,
]


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_parse_raises_only_parse_error(text: str) -> None:
    try:
        q = qx.parse(text)
    except qx.ParseError as e:
        assert 0 <= e.offset <= len(text)
    else:
        assert q.value is None or q.value == q.value  # no NaN
        assert q.value is None or abs(q.value) != float("inf")


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_extract_returns_valid_spans(text: str) -> None:
    last = 0
    for q in qx.extract(text):
        assert last <= q.start < q.end <= len(text)
        last = q.end
        if "\ud800" not in text:
            assert text[q.start : q.end] == q.text
        assert q.value is None or abs(q.value) != float("inf")


def test_hostile_batch_matches_serial() -> None:
    assert qx.extract_batch(HOSTILE) == [qx.extract(t) for t in HOSTILE]


def test_a_long_line() -> None:
    text = "More than 27,000 pounds were seized. " * 100_000  # 3.7 MB on one line
    found = qx.extract(text)
    assert len(found) == 100_000
    assert found[-1].text == "More than 27,000 pounds"


def test_overflow_is_an_error_with_an_offset() -> None:
    with pytest.raises(qx.ParseError) as info:
        qx.parse("999 trillion trillion trillion")
    assert "small enough" in str(info.value)


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=200))
def test_any_text(text: str) -> None:
    try:
        qx.parse(text)
    except qx.ParseError:
        pass
    for q in qx.extract(text):
        assert text[q.start : q.end] == q.text
