-- audit_checks (table): one row per check (resource checks), with its verdict.
-- Each kind's file (030-045) leaves a table check_result_<kind> with the same columns:
--   computable      : the members needed are there
--   holds_exact     : the relation holds on the printed values as they stand
--   holds_rounding  : it holds for some exact values the printed ones round from
--   holds_assumed   : it holds under the check's relaxed reading (tolerance, overlap,
--                     another base, item non-response, a pairing), named in reading and
--                     in the check's assumption
--   published_value, recomputed_value, recomputed_lo, recomputed_hi, base_lo, base_hi,
--   statistic       : the numbers, typed (their meaning per kind is in the kind's file)
--   pass_chance     : the check's strength, as the chance that values drawn at random at
--                     the printed precision would pass (near 1: the check cannot fail, so
--                     a pass says little; near 0: a pass is strong evidence)
--   recomputed, reading, detail: the same in words; singled_out: members a failure blames
-- status: not_recomputable when not computable; reproduced when holds_exact;
-- within_rounding when holds_rounding (rounding slack alone); conditional when only
-- holds_assumed (the row names the assumption); discrepancy when it fails under every
-- reading the check allows. strength: none (pass_chance >= 0.99), weak (>= 0.5),
-- moderate (>= 0.05), strong (< 0.05); empty when no chance is defined (counts, tests).
-- A failed check singles out the members that assert what it tests (role asserts, or
-- alternative: see figure_audit for how alternative readings roll up), a
-- sole printed member, and any the kind names (a minority printing); other members are
-- only involved.
-- Columns of audit_checks:
--   check_id        : the check's id (resource checks)
--   kind            : what kind of relation it tests (same_figure, parts_sum, ...)
--   document_id     : the report whose figures it tests
--   section         : the report's section
--   statement       : what the check tests, in words
--   relation        : the relation tested, for kinds that have several (equals, up, ...)
--   status          : its verdict (see above)
--   reading         : for a conditional verdict, the reading under which it holds
--   assumption      : for a conditional verdict, the check's declared assumption
--   figure_ids      : the figures taking part, in member order (each once)
--   claim_ids       : the claims taking part, in member order (each once)
--   published_value : the printed value the check sets against its recomputation
--   recomputed_value: the recomputed value (when one number)
--   recomputed_lo   : the lowest value the printed figures allow
--   recomputed_hi   : the highest value the printed figures allow
--   base_lo         : the smallest base (count) that fits
--   base_hi         : the largest base (count) that fits
--   statistic       : a test statistic (significance checks)
--   pass_chance     : the chance that random values at the printed precision pass
--   strength        : none, weak, moderate or strong, from pass_chance
--   recomputed      : the recomputation in words
--   detail          : why, in words
--   singled_out     : for a failed check, the members it blames
--   tolerance       : the check's interpretive tolerance in points, if any
CREATE OR REPLACE TABLE audit_checks AS
WITH results AS (
    SELECT * FROM internal.check_result_same_figure
    UNION ALL BY NAME SELECT * FROM internal.check_result_parts_sum
    UNION ALL BY NAME SELECT * FROM internal.check_result_share_list
    UNION ALL BY NAME SELECT * FROM internal.check_result_percent_of_count
    UNION ALL BY NAME SELECT * FROM internal.check_result_common_base
    UNION ALL BY NAME SELECT * FROM internal.check_result_response_rates
    UNION ALL BY NAME SELECT * FROM internal.check_result_pre_post
    UNION ALL BY NAME SELECT * FROM internal.check_result_rank
    UNION ALL BY NAME SELECT * FROM internal.check_result_threshold
    UNION ALL BY NAME SELECT * FROM internal.check_result_count_listed
    UNION ALL BY NAME SELECT * FROM internal.check_result_significance
    UNION ALL BY NAME SELECT * FROM internal.check_result_near
    UNION ALL BY NAME SELECT * FROM internal.check_result_dates
), inputs AS (  -- a member listed twice in a check (two events of one claim) is named once
    SELECT *, row_number() OVER (PARTITION BY check_id, member_ref ORDER BY position) = 1 AS first_seen
    FROM internal.check_inputs
), mem AS (
    SELECT check_id,
           list(figure_id ORDER BY position) FILTER (WHERE figure_id IS NOT NULL AND first_seen) AS figure_ids,
           list(claim_id ORDER BY position) FILTER (WHERE claim_id IS NOT NULL AND first_seen) AS claim_ids,
           list_distinct(list(member_ref ORDER BY position) FILTER (WHERE role IN ('asserts', 'alternative') AND member_kind <> 'count'))
               AS asserting,
           list_distinct(list(figure_id ORDER BY position) FILTER (WHERE role = 'member' AND figure_id IS NOT NULL))
               AS member_figures
    FROM inputs GROUP BY check_id
), v AS (
    SELECT c.check_id, c.kind, c.document_id, c.section, c.statement, c.relation, c.value, c.tolerance,
           c.assumption, c.note, r.*  EXCLUDE (check_id),
           CASE WHEN NOT coalesce(r.computable, FALSE) THEN 'not_recomputable'
                WHEN r.holds_exact THEN 'reproduced'
                WHEN r.holds_rounding THEN 'within_rounding'
                WHEN r.holds_assumed THEN 'conditional'
                ELSE 'discrepancy' END AS status,
           coalesce(m.figure_ids, []) AS figure_ids, coalesce(m.claim_ids, []) AS claim_ids,
           coalesce(m.asserting, []) AS asserting, coalesce(m.member_figures, []) AS member_figures
    FROM checks c LEFT JOIN results r USING (check_id) LEFT JOIN mem m USING (check_id)
)
SELECT check_id, kind, document_id, section, statement, relation, status,
       CASE WHEN status = 'conditional' THEN coalesce(reading, assumption) END AS reading,
       CASE WHEN status = 'conditional' THEN assumption END AS assumption,
       figure_ids, claim_ids,
       CAST(published_value AS DOUBLE) AS published_value, CAST(recomputed_value AS DOUBLE) AS recomputed_value,
       CAST(recomputed_lo AS DOUBLE) AS recomputed_lo, CAST(recomputed_hi AS DOUBLE) AS recomputed_hi,
       CAST(base_lo AS BIGINT) AS base_lo, CAST(base_hi AS BIGINT) AS base_hi, CAST(statistic AS DOUBLE) AS statistic,
       CAST(pass_chance AS DOUBLE) AS pass_chance,
       CASE WHEN pass_chance IS NULL THEN NULL WHEN pass_chance >= 0.99 THEN 'none' WHEN pass_chance >= 0.5 THEN 'weak'
            WHEN pass_chance >= 0.05 THEN 'moderate' ELSE 'strong' END AS strength,
       coalesce(recomputed, '') AS recomputed,
       coalesce(detail, 'Nothing to recompute.') || coalesce(' ' || note, '') AS detail,
       CASE WHEN status = 'discrepancy' THEN list_distinct(list_concat(
                coalesce(singled_out, []), asserting,
                CASE WHEN len(asserting) = 0 AND len(member_figures) = 1 THEN member_figures ELSE [] END))
            ELSE []::VARCHAR[] END AS singled_out,
       tolerance
FROM v;

-- audit_check_summary: how many checks end in each status, per document and kind.
--   n : number of checks with that document, kind and status
CREATE OR REPLACE VIEW audit_check_summary AS
SELECT document_id, kind, status, count(*) AS n FROM audit_checks GROUP BY ALL;
