"""What the classroom service accepts: every activity of the course round-trips through its
one check, and anything else is refused with a sentence (lessonlib.course.classroom.contract)."""

from __future__ import annotations

import json

import pytest

from lessonlib.course import classroom
from lessonlib.course.activities import SHAPES, Activity, activities, activity
from lessonlib.course.classroom import check_payload, parse_payload, payload
from lessonlib.course.quiz import load_quiz
from lessonlib.errors import LessonError

LESSON = "00_start_here"


def _first_choices(a: Activity, labels) -> dict:
    return {label: a.choices_of(label)[0] for label in labels}


#: A value each shape accepts, built from what the activity declares.
VALID = {
    "single": lambda a: [a.options[-1]],
    "multiple": lambda a: list(a.options[:2]),
    "numeric": lambda a: [str(min(3, a.most))],
    "counts": lambda a: {label: min(n, a.most) for n, label in enumerate(a.labels)},
    "choices": lambda a: _first_choices(a, a.labels),
    "per item": lambda a: _first_choices(a, a.labels[:2]),
    "done": lambda a: True,
}
#: A value each shape refuses (and why, in the sentence).
WRONG = {
    "single": lambda a: ([a.options[0], a.options[1]], "takes one option"),
    "multiple": lambda a: ([a.options[0], a.options[0]], "names an option twice"),
    "numeric": lambda a: ([str(a.most + 1)], f"from 0 to {a.most}"),
    "counts": lambda a: ({label: a.most + 1 for label in a.labels}, f"from 0 to {a.most}"),
    "choices": lambda a: ({label: "maybe" for label in a.labels}, "'maybe' is not an answer"),
    "per item": lambda a: ({a.labels[0]: "maybe"}, "'maybe' is not an answer"),
    "done": lambda a: (False, "is marked done with True"),
}


def test_every_shape_has_a_valid_and_a_wrong_value_here():
    assert set(VALID) == set(WRONG) == set(SHAPES)


@pytest.mark.parametrize("a", activities(), ids=str)
def test_every_activity_round_trips_through_the_services_check(a):
    value = VALID[a.shape](a)
    sent = json.loads(json.dumps(payload(a, value)))  # as it travels
    done = check_payload(sent)
    assert done.activity == a
    assert done.value == value
    if a.kind == "prediction":
        assert done.correct is None
    else:
        assert isinstance(done.correct, bool)


@pytest.mark.parametrize("a", activities(), ids=str)
def test_a_wrong_value_of_every_activity_is_refused_with_a_sentence(a):
    value, says = WRONG[a.shape](a)
    with pytest.raises(LessonError, match=says) as refused:
        check_payload(payload(a, value))
    assert str(refused.value).endswith((".", "?"))
    other = "prediction" if a.kind != "prediction" else "quiz"
    with pytest.raises(LessonError, match=f"is a {a.kind} activity, not a {other} one"):
        check_payload({**payload(a, VALID[a.shape](a)), "kind": other})


def test_a_quiz_answer_is_graded_by_the_check_not_the_sender():
    question = load_quiz(LESSON).question("event-is")
    right = next(o for o in question.options if question.is_right(o))
    wrong = next(o for o in question.options if not question.is_right(o))
    sent = {"kind": "quiz", "lesson": LESSON, "key": "event-is", "value": [right]}
    assert check_payload(sent).correct is True
    assert check_payload({**sent, "value": [wrong]}).correct is False
    # A sender's own verdict, or a name, is not a field: refused, never taken on trust.
    for field, value in (("correct", True), ("user", "someone else"), ("student", "ben")):
        with pytest.raises(LessonError, match=f"'{field}' is not one of them"):
            check_payload({**sent, "value": [wrong], field: value})


def test_a_numeric_answer_is_graded_and_kept_as_the_number_given():
    a = next(a for a in activities(kind="quiz") if a.shape == "numeric")
    from lessonlib.course.quiz import right_number

    right = right_number(a.question)
    assert check_payload(payload(a, [right])).value == [str(right)]
    assert check_payload(payload(a, [str(right)])).correct is True
    assert check_payload(payload(a, [str(right + 1)])).correct is False
    for bad in (["two"], [True], ["1", "2"], "3", [-1], [2.5]):
        with pytest.raises(LessonError, match="must be a whole number from 0 to 99"):
            check_payload(payload(a, bad))


def test_the_classification_is_right_only_when_every_answer_given_is():
    a = activity("01_commands_and_events", "classification")
    assert check_payload(payload(a, {"OrderPlaced": "event", "ShipGoods": "command"})).correct
    assert not check_payload(payload(a, {"OrderPlaced": "event", "ShipGoods": "event"})).correct
    with pytest.raises(LessonError, match="'OrderPlace' is not one of the labels.*OrderPlaced"):
        check_payload(payload(a, {"OrderPlace": "event"}))


@pytest.mark.parametrize("data, says", [
    ([], "A submission is a JSON object"),
    ({"kind": "vote"}, "'kind' must be one of 'quiz', 'prediction'"),
    ({"kind": "quiz", "lesson": "99_nothing", "key": "q", "value": ["a"]},
     "no lesson '99_nothing'"),
    ({"kind": "quiz", "lesson": LESSON, "key": "nope", "value": ["a"]},
     "has no activity 'nope'"),
    ({"kind": "quiz", "lesson": LESSON, "key": "event-is", "value": ["<b>hi</b>"]},
     "is not an option"),
    ({"kind": "quiz", "lesson": LESSON, "key": "event-is", "value": "one"}, "non-empty list"),
    ({"kind": "quiz", "lesson": LESSON, "key": "event-is", "value": []}, "non-empty list"),
    ({"kind": "quiz", "lesson": LESSON, "key": "event-is"}, "has no 'value'"),
    ({"kind": "quiz", "lesson": 3, "key": "event-is", "value": ["a"]},
     "must be a non-empty string"),
    ({"kind": "prediction", "lesson": "04_criminal_check_exercise", "key": "criminal check",
      "value": {"choreography": 2}}, "a value for each of"),
    ({"kind": "prediction", "lesson": "04_criminal_check_exercise", "key": "criminal check",
      "value": {"choreography": 2, "orchestration": "2"}}, "from 0 to 99"),
    ({"kind": "prediction", "lesson": "04_criminal_check_exercise", "key": "criminal check",
      "value": {"choreography": 2, "orchestration": True}}, "from 0 to 99"),
])
def test_anything_else_is_refused_with_a_sentence(data, says):
    with pytest.raises(LessonError, match=says):
        check_payload(data)


def test_the_previous_releases_forms_are_still_taken():
    # A kernel started before an upgrade keeps sending them until it restarts.
    question = load_quiz(LESSON).question("event-is")
    right = next(o for o in question.options if question.is_right(o))
    old_answer = {"kind": "answer", "lesson": LESSON, "question": "event-is", "choice": [right]}
    assert classroom.check_answer_payload(old_answer) == (LESSON, "event-is", (right,), True)
    assert check_payload(old_answer).activity.kind == "quiz"
    old_prediction = {"kind": "prediction", "lesson": "04_criminal_check_exercise",
                      "key": "criminal check", "values": {"choreography": 2,
                                                          "orchestration": 2}}
    assert classroom.check_prediction_payload(old_prediction)[2] == {"choreography": 2,
                                                                     "orchestration": 2}
    with pytest.raises(LessonError, match="takes one option"):
        classroom.check_answer_payload({**old_answer, "choice": list(question.options[:2])})
    # Lesson 03's counts, keyed by what 0.1 showed, are kept under the styles they stand for.
    old_labels = {"kind": "prediction", "lesson": "03_the_event_chain_trap",
                  "key": "fraud check", "values": {"event chain": 3, "with an order service": 2}}
    assert check_payload(old_labels).value == {"choreography": 3, "orchestration": 2}


# --------------------------------------------------------------------------- reading a body


def body(data) -> bytes:
    return json.dumps(data).encode()


GOOD = {"kind": "exercise", "lesson": "04_criminal_check_exercise",
        "key": "exercise:criminal-check-choreography", "value": True, "id": "a1b2c3d4e5f6"}


def test_a_good_body_is_read_and_its_id_kept():
    done = check_payload(parse_payload(body(GOOD)))
    assert (done.value, done.id) == (True, "a1b2c3d4e5f6")
    assert check_payload({k: v for k, v in GOOD.items() if k != "id"}).id is None


@pytest.mark.parametrize("raw, says", [
    (b"\xff\xfe", "JSON object in UTF-8"),
    (b"not json", "JSON object in UTF-8"),
    (b"[" * 8000, "nests brackets 8,000 deep"),
    (b'{"value": ' + b"[" * 5 + b"]" * 5 + b"}", "nests brackets 6 deep"),
    (b'{"kind": "quiz", "kind": "exercise"}', "names 'kind' twice"),
    (b'{"value": {"a": 1, "a": 2}}', "names 'a' twice"),
    (b'{"value": ' + b"9" * 5000 + b"}", "at most 9 digits; this one has 5,000"),
    (b'{"value": -' + b"9" * 10 + b"}", "at most 9 digits; this one has 10"),
    (b'{"value": NaN}', "JSON has no NaN"),
    (b'{"value": -Infinity}', "JSON has no -Infinity"),
    (b'{"value": 1e999}', "short, finite one"),
    (b"x" * (classroom.MAX_PAYLOAD + 1), "at most 8192 bytes"),
])
def test_a_malformed_body_is_refused_with_a_sentence(raw, says):
    with pytest.raises(LessonError, match=says):
        parse_payload(raw)


def test_brackets_inside_strings_are_not_nesting():
    text = {**GOOD, "key": "[[[[[[[[{{{{{{{{"}
    assert parse_payload(body(text))["key"] == "[[[[[[[[{{{{{{{{"


@pytest.mark.parametrize("sid", ["short", "x" * 65, "has space!", 12345678, None, ["a" * 8]])
def test_an_id_that_is_not_one_is_refused(sid):
    with pytest.raises(LessonError, match="'id' is 8 to 64 letters"):
        check_payload({**GOOD, "id": sid})


def test_the_previous_releases_forms_may_carry_an_id_and_nothing_else():
    old = {"kind": "answer", "lesson": LESSON, "question": "event-is",
           "choice": [load_quiz(LESSON).question("event-is").options[0]]}
    assert check_payload({**old, "id": "abcdefgh"}).id == "abcdefgh"
    with pytest.raises(LessonError, match="'value' is not one of them"):
        check_payload({**old, "value": ["x"]})
