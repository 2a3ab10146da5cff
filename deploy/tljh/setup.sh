#!/usr/bin/env bash
# The course on The Littlest JupyterHub: run once as an administrator on the hub machine,
# from a checkout of the course at the release the class uses (the student branch).
# Sized for 60 students on a 32 GB machine (docs/instructor-guide.md, "Sizing").
set -euo pipefail
cd "$(dirname "$0")/../.."

USER_ENV=/opt/tljh/user      # where students' servers and kernels run
HUB_ENV=/opt/tljh/hub        # where the hub and its services run
CONFIG_D=/opt/tljh/config/jupyterhub_config.d

# 1. What students' kernels need: lessonlib (with its packages) and nbgitpuller. Not editable:
#    a home or this checkout may go away; the installed copy stays.
sudo -E "$USER_ENV/bin/pip" install --no-cache-dir . "nbgitpuller>=1.2"
"$USER_ENV/bin/python" -m lessonlib lessons

# 2. A closed tab shuts its kernel down; kernels idle for 20 minutes are culled.
sudo mkdir -p "$USER_ENV/share/jupyter/lab/settings" "$USER_ENV/etc/jupyter/jupyter_server_config.d"
sudo cp deploy/singleuser/overrides.json "$USER_ENV/share/jupyter/lab/settings/overrides.json"
sudo cp deploy/singleuser/jupyter_server_config.json \
        "$USER_ENV/etc/jupyter/jupyter_server_config.d/lessonlib-course.json"

# 3. Memory: TLJH sets a limit per user (no guarantee); idle servers stop after an hour.
sudo tljh-config set limits.memory 1G
sudo tljh-config set services.cull.enabled true
sudo tljh-config set services.cull.timeout 3600
sudo tljh-config set services.cull.every 300

# 4. The classroom service (class results for the instructor), in the hub's environment,
#    from the same release; its configuration file beside TLJH's own. TLJH's hub runs as
#    root and the service reads what students send, so it runs as a system user of its own
#    (deploy/jupyterhub/classroom.py names it), whose home holds the database.
SERVICE_USER=lessonlib-classroom
SERVICE_HOME=/var/lib/lessonlib-classroom
sudo -E "$HUB_ENV/bin/pip" install --no-cache-dir ".[classroom]"
id -u "$SERVICE_USER" >/dev/null 2>&1 || \
    sudo useradd --system --home-dir "$SERVICE_HOME" --create-home --shell /usr/sbin/nologin "$SERVICE_USER"
sudo install -d -o "$SERVICE_USER" -g "$SERVICE_USER" -m 700 "$SERVICE_HOME"
sudo mkdir -p "$CONFIG_D"
sudo cp deploy/jupyterhub/classroom.py "$CONFIG_D/classroom.py"
echo 'c.JupyterHub.load_groups = {"instructors": {"users": ["INSTRUCTOR"]}}' | \
    sudo tee "$CONFIG_D/instructors.py" >/dev/null   # put your hub user name for INSTRUCTOR

sudo tljh-config reload hub
