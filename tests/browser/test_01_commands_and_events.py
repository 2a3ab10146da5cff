"""Lesson 01 in a real browser: the transport demo's output and the classification widget."""

from __future__ import annotations

import pytest
from pages import REPLY_MS
from playwright.sync_api import expect

from lessonlib.widgets.classify import CSS, row_class

pytestmark = pytest.mark.browser

LESSON = "01_commands_and_events"


def _answer(nb, message: str, typed: str):
    """Type ``typed`` for ``message``, press its Check button, return the row's feedback."""
    row = nb.locator(f".{row_class(message)}")
    row.locator(f".{CSS.answer} input").fill(typed)
    nb.click(f".{row_class(message)} .{CSS.check}")
    return row.locator(f".{CSS.feedback}")


def test_transport_demo_and_classification_widget(lab):
    nb = lab.open(LESSON)
    nb.run_all()

    # The live demo ran inside the kernel: both transports, meaning kept, server stopped.
    demo = nb.outputs.filter(has_text="the envelope changed").first
    expect(demo).to_contain_text("Still a command.")
    expect(demo).to_contain_text("Still an event.")
    expect(demo).to_contain_text("now it is stopped")
    expect(nb.outputs.filter(has_text="rejected: the amount must be positive").first) \
        .to_be_visible()

    score = nb.locator(f".{CSS.score}")
    expect(score).to_contain_text("0 of 0 checked answers")
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

    lab.screenshot(f"{LESSON}-classify")
    nb.assert_clean()
