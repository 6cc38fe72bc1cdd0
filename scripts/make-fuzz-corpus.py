#!/usr/bin/env python3
"""Builds accel-fuzz's seed corpus from the lit tests.

Each `// -----` chunk of every .mlir under test/ (and examples/) becomes one
seed file, with RUN/CHECK comment lines dropped. Usage:
    make-fuzz-corpus.py OUT_DIR
"""
import hashlib
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent


def chunks(text):
    for chunk in re.split(r"^// -----\s*$", text, flags=re.M):
        lines = [l for l in chunk.splitlines() if not re.match(r"\s*//", l)]
        body = "\n".join(lines).strip()
        if body:
            yield body + "\n"


def main():
    out = pathlib.Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    count = 0
    for src in sorted(list(ROOT.glob("test/**/*.mlir")) + list(ROOT.glob("examples/**/*.mlir"))):
        for body in chunks(src.read_text()):
            name = hashlib.sha1(body.encode()).hexdigest()[:16]
            (out / name).write_text(body)
            count += 1
    print(f"make-fuzz-corpus: {count} seeds in {out}")


if __name__ == "__main__":
    main()
