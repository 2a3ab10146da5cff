"""The quiz format: what a quiz file holds, its schema, the veil over answers, a Question.

Reading files is :mod:`~lessonlib.course.quiz.load`, answering
:mod:`~lessonlib.course.quiz.grade`, sealing :mod:`~lessonlib.course.quiz.seal`.

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
        "hints": ["optional", "one more per Hint press"],
        "application": false}]}                 # true: a system, a change or failure in it

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

An *application* item (``"application": true``) describes a system and a change or a
failure in it, and asks what happens, who must change, or why; at least half the items of
every quiz are application items, so that a quiz needs the lesson and not only its words.

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
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from lessonlib.errors import LessonError, LessonTypeError, shown, suggest

__all__ = ["Question", "answer_hash", "encode", "decode", "feedback_key", "is_id",
           "check_schema", "QUIZ_DIR", "CONCEPT_CHECK_DIR", "SCHEMA_PATH", "SCHEMA", "QUESTION_KINDS", "QUESTION_FIELDS",
           "QUIZ_FIELDS", "OTHER", "MAX_COUNT"]

# The quiz files stay where they have always been, beside this package (course/quizzes/).
_COURSE = Path(__file__).resolve().parent.parent
#: Where the course's quiz files live: one ``<lesson id>.json`` per lesson.
QUIZ_DIR = _COURSE / "quizzes"
#: Where the concept check's two forms live, in the quiz format, each named by the lesson
#: that shows it (:mod:`lessonlib.course.concept_check`).
CONCEPT_CHECK_DIR = QUIZ_DIR / "concept_check"
#: The JSON Schema of a quiz file (draft 2020-12): the loader's field lists come from it.
SCHEMA_PATH = _COURSE / "quiz.schema.json"
SCHEMA: dict = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))

_QUESTION_SCHEMA = SCHEMA["$defs"]["question"]
_ID = re.compile(SCHEMA["$defs"]["id"]["pattern"].removesuffix("$") + r"\Z")  # no trailing newline
_PREFIX = "b64:"
#: The kinds of quiz question (single or multiple choice, numeric): from the schema.
QUESTION_KINDS: tuple[str, ...] = tuple(_QUESTION_SCHEMA["properties"]["kind"]["enum"])
KINDS = QUESTION_KINDS  # old name, kept until 0.3
#: The fields a question may have, and a quiz file: from the schema.
QUESTION_FIELDS = tuple(_QUESTION_SCHEMA["properties"])
QUIZ_FIELDS = tuple(SCHEMA["properties"])
#: A numeric question's feedback for any number not listed.
OTHER = "other"
_SHA256 = re.compile(r"^[0-9a-f]{64}$")
#: The largest number a numeric answer (or a prediction) may be.
MAX_COUNT = 99


def is_id(text: object) -> bool:
    """Whether ``text`` is a valid question or lesson id: letters, digits, ``-`` and ``_``.

    >>> is_id("event-is"), is_id("event is"), is_id("event-is\\n")
    (True, False, False)
    """
    return isinstance(text, str) and _ID.match(text) is not None


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


def feedback_key(salt: str, question_id: str, number: int) -> str:
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
    application: bool = False  # a system, a change or a failure in it: what happens, why

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
            key = feedback_key(self.salt, self.id, int(option))
            return dict(self.number_feedback).get(key, self.other_feedback)
        if option not in self.options:
            raise LessonError(f"{shown(option)} is not an option of question {self.id!r}. "
                              f"{suggest(option, self.options)}")
        return self.feedback[self.options.index(option)]




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
    """Validate one question, phase by phase: its id, its fields, its texts, then its kind's
    own parts (options, feedback per option and the right ones; or, numeric, the number)."""
    qid, where = _question_id(data, quiz, index)
    kind = _question_kind(data, where)
    prompt = _check_text(data["prompt"], where, "the prompt")
    explanation = _check_text(data["explanation"], where, "the explanation")
    hints = data.get("hints", [])
    if not isinstance(hints, list):
        raise LessonTypeError(f"{where}: 'hints' must be a list of texts, shown one per "
                              f"Hint press; got {shown(hints)} ({type(hints).__name__}).")
    hints = tuple(_check_text(h, where, f"hint #{i + 1}") for i, h in enumerate(hints))
    application = data.get("application", False)
    if not isinstance(application, bool):
        raise LessonTypeError(f"{where}: 'application' is true (the question applies the lesson "
                              f"to a system, a change or a failure) or false; got "
                              f"{shown(application)}.")
    if kind == "numeric":
        return replace(_numeric(data, where=where, quiz=quiz, qid=qid, salt=salt, prompt=prompt,
                                explanation=explanation, hints=hints), application=application)
    if "model" in data:
        raise _fail(where, "'model' is for numeric questions only (a function that "
                           "computes the number).")
    options = _options(data, where)
    texts = _option_feedback(data, where, options)
    hashes = _right_options(data, where, qid, salt, options, kind)
    return Question(quiz=quiz, id=qid, kind=kind, prompt=prompt, options=options,
                    feedback=texts, explanation=explanation, hints=hints, salt=salt,
                    correct_sha256=frozenset(hashes), application=application)


def _question_id(data: object, quiz: str, index: int) -> tuple[str, str]:
    """The question's id, and how its errors name it ("Quiz 'x', question 'y'")."""
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
    if not is_id(qid):
        raise _fail(where, f"the id must be letters, digits, '-' or '_' (it names a CSS "
                           f"class and a saved answer); got {shown(qid)}.")
    return qid, f"Quiz {shown(quiz)}, question {shown(qid)}"


def _question_kind(data: Mapping, where: str) -> str:
    """The question's kind, once its fields are known and the required ones present."""
    for key in data:
        if key not in QUESTION_FIELDS:
            raise _fail(where, f"unknown field {shown(key)}. {suggest(key, QUESTION_FIELDS)}")
    kind = data.get("kind", "single")
    if kind not in QUESTION_KINDS:
        raise _fail(where, f"'kind' must be one of {shown(QUESTION_KINDS)}; got {shown(kind)}. "
                           f"{suggest(kind, QUESTION_KINDS)}")
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
    return kind


def _options(data: Mapping, where: str) -> tuple[str, ...]:
    """The option texts, stripped: at least two, none empty, no two alike."""
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
    return tuple(cleaned)


def _option_feedback(data: Mapping, where: str, options: tuple[str, ...]) -> tuple[str, ...]:
    """The feedback for each option, in the options' order: every option needs its own."""
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
    return tuple(_check_text(feedback[o], where, f"the feedback for {shown(o)}") for o in options)


def _right_options(data: Mapping, where: str, qid: str, salt: str, options: tuple[str, ...],
                   kind: str) -> set[str]:
    """The hashes of the right options, from 'correct' (plain) or 'correct_sha256' (sealed)."""
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
    return hashes


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
    if OTHER not in feedback:
        raise _fail(where, "a numeric question needs feedback for \"other\": what a learner "
                           "reads after typing a number with no feedback of its own.")
    other = _check_text(feedback[OTHER], where, "the feedback for 'other'")
    by_key: dict[str, str] = {}
    for key, text in feedback.items():
        if key == OTHER:
            continue
        if isinstance(key, str) and key.isdigit():
            sealed_key = feedback_key(salt, qid, int(key))
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



def check_schema(doc: Mapping, name: str, source: str) -> None:
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

