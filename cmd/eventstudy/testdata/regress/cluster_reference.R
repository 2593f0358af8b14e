# Independent reference for TestRegressCluster in cmd/eventstudy/regress_test.go.
# Run from the repository root: Rscript cmd/eventstudy/testdata/regress/cluster_reference.R
# (R 4.2.2, sandwich 3.0.2 vcovCL with its lm defaults HC1 and cadjust,
# lmtest 0.9.40 coeftest with df = G-1, two-way min(G)-1).
suppressMessages({library(sandwich); library(lmtest)})
show <- function(ct) for (j in seq_len(nrow(ct))) cat(sprintf("%-12s %.15g %.15g %.15g %.15g\n", rownames(ct)[j], ct[j, 1], ct[j, 2], ct[j, 3], ct[j, 4]))
# 1. car.csv, window -1:1: car on size and news, clustered by ticker (5).
d <- read.csv("cmd/eventstudy/testdata/regress/car.csv", stringsAsFactors = FALSE)
d <- d[d$from == -1 & d$to == 1 & !is.na(d$size) & d$news != "", ]
fit <- lm(car ~ size + news, data = d)
show(coeftest(fit, vcov. = vcovCL(fit, cluster = ~ticker), df = length(unique(d$ticker)) - 1))
# 2. crseEventStudy's example (SOURCES.md section 7): the mean of ars,
# clustered by date (145), by code (35) and both.
cr <- read.csv("../shared/data/crse/demo_share_repurchases.csv", colClasses = c("character", "character", "numeric"))
fm <- lm(ars ~ 1, data = cr)
for (cl in list(~date, ~code, ~date + code)) {
  g <- min(sapply(all.vars(cl), function(v) length(unique(cr[[v]]))))
  show(coeftest(fm, vcov. = vcovCL(fm, cluster = cl), df = g - 1))
}
