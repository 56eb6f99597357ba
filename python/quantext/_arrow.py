"""Arrow in, Arrow out: the engine of :func:`quantext.extract_arrow` and of the Polars and Spark
integrations.

The Rust core reads the texts straight from the buffers of an Arrow string array and builds every
output column as Arrow buffers; this module only moves buffers between pyarrow and the compiled
module (a handful of Python objects per column, none per text or per quantity).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any, Optional

from quantext._quantext import ARROW_COLUMNS, Extractor

if TYPE_CHECKING:
    import pyarrow

#: Texts per call into Rust: bounds the memory held for one call and keeps every output string
#: column far below Arrow's 2 GiB limit for ``string``.
SLICE_TEXTS = 16384


def _pyarrow() -> Any:
    try:
        import pyarrow
    except ImportError as exc:
        raise ImportError(
            "quantext.extract_arrow needs pyarrow, which is not installed: `pip install pyarrow` "
            "(or `pip install quantext[arrow]`)"
        ) from exc
    return pyarrow


def schema() -> pyarrow.Schema:
    """The schema of :func:`quantext.extract_arrow`'s table (``doc`` + the flattened columns)."""
    pa = _pyarrow()
    types = {
        "int64": pa.int64(),
        "float64": pa.float64(),
        "bool": pa.bool_(),
        "string": pa.string(),
    }
    return pa.schema([pa.field(name, types[kind], nullable=True) for name, kind in ARROW_COLUMNS])


def _string_chunks(texts: Any) -> list[pyarrow.Array]:
    """The texts as Arrow ``string``/``large_string`` arrays, without copying Arrow input."""
    pa = _pyarrow()
    if isinstance(texts, str):
        raise TypeError(
            "expected many texts (a pyarrow array, a Series, a list of str), got a single str; "
            "wrap it in a list"
        )
    if isinstance(texts, pa.ChunkedArray):
        chunks = list(texts.chunks)
    elif isinstance(texts, pa.Array):
        chunks = [texts]
    elif hasattr(texts, "__arrow_c_stream__"):
        chunks = list(pa.chunked_array(texts).chunks)
    elif hasattr(texts, "__arrow_c_array__"):
        chunks = [pa.array(texts)]
    else:
        chunks = [_from_python(pa, texts)]
    out = []
    for chunk in chunks:
        t = chunk.type
        if pa.types.is_string(t) or pa.types.is_large_string(t):
            out.append(chunk)
        elif (
            pa.types.is_null(t)
            or pa.types.is_string_view(t)
            or (pa.types.is_dictionary(t) and _is_text(pa, t.value_type))
        ):
            out.append(chunk.cast(pa.large_string()))
        else:
            raise TypeError(f"expected an array of strings, got an array of {t}")
    return out


def _is_text(pa: Any, t: Any) -> bool:
    return bool(pa.types.is_string(t) or pa.types.is_large_string(t) or pa.types.is_string_view(t))


def _from_python(pa: Any, texts: Iterable[Any]) -> pyarrow.Array:
    """A list, pandas Series or any iterable of ``str`` (``None``, NaN and ``pandas.NA`` missing)."""
    items: Any = texts if hasattr(texts, "__len__") else list(texts)
    try:
        return pa.array(items, type=pa.large_string(), from_pandas=True)
    except (pa.ArrowTypeError, pa.ArrowInvalid, TypeError):
        for i, item in enumerate(items):
            if item is None or isinstance(item, str):
                continue
            if isinstance(item, float) and item != item:  # NaN
                continue
            if type(item).__name__ == "NAType":
                continue
            raise TypeError(f"texts[{i}] is {type(item).__name__}, not str") from None
        raise


def _slices(
    extractor: Extractor, chunks: list[pyarrow.Array]
) -> Iterator[tuple[pyarrow.Array, int, dict[str, tuple[Optional[bytes], ...]], bytes]]:
    """Runs the core over every chunk, SLICE_TEXTS texts at a time: yields the input slice, the
    number of rows, the columns as buffers and the list offsets grouping the rows by text."""
    doc = 0
    for chunk in chunks:
        for first in range(0, len(chunk), SLICE_TEXTS):
            piece = chunk.slice(first, SLICE_TEXTS)
            rows, columns, list_offsets = extractor._arrow_chunk(*_used_bytes(piece), doc)
            yield piece, rows, columns, list_offsets
            doc += len(piece)


def _used_bytes(piece: pyarrow.Array) -> tuple[Optional[bytes], int, bytes, bytes, int, int]:
    """The parts of a string array's buffers that its entries use, copied once: a slice of a
    large array (a Polars morsel, a Spark batch cut from a bigger one) costs only its own bytes.
    Returns the arguments of ``Extractor._arrow_chunk`` but the first ``doc``."""
    pa = _pyarrow()
    width = 8 if pa.types.is_large_string(piece.type) else 4
    n, off = len(piece), piece.offset
    validity, offsets, data = piece.buffers()[:3]
    valid_bytes = None
    if validity is not None and piece.null_count:
        valid_bytes = validity.slice(off // 8, (off % 8 + n + 7) // 8).to_pybytes()
    offset_bytes = offsets.slice(off * width, (n + 1) * width).to_pybytes() if offsets is not None else bytes(width)
    lo = int.from_bytes(offset_bytes[:width], "little", signed=True)
    hi = int.from_bytes(offset_bytes[-width:], "little", signed=True)
    size = data.size if data is not None else 0
    if not 0 <= lo <= hi <= size:
        raise ValueError(
            f"corrupt string array: its offsets span bytes {lo}..{hi} of a {size}-byte data buffer"
        )
    data_bytes = data.slice(lo, hi - lo).to_pybytes() if data is not None else b""
    return valid_bytes, off % 8, offset_bytes, data_bytes, n, width


def _batch(
    pa: Any, target: pyarrow.Schema, rows: int, columns: dict[str, tuple[Optional[bytes], ...]]
) -> pyarrow.RecordBatch:
    arrays = []
    for field in target:
        buffers = [None if b is None else pa.py_buffer(b) for b in columns[field.name]]
        arrays.append(pa.Array.from_buffers(field.type, rows, buffers))
    return pa.RecordBatch.from_arrays(arrays, schema=target)


def extract_arrow(extractor: Extractor, texts: Any) -> pyarrow.Table:
    """One row per quantity, as a pyarrow Table (see :func:`quantext.extract_arrow`)."""
    pa = _pyarrow()
    target = schema()
    batches = [
        _batch(pa, target, rows, columns)
        for _, rows, columns, _ in _slices(extractor, _string_chunks(texts))
    ]
    return pa.Table.from_batches(batches, schema=target)


def extract_lists(extractor: Extractor, texts: Any) -> pyarrow.ChunkedArray:
    """One list of quantity structs per text (null for a null text), as a chunked array: the
    shape of a Polars ``list[struct]`` column."""
    pa = _pyarrow()
    target = schema()
    fields = [f for f in target if f.name != "doc"]
    chunks = []
    for piece, rows, columns, list_offsets in _slices(extractor, _string_chunks(texts)):
        batch = _batch(pa, target, rows, columns)
        values = pa.StructArray.from_arrays(
            [batch.column(f.name) for f in fields], fields=fields
        )
        offsets = pa.Array.from_buffers(pa.int32(), len(piece) + 1, [None, pa.py_buffer(list_offsets)])
        mask = piece.is_null() if piece.null_count else None
        chunks.append(pa.ListArray.from_arrays(offsets, values, mask=mask))
    return pa.chunked_array(chunks, type=list_type())


def list_type() -> pyarrow.DataType:
    """The Arrow type of :func:`extract_lists`: a list of quantity structs."""
    pa = _pyarrow()
    return pa.list_(pa.struct([f for f in schema() if f.name != "doc"]))
