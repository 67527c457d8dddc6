-- fact_figures: every published figure of every fact table in one long table.
-- One row per figure_id with its provenance, the thing measured and its value;
-- the audit and the docs start from here.
CREATE OR REPLACE VIEW fact_figures AS
WITH u AS (
    SELECT figure_id, 'understanding' AS resource, document_id, section, question_id, source_kind, source_locator,
           group_id, phase, measure AS item_id, measure, value_pct AS value, 'percent' AS unit, printed, note
    FROM understanding
), i AS (
    SELECT figure_id, 'impact_ratings', document_id, section, question_id, source_kind, source_locator,
           group_id, phase, impact_id, 'rated_helpful', value_pct, 'percent', printed, note
    FROM impact_ratings
), b AS (
    SELECT figure_id, 'best_feature_shares', document_id, section, question_id, source_kind, source_locator,
           group_id, phase, theme_id, 'share_of_comments', share_pct, 'percent', printed, note
    FROM best_feature_shares
), l AS (
    SELECT figure_id, 'la_action_shares', document_id, section, question_id, source_kind, source_locator,
           group_id, NULL, action_id, 'share_of_comments', share_pct, 'percent', printed, note
    FROM la_action_shares
), p AS (
    SELECT figure_id, 'practice_rates', document_id, section, question_id, source_kind, NULL,
           'la_respondents', NULL, practice_id, frequency, value_pct, 'percent', printed, note
    FROM practice_rates
), r AS (
    SELECT figure_id, 'resource_ratings', document_id, section, question_id, source_kind, source_locator,
           'la_respondents', NULL, resource_type_id, measure, value_pct, 'percent', printed, note
    FROM resource_ratings
), rr AS (
    SELECT figure_id, 'response_rates', document_id, section, question_id, source_kind, source_locator,
           NULL, NULL, coalesce(region_id, 'england'), measure, value_pct, 'percent', printed, note
    FROM response_rates
), c AS (
    SELECT figure_id, 'counts', document_id, section, question_id, source_kind, source_locator,
           group_id, phase, subject, qualifier, value, unit, printed, note
    FROM counts
)
SELECT * FROM u
UNION ALL SELECT * FROM i
UNION ALL SELECT * FROM b
UNION ALL SELECT * FROM l
UNION ALL SELECT * FROM p
UNION ALL SELECT * FROM r
UNION ALL SELECT * FROM rr
UNION ALL SELECT * FROM c;
