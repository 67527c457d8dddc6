-- Intermediate steps go to schema internal; what users query stays in main.
CREATE SCHEMA IF NOT EXISTS internal;

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
-- pass_chance: per value, the share of whole percentages x in 0..100 that would meet the
-- reading against every reference as printed (x between the largest r - tolerance - h_v
-- - h_r and the smallest r + h_v + h_r, counted without enumerating); multiplied over
-- the values (none for counts).
CREATE OR REPLACE TABLE internal.check_result_near AS
WITH pairs AS (  -- every value against every reference of its check
    SELECT v.check_id, v.position, v.value AS v, coalesce(k.tolerance, 0) AS tol, r.value AS r,
           CASE WHEN v.unit = 'percent' THEN 0.5 ELSE 0 END AS hv, CASE WHEN r.unit = 'percent' THEN 0.5 ELSE 0 END AS hr
    FROM internal.check_inputs v
    JOIN internal.check_inputs r ON r.check_id = v.check_id AND r.term = 'reference' AND r.value IS NOT NULL
    JOIN checks k ON k.check_id = v.check_id
    WHERE v.kind = 'near' AND v.term = 'value' AND v.value IS NOT NULL
), per_value AS (
    SELECT check_id, position, v, any_value(tol) AS tol, any_value(hv) AS hv,
           bool_and(r - v + hv + hr >= 0 AND r - v - hv - hr <= tol) AS ok,
           min(r - v) AS gap_lo, max(r - v) AS gap_hi, min(r) AS ref_lo,
           fmt_num(v) || ' (' || string_agg(fmt_num(r - v), '/' ORDER BY r) || ' below)' AS shown,
           greatest(0, floor(least(100, min(r + hv + hr))) - ceil(greatest(0, max(r - tol - hv - hr))) + 1) AS n_pass
    FROM pairs GROUP BY check_id, position, v
), agg AS (
    SELECT check_id, any_value(tol) AS tol, bool_and(ok) AS ok, min(gap_lo) AS gap_lo, max(gap_hi) AS gap_hi,
           min(ref_lo) AS ref_lo, string_agg(shown, ', ' ORDER BY position) AS vals,
           string_agg(shown, ', ' ORDER BY position) FILTER (WHERE NOT ok) AS failing,
           CASE WHEN bool_and(hv > 0) THEN exp(sum(ln(greatest(n_pass / 101.0, 1e-300)))) END AS pass_chance
    FROM per_value GROUP BY check_id
), refs AS (
    SELECT check_id, string_agg(fmt_num(value), ', ' ORDER BY position) AS refs
    FROM internal.check_inputs WHERE kind = 'near' AND term = 'reference' GROUP BY check_id
)
SELECT c.check_id, a.check_id IS NOT NULL AS computable,
       FALSE AS holds_exact, FALSE AS holds_rounding, a.ok AS holds_assumed,
       CAST(a.ref_lo AS DOUBLE) AS published_value,
       CAST(a.gap_lo AS DOUBLE) AS recomputed_lo, CAST(a.gap_hi AS DOUBLE) AS recomputed_hi,
       a.pass_chance,
       CASE WHEN a.check_id IS NOT NULL THEN a.vals || ' against ' || f.refs END AS recomputed,
       CASE WHEN a.ok THEN 'holds if a value up to ' || fmt_num(a.tol) || ' points below the reference counts as close to it'
            END AS reading,
       CASE WHEN a.check_id IS NULL THEN 'No value or reference to compare.'
            ELSE 'Gaps below the reference ' || f.refs || ': ' || a.vals
                 || CASE WHEN a.ok THEN '; each is within ' || fmt_num(a.tol) || ' points, an interpretation of the words.'
                         ELSE '; ' || a.failing || ' does not fit within ' || fmt_num(a.tol)
                              || ' points below the reference (or lies above it).' END END AS detail,
       []::VARCHAR[] AS singled_out
FROM checks c LEFT JOIN agg a USING (check_id) LEFT JOIN refs f USING (check_id)
WHERE c.kind = 'near';
