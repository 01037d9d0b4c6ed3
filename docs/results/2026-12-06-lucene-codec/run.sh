#!/bin/sh
# Lucene API-level comparison (docs/lucene.md): our format with each preset beside Lucene's own
# HNSW formats, same M and beam, documents indexed with IndexWriter into a memory-mapped directory.
# Run from the repository root after `mvn -B -q install -DskipTests`; three separate JVMs per
# protocol, so build times have three samples too.
set -e
J=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
JAR=${JAR:-ann-bench/target/benchmarks.jar}
OUT=docs/results/2026-12-06-lucene-codec
for proto in "segments=4" "segments=4,merge=false"; do
  tag=$(echo "$proto" | tr ',=' '--')
  for run in 1 2 3; do
    $J --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -XX:+UseTransparentHugePages -jar "$JAR" \
      bench --dataset fashion-mnist-784-euclidean --index lucene-codec \
      --variant lucene99,lucene104-int7,annlib,annlib-glass,annlib-crinn \
      --build "M=16,efConstruction=100,$proto" --search ef=10,16,24,32,48,64,96,128,192,256 \
      --runs 3 --out "$OUT/fmnist-$tag-run$run.jsonl" > "$OUT/fmnist-$tag-run$run.txt" 2>&1
  done
done
