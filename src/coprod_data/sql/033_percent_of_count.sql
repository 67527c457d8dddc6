-- Intermediate steps go to schema internal; what users query stays in main.
CREATE SCHEMA IF NOT EXISTS internal;

-- share_base_grid (table): every percentage ('share') of a percent_of_count or
-- common_base check against every base n it may be a share of: the candidate bases
-- ('base' members: printed counts or counts of rows; a base with a series applies to the
-- shares of that series) and, for common_base, every n in [base_min, base_max]. For each,
-- the whole counts k with k/n printing the share (GRIM, rule either: k_lo..k_hi, none
-- when k_lo > k_hi) and whether k/n is exactly the share.
--   p            : the printed share, in whole percent
--   n            : the base it is tried against
--   is_candidate : the base is a 'base' member of the check (not a base of its range)
--   base_ref     : the member the candidate base comes from (figure_id or count_of), else NULL
--   k_lo, k_hi   : the smallest and largest whole count k with k/n printing the share
--   fits         : some whole count prints the share at this base (k_lo <= k_hi)
--   exact        : some whole k/n equals the share exactly
CREATE OR REPLACE TABLE internal.share_base_grid AS
WITH shares AS (
    SELECT check_id, kind, position, figure_id, series, CAST(value AS BIGINT) AS p
    FROM internal.check_inputs WHERE kind IN ('percent_of_count', 'common_base') AND term = 'share' AND value IS NOT NULL
), cand AS (
    SELECT check_id, series, CAST(value AS BIGINT) AS n, member_ref AS base_ref
    FROM internal.check_inputs WHERE kind IN ('percent_of_count', 'common_base') AND term = 'base' AND value >= 1
), bases AS (
    SELECT s.check_id, s.position, s.figure_id, s.series, s.p, c.n, TRUE AS is_candidate, c.base_ref
    FROM shares s JOIN cand c ON c.check_id = s.check_id AND (c.series IS NULL OR c.series = s.series)
    UNION ALL
    SELECT s.check_id, s.position, s.figure_id, s.series, s.p, n.n, FALSE, NULL
    FROM shares s JOIN checks k USING (check_id)
    CROSS JOIN LATERAL range(k.base_min, least(k.base_max, 5000) + 1) AS n(n)
    WHERE s.kind = 'common_base' AND k.base_min IS NOT NULL AND k.base_max IS NOT NULL
)
SELECT *, pct_k_lo(p, n, 'either') AS k_lo, pct_k_hi(p, n, 'either') AS k_hi,
       pct_k_lo(p, n, 'either') <= pct_k_hi(p, n, 'either') AS fits,
       (p * n) % 100 = 0 AS exact
FROM bases;

-- check_result_percent_of_count (table), kind percent_of_count: percentages ('share') of a
-- count the report states for them ('base'). Per series, some candidate base must give
-- every share as a whole count (GRIM); reproduced when the counts are exact.
-- pass_chance: the chance that shares drawn at random at whole-percent precision pass:
-- the product over shares of printable(n) / 101 at the base, summed over candidate bases
-- (an upper bound when there are several), at most 1. At n >= 100 every percentage is
-- printable and the check has no power (pass_chance 1).
-- Typed numbers: base_lo, base_hi: the smallest and largest candidate base at which every
-- share of its series is a whole count (empty when none fits). recomputed_lo,
-- recomputed_hi: the whole counts k that print the share at that base (recomputed_value:
-- k when only one does), given only when the check has one share and one candidate base
-- fits it; with several shares (or several fitting bases) each share has counts of its
-- own, no single range is 'the' recomputed number, and these stay empty (the counts are in
-- recomputed). published_value stays empty: the printed share is a percentage, the
-- recomputed numbers are counts.
CREATE OR REPLACE TABLE internal.check_result_percent_of_count AS
WITH per_base AS (
    SELECT g.check_id, g.series, g.n, bool_and(g.fits) AS all_fit, bool_and(g.exact) AS all_exact, count(*) AS m,
           min(g.k_lo) AS k_lo, max(g.k_hi) AS k_hi,
           string_agg(CASE WHEN g.k_lo = g.k_hi THEN g.k_lo::VARCHAR ELSE g.k_lo || '-' || g.k_hi END || '/' || g.n,
                      ', ' ORDER BY g.position) AS counts
    FROM internal.share_base_grid g WHERE g.is_candidate AND g.check_id IN (SELECT check_id FROM checks WHERE kind = 'percent_of_count')
    GROUP BY ALL
), per_series AS (
    SELECT b.check_id, b.series, bool_or(b.all_fit) AS fit, bool_or(b.all_exact AND b.all_fit) AS exact,
           min(b.n) FILTER (WHERE b.all_fit) AS n_lo, max(b.n) FILTER (WHERE b.all_fit) AS n_hi,
           least(1.0, sum(power(p.printable / 101.0, b.m))) AS chance,
           string_agg(b.counts, '; ' ORDER BY b.n) FILTER (WHERE b.all_fit) AS counts,
           string_agg(b.n::VARCHAR, ', ' ORDER BY b.n) AS bases
    FROM per_base b JOIN internal.printable_shares p ON p.n = b.n GROUP BY b.check_id, b.series
), r AS (
    SELECT check_id, bool_and(fit) AS fit, bool_and(exact) AS exact, min(n_lo) AS n_lo, max(n_hi) AS n_hi,
           exp(sum(ln(greatest(chance, 1e-300)))) AS chance,
           string_agg(counts, '; ' ORDER BY series) AS counts, string_agg(bases, '; ' ORDER BY series) AS bases
    FROM per_series GROUP BY check_id
), one AS (  -- one share, one candidate base that fits it: the counts that print it
    SELECT b.check_id, any_value(b.k_lo) FILTER (WHERE b.all_fit) AS k_lo,
           any_value(b.k_hi) FILTER (WHERE b.all_fit) AS k_hi
    FROM per_base b
    JOIN (SELECT check_id, count(DISTINCT position) AS n_shares FROM internal.share_base_grid GROUP BY check_id) s
         USING (check_id)
    WHERE s.n_shares = 1 GROUP BY b.check_id HAVING count(*) FILTER (WHERE b.all_fit) = 1
)
SELECT c.check_id, r.check_id IS NOT NULL AS computable,
       r.exact AS holds_exact, r.fit AS holds_rounding, r.fit AS holds_assumed,
       r.n_lo AS base_lo, r.n_hi AS base_hi, r.chance AS pass_chance,
       CASE WHEN o.k_lo = o.k_hi THEN o.k_lo END AS recomputed_value, o.k_lo AS recomputed_lo, o.k_hi AS recomputed_hi,
       coalesce(r.counts, 'none') AS recomputed,
       CASE WHEN r.check_id IS NULL THEN 'No share with a stated base.'
            WHEN r.fit THEN 'Whole counts give every share at the stated base: ' || r.counts || '.'
            ELSE 'No whole count gives every share at the stated base ' || r.bases || '.' END AS detail,
       []::VARCHAR[] AS singled_out
FROM checks c LEFT JOIN r USING (check_id) LEFT JOIN one o USING (check_id)
WHERE c.kind = 'percent_of_count';
