"""Fixtures for the real-browser tests: one JupyterLab, one Chromium, a page per test.

``lab_server`` (session)  JupyterLab on 127.0.0.1 serving a temporary copy of notebooks/
``browser`` (session)     Chromium found by scripts/ensure_browser.py, driven by Playwright
``browser_context``       one context for the session: JupyterLab's immutable static files
                          stay in its HTTP cache (a second ~1 s saved per page)
``page``                  the session's Playwright page (JupyterLab loads once); each test's
                          notebooks are closed and their kernels shut down after it
``lab``                   a :class:`pages.Lab` on that page: what a lesson test takes
``trace_on_failure``      (autouse) records a Playwright trace of every test that uses the
                          browser context and keeps it, as ``test-artifacts/traces/<test>.zip``,
                          only if the test failed; open one with
                          ``.venv/bin/python -m playwright show-trace FILE``
                          (with ``LESSONLIB_TRACE_SNAPSHOTS=1`` it also holds the page's
                          DOM at every step: slower, for a failure you cannot read otherwise)

Starting the server and the browser is ``server.py``; the page objects a lesson
test uses are ``pages.py`` (see its docstring for an example).
"""

from __future__ import annotations

import os
import re
import shutil

import pytest
from pages import Lab
from server import REPO, VIEWPORT, BrowserNotFound, launch_chromium, start_lab_server

TRACES = REPO / "test-artifacts" / "traces"
_PHASES = pytest.StashKey[dict]()  # a test's reports by phase: setup, call, teardown
_TRACE = pytest.StashKey[str]()  # where its trace was saved, if it failed


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
    # One trace for the session, cut into a chunk per test by trace_on_failure;
    # the traces of an earlier run go, so the folder holds this run's failures only.
    # Actions, console and network; DOM snapshots at every action only when asked
    # (LESSONLIB_TRACE_SNAPSHOTS=1): measured on lessons 03 and 06, they cost 104 s of
    # the machine's CPU against 66 s without (and 70 s with no trace at all), which on
    # two cores is most of a minute of `make test`. The screencast costs more still.
    shutil.rmtree(TRACES, ignore_errors=True)
    context.tracing.start(snapshots=os.environ.get("LESSONLIB_TRACE_SNAPSHOTS") == "1")
    yield context
    context.tracing.stop()
    context.close()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the test, so trace_on_failure knows whether it failed."""
    report = yield
    item.stash.setdefault(_PHASES, {})[report.when] = report
    trace = item.stash.get(_TRACE, None)
    if report.when == "teardown" and trace is not None:
        report.user_properties.append(("playwright trace", trace))
    return report


def trace_name(nodeid: str) -> str:
    """A file name for a test's trace: ``test_notebooks.py::test_x[00_start_here]`` ->
    ``test_notebooks-test_x-00_start_here.zip``."""
    name = nodeid.rpartition("/")[2].replace(".py::", "-")
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", name).strip("-") + ".zip"


@pytest.fixture(autouse=True)
def trace_on_failure(request):
    if "browser_context" not in request.fixturenames:
        yield  # this test drives no page of the session's context
        return
    context = request.getfixturevalue("browser_context")
    context.tracing.start_chunk(title=request.node.nodeid)
    yield
    phases = request.node.stash.get(_PHASES, {})
    if any(report.failed for report in phases.values()):
        TRACES.mkdir(parents=True, exist_ok=True)
        path = TRACES / trace_name(request.node.nodeid)
        context.tracing.stop_chunk(path=str(path))
        request.node.stash[_TRACE] = str(path.relative_to(REPO))
    else:
        context.tracing.stop_chunk()  # a passing test's trace is dropped


def pytest_terminal_summary(terminalreporter):
    traces = [value for reports in terminalreporter.stats.values() for report in reports
              for key, value in getattr(report, "user_properties", ())
              if key == "playwright trace"]
    if traces:
        terminalreporter.section("Playwright traces of the failing browser tests")
        for trace in traces:
            terminalreporter.line(trace)
        terminalreporter.line("Open one with: .venv/bin/python -m playwright show-trace FILE")


@pytest.fixture(scope="session")
def _lab_page(browser_context):
    page = browser_context.new_page()
    yield page
    page.close()


@pytest.fixture
def page(_lab_page, lab_server):
    """The session's page: JupyterLab loads once, each test opens its notebooks in it."""
    yield _lab_page
    lab_server.shut_down_kernels()


@pytest.fixture
def lab(page, lab_server):
    lab = Lab(page, lab_server)
    yield lab
    lab.restore_theme()
    lab.close_documents()
    lab.detach()
    page.set_viewport_size(VIEWPORT)  # a test may have set another (the page is shared)
