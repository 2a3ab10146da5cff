"""Quiz questions as data: the format, loading, grading and sealing, one module each.

Pure logic only; the widget lives in :mod:`lessonlib.widgets.quiz` and the saved
answers in :mod:`lessonlib.course.progress`. Lessons call one function::

    from lessonlib import quiz
    quiz("00_start_here")          # last line of a cell: shows the lesson's quiz

* :mod:`~lessonlib.course.quiz.format`: what a quiz file holds (documented there),
  its JSON Schema, the veil over the answers and a validated :class:`Question`;
* :mod:`~lessonlib.course.quiz.load`: :func:`load_quiz` from a lesson id, a file,
  a dict or a list of questions, and :class:`Quiz`;
* :mod:`~lessonlib.course.quiz.grade`: :func:`grade` a choice, :func:`parse_count`,
  :func:`display_order`;
* :mod:`~lessonlib.course.quiz.seal`: :func:`seal` a file, :func:`describe` it for an
  instructor.

The quiz files stay in ``lessonlib/course/quizzes/`` and the schema in
``lessonlib/course/quiz.schema.json`` (:data:`QUIZ_DIR`, :data:`SCHEMA_PATH`).
"""

from lessonlib.course.quiz.format import (
    CONCEPT_CHECK_DIR,
    MAX_COUNT,
    QUESTION_KINDS,
    QUIZ_DIR,
    SCHEMA,
    SCHEMA_PATH,
    Question,
    answer_hash,
    decode,
    encode,
)
from lessonlib.course.quiz.grade import Feedback, display_order, grade, parse_count
from lessonlib.course.quiz.load import Quiz, available_quizzes, load_concept_check, load_quiz
from lessonlib.course.quiz.seal import describe, model_answer, right_number, seal

KINDS = QUESTION_KINDS  # old name, kept until 0.3

__all__ = [
    "Question",
    "Quiz",
    "Feedback",
    "load_quiz",
    "load_concept_check",
    "grade",
    "answer_hash",
    "available_quizzes",
    "display_order",
    "parse_count",
    "model_answer",
    "right_number",
    "seal",
    "describe",
    "QUIZ_DIR",
    "CONCEPT_CHECK_DIR",
    "SCHEMA_PATH",
    "QUESTION_KINDS",
    "SCHEMA",
    "MAX_COUNT",
    "encode",
    "decode",
]
