#!/usr/bin/env python3
"""Side-by-side speed of quantext's Python API and its peers on the same documents, in one run.

    python3 bench/compare.py                 # creates bench/.venv-peers on first use
    python3 bench/compare.py --kb 100        # more text (peers run at a few KB/s)
    python3 bench/compare.py --peers quantext,quantulum3

The peers are installed from PyPI into their own virtual environment, bench/.venv-peers:
quantulum3, recognizers-text-suite (with emoji<1.0, which it needs) and text2num. quantext is
installed there from the newest wheel in target/wheels/ (build it with `maturin build --release`
in python/, or the project's wheel target); without one, quantext is skipped with a message.

Documents: the benchmark corpus bench/corpus/whitehouse-3mb.txt, cut into documents of whole
paragraphs of about 10 KB each (the size of a typical press release), taken in order until --kb KB.
Every tool sees the same documents, whole, one call per document. Prints the MB/s of each tool,
what it found, and the ratio quantext/peer. Not part of `make test`: the peers take minutes.
"""

from __future__ import annotations

import argparse
import glob
import os
import platform
import re
import subprocess
import sys
import time
import venv

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
VENV = os.path.join(HERE, ".venv-peers")
CORPUS = os.path.join(HERE, "corpus", "whitehouse-3mb.txt")
PEER_REQS = ["quantulum3", "recognizers-text-suite", "emoji<1.0", "text2num", "setuptools<81"]


def venv_python() -> str:
    return os.path.join(VENV, "bin", "python")


def ensure_venv() -> None:
    """Creates bench/.venv-peers with the peers, then re-runs this script inside it."""
    if os.path.abspath(sys.prefix) == os.path.abspath(VENV):
        return
    if not os.path.exists(venv_python()):
        print(f"creating {VENV} and installing {' '.join(PEER_REQS)} from PyPI ...", file=sys.stderr)
        venv.EnvBuilder(with_pip=True).create(VENV)
        subprocess.check_call([venv_python(), "-m", "pip", "install", "-q", "--upgrade", "pip"])
        subprocess.check_call([venv_python(), "-m", "pip", "install", "-q", *PEER_REQS])
    os.execv(venv_python(), [venv_python(), os.path.abspath(__file__), *sys.argv[1:]])


def ensure_quantext():
    """Imports quantext, installing the newest wheel of target/wheels/ into the venv if needed."""
    wheels = sorted(glob.glob(os.path.join(ROOT, "target", "wheels", "quantext-*.whl")), key=os.path.getmtime)
    if wheels:
        # Always (re)install the newest wheel so that the figures are for the current build.
        r = subprocess.run(
            [sys.executable, "-m", "pip", "install", "-q", "--force-reinstall", "--no-deps", wheels[-1]],
            capture_output=True, text=True,
        )
        if r.returncode != 0:
            print(f"quantext: cannot install {wheels[-1]}: {r.stderr.strip()[-400:]}", file=sys.stderr)
    try:
        import quantext  # noqa: F401
    except ImportError as e:
        where = wheels[-1] if wheels else "no wheel in target/wheels/"
        print(f"quantext: skipped, `import quantext` fails in {VENV} ({e}; {where})", file=sys.stderr)
        return None
    return quantext


def documents(kb: int, doc_kb: int = 10) -> list[str]:
    with open(CORPUS, encoding="utf-8") as f:
        paragraphs = [p for p in f.read().split("\n\n") if p.strip()]
    docs, cur, size, total = [], [], 0, 0
    for p in paragraphs:
        cur.append(p)
        size += len(p.encode()) + 2
        if size >= doc_kb * 1000:
            doc = "\n\n".join(cur)
            docs.append(doc)
            total += len(doc.encode())
            cur, size = [], 0
            if total >= kb * 1000:
                break
    return docs


def sentences(doc: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+(?=[A-Z\"'(])|\n+", doc) if s.strip()]


def timed(fn, docs: list[str], min_seconds: float = 0.0) -> tuple[float, int, int]:
    """(seconds per pass, items found in one pass, passes). Repeats fast tools to min_seconds."""
    passes, found, start = 0, 0, time.perf_counter()
    while True:
        found = 0
        for d in docs:
            found += fn(d)
        passes += 1
        elapsed = time.perf_counter() - start
        if elapsed >= min_seconds:
            return elapsed / passes, found, passes


def peers(names: set[str]):
    """(name, function doc -> number of items found), for the peers that import."""
    out = []
    if "quantulum3" in names:
        try:
            import warnings

            warnings.filterwarnings("ignore")
            from quantulum3 import parser as q3

            q3.parse("warm up 5 km")
            out.append(("quantulum3 (whole document)", lambda d: len(q3.parse(d))))
            out.append(("quantulum3 (sentence by sentence)", lambda d: sum(len(q3.parse(s)) for s in sentences(d))))
        except Exception as e:  # noqa: BLE001
            print(f"quantulum3: skipped ({type(e).__name__}: {e})", file=sys.stderr)
    if "recognizers" in names:
        try:
            from recognizers_number import NumberRecognizer
            from recognizers_number_with_unit import NumberWithUnitRecognizer
            from recognizers_text import Culture

            nwu = NumberWithUnitRecognizer(Culture.English)
            currency = nwu.get_currency_model()
            models = [
                currency,
                nwu.get_dimension_model(),
                nwu.get_age_model(),
                nwu.get_temperature_model(),
                NumberRecognizer(Culture.English).get_number_model(),
            ]
            currency.parse("warm up $5")
            out.append(("Recognizers-Text currency model", lambda d: len(currency.parse(d))))
            out.append(
                ("Recognizers-Text number+currency+dimension+age+temperature",
                 lambda d: sum(len(m.parse(d)) for m in models))
            )
        except Exception as e:  # noqa: BLE001
            print(f"recognizers-text-suite: skipped ({type(e).__name__}: {e})", file=sys.stderr)
    if "text2num" in names:
        try:
            from text_to_num import alpha2digit

            out.append(("text2num alpha2digit (numerals only)", lambda d: len(re.findall(r"\d+", alpha2digit(d, "en")))))
        except Exception as e:  # noqa: BLE001
            print(f"text2num: skipped ({type(e).__name__}: {e})", file=sys.stderr)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--kb", type=int, default=50, help="KB of documents each tool reads (default 50)")
    ap.add_argument("--peers", default="quantext,quantulum3,recognizers,text2num",
                    help="comma-separated subset of quantext,quantulum3,recognizers,text2num")
    args = ap.parse_args()
    ensure_venv()
    names = set(args.peers.split(","))

    docs = documents(args.kb)
    nbytes = sum(len(d.encode()) for d in docs)
    print(f"documents: {len(docs)} from {os.path.relpath(CORPUS, ROOT)}, {nbytes} bytes in all; "
          f"Python {platform.python_version()}, {os.cpu_count()} CPUs, {platform.processor() or platform.machine()}")

    rows = []  # (name, MB/s, found, seconds)
    qt_rate = None
    if "quantext" in names:
        qt = ensure_quantext()
        if qt is not None:
            qt.extract("warm up 5 km")
            sec, found, passes = timed(lambda d: len(qt.extract(d)), docs, min_seconds=2.0)
            qt_rate = nbytes / sec / 1e6
            rows.append((f"quantext.extract ({passes} passes)", qt_rate, found, sec))
            if hasattr(qt, "extract_batch"):
                start, passes = time.perf_counter(), 0
                while time.perf_counter() - start < 2.0:
                    found_b = sum(len(r) for r in qt.extract_batch(docs))
                    passes += 1
                sec_b = (time.perf_counter() - start) / passes
                rows.append((f"quantext.extract_batch, all cores ({passes} passes)", nbytes / sec_b / 1e6, found_b, sec_b))

    for name, fn in peers(names):
        print(f"timing {name} ...", file=sys.stderr, flush=True)
        sec, found, _ = timed(fn, docs)
        rows.append((name, nbytes / sec / 1e6, found, sec))

    print()
    print(f"{'tool':62} {'MB/s':>10} {'KB/s':>10} {'found':>7} {'seconds':>9} {'quantext/peer':>14}")
    for name, rate, found, sec in rows:
        ratio = f"{qt_rate / rate:,.0f}x" if qt_rate and not name.startswith("quantext") else ""
        print(f"{name:62} {rate:10.4f} {rate * 1000:10.1f} {found:7d} {sec:9.3f} {ratio:>14}")
    if qt_rate is None and "quantext" in names:
        print("\n(quantext skipped: build the wheel into target/wheels/ and run again for the ratios)")


if __name__ == "__main__":
    main()
