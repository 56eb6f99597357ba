"""The golden files of the Rust tests (tests/golden/*.jsonl at the repository root), read by Python.

Each line is {"source", "text", "quantities": [...]} with the full JSON of every quantity and
*byte* offsets into "text". Python must give the same readings, and the same spans once the byte
offsets are converted to ``str`` indices.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import quantext as qx

GOLDEN = Path(__file__).resolve().parents[2] / "tests" / "golden"


def _documents() -> list[Any]:
    docs = []
    for path in sorted(GOLDEN.glob("*.jsonl")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip():
                docs.append(pytest.param(json.loads(line), id=f"{path.name}:{n}"))
    return docs


DOCUMENTS = _documents()


def _char_index(text: str, byte_offset: int) -> int:
    return len(text.encode("utf-8")[:byte_offset].decode("utf-8"))


def _reading(d: Any) -> dict[str, Any]:
    return {k: v for k, v in d.items() if k not in ("start", "end")}


def test_golden_files_exist() -> None:
    if not DOCUMENTS:
        pytest.skip(f"no golden files in {GOLDEN}")
    assert DOCUMENTS


@pytest.mark.parametrize("doc", DOCUMENTS or [pytest.param(None, id="none")])
def test_golden_document(doc: Any) -> None:
    if doc is None:
        pytest.skip(f"no golden files in {GOLDEN}")
    text: str = doc["text"]
    expected = doc["quantities"]
    found = qx.extract(text)
    assert [_reading(q.to_dict()) for q in found] == [_reading(e) for e in expected]
    spans = [(q.start, q.end) for q in found]
    assert spans == [(_char_index(text, e["start"]), _char_index(text, e["end"])) for e in expected]
    for q in found:
        assert text[q.start : q.end] == q.text


def test_golden_batch_equals_serial() -> None:
    if not DOCUMENTS:
        pytest.skip(f"no golden files in {GOLDEN}")
    texts = [p.values[0]["text"] for p in DOCUMENTS]
    batch = qx.extract_batch(texts)
    assert [[q.to_dict() for q in found] for found in batch] == [
        [q.to_dict() for q in qx.extract(t)] for t in texts
    ]
