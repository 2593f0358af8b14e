#!/usr/bin/env python3
"""Independent window returns for the intraday tests (python3 standard library only).

Reads a bar file directly (csv module, zoneinfo), turns each label into the
bar's start by the file's convention (SOURCES.md section 4), keeps the bars
of the regular session 09:30-16:00 New York (a bar must end by the close),
and for each news time t and window a:b (minutes) takes the bars starting in
[t+a, t+b): return = close of the last / close of the bar before the first - 1.
Prints news,window,return with repr() (17 significant digits).

usage: window_returns.py FILE LABEL(start|end|end-1m) MINUTES NEWS... -- WINDOWS
  e.g. window_returns.py SPY_1min.csv start 1 "2024-03-20 14:00" -- 0:5 0:30 0:60
"""
import csv, sys, datetime as dt
from zoneinfo import ZoneInfo

NY = ZoneInfo("America/New_York")

def parse(cell):
    cell = cell.strip()
    if cell.isdigit():
        return dt.datetime.fromtimestamp(int(cell), dt.timezone.utc)
    if len(cell) == 15 and cell[8] == " ":  # NinjaTrader yyyymmdd HHMMSS, UTC
        return dt.datetime.strptime(cell, "%Y%m%d %H%M%S").replace(tzinfo=dt.timezone.utc)
    t = dt.datetime.fromisoformat(cell.replace("Z", "+00:00"))
    return t if t.tzinfo else t.replace(tzinfo=NY)

def main():
    path, label, minutes = sys.argv[1], sys.argv[2], int(sys.argv[3])
    rest = sys.argv[4:]
    k = rest.index("--")
    news, windows = rest[:k], rest[k + 1:]
    iv = dt.timedelta(minutes=minutes)
    shift = {"start": dt.timedelta(0), "end": -iv, "end-1m": dt.timedelta(minutes=1) - iv}[label]
    with open(path, newline="") as f:
        rows = list(csv.reader(f))
    if ";" in rows[0][0]:  # NinjaTrader: no header, yyyymmdd HHMMSS;o;h;l;c;v
        rows = [r[0].split(";") for r in rows]
        tcol, ccol, data = 0, 4, rows
    else:
        head = [c.lower() for c in rows[0]]
        tcol = next(head.index(c) for c in ("epoch_utc", "time", "datetime") if c in head)
        ccol = head.index("close")
        data = rows[1:]
    bars = {}
    for r in data:
        start = (parse(r[tcol]) + shift).astimezone(NY)
        bars[start] = float(r[ccol])
    for n in news:
        t = dt.datetime.fromisoformat(n).replace(tzinfo=NY)
        close = t.replace(hour=16, minute=0)
        for w in windows:
            a, b = (int(x.rstrip("m")) for x in w.split(":"))
            lo, hi = t + dt.timedelta(minutes=a), min(t + dt.timedelta(minutes=b), close)
            inside = sorted(s for s in bars if lo <= s < hi and s + iv <= close)
            first, last = inside[0], inside[-1]
            prev = first - iv
            print(f"{n},{w},{bars[last] / bars[prev] - 1!r}")

main()
