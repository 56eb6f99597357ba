#!/usr/bin/env bash
# How `quantext extract` (the CLI, release build) scales with input size: wall time, throughput
# and peak RSS on inputs of 1 KB, 100 KB, 10 MB and 1 GB (issue 5: linear, flat memory; 1 GB under
# 100 MB RSS). Inputs are built under $TMPDIR (default /tmp) from the benchmark corpus
# bench/corpus/whitehouse-3mb.txt: 1 KB and 100 KB are prefixes (cut at a space or line end), 10 MB and 1 GB
# concatenate whole copies of the corpus and then cut the same way. They are deleted afterwards.
#
#   bench/scale.sh                 # all four sizes
#   bench/scale.sh 1K 100K 10M     # skip the 1 GB run
#   QUANTEXT=path/to/quantext bench/scale.sh
#
# Output (JSON Lines of quantities) goes to /dev/null; quantities are counted for inputs up to
# 10 MB in a separate run. Needs GNU time (/usr/bin/time -v).
set -euo pipefail
cd "$(dirname "$0")/.."
CORPUS=bench/corpus/whitehouse-3mb.txt
BIN="${QUANTEXT:-target/release/quantext}"
if [ -z "${QUANTEXT:-}" ]; then
    cargo build --release -p quantext-cli --bin quantext >&2
fi
[ -x "$BIN" ] || { echo "scale.sh: no binary at $BIN" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "scale.sh: needs /usr/bin/time (apt-get install time)" >&2; exit 2; }
SIZES=("$@")
[ ${#SIZES[@]} -eq 0 ] && SIZES=(1K 100K 10M 1G)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/quantext-scale.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

bytes_of() {
    case "$1" in
        *K) echo $(( ${1%K} * 1000 ));;
        *M) echo $(( ${1%M} * 1000 * 1000 ));;
        *G) echo $(( ${1%G} * 1000 * 1000 * 1000 ));;
        *) echo "$1";;
    esac
}

make_input() { # size-in-bytes out-file
    python3 - "$CORPUS" "$1" "$2" <<'PY'
import sys
src, want, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
data = open(src, "rb").read()
with open(out, "wb") as f:
    written = 0
    while written + len(data) + 2 <= want:
        f.write(data); f.write(b"\n\n"); written += len(data) + 2
    rest = data[: want - written]
    cut = max(rest.rfind(b"\n"), rest.rfind(b" "))  # a char boundary: never inside a UTF-8 sequence
    rest = rest[: cut + 1] if cut >= 0 else b""
    f.write(rest)
PY
}

printf '%-6s %14s %10s %10s %12s %12s\n' size bytes wall_s MB/s peak_RSS_MB quantities
for s in "${SIZES[@]}"; do
    n=$(bytes_of "$s")
    f="$WORK/input-$s.txt"
    make_input "$n" "$f"
    actual=$(stat -c %s "$f")
    # Warm the page cache so that the first run does not measure the disk.
    cat "$f" > /dev/null
    t0=$(date +%s%N)
    /usr/bin/time -v -o "$WORK/time.txt" "$BIN" extract "$f" > /dev/null
    t1=$(date +%s%N)
    wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.4f", (b - a) / 1e9 }')
    rss_kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$WORK/time.txt")
    count="-"
    if [ "$actual" -le 20000000 ]; then
        count=$("$BIN" extract "$f" | wc -l)
    fi
    awk -v s="$s" -v b="$actual" -v w="$wall" -v r="$rss_kb" -v c="$count" 'BEGIN {
        mbs = (w > 0) ? b / 1e6 / w : 0;
        printf "%-6s %14d %10.3f %10.2f %12.1f %12s\n", s, b, w, mbs, r / 1024, c }'
    rm -f "$f"
done
