# Generates panel.csv, the small event panel of cross_test.go.
# Run: Rscript panel_gen.R  (R 4.2.2; output committed, do not regenerate
# without updating the expected values from panel_ref.R).
set.seed(20240601)
rows <- list()
for (ev in 1:6) {
  first <- if (ev == 2) -28 else -30
  days <- first:2
  m <- rnorm(length(days), 0, 0.01)
  r <- 0.0005 + (0.6 + 0.2 * ev) * m + rnorm(length(days), 0, 0.02)
  r[days == 0] <- r[days == 0] + 0.03
  if (ev == 3) { r[days == -20] <- NA; m[days == -7] <- NA }  # two missing estimation days
  if (ev == 5) r[days == 1] <- NA                            # missing event day
  rows[[ev]] <- data.frame(event = ev, day = days, r = r, m = m)
}
p <- do.call(rbind, rows)
p$r <- ifelse(is.na(p$r), "", sprintf("%.17g", p$r))
p$m <- ifelse(is.na(p$m), "", sprintf("%.17g", p$m))
write.csv(p, "panel.csv", row.names = FALSE, quote = FALSE)
