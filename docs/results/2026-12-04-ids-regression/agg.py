import re,glob,statistics as st
rows={}
for f in sorted(glob.glob(__import__('os').path.join(__import__('os').path.dirname(__file__), 'reg-*.txt'))):
    v,i=re.match(r'.*reg-(\w+)-(\d)\.txt',f).groups()
    for l in open(f):
        p=l.split()
        if len(p)>6 and p[0]=='hnsw' and p[3].startswith('ef='):
            rows.setdefault((p[1],p[3]),{}).setdefault(v,{})[i]=(float(p[4]),float(p[5]))
for (var,ef),d in sorted(rows.items(), key=lambda x:(x[0][0],int(x[0][1][3:]))):
    o=[d['bold'][k][1] for k in sorted(d['bold'])]; n=[d['bnew'][k][1] for k in sorted(d['bnew'])]
    r=[n[j]/o[j] for j in range(min(len(o),len(n)))]
    print(f"{var:8} {ef:6} recall old {d['bold']['1'][0]:.4f} new {d['bnew']['1'][0]:.4f}  QPS old {st.median(o):8.0f} ({min(o):.0f}-{max(o):.0f})  new {st.median(n):8.0f} ({min(n):.0f}-{max(n):.0f})  new/old per run {' '.join(f'{x:.2f}' for x in r)} median {st.median(r):.2f}")
