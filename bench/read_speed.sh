#!/usr/bin/env bash
# Reader throughput on one core: generates a ~1 GB Extreme Classification text file (seed-shaped,
# dense features) into bench/out/ once, then streams it and bibtex-train.arff through their
# readers (best of 3 passes; "parse only" into a counting sink, "parse + build" into a Dataset).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -Dstyle.color=never -DskipTests package -pl fewhot-cli,fewhot-bench -am >&2
mkdir -p bench/out/read
big=bench/out/read/fewhot_1gb_train.txt
if [ ! -f "$big" ]; then
  ./fewhot gen --out-dir bench/out/read --prefix fewhot_1gb --train-rows 360000 --test-rows 1 >&2
fi
run() { java --add-modules jdk.incubator.vector -Xmx8g -XX:ActiveProcessorCount=1 -cp fewhot-bench/target/benchmarks.jar \
  dev.fewhot.bench.ReadThroughput "$@" 2>/dev/null; }
run "$big" 3
[ -f ../shared/data/bibtex/bibtex-train.arff ] && run ../shared/data/bibtex/bibtex-train.arff 5
echo "CLI, JVM start included: $( { /usr/bin/time -f '%e s' ./fewhot stats ../shared/data/bibtex/bibtex-train.arff > /dev/null; } 2>&1 | tail -1) for fewhot stats bibtex-train.arff"
