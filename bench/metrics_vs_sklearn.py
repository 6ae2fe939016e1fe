#!/usr/bin/python3
"""Time fewhot's Report.compute against scikit-learn (+ pyxclib-style top-k) on the same arrays.

fewhot-bench's MetricsTiming generates a few-hot score matrix (default 100,000 x 512, ~5 positives
per row, seed 42), times Report.compute (2 warm-up calls, then REPEATS timed calls, median) and writes
the arrays; this script then times the same measures with scikit-learn 1.2.1 (Debian's
python3-sklearn) on those float32 scores, one call each, and prints both times, the ratio, and the
largest difference between the values (a cross-check on a large input).

Usage (from the repository root):
    bench/metrics_vs_sklearn.py [--rows 100000] [--labels 512] [--seed 42] [--repeats 5] [--no-build]

Takes several minutes: scikit-learn's macro AUC and AP alone took over 2 minutes each on the
2-core machine (first run: fewhot 0.68 s, scikit-learn 441 s).

The top-k measures use ../shared/bench/ref_metrics.py (numpy re-implementation of pyxclib), found
next to the repository or with --ref-dir.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rows", type=int, default=100000)
    ap.add_argument("--labels", type=int, default=512)
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--no-build", action="store_true", help="use the existing fewhot-bench/target/benchmarks.jar")
    ap.add_argument("--ref-dir", default=os.path.join(ROOT, "..", "shared", "bench"))
    args = ap.parse_args()

    jar = os.path.join(ROOT, "fewhot-bench", "target", "benchmarks.jar")
    if not args.no_build:
        subprocess.run(["mvn", "-B", "-q", "-Dstyle.color=never", "-DskipTests", "package", "-pl", "fewhot-bench"],
                       cwd=ROOT, check=True, stdout=sys.stderr)
    out = tempfile.mkdtemp(prefix="fewhot-metrics-")
    cmd = ["java", "--add-modules", "jdk.incubator.vector", "-Xmx6g", "-cp", jar, "dev.fewhot.bench.MetricsTiming",
           str(args.rows), str(args.labels), str(args.seed), str(args.repeats), out]
    print("$ " + " ".join(cmd), file=sys.stderr)
    res = subprocess.run(cmd, check=True, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    fw = json.loads(res.stdout)

    sys.path.insert(0, os.path.abspath(args.ref_dir))
    import ref_metrics as ref  # noqa: E402
    from sklearn import metrics as skm  # noqa: E402
    import sklearn  # noqa: E402

    n, L = args.rows, args.labels
    S = np.fromfile(os.path.join(out, "scores.f32"), dtype="<f4").reshape(n, L)
    Y = np.fromfile(os.path.join(out, "labels.u8"), dtype=np.uint8).reshape(n, L).astype(np.int64)
    counts = np.fromfile(os.path.join(out, "train_counts.i32"), dtype="<i4")
    w = ref.inv_propensity(counts, n)
    S64 = S.astype(np.float64)

    times = {}
    vals = {}

    def timed(name, f):
        t0 = time.perf_counter()
        v = f()
        times[name] = time.perf_counter() - t0
        return v

    import warnings
    warnings.simplefilter("ignore")
    t_all = time.perf_counter()
    P = timed("threshold", lambda: (S64 >= 0.5).astype(np.int64))
    for avg in ("micro", "macro", "samples", "weighted"):
        vals[avg + "_f1"] = timed("f1_" + avg, lambda: skm.f1_score(Y, P, average=avg, zero_division=0))
    for avg in ("micro", "macro"):
        vals[avg + "_precision"] = timed("precision_" + avg, lambda: skm.precision_score(Y, P, average=avg, zero_division=0))
        vals[avg + "_recall"] = timed("recall_" + avg, lambda: skm.recall_score(Y, P, average=avg, zero_division=0))
    vals["hamming_loss"] = timed("hamming_loss", lambda: skm.hamming_loss(Y, P))
    vals["subset_accuracy"] = timed("subset_accuracy", lambda: skm.accuracy_score(Y, P))
    haspos = Y.sum(axis=0) > 0
    vals["map_macro"] = timed("ap_macro_defined", lambda: skm.average_precision_score(Y[:, haspos], S64[:, haspos], average="macro"))
    vals["map_micro"] = timed("ap_micro", lambda: skm.average_precision_score(Y, S64, average="micro"))
    two = haspos & (Y.sum(axis=0) < n)
    vals["auc_macro"] = timed("auc_macro", lambda: skm.roc_auc_score(Y[:, two], S64[:, two], average="macro"))
    vals["auc_micro"] = timed("auc_micro", lambda: skm.roc_auc_score(Y, S64, average="micro"))
    vals["lrap"] = timed("lrap", lambda: skm.label_ranking_average_precision_score(Y, S64))
    vals["coverage"] = timed("coverage", lambda: skm.coverage_error(Y, S64))
    vals["ranking_loss"] = timed("ranking_loss", lambda: skm.label_ranking_loss(Y, S64))
    for k in (1, 3, 5):
        vals["p@%d" % k] = timed("p@%d" % k, lambda: ref.precision_at_k(S64, Y, k))
        vals["ndcg@%d" % k] = timed("ndcg@%d" % k, lambda: ref.ndcg_at_k(S64, Y, k))
        vals["psp@%d" % k] = timed("psp@%d" % k, lambda: ref.psp_at_k(S64, Y, w, k))
        vals["psndcg@%d" % k] = timed("psndcg@%d" % k, lambda: ref.psndcg_at_k(S64, Y, w, k))
    py_total = time.perf_counter() - t_all

    rep = fw["report"]
    worst = max(vals, key=lambda k: abs(vals[k] - rep[k]))
    print("sklearn %s, %d x %d, %d positives, %d cores" % (sklearn.__version__, n, L, int(Y.sum()), os.cpu_count()))
    print("| measure | fewhot | scikit-learn / numpy | |diff| |")
    print("|---|---|---|---|")
    for k in vals:
        print("| %s | %.12g | %.12g | %.1e |" % (k, rep[k], vals[k], abs(vals[k] - rep[k])))
    print()
    print("slowest scikit-learn measures: " + ", ".join("%s %.2fs" % (k, v) for k, v in
                                                         sorted(times.items(), key=lambda kv: -kv[1])[:6]))
    fsec = fw["median_seconds"]
    print("fewhot Report.compute (all %d measures + extras), median of %d: %.3f s (runs: %s)"
          % (len(rep), args.repeats, fsec, ", ".join("%.3f" % s for s in fw["seconds"])))
    print("scikit-learn + numpy top-k, the same %d measures, one run: %.2f s" % (len(vals), py_total))
    print("ratio scikit-learn / fewhot: %.1fx   (largest |diff| %.1e on %s)" % (py_total / fsec, abs(vals[worst] - rep[worst]), worst))


if __name__ == "__main__":
    main()
