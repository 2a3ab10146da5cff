"""An activity, and the answer it takes: the value every list entry is, and the one check
of a student's answer.

:mod:`lessonlib.course.activities` holds the course's list of activities (and re-exports
these names); this module says what one activity is and what answer it accepts, by its
*shape*:

======================  ===========================================================
shape                   the value it accepts (as saved and as sent to the class)
======================  ===========================================================
``single``              a list of one of ``options``
``multiple``            a list of one or more of ``options``, each once
``numeric``             a list of one whole number from 0 to ``most``, as digits
``counts``              a whole number from 0 to ``most`` for each of ``labels``
``choices``             for each of ``labels``, one of its ``choices``
``per item``            for one or more of ``labels``, one of its ``choices`` (each
                        has a ``right`` one)
``done``                ``True``
======================  ===========================================================

>>> from lessonlib.course.activities import activity
>>> check_value(activity("04_criminal_check_exercise", "criminal check"),
...             {"orchestration": 2, "choreography": 1})
{'choreography': 1, 'orchestration': 2}
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from lessonlib.course import beliefs
from lessonlib.course.quiz import MAX_COUNT, Question
from lessonlib.errors import LessonError, LessonTypeError, shown, suggest

__all__ = ["Activity", "SHAPES", "check_value"]

#: The answers activities accept (the table above).
SHAPES = ("single", "multiple", "numeric", "counts", "choices", "per item", "done")


@dataclass(frozen=True)
class Activity:
    """One thing a lesson asks of the student, and the answer it accepts.

    ``options`` are a quiz question's (single, multiple; its ``question`` grades
    them); ``labels`` what is predicted or classified, with their ``choices`` as
    ``(label, choices)`` pairs (choices, per item) and, per item, the ``right``
    answer for each label as ``(label, answer)`` pairs; ``most`` is the largest
    count (numeric, counts). A prediction also has its ``prompt``, the explanation
    shown ``after`` the reveal, the ``unit`` counted, the ``source`` of the answer
    and what to do ``then``.

    A label is the key an answer is saved and sent under (lesson 03 keys its counts by
    style, ``"choreography"``); ``captions`` holds what a learner reads for a label where
    that differs (``"event chain"``), as ``(label, caption)`` pairs; ``old_labels``, as
    ``(old label, label)`` pairs, the labels an earlier release saved and sent, still
    read as today's (:meth:`relabelled`).

    A prediction's ``feedback`` names the belief behind a wrong answer, as a numeric quiz
    question's feedback does: for each label, ``(answer, text)`` pairs, an answer being a
    count as digits (``"1"``) or ``"other"`` for any count not listed, or one of the
    label's choices (:meth:`feedback_for`).
    """

    lesson: str
    key: str
    kind: str
    shape: str
    title: str
    options: tuple[str, ...] = ()
    labels: tuple[str, ...] = ()
    choices: tuple[tuple[str, tuple[str, ...]], ...] = ()
    right: tuple[tuple[str, str], ...] = ()
    most: int = MAX_COUNT
    prompt: str = ""
    after: str = ""
    unit: str = "services"
    source: str = ""
    then: str = ""
    question: Question | None = field(default=None, compare=False, repr=False)
    captions: tuple[tuple[str, str], ...] = ()
    old_labels: tuple[tuple[str, str], ...] = ()
    feedback: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = ()

    def choices_of(self, label: str) -> tuple[str, ...]:
        """The answers offered for ``label`` (choices, per item)."""
        return dict(self.choices)[label]

    def caption(self, label: str) -> str:
        """What a learner reads for ``label``.

        >>> from lessonlib.course.activities import activity
        >>> activity("03_the_event_chain_trap", "vip invoice").caption("choreography")
        'event chain'
        """
        return dict(self.captions).get(label, label)

    def relabelled(self, value: object) -> object:
        """``value`` (label -> answer) with an earlier release's labels read as today's; any
        other value as it is.

        >>> from lessonlib.course.activities import activity
        >>> activity("03_the_event_chain_trap", "vip invoice").relabelled({"event chain": 2})
        {'choreography': 2}
        """
        if not self.old_labels or not isinstance(value, Mapping):
            return value
        old = dict(self.old_labels)
        return {old.get(label, label): answer for label, answer in value.items()}

    def feedback_for(self, label: str, answer: object) -> str:
        """What a prediction of ``answer`` for ``label`` says about the belief behind it, or
        "" if the prediction has nothing to say about that answer.

        >>> from lessonlib.course.activities import activity
        >>> chain = activity("03_the_event_chain_trap", "goods first, chain")
        >>> chain.feedback_for("choreography", 2)[:40]
        'You counted the two services that swap p'
        """
        table = dict(dict(self.feedback).get(label, ()))
        return table.get(str(answer), table.get(beliefs.OTHER, ""))

    def __str__(self) -> str:
        return f"{self.lesson} {self.kind} {self.key!r}: {self.title}"


# --------------------------------------------------------------------------- the check


def _count(value: object, what: str, most: int, *, digits: bool = False) -> int:
    """A whole number from 0 to ``most``; with ``digits``, also written as digits (``"3"``)."""
    if digits and isinstance(value, str) and value.isascii() and value.isdigit() and len(
            value) <= 6:
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= most:
        raise LessonError(f"{what} must be a whole number from 0 to {most}; got {shown(value)}.")
    return value


def _one_of(value: object, valid: tuple[str, ...], what: str) -> str:
    if not isinstance(value, str) or value not in valid:
        raise LessonError(f"{shown(value)} is not {what}. {suggest(value, valid)}")
    return value


def _options(a: Activity, value: object) -> list[str]:
    where = f"question {a.key!r} of {a.lesson}"
    if a.shape == "numeric":
        if not (isinstance(value, list) and len(value) == 1):
            raise LessonError(f"The answer to {where} must be a whole number from 0 to {a.most}, "
                              f"in a list like ['3']; got {shown(value)}.")
        return [str(_count(value[0], f"The answer to {where}", a.most, digits=True))]
    if not isinstance(value, list) or not value:
        raise LessonError(f"The answer to {where} is a non-empty list of option texts; got "
                          f"{shown(value)}.")
    for option in value:
        _one_of(option, a.options, f"an option of {where}")
    if len(set(value)) != len(value):
        raise LessonError(f"The answer to {where} names an option twice: {shown(value)}.")
    if a.shape == "single" and len(value) != 1:
        raise LessonError(f"Question {a.key!r} of {a.lesson} takes one option; got {len(value)}.")
    return [o for o in a.options if o in value]


def _per_label(a: Activity, value: object) -> dict[str, object]:
    every = a.shape != "per item"
    if not isinstance(value, Mapping) or not value or (every and set(value) != set(a.labels)):
        what = "a value for each of" if every else "one or more of"
        raise LessonError(f"{a.title} ({a.lesson}) takes {what} {list(a.labels)!r}; got "
                          f"{shown(value)}.")
    for label in value:
        _one_of(label, a.labels, f"one of the labels of {a.title!r}")
    if a.shape == "counts":
        return {label: _count(value[label], f"The count for {label!r}", a.most)
                for label in a.labels}
    return {label: _one_of(value[label], a.choices_of(label), f"an answer for {label!r}")
            for label in a.labels if label in value}


def check_value(a: Activity, value: object) -> object:
    """``value`` as ``a`` keeps it (see the table of shapes above), or a sentence why not.

    The one check of a student's answer: the classroom service runs it on what a
    kernel sends, and :func:`lessonlib.course.submit.submit` before saving.

    >>> from lessonlib.course.activities import activity
    >>> check_value(activity("03_the_event_chain_trap", "vip invoice"),
    ...             {"choreography": 2, "orchestration": "many"})
    Traceback (most recent call last):
    ...
    lessonlib.errors.LessonError: The count for 'orchestration' must be a whole number from 0 to 99; got 'many'.

    An earlier release's labels are read as today's (a kernel started before an upgrade):

    >>> check_value(activity("03_the_event_chain_trap", "vip invoice"),
    ...             {"event chain": 2, "with an order service": 1})
    {'choreography': 2, 'orchestration': 1}
    """
    if not isinstance(a, Activity):
        raise LessonTypeError(f"check_value() checks an answer to an Activity (from "
                              f"activity(lesson, key)); got {shown(a)}.")
    if a.shape in ("single", "multiple", "numeric"):
        return _options(a, value)
    if a.shape in ("counts", "choices", "per item"):
        return _per_label(a, a.relabelled(value))
    if value is not True:
        raise LessonError(f"{a.title} ({a.lesson}) is marked done with True; got {shown(value)}.")
    return True
