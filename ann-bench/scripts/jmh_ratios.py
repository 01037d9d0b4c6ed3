#!/usr/bin/env python3
"""Prints a markdown table of Panama/scalar throughput ratios from a JMH JSON result file
(./ann jmh 'org.annlib.bench.kernels' -rf json -rff FILE). Usage: jmh_ratios.py FILE"""
import json
import sys
from collections import defaultdict

rows = defaultdict(dict)
for r in json.load(open(sys.argv[1])):
    cls, method = r["benchmark"].rsplit(".", 1)
    for impl in ("Panama", "Scalar"):
        if method.endswith(impl):
            kernel = method[: -len(impl)]
            rows[(kernel, int(r["params"]["dim"]))][impl] = (r["primaryMetric"]["score"], r["primaryMetric"]["scoreError"])
print("| kernel | dim | Panama ops/µs | scalar ops/µs | Panama / scalar |")
print("|---|---:|---:|---:|---:|")
for (kernel, dim), v in sorted(rows.items()):
    p, s = v.get("Panama"), v.get("Scalar")
    if p and s:
        print(f"| {kernel} | {dim} | {p[0]:.1f} ± {p[1]:.1f} | {s[0]:.1f} ± {s[1]:.1f} | {p[0] / s[0]:.2f}x |")
