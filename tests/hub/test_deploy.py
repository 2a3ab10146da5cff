"""The files in deploy/ agree with each other and with lessonlib (no hub needed)."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import yaml

from lessonlib.course.classroom import INSTRUCTOR_SCOPE

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"


def constants(path: Path) -> dict[str, object]:
    """The module-level NAME = literal assignments of a config file."""
    found = {}
    for node in ast.parse(path.read_text()).body:
        if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name):
            try:
                found[node.targets[0].id] = ast.literal_eval(node.value)
            except ValueError:
                pass
    return found


def tljh_settings() -> dict[str, str]:
    return dict(re.findall(r"tljh-config set (\S+) (\S+)", (DEPLOY / "tljh" / "setup.sh").read_text()))


def values() -> dict:
    return yaml.safe_load((DEPLOY / "z2jh" / "values.yaml").read_text())


def test_idle_servers_are_culled_after_the_same_time_everywhere():
    plain = constants(DEPLOY / "jupyterhub" / "culling.py")
    tljh = tljh_settings()
    z2jh = values()["cull"]
    assert plain["IDLE_SERVER_TIMEOUT"] == int(tljh["services.cull.timeout"]) == z2jh["timeout"]
    assert plain["CULL_EVERY"] == int(tljh["services.cull.every"]) == z2jh["every"]


def test_the_memory_limit_is_the_same_on_both_hubs():
    assert tljh_settings()["limits.memory"] == values()["singleuser"]["memory"]["limit"]


def test_a_closed_tab_shuts_its_kernel_down_and_idle_kernels_are_culled():
    overrides = json.loads((DEPLOY / "singleuser" / "overrides.json").read_text())
    assert overrides["@jupyterlab/notebook-extension:tracker"]["kernelShutdown"] is True
    server = json.loads((DEPLOY / "singleuser" / "jupyter_server_config.json").read_text())
    assert server["MappingKernelManager"]["cull_idle_timeout"] > 0


def test_the_classroom_service_is_set_up_alike_for_a_plain_hub_and_z2jh():
    plain = constants(DEPLOY / "jupyterhub" / "classroom.py")
    assert plain["SCOPE"] == INSTRUCTOR_SCOPE
    hub = values()["hub"]
    assert hub["config"]["JupyterHub"]["custom_scopes"].keys() == {INSTRUCTOR_SCOPE}
    assert INSTRUCTOR_SCOPE in hub["config"]["Spawner"]["server_token_scopes"]
    assert plain["ACCESS"] in hub["loadRoles"]["user"]["scopes"]
    assert hub["services"]["classroom"]["oauth_client_allowed_scopes"] == [INSTRUCTOR_SCOPE]
    assert values()["singleuser"]["extraEnv"]["LESSONLIB_CLASSROOM_URL"].endswith(
        "/services/classroom/")


def test_the_image_installs_the_settings_the_test_hub_uses():
    dockerfile = (DEPLOY / "image" / "Dockerfile").read_text()
    for name in ("overrides.json", "jupyter_server_config.json", "environment.yml", "nbgitpuller"):
        assert name in dockerfile
