#!/usr/bin/python3
"""Can a published P@1 have come from one evaluation on the official test file?

P@1 on n test rows is k/n for a whole k. A figure published to three decimals can only come from
one evaluation on a file of n rows if some k/n rounds to it. For each Mulan set of the defaults
suite this prints the test file's rows, whether RF-PCT's published P@1 (1 - one-error,
Bogatinovski et al. 2022) is such a fraction of them, and the same for the test-set sizes that the
authors' data-set table gives (`dataSetBasicProperties.csv` in their repository
bogatinovskijasmin/Multi-label-Classification-Comprehensive-Study, second count column).

With --forest SEEDS it also grows, on each official training file, a forest of RF-PCT's kind
(scikit-learn's RandomForestRegressor on the label vectors: 100 trees, bootstrap, sqrt(features)
a split, leaves of one row) once a seed, and prints its mean test P@1 and its micro-F1 with a label
predicted where the trees' mean is at least 0.5, and at the global threshold with the best
micro-F1 on the out-of-bag scores of the training file: what such a forest scores on these very
files. A diagnostic; nothing is chosen from it.

  published_check.py [--data ../shared/data] [--forest 10] [--sets emotions,flags] [--max-cells N]
"""
import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import numpy as np

# set: (folder, file stem, RF-PCT P@1, RF-PCT micro-F1, test rows in the authors' data-set table)
PUBLISHED = {
    "emotions": ("emotions", "emotions", 0.770, 0.719, 270),
    "scene": ("scene", "scene", 0.781, 0.762, 960),
    "yeast": ("yeast", "yeast", 0.768, 0.682, 967),
    "tmc2007-500": ("tmc2007", "tmc2007-500", 0.831, 0.754, 11462),
    "bibtex": ("bibtex", "bibtex", 0.564, 0.449, 2990),
    "birds": ("birds", "birds", 0.286, 0.548, 290),
    "genbase": ("genbase", "genbase", 1.000, 0.979, 292),
    "flags": ("flags", "flags", 0.873, 0.777, 110),
}


def fractions(p, n):
    """The k with round(k / n, 3) == p."""
    return [k for k in range(n + 1) if abs(round(k / n, 3) - p) < 1e-9]


def show(ks, n):
    if not ks:
        return "no"
    return "yes (%s)" % ", ".join("%d/%d" % (k, n) for k in ks[:2])


def micro_f1(P, Yb, t):
    pred = P >= t
    return 2 * float((pred & Yb).sum()) / max(1.0, float(pred.sum() + Yb.sum()))


def forest_scores(Xtr, Ytr, Xte, Yte, seeds):
    """Mean test P@1, its range, micro-F1 at 0.5 and at the threshold best on the out-of-bag scores."""
    from sklearn.ensemble import RandomForestRegressor
    p1, mf, mf_oob = [], [], []
    Yb, Ytrb = Yte > 0, Ytr > 0
    grid = np.linspace(0.05, 0.95, 19)
    for s in range(seeds):
        f = RandomForestRegressor(n_estimators=100, max_features="sqrt", min_samples_leaf=1, bootstrap=True,
                                  oob_score=True, n_jobs=2, random_state=s).fit(Xtr, Ytr)
        P, oob = f.predict(Xte), f.oob_prediction_
        top = P.argmax(axis=1)
        p1.append(float(Yb[np.arange(len(P)), top].mean()))
        mf.append(micro_f1(P, Yb, 0.5))
        t = max(grid, key=lambda g: micro_f1(oob, Ytrb, g))
        mf_oob.append(micro_f1(P, Yb, t))
    return float(np.mean(p1)), min(p1), max(p1), float(np.mean(mf)), float(np.mean(mf_oob))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument("--data", default=os.path.join(here, "..", "..", "shared", "data"))
    ap.add_argument("--forest", type=int, default=0, metavar="SEEDS")
    ap.add_argument("--sets", default=",".join(PUBLISHED), help="comma-separated sets (default: all)")
    ap.add_argument("--max-cells", type=int, default=200_000,
                    help="grow the forest only where training rows x labels is at most this")
    args = ap.parse_args()
    from suite_peer import load_pair
    head = "| set | RF-PCT P@1 | official test rows | k/n there | authors' test rows | k/n there |"
    if args.forest:
        head += " forest of RF-PCT's kind on the official files: P@1 (range) | its micro-F1 at 0.5 / at the out-of-bag threshold |"
    print(head)
    print("|" + "---|" * (head.count("|") - 1))
    for name in args.sets.split(","):
        folder, stem, p1, mf, theirs = PUBLISHED[name]
        base = os.path.join(args.data, folder, stem)
        Xtr, Ytr, Xte, Yte = load_pair(base + "-train.arff", base + "-test.arff")
        n = len(Yte)
        row = "| %s | %.3f | %d | %s | %d | %s |" % (name, p1, n, show(fractions(p1, n), n), theirs,
                                                     show(fractions(p1, theirs), theirs))
        if args.forest:
            if len(Ytr) * Ytr.shape[1] > args.max_cells:
                row += " (not grown: large) | |"
            else:
                m1, lo, hi, f05, foob = forest_scores(Xtr, Ytr, Xte, Yte, args.forest)
                row += " %.3f (%.3f-%.3f) | %.3f / %.3f |" % (m1, lo, hi, f05, foob)
        print(row, flush=True)


if __name__ == "__main__":
    main()
