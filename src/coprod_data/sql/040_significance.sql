-- normal_upper(p): the upper-tail critical value z of the standard normal distribution for
-- a tail probability p (a rational approximation, absolute error below 0.00045).
CREATE OR REPLACE MACRO normal_upper(p) AS
    sqrt(-2 * ln(p)) - (2.515517 + 0.802853 * sqrt(-2 * ln(p)) + 0.010328 * (-2 * ln(p)))
    / (1 + 1.432788 * sqrt(-2 * ln(p)) + 0.189269 * (-2 * ln(p)) + 0.001308 * power(sqrt(-2 * ln(p)), 3));

-- significance_grid (table): per significance check and series, every base (stated, or in
-- the check's range) and every whole count that prints the pre and post percentages, with
-- the critical value zc, the design and the unpaired z statistic (z_unpaired).
CREATE OR REPLACE TABLE significance_grid AS
WITH sg AS (SELECT *, normal_upper(coalesce(value, 0.05) / 2) AS zc FROM checks WHERE kind = 'significance'),
pairs AS (
    SELECT check_id, series, max(value) FILTER (WHERE term = 'pre') AS p1, max(value) FILTER (WHERE term = 'post') AS p2
    FROM check_inputs WHERE kind = 'significance' AND term IN ('pre', 'post') GROUP BY ALL
), stated AS (
    SELECT p.check_id, p.series, i.term, CAST(i.value AS BIGINT) AS n
    FROM pairs p JOIN check_inputs i ON i.check_id = p.check_id AND i.term IN ('pre_base', 'post_base')
     AND (i.series IS NULL OR i.series = p.series)
), bases AS (
    SELECT check_id, series, term, n FROM stated
    UNION ALL
    SELECT p.check_id, p.series, t.term, r.n
    FROM pairs p JOIN sg k USING (check_id) CROSS JOIN (VALUES ('pre_base'), ('post_base')) AS t(term),
         LATERAL range(k.base_min, k.base_max + 1) AS r(n)
    WHERE k.base_min IS NOT NULL AND k.base_max IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM stated s WHERE s.check_id = p.check_id AND s.series = p.series AND s.term = t.term)
), counts AS (
    SELECT p.check_id, p.series, p.p1, p.p2, b1.n AS n1, b2.n AS n2, k1.k AS k1, k2.k AS k2
    FROM pairs p
    JOIN bases b1 ON b1.check_id = p.check_id AND b1.series = p.series AND b1.term = 'pre_base'
    JOIN bases b2 ON b2.check_id = p.check_id AND b2.series = p.series AND b2.term = 'post_base',
    LATERAL range(pct_k_lo(CAST(p.p1 AS BIGINT), b1.n, 'either'), pct_k_hi(CAST(p.p1 AS BIGINT), b1.n, 'either') + 1) AS k1(k),
    LATERAL range(pct_k_lo(CAST(p.p2 AS BIGINT), b2.n, 'either'), pct_k_hi(CAST(p.p2 AS BIGINT), b2.n, 'either') + 1) AS k2(k)
)
SELECT c.*, k.zc, k.design,
       (c.k2 / c.n2 - c.k1 / c.n1)
         / nullif(sqrt(((c.k1 + c.k2) / (c.n1 + c.n2)) * (1 - (c.k1 + c.k2) / (c.n1 + c.n2)) * (1.0 / c.n1 + 1.0 / c.n2)), 0)
           AS z_unpaired,
       least(c.n1, c.n2) AS m
FROM counts c JOIN sg k USING (check_id);

-- significance_pairings (table): for repeated designs, per base and count, every split of
-- the positives among the m people who answered twice, with the extreme pairings.
CREATE OR REPLACE TABLE significance_pairings AS
WITH g AS (SELECT * FROM significance_grid WHERE design = 'repeated'),
splits AS (
    SELECT g.check_id, g.series, g.n1, g.n2, g.k1, g.k2, g.m, g.zc, a.k AS k1p, b.k AS k2p
    FROM g, LATERAL range(greatest(0, g.k1 - (g.n1 - g.m)), least(g.k1, g.m) + 1) AS a(k),
         LATERAL range(greatest(0, g.k2 - (g.n2 - g.m)), least(g.k2, g.m) + 1) AS b(k)
)
SELECT *, k2p - k1p AS d, greatest(0, k1p - k2p) AS b_min, least(k1p, m - k2p) AS b_max,
       (k2p - k1p) / nullif(sqrt(2 * greatest(0, k1p - k2p) + (k2p - k1p)), 0) AS z_best,
       (k2p - k1p) / nullif(sqrt(2 * least(k1p, m - k2p) + (k2p - k1p)), 0) AS z_worst,
       CASE WHEN k2p > k1p THEN least(least(k1p, m - k2p),
            CAST(ceil(((k2p - k1p) * (k2p - k1p) / (zc * zc) - (k2p - k1p)) / 2.0) AS BIGINT) - 1) END AS b_star
FROM splits;

-- check_result_significance (table), kind significance: a claim that a rise from 'pre' to
-- 'post' (one pair per series) is statistically significant at level value (default 5%,
-- two-sided). Bases: 'pre_base' / 'post_base' members (printed counts), else any n in
-- [base_min, base_max]. Counts: every whole k with k/n printing the percentage (either).
--   unpaired (two independent samples): pooled two-proportion z,
--       z = (k2/n2 - k1/n1) / sqrt(p (1 - p) (1/n1 + 1/n2)),  p = (k1 + k2) / (n1 + n2)
--   paired (design repeated: largely the same people twice): m = min(n1, n2) people
--       answered both; k1', k2' their positives (k - (n - m) <= k' <= k); over every
--       pairing the margins allow, b people moved down and c = b + d up (d = k2' - k1'),
--       max(0, -d) <= b <= min(k1', m - k2'); McNemar's z = (c - b) / sqrt(b + c)
--       = d / sqrt(2b + d). The rise is significant when b < (d^2 / z^2 - d) / 2.
--   within_rounding: significant for every base, count and pairing allowed
--   conditional    : significant only for some (the reading says for which: the most
--                    people who may have moved the other way)
--   discrepancy    : significant for none
-- The critical z is the upper value/2 point of the normal distribution (macro
-- normal_upper, Abramowitz and Stegun 26.2.23, error < 0.00045). pass_chance: none.
CREATE OR REPLACE TABLE check_result_significance AS
WITH per_series AS (
    SELECT g.check_id, g.series, any_value(g.p1) AS p1, any_value(g.p2) AS p2, any_value(g.zc) AS zc,
           any_value(g.design) AS design, min(g.n1) AS n1_lo, max(g.n1) AS n1_hi, min(g.n2) AS n2_lo, max(g.n2) AS n2_hi,
           min(g.z_unpaired) AS zu_lo, max(g.z_unpaired) AS zu_hi,
           bool_and(g.z_unpaired > g.zc) AS unpaired_all, bool_or(g.z_unpaired > g.zc) AS unpaired_any
    FROM significance_grid g GROUP BY g.check_id, g.series
), paired AS (
    SELECT check_id, series, min(z_worst) AS zp_lo, max(z_best) AS zp_hi,
           bool_and(coalesce(z_worst > zc, FALSE)) AS paired_all, bool_or(coalesce(z_best > zc, FALSE)) AS paired_any,
           max(b_star) AS b_star
    FROM significance_pairings GROUP BY check_id, series
), s AS (
    SELECT p.*, q.zp_lo, q.zp_hi, coalesce(q.paired_all, FALSE) AS paired_all, coalesce(q.paired_any, FALSE) AS paired_any,
           q.b_star,
           p.unpaired_all AND (p.design IS DISTINCT FROM 'repeated' OR coalesce(q.paired_all, FALSE)) AS all_ok,
           p.unpaired_any OR coalesce(q.paired_any, FALSE) AS any_ok
    FROM per_series p LEFT JOIN paired q USING (check_id, series)
), r AS (
    SELECT check_id, bool_and(all_ok) AS all_ok, bool_and(any_ok) AS any_ok, min(zu_lo) AS zu_min, max(zu_hi) AS zu_max,
           min(zp_lo) AS zp_min, max(zp_hi) AS zp_max, min(n1_lo) AS n_lo, max(greatest(n1_hi, n2_hi)) AS n_hi,
           string_agg(series || ' ' || fmt_num(p1) || '% -> ' || fmt_num(p2) || '%: unpaired z '
                      || round(zu_lo, 2) || CASE WHEN zu_hi - zu_lo >= 0.005 THEN ' to ' || round(zu_hi, 2) ELSE '' END
                      || CASE WHEN zp_lo IS NOT NULL THEN '; paired z ' || round(zp_lo, 2) || ' to ' || round(zp_hi, 2) ELSE '' END,
                      '; ' ORDER BY series) AS per_series,
           string_agg(CASE WHEN NOT all_ok AND any_ok THEN
                      series || CASE WHEN NOT unpaired_any AND b_star IS NOT NULL
                                     THEN ': only if at most ' || b_star || ' respondents rated it lower after than before'
                                     WHEN NOT unpaired_all THEN ': only for some of the counts rounding allows'
                                     ELSE ': only for some pairings' END END, '; ' ORDER BY series) AS conditions,
           string_agg(CASE WHEN NOT any_ok THEN series END, ', ' ORDER BY series) AS failing,
           any_value(zc) AS zc
    FROM s GROUP BY check_id
)
SELECT c.check_id, r.check_id IS NOT NULL AS computable, FALSE AS holds_exact,
       r.all_ok AS holds_rounding, r.any_ok AS holds_assumed,
       coalesce(c.value, 0.05) AS published_value, r.zu_min AS statistic, r.zu_min AS recomputed_lo, r.zu_max AS recomputed_hi,
       r.n_lo AS base_lo, r.n_hi AS base_hi, CAST(NULL AS DOUBLE) AS pass_chance,
       r.per_series AS recomputed,
       CASE WHEN NOT r.all_ok AND r.any_ok THEN 'significant ' || r.conditions END AS reading,
       CASE WHEN r.check_id IS NULL THEN 'No pairs with bases to test.'
            ELSE r.per_series || ' (critical z ' || round(r.zc, 2) || ').'
                 || CASE WHEN r.all_ok THEN ' Significant for every base, count and pairing the figures allow.'
                         WHEN r.any_ok THEN ' Significant ' || r.conditions || '.'
                         ELSE ' Not significant for ' || r.failing || ' under any reading.' END END AS detail,
       []::VARCHAR[] AS singled_out
FROM checks c LEFT JOIN r USING (check_id)
WHERE c.kind = 'significance';
