"""The documentation site, built now and opened page by page in headless Chromium.

Fails on any console error, failed request, HTTP error, broken internal link or
anchor, or image that did not load. Saves screenshots of the audit page and the
charts page to test-artifacts/. Needs Debian's chromium (/usr/bin/chromium): .ci/run
installs it; elsewhere the test is skipped with the reason.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlparse

import pytest

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "test-artifacts"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site")
    mkdocs = Path(sys.executable).parent / "mkdocs"
    subprocess.run([str(mkdocs), "build", "--strict", "--quiet", "-d", str(out)], cwd=REPO, check=True)
    return out


@pytest.fixture(scope="module")
def server(site):
    handler = functools.partial(_QuietHandler, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep the test output clean
        pass


@pytest.fixture(scope="module")
def browser():
    if CHROMIUM is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed; .ci/run should have installed it")
        pytest.skip("no chromium on this machine (install Debian's chromium to run the browser test)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield b
        b.close()


SCREENSHOTS = {
    "audit/": "audit",
    "charts/": "charts",
    "views/figure_audit/": "view-figure_audit",
    "dictionary/respondent_groups/": "dictionary-respondent_groups",
    "cite/": "cite",
    "downloads/": "downloads",
}


def pages(site: Path) -> list[str]:
    return sorted(str(p.relative_to(site)).replace("index.html", "") for p in site.rglob("index.html"))


def test_every_page_loads_cleanly_with_working_links_and_images(site, server, browser):
    ARTIFACTS.mkdir(exist_ok=True)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    problems: list[str] = []
    anchors: dict[str, set[str]] = {}
    links: list[tuple[str, str]] = []
    for rel in pages(site):
        url = urljoin(server, rel)
        page = context.new_page()
        page.on(
            "console",
            lambda m, u=url: (
                problems.append(f"{u}: console {m.type}: {m.text}") if m.type == "error" else None
            ),
        )
        page.on("pageerror", lambda e, u=url: problems.append(f"{u}: page error: {e}"))
        page.on("requestfailed", lambda r, u=url: problems.append(f"{u}: request failed: {r.url}"))
        page.on(
            "response",
            lambda r, u=url: (
                problems.append(f"{u}: HTTP {r.status} for {r.url}") if r.status >= 400 else None
            ),
        )
        response = page.goto(url, wait_until="load")
        assert response is not None and response.ok, url
        broken = page.eval_on_selector_all(
            "img",
            "els => els.filter(e => !e.complete || e.naturalWidth === 0).map(e => e.getAttribute('src'))",
        )
        problems.extend(f"{url}: image did not load: {src}" for src in broken)
        anchors[url] = set(page.eval_on_selector_all("[id]", "els => els.map(e => e.id)"))
        text = page.evaluate("document.body.innerText")
        problems.extend(
            f"{url}: markup shown as text: {tag}"
            for tag in ("</span>", "</a>", "<span", "&lt;")
            if tag in text
        )
        for href in page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)"):
            if href.startswith(server):
                links.append((url, href))
        if rel in SCREENSHOTS:
            page.screenshot(path=str(ARTIFACTS / f"{SCREENSHOTS[rel]}.png"), full_page=False)
        page.close()
    for source, href in links:
        target, fragment = urldefrag(href)
        path = urlparse(target).path
        local = site / path.lstrip("/")
        if local.is_dir():
            local = local / "index.html"
        if not local.exists():
            problems.append(f"{source}: broken link {href}")
        elif fragment and target in anchors and fragment not in anchors[target]:
            problems.append(f"{source}: link to a missing anchor {href}")
    context.close()
    assert not problems, "\n".join(problems[:40])
    assert (ARTIFACTS / "audit.png").exists() and (ARTIFACTS / "charts.png").exists()


def test_site_asks_nothing_of_the_internet(site):
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "fonts.googleapis.com" not in text and "cdn.jsdelivr" not in text, page


# ---------------------------------------------------------------- what a reader of the site relies on
def _db():
    from coprod_data.db import connect

    return connect(path=REPO / "datapackage.json")


@pytest.fixture(scope="module")
def package():
    from coprod_data.package import read_package

    return read_package(REPO / "datapackage.json")


@pytest.fixture(scope="module")
def page_1280(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield context
    context.close()


def test_every_download_is_linked_from_its_dictionary_page_and_holds_the_data(
    site, server, page_1280, package, tmp_path
):
    import io
    import zipfile

    import duckdb

    page = page_1280.new_page()
    zips, dbs = set(), set()
    for res in package.resources:
        page.goto(urljoin(server, f"dictionary/{res.name}/"))
        hrefs = page.eval_on_selector_all("a[href*='downloads/']", "els => els.map(e => e.href)")
        csv_url = next(h for h in hrefs if h.endswith(f"/{res.name}.csv"))
        parquet_url = next(h for h in hrefs if h.endswith(f"/{res.name}.parquet"))
        zips.update(h for h in hrefs if h.endswith(".zip"))
        dbs.update(h for h in hrefs if h.endswith(".duckdb"))
        got = page.request.get(csv_url)
        assert got.ok and got.body() == res.file.read_bytes(), csv_url
        got = page.request.get(parquet_url)
        assert got.ok and len(got.body()) > 0, parquet_url
        local = tmp_path / f"{res.name}.parquet"
        local.write_bytes(got.body())
        n_parquet = duckdb.sql(f"SELECT count(*) FROM read_parquet('{local}')").fetchall()[0][0]
        n_csv = duckdb.sql(f"SELECT count(*) FROM read_csv('{res.file}', header = true)").fetchall()[0][0]
        assert n_parquet == n_csv, res.name
    assert len(zips) == 1 and len(dbs) == 1, (zips, dbs)
    body = page.request.get(zips.pop()).body()
    with zipfile.ZipFile(io.BytesIO(body)) as zf:
        names = set(zf.namelist())
        assert "datapackage.json" in names
        for res in package.resources:
            assert zf.read(res.path) == res.file.read_bytes(), res.path
    db_body = page.request.get(dbs.pop()).body()
    assert len(db_body) > 0
    db_path = tmp_path / "site.duckdb"
    db_path.write_bytes(db_body)
    con = duckdb.connect(str(db_path), read_only=True)
    try:
        tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
        assert {r.name for r in package.resources} | {"figure_audit", "audit_checks"} <= tables
        assert con.execute("SELECT storage_version FROM coprod_export").fetchone()[0] == "v1.0.0"
    finally:
        con.close()
    page.close()


SECTIONS_JS = """() => Object.fromEntries(Array.from(document.querySelectorAll('article h2[id]')).map(h => {
    const out = []; let n = h.nextElementSibling;
    while (n && n.tagName !== 'H2') { out.push(n); n = n.nextElementSibling; }
    return [h.id, {text: out.map(e => e.innerText).join('\\n'),
                   links: out.flatMap(e => Array.from(e.querySelectorAll('a')).map(a => a.href))}];
}))"""


def _search(page, server: str, term: str) -> list[str]:
    page.goto(server)
    box = page.locator("input[data-md-component='search-query']")
    box.fill(term)  # the whole id at once: one query, not one per keystroke
    box.press("End")
    page.wait_for_selector(".md-search-result__item", timeout=15000)
    hits, stable = [], 0
    for _ in range(40):  # wait until the results have stayed the same for a second
        page.wait_for_timeout(250)
        now = page.eval_on_selector_all(".md-search-result__item a", "els => els.map(e => e.href)")
        stable = stable + 1 if now == hits else 0
        hits = now
        if stable >= 4:
            break
    return hits


def test_every_figure_claim_and_check_has_an_anchor_found_by_site_search(site, server, page_1280):
    con = _db()
    try:
        audit = con.execute("SELECT figure_id, kind, status FROM figure_audit").fetchall()
        checks = con.execute("SELECT check_id, kind, status FROM audit_checks").fetchall()
        touched = con.execute(
            "SELECT coalesce(figure_id, claim_id), list(DISTINCT check_id) FROM check_members "
            "WHERE coalesce(figure_id, claim_id) IS NOT NULL GROUP BY ALL"
        ).fetchall()
    finally:
        con.close()
    by_check = dict((c, (k, s)) for c, k, s in checks)
    touches = dict(touched)
    page = page_1280.new_page()
    sections: dict[str, dict] = {}
    for html in sorted((site / "figures").rglob("index.html")):
        page.goto(urljoin(server, str(html.parent.relative_to(site)) + "/"))
        found = page.evaluate(SECTIONS_JS)
        sections.update({k: {**v, "url": page.url.split("#")[0] + "#" + k} for k, v in found.items()})
    assert {f for f, _k, _s in audit} <= set(sections)
    # each figure's section: verdict, value, checks (linked to their anchors), path through the views
    for ref, kind, status in audit:
        section = sections[ref]
        assert status.replace("_", " ") in section["text"], ref
        assert "value:" in section["text"] and "printed:" in section["text"], ref
        assert "figure_audit" in section["text"], ref
        for cid in touches.get(ref, []):
            ckind = by_check[cid][0]
            assert any(h.endswith(f"/checks/{ckind}/#{cid}") for h in section["links"]), (ref, cid)
        if kind == "figure":
            assert "fact_figures" in section["text"], ref
    flagged = next(f for f, _k, s in audit if s == "discrepancy")
    page.goto(sections[flagged]["url"])
    page.screenshot(path=str(ARTIFACTS / "figure-section.png"))
    # every check has its anchor on its kind's page, its members linked to their own sections
    check_sections: dict[str, dict] = {}
    for ckind in sorted({k for _c, k, _s in checks}):
        page.goto(urljoin(server, f"checks/{ckind}/"))
        check_sections.update(page.evaluate(SECTIONS_JS))
    for cid, _ckind, status in checks:
        assert status.replace("_", " ") in check_sections[cid]["text"], cid
    for ref, cids in touches.items():
        for cid in cids:
            assert any(h.endswith(f"#{ref}") and "/figures/" in h for h in check_sections[cid]["links"]), (
                cid,
                ref,
            )
    # the site search finds a figure, a claim and a check by id, its own section first
    samples = [f for f, _k, _s in sorted(audit)[::25]] + [c for c, _k, _s in sorted(checks)[::15]]
    for term in samples:
        sections_hit = [h for h in _search(page, server, term) if "#" in h]  # results group by page
        assert sections_hit and sections_hit[0].endswith(f"#{term}"), (term, sections_hit[:3])
    page.screenshot(path=str(ARTIFACTS / "search.png"))
    page.close()


def test_row_tables_sort_and_filter_with_the_value_column_in_view(site, server, page_1280, package):
    page = page_1280.new_page()
    # every fact table (and the claims register) shows its value column without scrolling at 1280 px
    raw = {r["name"]: r for r in package.raw["resources"]}
    for res in package.resources:
        mapping = raw[res.name].get("coprod:figure")
        if res.name == "claims":
            value = "published"
        elif mapping is not None:
            value = mapping.get("value", "value")
        else:
            continue
        page.goto(urljoin(server, f"rows/{res.name}/"))
        head = page.locator("div.datatable table thead th")
        box = head.nth(head.all_inner_texts().index(value)).bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 1280, (res.name, box)
    page.goto(urljoin(server, "rows/resource_ratings/"))
    table = page.locator("div.datatable table").first
    headers = table.locator("thead th")
    names = headers.all_inner_texts()
    col = names.index("value_pct")
    box = headers.nth(col).bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 1280, box
    page.screenshot(path=str(ARTIFACTS / "rows-resource_ratings.png"))

    def values() -> list[float]:
        cells = table.locator(f"tbody tr:not([hidden]) td:nth-child({col + 1})").all_inner_texts()
        return [float(c) for c in cells]

    before = values()
    assert before != sorted(before)  # otherwise sorting shows nothing
    headers.nth(col).click()
    first = values()
    assert first in (sorted(before), sorted(before, reverse=True))
    headers.nth(col).click()
    assert values() == list(reversed(first))
    rows = table.locator("tbody tr")
    total = rows.count()
    page.fill("input.table-filter", "chart")
    shown = table.locator("tbody tr:not([hidden])")
    texts = shown.all_inner_texts()
    assert 0 < len(texts) < total and all("chart" in t.lower() for t in texts)
    hidden = table.locator("tbody tr[hidden]").all_text_contents()
    assert all("chart" not in t.lower() for t in hidden)
    page.screenshot(path=str(ARTIFACTS / "rows-filtered.png"))
    page.close()


def test_view_pages_dictionary_patterns_and_citation(site, server, page_1280):
    con = _db()
    try:
        relations = con.execute(
            "SELECT table_name, column_name, data_type FROM information_schema.columns ORDER BY ALL"
        ).fetchall()
    finally:
        con.close()
    page = page_1280.new_page()
    by_name: dict[str, list[tuple[str, str]]] = {}
    for name, column, dtype in relations:
        by_name.setdefault(name, []).append((column, dtype))
    for name, cols in by_name.items():
        page.goto(urljoin(server, f"views/{name}/"))
        text = page.locator("article").inner_text()
        for column, dtype in cols:
            assert column in text and dtype in text, (name, column)
    for name in ("figure_audit", "audit_checks", "pre_post_changes"):
        page.goto(urljoin(server, f"views/{name}/"))
        described = page.eval_on_selector_all(
            "div.datatable tbody tr", "rows => rows.filter(r => r.cells[3].innerText.trim()).length"
        )
        assert described >= 3, name  # the SQL header documents its columns
    page.goto(urljoin(server, "dictionary/respondent_groups/"))
    codes = page.eval_on_selector_all("code", "els => els.map(e => e.innerText)")
    assert "^[a-z0-9][a-z0-9_.-]*$" in codes
    page.goto(urljoin(server, "dictionary/documents/"))
    codes = page.eval_on_selector_all("code", "els => els.map(e => e.innerText)")
    assert "^\\d{4}-\\d{2}$" in codes
    page.goto(urljoin(server, "cite/"))
    text = page.locator("article").inner_text()
    assert "APA" in text and "@misc{" in text and "(Version " in text
    page.goto(urljoin(server, "sources/"))
    text = page.locator("article").inner_text()
    assert ".txt" not in text and "seed file" not in text.lower()
    page.goto(urljoin(server, "cookbook/"))
    assert "maintainer" not in page.locator("article").inner_text().lower()
    page.close()
