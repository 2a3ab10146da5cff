"""Fixtures for the real-hub tests (``make test-hub``; ``make test`` leaves this folder out).

``upstream`` (session)  the instructor's class repository: this checkout's course on ``main``
                        and its ``student`` branch (scripts/student_branch.py)
``hub`` (session)       JupyterHub on 127.0.0.1 with configurable-http-proxy and three
                        users, each with their own password: students ada and ben, and
                        teacher (the instructor)
``database`` (session)  the classroom's database: a SQLite file, or a PostgreSQL server of
                        this run's own (tests/hub/postgres.py)
``browser`` (session)   Chromium (found by scripts/ensure_browser.py) driven by Playwright

Which JupyterHub and which database: ``HUB_LINE`` (``6``, the current line, or ``5``,
the line Zero to JupyterHub 4.4 and The Littlest JupyterHub 2.0 ship) and ``HUB_DB``
(``sqlite`` or ``postgresql``); ``make test-hub`` runs every pair. The run's first line
says which it tested, e.g. "JupyterHub 5.5.4, PostgreSQL 15.18".

A missing JupyterHub, proxy, PostgreSQL or browser fails the run with the sentence
saying how to install it: a skipped hub test would look green.
"""

from __future__ import annotations

import importlib.util
import os
import pwd
import secrets
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from hubserver import REPO, HubError, course_upstream, free_port, hub_server  # noqa: E402
from postgres import PostgresError, postgres_server  # noqa: E402
from student import CHROMIUM_ARGS  # noqa: E402

#: Which JupyterHub line and which database this run tests (make test-hub runs every pair).
LINE = os.environ.get("HUB_LINE", "6")
DATABASE = os.environ.get("HUB_DB", "sqlite")
if LINE not in ("5", "6") or DATABASE not in ("sqlite", "postgresql"):
    raise pytest.UsageError(f"HUB_LINE is 5 or 6 and HUB_DB sqlite or postgresql; got "
                            f"{LINE!r} and {DATABASE!r}.")

USERS = ("ada", "ben", "teacher")
# JupyterHub's config file, not a module: only the hub's config loader can run it.
collect_ignore = ["jupyterhub_config.py"]


#: Tests that need run once of the four, not on each (CI's time is shared): ``runs("6/sqlite")``
#: keeps a test to those pairs; in the other runs it is deselected (counted, not skipped).
def runs(*pairs: str):
    return pytest.mark.runs(pairs)


def pytest_configure(config):
    config.addinivalue_line("markers", "runs(pairs): the HUB_LINE/HUB_DB pairs a test runs in")


def pytest_collection_modifyitems(config, items):
    # Every hub test is bounded: a hang fails the test instead of the CI run.
    for item in items:
        if item.get_closest_marker("timeout") is None:
            item.add_marker(pytest.mark.timeout(900))
    here = f"{LINE}/{DATABASE}"
    kept, elsewhere = [], []
    for item in items:
        marker = item.get_closest_marker("runs")
        (kept if marker is None or here in marker.args[0] else elsewhere).append(item)
    if elsewhere:
        config.hook.pytest_deselected(items=elsewhere)
        items[:] = kept


@pytest.fixture(scope="session")
def run(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("hub")


@pytest.fixture(scope="session")
def upstream(run) -> Path:
    return course_upstream(run)


@pytest.fixture(scope="session")
def passwords() -> dict[str, str]:
    return {name: secrets.token_urlsafe(12) for name in USERS}


@dataclass
class Database:
    """The classroom's database of this run: its URL, its name and version, and the
    PostgreSQL server behind it (None for SQLite)."""

    url: str
    name: str
    server: object | None = None

    @property
    def sqlite_file(self) -> Path | None:
        return Path(self.url.removeprefix("sqlite:///")) if self.server is None else None


#: Where the hub runs as root (CI), the classroom service runs as this unprivileged user, as
#: deploy/jupyterhub/classroom.py has it on The Littlest JupyterHub (there, its own user).
SERVICE_USER = "nobody"


def service_user() -> tuple[str, str]:
    """``(user, why)``: who the service runs as. As root, ``nobody`` if it can import
    lessonlib from this checkout; otherwise the hub's user, and the sentence why."""
    if not (hasattr(os, "geteuid") and os.geteuid() == 0):
        return "", ""
    done = subprocess.run(["runuser", "-u", SERVICE_USER, "--", sys.executable, "-c",
                           "import lessonlib.course.classroom"], capture_output=True,
                          cwd="/", timeout=120, check=False)
    if done.returncode != 0:
        return "", (f"the service ran as root: {SERVICE_USER} cannot read this checkout "
                    f"({done.stderr.decode(errors='replace').strip()[-200:]})")
    return SERVICE_USER, ""


@pytest.fixture(scope="session")
def service_home():
    """The service's working folder (its SQLite file), owned by the user it runs as."""
    user, why = service_user()
    folder = Path(tempfile.mkdtemp(prefix="lessonlib-classroom-"))
    if user:
        entry = pwd.getpwnam(user)
        os.chown(folder, entry.pw_uid, entry.pw_gid)
    yield folder, user, why
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="session")
def database(service_home):
    if DATABASE == "sqlite":
        yield Database(f"sqlite:///{service_home[0] / 'classroom.sqlite'}",
                       f"SQLite {sqlite3.sqlite_version}")
        return
    try:
        with postgres_server(free_port()) as server:
            yield Database(server.url, f"PostgreSQL {server.version()}", server)
    except PostgresError as error:
        pytest.fail(str(error), pytrace=False)


TESTED: list[str] = []  # what this run tested, said at its end


@pytest.fixture(scope="session")
def hub(run, passwords, database, service_home, request):
    folder, user, why = service_home
    service = {"LESSONLIB_CLASSROOM_USER": user, "LESSONLIB_CLASSROOM_DIR": str(folder)}
    try:
        with hub_server(run / "hub", passwords, service, line=LINE,
                        database_url=database.url) as server:
            TESTED.append(f"JupyterHub {server.version}, {database.name}"
                          + (f", the service as {user}" if user else "")
                          + (f" ({why})" if why else ""))
            reporter = request.config.pluginmanager.get_plugin("terminalreporter")
            capture = request.config.pluginmanager.get_plugin("capturemanager")
            if reporter is not None and capture is not None:
                with capture.global_and_fixture_disabled():
                    reporter.write_line(f"tests/hub: {TESTED[-1]}", bold=True)
            yield server
    except HubError as error:
        pytest.fail(str(error), pytrace=False)


def pytest_terminal_summary(terminalreporter):
    for tested in TESTED:
        terminalreporter.write_line(f"tests/hub tested {tested}", bold=True)


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


@pytest.fixture(scope="session")
def stored(database):
    """``stored(lesson=None, prefix="")``: rows the classroom's database holds (of students
    whose name starts with ``prefix``), read directly: what was really kept."""
    from sqlalchemy import create_engine, text

    url = database.url
    if database.sqlite_file is not None:  # read-only: the service's user owns the file
        url = f"sqlite:///file:{database.sqlite_file}?mode=ro&uri=true"
    engine = create_engine(url, pool_pre_ping=True)  # PostgreSQL may have been restarted

    def count(lesson: str | None = None, prefix: str = "", distinct: bool = False) -> int:
        what = "count(distinct student || ':' || sid)" if distinct else "count(*)"
        query = f"select {what} from submissions where student like :prefix"
        args = {"prefix": prefix + "%"}
        if lesson is not None:
            query += " and lesson = :lesson"
            args["lesson"] = lesson
        with engine.connect() as db:
            return db.execute(text(query), args).scalar_one()

    yield count
    engine.dispose()
