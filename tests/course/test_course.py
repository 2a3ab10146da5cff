"""The course as a whole: version stamp, lesson ids, resetting a lesson."""

import importlib.metadata
import subprocess
import sys
import warnings
from pathlib import Path

import pytest

import lessonlib
from lessonlib import LessonError, LessonWarning
from lessonlib.course.lessons import LESSONS, lesson_id, reset_lesson, warn_on_version_mismatch

ROOT = Path(__file__).resolve().parents[2]


def test_stamp_pyproject_and_package_versions_agree():
    stamp = (ROOT / "notebooks" / "COURSE_VERSION").read_text().strip()
    # pyproject.toml reads the version from lessonlib.version (tests/test_packaging.py).
    meta = importlib.metadata.version("lessonlib")
    assert stamp == meta == lessonlib.__version__


def test_every_lesson_has_its_notebook():
    shipped = {p.stem for p in (ROOT / "notebooks").glob("*.ipynb")}
    assert shipped == set(LESSONS)


@pytest.mark.parametrize(("given", "expected"), [
    ("3", "03_the_event_chain_trap"), ("03", "03_the_event_chain_trap"),
    ("08_check_your_understanding.ipynb", "08_check_your_understanding"),
    ("notebooks/00_start_here.ipynb", "00_start_here"),
])
def test_lesson_id_accepts_numbers_and_names(given, expected):
    assert lesson_id(given) == expected


@pytest.mark.parametrize("bad", ["99", "the trap", "01_commands_and_event"])
def test_lesson_id_rejects_with_a_sentence(bad):
    with pytest.raises(LessonError, match=repr(bad).replace("(", r"\(")):
        lesson_id(bad)


def test_matching_stamp_is_silent(tmp_path):
    (tmp_path / "COURSE_VERSION").write_text(lessonlib.__version__ + "\n")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert warn_on_version_mismatch(tmp_path) is None


def test_mismatched_stamp_says_what_to_do(tmp_path, monkeypatch):
    monkeypatch.delenv("JUPYTERHUB_USER", raising=False)
    (tmp_path / "COURSE_VERSION").write_text("9.9.9\n")
    with pytest.warns(LessonWarning, match="9.9.9") as caught:
        message = warn_on_version_mismatch(tmp_path)
    assert "make install" in message and lessonlib.__version__ in message
    assert len(caught) == 1


@pytest.mark.parametrize("stamp, advice", [
    ("9.9.9", "tell your instructor, who needs to update the hub to lessonlib 9.9.9"),
    ("0.0.1", "open the course link from your instructor again"),
    ("next", "open the course link from your instructor again"),
])
def test_on_a_hub_the_message_says_what_a_student_can_do(tmp_path, monkeypatch, stamp, advice):
    # A student on a hub cannot reinstall lessonlib: the image is the instructor's.
    monkeypatch.setenv("JUPYTERHUB_USER", "ada")
    (tmp_path / "COURSE_VERSION").write_text(stamp + "\n")
    with pytest.warns(LessonWarning):
        message = warn_on_version_mismatch(tmp_path)
    assert advice in message and lessonlib.__version__ in message
    assert "make install" not in message and "pip" not in message


def test_no_stamp_outside_the_course(tmp_path):
    assert warn_on_version_mismatch(tmp_path) is None


def _course_copy(tmp_path):
    """A throwaway git checkout holding one lesson."""
    repo = tmp_path / "course"
    (repo / "notebooks").mkdir(parents=True)
    shipped = (ROOT / "notebooks" / "00_start_here.ipynb").read_bytes()
    (repo / "notebooks" / "00_start_here.ipynb").write_bytes(shipped)
    git = ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "."], check=True)
    subprocess.run([*git, "commit", "-qm", "ship"], check=True)
    return repo / "notebooks", shipped


def test_reset_restores_the_lesson_and_keeps_a_backup(tmp_path):
    folder, shipped = _course_copy(tmp_path)
    (folder / "00_start_here.ipynb").write_text("{broken")
    message = reset_lesson("0", directory=folder)
    assert (folder / "00_start_here.ipynb").read_bytes() == shipped
    backups = list((folder / ".backup").glob("00_start_here-*.ipynb"))
    assert [b.read_text() for b in backups] == ["{broken"]
    assert "back to its original state" in message and ".backup" in message


def test_reset_keeps_other_lessons_progress(tmp_path, monkeypatch):
    from lessonlib.course.progress import recall, record

    monkeypatch.setenv("LESSONLIB_PROGRESS", str(tmp_path / "progress.json"))
    record("00_start_here", "note", 1)
    record("01_commands_and_events", "note", 2)
    folder, _shipped = _course_copy(tmp_path)
    reset_lesson("00", directory=folder, progress=True)
    assert recall("01_commands_and_events", "note") == 2
    assert recall("00_start_here", "note") is None


def test_reset_outside_git_explains(tmp_path):
    with pytest.raises(LessonError, match="not a git checkout"):
        reset_lesson("00", directory=tmp_path / "notebooks")


def test_command_line_reset_reports_errors_as_sentences():
    out = subprocess.run([sys.executable, "-m", "lessonlib", "reset", "42"],
                         capture_output=True, text=True)
    assert out.returncode == 2
    assert "Unknown lesson '42'" in out.stderr and "Traceback" not in out.stderr
