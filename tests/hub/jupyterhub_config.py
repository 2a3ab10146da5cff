"""The test hub: a real JupyterHub on 127.0.0.1 with students who log in with their own password.

Started by ``tests/hub/hubserver.py``, which passes what varies per run in
``HUBTEST_*`` environment variables (ports, the run's folder, tokens). What a
class hub would use comes from ``deploy/``: the single-user settings (kernel
shut down when its tab closes, idle-kernel culling), idle-server culling, and
the classroom service (its instructor is ``teacher``).

Differences from a class hub, all because this hub lives for one test run:
``SimpleLocalProcessSpawner`` (every student's server is a local process of the
user running the tests, home ``<run>/homes/<name>``), the authenticator below,
and a service token the tests use to look at servers.
"""

import hmac
import json
import os
import sys
from pathlib import Path

from jupyterhub.auth import Authenticator
from traitlets import Dict

c = get_config()  # noqa: F821 - JupyterHub's config loader provides it
env = os.environ
RUN = Path(env["HUBTEST_RUN"])
REPO = Path(env["HUBTEST_REPO"])
DEPLOY = REPO / "deploy"
BIN = Path(sys.executable).parent


class PasswordAuthenticator(Authenticator):
    """Each allowed user has a password of their own (JupyterHub's DummyAuthenticator
    takes any password, so it could not show that a student cannot log in as another)."""

    passwords = Dict(config=True, help="user name -> password")

    async def authenticate(self, handler, data):
        name = data.get("username", "")
        given = data.get("password", "").encode()
        wanted = self.passwords.get(name)
        if wanted is not None and hmac.compare_digest(wanted.encode(), given):
            return name
        return None


passwords = json.loads(env["HUBTEST_PASSWORDS"])
c.JupyterHub.authenticator_class = PasswordAuthenticator
c.PasswordAuthenticator.passwords = passwords
c.Authenticator.allowed_users = set(passwords)

# 127.0.0.1 only: the proxy (what browsers reach), the hub's API and the proxy's API.
c.JupyterHub.bind_url = f"http://127.0.0.1:{env['HUBTEST_PORT']}"
c.JupyterHub.hub_bind_url = f"http://127.0.0.1:{env['HUBTEST_HUB_PORT']}"
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{env['HUBTEST_PROXY_API_PORT']}"
c.ConfigurableHTTPProxy.command = [env["HUBTEST_PROXY"]]
c.JupyterHub.db_url = f"sqlite:///{RUN / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(RUN / "jupyterhub_cookie_secret")
c.JupyterHub.pid_file = str(RUN / "jupyterhub.pid")

# Each student's server: a local process with its own home (so its own progress file).
c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = str(RUN / "homes" / "{username}")
c.Spawner.cmd = [str(BIN / "jupyterhub-singleuser")]
c.Spawner.default_url = "/lab"
c.Spawner.ip = "127.0.0.1"
c.Spawner.start_timeout = 180
c.Spawner.http_timeout = 180
# PYTHONPATH: on JupyterHub's 5 line it names where that line is installed (tests/hub/hubserver.py)
c.Spawner.env_keep = ["PATH", "PYTHONPATH", "LANG", "JUPYTERHUB_SINGLEUSER_APP"]
c.Spawner.environment = {
    # deploy/singleuser/jupyter_server_config.json: idle-kernel culling, as on a class hub
    "JUPYTER_CONFIG_PATH": str(DEPLOY / "singleuser"),
}
c.Spawner.args = [
    # deploy/singleuser/overrides.json, copied there by the test: a closed tab shuts its kernel down
    f"--LabApp.app_settings_dir={RUN / 'lab-settings'}",
    # lets the tests read the kernel's state from JupyterLab's own model (as Galata does)
    "--LabApp.expose_app_in_browser=True",
    "--LabApp.news_url=None",
    "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
    "--ServerApp.terminals_enabled=False",
]
if hasattr(os, "geteuid") and os.geteuid() == 0:
    c.Spawner.args.append("--allow-root")  # CI runs as root; every server is the tests' user

# The tests look at users and servers (the server's process id, for its memory) with this token.
c.JupyterHub.services = [{"name": "hub-test", "api_token": env["HUBTEST_ADMIN_TOKEN"]}]
c.JupyterHub.load_roles = [{
    "name": "hub-test",
    "services": ["hub-test"],
    "scopes": ["admin:users", "admin:servers", "admin:server_state", "access:servers",
               "list:services", "read:services", "tokens"],
}]

# As on a class hub: idle servers are stopped, and the classroom service collects answers
# (on the free port and in the run's folder that HUBTEST passes as LESSONLIB_CLASSROOM_*).
load_subconfig(str(DEPLOY / "jupyterhub" / "culling.py"))  # noqa: F821
load_subconfig(str(DEPLOY / "jupyterhub" / "classroom.py"))  # noqa: F821
c.JupyterHub.load_groups = {"instructors": {"users": ["teacher"]}}
