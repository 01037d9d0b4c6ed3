"""QPS at recall levels (fastest measured setting reaching it) per run, old vs new, and the median ratio.

Usage: python3 compare.py DIR   (DIR holds oldnew-{old,new}-{1,2,3}.jsonl)
"""
import json, statistics, sys, pathlib

d = pathlib.Path(sys.argv[1])
levels = [0.90, 0.95, 0.99]
def rows(which, i):
    return [json.loads(l) for l in open(d / f"oldnew-{which}-{i}.jsonl")]
def at_level(rs, variant, level):
    ok = [r for r in rs if r["variant"] == variant and r["recall"] >= level]
    return max(ok, key=lambda r: r["qps"]) if ok else None
for variant in ["default", "crinn"]:
    print(f"== {variant}")
    for level in levels:
        ratios, olds, news = [], [], []
        for i in (1, 2, 3):
            o = at_level(rows("old", i), variant, level)
            n = at_level(rows("new", i), variant, level)
            olds.append((o["qps"], o["search_params"]["ef"]))
            news.append((n["qps"], n["search_params"]["ef"]))
            ratios.append(n["qps"] / o["qps"])
        print(f"  @{level}: old {[f'{q:,.0f} (ef {e})' for q, e in olds]} new {[f'{q:,.0f} (ef {e})' for q, e in news]}"
              f" new/old per pair {[round(r, 3) for r in ratios]} median {statistics.median(ratios):.3f}"
              f" | medians old {statistics.median(q for q, _ in olds):,.0f} new {statistics.median(q for q, _ in news):,.0f}")
    per_ef = []
    for i in (1, 2, 3):
        o = {r["search_params"]["ef"]: r for r in rows("old", i) if r["variant"] == variant}
        n = {r["search_params"]["ef"]: r for r in rows("new", i) if r["variant"] == variant}
        per_ef += [n[e]["qps"] / o[e]["qps"] for e in o]
        drift = max(abs(n[e]["recall"] - o[e]["recall"]) for e in o)
        print(f"  pair {i}: largest recall difference at equal ef {drift:.4f}")
    print(f"  equal-ef new/old over {len(per_ef)} (run, ef) pairs: median {statistics.median(per_ef):.3f},"
          f" range {min(per_ef):.3f}-{max(per_ef):.3f}")
