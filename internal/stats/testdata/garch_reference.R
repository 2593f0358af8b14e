# Run from the repository root: Rscript internal/stats/testdata/garch_reference.R
# (R 4.2.2, tseries 0.10.53, fGarch 4022.89, Debian). Its output is pinned in
# garch_test.go (TestFitGARCHReference) and cmd/eventstudy/garch_test.go.
# Events: 9988.HK vs ^HSI, day 0 2025-11-14; AAPL and AMZN vs ^NDX, day 0 the
# session after their after-close earnings of 2023-11-02 and 2023-10-26.
# Independent fit of the garch model on the raw files: market model by lm on
# simple returns, estimation -250:-11 before day 0, then a Gaussian GARCH(1,1)
# on the 240 OLS residuals by
#   (1) tseries::garch (its own C optimizer; h_1 = mean(e^2), likelihood over t = 2..M),
#   (2) R optim (BFGS, reltol 1e-15, from tseries' estimate and from 0.1/0.8) on the
#       same conditional likelihood, written out below,
#   (3) fGarch::garchFit (include.mean = FALSE; its own initial variance, so only close).
# Printed: the market model (lm), then per GARCH fit the parameters, log-likelihood (with log 2*pi terms) at each estimate, the
# one-step forecast h_{M+1} and the day-0 SAR = AR0 / sqrt(h_{M+k}), k = 11 steps.
suppressMessages({library(tseries); library(fGarch)})
resid_of <- function(secf, mktf, skip_sec, skip_mkt, col_sec, col_mkt, day0) {
  s <- read.csv(secf, skip = skip_sec, header = FALSE, stringsAsFactors = FALSE)
  m <- read.csv(mktf, skip = skip_mkt, header = FALSE, stringsAsFactors = FALSE)
  s <- data.frame(date = as.Date(substr(s[[1]], 1, 10)), p = as.numeric(s[[col_sec]]))
  m <- data.frame(date = as.Date(substr(m[[1]], 1, 10)), p = as.numeric(m[[col_mkt]]))
  s$r <- c(NA, s$p[-1] / s$p[-nrow(s)] - 1)
  m$r <- c(NA, m$p[-1] / m$p[-nrow(m)] - 1)
  d0 <- which(s$date == as.Date(day0))
  est <- s[(d0 - 250):(d0 - 11), ]
  est$rm <- m$r[match(est$date, m$date)]
  est <- est[complete.cases(est), ]
  fit <- lm(r ~ rm, data = est)
  ar0 <- s$r[d0] - coef(fit)[1] - coef(fit)[2] * m$r[match(s$date[d0], m$date)]
  list(e = unname(resid(fit)), ar0 = unname(ar0), alpha = coef(fit)[1], beta = coef(fit)[2])
}
filt <- function(e, p) {
  h <- numeric(length(e)); h[1] <- mean(e^2)
  for (t in 2:length(e)) h[t] <- p[1] + p[2] * e[t - 1]^2 + p[3] * h[t - 1]
  h
}
ll <- function(e, p) { h <- filt(e, p); -0.5 * sum(log(2 * pi) + log(h[-1]) + e[-1]^2 / h[-1]) }
report <- function(name, r) {
  e <- r$e; M <- length(e)
  cat(sprintf("%s lm alpha=%.12g beta=%.12g M=%d ar0=%.12g\n", name, r$alpha, r$beta, M, r$ar0))
  g <- garch(e, order = c(1, 1), trace = FALSE)
  pt <- unname(coef(g))
  nll <- function(q) { p <- c(exp(q[1]), exp(q[2]), exp(q[3])); if (p[2] + p[3] >= 1) return(1e10); -ll(e, p) }
  best <- NULL
  for (st in list(pt, c(0.1 * mean(e^2), 0.1, 0.8))) {
    o <- optim(log(st), nll, method = "BFGS", control = list(reltol = 1e-15, maxit = 10000))
    o <- optim(o$par, nll, method = "Nelder-Mead", control = list(reltol = 1e-15, maxit = 20000))
    if (is.null(best) || o$value < best$value) best <- o
  }
  po <- exp(best$par)
  f <- garchFit(~ garch(1, 1), data = e, include.mean = FALSE, trace = FALSE)
  pf <- unname(coef(f))
  for (x in list(list("tseries", pt), list("optim", po), list("fGarch", pf))) {
    p <- x[[2]]; h <- filt(e, p)
    nx <- p[1] + p[2] * e[M]^2 + p[3] * h[M]
    u <- p[1] / (1 - p[2] - p[3])
    h11 <- u + (p[2] + p[3])^10 * (nx - u)
    cat(sprintf("%s %s omega=%.10g alpha=%.10g beta=%.10g loglik=%.12g next=%.10g sar0=%.10g\n",
                name, x[[1]], p[1], p[2], p[3], ll(e, p), nx, r$ar0 / sqrt(h11)))
  }
  write.csv(data.frame(e = sprintf("%.17g", e)), sprintf("internal/stats/testdata/garch_resid_%s.csv", name),
            row.names = FALSE, quote = FALSE)
}
D <- "../shared/data/"
report("9988HK", resid_of(paste0(D, "alibaba/9988.HK_daily_2021-03_2026-02.csv"),
                          paste0(D, "benchmarks/HSI_daily_2021-06_2026-06.csv"), 2, 3, 2, 2, "2025-11-14"))
report("AAPL", resid_of(paste0(D, "panel_ndx/prices/AAPL.csv"),
                        paste0(D, "benchmarks/NDX_daily_1985-10_2026-02.csv"), 1, 3, 6, 2, "2023-11-03"))
report("AMZN", resid_of(paste0(D, "panel_ndx/prices/AMZN.csv"),
                        paste0(D, "benchmarks/NDX_daily_1985-10_2026-02.csv"), 1, 3, 6, 2, "2023-10-27"))
# Windows whose likelihood has its maximum on the boundary alpha + beta = 1 (vs ^NDX,
# -250:-11): GOOG before 2019-10-29, the session after its amc earnings. optim under the
# constraint alpha + beta < 1 (penalty 1e10 outside, four starts) ends on the boundary;
# FitGARCH must skip it (ErrNoConvergence) even though its BFGS, through the logistic
# transform, stops short of 1 (at 0.999996).
for (x in list(c("GOOG", "2019-10-29"))) {
  r <- resid_of(paste0(D, "panel_ndx/prices/", x[1], ".csv"), paste0(D, "benchmarks/NDX_daily_1985-10_2026-02.csv"),
                1, 3, 6, 2, x[2])
  e <- r$e
  nll <- function(q) { p <- exp(q); if (p[2] + p[3] >= 1) return(1e10); -ll(e, p) }
  best <- NULL
  for (st in list(c(0.05, 0.05, 0.9), c(0.1, 0.1, 0.8), c(0.3, 0.2, 0.6), c(0.5, 0.05, 0.5))) {
    st[1] <- st[1] * mean(e^2)
    o <- optim(log(st), nll, method = "Nelder-Mead", control = list(reltol = 1e-14, maxit = 20000))
    if (is.null(best) || o$value < best$value) best <- o
  }
  p <- exp(best$par)
  cat(sprintf("%s optim omega=%.6g alpha=%.6g beta=%.6g alpha+beta=%.10f loglik=%.9f\n", x[1], p[1], p[2], p[3], p[2] + p[3], -best$value))
  write.csv(data.frame(e = sprintf("%.17g", e)), sprintf("internal/stats/testdata/garch_resid_%s.csv", x[1]), row.names = FALSE, quote = FALSE)
}
