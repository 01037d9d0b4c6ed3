export ANN_DATASET_PATH=/work/shared/datasets/data
J=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
for round in 1 2 3; do
  for v in bold bnew; do
    cd /tmp/$v && $J --add-modules jdk.incubator.vector -XX:+UseTransparentHugePages -jar ann-bench/target/benchmarks.jar bench \
      --dataset fashion-mnist-784-euclidean --index hnsw --variant default,crinn --search ef=16,32,64,128 \
      --runs 3 --threads 2 --load /tmp/idx --out /tmp/reg/$v-$round.jsonl > /tmp/reg/$v-$round.txt 2>&1
    echo "$v $round $?"
  done
done
