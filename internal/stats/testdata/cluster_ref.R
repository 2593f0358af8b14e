# Reference values for cluster_test.go. Run: Rscript cluster_ref.R
# (R 4.2.2, sandwich 3.0.2, lmtest 0.9.40, Debian r-cran-sandwich and
# r-cran-lmtest). Prints Go map entries "quantity": value.
#
# vcovCL's defaults for an lm: type = "HC1" and cadjust = TRUE, so each
# component of the meat is scaled by G/(G-1) with its own G, and the sum
# by (n-1)/(n-k); two-way is V_A + V_B - V_{A∩B} (the intersection
# clusters are the pairs A_B); fix = FALSE (no eigenvalue fix). p-values
# from lmtest::coeftest with df = G-1 (one-way) and min(G_A, G_B)-1
# (two-way), the convention of eventstudy regress.
suppressMessages({library(sandwich); library(lmtest)})
out <- function(key, v) cat(sprintf("\t%-34s %.17g,\n", paste0('"', key, '":'), v))

# 1. crseEventStudy's example (../../../../shared/data/crse, SOURCES.md
# section 7): the mean of 2,340 abnormal returns, clustered by date, by
# firm (code) and both: what crseEvent(ars, cluster1 = "date",
# cluster2 = "code") computes.
cr <- read.csv("../../../../shared/data/crse/demo_share_repurchases.csv",
               colClasses = c("character", "character", "numeric"))
fm <- lm(ars ~ 1, data = cr)
for (cl in list(list("date", cr$date), list("code", cr$code), list("date+code", cr[, c("date", "code")]))) {
  V <- vcovCL(fm, cluster = cl[[2]])
  out(paste("crse", cl[[1]], "var"), V[1, 1])
  out(paste("crse", cl[[1]], "t"), coef(fm)[1] / sqrt(V[1, 1]))
}
out("crse mean", coef(fm)[1])
out("crse G date", length(unique(cr$date)))
out("crse G code", length(unique(cr$code)))

# 2. cluster.csv: y on x1 and x2 (row 17 is NA and left out by lm).
q <- read.csv("cluster.csv")
fit <- lm(y ~ x1 + x2, data = q)
qq <- q[!is.na(q$y), ]
Gf <- length(unique(qq$firm)); Gd <- length(unique(qq$date))
for (cl in list(list("firm", ~firm, Gf - 1), list("date", ~date, Gd - 1), list("firm+date", ~firm + date, min(Gf, Gd) - 1))) {
  V <- vcovCL(fit, cluster = cl[[2]])
  ct <- coeftest(fit, vcov. = V, df = cl[[3]])
  for (j in 1:3) {
    nm <- rownames(ct)[j]
    out(paste(cl[[1]], nm, "coef"), ct[j, 1])
    out(paste(cl[[1]], nm, "se"), ct[j, 2])
    out(paste(cl[[1]], nm, "t"), ct[j, 3])
    out(paste(cl[[1]], nm, "p"), ct[j, 4])
  }
  out(paste(cl[[1]], "cov x1 x2"), V[2, 3])
  out(paste(cl[[1]], "cov (Intercept) x2"), V[1, 3])
}

# 3. A two-way meat that is not positive semi-definite: 4 x 3 clusters,
# 12 rows (set.seed(1); x and y rounded to 2 decimals, pasted in
# cluster_test.go). vcovCL(fix = TRUE) sets the negative eigenvalue of the
# meat to 0.
set.seed(1)
d <- expand.grid(a = 1:4, b = 1:3)
d$x <- round(rnorm(12), 2); d$y <- round(rnorm(12) + d$a * 0.3, 2)
cat("\t// x:", sprintf("%.2f,", d$x), "\n\t// y:", sprintf("%.2f,", d$y), "\n")
fit <- lm(y ~ x, data = d)
ev <- eigen(meatCL(fit, cluster = ~a + b), symmetric = TRUE)$values
out("fix meat eigenvalue min", min(ev))
for (fx in c(FALSE, TRUE)) {
  V <- vcovCL(fit, cluster = ~a + b, fix = fx)
  out(paste("fix", fx, "var (Intercept)"), V[1, 1])
  out(paste("fix", fx, "var x"), V[2, 2])
  out(paste("fix", fx, "cov"), V[1, 2])
}
