"""Lesson ids of earlier releases, and where their activities are today.

Issue 24 renumbered the course: lesson 05 (``05_workflow_engines_serve_both``) became
lessons 05 and 06, and lessons 06 and 07 became 07 and 08. A student's progress file and
the classroom service's stored rows keep the ids they were written with; everything that
reads them (:mod:`lessonlib.course.progress`, :mod:`lessonlib.course.classroom`) asks
here which lesson an old id's activity belongs to today, and nothing is rewritten.

>>> lesson_of("05_workflow_engines_serve_both", "inconsistent")
'06_sagas_that_earn_their_timers'
>>> lesson_of("06_commands_in_disguise", "notification-costume")
'07_commands_in_disguise'
"""

from __future__ import annotations

__all__ = ["FORMER_IDS", "MOVED_ACTIVITIES", "former_ids", "lesson_of"]

#: Lessons an earlier release had under another id: old id -> the lessons it became, the
#: first holding its beginning. A student's saved progress and the class's stored answers
#: under an old id are read as the new lessons' (nothing is rewritten).
FORMER_IDS: dict[str, tuple[str, ...]] = {
    "05_workflow_engines_serve_both": ("05_track_then_manage", "06_sagas_that_earn_their_timers"),
    "06_commands_in_disguise": ("07_commands_in_disguise",),
    "07_check_your_understanding": ("08_check_your_understanding",),
}
#: For a lesson that was split: the activities (quiz question ids, prediction keys) that
#: went to a lesson other than the first it became. These keys are history: they never change.
MOVED_ACTIVITIES: dict[str, dict[str, str]] = {
    "05_workflow_engines_serve_both": dict.fromkeys(
        ("fair-refund", "inconsistent", "compensation-order",
         "inconsistent orders at the default time frame"), "06_sagas_that_earn_their_timers"),
}


def former_ids(lesson: str) -> tuple[str, ...]:
    """The ids an earlier release kept (part of) ``lesson`` under, oldest first.

    >>> former_ids("07_commands_in_disguise")
    ('06_commands_in_disguise',)
    >>> former_ids("06_sagas_that_earn_their_timers")
    ('05_workflow_engines_serve_both',)
    >>> former_ids("03_the_event_chain_trap")
    ()
    """
    return tuple(old for old, became in FORMER_IDS.items() if lesson in became)


def lesson_of(old: str, key: str) -> str:
    """The lesson today that holds activity ``key`` (a quiz question id, a prediction key) of
    the earlier release's lesson ``old``; a lesson id of today is its own.

    >>> lesson_of("05_workflow_engines_serve_both", "inconsistent")
    '06_sagas_that_earn_their_timers'
    >>> lesson_of("05_workflow_engines_serve_both", "track-count")
    '05_track_then_manage'
    """
    if old not in FORMER_IDS:
        return old
    return MOVED_ACTIVITIES.get(old, {}).get(key, FORMER_IDS[old][0])
