"""The pre-commit hooks work offline: local, run from .venv, and they catch what they should.

They run, for real, on a copy of the repository's tracked files in a fresh git
repository, with pre-commit's cache in a temporary folder: a hook that needed a
download or an environment of its own would show there.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
CONFIG = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text())
VENV_BIN = Path(sys.executable).parent


def test_every_hook_is_local_and_runs_a_tool_from_the_venv():
    hooks = [hook for repo in CONFIG["repos"] for hook in repo["hooks"]]
    assert [repo["repo"] for repo in CONFIG["repos"]] == ["local"]
    assert {hook["id"] for hook in hooks} == {"strip-notebooks", "ruff"}
    for hook in hooks:
        assert hook["language"] == "unsupported", hook["id"]  # no environment to build
        assert hook["entry"].startswith(".venv/bin/"), hook["id"]
        assert not hook.get("additional_dependencies"), hook["id"]


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


def _pre_commit(cwd: Path, home: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PRE_COMMIT")}
    env.update(PRE_COMMIT_HOME=str(home), SKIP="")
    return subprocess.run([str(VENV_BIN / "pre-commit"), "run", "--all-files", "--color=never"],
                          cwd=cwd, env=env, capture_output=True, text=True, timeout=300)


@pytest.fixture
def copy(tmp_path):
    """The working tree (tracked files and new ones not ignored) in a fresh repository,
    all staged, with this .venv beside it."""
    if shutil.which("git") is None:
        pytest.fail("git is needed to run the pre-commit hooks")
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT, capture_output=True,
                            check=True).stdout.decode().split("\0")
    repo = tmp_path / "repo"
    for name in filter(None, listed):
        source = ROOT / name
        if source.is_file():  # a file deleted but not yet committed is skipped
            (repo / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, repo / name)
    (repo / ".venv").symlink_to(VENV_BIN.parent, target_is_directory=True)
    _git(repo, "init", "-q")
    _git(repo, "add", "-A")
    return repo


def test_the_hooks_pass_on_the_repository_and_catch_an_unstripped_notebook(copy, tmp_path):
    home = tmp_path / "pre-commit-home"
    clean = _pre_commit(copy, home)
    assert clean.returncode == 0, clean.stdout[-3000:]
    assert "strip notebook outputs" in clean.stdout and "ruff check" in clean.stdout

    # A notebook saved with an execution count and an output, as JupyterLab leaves it.
    path = copy / "notebooks" / "00_start_here.ipynb"
    nb = json.loads(path.read_text())
    index = next(i for i, c in enumerate(nb["cells"]) if c["cell_type"] == "code"
                 and "keep_output" not in c["metadata"].get("tags", []))
    cell = nb["cells"][index]
    cell["execution_count"] = 7
    cell["outputs"] = [{"output_type": "stream", "name": "stdout", "text": ["hi\n"]}]
    path.write_text(json.dumps(nb, indent=1) + "\n")
    _git(copy, "add", "-A")
    dirty = _pre_commit(copy, home)
    assert dirty.returncode != 0, dirty.stdout[-3000:]
    assert "files were modified by this hook" in dirty.stdout
    stripped = json.loads(path.read_text())["cells"][index]
    assert stripped["execution_count"] is None and stripped["outputs"] == []

    # Nothing was downloaded: pre-commit keeps cloned hook repositories in its home.
    assert not [p for p in home.glob("repo*") if p.is_dir()]
