"""The pictures and the widget of lesson 06, thin over :mod:`lessonlib.disguise`.

DOM contract (the browser test relies on these classes):
``lessonlib-costume-lab`` on the whole widget; ``lessonlib-costume-event`` (the
dropdown), ``lessonlib-costume-name`` (the command name), ``lessonlib-costume-apply``
(the button), ``lessonlib-costume-feedback`` (sentences),
``lessonlib-costume-picture`` (the before/after picture) and
``lessonlib-costume-description`` (its text equivalent).
"""

from __future__ import annotations

import html

import ipywidgets as widgets

from lessonlib._display import display_figure, figure_png, text_block
from lessonlib._errors import LessonError, check_name
from lessonlib._wording import read
from lessonlib.architecture import Architecture
from lessonlib.disguise import (
    HONEST,
    _check_architecture,
    costume_catalogue,
    dependency_flip,
    detect,
    unmask,
)

INTRO = ("Two pictures; arrows point from a service to the service it depends on.")


def focus(arch: Architecture, message: str) -> Architecture:
    """Only the two services a message joins and that message: a small, clear picture."""
    m = arch.message(message)
    small = Architecture(f"{'Before' if m.is_event else 'After'}: {m.kind} {m.name}",
                         services=[m.source, *m.targets])
    small.add_message(m.name, m.kind, m.source, list(m.targets))
    return small


def flip_figure(before: Architecture, after: Architecture, event: str, command: str):
    """The figure of ``event`` in ``before`` and ``command`` in ``after``, and its text."""
    from matplotlib.figure import Figure

    from lessonlib.draw import describe, draw, figure_size

    small = (focus(before, event), focus(after, command))
    sizes = [figure_size(a, dependencies=True) for a in small]
    fig = Figure(figsize=(sum(w for w, _ in sizes), max(h for _, h in sizes)))
    axes = fig.subplots(1, 2, gridspec_kw={"width_ratios": [w for w, _ in sizes]})
    for arch, ax in zip(small, axes, strict=True):
        draw(arch, ax, dependencies=True)
    fig.tight_layout()
    texts = "\n\n".join(describe(a, dependencies=True) for a in small)
    return fig, f"{INTRO}\n{dependency_flip(before, after, event, command)}\n\n{texts}"


def show_flip(arch: Architecture, event: str, command: str | None = None) -> None:
    arch = _check_architecture(arch)
    after = unmask(arch, event, command)
    name = arch.message(event).name
    command = next(m.name for m in after.messages
                   if m.is_command and m.name not in arch.commands())
    display_figure(*flip_figure(arch, after, name, command))


class CostumeLab:
    """Pick an event, name its command, see the flip (the logic is in :mod:`disguise`)."""

    def __init__(self, arch: Architecture | None = None):
        self.arch = costume_catalogue() if arch is None else _check_architecture(arch)
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
        self.event.add_class("lessonlib-costume-event")
        self.name = widgets.Text(value=self.report.finding(options[0]).proposal or "",
                                 description="Command:", placeholder="e.g. CheckAddress")
        self.name.add_class("lessonlib-costume-name")
        self.button = widgets.Button(description="Take off the costume",
                                     tooltip="Re-model the event as a command",
                                     layout=widgets.Layout(width="auto"))
        self.button.add_class("lessonlib-costume-apply")
        self.feedback = widgets.HTML(value="")
        self.feedback.add_class("lessonlib-costume-feedback")
        self.picture = widgets.Image(format="png", layout=widgets.Layout(display="none"))
        self.picture.add_class("lessonlib-costume-picture")
        self.text = widgets.HTML(value="")
        self.text.add_class("lessonlib-costume-description")
        self.event.observe(self._on_event, names="value")
        self.button.on_click(lambda _button: self.apply())
        self.widget = widgets.VBox([intro, widgets.HBox([self.event, self.name, self.button]),
                                    self.feedback, self.picture, self.text])
        self.widget.add_class("lessonlib-costume-lab")

    def _on_event(self, change) -> None:
        self.name.value = self.report.finding(change["new"]).proposal or ""
        self.feedback.value = ""

    def apply(self) -> None:
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
        reading = read(command)
        if not (reading.imperative or reading.command_suffix):
            example = self.report.finding(event).proposal or "CheckAddress"
            note = (f"<p>Note: {html.escape(repr(command))} does not start with a verb. A "
                    f"command's name says what to do, like {html.escape(repr(example))}.</p>")
        self.feedback.value = ("<p>" + "<br>".join(html.escape(x) for x in lines) + "</p>"
                               + note)
        self.picture.value = figure_png(fig)
        self.picture.layout.display = ""
        self.text.value = text_block(description)
