-- figure_audit: every published figure beside its recomputation, one row each.
-- Figures are the rows of the fact tables (kind 'figure'); claims are the entries of
-- the claims register (kind 'claim'). status is one of reproduced, within_rounding,
-- discrepancy, not_recomputable; detail says why in a sentence; rule names the
-- rounding rule(s) the checks assumed; precision and tolerance follow from the unit
-- (whole percentages are exact to 0.5 point either side; counts are exact; a claim's
-- tolerance follows from its phrase). issue_key groups the rows of one inconsistency.
CREATE OR REPLACE VIEW figure_audit AS
WITH labels AS (
    SELECT impact_id AS item_id, normalised_label AS label FROM impacts
    UNION ALL SELECT theme_id, normalised_label FROM best_feature_themes
    UNION ALL SELECT action_id, normalised_label FROM la_actions
    UNION ALL SELECT resource_type_id, normalised_label FROM resource_types
    UNION ALL SELECT region_id, normalised_label FROM regions
), titles AS (
    SELECT * FROM (VALUES
        ('understanding', 'Understanding of co-production (Q1)'),
        ('impact_ratings', 'Expected impact of co-production (Q3)'),
        ('best_feature_shares', 'Share of best-feature comments (Q2)'),
        ('la_action_shares', 'Share of comments on the local authority''s role (Q4)'),
        ('practice_rates', 'Authorities carrying out a practice'),
        ('resource_ratings', 'Authorities rating a resource important'),
        ('response_rates', 'Response rate of local authorities'),
        ('counts', 'Count')
    ) AS t(resource, title)
), figures AS (
    SELECT f.figure_id, 'figure' AS kind, f.document_id, f.section,
           t.title || ': '
             || concat_ws(', ',
                  g.normalised_label,
                  CASE f.phase WHEN 'pre' THEN 'before the workshops' WHEN 'post' THEN 'after the workshops' END,
                  CASE WHEN f.resource = 'resource_ratings' THEN coalesce(ch.normalised_label, 'all challenges') END,
                  coalesce(l.label, replace(f.item_id, '_', ' ')),
                  CASE WHEN f.resource IN ('practice_rates', 'resource_ratings', 'response_rates', 'understanding')
                       THEN replace(f.measure, '_', ' ') END,
                  'in ' || cn.period)
             || ' (' || f.source_kind || coalesce(': ' || f.source_locator, '') || ')' AS statement,
           CASE WHEN f.unit = 'percent' THEN f.value || '%' ELSE f.value::VARCHAR END AS published,
           f.value::DOUBLE AS published_value, f.printed,
           s.recomputed, f.unit, s.rounding AS rule, s.status, s.detail, f.figure_id AS figure_ids,
           CASE WHEN f.unit = 'percent' THEN '1 percentage point' ELSE 'whole number' END AS precision,
           CASE WHEN f.unit = 'percent' THEN '0.5 point either side of the printed value'
                ELSE 'none (exact)' END AS tolerance,
           s.issue_key
    FROM fact_figures f
    JOIN figure_status s USING (figure_id)
    JOIN titles t USING (resource)
    LEFT JOIN respondent_groups g ON g.group_id = f.group_id
    LEFT JOIN labels l ON l.item_id = f.item_id
    LEFT JOIN resource_ratings rr ON rr.figure_id = f.figure_id
    LEFT JOIN challenges ch ON ch.challenge_id = rr.challenge_id
    LEFT JOIN counts cn ON cn.figure_id = f.figure_id
), claims_rows AS (
    SELECT c.claim_id, 'claim', c.document_id, c.section, c.statement, c.published, cl.value, c.published,
           c.recomputed, c.unit, c.rounding, c.status, c.detail, c.figure_ids, c.precision, c.tolerance,
           c.issue_key
    FROM claim_checks c JOIN claims cl USING (claim_id)
)
SELECT * FROM figures
UNION ALL
SELECT * FROM claims_rows;

-- audit_summary: how many figures and claims end in each status, per document.
CREATE OR REPLACE VIEW audit_summary AS
SELECT document_id, kind, status, count(*) AS n
FROM figure_audit
GROUP BY ALL;

-- audit_issues: the distinct inconsistencies behind the discrepancy rows. One issue
-- (the sector counts against the respondents, say) touches several figures and the
-- claims that cite them; it is counted once here.
CREATE OR REPLACE VIEW audit_issues AS
SELECT issue_key, min(document_id) AS document_id, count(*) AS n_rows,
       string_agg(figure_id, ' ' ORDER BY figure_id) AS figure_ids,
       (list(detail ORDER BY kind DESC, figure_id))[1] AS detail
FROM figure_audit
WHERE status = 'discrepancy'
GROUP BY issue_key;
