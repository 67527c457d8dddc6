-- Intermediate steps go to schema internal; what users query stays in main.
CREATE SCHEMA IF NOT EXISTS internal;

-- share_list_input (table): the shares of every share_list check, one row per share, in the
-- columns the macro reconstruct_shares reads (list_id, position, share_pct, is_open_list).
-- A list read as open only by assumption (relation assumed_open) is entered twice: as open
-- under its own id, and as closed under the id check_id || '#closed' (the reading without
-- the assumption).
--   list_id : the share_list check the share belongs to (check_id), or its closed reading
CREATE OR REPLACE TABLE internal.share_list_input AS
SELECT check_id AS list_id, position, CAST(value AS BIGINT) AS share_pct,
       relation IN ('open', 'assumed_open') AS is_open_list
FROM internal.check_inputs WHERE kind = 'share_list' AND term = 'share' AND value IS NOT NULL
UNION ALL
SELECT check_id || '#closed', position, CAST(value AS BIGINT), false
FROM internal.check_inputs
WHERE kind = 'share_list' AND term = 'share' AND value IS NOT NULL AND relation = 'assumed_open';

-- share_list_totals (table): per share_list check, the smallest total number of answers
-- whose whole counts reproduce every share (rule either), searched up to search_bound.
--   smallest_total : the smallest total that reproduces every share (NULL: none up to search_bound)
--   search_bound   : the largest total searched
CREATE OR REPLACE TABLE internal.share_list_totals AS
SELECT list_id AS check_id, smallest_total, search_bound
FROM reconstruct_shares('internal.share_list_input', 5000) WHERE rounding = 'either';

-- check_result_share_list (table), kind share_list: the shares ('share') of one printed
-- list of answers. n whole percentages are each within 0.5 of their exact value, so a
-- closed list (relation closed) misses 100 by at most floor(n/2) points; an open list
-- (relation open: the report says some answers are unlisted) sums to at most
-- 100 + floor(n/2). Relation assumed_open: the report does not say the list is open, so
-- it is judged closed first; holding only as an open list is conditional on the check's
-- assumption (that some answers are not listed).
--   reproduced     : a closed list sums to exactly 100 (an open list to at most 100)
--   within_rounding: the sum is within the slack, and whole numbers of answers exist
--                    that reproduce every share (smallest such total N, searched up
--                    to 5,000 with macro reconstruct_shares, rule either)
-- With a bound (base_max: the most answers the list can hold; base_min, default 1, the
-- fewest) every total N in it is tried (cost: items x base_max), and the totals must
-- also lie in it: a list that fits only with more answers than the bound is conditional
-- ('holds only if the list has more than base_max answers', against the check's
-- assumption); base_lo / base_hi are then the smallest and largest total in the bound
-- that fit, and the detail lists the first twelve.
-- pass_chance: with the other shares as printed, the chance that one share drawn at
-- random in 0..100 still passes the sum test, averaged over the shares.
CREATE OR REPLACE TABLE internal.check_result_share_list AS
WITH bnd AS (  -- lists with a bound: every total N in [base_min (default 1), base_max]
    SELECT check_id, coalesce(base_min, 1) AS n_lo, base_max AS n_hi
    FROM checks WHERE kind = 'share_list' AND base_max IS NOT NULL
), per_n AS (  -- whole counts reproduce every share at N (rule either); a closed list's add up to N
    SELECT i.list_id AS check_id, n.n, bool_or(i.is_open_list) AS is_open,
           sum(pct_k_lo(i.share_pct, n.n, 'either')) AS sum_lo, sum(pct_k_hi(i.share_pct, n.n, 'either')) AS sum_hi,
           bool_and(pct_k_lo(i.share_pct, n.n, 'either') <= pct_k_hi(i.share_pct, n.n, 'either')) AS items_ok
    FROM internal.share_list_input i JOIN bnd ON bnd.check_id = i.list_id
    CROSS JOIN LATERAL range(bnd.n_lo, least(bnd.n_hi, 5000) + 1) AS n(n)
    GROUP BY ALL
), bounded AS (
    SELECT bnd.check_id, bnd.n_lo, bnd.n_hi, count(p.n) AS n_fitting, min(p.n) AS fit_lo, max(p.n) AS fit_hi,
           array_to_string((list(p.n ORDER BY p.n) FILTER (WHERE p.n IS NOT NULL))[1:12], ', ') AS fitting
    FROM bnd LEFT JOIN per_n p ON p.check_id = bnd.check_id AND p.items_ok AND p.sum_lo <= p.n
                                 AND (p.is_open OR p.n <= p.sum_hi)
    GROUP BY ALL
), s AS (
    SELECT list_id AS check_id, count(*) AS n, sum(share_pct) AS total, bool_or(is_open_list) AS is_open,
           count(*) // 2 AS slack
    FROM internal.share_list_input WHERE NOT ends_with(list_id, '#closed') GROUP BY list_id
), closed_reading AS (  -- assumed_open lists judged as closed: the sum, and a reconstruction
    SELECT c.check_id, t.smallest_total IS NOT NULL AS reconstructs
    FROM checks c LEFT JOIN internal.share_list_totals t ON t.check_id = c.check_id || '#closed'
    WHERE c.kind = 'share_list' AND c.relation = 'assumed_open'
), redraw AS (  -- one share replaced by every value 0..100, the others as printed
    SELECT i.list_id AS check_id,
           avg(CASE WHEN s.is_open THEN (s.total - i.share_pct + x.x <= 100 + s.slack)::INT
                    ELSE (abs(s.total - i.share_pct + x.x - 100) <= s.slack)::INT END) AS pass_chance
    FROM internal.share_list_input i JOIN s ON s.check_id = i.list_id CROSS JOIN range(0, 101) AS x(x)
    GROUP BY i.list_id
), r AS (
    SELECT s.*, t.smallest_total, t.search_bound, d.pass_chance, bd.n_lo, bd.n_hi, bd.n_fitting, bd.fit_lo, bd.fit_hi,
           bd.fitting, bd.check_id IS NULL OR bd.n_fitting > 0 AS bound_ok,
           cr.check_id IS NOT NULL AS open_assumed,
           CASE WHEN s.is_open THEN s.total <= 100 ELSE s.total = 100 END AS exact_ok,
           CASE WHEN s.is_open THEN s.total <= 100 + s.slack ELSE abs(s.total - 100) <= s.slack END
             AND t.smallest_total IS NOT NULL AS sum_ok,
           -- an assumed_open list as closed: exactly 100, or within the slack with whole answers
           s.total = 100 AND cr.reconstructs AS closed_exact_ok,
           abs(s.total - 100) <= s.slack AND cr.reconstructs AS closed_sum_ok
    FROM s LEFT JOIN internal.share_list_totals t USING (check_id) LEFT JOIN redraw d USING (check_id)
    LEFT JOIN bounded bd USING (check_id) LEFT JOIN closed_reading cr USING (check_id)
)
SELECT c.check_id, r.check_id IS NOT NULL AS computable,
       CASE WHEN r.open_assumed THEN r.closed_exact_ok AND r.bound_ok
            ELSE r.exact_ok AND r.smallest_total IS NOT NULL AND r.bound_ok END AS holds_exact,
       CASE WHEN r.open_assumed THEN r.closed_sum_ok AND r.bound_ok ELSE r.sum_ok AND r.bound_ok END
           AS holds_rounding,
       r.sum_ok AS holds_assumed,
       100.0 AS published_value, CAST(r.total AS DOUBLE) AS recomputed_value,
       CAST(r.total - r.slack AS DOUBLE) AS recomputed_lo, CAST(r.total + r.slack AS DOUBLE) AS recomputed_hi,
       coalesce(r.fit_lo, r.smallest_total) AS base_lo, r.fit_hi AS base_hi, r.pass_chance,
       r.total || '% in all' || coalesce('; at least ' || r.smallest_total || ' answers', '')
           || coalesce('; ' || r.n_fitting || ' totals from ' || r.n_lo || ' to ' || r.n_hi || ' fit', '') AS recomputed,
       CASE WHEN r.sum_ok AND NOT r.bound_ok
            THEN 'holds only if the list has more than ' || r.n_hi || ' answers (the bound the check declares)'
            WHEN r.open_assumed AND r.sum_ok AND NOT r.closed_sum_ok
            THEN 'holds only if some answers are not listed (as a closed list it misses 100 by more than '
                 || r.slack || ' points)' END
           AS reading,
       CASE WHEN r.check_id IS NULL THEN 'No shares to add up.'
            ELSE 'The ' || r.n || ' shares sum to ' || r.total || '%'
                 || CASE WHEN r.open_assumed THEN ' (read as an open list, which the report does not say)'
                         WHEN r.is_open THEN ' (an open list: some answers are not listed)' ELSE '' END
                 || CASE WHEN r.exact_ok THEN '' WHEN r.sum_ok OR abs(r.total - 100) <= r.slack
                         THEN ', within the ' || r.slack || ' points that rounding ' || r.n || ' shares allows'
                         ELSE ', more than the ' || r.slack || ' points that rounding allows' END
                 || CASE WHEN r.smallest_total IS NOT NULL
                         THEN '; the fewest answers that reproduce every share: ' || r.smallest_total || '.'
                         ELSE '; no whole numbers of answers up to ' || r.search_bound || ' reproduce every share.' END
                 || CASE WHEN r.n_hi IS NULL THEN ''
                         WHEN r.n_fitting > 0 THEN ' Totals from ' || r.n_lo || ' to ' || r.n_hi || ' (the bound) that fit: '
                              || r.fitting || CASE WHEN r.n_fitting > 12 THEN ', ... (' || r.n_fitting || ' in all)' ELSE '' END
                              || '; the largest is ' || r.fit_hi || '.'
                         ELSE ' No total from ' || r.n_lo || ' to ' || r.n_hi || ' (the bound) fits.' END
       END AS detail,
       []::VARCHAR[] AS singled_out
FROM checks c LEFT JOIN r USING (check_id)
WHERE c.kind = 'share_list';
