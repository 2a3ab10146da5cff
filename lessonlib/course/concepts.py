"""The concept check's six concepts, its two forms and the normalized gain: the few names
both a student's progress (:mod:`lessonlib.course.concept_check`) and the class's results
(:mod:`lessonlib.course.classroom.results`) count with.

>>> concept_of("cc-owner-2")
'owner'
>>> normalized_gain(0, 2, 2), normalized_gain(1, 2, 2), normalized_gain(2, 2, 2)
(1.0, 1.0, None)
>>> normalized_gain(1, 0, 2)
-1.0
"""

from __future__ import annotations

from lessonlib.errors import LessonError, choose, shown

__all__ = ["PRE", "POST", "FORMS", "CONCEPTS", "as_form", "concept_of", "normalized_gain"]

PRE, POST = "pre", "post"
#: Each form, and the lesson that shows it.
FORMS = {PRE: "00_start_here", POST: "09_capstone_trip_booking"}
#: The six concepts, each asked by two items per form (an item's id is ``cc-<concept>-<n>``),
#: in the order the course teaches them.
CONCEPTS = {
    "meaning": "Command or event: the meaning, not the envelope",
    "coupling": "Who depends on whom",
    "owner": "Deciding a link by who owns its outcome",
    "change": "Counting what a change touches",
    "failure": "Failures, sagas and stuck work",
    "disguise": "Commands in disguise, and false alarms",
}


def concept_of(item: str) -> str:
    """The concept an item's id names (``cc-<concept>-<n>``); a sentence if none."""
    parts = item.split("-") if isinstance(item, str) else []
    if len(parts) != 3 or parts[0] != "cc" or parts[1] not in CONCEPTS:
        raise LessonError(f"{shown(item)} is not a concept check item's id; they read "
                          f"'cc-<concept>-<n>' with a concept of {', '.join(CONCEPTS)}.")
    return parts[1]


def as_form(form: object) -> str:
    """``form`` as one of :data:`FORMS` (``"pre"`` or ``"post"``); a sentence otherwise.

    >>> as_form(" Post")
    'post'
    """
    return choose(form.strip().lower() if isinstance(form, str) else form, FORMS,
                  "form of the concept check")


def normalized_gain(pre: float, post: float, most: float) -> float | None:
    """``(post - pre) / (most - pre)``: the share of what was left to learn that was learnt
    (negative if the score fell); None when ``pre`` was already ``most``."""
    if pre >= most:
        return None
    return (post - pre) / (most - pre)
