"""A slider with an accessible name, for the labs.

:class:`Slider` takes the arguments of ipywidgets' ``FloatSlider`` that the labs use
(``value``, ``min``, ``max``, ``step``, ``description``, ``readout_format``,
``continuous_update``, ``disabled``, ``layout``, ``style={"description_width": ...}``), so a
lab swaps one for the other. It shows a native ``<input type="range">`` labelled by its
description, so a screen reader says "Time frame (min), slider, 5" where ipywidgets'
slider says only "slider"; a number box beside it, named after the slider, takes a typed
value. The keys are the browser's own (arrows, Page Up/Down, Home, End) and JupyterLab
leaves them alone (``static/slider.js``, run by anywidget). The handle and the filled
track take the forms' focus colour, so the value reads before the slider is touched.

>>> s = Slider(value=5, min=1, max=15, step=0.5, description="Time frame (min)")
>>> s.value = 40          # out of range: kept in it, as FloatSlider does
>>> s.value
15.0
>>> s.style = {"description_width": "120px"}
>>> s.description_width
'120px'
"""

from __future__ import annotations

from pathlib import Path

import anywidget
import traitlets

from lessonlib.widgets.choice import FORMS_CSS

__all__ = ["Slider"]


class Slider(anywidget.AnyWidget):
    """A labelled range input and a box to type its value (see the module's docstring)."""

    _esm = Path(__file__).resolve().parent / "static" / "slider.js"
    _css = FORMS_CSS

    value = traitlets.Float(0.0).tag(sync=True)
    min = traitlets.Float(0.0).tag(sync=True)
    max = traitlets.Float(100.0).tag(sync=True)
    step = traitlets.Float(0.1).tag(sync=True)
    description = traitlets.Unicode("").tag(sync=True)
    #: "" shows the number as it is; ".0%" shows 0.25 as 25 %.
    readout_format = traitlets.Unicode("").tag(sync=True)
    continuous_update = traitlets.Bool(False).tag(sync=True)
    disabled = traitlets.Bool(False).tag(sync=True)
    description_width = traitlets.Unicode("").tag(sync=True)

    def __init__(self, value: float | None = None, *, style: dict | None = None, **kwargs):
        super().__init__(**kwargs)  # min and max first, so the value is kept within them
        if value is not None:
            self.value = value
        if style:
            self.style = style

    @traitlets.validate("value")
    def _within_range(self, proposal):
        return min(self.max, max(self.min, float(proposal["value"])))

    @property
    def style(self) -> dict:
        """As for ipywidgets' sliders: ``{"description_width": "120px"}``."""
        return {"description_width": self.description_width}

    @style.setter
    def style(self, value: dict) -> None:
        self.description_width = str(dict(value).get("description_width", ""))
