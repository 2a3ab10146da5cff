"""Lesson 05 in a real browser: track, the hybrid, local vs central, within the walk every
lesson gets (tests/browser/lessons.py).

Every number checked here is read back from lessonlib (the labs), never typed again; every
widget is found by the DOM classes its module defines in ``CSS``.
"""

from __future__ import annotations

import re

import pytest
from lessons import quizzes_answered_and_restored, run_and_check
from pages import REPLY_MS
from playwright.sync_api import expect

from lessonlib.cards.figures import CSS as FIGURE
from lessonlib.course.activities import OUTAGE, activity
from lessonlib.labs import OUTAGE_PLACED, failure_lab, outage_lab
from lessonlib.simulate import SEEN
from lessonlib.widgets.prediction import CSS as PREDICTION
from lessonlib.widgets.prediction import input_class

# What the prediction asks for, from the course's list of activities.
OUTAGE_LABELS = activity(*OUTAGE).labels

pytestmark = pytest.mark.browser

LESSON = "05_track_then_manage"
TIMEOUT = 2 * REPLY_MS  # ms for one widget round trip
# Written by lessonlib.pictures (display.text_block), which has no CSS namespace.
DESCRIPTION = f"details.{FIGURE.description}"


def _predict(page, widget, values: dict[str, str]):
    for label, value in values.items():
        widget.locator(f".{input_class(label)} input").fill(value)
    widget.locator(f".{PREDICTION.save}").click()
    return widget.locator(f".{PREDICTION.feedback}")


def test_track_the_hybrid_manage_and_local_vs_central(lab):
    nb = run_and_check(lab, LESSON)
    page, panel, outputs = lab.page, nb.panel, nb.outputs

    # Track: the tracker sees every stuck order, sends no command, fixes none.
    report = outputs.filter(has_text="The tracker followed").first
    expect(report).to_contain_text("sent no command")
    expect(report).to_contain_text("It cannot fix any of them")
    tracked = failure_lab("choreography", tracking=True)
    expect(report).to_contain_text(f"{tracked.counts[SEEN]} stuck, and where")

    # The hybrid: the checks were never commanded; the time frame ends in a command.
    hybrid = panel.locator(DESCRIPTION).filter(has_text="Sequence diagram for customer-1").first
    hybrid.locator("summary").click()
    expect(hybrid).to_contain_text("timer in Onboarding: AddressChecked + CreditChecked")
    expect(hybrid).to_contain_text("command CancelRegistration (solid arrow) from Onboarding "
                                   "to Website")
    assert "command CheckCredit" not in hybrid.inner_text()

    # Every picture has its text equivalent.
    pictures = panel.locator(".jp-OutputArea-output img")
    assert pictures.count() == panel.locator(DESCRIPTION).count() >= 4

    # Local vs central: predict, then the outage.
    outage = panel.locator(f".{PREDICTION.prediction}").first
    outage.scroll_into_view_if_needed()
    feedback = _predict(page, outage, dict.fromkeys(OUTAGE_LABELS, str(OUTAGE_PLACED)))
    expect(feedback).to_contain_text("Saved", timeout=TIMEOUT)
    nb.click(f".{PREDICTION.button}")
    counted = outage_lab()
    reveal = panel.locator(f".{PREDICTION.output}")
    expect(reveal).to_contain_text(
        f"local engines {counted['local']['customer']['completed']} (as you predicted)",
        timeout=TIMEOUT)
    central = counted["central"]["customer"]["completed"]
    expect(reveal).to_contain_text(f"one central orchestrator {central} "
                                   f"({OUTAGE_PLACED - central} fewer than you predicted)")
    expect(reveal).to_contain_text("Orchestrator changes for both")
    hosting = panel.locator(DESCRIPTION).filter(has_text="Orchestrator runs").first
    hosting.locator("summary").click()
    expect(hosting).to_contain_text("It is down: Order fulfilment and Customer onboarding stop.")
    assert re.search(r"Onboarding runs Customer onboarding in its engine\.\n",
                     hosting.inner_text())

    lab.screenshot_of(nb.cell_with(f".{PREDICTION.output}").last,
                      f"{LESSON}-local-vs-central")
    nb.assert_clean()

    quizzes_answered_and_restored(lab, nb, LESSON)
