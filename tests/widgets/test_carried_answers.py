"""Every button that acts on answers carries them as the browser shows them.

ipywidgets sends a widget's changes one at a time: a change made while an earlier one is
on its way waits in the browser, and a press (a message) can overtake it.
:class:`~lessonlib.widgets.button.ActionButton` sends the values of the answers it acts on
with the press (``static/button.js``), so the press acts on what the student sees. Here a
press is given values the kernel has not seen yet, as that script sends them.
"""

from __future__ import annotations

from lessonlib.widgets.costume import CostumeLab
from lessonlib.widgets.timeout import timeout_lab
from lessonlib.widgets.walker import DecisionWalker


def press(button, *widgets_and_values) -> None:
    values = {widget.model_id: value for widget, value in widgets_and_values}
    button._handle_message(button, {"event": "click", "values": values}, [])


def test_the_costume_lab_takes_off_the_costume_named_in_the_browser():
    lab = CostumeLab()
    assert lab.apply.carries == [lab.event.model_id, lab.name.model_id]
    lab.name.value = "Check"  # what reached the kernel so far
    # the event first: choosing it fills in its proposed name, which the typed one replaces
    press(lab.apply, (lab.event, "AddressCheckRequired"), (lab.name, "CheckAddress"))
    assert lab.event.value == "AddressCheckRequired" and lab.name.value == "CheckAddress"
    assert "command CheckAddress" in lab.feedback.value


def test_the_walker_decides_the_link_and_answers_with_the_names_shown():
    walker = DecisionWalker(picture=False)
    assert walker.decide.carries == [walker.pick.model_id, walker.legal.model_id]
    assert walker.yes.carries == walker.no.carries == [walker.sender.model_id,
                                                      walker.receiver.model_id]
    press(walker.decide, (walker.legal, True))
    assert walker.legal.value is True and walker.result.value


def test_the_time_frame_lab_opens_on_the_settings_shown():
    lab = timeout_lab(orders=10)
    assert lab.open_button.carries == [slider.model_id for slider in lab.sliders]
    press(lab.open_button, (lab.failure, 0.25))
    assert lab.failure.value == 0.25
