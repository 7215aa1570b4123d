"""End to end in a real headless browser (Debian's chromium driven by Playwright): log in,
upload an example return, accept a finding, download the memo. In CI the browser must be
there (.ci/run installs it); elsewhere the test is skipped without it."""
from __future__ import annotations

import os
import socket
import threading
import time
from pathlib import Path

import pytest
import uvicorn
from conftest import PASSWORD

CHROMIUM = Path(os.environ.get("COMPLIANCE_CHROMIUM", "/usr/bin/chromium"))
ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
        "--disable-extensions", "--no-first-run", "--disable-sync", "--metrics-recording-only"]


def _playwright():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        sync_playwright = None
    if sync_playwright is None or not CHROMIUM.exists():
        missing = "Python-paketet playwright" if sync_playwright is None else f"{CHROMIUM}"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{missing} saknas i CI; .ci/run ska installera den")
        pytest.skip(f"{missing} saknas (apt-get install chromium)")
    return sync_playwright


@pytest.fixture
def server(app):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    running = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not running.started:
        assert time.monotonic() < deadline, "servern startade inte"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    running.should_exit = True
    thread.join(10)


def test_login_upload_accept_and_download_the_memo(server, examples, tmp_path):
    sync_playwright = _playwright()
    shots = Path(os.environ.get("COMPLIANCE_SCREENSHOTS") or tmp_path)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            page = browser.new_page(accept_downloads=True, viewport={"width": 1280, "height": 900}, locale="sv-SE")
            page.set_default_timeout(60_000)
            page.goto(server + "/")
            page.fill("input[name=username]", "granskare")
            page.fill("input[name=password]", PASSWORD)
            page.click("button:has-text('Logga in')")
            page.wait_for_url(server + "/oversikt")

            page.click("nav >> text=Ladda upp")
            page.select_option("select[name=namnd]", label="Södermalm")
            page.set_input_files("input[name=fil]", str(examples / "2022" / "utfall_sodermalm_2022.csv"))
            page.click("button:has-text('Ladda upp och granska')")
            page.wait_for_url("**/granskningar/*")
            assert page.locator("h1").inner_text() == "Södermalm: återrapport 2022"
            page.screenshot(path=str(shots / "granskning.png"), full_page=True)

            finding = page.locator(".finding", has_text="Platser eller vistelse i skyddat boende")
            finding.locator("textarea[name=motivation]").fill("Köp av plats enligt avtal; bekostas av nämnden.")
            before = page.url
            finding.locator("button:has-text('Anmärkningen står kvar')").click()
            page.wait_for_url(lambda url: url.split("#")[0] != before)
            decided = page.locator(".finding", has_text="Platser eller vistelse i skyddat boende")
            assert "Beslut: Står kvar – Köp av plats enligt avtal" in decided.inner_text()

            with page.expect_download() as pdf:
                page.click(".actions >> text=PDF")
            assert pdf.value.suggested_filename == "pm-aterbetalningsrisk-sodermalm-2022.pdf"
            assert Path(pdf.value.path()).read_bytes().startswith(b"%PDF")
            with page.expect_download() as markdown:
                page.click(".actions >> text=Markdown")
            text = Path(markdown.value.path()).read_text(encoding="utf-8")
            assert "Södermalm" in text and "Köp av plats enligt avtal" in text
            decided.screenshot(path=str(shots / "beslut.png"))
        finally:
            browser.close()
