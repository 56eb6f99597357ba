"""Polars integration: ``pl.col("text").quantext.extract()`` and ``series.quantext.extract()``.

Importing this module registers the ``quantext`` namespace on Polars expressions and Series
(``import quantext`` does it too when Polars is already imported)::

    >>> import polars as pl
    >>> import quantext.polars
    >>> df = pl.DataFrame({"text": ["more than 27,000 pounds", None, "no numbers"]})
    >>> out = df.with_columns(q=pl.col("text").quantext.extract())
    >>> out["q"].to_list()[0][0]["lower"], out["q"].to_list()[1], out["q"].to_list()[2]
    (27000.0, None, [])

The column is a ``list[struct]``: one struct per quantity with the fields of
:func:`quantext.extract_arrow` but ``doc`` (the row is the document); a null text gives null.
Explode and unnest it for one row per quantity:
``out.explode("q").unnest("q")``. The extraction runs in Rust on Arrow buffers, on all cores,
without a Python object per row. Needs polars and pyarrow (``pip install quantext[polars]``).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Optional

import polars as pl

from quantext import _extractor
from quantext._arrow import extract_lists, list_type
from quantext._quantext import Extractor
from quantext._typing import UnitSpec

__all__ = ["QuantextNamespace", "dtype", "extract_series"]


def dtype() -> pl.DataType:
    """The Polars type of the extracted column: ``list[struct{start, end, text, kind, ...}]``."""
    import pyarrow as pa

    empty = pl.from_arrow(pa.array([], type=list_type()))
    assert isinstance(empty, pl.Series)
    return empty.dtype


def extract_series(series: pl.Series, extractor: Optional[Extractor] = None) -> pl.Series:
    """The quantities of every text of a String ``series``, as a ``list[struct]`` Series."""
    if series.dtype not in (pl.String, pl.Null):
        raise TypeError(f"quantext.extract needs a String column, got {series.name!r}: {series.dtype}")
    lists = extract_lists(extractor or Extractor(), series.to_arrow())
    out = pl.from_arrow(lists)
    assert isinstance(out, pl.Series)
    return out.alias(series.name)


@pl.api.register_expr_namespace("quantext")
@pl.api.register_series_namespace("quantext")
class QuantextNamespace:
    """``.quantext`` on a Polars expression or Series."""

    def __init__(self, target: pl.Expr | pl.Series) -> None:
        self._target = target

    def extract(
        self,
        *,
        include_years: bool = False,
        include_ordinals: bool = False,
        units: Optional[Iterable[UnitSpec]] = None,
        entities: Optional[Iterable[str]] = None,
    ) -> pl.Expr | pl.Series:
        """The quantities of each text as a ``list[struct]`` (an Expr on an Expr, a Series on
        a Series); the options are those of :class:`quantext.Extractor`."""
        ex = _extractor(include_years, include_ordinals, units, entities)
        if isinstance(self._target, pl.Series):
            return extract_series(self._target, ex)
        return self._target.map_batches(
            lambda s: extract_series(s, ex), return_dtype=dtype(), is_elementwise=True
        )
