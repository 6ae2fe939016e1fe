#!/usr/bin/env bash
# The defaults suite: plain `fewhot train` then `fewhot eval --json` on every data set in
# ../shared/data with its official train/test split (stackex_cooking: a seeded 80/20 split),
# beside the PyTorch peer (bench/suite_peer.py: an MLP whose small grid is chosen on a
# validation part of the training file only). Nothing is tuned on the test files.
#
#   bench/defaults_suite.sh [SET ...]        default: every set, smallest first
#
# Environment: FEWHOT (launcher, default ./fewhot), DATA (default ../shared/data),
# OUT (default bench/out/defaults-suite), PEER=0 to skip the PyTorch peer, PYTHON (/usr/bin/python3).
# Then: bench/suite_table.py OUT > table.md
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
fewhot="${FEWHOT:-$root/fewhot}"
data="${DATA:-$root/../shared/data}"
out="${OUT:-$root/bench/out/defaults-suite}"
py="${PYTHON:-/usr/bin/python3}"
mkdir -p "$out"
sets=("$@")
[ ${#sets[@]} -gt 0 ] || sets=(flags emotions birds genbase scene yeast stackex_cooking bibtex tmc2007-500)

now() { date +%s.%N; }

for s in "${sets[@]}"; do
  case "$s" in
    stackex_cooking)
      tr="$out/stackex_cooking-train.xmc.txt"; te="$out/stackex_cooking-test.xmc.txt"
      [ -f "$tr" ] || "$py" "$root/bench/dev_split.py" "$data/stackex_cooking/stackex_cooking.xmc.txt" "$tr" "$te" \
          --test-share 0.2 --seed 0 ;;
    tmc2007-500) tr="$data/tmc2007/tmc2007-500-train.arff"; te="$data/tmc2007/tmc2007-500-test.arff" ;;
    *) tr="$data/$s/$s-train.arff"; te="$data/$s/$s-test.arff" ;;
  esac
  echo "== $s" >&2
  t0=$(now)
  "$fewhot" train --train "$tr" --model "$out/$s.fewhot" > "$out/$s.train.txt" 2> "$out/$s.train.err"
  t1=$(now)
  "$fewhot" eval --model "$out/$s.fewhot" --data "$te" --json > "$out/$s.eval.json" 2> "$out/$s.eval.err"
  echo "{\"train_seconds\": $(echo "$t1 - $t0" | bc)}" > "$out/$s.time.json"
  if [ "${PEER:-1}" != 0 ]; then
    "$py" "$root/bench/suite_peer.py" --train "$tr" --test "$te" --out "$out/$s.peer.json" > /dev/null 2> "$out/$s.peer.err"
  fi
  "$py" "$root/bench/suite_table.py" "$out" --only "$s" >&2
done
