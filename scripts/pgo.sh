#!/usr/bin/env bash
# Profile-guided builds of quantext (docs/performance.md, "Profile-guided builds").
#
#   scripts/pgo.sh cli            # the CLI: target/pgo/use/release/quantext
#   scripts/pgo.sh wheel          # the Python wheel: target/pgo/wheels/
#   scripts/pgo.sh bench [ARGS]   # the Rust benchmarks, run (ARGS go to criterion)
#
# Every command first makes its profile afresh, so that it matches the code being built, and
# with the same build as the optimised one: rustc names the functions of a profile after the
# crate's build hash, which changes with what else cargo builds, so a profile of the CLI is not
# found by the benchmark's build (it then changes nothing).
#   1. the artifact is built with instrumentation (-Cprofile-generate) into target/pgo/gen;
#   2. it extracts the quantities of the example articles (examples/*.txt; the CLI also the
#      golden sentences, tests/golden/*.jsonl): news text, none of it in the benchmark corpus, so
#      that the benchmark measures a profile that was not trained on it;
#   3. llvm-profdata merges the counts into target/pgo/ARTIFACT.profdata.
# The optimised build (-Cprofile-use, into target/pgo/use) then lays the code out by those
# counts: the hot paths of the grammar together, the rare ones aside.
#
# Needs llvm-profdata of the LLVM that rustc uses: rustup's `llvm-tools` component (`rustup
# component add llvm-tools`, which this script runs when the tool is missing and rustup is
# there; it downloads from static.rust-lang.org). The wheel also needs the virtual environment
# of `make test` (.venv, for maturin). Not part of `make test`: nothing here changes what is
# extracted, only how fast.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
pgo="$root/target/pgo"
cmd="${1:-}"
[ $# -gt 0 ] && shift

# The usage lines at the top of this file; exits with $1.
usage() {
    sed -n '2,6p' "$root/scripts/pgo.sh" | sed 's/^# \{0,1\}//' >&2
    exit "$1"
}

# The LLVM major version of rustc, e.g. "22".
rustc_llvm() {
    rustc -vV | sed -n 's/^LLVM version: \([0-9]*\).*/\1/p'
}

# Prints the path of an llvm-profdata whose LLVM major version is rustc's; installs rustup's
# llvm-tools when none is found and rustup is there.
find_profdata() {
    local want host sysroot tool
    want="$(rustc_llvm)"
    host="$(rustc -vV | sed -n 's/^host: //p')"
    sysroot="$(rustc --print sysroot)"
    tool="$sysroot/lib/rustlib/$host/bin/llvm-profdata"
    if [ ! -x "$tool" ] && command -v rustup >/dev/null; then
        echo "pgo: installing rustup's llvm-tools (llvm-profdata for LLVM $want)" >&2
        rustup component add llvm-tools >&2 || true
    fi
    for candidate in "$tool" "$(command -v "llvm-profdata-$want" || true)" \
        "$(command -v llvm-profdata || true)"; do
        [ -n "$candidate" ] && [ -x "$candidate" ] || continue
        local version
        version="$("$candidate" --version 2>/dev/null || true)"
        if [[ "$version" =~ LLVM\ version\ $want\. ]]; then
            echo "$candidate"
            return 0
        fi
    done
    echo "pgo: no llvm-profdata of LLVM $want (rustc's) was found." >&2
    echo "pgo: install it with 'rustup component add llvm-tools'; an llvm-profdata of another" >&2
    echo "pgo: LLVM version cannot read the profiles rustc writes." >&2
    exit 2
}

# Runs the training command "$@" with the raw counts going to a fresh directory, then merges them
# into target/pgo/$artifact.profdata.
train() {
    local artifact="$1"
    shift
    local raw="$pgo/raw-$artifact"
    rm -rf "$raw"
    mkdir -p "$raw"
    echo "pgo: training the $artifact on examples/*.txt" >&2
    LLVM_PROFILE_FILE="$raw/%p-%m.profraw" "$@" >/dev/null
    "$profdata" merge -o "$pgo/$artifact.profdata" "$raw"
    echo "pgo: profile written to target/pgo/$artifact.profdata" >&2
}

# The flags of the optimised build. A function that the training never ran has no counts; LLVM
# then optimises it as usual, which is what is wanted, so the warning about it is turned off.
use_flags() {
    echo "-Cprofile-use=$pgo/$1.profdata -Cllvm-args=-pgo-warn-missing-function=false"
}

gen_flags() {
    echo "-Cprofile-generate=$pgo/raw-$1"
}

# The CLI's training: the articles several times over, so that the news paths dominate the
# counts, and the golden sentences once.
train_cli() {
    local bin="$1"
    for _ in 1 2 3 4 5 6 7 8; do
        "$bin" extract examples/*.txt
    done
    "$bin" eval tests/golden/*.jsonl
}

case "$cmd" in
    cli | bench | wheel) profdata="$(find_profdata)" ;;
    -h | --help) usage 0 ;;
    *) usage 2 ;;
esac
mkdir -p "$pgo"

case "$cmd" in
    cli)
        echo "pgo: building the instrumented CLI" >&2
        CARGO_TARGET_DIR="$pgo/gen" RUSTFLAGS="$(gen_flags cli)" \
            cargo build --release --quiet --bin quantext
        train cli train_cli "$pgo/gen/release/quantext"
        CARGO_TARGET_DIR="$pgo/use" RUSTFLAGS="$(use_flags cli)" \
            cargo build --release --quiet --bin quantext
        echo "pgo: built target/pgo/use/release/quantext" >&2
        ;;
    bench)
        # The benchmark binary itself is trained: `extract/corpus` and the bare scans over the
        # articles (QUANTEXT_BENCH_CORPUS) for a few seconds each. The bare scans are trained
        # too, or LLVM would take them for cold code, optimise them for size and flatter the
        # ratio of extraction to them.
        echo "pgo: building the instrumented benchmarks" >&2
        CARGO_TARGET_DIR="$pgo/gen" RUSTFLAGS="$(gen_flags bench)" \
            cargo bench --quiet -p quantext --bench extract --no-run
        cat examples/*.txt >"$pgo/train.txt"
        # The newest `extract-<hash>` executable (not its `.d` file) is the one just built.
        gen_bin="$(ls -t "$pgo"/gen/release/deps/extract-* 2>/dev/null | grep -v '\.d$' | head -1 || true)"
        if [ ! -x "$gen_bin" ]; then
            echo "pgo: the instrumented benchmark was not found in target/pgo/gen/release/deps" >&2
            exit 1
        fi
        # CRITERION_HOME: the instrumented (slow) timings are kept apart from the saved results
        # that `make bench` compares with.
        QUANTEXT_BENCH_CORPUS="$pgo/train.txt" CRITERION_HOME="$pgo/criterion-train" \
            train bench "$gen_bin" --bench 'extract/corpus|baseline/' --warm-up-time 1 \
            --measurement-time 3 --noplot
        CARGO_TARGET_DIR="$pgo/use" RUSTFLAGS="$(use_flags bench)" \
            cargo bench -p quantext --bench extract -- "$@"
        ;;
    wheel)
        venv="${QUANTEXT_VENV:-$root/.venv}"
        if [ ! -x "$venv/bin/maturin" ]; then
            echo "pgo: no maturin in $venv: run 'make test' (or 'make python-test') once first" >&2
            exit 2
        fi
        # The instrumented wheel goes into a virtual environment of its own (target/pgo/venv),
        # so that the one `make test` installed is left alone.
        echo "pgo: building the instrumented wheel" >&2
        rm -rf "$pgo/gen-wheels"
        (cd python && CARGO_TARGET_DIR="$pgo/gen" RUSTFLAGS="$(gen_flags wheel)" \
            "$venv/bin/maturin" build --release --quiet --interpreter "$venv/bin/python" \
            --out "$pgo/gen-wheels")
        [ -x "$pgo/venv/bin/python" ] || "$venv/bin/python" -m venv "$pgo/venv"
        "$pgo/venv/bin/python" -m pip install --quiet --disable-pip-version-check \
            --force-reinstall --no-deps "$pgo"/gen-wheels/quantext-*.whl
        train wheel "$pgo/venv/bin/python" -c '
import pathlib, quantext
texts = [p.read_text() for p in sorted(pathlib.Path("examples").glob("*.txt"))]
for _ in range(8):
    for t in texts:
        quantext.extract(t)
    quantext.extract_batch(texts)
'
        rm -f "$pgo/wheels"/quantext-*.whl
        (cd python && CARGO_TARGET_DIR="$pgo/use" RUSTFLAGS="$(use_flags wheel)" \
            "$venv/bin/maturin" build --release --quiet --interpreter "$venv/bin/python" \
            --out "$pgo/wheels")
        echo "pgo: wheel in target/pgo/wheels" >&2
        ;;
esac
