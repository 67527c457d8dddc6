-- Intermediate steps go to schema internal; what users query stays in main.
CREATE SCHEMA IF NOT EXISTS internal;

-- check_inputs (table): every member of every check (check_members) with the value it
-- stands for: a printed figure's value, unit and qualifier from fact_figures, or the
-- number of rows a count_of reference names (resource_row_counts). Claims carry no value.
-- The check layer (files 030-100) is materialised once, in file order: each kind's
-- solver runs once, and later steps read tables, not nested views.
--   claimed_rank : the rank the check's member claims for its item (rank checks), else NULL
--   member_ref   : the member's figure_id, claim_id or count_of reference
--   member_kind  : what member_ref names: 'figure', 'claim' or 'count' (a count of rows)
--   date_from, date_to: for dates checks, the period the member stands for (date_to
--                  defaults to date_from); NULL when not given or not a calendar date
CREATE OR REPLACE TABLE internal.check_inputs AS
SELECT m.check_id, c.kind, c.relation, m.position, m.term, m.role, m.series,
       m.figure_id, m.claim_id, m.count_of, m."rank" AS claimed_rank,
       coalesce(m.figure_id, m.claim_id, m.count_of) AS member_ref,
       CASE WHEN m.figure_id IS NOT NULL THEN 'figure' WHEN m.claim_id IS NOT NULL THEN 'claim' ELSE 'count' END
           AS member_kind,
       CASE WHEN m.count_of IS NOT NULL THEN CAST(coalesce(rc.n, 0) AS DOUBLE) ELSE f.value END AS value,
       CASE WHEN m.count_of IS NOT NULL THEN 'rows' ELSE f.unit END AS unit,
       coalesce(f.qualifier, 'exact') AS qualifier,
       coalesce(f.item_id, m.series) AS item_id, f.phase, f.group_id, f.source_kind, f.printed,
       try_cast(m.date_from AS DATE) AS date_from, try_cast(coalesce(m.date_to, m.date_from) AS DATE) AS date_to
FROM check_members m
JOIN checks c USING (check_id)
LEFT JOIN fact_figures f ON f.figure_id = m.figure_id
LEFT JOIN internal.resource_row_counts rc ON rc.ref = m.count_of;

-- printable_shares (table): for each base n up to the largest any check needs, how many
-- of the 101 whole percentages 0..100 some whole count k/n prints (either rule). A
-- percentage drawn at random passes a GRIM test at base n with chance printable / 101.
--   n         : the base
--   printable : how many of the whole percentages 0..100 some k/n prints
CREATE OR REPLACE TABLE internal.printable_shares AS
WITH top AS (
    SELECT greatest(1, coalesce(max(base_max), 1),
                    coalesce((SELECT max(value) FROM internal.check_inputs WHERE term IN ('base', 'pre_base', 'post_base')), 1))
               AS n_max
    FROM checks
)
SELECT n.n, count(*) FILTER (WHERE pct_k_lo(p.p, n.n, 'either') <= pct_k_hi(p.p, n.n, 'either')) AS printable
FROM top, range(1, CAST(least(top.n_max, 5000) AS BIGINT) + 1) AS n(n), range(0, 101) AS p(p)
GROUP BY n.n;

-- diff_weights (table): for two whole percentages a, b drawn at random in 0..100, how many
-- of the 101 x 101 pairs have b - a = d (101 - |d|). Used for the pass chance of pre/post checks.
--   d     : the difference b - a, in percentage points (-100..100)
--   pairs : how many pairs (a, b) have that difference
CREATE OR REPLACE TABLE internal.diff_weights AS
SELECT d.d, 101 - abs(d.d) AS pairs FROM range(-100, 101) AS d(d);
