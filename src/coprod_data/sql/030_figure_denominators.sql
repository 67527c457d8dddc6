-- figure_denominators: the whole number of people (or authorities) each percentage
-- is taken to be a share of, where the reports state or imply one.
--   stated : the report prints this number for exactly this group and phase
--            (all attitude-survey respondents: 154 before, 165 after)
--   assumed: a number the report prints for the group without saying it is the
--            base (sector sizes, phase not stated; Telford participants, who may
--            not all have answered)
--   derived: returns implied by the raw response rate (every whole number of
--            returns whose share of the 152 authorities rounds to the printed rate),
--            and the total returns the regional table allows with its adjusted total
-- A figure may have several candidate bases (derived); the checks try each.
CREATE OR REPLACE VIEW figure_denominator_regions AS
SELECT rr.region_id AS unit_id, rr.value_pct AS published_pct, count(la.la_id) AS n_max
FROM response_rates rr JOIN local_authorities la USING (region_id)
WHERE rr.scope = 'region'
GROUP BY ALL;

CREATE OR REPLACE VIEW figure_denominators AS
WITH respondents AS (
    SELECT phase, value AS n, figure_id AS base_figure_id
    FROM counts WHERE subject = 'respondents' AND group_id = 'all_participants'
), sectors AS (
    SELECT group_id, value AS n, figure_id AS base_figure_id
    FROM counts WHERE subject = 'sector_respondents'
), telford AS (
    SELECT value AS n, figure_id AS base_figure_id
    FROM counts WHERE subject = 'workshop_participants' AND period IS NULL
), authorities AS (
    SELECT count(*) AS n FROM local_authorities
), raw_rate AS (
    SELECT value_pct AS p, figure_id FROM response_rates WHERE scope = 'national' AND measure = 'raw'
), returns AS (  -- whole numbers of returns R with R / 152 rounding to the raw rate (either rule)
    SELECT r.k AS n, raw_rate.figure_id AS base_figure_id
    FROM raw_rate, authorities, range(0, 1000) AS r(k)
    WHERE r.k <= authorities.n AND pct_covers(raw_rate.p, r.k, authorities.n, 'either')
), attitude AS (
    SELECT f.figure_id, rs.n, 'stated' AS basis, rs.base_figure_id,
           'all respondents ' || f.phase || '-workshop' AS base_description
    FROM fact_figures f JOIN respondents rs ON rs.phase = f.phase
    WHERE f.resource IN ('understanding', 'impact_ratings') AND f.group_id = 'all_participants'
    UNION ALL
    SELECT f.figure_id, s.n, 'assumed', s.base_figure_id,
           'sector size of ' || f.group_id || ' (the report does not say for which phase)'
    FROM fact_figures f JOIN sectors s ON s.group_id = f.group_id
    WHERE f.resource IN ('understanding', 'impact_ratings')
    UNION ALL
    SELECT f.figure_id, t.n, 'assumed', t.base_figure_id,
           'Telford workshop participants (not all may have answered)'
    FROM fact_figures f, telford t
    WHERE f.resource = 'understanding' AND f.group_id = 'telford_participants'
), regional_returns AS (  -- total returns the regional table allows with its adjusted total
    SELECT DISTINCT j.total_returns AS n FROM rate_joint('figure_denominator_regions') j
    WHERE j.rounding = 'either'
      AND pct_covers((SELECT max(value_pct) FROM response_rates WHERE scope = 'national' AND measure = 'adjusted'),
                     j.total_returns, j.total_eligible, 'either')
), national AS (
    SELECT f.figure_id, ret.n, 'derived', ret.base_figure_id,
           'returns implied by the raw response rate of the 152 authorities'
    FROM fact_figures f, returns ret
    WHERE f.resource IN ('practice_rates', 'resource_ratings')
    UNION ALL
    SELECT f.figure_id, rg.n, 'derived', NULL,
           'returns implied by the regional response-rate table'
    FROM fact_figures f, regional_returns rg
    WHERE f.resource IN ('practice_rates', 'resource_ratings')
      AND rg.n NOT IN (SELECT n FROM returns)
)
SELECT * FROM attitude
UNION ALL SELECT * FROM national;
