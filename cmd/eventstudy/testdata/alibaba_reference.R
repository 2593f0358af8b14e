# Run from the repository root: Rscript cmd/eventstudy/testdata/alibaba_reference.R
# (R 4.2.2, Debian r-base-core). Its output is pinned in alibaba_test.go.
# Independent computation of the Alibaba case with base R (lm), reading the
# raw files: market model on simple returns, estimation -250:-11, day 0 = 2025-11-14.
case1 <- function(secf, mktf, skip_sec, skip_mkt, secname) {
  s <- read.csv(secf, skip = skip_sec, header = FALSE, stringsAsFactors = FALSE)
  m <- read.csv(mktf, skip = skip_mkt, header = FALSE, stringsAsFactors = FALSE)
  s <- data.frame(date = as.Date(substr(s$V1, 1, 10)), p = as.numeric(s$V2))
  m <- data.frame(date = as.Date(substr(m$V1, 1, 10)), p = as.numeric(m$V2))
  s$r <- c(NA, s$p[-1] / s$p[-nrow(s)] - 1)
  m$r <- c(NA, m$p[-1] / m$p[-nrow(m)] - 1)
  d0 <- which(s$date == as.Date("2025-11-14"))
  idx <- function(from, to) (d0 + from):(d0 + to)
  est <- s[idx(-250, -11), ]
  est$rm <- m$r[match(est$date, m$date)]
  fit <- lm(r ~ rm, data = est)
  M <- sum(complete.cases(est))
  s2 <- sum(resid(fit)^2) / (M - 2)
  used <- est$date[complete.cases(est)]
  cat(sprintf("%s fit alpha=%.17g beta=%.17g sigma=%.17g r2=%.17g M=%d first=%s last=%s\n", secname, coef(fit)[1], coef(fit)[2],
              summary(fit)$sigma, summary(fit)$r.squared, M, format(min(used)), format(max(used))))
  mm <- mean(est$rm, na.rm = TRUE); smm <- sum((est$rm - mm)^2, na.rm = TRUE)
  for (w in list(c(0, 0), c(-1, 1), c(-5, 5))) {
    ev <- s[idx(w[1], w[2]), ]
    ev$rm <- m$r[match(ev$date, m$date)]
    ar <- ev$r - predict(fit, newdata = ev)
    L <- length(ar); car <- sum(ar)
    v <- s2 * (L + L^2 / M + (sum(ev$rm - mm))^2 / smm)
    t <- car / sqrt(v); p <- 2 * pt(-abs(t), M - 2)
    cat(sprintf("%s %d:%d M=%d alpha=%.10g beta=%.10g CAR=%.12g t=%.10g p=%.10g\n", secname, w[1], w[2], M, coef(fit)[1], coef(fit)[2], car, t, p))
    # SQ test (Gelbach, Helland & Klick 2013): the CAR among the overlapping
    # L-day sums of the in-sample residuals (no gaps here: M = 240 of 240),
    # p = 2 (1 + min(#sums >= CAR, #sums <= CAR)) / (n + 1), capped at 1;
    # ecdf() gives the CAR's position among the sums.
    sums <- as.numeric(stats::filter(resid(fit), rep(1, L), sides = 1))
    sums <- sums[!is.na(sums)]
    n <- length(sums)
    sq <- min(1, 2 * (1 + min(sum(sums >= car), sum(sums <= car))) / (n + 1))
    cat(sprintf("%s %d:%d SQ sums=%d below=%d ecdf=%.6f sq_p=%.10g\n", secname, w[1], w[2], n, sum(sums < car), ecdf(sums)(car), sq))
  }
}
case1("../shared/data/alibaba/9988.HK_daily_2021-03_2026-02.csv", "../shared/data/benchmarks/HSI_daily_2021-06_2026-06.csv", 2, 3, "9988.HK")
case1("../shared/data/alibaba/BABA_daily_2021-01_2026-03.csv", "../shared/data/benchmarks/SPY_daily_2021-01_2026-03.csv", 1, 1, "BABA")
