-- share_lists: each printed list of shares of comments (Q2 per group and phase,
-- Q4 per group) with its item count, sum and the rounding slack the count allows.
-- n shares rounded to whole percent can miss 100 by at most floor(n/2) points
-- (each is within 0.5 of its exact value), so a closed list is within rounding
-- when |sum - 100| <= floor(n/2). Lists flagged open are reported, not judged.
CREATE OR REPLACE VIEW share_items AS
SELECT 'best_feature_shares' AS resource, question_id, group_id, phase, figure_id, theme_id AS item_id,
       value_position, share_pct, is_open_list
FROM best_feature_shares
UNION ALL
SELECT 'la_action_shares', question_id, group_id, NULL, figure_id, action_id,
       value_position, share_pct, is_open_list
FROM la_action_shares;

CREATE OR REPLACE VIEW share_lists AS
WITH lists AS (
    SELECT resource, question_id, group_id, phase,
           resource || ':' || group_id || coalesce(':' || phase, '') AS list_id,
           count(*) AS n_items,
           count(item_id) AS n_labelled,
           sum(share_pct) AS sum_pct,
           bool_or(is_open_list) AS is_open_list,
           list(figure_id ORDER BY value_position) AS figure_ids
    FROM share_items
    GROUP BY ALL
)
SELECT *,
       n_items // 2 AS slack_pct,
       sum_pct - 100 AS miss_pct,
       CASE WHEN is_open_list THEN 'not_recomputable'
            WHEN sum_pct = 100 THEN 'reproduced'
            WHEN abs(sum_pct - 100) <= n_items // 2 THEN 'within_rounding'
            ELSE 'discrepancy' END AS status,
       CASE WHEN is_open_list THEN
                'Open list: ' || n_items || ' values under ' || n_labelled || ' labels sum to ' || sum_pct
                || '%, so the printed shares are not a closed set and cannot be checked against 100.'
            WHEN sum_pct = 100 THEN 'The ' || n_items || ' shares sum to exactly 100%.'
            WHEN abs(sum_pct - 100) <= n_items // 2 THEN
                'The ' || n_items || ' shares sum to ' || sum_pct || '%, within the +/-' || n_items // 2
                || ' points that rounding ' || n_items || ' shares to whole percent allows.'
            ELSE 'The ' || n_items || ' shares sum to ' || sum_pct || '%, more than the +/-' || n_items // 2
                || ' points that rounding allows.' END AS detail
FROM lists;
