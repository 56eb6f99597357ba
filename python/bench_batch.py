"""Benchmark: ``extract_batch`` against a Python loop over ``extract`` (not a test).

    python python/bench_batch.py [FILE] [--repeat N]

FILE defaults to ../shared/corpus/sample-1mb.txt (next to the repository), else examples/*.txt;
a .jsonl FILE is read as one {"text": ...} object a line (../shared/corpus/articles.jsonl).
The text is split into paragraphs at blank lines; each timing is the best of N runs.
``QUANTEXT_NUM_THREADS`` is set per run to compare thread counts.
"""

from __future__ import annotations

import argparse
import json
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


def main() -> None:
    ap = argparse.ArgumentParser(description="extract_batch against a Python loop over extract")
    ap.add_argument("file", nargs="?")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()

    label, paragraphs = load(args.file)
    mb = sum(len(p.encode("utf-8")) for p in paragraphs) / 1e6
    cores = os.cpu_count() or 1
    print(f"corpus: {label}: {len(paragraphs)} paragraphs, {mb:.2f} MB, {cores} cores")

    found = qx.extract_batch(paragraphs)
    assert [[q.to_dict() for q in f] for f in found] == [
        [q.to_dict() for q in qx.extract(p)] for p in paragraphs
    ], "extract_batch and extract disagree"
    print(f"quantities: {sum(map(len, found))}")

    loop = best_of(args.repeat, lambda: [qx.extract(p) for p in paragraphs])
    print(f"python loop over extract : {loop:7.3f} s  {mb / loop:6.2f} MB/s  1.00x")
    env = os.environ.get("QUANTEXT_NUM_THREADS")
    try:
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
