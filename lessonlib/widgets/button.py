"""A button named for what it acts on.

Every question of a quiz has a Check button; ipywidgets' ``Button`` is named by its text
only, so a screen reader heard "Check, button" five times on a page. :class:`ActionButton`
shows its ``description`` ("Check") and is named by its ``label`` ("Check question 2"),
which starts with the text shown, as WCAG's "label in name" asks. ``carries`` names the
answer a press is about (a text box, a choice group): its value in the browser travels with
the press, so a Check pressed right after typing grades what was typed (ipywidgets sends a
widget's changes one at a time, so a change can arrive after the press that follows it). It keeps the parts of
``Button`` the widgets use: ``on_click``, ``click()`` (tests press it so), ``disabled``,
``tooltip``, ``button_style`` (``"primary"``: the look of the main action), ``layout``,
``add_class`` and ``focus()``. The front end is ``static/button.js``, run by anywidget.

>>> pressed = []
>>> check = ActionButton(description="Check", label="Check question 2", button_style="primary")
>>> check.on_click(lambda button: pressed.append(button.label))
>>> check.click()
>>> pressed
['Check question 2']
"""

from __future__ import annotations

from pathlib import Path

import anywidget
import traitlets
from ipywidgets import CallbackDispatcher

from lessonlib.widgets.choice import FORMS_CSS

__all__ = ["ActionButton"]


class ActionButton(anywidget.AnyWidget):
    """A button: ``description`` shown, ``label`` its accessible name (see the module)."""

    _esm = Path(__file__).resolve().parent / "static" / "button.js"
    _css = FORMS_CSS

    description = traitlets.Unicode("").tag(sync=True)
    label = traitlets.Unicode("").tag(sync=True)
    button_style = traitlets.Enum(["", "primary"], default_value="").tag(sync=True)
    disabled = traitlets.Bool(False).tag(sync=True)
    #: The model id of the widget whose value travels with a press ("": none).
    carries = traitlets.Unicode("").tag(sync=True)

    def __init__(self, *, carries=None, **kwargs):
        super().__init__(**kwargs)
        self._carried = carries
        if carries is not None:
            self.carries = carries.model_id
        self._click_handlers = CallbackDispatcher()
        self.on_msg(self._handle_message)
        self.add_class("lessonlib-action")

    def on_click(self, callback, remove: bool = False) -> None:
        """Call ``callback(button)`` when the button is pressed (``remove=True`` stops it)."""
        self._click_handlers.register_callback(callback, remove=remove)

    def click(self) -> None:
        """Press the button, as a click in the browser does (unless it is disabled)."""
        if not self.disabled:
            self._click_handlers(self)

    def _handle_message(self, _widget, content, _buffers) -> None:
        if isinstance(content, dict) and content.get("event") == "click":
            if "value" in content and self._carried is not None and not self.disabled:
                try:  # the answer as the browser had it when pressed
                    self._carried.value = content["value"]
                except traitlets.TraitError:
                    pass  # not a value this widget takes: grade what the kernel has
            self.click()
