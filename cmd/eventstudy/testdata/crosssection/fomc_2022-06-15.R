# Independent check of 'eventstudy cross-section' on real data (crosssection_test.go):
# the FOMC decision of 2022-06-15 across the Nasdaq-100 panel, window 0:1,
# estimation -250:-11, momentum from scripts/momentum.py, 5 factors.
# R 4.2.2, base only: lm() for the OLS slopes (event and each pre-event
# period), svd() for the principal components, solve() on the dense
# N x N Sigma for GLS. Run from the repository root:
#   Rscript cmd/eventstudy/testdata/crosssection/fomc_2022-06-15.R EVENTS_WITH_MOMENTUM.csv
args <- commandArgs(TRUE)
dir <- "../shared/data/panel_ndx/prices"
ev <- read.csv(args[1], colClasses = "character")
ev <- ev[ev$date == "2022-06-15", ]
files <- list.files(dir, pattern = "\\.csv$")
px <- lapply(files, function(f) read.csv(file.path(dir, f), colClasses = c(Date = "character")))
names(px) <- sub("\\.csv$", "", files)
axis <- sort(unique(unlist(lapply(px, function(p) p$Date))))
ret <- lapply(px, function(p) {
  r <- rep(NA_real_, length(axis))
  a <- p$`Adj.Close`
  r[match(p$Date, axis)] <- c(NA, a[-1] / a[-length(a)] - 1)
  r
})
d0 <- which(axis >= "2022-06-15")[1]
L <- 2; est <- (d0 - 250):(d0 - 11)
keep <- c(); y <- c(); x <- c()
for (i in seq_len(nrow(ev))) {
  t <- ev$ticker[i]; m <- ev$momentum[i]
  if (m == "" || is.null(ret[[t]])) next
  r <- ret[[t]]
  yy <- sum(r[d0:(d0 + L - 1)])
  if (is.na(yy) || sum(!is.na(r[est])) < 120) next
  keep <- c(keep, t); y <- c(y, yy); x <- c(x, as.numeric(m))
}
f <- function(v) paste(sprintf("%.17g", v), collapse = ", ")
cat("n:", length(y), "\n")
b <- coef(lm(y ~ x))
cat("ols:", f(b), "\n")
pre <- c()
for (end in seq(d0 - 11, d0 - 250 + L - 1, by = -L)) {
  yp <- sapply(keep, function(t) sum(ret[[t]][(end - L + 1):end]))
  pre <- rbind(pre, coef(lm(yp ~ x)))
}
pemp <- sapply(1:2, function(j) min(1, 2 * (min(sum(pre[, j] >= b[j]), sum(pre[, j] <= b[j])) + 1) / (nrow(pre) + 1)))
cat("npre:", nrow(pre), "\np_empirical:", f(pemp), "\npre_sd:", f(apply(pre, 2, sd)), "\n")
# Factor covariance: standardized returns, 0 where missing, thin SVD, 5 components.
fcov <- function(R, k = 5) {
  T <- nrow(R)
  mu <- colMeans(R, na.rm = TRUE); s <- apply(R, 2, sd, na.rm = TRUE); nobs <- colSums(!is.na(R))
  Z <- sweep(sweep(R, 2, mu), 2, s, "/"); Z[is.na(Z)] <- 0
  sv <- svd(Z)
  F <- s * sv$v[, 1:k] %*% diag(sv$d[1:k]) * sqrt(T - 1) / (nobs - 1)
  D <- pmax(s^2 - rowSums(F^2), 0.01 * s^2)
  F %*% t(F) + diag(D)
}
gls <- function(y, x, S) {
  X <- cbind(1, x); Si <- solve(S)
  A <- t(X) %*% Si %*% X
  g <- solve(A, t(X) %*% Si %*% y)
  e <- y - X %*% g
  s2 <- as.numeric(t(e) %*% Si %*% e) / (length(y) - 2)
  list(coef = as.vector(g), se = sqrt(diag(s2 * solve(A))))
}
S <- fcov(sapply(keep, function(t) ret[[t]][est]))
G <- gls(y, x, S)
cat("gls:", f(G$coef), "\ngls_se:", f(G$se), "\ngls_p:", f(2 * pt(-abs(G$coef / G$se), length(y) - 2)), "\n")
# The GLS slopes of the pre-event periods, each group of floor(21/L)
# periods with Sigma estimated over days -250..-11 relative to the first
# day of the group's earliest period, from the firms with at least half of
# those returns.
ends <- seq(d0 - 11, d0 - 250 + L - 1, by = -L)
per <- max(1, floor(21 / L))
gpre <- c()
for (t in seq_along(ends)) {
  if ((t - 1) %% per == 0) {
    last <- min(t + per - 1, length(ends))
    start <- ends[last] - L + 1
    win <- (start - 250):(start - 11)
    Rw <- sapply(keep, function(tk) ret[[tk]][win])
    inn <- colSums(!is.na(Rw)) >= length(win) %/% 2
    Sw <- fcov(Rw[, inn])
  }
  yp <- sapply(keep[inn], function(tk) sum(ret[[tk]][(ends[t] - L + 1):ends[t]]))
  ok <- !is.na(yp)
  gpre <- rbind(gpre, gls(yp[ok], x[inn][ok], Sw[ok, ok])$coef)
}
gpemp <- sapply(1:2, function(j) min(1, 2 * (min(sum(gpre[, j] >= G$coef[j]), sum(gpre[, j] <= G$coef[j])) + 1) / (nrow(gpre) + 1)))
cat("n_pre_gls:", nrow(gpre), "\ngls_p_empirical:", f(gpemp), "\n")
