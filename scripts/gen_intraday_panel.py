#!/usr/bin/env python3
"""Writes 20 files T000_1min.csv .. T019_1min.csv of 1-minute bars (2024 NYSE
weekdays less holidays, 390 bars a day 09:30-16:00 New York, label start,
Unix seconds; a seeded random walk) into the current directory: the README's
intraday benchmark (each file given 25 times under different tickers is the
500-ticker panel)."""
import random, datetime as dt
from zoneinfo import ZoneInfo
ny=ZoneInfo("America/New_York")
# 2024 NYSE full sessions approximated: weekdays minus the 2024 holidays (half days kept full: a benchmark)
hol={dt.date(2024,1,1),dt.date(2024,1,15),dt.date(2024,2,19),dt.date(2024,3,29),dt.date(2024,5,27),dt.date(2024,6,19),dt.date(2024,7,4),dt.date(2024,9,2),dt.date(2024,11,28),dt.date(2024,12,25)}
days=[dt.date(2024,1,1)+dt.timedelta(i) for i in range(366)]
days=[d for d in days if d.weekday()<5 and d not in hol]
opens=[int(dt.datetime(d.year,d.month,d.day,9,30,tzinfo=ny).timestamp()) for d in days]
for k in range(20):
    rng=random.Random(k); p=100.0
    with open(f"T{k:03d}_1min.csv","w") as f:
        f.write("time,open,high,low,close,volume\n")
        for o in opens:
            for m in range(390):
                q=p*(1+0.0005*rng.gauss(0,1))
                f.write(f"{o+60*m},{p:.2f},{max(p,q):.2f},{min(p,q):.2f},{q:.2f},{1000+rng.randrange(9000)}\n"); p=q
