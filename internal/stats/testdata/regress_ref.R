# Reference values for regress_test.go from regress.csv.
# Run: Rscript regress_ref.R  (R 4.2.2). The sandwich package is not
# installed, so HC1 is written out (White 1980; MacKinnon & White 1985):
#   V = (n/(n-k)) * solve(X'X) %*% t(X) %*% diag(e^2) %*% X %*% solve(X'X)
# Coefficients, R^2 and adjusted R^2 from lm(); rows with an NA dropped
# (lm's default na.omit). Prints Go map entries "quantity": value.
options(digits = 17)
q <- read.csv("regress.csv")
out <- function(key, v) cat(sprintf("\t%-22s %.17g,\n", paste0('"', key, '":'), v))
fit <- lm(car ~ size + surprise, data = q)
X <- model.matrix(fit); e <- resid(fit); n <- nrow(X); k <- ncol(X)
XtXi <- solve(t(X) %*% X)
V <- (n / (n - k)) * XtXi %*% t(X) %*% diag(e^2) %*% X %*% XtXi
se <- sqrt(diag(V)); b <- coef(fit); tt <- b / se; pv <- 2 * pt(-abs(tt), n - k)
out("N", n); out("R2", summary(fit)$r.squared); out("AdjR2", summary(fit)$adj.r.squared)
for (j in 1:k) {
  nm <- names(b)[j]
  out(paste(nm, "coef"), b[j]); out(paste(nm, "se"), se[j]); out(paste(nm, "t"), tt[j]); out(paste(nm, "p"), pv[j])
}
out("cov size surprise", V[2, 3]); out("cov (Intercept) size", V[1, 2])
