"""The lesson-07 self-assessment: choices -> advice naming the lesson that explains it."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from lessonlib import LessonError, LessonTypeError
from lessonlib.course.advice import QUESTIONS, advise
from lessonlib.course.lessons import LESSONS
from lessonlib.widgets.advice import self_assessment

NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"
ALL = list(itertools.product(*(q.keys for q in QUESTIONS)))


@pytest.mark.parametrize("combo", ALL)
def test_every_combination_gets_advice_for_every_question(combo):
    advice = advise(**dict(zip((q.id for q in QUESTIONS), combo, strict=True)))
    assert len(advice.items) == len(QUESTIONS)
    assert advice.leaning in ("command", "event", "look closer")
    assert all(item.lesson in LESSONS for item in advice.items)
    assert all(item.text.endswith(".") for item in advice.items)


@pytest.mark.parametrize(("owner", "reactors", "leaning"), [
    ("sender", "one-replies", "command"),
    ("sender", "several", "command"),
    ("receiver", "several", "event"),
    ("receiver", "one-today", "event"),
    ("receiver", "one-replies", "look closer"),  # an event someone must answer: a costume?
    ("unsure", "several", "look closer"),
])
def test_who_owns_the_outcome_decides_the_leaning(owner, reactors, leaning):
    advice = advise(owner=owner, reactors=reactors, flow="single", reason="per-link")
    assert advice.leaning == leaning


@pytest.mark.parametrize(("question", "answer", "lesson"), [
    ("reactors", "one-replies", "07_commands_in_disguise"),
    ("reactors", "one-today", "07_commands_in_disguise"),
    ("flow", "chain", "03_the_event_chain_trap"),
    ("flow", "owned", "05_track_then_manage"),
    ("reason", "broker", "01_commands_and_events"),
    ("reason", "decoupled", "04_criminal_check_exercise"),
    ("reason", "central", "05_track_then_manage"),
])
def test_each_worry_points_to_the_lesson_that_explains_it(question, answer, lesson):
    answers = {"owner": "sender", "reactors": "several", "flow": "single", "reason": "per-link"}
    answers[question] = answer
    index = [q.id for q in QUESTIONS].index(question)
    assert advise(**answers).items[index].lesson == lesson


def test_the_false_alarm_is_not_turned_into_a_command():
    advice = advise(owner="receiver", reactors="one-today", flow="single", reason="per-link")
    assert advice.leaning == "event"
    assert "still an event" in advice.items[1].text


def test_answers_may_be_option_texts_in_any_case():
    owner_text = QUESTIONS[0].text_of("sender").upper()
    assert advise(owner=owner_text, reactors=" several ", flow="Single",
                  reason="per-link").leaning == "command"


@pytest.mark.parametrize(("answers", "error", "needle"), [
    ({"owner": "sender"}, LessonError, "missing: 'reactors', 'flow', 'reason'"),
    ({"owner": "sendr", "reactors": "several", "flow": "single", "reason": "per-link"},
     LessonError, "Did you mean 'sender'"),
    ({"owner": 1, "reactors": "several", "flow": "single", "reason": "per-link"},
     LessonTypeError, "got 1"),
    ({"ownr": "sender", "reactors": "several", "flow": "single", "reason": "per-link"},
     LessonError, "Did you mean 'owner'"),
    ({"owner": "sender", "reactors": "several", "flow": "single", "reason": "because"},
     LessonError, "Valid answers are"),
])
def test_bad_answers_get_a_sentence(answers, error, needle):
    with pytest.raises(error, match=needle):
        advise(**answers)


def test_widget_asks_for_every_answer_before_advising():
    box = self_assessment()
    box.choose("owner", "sender")
    assert box.radios["owner"].value == [QUESTIONS[0].text_of("sender")]  # as clicked
    button, feedback = box.advise, box.feedback
    button.click()
    assert "Answer every question first" in feedback.value
    assert QUESTIONS[0].prompt not in feedback.value
    assert QUESTIONS[1].prompt in feedback.value


def test_widget_shows_the_advice_with_links():
    box = self_assessment()
    button, feedback = box.advise, box.feedback
    for name, value in {"owner": "receiver", "reactors": "one-today", "flow": "chain",
                        "reason": "decoupled"}.items():
        box.choose(name, value)
    button.click()
    assert "leans towards an event" in feedback.value
    assert "href='03_the_event_chain_trap.ipynb'" in feedback.value
    assert "href='04_criminal_check_exercise.ipynb'" in feedback.value


def test_widget_can_start_from_answers_and_rejects_bad_ones():
    box = self_assessment({"owner": "Sender"})
    assert box.answers()["owner"] == "sender"
    with pytest.raises(LessonError, match="Did you mean 'flow'"):
        self_assessment({"flwo": "chain"})
