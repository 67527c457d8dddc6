-- Generated from datapackage.json by coprod_data.ddl: do not edit by hand.
-- Creates and loads one table per resource; run from the repository root.
-- Drops the tables first, so it can run again on the same database file.

DROP TABLE IF EXISTS "package_info";
DROP TABLE IF EXISTS "check_members";
DROP TABLE IF EXISTS "checks";
DROP TABLE IF EXISTS "claims";
DROP TABLE IF EXISTS "response_rates";
DROP TABLE IF EXISTS "resource_ratings";
DROP TABLE IF EXISTS "practice_rates";
DROP TABLE IF EXISTS "la_action_shares";
DROP TABLE IF EXISTS "best_feature_shares";
DROP TABLE IF EXISTS "impact_ratings";
DROP TABLE IF EXISTS "understanding";
DROP TABLE IF EXISTS "counts";
DROP TABLE IF EXISTS "figures";
DROP TABLE IF EXISTS "local_authorities";
DROP TABLE IF EXISTS "proposals";
DROP TABLE IF EXISTS "regions";
DROP TABLE IF EXISTS "resource_types";
DROP TABLE IF EXISTS "challenges";
DROP TABLE IF EXISTS "la_actions";
DROP TABLE IF EXISTS "best_feature_themes";
DROP TABLE IF EXISTS "impacts";
DROP TABLE IF EXISTS "questions";
DROP TABLE IF EXISTS "respondent_groups";
DROP TABLE IF EXISTS "documents";

CREATE TABLE "documents" (
  "document_id" VARCHAR NOT NULL CHECK ("document_id" IN ('attitude_survey', 'telford_case_study', 'national_la_survey')),
  "seed_file" VARCHAR NOT NULL,
  "title" VARCHAR NOT NULL,
  "publisher" VARCHAR NOT NULL,
  "period" VARCHAR NOT NULL CHECK (regexp_full_match("period", '^\d{4}-\d{2}$')),
  "kind" VARCHAR NOT NULL CHECK ("kind" IN ('survey_report', 'case_study')),
  "description" VARCHAR NOT NULL,
  PRIMARY KEY ("document_id")
);
COMMENT ON TABLE "documents" IS 'The three reports, one row each, with the seed file the transcription was read from.';
COMMENT ON COLUMN "documents"."document_id" IS 'Identifier of the report.';
COMMENT ON COLUMN "documents"."seed_file" IS 'File name of the plain-text extract in the project''s seed folder.';
COMMENT ON COLUMN "documents"."title" IS 'Title of the report (printed title where the extract has one, else a descriptive title).';
COMMENT ON COLUMN "documents"."publisher" IS 'Publisher of the report.';
COMMENT ON COLUMN "documents"."period" IS 'Period the report covers.';
COMMENT ON COLUMN "documents"."kind" IS 'Kind of report.';
COMMENT ON COLUMN "documents"."description" IS 'What the report holds, in this project''s words.';
INSERT INTO "documents" SELECT * FROM read_csv('resources/documents.csv', header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', columns = {'document_id': 'VARCHAR', 'seed_file': 'VARCHAR', 'title': 'VARCHAR', 'publisher': 'VARCHAR', 'period': 'VARCHAR', 'kind': 'VARCHAR', 'description': 'VARCHAR'});

CREATE TABLE "respondent_groups" (
  "group_id" VARCHAR NOT NULL CHECK (regexp_full_match("group_id", '^[a-z0-9][a-z0-9_.-]*$')),
  "label" VARCHAR NOT NULL,
  "normalised_label" VARCHAR NOT NULL,
  "parent_group_id" VARCHAR,
  "description" VARCHAR NOT NULL,
  PRIMARY KEY ("group_id")
);
COMMENT ON TABLE "respondent_groups" IS 'Groups of respondents or participants that figures describe.';
COMMENT ON COLUMN "respondent_groups"."group_id" IS 'Identifier of the group.';
COMMENT ON COLUMN "respondent_groups"."label" IS 'Label exactly as printed in the report (typos kept; runs of white space folded to one space).';
COMMENT ON COLUMN "respondent_groups"."normalised_label" IS 'Clean label for display and joins across documents.';
COMMENT ON COLUMN "respondent_groups"."parent_group_id" IS 'Group this group is a part of, where the report implies one.';
COMMENT ON COLUMN "respondent_groups"."description" IS 'Who is in the group.';
INSERT INTO "respondent_groups" SELECT * FROM read_csv('resources/respondent_groups.csv', header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', columns = {'group_id': 'VARCHAR', 'label': 'VARCHAR', 'normalised_label': 'VARCHAR', 'parent_group_id': 'VARCHAR', 'description': 'VARCHAR'});

CREATE TABLE "questions" (
  "question_id" VARCHAR NOT NULL CHECK (regexp_full_match("question_id", '^[a-z0-9][a-z0-9_.-]*$')),
  "document_id" VARCHAR NOT NULL CHECK ("document_id" IN ('attitude_survey', 'telford_case_study', 'national_la_survey')),
  "label" VARCHAR NOT NULL,
  "topic" VARCHAR NOT NULL,
  "scale_min" BIGINT CHECK ("scale_min" >= 0),
  "scale_max" BIGINT CHECK ("scale_max" >= 1),
  "answers_asked" BIGINT CHECK ("answers_asked" >= 1),
  "basis" VARCHAR NOT NULL CHECK ("basis" IN ('respondents', 'comments', 'local authorities')),
  PRIMARY KEY ("question_id"),
  FOREIGN KEY ("document_id") REFERENCES "documents" ("document_id")
);
COMMENT ON TABLE "questions" IS 'Questions and question ranges the figures answer, with the numbers that describe the instrument.';
COMMENT ON COLUMN "questions"."question_id" IS 'Identifier of the question.';
COMMENT ON COLUMN "questions"."document_id" IS 'Report the figure is printed in (see documents).';
COMMENT ON COLUMN "questions"."label" IS 'Question number as printed.';
COMMENT ON COLUMN "questions"."topic" IS 'What the question asks, in this project''s words.';
COMMENT ON COLUMN "questions"."scale_min" IS 'Lowest point of the rating scale, where the question uses one.';
COMMENT ON COLUMN "questions"."scale_max" IS 'Highest point of the rating scale, where the question uses one.';
COMMENT ON COLUMN "questions"."answers_asked" IS 'Number of answers each respondent was asked for, where stated.';
COMMENT ON COLUMN "questions"."basis" IS 'What the published percentages are shares of.';
INSERT INTO "questions" SELECT * FROM read_csv('resources/questions.csv', header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', columns = {'question_id': 'VARCHAR', 'document_id': 'VARCHAR', 'label': 'VARCHAR', 'topic': 'VARCHAR', 'scale_min': 'BIGINT', 'scale_max': 'BIGINT', 'answers_asked': 'BIGINT', 'basis': 'VARCHAR'});

CREATE TABLE "impacts" (
  "impact_id" VARCHAR NOT NULL CHECK (regexp_full_match("impact_id", '^[a-z0-9][a-z0-9_.-]*$')),
  "label" VARCHAR NOT NULL,
  "normalised_label" VARCHAR NOT NULL,
  PRIMARY KEY ("impact_id")
);
COMMENT ON TABLE "impacts" IS 'The nine impacts participants rated in Q3 of the attitude survey.';
COMMENT ON COLUMN "impacts"."impact_id" IS 'Identifier of the impact.';
COMMENT ON COLUMN "impacts"."label" IS 'Label exactly as printed in the report (typos kept; runs of white space folded to one space).';
COMMENT ON COLUMN "impacts"."normalised_label" IS 'Clean label for display and joins across documents.';
INSERT INTO "impacts" SELECT * FROM read_csv('resources/impacts.csv', header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', columns = {'impact_id': 'VARCHAR', 'label': 'VARCHAR', 'normalised_label': 'VARCHAR'});

CREATE TABLE "best_feature_themes" (
  "theme_id" VARCHAR NOT NULL CHECK (regexp_full_match("theme_id", '^[a-z0-9][a-z0-9_.-]*$')),
  "group_id" VARCHAR NOT NULL,
  "list_position" BIGINT NOT NULL CHECK ("list_position" >= 1),
  "label" VARCHAR NOT NULL,
  "normalised_label" VARCHAR NOT NULL,
  PRIMARY KEY ("theme_id"),
  FOREIGN KEY ("group_id") REFERENCES "respondent_groups" ("group_id")
);
COMMENT ON TABLE "best_feature_themes" IS 'Themes the comments on the best features of collaborative working were coded into, per respondent group.';
COMMENT ON COLUMN "best_feature_themes"."theme_id" IS 'Identifier of the theme.';
COMMENT ON COLUMN "best_feature_themes"."group_id" IS 'Group whose table lists the theme.';
COMMENT ON COLUMN "best_feature_themes"."list_position" IS 'Position in the printed list (1 = first).';
COMMENT ON COLUMN "best_feature_themes"."label" IS 'Label exactly as printed in the report (typos kept; runs of white space folded to one space).';
COMMENT ON COLUMN "best_feature_themes"."normalised_label" IS 'Clean label for display and joins across documents.';
INSERT INTO "best_feature_themes" SELECT * FROM read_csv('resources/best_feature_themes.csv', header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', columns = {'theme_id': 'VARCHAR', 'group_id': 'VARCHAR', 'list_position': 'BIGINT', 'label': 'VARCHAR', 'normalised_label': 'VARCHAR'});

CREATE TABLE "la_actions" (
  "action_id" VARCHAR NOT NULL CHECK (regexp_full_match("action_id", '^[a-z0-9][a-z0-9_.-]*$')),
  "group_id" VARCHAR NOT NULL,
  "list_position" BIGINT NOT NULL CHECK ("list_position" >= 1),
  "label" VARCHAR NOT NULL,
  "normalised_label" VARCHAR NOT NULL,
  PRIMARY KEY ("action_id"),
  FOREIGN KEY ("group_id") REFERENCES "respondent_groups" ("group_id")
);
COMMENT ON TABLE "la_actions" IS 'Actions respondents asked of the local authority, per respondent group.';
COMMENT ON COLUMN "la_actions"."action_id" IS 'Identifier of the action.';
COMMENT ON COLUMN "la_actions"."group_id" IS 'Group whose table lists the action.';
COMMENT ON COLUMN "la_actions"."list_position" IS 'Position in the printed list (1 = first).';
COMMENT ON COLUMN "la_actions"."label" IS 'Label exactly as printed in the report (typos kept; runs of white space folded to one space).';
COMMENT ON COLUMN "la_actions"."normalised_label" IS 'Clean label for display and joins across documents.';
INSERT INTO "la_actions" SELECT * FROM read_csv('resources/la_actions.csv', header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', columns = {'action_id': 'VARCHAR', 'group_id': 'VARCHAR', 'list_position': 'BIGINT', 'label': 'VARCHAR', 'normalised_label': 'VARCHAR'});

CREATE TABLE "challenges" (
  "challenge_id" VARCHAR NOT NULL CHECK (regexp_full_match("challenge_id", '^[a-z0-9][a-z0-9_.-]*$')),
  "number" BIGINT NOT NULL CHECK ("number" >= 1) CHECK ("number" <= 5),
  "label" VARCHAR NOT NULL,
  "list_label" VARCHAR NOT NULL,
  "normalised_label" VARCHAR NOT NULL,
  "question_id" VARCHAR NOT NULL,
  PRIMARY KEY ("challenge_id"),
  FOREIGN KEY ("question_id") REFERENCES "questions" ("question_id")
);
COMMENT ON TABLE "challenges" IS 'The five challenges of engaging small and medium VCS organisations.';
COMMENT ON COLUMN "challenges"."challenge_id" IS 'Identifier of the challenge.';
COMMENT ON COLUMN "challenges"."number" IS 'Challenge number as printed.';
COMMENT ON COLUMN "challenges"."label" IS 'Challenge heading as printed (typos kept; white space folded).';
COMMENT ON COLUMN "challenges"."list_label" IS 'The challenge as printed in the list of five.';
COMMENT ON COLUMN "challenges"."normalised_label" IS 'Clean label for display and joins across documents.';
COMMENT ON COLUMN "challenges"."question_id" IS 'Question range the challenge''s figures come from.';
INSERT INTO "challenges" SELECT * FROM read_csv('resources/challenges.csv', header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', columns = {'challenge_id': 'VARCHAR', 'number': 'BIGINT', 'label': 'VARCHAR', 'list_label': 'VARCHAR', 'normalised_label': 'VARCHAR', 'question_id': 'VARCHAR'});

CREATE TABLE "resource_types" (
  "resource_type_id" VARCHAR NOT NULL CHECK (regexp_full_match("resource_type_id", '^[a-z0-9][a-z0-9_.-]*$')),
  "label" VARCHAR NOT NULL,
  "normalised_label" VARCHAR NOT NULL,
  PRIMARY KEY ("resource_type_id")
);
COMMENT ON TABLE "resource_types" IS 'The six kinds of resource authorities rated.';
COMMENT ON COLUMN "resource_types"."resource_type_id" IS 'Identifier of the resource type.';
COMMENT ON COLUMN "resource_types"."label" IS 'Label exactly as printed in the report (typos kept; runs of white space folded to one space).';
COMMENT ON COLUMN "resource_types"."normalised_label" IS 'Clean label for display and joins across documents.';
INSERT INTO "resource_types" SELECT * FROM read_csv('resources/resource_types.csv', header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', columns = {'resource_type_id': 'VARCHAR', 'label': 'VARCHAR', 'normalised_label': 'VARCHAR'});

CREATE TABLE "regions" (
  "region_id" VARCHAR NOT NULL CHECK (regexp_full_match("region_id", '^[a-z0-9][a-z0-9_.-]*$')),
  "label" VARCHAR NOT NULL,
  "normalised_label" VARCHAR NOT NULL,
  "gss_code" VARCHAR NOT NULL CHECK (regexp_full_match("gss_code", '^E120000\d\d$')),
  PRIMARY KEY ("region_id")
);
COMMENT ON TABLE "regions" IS 'The nine English regions, as printed in the response-rate table and as officially named.';
COMMENT ON COLUMN "regions"."region_id" IS 'Identifier of the region.';
COMMENT ON COLUMN "regions"."label" IS 'Label exactly as printed in the report (typos kept; runs of white space folded to one space).';
COMMENT ON COLUMN "regions"."normalised_label" IS 'Clean label for display and joins across documents.';
COMMENT ON COLUMN "regions"."gss_code" IS 'ONS (GSS) code of the region.';
INSERT INTO "regions" SELECT * FROM read_csv('resources/regions.csv', header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', columns = {'region_id': 'VARCHAR', 'label': 'VARCHAR', 'normalised_label': 'VARCHAR', 'gss_code': 'VARCHAR'});

CREATE TABLE "proposals" (
  "proposal_id" VARCHAR NOT NULL CHECK (regexp_full_match("proposal_id", '^[a-z0-9][a-z0-9_.-]*$')),
  "list_position" BIGINT NOT NULL CHECK ("list_position" >= 1),
  "label" VARCHAR NOT NULL,
  "summary" VARCHAR NOT NULL,
  PRIMARY KEY ("proposal_id")
);
COMMENT ON TABLE "proposals" IS 'Proposals for collaborative working listed in the Telford and Wrekin case study.';
COMMENT ON COLUMN "proposals"."proposal_id" IS 'Identifier of the proposal.';
COMMENT ON COLUMN "proposals"."list_position" IS 'Position in the printed list (1 = first).';
COMMENT ON COLUMN "proposals"."label" IS 'Label exactly as printed in the report (typos kept; runs of white space folded to one space).';
COMMENT ON COLUMN "proposals"."summary" IS 'What the proposal asks for, in this project''s words.';
INSERT INTO "proposals" SELECT * FROM read_csv('resources/proposals.csv', header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', columns = {'proposal_id': 'VARCHAR', 'list_position': 'BIGINT', 'label': 'VARCHAR', 'summary': 'VARCHAR'});

CREATE TABLE "local_authorities" (
  "la_id" VARCHAR NOT NULL CHECK (regexp_full_match("la_id", '^[a-z0-9][a-z0-9_.-]*$')),
  "name" VARCHAR NOT NULL,
  "region_id" VARCHAR NOT NULL,
  "dfe_la_code" BIGINT NOT NULL CHECK ("dfe_la_code" >= 200) CHECK ("dfe_la_code" <= 999),
  "gss_code" VARCHAR NOT NULL CHECK (regexp_full_match("gss_code", '^E(06|08|09|10)\d{6}$')),
  PRIMARY KEY ("la_id"),
  FOREIGN KEY ("region_id") REFERENCES "regions" ("region_id")
);
COMMENT ON TABLE "local_authorities" IS 'Reference list the reports omit: the 152 upper-tier local authorities in England with children''s services duties in 2012-13, with their region. Used as denominators for response rates.';
COMMENT ON COLUMN "local_authorities"."la_id" IS 'Identifier of the authority.';
COMMENT ON COLUMN "local_authorities"."name" IS 'Name of the authority.';
COMMENT ON COLUMN "local_authorities"."region_id" IS 'Region of the authority.';
COMMENT ON COLUMN "local_authorities"."dfe_la_code" IS 'Three-digit DfE local authority code.';
COMMENT ON COLUMN "local_authorities"."gss_code" IS 'ONS (GSS) code of the authority as at April 2012.';
INSERT INTO "local_authorities" SELECT * FROM read_csv('resources/local_authorities.csv', header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', columns = {'la_id': 'VARCHAR', 'name': 'VARCHAR', 'region_id': 'VARCHAR', 'dfe_la_code': 'BIGINT', 'gss_code': 'VARCHAR'});

CREATE TABLE "figures" (
  "figure_id" VARCHAR NOT NULL CHECK (regexp_full_match("figure_id", '^[a-z0-9][a-z0-9_.-]*$')),
  "resource" VARCHAR NOT NULL CHECK (regexp_full_match("resource", '^[a-z0-9][a-z0-9_.-]*$')),
  PRIMARY KEY ("figure_id")
);
COMMENT ON TABLE "figures" IS 'One row per published figure: its figure_id and the fact resource that holds it. Generated from the fact resources by ''coprod-data figures''; it lets checks and claims refer to any figure with one foreign key, and ''coprod-data validate'' reports any row that differs from the fact tables.';
COMMENT ON COLUMN "figures"."figure_id" IS 'Identifier of a published figure (the primary key of its fact resource).';
COMMENT ON COLUMN "figures"."resource" IS 'Name of the fact resource whose row holds the figure.';
INSERT INTO "figures" SELECT * FROM read_csv('resources/figures.csv', header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', columns = {'figure_id': 'VARCHAR', 'resource': 'VARCHAR'});

CREATE TABLE "counts" (
  "figure_id" VARCHAR NOT NULL CHECK (regexp_full_match("figure_id", '^[a-z0-9][a-z0-9_.-]*$')),
  "document_id" VARCHAR NOT NULL CHECK ("document_id" IN ('attitude_survey', 'telford_case_study', 'national_la_survey')),
  "section" VARCHAR NOT NULL,
  "question_id" VARCHAR,
  "source_kind" VARCHAR NOT NULL CHECK ("source_kind" IN ('text', 'table', 'chart')),
  "source_locator" VARCHAR,
  "subject" VARCHAR NOT NULL CHECK ("subject" IN ('respondents', 'sector_respondents', 'programme_local_authorities', 'programme_duration_years', 'workshop_participants', 'childrens_centre_areas', 'impacts_stated', 'themes_promised', 'proposals_promised', 'challenges_promised', 'organisation_age_years', 'centres_run', 'years_of_delivery', 'age_range_upper', 'proposed_access_points', 'proposed_dedicated_staff')),
  "group_id" VARCHAR,
  "phase" VARCHAR CHECK ("phase" IN ('pre', 'post')),
  "period" VARCHAR CHECK (regexp_full_match("period", '^\d{4}-\d{2}$')),
  "value" BIGINT NOT NULL CHECK ("value" >= 0),
  "qualifier" VARCHAR NOT NULL CHECK ("qualifier" IN ('exact', 'more_than')),
  "unit" VARCHAR NOT NULL CHECK ("unit" IN ('people', 'local_authorities', 'years', 'items', 'areas', 'centres')),
  "printed" VARCHAR NOT NULL,
  "note" VARCHAR,
  PRIMARY KEY ("figure_id"),
  FOREIGN KEY ("figure_id") REFERENCES "figures" ("figure_id"),
  FOREIGN KEY ("document_id") REFERENCES "documents" ("document_id"),
  FOREIGN KEY ("question_id") REFERENCES "questions" ("question_id"),
  FOREIGN KEY ("group_id") REFERENCES "respondent_groups" ("group_id")
);
COMMENT ON TABLE "counts" IS 'Whole-number counts printed in the reports: respondents, sector sizes, participants, items promised and programme facts.';
COMMENT ON COLUMN "counts"."figure_id" IS 'Stable identifier of one published figure; unique across every fact resource.';
COMMENT ON COLUMN "counts"."document_id" IS 'Report the figure is printed in (see documents).';
COMMENT ON COLUMN "counts"."section" IS 'Section number or heading of the report where the figure is printed.';
COMMENT ON COLUMN "counts"."question_id" IS 'Survey question the figure answers (see questions); empty where the report names none.';
COMMENT ON COLUMN "counts"."source_kind" IS 'Where in the extract the value was read: running text, a table that lost its grid, or chart data at the end of the file.';
COMMENT ON COLUMN "counts"."source_locator" IS 'Chart or table title, or text heading, exactly as printed (white space trimmed).';
COMMENT ON COLUMN "counts"."subject" IS 'What is counted.';
COMMENT ON COLUMN "counts"."group_id" IS 'Respondent group the figure describes (see respondent_groups).';
COMMENT ON COLUMN "counts"."phase" IS 'Before (pre) or after (post) the workshops.';
COMMENT ON COLUMN "counts"."period" IS 'Month the count refers to (YYYY-MM), where given.';
COMMENT ON COLUMN "counts"."value" IS 'The count as printed.';
COMMENT ON COLUMN "counts"."qualifier" IS 'Whether the count is exact or a bound (''more than 50'' is value 50, qualifier more_than).';
COMMENT ON COLUMN "counts"."unit" IS 'Unit of the count.';
COMMENT ON COLUMN "counts"."printed" IS 'The token exactly as printed: a percentage such as ''56%'', a word such as ''Seven'', or a chart value such as ''0.56999999999999995''.';
COMMENT ON COLUMN "counts"."note" IS 'What a reader should know about this row, including any disagreement with another printed value.';
INSERT INTO "counts" SELECT * FROM read_csv('resources/counts.csv', header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', columns = {'figure_id': 'VARCHAR', 'document_id': 'VARCHAR', 'section': 'VARCHAR', 'question_id': 'VARCHAR', 'source_kind': 'VARCHAR', 'source_locator': 'VARCHAR', 'subject': 'VARCHAR', 'group_id': 'VARCHAR', 'phase': 'VARCHAR', 'period': 'VARCHAR', 'value': 'BIGINT', 'qualifier': 'VARCHAR', 'unit': 'VARCHAR', 'printed': 'VARCHAR', 'note': 'VARCHAR'});

CREATE TABLE "understanding" (
  "figure_id" VARCHAR NOT NULL CHECK (regexp_full_match("figure_id", '^[a-z0-9][a-z0-9_.-]*$')),
  "document_id" VARCHAR NOT NULL CHECK ("document_id" IN ('attitude_survey', 'telford_case_study', 'national_la_survey')),
  "section" VARCHAR NOT NULL,
  "question_id" VARCHAR,
  "source_kind" VARCHAR NOT NULL CHECK ("source_kind" IN ('text', 'table', 'chart')),
  "source_locator" VARCHAR,
  "measure" VARCHAR NOT NULL CHECK ("measure" IN ('understand_coproduction', 'confident_understanding')),
  "group_id" VARCHAR,
  "phase" VARCHAR CHECK ("phase" IN ('pre', 'post')),
  "value_pct" BIGINT NOT NULL CHECK ("value_pct" >= 0) CHECK ("value_pct" <= 100),
  "printed" VARCHAR NOT NULL,
  "note" VARCHAR,
  PRIMARY KEY ("figure_id"),
  UNIQUE ("document_id", "source_kind", "source_locator", "measure", "group_id", "phase"),
  FOREIGN KEY ("figure_id") REFERENCES "figures" ("figure_id"),
  FOREIGN KEY ("document_id") REFERENCES "documents" ("document_id"),
  FOREIGN KEY ("question_id") REFERENCES "questions" ("question_id"),
  FOREIGN KEY ("group_id") REFERENCES "respondent_groups" ("group_id")
);
COMMENT ON TABLE "understanding" IS 'Shares of participants confident that they understand co-production, before and after the workshops, from text and charts. A lone ''1'' after the last chart value of the attitude survey extract has no label and is read as a page number, not a figure.';
COMMENT ON COLUMN "understanding"."figure_id" IS 'Stable identifier of one published figure; unique across every fact resource.';
COMMENT ON COLUMN "understanding"."document_id" IS 'Report the figure is printed in (see documents).';
COMMENT ON COLUMN "understanding"."section" IS 'Section number or heading of the report where the figure is printed.';
COMMENT ON COLUMN "understanding"."question_id" IS 'Survey question the figure answers (see questions); empty where the report names none.';
COMMENT ON COLUMN "understanding"."source_kind" IS 'Where in the extract the value was read: running text, a table that lost its grid, or chart data at the end of the file.';
COMMENT ON COLUMN "understanding"."source_locator" IS 'Chart or table title, or text heading, exactly as printed (white space trimmed).';
COMMENT ON COLUMN "understanding"."measure" IS 'Which of the two printed measures: understanding co-production (text and the ''Understanding Co Production Better'' chart) or confidence in understanding (the ''Confidence in understanding Co Production'' chart and the Telford text).';
COMMENT ON COLUMN "understanding"."group_id" IS 'Respondent group the figure describes (see respondent_groups).';
COMMENT ON COLUMN "understanding"."phase" IS 'Before (pre) or after (post) the workshops.';
COMMENT ON COLUMN "understanding"."value_pct" IS 'Published percentage. Chart values are stored as the whole percentage they encode (0.56999999999999995 -> 57).';
COMMENT ON COLUMN "understanding"."printed" IS 'The token exactly as printed: a percentage such as ''56%'', a word such as ''Seven'', or a chart value such as ''0.56999999999999995''.';
COMMENT ON COLUMN "understanding"."note" IS 'What a reader should know about this row, including any disagreement with another printed value.';
INSERT INTO "understanding" SELECT * FROM read_csv('resources/understanding.csv', header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', columns = {'figure_id': 'VARCHAR', 'document_id': 'VARCHAR', 'section': 'VARCHAR', 'question_id': 'VARCHAR', 'source_kind': 'VARCHAR', 'source_locator': 'VARCHAR', 'measure': 'VARCHAR', 'group_id': 'VARCHAR', 'phase': 'VARCHAR', 'value_pct': 'BIGINT', 'printed': 'VARCHAR', 'note': 'VARCHAR'});

CREATE TABLE "impact_ratings" (
  "figure_id" VARCHAR NOT NULL CHECK (regexp_full_match("figure_id", '^[a-z0-9][a-z0-9_.-]*$')),
  "document_id" VARCHAR NOT NULL CHECK ("document_id" IN ('attitude_survey', 'telford_case_study', 'national_la_survey')),
  "section" VARCHAR NOT NULL,
  "question_id" VARCHAR,
  "source_kind" VARCHAR NOT NULL CHECK ("source_kind" IN ('text', 'table', 'chart')),
  "source_locator" VARCHAR,
  "group_id" VARCHAR,
  "phase" VARCHAR CHECK ("phase" IN ('pre', 'post')),
  "impact_id" VARCHAR NOT NULL,
  "item_label" VARCHAR,
  "chart_position" BIGINT CHECK ("chart_position" >= 1),
  "value_pct" BIGINT NOT NULL CHECK ("value_pct" >= 0) CHECK ("value_pct" <= 100),
  "printed" VARCHAR NOT NULL,
  "note" VARCHAR,
  PRIMARY KEY ("figure_id"),
  UNIQUE ("source_locator", "group_id", "phase", "impact_id"),
  FOREIGN KEY ("figure_id") REFERENCES "figures" ("figure_id"),
  FOREIGN KEY ("document_id") REFERENCES "documents" ("document_id"),
  FOREIGN KEY ("question_id") REFERENCES "questions" ("question_id"),
  FOREIGN KEY ("group_id") REFERENCES "respondent_groups" ("group_id"),
  FOREIGN KEY ("impact_id") REFERENCES "impacts" ("impact_id")
);
COMMENT ON TABLE "impact_ratings" IS 'Chart values: share of VCS and children''s centre participants rating co-production helpful on each impact, before and after. The reports do not say which scale points count.';
COMMENT ON COLUMN "impact_ratings"."figure_id" IS 'Stable identifier of one published figure; unique across every fact resource.';
COMMENT ON COLUMN "impact_ratings"."document_id" IS 'Report the figure is printed in (see documents).';
COMMENT ON COLUMN "impact_ratings"."section" IS 'Section number or heading of the report where the figure is printed.';
COMMENT ON COLUMN "impact_ratings"."question_id" IS 'Survey question the figure answers (see questions); empty where the report names none.';
COMMENT ON COLUMN "impact_ratings"."source_kind" IS 'Where in the extract the value was read: running text, a table that lost its grid, or chart data at the end of the file.';
COMMENT ON COLUMN "impact_ratings"."source_locator" IS 'Chart or table title, or text heading, exactly as printed (white space trimmed).';
COMMENT ON COLUMN "impact_ratings"."group_id" IS 'Respondent group the figure describes (see respondent_groups).';
COMMENT ON COLUMN "impact_ratings"."phase" IS 'Before (pre) or after (post) the workshops.';
COMMENT ON COLUMN "impact_ratings"."impact_id" IS 'Impact rated (see impacts).';
COMMENT ON COLUMN "impact_ratings"."item_label" IS 'Item label exactly as printed at this place (typos kept, white space trimmed).';
COMMENT ON COLUMN "impact_ratings"."chart_position" IS 'Position of the item in the chart''s series (1 = first).';
COMMENT ON COLUMN "impact_ratings"."value_pct" IS 'Published percentage. Chart values are stored as the whole percentage they encode (0.56999999999999995 -> 57).';
COMMENT ON COLUMN "impact_ratings"."printed" IS 'The token exactly as printed: a percentage such as ''56%'', a word such as ''Seven'', or a chart value such as ''0.56999999999999995''.';
COMMENT ON COLUMN "impact_ratings"."note" IS 'What a reader should know about this row, including any disagreement with another printed value.';
INSERT INTO "impact_ratings" SELECT * FROM read_csv('resources/impact_ratings.csv', header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', columns = {'figure_id': 'VARCHAR', 'document_id': 'VARCHAR', 'section': 'VARCHAR', 'question_id': 'VARCHAR', 'source_kind': 'VARCHAR', 'source_locator': 'VARCHAR', 'group_id': 'VARCHAR', 'phase': 'VARCHAR', 'impact_id': 'VARCHAR', 'item_label': 'VARCHAR', 'chart_position': 'BIGINT', 'value_pct': 'BIGINT', 'printed': 'VARCHAR', 'note': 'VARCHAR'});

CREATE TABLE "best_feature_shares" (
  "figure_id" VARCHAR NOT NULL CHECK (regexp_full_match("figure_id", '^[a-z0-9][a-z0-9_.-]*$')),
  "document_id" VARCHAR NOT NULL CHECK ("document_id" IN ('attitude_survey', 'telford_case_study', 'national_la_survey')),
  "section" VARCHAR NOT NULL,
  "question_id" VARCHAR,
  "source_kind" VARCHAR NOT NULL CHECK ("source_kind" IN ('text', 'table', 'chart')),
  "source_locator" VARCHAR,
  "group_id" VARCHAR,
  "phase" VARCHAR CHECK ("phase" IN ('pre', 'post')),
  "theme_id" VARCHAR NOT NULL,
  "value_position" BIGINT NOT NULL CHECK ("value_position" >= 1),
  "share_pct" BIGINT NOT NULL CHECK ("share_pct" >= 0) CHECK ("share_pct" <= 100),
  "is_open_list" BOOLEAN NOT NULL,
  "printed" VARCHAR NOT NULL,
  "note" VARCHAR,
  PRIMARY KEY ("figure_id"),
  UNIQUE ("group_id", "phase", "theme_id"),
  FOREIGN KEY ("figure_id") REFERENCES "figures" ("figure_id"),
  FOREIGN KEY ("document_id") REFERENCES "documents" ("document_id"),
  FOREIGN KEY ("question_id") REFERENCES "questions" ("question_id"),
  FOREIGN KEY ("group_id") REFERENCES "respondent_groups" ("group_id"),
  FOREIGN KEY ("theme_id") REFERENCES "best_feature_themes" ("theme_id")
);
COMMENT ON TABLE "best_feature_shares" IS 'Shares of comments per theme, VCS and children''s centres, before and after. Analysis based on number of comments.';
COMMENT ON COLUMN "best_feature_shares"."figure_id" IS 'Stable identifier of one published figure; unique across every fact resource.';
COMMENT ON COLUMN "best_feature_shares"."document_id" IS 'Report the figure is printed in (see documents).';
COMMENT ON COLUMN "best_feature_shares"."section" IS 'Section number or heading of the report where the figure is printed.';
COMMENT ON COLUMN "best_feature_shares"."question_id" IS 'Survey question the figure answers (see questions); empty where the report names none.';
COMMENT ON COLUMN "best_feature_shares"."source_kind" IS 'Where in the extract the value was read: running text, a table that lost its grid, or chart data at the end of the file.';
COMMENT ON COLUMN "best_feature_shares"."source_locator" IS 'Chart or table title, or text heading, exactly as printed (white space trimmed).';
COMMENT ON COLUMN "best_feature_shares"."group_id" IS 'Respondent group the figure describes (see respondent_groups).';
COMMENT ON COLUMN "best_feature_shares"."phase" IS 'Before (pre) or after (post) the workshops.';
COMMENT ON COLUMN "best_feature_shares"."theme_id" IS 'Theme (see best_feature_themes).';
COMMENT ON COLUMN "best_feature_shares"."value_position" IS 'Position of the value in the printed column of values (1 = first).';
COMMENT ON COLUMN "best_feature_shares"."share_pct" IS 'Published share of comments in percent; shares of one list are meant to sum to about 100.';
COMMENT ON COLUMN "best_feature_shares"."is_open_list" IS 'True where the printed list is not a closed set (its shares cannot sum to 100 within rounding, or values and labels do not match); false where the shares are meant to sum to 100.';
COMMENT ON COLUMN "best_feature_shares"."printed" IS 'The token exactly as printed: a percentage such as ''56%'', a word such as ''Seven'', or a chart value such as ''0.56999999999999995''.';
COMMENT ON COLUMN "best_feature_shares"."note" IS 'What a reader should know about this row, including any disagreement with another printed value.';
INSERT INTO "best_feature_shares" SELECT * FROM read_csv('resources/best_feature_shares.csv', header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', columns = {'figure_id': 'VARCHAR', 'document_id': 'VARCHAR', 'section': 'VARCHAR', 'question_id': 'VARCHAR', 'source_kind': 'VARCHAR', 'source_locator': 'VARCHAR', 'group_id': 'VARCHAR', 'phase': 'VARCHAR', 'theme_id': 'VARCHAR', 'value_position': 'BIGINT', 'share_pct': 'BIGINT', 'is_open_list': 'BOOLEAN', 'printed': 'VARCHAR', 'note': 'VARCHAR'});

CREATE TABLE "la_action_shares" (
  "figure_id" VARCHAR NOT NULL CHECK (regexp_full_match("figure_id", '^[a-z0-9][a-z0-9_.-]*$')),
  "document_id" VARCHAR NOT NULL CHECK ("document_id" IN ('attitude_survey', 'telford_case_study', 'national_la_survey')),
  "section" VARCHAR NOT NULL,
  "question_id" VARCHAR,
  "source_kind" VARCHAR NOT NULL CHECK ("source_kind" IN ('text', 'table', 'chart')),
  "source_locator" VARCHAR,
  "group_id" VARCHAR,
  "action_id" VARCHAR,
  "value_position" BIGINT NOT NULL CHECK ("value_position" >= 1),
  "share_pct" BIGINT NOT NULL CHECK ("share_pct" >= 0) CHECK ("share_pct" <= 100),
  "is_open_list" BOOLEAN NOT NULL,
  "printed" VARCHAR NOT NULL,
  "note" VARCHAR,
  PRIMARY KEY ("figure_id"),
  UNIQUE ("group_id", "value_position"),
  FOREIGN KEY ("figure_id") REFERENCES "figures" ("figure_id"),
  FOREIGN KEY ("document_id") REFERENCES "documents" ("document_id"),
  FOREIGN KEY ("question_id") REFERENCES "questions" ("question_id"),
  FOREIGN KEY ("group_id") REFERENCES "respondent_groups" ("group_id"),
  FOREIGN KEY ("action_id") REFERENCES "la_actions" ("action_id")
);
COMMENT ON TABLE "la_action_shares" IS 'Shares of comments (''Mentions'') per action asked of the local authority, VCS and children''s centres. No phase is printed.';
COMMENT ON COLUMN "la_action_shares"."figure_id" IS 'Stable identifier of one published figure; unique across every fact resource.';
COMMENT ON COLUMN "la_action_shares"."document_id" IS 'Report the figure is printed in (see documents).';
COMMENT ON COLUMN "la_action_shares"."section" IS 'Section number or heading of the report where the figure is printed.';
COMMENT ON COLUMN "la_action_shares"."question_id" IS 'Survey question the figure answers (see questions); empty where the report names none.';
COMMENT ON COLUMN "la_action_shares"."source_kind" IS 'Where in the extract the value was read: running text, a table that lost its grid, or chart data at the end of the file.';
COMMENT ON COLUMN "la_action_shares"."source_locator" IS 'Chart or table title, or text heading, exactly as printed (white space trimmed).';
COMMENT ON COLUMN "la_action_shares"."group_id" IS 'Respondent group the figure describes (see respondent_groups).';
COMMENT ON COLUMN "la_action_shares"."action_id" IS 'Action (see la_actions); empty where a printed value has no label to match.';
COMMENT ON COLUMN "la_action_shares"."value_position" IS 'Position of the value in the printed column of values (1 = first).';
COMMENT ON COLUMN "la_action_shares"."share_pct" IS 'Published share of comments in percent; shares of one list are meant to sum to about 100.';
COMMENT ON COLUMN "la_action_shares"."is_open_list" IS 'True where the printed list is not a closed set (its shares cannot sum to 100 within rounding, or values and labels do not match); false where the shares are meant to sum to 100.';
COMMENT ON COLUMN "la_action_shares"."printed" IS 'The token exactly as printed: a percentage such as ''56%'', a word such as ''Seven'', or a chart value such as ''0.56999999999999995''.';
COMMENT ON COLUMN "la_action_shares"."note" IS 'What a reader should know about this row, including any disagreement with another printed value.';
INSERT INTO "la_action_shares" SELECT * FROM read_csv('resources/la_action_shares.csv', header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', columns = {'figure_id': 'VARCHAR', 'document_id': 'VARCHAR', 'section': 'VARCHAR', 'question_id': 'VARCHAR', 'source_kind': 'VARCHAR', 'source_locator': 'VARCHAR', 'group_id': 'VARCHAR', 'action_id': 'VARCHAR', 'value_position': 'BIGINT', 'share_pct': 'BIGINT', 'is_open_list': 'BOOLEAN', 'printed': 'VARCHAR', 'note': 'VARCHAR'});

CREATE TABLE "practice_rates" (
  "figure_id" VARCHAR NOT NULL CHECK (regexp_full_match("figure_id", '^[a-z0-9][a-z0-9_.-]*$')),
  "document_id" VARCHAR NOT NULL CHECK ("document_id" IN ('attitude_survey', 'telford_case_study', 'national_la_survey')),
  "section" VARCHAR NOT NULL,
  "question_id" VARCHAR,
  "source_kind" VARCHAR NOT NULL CHECK ("source_kind" IN ('text', 'table', 'chart')),
  "challenge_id" VARCHAR,
  "practice_id" VARCHAR NOT NULL CHECK ("practice_id" IN ('map_monitor_providers', 'involve_in_strategic_planning', 'identify_providers', 'avoid_procurement_disadvantage', 'provide_capacity_support', 'support_consortium_bids')),
  "frequency" VARCHAR NOT NULL CHECK ("frequency" IN ('regularly', 'occasionally', 'normal_practice', 'always_or_very_frequently', 'occasionally_or_rarely', 'as_a_matter_of_course')),
  "value_pct" BIGINT NOT NULL CHECK ("value_pct" >= 0) CHECK ("value_pct" <= 100),
  "printed" VARCHAR NOT NULL,
  "note" VARCHAR,
  PRIMARY KEY ("figure_id"),
  UNIQUE ("practice_id", "frequency"),
  FOREIGN KEY ("figure_id") REFERENCES "figures" ("figure_id"),
  FOREIGN KEY ("document_id") REFERENCES "documents" ("document_id"),
  FOREIGN KEY ("question_id") REFERENCES "questions" ("question_id"),
  FOREIGN KEY ("challenge_id") REFERENCES "challenges" ("challenge_id")
);
COMMENT ON TABLE "practice_rates" IS 'Shares of local authorities that carry out each practice, by frequency.';
COMMENT ON COLUMN "practice_rates"."figure_id" IS 'Stable identifier of one published figure; unique across every fact resource.';
COMMENT ON COLUMN "practice_rates"."document_id" IS 'Report the figure is printed in (see documents).';
COMMENT ON COLUMN "practice_rates"."section" IS 'Section number or heading of the report where the figure is printed.';
COMMENT ON COLUMN "practice_rates"."question_id" IS 'Survey question the figure answers (see questions); empty where the report names none.';
COMMENT ON COLUMN "practice_rates"."source_kind" IS 'Where in the extract the value was read: running text, a table that lost its grid, or chart data at the end of the file.';
COMMENT ON COLUMN "practice_rates"."challenge_id" IS 'Challenge the practice belongs to; empty for mapping, printed before the challenges.';
COMMENT ON COLUMN "practice_rates"."practice_id" IS 'Practice asked about.';
COMMENT ON COLUMN "practice_rates"."frequency" IS 'Frequency band as worded in the report.';
COMMENT ON COLUMN "practice_rates"."value_pct" IS 'Published percentage. Chart values are stored as the whole percentage they encode (0.56999999999999995 -> 57).';
COMMENT ON COLUMN "practice_rates"."printed" IS 'The token exactly as printed: a percentage such as ''56%'', a word such as ''Seven'', or a chart value such as ''0.56999999999999995''.';
COMMENT ON COLUMN "practice_rates"."note" IS 'What a reader should know about this row, including any disagreement with another printed value.';
INSERT INTO "practice_rates" SELECT * FROM read_csv('resources/practice_rates.csv', header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', columns = {'figure_id': 'VARCHAR', 'document_id': 'VARCHAR', 'section': 'VARCHAR', 'question_id': 'VARCHAR', 'source_kind': 'VARCHAR', 'challenge_id': 'VARCHAR', 'practice_id': 'VARCHAR', 'frequency': 'VARCHAR', 'value_pct': 'BIGINT', 'printed': 'VARCHAR', 'note': 'VARCHAR'});

CREATE TABLE "resource_ratings" (
  "figure_id" VARCHAR NOT NULL CHECK (regexp_full_match("figure_id", '^[a-z0-9][a-z0-9_.-]*$')),
  "document_id" VARCHAR NOT NULL CHECK ("document_id" IN ('attitude_survey', 'telford_case_study', 'national_la_survey')),
  "section" VARCHAR NOT NULL,
  "question_id" VARCHAR,
  "source_kind" VARCHAR NOT NULL CHECK ("source_kind" IN ('text', 'table', 'chart')),
  "source_locator" VARCHAR,
  "scope" VARCHAR NOT NULL CHECK ("scope" IN ('challenge', 'overall')),
  "challenge_id" VARCHAR,
  "resource_type_id" VARCHAR NOT NULL,
  "item_label" VARCHAR,
  "measure" VARCHAR NOT NULL CHECK ("measure" IN ('rated_important', 'not_valued')),
  "chart_position" BIGINT CHECK ("chart_position" >= 1),
  "value_pct" BIGINT NOT NULL CHECK ("value_pct" >= 0) CHECK ("value_pct" <= 100),
  "printed" VARCHAR NOT NULL,
  "note" VARCHAR,
  PRIMARY KEY ("figure_id"),
  UNIQUE ("source_kind", "scope", "challenge_id", "resource_type_id", "measure"),
  FOREIGN KEY ("figure_id") REFERENCES "figures" ("figure_id"),
  FOREIGN KEY ("document_id") REFERENCES "documents" ("document_id"),
  FOREIGN KEY ("question_id") REFERENCES "questions" ("question_id"),
  FOREIGN KEY ("challenge_id") REFERENCES "challenges" ("challenge_id"),
  FOREIGN KEY ("resource_type_id") REFERENCES "resource_types" ("resource_type_id")
);
COMMENT ON TABLE "resource_ratings" IS 'Share of local authorities rating each resource important, per challenge and overall, from text and from chart data.';
COMMENT ON COLUMN "resource_ratings"."figure_id" IS 'Stable identifier of one published figure; unique across every fact resource.';
COMMENT ON COLUMN "resource_ratings"."document_id" IS 'Report the figure is printed in (see documents).';
COMMENT ON COLUMN "resource_ratings"."section" IS 'Section number or heading of the report where the figure is printed.';
COMMENT ON COLUMN "resource_ratings"."question_id" IS 'Survey question the figure answers (see questions); empty where the report names none.';
COMMENT ON COLUMN "resource_ratings"."source_kind" IS 'Where in the extract the value was read: running text, a table that lost its grid, or chart data at the end of the file.';
COMMENT ON COLUMN "resource_ratings"."source_locator" IS 'Chart or table title, or text heading, exactly as printed (white space trimmed).';
COMMENT ON COLUMN "resource_ratings"."scope" IS 'Per challenge, or the overall question.';
COMMENT ON COLUMN "resource_ratings"."challenge_id" IS 'Challenge (empty for the overall question).';
COMMENT ON COLUMN "resource_ratings"."resource_type_id" IS 'Resource rated (see resource_types).';
COMMENT ON COLUMN "resource_ratings"."item_label" IS 'Item label exactly as printed at this place (typos kept, white space trimmed).';
COMMENT ON COLUMN "resource_ratings"."measure" IS 'rated_important, or not_valued where the text gives the share that do not value the resource.';
COMMENT ON COLUMN "resource_ratings"."chart_position" IS 'Position of the item in the chart''s series (1 = first).';
COMMENT ON COLUMN "resource_ratings"."value_pct" IS 'Published percentage. Chart values are stored as the whole percentage they encode (0.56999999999999995 -> 57).';
COMMENT ON COLUMN "resource_ratings"."printed" IS 'The token exactly as printed: a percentage such as ''56%'', a word such as ''Seven'', or a chart value such as ''0.56999999999999995''.';
COMMENT ON COLUMN "resource_ratings"."note" IS 'What a reader should know about this row, including any disagreement with another printed value.';
INSERT INTO "resource_ratings" SELECT * FROM read_csv('resources/resource_ratings.csv', header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', columns = {'figure_id': 'VARCHAR', 'document_id': 'VARCHAR', 'section': 'VARCHAR', 'question_id': 'VARCHAR', 'source_kind': 'VARCHAR', 'source_locator': 'VARCHAR', 'scope': 'VARCHAR', 'challenge_id': 'VARCHAR', 'resource_type_id': 'VARCHAR', 'item_label': 'VARCHAR', 'measure': 'VARCHAR', 'chart_position': 'BIGINT', 'value_pct': 'BIGINT', 'printed': 'VARCHAR', 'note': 'VARCHAR'});

CREATE TABLE "response_rates" (
  "figure_id" VARCHAR NOT NULL CHECK (regexp_full_match("figure_id", '^[a-z0-9][a-z0-9_.-]*$')),
  "document_id" VARCHAR NOT NULL CHECK ("document_id" IN ('attitude_survey', 'telford_case_study', 'national_la_survey')),
  "section" VARCHAR NOT NULL,
  "question_id" VARCHAR,
  "source_kind" VARCHAR NOT NULL CHECK ("source_kind" IN ('text', 'table', 'chart')),
  "source_locator" VARCHAR,
  "scope" VARCHAR NOT NULL CHECK ("scope" IN ('national', 'region')),
  "region_id" VARCHAR,
  "measure" VARCHAR NOT NULL CHECK ("measure" IN ('raw', 'adjusted')),
  "item_label" VARCHAR,
  "table_position" BIGINT CHECK ("table_position" >= 1),
  "value_pct" BIGINT NOT NULL CHECK ("value_pct" >= 0) CHECK ("value_pct" <= 100),
  "printed" VARCHAR NOT NULL,
  "note" VARCHAR,
  PRIMARY KEY ("figure_id"),
  UNIQUE ("source_kind", "scope", "region_id", "measure"),
  FOREIGN KEY ("figure_id") REFERENCES "figures" ("figure_id"),
  FOREIGN KEY ("document_id") REFERENCES "documents" ("document_id"),
  FOREIGN KEY ("question_id") REFERENCES "questions" ("question_id"),
  FOREIGN KEY ("region_id") REFERENCES "regions" ("region_id")
);
COMMENT ON TABLE "response_rates" IS 'Raw and adjusted response rates of local authorities, national and by region.';
COMMENT ON COLUMN "response_rates"."figure_id" IS 'Stable identifier of one published figure; unique across every fact resource.';
COMMENT ON COLUMN "response_rates"."document_id" IS 'Report the figure is printed in (see documents).';
COMMENT ON COLUMN "response_rates"."section" IS 'Section number or heading of the report where the figure is printed.';
COMMENT ON COLUMN "response_rates"."question_id" IS 'Survey question the figure answers (see questions); empty where the report names none.';
COMMENT ON COLUMN "response_rates"."source_kind" IS 'Where in the extract the value was read: running text, a table that lost its grid, or chart data at the end of the file.';
COMMENT ON COLUMN "response_rates"."source_locator" IS 'Chart or table title, or text heading, exactly as printed (white space trimmed).';
COMMENT ON COLUMN "response_rates"."scope" IS 'National total or one region.';
COMMENT ON COLUMN "response_rates"."region_id" IS 'Region (empty for national rows).';
COMMENT ON COLUMN "response_rates"."measure" IS 'raw: returns over all authorities; adjusted: returns over eligible authorities.';
COMMENT ON COLUMN "response_rates"."item_label" IS 'Item label exactly as printed at this place (typos kept, white space trimmed).';
COMMENT ON COLUMN "response_rates"."table_position" IS 'Row position in the printed table (1 = first).';
COMMENT ON COLUMN "response_rates"."value_pct" IS 'Published percentage. Chart values are stored as the whole percentage they encode (0.56999999999999995 -> 57).';
COMMENT ON COLUMN "response_rates"."printed" IS 'The token exactly as printed: a percentage such as ''56%'', a word such as ''Seven'', or a chart value such as ''0.56999999999999995''.';
COMMENT ON COLUMN "response_rates"."note" IS 'What a reader should know about this row, including any disagreement with another printed value.';
INSERT INTO "response_rates" SELECT * FROM read_csv('resources/response_rates.csv', header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', columns = {'figure_id': 'VARCHAR', 'document_id': 'VARCHAR', 'section': 'VARCHAR', 'question_id': 'VARCHAR', 'source_kind': 'VARCHAR', 'source_locator': 'VARCHAR', 'scope': 'VARCHAR', 'region_id': 'VARCHAR', 'measure': 'VARCHAR', 'item_label': 'VARCHAR', 'table_position': 'BIGINT', 'value_pct': 'BIGINT', 'printed': 'VARCHAR', 'note': 'VARCHAR'});

CREATE TABLE "claims" (
  "claim_id" VARCHAR NOT NULL CHECK (regexp_full_match("claim_id", '^[a-z0-9][a-z0-9_.-]*$')),
  "document_id" VARCHAR NOT NULL CHECK ("document_id" IN ('attitude_survey', 'telford_case_study', 'national_la_survey')),
  "section" VARCHAR NOT NULL,
  "question_id" VARCHAR,
  "claim_kind" VARCHAR NOT NULL CHECK ("claim_kind" IN ('percentage', 'count', 'total', 'date', 'ratio_phrase', 'threshold', 'ordinal', 'comparison', 'significance')),
  "statement" VARCHAR NOT NULL,
  "published" VARCHAR NOT NULL,
  "relation" VARCHAR CHECK ("relation" IN ('equals', 'about', 'nearly', 'more_than', 'less_than')),
  "value" DOUBLE,
  "unit" VARCHAR NOT NULL CHECK ("unit" IN ('percent', 'count', 'years', 'rank', 'date', 'none')),
  "figure_ids" VARCHAR CHECK (regexp_full_match("figure_ids", '^[a-z0-9_.\- ]*$')),
  "note" VARCHAR,
  PRIMARY KEY ("claim_id"),
  FOREIGN KEY ("document_id") REFERENCES "documents" ("document_id"),
  FOREIGN KEY ("question_id") REFERENCES "questions" ("question_id")
);
COMMENT ON TABLE "claims" IS 'Every statement in the reports that states or implies a figure, in this project''s words, with the published value(s) and the figure rows it rests on.';
COMMENT ON COLUMN "claims"."claim_id" IS 'Identifier of the claim.';
COMMENT ON COLUMN "claims"."document_id" IS 'Report the figure is printed in (see documents).';
COMMENT ON COLUMN "claims"."section" IS 'Section number or heading of the report where the figure is printed.';
COMMENT ON COLUMN "claims"."question_id" IS 'Survey question the figure answers (see questions); empty where the report names none.';
COMMENT ON COLUMN "claims"."claim_kind" IS 'Kind of claim.';
COMMENT ON COLUMN "claims"."statement" IS 'The claim in this project''s own short words.';
COMMENT ON COLUMN "claims"."published" IS 'The published value(s) or phrase carrying the figure, as printed (several values separated by ''; '').';
COMMENT ON COLUMN "claims"."relation" IS 'How the claim relates its figures to value: equals; about (a rounded ratio such as ''nine out of ten'' = 90); nearly (just under value); more_than; less_than. Empty where the claim asserts no single number.';
COMMENT ON COLUMN "claims"."value" IS 'The single number the claim asserts, where it asserts one: a count, a percentage, the percentage a ratio phrase stands for (''Nine out of ten'' = 90), a threshold, or a rank.';
COMMENT ON COLUMN "claims"."unit" IS 'Unit of value.';
COMMENT ON COLUMN "claims"."figure_ids" IS 'Space-separated figure_id values of the fact rows the claim rests on (empty where none are published).';
COMMENT ON COLUMN "claims"."note" IS 'What a reader should know about this row, including any disagreement with another printed value.';
INSERT INTO "claims" SELECT * FROM read_csv('resources/claims.csv', header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', columns = {'claim_id': 'VARCHAR', 'document_id': 'VARCHAR', 'section': 'VARCHAR', 'question_id': 'VARCHAR', 'claim_kind': 'VARCHAR', 'statement': 'VARCHAR', 'published': 'VARCHAR', 'relation': 'VARCHAR', 'value': 'DOUBLE', 'unit': 'VARCHAR', 'figure_ids': 'VARCHAR', 'note': 'VARCHAR'});

CREATE TABLE "checks" (
  "check_id" VARCHAR NOT NULL CHECK (regexp_full_match("check_id", '^[a-z0-9][a-z0-9_.-]*$')),
  "kind" VARCHAR NOT NULL CHECK ("kind" IN ('same_figure', 'parts_sum', 'share_list', 'percent_of_count', 'common_base', 'response_rates', 'pre_post', 'rank', 'threshold', 'count_listed', 'significance', 'near', 'dates')),
  "document_id" VARCHAR NOT NULL,
  "section" VARCHAR,
  "statement" VARCHAR NOT NULL,
  "relation" VARCHAR CHECK ("relation" IN ('equals', 'at_most', 'union', 'closed', 'open', 'assumed_open', 'common', 'each', 'joint', 'up', 'not_down', 'count_up', 'about_same', 'rank', 'top', 'bottom', 'rank_pooled', 'top_pooled', 'about', 'nearly', 'rounds_to', 'more_than', 'less_than', 'increase', 'same', 'within')),
  "value" DOUBLE,
  "tolerance" DOUBLE CHECK ("tolerance" >= 0),
  "base_min" BIGINT CHECK ("base_min" >= 1),
  "base_max" BIGINT CHECK ("base_max" >= 1),
  "design" VARCHAR CHECK ("design" IN ('independent', 'repeated')),
  "assumption" VARCHAR,
  "note" VARCHAR,
  PRIMARY KEY ("check_id"),
  FOREIGN KEY ("document_id") REFERENCES "documents" ("document_id")
);
COMMENT ON TABLE "checks" IS 'Every relation the audit tests, one row per check: its kind, the document it concerns, what it asserts in this project''s words, the relation and number it tests, the bases a percentage may be a share of, any interpretive tolerance and the assumption that tolerance (or a relaxed reading) rests on. Members are in check_members. The audit recomputes each check (view audit_checks) and rolls the verdicts up per figure and claim (figure_audit).';
COMMENT ON COLUMN "checks"."check_id" IS 'Identifier of the check.';
COMMENT ON COLUMN "checks"."kind" IS 'Kind of check, which fixes how it is recomputed (one SQL file per kind): same_figure (one quantity printed more than once: every printing equal, or, for a printed bound on a count such as ''more than 50'', one whole number fitting every printing); parts_sum (parts against a total); share_list (shares of one list sum to 100 within rounding, with the smallest number of answers that reproduces them); percent_of_count (percentages of a count the report states for them: whole numbers give them, GRIM); common_base (percentages that should be shares of one base: a candidate base printed elsewhere, or any base in a stated range); response_rates (regional rates, their total and the raw rate from whole numbers of returns and eligible authorities, jointly); pre_post (direction and size of changes from before to after); rank (order and rank claims); threshold (threshold and ratio phrases such as ''over half'' or ''nine out of ten''); count_listed (a number of items against the items listed); significance (a claim that a change is statistically significant); near (values the report calls close to a reference figure, such as ''nearly as important'': each at most tolerance points below it, an interpretation, so at best conditional); dates (printed dates as the periods they stand for: the same date printed twice, or events inside a period).';
COMMENT ON COLUMN "checks"."document_id" IS 'Report the check concerns (see documents).';
COMMENT ON COLUMN "checks"."section" IS 'Section number or heading of the report where the checked statement or figures are printed.';
COMMENT ON COLUMN "checks"."statement" IS 'What the check asserts, in this project''s own words.';
COMMENT ON COLUMN "checks"."relation" IS 'How the members relate; which values a kind accepts is set out in the data dictionary''s note on checks. parts_sum: equals (parts add up to a total), at_most (parts fit within the total; a part with term assumed_part belongs to it only under the check''s assumption: the check is tried with and without it: holding only one way is conditional, holding both ways reproduced, and an assumed part it judges then rolls up conditional in figure_audit), union (parts may overlap: the strict reading is equals, the relaxed one that the total lies between the largest part and the sum). share_list: closed (sum 100), open (the report says some answers are unlisted: sum at most 100) or assumed_open (judged closed first; holding only as an open list is conditional on the check''s assumption). common_base: common (one base for every share) or each (relaxed: each share may have its own base in the range). pre_post: up, not_down, count_up (value = how many rose), about_same. rank: rank (named members hold their rank), top / bottom (named members are the highest / lowest), top_pooled (as top, members of one item averaged over the series). threshold: about, nearly, more_than, less_than, rounds_to (value is the figure rounded to a step of twice the tolerance, as ''nine out of ten'' is a share rounded to tenths: rounding, not an interpretation, so never conditional). significance: increase. dates: same (every printing names one date) or within (every event falls inside every period).';
COMMENT ON COLUMN "checks"."value" IS 'The number the relation refers to: a threshold, the percentage a ratio phrase stands for (''nine out of ten'' = 90), how many items rose, or the significance level (default 0.05).';
COMMENT ON COLUMN "checks"."tolerance" IS 'Tolerance, in the unit of the figures (percentage points): how far ''about'' or ''nearly'' may be from value, how far below its reference a near value may lie, or how large a change ''about the same'' allows; an assumption, not rounding: a check that needs it is conditional. For threshold relation rounds_to it is instead half the step the phrase is rounded to (5 for tenths): rounding, never an assumption.';
COMMENT ON COLUMN "checks"."base_min" IS 'Smallest base the percentages may be shares of, where the report bounds it but prints no count for exactly these figures.';
COMMENT ON COLUMN "checks"."base_max" IS 'Largest such base (for example all respondents of that phase); for share_list, the most answers the list can hold (for example the answers each respondent may give times the group size): the totals that reproduce the shares are searched up to it.';
COMMENT ON COLUMN "checks"."design" IS 'For significance and pre_post checks: independent (two separate samples) or repeated (largely the same people answered before and after). A repeated change gets, beside its unpaired interval, the range over every pairing the margins permit (change_intervals); a significance check is judged on both.';
COMMENT ON COLUMN "checks"."assumption" IS 'The assumption the check''s relaxed reading (tolerance, overlap, a base other than the candidate, item non-response, a pairing) rests on, in words; shown beside a conditional verdict.';
COMMENT ON COLUMN "checks"."note" IS 'What a reader should know about this check.';
INSERT INTO "checks" SELECT * FROM read_csv('resources/checks.csv', header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', columns = {'check_id': 'VARCHAR', 'kind': 'VARCHAR', 'document_id': 'VARCHAR', 'section': 'VARCHAR', 'statement': 'VARCHAR', 'relation': 'VARCHAR', 'value': 'DOUBLE', 'tolerance': 'DOUBLE', 'base_min': 'BIGINT', 'base_max': 'BIGINT', 'design': 'VARCHAR', 'assumption': 'VARCHAR', 'note': 'VARCHAR'});

CREATE TABLE "check_members" (
  "check_id" VARCHAR NOT NULL,
  "position" BIGINT NOT NULL CHECK ("position" >= 1),
  "term" VARCHAR NOT NULL CHECK ("term" IN ('printing', 'part', 'total', 'share', 'base', 'count', 'listed', 'rate', 'raw', 'value', 'pre', 'post', 'pre_base', 'post_base', 'claim', 'assumed_part', 'reference', 'event', 'period', 'assumed_period')),
  "role" VARCHAR NOT NULL CHECK ("role" IN ('asserts', 'alternative', 'member', 'input')),
  "series" VARCHAR,
  "figure_id" VARCHAR CHECK (regexp_full_match("figure_id", '^[a-z0-9][a-z0-9_.-]*$')),
  "claim_id" VARCHAR CHECK (regexp_full_match("claim_id", '^[a-z0-9][a-z0-9_.-]*$')),
  "count_of" VARCHAR CHECK (regexp_full_match("count_of", '^[a-z0-9_]+(\.[a-z0-9_]+=[^\s]+)?$')),
  "rank" BIGINT CHECK ("rank" >= 1),
  "date_from" VARCHAR CHECK (regexp_full_match("date_from", '^[0-9]{4}-[0-9]{2}-[0-9]{2}$')),
  "date_to" VARCHAR CHECK (regexp_full_match("date_to", '^[0-9]{4}-[0-9]{2}-[0-9]{2}$')),
  "note" VARCHAR,
  PRIMARY KEY ("check_id", "position"),
  FOREIGN KEY ("check_id") REFERENCES "checks" ("check_id"),
  FOREIGN KEY ("figure_id") REFERENCES "figures" ("figure_id"),
  FOREIGN KEY ("claim_id") REFERENCES "claims" ("claim_id")
);
COMMENT ON TABLE "check_members" IS 'The figures, claims and counts each check reads, one row per member, in the order the check lists them. A member is a printed figure (figure_id), a claim (claim_id) or a number of rows of a package resource (count_of, for example the authorities of one region in the reference list).';
COMMENT ON COLUMN "check_members"."check_id" IS 'The check (see checks).';
COMMENT ON COLUMN "check_members"."position" IS 'Position of the member within its check, from 1.';
COMMENT ON COLUMN "check_members"."term" IS 'The member''s place in the check''s relation: printing (same_figure), part / total (parts_sum), assumed_part (parts_sum: a part only under the check''s assumption), share (share_list, percent_of_count, common_base), base (a candidate base), count / listed (count_listed), rate / raw / total (response_rates), value (rank, threshold, near), reference (near: the figure the values are close to), event / period (dates: what must fall inside what; printing for the same date), assumed_period (dates: a period the reports do not print but the check derives under its assumption, such as a programme year counted from a start month; the check is then at best conditional), pre / post (pre_post, rank of changes, significance), pre_base / post_base (significance), claim (a claim that asserts what the check tests or restates its figures).';
COMMENT ON COLUMN "check_members"."role" IS 'What the verdict means for the member: asserts (the member states what the check tests; a failed check singles it out), member (takes part; a failed check involves it, and singles it out only when it is the only printed member or a minority printing of a same_figure check), input (read only: a base, a list a claim ranks within, the figures a phrase quotes; the verdict is not the member''s); alternative (as asserts, for a statement tested under alternative readings of the printed figures, such as the text''s values and the chart''s: when one reading holds and another fails, the member is conditional on the reading that holds, not wrong; when every reading fails, each failed check singles it out).';
COMMENT ON COLUMN "check_members"."series" IS 'Groups members within a check: a pre/post pair (the item), one printed list (the phase), or the share a base belongs to. Empty where the check has one series.';
COMMENT ON COLUMN "check_members"."figure_id" IS 'The printed figure (see figures), where the member is one.';
COMMENT ON COLUMN "check_members"."claim_id" IS 'The claim (see claims), where the member is one.';
COMMENT ON COLUMN "check_members"."count_of" IS 'Where the member is a number of rows of a package resource: ''resource'' (all its rows) or ''resource.field=value'' (rows with that value). Counted when the database is built.';
COMMENT ON COLUMN "check_members"."rank" IS 'For rank checks: the rank the claim gives this member (1 = largest); empty for the other members of the list.';
COMMENT ON COLUMN "check_members"."date_from" IS 'For dates checks: the first day (YYYY-MM-DD) of the period the member''s printed date stands for at its printed precision (''April 2011'': 2011-04-01; ''2012'': 2012-01-01), or of a period the check derives from it (said in note).';
COMMENT ON COLUMN "check_members"."date_to" IS 'For dates checks: the last day (YYYY-MM-DD) of that period (''April 2011'': 2011-04-30); empty for a single day given in date_from.';
COMMENT ON COLUMN "check_members"."note" IS 'What a reader should know about this member.';
INSERT INTO "check_members" SELECT * FROM read_csv('resources/check_members.csv', header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', columns = {'check_id': 'VARCHAR', 'position': 'BIGINT', 'term': 'VARCHAR', 'role': 'VARCHAR', 'series': 'VARCHAR', 'figure_id': 'VARCHAR', 'claim_id': 'VARCHAR', 'count_of': 'VARCHAR', 'rank': 'BIGINT', 'date_from': 'VARCHAR', 'date_to': 'VARCHAR', 'note': 'VARCHAR'});

CREATE TABLE package_info AS SELECT 'coprod-data' AS name, '0.2.0' AS version, '2026-11-22T00:00:00Z' AS created;
COMMENT ON TABLE package_info IS 'The data package this database was built from.';
COMMENT ON COLUMN package_info.name IS 'The data package''s name.';
COMMENT ON COLUMN package_info.version IS 'The data package''s version.';
COMMENT ON COLUMN package_info.created IS 'When the data package was created.';

-- fact_figures: every published figure of every fact resource in one long table, one row
-- per figure_id; each resource's coprod:figure mapping says which field fills which column.
--   context : the field of the fact resource that sets the figure apart within its
--             question and group (such as the period, the challenge or the scope), as its value
CREATE OR REPLACE VIEW fact_figures AS
SELECT CAST("figure_id" AS VARCHAR) AS figure_id, 'counts' AS resource, CAST("document_id" AS VARCHAR) AS document_id, CAST("section" AS VARCHAR) AS section, CAST("question_id" AS VARCHAR) AS question_id, CAST("source_kind" AS VARCHAR) AS source_kind, CAST("source_locator" AS VARCHAR) AS source_locator, CAST("group_id" AS VARCHAR) AS group_id, CAST("phase" AS VARCHAR) AS phase, CAST("subject" AS VARCHAR) AS item_id, CAST('count' AS VARCHAR) AS measure, CAST("period" AS VARCHAR) AS context, CAST("value" AS DOUBLE) AS value, CAST("qualifier" AS VARCHAR) AS qualifier, CAST("unit" AS VARCHAR) AS unit, CAST("printed" AS VARCHAR) AS printed, CAST("note" AS VARCHAR) AS note FROM "counts"
UNION ALL
SELECT CAST("figure_id" AS VARCHAR) AS figure_id, 'understanding' AS resource, CAST("document_id" AS VARCHAR) AS document_id, CAST("section" AS VARCHAR) AS section, CAST("question_id" AS VARCHAR) AS question_id, CAST("source_kind" AS VARCHAR) AS source_kind, CAST("source_locator" AS VARCHAR) AS source_locator, CAST("group_id" AS VARCHAR) AS group_id, CAST("phase" AS VARCHAR) AS phase, CAST("measure" AS VARCHAR) AS item_id, CAST("measure" AS VARCHAR) AS measure, CAST(NULL AS VARCHAR) AS context, CAST("value_pct" AS DOUBLE) AS value, CAST(NULL AS VARCHAR) AS qualifier, CAST('percent' AS VARCHAR) AS unit, CAST("printed" AS VARCHAR) AS printed, CAST("note" AS VARCHAR) AS note FROM "understanding"
UNION ALL
SELECT CAST("figure_id" AS VARCHAR) AS figure_id, 'impact_ratings' AS resource, CAST("document_id" AS VARCHAR) AS document_id, CAST("section" AS VARCHAR) AS section, CAST("question_id" AS VARCHAR) AS question_id, CAST("source_kind" AS VARCHAR) AS source_kind, CAST("source_locator" AS VARCHAR) AS source_locator, CAST("group_id" AS VARCHAR) AS group_id, CAST("phase" AS VARCHAR) AS phase, CAST("impact_id" AS VARCHAR) AS item_id, CAST('rated_helpful' AS VARCHAR) AS measure, CAST(NULL AS VARCHAR) AS context, CAST("value_pct" AS DOUBLE) AS value, CAST(NULL AS VARCHAR) AS qualifier, CAST('percent' AS VARCHAR) AS unit, CAST("printed" AS VARCHAR) AS printed, CAST("note" AS VARCHAR) AS note FROM "impact_ratings"
UNION ALL
SELECT CAST("figure_id" AS VARCHAR) AS figure_id, 'best_feature_shares' AS resource, CAST("document_id" AS VARCHAR) AS document_id, CAST("section" AS VARCHAR) AS section, CAST("question_id" AS VARCHAR) AS question_id, CAST("source_kind" AS VARCHAR) AS source_kind, CAST("source_locator" AS VARCHAR) AS source_locator, CAST("group_id" AS VARCHAR) AS group_id, CAST("phase" AS VARCHAR) AS phase, CAST("theme_id" AS VARCHAR) AS item_id, CAST('share_of_comments' AS VARCHAR) AS measure, CAST(NULL AS VARCHAR) AS context, CAST("share_pct" AS DOUBLE) AS value, CAST(NULL AS VARCHAR) AS qualifier, CAST('percent' AS VARCHAR) AS unit, CAST("printed" AS VARCHAR) AS printed, CAST("note" AS VARCHAR) AS note FROM "best_feature_shares"
UNION ALL
SELECT CAST("figure_id" AS VARCHAR) AS figure_id, 'la_action_shares' AS resource, CAST("document_id" AS VARCHAR) AS document_id, CAST("section" AS VARCHAR) AS section, CAST("question_id" AS VARCHAR) AS question_id, CAST("source_kind" AS VARCHAR) AS source_kind, CAST("source_locator" AS VARCHAR) AS source_locator, CAST("group_id" AS VARCHAR) AS group_id, CAST(NULL AS VARCHAR) AS phase, CAST("action_id" AS VARCHAR) AS item_id, CAST('share_of_comments' AS VARCHAR) AS measure, CAST(NULL AS VARCHAR) AS context, CAST("share_pct" AS DOUBLE) AS value, CAST(NULL AS VARCHAR) AS qualifier, CAST('percent' AS VARCHAR) AS unit, CAST("printed" AS VARCHAR) AS printed, CAST("note" AS VARCHAR) AS note FROM "la_action_shares"
UNION ALL
SELECT CAST("figure_id" AS VARCHAR) AS figure_id, 'practice_rates' AS resource, CAST("document_id" AS VARCHAR) AS document_id, CAST("section" AS VARCHAR) AS section, CAST("question_id" AS VARCHAR) AS question_id, CAST("source_kind" AS VARCHAR) AS source_kind, CAST(NULL AS VARCHAR) AS source_locator, CAST('la_respondents' AS VARCHAR) AS group_id, CAST(NULL AS VARCHAR) AS phase, CAST("practice_id" AS VARCHAR) AS item_id, CAST("frequency" AS VARCHAR) AS measure, CAST("challenge_id" AS VARCHAR) AS context, CAST("value_pct" AS DOUBLE) AS value, CAST(NULL AS VARCHAR) AS qualifier, CAST('percent' AS VARCHAR) AS unit, CAST("printed" AS VARCHAR) AS printed, CAST("note" AS VARCHAR) AS note FROM "practice_rates"
UNION ALL
SELECT CAST("figure_id" AS VARCHAR) AS figure_id, 'resource_ratings' AS resource, CAST("document_id" AS VARCHAR) AS document_id, CAST("section" AS VARCHAR) AS section, CAST("question_id" AS VARCHAR) AS question_id, CAST("source_kind" AS VARCHAR) AS source_kind, CAST("source_locator" AS VARCHAR) AS source_locator, CAST('la_respondents' AS VARCHAR) AS group_id, CAST(NULL AS VARCHAR) AS phase, CAST("resource_type_id" AS VARCHAR) AS item_id, CAST("measure" AS VARCHAR) AS measure, CAST("challenge_id" AS VARCHAR) AS context, CAST("value_pct" AS DOUBLE) AS value, CAST(NULL AS VARCHAR) AS qualifier, CAST('percent' AS VARCHAR) AS unit, CAST("printed" AS VARCHAR) AS printed, CAST("note" AS VARCHAR) AS note FROM "resource_ratings"
UNION ALL
SELECT CAST("figure_id" AS VARCHAR) AS figure_id, 'response_rates' AS resource, CAST("document_id" AS VARCHAR) AS document_id, CAST("section" AS VARCHAR) AS section, CAST("question_id" AS VARCHAR) AS question_id, CAST("source_kind" AS VARCHAR) AS source_kind, CAST("source_locator" AS VARCHAR) AS source_locator, CAST(NULL AS VARCHAR) AS group_id, CAST(NULL AS VARCHAR) AS phase, CAST("region_id" AS VARCHAR) AS item_id, CAST("measure" AS VARCHAR) AS measure, CAST("scope" AS VARCHAR) AS context, CAST("value_pct" AS DOUBLE) AS value, CAST(NULL AS VARCHAR) AS qualifier, CAST('percent' AS VARCHAR) AS unit, CAST("printed" AS VARCHAR) AS printed, CAST("note" AS VARCHAR) AS note FROM "response_rates";

CREATE SCHEMA IF NOT EXISTS internal;

-- resource_row_counts: rows per resource, in all ('resource') and per value of each string
-- field ('resource.field=value'), as check_members.count_of refers to them.
--   ref : 'resource' or 'resource.field=value'
--   n   : number of rows of the resource (with that value)
CREATE OR REPLACE VIEW internal.resource_row_counts AS
SELECT 'documents' AS ref, count(*) AS n FROM "documents"
UNION ALL
SELECT 'documents.' || field || '=' || value, count(*) FROM (UNPIVOT (SELECT "document_id", "seed_file", "title", "publisher", "period", "kind", "description" FROM "documents") ON "document_id", "seed_file", "title", "publisher", "period", "kind", "description" INTO NAME field VALUE value) GROUP BY ALL
UNION ALL
SELECT 'respondent_groups' AS ref, count(*) AS n FROM "respondent_groups"
UNION ALL
SELECT 'respondent_groups.' || field || '=' || value, count(*) FROM (UNPIVOT (SELECT "group_id", "label", "normalised_label", "parent_group_id", "description" FROM "respondent_groups") ON "group_id", "label", "normalised_label", "parent_group_id", "description" INTO NAME field VALUE value) GROUP BY ALL
UNION ALL
SELECT 'questions' AS ref, count(*) AS n FROM "questions"
UNION ALL
SELECT 'questions.' || field || '=' || value, count(*) FROM (UNPIVOT (SELECT "question_id", "document_id", "label", "topic", "basis" FROM "questions") ON "question_id", "document_id", "label", "topic", "basis" INTO NAME field VALUE value) GROUP BY ALL
UNION ALL
SELECT 'impacts' AS ref, count(*) AS n FROM "impacts"
UNION ALL
SELECT 'impacts.' || field || '=' || value, count(*) FROM (UNPIVOT (SELECT "impact_id", "label", "normalised_label" FROM "impacts") ON "impact_id", "label", "normalised_label" INTO NAME field VALUE value) GROUP BY ALL
UNION ALL
SELECT 'best_feature_themes' AS ref, count(*) AS n FROM "best_feature_themes"
UNION ALL
SELECT 'best_feature_themes.' || field || '=' || value, count(*) FROM (UNPIVOT (SELECT "theme_id", "group_id", "label", "normalised_label" FROM "best_feature_themes") ON "theme_id", "group_id", "label", "normalised_label" INTO NAME field VALUE value) GROUP BY ALL
UNION ALL
SELECT 'la_actions' AS ref, count(*) AS n FROM "la_actions"
UNION ALL
SELECT 'la_actions.' || field || '=' || value, count(*) FROM (UNPIVOT (SELECT "action_id", "group_id", "label", "normalised_label" FROM "la_actions") ON "action_id", "group_id", "label", "normalised_label" INTO NAME field VALUE value) GROUP BY ALL
UNION ALL
SELECT 'challenges' AS ref, count(*) AS n FROM "challenges"
UNION ALL
SELECT 'challenges.' || field || '=' || value, count(*) FROM (UNPIVOT (SELECT "challenge_id", "label", "list_label", "normalised_label", "question_id" FROM "challenges") ON "challenge_id", "label", "list_label", "normalised_label", "question_id" INTO NAME field VALUE value) GROUP BY ALL
UNION ALL
SELECT 'resource_types' AS ref, count(*) AS n FROM "resource_types"
UNION ALL
SELECT 'resource_types.' || field || '=' || value, count(*) FROM (UNPIVOT (SELECT "resource_type_id", "label", "normalised_label" FROM "resource_types") ON "resource_type_id", "label", "normalised_label" INTO NAME field VALUE value) GROUP BY ALL
UNION ALL
SELECT 'regions' AS ref, count(*) AS n FROM "regions"
UNION ALL
SELECT 'regions.' || field || '=' || value, count(*) FROM (UNPIVOT (SELECT "region_id", "label", "normalised_label", "gss_code" FROM "regions") ON "region_id", "label", "normalised_label", "gss_code" INTO NAME field VALUE value) GROUP BY ALL
UNION ALL
SELECT 'proposals' AS ref, count(*) AS n FROM "proposals"
UNION ALL
SELECT 'proposals.' || field || '=' || value, count(*) FROM (UNPIVOT (SELECT "proposal_id", "label", "summary" FROM "proposals") ON "proposal_id", "label", "summary" INTO NAME field VALUE value) GROUP BY ALL
UNION ALL
SELECT 'local_authorities' AS ref, count(*) AS n FROM "local_authorities"
UNION ALL
SELECT 'local_authorities.' || field || '=' || value, count(*) FROM (UNPIVOT (SELECT "la_id", "name", "region_id", "gss_code" FROM "local_authorities") ON "la_id", "name", "region_id", "gss_code" INTO NAME field VALUE value) GROUP BY ALL
UNION ALL
SELECT 'figures' AS ref, count(*) AS n FROM "figures"
UNION ALL
SELECT 'figures.' || field || '=' || value, count(*) FROM (UNPIVOT (SELECT "figure_id", "resource" FROM "figures") ON "figure_id", "resource" INTO NAME field VALUE value) GROUP BY ALL
UNION ALL
SELECT 'counts' AS ref, count(*) AS n FROM "counts"
UNION ALL
SELECT 'counts.' || field || '=' || value, count(*) FROM (UNPIVOT (SELECT "figure_id", "document_id", "section", "question_id", "source_kind", "source_locator", "subject", "group_id", "phase", "period", "qualifier", "unit", "printed", "note" FROM "counts") ON "figure_id", "document_id", "section", "question_id", "source_kind", "source_locator", "subject", "group_id", "phase", "period", "qualifier", "unit", "printed", "note" INTO NAME field VALUE value) GROUP BY ALL
UNION ALL
SELECT 'understanding' AS ref, count(*) AS n FROM "understanding"
UNION ALL
SELECT 'understanding.' || field || '=' || value, count(*) FROM (UNPIVOT (SELECT "figure_id", "document_id", "section", "question_id", "source_kind", "source_locator", "measure", "group_id", "phase", "printed", "note" FROM "understanding") ON "figure_id", "document_id", "section", "question_id", "source_kind", "source_locator", "measure", "group_id", "phase", "printed", "note" INTO NAME field VALUE value) GROUP BY ALL
UNION ALL
SELECT 'impact_ratings' AS ref, count(*) AS n FROM "impact_ratings"
UNION ALL
SELECT 'impact_ratings.' || field || '=' || value, count(*) FROM (UNPIVOT (SELECT "figure_id", "document_id", "section", "question_id", "source_kind", "source_locator", "group_id", "phase", "impact_id", "item_label", "printed", "note" FROM "impact_ratings") ON "figure_id", "document_id", "section", "question_id", "source_kind", "source_locator", "group_id", "phase", "impact_id", "item_label", "printed", "note" INTO NAME field VALUE value) GROUP BY ALL
UNION ALL
SELECT 'best_feature_shares' AS ref, count(*) AS n FROM "best_feature_shares"
UNION ALL
SELECT 'best_feature_shares.' || field || '=' || value, count(*) FROM (UNPIVOT (SELECT "figure_id", "document_id", "section", "question_id", "source_kind", "source_locator", "group_id", "phase", "theme_id", "printed", "note" FROM "best_feature_shares") ON "figure_id", "document_id", "section", "question_id", "source_kind", "source_locator", "group_id", "phase", "theme_id", "printed", "note" INTO NAME field VALUE value) GROUP BY ALL
UNION ALL
SELECT 'la_action_shares' AS ref, count(*) AS n FROM "la_action_shares"
UNION ALL
SELECT 'la_action_shares.' || field || '=' || value, count(*) FROM (UNPIVOT (SELECT "figure_id", "document_id", "section", "question_id", "source_kind", "source_locator", "group_id", "action_id", "printed", "note" FROM "la_action_shares") ON "figure_id", "document_id", "section", "question_id", "source_kind", "source_locator", "group_id", "action_id", "printed", "note" INTO NAME field VALUE value) GROUP BY ALL
UNION ALL
SELECT 'practice_rates' AS ref, count(*) AS n FROM "practice_rates"
UNION ALL
SELECT 'practice_rates.' || field || '=' || value, count(*) FROM (UNPIVOT (SELECT "figure_id", "document_id", "section", "question_id", "source_kind", "challenge_id", "practice_id", "frequency", "printed", "note" FROM "practice_rates") ON "figure_id", "document_id", "section", "question_id", "source_kind", "challenge_id", "practice_id", "frequency", "printed", "note" INTO NAME field VALUE value) GROUP BY ALL
UNION ALL
SELECT 'resource_ratings' AS ref, count(*) AS n FROM "resource_ratings"
UNION ALL
SELECT 'resource_ratings.' || field || '=' || value, count(*) FROM (UNPIVOT (SELECT "figure_id", "document_id", "section", "question_id", "source_kind", "source_locator", "scope", "challenge_id", "resource_type_id", "item_label", "measure", "printed", "note" FROM "resource_ratings") ON "figure_id", "document_id", "section", "question_id", "source_kind", "source_locator", "scope", "challenge_id", "resource_type_id", "item_label", "measure", "printed", "note" INTO NAME field VALUE value) GROUP BY ALL
UNION ALL
SELECT 'response_rates' AS ref, count(*) AS n FROM "response_rates"
UNION ALL
SELECT 'response_rates.' || field || '=' || value, count(*) FROM (UNPIVOT (SELECT "figure_id", "document_id", "section", "question_id", "source_kind", "source_locator", "scope", "region_id", "measure", "item_label", "printed", "note" FROM "response_rates") ON "figure_id", "document_id", "section", "question_id", "source_kind", "source_locator", "scope", "region_id", "measure", "item_label", "printed", "note" INTO NAME field VALUE value) GROUP BY ALL
UNION ALL
SELECT 'claims' AS ref, count(*) AS n FROM "claims"
UNION ALL
SELECT 'claims.' || field || '=' || value, count(*) FROM (UNPIVOT (SELECT "claim_id", "document_id", "section", "question_id", "claim_kind", "statement", "published", "relation", "unit", "figure_ids", "note" FROM "claims") ON "claim_id", "document_id", "section", "question_id", "claim_kind", "statement", "published", "relation", "unit", "figure_ids", "note" INTO NAME field VALUE value) GROUP BY ALL
UNION ALL
SELECT 'checks' AS ref, count(*) AS n FROM "checks"
UNION ALL
SELECT 'checks.' || field || '=' || value, count(*) FROM (UNPIVOT (SELECT "check_id", "kind", "document_id", "section", "statement", "relation", "design", "assumption", "note" FROM "checks") ON "check_id", "kind", "document_id", "section", "statement", "relation", "design", "assumption", "note" INTO NAME field VALUE value) GROUP BY ALL
UNION ALL
SELECT 'check_members' AS ref, count(*) AS n FROM "check_members"
UNION ALL
SELECT 'check_members.' || field || '=' || value, count(*) FROM (UNPIVOT (SELECT "check_id", "term", "role", "series", "figure_id", "claim_id", "count_of", "date_from", "date_to", "note" FROM "check_members") ON "check_id", "term", "role", "series", "figure_id", "claim_id", "count_of", "date_from", "date_to", "note" INTO NAME field VALUE value) GROUP BY ALL;

-- resource_info: each resource's name, title and kind, as the descriptor gives them.
CREATE OR REPLACE VIEW internal.resource_info AS
SELECT * FROM (VALUES ('documents', 'Source documents', 'dimension'), ('respondent_groups', 'Respondent groups', 'dimension'), ('questions', 'Survey questions', 'dimension'), ('impacts', 'Impacts of co-production (Q3)', 'dimension'), ('best_feature_themes', 'Best-feature themes (Q2)', 'dimension'), ('la_actions', 'Local-authority actions (Q4)', 'dimension'), ('challenges', 'Challenges (national survey)', 'dimension'), ('resource_types', 'Resource types (national survey)', 'dimension'), ('regions', 'Regions of England', 'dimension'), ('proposals', 'Telford proposals', 'dimension'), ('local_authorities', 'Local authorities with children''s services duties, 2012-13', 'reference'), ('figures', 'Figure index', 'index'), ('counts', 'Counts', 'fact'), ('understanding', 'Understanding of co-production (Q1)', 'fact'), ('impact_ratings', 'Expected impacts of co-production (Q3)', 'fact'), ('best_feature_shares', 'Best features of collaborative working (Q2)', 'fact'), ('la_action_shares', 'What the local authority should do (Q4)', 'fact'), ('practice_rates', 'Practice rates (national survey)', 'fact'), ('resource_ratings', 'Resources rated important (national survey)', 'fact'), ('response_rates', 'Response rates (national survey)', 'fact'), ('claims', 'Claims register', 'register'), ('checks', 'Checks', 'check'), ('check_members', 'Check members', 'check')) AS t(resource, title, kind);
