#!/usr/bin/python3
"""Build the embedded default dataset shipped in ann-datasets' resources.

Takes the first 10,000 train and first 1,000 test vectors of the Fashion-MNIST file in
../shared/datasets/data (the same vectors and split as ann-benchmarks' fashion-mnist-784-euclidean)
and writes them in the ann-benchmarks HDF5 layout with exact top-100 ground truth.

Pixels are integers 0..255, so train/test are stored as uint8 (lossless; readers widen to float32).
That and shuffle+deflate keep the file under the repository's 5 MB limit; float32 would need 5.6 MB.
The `distances` dataset is left out (another 0.24 MB): readers recompute it exactly from the vectors
and `neighbors`, as they do for any file that lacks it.
Ground truth is exact in float64 (every squared distance of 0..255 integers is an exact integer),
ties broken by the lower train id.

Needs Debian's python3-h5py and python3-numpy.
Usage: make_embedded_fashion_mnist.py SRC.hdf5 OUT.hdf5
"""
import sys
import numpy as np
import h5py

N_TRAIN, N_TEST, K = 10_000, 1_000, 100

src, out = sys.argv[1], sys.argv[2]
with h5py.File(src, "r") as f:
    train = f["train"][:N_TRAIN]
    test = f["test"][:N_TEST]
assert (train == np.round(train)).all() and train.min() >= 0 and train.max() <= 255
tr, te = train.astype(np.float64), test.astype(np.float64)
d2 = (te ** 2).sum(1)[:, None] - 2 * te @ tr.T + (tr ** 2).sum(1)[None, :]
d2 = np.rint(d2)  # exact integers; rint removes float64 rounding noise of the expansion
ids = np.argsort(d2, axis=1, kind="stable")[:, :K].astype(np.int32)

opts = dict(compression="gzip", compression_opts=9, shuffle=True)
with h5py.File(out, "w") as f:
    f.attrs["distance"] = "euclidean"
    f.attrs["type"] = "dense"
    f.attrs["dimension"] = train.shape[1]
    f.attrs["point_type"] = "uint8"
    f.attrs["source"] = "first 10000 train / 1000 test vectors of fashion-mnist-784-euclidean"
    f.attrs["license"] = "MIT (Zalando Research)"
    f.create_dataset("train", data=train.astype(np.uint8), chunks=(1000, 784), **opts)
    f.create_dataset("test", data=test.astype(np.uint8), chunks=(1000, 784), **opts)
    f.create_dataset("neighbors", data=ids, chunks=(1000, K), **opts)
print(out, train.shape, test.shape)
