"""Lesson 02 in a real browser: the walk every lesson gets (tests/browser/lessons.py), the
decision-tree walker for catalogue links and your own, and the quiz's colours and focus
rings measured in the light and the dark theme."""

from __future__ import annotations

import pytest
from feel import right_wrong_and_focus_are_legible_in_both_themes
from lessons import quizzes_answered_and_restored, run_and_check
from pages import REPLY_MS
from playwright.sync_api import expect

from lessonlib.widgets.walker import CSS

pytestmark = pytest.mark.browser

LESSON = "02_who_depends_on_whom"


def _pick(nb, label: str) -> None:
    nb.locator(f".{CSS.walker} .{CSS.pick} select").select_option(label=label)
    nb.wait_for_idle()


def test_decision_walker_legible_quiz_and_every_answer_saved(lab):
    nb = run_and_check(lab, LESSON)
    walker = nb.locator(f".{CSS.walker}")
    result = walker.locator(f".{CSS.result}")
    tree = walker.locator(f".{CSS.tree}")

    # The lesson's own computed counts are on the page.
    expect(nb.outputs.filter(has_text="5 links: 3 commands and 2 event reactions.").first) \
        .to_be_visible()

    _pick(nb, "Welcome letter, required by law")
    nb.click(f".{CSS.decide}")
    expect(result).to_contain_text("Command SendWelcomeLetter", timeout=REPLY_MS)
    expect(result).to_contain_text("Onboarding depends on Letter")
    expect(result).to_contain_text("The Onboarding team")
    box = tree.bounding_box()
    assert box is not None and box["width"] > 200, "the walker shows no tree picture"

    _pick(nb, "Onboarding e-mail from the notification service")
    nb.click(f".{CSS.decide}")
    expect(result).to_contain_text("Event CustomerCreated", timeout=REPLY_MS)
    expect(result).to_contain_text("Notification depends on Onboarding")

    # Required by law: the same link becomes a command.
    walker.locator(f".{CSS.legal} input[type=checkbox]").check()
    nb.click(f".{CSS.decide}")
    expect(result).to_contain_text("Command SendOnboardingEmail", timeout=REPLY_MS)

    # A link of one's own, answered question by question.
    _pick(nb, "My own link: answer the questions")
    question = walker.locator(f".{CSS.question}")
    expect(question).to_contain_text("Q1: Does the sender care that it happens?",
                                      timeout=REPLY_MS)
    walker.locator(f".{CSS.sender} input").fill("Shop")
    walker.locator(f".{CSS.receiver} input").fill("Newsletter")
    nb.click(f".{CSS.no}")
    expect(question).to_contain_text("Q2: Does a receiver react on its own account?",
                                      timeout=REPLY_MS)
    nb.click(f".{CSS.yes}")
    expect(result).to_contain_text("Newsletter depends on Shop", timeout=REPLY_MS)
    nb.click(f".{CSS.restart}")
    expect(result).to_have_text("", timeout=REPLY_MS)
    nb.click(f".{CSS.yes}")
    expect(result).to_contain_text("Shop depends on Newsletter", timeout=REPLY_MS)

    lab.screenshot_of(nb.cell_with(f".{CSS.walker}"), f"{LESSON}-walker")
    nb.assert_clean()

    right_wrong_and_focus_are_legible_in_both_themes(lab, nb, LESSON)
    quizzes_answered_and_restored(lab, nb, LESSON)
