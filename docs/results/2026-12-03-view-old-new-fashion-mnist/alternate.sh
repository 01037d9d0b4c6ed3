#!/usr/bin/env bash
# Old/new alternation behind docs/scale.md "No slowdown at small scale" (the view/strategy change).
# OLD is a clone at 0f9b411 with ../shared beside it, NEW one at the commit under test.
set -euo pipefail
OLD=${OLD:?clone of the old commit}; NEW=${NEW:?clone of the new commit}; OUT=${OUT:-$PWD}
for i in 1 2 3; do
  for side in old new; do
    dir=$OLD; [ "$side" = new ] && dir=$NEW
    (cd "$dir" && ./ann bench --dataset fashion-mnist-784-euclidean --index hnsw --variant default,crinn \
      --build M=16,efConstruction=200 --search ef=10,12,16,24,32,48,64,96,128 --runs 3 \
      --out "$OUT/$side-$i.jsonl") > "$OUT/$side-$i.txt" 2>&1
  done
done
