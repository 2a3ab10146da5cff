"""Quiz questions as data: the format, its validation, hashing, grading and scoring.

Pure logic only; the widget lives in :mod:`lessonlib.widgets.quiz` and the saved
answers in :mod:`lessonlib.course.progress`. Lessons call one function::

    from lessonlib import quiz
    quiz("00_start_here")          # last line of a cell: shows the lesson's quiz

Question format
---------------
A quiz file is ``lessonlib/course/quizzes/<lesson id>.json``::

    {"lesson": "00_start_here", "title": "Warm-up", "salt": "9f2c...",
     "questions": [{
        "id": "event-is",                       # letters, digits, - and _
        "kind": "single",                       # or "multiple" (default "single")
        "prompt": "An event is ...",
        "options": ["a fact about the past", "a request to act"],
        "correct": ["a fact about the past"],   # plain form, see below
        "feedback": {"a fact about the past": "Yes: ...", "a request to act": "That is a command."},
        "explanation": "Shown after every Check.",
        "hints": ["optional", "one more per Hint press"]}]}

Authors write this *plain* form, then seal it before committing::

    python -m lessonlib quiz seal lessonlib/course/quizzes/00_start_here.json
    python -m lessonlib quiz show lessonlib/course/quizzes/00_start_here.json  # for instructors

Sealing replaces ``correct`` by ``correct_sha256`` (the sha256 hex digest of
``salt + "\\n" + question id + "\\n" + option text`` for each right option) and
encodes feedback, explanation and hints as ``"b64:"`` + base64 of the UTF-8
text. A learner reading the notebook, the JSON file or a static HTML page sees
no answer in plain text. This is a veil, not a secret: anyone who runs the
code can find the answers, which is fine for a course.

A malformed question fails when the quiz is loaded, with a :class:`LessonError`
naming the quiz, the question and what is wrong.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import os
import re
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from lessonlib.errors import MAX_NAME, LessonError, LessonTypeError, shown, suggest

__all__ = [
    "Question",
    "Quiz",
    "Feedback",
    "load_quiz",
    "grade",
    "answer_hash",
    "available_quizzes",
    "seal",
    "describe",
    "QUIZ_DIR",
]

#: Where the course's quiz files live: one ``<lesson id>.json`` per lesson.
QUIZ_DIR = Path(__file__).resolve().parent / "quizzes"

_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*\Z")
_PREFIX = "b64:"
KINDS = ("single", "multiple")
_QUESTION_FIELDS = (
    "id", "kind", "prompt", "options", "correct", "correct_sha256",
    "feedback", "explanation", "hints",
)
_QUIZ_FIELDS = ("lesson", "title", "salt", "questions")


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
    options: tuple[str, ...]
    feedback: tuple[str, ...]  # one per option, same order
    explanation: str
    hints: tuple[str, ...]
    salt: str
    correct_sha256: frozenset[str] = field(repr=False)

    @classmethod
    def from_dict(cls, data: Mapping, *, quiz: str = "practice", salt: str | None = None,
                  index: int = 0) -> Question:
        """Validate one question written as a dict (plain or sealed form)."""
        return _question(data, quiz=quiz, salt=quiz if salt is None else salt, index=index)

    def is_right(self, option: str) -> bool:
        """Whether ``option`` (an option's text) is one of the right answers."""
        return answer_hash(self.salt, self.id, option) in self.correct_sha256

    def feedback_for(self, option: str) -> str:
        """The feedback shown for ``option`` (one of :attr:`options`)."""
        if option not in self.options:
            raise LessonError(f"{shown(option)} is not an option of question {self.id!r}. "
                              f"{suggest(option, self.options)}")
        return self.feedback[self.options.index(option)]


@dataclass(frozen=True)
class Feedback:
    """What :func:`grade` returns: right or not, feedback per option picked, explanation."""

    question: str
    correct: bool
    chosen: tuple[str, ...]
    option_feedback: tuple[tuple[str, str], ...]  # (option picked, its feedback)
    explanation: str
    note: str = ""  # e.g. "right so far, but a right option is not ticked"

    @property
    def verdict(self) -> str:
        return "✓ Correct." if self.correct else "✗ Not quite."

    def __str__(self) -> str:
        lines = [f"{self.verdict} {self.note}" if self.note else self.verdict]
        lines += [f"- {option}: {text}" for option, text in self.option_feedback]
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
    for key in ("prompt", "options", "feedback", "explanation"):
        if key not in data:
            raise _fail(where, f"the field {shown(key)} is missing.")
    if "correct" in data and "correct_sha256" in data:
        raise _fail(where, "give either 'correct' (plain form) or 'correct_sha256' "
                           "(sealed form), not both.")
    if "correct" not in data and "correct_sha256" not in data:
        raise _fail(where, "no correct option: add 'correct' with the right option "
                           "text(s), then seal the file.")

    kind = data.get("kind", "single")
    if kind not in KINDS:
        raise _fail(where, f"'kind' must be one of {shown(KINDS)}; got {shown(kind)}. "
                           f"{suggest(kind, KINDS)}")
    prompt = _check_text(data["prompt"], where, "the prompt")

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
    explanation = _check_text(data["explanation"], where, "the explanation")

    hints = data.get("hints", [])
    if not isinstance(hints, list):
        raise LessonTypeError(f"{where}: 'hints' must be a list of texts, shown one per "
                              f"Hint press; got {shown(hints)} ({type(hints).__name__}).")
    hints = tuple(_check_text(h, where, f"hint #{i + 1}") for i, h in enumerate(hints))

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
        sealed = data["correct_sha256"]
        if not isinstance(sealed, list) or not all(isinstance(h, str) for h in sealed):
            raise LessonTypeError(f"{where}: 'correct_sha256' must be a list of hex digests; "
                                  f"got {shown(sealed)}.")
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


def _quiz_from_doc(doc: object, *, lesson: str | None, source: str) -> Quiz:
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
    return Quiz(lesson=name, title=title, salt=salt, questions=tuple(built))


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
        return _quiz_from_doc(_read_json(path), lesson=source, source=str(path))
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


def grade(question: Question, choice: object) -> Feedback:
    """Grade a learner's choice; pure, no widgets.

    Introduced in ``notebooks/00_start_here.ipynb`` (the quiz widget calls it).

    Parameters
    ----------
    question : Question
    choice : str, int, or a list of them
        An option's text or index; a list for multiple-choice questions.

    Returns
    -------
    Feedback
        ``correct``, the feedback for each option picked, and the explanation.

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
    - ShipGoods: An order to act.
    - RetrievePayment: An order to act.
    Commands say what to do; events say what happened.
    >>> grade(qz.questions[0], "GoodsShipped").correct
    False
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
    note = ""
    if question.kind == "multiple" and not correct and picked < question.correct_sha256:
        note = "Every option you ticked is right, but at least one right option is not ticked."
    return Feedback(
        question=question.id,
        correct=correct,
        chosen=chosen,
        option_feedback=tuple((o, question.feedback_for(o)) for o in chosen),
        explanation=question.explanation,
        note=note,
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
    out = {"lesson": qz.lesson, "title": qz.title, "salt": qz.salt, "questions": []}
    for q in qz.questions:
        entry: dict[str, object] = {"id": q.id, "kind": q.kind, "prompt": q.prompt,
                                    "options": list(q.options)}
        entry["correct_sha256"] = sorted(q.correct_sha256)
        entry["feedback"] = {o: encode(t) for o, t in zip(q.options, q.feedback, strict=True)}
        entry["explanation"] = encode(q.explanation)
        if q.hints:
            entry["hints"] = [encode(h) for h in q.hints]
        out["questions"].append(entry)
    text = json.dumps(out, indent=2, ensure_ascii=False) + "\n"
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)
    return len(qz)


def describe(qz: Quiz) -> str:
    """The whole quiz as text for an instructor, answers included."""
    lines = [f"Quiz {qz.lesson!r}" + (f": {qz.title}" if qz.title else "")]
    for n, q in enumerate(qz.questions, 1):
        lines += ["", f"{n}. [{q.id}, {q.kind}-choice] {q.prompt}"]
        for o, text in zip(q.options, q.feedback, strict=True):
            mark = "[x]" if q.is_right(o) else "[ ]"
            lines.append(f"   {mark} {o}\n         feedback: {text}")
        lines.append(f"   explanation: {q.explanation}")
        lines += [f"   hint {i}: {h}" for i, h in enumerate(q.hints, 1)]
    return "\n".join(lines)
