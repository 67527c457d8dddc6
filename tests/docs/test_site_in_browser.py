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
        if rel in ("audit/", "charts/"):
            page.screenshot(path=str(ARTIFACTS / f"{rel.strip('/')}.png"), full_page=False)
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
