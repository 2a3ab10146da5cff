"""Lesson 03 in a real browser: predictions first, then the computed counts, the
pictures' text equivalents, and the quiz.

Run All shows no count: each reveal waits for its prediction. The test saves a
prediction for each, reveals, and finds the counts lessonlib computed.
"""

from __future__ import annotations

import pytest
from lessons import quizzes_answered_and_restored, run_and_check
from pages import REPLY_MS
from playwright.sync_api import expect

from lessonlib.cards.figures import CSS as FIGURE
from lessonlib.course.activities import activities
from lessonlib.widgets.prediction import CSS as PREDICTION
from lessonlib.widgets.quiz import quiz_class

pytestmark = pytest.mark.browser

LESSON = "03_the_event_chain_trap"
DESCRIPTION = f"details.{FIGURE.description}"
COUNTS = ["3 services must change: Payment, Inventory, Shipping",
          "1 service must change: Order (1 changed)",
          "2 services must change: Payment, Inventory (2 changed)",
          "now owns the process 'VIP order fulfilment'",
          "2 services must change: Fraud check, Inventory"]


def test_predict_then_reveal_the_counts_and_every_answer_saved(lab):
    nb = run_and_check(lab, LESSON)
    outputs = nb.outputs
    expect(outputs.filter(has_text="defined nowhere, and everywhere").first).to_be_visible()
    for count in COUNTS:  # nothing counted is shown before a prediction
        expect(outputs.filter(has_text=count)).to_have_count(0)

    specs = activities(LESSON, "prediction")
    widgets = nb.locator(f".{PREDICTION.prediction}")
    reveals = nb.locator(f".{PREDICTION.reveal}")
    expect(widgets).to_have_count(len(specs))
    for n in range(len(specs)):
        widget = widgets.nth(n)
        widget.scroll_into_view_if_needed()
        for box in widget.locator("input[type=text]").all():
            box.fill("2")
        widget.locator(f".{PREDICTION.save}").click()
        expect(widget.locator(f".{PREDICTION.feedback}")).to_contain_text("Saved:",
                                                                          timeout=REPLY_MS)
        reveals.nth(n).locator(f".{PREDICTION.button}").click()
        expect(reveals.nth(n).locator(f".{PREDICTION.output}")).to_contain_text(
            "Counted from the models", timeout=REPLY_MS)
    for count in COUNTS:
        expect(outputs.filter(has_text=count).first).to_be_visible()
    expect(outputs.filter(has_text="1 service must change: Order (1 changed)").first) \
        .to_contain_text("in a new order")

    # Every impact picture, drawn by a reveal, has its text equivalent under it.
    pictures = nb.locator(".jp-OutputArea-output img")
    descriptions = nb.locator(DESCRIPTION)
    expect(descriptions.filter(has_text="3 services must change").first).to_be_attached(
        timeout=REPLY_MS)
    # The two models drawn before any prediction, then a before and an after picture for
    # each count revealed; the reveals draw theirs one after the other, so wait for all.
    revealed = sum(len(spec.labels) for spec in specs)
    expect(pictures).to_have_count(2 + 2 * revealed, timeout=REPLY_MS)
    expect(descriptions).to_have_count(2 + 2 * revealed, timeout=REPLY_MS)
    first_impact = descriptions.filter(has_text="3 services must change").first
    first_impact.locator("summary").click()
    expect(first_impact).to_contain_text("Payment (changed)")

    expect(nb.locator(f".{quiz_class(LESSON)}")).to_be_visible()
    lab.screenshot(f"{LESSON}-revealed")
    nb.assert_clean()

    quizzes_answered_and_restored(lab, nb, LESSON)
