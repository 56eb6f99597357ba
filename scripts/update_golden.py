#!/usr/bin/env python3
"""Create or refresh the golden files under tests/golden/.

Each golden file is JSON Lines, one document per line, in the evaluation format:
    {"source": "...", "text": "...", "quantities": [<full Quantity JSON, byte offsets>]}

    scripts/update_golden.py --init-seeds ../shared/seeds   # first creation: quote sentences with numbers
    scripts/update_golden.py --init-examples                # one document per examples/*.txt paragraph
    scripts/update_golden.py                                # re-extract every document (then review `git diff`!)

The expected quantities are what `quantext extract` returns *after review by hand*: a refresh is a
proposal, to be read line by line in `git diff tests/golden` before it is committed.
"""
import json
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GOLDEN = os.path.join(ROOT, "tests", "golden")
BIN = os.path.join(ROOT, "target", "release", "quantext")


def extract(texts):
    """Runs the CLI once over all texts (one per line) and groups the results."""
    for t in texts:
        assert "\n" not in t, "golden documents are single lines"
    data = "\n".join(texts) + "\n"
    out = subprocess.run([BIN, "extract", "--lines"], input=data.encode(), capture_output=True, check=True)
    grouped = [[] for _ in texts]
    for line in out.stdout.decode().splitlines():
        q = json.loads(line)
        n = q.pop("line")
        q.pop("source")
        grouped[n - 1].append(q)
    return grouped


def write(path, docs):
    with open(path, "w", encoding="utf-8") as f:
        for d in docs:
            f.write(json.dumps(d, ensure_ascii=False) + "\n")


def sentences(paragraph):
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+(?=[A-Z“\"])", paragraph) if s.strip()]


NUMBERISH = re.compile(
    r"\d|\b(one|two|three|four|five|six|seven|eight|nine|ten|dozen|hundreds?|thousands?|millions?|billions?|half|double|twice|few|several)\b",
    re.I,
)


def init_seeds(shared_seeds):
    docs = []
    for name in sorted(os.listdir(shared_seeds)):
        text = open(os.path.join(shared_seeds, name), encoding="utf-8").read()
        n = 0
        for para in text.split("\n"):
            for s in sentences(para.replace("\t", " ")):
                if NUMBERISH.search(s):
                    n += 1
                    docs.append({"source": f"seeds/{name}#{n}", "text": s, "quantities": []})
    return docs


def init_examples():
    docs = []
    ex = os.path.join(ROOT, "examples")
    for name in sorted(os.listdir(ex)):
        if not name.endswith(".txt"):
            continue
        text = open(os.path.join(ex, name), encoding="utf-8").read()
        for i, para in enumerate(p for p in text.split("\n") if p.strip()):
            docs.append({"source": f"examples/{name}#{i + 1}", "text": para.replace("\t", " "), "quantities": []})
    return docs


def refresh(path, docs):
    results = extract([d["text"] for d in docs])
    for d, qs in zip(docs, results):
        d["quantities"] = qs
    write(path, docs)


def main(argv):
    os.makedirs(GOLDEN, exist_ok=True)
    if "--init-seeds" in argv:
        refresh(os.path.join(GOLDEN, "seeds.jsonl"), init_seeds(argv[argv.index("--init-seeds") + 1]))
    if "--init-examples" in argv:
        refresh(os.path.join(GOLDEN, "examples.jsonl"), init_examples())
    if len(argv) == 1:
        for name in sorted(os.listdir(GOLDEN)):
            if name.endswith(".jsonl"):
                path = os.path.join(GOLDEN, name)
                docs = [json.loads(l) for l in open(path, encoding="utf-8") if l.strip()]
                refresh(path, docs)


if __name__ == "__main__":
    main(sys.argv)
