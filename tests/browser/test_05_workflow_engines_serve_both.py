"""Lesson 05 in a real browser: sequence diagrams, the failure lab, the time-frame sliders."""

from __future__ import annotations

import re

import pytest
from pages import REPLY_MS
from playwright.sync_api import expect

from lessonlib.widgets.timeout import CSS

pytestmark = pytest.mark.browser

LESSON = "05_workflow_engines_serve_both"
RESULT = f".{CSS.feedback}"
# Written by lessonlib.pictures (display.text_block, tables.show_outcomes), which have no
# CSS namespace.
DESCRIPTION = "details.lessonlib-description"
OUTCOMES = "table.lessonlib-outcomes"


def _counts(text: str) -> dict[str, int]:
    found = dict((name, int(n)) for n, name in
                 re.findall(r"(\d+) (completed|cancelled|stuck)", text))
    assert set(found) == {"completed", "cancelled", "stuck"}, text
    return found


def _settle(nb, timeout_lab, shows: str) -> str:
    """Wait until the lab's result shows ``shows`` (the kernel reran the simulation for the
    sliders' last values, not only for the first of several moves); return the result."""
    result = timeout_lab.locator(RESULT)
    expect(result).to_contain_text(shows, timeout=REPLY_MS)
    nb.wait_for_idle()
    return result.inner_text().strip()


def _type_into_readout(page, timeout_lab, slider_class: str, value: str) -> None:
    readout = timeout_lab.locator(f".{slider_class} .widget-readout")
    readout.scroll_into_view_if_needed()
    readout.click()
    page.keyboard.press("Control+A")
    page.keyboard.type(value)
    page.keyboard.press("Enter")


def test_diagrams_failure_lab_and_sliders(lab):
    nb = lab.open(LESSON)
    nb.run_all()
    outputs = nb.outputs

    # The failure lab's numbers come from the simulation, and both styles saw the same failures.
    chain = outputs.filter(has_text="chain: 1000 orders").first
    engine = outputs.filter(has_text=re.compile(r"engine: 1000 orders: \d+ completed, \d+ cancelled")).first
    expect(chain).to_contain_text("No service notices a stuck order")
    stuck = int(re.search(r"(\d+) stuck\.", chain.inner_text()).group(1))
    assert stuck > 0
    expect(engine).to_contain_text(f"{stuck} cancelled (payment refunded), 0 stuck")
    expect(nb.locator(OUTCOMES).first).to_be_visible()

    # Every sequence diagram has its text equivalent.
    pictures = nb.locator(".jp-OutputArea-output img")
    descriptions = nb.locator(DESCRIPTION)
    assert pictures.count() == descriptions.count() >= 6
    saga = descriptions.filter(has_text="ReleaseGoods").first
    saga.locator("summary").click()
    expect(saga).to_contain_text("timer in Order: GoodsShipped within 5 min ran out")

    # The shipping lab: type a longer time frame into the slider's readout.
    labs = nb.locator(f".{CSS.lab}")
    expect(labs).to_have_count(2)
    shipping = labs.nth(0)
    shipping.scroll_into_view_if_needed()
    first = nb.text(RESULT, 0)
    assert "time frame 5 min" in first
    before = _counts(first)
    assert before["cancelled"] > 0
    _type_into_readout(lab.page, shipping, CSS.frame, "15")
    longer = _settle(nb, shipping, "time frame 15 min")
    # A longer frame lets slow shipments through: only outright failures are cancelled now.
    assert _counts(longer)["cancelled"] < before["cancelled"]

    # The failure rate, moved with the keyboard (each arrow press is one 5 % step).
    handle = shipping.locator(f".{CSS.failure} .noUi-handle")
    handle.focus()
    for _ in range(4):
        handle.press("ArrowRight")
    higher = _settle(nb, shipping, "fails on 25%")
    assert _counts(higher)["cancelled"] > _counts(longer)["cancelled"]

    # The onboarding lab: a time frame shorter than a normal credit check cancels everyone.
    onboarding = labs.nth(1)
    onboarding.scroll_into_view_if_needed()
    start = onboarding.locator(RESULT).inner_text().strip()
    assert "time frame 4 h" in start
    _type_into_readout(lab.page, onboarding, CSS.frame, "0.5")
    short = _settle(nb, onboarding, "time frame 0.5 h")
    assert _counts(short)["completed"] == 0

    lab.screenshot(LESSON)
    nb.assert_clean()
