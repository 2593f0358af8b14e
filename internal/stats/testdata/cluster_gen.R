# Generates cluster.csv for cluster_test.go: 12 firms x 10 dates, y with a
# firm effect and a date effect (so both one-way clusterings matter), two
# regressors that are themselves correlated within firm and within date,
# and one missing y (row 17) to check that the row is left out with its
# cluster labels. Run: Rscript cluster_gen.R  (R 4.2.2).
set.seed(20261202)
firms <- 12; dates <- 10
d <- expand.grid(date = 1:dates, firm = 1:firms)[, c("firm", "date")]
fe <- rnorm(firms); de <- rnorm(dates)
d$x1 <- fe[d$firm] + rnorm(nrow(d))
d$x2 <- de[d$date] + rnorm(nrow(d))
d$y <- 0.5 + 0.3 * d$x1 - 0.2 * d$x2 + fe[d$firm] + de[d$date] + rnorm(nrow(d))
d$y[17] <- NA
d$firm <- 100 + d$firm   # labels that are not row numbers
d$date <- 20240100 + d$date
write.csv(d, "cluster.csv", row.names = FALSE, quote = FALSE, na = "")
