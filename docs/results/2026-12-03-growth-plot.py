#!/usr/bin/env python3
"""Growth plot for docs/scale.md: build time, QPS at recall 0.95 and index memory against size,
plain HNSW against native hnswlib, from the runner's JSON lines (2026-12-03-growth-<n>.jsonl).
QPS at a level is the fastest measured setting that reaches it (no interpolation).
Run from the repository root: /usr/bin/python3 docs/results/2026-12-03-growth-plot.py"""
import json
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt

SIZES = [250_000, 1_000_000, 4_000_000]
DIM, M = 128, 16


def rows(n):
    with open(f"docs/results/2026-12-03-growth-{n}.jsonl") as f:
        return [json.loads(line) for line in f]


def at(rs, index, level):
    q = [r["qps"] for r in rs if r["index"] == index and r["recall"] >= level]
    return max(q) if q else float("nan")


def hnswlib_bytes(n):
    # 4d + 197 bytes a vector, from hnswlib's layout (docs/scale.md, "Memory per vector"): computed, not measured
    return n * (4 * DIM + 197)


data = {n: rows(n) for n in SIZES}
fig, ax = plt.subplots(1, 3, figsize=(15, 4.2))
for index, label, style in (("hnsw", "plain HNSW (ours, JVM)", "o-"), ("hnswlib-cpp", "hnswlib (C++, -O3 -march=native)", "s--")):
    build = [next(r["build_seconds"] for r in data[n] if r["index"] == index) for n in SIZES]
    qps = [at(data[n], index, 0.95) for n in SIZES]
    ax[0].plot(SIZES, build, style, label=label)
    ax[1].plot(SIZES, qps, style, label=label)
mem = [next(r["index_bytes"] for r in data[n] if r["index"] == "hnsw") / 1e9 for n in SIZES]
ax[2].plot(SIZES, mem, "o-", label="plain HNSW: ramBytesUsed()")
ax[2].plot(SIZES, [hnswlib_bytes(n) / 1e9 for n in SIZES], "s--", label="hnswlib: computed from its layout")
for a, title in zip(ax, ("build seconds (2 threads)", "QPS at recall@10 0.95 (1 thread)", "index memory, GB")):
    a.set_xscale("log")
    a.set_yscale("log")
    a.set_xlabel("vectors (synthetic, 128-d, euclidean)")
    a.set_title(title)
    a.grid(True, which="both", alpha=0.3)
    a.legend(fontsize=8)
fig.suptitle("Growth, M=16, efConstruction=200, k=10, 10,000 queries; 2 vCPU Intel Xeon (AVX-512), 2026-12-03")
fig.tight_layout()
fig.savefig("docs/results/2026-12-03-growth.png", dpi=110)
for n in SIZES:
    print(n, {i: (next(r["build_seconds"] for r in data[n] if r["index"] == i), at(data[n], i, 0.95), at(data[n], i, 0.99))
              for i in ("hnsw", "hnswlib-cpp")})
