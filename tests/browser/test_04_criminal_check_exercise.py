"""Lesson 04 in a real browser: the prediction widget, the hint checker and the reveal.

The prediction must be saved before the reveal shows any count; the guided cells
give hints (never a traceback) while blanks are open or the model is off, and a
tick when it is right; the reveal then compares the prediction with the counts
lessonlib computed from the student's own models.
"""

from __future__ import annotations

import pytest
from labpage import (
    NOTEBOOK_PANEL,
    assert_clean,
    click_button,
    open_notebook,
    restart_and_run_all,
    run_all,
    screenshot,
    wait_for_idle,
)
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

LESSON = "04_criminal_check_exercise"
TIMEOUT = 30_000  # ms for one widget round trip through the kernel

PART_A = '''choreo = draft(scenarios.customer_onboarding_choreography())
choreo.add_service("Criminal check")
choreo.subscribe("Criminal check", "RegistrationRequested")
choreo.add_event("CriminalChecked", emitter="Criminal check")
choreo.subscribe({waits!r}, "CriminalChecked")
check_criminal_check(choreo)'''


def _rewrite_and_run(page, marker: str, source: str) -> None:
    """Replace the code of the cell containing ``marker`` by ``source`` and run it."""
    cell = page.locator(NOTEBOOK_PANEL).locator(".jp-CodeCell", has_text=marker).first
    editor = cell.locator(".cm-content")
    editor.scroll_into_view_if_needed()
    editor.click()
    page.keyboard.press("Control+A")
    page.keyboard.insert_text(source)
    page.keyboard.press("Shift+Enter")
    page.wait_for_timeout(300)
    wait_for_idle(page)


def _prediction(page, choreography: str, orchestration: str):
    panel = page.locator(NOTEBOOK_PANEL)
    panel.locator(".lessonlib-prediction-input-choreography input").fill(choreography)
    panel.locator(".lessonlib-prediction-input-orchestration input").fill(orchestration)
    click_button(page, ".lessonlib-prediction-save")
    return panel.locator(".lessonlib-prediction-feedback")


def test_predict_then_fill_in_then_reveal(page, collector):
    open_notebook(page, LESSON)
    run_all(page)
    panel = page.locator(NOTEBOOK_PANEL)
    reveal = panel.locator(".lessonlib-reveal-output")

    # No count before a prediction is saved.
    click_button(page, ".lessonlib-reveal-button")
    expect(reveal).to_contain_text("Save your prediction first", timeout=TIMEOUT)
    expect(reveal).not_to_contain_text("must change")

    # A typo gets a sentence, and nothing is saved; then a readable prediction is saved.
    feedback = _prediction(page, "tw0", "2")
    expect(feedback).to_contain_text("Not saved yet", timeout=TIMEOUT)
    expect(feedback).to_contain_text("'tw0'")
    feedback = _prediction(page, "1", "Two")
    expect(feedback).to_contain_text("Saved: choreography 1, orchestration 2", timeout=TIMEOUT)

    # The stored notebook's blanks give hints, not tracebacks.
    hint_a = panel.locator(".lessonlib-hint-check-choreography")
    hint_b = panel.locator(".lessonlib-hint-check-orchestration")
    expect(hint_a).to_contain_text("still has a blank")
    expect(hint_b).to_contain_text("still has a blank")

    # A wrong answer gets a question back, without the answer.
    _rewrite_and_run(page, "choreo = draft(", PART_A.format(waits="Letter"))
    expect(hint_a).to_contain_text("Letter does not decide", timeout=TIMEOUT)
    expect(hint_a).not_to_contain_text("'Onboarding'")
    # The right answer gets a tick.
    _rewrite_and_run(page, "choreo = draft(", PART_A.format(waits="Onboarding"))
    expect(hint_a).to_contain_text("\u2713", timeout=TIMEOUT)

    # The reveal counts the drafts it is given: the student runs its cell again after
    # changing a model (the widget holds the drafts of its own run, no hidden state).
    _rewrite_and_run(page, "reveal_criminal_check(", "reveal_criminal_check(choreo, orch)")
    # It counts the student's own model for part A, the model answer for part B.
    click_button(page, ".lessonlib-reveal-button")
    expect(reveal).to_contain_text("Your prediction: choreography 1, orchestration 2",
                                   timeout=TIMEOUT)
    expect(reveal).to_contain_text("choreography 2 (1 more than you predicted)")
    expect(reveal).to_contain_text("orchestration 2 (as you predicted)")
    expect(reveal).to_contain_text("Choreography, your model")
    expect(reveal).to_contain_text("Orchestration, the model answer")
    screenshot(page, f"{LESSON}-revealed")

    # After the reveal the prediction is locked, and it survives a kernel restart.
    expect(_prediction(page, "2", "2")).to_contain_text("stays as you saved it",
                                                        timeout=TIMEOUT)
    restart_and_run_all(page)
    expect(panel.locator(".lessonlib-prediction-feedback")).to_contain_text(
        "Your saved prediction (the counts were revealed, so it is locked): "
        "choreography 1, orchestration 2", timeout=TIMEOUT)
    expect(panel.locator(".lessonlib-prediction-input-choreography input")).to_have_value("1")
    assert_clean(page, collector)
