#!/usr/bin/env bash
# How fast could any trainer be on this machine? Measures, in one run and on the same data:
#  - PyTorch (bench/torch_peer.py): training samples/s of the MLP 256-1024-512 (ASL) and of the
#    linear model at 1 and 2 threads (1 epoch), and its batch-1 latency (p50/p99, 1 thread);
#  - the GEMM floor of one training step (StepGemmBench: the step's matrix products back to back,
#    nothing else) with OpenBLAS and with fewhot's kernel, at 1 and 2 threads: a trainer that
#    spends no time at all outside those products reaches at most 256 / floor samples/s;
#  - the floor of an fp32 batch-1 forward pass (WeightStreamBench: reading the MLP's 3 MB of
#    weights once, nothing else), at 1 and 2 threads.
# Prints the ceilings as multiples of PyTorch next to the targets of issue 3.
# Needs libopenblas0 and Debian's python3-torch. Data: the compare_torch.py default set.
set -euo pipefail
cd "$(dirname "$0")/.."
d=bench/out/data-50000-10000-s20240601
if [[ ! -f $d/fewhot_train.txt || ! -f $d/fewhot_test.txt ]]; then
  ./fewhot gen --out-dir "$d" --train-rows 50000 --test-rows 10000 --seed 20240601 >&2
fi
mvn -B -q -o -Dstyle.color=never -DskipTests package -pl fewhot-bench -am >&2
jar=fewhot-bench/target/benchmarks.jar
out=$(mktemp -d)
iters="${ITERS:-5}"
for t in 1 2; do
  /usr/bin/python3 bench/torch_peer.py --train $d/fewhot_train.txt --test $d/fewhot_test.txt --loss asl --epochs 1 \
    --threads $t --no-metrics --lat-rows $([[ $t == 1 ]] && echo 2000 || echo 0) --quiet --out "$out/torch-mlp-t$t.json" >/dev/null
  /usr/bin/python3 bench/torch_peer.py --train $d/fewhot_train.txt --loss asl --hidden 0 --epochs 1 \
    --threads $t --no-metrics --lat-rows 0 --quiet --out "$out/torch-linear-t$t.json" >/dev/null
  for impl in openblas fewhot; do
    OPENBLAS_NUM_THREADS=$t java --add-modules jdk.incubator.vector -jar "$jar" 'StepGemmBench' -f 1 -wi 3 -i "$iters" \
      -p impl=$impl -p threads=$t -p model=mlp,linear -rf json -rff "$out/step-$impl-t$t.json" >&2
  done
done
java --add-modules jdk.incubator.vector -jar "$jar" 'WeightStreamBench' -f 1 -wi 3 -i "$iters" -rf json \
  -rff "$out/stream.json" >&2
python3 - "$out" <<'PY'
import json, os, sys
o = sys.argv[1]
torch = {}
for m in ("mlp", "linear"):
    for t in (1, 2):
        torch[m, t] = json.load(open(os.path.join(o, "torch-%s-t%d.json" % (m, t))))
floor = {}
for f in os.listdir(o):
    if f.startswith("step-"):
        for r in json.load(open(os.path.join(o, f))):
            p = r["params"]
            floor[p["model"], p["impl"], int(p["threads"])] = r["primaryMetric"]["score"]  # us per step
print("| model | PyTorch samples/s 1t / 2t | step GEMM floor, OpenBLAS 1t / 2t (us) | fewhot kernel 1t / 2t (us) "
      "| ceiling at best threads / PyTorch best | ceiling at 1 thread / PyTorch 1t | issue 3 target (best / 1t) |")
print("|---|---|---|---|---|---|---|")
for m, tgt in (("mlp", "2x / 1.5x"), ("linear", "3x / -")):
    p1, p2 = torch[m, 1]["train_samples_per_s"], torch[m, 2]["train_samples_per_s"]
    ob1, ob2 = floor[m, "openblas", 1], floor[m, "openblas", 2]
    fw1, fw2 = floor[m, "fewhot", 1], floor[m, "fewhot", 2]
    best_floor = min(ob1, ob2, fw1, fw2)
    ceil_best = 256e6 / best_floor
    ceil_1t = 256e6 / min(ob1, fw1)
    print("| %s | %s / %s | %.0f / %.0f | %.0f / %.0f | %.2fx | %.2fx | %s |" % (
        m, format(int(p1), ","), format(int(p2), ","), ob1, ob2, fw1, fw2, ceil_best / max(p1, p2), ceil_1t / p1, tgt))
lat = torch["mlp", 1]
print()
print("PyTorch batch-1 latency (MLP, 1 thread): p50 %.1f us, p99 %.1f us; issue 3 target: fewhot p99 <= %.1f us"
      % (lat["latency_p50_us"], lat["latency_p99_us"], lat["latency_p99_us"] / 5))
for r in json.load(open(os.path.join(o, "stream.json"))):
    pc = r["primaryMetric"]["scorePercentiles"]
    print("reading the MLP's 3 MB of fp32 weights once, %s thread(s): p50 %.1f us, p99 %.1f us"
          % (r["params"]["threads"], pc["50.0"], pc["99.0"]))
PY
