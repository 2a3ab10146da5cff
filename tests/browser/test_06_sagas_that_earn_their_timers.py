"""Lesson 06 in a real browser: the fair lab, the honest saga and the time-frame lab, within the
walk every lesson gets (tests/browser/lessons.py).

Every number checked here is read back from lessonlib (the labs, the impact counts), never
typed again; every widget is found by the DOM classes its module defines in ``CSS``.
"""

from __future__ import annotations

import pytest
from lessons import quizzes_answered_and_restored, run_and_check
from pages import REPLY_MS
from playwright.sync_api import expect

from lessonlib.cards.figures import CSS as FIGURE
from lessonlib.course.activities import INCONSISTENT_ORDERS, activity
from lessonlib.labs import fair_lab, timeout_outcomes
from lessonlib.simulate import COMPENSATED, INCONSISTENT
from lessonlib.widgets.prediction import CSS as PREDICTION
from lessonlib.widgets.prediction import input_class
from lessonlib.widgets.timeout import CSS as LAB

# What the prediction asks for, from the course's list of activities.
LABEL, = activity(*INCONSISTENT_ORDERS).labels

pytestmark = pytest.mark.browser

LESSON = "06_sagas_that_earn_their_timers"
TIMEOUT = 2 * REPLY_MS  # ms for one widget round trip: opening the lab reruns 15 days
# Written by lessonlib.pictures (display.text_block), which has no CSS namespace.
DESCRIPTION = f"details.{FIGURE.description}"


def _type_into_readout(page, lab, slider_class: str, value: str) -> None:
    readout = lab.locator(f".{slider_class} .widget-readout")
    readout.scroll_into_view_if_needed()
    readout.click()
    page.keyboard.press("Control+A")
    page.keyboard.type(value)
    page.keyboard.press("Enter")


def _predict(page, widget, values: dict[str, str]):
    for label, value in values.items():
        widget.locator(f".{input_class(label)} input").fill(value)
    widget.locator(f".{PREDICTION.save}").click()
    return widget.locator(f".{PREDICTION.feedback}")


def test_fair_lab_honest_saga_and_the_time_frame(lab):
    nb = run_and_check(lab, LESSON)
    page, panel, outputs = lab.page, nb.panel, nb.outputs

    # The fair lab: the same bad news undone in every style; the table is the simulation's.
    expected = fair_lab()
    table = outputs.filter(has_text="event chain + tracking").first
    for result in expected.results:
        compensated = result.counts[COMPENSATED]
        assert compensated == expected.result("choreography").counts[COMPENSATED] > 0, result
    expect(table).to_contain_text(expected.table())
    expect(outputs.filter(has_text="The refund rule lives in: Payment.").first).to_be_visible()

    # Every picture has its text equivalent.
    pictures = panel.locator(".jp-OutputArea-output img")
    assert pictures.count() == panel.locator(DESCRIPTION).count() >= 1

    # The honest saga: the lab stays closed until a prediction is saved.
    slider_lab = panel.locator(f".{LAB.lab}").first
    slider_lab.scroll_into_view_if_needed()
    expect(slider_lab.locator(f".{LAB.feedback}")).to_contain_text("closed")
    slider_lab.locator(f".{LAB.open}").click()
    expect(slider_lab.locator(f".{LAB.verdict}")).to_contain_text("Save your prediction first",
                                                                   timeout=TIMEOUT)
    prediction = panel.locator(f".{PREDICTION.prediction}").first
    feedback = _predict(page, prediction, {LABEL: "0"})
    expect(feedback).to_contain_text(f"Saved: {LABEL} 0", timeout=TIMEOUT)
    slider_lab.locator(f".{LAB.open}").click()
    inconsistent = timeout_outcomes()[INCONSISTENT]
    verdict = slider_lab.locator(f".{LAB.verdict}")
    expect(verdict).to_contain_text(f"Counted from the simulation: {LABEL} {inconsistent} "
                                    f"({inconsistent} more than you predicted)", timeout=TIMEOUT)
    chart = slider_lab.locator(f".{LAB.chart}")
    expect(chart.locator(f"img.{FIGURE.chart}")).to_be_visible(timeout=TIMEOUT)
    expect(chart.locator(DESCRIPTION)).to_contain_text("the time frame now, 5 min")
    nb.wait_for_idle()
    lab.screenshot_of(nb.cell_with(f".{LAB.chart}"), f"{LESSON}-lab-open")
    # Past the cliff, nothing is inconsistent, and the chart's marker follows the slider.
    _type_into_readout(page, slider_lab, LAB.frame, "15")
    result = slider_lab.locator(f".{LAB.feedback}")
    expect(result).to_contain_text("time frame 15 min", timeout=TIMEOUT)
    expect(result).to_contain_text("0 inconsistent")
    expect(chart.locator(DESCRIPTION)).to_contain_text("the time frame now, 15 min",
                                                       timeout=TIMEOUT)
    # The prediction is locked now.
    expect(_predict(page, prediction, {LABEL: str(inconsistent)})).to_contain_text(
        "stays as you saved it", timeout=TIMEOUT)
    nb.assert_clean()

    quizzes_answered_and_restored(lab, nb, LESSON)
