# Reference for TestGAFAMRealData (gafam_test.go): the first event of the
# GAFAM 10-K list (AAPL, 2019-10-31) from the wide file of simple returns,
# market model on SPY, estimation -250:-11, with R 4.2.2 lm().
# Run: Rscript cmd/eventstudy/testdata/gafam_reference.R (prints AR(0),
# SAR(0) and the residual df).
d <- read.csv("/work/shared/data/gafam/returns_GAFAM.csv")
i <- which(d$date == "2019-10-31")
est <- (i - 250):(i - 11)
f <- lm(AAPL ~ SPY, data = d[est, ])
ar0 <- d$AAPL[i] - (coef(f)[1] + coef(f)[2] * d$SPY[i])
s2 <- sum(residuals(f)^2) / f$df.residual
m <- d$SPY[est]
c0 <- 1 + 1/length(m) + (d$SPY[i] - mean(m))^2 / sum((m - mean(m))^2)
options(digits = 17)
cat(ar0, ar0 / sqrt(s2 * c0), f$df.residual, "\n")
