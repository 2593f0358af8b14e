# Reference values for commonshock_test.go (TestGLSAgainstR, TestCommonShockOLSAgainstR).
# R 4.2, base only: lm() for OLS, and GLS with the dense Sigma = F F' + diag(D)
# solved by solve(), Sigma known up to scale (s^2 = e'S^-1 e/(N-K)).
# Run: Rscript internal/stats/testdata/commonshock_gls.R
set.seed(12)
n <- 12; k <- 2
F <- matrix(round(rnorm(n * k, sd = 0.01), 6), n, k)
D <- round(runif(n, 1e-4, 4e-4), 7)
x1 <- round(rnorm(n), 4)
x2 <- round(runif(n, 0, 10), 3)
y <- round(0.002 + 0.004 * x1 + as.vector(F %*% c(1.5, -0.7)) + rnorm(n, sd = 0.015), 6)
f <- function(v) paste(sprintf("%.17g", v), collapse = ", ")
cat("F1:", f(F[, 1]), "\nF2:", f(F[, 2]), "\nD:", f(D), "\nx1:", f(x1), "\nx2:", f(x2), "\ny:", f(y), "\n")
fit <- lm(y ~ x1 + x2)
cat("lm coef:", f(coef(fit)), "\n")
S <- F %*% t(F) + diag(D)
X <- cbind(1, x1, x2)
Si <- solve(S)
A <- t(X) %*% Si %*% X
b <- solve(A, t(X) %*% Si %*% y)
e <- y - X %*% b
s2 <- as.numeric(t(e) %*% Si %*% e) / (n - 3)
se <- sqrt(diag(s2 * solve(A)))
cat("gls coef:", f(b), "\ngls se:", f(se), "\ngls p:", f(2 * pt(-abs(b / se), n - 3)), "\n")
