#!/usr/bin/env python3
"""Write placebo event dates for eventstudy cross-section: every 10th row
(offset 5) of a price file from 2001-06-01 on, leaving out dates within 3
calendar days of an FOMC announcement. Standard library only.

usage: scripts/placebo_dates.py PRICE_FILE FOMC_DATES.csv > placebo_dates.csv
"""
import csv
import datetime
import sys


def main():
    dates = [r["Date"][:10] for r in csv.DictReader(open(sys.argv[1], newline=""))]
    fomc = {r["date"] for r in csv.DictReader(open(sys.argv[2], newline=""))}

    def near(d):
        t = datetime.date.fromisoformat(d)
        return any((t + datetime.timedelta(days=k)).isoformat() in fomc for k in range(-3, 4))

    sys.stdout.write("date\n")
    for i, d in enumerate(dates):
        if i % 10 == 5 and d >= "2001-06-01" and not near(d):
            sys.stdout.write(d + "\n")


if __name__ == "__main__":
    main()
