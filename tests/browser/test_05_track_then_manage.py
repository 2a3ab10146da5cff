"""Lesson 05 in a real browser: three predictions made and revealed (a stuck order, an owner
without an engine, what an outage stops), the tracker and its re-send, the hybrid, the price
of the journey, within the walk every lesson gets (tests/browser/lessons.py).

Every number and sentence checked here is read back from lessonlib (the runs, the models),
never typed again; every widget is found by the DOM classes its module defines in ``CSS``.
"""

from __future__ import annotations

import re

import pytest
from lessons import quizzes_answered_and_restored, run_and_check
from pages import REPLY_MS
from playwright.sync_api import expect

from lessonlib.cards.figures import CSS as FIGURE
from lessonlib.course.progress import reset_progress
from lessonlib.course.track_manage import (
    ENGINE_CHOICES,
    ENGINE_LABEL,
    OUTAGE_LABELS,
    STUCK_BELIEFS,
    STUCK_CHOICES,
    STUCK_LABEL,
    engine_reveal,
    outage_reveal,
    tracking_reveal,
)
from lessonlib.journey import journey_price, resend_day
from lessonlib.placement import OUTAGE_PLACED
from lessonlib.widgets.prediction import CSS as PREDICTION
from lessonlib.widgets.prediction import input_class

pytestmark = pytest.mark.browser

LESSON = "05_track_then_manage"
TIMEOUT = 2 * REPLY_MS  # ms for one widget round trip: a reveal runs a day of 1,000 orders
# Written by lessonlib.pictures (display.text_block), which has no CSS namespace.
DESCRIPTION = f"details.{FIGURE.description}"


def _choose(nb, widget, label: str, choice: str):
    widget.locator(f".{input_class(label)}").get_by_label(choice, exact=True).check()
    widget.locator(f".{PREDICTION.save}").click()
    return widget.locator(f".{PREDICTION.feedback}")


def _reveal(nb, n: int):
    button = nb.locator(f".{PREDICTION.button}").nth(n)
    button.scroll_into_view_if_needed()
    button.click()
    return nb.locator(f".{PREDICTION.output}").nth(n)


def test_predict_track_resend_manage_and_one_standard_for_outages(lab, lab_server, monkeypatch):
    monkeypatch.setenv("LESSONLIB_PROGRESS", str(lab_server.log.parent / "progress.json"))
    reset_progress(LESSON)
    nb = run_and_check(lab, LESSON)
    panel, outputs = nb.panel, nb.outputs
    predictions = panel.locator(f".{PREDICTION.prediction}")
    expect(predictions).to_have_count(3)

    # 1. A stuck order: nothing shows before the prediction, then the tracker's day and the
    # belief behind a wrong answer.
    expect(outputs.filter(has_text="The tracker followed")).to_have_count(0)
    stuck = _reveal(nb, 0)
    expect(stuck).to_contain_text("Save your prediction first", timeout=TIMEOUT)
    blind = STUCK_CHOICES[0]
    expect(_choose(nb, predictions.nth(0), STUCK_LABEL, blind)).to_contain_text(
        "Saved", timeout=TIMEOUT)
    stuck = _reveal(nb, 0)
    answers, report = tracking_reveal()
    expect(stuck).to_contain_text(f"{answers[STUCK_LABEL]} (not what you predicted)",
                                  timeout=TIMEOUT)
    expect(stuck).to_contain_text(report.splitlines()[1])  # "The tracker followed ..."
    expect(stuck).to_contain_text(STUCK_BELIEFS[blind][:60])
    expect(stuck).to_contain_text("nobody owns fixing it")
    expect(predictions.nth(0).locator("input").first).to_be_disabled()  # locked
    lab.screenshot_of(nb.cell_with(f".{PREDICTION.output}").first, f"{LESSON}-tracker")

    # The middle step: the re-send, and lesson 02's tree calling it a command.
    expect(outputs.filter(has_text="The tracker re-sent OrderPlaced").first).to_contain_text(
        resend_day().text().splitlines()[0])
    expect(outputs.filter(has_text="Command RetrievePayment: Tracking -> Payment").first) \
        .to_be_visible()

    # The hybrid: the checks were never commanded; the time frame ends in a command.
    hybrid = panel.locator(DESCRIPTION).filter(has_text="Sequence diagram for customer-1").first
    hybrid.locator("summary").click()
    expect(hybrid).to_contain_text("timer in Onboarding: AddressChecked + CreditChecked")
    expect(hybrid).to_contain_text("command CancelRegistration (solid arrow) from Onboarding "
                                   "to Website")
    assert "command CheckCredit" not in hybrid.inner_text()
    expect(outputs.filter(has_text="Address check changes").first).to_contain_text(
        "now handles the command CheckAddress")

    # 2. An owner without an engine: predicted right this time.
    expect(_choose(nb, predictions.nth(1), ENGINE_LABEL, ENGINE_CHOICES[1])).to_contain_text(
        "Saved", timeout=TIMEOUT)
    engine = _reveal(nb, 1)
    expect(engine).to_contain_text("(as you predicted)", timeout=TIMEOUT)
    expect(engine).to_contain_text(engine_reveal()[1].splitlines()[0])
    expect(outputs.filter(has_text="Manage: ").first).to_contain_text(journey_price().summary())

    # 3. What an outage stops: one standard for the broker and the engine.
    for label in OUTAGE_LABELS:
        predictions.nth(2).locator(f".{input_class(label)} input").fill(str(OUTAGE_PLACED))
    predictions.nth(2).locator(f".{PREDICTION.save}").click()
    expect(predictions.nth(2).locator(f".{PREDICTION.feedback}")).to_contain_text(
        "Saved", timeout=TIMEOUT)
    outage = _reveal(nb, 2)
    counts, details = outage_reveal()
    local, central, broker = OUTAGE_LABELS
    expect(outage).to_contain_text(f"{local} {counts[local]} (as you predicted)",
                                   timeout=TIMEOUT)
    expect(outage).to_contain_text(
        f"{broker} {counts[broker]} ({OUTAGE_PLACED - counts[broker]} fewer than you predicted)")
    expect(outage).to_contain_text("Judge both by one standard")
    expect(outage).to_contain_text(details.splitlines()[-1][:60])
    hosting = panel.locator(DESCRIPTION).filter(has_text="Engine runs").first
    hosting.locator("summary").click()
    expect(hosting).to_contain_text("It is down: Order fulfilment and Customer onboarding stop.")
    assert re.search(r"Onboarding runs Customer onboarding in its engine\.",
                     hosting.inner_text())

    # Every picture has its text equivalent (the sequences, the stuck orders' table aside).
    pictures = panel.locator(".jp-OutputArea-output img")
    assert pictures.count() == panel.locator(DESCRIPTION).count() >= 4
    lab.screenshot_of(nb.cell_with(f".{PREDICTION.output}").last, f"{LESSON}-outages")
    nb.assert_clean()

    quizzes_answered_and_restored(lab, nb, LESSON)
