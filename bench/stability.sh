#!/usr/bin/env bash
# Run-to-run stability: the same training command in RUNS (default 5) separate JVMs, one after
# another; prints each run's whole-run samples/s and the slowest against the fastest.
# Default command: the ASL MLP 256-1024-512 on the 50,000-row benchmark set, 2 epochs, batch 256,
# Adam, --threads 2 (THREADS=1 for one; as bench/speed.sh). Extra arguments are passed to `fewhot train`
# (e.g. --blas native). Quiet machine only: the load average is printed, and each run's steal
# time (the share of CPU time the hypervisor gave to other guests, from /proc/stat): on a virtual
# machine a run with 20% steal ran at half speed with 2 threads, whatever the JVM did.
# ISA=avx2 holds the JIT to AVX2 and OpenBLAS to its Haswell kernels (bench/isa.sh, as for
# bench/speed.sh): the default back-end may train on either, and with the JIT alone held it took
# OpenBLAS's AVX-512 kernels.
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${RUNS:-5}"
d=bench/out/data-50000-10000-s20240601
if [[ ! -f $d/fewhot_train.txt ]]; then
  ./fewhot gen --out-dir "$d" --train-rows 50000 --test-rows 10000 --seed 20240601 >&2
fi
out=$(mktemp -d)
source bench/isa.sh
isa_note=""
if [[ -n $jvm_isa ]]; then
  export "${isa_env[@]}"
  export FEWHOT_JAVA_OPTS="$jvm_isa${FEWHOT_JAVA_OPTS:+ $FEWHOT_JAVA_OPTS}"
  isa_note=" (held to AVX2 by ISA=avx2)"
fi
echo "## $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(nproc) cores$isa_note; load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
rates=()
steals=()
cpu_times() { awk '/^cpu /{print $9, $2+$3+$4+$5+$6+$7+$8+$9}' /proc/stat; }
for i in $(seq 1 "$runs"); do
  before=$(cpu_times)
  ./fewhot train --train $d/fewhot_train.txt --model "$out/m$i.fewhot" --hidden 1024 --loss asl --epochs 2 --batch 256 \
    --lr 1e-3 --threads "${THREADS:-2}" --seed 0 --json "$@" 2>/dev/null | grep '^{' > "$out/r$i.json"
  r=$(/usr/bin/python3 -c "import json; print('%.0f' % json.load(open('$out/r$i.json'))['train_samples_per_s'])")
  e=$(/usr/bin/python3 -c "import json; print(' / '.join('%.0f' % v for v in json.load(open('$out/r$i.json'))['epoch_samples_per_s']))")
  st=$(echo "$before $(cpu_times)" | awk '{printf "%.1f", 100 * ($3 - $1) / ($4 - $2)}')
  echo "run $i: $r samples/s (epochs: $e; steal $st%; load $(cut -d' ' -f1 /proc/loadavg))"
  rates+=("$r")
  steals+=("$st")
done
/usr/bin/python3 - "${rates[*]}" "${steals[*]}" <<'PY'
import sys
r = [float(x) for x in sys.argv[1].split()]
st = [float(x) for x in sys.argv[2].split()]
print("slowest / fastest: %.0f / %.0f = %.3f (within 10%%: %s); steal %.1f-%.1f%%" % (min(r), max(r), min(r) / max(r),
      "yes" if min(r) >= 0.9 * max(r) else "no", min(st), max(st)))
quiet = [x for x, s in zip(r, st) if s < 5]
if 1 < len(quiet) < len(r):
    print("runs with steal < 5%%: %d, slowest / fastest %.3f" % (len(quiet), min(quiet) / max(quiet)))
PY
