#!/usr/bin/env bash
# GEMM on the trainer's shapes: fewhot's Vector API kernel against OpenBLAS (dev.ludovic.netlib,
# the --blas native back-end), side by side in the same run, at 1 and 2 threads. Prints GFLOPS
# and the ratio fewhot / OpenBLAS per shape. Needs libopenblas0 (apt-get install libopenblas0).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -Dstyle.color=never -DskipTests package -pl fewhot-bench -am >&2
jar=fewhot-bench/target/benchmarks.jar
shapes="${SHAPES:-NN:256:1024:256,NN:256:512:1024,NT:256:1024:512,TN:1024:512:256}"
iters="${ITERS:-5}"
out=$(mktemp -d)
for t in 1 2; do
  OPENBLAS_NUM_THREADS=$t java --add-modules jdk.incubator.vector -jar "$jar" 'GemmBench' -f 1 -wi 3 -i "$iters" \
    -p impl=fewhot,openblas -p threads=$t -p shape="$shapes" -rf json -rff "$out/t$t.json" >&2
done
python3 - "$out" <<'PY'
import json, sys, os
rows = {}
for f in sorted(os.listdir(sys.argv[1])):
    for r in json.load(open(os.path.join(sys.argv[1], f))):
        p = r["params"]
        g = r["secondaryMetrics"].get("gflop", r["primaryMetric"])["score"]
        rows.setdefault((p["shape"], int(p["threads"])), {})[p["impl"]] = g
print("| shape | threads | fewhot GFLOPS | OpenBLAS GFLOPS | fewhot / OpenBLAS |")
print("|---|---|---|---|---|")
for (shape, t), v in sorted(rows.items()):
    f, o = v.get("fewhot", float("nan")), v.get("openblas", float("nan"))
    print(f"| {shape} | {t} | {f:.1f} | {o:.1f} | {f/o:.2f} |")
PY
