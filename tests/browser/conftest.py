"""Fixtures for the real-browser tests: one JupyterLab, one Chromium, a page per test.

``lab_server`` (session)  JupyterLab on 127.0.0.1 serving a temporary copy of notebooks/
``browser`` (session)     Chromium found by scripts/ensure_browser.py, driven by Playwright
``browser_context``       one context for the session: JupyterLab's immutable static files
                          stay in its HTTP cache (a second ~1 s saved per page)
``lab``                   a :class:`pages.Lab` on a fresh page: what a lesson test takes;
                          the notebook's kernel is shut down after the test

Starting the server and the browser is ``server.py``; the page objects a lesson
test uses are ``pages.py`` (see its docstring for an example). Tests not yet
moved to them take ``page`` and ``collector`` and the helpers of ``labpage.py``.
"""

from __future__ import annotations

import pytest
from collector import Collector
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
def lab(browser_context, lab_server):
    lab = Lab(browser_context.new_page(), lab_server)
    yield lab
    lab.restore_theme()
    lab.page.close()
    lab_server.shut_down_kernels()


def _answer_dialog(dialog, collector) -> None:
    if dialog.type == "beforeunload":
        dialog.accept()
    else:
        collector.page_errors.append(f"unexpected {dialog.type} dialog: {dialog.message!r}")
        dialog.dismiss()


@pytest.fixture
def collector():
    return Collector()


@pytest.fixture
def page(browser_context, lab_server, collector):
    page = browser_context.new_page()
    page.lab_server = lab_server
    collector.attach(page)
    # "Leave site? Changes may not be saved" on reload: leave, as a student would.
    # Any other dialog (alert, confirm) is one a lesson should not raise: record it.
    page.on("dialog", lambda dialog: _answer_dialog(dialog, collector))
    yield page
    page.close()
    lab_server.shut_down_kernels()
