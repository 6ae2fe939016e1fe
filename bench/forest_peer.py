#!/usr/bin/env python3
"""The peer of fewhot's forest for bench/forest_vs_sklearn.sh: scikit-learn's
RandomForestRegressor on the label vectors with the same settings (300 trees, bootstrap,
sqrt(features) a split, leaves of one row, out-of-bag scores), fitted N times on the training
file; prints one line: rows features labels threads first-fit best-fit test-rows/s test-P@1.
Usage: forest_peer.py TRAIN TEST THREADS [passes]"""
import os, sys, time
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import numpy as np
from sklearn.ensemble import RandomForestRegressor
from suite_peer import load_pair

train, test, threads = sys.argv[1], sys.argv[2], int(sys.argv[3])
passes = int(sys.argv[4]) if len(sys.argv) > 4 else 3
Xtr, Ytr, Xte, Yte = load_pair(train, test)
first, best = 0.0, float("inf")
for p in range(passes):
    t0 = time.perf_counter()
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
