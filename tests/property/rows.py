"""Rows of the checks resources and printed counts that the check-kind properties load
into a small database (tests.views.minidb), shared by the property files."""

from __future__ import annotations

from tests.views.minidb import count_row

DOC = "national_la_survey"


def cnt(fid: str, value: int, qualifier: str = "exact") -> dict:
    """A printed count (a row of ``counts``)."""
    return count_row(fid, value, DOC, qualifier)


def chk(cid: str, kind: str, **fields) -> dict:
    """A row of ``checks``."""
    return {"check_id": cid, "kind": kind, "document_id": DOC, "statement": "s", **fields}


def mem(cid: str, pos: int, term: str, role: str = "member", **fields) -> dict:
    """A row of ``check_members``."""
    return {"check_id": cid, "position": pos, "term": term, "role": role, **fields}
