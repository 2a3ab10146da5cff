"""The quiz's pure side: format validation, hashing, sealing, grading, scoring."""

from __future__ import annotations

import copy
import json

import pytest

from lessonlib.__main__ import main as cli
from lessonlib.course.quiz import (
    QUIZ_DIR,
    SCHEMA_PATH,
    Question,
    answer_hash,
    available_quizzes,
    decode,
    describe,
    display_order,
    encode,
    grade,
    load_quiz,
    seal,
)
from lessonlib.errors import LessonError, LessonTypeError
from tests.conftest import MULTIPLE, SINGLE

pytestmark = pytest.mark.usefixtures("fresh_progress")


def questions():
    return load_quiz([copy.deepcopy(SINGLE), copy.deepcopy(MULTIPLE)], name="demo").questions


# --------------------------------------------------------------------------- grading


@pytest.mark.parametrize(
    ("choice", "correct"),
    [
        ("a fact about the past", True),
        (0, True),
        ("  a fact about the past ", True),
        (["a fact about the past"], True),
        ("a request to act", False),
        (2, False),
    ],
)
def test_grade_single_choice(choice, correct):
    single, _ = questions()
    fb = grade(single, choice)
    assert fb.correct is correct
    assert fb.explanation == "The emitter does not know who reacts."
    assert len(fb.option_feedback) == 1
    option, text = fb.option_feedback[0]
    assert text == SINGLE["feedback"][option]
    assert str(fb).startswith("✓ Correct." if correct else "✗ Not quite.")


@pytest.mark.parametrize(
    ("choice", "correct"),
    [
        (["ShipGoods", "RetrievePayment"], True),
        ([2, 0], True),
        (["ShipGoods", 2], True),
        (("RetrievePayment", "ShipGoods", "ShipGoods"), True),  # same option twice counts once
        (["ShipGoods"], False),  # one right option is not enough
        ("ShipGoods", False),
        (["ShipGoods", "RetrievePayment", "GoodsShipped"], False),  # one too many
        (["GoodsShipped"], False),
    ],
)
def test_grade_multiple_choice(choice, correct):
    _, multiple = questions()
    fb = grade(multiple, choice)
    assert fb.correct is correct
    # feedback for exactly the options picked, in the question's order
    assert [o for o, _ in fb.option_feedback] == [o for o in MULTIPLE["options"] if o in fb.chosen]
    assert all(text == MULTIPLE["feedback"][o] for o, text in fb.option_feedback)
    # each tick marked right or wrong; the right options not ticked are counted, never named
    assert fb.marks == tuple(o in {"ShipGoods", "RetrievePayment"} for o in fb.chosen)
    assert fb.missing == len({"ShipGoods", "RetrievePayment"} - set(fb.chosen))
    assert (f"{fb.missing} right option" in fb.note) is (fb.missing > 0 and not correct)
    assert ("wrong (marked ✗)" in fb.note) is (False in fb.marks)
    assert "RetrievePayment" not in fb.note


def test_multiple_choice_feedback_counts_what_is_missing():
    _, multiple = questions()
    fb = grade(multiple, ["GoodsShipped"])
    assert fb.note == "1 tick is wrong (marked ✗); 2 right options are still not ticked."
    assert str(fb).splitlines()[1] == "✗ GoodsShipped: Event: it happened."
    fb = grade(multiple, ["ShipGoods", "GoodsShipped", "RetrievePayment"])
    assert fb.note == "2 ticks right; 1 tick is wrong (marked ✗)."
    assert fb.missing == 0
    assert grade(multiple, ["ShipGoods", "RetrievePayment"]).note == ""


@pytest.mark.parametrize(
    ("which", "choice", "error", "words"),
    [
        (0, "a fact about the pest", LessonError, "Did you mean 'a fact about the past'"),
        (0, 3, LessonError, "out of range; use 0 to 2"),
        (0, -1, LessonError, "out of range"),
        (0, True, LessonTypeError, "an option's text or its index"),
        (0, None, LessonTypeError, "got None"),
        (0, 1.0, LessonTypeError, "got 1.0 (float)"),
        (0, [0, 1], LessonError, "takes exactly one answer; got 2"),
        (0, [], LessonError, "nothing was chosen"),
        (1, [], LessonError, "nothing was chosen"),
        (1, ["ShipGoods", "Teleport"], LessonError, "'Teleport' is not one of the options"),
        (1, {"ShipGoods": 1}, LessonTypeError, "an option's text or its index"),
    ],
)
def test_bad_choice_is_a_sentence(which, choice, error, words):
    q = questions()[which]
    with pytest.raises(error) as info:
        grade(q, choice)
    assert words in str(info.value)
    assert repr(q.id) in str(info.value)


def test_grade_needs_a_question():
    with pytest.raises(LessonTypeError, match="needs a Question"):
        grade(SINGLE, 0)


def test_score_counts_latest_right_answers():
    qz = load_quiz([SINGLE, MULTIPLE], name="demo")
    assert qz.score({}) == (0, 2)
    assert qz.score({"event-is": 0}) == (1, 2)
    assert qz.score({"event-is": 0, "which-commands": ["ShipGoods", "RetrievePayment"]}) == (2, 2)
    assert qz.score({"event-is": 1, "which-commands": [0, 2]}) == (1, 2)
    # a saved choice that no longer fits (say, an option was renamed) is simply not right
    assert qz.score({"event-is": "an old option", "unknown-question": 0}) == (0, 2)


# --------------------------------------------------------------------------- hashing


def test_hash_same_input_same_hash_and_salt_matters():
    assert answer_hash("salt", "q", "A") == answer_hash("salt", "q", "A")
    assert answer_hash("salt", "q", "A") != answer_hash("pepper", "q", "A")
    assert answer_hash("salt", "q", "A") != answer_hash("salt", "q2", "A")
    assert answer_hash("salt", "q", "A") != answer_hash("salt", "q", "B")
    assert len(answer_hash("salt", "q", "A")) == 64


def test_questions_keep_only_hashes_of_right_answers():
    single = Question.from_dict(SINGLE, quiz="demo", salt="s1")
    assert "a fact about the past" not in repr(single.correct_sha256)
    assert single.correct_sha256 == {answer_hash("s1", "event-is", "a fact about the past")}
    assert single.is_right("a fact about the past")
    assert not single.is_right("a request to act")


def test_encode_round_trip():
    for text in ["plain", "✓ café – “quotes”", "b64 lookalike: b64"]:
        assert encode(text).startswith("b64:")
        assert text not in encode(text)
        assert decode(encode(text)) == text
    assert encode(encode("x")) == encode("x")
    assert decode("not encoded") == "not encoded"


# --------------------------------------------------------------------------- shipped files


@pytest.mark.parametrize("lesson", available_quizzes())
def test_every_shipped_quiz_is_sealed(lesson):
    path = QUIZ_DIR / f"{lesson}.json"
    raw = path.read_text(encoding="utf-8")
    doc = json.loads(raw)
    assert doc["lesson"] == lesson
    assert doc.get("salt"), "a sealed quiz has its own salt"
    qz = load_quiz(lesson)  # valid
    for entry, q in zip(doc["questions"], qz.questions, strict=True):
        assert "correct" not in entry, f"{lesson}/{q.id}: plain 'correct' field; run seal"
        assert entry["correct_sha256"]
        encoded = [*entry["feedback"].values(), entry["explanation"], *entry.get("hints", [])]
        assert all(v.startswith("b64:") for v in encoded), f"{lesson}/{q.id}: plain text"
        # no feedback, explanation or hint is readable anywhere in the file
        for text in [*q.feedback, q.explanation, *q.hints]:
            assert text not in raw
        # the hashes give nothing away when read from an HTML page: no option text
        assert all(o not in "".join(entry["correct_sha256"]) for o in q.options)


def test_warm_up_quiz_has_one_single_and_one_multiple_question():
    qz = load_quiz("00_start_here")
    assert [q.kind for q in qz] == ["single", "multiple"]
    assert all(q.hints for q in qz)


# --------------------------------------------------------------------------- sealing CLI


def test_seal_turns_plain_into_sealed_and_keeps_answers(tmp_path, capsys):
    path = tmp_path / "demo.json"
    path.write_text(json.dumps({"lesson": "demo", "questions": [SINGLE, MULTIPLE]}))
    assert cli(["quiz", "seal", str(path)]) == 0
    raw = path.read_text(encoding="utf-8")
    doc = json.loads(raw)
    assert "correct" not in raw.replace("correct_sha256", "")
    assert "That is a command." not in raw
    assert len(doc["salt"]) == 16
    sealed = load_quiz(path)
    assert grade(sealed.questions[0], "a fact about the past").correct
    assert grade(sealed.questions[1], ["ShipGoods", "RetrievePayment"]).correct
    assert not grade(sealed.questions[1], ["ShipGoods"]).correct
    assert sealed.questions[0].hints == ("Past tense?", "Who must act?")
    # sealing twice changes nothing
    seal(path)
    assert path.read_text(encoding="utf-8") == raw
    capsys.readouterr()
    assert cli(["quiz", "show", str(path)]) == 0
    shown = capsys.readouterr().out
    assert "[x] a fact about the past" in shown
    assert "[ ] a request to act" in shown
    assert "feedback: That is a command." in shown


def test_seal_reports_a_broken_file_without_traceback(tmp_path, capsys):
    path = tmp_path / "demo.json"
    broken = dict(SINGLE, correct="nope")
    path.write_text(json.dumps({"lesson": "demo", "questions": [broken]}))
    assert cli(["quiz", "seal", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("Quiz 'demo', question 'event-is'")
    assert "Traceback" not in err
    with pytest.raises(SystemExit) as usage:
        cli(["quiz", "frobnicate", str(path)])
    assert usage.value.code == 2


# --------------------------------------------------------------------------- validation


def broken(**changes):
    q = copy.deepcopy(SINGLE)
    for key, value in changes.items():
        if value is _DROP:
            q.pop(key)
        else:
            q[key] = value
    return q


_DROP = object()

MALFORMED = [
    (broken(prompt=_DROP), "the field 'prompt' is missing"),
    (broken(options=_DROP), "the field 'options' is missing"),
    (broken(explanation=_DROP), "the field 'explanation' is missing"),
    (broken(feedbak={}), "unknown field 'feedbak'. Did you mean 'feedback'?"),
    (broken(feedback={k: v for k, v in SINGLE["feedback"].items() if k != "a request to act"}),
     "feedback is missing for option 'a request to act'"),
    (broken(feedback={**SINGLE["feedback"], "a fact about the pats": "x"}),
     "feedback given for 'a fact about the pats', which is not an option"),
    (broken(options=["a fact about the past", "a request to act", "a fact about the past"]),
     "duplicate option 'a fact about the past'"),
    (broken(correct=_DROP), "no correct option"),
    (broken(correct=[]), "no correct option"),
    (broken(correct=["a fact about the past", "a request to act"]),
     "a single-choice question has exactly one correct option; got 2"),
    (broken(correct="a fact about the pest"),
     "'correct' names 'a fact about the pest', which is not an option"),
    (broken(prompt="   "), "the prompt must not be empty"),
    (broken(prompt=42), "the prompt must be a string; got 42 (int)"),
    (broken(options="a, b"), "'options' must be a list of option texts"),
    (broken(options=["only one"]), "at least 2 options"),
    (broken(options=["a fact about the past", 7, "a <b>bold</b> claim"]),
     "option #2 must be a string; got 7 (int)"),
    (broken(hints="one hint"), "'hints' must be a list of texts"),
    (broken(kind="multi"), "'kind' must be one of ('single', 'multiple', 'numeric'); got 'multi'"),
    (broken(explanation="b64:???"), "the explanation starts with 'b64:' but is not valid"),
    (broken(correct_sha256=["0" * 64]), "give either 'correct' (plain form) or 'correct_sha256'"),
    (broken(correct=_DROP, correct_sha256=["0" * 64]), "matches no option"),
    (broken(feedback=["Yes", "No", "Maybe"]), "'feedback' must map each option's text"),
]


@pytest.mark.parametrize(("question", "problem"), MALFORMED)
def test_malformed_question_fails_at_load_naming_it(question, problem):
    with pytest.raises(LessonError) as info:
        load_quiz([question], name="demo")
    message = str(info.value)
    assert message.startswith("Quiz 'demo', question 'event-is': ")
    assert problem in message


@pytest.mark.parametrize(
    ("questions_", "problem"),
    [
        ([SINGLE, SINGLE], "Quiz 'demo', question 'event-is': duplicate id 'event-is'"),
        ([broken(id=_DROP)], "Quiz 'demo', question #1: the field 'id' is missing"),
        ([SINGLE, broken(id="no spaces")], "Quiz 'demo', question #2: the id must be"),
        ([SINGLE, "a question?"], "Quiz 'demo', question #2: a question must be a dict"),
        ([], "Quiz 'demo': 'questions' must be a non-empty list"),
    ],
)
def test_malformed_quiz_fails_at_load(questions_, problem):
    with pytest.raises(LessonError) as info:
        load_quiz(questions_, name="demo")
    assert str(info.value).startswith(problem)


def test_malformed_quiz_file(tmp_path):
    path = tmp_path / "demo.json"
    path.write_text('{"lesson": "demo", "questions": [}')
    with pytest.raises(LessonError, match=r"is not valid JSON: .* line 1, column 34"):
        load_quiz(path)
    path.write_text(json.dumps({"lesson": "other", "questions": [SINGLE]}))
    with pytest.raises(LessonError, match="says lesson 'other', but its name says 'demo'"):
        load_quiz(path)
    path.write_text(json.dumps({"lesson": "demo", "qestions": [SINGLE]}))
    with pytest.raises(LessonError, match="unknown field 'qestions'. Did you mean 'questions'"):
        load_quiz(path)


def test_unknown_quiz_suggests_a_lesson():
    with pytest.raises(LessonError, match="There is no quiz '00_start'. Did you mean"):
        load_quiz("00_start")
    with pytest.raises(LessonTypeError, match="takes a lesson id"):
        load_quiz(42)


# --------------------------------------------------------------------------- numeric questions

NUMERIC = {
    "id": "how-many",
    "kind": "numeric",
    "prompt": "How many services must change?",
    "correct": 3,
    "feedback": {"3": "Right.", "1": "Only the one that moved? Follow the subscriptions.",
                 "other": "Count again."},
    "explanation": "Every subscriber in the chain changes.",
}


@pytest.mark.parametrize(
    ("typed", "correct", "feedback"),
    [(3, True, "Right."), ("3", True, "Right."), (" three ", True, "Right."),
     (["3"], True, "Right."), ("1", False, "Only the one that moved? Follow the subscriptions."),
     ("7", False, "Count again."), (0, False, "Count again.")],
)
def test_numeric_question_grades_a_typed_number(typed, correct, feedback):
    q = load_quiz([NUMERIC], name="demo").questions[0]
    fb = grade(q, typed)
    assert fb.correct is correct
    assert fb.chosen == (str(int(fb.chosen[0])),)
    assert fb.option_feedback[0][1] == feedback
    assert fb.marks == (correct,)


@pytest.mark.parametrize(("typed", "words"), [
    ("", "still empty"), ("2 or 3", "one whole number"), ("-1", "cannot be negative"),
    (None, "a whole number"), (1.5, "a whole number"), ("1000", "more than these systems have")])
def test_numeric_question_refuses_what_is_not_a_number_with_a_sentence(typed, words):
    q = load_quiz([NUMERIC], name="demo").questions[0]
    with pytest.raises(LessonError, match=words):
        grade(q, typed)


def test_numeric_question_seals_its_number_and_feedback_keys(tmp_path):
    path = tmp_path / "demo.json"
    path.write_text(json.dumps({"lesson": "demo", "questions": [NUMERIC, SINGLE]}))
    seal(path)
    raw = path.read_text(encoding="utf-8")
    entry = json.loads(raw)["questions"][0]
    assert "correct" not in entry and "options" not in entry
    assert sorted(entry["feedback"])[-1] == "other"
    assert all(len(k) == 64 for k in entry["feedback"] if k != "other")  # "1", "3" are veiled
    assert "Count again." not in raw
    q = load_quiz(path).questions[0]
    assert grade(q, 3).correct and not grade(q, 1).correct
    assert grade(q, 1).option_feedback[0][1].startswith("Only the one that moved?")
    assert "answer: 3" in describe(load_quiz(path))
    seal(path)
    assert path.read_text(encoding="utf-8") == raw


NUMERIC_BROKEN = [
    (dict(NUMERIC, options=["1", "2"]), "a numeric question has no 'options'"),
    (dict(NUMERIC, feedback={"3": "Right."}), "needs feedback for \"other\""),
    (dict(NUMERIC, feedback={"three": "x", "other": "y"}), "keyed by a whole number"),
    (dict(NUMERIC, correct="3"), "'correct' of a numeric question is a whole number"),
    (dict(NUMERIC, correct=-2), "'correct' of a numeric question is a whole number"),
    (dict(NUMERIC, model="no_such_model"), "'model' names 'no_such_model'"),
    (dict(SINGLE, model="drop_the_warehouse"), "'model' is for numeric questions only"),
]


@pytest.mark.parametrize(("question", "problem"), NUMERIC_BROKEN)
def test_malformed_numeric_question_fails_at_load_naming_it(question, problem):
    with pytest.raises(LessonError) as info:
        load_quiz([question], name="demo")
    assert str(info.value).startswith(f"Quiz 'demo', question {question['id']!r}: ")
    assert problem in str(info.value)


# --------------------------------------------------------------------------- the JSON Schema


def test_the_loader_takes_its_field_names_and_kinds_from_the_schema():
    from lessonlib.course.quiz import format as quiz_module

    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    question = schema["$defs"]["question"]["properties"]
    assert set(quiz_module.QUESTION_FIELDS) == set(question)
    assert quiz_module.QUESTION_KINDS == tuple(question["kind"]["enum"]) == ("single", "multiple", "numeric")
    assert set(quiz_module.QUIZ_FIELDS) == set(schema["properties"])


@pytest.mark.parametrize("lesson", available_quizzes())
def test_every_shipped_quiz_validates_against_the_schema(lesson):
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    doc = json.loads((QUIZ_DIR / f"{lesson}.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(doc)


def test_plain_examples_validate_and_broken_ones_do_not():
    import jsonschema

    validator = jsonschema.Draft202012Validator(json.loads(SCHEMA_PATH.read_text()))
    good = {"lesson": "demo", "questions": [SINGLE, MULTIPLE, NUMERIC]}
    assert list(validator.iter_errors(good)) == []
    for bad in (dict(NUMERIC, options=["a", "b"]), dict(SINGLE, options=_DROP_OPTIONS),
                dict(SINGLE, kind="numeric", correct=3), dict(NUMERIC, correct="3")):
        assert list(validator.iter_errors({"lesson": "demo", "questions": [bad]})), bad


_DROP_OPTIONS = None  # a list the schema refuses (options must be a list of strings)


def test_a_schema_rule_without_its_own_check_names_the_question(monkeypatch):
    from lessonlib.course.quiz import format as quiz_module

    # Pretend the schema grew a rule the hand-written checks do not know: prompts <= 20 chars.
    schema = json.loads(json.dumps(quiz_module.SCHEMA))
    schema["$defs"]["question"]["properties"]["prompt"] = {"type": "string", "maxLength": 20}
    monkeypatch.setattr(quiz_module, "SCHEMA", schema)
    with pytest.raises(LessonError) as info:
        load_quiz([SINGLE, dict(MULTIPLE, prompt="A prompt far longer than twenty characters")],
                  name="demo")
    message = str(info.value)
    assert message.startswith("Quiz 'demo', question 'which-commands': prompt does not fit")
    assert "quiz.schema.json" in message and "Traceback" not in message


# --------------------------------------------------------------------------- shuffled order


def test_display_order_is_stable_per_student_and_differs_between_students():
    q = load_quiz("08_check_your_understanding").question("difference")
    orders = {display_order(q, f"student-{n}") for n in range(40)}
    assert display_order(q, "student-1") == display_order(q, "student-1")
    assert all(sorted(o) == sorted(q.options) for o in orders)
    assert len(orders) > 10  # many orders, not one
    # each position holds the right option for about a quarter of the students
    right = next(o for o in q.options if q.is_right(o))
    firsts = sum(display_order(q, f"s{n}")[0] == right for n in range(400))
    assert 60 < firsts < 140


def test_a_lesson_loads_its_quiz_without_importing_jsonschema():
    # jsonschema's import costs a lesson seconds; shipped files are checked by the test above.
    import subprocess
    import sys

    code = ("import sys; from lessonlib.course.quiz import load_quiz, available_quizzes\n"
            "[load_quiz(q) for q in available_quizzes()]\n"
            "print('jsonschema' in sys.modules)")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert run.stdout.strip() == "False", run.stderr[-2000:]


def test_the_packages_grade_and_seal_are_the_functions_not_their_modules():
    # course/quiz/ has modules named like the functions they hold; the package's names are
    # the functions, whichever submodule was imported first.
    import importlib

    import lessonlib.course.quiz as package

    importlib.import_module("lessonlib.course.quiz.grade")
    importlib.import_module("lessonlib.course.quiz.seal")
    assert callable(package.grade) and package.grade.__name__ == "grade"
    assert callable(package.seal) and package.seal.__name__ == "seal"
    assert package.grade is grade and package.seal is seal
