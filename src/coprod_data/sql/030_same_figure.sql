-- Intermediate steps go to schema internal; what users query stays in main.
CREATE SCHEMA IF NOT EXISTS internal;

-- check_result_same_figure (table), kind same_figure: one quantity printed more than once
-- (text and chart, two tables, two documents), members 'printing'. Every printing is at
-- the same precision, so rounding cannot explain a difference: equal printings reproduce
-- each other; any difference is a discrepancy. With three or more printings a strict
-- majority singles out the printings that differ from it.
-- pass_chance: the chance that the other printings all equal the first when drawn at
-- random at their precision, (1/101)^(k-1) for k whole percentages; none for counts.
-- Every check-result table has the same columns (see 090_audit_checks.sql).
CREATE OR REPLACE TABLE internal.check_result_same_figure AS
WITH m AS (SELECT * FROM internal.check_inputs WHERE kind = 'same_figure' AND term = 'printing' AND value IS NOT NULL),
g AS (
    SELECT check_id, count(*) AS k, count(DISTINCT value) AS n_values, min(value) AS lo, max(value) AS hi,
           bool_and(unit = 'percent') AS is_pct, arg_min(value, position) AS first_value,
           string_agg(fmt_num(value) || CASE WHEN unit = 'percent' THEN '%' ELSE '' END || ' (' || figure_id || ')',
                      ', ' ORDER BY position) AS printings
    FROM m GROUP BY check_id
), votes AS (SELECT check_id, value, count(*) AS n FROM m GROUP BY ALL),
majority AS (
    SELECT v.check_id, v.value FROM votes v JOIN g USING (check_id) WHERE g.k >= 3 AND 2 * v.n > g.k
), odd AS (
    SELECT m.check_id, list(m.figure_id ORDER BY m.position) AS ids
    FROM m JOIN majority j ON j.check_id = m.check_id AND m.value <> j.value GROUP BY m.check_id
)
SELECT c.check_id,
       coalesce(g.k, 0) >= 2 AS computable,
       g.n_values = 1 AS holds_exact, g.n_values = 1 AS holds_rounding, g.n_values = 1 AS holds_assumed,
       g.first_value AS published_value, g.lo AS recomputed_lo, g.hi AS recomputed_hi,
       CASE WHEN g.is_pct THEN power(1 / 101.0, g.k - 1) END AS pass_chance,
       CASE WHEN g.n_values = 1 THEN fmt_num(g.lo) ELSE fmt_num(g.lo) || ' to ' || fmt_num(g.hi) END AS recomputed,
       CASE WHEN g.k IS NULL OR g.k < 2 THEN 'Fewer than two printings to compare.'
            WHEN g.n_values = 1 THEN 'Printed ' || g.k || ' times, each time ' || fmt_num(g.lo)
                 || CASE WHEN g.is_pct THEN '%' ELSE '' END || ': ' || g.printings || '.'
            ELSE 'Printed ' || g.k || ' times with different values: ' || g.printings || '.'
                 || coalesce(' The majority singles out ' || array_to_string(o.ids, ', ') || '.', '') END AS detail,
       coalesce(o.ids, []::VARCHAR[]) AS singled_out
FROM checks c LEFT JOIN g USING (check_id) LEFT JOIN odd o USING (check_id)
WHERE c.kind = 'same_figure';
