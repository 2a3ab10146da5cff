"""The ways in (pip, conda/Binder, make) agree with each other."""

import re
from pathlib import Path

try:  # Python 3.11+
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib

import yaml

ROOT = Path(__file__).resolve().parent.parent


def _name_and_spec(requirement: str) -> tuple[str, str]:
    match = re.match(r"\s*([A-Za-z0-9_.\-]+)\s*(.*)", requirement)
    return match.group(1).lower().replace("_", "-"), match.group(2).replace(" ", "")


def pyproject_requirements() -> dict[str, str]:
    data = tomllib.loads((ROOT / "pyproject.toml").read_text())
    return dict(_name_and_spec(r) for r in data["project"]["dependencies"])


def conda_requirements() -> dict[str, str]:
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    found = {}
    for dep in env["dependencies"]:
        if isinstance(dep, str):
            name, spec = _name_and_spec(dep)
            if name not in ("python", "pip"):
                found[name] = spec
    return found


def test_environment_and_pyproject_name_the_same_packages():
    assert conda_requirements().keys() == pyproject_requirements().keys()


def test_environment_and_pyproject_agree_on_versions():
    assert conda_requirements() == pyproject_requirements()


def test_environment_uses_conda_forge_and_installs_lessonlib_from_the_repo():
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    assert env["channels"] == ["conda-forge"]
    pip_part = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    assert pip_part == ["-e ."]


def test_every_environment_dependency_says_why():
    lines = (ROOT / "environment.yml").read_text().splitlines()
    deps = [ln for ln in lines if re.match(r"\s+- ", ln) and "conda-forge" not in ln]
    assert deps and all("#" in ln for ln in deps if not ln.strip().endswith("pip:")), deps


def test_python_floor_matches():
    data = tomllib.loads((ROOT / "pyproject.toml").read_text())
    assert data["project"]["requires-python"] == ">=3.10"


def test_ci_runs_make_test():
    assert "make test" in (ROOT / ".ci" / "run").read_text()


def test_ci_runs_the_real_hub_tests_too_and_the_readme_says_so():
    # tests/hub takes minutes, so `make test` leaves it out (pyproject's norecursedirs).
    assert "make test-hub" in (ROOT / ".ci" / "run").read_text()
    assert "make test-hub" in (ROOT / "README.md").read_text()
    assert "tests/hub" in tomllib.loads((ROOT / "pyproject.toml").read_text())[
        "tool"]["pytest"]["ini_options"]["norecursedirs"]


def test_make_lab_binds_localhost_and_keeps_the_token():
    makefile = (ROOT / "Makefile").read_text()
    lab = next(ln for ln in makefile.splitlines() if "jupyter lab" in ln)
    assert "127.0.0.1" in lab
    assert "token" not in lab.lower()  # the default (a random token) stays on
    assert "notebooks/00_start_here.ipynb" in makefile


def test_readme_lesson_map_matches_the_notebooks():
    readme = (ROOT / "README.md").read_text()
    mapped = set(re.findall(r"\]\(notebooks/(\d\d_[a-z_]+\.ipynb)\)", readme))
    shipped = {p.name for p in (ROOT / "notebooks").glob("*.ipynb")}
    assert mapped == shipped


def test_readme_puts_the_two_commands_first():
    readme = (ROOT / "README.md").read_text()
    assert readme.index("make lab") < readme.index("## Lesson map")
    assert "make test" in readme and "urlpath=lab/tree/notebooks/00_start_here.ipynb" in readme
