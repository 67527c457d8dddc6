-- Table macros: the recomputations as functions of any table with the right columns,
-- so that the same SQL runs on the package, on hand-made tables in the tests and on
-- synthetic data in the benchmarks. (Macros, not views; the views below call them.)
-- CTE names inside the macros start with an underscore, so that they cannot hide
-- an input table passed by name (avoid such names for input tables).
--
-- shares_of_counts(t): t(list_id, item_id, n) with whole counts n. Each item's exact
-- share of its list and the share rounded to a whole percent half up and half even,
-- in integer arithmetic (quotient and remainder of 100 n / total).
-- t is read into a materialized CTE first: a window straight over t, when t is a view
-- that counts raw rows, made DuckDB take about twice as long as the counting alone.
CREATE OR REPLACE MACRO shares_of_counts(t) AS TABLE
WITH _in AS MATERIALIZED (
    SELECT list_id, item_id, n FROM query_table(t)
), _c AS (
    SELECT list_id, item_id, n, sum(n) OVER (PARTITION BY list_id) AS total FROM _in
), _q AS (
    SELECT *, (100 * n) // total AS q, (100 * n) % total AS rem FROM _c WHERE total > 0
)
SELECT list_id, item_id, n, total, 100.0 * n / total AS exact_pct,
       q + CASE WHEN 2 * rem >= total THEN 1 ELSE 0 END AS pct_half_up,
       q + CASE WHEN 2 * rem > total OR (2 * rem = total AND q % 2 = 1) THEN 1 ELSE 0 END AS pct_half_even
FROM _q;

-- reconstruct_shares(t, max_total): t(list_id, position, share_pct, is_open_list).
-- For each list and rounding rule, the smallest total N <= max_total for which whole
-- counts reproduce every share: each count ranges over [pct_k_lo, pct_k_hi] on its
-- own, so a closed list is feasible for N exactly when sum(lo) <= N <= sum(hi), and
-- an open list when sum(lo) <= N. Cost: O(items x max_total) per rule.
CREATE OR REPLACE MACRO reconstruct_shares(t, max_total) AS TABLE
WITH _items AS (SELECT list_id, position, share_pct, is_open_list FROM query_table(t)),
_lists AS (SELECT list_id, bool_or(is_open_list) AS is_open_list, count(*) AS n_items FROM _items GROUP BY list_id),
_per_n AS (
    SELECT i.list_id, r.rounding, n.n,
           sum(pct_k_lo(i.share_pct, n.n, r.rounding)) AS sum_lo,
           sum(pct_k_hi(i.share_pct, n.n, r.rounding)) AS sum_hi,
           bool_and(pct_k_lo(i.share_pct, n.n, r.rounding) <= pct_k_hi(i.share_pct, n.n, r.rounding)) AS items_ok
    FROM _items i CROSS JOIN internal.rounding_rules r CROSS JOIN range(1, max_total + 1) AS n(n)
    GROUP BY ALL
)
SELECT l.list_id, l.n_items, l.is_open_list, r.rounding,
       min(p.n) FILTER (WHERE p.items_ok AND p.sum_lo <= p.n AND (l.is_open_list OR p.n <= p.sum_hi))
           AS smallest_total,
       max_total AS search_bound
FROM _lists l CROSS JOIN internal.rounding_rules r
LEFT JOIN _per_n p ON p.list_id = l.list_id AND p.rounding = r.rounding
GROUP BY ALL;

-- reconstruct_share_counts(t, max_total): the counts per item at the smallest total.
-- Each item starts at its smallest count; a closed list's remainder is handed out in
-- list order up to each item's largest count.
CREATE OR REPLACE MACRO reconstruct_share_counts(t, max_total) AS TABLE
WITH _best AS (SELECT * FROM reconstruct_shares(t, max_total) WHERE smallest_total IS NOT NULL),
_items AS (
    SELECT b.list_id, b.rounding, b.smallest_total AS n, b.is_open_list, i.position, i.share_pct,
           pct_k_lo(i.share_pct, b.smallest_total, b.rounding) AS lo,
           pct_k_hi(i.share_pct, b.smallest_total, b.rounding) AS hi
    FROM _best b JOIN query_table(t) i ON i.list_id = b.list_id
), _spread AS (
    SELECT *,
           CASE WHEN is_open_list THEN 0 ELSE n - sum(lo) OVER w_all END AS remainder,
           coalesce(sum(hi - lo) OVER w_before, 0) AS room_before
    FROM _items
    WINDOW w_all AS (PARTITION BY list_id, rounding),
           w_before AS (PARTITION BY list_id, rounding ORDER BY position
                        ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
)
SELECT list_id, rounding, n AS total, position, share_pct,
       lo + least(hi - lo, greatest(0, remainder - room_before)) AS count
FROM _spread;

-- rate_solutions(t): t(unit_id, published_pct, n_max). Every (returns r, eligible e)
-- with 1 <= e <= n_max and 0 <= r <= e whose rate r/e rounds to the published
-- percentage, under each rule. Cost: O(n_max^2) per unit.
CREATE OR REPLACE MACRO rate_solutions(t) AS TABLE
SELECT u.unit_id, u.published_pct, u.n_max, ru.rounding, r.r AS returns, e.e AS eligible,
       u.n_max - e.e AS excluded
FROM query_table(t) u
CROSS JOIN internal.rounding_rules ru
CROSS JOIN range(1, (SELECT max(n_max) + 1 FROM query_table(t))) AS e(e)
CROSS JOIN range(0, (SELECT max(n_max) + 1 FROM query_table(t))) AS r(r)
WHERE e.e <= u.n_max AND r.r <= e.e AND pct_covers(u.published_pct, r.r, e.e, ru.rounding);

-- rate_joint(t): the same units combined, one solution per unit, by a dynamic
-- programme over the units (a recursive CTE whose states are the reachable totals
-- (R, E)): every reachable pair of total returns and total eligible, per rule.
-- Cost: O(units x states x solutions per unit); states <= (sum n_max + 1)^2.
-- The units and their solutions are materialized CTEs, read once (as rate_solutions
-- joined back by unit_id they were recomputed; about a quarter slower on 9 to 20
-- units). A step's solutions are those of every unit with its unit_id, so a unit_id
-- given twice pools its rows' solutions, and a NULL unit_id has none.
CREATE OR REPLACE MACRO rate_joint(t) AS TABLE
WITH RECURSIVE _units AS MATERIALIZED (
    SELECT unit_id, published_pct, n_max, row_number() OVER (ORDER BY unit_id) AS step FROM query_table(t)
), _sol AS MATERIALIZED (
    SELECT DISTINCT s.step, ru.rounding, r.r AS returns, e.e AS eligible
    FROM _units u JOIN _units s ON s.unit_id = u.unit_id
    CROSS JOIN internal.rounding_rules ru
    CROSS JOIN range(1, (SELECT max(n_max) + 1 FROM _units)) AS e(e)
    CROSS JOIN range(0, (SELECT max(n_max) + 1 FROM _units)) AS r(r)
    WHERE e.e <= u.n_max AND r.r <= e.e AND pct_covers(u.published_pct, r.r, e.e, ru.rounding)
), _dp(step, rounding, r_sum, e_sum) AS (
    SELECT 0, rounding, 0, 0 FROM internal.rounding_rules
    UNION
    SELECT d.step + 1, d.rounding, d.r_sum + s.returns, d.e_sum + s.eligible
    FROM _dp d JOIN _sol s ON s.step = d.step + 1 AND s.rounding = d.rounding
)
SELECT rounding, r_sum AS total_returns, e_sum AS total_eligible
FROM _dp WHERE step = (SELECT count(*) FROM _units);

-- pre_post_of_responses(t): t(group_id, item_id, phase, is_positive), one row per
-- respondent, item and phase. Per group, item and phase: respondents, positives and
-- the share rounded half up; then the change from pre to post in points (NULL where a
-- phase has no rows). Phases other than 'pre' and 'post' are ignored; a row whose
-- group or item is NULL is never paired with another phase.
-- One pass over t: the only work on its rows is the grouping; the phases are put side
-- by side on the grouped rows with FILTER clauses (a WHERE on the phase there, or a
-- join of two filtered copies, would be pushed down to the scan and filter every row).
CREATE OR REPLACE MACRO pre_post_of_responses(t) AS TABLE
WITH _agg AS (
    SELECT group_id, item_id, phase, count(*) AS n, count(*) FILTER (WHERE is_positive) AS positive
    FROM query_table(t) GROUP BY ALL
), _wide AS (
    SELECT group_id, item_id,
           max(n) FILTER (WHERE phase = 'pre') AS pre_n,
           max(positive) FILTER (WHERE phase = 'pre') AS pre_positive,
           max(n) FILTER (WHERE phase = 'post') AS post_n,
           max(positive) FILTER (WHERE phase = 'post') AS post_positive
    FROM _agg
    GROUP BY group_id, item_id, CASE WHEN group_id IS NULL OR item_id IS NULL THEN phase END
), _pct AS (
    SELECT *, (200 * pre_positive + pre_n) // (2 * pre_n) AS pre_pct,
           (200 * post_positive + post_n) // (2 * post_n) AS post_pct
    FROM _wide WHERE pre_n IS NOT NULL OR post_n IS NOT NULL
)
SELECT group_id, item_id, pre_n, pre_positive, pre_pct, post_n, post_positive, post_pct,
       post_pct - pre_pct AS change
FROM _pct;
