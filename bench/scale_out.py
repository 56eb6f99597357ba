"""Benchmark of the scale-out paths (issue 7; docs/scale.md). Not a test.

    .venv/bin/python bench/scale_out.py [--repeat N] [--no-spark]

Input: ../shared/corpus/articles.jsonl (3,222 White House press releases, 15.7 MB, one text per
article) when it is beside the repository, else bench/corpus/whitehouse-3mb.txt split at blank
lines. Times (best of N, after one warm-up run):

  * extract_batch (Python objects), extract_frame (pandas), extract_arrow (Arrow table) and the
    Polars expression, with QUANTEXT_NUM_THREADS=1 and =2;
  * quantext.spark.extract in Spark local mode with 1 and 2 cores (local[1], local[2]), written
    to Spark's "noop" sink so that every column is computed; the session start-up is not timed.

Run it with the release wheel installed (scripts/python-test.sh builds and installs it).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "python"]

import polars as pl  # noqa: E402
import pyarrow as pa  # noqa: E402

import quantext as qx  # noqa: E402
import quantext.polars  # noqa: E402,F401


def load() -> tuple[str, list[str]]:
    articles = ROOT.parent / "shared" / "corpus" / "articles.jsonl"
    if articles.exists():
        lines = articles.read_text(encoding="utf-8").splitlines()
        return str(articles), [json.loads(line)["text"] for line in lines if line.strip()]
    sample = ROOT / "bench" / "corpus" / "whitehouse-3mb.txt"
    paragraphs = [p for p in sample.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    return str(sample), paragraphs


def best(run: Callable[[], Any], repeat: int) -> float:
    run()
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        run()
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--no-spark", action="store_true")
    args = ap.parse_args()
    source, texts = load()
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    print(f"input: {source}: {len(texts)} texts, {mb:.1f} MB")
    array = pa.array(texts, pa.string())
    frame = pl.DataFrame({"text": texts})
    rows = qx.extract_arrow(array).num_rows
    print(f"quantities: {rows}")
    paths: dict[str, Callable[[], Any]] = {
        "extract_batch (Python objects)": lambda: qx.extract_batch(texts),
        "extract_frame (pandas)": lambda: qx.extract_frame(texts),
        "extract_arrow (pyarrow array in)": lambda: qx.extract_arrow(array),
        "polars pl.col().quantext.extract()": lambda: frame.select(
            pl.col("text").quantext.extract()  # type: ignore[attr-defined]
        ),
    }
    print("| path | 1 thread MB/s | 2 threads MB/s |")
    print("|---|---:|---:|")
    for name, run in paths.items():
        rates = []
        for threads in ("1", "2"):
            os.environ["QUANTEXT_NUM_THREADS"] = threads
            rates.append(mb / best(run, args.repeat))
        print(f"| {name} | {rates[0]:.1f} | {rates[1]:.1f} |")
    os.environ.pop("QUANTEXT_NUM_THREADS", None)
    if not args.no_spark:
        spark_rates(texts, mb, rows, args.repeat)


def spark_rates(texts: list[str], mb: float, rows: int, repeat: int) -> None:
    from pyspark.sql import SparkSession

    import quantext.spark

    os.environ["PYSPARK_PYTHON"] = os.environ["PYSPARK_DRIVER_PYTHON"] = sys.executable
    table = pa.table({"id": pa.array(range(len(texts)), pa.int64()), "text": texts})
    for cores in (1, 2):
        spark = (
            SparkSession.builder.master(f"local[{cores}]")
            .config("spark.ui.enabled", "false")
            .config("spark.ui.showConsoleProgress", "false")
            .config("spark.driver.memory", "2g")
            .getOrCreate()
        )
        spark.sparkContext.setLogLevel("ERROR")
        df = spark.createDataFrame(table).repartition(8).cache()
        df.count()
        out = quantext.spark.extract(df, "text")
        assert out.count() == rows, "Spark found another number of quantities"
        seconds = best(lambda: out.write.format("noop").mode("overwrite").save(), repeat)
        print(
            f"| Spark local[{cores}] quantext.spark.extract | {mb / seconds:.1f} MB/s "
            f"({seconds:.2f} s) |",
            flush=True,
        )
        spark.stop()


if __name__ == "__main__":
    main()
