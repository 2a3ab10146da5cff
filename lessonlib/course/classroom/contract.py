"""What a student's kernel sends the classroom service, and the one check the service makes.

A submission is one JSON object per activity of the course
(:mod:`lessonlib.course.activities`)::

    {"kind": "quiz", "lesson": "00_start_here", "key": "event-is", "value": ["..."]}

``kind`` is the activity's kind (quiz, prediction, classification, exercise) and
``value`` has the activity's shape (the table in :mod:`lessonlib.course.activities`):
option texts for a quiz question, a number for a numeric one (``["3"]``), a count
or a choice per label for a prediction, an answer per message for the
classification, ``true`` for a part of an exercise. Nothing is taken on trust:
the activity must be the course's, the value must fit its shape, and whether a
quiz answer is right is graded here. The student's name comes from the hub's
token, never from the body.

Until the next release the service also takes the forms the previous one sent
(``{"kind": "answer", "question": ..., "choice": [...]}`` and
``{"kind": "prediction", "key": ..., "values": {...}}``): a student's kernel
started before an upgrade keeps sending them. A lesson's id of an earlier release
(:data:`~lessonlib.course.former.FORMER_IDS`) is read as the lesson that holds the
activity today.

>>> check_payload({"kind": "quiz", "lesson": "03_the_event_chain_trap",
...                "key": "drop-the-warehouse", "value": ["2"]}).value
['2']
>>> check_payload({"kind": "prediction", "lesson": "05_track_then_manage",
...                "key": "registrations completed during an outage",
...                "value": {"the Order service down, with local engines": 10,
...                          "the central engine down": 0, "the broker down": 11}})
Traceback (most recent call last):
...
lessonlib.errors.LessonError: The count for 'the broker down' must be a whole number from 0 to 10; got 11.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from lessonlib.course.activities import ACTIVITY_KINDS, Activity, activity, check_value
from lessonlib.course.former import FORMER_IDS, lesson_of
from lessonlib.course.quiz import grade
from lessonlib.errors import LessonError, shown

__all__ = ["MAX_PAYLOAD", "INSTRUCTOR_SCOPE", "Submission", "payload", "check_payload",
           "is_right", "check_answer_payload", "check_prediction_payload"]

#: Bytes: the largest payload the service accepts (an answer is a few hundred).
MAX_PAYLOAD = 8 * 1024
#: The hub's custom scope that lets a user see the class's answers (with names) and reset them.
INSTRUCTOR_SCOPE = "custom:classroom:instructor"
#: The previous release's kinds, read as today's (stored rows of that release too).
LEGACY_KINDS = {"answer": "quiz"}


@dataclass(frozen=True)
class Submission:
    """A checked submission: the activity, the value as kept, and whether it is right
    (a quiz answer, the classification's answers; None for a prediction)."""

    activity: Activity
    value: object
    correct: bool | None


def payload(a: Activity, value: object) -> dict:
    """The JSON object a kernel sends for ``value`` of activity ``a``."""
    return {"kind": a.kind, "lesson": a.lesson, "key": a.key, "value": value}


def is_right(a: Activity, value: object) -> bool | None:
    """Whether a checked ``value`` is right: graded for a quiz question, every answer given
    right for answers per item (the classification), done for a part of an exercise;
    None for a prediction."""
    if a.kind == "quiz" and a.question is not None:
        return grade(a.question, value).correct
    if a.shape == "per item":
        right = dict(a.right)
        return all(right.get(item) == answer for item, answer in value.items())
    if a.shape == "done":
        return value is True
    return None


def _text(data: Mapping, key: str, what: str) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value:
        raise LessonError(f"{what} ({key!r}) must be a non-empty string; got {shown(value)}.")
    return value


def _today(data: Mapping) -> Mapping:
    """A payload of the previous release in today's form."""
    if data.get("kind") == "answer":
        data = {"kind": "quiz", "lesson": data.get("lesson"), "key": data.get("question"),
                "value": data.get("choice")}
    if data.get("kind") == "prediction" and "values" in data and "value" not in data:
        data = {**data, "value": data["values"]}
    lesson, key = data.get("lesson"), data.get("key")
    if isinstance(lesson, str) and lesson in FORMER_IDS and isinstance(key, str):
        data = {**data, "lesson": lesson_of(lesson, key)}
    return data


def check_payload(data: object) -> Submission:
    """The :class:`Submission` in a sent JSON object, or a :class:`LessonError` saying why not.

    The lesson and key must name one of the course's activities, of the kind
    sent, and the value must fit its shape
    (:func:`lessonlib.course.activities.check_value`).
    """
    if not isinstance(data, Mapping):
        raise LessonError(f"A submission is a JSON object with 'kind', 'lesson', 'key' and "
                          f"'value'; got {shown(data)}.")
    data = _today(data)
    kind = data.get("kind")
    if kind not in ACTIVITY_KINDS:
        raise LessonError(f"'kind' must be one of {', '.join(map(repr, ACTIVITY_KINDS))}; got "
                          f"{shown(kind)}.")
    a = activity(_text(data, "lesson", "The lesson"), _text(data, "key", "The activity's key"))
    if a.kind != kind:
        raise LessonError(f"{a.key!r} of {a.lesson} is a {a.kind} activity, not a {kind} one.")
    if "value" not in data:
        raise LessonError(f"The submission has no 'value' for {a.key!r} of {a.lesson}.")
    value = check_value(a, data["value"])
    return Submission(a, value, is_right(a, value))


def check_answer_payload(data: object) -> tuple[str, str, tuple[str, ...], bool]:
    """``(lesson, question, choice, correct)``: the previous release's check of a quiz
    answer, kept for one release; :func:`check_payload` checks every kind."""
    if not isinstance(data, Mapping) or data.get("kind") not in ("answer", "quiz"):
        raise LessonError("An answer is a JSON object with kind 'quiz'.")
    done = check_payload(data)
    return done.activity.lesson, done.activity.key, tuple(done.value), bool(done.correct)


def check_prediction_payload(data: object) -> tuple[str, str, dict]:
    """``(lesson, key, values)``: the previous release's check of a prediction, kept for
    one release; :func:`check_payload` checks every kind."""
    if not isinstance(data, Mapping) or data.get("kind") != "prediction":
        raise LessonError("A prediction is a JSON object with kind 'prediction'.")
    done = check_payload(data)
    return done.activity.lesson, done.activity.key, dict(done.value)
