"""The course progress page: each lesson's quiz score, what remains, and a link to it.

A lesson counts more than its quiz: every activity it asks for counts as a step
(:mod:`lessonlib.course.activities`, the one list of them: quiz questions,
predictions saved and revealed, lesson 01's classification, the parts of lesson
04's code exercise). Built on :mod:`lessonlib.course.progress` (what the student
saved). Introduced in ``00_start_here.ipynb`` (``progress()``); it reads the same
file as every quiz, so it shows the same scores after a kernel restart.

>>> status = lesson_status("00_start_here")
>>> status.total > 0, status.lesson
(True, '00_start_here')
"""

from __future__ import annotations

from dataclasses import dataclass

from lessonlib.course.activities import ACTIVITY_KINDS, CONCEPT_CHECK, Activity, activities, lessons
from lessonlib.course.concept_check import form_answers, form_items, form_of, gain_text
from lessonlib.course.former import FORMER_IDS
from lessonlib.course.lessons import LESSONS
from lessonlib.course.prediction import Prediction
from lessonlib.course.progress import progress_path, recall, saved_answers, take_notices
from lessonlib.course.quiz import grade
from lessonlib.errors import LessonError, check_name, shown, suggest
from lessonlib.prose import Sentences, and_list, noun

__all__ = ["ActivityStatus", "LessonStatus", "lesson_status", "course_steps",
           "course_status", "course_text", "course_summary", "progress_text", "progress_rows",
           "DONE", "IN_PROGRESS", "NOT_STARTED", "NO_QUIZ"]

NOT_STARTED = "not started"
IN_PROGRESS = "in progress"
DONE = "done"
NO_QUIZ = "no quiz"


@dataclass(frozen=True)
class ActivityStatus:
    """How far the student is with one activity besides the quiz: a prediction, an exercise."""

    kind: str  # "prediction", "classification", "exercise" or "concept check"
    title: str
    done: int  # steps done
    total: int
    started: bool

    def __str__(self) -> str:
        return f"{self.title}: {self.done} / {self.total}"


def _prediction(a: Activity) -> ActivityStatus:
    saved = Prediction.of(a).saved()
    return ActivityStatus(a.kind, f"Prediction: {a.title}",
                          int(bool(saved and saved.get("revealed"))), 1, saved is not None)


def _per_item(a: Activity) -> ActivityStatus:
    answers = recall(a.lesson, a.key, default={})
    answers = answers if isinstance(answers, dict) else {}
    right = sum(answers.get(item) == answer for item, answer in a.right)
    return ActivityStatus(a.kind, a.title, right, len(a.labels), bool(answers))


def _done(a: Activity) -> ActivityStatus:
    done = recall(a.lesson, a.key) is True
    return ActivityStatus(a.kind, a.title, int(done), 1, done)


#: How far the student is with an activity besides the quiz's questions, by its shape:
#: a prediction is done once revealed, answers per item count each right one.
_STATUS = {"counts": _prediction, "choices": _prediction, "per item": _per_item,
           "done": _done}


def _concept_check(lesson: str) -> tuple[ActivityStatus, ...]:
    """A form of the concept check is one step, done once handed in (its items are a
    measure, not a score: the gain is on the progress page's own card)."""
    form = form_of(lesson)
    if form is None:
        return ()
    total, answered = len(form_items(form)), len(form_answers(form))
    title = ("Concept check (before lesson 01)" if form == "pre"
             else "Concept check (after the capstone)")
    return (ActivityStatus(CONCEPT_CHECK, title, int(answered == total), 1, answered > 0),)


def _activities(lesson: str) -> tuple[ActivityStatus, ...]:
    """Every activity of ``lesson`` but its quiz's questions (so a broken quiz file hides none)."""
    if lesson not in lessons():
        return ()
    return tuple(_STATUS[a.shape](a) for kind in ACTIVITY_KINDS
                 if kind not in ("quiz", CONCEPT_CHECK)
                 for a in activities(lesson, kind)) + _concept_check(lesson)


@dataclass(frozen=True)
class LessonStatus:
    """One lesson's quiz, from the saved progress: right, answered, total, and what remains."""

    lesson: str
    title: str
    right: int
    answered: int
    total: int
    to_revisit: tuple[str, ...] = ()  # prompts answered wrongly
    unanswered: tuple[str, ...] = ()  # prompts not answered yet
    problem: str = ""
    activities: tuple[ActivityStatus, ...] = ()  # predictions and exercises

    @property
    def steps(self) -> tuple[int, int]:
        """``(done, total)``: quiz questions right, predictions revealed, exercises done."""
        done = self.right + sum(a.done == a.total for a in self.activities)
        return done, self.total + len(self.activities)

    @property
    def state(self) -> str:
        if self.problem or (self.total == 0 and not self.activities):
            return NO_QUIZ
        done, total = self.steps
        if self.answered == 0 and not any(a.started for a in self.activities):
            return NOT_STARTED
        if done == total:
            return DONE
        return IN_PROGRESS

    @property
    def number(self) -> str:
        return self.lesson[:2]

    @property
    def score(self) -> str:
        return f"Score: {self.right} / {self.total}" if self.total else "no quiz yet"

    @property
    def remains(self) -> str:
        """A sentence saying what is left to do in this lesson."""
        if self.problem:
            return f"its quiz could not be loaded ({self.problem})"
        if self.total == 0:
            return "read the lesson"
        if self.state == NOT_STARTED:
            extras = [a.title.split(":")[0].lower() for a in self.activities]
            extras = sorted(set(extras), key=extras.index)
            what = and_list([f"its {self.total}-question quiz"] + [
                f"{'the' if x != 'prediction' else 'its'} {x}"
                + ("s" if x == "prediction" and sum(a.kind == "prediction"
                                                    for a in self.activities) > 1 else "")
                for x in extras])
            return f"not started: work through the lesson and {what}"
        if self.state == DONE:
            return "done: every question answered right" + (
                ", every prediction and exercise done" if self.activities else "")
        parts = []
        if self.to_revisit:
            parts.append(f"revisit {len(self.to_revisit)} answered wrongly")
        if self.unanswered:
            parts.append(f"answer {len(self.unanswered)} more")
        parts += [f"{a.title[0].lower()}{a.title[1:]}" for a in self.activities
                  if a.done < a.total]
        return "; ".join(parts)

    def __str__(self) -> str:
        return f"{self.number} {self.title}: {self.score} - {self.remains}"


def lesson_status(lesson: str) -> LessonStatus:
    """The saved quiz progress of one lesson (its id, e.g. ``"07_commands_in_disguise"``; an
    earlier release's id gives the lesson it became, see :func:`~lessonlib.course.lessons.lesson_id`).

    >>> lesson_status("06_commands_in_disgise")
    Traceback (most recent call last):
    ...
    lessonlib.errors.LessonError: Unknown lesson '06_commands_in_disgise'. Did you mean '07_commands_in_disguise'?
    """
    known = LESSONS
    lesson = check_name(lesson, "lesson id")
    lesson = FORMER_IDS[lesson][0] if lesson in FORMER_IDS else lesson
    if lesson not in known:
        raise LessonError(f"Unknown lesson {shown(lesson)}. {suggest(lesson, known)}")
    title = known[lesson]
    steps = _activities(lesson)
    try:
        questions = activities(lesson, "quiz") if lesson in lessons() else ()
    except LessonError as exc:
        return LessonStatus(lesson, title, 0, 0, 0, problem=str(exc), activities=steps)
    saved = saved_answers(lesson)
    right, revisit, unanswered = 0, [], []
    for q in questions:
        record = saved.get(q.key)
        if record is None:
            unanswered.append(q.prompt)
            continue
        try:
            correct = grade(q.question, record["choice"]).correct
        except LessonError:  # the question changed since it was answered
            unanswered.append(q.prompt)
            continue
        if correct:
            right += 1
        else:
            revisit.append(q.prompt)
    answered = len(questions) - len(unanswered)
    return LessonStatus(lesson, title, right, answered, len(questions), tuple(revisit),
                        tuple(unanswered), activities=steps)


def course_status() -> tuple[LessonStatus, ...]:
    """Every lesson's status, in course order."""
    return tuple(lesson_status(lesson) for lesson in LESSONS)


def course_steps(statuses: tuple[LessonStatus, ...]) -> tuple[int, int]:
    """``(done, total)`` steps across the course (the progress bar)."""
    return (sum(s.steps[0] for s in statuses), sum(s.steps[1] for s in statuses))


def course_summary(statuses: tuple[LessonStatus, ...]) -> str:
    """One sentence for the whole course, from each lesson's status."""
    lessons = [s for s in statuses if s.state != NO_QUIZ]
    done_steps, total_steps = course_steps(statuses)
    done = sum(s.state == DONE for s in lessons)
    left = [s.number for s in lessons if s.state != DONE]
    tail = (f" Still to do: {noun(len(left), 'lesson')} {', '.join(left)}." if left
            else " Every lesson is done.")
    return (f"{done_steps} of {total_steps} steps done across the course (quiz questions "
            f"right, predictions revealed, exercises done); {done} of {len(lessons)} "
            f"lessons done.{tail}")


def course_text() -> Sentences:
    """The progress page as plain text: a summary, one line per lesson, the concept check's
    gain, and where it is saved.

    Introduced in ``00_start_here.ipynb`` (as ``progress_text()``, its old name).

    >>> lines = course_text().splitlines()
    >>> "steps done across the course" in lines[0]
    True
    >>> lines[1]  # doctest: +ELLIPSIS
    '00 Start here: Score: ...'
    >>> lines[-1]  # doctest: +ELLIPSIS
    'Saved in ...progress.json.'
    """
    statuses = course_status()
    return Sentences("\n".join([course_summary(statuses), *(str(s) for s in statuses),
                                gain_text(), *take_notices(), f"Saved in {progress_path()}."]))


#: The old name of the progress summary, kept for one release: the course has one summary.
progress_text = course_text


def progress_rows() -> list[tuple[str, str, str]]:
    """``(lesson, title, status)`` per lesson, from :func:`lesson_status` (kept for one
    release: the course's one summary is :func:`course_status`)."""
    return [(s.lesson, s.title, f"{s.score} - {s.remains}") for s in course_status()]
