import json, glob, statistics as st, sys
d=sys.argv[1]
rows={}
for mode in ("panama","scalar"):
    for f in sorted(glob.glob(f"{d}/{mode}-*.jsonl")):
        for l in open(f):
            r=json.loads(l); rows.setdefault((mode,r["variant"],int(r["params"]["ef"])),[]).append((r["qps"],r["recall"],r["kernels"]))
print("| variant | ef | recall | panama QPS | scalar QPS | panama/scalar |")
print("|---|---:|---:|---:|---:|---:|")
for var in ("default","crinn"):
  for ef in (16,32,64,128):
    p=rows[("panama",var,ef)]; s=rows[("scalar",var,ef)]
    assert {a[2] for a in p}=={"panama"} and {a[2] for a in s}=={"scalar"}, ({a[2] for a in p},{a[2] for a in s})
    def m(x):
        v=[a[0] for a in x]; med=st.median(v); return med,(max(v)-min(v))/2/med
    pm,ps=m(p); sm,ss=m(s); rec=sorted({a[1] for a in p+s})
    print(f"| {var} | {ef} | {rec[0]:.4f}{'' if len(rec)==1 else '..'+format(rec[-1],'.4f')} | {pm:,.0f} ±{ps:.0%} | {sm:,.0f} ±{ss:.0%} | {pm/sm:.2f}x |")
