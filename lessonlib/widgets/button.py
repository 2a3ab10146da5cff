"""A button named for what it acts on.

Every question of a quiz has a Check button; ipywidgets' ``Button`` is named by its text
only, so a screen reader heard "Check, button" five times on a page. :class:`ActionButton`
shows its ``description`` ("Check") and is named by its ``label`` ("Check question 2"),
which starts with the text shown, as WCAG's "label in name" asks. ``carries`` names the
answers a press is about (a text box, a choice group, or several): their values in the
browser travel with the press, so a Check pressed right after typing or ticking grades what
the student sees (ipywidgets sends a widget's changes one at a time, so a change can arrive
after the press that follows it). It keeps the parts of
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
from ipywidgets import CallbackDispatcher, DOMWidget

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
    #: The model ids of the widgets whose values travel with a press.
    carries = traitlets.List(traitlets.Unicode()).tag(sync=True)

    def __init__(self, *, carries=None, **kwargs):
        super().__init__(**kwargs)
        if carries is None:
            carries = []
        elif isinstance(carries, DOMWidget):
            carries = [carries]
        self._carried = {widget.model_id: widget for widget in carries}
        self.carries = list(self._carried)
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
            values = content.get("values")
            if isinstance(values, dict) and not self.disabled:
                for model_id, value in values.items():
                    widget = self._carried.get(model_id)
                    if widget is None:
                        continue
                    try:  # the answer as the browser had it when pressed
                        widget.value = value
                    except traitlets.TraitError:
                        pass  # not a value this widget takes: act on what the kernel has
            self.click()
