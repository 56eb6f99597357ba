#!/usr/bin/env bash
# The instructions (callgrind) of extraction proper: `quantext::extract` over the 2.79 MB
# benchmark corpus, counted as two passes minus one (examples/passes.rs), so that lexicon loading
# and start-up cancel out. The figure the performance log judges core changes by; it does not move
# with the machine's load.
#
#   scripts/extraction_instructions.sh           # builds the example first
#   scripts/extraction_instructions.sh FILE      # another text
set -euo pipefail
cd "$(dirname "$0")/.."
file=${1:-bench/corpus/whitehouse-3mb.txt}
cargo build --release -q -p quantext --example passes >&2
bin=target/release/examples/passes
out=$(mktemp)
trap 'rm -f "$out"' EXIT
count() {
    valgrind --tool=callgrind --callgrind-out-file="$out" "$bin" "$1" "$file" >/dev/null 2>&1
    grep -E '^(summary|totals):' "$out" | head -1 | awk '{print $2}'
}
one=$(count 1)
two=$(count 2)
python3 -c "
import sys
one, two, size = map(int, sys.argv[1:])
d = two - one
print(f'{d/1e6:.2f} M instructions a pass over {size} bytes: {d/size:.2f} per byte')
" "$one" "$two" "$(wc -c <"$file")"
