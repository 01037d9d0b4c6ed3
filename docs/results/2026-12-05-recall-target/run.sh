#!/bin/bash
# The recall-target runs of docs/benchmarks.md ("Recall targets on unseen queries"), from the
# repository root after `mvn -B install -DskipTests`; outputs land beside this script. The
# glove6b-100 file is built by make_glove6b_100.py (see docs/benchmarks.md, "Reproducing").
set -e
OUT=$(cd "$(dirname "$0")" && pwd)
J=${JAVA:-java}     # JDK 25
RUN="$J --add-modules jdk.incubator.vector -XX:+UseTransparentHugePages -jar ann-bench/target/benchmarks.jar bench"
COMMON="--index hnsw,hnswlib-cpp --variant default,crinn,native --build M=16,efConstruction=200 --threads 2 --runs 3"
T="--search recall=0.9,0.95,0.99,0.995,0.999"
$RUN $COMMON --search ef=10,12,14,16,20,24,28,32,40,48,56,64,80,96,128,192,256 $T \
  --queries 500 --calibration-queries 500 --out "$OUT/embedded.jsonl" > "$OUT/embedded.txt"
for f in fmnist fmnist2; do
  $RUN --dataset fashion-mnist-784-euclidean $COMMON \
    --search ef=10,12,14,16,20,24,28,32,40,48,56,64,80,96,128,192,256,320,384,512 $T \
    --queries 2000 --calibration-queries 2000 --out "$OUT/$f.jsonl" > "$OUT/$f.txt"
done
$RUN --dataset glove6b-100-angular $COMMON \
  --search ef=10,12,14,16,20,24,28,32,40,48,64,80,96,128,160,192,256,320,384,512,768,1024,1280,1536,2048 $T \
  --queries 2000 --calibration-queries 2000 --out "$OUT/glove.jsonl" > "$OUT/glove.txt"
