-- figure_checks: every check made on a single published figure, one row per figure
-- and check. counts_toward_status is false for checks that rest on an assumed or
-- derived base: they are shown, but a figure is not called a discrepancy because an
-- assumption of ours fails. issue_key names the underlying comparison, so that one
-- inconsistency touching several figures counts once (audit_issues).
--   printed-twice : the same quantity printed again (text and chart, two charts,
--                   two documents); exact comparison
--   complement    : a 'do not value' share against the chart's share that do
--   granularity   : a whole count k with k/n rounding to the figure (GRIM), rule 'either'
--   joint-base    : the smallest base that fits every value printed with the figure
--   share-list    : the figure's list of shares sums to 100 within rounding slack
--   reconstruction: whole comment counts reproduce every share of the list (smallest total)
--   response-rate : whole returns and eligible authorities reproduce the rate
--   totals        : counts that should add up (totals_and_parts)
CREATE OR REPLACE VIEW figure_checks AS
WITH und AS (SELECT * FROM understanding),
q1_text_chart AS (  -- the text of 4.1 against the chart whose numbers it uses
    SELECT t.figure_id, 'printed-twice' AS check_name, 'exact' AS rounding, c.value_pct::VARCHAR AS recomputed,
           CASE WHEN t.value_pct = c.value_pct THEN 'reproduced' ELSE 'discrepancy' END AS status,
           'The chart ''' || c.source_locator || ''' prints ' || c.value_pct || '% for the same group and phase.'
             AS detail, TRUE AS counts_toward_status,
           'printed-twice:' || least(t.figure_id, c.figure_id) || '|' || greatest(t.figure_id, c.figure_id)
             AS issue_key
    FROM und t JOIN und c ON c.source_kind = 'chart' AND c.measure = 'understand_coproduction'
     AND t.source_kind = 'text' AND t.document_id = 'attitude_survey'
     AND c.group_id = t.group_id AND c.phase = t.phase
    UNION ALL
    SELECT c.figure_id, 'printed-twice', 'exact', t.value_pct::VARCHAR,
           CASE WHEN t.value_pct = c.value_pct THEN 'reproduced' ELSE 'discrepancy' END,
           'Section 4.1 prints ' || t.value_pct || '% for the same group and phase.', TRUE,
           'printed-twice:' || least(t.figure_id, c.figure_id) || '|' || greatest(t.figure_id, c.figure_id)
    FROM und t JOIN und c ON c.source_kind = 'chart' AND c.measure = 'understand_coproduction'
     AND t.source_kind = 'text' AND t.document_id = 'attitude_survey'
     AND c.group_id = t.group_id AND c.phase = t.phase
), q1_two_charts AS (  -- two charts printed for Q1 with different values
    SELECT b.figure_id, 'printed-twice', 'exact', a.value_pct::VARCHAR,
           CASE WHEN a.value_pct = b.value_pct THEN 'reproduced' ELSE 'discrepancy' END,
           'Section 4.1 prints two charts for Q1 (confidence in understanding co-production). '''
             || b.source_locator || ''' gives ' || b.value_pct || '% here, '''
             || a.source_locator || ''' gives ' || a.value_pct || '%'
             || coalesce('; the text speaks of confidence, like the first chart''s title, but prints '
                         || t.value_pct || '%, the second chart''s value', '') || '.', TRUE,
           'q1-two-charts'
    FROM und b
    JOIN und a ON a.source_kind = 'chart' AND a.measure = 'understand_coproduction'
     AND b.source_kind = 'chart' AND b.measure = 'confident_understanding' AND b.document_id = 'attitude_survey'
     AND a.group_id = b.group_id AND a.phase = b.phase
    LEFT JOIN und t ON t.source_kind = 'text' AND t.document_id = 'attitude_survey'
     AND t.group_id = b.group_id AND t.phase = b.phase
), res_pairs AS (
    SELECT a.figure_id, 'printed-twice', 'exact', b.value_pct::VARCHAR,
           CASE WHEN a.value_pct = b.value_pct THEN 'reproduced' ELSE 'discrepancy' END,
           CASE WHEN a.value_pct = b.value_pct
                THEN 'The ' || b.source_kind || ' prints the same ' || b.value_pct || '%.'
                ELSE 'The ' || b.source_kind || ' prints ' || b.value_pct || '% where the ' || a.source_kind
                     || ' prints ' || a.value_pct || '% (' || a.item_label || ' / ' || b.item_label || ').' END, TRUE,
           'printed-twice:' || least(a.figure_id, b.figure_id) || '|' || greatest(a.figure_id, b.figure_id)
    FROM resource_ratings a JOIN resource_ratings b
      ON a.challenge_id IS NOT DISTINCT FROM b.challenge_id AND a.resource_type_id = b.resource_type_id
     AND a.measure = 'rated_important' AND b.measure = 'rated_important' AND a.source_kind <> b.source_kind
), res_complement AS (
    SELECT x.figure_id, 'complement', 'exact', x.recomputed,
           CASE WHEN a.value_pct = 100 - b.value_pct THEN 'reproduced' ELSE 'discrepancy' END,
           'The text prints ' || a.value_pct || '% that do not value it; the chart prints ' || b.value_pct
             || '% rating it important; 100 - ' || b.value_pct || ' = ' || (100 - b.value_pct) || '%.', TRUE,
           'complement:' || a.figure_id
    FROM resource_ratings a JOIN resource_ratings b
      ON a.challenge_id = b.challenge_id AND a.resource_type_id = b.resource_type_id
     AND a.measure = 'not_valued' AND b.measure = 'rated_important' AND b.source_kind = 'chart'
    CROSS JOIN LATERAL (VALUES (a.figure_id, (100 - b.value_pct)::VARCHAR),
                               (b.figure_id, (100 - a.value_pct)::VARCHAR)) AS x(figure_id, recomputed)
), rr_pairs AS (
    SELECT a.figure_id, 'printed-twice', 'exact', b.value_pct::VARCHAR,
           CASE WHEN a.value_pct = b.value_pct THEN 'reproduced' ELSE 'discrepancy' END,
           'The ' || b.source_kind || ' prints ' || b.value_pct || '% for the national adjusted rate.', TRUE,
           'printed-twice:' || least(a.figure_id, b.figure_id) || '|' || greatest(a.figure_id, b.figure_id)
    FROM response_rates a JOIN response_rates b
      ON a.scope = 'national' AND b.scope = 'national' AND a.measure = 'adjusted' AND b.measure = 'adjusted'
     AND a.figure_id <> b.figure_id
), count_pairs AS (  -- counts printed more than once, in one document or across documents
    SELECT a.figure_id, 'printed-twice', 'exact', b.value::VARCHAR,
           CASE WHEN a.value = b.value THEN 'reproduced' ELSE 'discrepancy' END,
           'Also printed as ' || b.printed || ' in ' || b.document_id || ' (' || b.section || ').', TRUE,
           'printed-twice:' || least(a.figure_id, b.figure_id) || '|' || greatest(a.figure_id, b.figure_id)
    FROM counts a JOIN counts b
      ON a.subject = b.subject AND a.figure_id <> b.figure_id
     AND a.subject IN ('programme_local_authorities', 'programme_duration_years', 'age_range_upper')
), grim AS (
    SELECT g.figure_id, 'granularity', 'either',
           coalesce(g.implied_counts, 'none'),
           CASE WHEN g.is_feasible THEN 'within_rounding' ELSE 'discrepancy' END,
           CASE WHEN g.is_feasible
                THEN 'Whole counts ' || g.implied_counts || ' give this percentage after rounding (' || g.basis
                     || ' base: ' || g.base_description || ').'
                ELSE 'No whole count gives this percentage after rounding with the ' || g.basis || ' base ('
                     || g.base_description || '); nearest: ' || g.nearest || '.' END,
           g.basis = 'stated',
           'granularity:' || g.figure_id || ':' || g.base_description
    FROM granularity_summary g
), joint AS (
    SELECT g.figure_id, 'joint-base', 'either', 'smallest base ' || coalesce(j.smallest_base::VARCHAR, 'none'),
           CASE WHEN j.bases_that_fit IS NOT NULL THEN 'within_rounding' ELSE 'discrepancy' END,
           'The ' || j.n_values || ' values printed with this one fit a common base of '
             || coalesce(j.smallest_base::VARCHAR, 'none up to 1000') || ' at the smallest'
             || CASE WHEN j.bases_that_fit IS NOT NULL AND j.bases_that_do_not_fit IS NULL
                     THEN '; the ' || j.bases_tried || ' base ' || j.bases_that_fit || ' fits them all.'
                     WHEN j.bases_that_fit IS NOT NULL
                     THEN '; of the ' || j.bases_tried || ' bases tried, ' || j.bases_that_fit || ' fit them all.'
                     ELSE '; none of the ' || j.bases_tried || ' bases tried (' || j.bases_that_do_not_fit
                          || ') fits them all.' END,
           FALSE, 'joint-base:' || j.base_group
    FROM joint_base_groups g JOIN joint_bases j USING (base_group)
    WHERE j.n_values > 1
), shares AS (
    SELECT unnest(l.figure_ids) AS figure_id, 'share-list', 'either', l.sum_pct::VARCHAR || '% in all',
           l.status, l.detail, TRUE, 'share-list:' || l.list_id
    FROM share_lists l
), reconstruction AS (
    SELECT c.figure_id, 'reconstruction', c.rounding, c.comments || '/' || c.total_comments || ' comments',
           'within_rounding',
           'The smallest number of comments that reproduces every share of this list is ' || c.total_comments
             || '; this item then has ' || c.comments || ' (' || c.exact_share_pct || '%).', TRUE,
           'reconstruction:' || c.list_id
    FROM share_reconstruction_counts c WHERE c.rounding = 'either'
    UNION ALL
    SELECT unnest(l.figure_ids), 'reconstruction', r.rounding, 'none up to ' || r.search_bound,
           'discrepancy',
           'No whole numbers of comments up to ' || r.search_bound || ' reproduce every share of this list.', TRUE,
           'reconstruction:' || r.list_id
    FROM share_reconstruction r JOIN share_lists l USING (list_id)
    WHERE r.rounding = 'either' AND NOT r.is_feasible
), rr_region AS (
    SELECT r.figure_id, 'response-rate', 'either', coalesce(r.solutions, 'none'),
           CASE WHEN r.n_solutions > 0 THEN 'within_rounding' ELSE 'discrepancy' END,
           CASE WHEN r.n_solutions > 0
                THEN 'Returns/eligible ' || r.solutions || ' reproduce ' || r.published_pct || '% with '
                     || r.n_authorities || ' authorities in the region (' || r.min_excluded || ' to ' || r.max_excluded
                     || ' excluded).'
                ELSE 'No returns/eligible with at most ' || r.n_authorities || ' authorities give ' || r.published_pct
                     || '%; nearest with all eligible ' || r.nearest_with_all_eligible || '.' END, TRUE,
           'response-rate:' || r.figure_id
    FROM response_rate_regions r WHERE r.rounding = 'either'
), joint_rr AS (
    SELECT min(total_returns) FILTER (WHERE matches_adjusted) AS r_lo,
           max(total_returns) FILTER (WHERE matches_adjusted) AS r_hi,
           min(total_excluded) FILTER (WHERE matches_adjusted) AS x_lo,
           max(total_excluded) FILTER (WHERE matches_adjusted) AS x_hi,
           bool_or(matches_adjusted) AS any_adjusted,
           bool_or(matches_adjusted AND matches_raw) AS any_both,
           min(total_returns) AS all_lo, max(total_returns) AS all_hi
    FROM response_rate_joint WHERE rounding = 'either'
), nat AS (
    SELECT min(returns) AS r_lo, max(returns) AS r_hi, min(excluded) AS x_lo, max(excluded) AS x_hi
    FROM response_rate_national WHERE rounding = 'either'
), raw_returns AS (
    SELECT DISTINCT returns AS r_raw FROM response_rate_national WHERE rounding = 'either'
), split_reading AS (  -- returns from excluded authorities counted in the raw rate only
    SELECT bool_or(rr.r_raw >= j.total_returns AND rr.r_raw - j.total_returns <= j.total_excluded) AS fits
    FROM raw_returns rr, response_rate_joint j WHERE j.rounding = 'either' AND j.matches_adjusted
), rr_national AS (
    SELECT rr.figure_id, 'response-rate', 'either', nat.r_lo || '-' || nat.r_hi || ' returns',
           CASE WHEN j.any_both THEN 'within_rounding' WHEN sr.fits THEN 'within_rounding' ELSE 'discrepancy' END,
           rr.value_pct || '% of 152 authorities means ' || nat.r_lo || ' or ' || nat.r_hi || ' returns. '
             || 'If the adjusted rates count the same returns, the regional table allows only ' || j.all_lo || ' to '
             || j.all_hi || ' returns in all, and the raw rate cannot hold. It holds if returns from excluded '
             || 'authorities count in the raw rate only: then ' || j.r_lo || '-' || j.r_hi || ' returns from '
             || j.x_lo || '-' || j.x_hi || ' fewer authorities'
             || CASE WHEN sr.fits THEN ' fit both.' ELSE ' still do not fit.' END
             || ' The report does not say which it did.', TRUE,
           'response-rate:' || rr.figure_id
    FROM response_rates rr, joint_rr j, nat, split_reading sr WHERE rr.scope = 'national' AND rr.measure = 'raw'
    UNION ALL
    SELECT rr.figure_id, 'response-rate', 'either',
           j.r_lo || '-' || j.r_hi || ' returns, ' || j.x_lo || '-' || j.x_hi || ' excluded',
           CASE WHEN j.any_adjusted THEN 'within_rounding' ELSE 'discrepancy' END,
           'The regional solutions combine to ' || j.r_lo || '-' || j.r_hi || ' returns with '
             || j.x_lo || '-' || j.x_hi || ' authorities excluded, giving ' || rr.value_pct
             || '% overall; from the raw rate alone, ' || nat.r_lo || '-' || nat.r_hi || ' returns and '
             || nat.x_lo || '-' || nat.x_hi || ' excluded would give it.', TRUE,
           'response-rate:national-adjusted'
    FROM response_rates rr, joint_rr j, nat WHERE rr.scope = 'national' AND rr.measure = 'adjusted'
), totals AS (
    SELECT unnest(t.figure_ids) AS figure_id, 'totals', t.rounding, t.recomputed, t.status, t.detail, TRUE,
           'totals:' || t.check_id
    FROM totals_and_parts t
)
SELECT * FROM q1_text_chart
UNION ALL SELECT * FROM q1_two_charts
UNION ALL SELECT * FROM res_pairs
UNION ALL SELECT * FROM res_complement
UNION ALL SELECT * FROM rr_pairs
UNION ALL SELECT * FROM count_pairs
UNION ALL SELECT * FROM grim
UNION ALL SELECT * FROM joint
UNION ALL SELECT * FROM shares
UNION ALL SELECT * FROM reconstruction
UNION ALL SELECT * FROM rr_region
UNION ALL SELECT * FROM rr_national
UNION ALL SELECT * FROM totals;
