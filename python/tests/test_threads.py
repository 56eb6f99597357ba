"""Thread stress: extraction from 8 threads at once gives the same results as serial; a long
batch stops at Ctrl-C."""

from __future__ import annotations

import _thread
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

import quantext as qx

ROOT = Path(__file__).resolve().parents[2]


def _paragraphs() -> list[str]:
    texts = []
    for path in sorted((ROOT / "examples").glob("*.txt")):
        texts += [p for p in path.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    texts.append("Officials seized more than 27,000 pounds, about 4 million pills a day.")
    texts.append("Zürich — “5 km” und 😀 3 miles; between $5 and $10 million.")
    return texts


def _dicts(found: list[qx.Quantity]) -> list[Any]:
    return [q.to_dict() for q in found]


def test_extract_from_8_threads_equals_serial() -> None:
    texts = _paragraphs() * 4
    serial = [_dicts(qx.extract(t)) for t in texts]
    with ThreadPoolExecutor(max_workers=8) as pool:
        threaded = list(pool.map(lambda t: _dicts(qx.extract(t)), texts))
    assert threaded == serial


def test_parse_and_batch_from_8_threads() -> None:
    texts = _paragraphs()
    serial = [_dicts(found) for found in qx.extract_batch(texts)]
    phrases = ["more than 27,000 pounds", "about 4 million pills a day", "between 3 and 5 percent"]
    parsed = [qx.parse(p) for p in phrases]
    ex = qx.Extractor(include_years=True)
    with_years = [_dicts(found) for found in ex.extract_batch(texts)]

    def work(i: int) -> bool:
        if i % 3 == 0:
            return [_dicts(found) for found in qx.extract_batch(texts)] == serial
        if i % 3 == 1:
            return [_dicts(found) for found in ex.extract_batch(texts)] == with_years
        return [qx.parse(p) for p in phrases] == parsed

    with ThreadPoolExecutor(max_workers=8) as pool:
        assert all(pool.map(work, range(24)))


def _seconds_to_stop(call: Callable[[], object]) -> float:
    """How long `call` runs when a signal (as Ctrl-C sends) arrives after 0.2 s; it must raise
    KeyboardInterrupt."""
    timer = threading.Timer(0.2, _thread.interrupt_main)
    timer.start()
    t0 = time.perf_counter()
    try:
        with pytest.raises(KeyboardInterrupt):
            call()
    finally:
        timer.cancel()
    return time.perf_counter() - t0


@pytest.mark.parametrize("threads", ["1", "2"])
@pytest.mark.parametrize("copies", [100_000, 300])
def test_ctrl_c_stops_a_long_batch(
    threads: str, copies: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A batch that would run for seconds stops soon after a signal (Ctrl-C raises
    KeyboardInterrupt), and the extractor works afterwards: many texts of 100 KB, or a few of
    30 MB."""
    text = "The report describes the work of the agency in detail, as officials said. " * (
        130_000_000 // copies
    )
    texts = [text] * copies  # about 10 GB of text: 10 s or more at 1 GB/s
    monkeypatch.setenv("QUANTEXT_NUM_THREADS", threads)
    # The signal is looked at every 50 ms; a whole run would take ten times as long.
    assert _seconds_to_stop(lambda: qx.extract_batch(texts)) < 2.0
    found = qx.extract_batch(["up 5%", None, "more than 27,000 pounds"])
    assert [[q.text for q in qs] for qs in found] == [["up 5%"], [], ["more than 27,000 pounds"]]


@pytest.mark.parametrize("kind", ["quantities", "none"])
@pytest.mark.parametrize("call", ["extract", "batch-1", "batch-2"])
def test_ctrl_c_stops_the_reading_of_a_long_text(
    call: str, kind: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One long text (300 MB, a few seconds) stops soon after a signal too: in `extract`, and in
    a batch of two such texts on one thread or on two. With a quantity every 1.1 KB each worker
    stops within 256 quantities of its text; with none, but words that begin expressions ("up",
    "from", "about", "over"), within 256 KB."""
    if kind == "quantities":
        text = (
            "The agency seized 5 km of cable. "
            + "The report describes the work of the agency in detail. " * 20
        ) * 265_000
    else:
        text = "Up from the start, about the same, over the hill. " * 6_000_000
        assert qx.extract(text[:100_000]) == []
    # How long reading the whole text takes on this machine, from a tenth of it: the stop must
    # come well before (about 0.25 s here, against 1.1 s for the whole).
    t0 = time.perf_counter()
    qx.extract(text[: len(text) // 10])
    whole = 10 * (time.perf_counter() - t0)
    if call == "extract":
        stopped = _seconds_to_stop(lambda: qx.extract(text))
    else:
        monkeypatch.setenv("QUANTEXT_NUM_THREADS", call[-1])
        stopped = _seconds_to_stop(lambda: qx.extract_batch([text, text]))
    assert stopped < 0.2 + whole / 3, (stopped, whole)
    assert [q.text for q in qx.extract("about 5 km")] == ["about 5 km"]
