-- figure_status: one status per published figure, from its checks.
-- A figure is a discrepancy when any check that counts finds one; otherwise
-- reproduced when another printing or a count reproduces it exactly; otherwise
-- within_rounding when it is reproduced only within rounding; otherwise
-- not_recomputable (printed once, with nothing to recompute it from).
CREATE OR REPLACE VIEW figure_status AS
WITH counted AS (
    SELECT figure_id,
           bool_or(status = 'discrepancy') AS any_discrepancy,
           bool_or(status = 'reproduced') AS any_reproduced,
           bool_or(status = 'within_rounding') AS any_within
    FROM figure_checks WHERE counts_toward_status GROUP BY figure_id
), details AS (
    SELECT figure_id,
           string_agg(detail, ' ' ORDER BY CASE status WHEN 'discrepancy' THEN 0 WHEN 'not_recomputable' THEN 1
                      WHEN 'within_rounding' THEN 2 ELSE 3 END, counts_toward_status DESC, check_name, detail) AS detail,
           string_agg(DISTINCT rounding, ', ' ORDER BY rounding) AS rounding,
           string_agg(check_name || ': ' || recomputed, '; ' ORDER BY counts_toward_status DESC, check_name, recomputed)
               FILTER (WHERE counts_toward_status) AS recomputed,
           string_agg(check_name || ' (' || status || ', not counted)', '; ' ORDER BY check_name, status)
               FILTER (WHERE NOT counts_toward_status) AS informational
    FROM figure_checks GROUP BY figure_id
)
SELECT f.figure_id,
       CASE WHEN c.any_discrepancy THEN 'discrepancy'
            WHEN c.any_reproduced THEN 'reproduced'
            WHEN c.any_within THEN 'within_rounding'
            ELSE 'not_recomputable' END AS status,
       d.recomputed,
       coalesce(d.rounding, 'none') AS rounding,
       CASE WHEN c.figure_id IS NULL
            THEN 'Printed once, with no stated base or second printing to recompute it from.'
                 || coalesce(' ' || d.detail, '')
            ELSE d.detail END AS detail
FROM fact_figures f
LEFT JOIN counted c USING (figure_id)
LEFT JOIN details d USING (figure_id);
