# quantext — the two commands of README.md:
#   make run    the main job: the CLI over the example articles
#   make test   every test (Rust, golden, properties, accuracy ratchet, Python wheel, short fuzz)
# `make test` installs what it needs itself (a virtual environment with maturin, pytest, ...).

CARGO ?= cargo
FUZZ_SECONDS ?= 45

.PHONY: run test rust-test lint format python-test fuzz-short fuzz bench bench-pgo pgo-cli pgo-wheel eval accuracy clean

run:
	$(CARGO) run --release --bin quantext -- extract examples/*.txt --format table

test: lint rust-test python-test fuzz-short

lint:
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --workspace --all-targets -- -D warnings

rust-test:
	$(CARGO) build --release --bin quantext
	$(CARGO) test --workspace

format:
	$(CARGO) fmt --all

python-test:
	bash scripts/python-test.sh

# A fixed seed and a fixed number of runs, built and run so that every machine with the same
# toolchain runs the same inputs (FUZZ_REPRODUCIBLE: see scripts/fuzz.sh and docs/robustness.md).
# The runs fit well inside FUZZ_SECONDS (a safety cap only):
# extract and split are about 30 times slower per input than parse and roundtrip, so they get
# fewer (when the cap cut a run short, how far it got depended on the machine's speed).
# `make fuzz` explores freely for 10 minutes per target.
fuzz-short:
	FUZZ_REPRODUCIBLE=1 FUZZ_ARGS="-seed=1 -runs=300000" bash scripts/fuzz.sh $(FUZZ_SECONDS) parse roundtrip
	FUZZ_REPRODUCIBLE=1 FUZZ_ARGS="-seed=1 -runs=40000" bash scripts/fuzz.sh $(FUZZ_SECONDS) extract split

fuzz:
	bash scripts/fuzz.sh 600

bench:
	$(CARGO) bench -p quantext

# Profile-guided builds (scripts/pgo.sh, docs/performance.md "Profile-guided builds"): the same
# source compiled with a profile of the example articles, extraction 7-14% faster. Not part of
# `make test`; they need rustup's llvm-tools (installed by the script when missing), and the
# wheel the .venv of `make test`.
bench-pgo:
	bash scripts/pgo.sh bench

pgo-cli:
	bash scripts/pgo.sh cli

pgo-wheel:
	bash scripts/pgo.sh wheel

accuracy:
	$(CARGO) run --release --bin quantext -- eval tests/data/external/*/*.jsonl

clean:
	$(CARGO) clean
	rm -rf .venv
