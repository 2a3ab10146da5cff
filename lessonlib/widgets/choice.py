"""A question's options as one keyboard group, and the forms' shared style.

:class:`ChoiceGroup` shows native radio buttons (one answer) or checkboxes (tick
all that apply) in a ``<fieldset>`` named by its question, keyboard as in any web
form: a radio group is one Tab stop and the arrow keys move the choice; each
checkbox is a Tab stop of its own and Space ticks it. JupyterLab's notebook
shortcuts leave those keys alone. ipywidgets' own RadioButtons let JupyterLab take
the arrow keys, hence this small front-end module (``static/choices.js``, run by
anywidget).

Its state is two lists of option texts: ``options`` and the chosen ``value``;
``marks`` maps an option to ``"right"`` or ``"wrong"`` after a Check. Tests set
``value`` directly, as a click would. A button that acts on the choice carries the
browser's value with its press (:class:`~lessonlib.widgets.button.ActionButton`).

:func:`forms_style` is a hidden part that carries ``static/forms.css`` (colours
for right and wrong in both JupyterLab themes, focus rings of at least 3:1) and keeps
the form's keys from JupyterLab's notebook shortcuts (``static/form.js``); every
form widget of the course includes it, so the style travels with the widget, with
no CDN.
"""

from __future__ import annotations

from pathlib import Path

import anywidget
import ipywidgets as widgets
import traitlets

__all__ = ["ChoiceGroup", "FormStyle", "forms_style", "FORMS_CSS", "FORM_CLASS"]

_STATIC = Path(__file__).resolve().parent / "static"
#: The stylesheet of the course's forms (quiz, predictions, exercises, progress page).
FORMS_CSS = (_STATIC / "forms.css").read_text(encoding="utf-8")
#: The DOM class every form widget carries, so the style above applies to it.
FORM_CLASS = "lessonlib-form"


class ChoiceGroup(anywidget.AnyWidget):
    """Radio buttons (``multiple=False``) or checkboxes in one keyboard group.

    >>> group = ChoiceGroup(options=["command", "event"], label="Which kind?")
    >>> group.value
    []
    >>> group.value = ["event"]
    >>> group.selection
    ['event']
    """

    _esm = _STATIC / "choices.js"
    _css = FORMS_CSS

    options = traitlets.List(traitlets.Unicode()).tag(sync=True)
    value = traitlets.List(traitlets.Unicode()).tag(sync=True)
    multiple = traitlets.Bool(False).tag(sync=True)
    marks = traitlets.Dict().tag(sync=True)
    label = traitlets.Unicode("").tag(sync=True)
    disabled = traitlets.Bool(False).tag(sync=True)

    @traitlets.validate("value")
    def _known_options(self, proposal):
        # Whatever the browser sends, keep only real options, in their shown order.
        chosen = [o for o in self.options if o in proposal["value"]]
        return chosen if self.multiple else chosen[:1]

    @property
    def selection(self) -> list[str]:
        """The chosen option texts, in the order shown."""
        return list(self.value)


class FormStyle(anywidget.AnyWidget):
    """A hidden part of every course form: it brings ``static/forms.css`` and keeps the
    form's keys from JupyterLab's notebook shortcuts (``static/form.js``), so an arrow key
    on a drop-down chooses in it and a letter on a button does not insert a cell."""

    _esm = _STATIC / "form.js"
    _css = FORMS_CSS


def forms_style() -> FormStyle:
    """A hidden part carrying the forms' stylesheet and keys (see :class:`FormStyle`); a
    form includes it and carries :data:`FORM_CLASS`."""
    part = FormStyle(layout=widgets.Layout(display="none"))
    part.add_class("lessonlib-style")
    return part
