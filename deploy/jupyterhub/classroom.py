"""The classroom service on a JupyterHub: students' answers reach the instructor live.

Copy this file beside your jupyterhub_config.py (The Littlest JupyterHub:
into /opt/tljh/config/jupyterhub_config.d/) and load it; tests/hub loads it
too. The hub's Python environment needs ``lessonlib[classroom]`` of the same
release as the students' image (it checks answers against that release's quizzes),
and ``lessonlib[postgres]`` too for a PostgreSQL database.

What it sets up:

- the service ``classroom`` (``python -m lessonlib.classroom_web``), run and restarted
  by the hub on 127.0.0.1, behind the hub's proxy at /services/classroom/. It reads
  what students send, so it never runs as root: where the hub runs as root (The
  Littlest JupyterHub), it runs as the system user SERVICE_USER, in its home
  STATE_DIR, which holds the database (deploy/tljh/setup.sh creates both);
- the custom scope ``custom:classroom:instructor`` and a role that gives it,
  with access to the service, to the hub group ``instructors`` (add your
  instructors' hub user names to that group, here or in the admin page);
- access to the service for every user, and on each student's server a token
  (``JUPYTERHUB_API_TOKEN``) that may reach it, so their kernels can send answers.
  That token never holds the instructor scope, not even an instructor's: any
  notebook an instructor opens runs with it, and must not be able to read the
  class's names or reset it. Instructors use the service's page (the hub's login
  gives it the scope) or a token they make for it on the hub's token page;
- ``LESSONLIB_CLASSROOM_URL`` on each student's server: where lessonlib sends.
"""

import os
import sys

c = get_config()  # noqa: F821 - JupyterHub's config loader provides it

SCOPE = "custom:classroom:instructor"
ACCESS = "access:services!service=classroom"
PORT = int(os.environ.get("LESSONLIB_CLASSROOM_PORT", "10101"))
#: The hub runs as root (The Littlest JupyterHub): the service then runs as SERVICE_USER.
HUB_IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
#: The unprivileged system user the service runs as where the hub is root ("" to run it
#: as the hub's own user, only where the hub is not root), and its home: the database's folder.
SERVICE_USER = os.environ.get("LESSONLIB_CLASSROOM_USER", "lessonlib-classroom")
STATE_DIR = os.environ.get("LESSONLIB_CLASSROOM_DIR", "/var/lib/lessonlib-classroom")
AS_OTHER_USER = HUB_IS_ROOT and bool(SERVICE_USER)
#: Where answers are kept: a SQLite file (in STATE_DIR when the service runs as its own
#: user, else in the hub's working directory, beside jupyterhub.sqlite), or a PostgreSQL
#: URL such as postgresql+psycopg://user:pw@host/db.
DATABASE = os.environ.get("LESSONLIB_CLASSROOM_DB") or "sqlite:///" + (
    os.path.join(STATE_DIR, "classroom.sqlite") if AS_OTHER_USER
    else os.path.abspath("lessonlib-classroom.sqlite"))

service = {
    "name": "classroom",
    "url": f"http://127.0.0.1:{PORT}",
    "command": [sys.executable, "-m", "lessonlib.classroom_web"],
    "environment": {"LESSONLIB_CLASSROOM_DB": DATABASE,
                    # seconds it trusts the hub's word on a token (default 30, at most 60)
                    **{k: os.environ[k] for k in ("LESSONLIB_CLASSROOM_AUTH_CACHE",)
                       if k in os.environ}},
    "oauth_no_confirm": True,
    # the instructor's login to the service carries their instructor scope
    "oauth_client_allowed_scopes": [SCOPE],
    "display": True,  # listed in the hub's Services menu
}
if AS_OTHER_USER:
    service.update(user=SERVICE_USER, cwd=STATE_DIR)
c.JupyterHub.services.append(service)
c.JupyterHub.custom_scopes.update({
    SCOPE: {"description": "See the class's quiz answers, with names, and reset them."},
})
c.JupyterHub.load_roles.append({
    "name": "classroom-instructor",
    "groups": ["instructors"],
    "scopes": [SCOPE, ACCESS],
})
# Every user may reach the service (JupyterHub's default user role is "self" only).
c.JupyterHub.load_roles.append({"name": "user", "scopes": ["self", ACCESS]})
# The token in each server (and so each kernel): the defaults plus the service, and never
# the instructor scope (see above).
c.Spawner.server_token_scopes = ["users:activity!user", "access:servers!server", ACCESS]
c.Spawner.environment.update({
    "LESSONLIB_CLASSROOM_URL": f"http://127.0.0.1:{PORT}/services/classroom/",
})
