#!/usr/bin/env python3
"""QPS at fixed recall levels from runner JSON lines (ours and peers'), by linear interpolation
between the two sweep points that bracket each level on each index's recall/QPS frontier; and
the ratio of the first index to every other. Usage: recall_qps_table.py FILE.jsonl [...]
[--levels 0.9,0.95,0.99,0.999]"""
import json
import sys
from collections import defaultdict

files = [f for f in sys.argv[1:] if not f.startswith("--")]
levels = [0.90, 0.95, 0.99, 0.999]
if "--levels" in sys.argv:
    levels = [float(x) for x in sys.argv[sys.argv.index("--levels") + 1].split(",")]
    files = [f for f in files if f != sys.argv[sys.argv.index("--levels") + 1]]
series = defaultdict(list)
builds = {}
for f in files:
    for line in open(f):
        r = json.loads(line)
        key = r["index"] + ("" if r.get("variant") in (None, "default") else "/" + r["variant"])
        series[key].append((r["recall"], r["qps"]))
        builds[key] = r.get("build_seconds")

def qps_at(points, level):
    # Pareto frontier: best QPS for at least this recall, interpolated between neighbours.
    pts = sorted(points)
    best = None
    for (r0, q0), (r1, q1) in zip(pts, pts[1:]):
        if r0 <= level <= r1 and r1 > r0:
            q = q0 + (q1 - q0) * (level - r0) / (r1 - r0)
            best = q if best is None else max(best, q)
    for r, q in pts:
        if r >= level:
            best = q if best is None else max(best, q)
    return best

names = list(series)
print("| index | build s | " + " | ".join(f"QPS @ {l}" for l in levels) + " |")
print("|---|---:|" + "---:|" * len(levels))
for n in names:
    cells = []
    for l in levels:
        q = qps_at(series[n], l)
        cells.append("—" if q is None else f"{q:,.0f}")
    b = builds[n]
    print(f"| {n} | {'' if b is None else f'{b:.2f}'} | " + " | ".join(cells) + " |")
if len(names) > 1:
    base = names[0]
    for other in names[1:]:
        cells = []
        for l in levels:
            a, b = qps_at(series[base], l), qps_at(series[other], l)
            cells.append("—" if a is None or b is None else f"{a / b:.2f}x")
        rb = builds[base] / builds[other] if builds[base] and builds[other] else None
        print(f"| {base} / {other} | {'' if rb is None else f'{rb:.2f}x'} | " + " | ".join(cells) + " |")
