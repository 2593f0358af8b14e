# Rscript cmd/eventstudy/testdata/padjust_tests.R OUT/tests.csv
# (R 4.2.2, base stats::p.adjust). Independent check of tests.csv's p_holm
# and p_bh: the family is every window-scope row with a p-value; day rows
# and n/a rows are left out. Pinned in alibaba_test.go (TestAlibabaRealData).
x <- read.csv(commandArgs(TRUE)[1], stringsAsFactors = FALSE)
w <- x[x$scope == "window" & !is.na(x$p_value), ]
w$holm <- p.adjust(w$p_value, "holm")
w$bh <- p.adjust(w$p_value, "BH")
cat(sprintf("family m=%d\n", nrow(w)))
for (i in seq_len(nrow(w))) cat(sprintf("%d:%d %s p=%.10g holm=%.10g bh=%.10g\n", w$from[i], w$to[i], w$test[i], w$p_value[i], w$holm[i], w$bh[i]))
