"""The branch students pull holds the course without the model solutions."""

from __future__ import annotations

import importlib.util
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("student_branch",
                                               ROOT / "scripts" / "student_branch.py")
student_branch = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(student_branch)

IDENTITY = {"GIT_AUTHOR_NAME": "Course", "GIT_AUTHOR_EMAIL": "course@example.invalid",
            "GIT_COMMITTER_NAME": "Course", "GIT_COMMITTER_EMAIL": "course@example.invalid"}


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True,
                          check=True).stdout.strip()


@pytest.fixture
def repo(tmp_path, monkeypatch):
    for key, value in IDENTITY.items():
        monkeypatch.setenv(key, value)
    git(tmp_path, "init", "-q", "-b", "main")
    (tmp_path / "notebooks").mkdir()
    (tmp_path / "notebooks" / "00.ipynb").write_text("{}")
    (tmp_path / "instructor").mkdir()
    (tmp_path / "instructor" / "00.md").write_text("the model solution")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "course")
    return tmp_path


def files(repo: Path, ref: str) -> list[str]:
    return git(repo, "ls-tree", "-r", "--name-only", ref).splitlines()


def test_the_student_branch_has_the_lessons_but_no_solutions(repo):
    sentence = student_branch.update_student_branch(repo)
    assert sentence.startswith("student is now ")
    assert files(repo, "student") == ["notebooks/00.ipynb"]
    assert files(repo, "main") == ["instructor/00.md", "notebooks/00.ipynb"]
    assert git(repo, "status", "--porcelain") == ""  # work tree and index untouched


def test_a_new_release_goes_on_top_of_the_last_so_students_can_pull_it(repo):
    student_branch.update_student_branch(repo)
    first = git(repo, "rev-parse", "student")
    (repo / "notebooks" / "01.ipynb").write_text("{}")
    (repo / "instructor" / "01.md").write_text("another solution")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "lesson 01")
    student_branch.update_student_branch(repo)
    assert git(repo, "rev-parse", "student^") == first
    assert files(repo, "student") == ["notebooks/00.ipynb", "notebooks/01.ipynb"]
    # No commit that has the solutions is reachable from the student branch.
    for commit in git(repo, "rev-list", "student").splitlines():
        assert not any(f.startswith("instructor/") for f in files(repo, commit))


def test_the_same_tree_twice_commits_nothing(repo):
    student_branch.update_student_branch(repo)
    head = git(repo, "rev-parse", "student")
    assert "already holds" in student_branch.update_student_branch(repo)
    assert git(repo, "rev-parse", "student") == head


def test_an_unknown_ref_is_a_sentence_not_a_traceback(repo, capsys):
    assert student_branch.main(["--repo", str(repo), "--from", "v9.9"]) == 1
    assert "'v9.9' is not a commit" in capsys.readouterr().err
