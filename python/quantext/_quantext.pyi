"""Type stubs of the compiled module ``quantext._quantext`` (crates/quantext-python)."""

from collections.abc import Iterable
from typing import Any, Callable, Optional, final

from quantext._typing import QuantityDict, UnitSpec

__all__ = [
    "Bound",
    "Change",
    "ConversionError",
    "Extractor",
    "ParseError",
    "Quantity",
    "Unit",
    "__version__",
    "FLAT_COLUMNS",
    "ARROW_COLUMNS",
]
__version__: str
#: The columns of one quantity flattened into a table row (Rust `quantext::model::FLAT_COLUMNS`).
FLAT_COLUMNS: list[str]
#: The columns of `extract_arrow` with their Arrow types ("int64", "float64", "bool", "string").
ARROW_COLUMNS: list[tuple[str, str]]

class ParseError(ValueError):
    """The text is not one quantity expression. The message shows the input with a caret."""

    offset: int
    """Index (code points) in the input where the problem is."""
    byte_offset: int
    """The same position in UTF-8 bytes (the offset the message mentions)."""
    input: str
    expected: str
    found: str

class ConversionError(ValueError):
    """``Quantity.to`` cannot convert: unknown unit, no unit, another dimension, no factor."""

@final
class Bound:
    """One end of the interval a quantity lies in."""

    @property
    def value(self) -> float: ...
    @property
    def value_exact(self) -> str:
        """The end point exactly: a decimal ("27000", "51.4") or a fraction ("1/3")."""
    @property
    def inclusive(self) -> bool: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...

@final
class Unit:
    """A unit of measure or a currency; equal when name and dimension are equal."""

    @property
    def name(self) -> str: ...
    @property
    def dimension(self) -> str: ...
    @property
    def symbol(self) -> str: ...
    @property
    def si_unit(self) -> Optional[str]: ...
    @property
    def si_factor(self) -> Optional[float]: ...
    @property
    def si_offset(self) -> float: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...

@final
class Change:
    """A reported change: direction "up" or "down", and what it is measured against."""

    @property
    def direction(self) -> str: ...
    @property
    def reference(self) -> Optional[str]: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...

@final
class Quantity:
    """One quantity mention and how it reads (immutable, hashable, picklable).

    ``==`` and ``hash`` compare the reading (kind, value, bounds, approximation, unit, entity,
    rate, change), not the text or the span, so that ``parse(str(q)) == q``.
    """

    @property
    def text(self) -> str: ...
    @property
    def start(self) -> int:
        """Index (code points) of the first character in the source ``str``."""
    @property
    def end(self) -> int:
        """Index just past the last character: ``source[q.start:q.end] == q.text``."""
    @property
    def span(self) -> tuple[int, int]: ...
    @property
    def kind(self) -> str:
        """"count", "measure", "money", "percent", "ratio", "age", "year" or "ordinal"."""
    @property
    def value(self) -> Optional[float]: ...
    @property
    def value_exact(self) -> Optional[str]: ...
    @property
    def lower(self) -> Optional[Bound]: ...
    @property
    def upper(self) -> Optional[Bound]: ...
    @property
    def approximate(self) -> bool: ...
    @property
    def unit(self) -> Optional[Unit]: ...
    @property
    def entity(self) -> Optional[str]: ...
    @property
    def per(self) -> Optional[str]: ...
    @property
    def change(self) -> Optional[Change]: ...
    def is_exact(self) -> bool: ...
    def to(self, unit: str) -> Quantity:
        """The quantity in another unit of the same dimension; raises ConversionError."""
    def to_dict(self) -> QuantityDict: ...
    def _repr_html_(self) -> str: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...
    def __reduce__(self) -> tuple[Callable[..., Quantity], tuple[Any, ...]]: ...
    @classmethod
    def _from_state(
        cls,
        json: str,
        start: int,
        end: int,
        value: Optional[str],
        lower: Optional[str],
        upper: Optional[str],
    ) -> Quantity: ...

@final
class Extractor:
    """Extraction options; build once and reuse (building with custom units costs a little)."""

    def __new__(
        cls,
        *,
        include_years: bool = False,
        include_ordinals: bool = False,
        units: Optional[Iterable[UnitSpec]] = None,
        entities: Optional[Iterable[str]] = None,
    ) -> Extractor: ...
    @property
    def include_years(self) -> bool: ...
    @property
    def include_ordinals(self) -> bool: ...
    def parse(self, text: str) -> Quantity: ...
    def extract(self, text: str) -> list[Quantity]: ...
    def extract_batch(self, texts: Iterable[Optional[str]]) -> list[list[Quantity]]: ...
    def _columns(self, texts: Iterable[Optional[str]]) -> dict[str, list[Any]]: ...
    def _arrow_chunk(
        self,
        validity: Optional[bytes],
        validity_offset: int,
        offsets: bytes,
        data: bytes,
        length: int,
        offset_width: int,
        first_doc: int,
    ) -> tuple[int, dict[str, tuple[Optional[bytes], ...]], bytes]: ...
