"""``quantext.spark.extract`` in Spark local mode (issue 7): the rows equal ``extract_arrow``'s.

Needs pyspark and a Java runtime; scripts/python-test.sh installs both and sets
QUANTEXT_REQUIRE_SPARK=1, so that there a missing Spark fails instead of skipping.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import quantext as qx

if os.environ.get("QUANTEXT_REQUIRE_SPARK") != "1":
    pytest.importorskip("pyspark")
    if shutil.which("java") is None:
        pytest.skip("no Java runtime for Spark", allow_module_level=True)

from pyspark.sql import DataFrame, SparkSession  # noqa: E402

import quantext.spark  # noqa: E402

CORPUS = Path(__file__).resolve().parents[2] / "bench" / "corpus" / "whitehouse-3mb.txt"


@pytest.fixture(scope="module")
def spark() -> Iterator[SparkSession]:
    os.environ["PYSPARK_PYTHON"] = sys.executable
    os.environ["PYSPARK_DRIVER_PYTHON"] = sys.executable
    session = (
        SparkSession.builder.master("local[2]")
        .appName("quantext-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.sql.execution.arrow.maxRecordsPerBatch", "500")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


def _rows(df: DataFrame) -> list[dict[str, Any]]:
    return sorted((r.asDict() for r in df.collect()), key=lambda r: (r["id"], r["start"]))


def test_rows_equal_extract_arrow_on_the_corpus_sample(spark: SparkSession) -> None:
    paragraphs = [p for p in CORPUS.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    texts: list[Any] = paragraphs[:4000]
    texts[7] = None
    df = spark.createDataFrame(
        [(i, f"source-{i % 3}", t) for i, t in enumerate(texts)], "id long, source string, body string"
    ).repartition(3)
    out = quantext.spark.extract(df, "body")
    assert out.columns == ["id", "source", *qx.FRAME_COLUMNS[1:]]
    got = _rows(out)
    expected = qx.extract_arrow(texts).to_pylist()
    for row in expected:
        doc = row.pop("doc")
        row["id"] = doc
        row["source"] = f"source-{doc % 3}"
    assert len(got) == len(expected) > 1000
    assert got == sorted(expected, key=lambda r: (r["id"], r["start"]))


def test_options_reach_the_workers(spark: SparkSession) -> None:
    df = spark.createDataFrame([(1, "In 1999 it cost $5.")], "id long, text string")
    kinds = [r["kind"] for r in _rows(quantext.spark.extract(df, "text", include_years=True))]
    assert kinds == ["year", "money"]
    assert [r["kind"] for r in _rows(quantext.spark.extract(df, "text"))] == ["money"]


def test_bad_arguments_are_clear_errors(spark: SparkSession) -> None:
    df = spark.createDataFrame([(1, "5 kg", "x")], "id long, body string, unit string")
    with pytest.raises(ValueError, match="no column 'text'"):
        quantext.spark.extract(df, "text")
    with pytest.raises(TypeError, match="must be a string column"):
        quantext.spark.extract(df, "id")
    with pytest.raises(ValueError, match=r"\['unit'\] have the names of quantity columns"):
        quantext.spark.extract(df, "body")
    renamed = quantext.spark.extract(df.withColumnRenamed("unit", "unit_in"), "body")
    assert [(r["unit_in"], r["unit"]) for r in renamed.collect()] == [("x", "kilogram")]


def test_large_var_types(spark: SparkSession) -> None:
    key = "spark.sql.execution.arrow.useLargeVarTypes"
    spark.conf.set(key, "true")
    try:
        df = spark.createDataFrame([(1, "about 4 million pills a day")], "id long, text string")
        rows = _rows(quantext.spark.extract(df, "text"))
    finally:
        spark.conf.unset(key)
    assert [(r["text"], r["entity"], r["per"]) for r in rows] == [
        ("about 4 million pills a day", "pills", "day")
    ]


def test_each_task_uses_the_cores_spark_gave_it(monkeypatch: pytest.MonkeyPatch) -> None:
    import pyarrow as pa
    from pyspark import TaskContext

    class Task:
        def cpus(self) -> int:
            return 3

    monkeypatch.setattr(TaskContext, "get", staticmethod(lambda: Task()))
    monkeypatch.delenv("QUANTEXT_NUM_THREADS", raising=False)
    batch = pa.record_batch({"id": [7], "body": ["5 kg"]})
    options: dict[str, Any] = {"include_years": False, "include_ordinals": False, "units": None, "entities": None}
    out = list(quantext.spark._extract_batches("body", ["id"], options, iter([batch])))
    assert os.environ["QUANTEXT_NUM_THREADS"] == "3"
    assert out[0].column("id").to_pylist() == [7] and out[0].column("unit").to_pylist() == ["kilogram"]
