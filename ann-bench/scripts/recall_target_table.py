#!/usr/bin/env python3
"""Recall-target rows of a `./ann bench --out FILE.jsonl` run against the fixed-ef rows of the same run.

For every row with a recall target (search_params.recall) it prints the ef the target ran with,
the held-out mean recall it reached, the share of queries below the target and below target - 0.1,
its QPS, and two fixed-ef rows of the same index and variant (fastest measured, no interpolation):
the one whose mean recall is at least the target row's ("same recall"), and the one whose mean
recall is at least the target itself on these very queries ("tuned on the evaluated queries", what
hand-tuning on the evaluation set would pick, which a real deployment cannot), each with the ratio
of the target row's QPS to it. Usage: recall_target_table.py FILE.jsonl
"""
import json
import sys


def main(path):
    rows = [json.loads(line) for line in open(path, encoding="utf-8") if line.strip()]
    print("| index | target | ef | held-out recall | below t | below t-0.1 | QPS"
          " | same recall: ef, QPS, ratio | tuned on the evaluated queries: ef, QPS, ratio |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        target = r.get("search_params", {}).get("recall")
        if target is None:
            continue
        name = r["index"] + ("" if r["variant"] == "default" else "/" + r["variant"])
        fixed = [f for f in rows if f["index"] == r["index"] and f["variant"] == r["variant"]
                 and "ef" in f.get("search_params", {}) and "recall" not in f["search_params"]]
        cells = [name, target, r.get("ef_for_target", "-"), "%.4f" % r["recall"],
                 "%.1f%%" % (100 * r["below_target"]), "%.1f%%" % (100 * r["below_target_less_0.1"]),
                 qps(r)]
        for floor in (r["recall"], float(target)):
            reaching = [f for f in fixed if f["recall"] >= floor]
            if reaching:
                best = max(reaching, key=lambda f: f["qps"])
                cells.append("%s, %s, %.2fx" % (best["search_params"]["ef"], qps(best), r["qps"] / best["qps"]))
            else:
                cells.append("none in the sweep")
        print("| " + " | ".join(str(c) for c in cells) + " |")


def qps(row):
    return "{:,.0f} ±{:.0f}%".format(row["qps"], 50 * row["qps_spread"])


if __name__ == "__main__":
    main(sys.argv[1])
