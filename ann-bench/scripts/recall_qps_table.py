#!/usr/bin/env python3
"""QPS at fixed recall levels from runner JSON lines (ours and peers'), read the ann-benchmarks
way: the fastest measured setting whose recall reaches the level, never an interpolation between
settings; beside it that setting's spread (half the max-min range of its timed passes over their
median). Then the ratio of one index (--of NAME, default the first) to every other.
Usage: recall_qps_table.py FILE.jsonl [...] [--levels 0.9,0.95,0.99,0.999] [--of index/variant]"""
import argparse
import json
import statistics
from collections import defaultdict

ap = argparse.ArgumentParser()
ap.add_argument("files", nargs="+")
ap.add_argument("--levels", default="0.90,0.95,0.99,0.999")
ap.add_argument("--of")
a = ap.parse_args()
levels = [float(x) for x in a.levels.split(",")]
series = defaultdict(list)
builds = {}
for f in a.files:
    for line in open(f):
        r = json.loads(line)
        key = r["index"] + ("" if r.get("variant") in (None, "default") else "/" + r["variant"])
        runs = r.get("qps_runs") or [r["qps"]]
        spread = (max(runs) - min(runs)) / statistics.median(runs)
        series[key].append((r["recall"], r["qps"], spread))
        builds[key] = r.get("build_seconds")


def best_at(points, level):
    reached = [p for p in points if p[0] >= level]
    return max(reached, key=lambda p: p[1]) if reached else None


names = list(series)
print("| index | build s | " + " | ".join(f"QPS @ {l}" for l in levels) + " |")
print("|---|---:|" + "---:|" * len(levels))
for n in names:
    cells = []
    for l in levels:
        p = best_at(series[n], l)
        cells.append("—" if p is None else f"{p[1]:,.0f} ±{50 * p[2]:.0f}%")
    print(f"| {n} | {builds[n]:.1f} | " + " | ".join(cells) + " |")
base = a.of or names[0]
for n in names:
    if n == base:
        continue
    cells = []
    for l in levels:
        p, q = best_at(series[base], l), best_at(series[n], l)
        cells.append("—" if p is None or q is None else f"{p[1] / q[1]:.2f}x")
    print(f"| {base} / {n} | {builds[base] / builds[n]:.2f}x | " + " | ".join(cells) + " |")
