# Reference for TestPathBand (internal/chart/band_test.go): R's default
# quantile (type 7) of the estimation days' paths bar by bar, missing
# bars (NA) left out. Run: Rscript pathband.R
paths <- rbind(
  c(0.0010, -0.0020, 0.0040, NA),
  c(-0.0030, 0.0010, 0.0050, 0.0020),
  c(0.0020, 0.0030, -0.0010, NA),
  c(0.0000, -0.0040, 0.0070, NA),
  c(0.0050, 0.0020, 0.0000, 0.0010),
  c(-0.0010, 0.0060, 0.0030, NA),
  c(0.0040, -0.0010, 0.0020, NA)
)
cat(R.version.string, "\n")
for (i in seq_len(ncol(paths))) {
  q <- quantile(paths[, i], c(0.05, 0.95), type = 7, na.rm = TRUE, names = FALSE)
  cat(sprintf("bar %d: %.17g %.17g\n", i, q[1], q[2]))
}
