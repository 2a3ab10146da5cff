"""``python -m lessonlib lab``, started for real, opens lesson 00 for a student.

The command runs as a student runs it, in a copy of the course folder, with
``--no-browser`` and a free port; Jupyter's own "open this in a browser" file
is what Chromium loads, as Jupyter's browser launch would. Jupyter's folders
and the progress file are temporary, so the test leaves nothing behind.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
START_TIMEOUT = 90.0  # seconds for JupyterLab to write its open file
OPEN_TIMEOUT = 90_000  # ms for lesson 00 to show with its kernel idle


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def _wait_while_running(server: subprocess.Popen, log: Path, ready, what: str):
    """Poll ``ready()`` until it gives a value; fail if the server exits or after START_TIMEOUT."""
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"python -m lessonlib lab exited with {server.returncode}:\n"
                        f"{log.read_text(errors='replace')[-3000:]}")
        found = ready()
        if found:
            return found
        time.sleep(0.25)
    pytest.fail(f"{what} within {START_TIMEOUT:.0f} s:\n{log.read_text(errors='replace')[-3000:]}")


def _open_file(runtime: Path) -> Path | None:
    found = sorted(runtime.glob("jpserver-file-to-run-*-open.html"))
    return found[0] if found and "url=" in found[0].read_text() else None


def _listening(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


def _wait_for_idle_kernel(port: int, token: str, notebook: str) -> None:
    """Wait until the server has a session for ``notebook`` whose kernel is idle."""
    deadline = time.monotonic() + OPEN_TIMEOUT / 1000
    sessions = []
    while time.monotonic() < deadline:
        request = urllib.request.Request(f"http://127.0.0.1:{port}/api/sessions",
                                         headers={"Authorization": f"token {token}"})
        with urllib.request.urlopen(request, timeout=10) as response:
            sessions = json.loads(response.read())
        if any(s["path"].endswith(notebook) and s["kernel"]["execution_state"] == "idle"
               for s in sessions):
            return
        time.sleep(0.25)
    pytest.fail(f"No idle kernel for {notebook} within {OPEN_TIMEOUT / 1000:.0f} s: {sessions}")


@pytest.fixture
def started(tmp_path):
    """``python -m lessonlib lab --no-browser --port P`` in a copy of the course."""
    course = tmp_path / "course"
    shutil.copytree(ROOT / "notebooks", course / "notebooks",
                    ignore=shutil.ignore_patterns(".ipynb_checkpoints", ".backup"))
    jupyter = tmp_path / "jupyter"
    env = dict(os.environ)
    env.pop("MPLBACKEND", None)
    env.update(JUPYTER_CONFIG_DIR=str(jupyter / "config"), JUPYTER_DATA_DIR=str(jupyter / "data"),
               JUPYTER_RUNTIME_DIR=str(jupyter / "runtime"), IPYTHONDIR=str(jupyter / "ipython"),
               JUPYTER_PLATFORM_DIRS="1", LESSONLIB_PROGRESS=str(tmp_path / "progress.json"))
    port = _free_port()
    log = tmp_path / "lab.log"
    with open(log, "wb") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "lessonlib", "lab", "--no-browser", "--port", str(port)],
            cwd=course, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        open_file = _wait_while_running(server, log, lambda: _open_file(jupyter / "runtime"),
                                        "No open file from JupyterLab")
        # Jupyter writes its open file before its event loop binds the port: wait for that.
        _wait_while_running(server, log, lambda: _listening(port),
                            f"Nothing listens on 127.0.0.1:{port}")
        yield port, open_file, log
    finally:
        server.terminate()  # JupyterLab itself (the command replaced itself by it)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait(timeout=10)


def test_the_start_command_opens_lesson_00_on_localhost_behind_a_token(started, browser_context):
    port, open_file, log = started
    url = re.search(r'url=([^"]+)"', open_file.read_text()).group(1).replace("&amp;", "&")
    parts = urlsplit(url)
    assert (parts.scheme, parts.hostname, parts.port) == ("http", "127.0.0.1", port)
    assert parts.path == "/lab/tree/00_start_here.ipynb"
    token = re.search(r"(?:^|&)token=([0-9a-f]{32,})", parts.query)
    assert token, "the token is kept"
    token = token.group(1)
    assert _status(f"http://127.0.0.1:{port}/api/contents") == 403, "open without the token"
    assert f"http://127.0.0.1:{port}/" in log.read_text()

    page = browser_context.new_page()
    foreign = []
    page.on("request", lambda r: urlsplit(r.url).hostname not in (None, "127.0.0.1", "")
            and not r.url.startswith(("data:", "blob:", "file:")) and foreign.append(r.url))
    try:
        page.goto(open_file.as_uri())  # what Jupyter's browser launch opens: it redirects
        page.wait_for_url(re.compile(rf"^http://127\.0\.0\.1:{port}/lab/tree/00_start_here"),
                          timeout=OPEN_TIMEOUT)
        tab = page.locator(".lm-TabBar-tab.lm-mod-current", has_text="00_start_here.ipynb")
        tab.wait_for(timeout=OPEN_TIMEOUT)
        heading = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-MarkdownOutput h1")
        heading.first.wait_for(timeout=OPEN_TIMEOUT)
        assert "start here" in heading.first.inner_text().lower()
        _wait_for_idle_kernel(port, token, "00_start_here.ipynb")
        # JupyterLab's news question pops up once the app is restored: none may cover
        # the lesson (lessonlib/course/lab_settings/overrides.json).
        page.wait_for_timeout(2000)
        toasts = page.locator(".Toastify__toast")
        assert toasts.count() == 0, toasts.all_inner_texts()
    finally:
        page.close()
    assert foreign == [], "the start command's JupyterLab asked another host"
