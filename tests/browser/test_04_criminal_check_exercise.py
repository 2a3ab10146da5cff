"""Lesson 04 in a real browser: the prediction widget, the hint checker and the reveal,
the numeric quiz question, within the walk every lesson gets (tests/browser/lessons.py).

The prediction must be saved before the reveal shows any count; the guided cells
give hints (never a traceback) while blanks are open or the model is off, and a
tick when it is right; the reveal (its cell run again after the edits) then
compares the prediction with the counts lessonlib computed from the student's
own models.
"""

from __future__ import annotations

import pytest
from feel import a_numeric_question_answered
from lessons import answer_every_quiz, assert_quizzes_restored, run_and_check
from pages import REPLY_MS
from playwright.sync_api import expect

from lessonlib.cards.reports import CSS as CARDS
from lessonlib.widgets.prediction import CSS, input_class

pytestmark = pytest.mark.browser

LESSON = "04_criminal_check_exercise"
# The review of a draft, as lessonlib.cards.reports shows it.
HINT_CHECK = f".{CARDS.review}-{{style}}"

PART_A = '''choreo = draft(scenarios.customer_onboarding_choreography())
choreo.add_service("Criminal check")
choreo.subscribe("Criminal check", "RegistrationRequested")
choreo.add_event("CriminalChecked", emitter="Criminal check")
choreo.subscribe({waits!r}, "CriminalChecked")
hand_in_criminal_check(choreo)'''


def _rewrite_and_run(nb, marker: str, source: str) -> None:
    """Replace the code of the cell containing ``marker`` by ``source`` and run it."""
    nb.set_cell(marker, source)
    nb.run_cell(marker)


def _prediction(nb, choreography: str, orchestration: str):
    nb.locator(f".{input_class('choreography')} input").fill(choreography)
    nb.locator(f".{input_class('orchestration')} input").fill(orchestration)
    nb.click(f".{CSS.save}")
    return nb.locator(f".{CSS.feedback}")


def test_predict_fill_in_reveal_and_every_answer_saved(lab):
    nb = run_and_check(lab, LESSON)
    reveal = nb.locator(f".{CSS.output}")

    # No count, and no word on what the counts mean, before a prediction is saved.
    expect(nb.outputs.filter(has_text="The two counts are equal")).to_have_count(0)
    nb.click(f".{CSS.button}")
    expect(reveal).to_contain_text("Save your prediction first", timeout=REPLY_MS)
    expect(reveal).not_to_contain_text("must change")

    # A typo gets a sentence, and nothing is saved; then a readable prediction is saved.
    feedback = _prediction(nb, "tw0", "2")
    expect(feedback).to_contain_text("Not saved yet", timeout=REPLY_MS)
    expect(feedback).to_contain_text("'tw0'")
    feedback = _prediction(nb, "1", "Two")
    expect(feedback).to_contain_text("Saved: choreography 1, orchestration 2",
                                     timeout=REPLY_MS)

    # The stored notebook's blanks give hints, not tracebacks.
    hint_a = nb.locator(HINT_CHECK.format(style="choreography"))
    hint_b = nb.locator(HINT_CHECK.format(style="orchestration"))
    expect(hint_a).to_contain_text("still has a blank")
    expect(hint_b).to_contain_text("still has a blank")

    # A wrong answer gets a question back, without the answer.
    _rewrite_and_run(nb, "choreo = draft(", PART_A.format(waits="Letter"))
    expect(hint_a).to_contain_text("Letter does not decide", timeout=REPLY_MS)
    expect(hint_a).not_to_contain_text("'Onboarding'")
    # The right answer gets a tick.
    _rewrite_and_run(nb, "choreo = draft(", PART_A.format(waits="Onboarding"))
    expect(hint_a).to_contain_text("\u2713", timeout=REPLY_MS)

    # The reveal counts the student's own model for part A, the model answer for part B.
    # It counts the drafts its cell was given (lessonlib remembers none), so a student who
    # finished part A runs the reveal's cell again, as the notebook runs top to bottom.
    nb.run_cell("reveal_criminal_check(choreo, orch)")
    nb.click(f".{CSS.button}")
    expect(reveal).to_contain_text("Your prediction: choreography 1, orchestration 2",
                                   timeout=REPLY_MS)
    expect(reveal).to_contain_text("choreography 2 (1 more than you predicted)")
    expect(reveal).to_contain_text("orchestration 2 (as you predicted)")
    expect(reveal).to_contain_text("Choreography, your model")
    expect(reveal).to_contain_text("Orchestration, the model answer")
    expect(reveal).to_contain_text("The two counts are equal")  # only now, with the reveal
    lab.screenshot_of(nb.cell_with(f".{CSS.output}"), f"{LESSON}-revealed")

    # After the reveal the prediction is locked, and it survives a kernel restart.
    expect(nb.locator(f".{input_class('choreography')} input")).to_be_disabled(
        timeout=REPLY_MS)
    expect(nb.locator(f".{CSS.save} button")).to_be_disabled()
    a_numeric_question_answered(nb, LESSON)
    answer_every_quiz(nb, LESSON)
    nb.restart_and_run_all()  # a student coming back: the prediction and the answers stay
    expect(nb.locator(f".{CSS.feedback}")).to_contain_text(
        "Your saved prediction (the counts were revealed, so it is locked): "
        "choreography 1, orchestration 2", timeout=REPLY_MS)
    expect(nb.locator(f".{input_class('choreography')} input")).to_have_value("1")
    assert_quizzes_restored(nb, LESSON)
    lab.screenshot_of(nb.quiz(LESSON).root, f"{LESSON}-quiz-restored")
