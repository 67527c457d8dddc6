-- Intermediate steps go to schema internal; what users query stays in main.
CREATE SCHEMA IF NOT EXISTS internal;

-- change_interval_grid (table): for change_intervals, every pair of bases and counts (n1, k1,
-- n2, k2) that prints a change's 'pre' (p1) and 'post' (p2) figures, with the unpaired z and
-- Newcombe interval at that point (see change_intervals below for the formulas).
--   p1, p2          : the printed 'pre' and 'post' figures, in percent
--   alpha           : the significance level (a significance check's value, else 0.05)
--   zc              : the two-sided normal critical value at alpha
--   n1, n2          : a base of the 'pre' and of the 'post' figure
--   k1, k2          : a whole count printing p1 at n1 and p2 at n2
--   z_unpaired      : the pooled z of the change at (n1, k1, n2, k2)
--   newcombe_lo, newcombe_hi : Newcombe's hybrid score interval there, in percentage points
--   m               : how many people may have answered both times, min(n1, n2)
CREATE OR REPLACE TABLE internal.change_interval_grid AS
WITH ch AS (
    SELECT check_id, kind, CASE WHEN kind = 'significance' THEN coalesce(value, 0.05) ELSE 0.05 END AS alpha, design
    FROM checks c
    WHERE kind = 'significance' OR kind = 'pre_post'
), pairs AS (
    SELECT i.check_id, i.series,
           any_value(i.figure_id) FILTER (WHERE i.term = 'pre') AS pre_figure,
           any_value(i.figure_id) FILTER (WHERE i.term = 'post') AS post_figure,
           max(i.value) FILTER (WHERE i.term = 'pre') AS p1, max(i.value) FILTER (WHERE i.term = 'post') AS p2
    FROM internal.check_inputs i JOIN ch USING (check_id) WHERE i.term IN ('pre', 'post') AND i.unit = 'percent' GROUP BY ALL
), fb AS (  -- the bases figure_intervals holds for a figure (all checks that bound it)
    SELECT DISTINCT figure_id, n FROM internal.figure_interval_bases
), sig_fb AS (
    SELECT DISTINCT figure_id, check_id, n FROM internal.figure_interval_bases
), bases AS (
    SELECT p.check_id, p.series, 'pre' AS term, f.n FROM pairs p JOIN ch USING (check_id)
    JOIN sig_fb f ON f.figure_id = p.pre_figure AND f.check_id = p.check_id WHERE ch.kind = 'significance'
    UNION ALL
    SELECT p.check_id, p.series, 'post', f.n FROM pairs p JOIN ch USING (check_id)
    JOIN sig_fb f ON f.figure_id = p.post_figure AND f.check_id = p.check_id WHERE ch.kind = 'significance'
    UNION ALL
    SELECT p.check_id, p.series, 'pre', f.n FROM pairs p JOIN ch USING (check_id)
    JOIN fb f ON f.figure_id = p.pre_figure WHERE ch.kind = 'pre_post'
    UNION ALL
    SELECT p.check_id, p.series, 'post', f.n FROM pairs p JOIN ch USING (check_id)
    JOIN fb f ON f.figure_id = p.post_figure WHERE ch.kind = 'pre_post'
), g AS (
    SELECT p.*, ch.kind, ch.design, ch.alpha, normal_upper(ch.alpha / 2) AS zc, b1.n AS n1, b2.n AS n2, k1.k AS k1, k2.k AS k2
    FROM pairs p JOIN ch USING (check_id)
    JOIN bases b1 ON b1.check_id = p.check_id AND b1.series = p.series AND b1.term = 'pre'
    JOIN bases b2 ON b2.check_id = p.check_id AND b2.series = p.series AND b2.term = 'post',
    LATERAL range(pct_k_lo(CAST(p.p1 AS BIGINT), b1.n, 'either'), pct_k_hi(CAST(p.p1 AS BIGINT), b1.n, 'either') + 1) AS k1(k),
    LATERAL range(pct_k_lo(CAST(p.p2 AS BIGINT), b2.n, 'either'), pct_k_hi(CAST(p.p2 AS BIGINT), b2.n, 'either') + 1) AS k2(k)
)
SELECT g.*, 100.0 * (k2 / n2 - k1 / n1) AS change,
       (k2 / n2 - k1 / n1)
         / nullif(sqrt(((k1 + k2) / (n1 + n2)) * (1 - (k1 + k2) / (n1 + n2)) * (1.0 / n1 + 1.0 / n2)), 0) AS z_unpaired,
       100.0 * (k2 / n2 - k1 / n1) - sqrt(power(100.0 * k2 / n2 - wilson_lo(k2, n2, zc), 2)
                                           + power(wilson_hi(k1, n1, zc) - 100.0 * k1 / n1, 2)) AS newcombe_lo,
       100.0 * (k2 / n2 - k1 / n1) + sqrt(power(wilson_hi(k2, n2, zc) - 100.0 * k2 / n2, 2)
                                           + power(100.0 * k1 / n1 - wilson_lo(k1, n1, zc), 2)) AS newcombe_hi,
       least(n1, n2) AS m
FROM g;

-- change_interval_pairings (table): for repeated designs, every split of the positives
-- among the m people who answered twice, with the extreme pairings (b_min, b_max).
--   n1, n2, k1, k2, m, zc : as in change_interval_grid
--   k1p, k2p        : the positives among the m people who answered both times, before and after
--   d               : the net change among them, k2p - k1p
--   b_min, b_max    : the fewest and most people who may have moved down (b)
--   z_best, z_worst : McNemar's z at b_min and at b_max
--   ci_lo_widest, ci_hi_widest : the paired Wald interval at b_max (the widest), in percentage points
--   ci_lo_narrowest : the lower limit of the paired interval at b_min (the narrowest)
--   b_star          : the most people moving down that leaves the rise significant (NULL: none)
CREATE OR REPLACE TABLE internal.change_interval_pairings AS
WITH g AS (SELECT * FROM internal.change_interval_grid WHERE design = 'repeated'),
splits AS (
    SELECT g.check_id, g.series, g.n1, g.n2, g.k1, g.k2, g.m, g.zc, a.k AS k1p, b.k AS k2p
    FROM g, LATERAL range(greatest(0, g.k1 - (g.n1 - g.m)), least(g.k1, g.m) + 1) AS a(k),
         LATERAL range(greatest(0, g.k2 - (g.n2 - g.m)), least(g.k2, g.m) + 1) AS b(k)
), s AS (
    SELECT *, k2p - k1p AS d, greatest(0, k1p - k2p) AS b_min, least(k1p, m - k2p) AS b_max FROM splits
)
SELECT *,
       d / nullif(sqrt(2 * b_min + d), 0) AS z_best,
       d / nullif(sqrt(2 * b_max + d), 0) AS z_worst,
       100.0 * (d / m - zc * sqrt(greatest(0, 2 * b_max + d - d * d / m)) / m) AS ci_lo_widest,
       100.0 * (d / m + zc * sqrt(greatest(0, 2 * b_max + d - d * d / m)) / m) AS ci_hi_widest,
       100.0 * (d / m - zc * sqrt(greatest(0, 2 * b_min + d - d * d / m)) / m) AS ci_lo_narrowest,
       -- the most people moving down (b) that leaves z = d / sqrt(2b + d) above zc
       CASE WHEN d > 0 THEN least(b_max, CAST(ceil((d * d / (zc * zc) - d) / 2.0) AS BIGINT) - 1) END AS b_star
FROM s;

-- change_intervals (table): for every change from 'pre' to 'post' (one pair per series)
-- of a pre_post or significance check whose bases are known or bounded, what the printed
-- figures support: a 95% interval (1 - value for a significance check) for the change,
-- under the unpaired design and, when the check's design is 'repeated' (the same people
-- answered twice), the range the paired design allows over every pairing the margins permit.
-- Bases: a significance check's own ('pre_base' / 'post_base' members, else every n in
-- [base_min, base_max]); for a pre_post check, the bases figure_intervals gives the two
-- figures (any check that bounds them). Counts: every k with k/n printing the figure.
-- All changes and intervals in percentage points (post - pre).
--   unpaired (independent samples), at each (n1, k1, n2, k2), p_i = k_i / n_i:
--     pooled z  = (p2 - p1) / sqrt(p (1 - p) (1/n1 + 1/n2)),  p = (k1 + k2) / (n1 + n2)
--     Newcombe's hybrid score interval (his method 10), from the Wilson limits l_i, u_i:
--       [p2 - p1 - sqrt((p2 - l2)^2 + (u1 - p1)^2), p2 - p1 + sqrt((u2 - p2)^2 + (p1 - l1)^2)]
--     (statsmodels' confint_proportions_2indep(method='newcomb'))
--   paired (design 'repeated'): m = min(n1, n2) answered both; their positives k_i'
--     range over max(0, k_i - (n_i - m)) .. min(k_i, m); d = k2' - k1' is fixed by them,
--     and b (down) runs over max(0, -d) .. min(k1', m - k2'), c = b + d (up). For each:
--     McNemar's z = d / sqrt(b + c) (statsmodels' mcnemar(exact=False, correction=False)
--     gives z^2) and the Wald interval for a paired difference,
--       d/m -+ z_crit sqrt(b + c - d^2/m) / m.
--     The interval widens with b, so the widest pairing is b at its largest and the
--     narrowest b at its smallest. z moves monotonically with b (down for a rise, up for
--     a fall, 0 or undefined for no net change), so its extremes are at b_min and b_max.
-- Columns: change_lo/hi, the exact changes the printed figures allow; unpaired_ci_lo/hi,
-- the union of the unpaired intervals; unpaired_z_lo/hi; unpaired_significant_all / _any:
-- z > z_crit at every / some (n, k); paired_ci_lo/hi, the union over every pairing;
-- paired_best_lo, the largest lower limit any pairing gives; paired_z_lo/hi;
-- paired_significant_all / _any; paired_max_down, the most people who may have moved the
-- other way (b) with the rise still significant for some counts (NULL: none).
--   pre_figure, post_figure : the figures printed before and after (figure_id)
--   level                   : the interval's coverage (0.95, or 1 - the stated significance level)
--   z_crit                  : the two-sided normal critical value for that level
--   pre_base_lo, pre_base_hi : the smallest and largest base allowed for the 'pre' figure
--   post_base_lo, post_base_hi : the same for the 'post' figure
--   change_lo, change_hi    : the exact changes the printed figures allow
--   unpaired_ci_lo, unpaired_ci_hi : the union of the unpaired (Newcombe) intervals
--   unpaired_z_lo, unpaired_z_hi : the smallest and largest pooled z
--   unpaired_significant_all : z > z_crit at every (n, k)
--   unpaired_significant_any : z > z_crit at some (n, k)
--   paired_ci_lo, paired_ci_hi : the union of the paired intervals over every pairing
--   paired_best_lo          : the largest lower limit any pairing gives
--   paired_z_lo, paired_z_hi : the smallest and largest McNemar z over every pairing
--   paired_significant_all  : McNemar's z > z_crit for every pairing
--   paired_significant_any  : McNemar's z > z_crit for some pairing
--   paired_max_down         : the most people who may have moved the other way (b) with the rise still
--                             significant for some counts (NULL: none)
CREATE OR REPLACE TABLE change_intervals AS
WITH u AS (
    SELECT check_id, series, any_value(kind) AS kind, any_value(pre_figure) AS pre_figure,
           any_value(post_figure) AS post_figure, any_value(p1) AS pre_value, any_value(p2) AS post_value,
           coalesce(any_value(design), 'independent') AS design, 1 - any_value(alpha) AS level, any_value(zc) AS z_crit,
           min(n1) AS pre_base_lo, max(n1) AS pre_base_hi, min(n2) AS post_base_lo, max(n2) AS post_base_hi,
           min(change) AS change_lo, max(change) AS change_hi,
           min(newcombe_lo) AS unpaired_ci_lo, max(newcombe_hi) AS unpaired_ci_hi,
           min(z_unpaired) AS unpaired_z_lo, max(z_unpaired) AS unpaired_z_hi,
           bool_and(coalesce(z_unpaired > zc, FALSE)) AS unpaired_significant_all,
           bool_or(coalesce(z_unpaired > zc, FALSE)) AS unpaired_significant_any
    FROM internal.change_interval_grid GROUP BY check_id, series
), p AS (
    SELECT check_id, series, min(ci_lo_widest) AS paired_ci_lo, max(ci_hi_widest) AS paired_ci_hi,
           max(ci_lo_narrowest) AS paired_best_lo,
           min(least(z_worst, z_best)) AS paired_z_lo, max(greatest(z_best, z_worst)) AS paired_z_hi,
           bool_and(coalesce(z_worst > zc, FALSE)) AS paired_significant_all,
           bool_or(coalesce(z_best > zc, FALSE)) AS paired_significant_any,
           max(b_star) FILTER (WHERE b_star >= b_min) AS paired_max_down
    FROM internal.change_interval_pairings GROUP BY check_id, series
)
SELECT u.*, p.paired_ci_lo, p.paired_ci_hi, p.paired_best_lo, p.paired_z_lo, p.paired_z_hi,
       p.paired_significant_all, p.paired_significant_any, CAST(p.paired_max_down AS BIGINT) AS paired_max_down
FROM u LEFT JOIN p USING (check_id, series);
