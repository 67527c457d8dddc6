-- check_result_near (table), kind near: values ('value') that a report calls close to a
-- reference figure ('reference'), as in 'nearly as important as': each value must lie
-- below the reference (or level with it) by at most the check's tolerance, against every
-- reference given. A whole percentage v covers exact values in [v - 0.5, v + 0.5] (a
-- count is exact), so with h_v, h_r those half-widths the gap r - v between the printed
-- reference r and value v may be read as any number in [r - v - h_v - h_r, r - v + h_v + h_r]:
--   conditional : for every value and reference that range meets [0, tolerance]
--   discrepancy : for some value it does not (too far below, or above the reference)
-- How far 'nearly as' stretches is an interpretation, named in the check's assumption, so
-- the check is never reproduced nor within rounding (and needs a tolerance to hold).
-- recomputed_lo / recomputed_hi: the smallest and largest printed gap (reference minus
-- value, points); published_value: the lowest reference.
-- pass_chance: per value, the share of whole percentages 0..100 that would meet the
-- reading against every reference as printed; multiplied over the values.
CREATE OR REPLACE TABLE check_result_near AS
WITH k AS (SELECT * FROM checks WHERE kind = 'near'),
m AS (
    SELECT i.check_id, i.term, i.position, i.figure_id, i.value AS v,
           CASE WHEN i.unit = 'percent' THEN 0.5 ELSE 0 END AS half
    FROM check_inputs i JOIN k USING (check_id)
    WHERE i.term IN ('value', 'reference') AND i.value IS NOT NULL
), pairs AS (  -- every value against every reference
    SELECT v.check_id, v.position, v.figure_id, v.v, v.half, r.v AS r, r.half AS r_half, coalesce(k.tolerance, 0) AS tol,
           r.v - v.v AS gap,
           r.v - v.v + v.half + r.half >= 0 AND r.v - v.v - v.half - r.half <= coalesce(k.tolerance, 0) AS ok
    FROM m v JOIN m r ON r.check_id = v.check_id AND r.term = 'reference'
    JOIN k ON k.check_id = v.check_id
    WHERE v.term = 'value'
), agg AS (
    SELECT check_id, any_value(tol) AS tol, bool_and(ok) AS ok, min(gap) AS gap_lo, max(gap) AS gap_hi, min(r) AS ref_lo,
           string_agg(DISTINCT fmt_num(r), ', ') AS refs,
           string_agg(fmt_num(v) || ' (' || fmt_num(gap) || ' below)', ', ' ORDER BY position, r) AS vals,
           string_agg(fmt_num(v) || ' (' || fmt_num(gap) || ' below)', ', ' ORDER BY position, r) FILTER (WHERE NOT ok)
               AS failing
    FROM pairs GROUP BY check_id
), chance AS (  -- per value: how many of 0..100 would meet the reading against every reference
    SELECT q.check_id, q.position,
           count(*) FILTER (WHERE q.all_ok) / 101.0 AS share
    FROM (
        SELECT p.check_id, p.position, x.x,
               bool_and(p.r - x.x + p.half + p.r_half >= 0 AND p.r - x.x - p.half - p.r_half <= p.tol) AS all_ok
        FROM pairs p, range(0, 101) AS x(x) WHERE p.half > 0 GROUP BY p.check_id, p.position, x.x
    ) q GROUP BY q.check_id, q.position
), chance_all AS (
    SELECT check_id, exp(sum(ln(greatest(share, 1e-300)))) AS pass_chance FROM chance GROUP BY check_id
)
SELECT c.check_id, a.check_id IS NOT NULL AS computable,
       FALSE AS holds_exact, FALSE AS holds_rounding, a.ok AS holds_assumed,
       CAST(a.ref_lo AS DOUBLE) AS published_value,
       CAST(a.gap_lo AS DOUBLE) AS recomputed_lo, CAST(a.gap_hi AS DOUBLE) AS recomputed_hi,
       ch.pass_chance,
       CASE WHEN a.check_id IS NOT NULL THEN a.vals || ' against ' || a.refs END AS recomputed,
       CASE WHEN a.ok THEN 'holds if a value up to ' || fmt_num(a.tol) || ' points below the reference counts as close to it'
            END AS reading,
       CASE WHEN a.check_id IS NULL THEN 'No value or reference to compare.'
            ELSE 'Gaps below the reference ' || a.refs || ': ' || a.vals
                 || CASE WHEN a.ok THEN '; each is within ' || fmt_num(a.tol) || ' points, an interpretation of the words.'
                         ELSE '; ' || a.failing || ' does not fit within ' || fmt_num(a.tol)
                              || ' points below the reference (or lies above it).' END END AS detail,
       []::VARCHAR[] AS singled_out
FROM checks c LEFT JOIN agg a USING (check_id) LEFT JOIN chance_all ch USING (check_id)
WHERE c.kind = 'near';
