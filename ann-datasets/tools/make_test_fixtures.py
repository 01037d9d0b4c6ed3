#!/usr/bin/python3
"""Writes the tiny HDF5 fixtures of ann-datasets' tests, as h5py writes ann-benchmarks files:
contiguous (unchunked, uncompressed) float32 train/test, int32 neighbors, float32 distances.
Needs Debian's python3-h5py and python3-numpy. Usage: make_test_fixtures.py OUT_DIR
"""
import sys
import numpy as np
import h5py

out = sys.argv[1]
rng = np.random.RandomState(7)


def exact(train, test, metric, k):
    if metric == "angular":
        a = train / np.linalg.norm(train, axis=1, keepdims=True)
        b = test / np.linalg.norm(test, axis=1, keepdims=True)
        d = 1 - b @ a.T
    else:
        d = np.sqrt(((test[:, None, :].astype(np.float64) - train[None, :, :]) ** 2).sum(2))
    ids = np.argsort(d, axis=1, kind="stable")[:, :k]
    return ids.astype(np.int32), np.take_along_axis(d, ids, 1).astype(np.float32)


for name, metric, gt in [("tiny-8-euclidean", "euclidean", True), ("tiny-8-angular", "angular", True),
                         ("tiny-8-euclidean-nogt", "euclidean", False)]:
    train = rng.randn(200, 8).astype(np.float32)
    test = rng.randn(12, 8).astype(np.float32)
    with h5py.File(f"{out}/{name}.hdf5", "w") as f:
        f.attrs["distance"] = metric
        f.attrs["type"] = "dense"
        f.attrs["dimension"] = 8
        f["train"] = train
        f["test"] = test
        if gt:
            ids, dist = exact(train, test, metric, 10)
            f["neighbors"] = ids
            f["distances"] = dist

with h5py.File(f"{out}/no-train.hdf5", "w") as f:
    f.attrs["distance"] = "euclidean"
    f["test"] = rng.randn(3, 8).astype(np.float32)
