#!/usr/bin/env bash
# Runs every fuzz target of fuzz/ for SECONDS each (default 30) with libFuzzer through cargo-fuzz,
# on the stable toolchain (the coverage flags of `-s none` are stable; RUSTC_BOOTSTRAP=1 lets stable
# rustc accept -Zsanitizer=address when FUZZ_SANITIZER=address). Exits non-zero if any target
# crashed (or failed to build).
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]      e.g. scripts/fuzz.sh 600 roundtrip
#
# Environment:
#   FUZZ_SANITIZER   address|none (default none: the library is #![forbid(unsafe_code)], and
#                    without ASan libFuzzer runs 2-3x more inputs per second)
#   FUZZ_ARGS        extra libFuzzer flags, e.g. "-max_len=65536"
#   FUZZ_KEEP_GOING  1: do not stop at the first crash (libFuzzer -fork=1 -ignore_crashes=1), to
#                    collect every distinct failure of a run in fuzz/artifacts/<target>/
#   FUZZ_REPRODUCIBLE 1: the same run on every machine with the same toolchain (with
#                    FUZZ_ARGS="-seed=N -runs=M"; make test uses it). Built and run from a copy at
#                    a fixed path (FUZZ_FIXED_DIR, default /tmp/quantext-fuzz-fixed); the corpus
#                    goes to libFuzzer as a list sorted by name (-seed_inputs), new inputs to an
#                    empty directory not re-read during the run (-reload=0), and comparisons do not
#                    steer mutations (-use_cmp=0: their operands include addresses). Each of these
#                    made two runs with one seed differ; docs/robustness.md has the details.
# Needs cargo-fuzz (installed from crates.io if missing) and a C++ compiler (libfuzzer-sys builds
# libFuzzer). Crashes land in fuzz/artifacts/<target>/; copy them to fuzz/regressions/<target>/.
set -uo pipefail
cd "$(dirname "$0")/.."

SECONDS_EACH="${1:-30}"
shift || true
TARGETS=("$@")
[ ${#TARGETS[@]} -eq 0 ] && TARGETS=(parse extract roundtrip split)
SAN="${FUZZ_SANITIZER:-none}"
export RUSTC_BOOTSTRAP=1

if ! cargo fuzz --version >/dev/null 2>&1; then
    echo "fuzz.sh: installing cargo-fuzz from crates.io" >&2
    cargo install cargo-fuzz --locked || { echo "fuzz.sh: cannot install cargo-fuzz" >&2; exit 2; }
fi

bash fuzz/seed.sh || exit 2

# FUZZ_REPRODUCIBLE: build and run from a copy at a fixed path. Cargo names a path dependency's
# symbols after its path, so the same sources checked out elsewhere give a differently laid out
# binary, and libFuzzer, with the same seed, then runs different inputs (seen: a clean clone in
# /tmp and the working copy disagreed). The corpus, the dictionary and the artifacts are inside
# the copy too, so every path libFuzzer holds is the same; findings and logs are copied back.
REPO="$PWD"
if [ "${FUZZ_REPRODUCIBLE:-0}" = 1 ]; then
    WORK="${FUZZ_FIXED_DIR:-/tmp/quantext-fuzz-fixed}"
    mkdir -p "$WORK/fuzz" || exit 2
    rm -rf "$WORK/crates" "$WORK/fuzz/src" "$WORK/fuzz/fuzz_targets" "$WORK/fuzz/examples" \
        "$WORK/fuzz/corpus" "$WORK/fuzz/artifacts"
    # -p keeps the modification times, so that cargo rebuilds only what changed.
    cp -p Cargo.toml Cargo.lock "$WORK/" && cp -rp crates "$WORK/crates" \
        && cp -rp fuzz/Cargo.toml fuzz/Cargo.lock fuzz/src fuzz/fuzz_targets fuzz/examples \
            fuzz/corpus "$WORK/fuzz/" \
        || { echo "fuzz.sh: cannot copy the sources to $WORK" >&2; exit 2; }
    cd "$WORK" || exit 2
fi
# One build for all targets (the default cargo-fuzz profile: release + debug assertions + overflow checks).
(cd fuzz && cargo fuzz build -s "$SAN") || { echo "fuzz.sh: build failed" >&2; exit 2; }

KEEP=""
[ "${FUZZ_KEEP_GOING:-0}" = 1 ] && KEEP="-fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1"

failed=()
for t in "${TARGETS[@]}"; do
    echo "=== fuzz target $t: ${SECONDS_EACH}s (sanitizer $SAN) ==="
    mkdir -p "fuzz/artifacts/$t"
    before=$(find "fuzz/artifacts/$t" -type f | wc -l)
    CORPUS=()
    SEEDS=""
    if [ "${FUZZ_REPRODUCIBLE:-0}" = 1 ]; then
        rm -rf "fuzz/artifacts/$t.new"
        mkdir -p "fuzz/artifacts/$t.new"
        CORPUS=("$PWD/fuzz/artifacts/$t.new")
        find "$PWD/fuzz/corpus/$t" -type f | LC_ALL=C sort | paste -sd, > "fuzz/artifacts/$t.seeds"
        SEEDS="-seed_inputs=@$PWD/fuzz/artifacts/$t.seeds -reload=0 -use_cmp=0"
    fi
    # shellcheck disable=SC2086
    (cd fuzz && cargo fuzz run -s "$SAN" "$t" "${CORPUS[@]}" -- $SEEDS \
        -max_total_time="$SECONDS_EACH" -timeout=30 -rss_limit_mb=4096 \
        -dict=corpus/quantext.dict -print_final_stats=1 $KEEP ${FUZZ_ARGS:-}) \
        > "fuzz/artifacts/$t.log" 2>&1
    rc=$?
    # The panic messages (what is wrong, on which input), then the end of libFuzzer's report.
    grep -A3 -E "panicked at" "fuzz/artifacts/$t.log" | head -n 40
    grep -E '^(Done|stat::|INFO: exiting|#[0-9]+: cov)|crash:|Failing input|artifacts/' "fuzz/artifacts/$t.log" \
        | tail -n 12
    after=$(find "fuzz/artifacts/$t" -type f | wc -l)
    if [ "$rc" -ne 0 ] || [ "$after" -gt "$before" ]; then
        echo "=== fuzz target $t FAILED (exit $rc); inputs in fuzz/artifacts/$t/ ===" >&2
        failed+=("$t")
    fi
done

if [ "$PWD" != "$REPO" ]; then
    # The new inputs of this run replace those of the last (they are named by content).
    for t in "${TARGETS[@]}"; do rm -rf "$REPO/fuzz/artifacts/$t.new"; done
    mkdir -p "$REPO/fuzz/artifacts" && cp -rp fuzz/artifacts/. "$REPO/fuzz/artifacts/"
fi

if [ ${#failed[@]} -ne 0 ]; then
    echo "fuzz.sh: crashes in: ${failed[*]}" >&2
    exit 1
fi
echo "fuzz.sh: ${#TARGETS[@]} targets ran ${SECONDS_EACH}s each without a crash"
