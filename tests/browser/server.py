"""What the browser tests run on: a private JupyterLab server and a Chromium.

The fixtures in ``conftest.py`` use these; a lesson test never needs them
(it talks to the page objects in ``pages.py``).

``start_lab_server(tmp)``
    A context manager: JupyterLab on 127.0.0.1 (a free port, a fresh token)
    serving a temporary copy of ``notebooks/``, with its own settings, config,
    progress file and log, all under ``tmp``. Yields a :class:`LabServer`.
``LabServer``
    ``url``, ``token``, ``root`` (the served copy), ``log``; ``lab_url(path)``,
    ``api(path)`` (the REST API) and ``shut_down_kernels()``.
``launch_chromium(playwright)``
    Chromium found by ``scripts/ensure_browser.py``, started headless with
    :data:`CHROMIUM_ARGS` (and ``--no-sandbox`` as root); raises
    :class:`BrowserNotFound` with the sentence saying how to install one.
``load_ensure_browser()``
    A fresh copy of ``scripts/ensure_browser.py`` as a module (for its tests).
``notebook_names()`` / ``notebook_source(name)``
    The course's notebooks on disk, and the code of one of them.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
NOTEBOOKS = REPO / "notebooks"
#: The browser window of every test (screenshots widen nothing, only grow taller).
VIEWPORT = {"width": 1400, "height": 1000}
#: Seconds to wait for the server to answer after it was started.
START_TIMEOUT = 60.0

# Flags for a quiet, closed-network Chromium: the background-networking ones
# stop the connections (updates, safe browsing, sync) a closed network refuses.
CHROMIUM_ARGS = [
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-extensions",
]


def _is_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


# --- Chromium ------------------------------------------------------------------------


def load_ensure_browser():
    """``scripts/ensure_browser.py`` as a module: the one place that finds Chromium."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "ensure_browser", REPO / "scripts" / "ensure_browser.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_ENSURE = load_ensure_browser()
#: No usable Chromium; the message says how to install one.
BrowserNotFound = _ENSURE.BrowserNotFound


def launch_chromium(playwright):
    """Start the Chromium ``scripts/ensure_browser.py`` finds; return Playwright's Browser.

    Raises :class:`BrowserNotFound` (its message says how to install a browser)
    when there is none.
    """
    executable = _ENSURE.find_chromium(playwright)
    args = list(CHROMIUM_ARGS)
    if _is_root():
        args.append("--no-sandbox")  # Chromium refuses to start as root with its sandbox
    return playwright.chromium.launch(executable_path=executable, args=args)


# --- the local JupyterLab server -----------------------------------------------------


@dataclass
class LabServer:
    """A running ``jupyter lab`` serving a copy of the notebooks."""

    url: str
    token: str
    root: Path
    process: subprocess.Popen
    log: Path

    def lab_url(self, path: str = "") -> str:
        return f"{self.url}/lab/{path}?token={self.token}&reset"

    def api(self, path: str, method: str = "GET") -> object:
        request = urllib.request.Request(
            f"{self.url}/api/{path}",
            method=method,
            headers={"Authorization": f"token {self.token}"},
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            body = response.read()
        return json.loads(body) if body else None

    def shut_down_kernels(self) -> None:
        """End every notebook session (and its kernel), so kernels do not pile up."""
        for session in self.api("sessions"):
            self.api(f"sessions/{session['id']}", method="DELETE")

    def log_tail(self, chars: int = 3000) -> str:
        return self.log.read_text(errors="replace")[-chars:]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _lab_environment(tmp: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("MPLBACKEND", None)  # the kernel then uses the inline backend, as for a student
    venv_bin = str(Path(sys.executable).parent)
    env.update(
        PATH=venv_bin + os.pathsep + env.get("PATH", ""),
        LESSONLIB_PROGRESS=str(tmp / "progress.json"),
        JUPYTER_CONFIG_DIR=str(tmp / "config"),
        JUPYTER_DATA_DIR=str(tmp / "data"),
        JUPYTER_RUNTIME_DIR=str(tmp / "runtime"),
        IPYTHONDIR=str(tmp / "ipython"),
        JUPYTER_PLATFORM_DIRS="1",
    )
    return env


# User settings for the test lab: no news or update toasts over the notebook; every
# cell kept in the page (no windowing), so checks and screenshots see them all; and
# no autosave, so a notebook's served copy stays as committed for every test.
LAB_SETTINGS = {
    "apputils-extension/notification": {"fetchNews": "false", "checkForUpdates": False},
    "notebook-extension/tracker": {"windowingMode": "none"},
    "docmanager-extension/plugin": {"autosave": False},
}


def _lab_settings(settings_dir: Path) -> None:
    for plugin, values in LAB_SETTINGS.items():
        path = settings_dir / "@jupyterlab" / f"{plugin}.jupyterlab-settings"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values))


@contextlib.contextmanager
def start_lab_server(tmp: Path, notebooks: Path = NOTEBOOKS) -> Iterator[LabServer]:
    """Start JupyterLab on 127.0.0.1 serving a copy of ``notebooks``; stop it after.

    The copy keeps autosave from touching the repository; ``tmp`` also holds
    the progress file, Jupyter's config/data/runtime dirs and workspaces, so
    nothing leaks between runs or into the user's own Jupyter set-up.
    """
    root = tmp / "root"
    shutil.copytree(notebooks, root, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    _lab_settings(tmp / "settings")
    token = secrets.token_hex(16)
    port = _free_port()
    log = tmp / "jupyter-lab.log"
    cmd = [
        str(Path(sys.executable).parent / "jupyter"),
        "lab",
        "--no-browser",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={root}",
        f"--LabApp.workspaces_dir={tmp / 'workspaces'}",
        f"--LabApp.user_settings_dir={tmp / 'settings'}",
        "--LabApp.news_url=None",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        "--LabApp.extension_manager=readonly",  # never ask PyPI for extensions
        # window.jupyterapp lets the page objects read the kernel's state (as Galata does)
        "--LabApp.expose_app_in_browser=True",
        "--ServerApp.terminals_enabled=False",
    ]
    if _is_root():
        cmd.append("--allow-root")  # containers and CI often run as root
    with open(log, "wb") as log_file:
        process = subprocess.Popen(
            cmd, env=_lab_environment(tmp), stdout=log_file, stderr=subprocess.STDOUT
        )
    server = LabServer(f"http://127.0.0.1:{port}", token, root, process, log)
    try:
        _wait_for_server(server)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def _wait_for_server(server: LabServer, timeout: float = START_TIMEOUT) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(
                f"JupyterLab exited with code {server.process.returncode} before it was ready; "
                f"its log:\n{server.log_tail()}"
            )
        try:
            server.api("status")
            return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.25)
    raise RuntimeError(
        f"JupyterLab did not answer /api/status within {timeout:.0f} s; its log:\n"
        f"{server.log_tail()}"
    )


# --- the notebooks it serves -----------------------------------------------------------


def notebook_names(notebooks: Path = NOTEBOOKS) -> list[str]:
    """The stems of every ``notebooks/*.ipynb``, sorted (checkpoints excluded)."""
    return sorted(p.stem for p in notebooks.glob("*.ipynb"))


def notebook_source(name: str, notebooks: Path = NOTEBOOKS) -> str:
    """All code cells' source of ``notebooks/<name>.ipynb``, joined by blank lines."""
    nb = json.loads((notebooks / f"{name}.ipynb").read_text(encoding="utf-8"))
    return "\n\n".join(
        "".join(c["source"]) if isinstance(c["source"], list) else c["source"]
        for c in nb["cells"]
        if c["cell_type"] == "code"
    )
