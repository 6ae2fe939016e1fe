#!/usr/bin/env python3
"""The peer of fewhot's forest for bench/forest_vs_sklearn.sh, fitted N times on the training file
with the same settings, on the label vectors; prints one line: rows features labels threads
first-fit best-fit test-rows/s test-P@1.
  breiman: scikit-learn's RandomForestRegressor, 300 trees, bootstrap, sqrt(features) a split,
    leaves of one row, out-of-bag scores.
  extra-trees: ExtraTreesRegressor, five forests of 100 trees, forest k on the rows outside fold k
    of five, each fold's rows scored by its forest (the held-out scores), sqrt(features) a split,
    leaves of one row; the test rows scored by all five.
Usage: forest_peer.py TRAIN TEST THREADS [passes [breiman|extra-trees]]"""
import os, sys, time
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import numpy as np
from sklearn.ensemble import ExtraTreesRegressor, RandomForestRegressor
from sklearn.model_selection import KFold
from suite_peer import load_pair

train, test, threads = sys.argv[1], sys.argv[2], int(sys.argv[3])
passes = int(sys.argv[4]) if len(sys.argv) > 4 else 3
kind = sys.argv[5] if len(sys.argv) > 5 else "breiman"


class FoldForests:
    """Five extra-trees forests on five folds' complements, with each row's held-out scores."""

    def __init__(self, seed):
        self.seed = seed

    def fit(self, X, Y):
        self.parts, self.held_out = [], np.zeros(Y.shape)
        for k, (tr, te) in enumerate(KFold(5, shuffle=True, random_state=self.seed).split(X)):
            f = ExtraTreesRegressor(n_estimators=100, max_features="sqrt", min_samples_leaf=1, bootstrap=False,
                                    n_jobs=threads, random_state=self.seed * 5 + k).fit(X[tr], Y[tr])
            self.held_out[te] = f.predict(X[te])
            self.parts.append(f)
        return self

    def predict(self, X):
        return sum(f.predict(X) for f in self.parts) / len(self.parts)


Xtr, Ytr, Xte, Yte = load_pair(train, test)
first, best = 0.0, float("inf")
for p in range(passes):
    t0 = time.perf_counter()
    if kind == "extra-trees":
        f = FoldForests(p).fit(Xtr, Ytr)
    else:
        f = RandomForestRegressor(n_estimators=300, max_features="sqrt", min_samples_leaf=1, bootstrap=True,
                                  oob_score=True, n_jobs=threads, random_state=p).fit(Xtr, Ytr)
    s = time.perf_counter() - t0
    first = s if p == 0 else first
    best = min(best, s)
score_best = float("inf")
for p in range(passes):
    t0 = time.perf_counter()
    P = f.predict(Xte)
    score_best = min(score_best, time.perf_counter() - t0)
p1 = float((Yte[np.arange(len(P)), P.argmax(1)] > 0).mean())
print(f"{Xtr.shape[0]} {Xtr.shape[1]} {Ytr.shape[1]} {threads} {first:.3f} {best:.3f} {len(P) / score_best:.0f} {p1:.4f}")
