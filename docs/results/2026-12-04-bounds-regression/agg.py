import json, glob, statistics as st
rows={}
for v in ("bold","bnew"):
    for f in sorted(glob.glob(f"/tmp/reg/{v}-*.jsonl")):
        for l in open(f):
            r=json.loads(l); key=(r["variant"],int(r["params"]["ef"]))
            rows.setdefault((v,)+key,[]).append((r["qps"],r["qps_batch"],r["recall"]))
print("| variant | ef | recall | old 1t QPS | new 1t QPS | new/old | old 2t batch | new 2t batch | new/old | new 2t/1t |")
print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
for var in ("default","crinn"):
  for ef in (16,32,64,128):
    o=rows[("bold",var,ef)]; n=rows[("bnew",var,ef)]
    def m(x,i): 
        vals=[a[i] for a in x]; med=st.median(vals); return med,(max(vals)-min(vals))/2/med
    o1,os1=m(o,0); n1,ns1=m(n,0); o2,os2=m(o,1); n2,ns2=m(n,1)
    rec={a[2] for a in o}|{a[2] for a in n}
    print(f"| {var} | {ef} | {min(rec):.4f}{'' if len(rec)==1 else '..'+format(max(rec),'.4f')} | {o1:,.0f} ±{os1:.0%} | {n1:,.0f} ±{ns1:.0%} | {n1/o1:.2f}x | {o2:,.0f} ±{os2:.0%} | {n2:,.0f} ±{ns2:.0%} | {n2/o2:.2f}x | {n2/n1:.2f}x |")
