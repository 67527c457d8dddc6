-- Intermediate steps go to schema internal; what users query stays in main.
CREATE SCHEMA IF NOT EXISTS internal;

-- check_result_pre_post (table), kind pre_post: the direction and size of changes from
-- before ('pre') to after ('post'), one pair per series. Printed whole percentages are
-- within 0.5 of their exact values, so a printed change d means an exact change strictly
-- within d - 1 and d + 1: a rise is certain when d >= 1 and possible when d >= 0.
--   up        : every pair rose (reproduced when every d >= 1; within rounding when d >= 0)
--   not_down  : no pair fell (d >= 0); the relaxed reading allows d >= -tolerance
--   count_up  : exactly value pairs rose (reproduced when value = #(d >= 1); within
--               rounding when #(d >= 1) <= value <= #(d >= 0))
--   about_same: every d = 0; the relaxed reading allows |d| <= tolerance
-- pass_chance: the chance that pairs of whole percentages drawn at random pass the
-- reading that passed (count of the 101 x 101 pairs meeting it, diff_weights), multiplied
-- over the pairs; for count_up the binomial chance of exactly value rises (ties ignored).
CREATE OR REPLACE TABLE internal.check_result_pre_post AS
WITH pp AS (SELECT * FROM checks WHERE kind = 'pre_post'),
pairs AS (
    SELECT i.check_id, i.series,
           max(i.value) FILTER (WHERE i.term = 'pre') AS pre, max(i.value) FILTER (WHERE i.term = 'post') AS post
    FROM internal.check_inputs i WHERE i.kind = 'pre_post' AND i.term IN ('pre', 'post') GROUP BY ALL
), d AS (SELECT *, post - pre AS d FROM pairs WHERE pre IS NOT NULL AND post IS NOT NULL),
agg AS (
    SELECT d.check_id, count(*) AS n, count(*) FILTER (WHERE d.d >= 1) AS n_up, count(*) FILTER (WHERE d.d >= 0) AS n_maybe,
           min(d.d) AS d_min, max(d.d) AS d_max, max(abs(d.d)) AS d_abs,
           string_agg(d.series || ' ' || fmt_num(d.pre) || '->' || fmt_num(d.post), ', ' ORDER BY d.d, d.series)
               FILTER (WHERE d.d < 0) AS falls,
           string_agg(d.series || ' ' || CASE WHEN d.d > 0 THEN '+' ELSE '' END || fmt_num(d.d), ', ' ORDER BY d.series) AS changes
    FROM d GROUP BY d.check_id
), v AS (
    SELECT p.check_id, p.relation, p.value, coalesce(p.tolerance, 0) AS tol, a.*,
           CASE p.relation WHEN 'up' THEN a.d_min >= 1 WHEN 'not_down' THEN a.d_min >= 0
                WHEN 'count_up' THEN a.n_up = p.value WHEN 'about_same' THEN a.d_abs = 0 END AS exact_ok,
           CASE p.relation WHEN 'up' THEN a.d_min >= 0 WHEN 'not_down' THEN a.d_min >= 0
                WHEN 'count_up' THEN p.value BETWEEN a.n_up AND a.n_maybe WHEN 'about_same' THEN a.d_abs = 0 END AS rounding_ok,
           CASE p.relation WHEN 'up' THEN a.d_min >= 0 WHEN 'not_down' THEN a.d_min >= -coalesce(p.tolerance, 0)
                WHEN 'count_up' THEN p.value BETWEEN a.n_up AND a.n_maybe
                WHEN 'about_same' THEN a.d_abs <= coalesce(p.tolerance, 0) END AS relaxed_ok
    FROM pp p JOIN agg a USING (check_id)
), q AS (  -- per-pair chance under the reading that passed
    SELECT v.check_id,
           (SELECT sum(w.pairs) FROM internal.diff_weights w WHERE
                CASE v.relation
                  WHEN 'up' THEN w.d >= CASE WHEN v.exact_ok THEN 1 ELSE 0 END
                  WHEN 'not_down' THEN w.d >= CASE WHEN v.rounding_ok THEN 0 ELSE -v.tol END
                  WHEN 'count_up' THEN w.d >= 1
                  WHEN 'about_same' THEN abs(w.d) <= CASE WHEN v.rounding_ok THEN 0 ELSE v.tol END END) / 10201.0 AS q
    FROM v
)
SELECT c.check_id, v.check_id IS NOT NULL AS computable,
       v.exact_ok AS holds_exact, v.rounding_ok AS holds_rounding, v.relaxed_ok AS holds_assumed,
       v.value AS published_value, CAST(v.d_min AS DOUBLE) AS recomputed_lo, CAST(v.d_max AS DOUBLE) AS recomputed_hi,
       CAST(v.n_up AS DOUBLE) AS recomputed_value,
       CASE WHEN v.relation = 'count_up'
            THEN exp(lgamma(v.n + 1) - lgamma(v.value + 1) - lgamma(v.n - v.value + 1)) * power(q.q, v.value)
                 * power(1 - q.q, v.n - v.value)
            ELSE power(q.q, v.n) END AS pass_chance,
       v.n_up || ' of ' || v.n || ' rose; changes ' || v.changes AS recomputed,
       CASE WHEN NOT v.rounding_ok AND v.relaxed_ok THEN
            'holds if a change of up to ' || fmt_num(v.tol) || ' printed point(s) counts as '
            || CASE v.relation WHEN 'about_same' THEN 'little or no change' ELSE 'about the same' END END AS reading,
       CASE WHEN v.check_id IS NULL THEN 'No pairs of printed values before and after.'
            ELSE 'Printed changes: ' || v.changes || '.'
                 || CASE WHEN v.falls IS NOT NULL THEN ' Falls: ' || v.falls || '.' ELSE '' END
                 || CASE v.relation WHEN 'count_up' THEN ' ' || v.n_up || ' of ' || v.n || ' rose for certain, '
                                                          || v.n_maybe || ' may have; the claim says ' || fmt_num(v.value) || '.'
                                    ELSE '' END END AS detail,
       []::VARCHAR[] AS singled_out
FROM checks c LEFT JOIN v USING (check_id) LEFT JOIN q USING (check_id)
WHERE c.kind = 'pre_post';
