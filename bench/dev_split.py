#!/usr/bin/env python3
"""Seeded split of a training file into a development train part and a development test part.

Choices of the auto recipe are measured on these parts of the official training files; the
official test files are never used for them.

  dev_split.py IN OUT_TRAIN OUT_TEST [--test-share 0.2] [--seed 0]

ARFF: header kept, data rows shuffled and cut (a Mulan XML beside IN is copied beside each
output as <stem>.xml). XC text (header "N D L"): header rewritten with the new row counts.
"""
import argparse
import random
import shutil
import sys
from pathlib import Path


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("inp")
    ap.add_argument("out_train")
    ap.add_argument("out_test")
    ap.add_argument("--test-share", type=float, default=0.2)
    ap.add_argument("--seed", type=int, default=0)
    a = ap.parse_args()
    src = Path(a.inp)
    lines = src.read_text(encoding="utf-8").splitlines()
    if src.suffix.lower() == ".arff":
        i = next(k for k, l in enumerate(lines) if l.strip().lower().startswith("@data"))
        head, rows = lines[: i + 1], [l for l in lines[i + 1:] if l.strip() and not l.lstrip().startswith("%")]
        fmt = lambda part: head + part
    else:
        n, d, L = lines[0].split()
        rows = [l for l in lines[1:] if l.strip()]
        fmt = lambda part: [f"{len(part)} {d} {L}"] + part
    rnd = random.Random(a.seed)
    order = list(range(len(rows)))
    rnd.shuffle(order)
    nt = round(a.test_share * len(rows))
    test = [rows[k] for k in sorted(order[:nt])]
    train = [rows[k] for k in sorted(order[nt:])]
    for path, part in ((a.out_train, train), (a.out_test, test)):
        Path(path).write_text("\n".join(fmt(part)) + "\n", encoding="utf-8")
        if src.suffix.lower() == ".arff":
            stem = src.name[: -len(".arff")]
            for cand in (src.with_name(stem + ".xml"), src.with_name(stem.rsplit("-", 1)[0] + ".xml")):
                if cand.exists():
                    out = Path(path)
                    shutil.copy(cand, out.with_name(out.name[: -len(".arff")] + ".xml"))
                    break
    print(f"{src.name}: {len(train)} train, {len(test)} test rows (seed {a.seed})", file=sys.stderr)


if __name__ == "__main__":
    main()
