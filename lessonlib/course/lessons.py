"""The course as a whole: its lessons, its version stamp, and resetting a lesson.

The notebooks folder carries a ``COURSE_VERSION`` file. When a lesson imports
lessonlib, :func:`warn_on_version_mismatch` compares it with the installed lessonlib
and, if they do not belong together, says in one sentence what to do: on a
learner's own machine, reinstall; on a JupyterHub, where a student can do
neither, tell the instructor or pull the course again.

A student who broke a notebook restores it with :func:`reset_lesson` (or
``python -m lessonlib reset 03``): the lesson comes back as shipped, their own
version is kept as a backup, and the saved quiz progress of other lessons is
untouched.

>>> lesson_id("3")
'03_the_event_chain_trap'
>>> lesson_id("06_commands_in_disguise")   # an earlier release's id
'07_commands_in_disguise'
>>> lesson_id("event chain")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
lessonlib.errors.LessonError: Unknown lesson 'event chain'. Give its number (like '03') or its notebook name; lessons are: '00_start_here', '01_commands_and_events', ...
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
import warnings
from dataclasses import dataclass
from pathlib import Path

from lessonlib.course.former import FORMER_IDS
from lessonlib.errors import LessonError, LessonTypeError, LessonWarning, check_name, shown, suggest
from lessonlib.version import __version__

__all__ = ["LESSONS", "Minutes", "MINUTES", "CLASS_MINUTES", "class_plan", "lesson_id",
           "warn_on_version_mismatch", "version_advice", "on_a_hub", "reset_lesson", "notebooks_dir",
           "VERSION_FILE"]

#: lesson id (the notebook's name without .ipynb) -> title
LESSONS: dict[str, str] = {
    "00_start_here": "Start here",
    "01_commands_and_events": "Commands and events",
    "02_who_depends_on_whom": "Who depends on whom",
    "03_the_event_chain_trap": "The event-chain trap",
    "04_criminal_check_exercise": "The criminal-check exercise",
    "05_track_then_manage": "Track, then manage",
    "06_sagas_that_earn_their_timers": "Sagas that earn their timers",
    "07_commands_in_disguise": "Commands in disguise",
    "08_check_your_understanding": "Check your understanding",
    "09_capstone_trip_booking": "Capstone: booking a trip",
}

@dataclass(frozen=True)
class Minutes:
    """How long a lesson takes: a reader on their own, and its slot in a 90-minute class.

    ``on_your_own`` is for reading every cell and doing every exercise;
    ``in_class`` is the core an instructor runs in the 90-minute plan (the
    instructor guide says what to skip); 0 for homework, a lesson that does not fit it.
    """

    on_your_own: int
    in_class: int

    @property
    def homework(self) -> bool:
        """A lesson with no slot in the 90-minute class: students do it after class."""
        return self.in_class == 0

    def __str__(self) -> str:
        if self.homework:
            return f"about {self.on_your_own} minutes on your own, as homework after the class"
        return f"about {self.on_your_own} minutes on your own, {self.in_class} in a 90-minute class"


#: Each lesson's minutes, kept here once: the README's lesson map, each notebook's
#: introduction, the instructor guide and its notes show them (tests/course/test_minutes.py
#: checks they agree).
MINUTES: dict[str, Minutes] = {
    "00_start_here": Minutes(on_your_own=20, in_class=5),
    "01_commands_and_events": Minutes(on_your_own=25, in_class=15),
    "02_who_depends_on_whom": Minutes(on_your_own=45, in_class=15),
    "03_the_event_chain_trap": Minutes(on_your_own=25, in_class=15),
    "04_criminal_check_exercise": Minutes(on_your_own=30, in_class=15),
    "05_track_then_manage": Minutes(on_your_own=40, in_class=10),
    "06_sagas_that_earn_their_timers": Minutes(on_your_own=35, in_class=5),
    "07_commands_in_disguise": Minutes(on_your_own=25, in_class=5),
    "08_check_your_understanding": Minutes(on_your_own=10, in_class=5),
    "09_capstone_trip_booking": Minutes(on_your_own=70, in_class=0),
}
#: The length of the class the instructor guide plans for.
CLASS_MINUTES = 90


def class_plan() -> list[tuple[int, int, str]]:
    """(start, end, lesson) for each lesson of the 90-minute plan, from :data:`MINUTES`
    (homework, with no slot in it, is left out).

    >>> plan = class_plan()
    >>> plan[0], plan[-1][1] == CLASS_MINUTES
    ((0, 5, '00_start_here'), True)
    """
    plan, start = [], 0
    for lesson in LESSONS:
        if MINUTES[lesson].homework:
            continue
        end = start + MINUTES[lesson].in_class
        plan.append((start, end, lesson))
        start = end
    return plan


VERSION_FILE = "COURSE_VERSION"


def lesson_id(lesson: str) -> str:
    """The lesson id for a number (``"3"``, ``"03"``), an id, or a notebook file name.

    An earlier release's id gives the lesson it became (for a lesson split in two, the
    first: the one holding its beginning; see :mod:`lessonlib.course.former`).
    """
    text = check_name(lesson, "lesson")
    text = Path(text).name.removesuffix(".ipynb")
    if text in LESSONS:
        return text
    if text in FORMER_IDS:
        return FORMER_IDS[text][0]
    if text.isascii() and text.isdigit() and len(text) <= 3:
        for known in LESSONS:
            if known.startswith(f"{int(text):02d}_"):
                return known
    hint = suggest(text, LESSONS)
    if hint.startswith("Valid names"):
        hint = "Give its number (like '03') or its notebook name; lessons are: " + hint[17:]
    raise LessonError(f"Unknown lesson {shown(lesson)}. {hint}")


def notebooks_dir() -> Path:
    """The folder holding the lessons: the working directory if it has them (a
    notebook's kernel runs there), else the repository lessonlib was installed from."""
    here = Path.cwd()
    if (here / VERSION_FILE).is_file():
        return here
    return Path(__file__).resolve().parents[2] / "notebooks"


def _folder(directory: object) -> Path:
    """``directory`` as a Path (the notebooks' folder when None); a sentence for anything else."""
    if directory is None:
        return notebooks_dir()
    if isinstance(directory, str | os.PathLike) and str(directory).strip():
        return Path(directory)
    raise LessonTypeError(f"directory= is the folder holding the lessons, like 'notebooks'; got "
                          f"{shown(directory)} ({type(directory).__name__}).")


def on_a_hub() -> bool:
    """Whether this kernel runs on a JupyterHub (whose single-user servers set ``JUPYTERHUB_USER``)."""
    return bool(os.environ.get("JUPYTERHUB_USER"))


def _release(version: str) -> tuple[int, ...] | None:
    """``"0.1.0"`` -> ``(0, 1, 0)``; None for anything that is not dotted numbers."""
    parts = version.split(".")
    return tuple(int(p) for p in parts) if all(p.isdigit() for p in parts) else None


def version_advice(wanted: str, installed: str, *, hub: bool) -> str:
    """The sentence for notebooks written for lessonlib ``wanted`` run with ``installed``.

    On a hub a student can neither install nor rebuild the image: the sentence
    says what they can do (tell the instructor, or open the course link again).

    >>> print(version_advice("0.2.0", "0.1.0", hub=True))
    These lessons were written for lessonlib 0.2.0, but this hub has lessonlib 0.1.0: tell your instructor, who needs to update the hub to lessonlib 0.2.0. Until then a lesson may not work as written.
    >>> print(version_advice("0.1.0", "0.2.0", hub=True))
    These lessons were written for lessonlib 0.1.0, but this hub has lessonlib 0.2.0: open the course link from your instructor again to get the lessons that match (your own edits are kept), then restart the kernel. If this message stays, tell your instructor.
    """
    start = f"These lessons were written for lessonlib {wanted}, but "
    if not hub:
        return (start + f"lessonlib {installed} is installed: run `make install` in the course "
                "folder (or `pip install -e .` there), then restart the kernel.")
    start += f"this hub has lessonlib {installed}: "
    older, newer = _release(wanted), _release(installed)
    if older is not None and newer is not None and older > newer:
        return (start + f"tell your instructor, who needs to update the hub to lessonlib "
                f"{wanted}. Until then a lesson may not work as written.")
    return (start + "open the course link from your instructor again to get the lessons that "
            "match (your own edits are kept), then restart the kernel. If this message stays, "
            "tell your instructor.")


def warn_on_version_mismatch(directory: str | os.PathLike | None = None) -> str | None:
    """Warn, once, if the notebooks and the installed lessonlib do not belong together.

    Returns the warning's sentence (see :func:`version_advice`), or None when
    they match (or no stamp is found, as when lessonlib is used outside the course).
    """
    folder = Path.cwd() if directory is None else _folder(directory)
    stamp = folder / VERSION_FILE
    try:
        wanted = stamp.read_text(encoding="utf-8").strip()
    except (OSError, ValueError):  # no stamp, or a path with a NUL byte
        return None
    if wanted == __version__:
        return None
    message = version_advice(wanted, __version__, hub=on_a_hub())
    warnings.warn(LessonWarning(message), stacklevel=3)
    return message



check_version = warn_on_version_mismatch  # old name, kept until 0.3

def _shipped_copy(path: Path) -> bytes:
    """The lesson as committed in the course's git repository."""
    root = path.parent.parent
    try:
        out = subprocess.run(["git", "-C", str(root), "show", f"HEAD:notebooks/{path.name}"],
                             capture_output=True, check=False, timeout=30)
    except (OSError, subprocess.SubprocessError):
        out = None
    if out is None or out.returncode != 0:
        raise LessonError(
            f"Cannot find the original of {path.name}: the course folder {str(root)!r} is not "
            "a git checkout. Download a fresh copy of the notebook from the course's "
            "repository instead."
        )
    return out.stdout


def reset_lesson(lesson: str, *, directory: str | os.PathLike | None = None,
                 progress: bool = False) -> str:
    """Restore a lesson notebook to its original state; return a sentence saying what happened.

    Your current version is kept in ``notebooks/.backup/``. Quiz progress of the
    lesson is kept too unless ``progress=True``; other lessons' progress is never
    touched. In JupyterLab, close the notebook first, or afterwards use
    *File > Reload Notebook from Disk*.
    """
    lesson = lesson_id(lesson)
    folder = _folder(directory)
    path = folder / f"{lesson}.ipynb"
    original = _shipped_copy(path)
    note = ""
    if path.exists():
        if path.read_bytes() == original:
            note = " It was already as shipped."
        else:
            backup_dir = folder / ".backup"
            backup_dir.mkdir(exist_ok=True)
            backup = backup_dir / f"{lesson}-{time.strftime('%Y%m%d-%H%M%S')}.ipynb"
            shutil.copy2(path, backup)
            note = f" Your version was saved as {backup.relative_to(folder)}."
    tmp = path.with_suffix(".ipynb.tmp")
    tmp.write_bytes(original)
    os.replace(tmp, path)
    if progress:
        from lessonlib.course.progress import reset_progress

        reset_progress(lesson)
        note += " Its quiz progress was cleared."
    return f"{lesson} is back to its original state.{note}"
