#!/usr/bin/env bash
# The forest's cost against scikit-learn with the same settings, run one after the other on the
# same training files at 1 and 2 threads: Breiman's forest against RandomForestRegressor (300
# trees, bootstrap, sqrt(features) a split, leaves of one row, out-of-bag scores), and the extra
# trees against five ExtraTreesRegressor forests of 100 trees on the five folds' complements
# (each fold's rows scored by its forest: the same work as fewhot's 500 trees on folds). For each:
# the first fit (fewhot's includes the JIT's warm-up), the best of N fits, test rows scored a
# second, and test P@1 as a check that the two forests are alike.
#
#   bench/forest_vs_sklearn.sh [SET ...]      default: emotions scene yeast
#
# Environment: DATA (default ../shared/data), PASSES (default 3), PYTHON (/usr/bin/python3),
# KINDS (default "breiman extra-trees").
set -euo pipefail
cd "$(dirname "$0")/.."
data="${DATA:-../shared/data}"
py="${PYTHON:-/usr/bin/python3}"
passes="${PASSES:-3}"
sets=("$@")
[ ${#sets[@]} -gt 0 ] || sets=(emotions scene yeast)
mvn -B -q -Dstyle.color=never -DskipTests package -pl fewhot-bench -am >&2
echo "$(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores; $(java -version 2>&1 | head -1); $("$py" -c 'import sklearn; print("scikit-learn", sklearn.__version__)')"
echo
echo "| set (rows x features x labels) | forest | threads | fewhot first / best fit s | scikit-learn first / best fit s | best / best | fewhot / scikit-learn test rows/s | test P@1 fewhot / scikit-learn |"
echo "|---|---|---|---|---|---|---|---|"
for s in "${sets[@]}"; do
  tr="$data/$s/$s-train.arff"; te="$data/$s/$s-test.arff"
  for kind in ${KINDS:-breiman extra-trees}; do
    for t in 1 2; do
      f=$(java --add-modules jdk.incubator.vector -Xmx8g -cp fewhot-bench/target/benchmarks.jar dev.fewhot.bench.ForestTiming \
          "$tr" "$te" "$t" "$passes" "$kind" 2>/dev/null)
      p=$("$py" bench/forest_peer.py "$tr" "$te" "$t" "$passes" "$kind" 2>/dev/null)
      read -r n d l _ ff fb fr fp mb <<< "$f"
      read -r _ _ _ _ pf pb pr pp <<< "$p"
      echo "| $s ($n x $d x $l) | $kind | $t | $ff / $fb | $pf / $pb | $(printf "%.2f" "$(echo "scale=4; $pb / $fb" | bc)")x | $fr / $pr | $fp / $pp |"
    done
  done
done
