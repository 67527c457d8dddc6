"""Rows of the checks resources and printed counts that the check-kind properties load
into a small database (tests.views.minidb), shared by the property files."""

from __future__ import annotations

DOC = "national_la_survey"


def cnt(fid: str, value: int, qualifier: str = "exact") -> dict:
    """A printed count (a row of ``counts``)."""
    return {
        "figure_id": fid,
        "document_id": DOC,
        "subject": "respondents",
        "value": value,
        "qualifier": qualifier,
        "unit": "people",
        "printed": str(value),
    }


def chk(cid: str, kind: str, **fields) -> dict:
    """A row of ``checks``."""
    return {"check_id": cid, "kind": kind, "document_id": DOC, "statement": "s", **fields}


def mem(cid: str, pos: int, term: str, role: str = "member", **fields) -> dict:
    """A row of ``check_members``."""
    return {"check_id": cid, "position": pos, "term": term, "role": role, **fields}
