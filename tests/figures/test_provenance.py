"""Every label and printed token in the package can be found in its seed document."""

from __future__ import annotations

import re
from collections import Counter

import pandas as pd
import pytest

import coprod_data
from coprod_data.package import fact_resources


def fold(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


FACTS = fact_resources()


@pytest.mark.parametrize("resource", FACTS)
def test_printed_tokens_occur_in_their_document(resource, seeds):
    df = coprod_data.load(resource)
    for _, row in df.iterrows():
        text = fold(seeds[row["document_id"]])
        assert fold(row["printed"]) in text, (row["figure_id"], row["printed"])
        for col in ("item_label", "source_locator"):
            if col in row.index and pd.notna(row[col]):
                assert fold(row[col]) in text, (row["figure_id"], col, row[col])


@pytest.mark.parametrize(
    ("resource", "document"),
    [
        ("impacts", "attitude_survey"),
        ("best_feature_themes", "attitude_survey"),
        ("la_actions", "attitude_survey"),
        ("challenges", "national_la_survey"),
        ("resource_types", "national_la_survey"),
        ("proposals", "telford_case_study"),
    ],
)
def test_dimension_labels_are_printed_verbatim(resource, document, seeds):
    text = fold(seeds[document])
    df = coprod_data.load(resource)
    for col in ("label", "list_label"):
        if col in df.columns:
            for label in df[col]:
                assert fold(label) in text, (resource, col, label)


def test_region_labels_are_printed_in_the_response_rate_table(seeds):
    text = fold(seeds["national_la_survey"])
    for label in coprod_data.load("regions")["label"]:
        assert label in text


def test_every_fact_row_has_full_provenance():
    for resource in FACTS:
        df = coprod_data.load(resource)
        for col in ("document_id", "section", "source_kind", "printed"):
            assert df[col].notna().all(), (resource, col)


def test_claims_cite_existing_figures_and_cover_every_document():
    claims = coprod_data.load("claims")
    assert set(claims["document_id"]) == {"attitude_survey", "telford_case_study", "national_la_survey"}
    ids = set()
    for resource in FACTS:
        ids |= set(coprod_data.load(resource)["figure_id"])
    cited = {fid for value in claims["figure_ids"].dropna() for fid in value.split()}
    assert cited <= ids


def test_claims_do_not_paste_report_sentences(seeds):
    """No run of nine words in a statement is copied from the reports."""
    grams = set()
    for text in seeds.values():
        words = re.findall(r"[a-z']+", text.lower())
        grams |= {tuple(words[i : i + 9]) for i in range(len(words) - 8)}
    for statement in coprod_data.load("claims")["statement"]:
        words = re.findall(r"[a-z']+", statement.lower())
        assert not any(tuple(words[i : i + 9]) in grams for i in range(len(words) - 8)), statement


def test_every_percentage_in_the_national_survey_text_is_transcribed(seeds):
    """Each percentage printed before the chart residue is a text or table figure row,
    except the threshold 'Over 50%', which is a claim."""
    body = seeds["national_la_survey"].split("Resources needed to improve SM CVS capacity")[0]
    printed = Counter(re.findall(r"\d+%", body))
    rows = pd.concat([coprod_data.load(r) for r in ("practice_rates", "resource_ratings", "response_rates")])
    stored = Counter(rows[rows["source_kind"].isin(["text", "table"])]["printed"])
    # one printed '52%' covers two resources, so the data holds it twice
    assert printed == stored - Counter({"52%": 1}) + Counter({"50%": 1})
    claims = coprod_data.load("claims")
    assert (claims["published"] == "Over 50%").sum() == 1
