#!/usr/bin/python3
"""hnswlib on an ann-benchmarks HDF5 file, measured the way ./ann bench measures our indexes:
build with N threads (timed), then per ef a warm-up pass and timed passes sending one query at a
time (knn_query on a single vector), median QPS; recall@k from exact float64 distances of the
returned ids against the file's ground-truth distances, a hit being within the k-th true distance
plus 1e-3 (ann-benchmarks' rule). Writes JSON lines in the runner's format (index "hnswlib").

Needs Debian's python3-hnswlib (0.6.2), python3-h5py, python3-numpy.
Usage: hnswlib_peer.py FILE.hdf5 --M 16 --efConstruction 200 --ef 10,16,32 [--k 10] [--threads 2]
       [--runs 3] [--queries N] [--out FILE.jsonl]
"""
import argparse
import datetime
import json
import statistics
import sys
import time

import h5py
import hnswlib
import numpy as np

p = argparse.ArgumentParser()
p.add_argument("file")
p.add_argument("--M", type=int, default=16)
p.add_argument("--efConstruction", type=int, default=200)
p.add_argument("--ef", default="10,16,32,64,128")
p.add_argument("--k", type=int, default=10)
p.add_argument("--threads", type=int, default=2)
p.add_argument("--runs", type=int, default=3)
p.add_argument("--queries", type=int, default=0)
p.add_argument("--out")
a = p.parse_args()

with h5py.File(a.file, "r") as f:
    metric = f.attrs["distance"]
    metric = metric.decode() if isinstance(metric, bytes) else str(metric)
    train = np.ascontiguousarray(f["train"][:], dtype=np.float32)
    test = np.ascontiguousarray(f["test"][:], dtype=np.float32)
    gt_dist = f["distances"][:]
if a.queries:
    test, gt_dist = test[: a.queries], gt_dist[: a.queries]
space = {"euclidean": "l2", "angular": "cosine"}[metric]
name = a.file.rsplit("/", 1)[-1].rsplit(".", 1)[0]

index = hnswlib.Index(space=space, dim=train.shape[1])
t0 = time.perf_counter()
index.init_index(max_elements=len(train), M=a.M, ef_construction=a.efConstruction, random_seed=100)
index.add_items(train, np.arange(len(train)), num_threads=a.threads)
build = time.perf_counter() - t0
index.set_num_threads(1)

def exact(q, ids):
    x = train[ids].astype(np.float64)
    qq = q.astype(np.float64)
    if metric == "angular":
        return 1 - (x @ qq) / (np.linalg.norm(x, axis=1) * np.linalg.norm(qq))
    return np.sqrt(((x - qq) ** 2).sum(1))

out = open(a.out, "a") if a.out else None
print(f"hnswlib {name}: {len(train)} x {train.shape[1]}, {len(test)} queries, M={a.M}, efC={a.efConstruction}, "
      f"build {build:.2f}s with {a.threads} threads", file=sys.stderr)
for ef in [int(x) for x in a.ef.split(",")]:
    index.set_ef(max(ef, a.k))
    for q in test[: max(200, len(test) // 5)]:
        index.knn_query(q, k=a.k)
    runs = []
    for _ in range(a.runs):
        labels = []
        t0 = time.perf_counter()
        for q in test:
            labels.append(index.knn_query(q, k=a.k)[0][0])
        runs.append(len(test) / (time.perf_counter() - t0))
    hits = 0
    for i, ids in enumerate(labels):
        d = exact(test[i], ids.astype(np.int64))
        hits += int((d <= gt_dist[i][a.k - 1] + 1e-3).sum())
    recall = hits / (len(test) * a.k)
    row = {"index": "hnswlib", "variant": "0.6.2", "params": {"M": str(a.M), "efConstruction": str(a.efConstruction),
           "ef": str(ef)}, "dataset": name, "metric": metric, "k": a.k, "queries": len(test), "recall": recall,
           "qps": statistics.median(runs), "qps_runs": runs, "threads": a.threads, "build_seconds": build,
           "index_bytes": None, "date": datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0).isoformat()}
    print(f"hnswlib ef={ef:<5} recall {recall:.4f}  QPS {statistics.median(runs):9.1f}  build {build:.2f}s")
    if out:
        out.write(json.dumps(row) + "\n")
        out.flush()
