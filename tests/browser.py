"""Headless Chromium for tests: Debian's own binary, driven by Playwright's Python package
(Playwright's browser download cannot work on these machines)."""

import os
import shutil
from contextlib import contextmanager
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("NIANBAO_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
# without the background-networking flags Chromium keeps dialling Google's hosts, which a
# closed network refuses; a root user (CI) needs --no-sandbox
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ARTIFACTS = Path(os.environ.get("NIANBAO_ARTIFACTS", Path(__file__).resolve().parent / "artifacts"))


def require_browser():
    """Skip, saying why, where no Chromium can be run; .ci/run installs it."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        pytest.skip("Playwright's Python package is not installed (pip install '.[test]')")
    if not os.access(CHROMIUM, os.X_OK):
        pytest.skip(f"no Chromium at {CHROMIUM}: install Debian's package (apt-get install chromium fonts-noto-cjk)")


@contextmanager
def page(width: int = 1200, height: int = 900):
    """A fresh page; console errors and page errors are collected in page.errors."""
    require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            context = browser.new_context(viewport={"width": width, "height": height}, accept_downloads=True)
            tab = context.new_page()
            tab.errors = []
            tab.on("console", lambda message: tab.errors.append(message.text) if message.type == "error" else None)
            tab.on("pageerror", lambda error: tab.errors.append(str(error)))
            yield tab
        finally:
            browser.close()


def screenshot(tab, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / name
    tab.screenshot(path=str(path), full_page=True)
    return path


def fonts_rendering(tab, selector: str) -> dict[str, int]:
    """The platform fonts Chromium used to draw the element's text: family -> glyph count."""
    cdp = tab.context.new_cdp_session(tab)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    return {font["familyName"]: font["glyphCount"] for font in fonts}
