"""The on-disk cache of built databases: never stale, optional, and harmless when unusable."""

from __future__ import annotations

import pytest

from coprod_data import cache
from coprod_data.auditing import audit_rows
from coprod_data.db import query_rows
from tests.conftest import edit_cell


@pytest.fixture
def cache_in(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("COPROD_DATA_CACHE", str(folder))
    return folder


def test_a_cached_database_is_built_once_and_reused(cache_in):
    first = cache.cached_database()
    assert first is not None and first.parent == cache_in
    mtime = first.stat().st_mtime_ns
    assert cache.cached_database() == first and first.stat().st_mtime_ns == mtime


def test_an_edited_resource_gets_a_new_database(cache_in, pkg_copy):
    before = cache.content_key(pkg_copy)
    edit_cell(pkg_copy, "proposals", "change_management", "summary", "Something else")
    assert cache.content_key(pkg_copy) != before


def test_an_edit_without_restamping_is_seen_too(cache_in, pkg_copy):
    """The key hashes the files themselves, not the descriptor's stamps."""
    before = cache.content_key(pkg_copy)
    edit_cell(pkg_copy, "proposals", "change_management", "summary", "Something else", restamp=False)
    assert cache.content_key(pkg_copy) != before


def test_the_cached_audit_equals_the_live_views(cache_in):
    from coprod_data.db import connect

    columns, cached_rows = audit_rows()
    con = connect()
    live = con.execute("SELECT figure_id, status, detail FROM figure_audit ORDER BY figure_id").fetchall()
    at = [columns.index(c) for c in ("figure_id", "status", "detail")]
    assert sorted(tuple(r[i] for i in at) for r in cached_rows) == live


@pytest.mark.parametrize("setting", ["off", "0", ""])
def test_the_cache_can_be_switched_off(monkeypatch, setting):
    monkeypatch.setenv("COPROD_DATA_CACHE", setting)
    assert cache.cache_dir() is None and cache.cached_database() is None
    assert query_rows("SELECT count(*) FROM local_authorities")[1] == [(152,)]


def test_an_unusable_cache_folder_falls_back_to_memory(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("COPROD_DATA_CACHE", str(blocker / "cache"))
    assert cache.cached_database() is None
    assert query_rows("SELECT count(*) FROM claims")[1][0][0] > 80
