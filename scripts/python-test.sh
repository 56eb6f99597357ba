#!/usr/bin/env bash
# Builds the quantext wheel afresh and tests it: the Python half of `make test`.
#
#   1. creates (or reuses) the virtual environment .venv and installs python/requirements-test.txt
#      (exact versions, maturin included) from PyPI;
#   2. builds the wheel with maturin into target/wheels (old quantext wheels there are removed
#      first, so the one installed is the one just built);
#   3. force-reinstalls that wheel into .venv;
#   4. runs pytest on python/tests (Spark in local mode included: Java is installed if missing), mypy --strict on the tests and the package, and stubtest
#      (the .pyi stubs against the compiled module).
#
# Environment: PYTHON (interpreter to make the venv with, default python3), QUANTEXT_VENV (venv
# directory, default .venv), PYTEST_ARGS (extra pytest arguments).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

venv="${QUANTEXT_VENV:-$root/.venv}"
python="${PYTHON:-python3}"
wheels="$root/target/wheels"

if [ ! -x "$venv/bin/python" ]; then
    echo "python-test: creating $venv"
    "$python" -m venv "$venv"
fi
vpy="$venv/bin/python"
"$vpy" -m pip install --quiet --disable-pip-version-check -r python/requirements-test.txt

mkdir -p "$wheels"
rm -f "$wheels"/quantext-*.whl
echo "python-test: building the wheel"
(cd python && "$venv/bin/maturin" build --release --interpreter "$vpy" --out "$wheels")

shopt -s nullglob
built=("$wheels"/quantext-*.whl)
if [ "${#built[@]}" -ne 1 ]; then
    echo "python-test: expected one freshly built wheel in $wheels, found ${#built[@]}" >&2
    exit 1
fi
echo "python-test: installing ${built[0]##*/}"
"$vpy" -m pip install --quiet --disable-pip-version-check --force-reinstall --no-deps "${built[0]}"

# The Spark tests (python/tests/test_spark.py) run pyspark in local mode, which needs a Java
# runtime (17 or newer): use the machine's, or install Debian's when we may.
if ! command -v java >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "python-test: installing a Java runtime for the Spark tests (Debian's openjdk-17-jre-headless)"
        apt-get install -y -q openjdk-17-jre-headless >/dev/null || { apt-get update -q && apt-get install -y -q openjdk-17-jre-headless; }
    else
        echo "python-test: the Spark tests need Java 17+ (java not found); install a JRE" >&2
        exit 1
    fi
fi
export QUANTEXT_REQUIRE_SPARK=1 PYSPARK_PYTHON="$vpy" PYSPARK_DRIVER_PYTHON="$vpy"

# Run from the repository root: python/ is not on sys.path, so `import quantext` is the wheel.
"$vpy" -m pytest python/tests -q ${PYTEST_ARGS:-}
"$vpy" -m mypy --config-file python/pyproject.toml --strict python/tests python/quantext python/bench_batch.py
# The stubs match the compiled module (names, signatures).
"$vpy" -m mypy.stubtest quantext._quantext
