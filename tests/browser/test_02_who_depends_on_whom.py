"""Lesson 02 in a real browser: the walk every lesson gets (tests/browser/lessons.py), the two
locked predictions (the links, the ledger) revealed after saving, the decision-tree walker for
catalogue links and your own, and the quiz's colours and focus rings measured in the light and
the dark theme."""

from __future__ import annotations

import pytest
from feel import right_wrong_and_focus_are_legible_in_both_themes
from lessons import quizzes_answered_and_restored, run_and_check
from pages import REPLY_MS
from playwright.sync_api import expect

from lessonlib.course.activities import LEDGER_CHOICES
from lessonlib.course.progress import reset_progress
from lessonlib.widgets.prediction import CSS as PREDICTION
from lessonlib.widgets.prediction import input_class
from lessonlib.widgets.walker import CSS

pytestmark = pytest.mark.browser

LESSON = "02_who_depends_on_whom"


def _pick(nb, label: str) -> None:
    nb.locator(f".{CSS.walker} .{CSS.pick} select").select_option(label=label)
    nb.wait_for_idle()


def _links_then_ledger(lab, nb) -> None:
    """Save a prediction for each, reveal, and read what lessonlib computed."""
    widgets = nb.locator(f".{PREDICTION.prediction}")
    reveals = nb.locator(f".{PREDICTION.reveal}")
    expect(widgets).to_have_count(2)
    expect(nb.outputs.filter(has_text="3 links, each coupling two services")).to_have_count(0)

    links, ledger = widgets.nth(0), widgets.nth(1)
    links.scroll_into_view_if_needed()
    for box in links.locator("input[type=text]").all():
        box.fill("0")
    links.locator(f".{PREDICTION.save}").click()
    expect(links.locator(f".{PREDICTION.feedback}")).to_contain_text("Saved:", timeout=REPLY_MS)
    reveals.nth(0).locator(f".{PREDICTION.button}").click()
    output = reveals.nth(0).locator(f".{PREDICTION.output}")
    expect(output).to_contain_text("event chain 3 (3 more than you predicted)", timeout=REPLY_MS)
    expect(output).to_contain_text("That is the belief that events remove coupling")
    expect(output).to_contain_text("Payment depends on Checkout (event OrderPlaced")
    expect(reveals.nth(0).locator("img")).to_have_count(2, timeout=REPLY_MS)

    ledger.scroll_into_view_if_needed()
    for label, answers in LEDGER_CHOICES:
        ledger.locator(f".{input_class(label)}").get_by_label(answers[1], exact=True).check()
    ledger.locator(f".{PREDICTION.save}").click()
    expect(ledger.locator(f".{PREDICTION.feedback}")).to_contain_text("Saved:", timeout=REPLY_MS)
    reveals.nth(1).locator(f".{PREDICTION.button}").click()
    output = reveals.nth(1).locator(f".{PREDICTION.output}")
    expect(output).to_contain_text("Fewer services change with events (not what you predicted)",
                                   timeout=REPLY_MS)
    expect(output).to_contain_text("Either outage stops every order (as you predicted)")
    expect(output).to_contain_text("That is the belief that a service that commands")
    card = reveals.nth(1).locator(".lessonlib-card-ledger")
    expect(card).to_contain_text("events win", timeout=REPLY_MS)
    expect(card).to_contain_text("commands win")
    for label, _ in LEDGER_CHOICES:  # locked
        expect(ledger.locator(f".{input_class(label)} input").first).to_be_disabled()
    lab.screenshot_of(nb.cell_with(".lessonlib-card-ledger"), f"{LESSON}-ledger")


def test_decision_walker_legible_quiz_and_every_answer_saved(lab, lab_server, monkeypatch):
    monkeypatch.setenv("LESSONLIB_PROGRESS", str(lab_server.log.parent / "progress.json"))
    reset_progress(LESSON)
    nb = run_and_check(lab, LESSON)
    _links_then_ledger(lab, nb)
    walker = nb.locator(f".{CSS.walker}")
    result = walker.locator(f".{CSS.result}")
    tree = walker.locator(f".{CSS.tree}")

    # The lesson's own computed counts are on the page, and why the model has one link more.
    expect(nb.outputs.filter(has_text="5 links: 3 commands and 2 event reactions.").first) \
        .to_be_visible()
    expect(nb.outputs.filter(has_text="has 6: the 5 decided, and 1").first).to_be_visible()

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
