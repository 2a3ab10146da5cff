"""The concept check (lessonlib.course.concept_check): two parallel forms in the quiz format, each
pair of items the same concept and the same shape of answer about another domain, no blind
strategy above chance, handed in once, and the normalized gain per concept, for a student and
for the class.

``pytest -s -k blind`` prints each form's and the capstone quiz's blind-strategy scores and
their shares of application items.
"""

from __future__ import annotations

import re
from collections import Counter
from fractions import Fraction

import pytest

from lessonlib import scenarios
from lessonlib.course import quizmodels
from lessonlib.course.activities import activities, activity
from lessonlib.course.classroom import check_payload, payload
from lessonlib.course.classroom.results import concept_gain, summarise
from lessonlib.course.concept_check import (
    CONCEPTS,
    FORMS,
    concept_of,
    form_answers,
    form_items,
    form_score,
    gain_report,
    gain_text,
    hand_in,
    handed_in,
    normalized_gain,
)
from lessonlib.course.quiz import (
    CONCEPT_CHECK_DIR,
    grade,
    load_concept_check,
    load_quiz,
    right_number,
)
from lessonlib.errors import LessonError
from lessonlib.trip_booking import trip_booking, trip_booking_choreography
from tests.conftest import concept_answers

PRE, POST = (load_concept_check(lesson) for lesson in FORMS.values())
BELIEF = re.compile(r'belief "([^"]+)"')
NAME = re.compile(r"`(\w+)`")


def pairs():
    post = {q.id: q for q in POST}
    return [(q, post[q.id]) for q in PRE]


def right_rank(q) -> int:
    """Where the right option stands by length, 1 for the longest."""
    (right,) = [o for o in q.options if q.is_right(o)]
    return sorted(q.options, key=len, reverse=True).index(right) + 1


def beliefs(q) -> set[str]:
    """The beliefs the feedback names (a wrong option's, or a wrong number's)."""
    texts = [q.feedback_for(o) for o in q.options if not q.is_right(o)]
    texts += [text for _, text in q.number_feedback]
    return {b for text in texts for b in BELIEF.findall(text)}


# --------------------------------------------------------------------------- the two forms


@pytest.mark.parametrize("lesson", FORMS.values())
def test_each_form_is_sealed_and_fits_the_quiz_schema(lesson):
    path = CONCEPT_CHECK_DIR / f"{lesson}.json"
    load_quiz(path)  # loading a file by its path runs the JSON Schema check too
    text = path.read_text(encoding="utf-8")
    assert '"correct"' not in text and '"correct_sha256"' in text
    quiz = load_concept_check(lesson)
    for q in quiz:
        for option in q.options:
            assert q.feedback_for(option)[:30] not in text


@pytest.mark.parametrize("quiz", [PRE, POST], ids=["pre", "post"])
def test_each_form_asks_every_concept_twice_in_ten_to_twelve_items(quiz):
    assert 10 <= len(quiz) <= 12
    assert Counter(concept_of(q.id) for q in quiz) == dict.fromkeys(CONCEPTS, 2)


def test_each_pair_asks_the_same_concept_with_the_same_shape_of_answer():
    assert [q.id for q in PRE] == [q.id for q in POST]
    for pre, post in pairs():
        assert concept_of(pre.id) == concept_of(post.id)
        assert (pre.kind, len(pre.options), pre.right_count) == (
            post.kind, len(post.options), post.right_count), pre.id
        assert beliefs(pre) == beliefs(post) and beliefs(pre), pre.id
        if pre.kind == "numeric":
            assert right_number(pre) == right_number(post), pre.id
            a, b = (quizmodels.MODELS[q.model]() for q in (pre, post))
            assert a.counts() == b.counts(), pre.id
        else:
            assert right_rank(pre) == right_rank(post), pre.id


def test_each_pair_is_about_two_different_systems():
    for pre, post in pairs():
        assert not set(NAME.findall(pre.prompt)) & set(NAME.findall(post.prompt)), pre.id
        assert pre.prompt.split()[:3] != post.prompt.split()[:3]


def _shown_names() -> set[str]:
    """Every service and message a lesson's model shows (the scenarios and the capstone)."""
    models = [build() for build in scenarios.SCENARIOS.values()]
    models += [trip_booking(), trip_booking_choreography()]
    return {n for m in models for n in (*m.services, *(x.name for x in m.messages))}


def test_every_item_describes_a_system_no_lesson_shows():
    shown = _shown_names()
    for quiz in (PRE, POST):
        for q in quiz:
            named = set(NAME.findall(q.prompt))
            assert q.application and describes_a_system(q), q.id
            assert not named & shown, (q.id, named & shown)
            if q.kind == "numeric":
                impact = quizmodels.MODELS[q.model]()
                assert not (set(impact.before.services) & shown - {"Loyalty"}), q.id


def test_the_numbers_are_counted_by_their_models():
    for quiz in (PRE, POST):
        for q in quiz:
            if q.kind == "numeric":
                assert q.model and q.is_right(quizmodels.compute(q.model)), q.id
                answer = right_number(q)
                for near in {max(answer - 1, 0), answer + 1} - {answer}:
                    assert q.feedback_for(near) != q.other_feedback, (q.id, near)


# --------------------------------------------------------------------------- blind strategies


def describes_a_system(q) -> bool:
    """What an item marked ``"application": true`` must do: describe a system (services or
    messages by name, in a situation of a few sentences) and ask about it."""
    names = set(NAME.findall(q.prompt)) | set(re.findall(
        r"\b[A-Z][\w-]*(?: [A-Z][\w-]*)* (?:service|team)\b", q.prompt))
    return bool(names) and len(q.prompt) >= 140 and "?" in q.prompt


def _share(q, chosen) -> Fraction:
    return Fraction(sum(q.is_right(o) for o in chosen), len(chosen))


def _ranked(options, rank):
    """The options whose length is the ``rank``-th largest (1: longest; -1: shortest)."""
    lengths = sorted({len(o) for o in options}, reverse=True)
    if abs(rank) > len(lengths):
        return list(options)
    wanted = lengths[rank - 1] if rank > 0 else lengths[rank]
    return [o for o in options if len(o) == wanted]


STRATEGIES = {
    "longest": lambda options: _ranked(options, 1),
    "second-longest": lambda options: _ranked(options, 2),
    "third-longest": lambda options: _ranked(options, 3),
    "shortest": lambda options: _ranked(options, -1),
    "first as written": lambda options: [options[0]],
    "last as written": lambda options: [options[-1]],
}
QUIZZES = {"concept check, pre": PRE, "concept check, post": POST,
           "09 review": load_quiz("09_capstone_trip_booking")}


@pytest.mark.parametrize("name", QUIZZES)
def test_no_blind_strategy_beats_chance_and_most_items_are_applications(name):
    quiz = QUIZZES[name]
    single = [q for q in quiz if q.kind == "single"]
    chance = sum(Fraction(1, len(q.options)) for q in single)
    applied = sum(q.application and describes_a_system(q) for q in quiz)
    print(f"\n{name}: {applied} of {len(quiz)} application items; {len(single)} single-choice, "
          f"chance {float(chance):.2f}")
    for strategy, pick in STRATEGIES.items():
        score = sum(_share(q, pick(q.options)) for q in single)
        print(f"  {strategy:18} {float(score):5.2f}")
        assert score <= chance, (name, strategy, float(score), float(chance))
    assert 2 * applied >= len(quiz)
    if name.startswith("concept"):
        assert applied == len(quiz)


def test_the_strategies_see_a_biased_quiz():
    """The harness's own check: a quiz whose right option is always the longest fails."""
    quiz = load_quiz([{"id": f"q{n}", "prompt": "?", "options": ["a", "bb", "ccc"],
                       "correct": "ccc", "feedback": {"a": ".", "bb": "..", "ccc": "..."},
                       "explanation": "."} for n in range(4)])
    scores = {s: sum(_share(q, pick(q.options)) for q in quiz) for s, pick in STRATEGIES.items()}
    assert scores["longest"] > sum(Fraction(1, 3) for _ in quiz)
    assert scores["second-longest"] == 0


# --------------------------------------------------------------------------- a student's gain


def _answers(form: str, right: set[str]) -> dict[str, list[str]]:
    """Answers to ``form``: right for the item ids in ``right``, wrong for the others."""
    return concept_answers(form, right)


def test_a_form_is_handed_in_once_and_whole(fresh_progress):
    answers = _answers("pre", set())
    with pytest.raises(LessonError, match="12 still open"):
        hand_in("pre", {})
    with pytest.raises(LessonError, match="whole number"):
        hand_in("pre", answers | {"cc-change-1": ["many"]})
    assert form_answers("pre") == {}  # a bad value: nothing saved
    hand_in("pre", answers)
    assert handed_in("pre") and not handed_in("post")
    with pytest.raises(LessonError, match="already handed in"):
        hand_in("pre", _answers("pre", {a.key for a in form_items("pre")}))
    assert form_answers("pre") == answers


def test_the_gain_per_concept_is_normalized(fresh_progress):
    items = [a.key for a in form_items("pre")]
    owner = [i for i in items if concept_of(i) == "owner"]
    hand_in("pre", _answers("pre", set(owner[:1])))  # 1 of 12 right: one owner item
    assert "hand in the post form" in gain_text()
    hand_in("post", _answers("post", set(items) - {owner[1]}))  # 11 of 12 right
    report = gain_report()
    assert (report.pre, report.post, report.most) == (1, 11, 12)
    assert report.gain == pytest.approx(10 / 11)
    by = {c.concept: c for c in report.concepts}
    assert (by["owner"].pre, by["owner"].post, by["owner"].gain) == (1, 1, 0.0)
    assert by["meaning"].gain == 1.0
    assert "1 of 12 right before lesson 01, 11 of 12 after" in gain_text()


def test_the_normalized_gain_says_nothing_when_nothing_was_left_to_learn():
    assert normalized_gain(2, 2, 2) is None and normalized_gain(2, 1, 2) is None
    assert normalized_gain(0, 0, 2) == 0.0 and normalized_gain(1, 0, 2) == -1.0
    assert form_score("pre", {}) is None


# --------------------------------------------------------------------------- the class's gain


def _rows(student: str, form: str, right: set[str]) -> list[dict]:
    lesson = FORMS[form]
    rows = []
    for key, value in _answers(form, right).items():
        done = check_payload(payload(activity(lesson, key), value))
        rows.append({"kind": done.activity.kind, "lesson": lesson, "item": key,
                     "student": student, "value": done.value, "correct": done.correct})
    return rows


def test_the_class_sees_both_distributions_and_its_average_gain():
    items = [a.key for a in form_items("pre")]
    rows = (_rows("ada", "pre", set(items[:3])) + _rows("ada", "post", set(items[:9]))
            + _rows("ben", "pre", set(items[:6])) + _rows("ben", "post", set(items))
            + _rows("cy", "pre", set()))
    rows += _rows("ada", "post", set())  # a second answer: the first one counts
    found = concept_gain(rows, names=True)
    assert found["forms"]["pre"] == {"students": 3, "distribution": {0: 1, 3: 1, 6: 1},
                                     "mean": 3.0}
    assert found["forms"]["post"]["distribution"] == {9: 1, 12: 1}
    assert found["both"] == 2
    assert found["gain"] == pytest.approx((10.5 - 4.5) / (12 - 4.5))
    assert found["mean_of_gains"] == pytest.approx(((9 - 3) / 9 + (12 - 6) / 6) / 2)
    assert set(found["per_concept"]) == set(CONCEPTS)
    assert {s["student"]: (s["pre"], s["post"]) for s in found["students"]} == {
        "ada": (3, 9), "ben": (6, 12), "cy": (0, None)}
    assert "students" not in concept_gain(rows, names=False)


def test_a_lessons_results_list_its_concept_check_items_and_leave_completion_alone():
    rows = _rows("ada", "pre", set())
    lesson = FORMS["pre"]
    summary = summarise(lesson, rows, students=1, names=True)
    assert [q["id"] for q in summary["concept_check"]] == [
        a.key for a in activities(lesson, "concept check")]
    assert all(q["answered"] == 1 for q in summary["concept_check"])
    assert summary["completion"] == []  # a measure, not a step


def test_a_concept_check_item_is_graded_by_the_service():
    a = form_items("post")[0]
    right = next(o for o in a.options if a.question.is_right(o))
    assert check_payload(payload(a, [right])).correct is True
    assert grade(a.question, [right]).correct
