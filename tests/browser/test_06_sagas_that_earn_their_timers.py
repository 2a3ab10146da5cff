"""Lesson 06 in a real browser: the refund predicted and counted, the honest saga, the time-frame
lab with its silent-failure slider, the fair lab and the owner's recoveries, within the walk every
lesson gets (tests/browser/lessons.py).

Every number checked here is read back from lessonlib (the labs, the impact counts), never
typed again; every widget is found by the DOM classes its module defines in ``CSS``.
"""

from __future__ import annotations

import pytest
from lessons import quizzes_answered_and_restored, run_and_check
from pages import REPLY_MS
from playwright.sync_api import expect

from lessonlib.cards.figures import CSS as FIGURE
from lessonlib.course.activities import INCONSISTENT_ORDERS, REFUND, activity
from lessonlib.labs import refund_impact
from lessonlib.saga_lab import SILENT_DAY, fair_lab, recovery_lab, timeout_outcomes
from lessonlib.simulate import INCONSISTENT, OUTCOMES, STUCK
from lessonlib.widgets.prediction import CSS as PREDICTION
from lessonlib.widgets.prediction import input_class
from lessonlib.widgets.timeout import CSS as LAB

# What the two predictions ask for, from the course's list of activities.
LABEL, = activity(*INCONSISTENT_ORDERS).labels
REFUND_LABELS = activity(*REFUND).labels

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


def _predict(widget, values: dict[str, str]):
    for label, value in values.items():
        widget.locator(f".{input_class(label)} input").fill(value)
    widget.locator(f".{PREDICTION.save}").click()
    return widget.locator(f".{PREDICTION.feedback}")


def test_refund_honest_saga_time_frame_fair_lab_and_recoveries(lab):
    nb = run_and_check(lab, LESSON)
    page, panel, outputs = lab.page, nb.panel, nb.outputs

    # The refund: predicted (one count off, to hear the belief behind it), then counted.
    counted = {style: result.total for style, result in refund_impact().items()}
    refund = panel.locator(f".{PREDICTION.prediction}").first
    refund.scroll_into_view_if_needed()
    wrong = {"choreography": counted["choreography"] - 1,
             "orchestration": counted["orchestration"]}
    feedback = _predict(refund, {label: str(wrong[label]) for label in REFUND_LABELS})
    expect(feedback).to_contain_text("Saved", timeout=TIMEOUT)
    nb.click(f".{PREDICTION.button}")
    reveal = panel.locator(f".{PREDICTION.output}").first
    expect(reveal).to_contain_text(f"event chain {counted['choreography']} (1 more than you "
                                   "predicted)", timeout=TIMEOUT)
    belief = activity(*REFUND).feedback_for("choreography", wrong["choreography"])
    expect(reveal).to_contain_text(f"You said {wrong['choreography']} for event chain. "
                                   f"{belief[:60]}")
    expect(reveal).to_contain_text("The refund rule lives in: Payment.")
    lab.screenshot_of(nb.cell_with(f".{PREDICTION.output}").first, f"{LESSON}-refund")

    # The honest saga: one slow shipment, refunded and shipped anyway, in the diagram's text.
    saga = panel.locator(DESCRIPTION).filter(has_text="Sequence diagram for order-1").first
    saga.locator("summary").click()
    expect(saga).to_contain_text("command RefundPayment (solid arrow) from Order to Payment")
    expect(saga).to_contain_text("event GoodsShipped")

    # The time-frame lab stays closed until a prediction is saved.
    slider_lab = panel.locator(f".{LAB.lab}").first
    slider_lab.scroll_into_view_if_needed()
    expect(slider_lab.locator(f".{LAB.feedback}")).to_contain_text("closed")
    slider_lab.locator(f".{LAB.open}").click()
    expect(slider_lab.locator(f".{LAB.verdict}")).to_contain_text("Save your prediction first",
                                                                   timeout=TIMEOUT)
    prediction = panel.locator(f".{PREDICTION.prediction}").nth(1)
    expect(_predict(prediction, {LABEL: "0"})).to_contain_text(f"Saved: {LABEL} 0",
                                                                timeout=TIMEOUT)
    slider_lab.locator(f".{LAB.open}").click()
    inconsistent = timeout_outcomes()[INCONSISTENT]
    verdict = slider_lab.locator(f".{LAB.verdict}")
    expect(verdict).to_contain_text(f"Counted from the simulation: {LABEL} {inconsistent} "
                                    f"({inconsistent} more than you predicted)", timeout=TIMEOUT)
    chart = slider_lab.locator(f".{LAB.chart}")
    expect(chart.locator(f"img.{FIGURE.chart}")).to_be_visible(timeout=TIMEOUT)
    expect(chart.locator(DESCRIPTION)).to_contain_text("the time frame now, 5 min")
    result = slider_lab.locator(f".{LAB.feedback}")
    chain = timeout_outcomes(style="choreography")
    expect(result).to_contain_text(f"The event chain, same day: {chain['completed']} completed")
    # Past the cliff nothing is inconsistent; then silence: the chain leaves orders stuck.
    _type_into_readout(page, slider_lab, LAB.frame, "15")
    expect(result).to_contain_text("time frame 15 min", timeout=TIMEOUT)
    expect(result).to_contain_text("0 inconsistent")
    expect(chart.locator(DESCRIPTION)).to_contain_text("the time frame now, 15 min",
                                                       timeout=TIMEOUT)
    _type_into_readout(page, slider_lab, LAB.silent, "30")  # the box takes a percentage
    silent = timeout_outcomes(style="choreography", time_frame=15, silent_rate=0.3)
    expect(result).to_contain_text("fails silently on 30%", timeout=TIMEOUT)
    expect(result).to_contain_text(f"{silent[STUCK]} stuck.")
    expect(result).to_contain_text("So here the timer only wins")
    nb.wait_for_idle()
    lab.screenshot_of(nb.cell_with(f".{LAB.chart}"), f"{LESSON}-lab-open")
    # The prediction is locked now.
    expect(_predict(prediction, {LABEL: str(inconsistent)})).to_contain_text(
        "stays as you saved it", timeout=TIMEOUT)

    # The fair lab and the recoveries: the printed tables are the simulation's.
    # Each lab an HTML table, a row per style (or recovery), read cell by cell.
    tables = outputs.locator("table").evaluate_all("ts => ts.map(t => Array.from("
                                                   "t.tBodies[0].rows, tr => Array.from("
                                                   "tr.cells, c => c.innerText.trim())))")
    for expected in (fair_lab(), fair_lab(settings=SILENT_DAY), recovery_lab()):
        rows = [(r.label, r.counts) for r in expected.results] if hasattr(
            expected, "results") else list(expected.rows)
        assert [[label, *(str(counts[o]) for o in OUTCOMES)] for label, counts in rows] in tables
        expect(outputs.filter(has_text=expected.findings()[-1]).first).to_be_visible()

    # Every picture has its text equivalent.
    pictures = panel.locator(".jp-OutputArea-output img")
    assert pictures.count() == panel.locator(DESCRIPTION).count() >= 4
    nb.assert_clean()

    quizzes_answered_and_restored(lab, nb, LESSON)
