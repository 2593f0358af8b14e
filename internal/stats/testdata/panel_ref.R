# Independent reference values for cross_test.go from panel.csv.
# Run: Rscript panel_ref.R  (R 4.2.2). Market model by lm(), tests by
# t.test(), wilcox.test() and the formulas of STATISTICS.md written out.
options(digits = 17)
p <- read.csv("panel.csv")
est <- -30:-3; wins <- list(c(-1, 1), c(0, 0), c(0, 2)); span <- c(est, -1:2)
ev <- list()
for (i in unique(p$event)) {
  d <- p[p$event == i, ]
  ok <- !is.na(d$r) & !is.na(d$m)
  e <- d$day %in% est & ok
  fit <- lm(r ~ m, data = d[e, ])
  M <- sum(e); s2 <- sum(resid(fit)^2) / (M - 2)
  mm <- mean(d$m[e]); smm <- sum((d$m[e] - mm)^2)
  E <- coef(fit)[1] + coef(fit)[2] * d$m
  AR <- ifelse(ok, d$r - E, NA)
  SAR <- AR / sqrt(s2 * (1 + 1 / M + (d$m - mm)^2 / smm))
  inspan <- d$day %in% span & ok
  U <- rep(NA, nrow(d)); U[inspan] <- rank(AR[inspan]) / (sum(inspan) + 1) - 0.5
  ev[[i]] <- list(day = d$day, r = d$r, m = d$m, AR = AR, SAR = SAR, U = U, M = M, s2 = s2,
                  mm = mm, smm = smm, E = E, df = M - 2, pos = mean(resid(fit) > 0),
                  a = coef(fit)[1], b = coef(fit)[2])
}
at <- function(x, e, d) { k <- which(e$day == d); if (length(k)) x[k] else NA }
cat("event 1: alpha beta s2 M posfrac\n"); e1 <- ev[[1]]; print(c(e1$a, e1$b, e1$s2, e1$M, e1$pos))
cat("event 3: M\n"); print(ev[[3]]$M)
cat("event 2: M\n"); print(ev[[2]]$M)
wstat <- function(e, w) {
  k <- which(e$day >= w[1] & e$day <= w[2]); L <- length(k)
  car <- sum(e$AR[k]); v <- e$s2 * (L + L^2 / e$M + sum(e$m[k] - e$mm)^2 / e$smm)
  t <- car / sqrt(v)
  c(car = car, bhar = prod(1 + e$r[k]) - prod(1 + e$E[k]), var = v, t = t,
    p = 2 * pt(-abs(t), e$df), csar = sum(e$SAR[k]))
}
cat("event 1 window -1:1: CAR BHAR CARVar T P CSAR\n"); print(wstat(e1, c(-1, 1)))
cat("event 1 day 0: SAR p\n"); print(c(at(e1$SAR, e1, 0), 2 * pt(-abs(at(e1$SAR, e1, 0)), e1$df)))
aarest <- sapply(est, function(d) mean(sapply(ev, function(e) at(e$AR, e, d)), na.rm = TRUE))
aarest <- aarest[!is.nan(aarest)]; S <- sd(aarest); Mbw <- length(aarest)
grid <- -30:2
meanU <- sapply(grid, function(d) mean(sapply(ev, function(e) at(e$U, e, d)), na.rm = TRUE))
SU <- sqrt(mean(meanU[!is.nan(meanU)]^2))
out <- function(name, stat, p, df = NA, n) cat(sprintf("%-17s stat=%.17g p=%.17g df=%s n=%d\n", name, stat, p, df, n))
for (d in c(0, 1)) {
  cat("day", d, "\n")
  use <- sapply(ev, function(e) !is.na(at(e$AR, e, d)))
  x <- sapply(ev[use], function(e) at(e$AR, e, d)); s <- sapply(ev[use], function(e) at(e$SAR, e, d))
  dfs <- sapply(ev[use], function(e) e$df); n <- length(x)
  cat("AAR", mean(x), "\n")
  tt <- t.test(x); out("t", tt$statistic, tt$p.value, tt$parameter, n)
  z <- mean(x) / S; out("brown-warner", z, 2 * pt(-abs(z), Mbw - 1), Mbw - 1, n)
  z <- sum(s) / sqrt(sum(dfs / (dfs - 2))); out("patell", z, 2 * pnorm(-abs(z)), NA, n)
  tt <- t.test(s); out("bmp", tt$statistic, tt$p.value, tt$parameter, n)
  z <- (sum(x > 0) - n / 2) / (sqrt(n) / 2); out("sign", z, 2 * pnorm(-abs(z)), NA, n)
  pp <- mean(sapply(ev[use], function(e) e$pos)); z <- (sum(x > 0) - n * pp) / sqrt(n * pp * (1 - pp))
  out("generalized-sign", z, 2 * pnorm(-abs(z)), NA, n)
  w <- wilcox.test(x, exact = TRUE); out("wilcoxon", w$statistic, w$p.value, NA, n)
  z <- meanU[grid == d] / SU; out("corrado-rank", z, 2 * pnorm(-abs(z)), NA, n)
}
for (w in list(c(-1, 1), c(0, 2))) {
  cat("window", w, "\n")
  L <- w[2] - w[1] + 1
  ws <- lapply(ev, wstat, w = w); use <- sapply(ws, function(v) !is.na(v["car"]))
  car <- sapply(ws[use], function(v) v["car"]); scar <- sapply(ws[use], function(v) v["t"])
  csar <- sapply(ws[use], function(v) v["csar"]); dfs <- sapply(ev[use], function(e) e$df); n <- length(car)
  cat("CAAR", mean(car), "\n")
  tt <- t.test(car); out("t", tt$statistic, tt$p.value, tt$parameter, n)
  z <- mean(car) / (sqrt(L) * S); out("brown-warner", z, 2 * pt(-abs(z), Mbw - 1), Mbw - 1, n)
  z <- sum(csar / sqrt(L * dfs / (dfs - 2))) / sqrt(n); out("patell", z, 2 * pnorm(-abs(z)), NA, n)
  tt <- t.test(scar); out("bmp", tt$statistic, tt$p.value, tt$parameter, n)
  z <- (sum(car > 0) - n / 2) / (sqrt(n) / 2); out("sign", z, 2 * pnorm(-abs(z)), NA, n)
  pp <- mean(sapply(ev[use], function(e) e$pos)); z <- (sum(car > 0) - n * pp) / sqrt(n * pp * (1 - pp))
  out("generalized-sign", z, 2 * pnorm(-abs(z)), NA, n)
  wt <- wilcox.test(car, exact = TRUE); out("wilcoxon", wt$statistic, wt$p.value, NA, n)
  z <- sum(meanU[grid >= w[1] & grid <= w[2]]) / (sqrt(L) * SU); out("corrado-rank", z, 2 * pnorm(-abs(z)), NA, n)
}
# Other models on event 1, window -1:1.
d <- p[p$event == 1, ]; e <- d$day %in% est; k <- d$day >= -1 & d$day <= 1; L <- 3; M <- sum(e)
s2 <- var(d$r[e]); car <- sum(d$r[k] - mean(d$r[e])); v <- s2 * (L + L^2 / M); t <- car / sqrt(v)
cat("constant-mean: s2 CAR CARVar T P\n"); print(c(s2, car, v, t, 2 * pt(-abs(t), M - 1)))
s2 <- var(d$r[e] - d$m[e]); car <- sum(d$r[k] - d$m[k]); v <- s2 * L; t <- car / sqrt(v)
cat("market-adjusted: s2 CAR CARVar T P\n"); print(c(s2, car, v, t, 2 * pt(-abs(t), M - 1)))
