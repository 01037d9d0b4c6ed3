#!/usr/bin/env bash
# Alternates the code before the stored-codes change (189a376) and after it (45c83de, the last
# commit touching index code) on Fashion-MNIST, 2026-12-03 17:28-17:37 UTC.
set -euo pipefail
export ANN_DATASET_PATH=/work/shared/datasets/data
J=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
OLD=/tmp/bold/ann-bench/target/benchmarks.jar   # git worktree at 189a376, mvn package
NEW=/tmp/bnew/ann-bench/target/benchmarks.jar   # git worktree at 45c83de, mvn package
fm=(bench --dataset fashion-mnist-784-euclidean --index hnsw --variant default,crinn --build M=16,efConstruction=200 --search ef=10,12,16,24,32,48,64,96,128 --runs 3)
for i in 1 2 3; do
  for which in old new; do
    jar=$OLD; [ $which = new ] && jar=$NEW
    $J --add-modules jdk.incubator.vector -XX:+UseTransparentHugePages -jar $jar "${fm[@]}" --out oldnew-$which-$i.jsonl > oldnew-$which-$i.txt 2>&1
  done
done
