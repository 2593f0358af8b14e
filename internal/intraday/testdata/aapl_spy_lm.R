# Independent fit of the intraday market model (R lm(), base stats) for
# internal/intraday's TestMarketModelAgainstR.
# AAPL on SPY, 1-minute bars of eqker_2019-02 (New York wall clock, label =
# bar END, newest first: SOURCES.md section 4). Estimation days: the four
# sessions 2019-02-11..14 before an event on 2019-02-15. Regular session
# 09:30-16:00. A bar's return: close / previous bar's close - 1 when both
# bars exist on the same day; the day's first bar (09:30-09:31): close/open - 1.
# A missing bar (AAPL lacks 14:32 and 14:37 on 02-14) is a missing return,
# and so is the return of the bar after it.
# usage: Rscript aapl_spy_lm.R DIR  (DIR = .../intraday/eqker_2019-02)
args <- commandArgs(trailingOnly = TRUE)
dir <- args[1]
rets <- function(file) {
  x <- read.csv(file.path(dir, file), stringsAsFactors = FALSE)
  end <- as.POSIXct(x$datetime, tz = "America/New_York", format = "%Y-%m-%d %H:%M:%S")
  x$start <- end - 60
  x <- x[order(x$start), ]
  x$day <- format(x$start, "%Y-%m-%d")
  x$key <- format(x$start, "%Y-%m-%d %H:%M")
  prevkey <- format(x$start - 60, "%Y-%m-%d %H:%M")
  close <- setNames(x$close, x$key)
  r <- x$close / close[prevkey] - 1
  first <- format(x$start, "%H:%M") == "09:30"
  r[first] <- x$close[first] / x$open[first] - 1
  data.frame(key = x$key, day = x$day, r = unname(r))
}
a <- rets("AAPL_1min.csv")
s <- rets("SPY_1min.csv")
m <- merge(a, s, by = c("key", "day"), suffixes = c(".a", ".s"))
m <- m[m$day < "2019-02-15" & !is.na(m$r.a) & !is.na(m$r.s), ]
f <- lm(r.a ~ r.s, data = m)
cat(sprintf("n %d\nalpha %.17g\nbeta %.17g\nsigma %.17g\n", nrow(m), coef(f)[1], coef(f)[2], summary(f)$sigma))
cat(sprintf("R %s\n", R.version.string))
