-- figure_status: one status per published figure, from its checks.
-- A figure is a discrepancy when any check that counts finds one; otherwise
-- reproduced when another printing or a count reproduces it exactly; otherwise
-- within_rounding when it is reproduced only within rounding; otherwise
-- not_recomputable (printed once, with nothing to recompute it from).
-- detail gives the counted checks first (most severe first), then, marked as notes,
-- the checks that rest on an assumed or derived base. issue_key names the first
-- discrepancy, so that one inconsistency is counted once however many figures share it.
CREATE OR REPLACE VIEW figure_status AS
WITH ranked AS MATERIALIZED (
    SELECT *, CASE status WHEN 'discrepancy' THEN 0 WHEN 'not_recomputable' THEN 1
                          WHEN 'within_rounding' THEN 2 ELSE 3 END AS severity
    FROM figure_checks
), counted AS (
    SELECT figure_id,
           bool_or(status = 'discrepancy') AS any_discrepancy,
           bool_or(status = 'reproduced') AS any_reproduced,
           bool_or(status = 'within_rounding') AS any_within,
           min(issue_key) FILTER (WHERE status = 'discrepancy') AS issue_key,
           string_agg(detail, ' ' ORDER BY severity, check_name, detail) AS detail,
           string_agg(check_name || ': ' || recomputed, '; ' ORDER BY check_name, recomputed) AS recomputed
    FROM ranked WHERE counts_toward_status GROUP BY figure_id
), notes AS (
    SELECT figure_id,
           'Note, not counted (it rests on a base the report does not state for this figure): '
             || string_agg(detail, ' ' ORDER BY severity, check_name, detail) AS notes
    FROM ranked WHERE NOT counts_toward_status GROUP BY figure_id
), rules AS (
    SELECT figure_id, string_agg(DISTINCT rounding, ', ' ORDER BY rounding) AS rounding
    FROM figure_checks GROUP BY figure_id
)
SELECT f.figure_id,
       CASE WHEN c.any_discrepancy THEN 'discrepancy'
            WHEN c.any_reproduced THEN 'reproduced'
            WHEN c.any_within THEN 'within_rounding'
            ELSE 'not_recomputable' END AS status,
       c.recomputed,
       coalesce(r.rounding, 'none') AS rounding,
       concat_ws(' ',
                 coalesce(c.detail, 'Printed once, with no stated base or second printing to recompute it from.'),
                 n.notes) AS detail,
       c.issue_key
FROM fact_figures f
LEFT JOIN counted c USING (figure_id)
LEFT JOIN notes n USING (figure_id)
LEFT JOIN rules r USING (figure_id);
