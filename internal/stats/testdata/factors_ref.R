# Reference values for factor_test.go and thin_test.go from factors.csv.
# Run: Rscript factors_ref.R  (R 4.2.2). Prints Go map entries
# "model quantity": value. Coefficients and s2 from lm(); the forecast-error
# factor C = 1 + x' solve(t(X) %*% X) x and the CAR variance
# s2 (L + g' solve(t(X) %*% X) g), g = colSums of the window's rows of
# cbind(1, F), by hand matrix algebra (STATISTICS.md).
options(digits = 17)
p <- read.csv("factors.csv")
est <- p$day >= -120 & p$day <= -11
wins <- list(c(-1, 1), c(0, 5))
days <- c(-60, -11, 0, 1)
out <- function(key, v) cat(sprintf("\t%-28s %s,\n", paste0('"', key, '":'), if (is.na(v)) "math.NaN()" else sprintf("%.17g", v)))
shift <- function(x, k) { n <- length(x); s <- rep(NA, n); i <- seq_len(n) + k; ok <- i >= 1 & i <= n; s[ok] <- x[i[ok]]; s }

# OLS model of y on the columns of the data frame F (regressors on the grid).
ols <- function(name, y, F) {
  ok <- !is.na(y) & complete.cases(F); e <- ok & est
  d <- data.frame(y = y, F)[e, ]
  fit <- lm(y ~ ., data = d)
  b <- coef(fit); k <- length(b); M <- sum(e); s2 <- sum(resid(fit)^2) / (M - k)
  X <- cbind(1, as.matrix(F[e, , drop = FALSE])); XtXi <- solve(t(X) %*% X)
  out(paste(name, "M"), M); out(paste(name, "s2"), s2); out(paste(name, "posfrac"), mean(resid(fit) > 0))
  for (j in seq_along(b)) out(sprintf("%s b%d", name, j - 1), b[j])
  E <- as.vector(cbind(1, as.matrix(F)) %*% b); AR <- ifelse(ok, y - E, NA)
  for (t in days) {
    i <- which(p$day == t); x <- c(1, unlist(F[i, ]))
    C <- as.numeric(t(x) %*% XtXi %*% x) + 1
    out(sprintf("%s AR %d", name, t), AR[i]); out(sprintf("%s C %d", name, t), C)
    out(sprintf("%s SAR %d", name, t), AR[i] / sqrt(s2 * C))
  }
  for (w in wins) {
    k2 <- which(p$day >= w[1] & p$day <= w[2]); L <- length(k2)
    g <- colSums(cbind(1, as.matrix(F[k2, , drop = FALSE])))
    v <- s2 * (L + as.numeric(t(g) %*% XtXi %*% g)); car <- sum(AR[k2]); tt <- car / sqrt(v)
    key <- sprintf("%s %d:%d", name, w[1], w[2])
    out(paste(key, "CAR"), car); out(paste(key, "CARVar"), v); out(paste(key, "T"), tt)
    out(paste(key, "P"), 2 * pt(-abs(tt), M - k)); out(paste(key, "BHAR"), prod(1 + y[k2]) - prod(1 + E[k2]))
  }
  invisible(b)
}
cat("// FF3, Carhart, FF5 and a two-factor model on r\n")
ols("ff3", p$r, p[c("mkt", "smb", "hml")])
ols("carhart", p$r, p[c("mkt", "smb", "hml", "umd")])
ols("ff5", p$r, p[c("mkt", "smb", "hml", "rmw", "cma")])
ols("factors", p$r, p[c("mkt", "umd")])

cat("// Dimson (1979) on rthin, L = 1 and 2: lm of R_t on Rm_{t-L..t+L}\n")
m <- p$mkt
b <- ols("dimson1", p$rthin, data.frame(l1 = shift(m, -1), m0 = m, f1 = shift(m, 1)))
out("dimson1 beta", sum(b[-1]))
out("dimson1 AR 10", NA)  # day 10 has no Rm_{t+1} on the grid: NaN
b <- ols("dimson2", p$rthin, data.frame(l2 = shift(m, -2), l1 = shift(m, -1), m0 = m, f1 = shift(m, 1), f2 = shift(m, 2)))
out("dimson2 beta", sum(b[-1]))

cat("// Scholes-Williams (1977) on rthin: slopes by lm, rho by cor, over the common sample\n")
y <- p$rthin; ml <- shift(m, -1); mf <- shift(m, 1)
ok <- !is.na(y) & !is.na(ml) & !is.na(m) & !is.na(mf); e <- ok & est; M <- sum(e)
bm1 <- coef(lm(y[e] ~ ml[e]))[2]; b0 <- coef(lm(y[e] ~ m[e]))[2]; bp1 <- coef(lm(y[e] ~ mf[e]))[2]
rho <- cor(ml[e], m[e]); beta <- (bm1 + b0 + bp1) / (1 + 2 * rho); alpha <- mean(y[e]) - beta * mean(m[e])
res <- y[e] - alpha - beta * m[e]; s2 <- sum(res^2) / (M - 2); mm <- mean(m[e]); smm <- sum((m[e] - mm)^2)
out("sw M", M); out("sw rho", rho); out("sw alpha", alpha); out("sw beta", beta); out("sw s2", s2)
out("sw posfrac", mean(res > 0))
AR <- ifelse(!is.na(y) & !is.na(m), y - alpha - beta * m, NA)
for (t in c(0, 1, 10)) {
  i <- which(p$day == t); C <- 1 + 1 / M + (m[i] - mm)^2 / smm
  out(sprintf("sw AR %d", t), AR[i]); out(sprintf("sw C %d", t), C); out(sprintf("sw SAR %d", t), AR[i] / sqrt(s2 * C))
}
for (w in wins) {
  k2 <- which(p$day >= w[1] & p$day <= w[2]); L <- length(k2)
  v <- s2 * (L + L^2 / M + sum(m[k2] - mm)^2 / smm); car <- sum(AR[k2]); tt <- car / sqrt(v)
  key <- sprintf("sw %d:%d", w[1], w[2])
  out(paste(key, "CAR"), car); out(paste(key, "CARVar"), v); out(paste(key, "T"), tt); out(paste(key, "P"), 2 * pt(-abs(tt), M - 2))
}
