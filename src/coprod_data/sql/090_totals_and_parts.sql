-- totals_and_parts: counts that should add up, and numbers of items promised
-- against the number listed. One row per check, naming the figures it rests on.
-- Counts are exact, so the rule is plain equality (or an inequality for a bound).
CREATE OR REPLACE VIEW totals_and_parts AS
WITH c AS (SELECT * FROM counts),
sectors AS (
    SELECT sum(value) AS total, list(figure_id ORDER BY figure_id) AS ids,
           string_agg(value::VARCHAR, ' + ' ORDER BY value DESC) AS terms
    FROM c WHERE subject = 'sector_respondents' AND group_id IN ('vcs', 'childrens_centres', 'local_authorities', 'other_sectors')
), resp AS (
    SELECT max(value) FILTER (WHERE phase = 'pre') AS pre, max(value) FILTER (WHERE phase = 'post') AS post,
           list(figure_id ORDER BY figure_id) AS ids
    FROM c WHERE subject = 'respondents'
), other_parts AS (
    SELECT sum(value) FILTER (WHERE group_id IN ('health', 'community_advice')) AS parts,
           sum(value) FILTER (WHERE group_id IN ('health', 'community_advice', 'parents')) AS parts_with_parents,
           max(value) FILTER (WHERE group_id = 'other_sectors') AS other,
           list(figure_id ORDER BY figure_id) FILTER (WHERE group_id IN ('health', 'community_advice', 'other_sectors'))
               AS ids
    FROM c WHERE subject = 'sector_respondents'
), telford AS (
    SELECT max(value) FILTER (WHERE period = '2012-11') AS first_ws,
           max(qualifier) FILTER (WHERE period = '2012-11') AS first_qualifier,
           max(value) FILTER (WHERE period = '2013-01') AS second_ws,
           max(value) FILTER (WHERE period IS NULL) AS total,
           list(figure_id ORDER BY figure_id) AS ids
    FROM c WHERE subject = 'workshop_participants'
), promised AS (
    SELECT subject, value AS promised, figure_id FROM c
    WHERE subject IN ('proposals_promised', 'challenges_promised', 'themes_promised', 'impacts_stated')
), listed AS (
    SELECT 'proposals_promised' AS subject, count(*) AS listed, 'proposals' AS what FROM proposals
    UNION ALL SELECT 'challenges_promised', count(*), 'challenges' FROM challenges
    UNION ALL SELECT 'themes_promised', 0, 'themes (the extract lists none)'
    UNION ALL SELECT 'impacts_stated', count(DISTINCT impact_id), 'impacts in the Q3 chart'
        FROM impact_ratings WHERE group_id = 'childrens_centres'
), q4 AS (
    SELECT count(*) AS n_values, count(action_id) AS n_labelled,
           list(figure_id ORDER BY value_position) FILTER (WHERE action_id IS NULL) AS ids
    FROM la_action_shares WHERE group_id = 'childrens_centres'
), checks AS (
    SELECT 'sectors-vs-respondents' AS check_id, 'attitude_survey' AS document_id, '2.3' AS section,
           'The four sector counts add up to the number of respondents.' AS statement,
           resp.pre || ' before; ' || resp.post || ' after' AS published,
           sectors.total::VARCHAR AS recomputed,
           CASE WHEN sectors.total IN (resp.pre, resp.post) THEN 'reproduced' ELSE 'discrepancy' END AS status,
           'Sectors ' || sectors.terms || ' = ' || sectors.total || ', which is neither the ' || resp.pre
             || ' pre-workshop nor the ' || resp.post || ' post-workshop respondents.' AS detail,
           list_concat(sectors.ids, resp.ids) AS figure_ids
    FROM sectors, resp
    UNION ALL
    SELECT 'other-sector-parts', 'attitude_survey', '2.3',
           'Health and community advice fit within the other sectors.',
           other::VARCHAR, parts::VARCHAR,
           CASE WHEN parts <= other THEN 'reproduced' ELSE 'discrepancy' END,
           'Health + community advice = ' || parts || ', within the ' || other || ' in other sectors (with the '
             || (parts_with_parents - parts) || ' parents, whom the report places in no sector, '
             || parts_with_parents || '); the report does not list the rest.',
           ids
    FROM other_parts
    UNION ALL
    SELECT 'telford-participants', 'telford_case_study', 'Participation in the Programme with Telford',
           'The two Telford workshops add up to the total of participants.',
           total::VARCHAR, CASE WHEN first_qualifier = 'more_than' THEN 'more than ' ELSE '' END
             || (first_ws + second_ws),
           CASE WHEN first_qualifier = 'more_than' AND first_ws + second_ws >= total THEN 'discrepancy'
                WHEN first_ws + second_ws = total THEN 'reproduced' ELSE 'discrepancy' END,
           'More than ' || first_ws || ' plus ' || second_ws || ' is more than ' || (first_ws + second_ws)
             || ', yet the total printed is ' || total || '; the sum fits only if the first workshop had exactly '
             || first_ws || '.',
           ids
    FROM telford
    UNION ALL
    SELECT 'items-' || p.figure_id, f.document_id, f.section,
           'Number of ' || l.what || ' promised against the number listed.',
           p.promised::VARCHAR, l.listed::VARCHAR,
           CASE WHEN l.listed = 0 THEN 'not_recomputable'
                WHEN l.listed = p.promised THEN 'reproduced' ELSE 'discrepancy' END,
           CASE WHEN l.listed = 0 THEN 'The report promises ' || p.promised || ' but the extract lists none, so the count cannot be checked.'
                WHEN l.listed = p.promised THEN 'The report promises ' || p.promised || ' and lists ' || l.listed || '.'
                ELSE 'The report promises ' || p.promised || ' but lists ' || l.listed || '.' END,
           [p.figure_id]
    FROM promised p JOIN listed l USING (subject) JOIN counts f ON f.figure_id = p.figure_id
    UNION ALL
    SELECT 'q4-values-vs-labels', 'attitude_survey', '5',
           'The children''s centre Q4 table has one value per listed action.',
           n_values || ' values', n_labelled || ' labels',
           CASE WHEN n_values = n_labelled THEN 'reproduced' ELSE 'discrepancy' END,
           n_values || ' values are printed under ' || n_labelled || ' labels; the unmatched value is kept without an action.',
           ids
    FROM q4
)
SELECT check_id, document_id, section, statement, published, recomputed, 'exact' AS rounding, status, detail,
       figure_ids
FROM checks;
