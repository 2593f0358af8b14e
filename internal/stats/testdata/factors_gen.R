# Generates factors.csv (one event on relative days -120..10: an excess
# return r, the factors mkt (Mkt-RF), smb, hml, umd, rmw, cma, and a thinly
# traded security's return rthin) and regress.csv (a cross-section of 40
# CARs with two characteristics and heteroskedastic noise), the inputs of
# factor_test.go, thin_test.go and regress_test.go.
# Run: Rscript factors_gen.R  (R 4.2.2; output committed, do not regenerate
# without updating the expected values from factors_ref.R and regress_ref.R).
set.seed(20251125)
days <- -120:10; n <- length(days)
e <- rnorm(n + 1, 0, 0.01)
mkt <- numeric(n + 1); mkt[1] <- e[1]
for (t in 2:(n + 1)) mkt[t] <- 0.0004 + 0.15 * mkt[t - 1] + e[t]  # autocorrelated market
mlag <- mkt[1:n]; mkt <- mkt[2:(n + 1)]
smb <- rnorm(n, 0, 0.005); hml <- rnorm(n, 0, 0.005); umd <- rnorm(n, 0, 0.006)
rmw <- rnorm(n, 0, 0.004); cma <- 0.4 * hml + rnorm(n, 0, 0.003)
r <- 0.0003 + 1.1 * mkt + 0.4 * smb - 0.3 * hml + 0.2 * umd + 0.1 * rmw - 0.2 * cma + rnorm(n, 0, 0.015)
r[days == 0] <- r[days == 0] + 0.03
mlead <- c(mkt[-1], rnorm(1, 0, 0.01))
rthin <- 0.0002 + 0.6 * mkt + 0.3 * mlag + 0.15 * mlead + rnorm(n, 0, 0.012)
r[days == -100] <- NA; hml[days == -50] <- NA; mkt[days == -30] <- NA; rthin[days == -70] <- NA
p <- data.frame(day = days, r = r, mkt = mkt, smb = smb, hml = hml, umd = umd, rmw = rmw, cma = cma, rthin = rthin)
f <- function(x) ifelse(is.na(x), "", sprintf("%.17g", x))
for (v in names(p)[-1]) p[[v]] <- f(p[[v]])
write.csv(p, "factors.csv", row.names = FALSE, quote = FALSE)

N <- 40
size <- rnorm(N, 7, 1.5); surprise <- rnorm(N, 0, 0.02)
car <- 0.01 - 0.002 * size + 0.8 * surprise + rnorm(N, 0, 0.01 * (1 + abs(surprise) / 0.01))
car[7] <- NA; surprise[23] <- NA
q <- data.frame(car = f(car), size = f(size), surprise = f(surprise))
write.csv(q, "regress.csv", row.names = FALSE, quote = FALSE)
