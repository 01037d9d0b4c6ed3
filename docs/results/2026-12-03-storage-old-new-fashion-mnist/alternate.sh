#!/usr/bin/env bash
# Alternates the code before the storage change (0c2c42f) and after it (7d728d4) on Fashion-MNIST.
set -euo pipefail
export ANN_DATASET_PATH=/work/shared/datasets/data
J=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
args=(bench --dataset fashion-mnist-784-euclidean --index hnsw --variant default,crinn --build M=16,efConstruction=200 --search ef=10,16,24,32,48,64,96,128 --runs 3)
for i in 1 2 3; do
  for which in old new; do
    jar=/tmp/old/ann-bench/target/benchmarks.jar; [ $which = new ] && jar=/work/main/ann-bench/target/benchmarks.jar
    $J --add-modules jdk.incubator.vector -XX:+UseTransparentHugePages -jar $jar "${args[@]}" --out /tmp/scale/oldnew-$which-$i.jsonl > /tmp/scale/oldnew-$which-$i.txt 2>&1
  done
done
echo done
