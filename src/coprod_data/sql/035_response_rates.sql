-- Intermediate steps go to schema internal; what users query stays in main.
CREATE SCHEMA IF NOT EXISTS internal;

-- response_rate_units (table): per response_rates check, each published rate (series) with
-- the most units it can be a share of (n_max, from its 'base' member).
CREATE OR REPLACE TABLE internal.response_rate_units AS
SELECT r.check_id, r.series, CAST(r.value AS BIGINT) AS published_pct, CAST(b.value AS BIGINT) AS n_max
FROM internal.check_inputs r
JOIN internal.check_inputs b ON b.check_id = r.check_id AND b.series = r.series AND b.term = 'base'
WHERE r.kind = 'response_rates' AND r.term = 'rate';

-- response_rate_solutions (table): for each published rate, every whole-number pair
-- (returns, eligible) whose ratio prints it.
--   set_key      : the set of rates solved together (identical sets are solved once)
--   series       : the rate's series (for the regional table, the region_id)
--   published_pct: the published rate, a whole percentage
--   n_max        : the most units the rate can be a share of
--   step         : the rate's position in the set
--   eligible     : a number of eligible units e, 1 <= e <= n_max
--   returns      : a number of returns r, 0 <= r <= e, with r/e printing the rate
CREATE OR REPLACE TABLE response_rate_solutions AS
WITH sets AS (
    SELECT check_id, string_agg(series || ':' || published_pct || '/' || n_max, ',' ORDER BY series) AS set_key
    FROM internal.response_rate_units GROUP BY check_id
), units AS (
    SELECT DISTINCT s.set_key, u.series, u.published_pct, u.n_max,
           dense_rank() OVER (PARTITION BY s.set_key ORDER BY u.series) AS step
    FROM internal.response_rate_units u JOIN sets s USING (check_id)
)
SELECT u.*, e.e AS eligible, r.r AS returns
FROM units u, LATERAL range(1, u.n_max + 1) AS e(e), LATERAL range(0, e.e + 1) AS r(r)
WHERE pct_covers(u.published_pct, r.r, e.e, 'either');

-- response_rate_joint (table): per response_rates check, every (total_returns,
-- total_eligible) reachable with one solution per rate (the dynamic programme).
--   total_returns  : a reachable sum of returns over the rates
--   total_eligible : the sum of eligible units with it
CREATE OR REPLACE TABLE internal.response_rate_joint AS
WITH RECURSIVE sets AS (
    SELECT check_id, string_agg(series || ':' || published_pct || '/' || n_max, ',' ORDER BY series) AS set_key,
           count(*) AS n_units
    FROM internal.response_rate_units GROUP BY check_id
), keys AS (SELECT DISTINCT set_key, n_units FROM sets),
sol AS (SELECT DISTINCT set_key, step, returns, eligible FROM response_rate_solutions),
dp(set_key, step, r_sum, e_sum) AS (
    SELECT set_key, 0, 0, 0 FROM keys
    UNION
    SELECT d.set_key, d.step + 1, d.r_sum + s.returns, d.e_sum + s.eligible
    FROM dp d JOIN sol s ON s.set_key = d.set_key AND s.step = d.step + 1
)
SELECT s.check_id, d.r_sum AS total_returns, d.e_sum AS total_eligible
FROM dp d JOIN sets s ON s.set_key = d.set_key AND d.step = s.n_units;

-- check_result_response_rates (table), kind response_rates: response rates recomputed from
-- whole numbers of returns r and eligible units e. Each 'rate' (a regional rate) has a
-- 'base' of the same series: the most units it can be a share of (for example the
-- authorities of the region, a count_of the reference list). Its solutions are every
-- (r, e) with 1 <= e <= base and 0 <= r <= e whose r/e prints the rate (rule either).
-- One solution per rate, combined by a dynamic programme (a recursive CTE whose states
-- are the reachable totals (R, E)), must give every 'total' as R/E. A 'raw' rate with
-- its own base N (all units) must then be R'/N:
--   strict reading : R' = R, the raw rate counts the same returns
--   relaxed reading: R <= R' <= R + (N - E), returns from excluded units count in the
--                    raw rate only (the check's assumption)
-- Identical sets of rates are solved once. pass_chance: none.
CREATE OR REPLACE TABLE internal.check_result_response_rates AS
WITH rr AS (SELECT * FROM checks WHERE kind = 'response_rates'),
units AS (
    SELECT u.check_id, count(*) AS n_units, sum(u.n_max) AS n_units_max,
           count(*) FILTER (WHERE NOT EXISTS (
               SELECT 1 FROM internal.response_rate_units v JOIN response_rate_solutions s
                 ON s.series = v.series AND s.published_pct = v.published_pct AND s.n_max = v.n_max
               WHERE v.check_id = u.check_id AND v.series = u.series)) AS n_without
    FROM internal.response_rate_units u GROUP BY u.check_id
), totals AS (
    SELECT check_id, list(CAST(value AS BIGINT)) AS pcts FROM internal.check_inputs WHERE kind = 'response_rates' AND term = 'total'
    GROUP BY check_id
), raw AS (
    SELECT r.check_id, CAST(r.value AS BIGINT) AS raw_pct, CAST(b.value AS BIGINT) AS n_all
    FROM internal.check_inputs r JOIN internal.check_inputs b ON b.check_id = r.check_id AND b.series = r.series AND b.term = 'base'
    WHERE r.kind = 'response_rates' AND r.term = 'raw'
), ok AS (  -- joint states that give every total
    SELECT j.* FROM internal.response_rate_joint j LEFT JOIN totals t USING (check_id)
    WHERE coalesce(list_bool_and(list_transform(t.pcts, lambda x: pct_covers(x, j.total_returns, j.total_eligible, 'either'))), TRUE)
), raw_returns AS (
    SELECT w.check_id, x.r AS raw_returns FROM raw w, LATERAL range(0, w.n_all + 1) AS x(r)
    WHERE pct_covers(w.raw_pct, x.r, w.n_all, 'either')
), agg AS (
    SELECT k.check_id, count(*) AS n_states, min(k.total_returns) AS r_lo, max(k.total_returns) AS r_hi,
           min(k.total_eligible) AS e_lo, max(k.total_eligible) AS e_hi
    FROM ok k GROUP BY k.check_id
), raw_eval AS (
    SELECT w.check_id, w.raw_pct, w.n_all,
           min(x.raw_returns) AS raw_lo, max(x.raw_returns) AS raw_hi,
           bool_or(x.raw_returns = k.total_returns) AS strict_ok,
           bool_or(x.raw_returns BETWEEN k.total_returns AND k.total_returns + (w.n_all - k.total_eligible)) AS split_ok,
           min(w.n_all - k.total_eligible) FILTER (WHERE x.raw_returns BETWEEN k.total_returns
               AND k.total_returns + (w.n_all - k.total_eligible)) AS x_lo,
           max(w.n_all - k.total_eligible) FILTER (WHERE x.raw_returns BETWEEN k.total_returns
               AND k.total_returns + (w.n_all - k.total_eligible)) AS x_hi
    FROM raw w JOIN raw_returns x USING (check_id) LEFT JOIN ok k USING (check_id)
    GROUP BY w.check_id, w.raw_pct, w.n_all
), r AS (
    SELECT c.check_id, u.n_units, u.n_without, a.n_states, a.r_lo, a.r_hi, a.e_lo, a.e_hi,
           w.raw_pct, w.n_all, w.raw_lo, w.raw_hi, coalesce(w.strict_ok, FALSE) AS raw_strict, coalesce(w.split_ok, FALSE) AS raw_split,
           w.x_lo, w.x_hi, w.check_id IS NOT NULL AS has_raw,
           u.n_without = 0 AND coalesce(a.n_states, 0) > 0 AS joint_ok
    FROM rr c JOIN units u USING (check_id) LEFT JOIN agg a USING (check_id) LEFT JOIN raw_eval w USING (check_id)
)
SELECT c.check_id, r.check_id IS NOT NULL AS computable, FALSE AS holds_exact,
       r.joint_ok AND (NOT r.has_raw OR r.raw_strict) AS holds_rounding,
       r.joint_ok AND (NOT r.has_raw OR r.raw_strict OR r.raw_split) AS holds_assumed,
       CAST(r.raw_pct AS DOUBLE) AS published_value,
       CAST(r.r_lo AS DOUBLE) AS recomputed_lo, CAST(r.r_hi AS DOUBLE) AS recomputed_hi,
       r.e_lo AS base_lo, r.e_hi AS base_hi, CAST(NULL AS DOUBLE) AS pass_chance,
       CASE WHEN r.joint_ok THEN r.r_lo || '-' || r.r_hi || ' returns of ' || r.e_lo || '-' || r.e_hi || ' eligible'
            ELSE 'none' END
         || CASE WHEN r.has_raw THEN '; raw rate: ' || r.raw_lo || '-' || r.raw_hi || ' of ' || r.n_all ELSE '' END AS recomputed,
       CASE WHEN r.has_raw AND r.joint_ok AND NOT r.raw_strict AND r.raw_split
            THEN 'holds if returns from ' || r.x_lo || '-' || r.x_hi || ' excluded units count in the raw rate only' END
           AS reading,
       CASE WHEN r.check_id IS NULL THEN 'No rates to recompute.'
            WHEN r.n_without > 0 THEN r.n_without || ' of the ' || r.n_units || ' rates cannot be a whole number of returns of at most their base.'
            WHEN NOT r.joint_ok THEN 'Each rate has whole-number solutions, but no combination gives the printed total.'
            ELSE 'The ' || r.n_units || ' rates combine to ' || r.r_lo || '-' || r.r_hi || ' returns of ' || r.e_lo || '-' || r.e_hi
                 || ' eligible units, which give the printed total.'
                 || CASE WHEN NOT r.has_raw THEN ''
                         ELSE ' The raw rate of ' || r.raw_pct || '% of ' || r.n_all || ' means ' || r.raw_lo || '-' || r.raw_hi
                              || ' returns'
                              || CASE WHEN r.raw_strict THEN ', which the combined rates allow.'
                                      WHEN r.raw_split THEN ': not the same returns, unless returns from ' || r.x_lo || '-' || r.x_hi
                                           || ' excluded units count in the raw rate only.'
                                      ELSE ', which the combined rates do not allow under any reading.' END END END AS detail,
       []::VARCHAR[] AS singled_out
FROM checks c LEFT JOIN r USING (check_id)
WHERE c.kind = 'response_rates';
