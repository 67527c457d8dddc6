-- Generated from datapackage.json by coprod_data.ddl: do not edit by hand.
-- Creates and loads one table per resource; run from the repository root.

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
INSERT INTO "documents" SELECT * FROM read_csv('resources/documents.csv', header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', columns = {'document_id': 'VARCHAR', 'seed_file': 'VARCHAR', 'title': 'VARCHAR', 'publisher': 'VARCHAR', 'period': 'VARCHAR', 'kind': 'VARCHAR', 'description': 'VARCHAR'});

CREATE TABLE "respondent_groups" (
  "group_id" VARCHAR NOT NULL CHECK (regexp_full_match("group_id", '^[a-z0-9][a-z0-9_.-]*$')),
  "label" VARCHAR NOT NULL,
  "normalised_label" VARCHAR NOT NULL,
  "parent_group_id" VARCHAR,
  "description" VARCHAR NOT NULL,
  PRIMARY KEY ("group_id")
);
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
  PRIMARY KEY ("question_id")
);
INSERT INTO "questions" SELECT * FROM read_csv('resources/questions.csv', header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', columns = {'question_id': 'VARCHAR', 'document_id': 'VARCHAR', 'label': 'VARCHAR', 'topic': 'VARCHAR', 'scale_min': 'BIGINT', 'scale_max': 'BIGINT', 'answers_asked': 'BIGINT', 'basis': 'VARCHAR'});

CREATE TABLE "impacts" (
  "impact_id" VARCHAR NOT NULL CHECK (regexp_full_match("impact_id", '^[a-z0-9][a-z0-9_.-]*$')),
  "label" VARCHAR NOT NULL,
  "normalised_label" VARCHAR NOT NULL,
  PRIMARY KEY ("impact_id")
);
INSERT INTO "impacts" SELECT * FROM read_csv('resources/impacts.csv', header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', columns = {'impact_id': 'VARCHAR', 'label': 'VARCHAR', 'normalised_label': 'VARCHAR'});

CREATE TABLE "best_feature_themes" (
  "theme_id" VARCHAR NOT NULL CHECK (regexp_full_match("theme_id", '^[a-z0-9][a-z0-9_.-]*$')),
  "group_id" VARCHAR NOT NULL,
  "list_position" BIGINT NOT NULL CHECK ("list_position" >= 1),
  "label" VARCHAR NOT NULL,
  "normalised_label" VARCHAR NOT NULL,
  PRIMARY KEY ("theme_id")
);
INSERT INTO "best_feature_themes" SELECT * FROM read_csv('resources/best_feature_themes.csv', header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', columns = {'theme_id': 'VARCHAR', 'group_id': 'VARCHAR', 'list_position': 'BIGINT', 'label': 'VARCHAR', 'normalised_label': 'VARCHAR'});

CREATE TABLE "la_actions" (
  "action_id" VARCHAR NOT NULL CHECK (regexp_full_match("action_id", '^[a-z0-9][a-z0-9_.-]*$')),
  "group_id" VARCHAR NOT NULL,
  "list_position" BIGINT NOT NULL CHECK ("list_position" >= 1),
  "label" VARCHAR NOT NULL,
  "normalised_label" VARCHAR NOT NULL,
  PRIMARY KEY ("action_id")
);
INSERT INTO "la_actions" SELECT * FROM read_csv('resources/la_actions.csv', header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', columns = {'action_id': 'VARCHAR', 'group_id': 'VARCHAR', 'list_position': 'BIGINT', 'label': 'VARCHAR', 'normalised_label': 'VARCHAR'});

CREATE TABLE "challenges" (
  "challenge_id" VARCHAR NOT NULL CHECK (regexp_full_match("challenge_id", '^[a-z0-9][a-z0-9_.-]*$')),
  "number" BIGINT NOT NULL CHECK ("number" >= 1) CHECK ("number" <= 5),
  "label" VARCHAR NOT NULL,
  "list_label" VARCHAR NOT NULL,
  "normalised_label" VARCHAR NOT NULL,
  "question_id" VARCHAR NOT NULL,
  PRIMARY KEY ("challenge_id")
);
INSERT INTO "challenges" SELECT * FROM read_csv('resources/challenges.csv', header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', columns = {'challenge_id': 'VARCHAR', 'number': 'BIGINT', 'label': 'VARCHAR', 'list_label': 'VARCHAR', 'normalised_label': 'VARCHAR', 'question_id': 'VARCHAR'});

CREATE TABLE "resource_types" (
  "resource_type_id" VARCHAR NOT NULL CHECK (regexp_full_match("resource_type_id", '^[a-z0-9][a-z0-9_.-]*$')),
  "label" VARCHAR NOT NULL,
  "normalised_label" VARCHAR NOT NULL,
  PRIMARY KEY ("resource_type_id")
);
INSERT INTO "resource_types" SELECT * FROM read_csv('resources/resource_types.csv', header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', columns = {'resource_type_id': 'VARCHAR', 'label': 'VARCHAR', 'normalised_label': 'VARCHAR'});

CREATE TABLE "regions" (
  "region_id" VARCHAR NOT NULL CHECK (regexp_full_match("region_id", '^[a-z0-9][a-z0-9_.-]*$')),
  "label" VARCHAR NOT NULL,
  "normalised_label" VARCHAR NOT NULL,
  "gss_code" VARCHAR NOT NULL CHECK (regexp_full_match("gss_code", '^E120000\d\d$')),
  PRIMARY KEY ("region_id")
);
INSERT INTO "regions" SELECT * FROM read_csv('resources/regions.csv', header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', columns = {'region_id': 'VARCHAR', 'label': 'VARCHAR', 'normalised_label': 'VARCHAR', 'gss_code': 'VARCHAR'});

CREATE TABLE "proposals" (
  "proposal_id" VARCHAR NOT NULL CHECK (regexp_full_match("proposal_id", '^[a-z0-9][a-z0-9_.-]*$')),
  "list_position" BIGINT NOT NULL CHECK ("list_position" >= 1),
  "label" VARCHAR NOT NULL,
  "summary" VARCHAR NOT NULL,
  PRIMARY KEY ("proposal_id")
);
INSERT INTO "proposals" SELECT * FROM read_csv('resources/proposals.csv', header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', columns = {'proposal_id': 'VARCHAR', 'list_position': 'BIGINT', 'label': 'VARCHAR', 'summary': 'VARCHAR'});

CREATE TABLE "local_authorities" (
  "la_id" VARCHAR NOT NULL CHECK (regexp_full_match("la_id", '^[a-z0-9][a-z0-9_.-]*$')),
  "name" VARCHAR NOT NULL,
  "region_id" VARCHAR NOT NULL,
  "dfe_la_code" BIGINT NOT NULL CHECK ("dfe_la_code" >= 200) CHECK ("dfe_la_code" <= 999),
  "gss_code" VARCHAR NOT NULL CHECK (regexp_full_match("gss_code", '^E(06|08|09|10)\d{6}$')),
  PRIMARY KEY ("la_id")
);
INSERT INTO "local_authorities" SELECT * FROM read_csv('resources/local_authorities.csv', header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', columns = {'la_id': 'VARCHAR', 'name': 'VARCHAR', 'region_id': 'VARCHAR', 'dfe_la_code': 'BIGINT', 'gss_code': 'VARCHAR'});

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
  PRIMARY KEY ("figure_id")
);
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
  UNIQUE ("document_id", "source_kind", "source_locator", "measure", "group_id", "phase")
);
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
  UNIQUE ("source_locator", "group_id", "phase", "impact_id")
);
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
  UNIQUE ("group_id", "phase", "theme_id")
);
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
  UNIQUE ("group_id", "value_position")
);
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
  UNIQUE ("practice_id", "frequency")
);
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
  UNIQUE ("source_kind", "scope", "challenge_id", "resource_type_id", "measure")
);
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
  UNIQUE ("source_kind", "scope", "region_id", "measure")
);
INSERT INTO "response_rates" SELECT * FROM read_csv('resources/response_rates.csv', header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', columns = {'figure_id': 'VARCHAR', 'document_id': 'VARCHAR', 'section': 'VARCHAR', 'question_id': 'VARCHAR', 'source_kind': 'VARCHAR', 'source_locator': 'VARCHAR', 'scope': 'VARCHAR', 'region_id': 'VARCHAR', 'measure': 'VARCHAR', 'item_label': 'VARCHAR', 'table_position': 'BIGINT', 'value_pct': 'BIGINT', 'printed': 'VARCHAR', 'note': 'VARCHAR'});

CREATE TABLE "claims" (
  "claim_id" VARCHAR NOT NULL CHECK (regexp_full_match("claim_id", '^[a-z0-9][a-z0-9_.-]*$')),
  "document_id" VARCHAR NOT NULL CHECK ("document_id" IN ('attitude_survey', 'telford_case_study', 'national_la_survey')),
  "section" VARCHAR NOT NULL,
  "question_id" VARCHAR,
  "claim_kind" VARCHAR NOT NULL CHECK ("claim_kind" IN ('percentage', 'count', 'total', 'date', 'ratio_phrase', 'threshold', 'ordinal', 'comparison')),
  "statement" VARCHAR NOT NULL,
  "published" VARCHAR NOT NULL,
  "relation" VARCHAR CHECK ("relation" IN ('equals', 'about', 'nearly', 'more_than', 'less_than')),
  "value" DOUBLE,
  "unit" VARCHAR NOT NULL CHECK ("unit" IN ('percent', 'count', 'years', 'rank', 'date', 'none')),
  "figure_ids" VARCHAR CHECK (regexp_full_match("figure_ids", '^[a-z0-9_.\- ]*$')),
  "note" VARCHAR,
  PRIMARY KEY ("claim_id")
);
INSERT INTO "claims" SELECT * FROM read_csv('resources/claims.csv', header = true, auto_detect = false, delim = ',', quote = '"', escape = '"', columns = {'claim_id': 'VARCHAR', 'document_id': 'VARCHAR', 'section': 'VARCHAR', 'question_id': 'VARCHAR', 'claim_kind': 'VARCHAR', 'statement': 'VARCHAR', 'published': 'VARCHAR', 'relation': 'VARCHAR', 'value': 'DOUBLE', 'unit': 'VARCHAR', 'figure_ids': 'VARCHAR', 'note': 'VARCHAR'});

CREATE TABLE package_info AS SELECT 'coprod-data' AS name, '0.1.0' AS version, '2026-11-22T00:00:00Z' AS created;
