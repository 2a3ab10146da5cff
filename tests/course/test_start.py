"""``python -m lessonlib lab``: the start command that needs no make.

What it runs is checked here; tests/browser/test_start_command.py starts it for
real and opens lesson 00 in Chromium.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lessonlib.__main__ import main
from lessonlib.course import start
from lessonlib.course.start import FIRST_LESSON, course_folder, lab_command
from lessonlib.errors import LessonError

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("root", [False, True])
def test_the_command_binds_localhost_keeps_the_token_and_allows_root_only_as_root(root):
    command = lab_command(root=root)
    assert command[1:3] == ["-m", "jupyterlab"]
    assert "--ServerApp.ip=127.0.0.1" in command
    assert not any(word in part.lower() for part in command
                   for word in ("token", "password", "0.0.0.0", "ip=*"))
    assert ("--allow-root" in command) is root
    assert command[-1] == FIRST_LESSON == "notebooks/00_start_here.ipynb"
    assert (ROOT / FIRST_LESSON).is_file()


def test_the_command_asks_no_news_feed_and_no_update_server_and_shows_no_news_toast():
    command = lab_command(root=False)
    assert "--LabApp.news_url=None" in command
    assert "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate" in command
    settings = next(p for p in command if p.startswith("--LabApp.app_settings_dir="))
    overrides = json.loads((Path(settings.partition("=")[2]) / "overrides.json").read_text())
    # "none" (JupyterLab's default) is what makes it ask; "false" never fetches or asks.
    assert overrides["@jupyterlab/apputils-extension:notification"] == {
        "fetchNews": "false", "checkForUpdates": False}


def test_port_and_no_browser_are_passed_on():
    command = lab_command(port=8899, open_browser=False, root=False)
    assert "--ServerApp.port=8899" in command and "--no-browser" in command
    assert "--no-browser" not in lab_command(root=False)


def test_root_is_detected_from_the_user_id(monkeypatch):
    monkeypatch.setattr(start.os, "geteuid", lambda: 0, raising=False)
    assert "--allow-root" in lab_command()
    monkeypatch.setattr(start.os, "geteuid", lambda: 1000, raising=False)
    assert "--allow-root" not in lab_command()
    monkeypatch.delattr(start.os, "geteuid", raising=False)  # Windows has no uid
    assert "--allow-root" not in lab_command()


def test_the_course_is_found_from_its_folder_from_notebooks_and_from_the_install(
        tmp_path, monkeypatch):
    course = tmp_path / "course"
    (course / "notebooks").mkdir(parents=True)
    (course / "notebooks" / "COURSE_VERSION").write_text("0\n")
    assert course_folder(course) == course.resolve()
    assert course_folder(course / "notebooks") == course.resolve()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    # Anywhere else: the repository this lessonlib is installed from (an editable install).
    assert course_folder(elsewhere) == ROOT
    monkeypatch.setattr(start, "__file__", str(elsewhere / "lessonlib" / "course" / "start.py"))
    with pytest.raises(LessonError, match="run this command in the course folder"):
        course_folder(elsewhere)


class Replaced(Exception):
    """os.execv does not return: the stand-in raises this instead."""


def test_main_replaces_itself_by_jupyterlab_in_the_course_folder(monkeypatch, capsys):
    calls = []

    def execv(executable, argv):
        calls.append(("execv", executable, argv))
        raise Replaced

    monkeypatch.chdir(ROOT)
    monkeypatch.setattr("os.chdir", lambda folder: calls.append(("chdir", Path(folder))))
    monkeypatch.setattr("os.execv", execv)
    with pytest.raises(Replaced):
        main(["lab", "--no-browser", "--port", "8899"])
    (_, folder), (_, executable, argv) = calls
    assert folder == ROOT
    assert argv == lab_command(port=8899, open_browser=False) and executable == argv[0]
    assert "127.0.0.1" in capsys.readouterr().out


def test_without_jupyterlab_it_says_how_to_install_it(monkeypatch, capsys):
    monkeypatch.setattr(start, "jupyterlab_installed", lambda: False)
    monkeypatch.setattr("os.execv", lambda *a: pytest.fail("started without JupyterLab"))
    monkeypatch.chdir(ROOT)
    assert main(["lab"]) == 2
    err = capsys.readouterr().err
    assert "JupyterLab is not installed" in err and 'pip install -e ".[lab]"' in err


def test_outside_a_course_it_says_where_to_run_it(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(start, "__file__", str(tmp_path / "x" / "y" / "start.py"))
    monkeypatch.chdir(tmp_path)
    assert main(["lab"]) == 2
    assert "run this command in the course folder" in capsys.readouterr().err


def test_binder_gets_the_same_lab_settings_as_the_start_command(tmp_path):
    # Binder runs postBuild once after installing environment.yml.
    import subprocess

    run = subprocess.run(["bash", str(ROOT / "postBuild")], capture_output=True, text=True,
                         env={"NB_PYTHON_PREFIX": str(tmp_path), "PATH": "/usr/bin:/bin"})
    assert run.returncode == 0, run.stderr
    copied = tmp_path / "share" / "jupyter" / "lab" / "settings" / "overrides.json"
    assert copied.read_text() == (start.LAB_SETTINGS / "overrides.json").read_text()
