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
-- (for example a group the report never places in it). Two readings are tried: A, the
-- assumed parts are in the total (the check's assumption), and B, they are not.
--   only A holds: conditional on the check's assumption (reading empty: the assumption)
--   only B holds: conditional, reading 'holds only if the parts marked assumed are not in
--                 the total'
--   neither     : discrepancy
--   both        : the check holds either way: reproduced, needing no assumption. An assumed
--                 part it judges (role asserts or member) is judged only under reading A, so
--                 figure_audit makes that member conditional on the check's assumption
--                 (check_links), while the check and its other members are reproduced.
-- recomputed_lo / recomputed_hi are the sum under reading A; detail gives both.
-- pass_chance: none (counts have no finite range to draw from).
CREATE OR REPLACE TABLE internal.check_result_parts_sum AS
WITH m AS (SELECT * FROM internal.check_inputs WHERE kind = 'parts_sum' AND value IS NOT NULL),
p AS (
    SELECT check_id,
           sum(value + CASE WHEN qualifier = 'more_than' THEN 1 ELSE 0 END) AS sum_lo,
           CASE WHEN bool_and(qualifier <> 'more_than') THEN sum(value) END AS sum_hi,
           max(value + CASE WHEN qualifier = 'more_than' THEN 1 ELSE 0 END) AS max_lo,
           coalesce(sum(value + CASE WHEN qualifier = 'more_than' THEN 1 ELSE 0 END) FILTER (WHERE term = 'part'), 0)
               AS b_sum_lo,
           CASE WHEN bool_and(qualifier <> 'more_than' OR term <> 'part')
                THEN coalesce(sum(value) FILTER (WHERE term = 'part'), 0) END AS b_sum_hi,
           coalesce(max(value + CASE WHEN qualifier = 'more_than' THEN 1 ELSE 0 END) FILTER (WHERE term = 'part'), 0)
               AS b_max_lo,
           string_agg(CASE WHEN qualifier = 'more_than' THEN 'more than ' ELSE '' END || fmt_num(value)
                      || CASE WHEN term = 'assumed_part' THEN ' (assumed)' ELSE '' END, ' + ' ORDER BY position) AS terms,
           bool_or(term = 'assumed_part') AS has_assumed
    FROM m WHERE term IN ('part', 'assumed_part') GROUP BY check_id
), t AS (
    SELECT m.check_id, m.value AS total, p.*,
           m.value >= p.sum_lo AND (p.sum_hi IS NULL OR m.value <= p.sum_hi) AS eq,
           p.sum_lo <= m.value AS within,
           m.value >= p.max_lo AND (p.sum_hi IS NULL OR m.value <= p.sum_hi) AS overlap_ok,
           m.value >= p.b_sum_lo AND (p.b_sum_hi IS NULL OR m.value <= p.b_sum_hi) AS b_eq,
           p.b_sum_lo <= m.value AS b_within,
           m.value >= p.b_max_lo AND (p.b_sum_hi IS NULL OR m.value <= p.b_sum_hi) AS b_overlap_ok
    FROM m JOIN p USING (check_id) WHERE m.term = 'total'
), j0 AS (
    SELECT t.check_id, c.relation, any_value(t.terms) AS terms, any_value(t.sum_lo) AS sum_lo, any_value(t.sum_hi) AS sum_hi,
           any_value(t.b_sum_lo) AS b_sum_lo, any_value(t.b_sum_hi) AS b_sum_hi,
           min(t.total) AS first_total, any_value(t.has_assumed) AS has_assumed,
           string_agg(fmt_num(t.total), ' or ' ORDER BY t.total) AS totals,
           bool_or(CASE WHEN c.relation = 'at_most' THEN t.within ELSE t.eq END) AS a_strict,
           bool_or(CASE c.relation WHEN 'at_most' THEN t.within WHEN 'union' THEN t.overlap_ok ELSE t.eq END) AS a_relaxed,
           any_value(t.has_assumed) AND bool_or(CASE WHEN c.relation = 'at_most' THEN t.b_within ELSE t.b_eq END)
               AS b_strict,
           any_value(t.has_assumed) AND bool_or(CASE c.relation WHEN 'at_most' THEN t.b_within
                                                     WHEN 'union' THEN t.b_overlap_ok ELSE t.b_eq END) AS b_relaxed,
           min(t.sum_lo - t.total) FILTER (WHERE t.overlap_ok) AS min_overlap,
           min(t.b_sum_lo - t.total) FILTER (WHERE t.b_overlap_ok) AS b_min_overlap
    FROM t JOIN checks c USING (check_id) GROUP BY t.check_id, c.relation
), j AS (
    SELECT *,
           CASE WHEN NOT has_assumed THEN a_strict ELSE a_strict AND b_strict END AS strict_ok,
           a_relaxed OR b_relaxed AS relaxed_ok,
           CASE WHEN a_strict THEN 'if the parts marked assumed are in the total'
                WHEN a_relaxed THEN 'if the parts marked assumed are in the total and at least ' || fmt_num(min_overlap)
                                    || ' are counted in more than one part' END AS a_words,
           CASE WHEN b_strict THEN 'if the parts marked assumed are not in the total'
                WHEN b_relaxed THEN 'if the parts marked assumed are not in the total and at least '
                                    || fmt_num(b_min_overlap) || ' are counted in more than one part' END AS b_words
    FROM j0
)
SELECT c.check_id, j.check_id IS NOT NULL AS computable,
       j.strict_ok AS holds_exact, j.strict_ok AS holds_rounding, j.relaxed_ok AS holds_assumed,
       j.first_total AS published_value, CAST(j.sum_lo AS DOUBLE) AS recomputed_lo, CAST(j.sum_hi AS DOUBLE) AS recomputed_hi,
       CAST(NULL AS DOUBLE) AS pass_chance,
       CASE WHEN j.sum_hi IS NULL THEN 'at least ' || fmt_num(j.sum_lo) WHEN j.sum_lo = j.sum_hi THEN fmt_num(j.sum_lo)
            ELSE fmt_num(j.sum_lo) || ' to ' || fmt_num(j.sum_hi) END AS recomputed,
       CASE WHEN j.strict_ok OR NOT j.relaxed_ok THEN NULL
            WHEN NOT j.has_assumed THEN
                 CASE WHEN j.relation = 'union' AND j.min_overlap > 0
                      THEN 'holds if at least ' || fmt_num(j.min_overlap) || ' counted in more than one part' END
            WHEN j.a_strict AND NOT j.b_relaxed THEN NULL  -- the check's assumption
            ELSE 'holds only ' || concat_ws(', or ', j.a_words, j.b_words) END AS reading,
       CASE WHEN j.check_id IS NULL THEN 'No parts or total to compare.'
            ELSE 'Parts ' || j.terms || ' = ' || CASE WHEN j.sum_hi IS NULL THEN 'at least ' ELSE '' END || fmt_num(j.sum_lo)
                 || CASE WHEN j.has_assumed
                         THEN ' (' || CASE WHEN j.b_sum_hi IS NULL THEN 'at least ' ELSE '' END || fmt_num(j.b_sum_lo)
                              || ' without the parts marked assumed)' ELSE '' END
                 || CASE j.relation WHEN 'at_most' THEN ', to fit within ' ELSE ', against a total of ' END || j.totals
                 || CASE WHEN NOT j.has_assumed THEN
                              CASE WHEN j.a_strict THEN '.'
                                   WHEN j.a_relaxed THEN '; the sum exceeds the total, which holds only if the parts overlap by at least '
                                        || fmt_num(j.min_overlap) || '.'
                                   ELSE '; it does not fit.' END
                         WHEN j.a_strict AND j.b_strict THEN '; it fits with or without the parts marked assumed.'
                         WHEN j.relaxed_ok THEN '; it fits only ' || concat_ws(', or ', j.a_words, j.b_words) || '.'
                         ELSE '; it fits neither with nor without the parts marked assumed.' END END AS detail,
       []::VARCHAR[] AS singled_out
FROM checks c LEFT JOIN j USING (check_id)
WHERE c.kind = 'parts_sum';
