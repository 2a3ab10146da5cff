"""The classroom service on a JupyterHub: students' answers reach the instructor live.

Copy this file beside your jupyterhub_config.py (The Littlest JupyterHub:
into /opt/tljh/config/jupyterhub_config.d/) and load it; tests/hub loads it
too. The hub's Python environment needs ``lessonlib[classroom]`` of the same
release as the students' image (it checks answers against that release's quizzes).

What it sets up:

- the service ``classroom`` (``python -m lessonlib.classroom_web``), run and restarted
  by the hub on 127.0.0.1, behind the hub's proxy at /services/classroom/;
- the custom scope ``custom:classroom:instructor`` and a role that gives it,
  with access to the service, to the hub group ``instructors`` (add your
  instructors' hub user names to that group, here or in the admin page);
- access to the service for every user, and on each student's server a token
  (``JUPYTERHUB_API_TOKEN``) that may reach it, so their kernels can send answers;
- ``LESSONLIB_CLASSROOM_URL`` on each student's server: where lessonlib sends.
"""

import os
import sys

c = get_config()  # noqa: F821 - JupyterHub's config loader provides it

SCOPE = "custom:classroom:instructor"
ACCESS = "access:services!service=classroom"
PORT = int(os.environ.get("LESSONLIB_CLASSROOM_PORT", "10101"))
#: Where answers are kept: a SQLite file in the hub's working directory (beside
#: jupyterhub.sqlite), or a PostgreSQL URL such as postgresql+psycopg://user:pw@host/db.
DATABASE = os.environ.get("LESSONLIB_CLASSROOM_DB",
                          "sqlite:///" + os.path.abspath("lessonlib-classroom.sqlite"))

c.JupyterHub.services.append({
    "name": "classroom",
    "url": f"http://127.0.0.1:{PORT}",
    "command": [sys.executable, "-m", "lessonlib.classroom_web"],
    "environment": {"LESSONLIB_CLASSROOM_DB": DATABASE},
    "oauth_no_confirm": True,
    # the instructor's login to the service carries their instructor scope
    "oauth_client_allowed_scopes": [SCOPE],
    "display": True,  # listed in the hub's Services menu
})
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
# The token in each server (and so each kernel): the defaults, plus the service, plus the
# instructor scope for those who hold it (a token only ever gets scopes its user has).
c.Spawner.server_token_scopes = ["users:activity!user", "access:servers!server", ACCESS, SCOPE]
c.Spawner.environment.update({
    "LESSONLIB_CLASSROOM_URL": f"http://127.0.0.1:{PORT}/services/classroom/",
})
