"""quantext: find and parse quantities in English text.

>>> import quantext as qx
>>> q = qx.parse("more than 27,000 pounds")
>>> q.value, q.lower.inclusive, q.unit.name
(27000.0, False, 'pound')
>>> text = "Officials seized more than 27,000 pounds, about 4 million pills a day."
>>> [m.text for m in qx.extract(text)]
['more than 27,000 pounds', 'about 4 million pills a day']

All parsing happens in the Rust core (the compiled module ``quantext._quantext``); this file only
adds keyword options to module-level functions, DataFrame output and notebook highlighting.

Spans (``Quantity.start``/``end``) are ``str`` indices: ``text[q.start:q.end] == q.text``.
``Quantity`` equality and hashing compare the reading, not the text or span.
"""

from __future__ import annotations

import html
import importlib
import sys
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, Literal, Optional, Union, overload

from quantext._quantext import (
    FLAT_COLUMNS,
    Bound,
    Change,
    ConversionError,
    Extractor,
    ParseError,
    Quantity,
    Unit,
    __version__,
)
from quantext._typing import BoundDict, ChangeDict, QuantityDict, UnitDict, UnitSpec

if TYPE_CHECKING:
    import pandas
    import polars as _polars  # not `polars`: quantext.polars is the integration module
    import pyarrow

__all__ = [
    "FRAME_COLUMNS",
    "Bound",
    "BoundDict",
    "Change",
    "ChangeDict",
    "ConversionError",
    "Extractor",
    "Highlight",
    "ParseError",
    "Quantity",
    "QuantityDict",
    "Unit",
    "UnitDict",
    "UnitSpec",
    "__version__",
    "extract",
    "extract_arrow",
    "extract_batch",
    "extract_frame",
    "highlight",
    "parse",
]

#: The columns of :func:`extract_frame`, in order.
#: (the core's flattened quantity columns, after the index of the text)
FRAME_COLUMNS: tuple[str, ...] = ("doc", *FLAT_COLUMNS)

_DEFAULT = Extractor()


def _extractor(
    include_years: bool,
    include_ordinals: bool,
    units: Optional[Iterable[UnitSpec]],
    entities: Optional[Iterable[str]],
) -> Extractor:
    if not include_years and not include_ordinals and units is None and entities is None:
        return _DEFAULT
    return Extractor(
        include_years=include_years,
        include_ordinals=include_ordinals,
        units=units,
        entities=entities,
    )


def parse(
    text: str,
    *,
    include_years: bool = False,
    include_ordinals: bool = False,
    units: Optional[Iterable[UnitSpec]] = None,
    entities: Optional[Iterable[str]] = None,
) -> Quantity:
    """Parse ``text`` as exactly one quantity expression.

    Raises :class:`ParseError` (a ``ValueError``) with ``.offset`` and a caret message otherwise.
    The keyword options are those of :class:`Extractor`; for many calls with custom units build
    an ``Extractor`` once instead.
    """
    return _extractor(include_years, include_ordinals, units, entities).parse(text)


def extract(
    text: str,
    *,
    include_years: bool = False,
    include_ordinals: bool = False,
    units: Optional[Iterable[UnitSpec]] = None,
    entities: Optional[Iterable[str]] = None,
) -> list[Quantity]:
    """Every quantity mention in ``text``, in order, non-overlapping, with ``str``-index spans.

    The GIL is released while the text is read; Ctrl-C stops a long text (``KeyboardInterrupt``,
    looked for every 256 quantities, and every 256 KB of text without one).
    """
    return _extractor(include_years, include_ordinals, units, entities).extract(text)


def extract_batch(
    texts: Iterable[Optional[str]],
    *,
    include_years: bool = False,
    include_ordinals: bool = False,
    units: Optional[Iterable[UnitSpec]] = None,
    entities: Optional[Iterable[str]] = None,
) -> list[list[Quantity]]:
    """:func:`extract` over many texts: one list per text.

    ``texts`` is any iterable of ``str`` (a list, a pandas or polars Series, a generator). A
    missing text (``None``, a float NaN or ``pandas.NA``) gives ``[]``.

    The texts are spread over all cores (``QUANTEXT_NUM_THREADS`` sets the number of threads),
    and read with the GIL released: the calling thread gathers them from ``texts`` while the other
    threads read the first ones, then reads too, and takes the GIL only to make the Python
    objects, between two stretches of about 64 KB of text. Ctrl-C stops a long
    batch: ``KeyboardInterrupt`` is raised (the
    signal is looked for every 50 ms, and each thread stops within 256 quantities, or 256 KB of
    text without one, of the text it is reading) and the results are dropped.
    """
    return _extractor(include_years, include_ordinals, units, entities).extract_batch(texts)


def extract_arrow(
    texts: Any,
    *,
    include_years: bool = False,
    include_ordinals: bool = False,
    units: Optional[Iterable[UnitSpec]] = None,
    entities: Optional[Iterable[str]] = None,
) -> pyarrow.Table:
    """:func:`extract_batch` as a pyarrow Table, built in Rust: one row per quantity.

    ``texts`` is a pyarrow ``string``/``large_string``/``string_view`` array or chunked array,
    anything that exports Arrow (a Polars Series), or any iterable of ``str`` (``None``, NaN and
    ``pandas.NA`` are missing texts). Arrow input is read in place, without a Python object per
    text; the output columns are built as Arrow buffers in Rust, without a Python object per
    quantity; the GIL is released and the texts are spread over all cores.

    Columns (:data:`FRAME_COLUMNS`, same meaning as in :func:`extract_frame`): ``doc`` (int64,
    the index of the text in ``texts``), ``start``/``end`` (int64, ``str`` indices), ``text``,
    ``kind``, ``value``/``lower``/``upper`` (float64), ``lower_inclusive``/``upper_inclusive``/
    ``approximate`` (bool), ``unit``, ``dimension``, ``si_factor``, ``entity``, ``per``,
    ``change_direction``, ``change_reference``; missing values are null.

    >>> import pyarrow as pa
    >>> t = extract_arrow(pa.array(["up 116% from 2020", None, "nearly 108,000 deaths"]))
    >>> t.select(["doc", "text", "value", "lower", "lower_inclusive"]).to_pylist()[1]
    {'doc': 2, 'text': 'nearly 108,000 deaths', 'value': 108000.0, 'lower': None, 'lower_inclusive': None}

    Needs pyarrow (``pip install quantext[arrow]``).
    """
    from quantext._arrow import extract_arrow as run

    return run(_extractor(include_years, include_ordinals, units, entities), texts)


@overload
def extract_frame(
    texts: Iterable[Optional[str]],
    backend: Literal["pandas"] = ...,
    *,
    include_years: bool = ...,
    include_ordinals: bool = ...,
    units: Optional[Iterable[UnitSpec]] = ...,
    entities: Optional[Iterable[str]] = ...,
) -> pandas.DataFrame: ...


@overload
def extract_frame(
    texts: Iterable[Optional[str]],
    backend: Literal["polars"],
    *,
    include_years: bool = ...,
    include_ordinals: bool = ...,
    units: Optional[Iterable[UnitSpec]] = ...,
    entities: Optional[Iterable[str]] = ...,
) -> _polars.DataFrame: ...


def extract_frame(
    texts: Iterable[Optional[str]],
    backend: Literal["pandas", "polars"] = "pandas",
    *,
    include_years: bool = False,
    include_ordinals: bool = False,
    units: Optional[Iterable[UnitSpec]] = None,
    entities: Optional[Iterable[str]] = None,
) -> Union[pandas.DataFrame, _polars.DataFrame]:
    """:func:`extract_batch` as a DataFrame: one row per quantity, ``doc`` = index in ``texts``.

    Columns (:data:`FRAME_COLUMNS`): doc, start, end, text, kind, value, lower, lower_inclusive,
    upper, upper_inclusive, approximate, unit, dimension, si_factor, entity, per,
    change_direction, change_reference; ``start``/``end`` are ``str`` indices into the text.
    Missing values are null: in pandas NaN in the float columns and ``pd.NA`` in the nullable
    "string" and "boolean" columns.
    ``backend`` is "pandas" (the default) or "polars"; the library is imported only here. With
    "polars" and pyarrow installed, the frame is built from :func:`extract_arrow`'s Arrow table.
    """
    if backend not in ("pandas", "polars"):
        raise ValueError(f"backend must be 'pandas' or 'polars', not {backend!r}")
    extractor = _extractor(include_years, include_ordinals, units, entities)
    if backend == "polars":
        try:
            import pyarrow  # noqa: F401
        except ImportError:
            return _polars_frame(extractor._columns(texts))
        # Arrow all the way: the columns are built in Rust and handed to Polars without copies.
        from quantext._arrow import extract_arrow as run

        try:
            import polars as pl
        except ImportError as exc:
            raise _missing("polars", exc) from exc
        frame = pl.from_arrow(run(extractor, texts))
        assert isinstance(frame, pl.DataFrame)
        return frame
    columns = extractor._columns(texts)
    return _pandas_frame(columns)


def _missing(name: str, exc: ImportError) -> ImportError:
    other = "polars" if name == "pandas" else "pandas"
    return ImportError(
        f"quantext.extract_frame(backend={name!r}) needs {name}, which is not installed: "
        f"`pip install {name}` (or `pip install quantext[{name}]`), or use backend={other!r}"
    )


def _pandas_frame(columns: dict[str, list[Any]]) -> pandas.DataFrame:
    try:
        import pandas as pd
    except ImportError as exc:
        raise _missing("pandas", exc) from exc
    frame = pd.DataFrame({name: columns[name] for name in FRAME_COLUMNS})
    strings: tuple[str, ...] = ("text", "kind", "unit", "dimension", "entity", "per")
    strings += ("change_direction", "change_reference")
    return frame.astype(
        {
            **{name: "string" for name in strings},
            "doc": "int64",
            "start": "int64",
            "end": "int64",
            "value": "float64",
            "lower": "float64",
            "lower_inclusive": "boolean",
            "upper": "float64",
            "upper_inclusive": "boolean",
            "approximate": "bool",
            "si_factor": "float64",
        }
    )


def _polars_frame(columns: dict[str, list[Any]]) -> _polars.DataFrame:
    try:
        import polars as pl
    except ImportError as exc:
        raise _missing("polars", exc) from exc
    text, number, flag = pl.String, pl.Float64, pl.Boolean
    schema = {
        "doc": pl.Int64,
        "start": pl.Int64,
        "end": pl.Int64,
        "text": text,
        "kind": text,
        "value": number,
        "lower": number,
        "lower_inclusive": flag,
        "upper": number,
        "upper_inclusive": flag,
        "approximate": flag,
        "unit": text,
        "dimension": text,
        "si_factor": number,
        "entity": text,
        "per": text,
        "change_direction": text,
        "change_reference": text,
    }
    return pl.DataFrame({name: columns[name] for name in FRAME_COLUMNS}, schema=schema)


_KIND_COLOURS = {
    "count": "#c7e9c0",
    "measure": "#c6dbef",
    "money": "#fdd0a2",
    "percent": "#dadaeb",
    "ratio": "#fcbba1",
    "age": "#d9f0a3",
    "year": "#e0e0e0",
    "ordinal": "#f0f0f0",
}


class Highlight:
    """A text with its quantities, shown marked in a notebook (``_repr_html_``).

    Each mention is a ``<mark>`` whose ``title`` (shown on hover) is its reading. The text and
    the readings are HTML-escaped.
    """

    def __init__(self, text: str, quantities: list[Quantity]) -> None:
        self.text = text
        self.quantities = quantities

    def _repr_html_(self) -> str:
        out = ['<div class="quantext-highlight" style="line-height: 2; white-space: pre-wrap">']
        pos = 0
        for q in self.quantities:
            out.append(html.escape(self.text[pos : q.start]))
            reading = str(q)
            if q.unit is not None:
                reading += f" [{q.unit.name}, {q.unit.dimension}]"
            colour = _KIND_COLOURS.get(q.kind, "#eeeeee")
            out.append(
                f'<mark class="quantext-{html.escape(q.kind)}" title="{html.escape(reading)}" '
                f'style="background: {colour}; padding: 0.1em 0.3em; border-radius: 0.3em">'
                f"{html.escape(self.text[q.start : q.end])}"
                '<span style="font-size: 0.7em; font-weight: bold; margin-left: 0.4em">'
                f"{html.escape(q.kind.upper())}</span></mark>"
            )
            pos = q.end
        out.append(html.escape(self.text[pos:]))
        out.append("</div>")
        return "".join(out)

    def __str__(self) -> str:
        """The text with every mention in brackets: "seized [more than 27,000 pounds], ..."."""
        out: list[str] = []
        pos = 0
        for q in self.quantities:
            out += [self.text[pos : q.start], "[", self.text[q.start : q.end], "]"]
            pos = q.end
        out.append(self.text[pos:])
        return "".join(out)

    def __repr__(self) -> str:
        return f"Highlight({str(self)!r})"


def highlight(
    text: str,
    *,
    include_years: bool = False,
    include_ordinals: bool = False,
    units: Optional[Iterable[UnitSpec]] = None,
    entities: Optional[Iterable[str]] = None,
) -> Highlight:
    """``text`` with every quantity marked, for display in a notebook (like spaCy's displacy)."""
    found = _extractor(include_years, include_ordinals, units, entities).extract(text)
    return Highlight(text, found)


# `pl.col(...).quantext` is registered by `import quantext.polars`; do it now if Polars is in use.
if "polars" in sys.modules:
    importlib.import_module("quantext.polars")
