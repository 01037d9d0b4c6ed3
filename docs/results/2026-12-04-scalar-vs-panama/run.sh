export ANN_DATASET_PATH=/work/shared/datasets/data
J=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
cd /tmp/bnew
for round in 1 2 3; do
  for mode in panama scalar; do
    if [ $mode = panama ]; then M="--add-modules jdk.incubator.vector"; else M=""; fi
    $J $M -XX:+UseTransparentHugePages -jar ann-bench/target/benchmarks.jar bench \
      --dataset fashion-mnist-784-euclidean --index hnsw --variant default,crinn --search ef=16,32,64,128 \
      --runs 3 --load /tmp/idx --out /tmp/simd/$mode-$round.jsonl > /tmp/simd/$mode-$round.txt 2>&1
    echo "$mode $round $?"
  done
done
