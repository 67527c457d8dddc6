-- Intermediate steps go to schema internal; what users query stays in main.
CREATE SCHEMA IF NOT EXISTS internal;

-- check_result_count_listed (table), kind count_listed: a number of items ('count': a
-- printed count, or a count of rows) against the items listed ('listed': a count of rows
-- of a resource, or printed figures, one item each). Every count must allow the number
-- listed: a count printed exactly must equal it, one printed as 'more than N' must be
-- below it. With nothing listed the check cannot be recomputed. pass_chance: none.
CREATE OR REPLACE TABLE internal.check_result_count_listed AS
WITH cl AS (SELECT * FROM checks WHERE kind = 'count_listed'),
listed AS (
    SELECT check_id, sum(CASE WHEN member_kind = 'count' THEN value ELSE 1 END) AS n_listed
    FROM internal.check_inputs WHERE kind = 'count_listed' AND term = 'listed' GROUP BY check_id
), printed AS (  -- each distinct printed count once, in order
    SELECT DISTINCT check_id, value, qualifier FROM internal.check_inputs
    WHERE kind = 'count_listed' AND term = 'count' AND value IS NOT NULL
), counts AS (
    SELECT p.check_id, min(p.value) AS lo, max(p.value) AS hi,
           bool_and(CASE WHEN p.qualifier = 'more_than' THEN l.n_listed > p.value ELSE l.n_listed = p.value END) AS ok,
           string_agg(CASE WHEN p.qualifier = 'more_than' THEN 'more than ' ELSE '' END || fmt_num(p.value), ' and '
                      ORDER BY p.value, p.qualifier) AS printed_counts
    FROM printed p LEFT JOIN listed l USING (check_id) GROUP BY p.check_id
)
SELECT c.check_id, l.check_id IS NOT NULL AND n.check_id IS NOT NULL AS computable,
       n.ok AS holds_exact, n.ok AS holds_rounding, n.ok AS holds_assumed,
       n.lo AS published_value, l.n_listed AS recomputed_value, CAST(NULL AS DOUBLE) AS pass_chance,
       fmt_num(l.n_listed) || ' listed' AS recomputed,
       CASE WHEN l.check_id IS NULL THEN 'Nothing is listed to count.'
            WHEN n.ok THEN 'The count ' || n.printed_counts || ' matches the ' || fmt_num(l.n_listed) || ' listed.'
            ELSE 'The count ' || n.printed_counts || ' against ' || fmt_num(l.n_listed) || ' listed.' END AS detail,
       []::VARCHAR[] AS singled_out
FROM cl c LEFT JOIN listed l USING (check_id) LEFT JOIN counts n USING (check_id);
