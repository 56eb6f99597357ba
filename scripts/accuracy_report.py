#!/usr/bin/env python3
"""Score quantext on the converted peer suites and record the figures (the accuracy ratchet).

    scripts/accuracy_report.py            # print the table
    scripts/accuracy_report.py --record   # write tests/data/external/baseline.json and the tables in docs/accuracy.md

The test crates/quantext-cli/tests/accuracy.rs fails when any figure drops below the baseline, so
figures may only go up. Record only after an improvement (the script refuses to lower a figure).
"""
import json
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, "target", "release", "quantext")
EXTERNAL = os.path.join("tests", "data", "external")
BASELINE = os.path.join(ROOT, EXTERNAL, "baseline.json")
DOC = os.path.join(ROOT, "docs", "accuracy.md")
# Out of scope by design: quantext does not report ordinals by default, and the experimental modes
# of Recognizers-Text read differently on purpose. They are still converted and can be scored.
OUT_OF_SCOPE = {"OrdinalModel", "OrdinalModelSuppressExtendedTypes", "Ordinal",
                "NumberModelExperimentalMode", "NumberRangeModelExperimentalMode"}
METRICS = ["detection", "value", "bounds", "unit", "all"]
PEER_NOTE = {
    "recognizers-text": "Recognizers-Text Python 1.0.2a2 on its own suite: Number 172/211, Currency 126/130, "
                        "Dimension 60/82, Age 17/19, Temperature 32/40, Percent 17/17 (no NumberRange model in Python)",
    "quantulum3": "quantulum3 0.10 on its own suite: 101/101 (quantities.json); 8/20 classifier cases without scikit-learn",
    "duckling": "Duckling: its own corpus (passes by construction)",
}


def files():
    out = []
    for suite in sorted(os.listdir(os.path.join(ROOT, EXTERNAL))):
        d = os.path.join(ROOT, EXTERNAL, suite)
        if not os.path.isdir(d):
            continue
        for name in sorted(os.listdir(d)):
            if name.endswith(".jsonl") and name[:-6] not in OUT_OF_SCOPE:
                out.append(os.path.join(EXTERNAL, suite, name))
    return out


def score():
    out = subprocess.run([BIN, "eval", "--json", *files()], cwd=ROOT, capture_output=True, check=True)
    report = json.loads(out.stdout)
    return {f["path"]: {m: round(f["scores"][m]["f1"], 4) for m in METRICS} for f in report["files"]}


def table(scores):
    lines = []
    for suite in ["recognizers-text", "quantulum3", "duckling"]:
        rows = [(p, s) for p, s in scores.items() if f"/{suite}/" in p]
        if not rows:
            continue
        lines.append(f"### {suite}\n")
        lines.append(f"Peer on its own suite: {PEER_NOTE[suite]}.\n")
        lines.append("| file | " + " | ".join(f"{m} F1" for m in METRICS) + " |")
        lines.append("|---|" + "---:|" * len(METRICS))
        for p, s in rows:
            lines.append(f"| `{os.path.basename(p)}` | " + " | ".join(f"{s[m]:.3f}" for m in METRICS) + " |")
        lines.append("")
    return "\n".join(lines)


def main():
    scores = score()
    print(table(scores))
    if "--record" not in sys.argv:
        return
    if os.path.exists(BASELINE):
        old = json.load(open(BASELINE))
        for p, s in old.items():
            for m, v in s.items():
                if p in scores and scores[p][m] < v:
                    sys.exit(f"refusing to record: {p} {m} fell from {v} to {scores[p][m]}")
    with open(BASELINE, "w") as f:
        json.dump(scores, f, indent=1, sort_keys=True)
        f.write("\n")
    doc = open(DOC).read()
    start, end = "<!-- scores:start -->", "<!-- scores:end -->"
    head, rest = doc.split(start)
    _, tail = rest.split(end)
    open(DOC, "w").write(head + start + "\n" + table(scores) + "\n" + end + tail)


if __name__ == "__main__":
    main()
