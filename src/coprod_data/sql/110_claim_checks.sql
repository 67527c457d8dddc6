-- claim_checks: each entry of the claims register recomputed, one row per claim.
--
-- Generic rules, by claim kind:
--   date                       : not recomputable (nothing to recompute a date from)
--   percentage, count, total   : the status of the figures the claim cites (figure_status)
--   ratio_phrase, threshold    : every cited figure against the claim's relation and value.
--        about    'nine out of ten' (value 90): |figure - value| < 5 (the phrase's
--                 precision is one tenth, so it rounds to the figure's nearest tenth)
--        nearly   value - 5 <= figure <= value
--        more_than / less_than: judged on the figure's rounding interval
--                 [figure - 0.5, figure + 0.5]: reproduced when the whole interval is
--                 on the right side, within_rounding when only part of it is
-- Ordinal and comparison claims each get a recomputation of their own below, from
-- pre_post_changes and ranked_figures.
CREATE OR REPLACE VIEW claim_checks AS
WITH cl AS (
    SELECT *, CASE WHEN figure_ids IS NULL OR figure_ids = '' THEN []::VARCHAR[]
                   ELSE string_split(figure_ids, ' ') END AS cited
    FROM claims
), cited AS (
    SELECT cl.claim_id, unnest(cl.cited) AS figure_id FROM cl
), cited_values AS MATERIALIZED (
    SELECT c.claim_id, f.figure_id, f.value, s.status, s.detail, s.issue_key
    FROM cited c JOIN fact_figures f USING (figure_id) JOIN figure_status s USING (figure_id)
), claim_issue AS (
    SELECT claim_id, min(issue_key) AS issue_key FROM cited_values GROUP BY claim_id
), dates AS (
    SELECT claim_id, NULL AS recomputed, 'none' AS rounding, 'not_recomputable' AS status,
           'A date: nothing in the reports recomputes it.' AS detail
    FROM cl WHERE claim_kind = 'date'
), restated AS (
    SELECT cl.claim_id,
           string_agg(v.figure_id || ' = ' || v.value, '; ' ORDER BY v.figure_id) AS recomputed,
           'from cited figures' AS rounding,
           CASE WHEN bool_or(v.status = 'discrepancy') THEN 'discrepancy'
                WHEN bool_and(v.status = 'not_recomputable') THEN 'not_recomputable'
                WHEN bool_and(v.status IN ('reproduced', 'not_recomputable')) THEN 'reproduced'
                ELSE 'within_rounding' END AS status,
           CASE WHEN bool_or(v.status = 'discrepancy') THEN 'A cited figure has a discrepancy ('
                     || string_agg(v.figure_id, ', ' ORDER BY v.figure_id) FILTER (WHERE v.status = 'discrepancy') || '): '
                     || (list(v.detail ORDER BY v.figure_id) FILTER (WHERE v.status = 'discrepancy'))[1]
                WHEN bool_and(v.status = 'not_recomputable')
                THEN 'Stated once; the cited figures have nothing to recompute them from.'
                ELSE 'Cited figures: ' || string_agg(v.figure_id || ' ' || replace(v.status, '_', ' '), ', '
                     ORDER BY v.figure_id) || ' (see their rows).' END AS detail
    FROM cl JOIN cited_values v USING (claim_id)
    WHERE cl.claim_kind IN ('percentage', 'count', 'total')
    GROUP BY cl.claim_id
), unsupported AS (  -- count claims with no figure behind them
    SELECT claim_id, NULL, 'none', 'not_recomputable',
           CASE claim_id WHEN 'att-07' THEN 'Implied by the list of names itself; nothing else to recompute it from.'
                         WHEN 'tel-02' THEN 'Implied by the two dates; nothing else to recompute it from.'
                         ELSE 'No figure in the reports bears on it.' END
    FROM cl WHERE claim_kind IN ('percentage', 'count', 'total') AND len(cited) = 0
      AND claim_id NOT IN ('att-24')
), relations AS (
    SELECT cl.claim_id,
           string_agg(v.value::VARCHAR || '%', ', ' ORDER BY v.figure_id) || ' against ' || cl.relation || ' '
               || fmt_num(cl.value) AS recomputed,
           'interval [p - 0.5, p + 0.5]; ratio phrases to the nearest tenth' AS rounding,
           CASE cl.relation
             WHEN 'about' THEN CASE WHEN bool_and(v.value = cl.value) THEN 'reproduced'
                                    WHEN bool_and(abs(v.value - cl.value) < 5) THEN 'within_rounding'
                                    ELSE 'discrepancy' END
             WHEN 'nearly' THEN CASE WHEN bool_and(v.value BETWEEN cl.value - 5 AND cl.value) THEN 'within_rounding'
                                     ELSE 'discrepancy' END
             WHEN 'more_than' THEN CASE WHEN bool_and(v.value - 0.5 >= cl.value) THEN 'reproduced'
                                        WHEN bool_and(v.value + 0.5 > cl.value) THEN 'within_rounding'
                                        ELSE 'discrepancy' END
             WHEN 'less_than' THEN CASE WHEN bool_and(v.value + 0.5 <= cl.value) THEN 'reproduced'
                                        WHEN bool_and(v.value - 0.5 < cl.value) THEN 'within_rounding'
                                        ELSE 'discrepancy' END
           END AS status,
           CASE cl.relation
             WHEN 'about' THEN 'The phrase stands for ' || fmt_num(cl.value) || '%; '
                  || CASE WHEN bool_and(abs(v.value - cl.value) < 5) THEN 'each cited figure rounds to it at one tenth.'
                          ELSE 'not every cited figure rounds to it at one tenth: '
                               || string_agg(v.value || '%', ', ' ORDER BY v.figure_id) FILTER (WHERE abs(v.value - cl.value) >= 5) || '.' END
             WHEN 'nearly' THEN 'The phrase means just under ' || fmt_num(cl.value) || '%; '
                  || CASE WHEN bool_and(v.value BETWEEN cl.value - 5 AND cl.value) THEN 'each cited figure is.'
                          ELSE string_agg(v.value || '%', ', ' ORDER BY v.figure_id) FILTER (WHERE NOT v.value BETWEEN cl.value - 5 AND cl.value)
                               || ' is not within five points below it.' END
             WHEN 'more_than' THEN 'Each cited figure must exceed ' || fmt_num(cl.value) || '%'
                  || CASE WHEN bool_and(v.value - 0.5 >= cl.value) THEN '; all do, whatever the rounding.'
                          WHEN bool_and(v.value + 0.5 > cl.value) THEN '; all may, within rounding.'
                          ELSE '; not all do.' END
             WHEN 'less_than' THEN 'Each cited figure must be under ' || fmt_num(cl.value) || '%'
                  || CASE WHEN bool_and(v.value + 0.5 <= cl.value) THEN '; all are, whatever the rounding.'
                          WHEN bool_and(v.value - 0.5 < cl.value) THEN '; all may be, but '
                               || string_agg(v.value || '%', ', ' ORDER BY v.figure_id) FILTER (WHERE v.value + 0.5 > cl.value)
                               || ' could be just above it before rounding.'
                          ELSE '; not all are.' END
           END AS detail
    FROM cl JOIN cited_values v USING (claim_id)
    WHERE cl.claim_kind IN ('ratio_phrase', 'threshold')
    GROUP BY cl.claim_id, cl.relation, cl.value
), ch AS MATERIALIZED (SELECT * FROM pre_post_changes), rk AS MATERIALIZED (SELECT * FROM ranked_figures),
q1 AS (  -- att-11: understanding rose markedly; two-proportion z test on the stated bases
    SELECT 'att-11' AS claim_id,
           pre.value_pct || '% -> ' || post.value_pct || '%, z = ' || round(t.z, 1) AS recomputed,
           'exact' AS rounding,
           CASE WHEN post.value_pct > pre.value_pct AND abs(t.z) > 1.96 THEN 'reproduced' ELSE 'discrepancy' END
               AS status,
           'Rise of ' || (post.value_pct - pre.value_pct) || ' points; a two-proportion z test with the stated bases ('
             || npre.value || ' and ' || npost.value || ') gives z = ' || round(t.z, 1)
             || ', significant at 5% if the two samples are taken as independent.' AS detail
    FROM understanding pre, understanding post, counts npre, counts npost,
         LATERAL (
             SELECT (post.value_pct - pre.value_pct) / 100.0
                    / sqrt(pp * (1 - pp) * (1.0 / npre.value + 1.0 / npost.value)) AS z
             FROM (SELECT (pre.value_pct * npre.value + post.value_pct * npost.value) / 100.0
                          / (npre.value + npost.value) AS pp)
         ) AS t
    WHERE pre.figure_id = 'und-att-text-all-pre' AND post.figure_id = 'und-att-text-all-post'
      AND npre.figure_id = 'cnt-att-respondents-pre' AND npost.figure_id = 'cnt-att-respondents-post'
), top2 AS (  -- att-12: the two best-rated impacts after the workshops, both groups
    SELECT 'att-12', string_agg(group_id || ': ' || item_id || ' ' || value || '% (rank ' || value_rank || ')', '; '
                                ORDER BY group_id, value_rank, item_id),
           'exact',
           CASE WHEN count(*) FILTER (WHERE value_rank <= 2) = 4 AND bool_and(value_rank <= 2) THEN 'reproduced'
                ELSE 'discrepancy' END,
           'After the workshops these two impacts rank first and second in the Q3 charts of both groups. '
             || 'They are Q3 impacts; the Q2 best-feature tables rank sharing first.'
    FROM rk WHERE resource = 'impact_ratings' AND phase = 'post' AND item_id IN ('extend_reach', 'improve_delivery')
), all_up AS (  -- att-13 (both groups, 'as or more helpful') and att-18 (VCS, 'higher or about the same')
    SELECT c.claim_id,
           string_agg(ch.group_id || ' ' || ch.item_id || ' ' || ch.change, ', ' ORDER BY ch.change, ch.group_id, ch.item_id)
               FILTER (WHERE ch.change < 0) AS recomputed,
           'changes of whole percentages; about the same = within 1 point',
           CASE WHEN bool_and(ch.change >= 0) THEN 'reproduced'
                WHEN c.claim_id = 'att-18' AND bool_and(ch.change >= -1) THEN 'within_rounding'
                ELSE 'discrepancy' END,
           CASE WHEN bool_and(ch.change >= 0) THEN 'No impact fell.'
                ELSE 'Impacts that fell: ' || string_agg(ch.group_id || ' ' || ch.item_id || ' ' || ch.pre_value || '% -> '
                     || ch.post_value || '%', '; ' ORDER BY ch.group_id, ch.item_id) FILTER (WHERE ch.change < 0)
                     || CASE WHEN c.claim_id = 'att-18' THEN '; a one-point fall counts as about the same.'
                             ELSE '; printed values that fall cannot both round from equal exact values, so '
                                  || '''as helpful'' does not hold for them.' END END
    FROM (VALUES ('att-13', ['vcs', 'childrens_centres']), ('att-18', ['vcs'])) AS c(claim_id, groups)
    JOIN ch ON ch.resource = 'impact_ratings' AND list_contains(c.groups, ch.group_id)
    GROUP BY c.claim_id
), top_changes AS (  -- att-19 (VCS) and att-25 (children's centres): the three largest rises
    SELECT c.claim_id,
           string_agg(ch.item_id || ' ' || ch.change, ', ' ORDER BY ch.change DESC, ch.item_id) FILTER (WHERE ch.change_rank <= 4),
           'changes of whole percentages',
           CASE WHEN list_sort(c.items) = list_sort(list(ch.item_id) FILTER (WHERE ch.change_rank <= 3))
                THEN 'reproduced'
                WHEN list_has_all(list(ch.item_id) FILTER (WHERE ch.change_rank <= 3), c.items) THEN 'within_rounding'
                ELSE 'discrepancy' END,
           CASE WHEN list_sort(c.items) = list_sort(list(ch.item_id) FILTER (WHERE ch.change_rank <= 3))
                THEN 'The three named impacts have the three largest rises.'
                WHEN list_has_all(list(ch.item_id) FILTER (WHERE ch.change_rank <= 3), c.items)
                THEN 'The named impacts are among the largest rises, but the third place is tied: '
                     || string_agg(ch.item_id || ' +' || ch.change, ', ' ORDER BY ch.item_id) FILTER (WHERE ch.change_rank = 3) || '.'
                ELSE 'The three largest rises are ' || string_agg(ch.item_id || ' +' || ch.change, ', '
                     ORDER BY ch.change DESC, ch.item_id) FILTER (WHERE ch.change_rank <= 3) || '.' END
    FROM (VALUES ('att-19', 'vcs', ['improve_delivery', 'culture_thrive', 'cpd_opportunities']),
                 ('att-25', 'childrens_centres', ['resolve_partner_needs', 'culture_thrive', 'enhance_la_role']))
         AS c(claim_id, group_id, items)
    JOIN ch ON ch.resource = 'impact_ratings' AND ch.group_id = c.group_id
    GROUP BY c.claim_id, c.items
), pooled AS (  -- 4.5 ranks the children's centre comments aggregated over both phases (mean share)
    SELECT 'best_feature_shares' AS resource, 'childrens_centres' AS group_id, 'pooled' AS phase, item_id,
           (pre_value + post_value) / 2.0 AS value,
           dense_rank() OVER (ORDER BY pre_value + post_value DESC) AS value_rank,
           count(*) OVER (PARTITION BY pre_value + post_value) AS n_tied,
           NULL AS source_kind, '4.5' AS section, 'share_of_comments' AS measure
    FROM ch WHERE resource = 'best_feature_shares' AND group_id = 'childrens_centres'
), rank_rows AS (
    SELECT resource, group_id, phase, item_id, value::DOUBLE AS value, value_rank, n_tied, source_kind, section,
           measure
    FROM rk
    UNION ALL SELECT * FROM pooled
), rank_claims AS (
    SELECT * FROM (VALUES
            ('att-14', 'la_action_shares', 'vcs', 'phases', NULL, ['vcs_openness'], [1]),
            ('att-30', 'la_action_shares', 'vcs', 'phases', NULL, ['vcs_openness'], [1]),
            ('att-15', 'la_action_shares', 'childrens_centres', 'phases', NULL,
             ['cc_involve_vcs', 'cc_more_commitment'], [1, 2]),
            ('att-31', 'la_action_shares', 'childrens_centres', 'phases', NULL,
             ['cc_involve_vcs', 'cc_more_commitment'], [1, 2]),
            ('att-20', 'best_feature_shares', 'vcs', 'phases', NULL, ['vcs_sharing'], [1]),
            ('att-21', 'best_feature_shares', 'vcs', 'phases', NULL, ['vcs_better_service'], [2]),
            ('att-22', 'best_feature_shares', 'vcs', 'phases', NULL,
             ['vcs_mutual_understanding', 'vcs_communication'], [3, 4]),
            ('att-26', 'best_feature_shares', 'childrens_centres', 'pooled', NULL, ['cc_sharing'], [1]),
            ('att-27', 'best_feature_shares', 'childrens_centres', 'pooled', NULL, ['cc_mutual_understanding'], [2]),
            ('att-28', 'best_feature_shares', 'childrens_centres', 'pooled', NULL, ['cc_breadth_of_offer'], [3]),
            ('nat-11', 'resource_ratings', 'la_respondents', 'phases', 'Challenge 1',
             ['how_to_guides', 'policy_briefings', 'governance_workshops'], [3, 4, 5]),
            ('nat-37', 'resource_ratings', 'la_respondents', 'phases', 'Challenge 1',
             ['commissioning_procurement_workshops', 'leadership_business_skills_workshops'], [1, 2]),
            ('nat-38', 'resource_ratings', 'la_respondents', 'phases', 'Challenge 3',
             ['commissioning_procurement_workshops'], [1])
         ) AS t(claim_id, resource, group_id, mode, section, items, ranks)
), rank_joined AS (
    SELECT c.claim_id, c.items, c.ranks, r.*,
           list_contains(c.items, r.item_id) AS is_claimed,
           list_contains(c.ranks, r.value_rank) AS at_claimed_rank
    FROM rank_claims c
    JOIN rank_rows r ON r.resource = c.resource AND r.group_id = c.group_id
     AND (coalesce(r.phase, '') = 'pooled') = (c.mode = 'pooled')
     AND (c.section IS NULL OR (r.section = c.section AND r.source_kind = 'text' AND r.measure = 'rated_important'))
), ranks AS (  -- ordinal claims on printed lists: the named items hold the named ranks
    SELECT claim_id,
           string_agg(coalesce(phase, 'list') || ': ' || item_id || ' ' || fmt_num(value) || '% rank ' || value_rank
                      || CASE WHEN n_tied > 1 THEN ' (tied)' ELSE '' END, '; ' ORDER BY phase DESC, item_id)
               FILTER (WHERE is_claimed),
           'exact',
           CASE WHEN bool_and(at_claimed_rank AND n_tied = 1) FILTER (WHERE is_claimed) THEN 'reproduced'
                WHEN bool_and(at_claimed_rank) FILTER (WHERE is_claimed) THEN 'within_rounding'
                ELSE 'discrepancy' END,
           CASE WHEN bool_and(at_claimed_rank) FILTER (WHERE is_claimed)
                THEN CASE WHEN bool_or(phase = 'pooled') THEN 'Holds with the comments of both phases pooled'
                          ELSE 'Holds in every printed list' END
                     || CASE WHEN bool_and(n_tied = 1) FILTER (WHERE is_claimed) THEN '.' ELSE ', with a tie.' END
                     || coalesce(' ' || any_value(pooled_note) FILTER (WHERE pooled_note IS NOT NULL), '')
                ELSE 'Does not hold: at the claimed rank(s) stand '
                     || string_agg(coalesce(phase, 'list') || ' ' || item_id || ' ' || fmt_num(value) || '% (rank '
                                   || value_rank || ')', ', ' ORDER BY phase DESC, value_rank, item_id)
                        FILTER (WHERE at_claimed_rank AND NOT is_claimed)
                     || '; the named item(s): '
                     || string_agg(coalesce(phase, 'list') || ' ' || item_id || ' ' || fmt_num(value) || '% (rank '
                                   || value_rank || ')', ', ' ORDER BY phase DESC, item_id) FILTER (WHERE is_claimed)
                     || '.' END
    FROM (SELECT j.*, CASE WHEN j.phase = 'pooled' AND j.is_claimed THEN
                 'Phase by phase: ' || (SELECT string_agg(x.phase || ' ' || x.item_id || ' ' || x.value || '% (rank '
                                                         || x.value_rank || ')', ', ' ORDER BY x.phase DESC)
                                        FROM rk x WHERE x.resource = j.resource AND x.group_id = j.group_id
                                         AND x.item_id = j.item_id) || '.' END AS pooled_note
          FROM rank_joined j)
    GROUP BY claim_id
), cc_counts AS (  -- att-23 and att-24: seven of nine impacts rose; the other two barely moved
    SELECT 'att-23', count(*) FILTER (WHERE change > 0) || ' of ' || count(*) || ' rose', 'changes of whole percentages',
           CASE WHEN count(*) FILTER (WHERE change > 0) = 7 AND count(*) = 9 THEN 'reproduced' ELSE 'discrepancy' END,
           count(*) FILTER (WHERE change > 0) || ' of the ' || count(*) || ' children''s centre impacts rose.'
    FROM ch WHERE resource = 'impact_ratings' AND group_id = 'childrens_centres'
    UNION ALL
    SELECT 'att-24', string_agg(item_id || ' ' || change, ', ' ORDER BY item_id) FILTER (WHERE change <= 0), 'changes within 1 point',
           CASE WHEN count(*) FILTER (WHERE change <= 0) = 2 AND bool_and(abs(change) <= 1) FILTER (WHERE change <= 0)
                THEN 'reproduced' ELSE 'discrepancy' END,
           'The impacts that did not rise changed by ' || string_agg(change::VARCHAR, ' and ' ORDER BY item_id) FILTER (WHERE change <= 0)
             || ' points.'
    FROM ch WHERE resource = 'impact_ratings' AND group_id = 'childrens_centres'
), outcomes AS (  -- att-29: a larger share of comments on outcomes after the workshop
    SELECT 'att-29', pre_value || '% -> ' || post_value || '%', 'exact',
           CASE WHEN post_value > pre_value THEN 'reproduced' ELSE 'discrepancy' END,
           'The share rose by ' || change || ' points.'
    FROM ch WHERE resource = 'best_feature_shares' AND item_id = 'cc_outcomes'
), overall_order AS (  -- nat-32: the overall ranking of resources, recomputed from the chart
    SELECT 'nat-32', string_agg(item_id || ' ' || value || '%', ' > ' ORDER BY value DESC, item_id), 'exact',
           CASE WHEN list(item_id ORDER BY value DESC, item_id) = ['commissioning_procurement_workshops',
                     'leadership_business_skills_workshops', 'how_to_guides', 'consortium_models', 'policy_briefings',
                     'governance_workshops'] AND max(n_tied) = 1 THEN 'reproduced' ELSE 'discrepancy' END,
           'The overall chart orders the six resources the same way as the text, with no ties.'
    FROM rk WHERE resource = 'resource_ratings' AND section LIKE 'What overall%' AND source_kind = 'chart'
), practice AS (  -- nat-33 and nat-35: capacity support is the weakest practice; identifying is also weak
    SELECT 'nat-33', string_agg(practice_id || ' ' || value_pct || '%', ', ' ORDER BY value_pct, practice_id), 'exact',
           CASE WHEN (list(practice_id ORDER BY value_pct, practice_id))[1] = 'provide_capacity_support' THEN 'reproduced' ELSE 'discrepancy' END,
           'Of the five challenges'' main practice rates, capacity support (' || min(value_pct)
             || '%) is the lowest.'
    FROM practice_rates WHERE challenge_id IS NOT NULL
      AND frequency IN ('normal_practice', 'always_or_very_frequently', 'as_a_matter_of_course')
    UNION ALL
    SELECT 'nat-35', string_agg(practice_id || ' ' || value_pct || '%', ', ' ORDER BY value_pct, practice_id), 'exact',
           CASE WHEN (list(practice_id ORDER BY value_pct, practice_id))[2] = 'identify_providers'
                 AND max(value_pct) FILTER (WHERE practice_id = 'identify_providers') < 50 THEN 'reproduced'
                ELSE 'discrepancy' END,
           'Identifying providers (' || max(value_pct) FILTER (WHERE practice_id = 'identify_providers')
             || '%) is the second lowest of the main practice rates, under half; mapping is done regularly by '
             || (SELECT value_pct FROM practice_rates WHERE figure_id = 'prac-map-regularly') || '%.'
    FROM practice_rates WHERE challenge_id IS NOT NULL
      AND frequency IN ('normal_practice', 'always_or_very_frequently', 'as_a_matter_of_course')
), consortium AS (  -- nat-34: consortium models matter for bids far more than elsewhere
    SELECT 'nat-34', string_agg(coalesce(challenge_id, 'overall') || ' ' || value_pct || '%', ', '
                                ORDER BY value_pct DESC, challenge_id), 'exact',
           CASE WHEN (list(challenge_id ORDER BY value_pct DESC, challenge_id))[1] = 'c5_bids' THEN 'reproduced' ELSE 'discrepancy' END,
           'In the charts consortium models score ' || max(value_pct) || '% for bids and at most '
             || max(value_pct) FILTER (WHERE challenge_id <> 'c5_bids') || '% for any other challenge.'
    FROM resource_ratings WHERE resource_type_id = 'consortium_models' AND source_kind = 'chart'
      AND challenge_id IS NOT NULL
), opinions AS (
    SELECT claim_id, NULL, 'none', 'not_recomputable',
           CASE claim_id WHEN 'tel-14' THEN 'The case study publishes no ratings by impact for Telford.'
                         ELSE 'A judgement with no figure behind it.' END
    FROM cl WHERE claim_id IN ('tel-14', 'nat-36')
), checks AS (
    SELECT * FROM dates
    UNION ALL SELECT * FROM restated WHERE claim_id NOT IN ('att-23', 'att-24')
    UNION ALL SELECT * FROM unsupported
    UNION ALL SELECT * FROM relations
    UNION ALL SELECT * FROM q1
    UNION ALL SELECT * FROM top2
    UNION ALL SELECT * FROM all_up
    UNION ALL SELECT * FROM top_changes
    UNION ALL SELECT * FROM ranks
    UNION ALL SELECT * FROM cc_counts
    UNION ALL SELECT * FROM outcomes
    UNION ALL SELECT * FROM overall_order
    UNION ALL SELECT * FROM practice
    UNION ALL SELECT * FROM consortium
    UNION ALL SELECT * FROM opinions
)
SELECT cl.claim_id, cl.document_id, cl.section, cl.claim_kind, cl.statement, cl.published, cl.unit, cl.figure_ids,
       k.recomputed, coalesce(k.rounding, 'none') AS rounding,
       coalesce(k.status, 'not_recomputable') AS status,
       coalesce(k.detail, 'No recomputation is defined for this claim yet.') AS detail,
       CASE WHEN cl.relation IN ('about', 'nearly') THEN 'one tenth (the phrase)'
            WHEN cl.relation IN ('more_than', 'less_than') OR cl.claim_kind = 'percentage' THEN '1 percentage point'
            WHEN cl.claim_kind IN ('count', 'total') THEN 'whole number'
            WHEN cl.claim_kind = 'ordinal' THEN 'rank order'
            WHEN cl.claim_kind = 'comparison' THEN '1 percentage point'
            ELSE 'as printed' END AS precision,
       CASE WHEN cl.relation IN ('about', 'nearly') THEN '5 points: the figure must round to the phrase at one tenth'
            WHEN cl.relation IN ('more_than', 'less_than') OR cl.claim_kind = 'percentage'
                 THEN '0.5 point either side of each printed figure'
            WHEN cl.claim_kind IN ('count', 'total') THEN 'none (exact)'
            WHEN cl.claim_kind = 'ordinal' THEN 'exact order; a tie is within rounding'
            WHEN cl.claim_kind = 'comparison'
                 THEN 'a printed change of 1 point may be under 1 point exactly (about the same)'
            ELSE 'none' END AS tolerance,
       CASE WHEN k.status = 'discrepancy' THEN
            coalesce(CASE WHEN cl.claim_kind IN ('percentage', 'count', 'total') THEN ci.issue_key END,
                     'claim:' || cl.claim_id) END AS issue_key
FROM cl LEFT JOIN checks k USING (claim_id) LEFT JOIN claim_issue ci USING (claim_id);
