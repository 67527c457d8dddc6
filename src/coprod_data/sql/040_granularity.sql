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

-- granularity_summary: one row per figure and basis, under the 'either' rule
-- (a figure passes when any usual rounding of some whole count prints it).
CREATE OR REPLACE VIEW granularity_summary AS
WITH e AS (SELECT * FROM granularity WHERE rounding = 'either')
SELECT figure_id, basis, any_value(base_description) AS base_description,
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
GROUP BY figure_id, basis;
