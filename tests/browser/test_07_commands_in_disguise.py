"""Lesson 07 in a real browser: the costume lab re-models an event and shows the flip.

After the walk every lesson gets (tests/browser/lessons.py), this test drives the lesson's own widget as a student would: pick an event,
type a command name, press the button, read the sentences and see the picture;
then type a bad name and read the sentence that answers it.
"""

from __future__ import annotations

import pytest
from feel import feedback_guides_marks_ticks_and_reset_asks
from lessons import quizzes_answered_and_restored, run_and_check
from pages import REPLY_MS
from playwright.sync_api import expect

from lessonlib.disguise import detect
from lessonlib.scenarios import costume_catalogue
from lessonlib.widgets.costume import CSS

pytestmark = pytest.mark.browser

NAME = "07_commands_in_disguise"
# The lab's default model, read through lessonlib as the widget reads it.
REPORT = detect(costume_catalogue())


def _costume_lab(nb):
    costume_lab = nb.locator(f".{CSS.lab}")
    costume_lab.scroll_into_view_if_needed()
    return costume_lab


def _apply(costume_lab, event: str, command: str) -> None:
    costume_lab.locator(f".{CSS.event} select").select_option(label=event)
    name = costume_lab.locator(f".{CSS.name} input")
    # choosing an event proposes its command name; wait for it before typing over it (the
    # previous event's name is there until the kernel answers, and would be typed onto)
    expect(name).to_have_value(REPORT.finding(event).proposal, timeout=REPLY_MS)
    name.fill(command)
    name.press("Tab")  # ipywidgets Text syncs its value on blur as well as on typing
    costume_lab.locator(f".{CSS.apply}").click()


def test_costume_lab_feedback_that_guides_and_every_answer_saved(lab):
    nb = run_and_check(lab, NAME)
    costume_lab = _costume_lab(nb)
    feedback = costume_lab.locator(f".{CSS.feedback}")
    picture = costume_lab.locator(f".{CSS.picture}")

    _apply(costume_lab, "AddressCheckRequired", "CheckAddress")
    expect(feedback).to_contain_text(
        "After: Onboarding depends on Address check (command CheckAddress)", timeout=REPLY_MS)
    expect(feedback).to_contain_text(
        "Before: Address check depends on Onboarding (event AddressCheckRequired)")
    expect(picture).to_be_visible()
    assert picture.evaluate("img => img.naturalWidth") > 200
    expect(costume_lab.locator(f".{CSS.description}")).to_contain_text("solid arrow")
    lab.screenshot_of(nb.cell_with(f".{CSS.lab}"), f"{NAME}-costume-lab")

    _apply(costume_lab, "CustomerNeedsToBeSentAWelcomeLetterEvent", "PaymentReceived")
    expect(feedback).to_contain_text("There is already a message called 'PaymentReceived'",
                                     timeout=REPLY_MS)
    _apply(costume_lab, "PaymentRequired", "Payment")
    expect(feedback).to_contain_text("does not start with a verb", timeout=REPLY_MS)
    assert "Traceback" not in costume_lab.inner_text()
    nb.assert_clean()

    feedback_guides_marks_ticks_and_reset_asks(lab, nb, NAME, single="false-alarm",
                                               ticks="warning-signs")
    quizzes_answered_and_restored(lab, nb, NAME)
