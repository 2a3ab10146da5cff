"""Lesson 07's costume lab: pick an event, name its command, see the dependency flip.

The logic is :func:`~lessonlib.disguise.unmask` and
:func:`~lessonlib.disguise.dependency_flip`; the widget only shows their results.
"""

from __future__ import annotations

import html
from types import SimpleNamespace

import ipywidgets as widgets

from lessonlib.architecture import Architecture, expect_architecture
from lessonlib.cards.figures import img_tag, text_block
from lessonlib.disguise import HONEST, dependency_flip, detect, unmask
from lessonlib.errors import LessonError, check_name
from lessonlib.names import read
from lessonlib.pictures.flip import flip_figure
from lessonlib.pictures.png import figure_png, smallest_text_pt
from lessonlib.scenarios import costume_catalogue
from lessonlib.widgets.button import ActionButton
from lessonlib.widgets.choice import FORM_CLASS, forms_style
from lessonlib.widgets.html import guarded, interactive_note, static_form

__all__ = ["CostumeLab", "costume_lab", "CSS"]

#: DOM classes (the browser test reads them from here).
CSS = SimpleNamespace(
    lab="lessonlib-costume-lab", event="lessonlib-costume-event", name="lessonlib-costume-name",
    apply="lessonlib-costume-apply", feedback="lessonlib-costume-feedback",
    picture="lessonlib-costume-picture", description="lessonlib-costume-description",
)


class CostumeLab(widgets.VBox):
    """Pick an event in costume, name its command, press the button, see the flip.

    Parts: ``event`` (dropdown), ``name`` (the command's name), ``apply`` (button),
    ``feedback`` (sentences), ``picture`` (before and after, arrows as dependencies)
    and ``description`` (its text equivalent).

    >>> lab = CostumeLab()
    >>> lab.event.value = "AddressCheckRequired"
    >>> lab.name.value = "Check Adress"
    >>> lab.apply.click()
    >>> print(lab.feedback.value)  # doctest: +ELLIPSIS
    <p>Before: Address check depends on Onboarding (event AddressCheckRequired); Onboarding depends on Address check (event AddressChecked).<br>After:  Onboarding depends on Address check (command Check Adress, answered by AddressChecked).<br>The costume made the two depend on each other; ...
    """

    def __init__(self, arch: Architecture | None = None):
        self.arch = (costume_catalogue() if arch is None
                     else expect_architecture(arch, "The costume lab's model"))
        self.report = detect(self.arch)
        suspects = [f.name for f in self.report.findings
                    if f.verdict != HONEST and len(f.subscribers) == 1]
        options = suspects or [f.name for f in self.report.findings]
        if not options:
            raise LessonError(f"{self.arch.name!r} has no events to re-model.")
        intro = widgets.HTML(value="<p>Pick an event in costume, give its command a name "
                                   "that says what the receiver must do, and press the "
                                   "button.</p>")
        self.event = widgets.Dropdown(options=options, value=options[0], description="Event:")
        self.event.add_class(CSS.event)
        self.name = widgets.Text(value=self.report.finding(options[0]).proposal or "",
                                 description="Command:", placeholder="e.g. CheckAddress")
        self.name.add_class(CSS.name)
        # The press carries the event and the name as the browser shows them, in that order
        # (choosing an event fills in its proposed name first; widgets/button.py).
        self.apply = ActionButton(description="Take off the costume",
                                  tooltip="Re-model the event as a command",
                                  carries=[self.event, self.name])
        self.apply.add_class(CSS.apply)
        self.feedback = widgets.HTML(value="")
        self.feedback.add_class(CSS.feedback)
        self.picture = widgets.HTML(value="")  # an <img> with alt text, class CSS.picture
        self.description = widgets.HTML(value="")
        self.description.add_class(CSS.description)
        self.event.observe(guarded(self._on_event, self.feedback), names="value")
        self.apply.on_click(guarded(lambda _button: self.take_off(), self.feedback))
        super().__init__([forms_style(), intro,
                          widgets.HBox([self.event, self.name, self.apply]),
                          self.feedback, self.picture, self.description])
        self.add_class(CSS.lab)
        self.add_class(FORM_CLASS)  # focus rings (static/forms.css)

    def _repr_mimebundle_(self, **kwargs):
        events = "".join(f"<li><code>{html.escape(e)}</code></li>" for e in self.event.options)
        return static_form(super()._repr_mimebundle_(**kwargs), interactive_note(
            "pick an event in costume, name the command it hides and press the button; the "
            "dependency flip appears with its picture.")
            + f"<p>The events to choose from:</p><ul>{events}</ul>")

    def _on_event(self, change) -> None:
        self.name.value = self.report.finding(change["new"]).proposal or ""
        self.feedback.value = ""

    def take_off(self) -> None:
        """Re-model the chosen event as the named command and show the flip."""
        event = self.event.value
        try:
            after = unmask(self.arch, event, self.name.value)
        except LessonError as exc:
            self.feedback.value = f"<p>{html.escape(str(exc))}</p>"
            return
        command = check_name(self.name.value, "command name")
        fig, description = flip_figure(self.arch, after, event, command)
        lines = dependency_flip(self.arch, after, event, command).split("\n")
        note = ""
        if read(command).kind != "command":
            example = self.report.finding(event).proposal or "CheckAddress"
            note = (f"<p>Note: {html.escape(repr(command))} does not start with a verb. A "
                    f"command's name says what to do, like {html.escape(repr(example))}.</p>")
        self.feedback.value = ("<p>" + "<br>".join(html.escape(x) for x in lines) + "</p>"
                               + note)
        self.picture.value = img_tag(figure_png(fig), description, css_class=CSS.picture,
                                     text_pt=smallest_text_pt(fig))
        self.description.value = text_block(description)


def costume_lab(arch: Architecture | None = None) -> CostumeLab:
    """The costume lab for ``arch`` (by default lesson 07's catalogue).

    Introduced in ``07_commands_in_disguise.ipynb``.
    """
    return CostumeLab(arch)
