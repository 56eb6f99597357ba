"""Typed dictionaries of the public API: the JSON contract and custom-unit specifications."""

from __future__ import annotations

from typing import List, Optional, TypedDict

__all__ = ["BoundDict", "UnitDict", "ChangeDict", "QuantityDict", "UnitSpec"]


class BoundDict(TypedDict):
    """One end of an interval in the JSON contract."""

    value: float
    inclusive: bool


class UnitDict(TypedDict):
    """A unit in the JSON contract."""

    name: str
    dimension: str
    symbol: str
    si_unit: Optional[str]
    si_factor: Optional[float]
    si_offset: float


class ChangeDict(TypedDict):
    """A reported change in the JSON contract."""

    direction: str
    reference: Optional[str]


class QuantityDict(TypedDict):
    """`Quantity.to_dict()`: the JSON contract of the CLI and the golden files.

    `start` and `end` are ``str`` indices (code points) in Python, byte offsets in the CLI's JSON.
    """

    text: str
    start: int
    end: int
    kind: str
    value: Optional[float]
    lower: Optional[BoundDict]
    upper: Optional[BoundDict]
    approximate: bool
    unit: Optional[UnitDict]
    entity: Optional[str]
    per: Optional[str]
    change: Optional[ChangeDict]


class _UnitSpecRequired(TypedDict):
    name: str
    dimension: str


class UnitSpec(_UnitSpecRequired, total=False):
    """A custom unit for ``Extractor(units=[...])``.

    ``name`` and ``dimension`` (one of the dimension names, e.g. "length") are required.
    ``symbol`` defaults to the name, ``words`` (case-insensitive spellings) to ``[name]``,
    ``symbols`` (case-sensitive spellings) to ``[]``, ``si_offset`` to 0.
    """

    symbol: str
    si_unit: Optional[str]
    si_factor: Optional[float]
    si_offset: float
    words: List[str]
    symbols: List[str]
