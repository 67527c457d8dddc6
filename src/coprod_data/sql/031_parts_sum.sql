-- Intermediate steps go to schema internal; what users query stays in main.
CREATE SCHEMA IF NOT EXISTS internal;

-- check_result_parts_sum (table), kind parts_sum: counts ('part') against a total
-- ('total'; several totals are alternative candidates, one must fit). A part printed as
-- 'more than N' ranges over N+1 and up. Counts are exact, so there is no rounding.
--   equals : the parts add up to the total
--   at_most: the parts fit within the total (the rest is unlisted)
--   union  : strict reading equals; relaxed reading (the check's assumption) that the
--            parts may overlap, so the total lies between the largest part and the sum
-- A part with term 'assumed_part' belongs to the total only under the check's assumption
-- (for example a group the report never places in it): the parts are then added up with
-- it, and the check is at best conditional (never reproduced), naming the assumption.
-- pass_chance: none (counts have no finite range to draw from).
CREATE OR REPLACE TABLE internal.check_result_parts_sum AS
WITH m AS (SELECT * FROM internal.check_inputs WHERE kind = 'parts_sum' AND value IS NOT NULL),
p AS (
    SELECT check_id,
           sum(value + CASE WHEN qualifier = 'more_than' THEN 1 ELSE 0 END) AS sum_lo,
           CASE WHEN bool_and(qualifier <> 'more_than') THEN sum(value) END AS sum_hi,
           max(value + CASE WHEN qualifier = 'more_than' THEN 1 ELSE 0 END) AS max_lo,
           string_agg(CASE WHEN qualifier = 'more_than' THEN 'more than ' ELSE '' END || fmt_num(value)
                      || CASE WHEN term = 'assumed_part' THEN ' (assumed)' ELSE '' END, ' + ' ORDER BY position) AS terms,
           bool_or(term = 'assumed_part') AS has_assumed
    FROM m WHERE term IN ('part', 'assumed_part') GROUP BY check_id
), t AS (
    SELECT m.check_id, m.value AS total, p.*,
           m.value >= p.sum_lo AND (p.sum_hi IS NULL OR m.value <= p.sum_hi) AS eq,
           p.sum_lo <= m.value AS within,
           m.value >= p.max_lo AND (p.sum_hi IS NULL OR m.value <= p.sum_hi) AS overlap_ok
    FROM m JOIN p USING (check_id) WHERE m.term = 'total'
), j AS (
    SELECT t.check_id, c.relation, any_value(t.terms) AS terms, any_value(t.sum_lo) AS sum_lo, any_value(t.sum_hi) AS sum_hi,
           min(t.total) AS first_total, any_value(t.has_assumed) AS has_assumed,
           string_agg(fmt_num(t.total), ' or ' ORDER BY t.total) AS totals,
           bool_or(CASE WHEN c.relation = 'at_most' THEN t.within ELSE t.eq END)
               AND NOT any_value(t.has_assumed) AS strict_ok,
           bool_or(CASE c.relation WHEN 'at_most' THEN t.within WHEN 'union' THEN t.overlap_ok ELSE t.eq END) AS relaxed_ok,
           min(t.sum_lo - t.total) FILTER (WHERE t.overlap_ok) AS min_overlap
    FROM t JOIN checks c USING (check_id) GROUP BY t.check_id, c.relation
)
SELECT c.check_id, j.check_id IS NOT NULL AS computable,
       j.strict_ok AS holds_exact, j.strict_ok AS holds_rounding, j.relaxed_ok AS holds_assumed,
       j.first_total AS published_value, CAST(j.sum_lo AS DOUBLE) AS recomputed_lo, CAST(j.sum_hi AS DOUBLE) AS recomputed_hi,
       CAST(NULL AS DOUBLE) AS pass_chance,
       CASE WHEN j.sum_hi IS NULL THEN 'at least ' || fmt_num(j.sum_lo) WHEN j.sum_lo = j.sum_hi THEN fmt_num(j.sum_lo)
            ELSE fmt_num(j.sum_lo) || ' to ' || fmt_num(j.sum_hi) END AS recomputed,
       CASE WHEN NOT j.strict_ok AND j.relaxed_ok AND j.relation = 'union' AND j.min_overlap > 0
            THEN 'holds if at least ' || fmt_num(j.min_overlap) || ' counted in more than one part' END AS reading,
       CASE WHEN j.check_id IS NULL THEN 'No parts or total to compare.'
            ELSE 'Parts ' || j.terms || ' = ' || CASE WHEN j.sum_hi IS NULL THEN 'at least ' ELSE '' END || fmt_num(j.sum_lo)
                 || CASE j.relation WHEN 'at_most' THEN ', to fit within ' ELSE ', against a total of ' END || j.totals
                 || CASE WHEN j.strict_ok THEN '.'
                         WHEN j.relaxed_ok AND j.has_assumed
                         THEN '; it fits only if the parts marked assumed belong to the total.'
                         WHEN j.relaxed_ok THEN '; the sum exceeds the total, which holds only if the parts overlap by at least '
                              || fmt_num(j.min_overlap) || '.'
                         ELSE '; it does not fit.' END END AS detail,
       []::VARCHAR[] AS singled_out
FROM checks c LEFT JOIN j USING (check_id)
WHERE c.kind = 'parts_sum';
