#!/usr/bin/env bash
# GEMM on the trainer's shapes: fewhot's Vector API kernel against OpenBLAS (dev.ludovic.netlib,
# the --blas native back-end), side by side in the same JVM, at 1 and 2 threads, on the machine's
# own ISA and, on an AVX-512 machine, also held to AVX2 (-XX:UseAVX=2 for the JIT, 16 vector
# registers; OPENBLAS_CORETYPE=Haswell for OpenBLAS) to stand for an AVX2-only CPU. Prints the
# machine, then GFLOPS (median of the measured iterations) and the ratio fewhot / OpenBLAS per
# shape. Needs libopenblas0 (apt-get install libopenblas0).
# JMH times one implementation, then the other (about 8 s each); on a host whose speed moves
# from second to second, the interleaved race that bench/speed.sh runs (dev.fewhot.bench.GemmRace)
# gives steadier ratios (docs/benchmarks.md, "Where the Java GEMM's time goes").
# Environment: SHAPES (op:m:n:k,...), ITERS (measured 1 s iterations, default 5), FORKS (JVMs
# per benchmark, default 1), ISAS ("native avx2" on AVX-512 machines, else "native"), THREADS
# ("1 2"), IMPLS (fewhot,openblas; fewhot-6x2 and the like force a register block).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -Dstyle.color=never -DskipTests package -pl fewhot-bench -am >&2
jar=fewhot-bench/target/benchmarks.jar
shapes="${SHAPES:-NN:256:1024:256,NN:256:512:1024,NT:256:1024:512,TN:1024:512:256}"
iters="${ITERS:-5}"
forks="${FORKS:-1}"
impls="${IMPLS:-fewhot,openblas}"
if grep -qw avx512f /proc/cpuinfo 2>/dev/null; then isas="${ISAS:-native avx2}"; else isas="${ISAS:-native}"; fi
cpu=$(lscpu | sed -n 's/^Model name: *//p' | head -1)
echo "CPU: $cpu, $(nproc) cores; ISA runs: $isas; load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
out=$(mktemp -d)
for isa in $isas; do
  jvm="--add-modules jdk.incubator.vector"
  env=()
  if [[ $isa == avx2 ]]; then jvm="$jvm -XX:UseAVX=2"; env=(OPENBLAS_CORETYPE=Haswell); fi
  for t in ${THREADS:-1 2}; do
    # one JMH run per shape, so that fewhot and OpenBLAS on a shape run back to back
    for s in ${shapes//,/ }; do
      env "${env[@]}" OPENBLAS_NUM_THREADS=$t java $jvm -jar "$jar" '\.GemmBench\.' -f "$forks" -wi 3 -i "$iters" \
        -jvmArgsAppend "$jvm" -p impl="$impls" -p threads=$t -p shape="$s" \
        -rf json -rff "$out/$isa-t$t-${s//:/_}.json" >&2
    done
  done
done
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$out" <<'PY'
import json, os, statistics, sys
rows = {}
impls = []
for f in sorted(os.listdir(sys.argv[1])):
    isa = f.split("-t")[0]
    for r in json.load(open(os.path.join(sys.argv[1], f))):
        p = r["params"]
        if "shape" not in p:
            continue
        m = r["secondaryMetrics"].get("gflop", r["primaryMetric"])
        its = [x for fork in m["rawData"] for x in fork]
        if p["impl"] not in impls:
            impls.append(p["impl"])
        rows.setdefault((isa, p["shape"], int(p["threads"])), {})[p["impl"]] = statistics.median(its)
peer = "openblas"
mine = [i for i in impls if i != peer]
print("| ISA | shape | threads | " + " | ".join(f"{i} GFLOPS" for i in mine) + " | OpenBLAS GFLOPS | "
      + " | ".join(f"{i} / OpenBLAS" for i in mine) + " |")
print("|---|---|---|" + "---|" * (2 * len(mine) + 1))
for (isa, shape, t), v in sorted(rows.items(), key=lambda kv: (kv[0][0] != "native", kv[0][2], kv[0][1])):
    o = v.get(peer, float("nan"))
    label = isa if isa != "avx2" else "AVX2 (held)"
    print(f"| {label} | {shape} | {t} | " + " | ".join(f"{v.get(i, float('nan')):.1f}" for i in mine)
          + f" | {o:.1f} | " + " | ".join(f"{v.get(i, float('nan')) / o:.2f}" for i in mine) + " |")
PY
