#!/usr/bin/env bash
# Deterministic cost figure for performance work: the instructions (callgrind) that
# `quantext extract --threads 1` executes over the first 1 MB (whole lines) of the benchmark
# corpus, lexicon loading included. Unlike wall-clock time it does not move with machine load.
#
#   scripts/count_instructions.sh            # builds the release CLI first
#   QX=path/to/quantext scripts/count_instructions.sh
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ -z "${QX:-}" ]]; then
    cargo build --release --bin quantext >&2
    QX=target/release/quantext
fi
sample=$(mktemp)
out=$(mktemp)
trap 'rm -f "$sample" "$out"' EXIT
python3 - "$sample" <<'PY'
import sys
lines, size = [], 0
with open("bench/corpus/whitehouse-3mb.txt", encoding="utf-8") as f:
    for line in f:
        if size + len(line.encode()) > 1_000_000:
            break
        lines.append(line)
        size += len(line.encode())
open(sys.argv[1], "w", encoding="utf-8").write("".join(lines))
PY
valgrind --tool=callgrind --callgrind-out-file="$out" "$QX" extract --threads 1 "$sample" >/dev/null 2>/dev/null
total=$(grep -E '^(summary|totals):' "$out" | head -1 | awk '{print $2}')
python3 -c "import sys; print(f'{int(sys.argv[1])/1e6:.2f} M instructions for {sys.argv[2]} bytes')" "$total" "$(wc -c <"$sample")"
