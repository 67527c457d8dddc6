-- share_reconstruction: for each printed list of shares of comments and each
-- rounding rule, the smallest total number of comments N (searched up to 5,000;
-- the bound is reported when reached) for which whole counts exist whose shares
-- round to every printed value (macro reconstruct_shares). A closed list needs the
-- counts to sum to N; an open list only needs them to fit within N.
CREATE OR REPLACE VIEW share_reconstruction_input AS
SELECT l.list_id, i.value_position AS position, i.share_pct, l.is_open_list, i.figure_id
FROM share_lists l
JOIN share_items i ON i.resource = l.resource AND i.group_id = l.group_id
                  AND i.phase IS NOT DISTINCT FROM l.phase;

CREATE OR REPLACE VIEW share_reconstruction AS
SELECT l.list_id, l.resource, l.group_id, l.phase, l.n_items, l.sum_pct, l.is_open_list, r.rounding,
       r.smallest_total, r.search_bound, r.smallest_total IS NOT NULL AS is_feasible
FROM reconstruct_shares('share_reconstruction_input', 5000) r
JOIN share_lists l USING (list_id);

-- share_reconstruction_counts: the counts per item at the smallest total; they
-- reproduce every share of the list.
CREATE OR REPLACE VIEW share_reconstruction_counts AS
SELECT c.list_id, c.rounding, c.total AS total_comments, i.figure_id, i.item_id, c.position AS value_position,
       c.share_pct, c.count AS comments, round(100.0 * c.count / c.total, 2) AS exact_share_pct
FROM reconstruct_share_counts('share_reconstruction_input', 5000) c
JOIN share_lists l USING (list_id)
JOIN share_items i ON i.resource = l.resource AND i.group_id = l.group_id
                  AND i.phase IS NOT DISTINCT FROM l.phase AND i.value_position = c.position;
