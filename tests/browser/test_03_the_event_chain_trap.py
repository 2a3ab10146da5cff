"""Lesson 03 in a real browser: the computed counts, the pictures' text equivalents, the quiz."""

from __future__ import annotations

import pytest
from labpage import NOTEBOOK_PANEL, assert_clean, open_notebook, run_all, screenshot
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

LESSON = "03_the_event_chain_trap"


def test_the_chain_and_its_counts_render(page, collector):
    open_notebook(page, LESSON)
    run_all(page)
    panel = page.locator(NOTEBOOK_PANEL)
    outputs = panel.locator(".jp-OutputArea-output")

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
    pictures = panel.locator(".jp-OutputArea-output img")
    descriptions = panel.locator("details.lessonlib-description")
    assert pictures.count() >= 5
    assert descriptions.count() == pictures.count()
    first_impact = descriptions.filter(has_text="3 services must change").first
    first_impact.locator("summary").click()
    expect(first_impact).to_contain_text("Payment (changed)")

    expect(panel.locator(".lessonlib-quiz-03_the_event_chain_trap")).to_be_visible()
    screenshot(page, LESSON)
    assert_clean(page, collector)
