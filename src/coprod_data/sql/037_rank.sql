-- Intermediate steps go to schema internal; what users query stays in main.
CREATE SCHEMA IF NOT EXISTS internal;

-- check_result_rank (table), kind rank: order and rank claims over printed lists. The
-- ranked quantity is each 'value' member (lists by series), the mean of an item's values
-- across the series (relations rank_pooled, top_pooled), or, where members are 'pre' and
-- 'post' pairs, each series' change. Members with a rank are the ones the claim names.
-- Each quantity has its printed value v and the interval of exact values [lo, hi] the
-- printing allows (v +/- 0.5 for a whole percentage or a mean of them, v +/- 1 for a
-- change, v for a count).
--   top / bottom (and top_pooled): the named members are the highest (lowest) of their
--     list: reproduced when min(named v) > max(other v); within rounding when
--     min(named hi) > max(other lo), so ties or overlaps could break the right way
--   rank (and rank_pooled): each named member holds its rank r: reproduced when exactly
--     r - 1 members print above it and none level with it; within rounding when at most
--     r - 1 are above it whatever the rounding and at least r - 1 could be (judged member
--     by member)
-- pass_chance: the chance that a random order of each list passes the exact reading:
-- 1 / C(m, k) for top/bottom, (m - k)! / m! for ranks (m members, k named), multiplied
-- over the lists.
-- Typed numbers: recomputed_lo and recomputed_hi: the lowest and highest exact value the
-- printings of the named members allow (their quantities' [lo, hi], over every list);
-- recomputed_value: the named member's quantity v when the claim names just one (in one
-- list). published_value stays empty: the claim states a position, not a number set
-- against these values.
CREATE OR REPLACE TABLE internal.check_result_rank AS
WITH rk AS (SELECT * FROM checks WHERE kind = 'rank'),
mv AS (SELECT i.* FROM internal.check_inputs i JOIN rk USING (check_id) WHERE i.term = 'value' AND i.value IS NOT NULL),
q_values AS (
    SELECT check_id, coalesce(series, '') AS list, coalesce(item_id, member_ref) AS label, value AS v,
           CASE WHEN unit = 'percent' THEN 0.5 ELSE 0 END AS half, claimed_rank
    FROM mv WHERE relation NOT IN ('rank_pooled', 'top_pooled')
), q_pooled AS (
    SELECT check_id, '' AS list, item_id AS label, avg(value) AS v, 0.5 AS half, max(claimed_rank) AS claimed_rank
    FROM mv WHERE relation IN ('rank_pooled', 'top_pooled') GROUP BY check_id, item_id
), q_changes AS (
    SELECT i.check_id, '' AS list, i.series AS label,
           max(i.value) FILTER (WHERE i.term = 'post') - max(i.value) FILTER (WHERE i.term = 'pre') AS v,
           1.0 AS half, max(i.claimed_rank) AS claimed_rank
    FROM internal.check_inputs i JOIN rk USING (check_id) WHERE i.term IN ('pre', 'post') GROUP BY i.check_id, i.series
), q AS (
    SELECT q.*, q.v - q.half AS lo, q.v + q.half AS hi, q.claimed_rank IS NOT NULL AS named, k.relation
    FROM (SELECT * FROM q_values UNION ALL SELECT * FROM q_pooled UNION ALL SELECT * FROM q_changes) q
    JOIN rk k USING (check_id) WHERE q.v IS NOT NULL
), sets AS (  -- top / bottom: named against the others of their list
    SELECT check_id, list, any_value(relation) AS relation, count(*) AS m, count(*) FILTER (WHERE named) AS k,
           CASE WHEN any_value(relation) = 'bottom'
                THEN max(v) FILTER (WHERE named) < coalesce(min(v) FILTER (WHERE NOT named), 1e9)
                ELSE min(v) FILTER (WHERE named) > coalesce(max(v) FILTER (WHERE NOT named), -1e9) END AS exact_ok,
           CASE WHEN any_value(relation) = 'bottom'
                THEN min(lo) FILTER (WHERE named) < coalesce(min(hi) FILTER (WHERE NOT named), 1e9)
                     AND max(lo) FILTER (WHERE named) < coalesce(min(hi) FILTER (WHERE NOT named), 1e9)
                ELSE min(hi) FILTER (WHERE named) > coalesce(max(lo) FILTER (WHERE NOT named), -1e9) END AS rounding_ok
    FROM q WHERE relation IN ('top', 'bottom', 'top_pooled') GROUP BY check_id, list
), ranks AS (  -- rank: each named member against every other member of its list
    SELECT a.check_id, a.list, a.label, a.claimed_rank, a.v,
           count(b.label) FILTER (WHERE b.v > a.v) AS above, count(b.label) FILTER (WHERE b.v = a.v) AS level,
           count(b.label) FILTER (WHERE b.lo >= a.hi) AS surely_above, count(b.label) FILTER (WHERE b.hi > a.lo) AS maybe_above
    FROM q a LEFT JOIN q b ON b.check_id = a.check_id AND b.list = a.list AND b.label <> a.label
    WHERE a.named AND a.relation IN ('rank', 'rank_pooled') GROUP BY ALL
), rank_lists AS (
    SELECT r.check_id, r.list, count(*) AS k, (SELECT count(*) FROM q x WHERE x.check_id = r.check_id AND x.list = r.list) AS m,
           bool_and(r.above = r.claimed_rank - 1 AND r.level = 0) AS exact_ok,
           bool_and(r.surely_above <= r.claimed_rank - 1 AND r.maybe_above >= r.claimed_rank - 1) AS rounding_ok
    FROM ranks r GROUP BY r.check_id, r.list
), lists AS (
    SELECT check_id, list, m, k, exact_ok, rounding_ok, exp(lgamma(k + 1) + lgamma(m - k + 1) - lgamma(m + 1)) AS chance
    FROM sets
    UNION ALL
    SELECT check_id, list, m, k, exact_ok, rounding_ok, exp(lgamma(m - k + 1) - lgamma(m + 1)) FROM rank_lists
), named_text AS (
    SELECT check_id, string_agg(CASE WHEN list <> '' THEN list || ': ' ELSE '' END || label || ' ' || fmt_num(round(v, 1))
                                || ' (rank ' || r || ')', '; ' ORDER BY list, r, label) AS named
    FROM (SELECT q.*, dense_rank() OVER (PARTITION BY check_id, list ORDER BY
                 CASE WHEN relation = 'bottom' THEN v ELSE -v END) AS r FROM q) WHERE named GROUP BY check_id
), top_others AS (  -- the members that stand where the claim puts the named ones
    SELECT check_id, string_agg(CASE WHEN list <> '' THEN list || ': ' ELSE '' END || label || ' ' || fmt_num(round(v, 1)),
                                '; ' ORDER BY list, r, label) AS others
    FROM (SELECT q.*, dense_rank() OVER (PARTITION BY check_id, list ORDER BY
                 CASE WHEN relation = 'bottom' THEN v ELSE -v END) AS r,
                 count(*) FILTER (WHERE named) OVER (PARTITION BY check_id, list) AS k FROM q)
    WHERE NOT named AND r <= k GROUP BY check_id
), named_values AS (
    SELECT check_id, count(*) AS k, min(lo) AS lo, max(hi) AS hi, any_value(v) AS v FROM q WHERE named GROUP BY check_id
), r AS (
    SELECT check_id, count(*) AS n_lists, bool_and(exact_ok) AS exact_ok, bool_and(rounding_ok) AS rounding_ok,
           exp(sum(ln(greatest(chance, 1e-300)))) AS chance
    FROM lists GROUP BY check_id
)
SELECT c.check_id, r.check_id IS NOT NULL AS computable,
       r.exact_ok AS holds_exact, r.rounding_ok AS holds_rounding, r.rounding_ok AS holds_assumed,
       r.chance AS pass_chance, t.named AS recomputed,
       CASE WHEN r.check_id IS NOT NULL AND nv.k = 1 THEN nv.v END AS recomputed_value,
       CASE WHEN r.check_id IS NOT NULL THEN nv.lo END AS recomputed_lo,
       CASE WHEN r.check_id IS NOT NULL THEN nv.hi END AS recomputed_hi,
       CASE WHEN r.check_id IS NULL THEN 'No ranked list.'
            WHEN r.exact_ok THEN 'Holds in ' || CASE WHEN r.n_lists > 1 THEN 'each of the ' || r.n_lists || ' lists' ELSE 'the list' END
                 || ': ' || t.named || '.'
            WHEN r.rounding_ok THEN 'Holds only if ties or values within rounding break the right way: ' || t.named
                 || coalesce('; level or close: ' || o.others, '') || '.'
            ELSE 'Does not hold: ' || t.named || coalesce('; where the claim puts them stand ' || o.others, '') || '.' END
           AS detail,
       []::VARCHAR[] AS singled_out
FROM checks c LEFT JOIN r USING (check_id) LEFT JOIN named_text t USING (check_id) LEFT JOIN top_others o USING (check_id)
     LEFT JOIN named_values nv USING (check_id)
WHERE c.kind = 'rank';
