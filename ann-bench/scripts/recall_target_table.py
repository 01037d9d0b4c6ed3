#!/usr/bin/env python3
"""Recall-target rows of a `./ann bench --out FILE.jsonl` run against the fixed-ef rows of the same run.

For every row with a recall target (search_params.recall) it prints the ef the target ran with,
the held-out mean recall it reached, the share of queries below the target and below target - 0.1,
its QPS, and the QPS of the fastest fixed-ef row of the same index and variant whose mean recall is
at least as high (no interpolation), with their ratio. Usage: recall_target_table.py FILE.jsonl
"""
import json
import sys


def main(path):
    rows = [json.loads(line) for line in open(path, encoding="utf-8") if line.strip()]
    print("| index | target | ef | held-out recall | below t | below t-0.1 | QPS | fixed ef reaching it | its QPS | ratio |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        target = r.get("search_params", {}).get("recall")
        if target is None:
            continue
        name = r["index"] + ("" if r["variant"] == "default" else "/" + r["variant"])
        fixed = [f for f in rows if f["index"] == r["index"] and f["variant"] == r["variant"]
                 and "ef" in f.get("search_params", {}) and "recall" not in f["search_params"]
                 and f["recall"] >= r["recall"]]
        best = max(fixed, key=lambda f: f["qps"]) if fixed else None
        cells = [name, target, r.get("ef_for_target", "-"), "%.4f" % r["recall"],
                 "%.1f%%" % (100 * r["below_target"]), "%.1f%%" % (100 * r["below_target_less_0.1"]),
                 "{:,.0f} ±{:.0f}%".format(r["qps"], 50 * r["qps_spread"])]
        if best:
            cells += [best["search_params"]["ef"], "{:,.0f} ±{:.0f}%".format(best["qps"], 50 * best["qps_spread"]),
                      "%.2fx" % (r["qps"] / best["qps"])]
        else:
            cells += ["none in the sweep", "-", "-"]
        print("| " + " | ".join(str(c) for c in cells) + " |")


if __name__ == "__main__":
    main(sys.argv[1])
