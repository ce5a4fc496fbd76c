#!/usr/bin/env Rscript
# Small probes of COINr's behaviour (direction, ties, NA, zeros), quoted in tools/coinr/README.md.
# Usage: Rscript tools/coinr/probe_behaviour.R
suppressPackageStartupMessages(library(COINr))
show <- function(label, expr) {
  res <- tryCatch(format(eval.parent(substitute(expr)), digits = 17),
                  error = function(e) paste("ERROR:", conditionMessage(e)))
  cat(sprintf("%-58s %s\n", label, paste(res, collapse = " ")))
}

x <- c(10, 20, 20, 30, NA)
cat("x =", x, "\n")
show("n_prank(x)                     (direction 1)", n_prank(x))
show("Normalise(x, n_prank, direction = -1)",
     Normalise(x, f_n = "n_prank", direction = -1))
show("n_prank(-x)                    (same thing)", n_prank(-x))
show("Normalise(x, n_minmax 0-100, direction = -1)",
     Normalise(x, f_n = "n_minmax", f_n_para = list(l_u = c(0, 100)), direction = -1))
show("Normalise(x, n_zscore c(0,1), direction = -1)",
     Normalise(x, f_n = "n_zscore", f_n_para = list(m_sd = c(0, 1)), direction = -1))
show("n_zscore(x) vs (x-mean)/sd (sd uses n-1)",
     c(n_zscore(x)[1], (10 - mean(x, na.rm = TRUE)) / sd(x, na.rm = TRUE)))

w <- c(5, 1, 1)
show("a_amean(c(NA,10,20), w=c(5,1,1))", a_amean(c(NA, 10, 20), w))
show("a_gmean(c(NA,10,20), w=c(5,1,1))", a_gmean(c(NA, 10, 20), w))
show("a_hmean(c(NA,10,20), w=c(5,1,1))", a_hmean(c(NA, 10, 20), w))
show("a_genmean(c(NA,10,20), w=c(5,1,1), p=0.5)", a_genmean(c(NA, 10, 20), w, p = 0.5))
show("a_genmean(c(10,20), w=c(1,1), p=0.5)", a_genmean(c(10, 20), c(1, 1), p = 0.5))
show("a_amean(c(NA,NA), w=c(1,1))", a_amean(c(NA_real_, NA_real_), c(1, 1)))
show("a_gmean(c(0,10), w=c(1,1))", a_gmean(c(0, 10), c(1, 1)))
show("a_gmean(c(-1,10), w=c(1,1))", a_gmean(c(-1, 10), c(1, 1)))
show("a_hmean(c(0,10), w=c(1,1))", a_hmean(c(0, 10), c(1, 1)))
show("a_hmean(c(-1,10), w=c(1,1))", a_hmean(c(-1, 10), c(1, 1)))
show("a_genmean(c(0,10), w=c(1,1), p=0.5)", a_genmean(c(0, 10), c(1, 1), p = 0.5))
show("a_genmean(c(0,10), w=c(1,1), p=-2)", a_genmean(c(0, 10), c(1, 1), p = -2))
show("a_genmean(c(10,20), w=c(1,1), p=0)", a_genmean(c(10, 20), c(1, 1), p = 0))

# Whole-coin check: does Aggregate with a geometric mean stop on a zero? (min-max onto [0,100] has zeros)
coin <- new_coin(ASEM_iData, ASEM_iMeta, level_names = c("Indicator", "Pillar", "Sub-index", "Index"),
                 quietly = TRUE)
coin <- Normalise(coin, dset = "Raw")
show("Aggregate(minmax 0-100, f_ag = a_gmean)",
     { Aggregate(coin, dset = "Normalised", f_ag = "a_gmean"); "ok" })

# Ties among the ASEM indicators with negative direction, and what n_prank gives them
im <- ASEM_iMeta[ASEM_iMeta$Type == "Indicator", ]
for (ic in im$iCode[im$Direction == -1]) {
  v <- ASEM_iData[[ic]]
  d <- v[duplicated(v) & !is.na(v)]
  if (length(d)) cat(sprintf("ties in %-10s (dir -1): values %s\n", ic, paste(unique(d), collapse = ", ")))
}
for (ic in im$iCode[im$Direction == 1]) {
  v <- ASEM_iData[[ic]]
  d <- v[duplicated(v) & !is.na(v)]
  if (length(d)) cat(sprintf("ties in %-10s (dir +1): values %s\n", ic, paste(unique(d), collapse = ", ")))
}
