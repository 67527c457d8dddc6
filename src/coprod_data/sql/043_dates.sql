-- Intermediate steps go to schema internal; what users query stays in main.
CREATE SCHEMA IF NOT EXISTS internal;

-- check_result_dates (table), kind dates: printed dates as the periods they stand for at
-- their printed precision (check_members.date_from / date_to: 'April 2011' is 1 to 30
-- April 2011, a year is 1 January to 31 December).
-- A period the reports do not print but the check derives (a programme's second year
-- counted from its start month) has term 'assumed_period': it acts as a period, but the
-- derivation is an assumption, not rounding, so the check is at best conditional (the
-- reading names the derived periods; the check's assumption says how they were derived).
--   same   : the 'printing' members name one date. Reproduced when every period is the
--            same; within rounding when they share at least one day (a coarser printing
--            contains a finer one); discrepancy when two have no day in common.
--   within : every 'event' falls inside every 'period'. Reproduced when each event's whole
--            span lies inside the periods' common span; within rounding when each event
--            has at least one day inside it (the printed precision allows it);
--            discrepancy otherwise.
-- A member of the relation without a readable period (date_from missing or not a calendar
-- day, date_to before date_from) makes the check not recomputable.
-- Numbers, in days: for within, published_value is the length of the periods' common
-- span, and recomputed_lo / recomputed_hi the first and last day of the events as day
-- offsets from its first day (0), so the events lie wholly inside when 0 <= recomputed_lo
-- and recomputed_hi < published_value; for same, recomputed_lo is the days every
-- printing shares and recomputed_hi the days they cover together.
-- pass_chance: none (dates have no finite range to draw from).
-- One pass: the periods' common span is a window over each check's members, then one
-- aggregate per check (the earliest event start and latest event end decide 'inside';
-- the latest event start and earliest event end decide 'some day inside').
CREATE OR REPLACE TABLE internal.check_result_dates AS
WITH m AS (
    SELECT check_id, relation, term, position, member_ref, date_from AS d_from, date_to AS d_to,
           member_ref || ' ' || strftime(date_from, '%Y-%m-%d') || '..' || strftime(date_to, '%Y-%m-%d') AS shown,
           max(date_from) FILTER (WHERE term IN ('period', 'assumed_period')) OVER (PARTITION BY check_id) AS p_from,
           min(date_to) FILTER (WHERE term IN ('period', 'assumed_period')) OVER (PARTITION BY check_id) AS p_to
    FROM internal.check_inputs WHERE kind = 'dates' AND term IN ('printing', 'event', 'period', 'assumed_period')
), a AS (
    SELECT check_id, any_value(relation) AS relation, any_value(p_from) AS p_from, any_value(p_to) AS p_to,
           count(*) FILTER (WHERE d_from IS NULL OR d_to IS NULL OR d_to < d_from) AS n_bad,
           count(*) FILTER (WHERE term = 'printing') AS n_print,
           max(d_from) FILTER (WHERE term = 'printing') AS c_from, min(d_to) FILTER (WHERE term = 'printing') AS c_to,
           min(d_from) FILTER (WHERE term = 'printing') AS s_from, max(d_to) FILTER (WHERE term = 'printing') AS s_to,
           count(*) FILTER (WHERE term = 'event') AS n_event,
           min(d_from) FILTER (WHERE term = 'event') AS e_first, max(d_to) FILTER (WHERE term = 'event') AS e_last,
           max(d_from) FILTER (WHERE term = 'event') AS e_late_start, min(d_to) FILTER (WHERE term = 'event') AS e_early_end,
           string_agg(shown, ', ' ORDER BY position) FILTER (WHERE term = 'printing') AS printings,
           string_agg(shown, ', ' ORDER BY position) FILTER (WHERE term = 'event') AS events,
           string_agg(shown, ', ' ORDER BY position) FILTER (WHERE term IN ('period', 'assumed_period')) AS periods,
           string_agg(shown, ', ' ORDER BY position) FILTER (WHERE term = 'assumed_period') AS assumed,
           string_agg(member_ref, ', ' ORDER BY position) FILTER (WHERE term = 'event' AND (d_from > p_to OR d_to < p_from))
               AS outside
    FROM m GROUP BY check_id
), r AS (
    SELECT *,
           CASE relation WHEN 'same' THEN n_print >= 2 ELSE n_event >= 1 AND p_from IS NOT NULL END AND n_bad = 0 AS ok,
           CASE relation WHEN 'same' THEN s_from = c_from AND s_to = c_to
                ELSE p_from <= p_to AND e_first >= p_from AND e_last <= p_to END AS exact_ok,
           CASE relation WHEN 'same' THEN c_from <= c_to
                ELSE p_from <= p_to AND e_late_start <= p_to AND e_early_end >= p_from END AS rounding_ok
    FROM a
)
SELECT c.check_id, coalesce(r.ok, FALSE) AS computable,
       r.exact_ok AND r.assumed IS NULL AS holds_exact, r.rounding_ok AND r.assumed IS NULL AS holds_rounding,
       r.rounding_ok AS holds_assumed,
       CASE WHEN c.relation = 'within' THEN CAST(date_diff('day', r.p_from, r.p_to) + 1 AS DOUBLE) END AS published_value,
       CAST(CASE WHEN c.relation = 'same' THEN greatest(0, date_diff('day', r.c_from, r.c_to) + 1)
                 ELSE date_diff('day', r.p_from, r.e_first) END AS DOUBLE) AS recomputed_lo,
       CAST(CASE WHEN c.relation = 'same' THEN date_diff('day', r.s_from, r.s_to) + 1
                 ELSE date_diff('day', r.p_from, r.e_last) END AS DOUBLE) AS recomputed_hi,
       CAST(NULL AS DOUBLE) AS pass_chance,
       CASE WHEN c.relation = 'same' THEN r.printings ELSE r.events || ' within ' || r.periods END AS recomputed,
       CASE WHEN c.relation = 'within' AND r.rounding_ok AND r.assumed IS NOT NULL
            THEN 'holds only if the derived period ' || r.assumed || ' is the one meant (it is not printed)' END AS reading,
       CASE WHEN r.check_id IS NULL THEN 'No dates to compare.'
            WHEN r.n_bad > 0 THEN 'A member has no readable period (date_from, date_to).'
            WHEN NOT r.ok THEN 'Too few dates to compare.'
            WHEN c.relation = 'same'
            THEN 'The printings stand for ' || r.printings
                 || CASE WHEN r.exact_ok THEN ': one period.'
                         WHEN r.rounding_ok THEN ': they share ' || (date_diff('day', r.c_from, r.c_to) + 1)
                              || ' days, so they can name one date at the precision printed.'
                         ELSE ': two of them have no day in common.' END
            ELSE 'Events ' || r.events || ' against the period ' || strftime(r.p_from, '%Y-%m-%d') || '..'
                 || strftime(r.p_to, '%Y-%m-%d')
                 || CASE WHEN r.p_from > r.p_to THEN ': the periods have no day in common.'
                         WHEN r.exact_ok THEN ': every event lies wholly inside.'
                         WHEN r.rounding_ok THEN ': every event has days inside, but not all its days (the printed precision allows it).'
                         ELSE ': ' || r.outside || ' falls outside.' END
                 || CASE WHEN r.assumed IS NOT NULL THEN ' The period ' || r.assumed || ' is derived, not printed.' ELSE '' END
       END AS detail,
       []::VARCHAR[] AS singled_out
FROM checks c LEFT JOIN r USING (check_id)
WHERE c.kind = 'dates';
