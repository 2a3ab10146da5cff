"""Idle-server culling for a plain JupyterHub (tests/hub loads this file too).

A student's server with no activity for an hour is stopped; their files stay,
and the course link starts it again. The Littlest JupyterHub and Zero to
JupyterHub run the same culler through their own settings, with the same
numbers (see deploy/README.md; tests/hub/test_deploy.py checks they agree).
Load it from jupyterhub_config.py with ``load_subconfig("culling.py")``.
"""

import sys

c = get_config()  # noqa: F821 - JupyterHub's config loader provides it

#: Seconds without activity before a student's server is stopped.
IDLE_SERVER_TIMEOUT = 3600
#: Seconds between two looks for idle servers.
CULL_EVERY = 300

c.JupyterHub.services.append({
    "name": "idle-culler",
    "command": [sys.executable, "-m", "jupyterhub_idle_culler",
                f"--timeout={IDLE_SERVER_TIMEOUT}", f"--cull-every={CULL_EVERY}"],
})
c.JupyterHub.load_roles.append({
    "name": "idle-culler",
    "services": ["idle-culler"],
    "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
})
