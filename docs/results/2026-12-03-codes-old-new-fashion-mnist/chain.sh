#!/usr/bin/env bash
# The runs behind the stored-codes change (HNSW format version 2), one after another on an idle
# machine: old (189a376) and new (45c83de) jars alternated on Fashion-MNIST; 1M synthetic under
# -Xmx1g against native hnswlib; a 4M crinn index built, saved, then mapped under -Xmx512m.
set -uo pipefail
export ANN_DATASET_PATH=/work/shared/datasets/data
J=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
OLD=/tmp/bold/ann-bench/target/benchmarks.jar
NEW=/tmp/bnew/ann-bench/target/benchmarks.jar
fm=(bench --dataset fashion-mnist-784-euclidean --index hnsw --variant default,crinn --build M=16,efConstruction=200 --search ef=10,12,16,24,32,48,64,96,128 --runs 3)
for i in 1 2 3; do
  for which in old new; do
    jar=$OLD; [ $which = new ] && jar=$NEW
    date -u +"%F %T $which-$i"
    $J --add-modules jdk.incubator.vector -XX:+UseTransparentHugePages -jar $jar "${fm[@]}" --out /tmp/codes/oldnew-$which-$i.jsonl > /tmp/codes/oldnew-$which-$i.txt 2>&1
  done
done
date -u +"%F %T 1m"
$J --add-modules jdk.incubator.vector -XX:+UseTransparentHugePages -Xmx1g -jar $NEW bench --dataset synthetic-1000000-128-euclidean \
  --index hnsw,hnswlib-cpp --variant default,crinn --build M=16,efConstruction=200 \
  --search ef=16,24,32,48,64,96,128,192,256,384 --runs 3 --baseline hnswlib-cpp --out /tmp/codes/synthetic-1m-xmx1g.jsonl > /tmp/codes/synthetic-1m-xmx1g.txt 2>&1
date -u +"%F %T 4m build"
rm -rf /tmp/c4m
$J --add-modules jdk.incubator.vector -XX:+UseTransparentHugePages -Xmx3g -jar $NEW bench --dataset synthetic-4000000-128-euclidean \
  --index hnsw --variant crinn --build M=16,efConstruction=200 --search ef=128,256 --runs 1 --save /tmp/c4m \
  --out /tmp/codes/synthetic-4m-crinn-built.jsonl > /tmp/codes/synthetic-4m-crinn-built.txt 2>&1
date -u +"%F %T 4m mapped"
$J --add-modules jdk.incubator.vector -XX:+UseTransparentHugePages -Xmx512m -jar $NEW bench --dataset synthetic-4000000-128-euclidean \
  --index hnsw --variant crinn --search ef=16,24,32,48,64,96,128,192,256,384 --runs 3 --load /tmp/c4m \
  --out /tmp/codes/synthetic-4m-crinn-mapped-xmx512m.jsonl > /tmp/codes/synthetic-4m-crinn-mapped-xmx512m.txt 2>&1
date -u +"%F %T done"
