#!/usr/bin/env python3
"""Prints the last `cargo bench -p quantext --bench extract` results (target/criterion/) as
Markdown tables: throughput of extract and the baselines, and time per parse expression."""
import json
import pathlib

root = pathlib.Path(__file__).resolve().parent.parent / "target" / "criterion"


def est(d):
    e = json.loads((d / "new" / "estimates.json").read_text())
    b = json.loads((d / "new" / "benchmark.json").read_text())
    return e["median"]["point_estimate"], b


rows = []
for group in ("extract", "baseline"):
    for d in sorted((root / group).glob("*/")):
        if (d / "new").is_dir():
            ns, b = est(d)
            nbytes = b["throughput"].get("BytesDecimal") or b["throughput"].get("Bytes")
            rows.append((f"{group}/{d.name}", ns, nbytes / ns * 1e3))
print("| benchmark | median time | MB/s |\n|---|---:|---:|")
for name, ns, mbs in rows:
    print(f"| `{name}` | {ns / 1e6:.3f} ms | {mbs:,.1f} |")
ex = [r for r in rows if r[0] == "extract/corpus"]
if ex:
    for name, ns, mbs in rows:
        if name.startswith("baseline"):
            print(f"\nextract/corpus is {ns and ex[0][1] / ns:.1f}x slower than `{name}`", end="")
    print()

print("\n| expression | median time per parse |\n|---|---:|")
parse = root / "parse"
all40 = parse / "all_40"
if (all40 / "new").is_dir():
    ns, _ = est(all40)
    print(f"| all 40 in a row | {ns / 1e3:.2f} µs ({ns / 40 / 1e3:.2f} µs each) |")
for d in sorted((parse / "expr").glob("*/")):
    if (d / "new").is_dir():
        ns, b = est(d)
        label = b.get("value_str") or d.name
        print(f"| `{label[3:] if label[:2].isdigit() else label}` | {ns / 1e3:.2f} µs |")
