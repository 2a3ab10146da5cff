"""The ways in (pip, conda/Binder, make, the README) agree with each other and with the code.

- lessonlib declares exactly the packages it imports; the tests' and scripts' imports are
  covered by the extras; environment.yml lists the runtime dependencies and the `lab` extra.
- One Python floor, said the same way everywhere.
- The version, the licences and the citation agree; the wheel builds without a warning and
  holds every module.
"""

from __future__ import annotations

import ast
import importlib.metadata
import os
import re
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest
import yaml
from packaging.requirements import Requirement

import lessonlib

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())
PROJECT = PYPROJECT["project"]


def _name(requirement: str) -> str:
    return re.sub(r"[-_.]+", "-", Requirement(requirement).name).lower()


def _specs(requirements: list[str]) -> dict[str, str]:
    """``{"ipywidgets": "<9,>=8"}``: the normalised name and its version range."""
    found = {}
    for text in requirements:
        requirement = Requirement(text)
        found[_name(text)] = str(requirement.specifier)
    return found


def runtime() -> dict[str, str]:
    return _specs(PROJECT["dependencies"])


def extra(name: str) -> dict[str, str]:
    return _specs(PROJECT["optional-dependencies"][name])


# --------------------------------------------------------------------------- imports


def imported_modules(paths) -> set[str]:
    """Top-level names of every absolute import in ``paths``, inside functions too."""
    found = set()
    for path in paths:
        for node in ast.walk(ast.parse(Path(path).read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                found.add(node.module.split(".")[0])
    return found


def distributions(modules: set[str], local: set[str] = frozenset()) -> set[str]:
    """The installed distributions (normalised names) that provide ``modules``.

    The standard library, lessonlib and ``local`` (the repository's own helper
    modules) need none. A module no installed distribution provides is reported as
    itself, so the comparison fails naming it.
    """
    provides = importlib.metadata.packages_distributions()
    needed = set()
    for module in modules - set(sys.stdlib_module_names) - {"lessonlib", "__future__"} - local:
        names = provides.get(module, [module])
        needed |= {re.sub(r"[-_.]+", "-", n).lower() for n in names}
    return needed


SERVICE = ROOT / "lessonlib" / "classroom_web"  # run by a JupyterHub: the `classroom` extra


def test_runtime_dependencies_are_exactly_what_lessonlib_imports():
    files = [p for p in (ROOT / "lessonlib").rglob("*.py") if SERVICE not in p.parents]
    imported = distributions(imported_modules(files))
    declared = set(runtime())
    assert imported - declared == set(), "imported by lessonlib but not declared"
    assert declared - imported == set(), "declared but never imported by lessonlib"


def test_the_classroom_extra_is_exactly_what_the_service_adds():
    imported = distributions(imported_modules(SERVICE.rglob("*.py")))
    declared = set(extra("classroom"))
    assert imported - set(runtime()) - declared == set(), "imported by the service, not declared"
    assert declared - imported == set(), "in the classroom extra but never imported"


def test_the_extras_cover_every_import_of_the_tests_scripts_and_benchmarks():
    hub = ROOT / "tests" / "hub"  # make test-hub installs the `hub` extra too
    files = [p for folder in ("tests", "scripts", "benchmarks")
             for p in (ROOT / folder).rglob("*.py")] + [ROOT / "conftest.py"]
    local = {p.stem for p in files} | {"tests"}
    declared = set(runtime()) | set(extra("lab")) | set(extra("test"))
    needed = distributions(imported_modules(p for p in files if hub not in p.parents), local)
    assert needed - declared == set()
    needed = distributions(imported_modules(p for p in files if hub in p.parents), local)
    assert needed - declared - set(extra("hub")) - set(extra("classroom")) == set()


def test_the_import_check_sees_imports_inside_functions_and_maps_them_to_distributions(tmp_path):
    module = tmp_path / "m.py"
    module.write_text("import os\nfrom . import x\n\ndef f():\n    import yaml\n"
                      "    from IPython.display import HTML\n")
    modules = imported_modules([module])
    assert modules == {"os", "yaml", "IPython"}
    assert distributions(modules) == {"pyyaml", "ipython"}


def test_jupyterlab_is_an_extra_not_a_dependency():
    assert "jupyterlab" not in runtime()
    assert "jupyterlab" in extra("lab")
    assert not set(extra("test")) & set(runtime()), "a test tool among the runtime dependencies"


# --------------------------------------------------------------------------- environment.yml


def _environment() -> dict:
    return yaml.safe_load((ROOT / "environment.yml").read_text())


def conda_requirements() -> dict[str, str]:
    return {_name(dep): str(Requirement(dep).specifier) for dep in _environment()["dependencies"]
            if isinstance(dep, str) and _name(dep) not in ("python", "pip")}


def test_environment_lists_the_runtime_dependencies_and_the_lab_extra_with_the_same_versions():
    assert conda_requirements() == runtime() | extra("lab")


def test_environment_uses_conda_forge_and_installs_lessonlib_with_its_lab_extra():
    env = _environment()
    assert env["channels"] == ["conda-forge"]
    pip_part = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    assert pip_part == ["-e .[lab]"]


def test_every_environment_dependency_says_why():
    lines = (ROOT / "environment.yml").read_text().splitlines()
    deps = [ln for ln in lines if re.match(r"\s+- ", ln) and "conda-forge" not in ln]
    assert deps and all("#" in ln for ln in deps if not ln.strip().endswith("pip:")), deps


# --------------------------------------------------------------------------- Python floor


def python_floor() -> str:
    """``"3.11"`` from ``requires-python = ">=3.11"``."""
    match = re.fullmatch(r">=(3\.\d+)", PROJECT["requires-python"])
    assert match, f"requires-python should be a plain floor, not {PROJECT['requires-python']!r}"
    return match.group(1)


def test_the_python_floor_is_3_11_and_the_running_python_meets_it():
    assert python_floor() == "3.11"
    assert sys.version_info >= tuple(int(n) for n in python_floor().split("."))


def test_the_python_floor_is_said_the_same_way_everywhere():
    floor = python_floor()
    major, minor = floor.split(".")
    env_python = next(d for d in _environment()["dependencies"]
                      if isinstance(d, str) and _name(d) == "python")
    assert env_python.replace(" ", "") == f"python>={floor}"
    makefile = (ROOT / "Makefile").read_text()
    assert f"sys.version_info >= ({major}, {minor})" in makefile
    assert f"needs Python {floor} or newer" in makefile
    assert PYPROJECT["tool"]["ruff"]["target-version"] == f"py{major}{minor}"
    for doc in ("README.md", "CONTRIBUTING.md", "docs/instructor-guide.md"):
        text = (ROOT / doc).read_text()
        assert f"Python {floor} or newer" in text, doc
        older = re.findall(r"Python 3\.(\d+)", text)
        assert all(int(n) >= int(minor) for n in older), f"{doc} names an older Python"


# --------------------------------------------------------------------------- version, licence, citation


def test_the_version_is_read_from_lessonlib_and_installed_as_such():
    assert "version" not in PROJECT and "version" in PROJECT["dynamic"]
    attr = PYPROJECT["tool"]["setuptools"]["dynamic"]["version"]["attr"]
    assert attr == "lessonlib.version.__version__"
    # A stale install (version bumped, `make install` not run) shows here.
    assert importlib.metadata.version("lessonlib") == lessonlib.__version__


def test_citation_and_changelog_name_the_version():
    citation = yaml.safe_load((ROOT / "CITATION.cff").read_text())
    assert citation["cff-version"] == "1.2.0"
    assert citation["version"] == lessonlib.__version__
    assert {"title", "authors", "message"} <= citation.keys()
    changelog = (ROOT / "CHANGELOG.md").read_text()
    assert f"## [{lessonlib.__version__}]" in changelog


def test_the_licences_are_spdx_and_their_files_exist():
    assert PROJECT["license"] == "MIT AND CC-BY-4.0"
    assert PROJECT["license-files"] == ["LICENSE", "LICENSE-CONTENT.md"]
    assert (ROOT / "LICENSE").read_text().startswith("MIT License\n")
    content = (ROOT / "LICENSE-CONTENT.md").read_text()
    assert "https://creativecommons.org/licenses/by/4.0/legalcode" in content
    citation = yaml.safe_load((ROOT / "CITATION.cff").read_text())
    assert citation["license"] == PROJECT["license"].split(" AND ")
    assert not any(c.startswith("License ::") for c in PROJECT.get("classifiers", [])), (
        "with an SPDX expression, a licence classifier is an error for setuptools"
    )


def test_setuptools_is_bounded_and_the_test_builds_with_a_release_in_that_range():
    (build_requirement,) = PYPROJECT["build-system"]["requires"]
    assert _name(build_requirement) == "setuptools"
    spec = Requirement(build_requirement).specifier
    assert spec.contains("77.0.0") and not spec.contains("76.9"), spec
    assert any(s.operator == "<" for s in spec), "no ceiling: a future major reaches students"
    assert extra("test")["setuptools"] == str(spec), "the test extra builds with the same range"
    assert spec.contains(importlib.metadata.version("setuptools")), "run make install"


# --------------------------------------------------------------------------- the wheel

WHEEL_SOURCES = ("pyproject.toml", "README.md", "LICENSE", "LICENSE-CONTENT.md", "lessonlib")
BUILD = ("import sys\nfrom setuptools import build_meta\n"
         "print('built', build_meta.build_wheel(sys.argv[1]))\n")


def build_wheel(source: Path, out: Path) -> tuple[Path, str]:
    """Build a wheel of ``source`` with this environment's setuptools; return it and the log.

    ``-W always`` shows every warning, however often it was raised before. Without
    PYTHONDONTWRITEBYTECODE, as a user's build runs (with it, setuptools says it
    skips byte-compiling).
    """
    out.mkdir()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    run = subprocess.run([sys.executable, "-W", "always", "-c", BUILD, str(out)],
                         cwd=source, capture_output=True, text=True, env=env)
    log = run.stdout + run.stderr
    assert run.returncode == 0, log[-3000:]
    (wheel,) = out.glob("*.whl")
    return wheel, log


def copy_sources(target: Path) -> Path:
    import shutil

    target.mkdir()
    for name in WHEEL_SOURCES:
        path = ROOT / name
        if path.is_dir():
            shutil.copytree(path, target / name,
                            ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy2(path, target / name)
    return target


def warnings_in(log: str) -> list[str]:
    return [line for line in log.splitlines() if re.search(r"warning|deprecat", line, re.I)]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("wheel")
    return build_wheel(copy_sources(tmp / "src"), tmp / "dist")


def test_the_wheel_builds_without_any_warning(wheel):
    _, log = wheel
    assert warnings_in(log) == []


def test_the_warning_check_sees_the_deprecated_licence_table(tmp_path):
    # The check's own check: the old `license = { text = "MIT" }` table warns.
    source = copy_sources(tmp_path / "src")
    pyproject = source / "pyproject.toml"
    text = pyproject.read_text()
    text = text.replace('license = "MIT AND CC-BY-4.0"', 'license = { text = "MIT" }')
    text = text.replace('license-files = ["LICENSE", "LICENSE-CONTENT.md"]\n', "")
    pyproject.write_text(text)
    _, log = build_wheel(source, tmp_path / "dist")
    assert any("license" in line.lower() for line in warnings_in(log)), log[-2000:]


def test_the_wheel_carries_both_licences_and_the_metadata(wheel):
    path, _ = wheel
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        (metadata,) = [n for n in names if n.endswith(".dist-info/METADATA")]
        text = archive.read(metadata).decode()
    assert "License-Expression: MIT AND CC-BY-4.0" in text
    assert "License-File: LICENSE\n" in text and "License-File: LICENSE-CONTENT.md" in text
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)
    assert any(n.endswith(".dist-info/licenses/LICENSE-CONTENT.md") for n in names)
    assert "Requires-Python: >=3.11" in text
    assert f"Version: {lessonlib.__version__}\n" in text
    requires = sorted(line for line in text.splitlines() if line.startswith("Requires-Dist:"))
    assert not any("jupyterlab" in r and "extra ==" not in r for r in requires)


def test_the_wheel_holds_every_module_and_quiz_and_imports_from_itself(wheel, tmp_path):
    path, _ = wheel
    with zipfile.ZipFile(path) as archive:
        names = set(archive.namelist())
        archive.extractall(tmp_path / "site")
    package = ROOT / "lessonlib"
    shipped = {p.relative_to(ROOT).as_posix() for p in package.rglob("*")
               if p.suffix in (".py", ".json") and "__pycache__" not in p.parts}
    assert shipped - names == set()
    code = ("import sys, importlib, pkgutil; sys.path.insert(0, sys.argv[1])\n"
            "import lessonlib\n"
            "assert lessonlib.__file__.startswith(sys.argv[1]), lessonlib.__file__\n"
            "for m in pkgutil.walk_packages(lessonlib.__path__, 'lessonlib.'):\n"
            "    if m.name == 'lessonlib.__main__' or m.name.startswith(('lessonlib.classroom_web',\n"
            "                                                             'lessonlib.service')):\n"
            "        continue  # the command line runs; the service needs the classroom extra\n"
            "    importlib.import_module(m.name)\n"
            "from lessonlib.course.quiz import available_quizzes, load_quiz\n"
            "print(len([load_quiz(q) for q in available_quizzes()]))\n")
    run = subprocess.run([sys.executable, "-c", code, str(tmp_path / "site")],
                         capture_output=True, text=True, cwd=tmp_path)
    assert run.returncode == 0, run.stderr[-3000:]
    assert int(run.stdout) == len(list((package / "course" / "quizzes").glob("*.json")))


# --------------------------------------------------------------------------- make, CI, README


def test_ci_runs_make_test():
    assert re.search(r"^make test$", (ROOT / ".ci" / "run").read_text(), re.M)


def test_ci_runs_the_real_hub_tests_too_and_contributing_says_so():
    # tests/hub takes minutes, so `make test` leaves it out (pyproject's norecursedirs).
    assert "make test-hub" in (ROOT / ".ci" / "run").read_text()
    assert "make test-hub" in (ROOT / "CONTRIBUTING.md").read_text()
    assert "tests/hub" in tomllib.loads((ROOT / "pyproject.toml").read_text())[
        "tool"]["pytest"]["ini_options"]["norecursedirs"]


def test_make_test_runs_ruff_first_and_installs_the_test_extra():
    makefile = (ROOT / "Makefile").read_text()
    assert re.search(r"^test: lint browser$", makefile, re.M)
    assert re.search(r"^lint: .*\n\t\$\(BIN\)/ruff check \.$", makefile, re.M)
    assert "-e '.[lab,test]'" in makefile


def test_make_lab_runs_the_start_command_and_installs_the_lab_extra_only():
    makefile = (ROOT / "Makefile").read_text()
    lab = re.search(r"^lab: (.*)\n\t(.*)$", makefile, re.M)
    assert lab.group(1) == "$(LAB_STAMP)"
    assert lab.group(2) == "$(BIN)/python -m lessonlib lab"
    assert "-e '.[lab]'" in makefile
    assert "jupyter lab" not in makefile, "the safe defaults live in lessonlib.course.start only"


def test_readme_lesson_map_matches_the_notebooks():
    readme = (ROOT / "README.md").read_text()
    mapped = set(re.findall(r"\]\(notebooks/(\d\d_[a-z_]+\.ipynb)\)", readme))
    shipped = {p.name for p in (ROOT / "notebooks").glob("*.ipynb")}
    assert mapped == shipped


def test_readme_puts_both_start_commands_first():
    readme = (ROOT / "README.md").read_text()
    start = readme[:readme.index("## Lesson map")]
    assert "make lab" in start and "make test" in start
    assert "-m lessonlib lab" in start and '-m pip install -e ".[lab]"' in start
    assert "urlpath=lab/tree/notebooks/00_start_here.ipynb" in readme


def test_readme_leaves_the_contributor_material_to_contributing():
    readme = (ROOT / "README.md").read_text()
    assert "## Running the tests" not in readme and "## Layout" not in readme
    assert "CONTRIBUTING.md" in readme
    contributing = (ROOT / "CONTRIBUTING.md").read_text()
    for needed in ("## Layout", "make test", "quiz seal", "instructor/", "tests/browser/",
                   "README row", "test-artifacts/traces/", "make hooks"):
        assert needed in contributing, needed
