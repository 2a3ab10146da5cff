"""Lesson 01 in a real browser: the transport demo's output and the classification widget."""

from __future__ import annotations

import pytest
from labpage import (
    NOTEBOOK_PANEL,
    assert_clean,
    click_button,
    open_notebook,
    run_all,
    screenshot,
)
from playwright.sync_api import expect

from lessonlib.widgets.classify import CSS, row_class

pytestmark = pytest.mark.browser

LESSON = "01_commands_and_events"
TIMEOUT = 30_000  # ms for one widget round trip through the kernel


def _answer(page, message: str, typed: str):
    """Type ``typed`` for ``message``, press its Check button, return the row's feedback."""
    row = page.locator(NOTEBOOK_PANEL).locator(f".{row_class(message)}")
    row.locator(f".{CSS.answer} input").fill(typed)
    click_button(page, f".{row_class(message)} .{CSS.check}")
    return row.locator(f".{CSS.feedback}")


def test_transport_demo_and_classification_widget(page, collector):
    open_notebook(page, LESSON)
    run_all(page)
    panel = page.locator(NOTEBOOK_PANEL)

    # The live demo ran inside the kernel: both transports, meaning kept, server stopped.
    demo = panel.locator(".jp-OutputArea-output", has_text="the envelope changed").first
    expect(demo).to_contain_text("Still a command.")
    expect(demo).to_contain_text("Still an event.")
    expect(demo).to_contain_text("now it is stopped")
    expect(panel.locator(".jp-OutputArea-output", has_text="rejected: the amount must be "
                         "positive").first).to_be_visible()

    score = panel.locator(f".{CSS.score}")
    expect(score).to_contain_text("0 of 0 checked answers")
    expect(_answer(page, "OrderPlaced", "EVENT")).to_contain_text("✓ Right", timeout=TIMEOUT)
    expect(score).to_contain_text("1 of 1 checked answer", timeout=TIMEOUT)

    feedback = _answer(page, "RetrievePayment", "event")
    expect(feedback).to_contain_text("✗ Not quite", timeout=TIMEOUT)
    expect(feedback).to_contain_text("cannot ignore it")
    expect(score).to_contain_text("1 of 2", timeout=TIMEOUT)

    # A typo gets a sentence and does not change the score.
    feedback = _answer(page, "RetrievePayment", "comand")
    expect(feedback).to_contain_text("Did you mean 'command'?", timeout=TIMEOUT)
    expect(score).to_contain_text("1 of 2")

    # The latest readable answer counts; a tricky one in disguise.
    expect(_answer(page, "RetrievePayment", " Command ")).to_contain_text("✓ Right",
                                                                        timeout=TIMEOUT)
    expect(_answer(page, "CustomerNeedsToBeSentANotification", "command")).to_contain_text(
        "command in disguise", timeout=TIMEOUT)
    expect(score).to_contain_text("3 of 3", timeout=TIMEOUT)

    screenshot(page, f"{LESSON}-classify")
    assert_clean(page, collector)
