# Reference for TestIntradaySPXOpen (cmd/eventstudy/intraday_chart_test.go):
# the S&P 500 on 2025-11-14 from the 09:30 open, read straight from the
# TradingView export with Python's csv module (no eventstudy code).
# Windows a:b are the bars starting in [09:30+a, 09:30+b); a window that
# starts at the open is measured from the first bar's open (the overnight
# gap is never a return). Run from the repository root:
#   python3 cmd/eventstudy/testdata/spx_open_reference.py
import csv, datetime, zoneinfo

ny = zoneinfo.ZoneInfo("America/New_York")
path = "../shared/data/intraday/SP_SPX_5min_2025-02-10_2026-02-13.csv"
bars = {}
for r in csv.DictReader(open(path)):
    t = datetime.datetime.fromtimestamp(int(r["time"]), ny)  # bar start, UTC seconds
    if t.date() == datetime.date(2025, 11, 14):
        bars[t.strftime("%H:%M")] = (float(r["open"]), float(r["close"]))
open_ = bars["09:30"][0]
print("open 09:30", repr(open_))
for b, last in [(5, "09:30"), (30, "09:55"), (60, "10:25"), (120, "11:25")]:
    print("0m:%dm" % b, last, repr(bars[last][1] / open_ - 1))
