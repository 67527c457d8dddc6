-- granularity: the GRIM test for percentages. For each published percentage with a
-- stated, assumed or derived base n (figure_denominators), is there a whole number
-- k of people with k / n rounding to the printed value? Tried under each rounding
-- rule; implied counts are listed, and the nearest shares when there are none.
CREATE OR REPLACE VIEW granularity AS
WITH base AS (
    SELECT f.figure_id, f.value AS p, d.n, d.basis, d.base_figure_id, d.base_description, rr.rounding
    FROM fact_figures f
    JOIN figure_denominators d USING (figure_id)
    CROSS JOIN rounding_rules rr
    WHERE f.unit = 'percent'
)
SELECT figure_id, p AS published_pct, n, basis, base_figure_id, base_description, rounding,
       pct_k_lo(p, n, rounding) AS k_lo,
       pct_k_hi(p, n, rounding) AS k_hi,
       pct_k_lo(p, n, rounding) <= pct_k_hi(p, n, rounding) AS is_feasible,
       CAST(floor(p * n / 100.0) AS BIGINT) AS nearest_k_below,
       CAST(ceil(p * n / 100.0) AS BIGINT) AS nearest_k_above
FROM base;

-- granularity_summary: one row per figure and base, under the 'either' rule
-- (a figure passes when any usual rounding of some whole count prints it).
CREATE OR REPLACE VIEW granularity_summary AS
WITH e AS (SELECT * FROM granularity WHERE rounding = 'either')
SELECT figure_id, basis, base_description,
       min(n) AS n_min, max(n) AS n_max,
       bool_or(is_feasible) AS is_feasible,
       string_agg(CASE WHEN is_feasible THEN
                    CASE WHEN k_lo = k_hi THEN k_lo || '/' || n ELSE k_lo || '-' || k_hi || '/' || n END
                  END, ', ' ORDER BY n) AS implied_counts,
       string_agg(CASE WHEN NOT is_feasible THEN
                    nearest_k_below || '/' || n || ' = ' || round(100.0 * nearest_k_below / n, 1) || '%, '
                    || nearest_k_above || '/' || n || ' = ' || round(100.0 * nearest_k_above / n, 1) || '%'
                  END, '; ' ORDER BY n) AS nearest
FROM e
GROUP BY figure_id, basis, base_description;

-- joint_bases: the percentages printed together in one chart, table or paragraph
-- for one group and phase are shares of one base. The smallest whole base (up to
-- 1,000) for which every one of them is possible, and which of the stated, assumed
-- or derived bases allow them all.
CREATE OR REPLACE VIEW joint_base_groups AS
SELECT f.figure_id, f.value AS p,
       concat_ws(' / ', f.resource, f.document_id, f.source_kind, coalesce(f.source_locator, f.section),
                 f.group_id, f.phase) AS base_group
FROM fact_figures f
WHERE f.unit = 'percent' AND f.resource IN ('understanding', 'impact_ratings', 'practice_rates', 'resource_ratings');

CREATE OR REPLACE VIEW joint_bases AS
WITH per_n AS (
    SELECT g.base_group, n.n, bool_and(pct_k_lo(g.p, n.n, 'either') <= pct_k_hi(g.p, n.n, 'either')) AS all_fit
    FROM joint_base_groups g CROSS JOIN range(1, 1001) AS n(n)
    GROUP BY ALL
), smallest AS (
    SELECT base_group, min(n) FILTER (WHERE all_fit) AS smallest_base FROM per_n GROUP BY base_group
), candidates AS (
    SELECT g.base_group, d.basis, d.n, p.all_fit
    FROM (SELECT DISTINCT base_group, figure_id FROM joint_base_groups) g
    JOIN figure_denominators d USING (figure_id)
    JOIN per_n p ON p.base_group = g.base_group AND p.n = d.n
    GROUP BY ALL
)
SELECT s.base_group, (SELECT count(*) FROM joint_base_groups x WHERE x.base_group = s.base_group) AS n_values,
       s.smallest_base, 1000 AS search_bound,
       string_agg(DISTINCT c.basis, ', ' ORDER BY c.basis) AS bases_tried,
       string_agg(DISTINCT c.n::VARCHAR, ', ' ORDER BY c.n::VARCHAR) FILTER (WHERE c.all_fit) AS bases_that_fit,
       string_agg(DISTINCT c.n::VARCHAR, ', ' ORDER BY c.n::VARCHAR) FILTER (WHERE NOT c.all_fit) AS bases_that_do_not_fit
FROM smallest s LEFT JOIN candidates c USING (base_group)
GROUP BY ALL;
