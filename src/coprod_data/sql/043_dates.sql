-- check_result_dates (table), kind dates: printed dates as the periods they stand for at
-- their printed precision (check_members.date_from / date_to: 'April 2011' is 1 to 30
-- April 2011, a year is 1 January to 31 December; a period the check derives from a
-- printed date, such as a programme's second year, says so in the member's note).
--   same   : the 'printing' members name one date. Reproduced when every period is the
--            same; within rounding when they share at least one day (a coarser printing
--            contains a finer one); discrepancy when two have no day in common.
--   within : every 'event' falls inside every 'period'. Reproduced when each event's whole
--            span lies inside the periods' common span; within rounding when each event
--            has at least one day inside it (the printed precision allows it);
--            discrepancy otherwise.
-- Numbers, in days: for within, published_value is the length of the periods' common
-- span, and recomputed_lo / recomputed_hi the first and last day of the events as day
-- offsets from its first day (0), so the events lie wholly inside when 0 <= recomputed_lo
-- and recomputed_hi < published_value; for same, recomputed_lo is the days every
-- printing shares and recomputed_hi the days they cover together.
-- pass_chance: none (dates have no finite range to draw from).
CREATE OR REPLACE TABLE check_result_dates AS
WITH m AS (
    SELECT check_id, relation, term, position, member_ref, date_from AS d_from, date_to AS d_to
    FROM check_inputs WHERE kind = 'dates' AND term IN ('printing', 'event', 'period')
), bad AS (  -- a member of the relation without a readable period makes the check not computable
    SELECT DISTINCT check_id FROM m WHERE d_from IS NULL OR d_to IS NULL OR d_to < d_from
), same AS (
    SELECT check_id, count(*) AS n, count(DISTINCT (d_from, d_to)) AS n_distinct,
           max(d_from) AS common_from, min(d_to) AS common_to, min(d_from) AS span_from, max(d_to) AS span_to,
           string_agg(member_ref || ' ' || strftime(d_from, '%Y-%m-%d') || '..' || strftime(d_to, '%Y-%m-%d'), ', '
                      ORDER BY position) AS shown
    FROM m WHERE relation = 'same' AND term = 'printing' GROUP BY check_id HAVING count(*) >= 2
), per AS (  -- the periods' common span
    SELECT check_id, max(d_from) AS p_from, min(d_to) AS p_to,
           string_agg(member_ref || ' ' || strftime(d_from, '%Y-%m-%d') || '..' || strftime(d_to, '%Y-%m-%d'), ', '
                      ORDER BY position) AS shown
    FROM m WHERE relation = 'within' AND term = 'period' GROUP BY check_id
), ev AS (
    SELECT e.check_id, min(e.d_from) AS e_from, max(e.d_to) AS e_to,
           bool_and(e.d_from >= p.p_from AND e.d_to <= p.p_to) AS all_inside,
           bool_and(e.d_from <= p.p_to AND e.d_to >= p.p_from) AS all_touch,
           string_agg(e.member_ref || ' ' || strftime(e.d_from, '%Y-%m-%d') || '..' || strftime(e.d_to, '%Y-%m-%d'), ', '
                      ORDER BY e.position) AS shown,
           string_agg(e.member_ref, ', ' ORDER BY e.position) FILTER (WHERE NOT (e.d_from <= p.p_to AND e.d_to >= p.p_from))
               AS outside
    FROM m e JOIN per p USING (check_id) WHERE e.relation = 'within' AND e.term = 'event' GROUP BY e.check_id
), r AS (
    SELECT s.check_id, s.n_distinct = 1 AS exact_ok, s.common_from <= s.common_to AS rounding_ok,
           CAST(greatest(0, date_diff('day', s.common_from, s.common_to) + 1) AS DOUBLE) AS lo,
           CAST(date_diff('day', s.span_from, s.span_to) + 1 AS DOUBLE) AS hi, CAST(NULL AS DOUBLE) AS length,
           s.shown AS recomputed,
           'The printings stand for ' || s.shown
               || CASE WHEN s.n_distinct = 1 THEN ': one period.'
                       WHEN s.common_from <= s.common_to THEN ': they share ' || (date_diff('day', s.common_from, s.common_to) + 1)
                            || ' days, so they can name one date at the precision printed.'
                       ELSE ': two of them have no day in common.' END AS detail
    FROM same s
    UNION ALL
    SELECT e.check_id, p.p_from <= p.p_to AND e.all_inside, p.p_from <= p.p_to AND e.all_touch,
           CAST(date_diff('day', p.p_from, e.e_from) AS DOUBLE), CAST(date_diff('day', p.p_from, e.e_to) AS DOUBLE),
           CAST(date_diff('day', p.p_from, p.p_to) + 1 AS DOUBLE),
           e.shown || ' within ' || p.shown,
           'Events ' || e.shown || ' against the period ' || strftime(p.p_from, '%Y-%m-%d') || '..'
               || strftime(p.p_to, '%Y-%m-%d')
               || CASE WHEN p.p_from > p.p_to THEN ': the periods have no day in common.'
                       WHEN e.all_inside THEN ': every event lies wholly inside.'
                       WHEN e.all_touch THEN ': every event has days inside, but not all its days (the printed precision allows it).'
                       ELSE ': ' || e.outside || ' falls outside.' END
    FROM ev e JOIN per p USING (check_id)
)
SELECT c.check_id, r.check_id IS NOT NULL AND b.check_id IS NULL AS computable,
       r.exact_ok AS holds_exact, r.rounding_ok AS holds_rounding, r.rounding_ok AS holds_assumed,
       r.length AS published_value, r.lo AS recomputed_lo, r.hi AS recomputed_hi, CAST(NULL AS DOUBLE) AS pass_chance,
       r.recomputed,
       CASE WHEN b.check_id IS NOT NULL THEN 'A member has no readable period (date_from, date_to).'
            WHEN r.check_id IS NULL THEN 'No dates to compare.' ELSE r.detail END AS detail,
       []::VARCHAR[] AS singled_out
FROM checks c LEFT JOIN r USING (check_id) LEFT JOIN bad b USING (check_id)
WHERE c.kind = 'dates';
