"""Fixtures for the real-hub tests (``make test-hub``; ``make test`` leaves this folder out).

``upstream`` (session)  the instructor's class repository: this checkout's course on ``main``
                        and its ``student`` branch (scripts/student_branch.py)
``hub`` (session)       JupyterHub on 127.0.0.1 with configurable-http-proxy and three
                        users, each with their own password: students ada and ben, and
                        teacher (the instructor)
``browser`` (session)   Chromium (found by scripts/ensure_browser.py) driven by Playwright

A missing JupyterHub, proxy or browser fails the run with the sentence saying
how to install it: a skipped hub test would look green.
"""

from __future__ import annotations

import importlib.util
import os
import secrets
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from hubserver import REPO, HubError, course_upstream, hub_server  # noqa: E402
from student import CHROMIUM_ARGS  # noqa: E402

USERS = ("ada", "ben", "teacher")
# JupyterHub's config file, not a module: only the hub's config loader can run it.
collect_ignore = ["jupyterhub_config.py"]


def pytest_collection_modifyitems(items):
    # Every hub test is bounded: a hang fails the test instead of the CI run.
    for item in items:
        if item.get_closest_marker("timeout") is None:
            item.add_marker(pytest.mark.timeout(900))


@pytest.fixture(scope="session")
def run(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("hub")


@pytest.fixture(scope="session")
def upstream(run) -> Path:
    return course_upstream(run)


@pytest.fixture(scope="session")
def passwords() -> dict[str, str]:
    return {name: secrets.token_urlsafe(12) for name in USERS}


@pytest.fixture(scope="session")
def hub(run, passwords):
    try:
        with hub_server(run / "hub", passwords) as server:
            yield server
    except HubError as error:
        pytest.fail(str(error), pytrace=False)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    spec = importlib.util.spec_from_file_location("ensure_browser",
                                                  REPO / "scripts" / "ensure_browser.py")
    ensure = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(ensure)
    with sync_playwright() as playwright:
        try:
            executable = ensure.find_chromium(playwright)
        except ensure.BrowserNotFound as error:
            pytest.fail(str(error), pytrace=False)
        args = list(CHROMIUM_ARGS)
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            args.append("--no-sandbox")  # Chromium refuses to start as root with its sandbox
        browser = playwright.chromium.launch(executable_path=executable, args=args)
        yield browser
        browser.close()
