"""The API of issue 3, its examples word for word, and the rest of the public surface."""

from __future__ import annotations

import faulthandler
import fractions
import json
import math
import os
import pickle
import sys
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest

import quantext as qx

ISSUE_TEXT = "Officials seized more than 27,000 pounds, about 4 million pills a day."
CONTRACT_KEYS = [
    "text",
    "start",
    "end",
    "kind",
    "value",
    "lower",
    "upper",
    "approximate",
    "unit",
    "entity",
    "per",
    "change",
]


def test_imported_from_the_built_wheel() -> None:
    # python/ is not on sys.path: the package under test is the installed wheel.
    assert "site-packages" in Path(qx.__file__).parts
    assert qx.__version__
    assert qx._quantext.__file__ is not None


# --- the issue's examples -------------------------------------------------------------------


def test_parse_example() -> None:
    q = qx.parse("more than 27,000 pounds")
    assert q.value == 27000.0
    assert q.lower is not None
    assert q.lower.value == 27000.0
    assert q.lower.inclusive is False
    assert q.upper is None
    assert q.unit is not None
    assert q.unit.name == "pound"
    assert q.unit.dimension == "mass"
    assert q.kind == "measure"
    assert q.approximate is False


def test_to_kilograms_converts_bounds_too() -> None:
    q = qx.parse("more than 27,000 pounds")
    kg = q.to("kg")
    assert isinstance(kg, qx.Quantity)
    assert kg.unit is not None
    assert kg.unit.dimension == "mass"
    assert kg.unit.si_unit == "kg" and kg.unit.si_factor == 1.0
    assert kg.value == pytest.approx(27000 * 0.45359237)
    assert kg.lower is not None
    assert kg.lower.value == pytest.approx(27000 * 0.45359237)
    assert kg.lower.inclusive is False
    assert kg.upper is None
    assert kg.text == q.text and kg.span == q.span
    # The original is unchanged (immutable).
    assert q.unit is not None and q.unit.name == "pound"


def test_to_across_dimensions_is_a_clear_error() -> None:
    q = qx.parse("more than 27,000 pounds")
    with pytest.raises(qx.ConversionError, match="pound.*mass.*hour.*time"):
        q.to("hour")
    assert issubclass(qx.ConversionError, ValueError)
    with pytest.raises(ValueError, match="unknown unit"):
        q.to("no-such-unit")


def test_to_dict_is_the_json_contract() -> None:
    text = "more than 27,000 pounds"
    q = qx.parse(text)
    d = q.to_dict()
    assert list(d) == CONTRACT_KEYS
    assert d["text"] == text and d["start"] == 0 and d["end"] == len(text)
    assert d["kind"] == "measure" and d["value"] == 27000.0
    assert d["lower"] == {"value": 27000.0, "inclusive": False}
    assert d["upper"] is None and d["approximate"] is False
    assert d["unit"] is not None and d["unit"]["name"] == "pound"
    assert set(d["unit"]) == {"name", "dimension", "symbol", "si_unit", "si_factor", "si_offset"}
    # JSON-serialisable as is.
    assert json.loads(json.dumps(d)) == d


def test_parse_error_has_offset_and_caret() -> None:
    assert issubclass(qx.ParseError, ValueError)
    with pytest.raises(qx.ParseError) as info:
        qx.parse("more than pounds")
    err = info.value
    assert err.offset == 10
    assert "^" in str(err)
    assert "more than pounds" in str(err)
    # The caret sits under the offending character.
    lines = str(err).splitlines()
    caret_line = lines[-1]
    text_line = lines[-2]
    assert text_line[caret_line.index("^") :].startswith("pounds")
    assert err.input == "more than pounds"
    assert err.expected and err.found


def test_parse_error_offset_counts_code_points() -> None:
    text = "plus de 😀 pounds"
    with pytest.raises(qx.ParseError) as info:
        qx.parse(text)
    err = info.value
    assert 0 <= err.offset <= len(text)
    assert len(text.encode()[: err.byte_offset].decode()) == err.offset


def test_extract_example() -> None:
    text = "Officials seized more than 27,000 pounds, about 4 million pills a day."
    found = qx.extract(text)
    assert [m.text for m in found] == ["more than 27,000 pounds", "about 4 million pills a day"]
    for m in found:
        assert text[m.start : m.end] == m.text


def test_spans_are_str_indices_with_non_ascii_text() -> None:
    prefix = "Ünïcödé — “quoted” 😀 naïve café. "
    text = prefix + ISSUE_TEXT
    found = qx.extract(text)
    texts = [m.text for m in found]
    assert "more than 27,000 pounds" in texts and "about 4 million pills a day" in texts
    for m in found:
        assert text[m.start : m.end] == m.text
        assert m.span == (m.start, m.end)
        assert m.to_dict()["start"] == m.start and m.to_dict()["end"] == m.end
    # Mentions containing non-ASCII characters.
    samples = ["It is −5 °C today and 20 km away, €40 each.", "Zürich: 5 km, 😀😀 3 miles"]
    for t in samples:
        for m in qx.extract(t):
            assert t[m.start : m.end] == m.text


def test_extract_batch_matches_extract() -> None:
    texts = [ISSUE_TEXT, "", "No numbers here.", "Zürich — 5 km and 3 miles", None]
    batch = qx.extract_batch(texts)
    assert len(batch) == len(texts)
    for t, found in zip(texts, batch):
        expected = qx.extract(t) if t is not None else []
        assert [m.to_dict() for m in found] == [m.to_dict() for m in expected]
    # Any iterable, including a generator.
    assert len(qx.extract_batch(t for t in [ISSUE_TEXT])) == 1
    assert qx.extract_batch([]) == []


def test_batch_input_from_dataframe_columns() -> None:
    import pandas as pd
    import polars as pl

    texts = [ISSUE_TEXT, None, "Zürich — 5 km"]
    expected = [[m.to_dict() for m in found] for found in qx.extract_batch(texts)]
    assert expected[1] == []
    columns: list[Iterable[Any]] = [
        pd.Series(texts, dtype="object"),
        pd.Series(texts, dtype="string"),
        pd.Series([ISSUE_TEXT, float("nan"), "Zürich — 5 km"], dtype="object"),
        pl.Series(texts),
    ]
    for column in columns:
        got = qx.extract_batch(column)
        assert [[m.to_dict() for m in found] for found in got] == expected
    frame = qx.extract_frame(pd.Series(texts, dtype="string"))
    assert sorted(set(frame["doc"])) == [0, 2]


def test_extract_batch_thread_counts_agree(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = [ISSUE_TEXT * (i % 4 + 1) for i in range(50)]
    results = []
    for n in ["1", "2", "3", "64"]:
        monkeypatch.setenv("QUANTEXT_NUM_THREADS", n)
        results.append([[m.to_dict() for m in found] for found in qx.extract_batch(texts)])
    assert all(r == results[0] for r in results)


@pytest.mark.parametrize("threads", ["2", "3"])
def test_extract_batch_puts_each_list_in_its_texts_place(
    threads: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """12,000 texts (3.5 MB): each thread reads them a delivery of about 64 KB at a time, and the
    deliveries reach the calling thread out of order. Every text is different (its first quantity
    is its number), so a list put in another text's place would show."""
    kinds: list[str | None] = [ISSUE_TEXT, "no quantity here", None, "up 5% from 2020", ""]
    texts: list[str | None] = []
    for i in range(12_000):
        kind = kinds[i % len(kinds)]
        texts.append(None if kind is None else f"{i} km; {kind}" + " Later." * (i % 97))
    expected = [[m.to_dict() for m in qx.extract(t)] if t is not None else [] for t in texts]
    assert sum(map(len, expected)) == 16_800
    monkeypatch.setenv("QUANTEXT_NUM_THREADS", threads)
    got = qx.extract_batch(texts)
    assert [[m.to_dict() for m in found] for found in got] == expected


class _Sized:
    """An iterable whose ``len()`` is not the number of its items, and counts how often it is
    asked."""

    def __init__(self, items: list[str | None], length: int) -> None:
        self.items, self.length, self.asked = items, length, 0

    def __iter__(self) -> Iterator[str | None]:
        return iter(self.items)

    def __len__(self) -> int:
        self.asked += 1
        return self.length


@pytest.mark.parametrize("threads", ["1", "2"])
def test_extract_batch_gathers_texts_while_reading_them(
    threads: str, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    """The calling thread gathers the texts of a batch while the other threads read the first ones
    (in chunks of 256, 512, 1024, ... texts). Any iterable gives the same lists, also without a
    length or with a wrong one (``len()``, user code, is never asked); an item that is not a text,
    or a generator that raises, far into the batch stops the threads already reading, and the
    error is raised."""
    # A thread left waiting for texts that never come would hang the batch (with the GIL held):
    # the run ends with a traceback instead, on the real standard error (not pytest's capture).
    with capfd.disabled():
        faulthandler.dump_traceback_later(60, exit=True)
        try:
            _gather_while_reading(threads, monkeypatch)
        finally:
            faulthandler.cancel_dump_traceback_later()


def _gather_while_reading(threads: str, monkeypatch: pytest.MonkeyPatch) -> None:
    texts = [f"{i} km; up 5% from 2020" if i % 3 else None for i in range(5_000)]
    expected = [[m.to_dict() for m in qx.extract(t)] if t is not None else [] for t in texts]
    monkeypatch.setenv("QUANTEXT_NUM_THREADS", threads)

    def dicts(batch: list[list[qx.Quantity]]) -> list[list[Any]]:
        return [[m.to_dict() for m in found] for found in batch]

    assert dicts(qx.extract_batch(t for t in texts)) == expected
    for length in [10, 10**9]:
        sized = _Sized(texts, length)
        assert dicts(qx.extract_batch(sized)) == expected
        assert sized.asked == 0
    bad: list[Any] = [*texts[:4_321], 7, *texts[4_321:]]
    with pytest.raises(TypeError, match=r"texts\[4321\] is int"):
        qx.extract_batch(bad)

    def slow(fail: bool) -> Iterator[str | None]:
        # The first chunk, then a pause: the other threads read it and wait for the next.
        yield from texts[:300]
        time.sleep(0.1)
        if fail:
            raise ValueError("the source failed")
        yield from texts[300:]

    assert dicts(qx.extract_batch(slow(fail=False))) == expected
    with pytest.raises(ValueError, match="the source failed"):
        qx.extract_batch(slow(fail=True))
    assert dicts(qx.extract_batch(texts[:3])) == expected[:3]
    # The DataFrame columns are read the same way.
    frame = qx.extract_frame(t for t in texts)
    assert len(frame) == sum(map(len, expected))
    assert list(frame["text"][:2]) == ["1 km", "up 5% from 2020"]


def test_extract_batch_leaves_the_garbage_collector_as_it_was() -> None:
    # extract_batch pauses the cyclic collector while it builds its lists, and restores it.
    import gc

    texts = [ISSUE_TEXT] * 20
    assert gc.isenabled()
    assert len(qx.extract_batch(texts)) == 20
    assert gc.isenabled()
    # Not while the texts are gathered: a generator runs with the collector as it was.
    enabled = []

    def watched() -> Iterator[str]:
        for t in texts * 100:
            enabled.append(gc.isenabled())
            yield t

    assert len(qx.extract_batch(watched())) == 2_000
    assert enabled == [True] * 2_000
    assert gc.isenabled()
    gc.disable()
    try:
        assert len(qx.extract_batch(texts)) == 20
        assert not gc.isenabled()
    finally:
        gc.enable()
    with pytest.raises(TypeError):
        qx.extract_batch([ISSUE_TEXT, 5])  # type: ignore[list-item]
    assert gc.isenabled()


def test_extract_batch_rejects_bad_input() -> None:
    with pytest.raises(TypeError, match="single str"):
        qx.extract_batch(ISSUE_TEXT)
    with pytest.raises(TypeError, match=r"texts\[1\] is int"):
        qx.extract_batch(["a", 1])  # type: ignore[list-item]


@pytest.mark.parametrize("backend", ["pandas", "polars"])
def test_extract_frame(backend: str) -> None:
    texts = [ISSUE_TEXT, "Nothing.", "Zürich — 5 km"]
    rows: list[dict[str, Any]]
    if backend == "pandas":
        frame = qx.extract_frame(texts)
        rows = [{str(k): v for k, v in r.items()} for r in frame.to_dict("records")]
        columns = list(frame.columns)
    else:
        pframe = qx.extract_frame(texts, backend="polars")
        rows = pframe.to_dicts()
        columns = pframe.columns
    assert columns == list(qx.FRAME_COLUMNS)
    assert columns == [
        "doc",
        "start",
        "end",
        "text",
        "kind",
        "value",
        "lower",
        "lower_inclusive",
        "upper",
        "upper_inclusive",
        "approximate",
        "unit",
        "dimension",
        "si_factor",
        "entity",
        "per",
        "change_direction",
        "change_reference",
    ]
    expected = [(doc, m) for doc, found in enumerate(qx.extract_batch(texts)) for m in found]
    assert len(rows) == len(expected)
    for row, (doc, m) in zip(rows, expected):
        assert row["doc"] == doc
        assert texts[doc][row["start"] : row["end"]] == row["text"] == m.text
        assert row["kind"] == m.kind
        assert row["approximate"] == m.approximate
        if m.value is None:
            assert _is_null(row["value"])
        else:
            assert row["value"] == m.value
        if m.unit is not None:
            assert row["unit"] == m.unit.name and row["dimension"] == m.unit.dimension
        else:
            assert _is_null(row["unit"])
        if m.lower is not None:
            assert row["lower"] == m.lower.value and row["lower_inclusive"] == m.lower.inclusive
    assert rows[0]["doc"] == 0 and rows[0]["text"] == "more than 27,000 pounds"


def _is_null(v: object) -> bool:
    import pandas as pd

    return v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v))


def test_extract_frame_dtypes_and_empty_input() -> None:
    import pandas as pd
    import polars as pl

    empty = qx.extract_frame([])
    assert list(empty.columns) == list(qx.FRAME_COLUMNS) and len(empty) == 0
    frame = qx.extract_frame([ISSUE_TEXT])
    assert frame["doc"].dtype == "int64"
    assert frame["value"].dtype == "float64"
    assert frame["lower_inclusive"].dtype == pd.BooleanDtype()
    assert isinstance(frame["text"].dtype, pd.StringDtype)
    pempty = qx.extract_frame([], backend="polars")
    assert pempty.columns == list(qx.FRAME_COLUMNS) and pempty.height == 0
    pframe = qx.extract_frame([ISSUE_TEXT], backend="polars")
    assert pframe.schema["doc"] == pl.Int64 and pframe.schema["value"] == pl.Float64
    with pytest.raises(ValueError, match="backend"):
        qx.extract_frame([], backend="spark")  # type: ignore[call-overload]


def test_extract_frame_without_the_library(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "polars", None)
    with pytest.raises(ImportError, match="needs polars.*pip install polars"):
        qx.extract_frame([ISSUE_TEXT], backend="polars")
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ImportError, match="needs pandas"):
        qx.extract_frame([ISSUE_TEXT])


# --- Quantity as a Python value -------------------------------------------------------------


def test_quantity_is_immutable() -> None:
    q = qx.parse("more than 27,000 pounds")
    with pytest.raises(AttributeError):
        q.value = 3.0  # type: ignore[misc]
    with pytest.raises(AttributeError):
        q.foo = 1  # type: ignore[attr-defined]


def test_equality_compares_the_reading_not_the_span() -> None:
    a = qx.parse("more than 27,000 pounds")
    b = qx.extract("He said: more than 27,000 pounds.")[0]
    assert a.span != b.span
    assert a == b and hash(a) == hash(b)
    assert len({a, b}) == 1
    c = qx.parse("at least 27,000 pounds")
    assert a != c
    assert a != "more than 27,000 pounds"
    assert (a == 1) is False


def test_str_is_canonical_and_reads_back() -> None:
    phrases = ["more than 27,000 pounds", "about 4 million pills a day", "between 3 and 5 percent"]
    for text in phrases:
        q = qx.parse(text)
        assert qx.parse(str(q)) == q


def test_repr_is_readable() -> None:
    q = qx.parse("more than 27,000 pounds")
    assert repr(q) == (
        "Quantity(text='more than 27,000 pounds', kind='measure', value=27000.0, "
        "lower=(27000.0, exclusive), upper=None, unit='pound')"
    )
    assert repr(q.lower) == "Bound(value=27000.0, inclusive=False)"
    assert q.unit is not None and repr(q.unit).startswith("Unit(name='pound', dimension='mass'")
    assert repr(qx.Extractor()) == (
        "Extractor(include_years=False, include_ordinals=False, units=[], entities=[])"
    )


def test_pickle_round_trip_keeps_spans_and_exact_values() -> None:
    text = "Zürich: " + ISSUE_TEXT + " One in three said so."
    found = qx.extract(text) + [qx.parse("more than 27,000 pounds"), qx.parse("one in three")]
    for q in found:
        for protocol in range(pickle.HIGHEST_PROTOCOL + 1):
            back = pickle.loads(pickle.dumps(q, protocol=protocol))
            assert isinstance(back, qx.Quantity)
            assert back == q
            assert back.to_dict() == q.to_dict()
            assert back.span == q.span and back.text == q.text
            assert back.value_exact == q.value_exact
            assert repr(back) == repr(q)


def test_exact_values() -> None:
    q = qx.parse("one in three")
    assert q.value_exact is not None
    assert fractions.Fraction(q.value_exact) == fractions.Fraction(1, 3)
    assert q.value == pytest.approx(1 / 3)
    q = qx.parse("51.4%")
    assert q.value_exact == "51.4"
    assert q.lower is not None and q.lower.value_exact == "51.4"
    q = qx.parse("738.5 million doses")
    assert q.value_exact == "738500000"


def test_unit_attributes_and_change() -> None:
    q = qx.parse("more than 27,000 pounds")
    u = q.unit
    assert u is not None
    assert (u.name, u.dimension, u.si_unit) == ("pound", "mass", "kg")
    assert u.si_factor == 0.45359237 and u.si_offset == 0.0 and u.symbol
    assert u == qx.parse("3 pounds").unit and hash(u) == hash(qx.parse("3 lb").unit)
    assert q.change is None and q.entity is None and q.per is None
    assert qx.Quantity in (type(q),)
    up = qx.parse("up 116% from 2020")
    assert up.change is not None
    assert (up.change.direction, up.change.reference) == ("up", "2020")
    assert repr(up.change) == "Change(direction='up', reference='2020')"
    assert up.to_dict()["change"] == {"direction": "up", "reference": "2020"}


def test_is_exact() -> None:
    assert qx.parse("12 pills").is_exact()
    assert not qx.parse("more than 27,000 pounds").is_exact()


def test_surrogates_do_not_break_spans() -> None:
    text = "a \ud800 5 km \udc00 and 6 miles"
    for m in qx.extract(text):
        assert text[m.start : m.end] == m.text
    with pytest.raises(qx.ParseError):
        qx.parse("\ud800")


@pytest.mark.parametrize("threads", ["1", "2"])
def test_batch_reads_each_kind_of_item_as_extract_does(
    threads: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    class Text(str):
        pass

    texts: list[object] = [
        "a \ud800 5 km \udc00 and 6 miles",  # lone surrogates: read from a replaced copy
        Text("about 3 kg and 4 miles"),  # a subclass of str
        None,
        "Zürich — 5 km, then 6 miles",
        float("nan"),
        "",
    ] * 3
    monkeypatch.setenv("QUANTEXT_NUM_THREADS", threads)
    found = qx.extract_batch(texts)  # type: ignore[arg-type]
    assert len(found) == len(texts)
    for text, qs in zip(texts, found):
        expected = qx.extract(text) if isinstance(text, str) else []
        assert [(q.start, q.end, q.text) for q in qs] == [
            (q.start, q.end, q.text) for q in expected
        ]
        assert qs == expected


# --- options --------------------------------------------------------------------------------

SMOOT: qx.UnitSpec = {
    "name": "smoot",
    "dimension": "length",
    "symbol": "smoot",
    "si_unit": "m",
    "si_factor": 1.7018,
    "words": ["smoot", "smoots"],
}


def test_extractor_options() -> None:
    text = "Seizures rose in 2022. The bridge is 364.4 smoots long; 2,200 pill presses."
    plain = qx.extract(text)
    assert all(m.kind != "year" for m in plain)
    ex = qx.Extractor(include_years=True, units=[SMOOT], entities=["pill presses"])
    assert ex.include_years and not ex.include_ordinals
    found = ex.extract(text)
    assert any(m.kind == "year" and m.text == "2022" for m in found)
    smoots = [m for m in found if m.unit is not None and m.unit.name == "smoot"]
    assert smoots and smoots[0].unit is not None and smoots[0].unit.si_factor == 1.7018
    presses = [m for m in found if m.entity == "pill presses"]
    assert presses
    # The same options as keywords of the module functions.
    assert [m.to_dict() for m in qx.extract(text, include_years=True, units=[SMOOT])] == [
        m.to_dict() for m in qx.Extractor(include_years=True, units=[SMOOT]).extract(text)
    ]
    assert qx.parse("364.4 smoots", units=[SMOOT]).value == 364.4
    assert ex.parse("364.4 smoots").unit == smoots[0].unit
    assert [[m.text for m in f] for f in ex.extract_batch([text])] == [[m.text for m in found]]


def test_bad_unit_specs_are_clear_errors() -> None:
    with pytest.raises(ValueError, match='unknown dimension "lenght"'):
        qx.Extractor(units=[{"name": "smoot", "dimension": "lenght"}])
    typo: Any = {"name": "smoot", "dimension": "length", "word": ["x"]}
    with pytest.raises(ValueError, match='unknown unit key "word"'):
        qx.Extractor(units=[typo])
    with pytest.raises(ValueError, match="needs a \"name\""):
        qx.Extractor(units=[{"dimension": "length"}])  # type: ignore[typeddict-item]
    with pytest.raises(TypeError):
        qx.Extractor(units=SMOOT)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        qx.Extractor(entities="pill presses")


def test_num_threads_env_is_optional() -> None:
    # The variable only changes speed; absent or junk, batches still work.
    old = os.environ.pop("QUANTEXT_NUM_THREADS", None)
    try:
        assert len(qx.extract_batch([ISSUE_TEXT] * 5)) == 5
        os.environ["QUANTEXT_NUM_THREADS"] = "junk"
        assert len(qx.extract_batch([ISSUE_TEXT] * 5)) == 5
    finally:
        os.environ.pop("QUANTEXT_NUM_THREADS", None)
        if old is not None:
            os.environ["QUANTEXT_NUM_THREADS"] = old


def test_nan_safe_values() -> None:
    for m in qx.extract(ISSUE_TEXT):
        if m.value is not None:
            assert math.isfinite(m.value)


def test_copy_and_module_doctest() -> None:
    import copy
    import doctest

    q = qx.extract("Zürich: " + ISSUE_TEXT)[1]
    for c in (copy.copy(q), copy.deepcopy(q)):
        assert c == q and c.span == q.span and c.to_dict() == q.to_dict()
    result = doctest.testmod(qx, verbose=False)
    assert result.attempted > 0 and result.failed == 0
