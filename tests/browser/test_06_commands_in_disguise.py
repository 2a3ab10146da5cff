"""Lesson 06 in a real browser: the costume lab re-models an event and shows the flip.

The generic tests already Run All this notebook and click through its quiz;
this one drives the lesson's own widget as a student would: pick an event,
type a command name, press the button, read the sentences and see the picture;
then type a bad name and read the sentence that answers it.
"""

from __future__ import annotations

import pytest
from labpage import NOTEBOOK_PANEL, assert_clean, open_notebook, run_all, screenshot
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

NAME = "06_commands_in_disguise"
TIMEOUT = 30_000  # ms for one widget round trip through the kernel


def _lab(page):
    lab = page.locator(f"{NOTEBOOK_PANEL} .lessonlib-costume-lab")
    lab.scroll_into_view_if_needed()
    return lab


def _apply(lab, event: str, command: str) -> None:
    lab.locator(".lessonlib-costume-event select").select_option(label=event)
    name = lab.locator(".lessonlib-costume-name input")
    # choosing an event proposes its command name; wait for it before typing over it
    expect(name).not_to_have_value("", timeout=TIMEOUT)
    name.fill(command)
    name.press("Tab")  # ipywidgets Text syncs its value on blur as well as on typing
    lab.locator(".lessonlib-costume-apply").click()


def test_costume_lab_flips_the_dependency_and_answers_bad_names(page, collector):
    open_notebook(page, NAME)
    run_all(page)
    lab = _lab(page)
    feedback = lab.locator(".lessonlib-costume-feedback")
    picture = lab.locator(".lessonlib-costume-picture")

    _apply(lab, "AddressCheckRequired", "CheckAddress")
    expect(feedback).to_contain_text(
        "After: Onboarding depends on Address check (command CheckAddress)", timeout=TIMEOUT)
    expect(feedback).to_contain_text(
        "Before: Address check depends on Onboarding (event AddressCheckRequired)")
    expect(picture).to_be_visible()
    assert picture.evaluate("img => img.naturalWidth") > 200
    expect(lab.locator(".lessonlib-costume-description")).to_contain_text("solid arrow")
    screenshot(page, f"{NAME}-costume-lab")

    _apply(lab, "CustomerNeedsToBeSentAWelcomeLetterEvent", "PaymentReceived")
    expect(feedback).to_contain_text("There is already a message called 'PaymentReceived'",
                                     timeout=TIMEOUT)
    _apply(lab, "PaymentRequired", "Payment")
    expect(feedback).to_contain_text("does not start with a verb", timeout=TIMEOUT)
    assert "Traceback" not in lab.inner_text()
    assert_clean(page, collector)
