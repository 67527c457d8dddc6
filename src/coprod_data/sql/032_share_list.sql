-- Intermediate steps go to schema internal; what users query stays in main.
CREATE SCHEMA IF NOT EXISTS internal;

-- share_list_input (table): the shares of every share_list check, one row per share, in the
-- columns the macro reconstruct_shares reads (list_id, position, share_pct, is_open_list).
--   list_id : the share_list check the share belongs to (check_id)
CREATE OR REPLACE TABLE internal.share_list_input AS
SELECT check_id AS list_id, position, CAST(value AS BIGINT) AS share_pct, relation = 'open' AS is_open_list
FROM internal.check_inputs WHERE kind = 'share_list' AND term = 'share' AND value IS NOT NULL;

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
-- (relation open: some answers unlisted) sums to at most 100 + floor(n/2).
--   reproduced     : a closed list sums to exactly 100 (an open list to at most 100)
--   within_rounding: the sum is within the slack, and whole numbers of answers exist
--                    that reproduce every share (smallest such total N, searched up
--                    to 5,000 with macro reconstruct_shares, rule either)
-- pass_chance: with the other shares as printed, the chance that one share drawn at
-- random in 0..100 still passes the sum test, averaged over the shares.
CREATE OR REPLACE TABLE internal.check_result_share_list AS
WITH s AS (
    SELECT list_id AS check_id, count(*) AS n, sum(share_pct) AS total, bool_or(is_open_list) AS is_open,
           count(*) // 2 AS slack
    FROM internal.share_list_input GROUP BY list_id
), redraw AS (  -- one share replaced by every value 0..100, the others as printed
    SELECT i.list_id AS check_id,
           avg(CASE WHEN s.is_open THEN (s.total - i.share_pct + x.x <= 100 + s.slack)::INT
                    ELSE (abs(s.total - i.share_pct + x.x - 100) <= s.slack)::INT END) AS pass_chance
    FROM internal.share_list_input i JOIN s ON s.check_id = i.list_id CROSS JOIN range(0, 101) AS x(x)
    GROUP BY i.list_id
), r AS (
    SELECT s.*, t.smallest_total, t.search_bound, d.pass_chance,
           CASE WHEN s.is_open THEN s.total <= 100 ELSE s.total = 100 END AS exact_ok,
           CASE WHEN s.is_open THEN s.total <= 100 + s.slack ELSE abs(s.total - 100) <= s.slack END
             AND t.smallest_total IS NOT NULL AS rounding_ok
    FROM s LEFT JOIN internal.share_list_totals t USING (check_id) LEFT JOIN redraw d USING (check_id)
)
SELECT c.check_id, r.check_id IS NOT NULL AS computable,
       r.exact_ok AND r.smallest_total IS NOT NULL AS holds_exact, r.rounding_ok AS holds_rounding,
       r.rounding_ok AS holds_assumed,
       100.0 AS published_value, CAST(r.total AS DOUBLE) AS recomputed_value,
       CAST(r.total - r.slack AS DOUBLE) AS recomputed_lo, CAST(r.total + r.slack AS DOUBLE) AS recomputed_hi,
       r.smallest_total AS base_lo, r.pass_chance,
       r.total || '% in all' || coalesce('; at least ' || r.smallest_total || ' answers', '') AS recomputed,
       CASE WHEN r.check_id IS NULL THEN 'No shares to add up.'
            ELSE 'The ' || r.n || ' shares sum to ' || r.total || '%'
                 || CASE WHEN r.is_open THEN ' (an open list: some answers are not listed)' ELSE '' END
                 || CASE WHEN r.exact_ok THEN '' WHEN r.rounding_ok OR abs(r.total - 100) <= r.slack
                         THEN ', within the ' || r.slack || ' points that rounding ' || r.n || ' shares allows'
                         ELSE ', more than the ' || r.slack || ' points that rounding allows' END
                 || CASE WHEN r.smallest_total IS NOT NULL
                         THEN '; the fewest answers that reproduce every share: ' || r.smallest_total || '.'
                         ELSE '; no whole numbers of answers up to ' || r.search_bound || ' reproduce every share.' END
       END AS detail,
       []::VARCHAR[] AS singled_out
FROM checks c LEFT JOIN r USING (check_id)
WHERE c.kind = 'share_list';
