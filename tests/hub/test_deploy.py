"""The files in deploy/ agree with each other, with lessonlib and with the guide (no hub
needed): the same culling numbers everywhere and in the prose; a kernel's token that reaches
the classroom service but never holds the instructor scope; the service never root on The
Littlest JupyterHub; and, on Zero to JupyterHub 4.4, a user's pod that may really reach the
service under the chart's own network policies."""

from __future__ import annotations

import ast
import copy
import json
import os
import re
from pathlib import Path
from unittest import mock
from urllib.parse import urlsplit

import yaml

from conftest import runs
from lessonlib.course.classroom import INSTRUCTOR_SCOPE

pytestmark = runs("6/sqlite")  # the files, not a hub: once is enough

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
    # A kernel's token reaches the service, and never holds the instructor scope.
    assert plain["ACCESS"] in hub["config"]["Spawner"]["server_token_scopes"]
    assert INSTRUCTOR_SCOPE not in hub["config"]["Spawner"]["server_token_scopes"]
    assert plain_config()["server_token_scopes"] == [
        "users:activity!user", "access:servers!server", plain["ACCESS"]]
    assert plain["ACCESS"] in hub["loadRoles"]["user"]["scopes"]
    assert hub["services"]["classroom"]["oauth_client_allowed_scopes"] == [INSTRUCTOR_SCOPE]
    assert values()["singleuser"]["extraEnv"]["LESSONLIB_CLASSROOM_URL"].endswith(
        "/services/classroom/")


def test_the_image_installs_the_settings_the_test_hub_uses():
    dockerfile = (DEPLOY / "image" / "Dockerfile").read_text()
    for name in ("overrides.json", "jupyter_server_config.json", "environment.yml", "nbgitpuller"):
        assert name in dockerfile


def plain_config(root: bool = False, env: dict | None = None) -> dict:
    """What deploy/jupyterhub/classroom.py configures, run as JupyterHub's loader runs it
    (``root``: as on The Littlest JupyterHub, whose hub runs as root)."""
    from traitlets.config import Config

    config = Config()
    code = (DEPLOY / "jupyterhub" / "classroom.py").read_text()
    saved = {k: os.environ.get(k) for k in ("LESSONLIB_CLASSROOM_USER", "LESSONLIB_CLASSROOM_DIR",
                                             "LESSONLIB_CLASSROOM_DB")}
    try:
        for key in saved:
            os.environ.pop(key, None)
        os.environ.update(env or {})
        with mock.patch.object(os, "geteuid", lambda: 0 if root else 1000):
            exec(compile(code, "classroom.py", "exec"), {"get_config": lambda: config})
    finally:
        for key, value in saved.items():
            os.environ.pop(key, None)
            if value is not None:
                os.environ[key] = value
    services = config.JupyterHub.services.get_value([])
    return {"service": next(s for s in services if s["name"] == "classroom"),
            "server_token_scopes": list(config.Spawner.server_token_scopes)}


def test_on_the_littlest_jupyterhub_the_service_runs_as_its_own_user_with_a_writable_home():
    service = plain_config(root=True)["service"]
    assert service["user"] == "lessonlib-classroom" and service["user"] != "root"
    assert service["cwd"] == "/var/lib/lessonlib-classroom"
    assert service["environment"]["LESSONLIB_CLASSROOM_DB"] == (
        "sqlite:////var/lib/lessonlib-classroom/classroom.sqlite")
    # deploy/tljh/setup.sh creates that user, with that home, owned by it and private.
    setup = (DEPLOY / "tljh" / "setup.sh").read_text()
    assert f"SERVICE_USER={service['user']}" in setup
    assert f"SERVICE_HOME={service['cwd']}" in setup
    assert re.search(r'useradd --system --home-dir "\$SERVICE_HOME" .*"\$SERVICE_USER"', setup)
    assert 'install -d -o "$SERVICE_USER" -g "$SERVICE_USER" -m 700 "$SERVICE_HOME"' in setup
    assert "cp deploy/jupyterhub/classroom.py" in setup


def test_where_the_hub_is_not_root_the_service_runs_as_the_hub_does():
    service = plain_config(root=False)["service"]
    assert "user" not in service and "cwd" not in service
    assert service["environment"]["LESSONLIB_CLASSROOM_DB"].endswith("lessonlib-classroom.sqlite")
    override = plain_config(root=True, env={"LESSONLIB_CLASSROOM_DB": "postgresql+psycopg://h/c"})
    assert override["service"]["environment"]["LESSONLIB_CLASSROOM_DB"] == "postgresql+psycopg://h/c"


# --------------------------------------------------------------------------- Zero to JupyterHub 4.4
# The chart's own network policies (jupyterhub/templates/{singleuser,hub}/netpol.yaml of
# zero-to-jupyterhub-k8s 4.4.0), as rules: what a user's pod may send, and what the hub pod
# accepts, before the values add theirs. A pod's address in the cluster is private, so
# egressAllowRules.nonPrivateIPs (on by default) never covers it; privateIPs is off for users.

Z2JH_SINGLEUSER_EGRESS = [
    {"to": [{"podSelector": {"matchLabels": {"app": "jupyterhub", "component": "hub"}}}],
     "ports": [{"port": 8081}]},
    {"to": [{"podSelector": {"matchLabels": {"app": "jupyterhub", "component": "proxy"}}}],
     "ports": [{"port": 8000}]},
    {"to": [{"podSelector": {"matchLabels": {"app": "jupyterhub", "component": "autohttps"}}}],
     "ports": [{"port": 8080}, {"port": 8443}]},
]
Z2JH_HUB_INGRESS = [
    {"from": [{"podSelector": {"matchLabels": {"hub.jupyter.org/network-access-hub": "true"}}}],
     "ports": [{"port": 8081}]},
]
#: The labels of the pods involved (the chart's defaults; a user's pod gets
#: singleuser.extraLabels, hub.jupyter.org/network-access-hub: "true").
Z2JH_PODS = {
    "hub": {"app": "jupyterhub", "component": "hub", "release": "class",
            "hub.jupyter.org/network-access-proxy-api": "true"},
    "proxy": {"app": "jupyterhub", "component": "proxy", "release": "class",
              "hub.jupyter.org/network-access-hub": "true"},
    "user": {"app": "jupyterhub", "component": "singleuser-server", "release": "class",
             "hub.jupyter.org/network-access-hub": "true"},
}
#: The chart's Services: name -> (the pods behind it, {port: target port}).
Z2JH_SERVICES = {"hub": ("hub", {8081: 8081}), "proxy-public": ("proxy", {80: 8000})}


def _selects(selector: dict, labels: dict) -> bool:
    return all(labels.get(k) == v for k, v in selector.get("matchLabels", {}).items())


def _rule_allows(rules: list[dict], side: str, pod: str, port: int) -> bool:
    return any(any(p["port"] == port for p in rule.get("ports", [])) and any(
        "podSelector" in peer and _selects(peer["podSelector"], Z2JH_PODS[pod])
        for peer in rule.get(side, [])) for rule in rules)


def z2jh_reaches(settings: dict, url: str) -> str:
    """Why a user's pod cannot reach ``url`` under Z2JH 4.4's policies with ``settings``
    (the values), or "" when it can."""
    parsed = urlsplit(url)
    port = parsed.port or 80
    services = dict(Z2JH_SERVICES)
    extra = {p["port"]: p.get("targetPort", p["port"])
             for p in settings["hub"].get("service", {}).get("extraPorts", [])}
    services["hub"] = ("hub", {**services["hub"][1], **extra})
    if parsed.hostname not in services or port not in services[parsed.hostname][1]:
        return f"no Service {parsed.hostname}:{port}"
    pod, target = services[parsed.hostname][0], services[parsed.hostname][1][port]
    egress = Z2JH_SINGLEUSER_EGRESS + settings["singleuser"].get("networkPolicy", {}).get(
        "egress", [])
    if not _rule_allows(egress, "to", pod, target):
        return f"a user's pod may not send to the {pod} pod on {target}"
    if pod == "hub":
        ingress = Z2JH_HUB_INGRESS + settings["hub"].get("networkPolicy", {}).get("ingress", [])
        if not _rule_allows(ingress, "from", "user", target):
            return f"the hub pod does not accept {target} from a user's pod"
        service = settings["hub"]["services"]["classroom"]
        listens = urlsplit(service["url"]).port == target and "0.0.0.0" in service["command"]
        if parsed.path.startswith("/services/classroom/") and not listens:
            return f"the classroom service does not listen on {target} for other pods"
    return ""


def test_on_z2jh_a_users_pod_reaches_the_classroom_service_under_the_charts_policies():
    settings = values()
    assert z2jh_reaches(settings, settings["singleuser"]["extraEnv"][
        "LESSONLIB_CLASSROOM_URL"]) == ""


def test_the_policy_check_sees_an_answer_dropped_at_the_hubs_door():
    # The values as they were: the service's URL, with no egress rule for its port.
    settings = copy.deepcopy(values())
    del settings["singleuser"]["networkPolicy"]
    url = settings["singleuser"]["extraEnv"]["LESSONLIB_CLASSROOM_URL"]
    assert z2jh_reaches(settings, url) == "a user's pod may not send to the hub pod on 10101"
    settings = copy.deepcopy(values())
    settings["hub"]["networkPolicy"]["ingress"] = []
    assert "does not accept 10101" in z2jh_reaches(settings, url)
    assert "no Service" in z2jh_reaches(values(), "http://hub:9999/services/classroom/")
    # The hub's own port is open: the check is about the service's port, not any port.
    assert z2jh_reaches(values(), "http://hub:8081/hub/api/") == ""


# --------------------------------------------------------------------------- the guide's numbers


def test_the_guide_states_the_culling_numbers_that_are_configured():
    plain = constants(DEPLOY / "jupyterhub" / "culling.py")
    server = json.loads((DEPLOY / "singleuser" / "jupyter_server_config.json").read_text())
    kernel_minutes = server["MappingKernelManager"]["cull_idle_timeout"] // 60
    server_time = {3600: "an hour"}.get(plain["IDLE_SERVER_TIMEOUT"],
                                         f"{plain['IDLE_SERVER_TIMEOUT'] // 60} minutes")
    for text in ((DEPLOY / "README.md").read_text(),
                 (DEPLOY.parent / "docs" / "instructor-guide.md").read_text()):
        prose = " ".join(text.split())
        assert f"idle for {kernel_minutes} minutes" in prose
        assert f"idle for {server_time}" in prose


def test_the_guide_states_the_classrooms_waits_that_are_configured():
    from lessonlib.classroom_web import base, pages, store
    from lessonlib.course.classroom import client

    prose = " ".join((DEPLOY.parent / "docs" / "instructor-guide.md").read_text().split())
    stated = [
        f"pause that doubles each time ({client.FIRST_PAUSE:g} s up to {client.LONGEST_PAUSE:g} s)",
        f"SQLite gives up on a lock after {store.LOCK_WAIT:g} s",
        f"PostgreSQL on connecting after {store.CONNECT_WAIT:g} s and on a statement after "
        f"{store.STATEMENT_WAIT:g} s",
        f"a request answers within {base.DB_WAIT:g} s",
        f"The page refreshes every {pages.PAGE_REFRESH} seconds",
    ]
    assert [s for s in stated if s not in prose] == []
