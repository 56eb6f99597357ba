"""Apache Spark integration: ``quantext.spark.extract(df, "text")``.

One row per quantity, computed on the workers with ``DataFrame.mapInArrow``: each Arrow batch
of the input goes through :func:`quantext.extract_arrow` (Rust, all the worker's cores, no Python
object per row) and comes back as an Arrow batch. The input's other columns are kept on every
row of their text's quantities, so they identify the document (the batch-local ``doc`` index of
``extract_arrow`` is not kept)::

    >>> from pyspark.sql import SparkSession
    >>> import quantext.spark
    >>> spark = SparkSession.builder.master("local[2]").getOrCreate()
    >>> df = spark.createDataFrame([(1, "more than 27,000 pounds")], "id long, text string")
    >>> quantext.spark.extract(df, "text").select("id", "text", "lower", "unit").collect()
    [Row(id=1, text='more than 27,000 pounds', lower=27000.0, unit='pound')]

Texts with no quantity give no row (a left join back on your key keeps them). Every worker
needs quantext and pyarrow installed: see docs/scale.md for the cluster recipe. Needs pyspark
(``pip install quantext[spark]``).
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any, Optional

from quantext._arrow import extract_arrow, schema
from quantext._quantext import Extractor
from quantext._typing import UnitSpec

if TYPE_CHECKING:
    import pyarrow
    from pyspark.sql import DataFrame

__all__ = ["extract", "quantity_fields"]


def quantity_fields() -> list[Any]:
    """The Spark fields added for each quantity: the columns of ``extract_arrow`` but ``doc``."""
    from pyspark.sql import types as T

    spark_types = {
        "int64": T.LongType(),
        "double": T.DoubleType(),
        "bool": T.BooleanType(),
        "string": T.StringType(),
    }
    return [
        T.StructField(f.name, spark_types[str(f.type)], nullable=True)
        for f in schema()
        if f.name != "doc"
    ]


def extract(
    df: DataFrame,
    column: str,
    *,
    include_years: bool = False,
    include_ordinals: bool = False,
    units: Optional[Iterable[UnitSpec]] = None,
    entities: Optional[Iterable[str]] = None,
) -> DataFrame:
    """One row per quantity found in ``df[column]``: the input's other columns followed by the
    quantity columns (start, end, text, kind, value, lower, ...; see ``extract_arrow``).

    Raises ``ValueError`` if ``column`` is missing or another input column has the name of a
    quantity column (rename it first), ``TypeError`` if ``column`` is not a string column. The
    options are those of :class:`quantext.Extractor`; they are sent to the workers, which build
    their own extractor.
    """
    from pyspark.sql import types as T

    if column not in df.columns:
        raise ValueError(f"no column {column!r} in the DataFrame (columns: {df.columns})")
    field = df.schema[column]
    if not isinstance(field.dataType, T.StringType):
        raise TypeError(f"column {column!r} must be a string column, not {field.dataType}")
    added = quantity_fields()
    kept = [f for f in df.schema.fields if f.name != column]
    clashes = sorted({f.name for f in kept} & {f.name for f in added})
    if clashes:
        raise ValueError(
            f"input columns {clashes} have the names of quantity columns; rename them first "
            f"(e.g. df.withColumnRenamed({clashes[0]!r}, {clashes[0] + '_in'!r}))"
        )
    options = {
        "include_years": include_years,
        "include_ordinals": include_ordinals,
        "units": None if units is None else [dict(u) for u in units],
        "entities": None if entities is None else list(entities),
    }
    run = functools.partial(_extract_batches, column, [f.name for f in kept], options)
    return df.mapInArrow(run, T.StructType(kept + added))


def _extract_batches(
    column: str,
    kept: list[str],
    options: dict[str, Any],
    batches: Iterator[pyarrow.RecordBatch],
) -> Iterator[pyarrow.RecordBatch]:
    """Runs on the workers: each input batch becomes one output batch."""
    import pyarrow as pa
    from pyspark import TaskContext

    # Spark runs one task per core it was given: use the task's cores, not the whole machine's
    # (which would oversubscribe the executor). spark.task.cpus > 1 gives each task more threads.
    task = TaskContext.get()
    if task is not None:
        os.environ["QUANTEXT_NUM_THREADS"] = str(max(1, task.cpus()))
    extractor = Extractor(**options)
    added = [f for f in schema() if f.name != "doc"]
    for batch in batches:
        texts = batch.column(column)
        found = extract_arrow(extractor, texts)
        rows = found.column("doc").combine_chunks()
        arrays = [batch.column(name).take(rows) for name in kept]
        # With spark.sql.execution.arrow.useLargeVarTypes Spark sends and expects large_string.
        large = pa.types.is_large_string(texts.type)
        for f in added:
            out = found.column(f.name).combine_chunks()
            arrays.append(out.cast(pa.large_string()) if large and f.type == pa.string() else out)
        names = kept + [f.name for f in added]
        yield pa.RecordBatch.from_arrays(arrays, names=names)
