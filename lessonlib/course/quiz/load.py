"""Loading a quiz: from a lesson id, a file, a dict or a list of questions, checked on load.

A :class:`Quiz` is a lesson's validated questions (each a
:class:`~lessonlib.course.quiz.format.Question`); :func:`load_quiz` builds one and
fails, naming the question, on anything malformed.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from lessonlib.course.quiz.format import (
    CONCEPT_CHECK_DIR,
    QUIZ_DIR,
    QUIZ_FIELDS,
    Question,
    check_schema,
    is_id,
)
from lessonlib.course.quiz.grade import grade
from lessonlib.errors import MAX_NAME, LessonError, LessonTypeError, shown, suggest

__all__ = ["Quiz", "load_quiz", "load_concept_check", "available_quizzes", "build_quiz",
           "read_quiz_file"]


@dataclass(frozen=True)
class Quiz:
    """A lesson's validated questions, in order."""

    lesson: str
    title: str
    salt: str
    questions: tuple[Question, ...]

    def __len__(self) -> int:
        return len(self.questions)

    def __iter__(self):
        return iter(self.questions)

    def question(self, question_id: str) -> Question:
        for q in self.questions:
            if q.id == question_id:
                return q
        ids = [q.id for q in self.questions]
        raise LessonError(
            f"Quiz {self.lesson!r} has no question {shown(question_id)}. {suggest(question_id, ids)}"
        )

    def score(self, answers: Mapping[str, object]) -> tuple[int, int]:
        """Return ``(n, N)``: questions answered right out of all questions.

        ``answers`` maps a question id to the learner's latest choice. Choices
        that no longer fit the question (an edited option, say) count as not right.

        >>> qz = load_quiz([{"id": "a", "prompt": "1 + 1?", "options": ["2", "3"],
        ...     "correct": "2", "feedback": {"2": "Yes.", "3": "No."}, "explanation": "."}])
        >>> qz.score({"a": "2"}), qz.score({"a": 1}), qz.score({})
        ((1, 1), (0, 1), (0, 1))
        """
        if not isinstance(answers, Mapping):
            raise LessonTypeError(f"score() takes the answers as a dict, question id -> choice, "
                                  f"like {{'event-is': 'a fact'}}; got {shown(answers)}.")
        right = 0
        for q in self.questions:
            if q.id not in answers:
                continue
            try:
                right += grade(q, answers[q.id]).correct
            except LessonError:
                pass
        return right, len(self.questions)


def build_quiz(doc: object, *, lesson: str | None, source: str, schema: bool = True) -> Quiz:
    """A :class:`Quiz` from a quiz document (a dict); ``source`` names it in errors.

    ``lesson`` is the lesson id the document must say, if known (a file's name);
    ``schema=False`` skips the last check, against the JSON Schema.
    """
    if not isinstance(doc, Mapping):
        raise LessonTypeError(f"{source}: a quiz must be a JSON object with 'lesson' and "
                              f"'questions'; got {type(doc).__name__}.")
    for key in doc:
        if key not in QUIZ_FIELDS:
            raise LessonError(f"{source}: unknown field {shown(key)}. {suggest(key, QUIZ_FIELDS)}")
    name = doc.get("lesson", lesson)
    if not is_id(name):
        raise LessonError(f"{source}: 'lesson' must be a lesson id like '00_start_here'; "
                          f"got {shown(name)}.")
    if lesson is not None and name != lesson:
        raise LessonError(f"{source}: the file says lesson {shown(name)}, but its name says "
                          f"{shown(lesson)}. Make them agree.")
    title = doc.get("title", "")
    if not isinstance(title, str):
        raise LessonTypeError(f"{source}: 'title' must be a string; got {shown(title)}.")
    salt = doc.get("salt", name)
    if not isinstance(salt, str) or not salt:
        raise LessonError(f"{source}: 'salt' must be a non-empty string; got {shown(salt)}.")
    questions = doc.get("questions")
    if not isinstance(questions, list) or not questions:
        raise LessonError(f"Quiz {shown(name)}: 'questions' must be a non-empty list of "
                          f"questions; got {shown(questions)}.")
    built: list[Question] = []
    for i, q in enumerate(questions):
        question = Question.from_dict(q, quiz=name, salt=salt, index=i)
        if any(b.id == question.id for b in built):
            raise LessonError(f"Quiz {shown(name)}, question {question.id!r}: duplicate id "
                              f"{question.id!r}; each question needs its own id.")
        built.append(question)
    if schema:
        check_schema(doc, name, source)
    return Quiz(lesson=name, title=title, salt=salt, questions=tuple(built))


def load_concept_check(lesson: str) -> Quiz:
    """The form of the concept check that ``lesson`` shows (``concept_check/<lesson>.json``),
    checked like a course quiz (the schema check is left to ``make test`` and ``quiz seal``).

    >>> len(load_concept_check("00_start_here"))
    12
    """
    path = CONCEPT_CHECK_DIR / f"{lesson}.json"
    if not (is_id(lesson) and path.is_file()):
        forms = sorted(p.stem for p in CONCEPT_CHECK_DIR.glob("*.json"))
        raise LessonError(f"No lesson {shown(lesson)} shows a form of the concept check. "
                          f"{suggest(lesson, forms)}")
    return build_quiz(read_quiz_file(path), lesson=lesson, source=str(path), schema=False)


def available_quizzes() -> list[str]:
    """The lesson ids that have a quiz file, in course order.

    >>> "00_start_here" in available_quizzes()
    True
    """
    return sorted(p.stem for p in QUIZ_DIR.glob("*.json"))


def read_quiz_file(path: Path) -> object:
    """The JSON in the quiz file ``path``; a file that cannot be read gets a sentence."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise LessonError(f"Cannot read the quiz file {str(path)!r}: {exc.strerror}.") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise LessonError(f"The quiz file {str(path)!r} is not valid JSON: {exc.msg} at "
                          f"line {exc.lineno}, column {exc.colno}.") from None
    except (ValueError, RecursionError):  # a number of thousands of digits, deep brackets
        raise LessonError(f"The quiz file {str(path)!r} holds a number too long or brackets "
                          "nested too deeply to read.") from None


def load_quiz(source: object, *, name: str = "practice") -> Quiz:
    """Load and validate a quiz; malformed questions fail here, naming the question.

    Introduced in ``notebooks/00_start_here.ipynb`` (through ``quiz()``).

    Parameters
    ----------
    source : str, path, dict, list or Quiz
        A lesson id (loads ``lessonlib/course/quizzes/<id>.json``), a path to a quiz
        file, a quiz as a dict, or a list of question dicts (used by tests and
        by lessons that build a question on the fly).
    name : str
        The quiz's name when ``source`` is a list of questions.

    Examples
    --------
    >>> qz = load_quiz("00_start_here")
    >>> qz.lesson, len(qz)
    ('00_start_here', 2)
    >>> load_quiz("00_strat_here")
    Traceback (most recent call last):
    ...
    lessonlib.errors.LessonError: There is no quiz '00_strat_here'. Did you mean '00_start_here'?
    """
    if isinstance(source, Quiz):
        return source
    if isinstance(source, list):
        if not is_id(name):
            raise LessonError(f"A quiz name must be letters, digits, '-' or '_'; got "
                              f"{shown(name)}.")
        return build_quiz({"lesson": name, "questions": source}, lesson=name,
                              source=f"Quiz {shown(name)}")
    if isinstance(source, Mapping):
        return build_quiz(source, lesson=None, source="The quiz")
    if isinstance(source, str) and is_id(source) and len(source) <= MAX_NAME:
        path = QUIZ_DIR / f"{source}.json"
        if not path.exists():
            raise LessonError(f"There is no quiz {shown(source)}. "
                              f"{suggest(source, available_quizzes())}")
        # A course quiz skips the last, schema check: importing jsonschema costs a lesson
        # 2-5 s (its URI format checker compiles dozens of grammars), and every shipped file
        # is checked against the schema by `make test` and by `quiz seal`. The
        # hand-written checks above it still run.
        return build_quiz(read_quiz_file(path), lesson=source, source=str(path), schema=False)
    if isinstance(source, (str, os.PathLike)):
        path = Path(source)
        try:
            found = path.is_file()
        except (OSError, ValueError):  # a name too long for the file system, a NUL byte
            found = False
        if not found:
            raise LessonError(f"There is no quiz file {shown(str(path))}. "
                              f"{suggest(str(source), available_quizzes())}")
        return build_quiz(read_quiz_file(path), lesson=path.stem, source=str(path))
    raise LessonTypeError(f"load_quiz() takes a lesson id like '00_start_here', a path, or "
                          f"a list of questions; got {shown(source)} ({type(source).__name__}).")

