# Reference for TestHolmBH (adjust_test.go): R 4.2.2, stats::p.adjust.
# Rscript internal/stats/testdata/padjust.R
p <- c(0.01, 0.04, 0.03, 0.005, 0.5, NA, 0.04, 0.2, 1e-4, 0.9)
options(digits=17)
print(p.adjust(p, "holm")); print(p.adjust(p, "BH")); print(R.version.string)
