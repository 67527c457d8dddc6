-- Intermediate steps go to schema internal; what users query stays in main.
CREATE SCHEMA IF NOT EXISTS internal;

-- check_result_same_figure (table), kind same_figure: one quantity printed more than once
-- (text and chart, two tables, two documents), members 'printing'. Every exact printing is at
-- the same precision, so rounding cannot explain a difference: equal printings reproduce
-- each other; any difference is a discrepancy. A printed bound (qualifier more_than,
-- at_least, less_than or at_most, on a count) is a range of whole numbers, not a value: the
-- check holds when one whole number fits every printing (the exact ones and every bound).
-- A bound on a percentage, or a qualifier outside these, is not compared (not computable).
-- With three or more printings, an exact value printed by a strict majority singles out the
-- printings it does not fit.
-- pass_chance: the chance that the other printings all equal the first when drawn at
-- random at their precision, (1/101)^(k-1) for k whole percentages; none for counts.
-- Every check-result table has the same columns (see 090_audit_checks.sql).
CREATE OR REPLACE TABLE internal.check_result_same_figure AS
WITH m AS (
    SELECT *,
           qualifier IN ('exact', 'more_than', 'at_least', 'less_than', 'at_most')
               AND (qualifier = 'exact' OR unit IS DISTINCT FROM 'percent') AS understood,
           CASE qualifier WHEN 'exact' THEN '' WHEN 'more_than' THEN 'more than ' WHEN 'at_least' THEN 'at least '
                          WHEN 'less_than' THEN 'less than ' WHEN 'at_most' THEN 'at most '
                          ELSE qualifier || ' ' END AS said
    FROM internal.check_inputs WHERE kind = 'same_figure' AND term = 'printing' AND value IS NOT NULL
),
g AS (
    SELECT check_id, count(*) AS k, count(*) FILTER (WHERE NOT understood) AS n_unknown,
           count(DISTINCT value) FILTER (WHERE qualifier = 'exact') AS n_values,
           min(value) FILTER (WHERE qualifier = 'exact') AS exact_value,
           count(*) FILTER (WHERE qualifier IN ('more_than', 'at_least', 'less_than', 'at_most')) AS n_bounds,
           -- with bounds (on counts): the whole numbers they all allow, lowest (a count is
           -- never below 0) and highest (NULL: unbounded); without bounds, both NULL
           CASE WHEN n_bounds > 0 THEN greatest(0, coalesce(
               max(CASE qualifier WHEN 'more_than' THEN floor(value) + 1 WHEN 'at_least' THEN ceil(value) END), 0))
           END AS bound_lo,
           min(CASE qualifier WHEN 'less_than' THEN ceil(value) - 1 WHEN 'at_most' THEN floor(value) END)
               AS bound_hi,
           min(value) AS lo, max(value) AS hi,
           bool_and(unit = 'percent') AS is_pct, arg_min(value, position) AS first_value,
           string_agg(said || fmt_num(value) || CASE WHEN unit = 'percent' THEN '%' ELSE '' END
                      || ' (' || figure_id || ')', ', ' ORDER BY position) AS printings,
           string_agg(DISTINCT qualifier, ', ')
               FILTER (WHERE qualifier NOT IN ('exact', 'more_than', 'at_least', 'less_than', 'at_most'))
               AS unknown,
           count(*) FILTER (WHERE unit = 'percent' AND qualifier IN ('more_than', 'at_least', 'less_than', 'at_most'))
               > 0 AS pct_bound
    FROM m GROUP BY check_id
), fit AS (
    SELECT *, n_unknown = 0 AND n_values <= 1
              AND coalesce(bound_lo <= bound_hi, true)
              AND coalesce(exact_value >= bound_lo, true) AND coalesce(exact_value <= bound_hi, true) AS holds
    FROM g
), votes AS (SELECT check_id, value, count(*) AS n FROM m WHERE qualifier = 'exact' GROUP BY ALL),
majority AS (
    SELECT v.check_id, v.value FROM votes v JOIN g USING (check_id) WHERE g.k >= 3 AND 2 * v.n > g.k
), odd AS (
    SELECT m.check_id, list(m.figure_id ORDER BY m.position) AS ids
    FROM m JOIN majority j ON j.check_id = m.check_id
    WHERE CASE m.qualifier WHEN 'exact' THEN m.value <> j.value
                           WHEN 'more_than' THEN j.value <= m.value WHEN 'at_least' THEN j.value < m.value
                           WHEN 'less_than' THEN j.value >= m.value WHEN 'at_most' THEN j.value > m.value END
    GROUP BY m.check_id
)
SELECT c.check_id,
       coalesce(g.k, 0) >= 2 AND g.n_unknown = 0 AS computable,
       g.holds AS holds_exact, g.holds AS holds_rounding, g.holds AS holds_assumed,
       g.first_value AS published_value,
       -- a holding check with bounds: the whole numbers that fit every printing; else the printed range
       CASE WHEN g.holds AND g.n_bounds > 0 THEN coalesce(g.exact_value, g.bound_lo) ELSE g.lo END AS recomputed_lo,
       CASE WHEN g.holds AND g.n_bounds > 0 THEN coalesce(g.exact_value, g.bound_hi) ELSE g.hi END AS recomputed_hi,
       CASE WHEN g.is_pct THEN power(1 / 101.0, g.k - 1) END AS pass_chance,
       CASE WHEN g.n_values = 1 THEN fmt_num(g.exact_value)
            WHEN g.n_values = 0 AND g.holds THEN
                 fmt_num(g.bound_lo) || coalesce(' to ' || fmt_num(g.bound_hi), ' or more')
            ELSE fmt_num(g.lo) || ' to ' || fmt_num(g.hi) END AS recomputed,
       CASE WHEN g.k IS NULL OR g.k < 2 THEN 'Fewer than two printings to compare.'
            WHEN g.n_unknown > 0 THEN 'Printed ' || g.k || ' times: ' || g.printings || '. Not compared: '
                 || concat_ws('; ', 'qualifier ' || g.unknown, CASE WHEN g.pct_bound THEN 'a bound on a percentage' END)
                 || ' (understood: exact, and more_than, at_least, less_than, at_most on a count).'
            WHEN g.holds AND g.n_values = 1 AND g.n_bounds = 0 THEN
                 'Printed ' || g.k || ' times, each time ' || fmt_num(g.lo)
                 || CASE WHEN g.is_pct THEN '%' ELSE '' END || ': ' || g.printings || '.'
            WHEN g.holds THEN 'Printed ' || g.k || ' times: ' || g.printings || '; '
                 || CASE WHEN g.n_values = 1 THEN fmt_num(g.exact_value) || ' fits every printing.'
                         ELSE 'every whole number from ' || fmt_num(g.bound_lo)
                              || coalesce(' to ' || fmt_num(g.bound_hi), ' up') || ' fits them all.' END
            WHEN g.n_values > 1 THEN 'Printed ' || g.k || ' times with different values: ' || g.printings || '.'
                 || coalesce(' The majority singles out ' || array_to_string(o.ids, ', ') || '.', '')
            ELSE 'Printed ' || g.k || ' times: ' || g.printings || '; no one value fits them all.'
                 || coalesce(' The majority singles out ' || array_to_string(o.ids, ', ') || '.', '') END AS detail,
       coalesce(o.ids, []::VARCHAR[]) AS singled_out
FROM checks c LEFT JOIN fit g USING (check_id) LEFT JOIN odd o USING (check_id)
WHERE c.kind = 'same_figure';
