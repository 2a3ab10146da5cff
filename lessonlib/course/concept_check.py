"""The concept check: six concepts asked twice, before lesson 01 and after the capstone.

What a course teaches shows in what changes between before and after. The concept check
asks twelve application items, two per concept, each about a system no lesson shows. It
comes in two parallel forms: the *pre* form at the end of lesson 00 (before lesson 01),
the *post* form at the end of lesson 09 (after the capstone). Each item of one form has a
twin in the other with the same id, the same concept and the same shape of answer, about
another domain (``tests/course/test_concept_check.py`` checks the pairs).

The items are kept in the quiz format, sealed like every quiz
(``lessonlib/course/quizzes/concept_check/<lesson>.json``); each is an activity of the kind
``"concept check"`` (:mod:`lessonlib.course.activities`), saved with the student's progress
and, on a hub, sent to the class. A form is handed in once, whole (:func:`hand_in`): the
first answers are the measure, so they stay as handed in. The pre form shows no verdict
until the post form is handed in.

The gain of a concept is Hake's *normalized gain*, ``(post - pre) / (most - pre)``: the share
of what was still to learn that was learnt. It has no value when every item was already
right before (``most == pre``). The concepts, the forms and the gain's formula are
:mod:`lessonlib.course.concepts`' (the class's results count with them too); this module
saves and scores a student's answers.

>>> [a.key for a in form_items("post")][-2:]
['cc-disguise-1', 'cc-disguise-2']
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from lessonlib.course.activities import CONCEPT_CHECK, Activity, activities, check_value
from lessonlib.course.concepts import (
    CONCEPTS,
    FORMS,
    POST,
    PRE,
    as_form,
    concept_of,
    normalized_gain,
)
from lessonlib.course.progress import recall
from lessonlib.course.quiz import grade
from lessonlib.course.submit import submit
from lessonlib.errors import LessonError, LessonTypeError, shown

__all__ = ["FORMS", "CONCEPTS", "PRE", "POST", "as_form", "concept_of", "form_items", "form_of",
           "form_answers", "handed_in", "hand_in", "FormScore", "form_score",
           "normalized_gain", "ConceptGain", "GainReport", "gain_report", "gain_text"]

def form_items(form: str) -> tuple[Activity, ...]:
    """The items of ``form`` (``"pre"`` or ``"post"``), as activities, in order.

    >>> [a.key for a in form_items("pre")][:2]
    ['cc-meaning-1', 'cc-meaning-2']
    """
    return activities(FORMS[as_form(form)], CONCEPT_CHECK)


def form_of(lesson: str) -> str | None:
    """The form ``lesson`` shows, or None."""
    return next((form for form, shown_in in FORMS.items() if shown_in == lesson), None)


def form_answers(form: str) -> dict[str, list[str]]:
    """The student's saved answers to ``form``: item id -> the options (or number) given."""
    found = {}
    for a in form_items(form):
        value = recall(a.lesson, a.key)
        try:
            found[a.key] = check_value(a, value)
        except LessonError:  # nothing saved, or a value of another shape
            continue
    return found


def handed_in(form: str) -> bool:
    """Whether every item of ``form`` is saved: the form was handed in."""
    return len(form_answers(form)) == len(form_items(form))


def hand_in(form: str, answers: Mapping[str, object]) -> list[str]:
    """Hand ``form`` in: one answer for every item (item id -> options, or a number as a
    list of digits), each checked, saved and sent to the class; returns the notices to show.

    A form is handed in once: its first answers are the measure, so a second hand-in is
    refused with a sentence.
    """
    form = as_form(form)
    if handed_in(form):
        raise LessonError(f"The {form} form of the concept check is already handed in; its "
                          "first answers are the measure, so they stay as they are.")
    if not isinstance(answers, Mapping):
        raise LessonTypeError(f"The answers are a dict, item id -> your answer, like "
                              f"{{'cc-meaning-1': ['...']}}; got {shown(answers)}.")
    items = form_items(form)
    missing = [a.key for a in items if a.key not in answers]
    if missing:
        raise LessonError(f"Answer every item before you hand the form in: "
                          f"{len(missing)} of {len(items)} still open ({', '.join(missing)}).")
    checked = [(a, check_value(a, answers[a.key])) for a in items]  # every value first
    notices: list[str] = []
    for a, value in checked:
        notices += submit(a, value)
    return list(dict.fromkeys(notices))


@dataclass(frozen=True)
class FormScore:
    """One form's score: right answers per concept, out of ``per_concept`` items each."""

    form: str
    right: dict[str, int]
    per_concept: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.right.values())

    @property
    def most(self) -> int:
        return sum(self.per_concept.values())


def form_score(form: str, answers: Mapping[str, object] | None = None) -> FormScore | None:
    """The score of ``form`` from ``answers`` (the student's saved ones when None); None if
    the form is not complete."""
    form = as_form(form)
    answers = form_answers(form) if answers is None else answers
    items = form_items(form)
    if any(a.key not in answers for a in items):
        return None
    right = dict.fromkeys(CONCEPTS, 0)
    counts = dict.fromkeys(CONCEPTS, 0)
    for a in items:
        concept = concept_of(a.key)
        counts[concept] += 1
        try:
            right[concept] += grade(a.question, answers[a.key]).correct
        except LessonError:  # an answer that no longer fits an edited item
            continue
    return FormScore(form, right, counts)


@dataclass(frozen=True)
class ConceptGain:
    """One concept before and after: right answers out of ``most``, and the gain."""

    concept: str
    title: str
    pre: int
    post: int
    most: int

    @property
    def gain(self) -> float | None:
        return normalized_gain(self.pre, self.post, self.most)


@dataclass(frozen=True)
class GainReport:
    """The student's gain per concept and overall; ``missing`` names a form not handed in."""

    concepts: tuple[ConceptGain, ...]
    pre: int | None
    post: int | None
    most: int
    missing: tuple[str, ...]

    @property
    def gain(self) -> float | None:
        if self.missing:
            return None
        return normalized_gain(self.pre, self.post, self.most)


def gain_report() -> GainReport:
    """The student's own gain, from their saved answers to both forms."""
    scores = {form: form_score(form) for form in FORMS}
    missing = tuple(form for form, score in scores.items() if score is None)
    pre, post = scores[PRE], scores[POST]
    per = (pre or post).per_concept if (pre or post) else {c: 0 for c in CONCEPTS}
    concepts = tuple(
        ConceptGain(c, title, pre.right[c] if pre else 0, post.right[c] if post else 0, per[c])
        for c, title in CONCEPTS.items()) if not missing else ()
    return GainReport(concepts, pre.total if pre else None, post.total if post else None,
                      sum(per.values()), missing)


def _percent(gain: float | None) -> str:
    return "no gain to measure (all right before)" if gain is None else f"{gain:+.0%}"


def gain_text(report: GainReport | None = None) -> str:
    """The gain report in sentences (the progress page shows it as a table).

    >>> print(gain_text(GainReport((), None, None, 12, ("pre", "post"))))
    Concept check: hand in both forms to see your gain (the pre form at the end of lesson 00 and the post form at the end of lesson 09).
    """
    report = gain_report() if report is None else report
    if report.missing:
        where = {PRE: "the pre form at the end of lesson 00",
                 POST: "the post form at the end of lesson 09"}
        todo = " and ".join(where[f] for f in report.missing)
        what = "both forms" if len(report.missing) == 2 else f"the {report.missing[0]} form"
        return f"Concept check: hand in {what} to see your gain ({todo})."
    lines = [f"Concept check: {report.pre} of {report.most} right before lesson 01, "
             f"{report.post} of {report.most} after the capstone; normalized gain "
             f"{_percent(report.gain)}."]
    lines += [f"- {c.title}: {c.pre} of {c.most} before, {c.post} of {c.most} after; "
              f"gain {_percent(c.gain)}" for c in report.concepts]
    return "\n".join(lines)
