#!/usr/bin/env python3
"""Rebuild bench/corpus/whitehouse-3mb.txt from ../shared/corpus/articles.jsonl (deterministic).

Selection: every 4th article in file order (index 0, 4, 8, ...), texts joined by one blank line,
stopping before the output would exceed 3,000,000 bytes. The articles are read whole; no text is
repeated.

Usage: python3 bench/make_corpus.py [path/to/articles.jsonl]
"""
import json
import pathlib
import sys

LIMIT = 3_000_000
here = pathlib.Path(__file__).resolve().parent
src = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else here.parent.parent / "shared" / "corpus" / "articles.jsonl"
if not src.exists():
    src = pathlib.Path("/work/shared/corpus/articles.jsonl")
out = here / "corpus" / "whitehouse-3mb.txt"

parts, size, ids = [], 0, []
with open(src, encoding="utf-8") as f:
    for i, line in enumerate(f):
        if i % 5:
            continue
        art = json.loads(line)
        text = art["text"].strip()
        add = len(text.encode("utf-8")) + (2 if parts else 0)
        if size + add > LIMIT:
            break
        parts.append(text)
        ids.append(art["id"])
        size += add
out.write_text("\n\n".join(parts) + "\n", encoding="utf-8")
print(f"{out}: {len(parts)} articles, {out.stat().st_size} bytes, {ids[0]} .. {ids[-1]}")
