"""What a student's kernel sends the classroom service, and the one check the service makes.

A submission is one JSON object per activity of the course
(:mod:`lessonlib.course.activities`)::

    {"kind": "quiz", "lesson": "00_start_here", "key": "event-is", "value": ["..."],
     "id": "5f0c2a9d1e7b4c3a"}

``kind`` is the activity's kind (quiz, prediction, classification, exercise, concept
check) and ``value`` has the activity's shape (the table in
:mod:`lessonlib.course.activities`): option texts for a quiz question or an item of
the concept check, a number for a numeric one (``["3"]``), a count
or a choice per label for a prediction, an answer per message for the
classification, ``true`` for a part of an exercise. Nothing is taken on trust:
the activity must be the course's, the value must fit its shape, and whether a
quiz answer is right is graded here. The student's name comes from the hub's
token, never from the body. ``id`` is the sending kernel's own name for this one
submission (:mod:`lessonlib.course.classroom.outbox`): a kernel sends again until the
service confirms, so the service keeps each id of a student once.

A body is read strictly (:func:`parse_payload`): UTF-8 JSON, each key once, no
number longer than :data:`MAX_DIGITS` digits, nothing nested deeper than
:data:`MAX_DEPTH`, no field but those above. Whatever breaks a rule is refused with
the sentence saying which.

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

import json
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass

from lessonlib.course.activities import ACTIVITY_KINDS, Activity, activity, check_value
from lessonlib.course.former import FORMER_IDS, lesson_of
from lessonlib.course.quiz import grade
from lessonlib.errors import LessonError, shown

__all__ = ["MAX_PAYLOAD", "MAX_DEPTH", "MAX_DIGITS", "FIELDS", "INSTRUCTOR_SCOPE", "Submission",
           "payload", "parse_payload", "check_payload", "check_id", "is_right",
           "check_answer_payload", "check_prediction_payload"]

#: Bytes: the largest payload the service accepts (an answer is a few hundred).
MAX_PAYLOAD = 8 * 1024
#: The hub's custom scope that lets a user see the class's answers (with names) and reset them.
INSTRUCTOR_SCOPE = "custom:classroom:instructor"
#: The previous release's kinds, read as today's (stored rows of that release too).
LEGACY_KINDS = {"answer": "quiz"}
#: Brackets a body may nest: a submission is an object whose value is at most a mapping.
MAX_DEPTH = 4
#: Digits a whole number in a body may have (the largest count a lesson asks for is 200).
MAX_DIGITS = 9
#: The fields of a submission; the previous release's forms name theirs in LEGACY_FIELDS.
FIELDS = ("kind", "lesson", "key", "value", "id")
LEGACY_FIELDS = {"answer": ("kind", "lesson", "question", "choice"),
                 "prediction": ("kind", "lesson", "key", "values")}
#: A submission's id: what :func:`lessonlib.course.classroom.outbox.new_id` makes, or alike.
ID = re.compile(r"[A-Za-z0-9_-]{8,64}\Z")


@dataclass(frozen=True)
class Submission:
    """A checked submission: the activity, the value as kept, and whether it is right
    (a quiz answer, the classification's answers; None for a prediction)."""

    activity: Activity
    value: object
    correct: bool | None
    id: str | None = None  # the sender's id of this submission (none from an older kernel)


def payload(a: Activity, value: object) -> dict:
    """The JSON object a kernel sends for ``value`` of activity ``a``."""
    return {"kind": a.kind, "lesson": a.lesson, "key": a.key, "value": value}


def is_right(a: Activity, value: object) -> bool | None:
    """Whether a checked ``value`` is right: graded for a quiz question (or an item of the
    concept check), every answer given right for answers per item (the classification),
    done for a part of an exercise; None for a prediction."""
    if a.question is not None:  # a quiz question, or an item of the concept check
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


_STRINGS = re.compile(r'"(?:[^"\\]|\\.)*"')


def _depth(text: str) -> int:
    """How deeply brackets nest in JSON ``text``, strings left out, without parsing it."""
    depth = deepest = 0
    for bracket in re.findall(r"[\[\]{}]", _STRINGS.sub('""', text)):
        depth += 1 if bracket in "[{" else -1
        deepest = max(deepest, depth)
    return deepest


def _unique(pairs: list[tuple[str, object]]) -> dict:
    found: dict = {}
    for key, value in pairs:
        if key in found:
            raise LessonError(f"The body names {shown(key)} twice; each key is said once.")
        found[key] = value
    return found


def _whole(text: str) -> int:
    digits = len(text.lstrip("-"))
    if digits > MAX_DIGITS:
        raise LessonError(f"A number in a submission has at most {MAX_DIGITS} digits; this one "
                          f"has {digits:,}.")
    return int(text)


def _decimal(text: str) -> float:
    number = float(text)
    if not math.isfinite(number) or len(text) > 32:
        raise LessonError(f"A number in a submission is a short, finite one; got {shown(text)}.")
    return number


def _no_constant(text: str) -> object:
    raise LessonError(f"JSON has no {text}: a number in a submission is a finite one.")


def parse_payload(body: bytes) -> object:
    """The JSON value in a request's ``body``, read strictly, or a :class:`LessonError`.

    >>> parse_payload(b'{"kind": "quiz", "kind": "exercise"}')
    Traceback (most recent call last):
    ...
    lessonlib.errors.LessonError: The body names 'kind' twice; each key is said once.
    >>> parse_payload(b"[" * 5000)
    Traceback (most recent call last):
    ...
    lessonlib.errors.LessonError: The body nests brackets 5,000 deep; a submission needs at most 4.
    """
    if len(body) > MAX_PAYLOAD:
        raise LessonError(f"An answer is at most {MAX_PAYLOAD} bytes; this one has {len(body):,}.")
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise LessonError("The body must be a JSON object in UTF-8.") from None
    depth = _depth(text)
    if depth > MAX_DEPTH:
        raise LessonError(f"The body nests brackets {depth:,} deep; a submission needs at most "
                          f"{MAX_DEPTH}.")
    try:
        return json.loads(text, object_pairs_hook=_unique, parse_int=_whole,
                          parse_float=_decimal, parse_constant=_no_constant)
    except json.JSONDecodeError:
        raise LessonError("The body must be a JSON object in UTF-8.") from None


def check_id(value: object) -> str:
    """A submission's ``id``, checked: 8 to 64 letters, digits, ``-`` or ``_``."""
    if not isinstance(value, str) or not ID.match(value):
        raise LessonError(f"A submission's 'id' is 8 to 64 letters, digits, '-' or '_'; got "
                          f"{shown(value)}.")
    return value


def _known_fields(data: Mapping) -> None:
    kind = data.get("kind")
    if kind == "answer" or (kind == "prediction" and "values" in data and "value" not in data):
        allowed = (*LEGACY_FIELDS[kind], "id")
    else:
        allowed = FIELDS
    unknown = [key for key in data if key not in allowed]
    if unknown:
        raise LessonError(f"A submission has only the fields {', '.join(map(repr, allowed))}; "
                          f"{shown(unknown[0])} is not one of them.")


def check_payload(data: object) -> Submission:
    """The :class:`Submission` in a sent JSON object, or a :class:`LessonError` saying why not.

    The lesson and key must name one of the course's activities, of the kind
    sent, and the value must fit its shape
    (:func:`lessonlib.course.activities.check_value`).
    """
    if not isinstance(data, Mapping):
        raise LessonError(f"A submission is a JSON object with 'kind', 'lesson', 'key' and "
                          f"'value'; got {shown(data)}.")
    _known_fields(data)
    sid = check_id(data["id"]) if "id" in data else None
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
    return Submission(a, value, is_right(a, value), sid)


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
