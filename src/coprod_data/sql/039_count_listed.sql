-- Intermediate steps go to schema internal; what users query stays in main.
CREATE SCHEMA IF NOT EXISTS internal;

-- check_result_count_listed (table), kind count_listed: a number of items ('count': a
-- printed count, or a count of rows) against the items listed ('listed': a count of rows
-- of a resource, or printed figures, one item each). Every count must equal the number
-- listed. With nothing listed the check cannot be recomputed. pass_chance: none.
CREATE OR REPLACE TABLE internal.check_result_count_listed AS
WITH cl AS (SELECT * FROM checks WHERE kind = 'count_listed'),
listed AS (
    SELECT check_id, sum(CASE WHEN member_kind = 'count' THEN value ELSE 1 END) AS n_listed
    FROM internal.check_inputs WHERE kind = 'count_listed' AND term = 'listed' GROUP BY check_id
), counts AS (
    SELECT check_id, min(value) AS lo, max(value) AS hi, count(*) AS k
    FROM internal.check_inputs WHERE kind = 'count_listed' AND term = 'count' AND value IS NOT NULL GROUP BY check_id
)
SELECT c.check_id, l.check_id IS NOT NULL AND n.check_id IS NOT NULL AS computable,
       n.lo = l.n_listed AND n.hi = l.n_listed AS holds_exact, n.lo = l.n_listed AND n.hi = l.n_listed AS holds_rounding,
       n.lo = l.n_listed AND n.hi = l.n_listed AS holds_assumed,
       n.lo AS published_value, l.n_listed AS recomputed_value, CAST(NULL AS DOUBLE) AS pass_chance,
       fmt_num(l.n_listed) || ' listed' AS recomputed,
       CASE WHEN l.check_id IS NULL THEN 'Nothing is listed to count.'
            WHEN n.lo = l.n_listed AND n.hi = l.n_listed THEN 'The count ' || fmt_num(n.lo) || ' matches the ' || fmt_num(l.n_listed) || ' listed.'
            ELSE 'The count ' || CASE WHEN n.lo = n.hi THEN fmt_num(n.lo) ELSE fmt_num(n.lo) || ' to ' || fmt_num(n.hi) END
                 || ' against ' || fmt_num(l.n_listed) || ' listed.' END AS detail,
       []::VARCHAR[] AS singled_out
FROM cl c LEFT JOIN listed l USING (check_id) LEFT JOIN counts n USING (check_id);
