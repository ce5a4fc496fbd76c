#!/usr/bin/env Rscript
# Produces COINr reference fixtures for the ASEM example (51 units x 49 indicators, 4 levels).
#
# Usage (from the repository root):  Rscript tools/coinr/make_fixtures.R [OUT_DIR]
# OUT_DIR defaults to tests/fixtures/coinr. Needs COINr installed (see tools/coinr/README.md).
#
# Every run: new_coin(ASEM_iData, ASEM_iMeta) -> Normalise(dset = "Raw") -> Aggregate(dset = "Normalised"),
# with no denomination, no imputation, no treatment; directions and weights from ASEM_iMeta.

suppressPackageStartupMessages(library(COINr))

args <- commandArgs(trailingOnly = TRUE)
out_dir <- if (length(args) >= 1) args[1] else "tests/fixtures/coinr"
dir.create(out_dir, recursive = TRUE, showWarnings = FALSE)

fmt <- function(x) ifelse(is.na(x), "", sprintf("%.17g", x))

write_fixture <- function(df, path) {
  # df: first column uCode (character), then numeric columns
  out <- data.frame(uCode = df$uCode, stringsAsFactors = FALSE)
  for (nm in names(df)[-1]) out[[nm]] <- fmt(df[[nm]])
  utils::write.csv(out, path, row.names = FALSE, quote = FALSE, na = "")
}

# Helper normalisation function: 100 x COINr's percentile rank.
# COINr's n_prank returns values in [0, 1]; Normalise.coin() accepts any function name as f_n,
# so this wrapper only rescales COINr's own output. Formula: 100 * ((rank_min - 1) / (n_nonNA - 1)).
n_prank100 <- function(x, ties.method = "min") {
  100 * COINr::n_prank(x, ties.method = ties.method)
}

# Helper aggregation function, NOT a COINr method: COINr's a_genmean() returns NA for a unit when any
# child is NA (its sum() lacks na.rm = TRUE, unlike a_amean/a_gmean/a_hmean). This wrapper drops the NA
# children (and their weights) and then calls COINr::a_genmean on the rest, i.e. the same NA policy as
# COINr's other a_*() functions. Used only for the runs named *_nadrop.
a_genmean_nadrop <- function(x, w = NULL, p) {
  if (is.null(w)) w <- rep(1, length(x))
  keep <- !is.na(x)
  if (!any(keep)) return(NA_real_)
  COINr::a_genmean(x[keep], w[keep], p = p)
}

level_names <- c("Indicator", "Pillar", "Sub-index", "Index")
coin0 <- new_coin(ASEM_iData, ASEM_iMeta, level_names = level_names, quietly = TRUE)
# The same coin with cap_max = TRUE for n_dist2targ read from iMeta ("use_iMeta"): COINr takes each
# indicator's target from iMeta's Target column (multiplied by Direction, as the indicator is) and
# cap_max from a column dist2targ_cap_max, which ASEM_iMeta lacks (COINr then assumes FALSE).
imeta_cap <- ASEM_iMeta
imeta_cap$dist2targ_cap_max <- TRUE
coin_cap <- new_coin(ASEM_iData, imeta_cap, level_names = level_names, quietly = TRUE)

imeta <- coin0$Meta$Ind
ind_codes <- imeta$iCode[imeta$Type == "Indicator" & !is.na(imeta$Level)]
agg_meta <- imeta[imeta$Type == "Aggregate" & !is.na(imeta$Level), ]
agg_meta <- agg_meta[order(agg_meta$Level), ]
agg_codes <- agg_meta$iCode
stopifnot(length(ind_codes) == 49, length(agg_codes) == 11)

mm_1_100 <- list(f_n = "n_minmax", f_n_para = list(l_u = c(1, 100)))

runs <- list(
  list(name = "minmax_1_100_geometric", global_specs = mm_1_100,
       f_ag = "a_gmean", f_ag_para = NULL),
  list(name = "minmax_1_100_harmonic", global_specs = mm_1_100,
       f_ag = "a_hmean", f_ag_para = NULL),
  list(name = "rank_arithmetic",
       global_specs = list(f_n = "n_prank100", f_n_para = list(ties.method = "min")),
       f_ag = "a_amean", f_ag_para = NULL),
  list(name = "prank_0_1_arithmetic",
       global_specs = list(f_n = "n_prank", f_n_para = list(ties.method = "min")),
       f_ag = "a_amean", f_ag_para = NULL),
  list(name = "zscore_arithmetic",
       global_specs = list(f_n = "n_zscore", f_n_para = list(m_sd = c(10, 2))),
       f_ag = "a_amean", f_ag_para = NULL),
  list(name = "zscore_default_arithmetic",
       global_specs = list(f_n = "n_zscore", f_n_para = list(m_sd = c(0, 1))),
       f_ag = "a_amean", f_ag_para = NULL),
  list(name = "power_mean_p0.5", global_specs = mm_1_100,
       f_ag = "a_genmean", f_ag_para = list(p = 0.5)),
  list(name = "power_mean_p-2", global_specs = mm_1_100,
       f_ag = "a_genmean", f_ag_para = list(p = -2)),
  list(name = "power_mean_p0.5_nadrop", global_specs = mm_1_100,
       f_ag = "a_genmean_nadrop", f_ag_para = list(p = 0.5)),
  list(name = "power_mean_p-2_nadrop", global_specs = mm_1_100,
       f_ag = "a_genmean_nadrop", f_ag_para = list(p = -2)),
  list(name = "default_minmax_0_100_arithmetic", global_specs = NULL,
       f_ag = NULL, f_ag_para = NULL),
  list(name = "dist2max_arithmetic", global_specs = list(f_n = "n_dist2max"),
       f_ag = "a_amean", f_ag_para = NULL),
  list(name = "dist2targ_capped_arithmetic",
       global_specs = list(f_n = "n_dist2targ", f_n_para = "use_iMeta"),
       f_ag = "a_amean", f_ag_para = NULL, coin = "coin_cap")
)

describe_run <- function(r) {
  gs <- if (is.null(r$global_specs)) list(f_n = "n_minmax", f_n_para = list(l_u = c(0, 100))) else r$global_specs
  fa <- if (is.null(r$f_ag)) "a_amean" else r$f_ag
  norm_formula <- switch(gs$f_n,
    n_minmax = sprintf("y = (x' - min x')/(max x' - min x') * (%g - %g) + %g", gs$f_n_para$l_u[2], gs$f_n_para$l_u[1], gs$f_n_para$l_u[1]),
    n_prank = "y = (rank(x', ties.method = 'min', na.last = 'keep') - 1) / (count of non-NA x' - 1)",
    n_prank100 = "y = 100 * ((rank(x', ties.method = 'min', na.last = 'keep') - 1) / (count of non-NA x' - 1))",
    n_zscore = sprintf("y = (x' - mean(x'))/sd(x') * %g + %g, sd with n-1 denominator, NA excluded", gs$f_n_para$m_sd[2], gs$f_n_para$m_sd[1]),
    n_dist2max = "y = 1 - (max x' - x')/(max x' - min x')",
    n_dist2targ = "y = min(1, (x' - min x')/(targ' - min x')), targ' = Target * Direction from iMeta (asem_targets.csv), cap_max = TRUE")
  ag_formula <- switch(fa,
    a_amean = "sum(w_i x_i)/sum(w_i) over non-NA children",
    a_gmean = "exp(sum(w_i log x_i)/sum(w_i)) over non-NA children; stops with an error if any x_i <= 0",
    a_hmean = "sum(w_i)/sum(w_i / x_i) over non-NA children; stops with an error if any x_i == 0",
    a_genmean = "(sum(w_i x_i^p)/sum(w_i))^(1/p); NA if ANY child is NA (no na.rm in COINr 1.1.14)",
    a_genmean_nadrop = "(sum(w_i x_i^p)/sum(w_i))^(1/p) over non-NA children (wrapper around COINr::a_genmean, not a COINr function)")
  list(
    name = r$name,
    files = list(aggregates = paste0(r$name, ".csv"), normalised = paste0(r$name, "_normalised.csv")),
    pure_coinr = !(gs$f_n %in% c("n_prank100") || fa %in% c("a_genmean_nadrop")),
    normalisation = list(f_n = gs$f_n, f_n_para = gs$f_n_para,
                         coinr_default_used = is.null(r$global_specs),
                         wraps = if (gs$f_n == "n_prank100") "100 * COINr::n_prank(x, ties.method = 'min')" else NULL,
                         direction = "x' = x * Direction (iMeta) before f_n; aggregates' Direction ignored",
                         formula = norm_formula),
    aggregation = list(f_ag = fa, f_ag_para = if (is.null(r$f_ag_para)) structure(list(), names = character(0)) else r$f_ag_para,
                       coinr_default_used = is.null(r$f_ag),
                       wraps = if (fa == "a_genmean_nadrop") "COINr::a_genmean(x[!is.na(x)], w[!is.na(x)], p)" else NULL,
                       weights = "iMeta Weight column (all 1 in ASEM), same f_ag at every level",
                       dat_thresh = NULL, by_df = FALSE, formula = ag_formula),
    coin = if (is.null(r$coin)) "coin0" else r$coin,
    r_calls = c(
      sprintf("coin <- Normalise(coin, dset = 'Raw'%s)",
              if (is.null(r$global_specs)) "" else paste0(", global_specs = ", paste(deparse(r$global_specs), collapse = ""))),
      sprintf("coin <- Aggregate(coin, dset = 'Normalised'%s%s)",
              if (is.null(r$f_ag)) "" else sprintf(", f_ag = '%s'", r$f_ag),
              if (is.null(r$f_ag_para)) "" else paste0(", f_ag_para = ", paste(deparse(r$f_ag_para), collapse = "")))
    )
  )
}

na_counts <- list()
for (r in runs) {
  base <- if (is.null(r$coin)) coin0 else get(r$coin)
  coin <- Normalise(base, dset = "Raw", global_specs = r$global_specs)
  coin <- Aggregate(coin, dset = "Normalised", f_ag = r$f_ag, f_ag_para = r$f_ag_para)
  nd <- get_dset(coin, "Normalised")
  ad <- get_dset(coin, "Aggregated")
  # sanity: the normalised columns inside the aggregated set are the same numbers
  stopifnot(identical(nd[ind_codes], ad[ind_codes]))
  write_fixture(nd[c("uCode", ind_codes)], file.path(out_dir, paste0(r$name, "_normalised.csv")))
  write_fixture(ad[c("uCode", agg_codes)], file.path(out_dir, paste0(r$name, ".csv")))
  na_counts[[r$name]] <- sum(is.na(ad[agg_codes]))
  cat(sprintf("%-34s NA aggregates: %3d of %d\n", r$name, sum(is.na(ad[agg_codes])),
              length(agg_codes) * nrow(ad)))
}

# The targets n_dist2targ used, as iMeta has them (before COINr multiplies them by Direction).
targets <- imeta[imeta$Type == "Indicator" & !is.na(imeta$Level), c("iCode", "Direction", "Target")]
utils::write.csv(data.frame(iCode = targets$iCode, Direction = targets$Direction, Target = fmt(targets$Target)),
                 file.path(out_dir, "asem_targets.csv"), row.names = FALSE, quote = FALSE)

children <- lapply(agg_codes, function(a) {
  k <- imeta[!is.na(imeta$Parent) & imeta$Parent == a, ]
  list(code = a, level = agg_meta$Level[agg_meta$iCode == a], children = k$iCode, weights = k$Weight)
})
run_desc <- lapply(runs, function(r) c(describe_run(r), list(na_aggregate_cells = na_counts[[r$name]])))
meta <- list(
  generator = "tools/coinr/make_fixtures.R",
  coinr_version = as.character(packageVersion("COINr")),
  coinr_source = "github.com/bluefoxr/COINr, commit b9682034635df03279896b6cb025cd3534f82cbb (2025-04-04)",
  r_version = R.version.string,
  data = "COINr::ASEM_iData and COINr::ASEM_iMeta (identical to /work/shared/data/asem/*.csv)",
  coin = "new_coin(ASEM_iData, ASEM_iMeta, level_names = c('Indicator', 'Pillar', 'Sub-index', 'Index'))",
  coin_cap = "the same with ASEM_iMeta plus a column dist2targ_cap_max = TRUE (runs whose coin is coin_cap)",
  targets = "asem_targets.csv: iCode, Direction, Target from ASEM_iMeta (before COINr multiplies Target by Direction)",
  steps = "Normalise(dset = 'Raw') then Aggregate(dset = 'Normalised'); no Denominate, no Impute, no Treat",
  units = "51 rows, sorted by uCode (COINr's order, not the order of ASEM_iData)",
  number_format = "sprintf('%.17g'); NA written as an empty field",
  indicators = ind_codes,
  negative_direction_indicators = imeta$iCode[imeta$Type == "Indicator" & !is.na(imeta$Level) & imeta$Direction == -1],
  aggregates = children,
  runs = run_desc
)
jsonlite::write_json(meta, file.path(out_dir, "runs.json"), auto_unbox = TRUE, pretty = TRUE,
                     digits = NA, null = "null")

cat("COINr", as.character(packageVersion("COINr")), "on", R.version.string, "\n")
