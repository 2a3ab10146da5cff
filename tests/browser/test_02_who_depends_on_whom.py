"""Lesson 02 in a real browser: the decision-tree walker, for catalogue links and your own."""

from __future__ import annotations

import pytest
from labpage import (
    NOTEBOOK_PANEL,
    assert_clean,
    click_button,
    open_notebook,
    run_all,
    screenshot,
    wait_for_idle,
)
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

LESSON = "02_who_depends_on_whom"
TIMEOUT = 30_000  # ms for one widget round trip through the kernel


def _pick(page, label: str) -> None:
    walker = page.locator(NOTEBOOK_PANEL).locator(".lessonlib-walker")
    walker.locator(".lessonlib-walker-pick select").select_option(label=label)
    wait_for_idle(page)


def test_decision_walker(page, collector):
    open_notebook(page, LESSON)
    run_all(page)
    walker = page.locator(NOTEBOOK_PANEL).locator(".lessonlib-walker")
    result = walker.locator(".lessonlib-walker-result")
    tree = walker.locator(".lessonlib-walker-tree")

    # The lesson's own computed counts are on the page.
    expect(page.locator(NOTEBOOK_PANEL).locator(
        ".jp-OutputArea-output", has_text="5 links: 3 commands and 2 event reactions.").first
    ).to_be_visible()

    _pick(page, "Welcome letter, required by law")
    click_button(page, ".lessonlib-walker-decide")
    expect(result).to_contain_text("Command SendWelcomeLetter", timeout=TIMEOUT)
    expect(result).to_contain_text("Onboarding depends on Letter")
    expect(result).to_contain_text("The Onboarding team")
    box = tree.bounding_box()
    assert box is not None and box["width"] > 200, "the walker shows no tree picture"

    _pick(page, "Onboarding e-mail from the notification service")
    click_button(page, ".lessonlib-walker-decide")
    expect(result).to_contain_text("Event CustomerCreated", timeout=TIMEOUT)
    expect(result).to_contain_text("Notification depends on Onboarding")

    # Required by law: the same link becomes a command.
    walker.locator(".lessonlib-walker-legal input[type=checkbox]").check()
    click_button(page, ".lessonlib-walker-decide")
    expect(result).to_contain_text("Command SendOnboardingEmail", timeout=TIMEOUT)

    # A link of one's own, answered question by question.
    _pick(page, "My own link: answer the questions")
    question = walker.locator(".lessonlib-walker-question")
    expect(question).to_contain_text("Q1: Does the sender care that it happens?",
                                      timeout=TIMEOUT)
    walker.locator(".lessonlib-walker-sender input").fill("Shop")
    walker.locator(".lessonlib-walker-receiver input").fill("Newsletter")
    click_button(page, ".lessonlib-walker-no")
    expect(question).to_contain_text("Q2: Does a receiver react on its own account?",
                                      timeout=TIMEOUT)
    click_button(page, ".lessonlib-walker-yes")
    expect(result).to_contain_text("Newsletter depends on Shop", timeout=TIMEOUT)
    click_button(page, ".lessonlib-walker-restart")
    expect(result).to_have_text("", timeout=TIMEOUT)
    click_button(page, ".lessonlib-walker-yes")
    expect(result).to_contain_text("Shop depends on Newsletter", timeout=TIMEOUT)

    screenshot(page, f"{LESSON}-walker")
    assert_clean(page, collector)
