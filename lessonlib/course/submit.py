"""Handing in an activity: save it, send it to the class, and say what the student should read.

Every widget that takes a student's answer (a quiz question, a prediction, the
classification, a finished part of an exercise) calls :func:`submit` with the
activity (from :mod:`lessonlib.course.activities`) and the value; none of them
saves or sends anything itself. The value gets the same check the classroom
service makes, is saved in the student's progress file (the record), and, for
the course's own activities on a hub, is queued for the instructor.

>>> import os, tempfile
>>> saved_env = os.environ.get("LESSONLIB_PROGRESS")
>>> os.environ["LESSONLIB_PROGRESS"] = os.path.join(tempfile.mkdtemp(), "progress.json")
>>> from lessonlib.course.activities import activity
>>> submit(activity("04_criminal_check_exercise", "exercise:criminal-check-choreography"), True)
[]
>>> from lessonlib.course.progress import recall
>>> recall("04_criminal_check_exercise", "exercise:criminal-check-choreography")
True
>>> if saved_env is None:
...     del os.environ["LESSONLIB_PROGRESS"]
... else:
...     os.environ["LESSONLIB_PROGRESS"] = saved_env
"""

from __future__ import annotations

from lessonlib.course import progress
from lessonlib.course.activities import Activity, check_value, is_course_activity
from lessonlib.course.classroom import client
from lessonlib.course.classroom.contract import is_right

__all__ = ["submit", "notices", "saved_form"]


def saved_form(a: Activity, value: object) -> object:
    """What the progress file keeps for a checked ``value`` of ``a`` (besides a quiz answer):
    a prediction is kept with whether its answer was revealed (not yet, when saved)."""
    if a.kind == "prediction":
        return {"values": value, "revealed": False}
    return value


def submit(a: Activity, value: object) -> list[str]:
    """Save ``value`` of activity ``a``, queue it for the class, return the notices to show.

    Raises :class:`~lessonlib.errors.LessonError` (a sentence) for a value that
    does not fit the activity; the widgets check what the student typed before.
    Returns the sentences the student should read: a progress file that could not
    be written, answers waiting for the classroom service (said once while they wait).
    Only the course's own activities go to the class: a practice quiz or a
    prediction of your own is saved here alone.
    """
    value = check_value(a, value)
    if a.kind == "quiz":
        progress.save_answer(a.lesson, a.key, value, bool(is_right(a, value)))
    else:
        progress.record(a.lesson, a.key, saved_form(a, value))
    if is_course_activity(a):
        client.send(a, value)
    return notices()


def notices() -> list[str]:
    """Return (and forget) the sentences waiting for the student: about the progress file,
    and about the classroom service (answers waiting to reach it). Sends on what an
    earlier kernel left in the outbox."""
    client.resume()
    return progress.take_notices() + client.take_notices()
