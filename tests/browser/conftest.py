"""Fixtures for the real-browser tests: one JupyterLab, one Chromium, a page per test.

``lab_server`` (session)  JupyterLab on 127.0.0.1 serving a temporary copy of notebooks/
``browser`` (session)     Chromium found by scripts/ensure_browser.py, driven by Playwright
``browser_context``       one context for the session: JupyterLab's immutable static files
                          stay in its HTTP cache (a second ~1 s saved per page)
``page``                  a fresh Playwright page; its notebook's kernel is shut down after
``lab``                   a :class:`pages.Lab` on that page: what a lesson test takes

Starting the server and the browser is ``server.py``; the page objects a lesson
test uses are ``pages.py`` (see its docstring for an example).
"""

from __future__ import annotations

import pytest
from pages import Lab
from server import VIEWPORT, BrowserNotFound, launch_chromium, start_lab_server


@pytest.fixture(scope="session")
def lab_server(tmp_path_factory):
    with start_lab_server(tmp_path_factory.mktemp("jupyterlab")) as server:
        yield server


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        missing = None
        try:
            browser = launch_chromium(playwright)
        except BrowserNotFound as error:
            missing = str(error)
        if missing:
            # Fail, never skip: a run without the browser tests must not look green.
            pytest.fail(missing, pytrace=False)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def browser_context(browser):
    context = browser.new_context(viewport=VIEWPORT)
    yield context
    context.close()


@pytest.fixture
def page(browser_context, lab_server):
    page = browser_context.new_page()
    yield page
    page.close()
    lab_server.shut_down_kernels()


@pytest.fixture
def lab(page, lab_server):
    lab = Lab(page, lab_server)
    yield lab
    lab.restore_theme()
