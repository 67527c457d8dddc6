-- Intermediate steps go to schema internal; what users query stays in main.
CREATE SCHEMA IF NOT EXISTS internal;

-- common_base_chance (table): the exact pass chance of a set of two to 62 bases for one
-- or two shares (is_candidate: the candidate bases, else the range). Each percentage p
-- is a bit mask over the set (bit i when base i prints p); a pair passes when the AND of
-- its masks is not zero.
--   check_id     : the common_base check
--   is_candidate : the set is the check's candidate bases (else its range of bases)
--   chance       : passing tuples / 101^m (m, the check's shares: one or two)
CREATE OR REPLACE TABLE internal.common_base_chance AS
WITH cand AS (
    SELECT DISTINCT check_id, CAST(value AS BIGINT) AS n
    FROM internal.check_inputs WHERE kind = 'common_base' AND term = 'base' AND value >= 1
), sets AS (
    SELECT check_id, is_candidate, n, dense_rank() OVER (PARTITION BY check_id, is_candidate ORDER BY n) - 1 AS i,
           count(*) OVER (PARTITION BY check_id, is_candidate) AS n_bases
    FROM (SELECT c.check_id, TRUE AS is_candidate, c.n FROM cand c
          UNION ALL
          SELECT k.check_id, FALSE, r.n FROM checks k, LATERAL range(k.base_min, k.base_max + 1) AS r(n)
          WHERE k.kind = 'common_base' AND k.base_max < 100 AND k.base_max - k.base_min BETWEEN 1 AND 61)
), small AS (
    SELECT s.*, h.m FROM sets s JOIN (SELECT check_id, count(*) FILTER (WHERE term = 'share') AS m,
                                             bool_or(term = 'base' AND series IS NOT NULL) AS has_series
                                      FROM internal.check_inputs WHERE kind = 'common_base' GROUP BY check_id) h
         USING (check_id)
    WHERE s.n_bases BETWEEN 2 AND 62 AND h.m <= 2 AND NOT h.has_series
), masks AS (
    SELECT check_id, is_candidate, any_value(m) AS m, mask, count(*) AS c
    FROM (SELECT b.check_id, b.is_candidate, any_value(b.m) AS m, x.p, sum(CAST(1 AS BIGINT) << CAST(b.i AS INTEGER)) AS mask
          FROM small b, range(0, 101) AS x(p)
          WHERE pct_k_lo(x.p, b.n, 'either') <= pct_k_hi(x.p, b.n, 'either') GROUP BY ALL)
    GROUP BY ALL
)
SELECT a.check_id, a.is_candidate,
       CASE WHEN any_value(a.m) = 1 THEN sum(a.c) FILTER (WHERE b.mask = a.mask) / 101.0
            ELSE sum(a.c * b.c) FILTER (WHERE a.mask & b.mask <> 0) / power(101.0, 2) END AS chance
FROM masks a JOIN masks b USING (check_id, is_candidate) GROUP BY ALL;

-- check_result_common_base (table), kind common_base: percentages ('share') printed
-- together that should be whole-number shares of one base: a candidate printed elsewhere
-- ('base' members) or, failing that, any base in [base_min, base_max] (share_base_grid).
--   reproduced     : a candidate base gives every share exactly
--   within_rounding: a candidate base gives every share as a whole count (GRIM)
--   conditional    : no candidate fits, but one base in the range does (the reading
--                    names the bases that fit); or, with relation each, every share fits
--                    some base in the range on its own (the shares have different bases)
--   discrepancy    : nothing in the range fits
-- Ties: the grid reads a share either way a half may round (rule either). A base that fits
-- only because some k/n lies exactly on x.5 and was printed rounded down (half to even,
-- where the package otherwise reads values as rounded half up) rests on that reading: a
-- candidate base that fits only so makes the check conditional, not within_rounding, and
-- when no fitting base of the range fits half up the reading says so.
-- pass_chance, for the reading that passed, exact where cheap: the share of the 101^m
-- tuples of whole percentages 0..100 (one per share) that some single base of the
-- reading's set prints (the candidate bases, or the range). With one base it is
-- (printable(n)/101)^m; for a range holding a base of 100 or more, which prints every
-- percentage, 1; with two or more bases, one or two shares and at most 62 bases (and no
-- candidate tied to a series), a count over the pairs (common_base_chance); otherwise
-- empty: a union bound over the bases overstates the chance, and an exact count over
-- many bases and shares costs more than the audit's whole build. For relation each, the
-- product over the shares of the share of percentages printable at some base in the
-- range (the shares are independent, so this is exact too).
-- Typed numbers: what the check recomputes is a base, so base_lo and base_hi hold the
-- smallest and largest base, candidate or in [base_min, base_max], at which every share is
-- a whole count (empty when no single base fits them all, as for relation each when each
-- share needs a base of its own). recomputed_value, recomputed_lo and recomputed_hi stay
-- empty: the implied counts are one per share and change with the base, so no one number
-- is the lowest or highest value the printed figures allow (the counts at the base the
-- verdict rests on are in recomputed); published_value stays empty too (the shares are
-- percentages, the recomputed numbers bases).
CREATE OR REPLACE TABLE internal.check_result_common_base AS
WITH cb AS (SELECT * FROM checks WHERE kind = 'common_base'),
g AS (SELECT g.* FROM internal.share_base_grid g JOIN cb USING (check_id)),
per_base AS (
    SELECT check_id, n, is_candidate, bool_and(fits) AS all_fit, bool_and(exact AND fits) AS all_exact, count(*) AS m,
           bool_and(pct_k_lo(p, n, 'half_up') <= pct_k_hi(p, n, 'half_up')) AS all_fit_up,
           string_agg(CASE WHEN k_lo = k_hi THEN k_lo::VARCHAR ELSE k_lo || '-' || k_hi END, ' ' ORDER BY position)
               AS counts
    FROM g GROUP BY ALL
), cand AS (
    SELECT b.check_id, bool_or(b.all_fit) AS fit, bool_or(b.all_exact) AS exact, bool_or(b.all_fit_up) AS fit_up,
           array_to_string(list_sort(list(DISTINCT b.n)), ', ') AS bases,
           array_to_string(list_sort(list(DISTINCT b.n) FILTER (WHERE b.all_fit)), ', ') AS fitting,
           min(b.n) FILTER (WHERE b.all_fit) AS n_fit, max(b.n) FILTER (WHERE b.all_fit) AS n_fit_max,
           CASE WHEN count(*) = 1 THEN any_value(power(p.printable / 101.0, b.m)) ELSE any_value(x.chance) END AS chance
    FROM per_base b JOIN internal.printable_shares p ON p.n = b.n
    LEFT JOIN internal.common_base_chance x ON x.check_id = b.check_id AND x.is_candidate
    WHERE b.is_candidate GROUP BY b.check_id
), rng AS (
    SELECT b.check_id, count(*) FILTER (WHERE b.all_fit) AS n_fitting, min(b.n) FILTER (WHERE b.all_fit) AS smallest,
           count(*) FILTER (WHERE b.all_fit_up) AS n_fitting_up,
           max(b.n) FILTER (WHERE b.all_fit) AS largest,
           array_to_string((list(b.n ORDER BY b.n) FILTER (WHERE b.all_fit))[1:12], ', ') AS fitting,
           CASE WHEN max(b.n) >= 100 THEN 1.0 WHEN count(*) = 1 THEN any_value(power(p.printable / 101.0, b.m))
                ELSE any_value(x.chance) END AS chance
    FROM per_base b JOIN internal.printable_shares p ON p.n = b.n
    LEFT JOIN internal.common_base_chance x ON x.check_id = b.check_id AND NOT x.is_candidate
    WHERE NOT b.is_candidate GROUP BY b.check_id
), each_share AS (
    SELECT check_id, position, bool_or(fits) AS fits FROM g WHERE NOT is_candidate GROUP BY ALL
), each_r AS (
    SELECT check_id, bool_and(fits) AS all_fit FROM each_share GROUP BY check_id
), each_chance AS (  -- share of the 101 percentages printable at some base in the range
    SELECT k.check_id, count(DISTINCT x.p) FILTER (WHERE pct_k_lo(x.p, n.n, 'either') <= pct_k_hi(x.p, n.n, 'either'))
               / 101.0 AS q
    FROM cb k, range(0, 101) AS x(p), LATERAL range(k.base_min, least(k.base_max, 5000) + 1) AS n(n)
    WHERE k.relation = 'each' AND k.base_min IS NOT NULL AND k.base_max IS NOT NULL GROUP BY k.check_id
), shares AS (SELECT check_id, count(DISTINCT position) AS m FROM g GROUP BY check_id),
counts_at AS (  -- implied counts at the base the verdict rests on
    SELECT b.check_id, b.n, b.counts FROM per_base b WHERE b.all_fit
    QUALIFY row_number() OVER (PARTITION BY b.check_id ORDER BY NOT b.is_candidate, b.n) = 1
), r AS (
    SELECT k.check_id, k.relation, k.base_min, k.base_max, s.m,
           coalesce(c.fit, FALSE) AS cand_fit, coalesce(c.exact, FALSE) AS cand_exact, c.bases AS candidates,
           coalesce(c.fit_up, FALSE) AS cand_fit_up, coalesce(n.n_fitting_up, 0) AS n_fitting_up,
           c.n_fit AS cand_lo, c.n_fit_max AS cand_hi,
           c.chance AS cand_chance, n.n_fitting > 0 AS range_fit, n.fitting, n.n_fitting, n.smallest, n.largest,
           n.chance AS range_chance, coalesce(e.all_fit, FALSE) AND k.relation = 'each' AS each_fit,
           power(ec.q, s.m) AS each_chance, a.n AS n_at, a.counts AS counts_at
    FROM cb k JOIN shares s USING (check_id) LEFT JOIN cand c USING (check_id) LEFT JOIN rng n USING (check_id)
    LEFT JOIN each_r e USING (check_id) LEFT JOIN each_chance ec USING (check_id) LEFT JOIN counts_at a USING (check_id)
)
SELECT c.check_id, r.check_id IS NOT NULL AS computable,
       r.cand_exact AS holds_exact, r.cand_fit_up OR r.cand_exact AS holds_rounding,
       r.cand_fit OR coalesce(r.range_fit, FALSE) OR r.each_fit AS holds_assumed,
       CAST(least(r.smallest, r.cand_lo) AS BIGINT) AS base_lo, CAST(greatest(r.largest, r.cand_hi) AS BIGINT) AS base_hi,
       CASE WHEN r.cand_fit THEN r.cand_chance WHEN r.range_fit THEN r.range_chance WHEN r.each_fit THEN r.each_chance
            ELSE coalesce(r.cand_chance, r.range_chance) END AS pass_chance,
       CASE WHEN r.n_at IS NOT NULL THEN 'base ' || r.n_at || ': ' || r.counts_at
            WHEN r.each_fit THEN 'no common base; each share fits a base of its own'
            ELSE 'no base fits' END AS recomputed,
       CASE WHEN r.cand_fit AND (r.cand_fit_up OR r.cand_exact) THEN NULL
            WHEN r.cand_fit THEN 'holds only if a share exactly on a half was printed rounded down (half to even), '
                 || 'not half up as elsewhere; the candidate base ' || r.n_at || ' gives it'
            WHEN r.range_fit THEN 'holds if the base is one of ' || r.fitting
                 || CASE WHEN r.n_fitting > 12 THEN ' (' || r.n_fitting || ' bases in all)' ELSE '' END
                 || coalesce(', not the candidate ' || r.candidates, '')
                 || CASE WHEN r.n_fitting_up = 0 THEN ', and only if a share exactly on a half was printed rounded '
                         || 'down (half to even), not half up as elsewhere' ELSE '' END
            WHEN r.each_fit THEN 'holds only if the shares have different bases (no single base from '
                 || r.base_min || ' to ' || r.base_max || ' gives them all)' END AS reading,
       CASE WHEN r.check_id IS NULL THEN 'No shares.'
            ELSE trim(CASE WHEN r.candidates IS NULL THEN ''
                      WHEN r.cand_fit THEN CASE WHEN r.m = 1 THEN 'The share fits' ELSE 'The ' || r.m || ' shares fit' END || ' the candidate base ' || r.n_at
                           || ' (whole counts ' || r.counts_at || ').'
                      ELSE CASE WHEN r.m = 1 THEN 'The share does not fit' ELSE 'The ' || r.m || ' shares do not all fit' END || ' the candidate base ' || r.candidates || '.' END
                 || CASE WHEN r.base_min IS NULL THEN ''
                         WHEN r.range_fit THEN ' Bases from ' || r.base_min || ' to ' || r.base_max || ' that fit ' || CASE WHEN r.m = 1 THEN 'it' ELSE 'them all' END || ': '
                              || r.fitting || CASE WHEN r.n_fitting > 12 THEN ', ... (' || r.n_fitting || ' in all)' ELSE '' END
                              || '; the smallest is ' || r.smallest || '.'
                              || CASE WHEN r.n_fitting_up = 0 THEN ' Rounding half up, none fits: each needs a share'
                                      || ' exactly on a half rounded down.' ELSE '' END
                         WHEN r.each_fit THEN ' No single base from ' || r.base_min || ' to ' || r.base_max
                              || ' fits them all; each fits some base of its own.'
                         ELSE ' No base from ' || r.base_min || ' to ' || r.base_max || ' fits them all.' END)
       END AS detail,
       []::VARCHAR[] AS singled_out
FROM checks c LEFT JOIN r USING (check_id)
WHERE c.kind = 'common_base';
