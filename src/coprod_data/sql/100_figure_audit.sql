-- Intermediate steps go to schema internal; what users query stays in main.
CREATE SCHEMA IF NOT EXISTS internal;

-- check_links (table): one row per figure or claim and check touching it (ref, check_id,
-- role, the check's verdict, whether the check judges it or only reads it, whether a failed
-- check singles it out); the step between audit_checks and figure_audit. A member that
-- appears more than once in a check (a claim naming two events) gives one row, with its
-- strongest role (asserts, alternative, member, then input): the check is counted once.
-- A part a parts_sum check counts in its total only under the check's assumption (term
-- assumed_part) is judged only under that assumption: where the check holds without it
-- (reproduced or within rounding), that member's link is conditional, naming it.
-- Role alternative: a statement tested under alternative readings of the printed figures
-- (one check on the text's values, one on the chart's). When some of its alternative
-- checks hold and others fail, it is not wrong under every reading: a failed alternative
-- no longer judges it (shown as 'alternative'), and a holding one becomes conditional on
-- its reading. When every alternative fails, each singles it out as asserts would.
--   ref          : the figure_id or claim_id the check touches
--   member_kind  : 'figure' or 'claim'
--   status       : the check's verdict as it bears on this member (a holding alternative
--                  beside a failed one: conditional)
--   check_status : the check's own verdict (audit_checks.status)
--   judged       : the check judges it (role asserts, alternative or member), rather than
--                  only reading it (or being a failed alternative of one that holds)
CREATE OR REPLACE TABLE internal.check_links AS
WITH l AS (
    SELECT i.member_ref AS ref, i.member_kind, a.check_id, i.role, i.term, a.status, a.kind, c.assumption,
           list_contains(a.singled_out, i.member_ref) AS singled_out,
           i.role IN ('asserts', 'alternative', 'member') AS judged,
           a.detail, a.recomputed, a.reading, a.pass_chance, a.strength, a.tolerance
    FROM internal.check_inputs i JOIN audit_checks a USING (check_id) JOIN checks c USING (check_id)
    WHERE i.member_kind IN ('figure', 'claim')
    QUALIFY row_number() OVER (PARTITION BY i.member_ref, a.check_id
                               ORDER BY list_position(['asserts', 'alternative', 'member', 'input'], i.role),
                                        i.position) = 1
), alt AS (  -- per member, its alternative readings: does one hold, does one fail
    SELECT ref, bool_or(status IN ('reproduced', 'within_rounding', 'conditional')) AS some_holds,
           bool_or(status = 'discrepancy') AS some_fails,
           string_agg(check_id, ', ' ORDER BY check_id) FILTER (WHERE status = 'discrepancy') AS failed_ids
    FROM l WHERE role = 'alternative' GROUP BY ref
), m AS (
    SELECT l.*, l.role = 'alternative' AND coalesce(a.some_holds AND a.some_fails, false) AS split, a.failed_ids,
           l.term = 'assumed_part' AND l.role <> 'input' AND l.status IN ('reproduced', 'within_rounding') AS assumed_in
    FROM l LEFT JOIN alt a USING (ref)
)
SELECT ref, member_kind, check_id, role,
       CASE WHEN (split OR assumed_in) AND status IN ('reproduced', 'within_rounding') THEN 'conditional'
            ELSE status END AS status,
       status AS check_status, kind,
       singled_out AND NOT (split AND status = 'discrepancy') AS singled_out,
       judged AND NOT (split AND status = 'discrepancy') AS judged,
       detail, recomputed,
       CASE WHEN split AND status IN ('reproduced', 'within_rounding', 'conditional')
            THEN concat_ws('; ', reading, 'holds on the figures this check reads (' || check_id
                           || '); on those of the other reading it fails (' || failed_ids || ')')
            WHEN assumed_in
            THEN 'bears on it only if it is counted in the total (' || check_id || '): '
                 || coalesce(assumption, 'the check''s assumption')
            ELSE reading END AS reading,
       pass_chance, strength, tolerance
FROM m;

-- figure_audit (table): every printed figure (kind 'figure', a row of a fact resource) and
-- every claim (kind 'claim') with exactly one status, rolled up from the checks that
-- judge it (audit_checks; members with role 'input' are read, not judged):
--   discrepancy     : a failed check singles it out (it asserts what failed, it is the
--                     failed check's only printed member, or a minority printing)
--   involved        : it takes part in a failed check that does not single it out; the
--                     detail lists the checks that support it
--   reproduced      : a check reproduces it exactly (another printing, a count), whatever
--                     assumption a check of a set it belongs to needs (but a claim that
--                     asserts what a conditional check tests is conditional)
--   conditional     : a check it takes part in holds only under an assumption (named)
--   within_rounding : its checks hold within rounding
--   not_recomputable: no check judges it. A claim that restates printed figures (kinds
--                     percentage, count, total) and is in no check takes the status of
--                     the figures it cites.
-- checks lists every check touching the row (judging it or reading it), with verdicts.
-- precision and tolerance follow from the unit: whole percentages are exact to 0.5 point
-- either side, counts are exact; a check's interpretive tolerance is shown as such.
-- Columns of figure_audit:
--   figure_id      : the figure's id (a row of a fact resource) or the claim's id
--   kind           : 'figure' or 'claim'
--   document_id    : the report it is printed in
--   section        : the report's section
--   statement      : what it says, in words (a figure: resource, group, phase, item, source)
--   published      : the value as the audit states it ('57%', 'more than 40')
--   published_value: the value as a number (empty for a claim without one)
--   printed        : the token as the report prints it ('57%', '0.56999999999999995', 'two')
--   unit           : percent, count, years, rank, ...
--   status         : its verdict, one of the statuses above
--   checks         : every check touching it, with each check's verdict ('input' when only read)
--   failed_checks  : the failed checks that judge it, space-separated
--   assumption     : what a conditional verdict rests on
--   detail         : why, in words, check by check
--   recomputed     : the recomputed values of the checks that judge it
--   precision      : the precision the printed value carries
--   tolerance      : how far the exact value may lie from the printed one
--   figure_ids     : the figure itself, or the figures a claim cites
--   n_checks       : how many checks judge it (its status rolls up from these; 0: none; a
--                    claim that restates figures takes its status from theirs: see detail)
--   n_failed_checks: how many of them failed (the ids are in failed_checks)
--   deciding_check : the check whose verdict sets its status: the first judging check in the
--                    order of the roll-up above (a failed check singling it out, a failed
--                    check, a conditional one it asserts, reproduced, conditional, within
--                    rounding), ties by check_id; empty when no check judges it
--   check_published_value: the deciding check's printed value set against its recomputation
--                    (the check's, such as a list's total of 100 or a threshold, not
--                    necessarily this figure's)
--   check_recomputed_value: the deciding check's recomputed value, when one number
--   check_recomputed_lo: the lowest value the deciding check's printed figures allow
--   check_recomputed_hi: the highest value the deciding check's printed figures allow
--   check_base_lo  : the smallest base (count) that fits the deciding check
--   check_base_hi  : the largest base (count) that fits the deciding check
--   check_pass_chance: the deciding check's chance that random values at the printed
--                    precision pass (see audit_checks.strength)
CREATE OR REPLACE TABLE figure_audit AS
WITH per_ref AS (
    SELECT ref,
           bool_or(status = 'discrepancy' AND singled_out) AS is_singled,
           bool_or(status = 'discrepancy' AND judged) AS is_involved,
           bool_or(status = 'conditional' AND judged) AS is_conditional,
           bool_or(status = 'conditional' AND role IN ('asserts', 'alternative')) AS asserts_conditional,
           bool_or(status = 'reproduced' AND judged) AS is_reproduced,
           bool_or(status = 'within_rounding' AND judged) AS is_within,
           string_agg(check_id || ' (' || replace(check_status, '_', ' ')
                      || CASE WHEN role = 'alternative' AND NOT judged THEN ', alternative' WHEN NOT judged THEN ', input'
                              ELSE '' END || ')',
                      '; ' ORDER BY list_position(['discrepancy', 'conditional', 'within_rounding', 'reproduced',
                                                   'not_recomputable'], check_status), check_id) AS checks,
           string_agg(check_id, ' ' ORDER BY check_id) FILTER (WHERE status = 'discrepancy' AND judged) AS failed_checks,
           array_to_string(list_sort(list(DISTINCT reading) FILTER (WHERE status = 'conditional' AND judged)), '; ') AS assumption,
           string_agg('[' || check_id || ', ' || replace(check_status, '_', ' ') || coalesce(', strength ' || strength, '')
                      || CASE WHEN role = 'alternative' AND NOT judged THEN ', an alternative reading' ELSE '' END || '] '
                      || detail, ' ' ORDER BY NOT judged, list_position(['discrepancy', 'conditional', 'within_rounding',
                      'reproduced', 'not_recomputable'], check_status), check_id) AS detail,
           string_agg(recomputed, '; ' ORDER BY check_id) FILTER (WHERE judged AND recomputed <> '') AS recomputed,
           max(tolerance) FILTER (WHERE judged) AS tolerance,
           count(*) FILTER (WHERE judged) AS n_checks,
           count(*) FILTER (WHERE judged AND status = 'discrepancy') AS n_failed_checks
    FROM internal.check_links GROUP BY ref
), deciding AS (  -- the judging check that sets the status (same order as the roll-up below)
    SELECT l.ref, l.check_id AS deciding_check, a.published_value AS check_published_value,
           a.recomputed_value AS check_recomputed_value, a.recomputed_lo AS check_recomputed_lo,
           a.recomputed_hi AS check_recomputed_hi, a.base_lo AS check_base_lo, a.base_hi AS check_base_hi,
           a.pass_chance AS check_pass_chance
    FROM internal.check_links l JOIN audit_checks a USING (check_id)
    WHERE l.judged
    QUALIFY row_number() OVER (PARTITION BY l.ref ORDER BY
        CASE WHEN l.status = 'discrepancy' AND l.singled_out THEN 0 WHEN l.status = 'discrepancy' THEN 1
             WHEN l.status = 'conditional' AND l.role IN ('asserts', 'alternative') THEN 2 WHEN l.status = 'reproduced' THEN 3
             WHEN l.status = 'conditional' THEN 4 WHEN l.status = 'within_rounding' THEN 5 ELSE 6 END,
        l.check_id) = 1
), rolled AS (
    SELECT *, CASE WHEN is_singled THEN 'discrepancy' WHEN is_involved THEN 'involved'
                   WHEN asserts_conditional THEN 'conditional'
                   WHEN is_reproduced THEN 'reproduced' WHEN is_conditional THEN 'conditional'
                   WHEN is_within THEN 'within_rounding' ELSE 'not_recomputable' END AS status
    FROM per_ref LEFT JOIN deciding USING (ref)
), figures AS (
    SELECT f.figure_id, 'figure' AS kind, f.document_id, f.section,
           coalesce(ri.title, f.resource) || ': '
             || concat_ws(', ', replace(f.group_id, '_', ' '),
                          CASE f.phase WHEN 'pre' THEN 'before' WHEN 'post' THEN 'after' ELSE f.phase END,
                          replace(f.item_id, '_', ' '), replace(f.measure, '_', ' '), replace(f.context, '_', ' '))
             || ' (' || f.source_kind || coalesce(': ' || f.source_locator, '') || ')' AS statement,
           CASE WHEN f.qualifier = 'more_than' THEN 'more than ' ELSE '' END
             || fmt_num(f.value) || CASE WHEN f.unit = 'percent' THEN '%' ELSE '' END AS published,
           f.value AS published_value, f.printed, f.unit,
           coalesce(r.status, 'not_recomputable') AS status, r.checks, r.failed_checks, r.assumption,
           coalesce(r.detail, 'No check bears on it: printed once, with nothing in the reports to recompute it from.')
               AS detail,
           r.recomputed,
           CASE WHEN f.unit = 'percent' THEN '1 percentage point' ELSE 'whole number' END AS precision,
           CASE WHEN f.unit = 'percent' THEN '0.5 point either side of the printed value' ELSE 'none (exact)' END AS tolerance,
           f.figure_id AS figure_ids,
           coalesce(r.n_checks, 0) AS n_checks, coalesce(r.n_failed_checks, 0) AS n_failed_checks,
           r.deciding_check, r.check_published_value, r.check_recomputed_value, r.check_recomputed_lo,
           r.check_recomputed_hi, r.check_base_lo, r.check_base_hi, r.check_pass_chance
    FROM fact_figures f LEFT JOIN rolled r ON r.ref = f.figure_id LEFT JOIN internal.resource_info ri ON ri.resource = f.resource
), cited AS (  -- restating claims in no check: the statuses of the figures they cite
    SELECT c.claim_id, x.figure_id, f.status, f.assumption, f.failed_checks
    FROM claims c, LATERAL unnest(string_split(coalesce(c.figure_ids, ''), ' ')) AS x(figure_id)
    JOIN figures f ON f.figure_id = x.figure_id
    WHERE c.claim_kind IN ('percentage', 'count', 'total') AND c.claim_id NOT IN (SELECT ref FROM rolled)
), restated AS (
    SELECT claim_id,
           CASE WHEN bool_or(status = 'discrepancy') THEN 'discrepancy' WHEN bool_or(status = 'involved') THEN 'involved'
                WHEN bool_and(status = 'not_recomputable') THEN 'not_recomputable'
                WHEN bool_or(status = 'conditional') THEN 'conditional'
                WHEN bool_and(status IN ('reproduced', 'not_recomputable')) THEN 'reproduced'
                ELSE 'within_rounding' END AS status,
           'Restates printed figures: ' || string_agg(figure_id || ' (' || replace(status, '_', ' ')
                                                     || coalesce(', in failed ' || failed_checks, '') || ')', ', '
                                                     ORDER BY figure_id) || '; see their rows.' AS detail,
           array_to_string(list_sort(list(DISTINCT assumption)), '; ') AS assumption
    FROM cited GROUP BY claim_id
), claim_rows AS (
    SELECT c.claim_id, 'claim', c.document_id, c.section, c.statement, c.published, c.value, c.published, c.unit,
           coalesce(r.status, s.status, 'not_recomputable'), r.checks,
           r.failed_checks,
           coalesce(r.assumption, CASE WHEN s.status = 'conditional' THEN s.assumption END),
           coalesce(r.detail, s.detail, 'No check bears on it: nothing in the reports recomputes it.')
             || coalesce(' Note: ' || c.note, ''),
           r.recomputed,
           CASE WHEN c.unit = 'percent' THEN '1 percentage point' WHEN c.unit IN ('count', 'years') THEN 'whole number'
                WHEN c.unit = 'rank' THEN 'rank order' ELSE 'as printed' END,
           CASE WHEN r.tolerance IS NOT NULL THEN 'interpretive: within ' || fmt_num(r.tolerance) || ' points (an assumption)'
                WHEN c.unit = 'percent' THEN '0.5 point either side of each printed figure'
                WHEN c.unit IN ('count', 'years') THEN 'none (exact)' ELSE 'none' END,
           coalesce(c.figure_ids, ''),
           coalesce(r.n_checks, 0), coalesce(r.n_failed_checks, 0),
           r.deciding_check, r.check_published_value, r.check_recomputed_value, r.check_recomputed_lo,
           r.check_recomputed_hi, r.check_base_lo, r.check_base_hi, r.check_pass_chance
    FROM claims c LEFT JOIN rolled r ON r.ref = c.claim_id LEFT JOIN restated s USING (claim_id)
)
SELECT * FROM figures
UNION ALL
SELECT * FROM claim_rows;

-- audit_summary: how many figures and claims end in each status, per document.
--   n : number of figures or claims with that document, kind and status
CREATE OR REPLACE VIEW audit_summary AS
SELECT document_id, kind, status, count(*) AS n FROM figure_audit GROUP BY ALL;
