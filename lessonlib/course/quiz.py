"""Quiz questions as data: the format, its validation, hashing, grading and scoring.

Pure logic only; the widget lives in :mod:`lessonlib.widgets.quiz` and the saved
answers in :mod:`lessonlib.course.progress`. Lessons call one function::

    from lessonlib import quiz
    quiz("00_start_here")          # last line of a cell: shows the lesson's quiz

Question format
---------------
A quiz file is ``lessonlib/course/quizzes/<lesson id>.json``; its JSON Schema is
``lessonlib/course/quiz.schema.json`` (point an editor at it with
``"$schema": "../quiz.schema.json"``, as the course's files do)::

    {"$schema": "../quiz.schema.json",
     "lesson": "00_start_here", "title": "Warm-up", "salt": "9f2c...",
     "questions": [{
        "id": "event-is",                       # letters, digits, - and _
        "kind": "single",                       # "single" (default), "multiple" or "numeric"
        "prompt": "An event is ...",
        "options": ["a fact about the past", "a request to act"],
        "correct": ["a fact about the past"],   # plain form, see below
        "feedback": {"a fact about the past": "Yes: ...", "a request to act": "That is a command."},
        "explanation": "Shown after every Check.",
        "hints": ["optional", "one more per Hint press"]}]}

Three kinds of question:

- ``single``: one right option, shown as a radio group;
- ``multiple``: tick all that apply; ``correct`` lists every right option, and
  the feedback marks each tick right or wrong and says how many right options
  are still missing;
- ``numeric``: the learner types a whole number ("how many services must
  change?"). No ``options``; ``correct`` is the number; ``feedback`` maps the
  numbers learners commonly give (as strings, ``"2"``) to feedback that names
  the belief behind them, plus ``"other"`` for any other number. If the number
  is computed from a model, ``"model"`` names a function in
  :mod:`lessonlib.course.quizmodels` that returns it, and a test checks that the
  sealed answer equals what it computes::

    {"id": "reorder-chain", "kind": "numeric", "model": "reorder_chain",
     "prompt": "How many services must change?", "correct": 3,
     "feedback": {"3": "Right: ...", "2": "You counted the two that swap ...",
                  "other": "Follow each subscription ..."},
     "explanation": "..."}

Options are shown in an order shuffled per student (see :func:`display_order`),
so an option never says "both of the above", and wrong options are beliefs
real learners hold, each with feedback that names the belief and what
contradicts it.

Authors write this *plain* form, then seal it before committing::

    python -m lessonlib quiz seal lessonlib/course/quizzes/00_start_here.json
    python -m lessonlib quiz show lessonlib/course/quizzes/00_start_here.json  # for instructors

Sealing replaces ``correct`` by ``correct_sha256`` (the sha256 hex digest of
``salt + "\\n" + question id + "\\n" + option text`` for each right option; for a
numeric question, the number's digits) and encodes feedback, explanation and
hints as ``"b64:"`` + base64 of the UTF-8 text; a numeric question's feedback
keys become hashes too. A learner reading the notebook, the JSON file or a
static HTML page sees no answer in plain text. This is a veil, not a secret:
anyone who runs the code can find the answers, which is fine for a course.

A malformed question fails when the quiz is loaded, with a :class:`LessonError`
naming the quiz, the question and what is wrong.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import os
import random
import re
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from lessonlib.errors import MAX_NAME, LessonError, LessonTypeError, shown, suggest
from lessonlib.prose import plural

__all__ = [
    "Question",
    "Quiz",
    "Feedback",
    "load_quiz",
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
    "SCHEMA_PATH",
    "KINDS",
]

#: Where the course's quiz files live: one ``<lesson id>.json`` per lesson.
QUIZ_DIR = Path(__file__).resolve().parent / "quizzes"
#: The JSON Schema of a quiz file (draft 2020-12): the loader's field lists come from it.
SCHEMA_PATH = Path(__file__).resolve().parent / "quiz.schema.json"
SCHEMA: dict = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))

_QUESTION_SCHEMA = SCHEMA["$defs"]["question"]
_ID = re.compile(SCHEMA["$defs"]["id"]["pattern"].removesuffix("$") + r"\Z")  # no trailing newline
_PREFIX = "b64:"
KINDS: tuple[str, ...] = tuple(_QUESTION_SCHEMA["properties"]["kind"]["enum"])
_QUESTION_FIELDS = tuple(_QUESTION_SCHEMA["properties"])
_QUIZ_FIELDS = tuple(SCHEMA["properties"])
_OTHER = "other"  # a numeric question's feedback for any number not listed
_SHA256 = re.compile(r"^[0-9a-f]{64}$")

_WORDS = {"zero": 0, "none": 0, "no": 0, "one": 1, "two": 2, "three": 3, "four": 4,
          "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}
MAX_COUNT = 99


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


# --------------------------------------------------------------------------- encoding


def answer_hash(salt: str, question_id: str, option: str) -> str:
    """Return the sha256 hex digest that marks ``option`` as a right answer.

    >>> answer_hash("s", "q1", "yes") == answer_hash("s", "q1", "yes")
    True
    >>> answer_hash("s", "q1", "yes") == answer_hash("t", "q1", "yes")
    False
    """
    text = f"{salt}\n{question_id}\n{option}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def encode(text: str) -> str:
    """Veil ``text`` as ``"b64:..."`` (base64 of its UTF-8 bytes).

    >>> encode("Yes.")
    'b64:WWVzLg=='
    >>> decode(encode("✓ café"))
    '✓ café'
    """
    if text.startswith(_PREFIX):
        return text
    return _PREFIX + base64.b64encode(text.encode("utf-8")).decode("ascii")


def decode(text: str) -> str:
    """Undo :func:`encode`; plain text (no ``"b64:"`` prefix) is returned as is."""
    if not text.startswith(_PREFIX):
        return text
    return base64.b64decode(text[len(_PREFIX):], validate=True).decode("utf-8")


# --------------------------------------------------------------------------- data


def _feedback_key(salt: str, question_id: str, number: int) -> str:
    """The sealed key of a numeric question's feedback for ``number``."""
    return answer_hash(salt, question_id, f"feedback for {number}")


@dataclass(frozen=True)
class Question:
    """One validated quiz question (build it with :meth:`from_dict` or :func:`load_quiz`).

    The right options are kept only as salted hashes; :func:`grade` checks a
    choice by hashing it.

    >>> q = Question.from_dict({
    ...     "id": "event", "prompt": "An event is ...",
    ...     "options": ["a fact about the past", "a request to act"],
    ...     "correct": "a fact about the past",
    ...     "feedback": {"a fact about the past": "Yes.", "a request to act": "A command."},
    ...     "explanation": "The emitter does not know who reacts."})
    >>> q.kind, q.options
    ('single', ('a fact about the past', 'a request to act'))
    """

    quiz: str
    id: str
    kind: str
    prompt: str
    options: tuple[str, ...]  # empty for a numeric question
    feedback: tuple[str, ...]  # one per option, same order (numeric: empty)
    explanation: str
    hints: tuple[str, ...]
    salt: str
    correct_sha256: frozenset[str] = field(repr=False)
    number_feedback: tuple[tuple[str, str], ...] = field(default=(), repr=False)  # key, text
    other_feedback: str = ""  # numeric: for a number with no feedback of its own
    model: str = ""  # numeric: a function in lessonlib.course.quizmodels

    @classmethod
    def from_dict(cls, data: Mapping, *, quiz: str = "practice", salt: str | None = None,
                  index: int = 0) -> Question:
        """Validate one question written as a dict (plain or sealed form)."""
        return _question(data, quiz=quiz, salt=quiz if salt is None else salt, index=index)

    @property
    def right_count(self) -> int:
        """How many options are right (1 for single and numeric questions)."""
        return len(self.correct_sha256)

    def is_right(self, option: str | int) -> bool:
        """Whether ``option`` (an option's text, or a numeric answer) is a right answer."""
        return answer_hash(self.salt, self.id, str(option)) in self.correct_sha256

    def feedback_for(self, option: str | int) -> str:
        """The feedback for an option (or, for a numeric question, a number)."""
        if self.kind == "numeric":
            key = _feedback_key(self.salt, self.id, int(option))
            return dict(self.number_feedback).get(key, self.other_feedback)
        if option not in self.options:
            raise LessonError(f"{shown(option)} is not an option of question {self.id!r}. "
                              f"{suggest(option, self.options)}")
        return self.feedback[self.options.index(option)]


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


def display_order(question: Question, seed: str) -> tuple[str, ...]:
    """The question's options in the order one student sees them.

    Shuffled with a random generator seeded by the student's ``seed`` (kept in
    the progress file), the quiz and the question: the same student sees the
    same order after a reload or a restart, another student another order.
    Saved answers are option texts, so they restore whatever the order.

    >>> q = load_quiz("00_start_here").question("event-is")
    >>> display_order(q, "student-1") == display_order(q, "student-1")
    True
    >>> sorted(display_order(q, "student-1")) == sorted(q.options)
    True
    """
    order = list(question.options)
    random.Random(f"{seed}\n{question.quiz}\n{question.id}").shuffle(order)
    return tuple(order)


# --------------------------------------------------------------------------- validation


def _fail(where: str, problem: str) -> LessonError:
    return LessonError(f"{where}: {problem}")


def _check_text(value: object, where: str, what: str) -> str:
    if not isinstance(value, str):
        raise LessonTypeError(
            f"{where}: {what} must be a string; got {shown(value)} ({type(value).__name__})."
        )
    try:
        text = decode(value)
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raise _fail(where, f"{what} starts with 'b64:' but is not valid base64 "
                           f"UTF-8 text: {shown(value)}.") from None
    if not text.strip():
        raise _fail(where, f"{what} must not be empty; got {shown(value)}.")
    return text


def _question(data: object, *, quiz: str, salt: str, index: int) -> Question:
    where = f"Quiz {shown(quiz)}, question #{index + 1}"
    if not isinstance(data, Mapping):
        raise LessonTypeError(
            f"{where}: a question must be a dict (a JSON object); got {shown(data)} "
            f"({type(data).__name__})."
        )
    qid = data.get("id")
    if qid is None:
        raise _fail(where, "the field 'id' is missing. Every question needs an id, "
                           "like 'event-is'.")
    if not isinstance(qid, str) or not _ID.match(qid):
        raise _fail(where, f"the id must be letters, digits, '-' or '_' (it names a CSS "
                           f"class and a saved answer); got {shown(qid)}.")
    where = f"Quiz {shown(quiz)}, question {shown(qid)}"

    for key in data:
        if key not in _QUESTION_FIELDS:
            raise _fail(where, f"unknown field {shown(key)}. {suggest(key, _QUESTION_FIELDS)}")
    kind = data.get("kind", "single")
    if kind not in KINDS:
        raise _fail(where, f"'kind' must be one of {shown(KINDS)}; got {shown(kind)}. "
                           f"{suggest(kind, KINDS)}")
    required = ("prompt", "feedback", "explanation") if kind == "numeric" else (
        "prompt", "options", "feedback", "explanation")
    for key in required:
        if key not in data:
            raise _fail(where, f"the field {shown(key)} is missing.")
    if "correct" in data and "correct_sha256" in data:
        raise _fail(where, "give either 'correct' (plain form) or 'correct_sha256' "
                           "(sealed form), not both.")
    if "correct" not in data and "correct_sha256" not in data:
        raise _fail(where, "no correct option: add 'correct' with the right option "
                           "text(s), then seal the file.")
    prompt = _check_text(data["prompt"], where, "the prompt")
    explanation = _check_text(data["explanation"], where, "the explanation")
    hints = data.get("hints", [])
    if not isinstance(hints, list):
        raise LessonTypeError(f"{where}: 'hints' must be a list of texts, shown one per "
                              f"Hint press; got {shown(hints)} ({type(hints).__name__}).")
    hints = tuple(_check_text(h, where, f"hint #{i + 1}") for i, h in enumerate(hints))
    if kind == "numeric":
        return _numeric(data, where=where, quiz=quiz, qid=qid, salt=salt, prompt=prompt,
                        explanation=explanation, hints=hints)
    if "model" in data:
        raise _fail(where, "'model' is for numeric questions only (a function that "
                           "computes the number).")

    options = data["options"]
    if not isinstance(options, list):
        raise LessonTypeError(f"{where}: 'options' must be a list of option texts; "
                              f"got {shown(options)} ({type(options).__name__}).")
    if len(options) < 2:
        raise _fail(where, f"a question needs at least 2 options; got {shown(options)}.")
    cleaned: list[str] = []
    for i, option in enumerate(options):
        if not isinstance(option, str):
            raise LessonTypeError(f"{where}: option #{i + 1} must be a string; got "
                                  f"{shown(option)} ({type(option).__name__}).")
        option = option.strip()
        if not option:
            raise _fail(where, f"option #{i + 1} is empty.")
        if option in cleaned:
            raise _fail(where, f"duplicate option {shown(option)}: each option must be different.")
        cleaned.append(option)
    options = tuple(cleaned)

    feedback = data["feedback"]
    if not isinstance(feedback, Mapping):
        raise LessonTypeError(f"{where}: 'feedback' must map each option's text to its "
                              f"feedback; got {shown(feedback)} ({type(feedback).__name__}).")
    for key in feedback:
        if key not in options:
            raise _fail(where, f"feedback given for {shown(key)}, which is not an option. "
                               f"{suggest(key, options)}")
    missing = [o for o in options if o not in feedback]
    if missing:
        raise _fail(where, f"feedback is missing for option {missing[0]!r}. Every option "
                           f"needs feedback, so a learner who picks it learns why.")
    texts = tuple(_check_text(feedback[o], where, f"the feedback for {shown(o)}") for o in options)

    if "correct" in data:
        correct = data["correct"]
        if isinstance(correct, str):
            correct = [correct]
        if not isinstance(correct, list) or not all(isinstance(c, str) for c in correct):
            raise LessonTypeError(f"{where}: 'correct' must be an option's text or a list of "
                                  f"them; got {data['correct']!r}.")
        correct = [c.strip() for c in correct]
        for c in correct:
            if c not in options:
                raise _fail(where, f"'correct' names {shown(c)}, which is not an option. "
                                   f"{suggest(c, options)}")
        hashes = {answer_hash(salt, qid, c) for c in correct}
    else:
        sealed = _sealed_hashes(data, where)
        by_hash = {answer_hash(salt, qid, o): o for o in options}
        for h in sealed:
            if h not in by_hash:
                raise _fail(where, f"the hash {h[:12]!r}... in 'correct_sha256' matches no "
                                   f"option (was an option edited after sealing, or the "
                                   f"salt changed?). Fix the plain file and seal it again.")
        correct = [by_hash[h] for h in sealed]
        hashes = set(sealed)
    if not correct:
        raise _fail(where, "no correct option: 'correct' is empty.")
    if len(set(correct)) != len(correct):
        raise _fail(where, f"'correct' lists an option twice: {shown(correct)}.")
    if kind == "single" and len(correct) > 1:
        raise _fail(where, f"a single-choice question has exactly one correct option; got "
                           f"{len(correct)}. Use \"kind\": \"multiple\" for several.")
    return Question(quiz=quiz, id=qid, kind=kind, prompt=prompt, options=options,
                    feedback=texts, explanation=explanation, hints=hints, salt=salt,
                    correct_sha256=frozenset(hashes))


def _sealed_hashes(data: Mapping, where: str) -> list[str]:
    sealed = data["correct_sha256"]
    if not isinstance(sealed, list) or not all(isinstance(h, str) for h in sealed):
        raise LessonTypeError(f"{where}: 'correct_sha256' must be a list of hex digests; "
                              f"got {shown(sealed)}.")
    return sealed


def _numeric(data: Mapping, *, where: str, quiz: str, qid: str, salt: str, prompt: str,
             explanation: str, hints: tuple[str, ...]) -> Question:
    """The part of :func:`_question` that only numeric questions have."""
    if "options" in data:
        raise _fail(where, "a numeric question has no 'options': the learner types a number. "
                           "Give 'feedback' for the numbers learners commonly give instead.")
    feedback = data["feedback"]
    if not isinstance(feedback, Mapping):
        raise LessonTypeError(f"{where}: 'feedback' must map numbers (as strings, like \"2\") "
                              f"and \"other\" to feedback; got {feedback!r} "
                              f"({type(feedback).__name__}).")
    if _OTHER not in feedback:
        raise _fail(where, "a numeric question needs feedback for \"other\": what a learner "
                           "reads after typing a number with no feedback of its own.")
    other = _check_text(feedback[_OTHER], where, "the feedback for 'other'")
    by_key: dict[str, str] = {}
    for key, text in feedback.items():
        if key == _OTHER:
            continue
        if isinstance(key, str) and key.isdigit():
            sealed_key = _feedback_key(salt, qid, int(key))
        elif isinstance(key, str) and _SHA256.match(key):
            sealed_key = key
        else:
            raise _fail(where, f"feedback is keyed by a whole number (like \"2\") or "
                               f"\"other\"; got {key!r}.")
        by_key[sealed_key] = _check_text(text, where, f"the feedback for {key!r}")
    if "correct" in data:
        correct = data["correct"]
        if isinstance(correct, bool) or not isinstance(correct, int) or correct < 0:
            raise LessonTypeError(f"{where}: 'correct' of a numeric question is a whole "
                                  f"number, 0 or more; got {correct!r}.")
        hashes = {answer_hash(salt, qid, str(correct))}
    else:
        hashes = set(_sealed_hashes(data, where))
        if len(hashes) != 1:
            raise _fail(where, "a numeric question has exactly one right number; "
                               f"'correct_sha256' has {len(hashes)}.")
        if not any(answer_hash(salt, qid, str(n)) in hashes for n in range(MAX_COUNT + 1)):
            raise _fail(where, "the hash in 'correct_sha256' matches no number from 0 to "
                               f"{MAX_COUNT} (did the salt change?). Fix the plain file and "
                               "seal it again.")
    model = data.get("model", "")
    if model:
        _check_model(model, where)
    return Question(quiz=quiz, id=qid, kind="numeric", prompt=prompt, options=(), feedback=(),
                    explanation=explanation, hints=hints, salt=salt,
                    correct_sha256=frozenset(hashes), number_feedback=tuple(by_key.items()),
                    other_feedback=other, model=model)


def _check_model(name: object, where: str) -> None:
    from lessonlib.course import quizmodels

    if not isinstance(name, str) or name not in quizmodels.MODELS:
        raise _fail(where, f"'model' names {name!r}, which is not a model in "
                           f"lessonlib.course.quizmodels. {suggest(name, quizmodels.MODELS)}")


def model_answer(question: Question) -> int | None:
    """The number a numeric question's model computes (None if it has no model).

    >>> q = load_quiz("03_the_event_chain_trap").question("drop-the-warehouse")
    >>> model_answer(q) is not None and q.is_right(model_answer(q))
    True
    """
    if not question.model:
        return None
    from lessonlib.course import quizmodels

    return quizmodels.compute(question.model)


def _quiz_from_doc(doc: object, *, lesson: str | None, source: str, schema: bool = True) -> Quiz:
    if not isinstance(doc, Mapping):
        raise LessonTypeError(f"{source}: a quiz must be a JSON object with 'lesson' and "
                              f"'questions'; got {type(doc).__name__}.")
    for key in doc:
        if key not in _QUIZ_FIELDS:
            raise LessonError(f"{source}: unknown field {shown(key)}. {suggest(key, _QUIZ_FIELDS)}")
    name = doc.get("lesson", lesson)
    if not isinstance(name, str) or not _ID.match(name):
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
        question = _question(q, quiz=name, salt=salt, index=i)
        if any(b.id == question.id for b in built):
            raise LessonError(f"Quiz {shown(name)}, question {question.id!r}: duplicate id "
                              f"{question.id!r}; each question needs its own id.")
        built.append(question)
    if schema:
        _check_schema(doc, name, source)
    return Quiz(lesson=name, title=title, salt=salt, questions=tuple(built))


def _check_schema(doc: Mapping, name: str, source: str) -> None:
    """The last check: the document against ``quiz.schema.json``.

    The checks above give the common mistakes their own sentences; this one
    catches whatever else the schema forbids, naming the question.
    """
    import jsonschema

    errors = sorted(jsonschema.Draft202012Validator(SCHEMA).iter_errors(dict(doc)),
                    key=lambda e: (len(e.path), list(map(str, e.path))))
    if not errors:
        return
    error = errors[0]
    path = list(error.path)
    where = source
    if len(path) >= 2 and path[0] == "questions" and isinstance(path[1], int):
        entry = doc["questions"][path[1]]
        qid = entry.get("id") if isinstance(entry, Mapping) else None
        where = f"Quiz {name!r}, question {qid!r}" if qid else f"Quiz {name!r}, question #{path[1] + 1}"
        path = path[2:]
    field_name = "/".join(map(str, path)) or "the question"
    raise LessonError(f"{where}: {field_name} does not fit the quiz format "
                      f"(lessonlib/course/quiz.schema.json): {error.message}.")


def available_quizzes() -> list[str]:
    """The lesson ids that have a quiz file, in course order.

    >>> "00_start_here" in available_quizzes()
    True
    """
    return sorted(p.stem for p in QUIZ_DIR.glob("*.json"))


def _read_json(path: Path) -> object:
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
        if not isinstance(name, str) or not _ID.match(name):
            raise LessonError(f"A quiz name must be letters, digits, '-' or '_'; got "
                              f"{shown(name)}.")
        return _quiz_from_doc({"lesson": name, "questions": source}, lesson=name,
                              source=f"Quiz {shown(name)}")
    if isinstance(source, Mapping):
        return _quiz_from_doc(source, lesson=None, source="The quiz")
    if isinstance(source, str) and _ID.match(source) and len(source) <= MAX_NAME:
        path = QUIZ_DIR / f"{source}.json"
        if not path.exists():
            raise LessonError(f"There is no quiz {shown(source)}. "
                              f"{suggest(source, available_quizzes())}")
        # A course quiz skips the last, schema check: importing jsonschema costs a lesson
        # 2-5 s (its URI format checker compiles dozens of grammars), and every shipped file
        # is checked against the schema by `make test` and by `quiz seal`. The
        # hand-written checks above it still run.
        return _quiz_from_doc(_read_json(path), lesson=source, source=str(path), schema=False)
    if isinstance(source, (str, os.PathLike)):
        path = Path(source)
        try:
            found = path.is_file()
        except (OSError, ValueError):  # a name too long for the file system, a NUL byte
            found = False
        if not found:
            raise LessonError(f"There is no quiz file {shown(str(path))}. "
                              f"{suggest(str(source), available_quizzes())}")
        return _quiz_from_doc(_read_json(path), lesson=path.stem, source=str(path))
    raise LessonTypeError(f"load_quiz() takes a lesson id like '00_start_here', a path, or "
                          f"a list of questions; got {shown(source)} ({type(source).__name__}).")


# --------------------------------------------------------------------------- grading


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


# --------------------------------------------------------------------------- authoring


def seal(path: str | os.PathLike) -> int:
    """Rewrite a quiz file in sealed form, in place; return the number of questions.

    Checks the file first; keeps its salt, or makes one. Sealing twice changes nothing.
    """
    path = Path(path)
    doc = _read_json(path)
    if isinstance(doc, dict) and "salt" not in doc:
        doc = {"lesson": doc.get("lesson", path.stem), "title": doc.get("title", ""),
               "salt": secrets.token_hex(8), **doc}
    qz = _quiz_from_doc(doc, lesson=path.stem, source=str(path))
    out: dict[str, object] = {}
    if isinstance(doc, dict) and "$schema" in doc:
        out["$schema"] = doc["$schema"]
    out.update({"lesson": qz.lesson, "title": qz.title, "salt": qz.salt, "questions": []})
    for q in qz.questions:
        entry: dict[str, object] = {"id": q.id, "kind": q.kind, "prompt": q.prompt}
        if q.model:
            entry["model"] = q.model
        if q.kind == "numeric":
            entry["correct_sha256"] = sorted(q.correct_sha256)
            entry["feedback"] = {key: encode(t) for key, t in sorted(q.number_feedback)}
            entry["feedback"][_OTHER] = encode(q.other_feedback)
        else:
            entry["options"] = list(q.options)
            entry["correct_sha256"] = sorted(q.correct_sha256)
            entry["feedback"] = {o: encode(t)
                                 for o, t in zip(q.options, q.feedback, strict=True)}
        entry["explanation"] = encode(q.explanation)
        if q.hints:
            entry["hints"] = [encode(h) for h in q.hints]
        out["questions"].append(entry)
    text = json.dumps(out, indent=2, ensure_ascii=False) + "\n"
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)
    return len(qz)


def right_number(question: Question) -> int | None:
    """The right answer of a numeric question (found by hashing 0 to 99), else None."""
    if question.kind != "numeric":
        return None
    return next((n for n in range(MAX_COUNT + 1) if question.is_right(n)), None)


def describe(qz: Quiz) -> str:
    """The whole quiz as text for an instructor, answers included."""
    lines = [f"Quiz {qz.lesson!r}" + (f": {qz.title}" if qz.title else "")]
    for n, q in enumerate(qz.questions, 1):
        kind = "numeric" if q.kind == "numeric" else f"{q.kind}-choice"
        lines += ["", f"{n}. [{q.id}, {kind}] {q.prompt}"]
        if q.kind == "numeric":
            keys = dict(q.number_feedback)
            answer = right_number(q)
            model = f" (computed by the model {q.model!r}: {model_answer(q)})" if q.model else ""
            lines.append(f"   answer: {answer}{model}")
            for number in range(MAX_COUNT + 1):
                key = _feedback_key(q.salt, q.id, number)
                if key in keys:
                    lines.append(f"   {number}: {keys[key]}")
            lines.append(f"   any other number: {q.other_feedback}")
        for o, text in zip(q.options, q.feedback, strict=True):
            mark = "[x]" if q.is_right(o) else "[ ]"
            lines.append(f"   {mark} {o}\n         feedback: {text}")
        lines.append(f"   explanation: {q.explanation}")
        lines += [f"   hint {i}: {h}" for i, h in enumerate(q.hints, 1)]
    return "\n".join(lines)
