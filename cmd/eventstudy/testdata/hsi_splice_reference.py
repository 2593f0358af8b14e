# python3 cmd/eventstudy/testdata/hsi_splice_reference.py (standard library only)
# Independent check of one event of the spliced Hang Seng run: 0001.HK,
# ex-dividend 2020-09-07, market model, estimation -250:-11, CAR 0:0.
import csv
D='/work/shared/data/'
m={}
for r in list(csv.reader(open(D+'benchmarks/HSI_daily_1986-12_2024-08.csv')))[1:]:
    if r[0] < '2021-06-24': m[r[0]] = float(r[5])
for r in list(csv.reader(open(D+'benchmarks/HSI_daily_2021-06_2026-06.csv')))[3:]:
    m[r[0]] = float(r[1])
md = sorted(m); mr = {md[i]: m[md[i]]/m[md[i-1]]-1 for i in range(1, len(md))}
rows = list(csv.reader(open(D+'panel_hk/prices/0001.HK.csv')))[1:]
d = [r[0][:10] for r in rows]; p = [float(r[4]) for r in rows]
k = d.index('2020-09-07')
xs, ys = [], []
for j in range(max(1, k-250), k-10):
    if d[j] in mr: xs.append(mr[d[j]]); ys.append(p[j]/p[j-1]-1)
n = len(xs); mx = sum(xs)/n; my = sum(ys)/n
b = sum((x-mx)*(y-my) for x, y in zip(xs, ys))/sum((x-mx)**2 for x in xs); a = my - b*mx
print(n, repr(p[k]/p[k-1]-1 - a - b*mr[d[k]]))
