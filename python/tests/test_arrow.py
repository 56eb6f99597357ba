"""Arrow in, Arrow out (``quantext.extract_arrow``) and the Polars namespace (issue 7)."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pandas as pd
import polars as pl
import pyarrow as pa
import pytest

import quantext as qx
import quantext._arrow
import quantext.polars

CORPUS = Path(__file__).resolve().parents[2] / "bench" / "corpus" / "whitehouse-3mb.txt"

TEXTS = [
    "Officials seized more than 27,000 pounds, about 4 million pills a day.",
    None,
    "Nothing here.",
    "Zürich — 5 km, then €5-10 million and up 116% from 2020.",
    "",
]


def _paragraphs(n: int) -> list[str]:
    lines = CORPUS.read_text(encoding="utf-8").split("\n\n")
    return [p for p in lines if p.strip()][:n]


def _reference(texts: list[Any]) -> dict[str, list[Any]]:
    """The same columns built the Python way (one object per value), to compare with."""
    return qx.Extractor()._columns(texts)


def test_table_equals_the_python_columns_on_the_corpus() -> None:
    texts = _paragraphs(3000)
    table = qx.extract_arrow(pa.array(texts))
    assert table.column_names == list(qx.FRAME_COLUMNS)
    assert table.num_rows > 1000
    assert table.to_pydict() == _reference(texts)


def test_schema_types_and_nulls() -> None:
    table = qx.extract_arrow(TEXTS)
    assert table.schema == quantext._arrow.schema()
    types = {f.name: str(f.type) for f in table.schema}
    assert types["doc"] == types["start"] == types["end"] == "int64"
    assert types["value"] == types["lower"] == types["si_factor"] == "double"
    assert types["lower_inclusive"] == types["approximate"] == "bool"
    assert types["text"] == types["unit"] == types["change_reference"] == "string"
    rows = table.to_pylist()
    assert rows[0]["doc"] == 0 and rows[0]["text"] == "more than 27,000 pounds"
    assert rows[0]["lower"] == 27000.0 and rows[0]["lower_inclusive"] is False
    assert rows[0]["upper"] is None and rows[0]["upper_inclusive"] is None
    assert {r["doc"] for r in rows} == {0, 3}
    for r in rows:
        text = TEXTS[r["doc"]]
        assert text is not None and text[r["start"] : r["end"]] == r["text"]
    change = [r for r in rows if r["change_direction"] is not None]
    assert change[0]["change_direction"] == "up" and change[0]["change_reference"] == "2020"
    table.validate(full=True)


@pytest.mark.parametrize(
    "make",
    [
        pytest.param(lambda t: pa.array(t, pa.string()), id="string"),
        pytest.param(lambda t: pa.array(t, pa.large_string()), id="large_string"),
        pytest.param(lambda t: pa.array(t, pa.string_view()), id="string_view"),
        pytest.param(lambda t: pa.array(t).dictionary_encode(), id="dictionary"),
        pytest.param(lambda t: pa.chunked_array([t[:2], t[2:3], [], t[3:]], pa.string()), id="chunked"),
        pytest.param(lambda t: pa.array(["x", *t, "y"]).slice(1, len(t)), id="slice"),
        pytest.param(lambda t: pl.Series(t), id="polars"),
        pytest.param(lambda t: pd.Series(t, dtype="string"), id="pandas-string"),
        pytest.param(lambda t: pd.Series([math.nan if x is None else x for x in t]), id="pandas-nan"),
        pytest.param(lambda t: iter(t), id="generator"),
        pytest.param(list, id="list"),
    ],
)
def test_every_kind_of_input_gives_the_same_table(make: Any) -> None:
    assert qx.extract_arrow(make(TEXTS)).to_pydict() == _reference(TEXTS)


def test_doc_counts_across_slices_and_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(quantext._arrow, "SLICE_TEXTS", 3)
    texts = [f"{i} kg" if i % 4 else None for i in range(20)]
    chunked = pa.chunked_array([texts[:7], texts[7:8], texts[8:]], pa.string())
    table = qx.extract_arrow(chunked)
    assert table.column("doc").to_pylist() == [i for i in range(20) if i % 4]
    assert table.column("value").to_pylist() == [float(i) for i in range(20) if i % 4]
    lists = quantext._arrow.extract_lists(qx.Extractor(), chunked)
    assert len(lists) == 20
    assert [None if x is None else len(x) for x in lists.to_pylist()] == [
        1 if i % 4 else None for i in range(20)
    ]


def test_options_are_passed_through() -> None:
    years = qx.extract_arrow(["It was 1999."], include_years=True)
    assert years.column("kind").to_pylist() == ["year"]
    assert qx.extract_arrow(["It was 1999."]).num_rows == 0
    units: list[qx.UnitSpec] = [
        {"name": "smoot", "dimension": "length", "si_factor": 1.7018, "words": ["smoots"]}
    ]
    custom = qx.extract_arrow(["364.4 smoots"], units=units)
    assert custom.column("unit").to_pylist() == ["smoot"]


def test_empty_and_all_null_input() -> None:
    for texts in ([], pa.array([], pa.string()), pa.array([None, None]), [None]):
        table = qx.extract_arrow(texts)
        assert table.num_rows == 0 and table.schema == quantext._arrow.schema()


def test_wrong_input_is_a_clear_error() -> None:
    with pytest.raises(TypeError, match="single str"):
        qx.extract_arrow("5 kg")
    with pytest.raises(TypeError, match="array of int64"):
        qx.extract_arrow(pa.array([1, 2]))
    with pytest.raises(TypeError, match=r"texts\[1\] is int, not str"):
        qx.extract_arrow(["5 kg", 7])


def test_broken_buffers_raise_instead_of_crashing() -> None:
    bad_utf8 = pa.Array.from_buffers(
        pa.string(), 1, [None, pa.py_buffer(b"\x00\x00\x00\x00\x02\x00\x00\x00"), pa.py_buffer(b"5\xff")]
    )
    with pytest.raises(ValueError, match="text 0 is not valid UTF-8"):
        qx.extract_arrow(bad_utf8)

    class Beyond:
        """A string array whose offsets run past its data (pyarrow refuses to build one)."""

        type, offset, null_count = pa.string(), 0, 0

        def __len__(self) -> int:
            return 1

        def buffers(self) -> list[Any]:
            return [None, pa.py_buffer(b"\x00\x00\x00\x00\x09\x00\x00\x00"), pa.py_buffer(b"abc")]

    with pytest.raises(ValueError, match="corrupt string array: its offsets span bytes 0..9 of a 3-byte"):
        quantext._arrow._used_bytes(Beyond())
    ex = qx.Extractor()
    with pytest.raises(ValueError, match="offsets buffer has 4 bytes"):
        ex._arrow_chunk(None, 0, b"\x00" * 4, b"", 5, 4, 0)
    with pytest.raises(ValueError, match="out of order or beyond"):
        ex._arrow_chunk(None, 0, (0).to_bytes(4, "little") + (9).to_bytes(4, "little"), b"abc", 1, 4, 0)
    with pytest.raises(ValueError, match="offset width"):
        ex._arrow_chunk(None, 0, b"\x00" * 8, b"", 1, 2, 0)


def test_a_small_slice_of_a_large_array_copies_only_its_bytes() -> None:
    import tracemalloc

    big = pa.array([f"{i} kg of rice " + "x" * 1000 for i in range(10_000)])  # about 10 MB
    piece = big.slice(5_003, 3)
    tracemalloc.start()
    try:
        table = qx.extract_arrow(piece)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert table.column("value").to_pylist() == [5003.0, 5004.0, 5005.0]
    assert table.column("doc").to_pylist() == [0, 1, 2]
    assert peak < 200_000, f"{peak} bytes of Python memory for 3 texts of a 10 MB array"


# ---------------------------------------------------------------------------------------------
# Polars


def test_polars_expression_namespace() -> None:
    df = pl.DataFrame({"id": [1, 2, 3, 4], "body": ["more than 27,000 pounds", None, "none", "5 kg and 3 m"]})
    out = df.with_columns(q=pl.col("body").quantext.extract())  # type: ignore[attr-defined]
    assert out.schema["q"] == quantext.polars.dtype()
    lists = out["q"].to_list()
    assert lists[0][0]["lower"] == 27000.0 and lists[0][0]["unit"] == "pound"
    assert lists[1] is None and lists[2] == []
    assert [q["text"] for q in lists[3]] == ["5 kg", "3 m"]
    flat = out.drop("body").explode("q").unnest("q").drop_nulls("text")
    assert flat["id"].to_list() == [1, 4, 4]
    lazy = df.lazy().select(pl.col("body").quantext.extract(include_years=True)).collect()  # type: ignore[attr-defined]
    assert lazy["body"].to_list() == lists


def test_polars_series_namespace_and_errors() -> None:
    s = pl.Series("t", ["It was 1999, 5 kg."])
    assert [q["kind"] for q in s.quantext.extract(include_years=True).to_list()[0]] == ["year", "measure"]  # type: ignore[attr-defined]
    with pytest.raises(TypeError, match="String column"):
        pl.Series("n", [1, 2]).quantext.extract()  # type: ignore[attr-defined]


def test_polars_lists_equal_the_arrow_table() -> None:
    texts = _paragraphs(500)
    lists = pl.Series(texts).quantext.extract().to_list()  # type: ignore[attr-defined]
    rows = qx.extract_arrow(texts).to_pylist()
    flat = [{"doc": doc, **q} for doc, qs in enumerate(lists) for q in qs]
    assert flat == rows


def test_extract_frame_polars_goes_through_arrow() -> None:
    texts = _paragraphs(200)
    frame = qx.extract_frame(texts, backend="polars")
    assert frame.to_dict(as_series=False) == qx.extract_arrow(texts).to_pydict()


def test_extract_frame_polars_without_pyarrow(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    texts = _paragraphs(50)
    expected = qx.extract_frame(texts, backend="polars").to_dict(as_series=False)
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    assert qx.extract_frame(texts, backend="polars").to_dict(as_series=False) == expected
