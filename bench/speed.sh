#!/usr/bin/env bash
# One command, one run, one table: how fast is fewhot on this machine, next to PyTorch and OpenBLAS.
# Prints the machine (CPU model, ISA, vector width, cores, JVM), then from one run:
#  - training samples/s (whole run, 2 epochs, batch 256, Adam) of the ASL MLP 256-1024-512, the BCE
#    MLP and the linear ASL model: PyTorch (bench/torch_peer.py) and fewhot with --blas java,
#    --blas native and the default (--blas auto, which times both before training: its choices are
#    kept in a folder of this run's own, so every run times them anew), each at 1 and 2 threads;
#  - the step's GEMM-only ceiling: one training step's matrix products alone with OpenBLAS
#    (StepGemmBench), as samples/s: no trainer built on OpenBLAS can beat it;
#  - GEMM on the trainer's shapes, fewhot against OpenBLAS, interleaved in one JVM (GemmRace);
#  - batch-1 latency (p50/p99, 1 thread) of the MLP in both tools, and in fewhot with int8 weights
#    (--quantize int8): 5,000 timed calls after 5,000 untimed ones in each tool (after 500, the JIT
#    had not finished compiling the int8 path: its p90 stood at twice its p50).
# ISA=avx2 on an AVX-512 machine holds everything to AVX2: -XX:UseAVX=2 for the JVM (16 vector
# registers, 256-bit vectors), OPENBLAS_CORETYPE=Haswell, ATEN_CPU_CAPABILITY=avx2 for PyTorch.
# Needs libopenblas0 and Debian's python3-torch. EPOCHS (default 2) changes the training length.
# Results are only comparable within one run: on a shared machine, note the load and the
# hypervisor steal it prints.
set -euo pipefail
cd "$(dirname "$0")/.."
epochs="${EPOCHS:-2}"
d=bench/out/data-50000-10000-s20240601
out=$(mktemp -d)
source bench/isa.sh
if [[ ! -f $d/fewhot_train.txt || ! -f $d/fewhot_test.txt ]]; then
  ./fewhot gen --out-dir "$d" --train-rows 50000 --test-rows 10000 --seed 20240601 >&2
fi
mvn -B -q -Dstyle.color=never -DskipTests package -pl fewhot-bench -am >&2
jar=fewhot-bench/target/benchmarks.jar
# the JVM the launcher picks (it prints "fewhot: running on Java N (home), ..." on stderr when that
# is not the PATH's)
jhome=$(./fewhot --version 2>&1 >/dev/null | sed -n 's/^fewhot: running on Java [0-9]* (\([^)]*\)).*/\1/p' | head -1)
java="${jhome:+$jhome/bin/}java"
if [ -n "${JAVA_HOME:-}" ]; then java="$JAVA_HOME/bin/java"; fi
jvm=(--add-modules jdk.incubator.vector $jvm_isa)

cpu=$(lscpu | sed -n 's/^Model name: *//p' | head -1)
flags=$(grep -m1 -o -w 'avx512f\|avx2\|asimd\|sve' /proc/cpuinfo | sort -u | tr '\n' ' ' || true)
kernel=$("$java" "${jvm[@]}" -cp "$jar" dev.fewhot.bench.GemmRace --describe 2>/dev/null)
echo "## $cpu, $(nproc) cores (CPU flags: ${flags:-?}${jvm_isa:+; held to AVX2 by ISA=avx2})"
echo
echo "Kernel: $kernel. OpenBLAS: system libopenblas${isa_env:+ (OPENBLAS_CORETYPE=Haswell)}. PyTorch: $(/usr/bin/python3 -c 'import torch; print(torch.__version__)')."
# hypervisor steal over the whole run (the share of CPU time given to other guests): on a virtual
# machine a run with 20% steal ran at half speed with 2 threads, whatever the tools did
cpu_times() { awk '/^cpu /{print $9, $2+$3+$4+$5+$6+$7+$8+$9}' /proc/stat; }
steal_start=$(cpu_times)
echo "Load average at start: $(cut -d' ' -f1-3 /proc/loadavg)."
echo

log() { echo "speed: $*" >&2; }
models=("mlp-asl 1024 asl" "mlp-bce 1024 bce" "linear-asl 0 asl")
for t in 1 2; do
  for spec in "${models[@]}"; do
    read -r name hidden loss <<<"$spec"
    lat=0; [[ $t == 1 && $name == mlp-asl ]] && lat=5000
    prior=(); [[ $loss != asl ]] && prior=(--prior-bias-init)
    log "PyTorch $name, $t thread(s)"
    env "${isa_env[@]}" /usr/bin/python3 bench/torch_peer.py --train $d/fewhot_train.txt --test $d/fewhot_test.txt \
      --loss $loss --hidden $hidden --epochs "$epochs" --threads $t --no-metrics --lat-rows $lat --lat-warmup 5000 --quiet "${prior[@]}" \
      --out "$out/torch-$name-t$t.json" >/dev/null
    for blas in java native auto; do
      log "fewhot $name --blas $blas, $t thread(s)"
      env "${isa_env[@]}" OPENBLAS_NUM_THREADS=$t FEWHOT_JAVA_OPTS="$jvm_isa -Dfewhot.cache.dir=$out/cache" ./fewhot train \
        --train $d/fewhot_train.txt \
        --model "$out/$name-$blas-t$t.fewhot" --hidden $hidden --loss $loss --epochs "$epochs" --batch 256 --lr 1e-3 \
        --threads $t --blas $blas --seed 0 --json 2>"$out/fewhot-$name-$blas-t$t.err" | grep '^{' > "$out/fewhot-$name-$blas-t$t.json"
    done
  done
  log "step GEMM ceiling, OpenBLAS, $t thread(s)"
  env "${isa_env[@]}" OPENBLAS_NUM_THREADS=$t "$java" -jar "$jar" 'StepGemmBench' -f 1 -wi 3 -w 1 -i 4 -r 1 \
    -jvmArgsAppend "${jvm[*]}" -p impl=openblas -p threads=$t -p model=mlp,linear -rf json -rff "$out/step-t$t.json" >/dev/null 2>&1
  log "GEMM per trainer shape, $t thread(s)"
  env "${isa_env[@]}" OPENBLAS_NUM_THREADS=$t "$java" "${jvm[@]}" -cp "$jar" dev.fewhot.bench.GemmRace --threads $t \
    --rounds 10 fewhot openblas 2>/dev/null > "$out/race-t$t.txt"
done
log "fewhot batch-1 latency"
env "${isa_env[@]}" FEWHOT_JAVA_OPTS="$jvm_isa" ./fewhot bench-latency --model "$out/mlp-asl-java-t1.fewhot" \
  --data $d/fewhot_test.txt --rows 5000 --warmup 5000 --threads 1 --json 2>"$out/fewhot-latency.err" | grep '^{' > "$out/fewhot-latency.json"
log "fewhot batch-1 latency, --quantize int8"
env "${isa_env[@]}" FEWHOT_JAVA_OPTS="$jvm_isa" ./fewhot bench-latency --model "$out/mlp-asl-java-t1.fewhot" \
  --data $d/fewhot_test.txt --rows 5000 --warmup 5000 --threads 1 --quantize int8 --json 2>"$out/fewhot-latency-int8.err" \
  | grep '^{' > "$out/fewhot-latency-int8.json"
echo "Load average at end: $(cut -d' ' -f1-3 /proc/loadavg)."
echo "Hypervisor steal during the run: $(echo "$steal_start $(cpu_times)" | awk '{printf "%.1f", 100 * ($3 - $1) / ($4 - $2)}')% of CPU time (0 on a quiet or bare machine)."
echo
python3 - "$out" <<'PY'
import json, os, re, sys
o = sys.argv[1]
def j(name):
    with open(os.path.join(o, name)) as f:
        return json.load(f)
def fmt(x):
    return format(int(round(x)), ",")
step = {}
for t in (1, 2):
    for r in j("step-t%d.json" % t):
        step[r["params"]["model"], t] = r["primaryMetric"]["score"]  # microseconds per step
print("| model (batch 256, Adam) | PyTorch 1t | PyTorch 2t | fewhot java 1t | java 2t | fewhot native 1t | native 2t "
      "| fewhot default (auto) 1t / 2t, chose | step GEMM ceiling, OpenBLAS 1t / 2t | fewhot best / PyTorch best "
      "| default best / PyTorch best |")
print("|---|---|---|---|---|---|---|---|---|---|---|")
for name, label, ceil in (("mlp-asl", "MLP 256-1024-512, ASL", "mlp"), ("mlp-bce", "MLP 256-1024-512, BCE", "mlp"),
                          ("linear-asl", "linear 256-512, ASL", "linear")):
    pt = [j("torch-%s-t%d.json" % (name, t))["train_samples_per_s"] for t in (1, 2)]
    fj = [j("fewhot-%s-java-t%d.json" % (name, t))["train_samples_per_s"] for t in (1, 2)]
    fn = [j("fewhot-%s-native-t%d.json" % (name, t))["train_samples_per_s"] for t in (1, 2)]
    au = [j("fewhot-%s-auto-t%d.json" % (name, t)) for t in (1, 2)]
    fa = [a["train_samples_per_s"] for a in au]
    chose = " / ".join(a["blas"] for a in au)
    c = [256e6 / step[ceil, t] for t in (1, 2)]
    print("| %s | %s | %s | %s | %s | %s | %s | %s / %s, %s | %s / %s | %.2fx | %.2fx |" % (
        label, fmt(pt[0]), fmt(pt[1]), fmt(fj[0]), fmt(fj[1]), fmt(fn[0]), fmt(fn[1]), fmt(fa[0]), fmt(fa[1]), chose,
        fmt(c[0]), fmt(c[1]), max(fj + fn + fa) / max(pt), max(fa) / max(pt)))
print()
print("Samples/s over the whole training (2 epochs by default, the JIT's warm-up included for fewhot; the")
print("default's one timing of both back-ends runs before the training and is not counted); the ceiling is")
print("256 rows / (one step's matrix products alone with OpenBLAS).")
print()
print("GEMM, interleaved in one JVM, median of 10 rounds (1 thread: per CPU-second of the thread, which time")
print("slices lost to other processes do not count; 2 threads: wall clock):")
print()
print("| GEMM shape (op:m:n:k) | threads | fewhot GFLOPS | OpenBLAS GFLOPS | fewhot / OpenBLAS |")
print("|---|---|---|---|---|")
for t in (1, 2):
    rows = {}
    for line in open(os.path.join(o, "race-t%d.txt" % t)):
        # at 1 thread the rate per CPU-second of the thread (time slices lost to other processes
        # do not count); at 2 threads the wall-clock rate
        m = re.match(r"(\S+)\s+(\S+)\s+threads \d+\s+median\s+([\d.]+)", line)
        cpu = re.search(r"cpu: median\s+([\d.]+)", line)
        if m:
            rows.setdefault(m.group(1), {})[m.group(2)] = float(cpu.group(1) if cpu else m.group(3))
    for shape, v in rows.items():
        print("| %s | %d | %.1f | %.1f | %.2f |" % (shape, t, v["fewhot"], v["openblas"], v["fewhot"] / v["openblas"]))
print()
tl, fl, ql = j("torch-mlp-asl-t1.json"), j("fewhot-latency.json"), j("fewhot-latency-int8.json")
print("Batch-1 latency of the MLP, 1 thread: PyTorch p50 %.0f us, p99 %.0f us; fewhot p50 %.0f us, p99 %.0f us "
      "(p99 ratio %.2f); fewhot --quantize int8 p50 %.0f us, p99 %.0f us (p99 ratio %.2f)." % (
          tl["latency_p50_us"], tl["latency_p99_us"], fl["p50_us"], fl["p99_us"], fl["p99_us"] / tl["latency_p99_us"],
          ql["p50_us"], ql["p99_us"], ql["p99_us"] / tl["latency_p99_us"]))
PY
