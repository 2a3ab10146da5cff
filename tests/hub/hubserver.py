"""Start and stop a real JupyterHub for the tests, and talk to its REST API.

``hub_server(run)`` starts ``jupyterhub`` (with configurable-http-proxy from
``.hub-tools/``, installed by ``make install-hub``) on free ports of
127.0.0.1, with ``tests/hub/jupyterhub_config.py``; it yields a :class:`Hub`
and, on the way out, stops the hub, which stops the proxy and every student's
server; any process left over is killed. ``course_upstream(run)`` makes the
local git repository the nbgitpuller link pulls from. Every wait is bounded
and fails with a sentence saying what was awaited, and the end of the log.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
PROXY = REPO / ".hub-tools" / "node_modules" / ".bin" / "configurable-http-proxy"
#: JupyterHub's 5 line (what Zero to JupyterHub 4.4 and TLJH 2.0 ship), installed by
#: `make install-hub` from tests/hub/jupyterhub5.txt; it shares every other package with .venv.
LINE_5 = REPO / ".hub-tools" / "jupyterhub5"
INSTALL_HINT = ("run `make install-hub` (JupyterHub from PyPI, its 5 line into .hub-tools/, "
                "configurable-http-proxy from npm)")
#: Seconds the test hub's classroom service trusts the hub's word on a token.
AUTH_CACHE = 5
#: Times the hub is started before a failure to start fails the run.
START_ATTEMPTS = 3
#: Seconds for the hub (and its proxy and services) to answer.
START_TIMEOUT = 120.0
#: Seconds for a student's server to start (a cold JupyterLab on a busy 2-core machine).
SPAWN_TIMEOUT = 180.0
#: The course's folder name in each home: nbgitpuller names it after the repository.
COURSE = "orchestration-vs-choreography"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class HubError(RuntimeError):
    """The hub did not do what a test waited for; the message says what, with its log."""


@dataclass
class Hub:
    """A running JupyterHub: its public URL, the tests' admin token, its log and run folder."""

    url: str
    admin_token: str
    passwords: dict[str, str]
    run: Path
    log: Path
    process: subprocess.Popen
    version: str = "?"

    def home(self, user: str) -> Path:
        return self.run / "homes" / user

    def request(self, path: str, *, method: str = "GET", token: str | None = None,
                body: object = None, timeout: float = 30.0) -> tuple[int, object]:
        """``(status, parsed JSON or text)`` of a request to ``url + path``; never raises on 4xx/5xx."""
        data = None if body is None else (body if isinstance(body, bytes)
                                          else json.dumps(body).encode())
        headers = {"Authorization": f"token {token or self.admin_token}"}
        if data is not None:
            headers["Content-Type"] = "application/json"
        request = urllib.request.Request(self.url + path, data=data, method=method,
                                         headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                status, raw = response.status, response.read()
        except urllib.error.HTTPError as error:
            status, raw = error.code, error.read()
        text = raw.decode("utf-8", "replace")
        try:
            return status, json.loads(text) if text else None
        except json.JSONDecodeError:
            return status, text

    def api(self, path: str, *, method: str = "GET", body: object = None) -> object:
        """The hub's REST API (``/hub/api/<path>``) with the admin token; 2xx or :class:`HubError`."""
        status, data = self.request(f"/hub/api/{path}", method=method, body=body)
        if status >= 300:
            raise HubError(f"{method} /hub/api/{path} answered {status}: {data!r}")
        return data

    def user(self, name: str) -> dict:
        return self.api(f"users/{name}")

    def server_pid(self, name: str) -> int:
        """The process id of ``name``'s running server (from the spawner's state)."""
        server = self.user(name)["servers"].get("")
        if not server or not server.get("ready"):
            raise HubError(f"{name} has no running server: {server!r}")
        return int(server["state"]["pid"])

    def user_api(self, name: str, path: str, method: str = "GET") -> object:
        """The REST API of ``name``'s own Jupyter server (``/user/<name>/api/<path>``)."""
        status, data = self.request(f"/user/{name}/api/{path}", method=method)
        if status >= 300:
            raise HubError(f"{method} /user/{name}/api/{path} answered {status}: {data!r}")
        return data

    def wait_for(self, ready, what: str, timeout: float = START_TIMEOUT):
        """Poll ``ready()`` until it returns something true; return it, or fail saying ``what``."""
        deadline = time.monotonic() + timeout
        while True:
            if self.process.poll() is not None:
                raise HubError(f"JupyterHub exited (code {self.process.returncode}) while "
                               f"waiting for {what}.\n{self.log_tail()}")
            try:
                value = ready()
            except (OSError, HubError):
                value = None
            if value:
                return value
            if time.monotonic() > deadline:
                raise HubError(f"Waited {timeout:.0f} s for {what}.\n{self.log_tail()}")
            time.sleep(0.5)

    def log_tail(self, chars: int = 4000) -> str:
        text = self.log.read_text(errors="replace") if self.log.exists() else ""
        return "The hub's log ends:\n" + text[-chars:]

    def service_pid(self, name: str) -> int:
        return int(self.api("services")[name]["pid"])

    def token_for(self, user: str, scopes: list[str]) -> str:
        """A new API token of ``user`` with ``scopes`` (made with the tests' admin token)."""
        return self.api(f"users/{user}/tokens", method="POST",
                        body={"scopes": scopes, "expires_in": 3600,
                              "note": "tests/hub"})["token"]

    def stop_server(self, name: str) -> None:
        self.request(f"/hub/api/users/{name}/server", method="DELETE")
        self.wait_for(lambda: not self.user(name)["servers"], f"{name}'s server to stop")


def _hub_environment(run: Path, ports: dict[str, int], admin: str,
                     passwords: dict[str, str], extra: dict[str, str]) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JUPYTER", "LESSONLIB"))}
    env.update(
        PATH=str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", ""),
        HUBTEST_RUN=str(run),
        HUBTEST_REPO=str(REPO),
        HUBTEST_PROXY=str(PROXY),
        HUBTEST_PORT=str(ports["public"]),
        HUBTEST_HUB_PORT=str(ports["hub"]),
        HUBTEST_PROXY_API_PORT=str(ports["proxy_api"]),
        HUBTEST_ADMIN_TOKEN=admin,
        HUBTEST_PASSWORDS=json.dumps(passwords),
        CONFIGPROXY_AUTH_TOKEN=secrets.token_hex(32),
        **extra,
    )
    return env


def _kill_leftovers(run: Path) -> None:
    """Kill any process whose working directory is inside ``run`` (a student's server
    or kernel the hub did not stop): the tests leave nothing running."""
    try:
        import psutil
    except ImportError:
        return
    for proc in psutil.process_iter(["pid", "cwd"]):
        with contextlib.suppress(psutil.Error, TypeError):
            if proc.info["cwd"] and Path(proc.info["cwd"]).is_relative_to(run):
                proc.kill()


def _line_environment(line: str) -> dict[str, str]:
    """The environment that makes the hub, its services and the students' servers run
    JupyterHub's ``line`` (the newest is .venv's own; 5 comes first on PYTHONPATH)."""
    if line == "6":
        return {}
    if not (LINE_5 / "jupyterhub" / "__init__.py").exists():
        raise HubError(f"JupyterHub's 5 line is not installed in {LINE_5}: {INSTALL_HINT}.")
    return {"PYTHONPATH": str(LINE_5)}


@contextlib.contextmanager
def hub_server(run: Path, passwords: dict[str, str], extra_env: dict[str, str] | None = None,
               *, line: str = "6", database_url: str | None = None) -> Iterator[Hub]:
    """Run JupyterHub (of ``line``) in ``run`` (its database, log and the students' homes),
    its classroom service on ``database_url``, until the block ends."""
    if not PROXY.exists():
        raise HubError(f"configurable-http-proxy is not installed: {INSTALL_HINT}.")
    if shutil.which("jupyterhub", path=str(Path(sys.executable).parent)) is None:
        raise HubError(f"JupyterHub is not installed in this environment: {INSTALL_HINT}.")
    run.mkdir(parents=True, exist_ok=True)
    settings = run / "lab-settings"
    settings.mkdir(exist_ok=True)
    shutil.copy(REPO / "deploy" / "singleuser" / "overrides.json", settings / "overrides.json")
    admin = secrets.token_hex(32)
    log = run / "jupyterhub.log"
    for attempt in range(1, START_ATTEMPTS + 1):
        # Free ports now may be taken by another program before the hub binds them (a busy
        # machine): a hub that exits while starting is started again, on new ports.
        ports = {"public": free_port(), "hub": free_port(), "proxy_api": free_port()}
        classroom = {"LESSONLIB_CLASSROOM_PORT": str(free_port()),
                     # a revoked token is refused within 5 s here (30 s on a class hub), so
                     # the test of it waits 5 s
                     "LESSONLIB_CLASSROOM_AUTH_CACHE": str(AUTH_CACHE),
                     "LESSONLIB_CLASSROOM_DB": database_url or f"sqlite:///{run / 'classroom.sqlite'}"}
        env = _hub_environment(run, ports, admin, passwords,
                               {**classroom, **_line_environment(line), **(extra_env or {})})
        with open(log, "ab") as log_file:
            process = subprocess.Popen(
                [str(Path(sys.executable).parent / "jupyterhub"), "-f",
                 str(HERE / "jupyterhub_config.py")],
                cwd=run, env=env, stdout=log_file, stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        hub = Hub(f"http://127.0.0.1:{ports['public']}", admin, passwords, run, log, process)
        try:
            hub.wait_for(lambda h=hub: h.request("/hub/api/")[0] == 200,
                         "the hub to answer through its proxy")
            break
        except HubError:
            exited = process.poll() is not None  # by itself: ports taken, say; else a hang
            _stop(process, run)
            if attempt == START_ATTEMPTS or not exited:
                raise
    try:
        hub.version = str(hub.request("/hub/api/")[1]["version"])
        if hub.version.split(".")[0] != line:
            raise HubError(f"Asked for JupyterHub's {line} line, the hub runs {hub.version}.")
        yield hub
    finally:
        _stop(process, run)


def _stop(process: subprocess.Popen, run: Path) -> None:
    """Stop the hub (which stops the proxy and every server); kill whatever is left."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)
    _kill_leftovers(run)


# --- the course repository the class link pulls from --------------------------------

GIT_IDENTITY = {"GIT_AUTHOR_NAME": "Course team", "GIT_AUTHOR_EMAIL": "course@example.invalid",
                "GIT_COMMITTER_NAME": "Course team",
                "GIT_COMMITTER_EMAIL": "course@example.invalid"}


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True,
                          env={**os.environ, **GIT_IDENTITY}, timeout=60, check=False)
    if done.returncode != 0:
        raise HubError(f"git {' '.join(args)} in {repo} failed: {done.stderr.strip()}")
    return done.stdout.strip()


def publish_student_branch(upstream: Path) -> str:
    """Run ``scripts/student_branch.py`` in ``upstream``, as an instructor would."""
    done = subprocess.run([sys.executable, str(REPO / "scripts" / "student_branch.py"),
                           "--repo", str(upstream), "--from", "main"],
                          capture_output=True, text=True, env={**os.environ, **GIT_IDENTITY},
                          timeout=60, check=False)
    if done.returncode != 0:
        raise HubError(f"scripts/student_branch.py failed: {done.stderr.strip()}")
    return done.stdout.strip()


def course_upstream(run: Path) -> Path:
    """A git repository holding this checkout's course files (as they are now, committed
    or not) on ``main``, and its ``student`` branch: the instructor's class repository."""
    upstream = run / "upstream" / COURSE
    upstream.mkdir(parents=True)
    tracked = subprocess.run(["git", "-C", str(REPO), "ls-files", "-z"], capture_output=True,
                             check=True, timeout=60).stdout.decode().split("\0")
    for name in filter(None, tracked):
        source = REPO / name
        if source.is_file():
            target = upstream / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    git(upstream, "init", "-q", "-b", "main")
    git(upstream, "add", "-A")
    git(upstream, "commit", "-q", "-m", "The course")
    publish_student_branch(upstream)
    return upstream


def class_link(hub: Hub, upstream: Path, lesson: str = "00_start_here") -> str:
    """The nbgitpuller link an instructor shares (docs/instructor-guide.md builds the same)."""
    query = urllib.parse.urlencode({
        "repo": str(upstream),
        "branch": "student",
        "urlpath": f"lab/tree/{COURSE}/notebooks/{lesson}.ipynb",
    })
    return f"{hub.url}/hub/user-redirect/git-pull?{query}"
