"""Lesson 07 in a real browser: the false alarm predicted, then the detector's answer; the
costume lab re-models an event and shows the flip.

After the walk every lesson gets (tests/browser/lessons.py), this test saves a prediction
about OrderPlaced (the belief "one subscriber means a command"), runs the detector and reads
the belief named; then it drives the costume lab as a student would: pick an event, type a
command name, press the button, read the sentences and see the picture; then type a bad name
and read the sentence that answers it.
"""

from __future__ import annotations

import pytest
from feel import every_control_by_keys, feedback_guides_marks_ticks_and_reset_asks
from lessons import quizzes_answered_and_restored, run_and_check
from pages import REPLY_MS
from playwright.sync_api import expect

from lessonlib.course.activities import FALSE_ALARM_CHOICES
from lessonlib.course.progress import reset_progress
from lessonlib.disguise import detect
from lessonlib.scenarios import costume_catalogue
from lessonlib.widgets.costume import CSS
from lessonlib.widgets.prediction import CSS as PREDICTION
from lessonlib.widgets.prediction import input_class

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


def _false_alarm(lab, nb) -> None:
    ((label, answers),) = FALSE_ALARM_CHOICES
    expect(nb.outputs.filter(has_text="OrderPlaced: looks like an honest event")).to_have_count(0)
    widget = nb.locator(f".{PREDICTION.prediction}")
    widget.scroll_into_view_if_needed()
    widget.locator(f".{input_class(label)}").get_by_label(answers[0], exact=True).check()
    widget.locator(f".{PREDICTION.save}").click()
    expect(widget.locator(f".{PREDICTION.feedback}")).to_contain_text("Saved:", timeout=REPLY_MS)
    reveal = nb.locator(f".{PREDICTION.reveal}")
    reveal.locator(f".{PREDICTION.button}").click()
    output = reveal.locator(f".{PREDICTION.output}")
    expect(output).to_contain_text(f"{answers[1]} (not what you predicted)", timeout=REPLY_MS)
    expect(output).to_contain_text("That is the belief that one subscriber means a command")
    expect(output).to_contain_text("OrderPlaced: looks like an honest event")
    expect(widget.locator(f".{input_class(label)} input").first).to_be_disabled()
    lab.screenshot_of(nb.cell_with(f".{PREDICTION.output}"), f"{NAME}-false-alarm")


def test_costume_lab_feedback_that_guides_and_every_answer_saved(lab, lab_server, monkeypatch):
    monkeypatch.setenv("LESSONLIB_PROGRESS", str(lab_server.log.parent / "progress.json"))
    reset_progress(NAME)
    nb = run_and_check(lab, NAME)
    _false_alarm(lab, nb)
    costume_lab = _costume_lab(nb)
    feedback = costume_lab.locator(f".{CSS.feedback}")
    picture = costume_lab.locator(f".{CSS.picture}")

    _apply(costume_lab, "AddressCheckRequired", "CheckAddress")
    expect(feedback).to_contain_text(
        "After: Onboarding depends on Address check (command CheckAddress, answered by "
        "AddressChecked)", timeout=REPLY_MS)
    expect(feedback).to_contain_text("The costume made the two depend on each other")
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
    # by keys: the drop-down, the name box and the button, each with a focus ring
    every_control_by_keys(lab, nb, costume_lab)

    feedback_guides_marks_ticks_and_reset_asks(lab, nb, NAME, single="one-subscriber",
                                               ticks="warning-signs")
    quizzes_answered_and_restored(lab, nb, NAME)
