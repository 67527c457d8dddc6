-- pre_post_changes: every figure printed both before and after the workshops, with
-- the change in points and its ranks. Published values are whole percentages, each
-- within 0.5 of its exact value, so the exact change lies strictly within one point
-- of the printed change: its sign is certain only when the printed change is not 0.
-- Ranks (1 = largest) are dense within a printed chart or table and phase.
--   resource       : the fact resource the pair comes from
--   document_id    : the report
--   source_kind    : text, table or chart
--   source_locator : the chart's or table's title, or the section
--   group_id       : the respondent group
--   item_id        : what is measured (an impact, a theme, ...)
--   measure        : the measure of the resource
--   pre_figure_id  : the figure printed before the workshops
--   post_figure_id : the figure printed after
--   pre_value      : the value before, as printed
--   post_value     : the value after, as printed
--   unit           : the unit of both values
--   change         : post_value - pre_value, in points
--   direction      : up, down or same
--   is_sign_certain: whether the exact change has the printed change's sign
--   change_rank    : rank of the change within the chart or table (1 = largest rise)
--   pre_rank       : rank of the value before, within the chart or table
--   post_rank      : rank of the value after
CREATE OR REPLACE VIEW pre_post_changes AS
WITH paired AS (
    SELECT pre.resource, pre.document_id, pre.source_kind, pre.source_locator, pre.group_id,
           pre.item_id, pre.measure,
           pre.figure_id AS pre_figure_id, post.figure_id AS post_figure_id,
           pre.value AS pre_value, post.value AS post_value, pre.unit
    FROM fact_figures pre
    JOIN fact_figures post
      ON post.phase = 'post' AND pre.phase = 'pre'
     AND post.resource = pre.resource AND post.document_id = pre.document_id
     AND post.source_kind = pre.source_kind
     AND post.source_locator IS NOT DISTINCT FROM pre.source_locator
     AND post.group_id IS NOT DISTINCT FROM pre.group_id
     AND post.item_id = pre.item_id AND post.measure = pre.measure
)
SELECT *,
       post_value - pre_value AS change,
       CASE WHEN post_value > pre_value THEN 'up' WHEN post_value < pre_value THEN 'down' ELSE 'same' END
           AS direction,
       post_value <> pre_value AS is_sign_certain,
       dense_rank() OVER (PARTITION BY resource, document_id, source_locator, group_id, measure
                          ORDER BY post_value - pre_value DESC) AS change_rank,
       dense_rank() OVER (PARTITION BY resource, document_id, source_locator, group_id, measure
                          ORDER BY pre_value DESC) AS pre_rank,
       dense_rank() OVER (PARTITION BY resource, document_id, source_locator, group_id, measure
                          ORDER BY post_value DESC) AS post_rank
FROM paired;

-- ranked_figures: every percentage ranked within its printed list or chart and phase
-- (dense rank, 1 = largest), with how many figures share its value there. Columns as
-- fact_figures, and:
--   value_rank: rank of the value within its list or chart and phase (1 = largest)
--   n_tied    : how many figures of that list share the value
--   context   : the list or chart the figure is ranked in (see fact_figures)
CREATE OR REPLACE VIEW ranked_figures AS
SELECT *,
       dense_rank() OVER w AS value_rank,
       count(*) OVER (PARTITION BY resource, document_id, source_kind, source_locator, group_id, phase, measure, value)
           AS n_tied
FROM fact_figures
WHERE unit = 'percent'
WINDOW w AS (PARTITION BY resource, document_id, source_kind, source_locator, group_id, phase, measure
             ORDER BY value DESC);
