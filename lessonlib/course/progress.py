"""Progress that lasts: quiz answers and small saved values, in one JSON file.

Where the file lives
--------------------
``$LESSONLIB_PROGRESS`` if set (a file path), else
``<jupyter_core.paths.jupyter_data_dir()>/lessonlib/progress.json``
(on Linux usually ``~/.local/share/jupyter/lessonlib/progress.json``).
:func:`progress_path` says which one is in use.

What it holds
-------------
Per lesson, per quiz, per question: the last choice (option texts), whether it
was right, the number of attempts and when (UTC, ISO 8601). Plus values a
lesson keeps with :func:`record` / :func:`recall`::

    {"format": 1, "lessons": {"01_commands_and_events": {
        "quizzes": {"01_commands_and_events": {"questions": {"event-is": {
            "choice": ["a fact about the past"], "correct": true,
            "attempts": 2, "time": "2026-11-28T10:00:00+00:00"}}}},
        "values": {"prediction": 3}}},
     "seed": "5f0c2a..."}

A lesson an earlier release kept under another id (``06_commands_in_disguise`` is
``07_commands_in_disguise`` now; ``05_workflow_engines_serve_both`` became lessons 05
and 06) is read under its id of today: :func:`saved_answers` and :func:`recall` look
under the old id too, for what moved to the lesson asked about
(:data:`~lessonlib.course.former.FORMER_IDS`), and what is saved under today's id wins.
Nothing under an old id is rewritten; resetting a lesson forgets it there too.

``seed`` is this student's own random seed: the quiz shows each question's
options in an order shuffled with it (:func:`student_seed`), so the order stays
the same after a reload or a restart. A file without one (written before the
seed existed) gets one the first time a quiz is shown; nothing else changes.

How it stays safe
-----------------
Every change is read-modify-write under a lock file (``fcntl.flock``; where
fcntl is missing, e.g. Windows, without a lock), and written atomically: a
temporary file in the same directory, flushed and fsynced, then
``os.replace``. A corrupt or unreadable file never stops a lesson: it is set
aside as ``progress.json.corrupt-<timestamp>`` and reported once, in a
sentence the quiz widget shows (see :func:`take_notices`). Unreadable means
not JSON, not a lessonlib progress file, a number of thousands of digits, or
brackets nested more than :data:`MAX_DEPTH` deep. Temporary files left by a
writer that was killed mid-write are removed by the next writer.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

from lessonlib.course.former import FORMER_IDS, former_ids, lesson_of
from lessonlib.course.quiz import available_quizzes
from lessonlib.errors import MAX_NAME, LessonError, LessonTypeError, shown, suggest

try:
    import fcntl
except ImportError:  # Windows: no advisory locks; writes stay atomic.
    fcntl = None

__all__ = [
    "progress_path",
    "reset_progress",
    "record",
    "recall",
    "save_answer",
    "saved_answers",
    "reset_quiz",
    "take_notices",
    "student_seed",
]

ENV_VAR = "LESSONLIB_PROGRESS"
FORMAT = 1
#: The deepest nesting of lists and dicts a progress file (or a recorded value) may have.
MAX_DEPTH = 32
_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*\Z")
_notices: list[str] = []
_write_failed = False
_session_seed: str | None = None  # when the file cannot keep one


def progress_path() -> Path:
    """Return the progress file in use (``$LESSONLIB_PROGRESS`` or Jupyter's data dir).

    >>> progress_path().name
    'progress.json'
    """
    override = os.environ.get(ENV_VAR, "").strip()
    if override:
        return Path(override).expanduser()
    from jupyter_core.paths import jupyter_data_dir

    return Path(jupyter_data_dir()) / "lessonlib" / "progress.json"


def take_notices() -> list[str]:
    """Return (and forget) sentences about the progress file a learner should read."""
    taken = list(_notices)
    _notices.clear()
    return taken


def _notice(sentence: str) -> None:
    _notices.append(sentence)


def _empty() -> dict:
    return {"format": FORMAT, "lessons": {}}


def _branch(data: dict, *keys: str) -> dict:
    """Return the dict at ``data[k1][k2]...``, creating (or replacing a non-dict) on the way."""
    node = data
    for key in keys:
        child = node.get(key)
        if not isinstance(child, dict):
            child = node[key] = {}
        node = child
    return node


def _set_aside(path: Path, why: str) -> None:
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.name}.corrupt-{stamp}-{n}")
    try:
        os.replace(path, target)
    except OSError:
        _notice(f"Your saved progress in {str(path)!r} could not be read ({why}); "
                f"answers from now on are kept for this session only.")
        return
    _notice(f"Your saved progress in {str(path)!r} could not be read ({why}). It was "
            f"moved to {target.name!r} and a fresh record started.")


def _read(path: Path) -> dict:
    """Read the file; a missing file is empty, a broken one is set aside and reported."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return _empty()
    except OSError as exc:
        _notice(f"Your saved progress in {str(path)!r} could not be read "
                f"({exc.strerror}); answers are kept for this session only.")
        return _empty()
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        _set_aside(path, "it is not valid JSON")
        return _empty()
    except (ValueError, RecursionError):  # 5,000-digit numbers, 100,000 brackets deep
        _set_aside(path, "it holds a number too long or brackets nested too deeply")
        return _empty()
    if not isinstance(data, dict) or not isinstance(data.get("lessons"), dict):
        _set_aside(path, "it is not a lessonlib progress file")
        return _empty()
    if _depth(data) > MAX_DEPTH + 6:  # the file's own levels above a recorded value
        _set_aside(path, "it holds brackets nested too deeply")
        return _empty()
    return data


def _depth(value: object) -> int:
    """How deeply lists and dicts nest in ``value`` (0 for a number or a string), without
    recursion, so no nesting can exhaust the stack."""
    deepest, todo = 0, [(value, 0)]
    while todo:
        item, level = todo.pop()
        if isinstance(item, dict):
            item = list(item.values())
        if isinstance(item, list):
            level += 1
            deepest = max(deepest, level)
            if deepest > 10 * MAX_DEPTH:
                return deepest
            todo += [(child, level) for child in item]
    return deepest


def _clean_up_temporary_files(path: Path) -> None:
    """Remove temporary files of writers killed mid-write (call it holding the lock).

    A writer makes its temporary file only while it holds the lock, so any found by
    the lock's holder belongs to a writer that died. Without locks (no fcntl) only
    files older than a minute are taken as abandoned.
    """
    now = time.time()
    for tmp in path.parent.glob(f".{path.name}.*.tmp"):
        with contextlib.suppress(OSError):
            if fcntl is not None or now - tmp.stat().st_mtime > 60:
                tmp.unlink()


def _write_atomic(path: Path, data: dict) -> None:
    text = json.dumps(data, indent=1, ensure_ascii=False, sort_keys=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    if fcntl is None:
        yield
        return
    with open(path.with_name(path.name + ".lock"), "a") as lock:
        fcntl.flock(lock.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock.fileno(), fcntl.LOCK_UN)


def _load() -> dict:
    path = progress_path()
    if fcntl is None or not path.parent.is_dir():
        return _read(path)
    try:
        with _locked(path):
            return _read(path)
    except OSError:
        return _read(path)


def _update(change: Callable[[dict], None]) -> dict:
    """Read-modify-write the file under the lock; return the new data.

    If the file cannot be written (a read-only disk, say), the change is kept
    in the returned data only, and the learner is told once.
    """
    global _write_failed
    path = progress_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with _locked(path):
            _clean_up_temporary_files(path)
            data = _read(path)
            change(data)
            _write_atomic(path, data)
        return data
    except OSError as exc:
        if not _write_failed:
            _write_failed = True
            _notice(f"Your progress could not be saved to {str(path)!r} "
                    f"({exc.strerror or exc}); answers are kept for this session only.")
        data = _empty()
        change(data)
        return data


def _lesson_id(lesson: object) -> str:
    if not isinstance(lesson, str):
        raise LessonTypeError(f"A lesson id must be a string, like '01_commands_and_events'; "
                              f"got {shown(lesson)} ({type(lesson).__name__}).")
    if not _ID.match(lesson) or len(lesson) > MAX_NAME:
        raise LessonError(f"A lesson id is letters, digits, '-' or '_' (at most {MAX_NAME}), "
                          f"like '01_commands_and_events'; got {shown(lesson)}.")
    return lesson


def _key(key: object) -> str:
    if not isinstance(key, str) or not key.strip():
        raise LessonTypeError(f"A key must be a non-empty string, like 'prediction'; got "
                              f"{shown(key)}.")
    return key


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


# --------------------------------------------------------------------------- quiz answers


def save_answer(lesson: str, question: str, choice: list[str], correct: bool) -> None:
    """Record a checked answer to a question of ``lesson``'s quiz (the quiz widget calls this)."""

    def change(data: dict) -> None:
        old = _answers(data, lesson).get(question)
        questions = _branch(data, "lessons", lesson, "quizzes", lesson, "questions")
        attempts = old.get("attempts", 0) if isinstance(old, dict) else 0
        if not isinstance(attempts, int) or isinstance(attempts, bool):
            attempts = 0  # a hand-edited file; start counting again
        questions[question] = {"choice": list(choice), "correct": bool(correct),
                               "attempts": int(attempts) + 1, "time": _now()}

    _update(change)


def saved_answers(lesson: str) -> dict[str, dict]:
    """The saved answers of ``lesson``'s quiz: question id -> record (possibly empty)."""
    return _answers(_load(), lesson)


def _answers(data: dict, lesson: str) -> dict[str, dict]:
    """The answers saved for ``lesson``'s quiz, those saved under an old id included."""
    found = {}
    for old in former_ids(lesson):
        found.update({q: record for q, record in _saved_under(data, old).items()
                      if lesson_of(old, q) == lesson})
    return {**found, **_saved_under(data, lesson)}


def _saved_under(data: dict, lesson: str) -> dict[str, dict]:
    # The file keeps a lesson's quiz under its own name: lessons.<id>.quizzes.<id>.
    lessons = data.get("lessons", {})
    entry = lessons.get(lesson) if isinstance(lessons, dict) else None
    quizzes = entry.get("quizzes", {}) if isinstance(entry, dict) else {}
    qz = quizzes.get(lesson) if isinstance(quizzes, dict) else None
    questions = qz.get("questions", {}) if isinstance(qz, dict) else {}
    if not isinstance(questions, dict):
        return {}
    return {k: v for k, v in questions.items()
            if isinstance(v, dict) and isinstance(v.get("choice"), list)}


def reset_quiz(lesson: str) -> None:
    """Forget the answers to ``lesson``'s quiz (the widget's "Reset this quiz" button)."""

    def change(data: dict) -> None:
        entry = data["lessons"].get(lesson)
        if isinstance(entry, dict) and isinstance(entry.get("quizzes"), dict):
            entry["quizzes"].pop(lesson, None)
        _forget_moved(data, lesson, values=False)

    _update(change)


def _forget_moved(data: dict, lesson: str, *, values: bool) -> None:
    """Forget what ``lesson`` holds under an old id: its quiz answers (and, with
    ``values``, its other values); an old lesson left with nothing is removed."""
    for old in former_ids(lesson):
        entry = data["lessons"].get(old)
        if not isinstance(entry, dict):
            continue
        quizzes = entry.get("quizzes")
        qz = quizzes.get(old) if isinstance(quizzes, dict) else None
        questions = qz.get("questions") if isinstance(qz, dict) else None
        places = [questions] + ([entry.get("values")] if values else [])
        for place in places:
            if isinstance(place, dict):
                for key in [k for k in place if lesson_of(old, k) == lesson]:
                    del place[key]
        if not entry.get("values") and not _saved_under(data, old):
            del data["lessons"][old]


def _lesson_names() -> list[str]:
    return available_quizzes()


def reset_progress(lesson: str | None = None, *, all_lessons: bool = False) -> str:
    """Forget a lesson's saved answers and values (or every lesson's, explicitly).

    Introduced in ``notebooks/00_start_here.ipynb``.

    Parameters
    ----------
    lesson : str, optional
        A lesson id, e.g. ``"01_commands_and_events"``.
    all_lessons : bool
        ``True`` (and no ``lesson``) to forget everything.

    Returns
    -------
    str
        A sentence saying what was forgotten.

    Examples
    --------
    >>> reset_progress()
    Traceback (most recent call last):
    ...
    lessonlib.errors.LessonError: Say which lesson to reset, e.g. reset_progress('01_commands_and_events'), or reset every lesson with reset_progress(all_lessons=True).
    """
    if lesson is None:
        if all_lessons is not True:
            raise LessonError("Say which lesson to reset, e.g. "
                              "reset_progress('01_commands_and_events'), or reset every "
                              "lesson with reset_progress(all_lessons=True).")
        _update(lambda data: data["lessons"].clear())
        return "All saved progress was forgotten."
    if all_lessons:
        raise LessonError("Give either a lesson or all_lessons=True, not both.")
    lesson = _lesson_id(lesson)
    known = set(_lesson_names()) | set(_load()["lessons"]) | set(FORMER_IDS)
    if lesson not in known:
        raise LessonError(f"There is no lesson {shown(lesson)} to reset. "
                          f"{suggest(lesson, sorted(known))}")
    became = FORMER_IDS.get(lesson, ())

    def change(data: dict) -> None:
        for each in (lesson, *became):
            data["lessons"].pop(each, None)
            _forget_moved(data, each, values=True)

    _update(change)
    if became:
        return (f"Saved progress for {shown(lesson)} was forgotten: it is "
                f"{' and '.join(map(shown, became))} now.")
    return f"Saved progress for {shown(lesson)} was forgotten."


def student_seed() -> str:
    """This student's random seed, kept in the progress file (made on first use).

    The quiz shuffles options with it (:func:`lessonlib.course.quiz.display_order`).
    If the file cannot be written, the seed lasts for this session.

    >>> student_seed() == student_seed()
    True
    """
    global _session_seed
    seed = _load().get("seed")
    if isinstance(seed, str) and seed:
        return seed
    made = _session_seed or secrets.token_hex(8)

    def change(data: dict) -> None:
        if not (isinstance(data.get("seed"), str) and data["seed"]):
            data["seed"] = made

    seed = _update(change).get("seed", made)
    _session_seed = seed
    return seed


# --------------------------------------------------------------------------- other values


def record(lesson: str, key: str, value: object) -> None:
    """Keep a small JSON value for a lesson (a learner's prediction, say).

    Introduced in ``notebooks/00_start_here.ipynb``; later lessons' widgets use it.

    Parameters
    ----------
    lesson : str
        The lesson id.
    key : str
        A name for the value within the lesson.
    value : JSON-serialisable
        A number, string, bool, None, or a list / dict of them.

    Examples
    --------
    >>> record("03_event_chain", "prediction", 3)  # doctest: +SKIP
    >>> recall("03_event_chain", "prediction")  # doctest: +SKIP
    3
    >>> recall("03_event_chain", "a key never recorded", default="?")
    '?'
    >>> record("03_event_chain", "prediction", {1, 2})
    Traceback (most recent call last):
    ...
    lessonlib.errors.LessonTypeError: record() keeps numbers (finite, of at most 4,300 digits), strings, booleans, None and lists or dicts of them nested at most 32 deep; got {1, 2} (set).
    """
    lesson = _lesson_id(lesson)
    key = _key(key)
    try:
        if _depth(value) > MAX_DEPTH:
            raise ValueError("nested too deeply")
        value = json.loads(json.dumps(value, allow_nan=False))
    except (TypeError, ValueError, RecursionError):
        raise LessonTypeError(
            f"record() keeps numbers (finite, of at most 4,300 digits), strings, booleans, "
            f"None and lists or dicts of them nested at most {MAX_DEPTH} deep; got "
            f"{shown(value)} ({type(value).__name__}).") from None

    def change(data: dict) -> None:
        _branch(data, "lessons", lesson, "values")[key] = value

    _update(change)


def recall(lesson: str, key: str, default: object = None) -> object:
    """Return a value kept with :func:`record`, or ``default`` if there is none."""
    lesson = _lesson_id(lesson)
    key = _key(key)
    lessons = _load()["lessons"]
    for where in (lesson, *(old for old in reversed(former_ids(lesson))
                            if lesson_of(old, key) == lesson)):
        entry = lessons.get(where)
        values = entry.get("values") if isinstance(entry, dict) else None
        if isinstance(values, dict) and key in values:
            return values[key]
    return default
