"""The course progress page: each lesson's quiz score, what remains, and a link to it.

A lesson counts more than its quiz: its predictions (saved and revealed), lesson
01's classification exercise and lesson 04's code exercise count as steps too.
Built on :mod:`lessonlib.course.progress` (the saved answers) and
:mod:`lessonlib.course.lessons` (the list of lessons). Introduced in
``07_check_your_understanding.ipynb``; it reads the same file as every quiz,
so it shows the same scores after a kernel restart.

>>> status = lesson_status("00_start_here")
>>> status.total > 0, status.lesson
(True, '00_start_here')
"""

from __future__ import annotations

from dataclasses import dataclass

from lessonlib.classify import EXAMPLES, check
from lessonlib.course.exercise import STYLES, exercise_key
from lessonlib.course.lessons import LESSONS
from lessonlib.course.prediction import predictions_of
from lessonlib.course.progress import recall, saved_answers
from lessonlib.course.quiz import QUIZ_DIR, grade, load_quiz
from lessonlib.errors import LessonError, check_name, shown, suggest
from lessonlib.prose import and_list, noun

__all__ = ["Activity", "LessonStatus", "lesson_status", "course_steps", "course_status", "course_text", "course_summary",
           "DONE", "IN_PROGRESS", "NOT_STARTED", "NO_QUIZ"]

NOT_STARTED = "not started"
IN_PROGRESS = "in progress"
DONE = "done"
NO_QUIZ = "no quiz"


@dataclass(frozen=True)
class Activity:
    """One thing a lesson asks of the student besides its quiz: a prediction, an exercise."""

    kind: str  # "prediction", "classification" or "exercise"
    title: str
    done: int  # steps done
    total: int
    started: bool

    def __str__(self) -> str:
        return f"{self.title}: {self.done} / {self.total}"


#: Lesson 04's code exercise: one step per style, recorded by check_criminal_check.
EXERCISES = {"04_criminal_check_exercise": tuple(
    (exercise_key(style), f"Exercise: part {part} ({style})")
    for part, style in zip("AB", STYLES, strict=True))}
CLASSIFICATION = ("01_commands_and_events", "classification")


def _activities(lesson: str) -> tuple[Activity, ...]:
    found = []
    for spec in predictions_of(lesson):
        prediction = spec.prediction()
        saved = prediction.saved()
        found.append(Activity("prediction", f"Prediction: {spec.title}",
                              int(bool(saved and saved.get("revealed"))), 1, saved is not None))
    if lesson == CLASSIFICATION[0]:
        answers = recall(*CLASSIFICATION, default={})
        answers = answers if isinstance(answers, dict) else {}
        names = {e.name for e in EXAMPLES}
        right = sum(1 for name, answer in answers.items()
                    if name in names and isinstance(answer, str) and check(name, answer).correct)
        found.append(Activity("classification", "Classification", right, len(EXAMPLES),
                              bool(answers)))
    for key, title in EXERCISES.get(lesson, ()):
        done = recall(lesson, key) is True
        found.append(Activity("exercise", title, int(done), 1, done))
    return tuple(found)


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
    activities: tuple[Activity, ...] = ()  # predictions and exercises

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
    """The saved quiz progress of one lesson (its id, e.g. ``"06_commands_in_disguise"``).

    >>> lesson_status("06_commands_in_disgise")
    Traceback (most recent call last):
    ...
    lessonlib.errors.LessonError: Unknown lesson '06_commands_in_disgise'. Did you mean '06_commands_in_disguise'?
    """
    lessons = LESSONS
    lesson = check_name(lesson, "lesson id")
    if lesson not in lessons:
        raise LessonError(f"Unknown lesson {shown(lesson)}. {suggest(lesson, lessons)}")
    title = lessons[lesson]
    activities = _activities(lesson)
    if not (QUIZ_DIR / f"{lesson}.json").exists():
        return LessonStatus(lesson, title, 0, 0, 0, activities=activities)
    try:
        qz = load_quiz(lesson)
    except LessonError as exc:
        return LessonStatus(lesson, title, 0, 0, 0, problem=str(exc), activities=activities)
    saved = saved_answers(qz.lesson)
    right, revisit, unanswered = 0, [], []
    for q in qz:
        record = saved.get(q.id)
        if record is None:
            unanswered.append(q.prompt)
            continue
        try:
            correct = grade(q, record["choice"]).correct
        except LessonError:  # the question changed since it was answered
            unanswered.append(q.prompt)
            continue
        if correct:
            right += 1
        else:
            revisit.append(q.prompt)
    answered = len(qz) - len(unanswered)
    return LessonStatus(lesson, title, right, answered, len(qz), tuple(revisit),
                        tuple(unanswered), activities=activities)


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


def course_text() -> str:
    """The progress page as plain text: a summary, then one line per lesson.

    >>> lines = course_text().splitlines()
    >>> "steps done across the course" in lines[0]
    True
    >>> lines[1]  # doctest: +ELLIPSIS
    '00 Start here: Score: ...'
    """
    statuses = course_status()
    return "\n".join([course_summary(statuses), *(str(s) for s in statuses)])
