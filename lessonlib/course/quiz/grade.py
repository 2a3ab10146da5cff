"""Answering a question: the order a student sees, the choice read, graded with feedback.

Pure, no widgets: :func:`grade` returns a :class:`Feedback` the quiz widget
(:mod:`lessonlib.widgets.quiz`) only shows. :func:`parse_count` reads a number a
learner typed, for numeric questions and for predictions.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from lessonlib.course.quiz.format import MAX_COUNT, Question, answer_hash
from lessonlib.errors import LessonError, LessonTypeError, shown, suggest
from lessonlib.prose import plural

__all__ = ["Feedback", "grade", "display_order", "parse_count", "MAX_COUNT"]

_WORDS = {"zero": 0, "none": 0, "no": 0, "one": 1, "two": 2, "three": 3, "four": 4,
          "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}


def parse_count(text: object, what: str = "A prediction", *, unit: str = "services",
                most: int = MAX_COUNT) -> int:
    """Read a count typed by a learner ("2", " two ", "Two") of ``unit`` (at most ``most``).

    Used by numeric quiz questions and by predictions. Raises
    :class:`~lessonlib.errors.LessonError` with a sentence for anything else.

    >>> parse_count(" 2 "), parse_count("Two")
    (2, 2)
    >>> parse_count("2 or 3", "Your answer")
    Traceback (most recent call last):
    ...
    lessonlib.errors.LessonError: Your answer is one whole number of services, like 2 or 'two'; got '2 or 3'.
    >>> parse_count("250", unit="orders", most=200)
    Traceback (most recent call last):
    ...
    lessonlib.errors.LessonError: A prediction of 250 orders is more than there are: at most 200.
    """
    if isinstance(text, bool) or not isinstance(text, (str, int)):
        raise LessonTypeError(f"{what} is a whole number of {unit}, like 2; got {shown(text)}.")
    cleaned = str(text).strip().lower().rstrip(".")
    if not cleaned:
        raise LessonError(f"{what} is still empty: type a whole number of {unit}, like 2.")
    if cleaned in _WORDS:
        return _WORDS[cleaned]
    digits = cleaned.lstrip("-")
    if digits.isascii() and digits.isdigit() and len(digits) <= 6:
        value = int(cleaned)
        if value < 0:
            raise LessonError(f"{what} cannot be negative; got {shown(text)}.")
        if value > most:
            if unit == "services":
                raise LessonError(f"{what} of {value} services is more than these systems have; "
                                  "count the services in the picture.")
            raise LessonError(f"{what} of {value} {unit} is more than there are: at most {most}.")
        return value
    raise LessonError(f"{what} is one whole number of {unit}, like 2 or 'two'; got "
                      f"{shown(text)}.")


@dataclass(frozen=True)
class Feedback:
    """What :func:`grade` returns: right or not, each choice marked, explanation.

    ``marks`` holds, for each option picked (or the number typed), whether it
    is right to pick it, and its feedback; ``missing`` counts the right options
    of a tick-all-that-apply question that are not ticked.
    """

    question: str
    correct: bool
    chosen: tuple[str, ...]
    option_feedback: tuple[tuple[str, str], ...]  # (option picked, its feedback)
    explanation: str
    note: str = ""  # e.g. "2 of your ticks are right; 1 right option is still missing"
    marks: tuple[bool, ...] = ()  # per option picked: right to pick it?
    missing: int = 0
    kind: str = "single"

    @property
    def verdict(self) -> str:
        return "✓ Correct." if self.correct else "✗ Not quite."

    def __str__(self) -> str:
        lines = [f"{self.verdict} {self.note}" if self.note else self.verdict]
        marks = self.marks or (self.correct,) * len(self.option_feedback)
        for (option, text), right in zip(self.option_feedback, marks, strict=True):
            sign = "✓" if right else "✗"
            lines.append(f"{sign} {option}: {text}")
        lines.append(self.explanation)
        return "\n".join(lines)


def display_order(question: Question, seed: str) -> tuple[str, ...]:
    """The question's options in the order one student sees them.

    Shuffled with a random generator seeded by the student's ``seed`` (kept in
    the progress file), the quiz and the question: the same student sees the
    same order after a reload or a restart, another student another order.
    Saved answers are option texts, so they restore whatever the order.

    >>> from lessonlib.course.quiz import load_quiz
    >>> q = load_quiz("00_start_here").question("event-is")
    >>> display_order(q, "student-1") == display_order(q, "student-1")
    True
    >>> sorted(display_order(q, "student-1")) == sorted(q.options)
    True
    """
    order = list(question.options)
    random.Random(f"{seed}\n{question.quiz}\n{question.id}").shuffle(order)
    return tuple(order)


def _one_choice(question: Question, choice: object) -> str:
    if isinstance(choice, bool) or not isinstance(choice, (str, int)):
        raise LessonTypeError(
            f"Question {question.id!r}: a choice is an option's text or its index "
            f"(0 to {len(question.options) - 1}); got {shown(choice)} ({type(choice).__name__})."
        )
    if isinstance(choice, int):
        if not 0 <= choice < len(question.options):
            raise LessonError(f"Question {question.id!r}: option index {shown(choice)} is out of "
                              f"range; use 0 to {len(question.options) - 1}.")
        return question.options[choice]
    text = choice.strip()
    if text not in question.options:
        raise LessonError(f"Question {question.id!r}: {shown(choice)} is not one of the options. "
                          f"{suggest(text, question.options)}")
    return text


def _choices(question: Question, choice: object) -> tuple[str, ...]:
    if question.kind == "numeric":
        if isinstance(choice, (list, tuple)) and len(choice) == 1:
            choice = choice[0]  # as saved in the progress file: ["3"]
        number = parse_count(choice, f"Your answer to question {question.id!r}")
        return (str(number),)
    if isinstance(choice, (list, tuple, set, frozenset)):
        picked = {_one_choice(question, c) for c in choice}
    else:
        picked = {_one_choice(question, choice)}
    if not picked:
        raise LessonError(f"Question {question.id!r}: nothing was chosen; pick an option "
                          f"first.")
    if question.kind == "single" and len(picked) > 1:
        raise LessonError(f"Question {question.id!r} takes exactly one answer; got "
                          f"{len(picked)}: {sorted(picked)!r}.")
    return tuple(o for o in question.options if o in picked)


def _ticks_note(right_ticks: int, wrong_ticks: int, missing: int) -> str:
    """What a tick-all-that-apply answer got right, in one sentence (never which are missing)."""
    parts = [f"{plural(right_ticks, 'tick')} right"] if right_ticks else []
    if wrong_ticks:
        parts.append(f"{plural(wrong_ticks, 'tick')} {'is' if wrong_ticks == 1 else 'are'} "
                     "wrong (marked ✗)")
    if missing:
        parts.append(f"{plural(missing, 'right option')} {'is' if missing == 1 else 'are'} "
                     "still not ticked")
    return "; ".join(parts) + "."


def grade(question: Question, choice: object) -> Feedback:
    """Grade a learner's choice; pure, no widgets.

    Introduced in ``notebooks/00_start_here.ipynb`` (the quiz widget calls it).

    Parameters
    ----------
    question : Question
    choice : str, int, or a list of them
        An option's text or index; a list for multiple-choice questions; for a
        numeric question, the number (or the text the learner typed).

    Returns
    -------
    Feedback
        ``correct``, each choice marked right or wrong with its feedback, how
        many right options are still missing, and the explanation.

    Examples
    --------
    >>> from lessonlib.course.quiz import load_quiz
    >>> qz = load_quiz([{"id": "cmds", "kind": "multiple", "prompt": "Which are commands?",
    ...     "options": ["ShipGoods", "GoodsShipped", "RetrievePayment"],
    ...     "correct": ["ShipGoods", "RetrievePayment"],
    ...     "feedback": {"ShipGoods": "An order to act.", "GoodsShipped": "A fact: an event.",
    ...                  "RetrievePayment": "An order to act."},
    ...     "explanation": "Commands say what to do; events say what happened."}])
    >>> print(grade(qz.questions[0], ["ShipGoods", 2]))
    ✓ Correct.
    ✓ ShipGoods: An order to act.
    ✓ RetrievePayment: An order to act.
    Commands say what to do; events say what happened.
    >>> print(grade(qz.questions[0], ["ShipGoods", "GoodsShipped"]))
    ✗ Not quite. 1 tick right; 1 tick is wrong (marked ✗); 1 right option is still not ticked.
    ✓ ShipGoods: An order to act.
    ✗ GoodsShipped: A fact: an event.
    Commands say what to do; events say what happened.
    >>> grade(qz.questions[0], "Shipgoods")
    Traceback (most recent call last):
    ...
    lessonlib.errors.LessonError: Question 'cmds': 'Shipgoods' is not one of the options. Did you mean 'ShipGoods'? (Names are case-sensitive.)
    """
    if not isinstance(question, Question):
        raise LessonTypeError(f"grade() needs a Question (from load_quiz); got {shown(question)} "
                              f"({type(question).__name__}).")
    chosen = _choices(question, choice)
    picked = {answer_hash(question.salt, question.id, o) for o in chosen}
    correct = picked == question.correct_sha256
    marks = tuple(question.is_right(o) for o in chosen)
    missing = len(question.correct_sha256 - picked) if question.kind == "multiple" else 0
    note = ""
    if question.kind == "multiple" and not correct:
        note = _ticks_note(sum(marks), len(marks) - sum(marks), missing)
    return Feedback(
        question=question.id,
        correct=correct,
        chosen=chosen,
        option_feedback=tuple((o, question.feedback_for(o)) for o in chosen),
        explanation=question.explanation,
        note=note,
        marks=marks,
        missing=missing,
        kind=question.kind,
    )

