"""Open the course in JupyterLab without ``make``: ``python -m lessonlib lab``.

The same safe defaults as ``make lab`` (which calls this): the server listens on
127.0.0.1 only, JupyterLab keeps its login token, and ``--allow-root`` is added
only when the user is root (containers often are; Jupyter refuses root without
it). It works wherever Python does, Windows included, because it starts
JupyterLab as ``python -m jupyterlab`` on the interpreter that runs it.

A classroom may be offline and a first lesson should be what a student sees
first: JupyterLab asks no news feed and no update server, and its "Would you
like to get notified about official Jupyter news?" toast (which covered part of
lesson 00's first quiz) is switched off by the settings in ``lab_settings/``
(JupyterLab's application settings folder, read-only defaults a student can
still change in Settings).

>>> command = lab_command(root=False)
>>> command[1:4]
['-m', 'jupyterlab', '--ServerApp.ip=127.0.0.1']
>>> command[-1]
'notebooks/00_start_here.ipynb'
>>> any("token" in part.lower() for part in command)
False
"""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path

from lessonlib.course.lessons import VERSION_FILE
from lessonlib.errors import LessonError

__all__ = ["FIRST_LESSON", "LAB_SETTINGS", "course_folder", "lab_command", "running_as_root", "jupyterlab_installed"]

#: The notebook the course opens on, relative to the course folder.
FIRST_LESSON = "notebooks/00_start_here.ipynb"
#: JupyterLab's application settings for the course: ``overrides.json`` turns the
#: news question and the update check off (they ask the internet).
LAB_SETTINGS = Path(__file__).resolve().parent / "lab_settings"
#: How to get JupyterLab when it is missing, for the error message.
INSTALL_LAB = (
    "JupyterLab is not installed for this Python. In the course folder, run `make lab`, "
    "or `python -m pip install -e \".[lab]\"` and then `python -m lessonlib lab` again."
)


def _is_course(folder: Path) -> bool:
    return (folder / "notebooks" / VERSION_FILE).is_file()


def course_folder(start: str | os.PathLike | None = None) -> Path:
    """The folder holding ``notebooks/``: ``start`` (default: the working directory),
    its parent when ``start`` is ``notebooks/`` itself, else the repository lessonlib
    was installed from.

    Raises :class:`~lessonlib.errors.LessonError` saying where to run the command if
    none of them holds the lessons.
    """
    here = Path(start if start is not None else Path.cwd()).resolve()
    installed_from = Path(__file__).resolve().parents[2]
    for folder in (here, here.parent, installed_from):
        if _is_course(folder):
            return folder
    raise LessonError(
        f"No course found in {str(here)!r}: run this command in the course folder, the one "
        "that holds notebooks/ and README.md."
    )


def running_as_root() -> bool:
    """Whether this process runs as root (never on Windows, which has no uid)."""
    return hasattr(os, "geteuid") and os.geteuid() == 0


def lab_command(
    *,
    port: int | None = None,
    open_browser: bool = True,
    root: bool | None = None,
) -> list[str]:
    """The command that serves the course and opens lesson 00.

    Run it in the course folder (:func:`course_folder`). ``root`` defaults to
    :func:`running_as_root`.
    """
    command = [sys.executable, "-m", "jupyterlab", "--ServerApp.ip=127.0.0.1",
               f"--LabApp.app_settings_dir={LAB_SETTINGS}",
               "--LabApp.news_url=None",
               "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"]
    if port is not None:
        command.append(f"--ServerApp.port={port}")
    if not open_browser:
        command.append("--no-browser")
    if running_as_root() if root is None else root:
        command.append("--allow-root")
    return command + [FIRST_LESSON]


def jupyterlab_installed() -> bool:
    """Whether ``python -m jupyterlab`` would find JupyterLab."""
    return importlib.util.find_spec("jupyterlab") is not None
