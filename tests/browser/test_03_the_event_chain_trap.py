"""Lesson 03 in a real browser: the computed counts, the pictures' text equivalents, the quiz."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from lessonlib.widgets.quiz import quiz_class

pytestmark = pytest.mark.browser

LESSON = "03_the_event_chain_trap"
# Written by lessonlib.pictures.display.text_block, which has no CSS namespace.
DESCRIPTION = "details.lessonlib-description"


def test_the_chain_and_its_counts_render(lab):
    nb = lab.open(LESSON)
    nb.run_all()
    outputs = nb.outputs

    expect(outputs.filter(has_text="defined nowhere, and everywhere").first).to_be_visible()
    # The three counts of the lesson, each printed by lessonlib from two models.
    expect(outputs.filter(has_text="3 services must change: Payment, Inventory, Shipping")
           .first).to_be_visible()
    expect(outputs.filter(has_text="1 service must change: Order (1 changed)").first) \
        .to_contain_text("in a new order")
    expect(outputs.filter(has_text="2 services must change: Payment, Inventory (2 changed)")
           .first).to_be_visible()
    expect(outputs.filter(has_text="now owns the process 'VIP order fulfilment'").first) \
        .to_be_visible()

    # Every impact picture has its text equivalent under it.
    pictures = nb.locator(".jp-OutputArea-output img")
    descriptions = nb.locator(DESCRIPTION)
    assert pictures.count() >= 5
    assert descriptions.count() == pictures.count()
    first_impact = descriptions.filter(has_text="3 services must change").first
    first_impact.locator("summary").click()
    expect(first_impact).to_contain_text("Payment (changed)")

    expect(nb.locator(f".{quiz_class(LESSON)}")).to_be_visible()
    lab.screenshot(LESSON)
    nb.assert_clean()
