#!/usr/bin/python3
"""Native peers (hnswlib, FAISS) on an ann-benchmarks HDF5 file, measured the way ./ann bench
measures our indexes: build with N threads (timed), then per search setting a warm-up pass and
timed passes sending one query at a time from one thread, median QPS; recall@k from exact float64
distances of the returned ids against the file's ground-truth distances (recomputed when the file
has none), a hit being within the k-th true distance plus 1e-3 (ann-benchmarks' rule).
Prints one JSON object per setting, in the runner's row format.

Libraries (Debian packages): hnswlib 0.6.2 (python3-hnswlib), FAISS 1.7.3 (python3-faiss);
also python3-h5py and python3-numpy.
Usage: python_peer.py FILE.hdf5 --library hnswlib|faiss-hnsw|faiss-ivf [--M 16]
       [--efConstruction 200] [--nlist 256] [--sweep 10,16,32] [--k 10] [--threads 2] [--runs 3]
       [--queries N]
"""
import argparse
import datetime
import json
import statistics
import sys
import time

import h5py
import numpy as np

p = argparse.ArgumentParser()
p.add_argument("file")
p.add_argument("--library", required=True, choices=["hnswlib", "faiss-hnsw", "faiss-ivf"])
p.add_argument("--M", type=int, default=16)
p.add_argument("--efConstruction", type=int, default=200)
p.add_argument("--nlist", type=int, default=256)
p.add_argument("--sweep", default="10,16,32,64,128")
p.add_argument("--k", type=int, default=10)
p.add_argument("--threads", type=int, default=2)
p.add_argument("--runs", type=int, default=3)
p.add_argument("--queries", type=int, default=0)
p.add_argument("--name")
a = p.parse_args()

with h5py.File(a.file, "r") as f:
    metric = f.attrs["distance"]
    metric = metric.decode() if isinstance(metric, bytes) else str(metric)
    train = np.ascontiguousarray(f["train"][:], dtype=np.float32)
    test = np.ascontiguousarray(f["test"][:], dtype=np.float32)
    neighbors = f["neighbors"][:]
    gt_dist = f["distances"][:] if "distances" in f else None
if a.queries:
    test, neighbors = test[: a.queries], neighbors[: a.queries]
    gt_dist = None if gt_dist is None else gt_dist[: a.queries]
name = a.name or a.file.rsplit("/", 1)[-1].rsplit(".", 1)[0]


def exact(q, ids):
    x = train[ids].astype(np.float64)
    qq = q.astype(np.float64)
    if metric == "angular":
        return 1 - (x @ qq) / (np.linalg.norm(x, axis=1) * np.linalg.norm(qq))
    return np.sqrt(((x - qq) ** 2).sum(1))


if gt_dist is None:
    gt_dist = np.stack([np.sort(exact(test[i], neighbors[i])) for i in range(len(test))])

if metric == "angular":  # both libraries search unit vectors by inner product / cosine
    train_n = train / np.linalg.norm(train, axis=1, keepdims=True)
    test_n = test / np.linalg.norm(test, axis=1, keepdims=True)
else:
    train_n, test_n = train, test

t0 = time.perf_counter()
if a.library == "hnswlib":
    import hnswlib
    index = hnswlib.Index(space="l2" if metric == "euclidean" else "ip", dim=train.shape[1])
    index.init_index(max_elements=len(train), M=a.M, ef_construction=a.efConstruction, random_seed=100)
    index.add_items(train_n, np.arange(len(train)), num_threads=a.threads)
    index.set_num_threads(1)
    version, param = "0.6.2", "ef"

    def configure(v):
        index.set_ef(max(v, a.k))

    def query(q):
        return index.knn_query(q, k=a.k)[0][0]
else:
    import faiss
    faiss.omp_set_num_threads(a.threads)
    d = train.shape[1]
    mt = faiss.METRIC_L2 if metric == "euclidean" else faiss.METRIC_INNER_PRODUCT
    if a.library == "faiss-hnsw":
        index = faiss.IndexHNSWFlat(d, a.M, mt)
        index.hnsw.efConstruction = a.efConstruction
        index.add(train_n)
        param = "ef"

        def configure(v):
            index.hnsw.efSearch = max(v, a.k)
    else:
        quantizer = faiss.IndexFlat(d, mt)
        index = faiss.IndexIVFFlat(quantizer, d, a.nlist, mt)
        index.train(train_n)
        index.add(train_n)
        param = "nprobe"

        def configure(v):
            index.nprobe = v
    version = faiss.__version__ if hasattr(faiss, "__version__") else "1.7.3"
    faiss.omp_set_num_threads(1)

    def query(q):
        return index.search(q.reshape(1, -1), a.k)[1][0]
build = time.perf_counter() - t0

for v in [int(x) for x in a.sweep.split(",")]:
    configure(v)
    for q in test_n[: max(500, len(test_n) // 5)]:
        query(q)
    runs = []
    labels = None
    for _ in range(a.runs):
        out = []
        t0 = time.perf_counter()
        for q in test_n:
            out.append(query(q))
        runs.append(len(test_n) / (time.perf_counter() - t0))
        labels = out
    hits = 0
    for i, ids in enumerate(labels):
        ids = ids[ids >= 0].astype(np.int64)
        dd = exact(test[i], ids)
        hits += int((dd <= gt_dist[i][a.k - 1] + 1e-3).sum())
    build_params = {"M": str(a.M), "efConstruction": str(a.efConstruction)} if param == "ef" else {"nlist": str(a.nlist)}
    row = {"index": a.library, "variant": version, "params": {**build_params, param: str(v)},
           "build_params": build_params, "search_params": {param: str(v)}, "dataset": name, "metric": metric,
           "k": a.k, "queries": len(test), "recall": hits / (len(test) * a.k), "qps": statistics.median(runs),
           "qps_runs": runs, "qps_batch": None, "threads": a.threads, "distance_computations": None,
           "build_seconds": build, "index_bytes": None, "jdk": None, "kernels": "native",
           "date": datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0).isoformat()}
    print(json.dumps(row), flush=True)
