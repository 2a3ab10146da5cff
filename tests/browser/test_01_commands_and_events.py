"""Lesson 01 in a real browser: the walk every lesson gets (tests/browser/lessons.py), the
prediction and the transport demo it unlocks, and the classification widget (whose
answers are saved)."""

from __future__ import annotations

import pytest
from lessons import quizzes_answered_and_restored, run_and_check
from pages import REPLY_MS
from playwright.sync_api import expect

from lessonlib.course.activities import TRANSPORT_CHOICES
from lessonlib.course.progress import reset_progress
from lessonlib.widgets.classify import CSS, row_class
from lessonlib.widgets.prediction import CSS as PREDICTION
from lessonlib.widgets.prediction import input_class

pytestmark = pytest.mark.browser

LESSON = "01_commands_and_events"


def _answer(nb, message: str, typed: str):
    """Type ``typed`` for ``message``, press its Check button, return the row's feedback."""
    row = nb.locator(f".{row_class(message)}")
    row.locator(f".{CSS.answer} input").fill(typed)
    nb.click(f".{row_class(message)} .{CSS.check}")
    return row.locator(f".{CSS.feedback}")


def test_prediction_demo_classification_and_quiz(lab, lab_server, monkeypatch):
    # Start from a lesson 01 nobody has touched in this server (the kernels' progress file).
    monkeypatch.setenv("LESSONLIB_PROGRESS", str(lab_server.log.parent / "progress.json"))
    reset_progress(LESSON)
    nb = run_and_check(lab, LESSON)

    # Run All runs no demo: it waits for a saved prediction.
    expect(nb.outputs.filter(has_text="the envelope changed")).to_have_count(0)
    run_demo = nb.locator(f".{PREDICTION.button}").first
    run_demo.scroll_into_view_if_needed()
    run_demo.click()
    output = nb.locator(f".{PREDICTION.output}").first
    expect(output).to_contain_text("Save your prediction first", timeout=REPLY_MS)
    for label, answers in TRANSPORT_CHOICES:
        nb.locator(f".{input_class(label)}").get_by_label(answers[1], exact=True).check()
    nb.click(f".{PREDICTION.save}")
    expect(nb.locator(f".{PREDICTION.feedback}").first).to_contain_text("Saved:",
                                                                        timeout=REPLY_MS)
    run_demo.click()
    expect(output).to_contain_text("What happened:", timeout=REPLY_MS)
    expect(output).to_contain_text("Yes: an answer comes back, later (not what you predicted)")
    expect(output).to_contain_text(
        "Yes, it can see them, but what it emits is the same for any reader (as you predicted)")
    expect(output).to_contain_text("That is the belief that a message sent without waiting")
    for label, _ in TRANSPORT_CHOICES:  # locked
        expect(nb.locator(f".{input_class(label)} input").first).to_be_disabled()
    lab.screenshot_of(nb.cell_with(f".{PREDICTION.output}").first,
                      f"{LESSON}-prediction-revealed")
    # "Your turn": the same demo with an amount of 0.
    button = nb.locator(f".{PREDICTION.button}").nth(1)
    button.scroll_into_view_if_needed()
    button.click()
    expect(nb.locator(f".{PREDICTION.output}").nth(1)).to_contain_text(
        "What happened:", timeout=REPLY_MS)

    # The live demo ran inside the kernel: both transports, meaning kept, server stopped.
    demo = nb.outputs.filter(has_text="the envelope changed").first
    expect(demo).to_contain_text("Still a command.")
    expect(demo).to_contain_text("Still an event.")
    expect(demo).to_contain_text("now it is stopped")
    expect(nb.outputs.filter(has_text="rejected: the amount must be positive").first) \
        .to_be_visible()

    score = nb.locator(f".{CSS.score}")
    expect(score).to_contain_text("0 of 0 checked answers")  # a fresh progress file
    expect(_answer(nb, "OrderPlaced", "EVENT")).to_contain_text("✓ Right", timeout=REPLY_MS)
    expect(score).to_contain_text("1 of 1 checked answer", timeout=REPLY_MS)

    feedback = _answer(nb, "RetrievePayment", "event")
    expect(feedback).to_contain_text("✗ Not quite", timeout=REPLY_MS)
    expect(feedback).to_contain_text("cannot ignore it")
    expect(score).to_contain_text("1 of 2", timeout=REPLY_MS)

    # A typo gets a sentence and does not change the score.
    feedback = _answer(nb, "RetrievePayment", "comand")
    expect(feedback).to_contain_text("Did you mean 'command'?", timeout=REPLY_MS)
    expect(score).to_contain_text("1 of 2")

    # The latest readable answer counts; a tricky one in disguise.
    expect(_answer(nb, "RetrievePayment", " Command ")).to_contain_text("✓ Right",
                                                                      timeout=REPLY_MS)
    expect(_answer(nb, "CustomerNeedsToBeSentANotification", "command")).to_contain_text(
        "command in disguise", timeout=REPLY_MS)
    expect(score).to_contain_text("3 of 3", timeout=REPLY_MS)

    lab.screenshot_of(nb.cell_with(f".{CSS.score}"), f"{LESSON}-classify")
    nb.assert_clean()

    quizzes_answered_and_restored(lab, nb, LESSON)
