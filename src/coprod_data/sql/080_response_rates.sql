-- Response rates recomputed from whole numbers of returns and eligible authorities.
--
-- region_authorities: authorities per region from the reference list (152 in all).
CREATE OR REPLACE VIEW region_authorities AS
SELECT region_id, count(*) AS n_authorities FROM local_authorities GROUP BY region_id;

-- response_rate_region_solutions: every (returns r, eligible e) with
-- 1 <= e <= authorities in the region and 0 <= r <= e whose rate r/e rounds to the
-- published adjusted rate, under each rounding rule (macro rate_solutions).
CREATE OR REPLACE VIEW response_rate_region_input AS
SELECT d.unit_id, d.published_pct, d.n_max, rr.figure_id
FROM figure_denominator_regions d JOIN response_rates rr ON rr.region_id = d.unit_id AND rr.scope = 'region';

CREATE OR REPLACE VIEW response_rate_region_solutions AS
SELECT i.figure_id, s.unit_id AS region_id, s.published_pct, s.n_max AS n_authorities, s.rounding,
       s.returns, s.eligible, s.excluded, round(100.0 * s.returns / s.eligible, 2) AS exact_pct
FROM rate_solutions('response_rate_region_input') s JOIN response_rate_region_input i USING (unit_id);

-- response_rate_regions: per region and rule, how many solutions exist and the range
-- of returns and exclusions they allow; where none exists, the nearest rates with all
-- authorities eligible.
CREATE OR REPLACE VIEW response_rate_regions AS
SELECT rr.figure_id, rr.region_id, rr.item_label, rr.value_pct AS published_pct, ra.n_authorities, ru.rounding,
       count(s.returns) AS n_solutions,
       min(s.returns) AS min_returns, max(s.returns) AS max_returns,
       min(s.excluded) AS min_excluded, max(s.excluded) AS max_excluded,
       string_agg(s.returns || '/' || s.eligible, ', ' ORDER BY s.eligible, s.returns) AS solutions,
       CAST(floor(rr.value_pct * ra.n_authorities / 100.0) AS BIGINT) || '/' || ra.n_authorities || ' or '
         || CAST(ceil(rr.value_pct * ra.n_authorities / 100.0) AS BIGINT) || '/' || ra.n_authorities
         AS nearest_with_all_eligible
FROM response_rates rr
JOIN region_authorities ra USING (region_id)
CROSS JOIN rounding_rules ru
LEFT JOIN response_rate_region_solutions s
       ON s.figure_id = rr.figure_id AND s.rounding = ru.rounding
WHERE rr.scope = 'region'
GROUP BY ALL;

-- response_rate_joint: the nine regional solutions combined (one per region, by a
-- dynamic programme over the regions in a recursive CTE): every reachable pair of
-- total returns R and total eligible E, under each rule, with whether R/E rounds to
-- the published adjusted total and R/152 to the published raw rate.
CREATE OR REPLACE VIEW response_rate_joint AS
WITH totals AS (
    SELECT (SELECT count(*) FROM local_authorities) AS n_authorities,
           (SELECT value_pct FROM response_rates WHERE scope = 'national' AND measure = 'raw') AS raw_pct,
           (SELECT max(value_pct) FROM response_rates WHERE scope = 'national' AND measure = 'adjusted')
               AS adjusted_pct
)
SELECT j.rounding, j.total_returns, j.total_eligible,
       t.n_authorities - j.total_eligible AS total_excluded,
       round(100.0 * j.total_returns / j.total_eligible, 2) AS exact_adjusted_pct,
       round(100.0 * j.total_returns / t.n_authorities, 2) AS exact_raw_pct,
       pct_covers(t.adjusted_pct, j.total_returns, j.total_eligible, j.rounding) AS matches_adjusted,
       pct_covers(t.raw_pct, j.total_returns, t.n_authorities, j.rounding) AS matches_raw
FROM rate_joint('response_rate_region_input') j, totals t;

-- response_rate_national: the national rates on their own: whole returns R with
-- R/152 rounding to the raw rate and some eligible total E <= 152 with R/E rounding
-- to the adjusted rate.
CREATE OR REPLACE VIEW response_rate_national AS
WITH t AS (
    SELECT (SELECT count(*) FROM local_authorities) AS n,
           (SELECT value_pct FROM response_rates WHERE scope = 'national' AND measure = 'raw') AS raw_pct,
           (SELECT max(value_pct) FROM response_rates WHERE scope = 'national' AND measure = 'adjusted') AS adj_pct
)
SELECT ru.rounding, r.r AS returns, e.e AS eligible, t.n - e.e AS excluded,
       round(100.0 * r.r / t.n, 2) AS exact_raw_pct, round(100.0 * r.r / e.e, 2) AS exact_adjusted_pct
FROM t CROSS JOIN rounding_rules ru CROSS JOIN range(0, 1000) AS r(r) CROSS JOIN range(1, 1000) AS e(e)
WHERE r.r <= e.e AND e.e <= t.n
  AND pct_covers(t.raw_pct, r.r, t.n, ru.rounding)
  AND pct_covers(t.adj_pct, r.r, e.e, ru.rounding);
