#!/usr/bin/env bash
# On the final commit: a 4M crinn index built, saved, then mapped under -Xmx512m; then 1M
# synthetic under -Xmx1g against native hnswlib.
set -uo pipefail
export ANN_DATASET_PATH=/work/shared/datasets/data
J=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
NEW=/tmp/bnew/ann-bench/target/benchmarks.jar
O=/tmp/codes
date -u +"%F %T 4m build"
rm -rf /tmp/c4m
$J --add-modules jdk.incubator.vector -XX:+UseTransparentHugePages -Xmx3g -jar $NEW bench --dataset synthetic-4000000-128-euclidean \
  --index hnsw --variant crinn --build M=16,efConstruction=200 --search ef=128,256 --runs 1 --save /tmp/c4m \
  --out $O/synthetic-4m-crinn-built.jsonl > $O/synthetic-4m-crinn-built.txt 2>&1
date -u +"%F %T 4m mapped"
$J --add-modules jdk.incubator.vector -XX:+UseTransparentHugePages -Xmx512m -jar $NEW bench --dataset synthetic-4000000-128-euclidean \
  --index hnsw --variant crinn --search ef=16,24,32,48,64,96,128,192,256,384 --runs 3 --load /tmp/c4m \
  --out $O/synthetic-4m-crinn-mapped-xmx512m.jsonl > $O/synthetic-4m-crinn-mapped-xmx512m.txt 2>&1
date -u +"%F %T 1m"
$J --add-modules jdk.incubator.vector -XX:+UseTransparentHugePages -Xmx1g -jar $NEW bench --dataset synthetic-1000000-128-euclidean \
  --index hnsw,hnswlib-cpp --variant default,crinn --build M=16,efConstruction=200 \
  --search ef=16,24,32,48,64,96,128,192,256,384 --runs 3 --baseline hnswlib-cpp --out $O/synthetic-1m-xmx1g.jsonl > $O/synthetic-1m-xmx1g.txt 2>&1
date -u +"%F %T done"
