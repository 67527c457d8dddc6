-- Intermediate steps go to schema internal; what users query stays in main.
CREATE SCHEMA IF NOT EXISTS internal;

-- figure_intervals (table): a 95% interval for every printed percentage whose base a
-- check states or bounds, one row per figure and check that gives it a base.
-- Bases (basis): 'stated', the candidate bases of a percent_of_count or common_base check
-- that fit every share of the series (a count printed elsewhere); 'range', when no
-- candidate fits, the bases in the check's [base_min, base_max] that fit every share
-- (common), or that fit this share alone (relation each); for a significance check its
-- 'pre_base' / 'post_base' members ('stated') or its base range ('range'). A check that
-- fails under every base gives no interval.
-- Counts: at each base n every whole k with k/n printing the share (GRIM, rule either).
-- Interval: Wilson's score interval at each (n, k),
--     (k + z^2/2 -+ z sqrt(k (n - k) / n + z^2 / 4)) / (n + z^2),  z = normal_upper(0.025) = 1.95996 (95%),
-- and the row gives the union over every base and count the printed figure allows
-- (ci_lo the smallest lower bound, at the smallest k; ci_hi the largest upper bound).
-- share_lo / share_hi: the exact shares k/n the printed value may stand for. All in
-- percentage points. Checked against statsmodels' proportion_confint(method='wilson')
-- in tests/views/test_intervals.py.
--   method     : the interval's method ('wilson')
--   n_bases    : how many bases the figure may be a share of
--   count_lo, count_hi : the smallest and largest whole count printing the figure at any of them
--   share_lo, share_hi : the exact shares k/n the printed value may stand for, in percent
--   ci_lo, ci_hi : the union of the Wilson intervals over those bases and counts, in percent
CREATE OR REPLACE MACRO wilson_lo(k, n, z) AS
    100 * ((k + z * z / 2) - z * sqrt(k * (n - k) / n + z * z / 4)) / (n + z * z);
CREATE OR REPLACE MACRO wilson_hi(k, n, z) AS
    100 * ((k + z * z / 2) + z * sqrt(k * (n - k) / n + z * z / 4)) / (n + z * z);
-- normal_upper(p): the upper p point of the standard normal distribution, for 0 < p <= 0.5
-- (Acklam's rational approximation, relative error below 1.2e-9); normal_upper(0.025) = 1.959964.
CREATE OR REPLACE MACRO normal_upper(p) AS CASE
    WHEN p < 0.02425 THEN -((((((-7.784894002430293e-03 * sqrt(-2 * ln(p)) - 3.223964580411365e-01) * sqrt(-2 * ln(p))
                             - 2.400758277161838e+00) * sqrt(-2 * ln(p)) - 2.549732539343734e+00) * sqrt(-2 * ln(p))
                             + 4.374664141464968e+00) * sqrt(-2 * ln(p)) + 2.938163982698783e+00)
                          / ((((7.784695709041462e-03 * sqrt(-2 * ln(p)) + 3.224671290700398e-01) * sqrt(-2 * ln(p))
                             + 2.445134137142996e+00) * sqrt(-2 * ln(p)) + 3.754408661907416e+00) * sqrt(-2 * ln(p)) + 1))
    ELSE -((((((-3.969683028665376e+01 * (p - 0.5) * (p - 0.5) + 2.209460984245205e+02) * (p - 0.5) * (p - 0.5)
               - 2.759285104469687e+02) * (p - 0.5) * (p - 0.5) + 1.383577518672690e+02) * (p - 0.5) * (p - 0.5)
               - 3.066479806614716e+01) * (p - 0.5) * (p - 0.5) + 2.506628277459239e+00) * (p - 0.5))
           / (((((-5.447609879822406e+01 * (p - 0.5) * (p - 0.5) + 1.615858368580409e+02) * (p - 0.5) * (p - 0.5)
               - 1.556989798598866e+02) * (p - 0.5) * (p - 0.5) + 6.680131188771972e+01) * (p - 0.5) * (p - 0.5)
               - 1.328068155288572e+01) * (p - 0.5) * (p - 0.5) + 1) END;

-- figure_interval_bases (table): for figure_intervals, each figure's candidate bases n and
-- the whole counts k_lo..k_hi that print the figure p at that base (basis as in figure_intervals).
--   p          : the printed figure, in whole percent
--   n          : a base it may be a share of
--   k_lo, k_hi : the smallest and largest whole count k with k/n printing it (rule either)
--   basis      : 'stated' or 'range', as in figure_intervals
CREATE OR REPLACE TABLE internal.figure_interval_bases AS
WITH pb AS (
    SELECT check_id, series, n, is_candidate, bool_and(fits) AS all_fit
    FROM internal.share_base_grid GROUP BY ALL
), mode AS (
    SELECT check_id, series, bool_or(is_candidate AND all_fit) AS cand_ok, bool_or(NOT is_candidate AND all_fit) AS range_ok
    FROM pb GROUP BY ALL
), grid AS (
    SELECT g.figure_id, g.check_id, g.p, g.n, g.k_lo, g.k_hi,
           CASE WHEN g.is_candidate THEN 'stated' ELSE 'range' END AS basis
    FROM internal.share_base_grid g
    JOIN pb ON pb.check_id = g.check_id AND pb.series IS NOT DISTINCT FROM g.series AND pb.n = g.n
           AND pb.is_candidate = g.is_candidate
    JOIN mode m ON m.check_id = g.check_id AND m.series IS NOT DISTINCT FROM g.series
    JOIN checks c ON c.check_id = g.check_id
    WHERE g.fits AND g.figure_id IS NOT NULL
      AND ((m.cand_ok AND g.is_candidate AND pb.all_fit)
           OR (NOT m.cand_ok AND m.range_ok AND NOT g.is_candidate AND pb.all_fit)
           OR (NOT m.cand_ok AND NOT m.range_ok AND c.relation = 'each' AND NOT g.is_candidate))
), sig_pairs AS (
    SELECT check_id, series, term, figure_id, CAST(value AS BIGINT) AS p
    FROM internal.check_inputs WHERE kind = 'significance' AND term IN ('pre', 'post') AND figure_id IS NOT NULL
), sig_stated AS (
    SELECT s.check_id, s.figure_id, s.p, CAST(i.value AS BIGINT) AS n
    FROM sig_pairs s JOIN internal.check_inputs i ON i.check_id = s.check_id AND i.term = s.term || '_base'
     AND (i.series IS NULL OR i.series = s.series)
), sig AS (
    SELECT check_id, figure_id, p, n, 'stated' AS basis FROM sig_stated
    UNION ALL
    SELECT s.check_id, s.figure_id, s.p, r.n, 'range'
    FROM sig_pairs s JOIN checks c USING (check_id), LATERAL range(c.base_min, least(c.base_max, 5000) + 1) AS r(n)
    WHERE c.base_min IS NOT NULL AND c.base_max IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM sig_stated t WHERE t.check_id = s.check_id AND t.figure_id = s.figure_id)
)
SELECT * FROM grid
UNION ALL
SELECT figure_id, check_id, p, n, pct_k_lo(p, n, 'either'), pct_k_hi(p, n, 'either'), basis
FROM sig WHERE pct_k_lo(p, n, 'either') <= pct_k_hi(p, n, 'either');

CREATE OR REPLACE TABLE figure_intervals AS
SELECT b.figure_id, b.check_id, c.kind, any_value(b.basis) AS basis, CAST(any_value(b.p) AS DOUBLE) AS value,
       0.95 AS level, 'wilson' AS method,
       min(b.n) AS base_lo, max(b.n) AS base_hi, count(DISTINCT b.n) AS n_bases,
       min(b.k_lo) AS count_lo, max(b.k_hi) AS count_hi,
       min(100.0 * b.k_lo / b.n) AS share_lo, max(100.0 * b.k_hi / b.n) AS share_hi,
       min(wilson_lo(b.k_lo, b.n, normal_upper(0.025))) AS ci_lo,
       max(wilson_hi(b.k_hi, b.n, normal_upper(0.025))) AS ci_hi
FROM internal.figure_interval_bases b JOIN checks c USING (check_id)
GROUP BY b.figure_id, b.check_id, c.kind;
