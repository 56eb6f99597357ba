"""Benchmark: ``extract_batch`` against a Python loop over ``extract`` (not a test).

    python python/bench_batch.py [FILE] [--repeat N]

FILE defaults to ../shared/corpus/sample-1mb.txt (next to the repository), else examples/*.txt;
a .jsonl FILE is read as one {"text": ...} object a line (../shared/corpus/articles.jsonl).
The text is split into paragraphs at blank lines; each timing is the best of N runs.
``QUANTEXT_NUM_THREADS`` is set per run to compare thread counts.

    python python/bench_batch.py [FILE] --pairs N

times N interleaved pairs instead (one thread, then two) and prints the median of the pairs'
ratios with a 95% confidence interval. On a machine whose speed drifts (a shared VM), a best-of-N
taken a minute apart can differ by 30%; the two runs of a pair are a tenth of a second apart, so
most of the drift cancels out in their ratio (not what slows only the second CPU).
"""

from __future__ import annotations

import argparse
import gc
import json
import math
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

# Running this file puts python/ first on sys.path, and python/quantext/ has no compiled module:
# drop it so that `import quantext` is the installed wheel.
_HERE = Path(__file__).resolve().parent
sys.path = [p for p in sys.path if Path(p or ".").resolve() != _HERE]

import quantext as qx  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


def load(path: str | None) -> tuple[str, list[str]]:
    if path:
        files = [Path(path)]
    else:
        sample = ROOT.parent / "shared" / "corpus" / "sample-1mb.txt"
        files = [sample] if sample.exists() else sorted((ROOT / "examples").glob("*.txt"))
    paragraphs: list[str] = []
    for f in files:
        content = f.read_text(encoding="utf-8")
        if f.suffix == ".jsonl":  # e.g. ../shared/corpus/articles.jsonl: one {"text": ...} a line
            content = "\n\n".join(json.loads(line)["text"] for line in content.splitlines() if line)
        paragraphs += [p for p in content.split("\n\n") if p.strip()]
    label = str(files[0]) if len(files) == 1 else f"{len(files)} files in {files[0].parent}"
    return label, paragraphs


def best_of(repeat: int, fn: Callable[[], object]) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def median_interval(values: list[float]) -> tuple[float, float, float]:
    """The median of ``values`` and a distribution-free 95% confidence interval for it: the order
    statistics whose ranks a Binomial(n, 1/2) count stays between with probability >= 0.95."""
    v = sorted(values)
    n = len(v)
    mid = n // 2
    median = v[mid] if n % 2 else (v[mid - 1] + v[mid]) / 2
    # The largest k with P(Binomial(n, 1/2) < k) <= 0.025: the interval is [v[k-1], v[n-k]]
    # (k >= 1 from n = 6 on; below that the whole range is returned, which covers less).
    k, below = 0, 0.0
    while k < n and below + math.comb(n, k) / 2**n <= 0.025:
        below += math.comb(n, k) / 2**n
        k += 1
    k = max(k, 1)
    return median, v[k - 1], v[n - k]


def timed(fn: Callable[[], object]) -> float:
    t0 = time.perf_counter()
    fn()  # the result is freed inside the timing, as in any loop over batches
    return time.perf_counter() - t0


def pairs(n: int, paragraphs: list[str], mb: float) -> None:
    """``n`` interleaved pairs of one call on 1 thread and one on 2 threads."""
    one: list[float] = []
    two: list[float] = []
    for _ in range(n):
        os.environ["QUANTEXT_NUM_THREADS"] = "1"
        one.append(timed(lambda: qx.extract_batch(paragraphs)))
        os.environ["QUANTEXT_NUM_THREADS"] = "2"
        two.append(timed(lambda: qx.extract_batch(paragraphs)))
    for label, times in (("1 thread ", one), ("2 threads", two)):
        m, lo, hi = median_interval(times)
        print(
            f"extract_batch, {label}: median {m:.3f} s ({lo:.3f}-{hi:.3f})  {mb / m:6.2f} MB/s"
        )
    m, lo, hi = median_interval([a / b for a, b in zip(one, two)])
    print(f"2 threads over 1, median of {n} pairs: {m:.2f}x (95% CI {lo:.2f}-{hi:.2f})")


def main() -> None:
    ap = argparse.ArgumentParser(description="extract_batch against a Python loop over extract")
    ap.add_argument("file", nargs="?")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--pairs", type=int, default=0, help="time N interleaved 1/2-thread pairs")
    args = ap.parse_args()
    # With fewer than 6 pairs no two order statistics cover the median with 95% probability.
    if args.repeat < 1 or args.pairs < 0 or 0 < args.pairs < 6:
        ap.error("--repeat must be at least 1, and --pairs 0 or at least 6")

    label, paragraphs = load(args.file)
    mb = sum(len(p.encode("utf-8")) for p in paragraphs) / 1e6
    cores = os.cpu_count() or 1
    print(f"corpus: {label}: {len(paragraphs)} paragraphs, {mb:.2f} MB, {cores} cores")

    found = qx.extract_batch(paragraphs)
    assert [[q.to_dict() for q in f] for f in found] == [
        [q.to_dict() for q in qx.extract(p)] for p in paragraphs
    ], "extract_batch and extract disagree"
    print(f"quantities: {sum(map(len, found))}")
    # The check's results are freed before timing: results kept alive from an earlier 2-thread
    # call make later 2-thread calls a few percent slower (docs/performance.md, ninth session).
    del found
    gc.collect()

    env = os.environ.get("QUANTEXT_NUM_THREADS")
    try:
        if args.pairs:
            pairs(args.pairs, paragraphs, mb)
            return
        loop = best_of(args.repeat, lambda: [qx.extract(p) for p in paragraphs])
        print(f"python loop over extract : {loop:7.3f} s  {mb / loop:6.2f} MB/s  1.00x")
        for threads in sorted({1, 2, cores}):
            os.environ["QUANTEXT_NUM_THREADS"] = str(threads)
            t = best_of(args.repeat, lambda: qx.extract_batch(paragraphs))
            print(
                f"extract_batch, {threads} thread{'s' if threads > 1 else ' '}: "
                f"{t:7.3f} s  {mb / t:6.2f} MB/s  {loop / t:.2f}x"
            )
    finally:
        if env is None:
            os.environ.pop("QUANTEXT_NUM_THREADS", None)
        else:
            os.environ["QUANTEXT_NUM_THREADS"] = env

if __name__ == "__main__":
    main()
