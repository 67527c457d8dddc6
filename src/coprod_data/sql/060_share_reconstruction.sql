-- share_reconstruction: for each printed list of shares of comments and each
-- rounding rule, the smallest total number of comments N (searched up to 5,000;
-- the bound is reported when reached) for which whole counts exist whose shares
-- round to every printed value. A closed list needs the counts to sum to N; an open
-- list only needs them to fit within N. For a given N each item's count ranges over
-- [pct_k_lo, pct_k_hi] independently, so a closed list is feasible exactly when
-- sum(lo) <= N <= sum(hi).
CREATE OR REPLACE VIEW share_reconstruction AS
WITH totals AS (SELECT t.n FROM range(1, 5001) AS t(n)),
per_n AS (
    SELECT l.list_id, l.is_open_list, l.n_items, r.rounding, t.n,
           sum(pct_k_lo(i.share_pct, t.n, r.rounding)) AS sum_lo,
           sum(pct_k_hi(i.share_pct, t.n, r.rounding)) AS sum_hi,
           bool_and(pct_k_lo(i.share_pct, t.n, r.rounding) <= pct_k_hi(i.share_pct, t.n, r.rounding)) AS items_ok
    FROM share_lists l
    JOIN share_items i ON i.resource = l.resource AND i.group_id = l.group_id
                      AND i.phase IS NOT DISTINCT FROM l.phase
    CROSS JOIN rounding_rules r
    CROSS JOIN totals t
    GROUP BY ALL
), feasible AS (
    SELECT * FROM per_n
    WHERE items_ok AND sum_lo <= n AND (is_open_list OR n <= sum_hi)
)
SELECT l.list_id, l.resource, l.group_id, l.phase, l.n_items, l.sum_pct, l.is_open_list, r.rounding,
       min(f.n) AS smallest_total,
       count(f.n) AS feasible_totals_up_to_bound,
       5000 AS search_bound,
       min(f.n) IS NOT NULL AS is_feasible
FROM share_lists l
CROSS JOIN rounding_rules r
LEFT JOIN feasible f ON f.list_id = l.list_id AND f.rounding = r.rounding
GROUP BY ALL;

-- share_reconstruction_counts: the counts per item at the smallest total. Each
-- item starts at its smallest count; a closed list's remainder is handed out in
-- list order up to each item's largest count. The counts reproduce every share.
CREATE OR REPLACE VIEW share_reconstruction_counts AS
WITH s AS (
    SELECT * FROM share_reconstruction WHERE is_feasible
), items AS (
    SELECT s.list_id, s.rounding, s.smallest_total AS n, s.is_open_list, i.figure_id, i.item_id,
           i.value_position, i.share_pct,
           pct_k_lo(i.share_pct, s.smallest_total, s.rounding) AS lo,
           pct_k_hi(i.share_pct, s.smallest_total, s.rounding) AS hi
    FROM s JOIN share_lists l USING (list_id)
    JOIN share_items i ON i.resource = l.resource AND i.group_id = l.group_id
                      AND i.phase IS NOT DISTINCT FROM l.phase
), spread AS (
    SELECT *,
           CASE WHEN is_open_list THEN 0 ELSE n - sum(lo) OVER w_all END AS remainder,
           coalesce(sum(hi - lo) OVER w_before, 0) AS room_before
    FROM items
    WINDOW w_all AS (PARTITION BY list_id, rounding),
           w_before AS (PARTITION BY list_id, rounding ORDER BY value_position
                        ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
)
SELECT list_id, rounding, n AS total_comments, figure_id, item_id, value_position, share_pct,
       lo + least(hi - lo, greatest(0, remainder - room_before)) AS comments,
       round(100.0 * (lo + least(hi - lo, greatest(0, remainder - room_before))) / n, 2) AS exact_share_pct
FROM spread;
