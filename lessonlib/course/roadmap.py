"""The course progress page: each lesson's quiz score, what remains, and a link to it.

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

from lessonlib.course.lessons import LESSONS
from lessonlib.course.progress import saved_answers
from lessonlib.course.quiz import QUIZ_DIR, grade, load_quiz
from lessonlib.errors import LessonError, check_name, shown, suggest
from lessonlib.prose import noun

__all__ = ["LessonStatus", "lesson_status", "course_status", "course_text", "course_summary",
           "DONE", "IN_PROGRESS", "NOT_STARTED", "NO_QUIZ"]

NOT_STARTED = "not started"
IN_PROGRESS = "in progress"
DONE = "done"
NO_QUIZ = "no quiz"


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

    @property
    def state(self) -> str:
        if self.problem or self.total == 0:
            return NO_QUIZ
        if self.answered == 0:
            return NOT_STARTED
        if self.right == self.total:
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
            return f"not started: work through the lesson and its {self.total}-question quiz"
        if self.state == DONE:
            return "done: every question answered right"
        parts = []
        if self.to_revisit:
            parts.append(f"revisit {len(self.to_revisit)} answered wrongly")
        if self.unanswered:
            parts.append(f"answer {len(self.unanswered)} more")
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
    if not (QUIZ_DIR / f"{lesson}.json").exists():
        return LessonStatus(lesson, title, 0, 0, 0)
    try:
        qz = load_quiz(lesson)
    except LessonError as exc:
        return LessonStatus(lesson, title, 0, 0, 0, problem=str(exc))
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
                        tuple(unanswered))


def course_status() -> tuple[LessonStatus, ...]:
    """Every lesson's status, in course order."""
    return tuple(lesson_status(lesson) for lesson in LESSONS)


def course_summary(statuses: tuple[LessonStatus, ...]) -> str:
    """One sentence for the whole course, from each lesson's status."""
    quizzes = [s for s in statuses if s.total]
    right = sum(s.right for s in quizzes)
    total = sum(s.total for s in quizzes)
    done = sum(s.state == DONE for s in quizzes)
    left = [s.number for s in quizzes if s.state != DONE]
    tail = (f" Still to do: {noun(len(left), 'lesson')} {', '.join(left)}." if left
            else " Every quiz is done.")
    return (f"{right} of {total} questions right across the course; {done} of "
            f"{len(quizzes)} lesson quizzes done.{tail}")


def course_text() -> str:
    """The progress page as plain text: a summary, then one line per lesson.

    >>> lines = course_text().splitlines()
    >>> "questions right across the course" in lines[0]
    True
    >>> lines[1]  # doctest: +ELLIPSIS
    '00 Start here: Score: ...'
    """
    statuses = course_status()
    return "\n".join([course_summary(statuses), *(str(s) for s in statuses)])
