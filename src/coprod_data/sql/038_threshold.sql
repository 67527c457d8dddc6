-- Intermediate steps go to schema internal; what users query stays in main.
CREATE SCHEMA IF NOT EXISTS internal;

-- check_result_threshold (table), kind threshold: threshold and ratio phrases ('over
-- half', 'nine out of ten', 'nearly half') against each printed 'value' they refer to.
-- A whole percentage v covers exact values in [v - 0.5, v + 0.5]; a count is exact.
--   more_than X: reproduced when v - 0.5 > X; within rounding when v + 0.5 > X
--   less_than X: reproduced when v + 0.5 < X; within rounding when v - 0.5 < X
--   about X    : reproduced when v = X; within rounding when X is in [v - 0.5, v + 0.5];
--                conditional when |v - X| <= tolerance (how far the phrase may stretch
--                is an interpretation, named in the check's assumption)
--   nearly X   : 'just under' is always an interpretation: conditional when the value
--                can be below X and within tolerance of it
--   rounds_to X: the phrase is the figure rounded to a coarser step of 2 * tolerance
--                ('nine out of ten': the share to the nearest ten points, tolerance 5).
--                That is rounding, not interpretation: never conditional, and the check
--                has no assumption. Both roundings are read half up, as the package reads
--                printed values elsewhere (010_rounding_macros; a fit that needs a half
--                rounded down is not taken as rounding, 034): an exact value s prints as
--                v when s is in [v - 0.5, v + 0.5) (s = v for a count) and gives the
--                phrase X when s is in [X - tol, X + tol).
--                reproduced when every exact value v allows gives X (v - 0.5 >= X - tol
--                and v + 0.5 <= X + tol: the printed value itself rounds to X, whatever
--                it rounds from; with whole v and tol 5, |v - X| <= 4);
--                within rounding when some does (the two intervals share a value:
--                v - 0.5 < X + tol and v + 0.5 > X - tol; with whole v and tol 5,
--                |v - X| = 5); discrepancy otherwise. Intervals that only touch at one
--                point (|v - X| = tol + 0.5) do not count: that value would have to round
--                up for one printing and down for the other.
-- pass_chance: for the reading that passed, the share of whole percentages 0..100 that
-- meet it, multiplied over the values (for rounds_to, the reading that passed: all the
-- exact values round to X, or some do).
-- Typed numbers: published_value: the phrase's value X; recomputed_lo and recomputed_hi:
-- the lowest and highest exact value the compared printings allow (v - 0.5 and v + 0.5
-- for a whole percentage, v for a count, over every value); recomputed_value: the printed
-- value v when the phrase is compared with one value only.
CREATE OR REPLACE TABLE internal.check_result_threshold AS
WITH th AS (SELECT * FROM checks WHERE kind = 'threshold'),
m AS (
    SELECT i.check_id, i.figure_id, i.value AS v, CASE WHEN i.unit = 'percent' THEN 0.5 ELSE 0 END AS half, i.position
    FROM internal.check_inputs i JOIN th USING (check_id) WHERE i.term = 'value' AND i.value IS NOT NULL
), e AS (  -- each reading on a value v (x: a printed value drawn at random, for the pass chance)
    SELECT k.check_id, k.relation, k.value AS x0, coalesce(k.tolerance, 0) AS tol, m.figure_id, m.v, m.half, m.position,
           CASE k.relation WHEN 'more_than' THEN m.v - m.half > k.value WHEN 'less_than' THEN m.v + m.half < k.value
                WHEN 'about' THEN m.v = k.value
                WHEN 'rounds_to' THEN rounds_all(m.v, m.half, k.value, coalesce(k.tolerance, 0)) ELSE FALSE END AS exact_ok,
           CASE k.relation WHEN 'more_than' THEN m.v + m.half > k.value WHEN 'less_than' THEN m.v - m.half < k.value
                WHEN 'about' THEN k.value BETWEEN m.v - m.half AND m.v + m.half
                WHEN 'rounds_to' THEN rounds_some(m.v, m.half, k.value, coalesce(k.tolerance, 0)) ELSE FALSE END
               AS rounding_ok,
           CASE k.relation WHEN 'more_than' THEN m.v + m.half > k.value WHEN 'less_than' THEN m.v - m.half < k.value
                WHEN 'about' THEN abs(m.v - k.value) <= coalesce(k.tolerance, 0)
                    OR k.value BETWEEN m.v - m.half AND m.v + m.half
                WHEN 'nearly' THEN m.v - m.half < k.value AND m.v + m.half >= k.value - coalesce(k.tolerance, 0)
                WHEN 'rounds_to' THEN rounds_some(m.v, m.half, k.value, coalesce(k.tolerance, 0)) END
               AS relaxed_ok
    FROM th k JOIN m USING (check_id)
), agg AS (
    SELECT check_id, any_value(relation) AS relation, any_value(x0) AS x0, any_value(tol) AS tol, count(*) AS n,
           bool_and(exact_ok) AS exact_ok, bool_and(rounding_ok) AS rounding_ok, bool_and(relaxed_ok) AS relaxed_ok,
           string_agg(fmt_num(v) || '%', ', ' ORDER BY position) AS vals,
           string_agg(fmt_num(v) || '%', ', ' ORDER BY position) FILTER (WHERE NOT relaxed_ok) AS failing,
           any_value(half) AS half,
           CASE WHEN any_value(relation) = 'rounds_to'
                THEN fmt_num(any_value(x0)) || ' to the nearest ' || fmt_num(2 * any_value(tol))
                ELSE replace(any_value(relation), '_', ' ') || ' ' || fmt_num(any_value(x0)) END AS phrase,
           min(v - half) AS lo, max(v + half) AS hi, any_value(v) AS v
    FROM e GROUP BY check_id
), chance AS (  -- the share of whole percentages meeting the reading that passed
    SELECT a.check_id,
           avg(CASE WHEN a.exact_ok THEN
                    CASE a.relation WHEN 'more_than' THEN x.x - 0.5 > a.x0 WHEN 'less_than' THEN x.x + 0.5 < a.x0
                         WHEN 'rounds_to' THEN rounds_all(x.x, 0.5, a.x0, a.tol) ELSE x.x = a.x0 END
                    WHEN a.rounding_ok THEN
                    CASE a.relation WHEN 'more_than' THEN x.x + 0.5 > a.x0 WHEN 'less_than' THEN x.x - 0.5 < a.x0
                         WHEN 'rounds_to' THEN rounds_some(x.x, 0.5, a.x0, a.tol) ELSE a.x0 BETWEEN x.x - 0.5 AND x.x + 0.5 END
                    ELSE CASE a.relation WHEN 'about' THEN abs(x.x - a.x0) <= a.tol
                              WHEN 'rounds_to' THEN rounds_some(x.x, 0.5, a.x0, a.tol)
                              WHEN 'nearly' THEN x.x - 0.5 < a.x0 AND x.x + 0.5 >= a.x0 - a.tol
                              WHEN 'more_than' THEN x.x + 0.5 > a.x0 ELSE x.x - 0.5 < a.x0 END END::INT) AS share
    FROM agg a, range(0, 101) AS x(x) WHERE a.half > 0 GROUP BY a.check_id
)
SELECT c.check_id, a.check_id IS NOT NULL AS computable,
       a.exact_ok AS holds_exact, a.rounding_ok AS holds_rounding, a.relaxed_ok AS holds_assumed,
       a.x0 AS published_value, power(ch.share, a.n) AS pass_chance,
       CASE WHEN a.n = 1 THEN a.v END AS recomputed_value, a.lo AS recomputed_lo, a.hi AS recomputed_hi,
       a.vals || ' against ' || a.phrase AS recomputed,
       CASE WHEN NOT a.rounding_ok AND a.relaxed_ok
            THEN 'holds if ''' || replace(a.relation, '_', ' ') || ' ' || fmt_num(a.x0) || ''' stretches to '
                 || CASE a.relation WHEN 'nearly' THEN fmt_num(a.tol) || ' points below it'
                                    ELSE 'within ' || fmt_num(a.tol) || ' points of it' END END AS reading,
       CASE WHEN a.check_id IS NULL THEN 'No printed value to compare.'
            ELSE 'The phrase: ' || a.phrase || '; printed: ' || a.vals
                 || CASE WHEN a.exact_ok THEN ': holds whatever the rounding.'
                         WHEN a.rounding_ok THEN ': holds for some exact values the printed ones round from.'
                         WHEN a.relaxed_ok THEN ': holds only as an interpretation of the phrase, within '
                              || fmt_num(a.tol) || ' points.'
                         WHEN a.relation = 'rounds_to' THEN ': ' || a.failing || ' does not round to it.'
                         ELSE ': ' || a.failing || ' does not fit'
                              || CASE WHEN a.tol > 0 THEN ' even within ' || fmt_num(a.tol) || ' points' ELSE '' END
                              || '.' END END AS detail,
       []::VARCHAR[] AS singled_out
FROM checks c LEFT JOIN agg a USING (check_id) LEFT JOIN chance ch USING (check_id)
WHERE c.kind = 'threshold';
