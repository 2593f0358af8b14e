# Independent reference for cmd/eventstudy/ff3_test.go (R 4.2.2, base R):
# Fama-French 3-factor event study of one Nasdaq-100 earnings release from
# the raw files in ../shared/data. AAPL reported 2019-01-29 16:30 ET (after
# the close), so day 0 is 2019-01-30. Run from the repository root:
#   Rscript cmd/eventstudy/testdata/ff3/reference.R
p <- read.csv("../shared/data/panel_ndx/prices/AAPL.csv")
p$date <- as.Date(p$Date)
p$r <- c(NA, p$Adj.Close[-1] / p$Adj.Close[-nrow(p)] - 1)
lines <- readLines("../shared/data/famafrench/F-F_Research_Data_Factors_daily.CSV")
data <- grep("^\\s*[0-9]{8},", lines, value = TRUE)
f <- read.csv(text = data, header = FALSE, col.names = c("d", "mkt", "smb", "hml", "rf"))
f$date <- as.Date(as.character(f$d), "%Y%m%d")
f[, 2:5] <- f[, 2:5] / 100
d0 <- which(p$date == as.Date("2019-01-30"))
g <- function(from, to) { x <- p[(d0 + from):(d0 + to), ]; cbind(x, f[match(x$date, f$date), 2:5]) }
est <- g(-250, -11)
fit <- lm(I(r - rf) ~ mkt + smb + hml, data = est)
X <- model.matrix(fit); M <- nrow(X); s2 <- sum(resid(fit)^2) / (M - 4)
XtXi <- solve(t(X) %*% X)
cat(sprintf("fit alpha=%.17g mkt=%.17g smb=%.17g hml=%.17g sigma=%.17g r2=%.17g M=%d first=%s last=%s\n",
            coef(fit)[1], coef(fit)[2], coef(fit)[3], coef(fit)[4], summary(fit)$sigma, summary(fit)$r.squared, M,
            format(min(est$date)), format(max(est$date))))
for (w in list(c(0, 0), c(-1, 1), c(-5, 5))) {
  ev <- g(w[1], w[2])
  x <- cbind(1, ev$mkt, ev$smb, ev$hml)
  ar <- (ev$r - ev$rf) - x %*% coef(fit)
  gsum <- colSums(x)
  v <- s2 * (nrow(x) + t(gsum) %*% XtXi %*% gsum)
  t <- sum(ar) / sqrt(v)
  cat(sprintf("%d:%d M=%d CAR=%.12g t=%.10g p=%.10g\n", w[1], w[2], M, sum(ar), t, 2 * pt(-abs(t), M - 4)))
}
