-- Intermediate steps go to schema internal; what users query stays in main.
CREATE SCHEMA IF NOT EXISTS internal;

-- check_result_significance (table), kind significance: a claim that a rise from 'pre' to
-- 'post' (one pair per series) is statistically significant at level value (default 5%,
-- two-sided). The verdict reads change_intervals (042), where the tests and intervals
-- are computed over every base, count and (design 'repeated') pairing the figures allow:
--   unpaired: pooled two-proportion z > z_crit, with Newcombe's 95% interval;
--   paired  : McNemar's z > z_crit over every pairing, with the paired Wald interval.
--   within_rounding: significant for every base, count and pairing allowed (unpaired and,
--                    for a repeated design, paired)
--   conditional    : significant only for some (the reading says for which: the most
--                    people who may have moved the other way)
--   discrepancy    : significant for none
-- statistic: the smallest unpaired z; recomputed_lo / recomputed_hi: the unpaired interval
-- for the change in points (union over series of the lower / upper limits).
-- The critical z is normal_upper(value / 2) (041). pass_chance: none.
CREATE OR REPLACE TABLE internal.check_result_significance AS
WITH s AS (
    SELECT i.*,
           i.unpaired_significant_all AND (i.design <> 'repeated' OR coalesce(i.paired_significant_all, FALSE)) AS all_ok,
           i.unpaired_significant_any OR coalesce(i.paired_significant_any, FALSE) AS any_ok
    FROM change_intervals i WHERE i.kind = 'significance'
), r AS (
    SELECT check_id, bool_and(all_ok) AS all_ok, bool_and(any_ok) AS any_ok, min(unpaired_z_lo) AS zu_min,
           max(unpaired_z_hi) AS zu_max, min(unpaired_ci_lo) AS ci_lo, max(unpaired_ci_hi) AS ci_hi,
           min(least(pre_base_lo, post_base_lo)) AS n_lo, max(greatest(pre_base_hi, post_base_hi)) AS n_hi,
           string_agg(series || ' ' || fmt_num(pre_value) || '% -> ' || fmt_num(post_value) || '%: unpaired z '
                      || round(unpaired_z_lo, 2)
                      || CASE WHEN unpaired_z_hi - unpaired_z_lo >= 0.005 THEN ' to ' || round(unpaired_z_hi, 2) ELSE '' END
                      || ', 95% interval ' || round(unpaired_ci_lo, 1) || ' to ' || round(unpaired_ci_hi, 1) || ' points'
                      || CASE WHEN paired_z_lo IS NOT NULL THEN '; paired z ' || round(paired_z_lo, 2) || ' to '
                              || round(paired_z_hi, 2) || ', interval at widest ' || round(paired_ci_lo, 1) || ' to '
                              || round(paired_ci_hi, 1) ELSE '' END,
                      '; ' ORDER BY series) AS per_series,
           string_agg(CASE WHEN NOT all_ok AND any_ok THEN
                      series || CASE WHEN NOT unpaired_significant_any AND paired_max_down IS NOT NULL
                                     THEN ': only if at most ' || paired_max_down
                                          || ' respondents rated it lower after than before'
                                     WHEN NOT unpaired_significant_all THEN ': only for some of the counts rounding allows'
                                     WHEN paired_max_down IS NOT NULL
                                     THEN ': as two independent samples, but paired only if at most ' || paired_max_down
                                          || ' respondents rated it lower after than before'
                                     ELSE ': only for some pairings' END END, '; ' ORDER BY series) AS conditions,
           string_agg(CASE WHEN NOT any_ok THEN series END, ', ' ORDER BY series) AS failing,
           any_value(z_crit) AS zc
    FROM s GROUP BY check_id
)
SELECT c.check_id, r.check_id IS NOT NULL AS computable, FALSE AS holds_exact,
       r.all_ok AS holds_rounding, r.any_ok AS holds_assumed,
       coalesce(c.value, 0.05) AS published_value, r.zu_min AS statistic, r.ci_lo AS recomputed_lo, r.ci_hi AS recomputed_hi,
       r.n_lo AS base_lo, r.n_hi AS base_hi, CAST(NULL AS DOUBLE) AS pass_chance,
       r.per_series AS recomputed,
       CASE WHEN NOT r.all_ok AND r.any_ok THEN 'significant ' || r.conditions END AS reading,
       CASE WHEN r.check_id IS NULL THEN 'No pairs with bases to test.'
            ELSE r.per_series || ' (critical z ' || round(r.zc, 2) || '; table change_intervals).'
                 || CASE WHEN r.all_ok THEN ' Significant for every base, count and pairing the figures allow.'
                         WHEN r.any_ok THEN ' Significant ' || r.conditions || '.'
                         ELSE ' Not significant for ' || r.failing || ' under any reading.' END END AS detail,
       []::VARCHAR[] AS singled_out
FROM checks c LEFT JOIN r USING (check_id)
WHERE c.kind = 'significance';
