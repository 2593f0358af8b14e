# Reference values for TestSpans (spans_test.go): the trade-to-trade market
# model of Maynes & Rumsey (1993) as weighted least squares in R's lm(),
# R 4.2.2. Run: Rscript spans_ref.R
# Days t = 1..130 of one event: estimation t = 1..120, event days
# t = 121..130 (relative days -5..+4 with day 0 at t = 126). A return spans
# n_t days; the data are closed forms that spans_test.go recomputes.
t <- 1:130
n <- 1 + (t %% 4 == 0) + 2 * (t %% 9 == 0)
rm <- 0.01 * sin(t) * sqrt(n)
r <- 0.0003 * n + 1.2 * rm + 0.02 * cos(3 * t) * sqrt(n)
est <- t <= 120
fit <- lm(I(r / sqrt(n)) ~ 0 + sqrt(n) + I(rm / sqrt(n)), subset = est)
a <- coef(fit)[1]; b <- coef(fit)[2]
s2 <- sum(residuals(fit)^2) / fit$df.residual
zzinv <- vcov(fit) / s2
ar <- r - a * n - b * rm
sar <- sapply(t, function(i) { x <- c(n[i], rm[i]); ar[i] / sqrt(s2 * (n[i] + t(x) %*% zzinv %*% x)) })
w <- 125:127 # window -1:+1
g <- c(sum(n[w]), sum(rm[w]))
carvar <- s2 * (sum(n[w]) + t(g) %*% zzinv %*% g)
# The constant-mean model: E = n a, a = sum(r) / sum(n) over estimation.
ac <- sum(r[est]) / sum(n[est])
s2c <- sum((r[est] - ac * n[est])^2 / n[est]) / (sum(est) - 1)
options(digits = 17)
cat("alpha", a, "\nbeta", b, "\ns2", s2, "\ndf", fit$df.residual, "\n")
cat("ar", ar[126], "\nsar", sar[126], "\nsar_est", sar[8], "\ncar", sum(ar[w]), "\ncarvar", carvar, "\n")
cat("n126", n[126], "n125", n[125], "n127", n[127], "\n")
cat("cm_alpha", ac, "\ncm_s2", s2c, "\n")
