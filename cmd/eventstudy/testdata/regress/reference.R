# Independent reference for cmd/eventstudy/regress_test.go (R 4.2.2, base R
# only): OLS of car on size and news dummies (base "bad"), window -1:1, rows
# with an empty size or news left out; HC1 covariance by hand.
d <- read.csv("cmd/eventstudy/testdata/regress/car.csv", stringsAsFactors = FALSE)
d <- d[d$from == -1 & d$to == 1 & !is.na(d$size) & d$news != "", ]
X <- cbind(1, d$size, d$news == "good", d$news == "neutral")
y <- d$car
b <- solve(t(X) %*% X, t(X) %*% y)
e <- as.vector(y - X %*% b)
n <- nrow(X); k <- ncol(X)
B <- solve(t(X) %*% X)
V <- n / (n - k) * B %*% t(X) %*% diag(e^2) %*% X %*% B
se <- sqrt(diag(V)); tt <- b / se; p <- 2 * pt(-abs(tt), n - k)
r2 <- 1 - sum(e^2) / sum((y - mean(y))^2)
print(cbind(b, se, tt, p), digits = 15); cat("n", n, "r2", format(r2, digits = 15), "\n")
