"""Predict, then reveal: the prediction and reveal widgets, thin over
:mod:`lessonlib.course.prediction`.

Introduced in ``04_criminal_check_exercise.ipynb`` (and used in 01 and 03). A
prediction is typed (a count) or chosen (lesson 01), saved, and locked once the
answer is shown. The reveal shows nothing, not even its explanation, until a
prediction is saved: whatever gives the result away lives in the reveal's
output, so Run All spoils nothing. Once revealed, the reveal shows its answer
again when its cell runs again.

The DOM classes the browser tests rely on are in :data:`CSS`; each text box
also has ``lessonlib-prediction-input-<label>``.
"""

from __future__ import annotations

import html
import re
import weakref
from collections.abc import Callable, Iterable, Mapping
from types import SimpleNamespace

import ipywidgets as widgets

from lessonlib.architecture import Architecture, expect_architecture
from lessonlib.cards.text import text_html
from lessonlib.change_impact import Impact
from lessonlib.course.activities import (
    CRIMINAL_CHECK,
    FALSE_ALARM,
    LEDGER,
    TRANSPORT,
    TRIP_CHANGES,
)
from lessonlib.course.capstone import trip_change_counts
from lessonlib.course.exercise import (
    Draft,
    criminal_check_counts,
)
from lessonlib.course.prediction import (
    MAX_COUNT,
    Prediction,
    false_alarm_answers,
    find_prediction,
    ledger_answers,
    transport_answers,
)
from lessonlib.errors import LessonError, LessonTypeError, choose, shown
from lessonlib.widgets.button import ActionButton
from lessonlib.widgets.choice import FORM_CLASS, ChoiceGroup, forms_style
from lessonlib.widgets.html import css_name, guarded, interactive_note, paragraphs, static_form

__all__ = ["PredictionView", "RevealView", "predict", "reveal", "reveal_impact", "reveal_links",
           "reveal_ledger", "reveal_false_alarm", "predict_criminal_check", "reveal_criminal_check",
           "predict_transport", "reveal_transport", "predict_trip_change", "reveal_trip_change",
           "CSS"]

#: DOM classes (the browser tests read them from here).
CSS = SimpleNamespace(
    prediction="lessonlib-prediction", input="lessonlib-prediction-input",
    choice="lessonlib-prediction-choice",
    save="lessonlib-prediction-save", feedback="lessonlib-prediction-feedback",
    reveal="lessonlib-reveal", button="lessonlib-reveal-button", output="lessonlib-reveal-output",
    figures="lessonlib-reveal-figures",
)


# The prediction widgets on screen, per (lesson, key): a reveal locks their inputs at once.
_SHOWN: dict[tuple[str, str], weakref.WeakSet] = {}


def input_class(label: str) -> str:
    """The DOM class of the text box (or choice group) for ``label``."""
    return f"{CSS.input}-{css_name(label)}"


def prose_html(text: str) -> str:
    """Paragraphs (blank-line separated) with **bold**, *italic* and `code`, escaped.

    >>> prose_html("A **b** *c* `d` <e>")
    '<p>A <strong>b</strong> <em>c</em> <code>d</code> &lt;e&gt;</p>'
    """
    out = []
    for para in re.split(r"\n\s*\n", text.strip()):
        escaped = html.escape(" ".join(para.split()), quote=False)
        escaped = re.sub(r"`([^`]+)`", r"<code>\1</code>", escaped)
        escaped = re.sub(r"\*\*([^*]+)\*\*", r"<strong>\1</strong>", escaped)
        escaped = re.sub(r"\*([^*]+)\*", r"<em>\1</em>", escaped)
        out.append(f"<p>{escaped}</p>")
    return "".join(out)


class PredictionView(widgets.VBox):
    """Text boxes (a count per label) or choice groups (lesson 01), a Save button
    and the sentence it answers with.

    Parts: ``inputs`` (label -> text box or :class:`ChoiceGroup`), ``save`` and
    ``feedback``.
    """

    def __init__(self, prediction: Prediction, prompt: str = ""):
        if not isinstance(prompt, str):
            raise LessonTypeError(f"prompt= is the question above the boxes, a string; got "
                                  f"{shown(prompt)} ({type(prompt).__name__}).")
        self.prediction = prediction
        self.inputs: dict[str, widgets.Text | ChoiceGroup] = {}
        parts: list[widgets.Widget] = [forms_style()]
        if prompt:
            parts.append(widgets.HTML(value=prose_html(prompt)))
        self._prompt = prose_html(prompt) if prompt else ""  # the static form shows it
        for label in prediction.labels:
            caption = prediction.caption(label)
            if prediction.choices is not None:
                box = ChoiceGroup(options=list(prediction.choices[label]), label=caption)
                box.add_class(CSS.choice)
                parts.append(widgets.HTML(value=f"<p><strong>{html.escape(caption)}</strong></p>"))
            else:
                box = widgets.Text(value="", placeholder="a number", description=caption,
                                   style={"description_width": "initial"},
                                   layout=widgets.Layout(width="auto"))
            box.add_class(CSS.input)
            box.add_class(input_class(label))
            self.inputs[label] = box
            parts.append(box)
        self.save = ActionButton(description="Save my prediction",
                                 label=f"Save my prediction: {prediction.activity.title}",
                                 tooltip="Keep your prediction before you see the answer",
                                 carries=list(self.inputs.values()))
        self.save.add_class(CSS.save)
        self.save.on_click(guarded(lambda _button: self.save_prediction(), lambda: self.feedback))
        self.feedback = widgets.HTML(value="")
        self.feedback.add_class(CSS.feedback)
        super().__init__([*parts, self.save, self.feedback])
        self.add_class(CSS.prediction)
        self.add_class(FORM_CLASS)
        _SHOWN.setdefault((prediction.lesson, prediction.key), weakref.WeakSet()).add(self)
        self._restore()

    def _repr_mimebundle_(self, **kwargs):
        boxes = "".join(f"<li>{html.escape(self.prediction.caption(label))}: ...</li>"
                        for label in self.inputs)
        prompt = self._prompt  # (the first child is the forms' hidden stylesheet)
        return static_form(super()._repr_mimebundle_(**kwargs), prompt + f"<ul>{boxes}</ul>"
                           + interactive_note("type your prediction and save it; it is kept "
                                              "with your progress."))

    def _value(self, label: str) -> str:
        box = self.inputs[label]
        if isinstance(box, ChoiceGroup):
            return box.value[0] if box.value else ""
        return box.value

    def _restore(self) -> None:
        saved = self.prediction.saved()
        if saved is None:
            return
        for label, box in self.inputs.items():
            value = saved["values"][label]
            if isinstance(box, ChoiceGroup):
                box.value = [value]
            else:
                box.value = str(value)
        note = ""
        if saved.get("revealed"):
            what = "the answer was" if self.prediction.choices is not None else "the counts were"
            note = f" ({what} revealed, so it is locked)"
            self._lock()
        self.feedback.value = paragraphs(f"Your saved prediction{note}: "
                                         f"{self.prediction.text(saved['values'])}.")

    def _lock(self) -> None:
        for box in self.inputs.values():
            box.disabled = True

    def lock(self) -> None:
        """The answer was revealed: the prediction can no longer change."""
        self._lock()
        self.save.disabled = True

    def save_prediction(self) -> None:
        texts = {label: self._value(label) for label in self.inputs}
        try:  # saved, and on a hub with the classroom service sent to the instructor
            message = self.prediction.save(texts)
        except (LessonError, OSError) as exc:  # the progress file could not be written
            message = f"Your prediction could not be saved: {exc}"
        if self.prediction.revealed:
            self._lock()
        self.feedback.value = text_html(message)


Counts = Mapping[str, object] | Callable[[], tuple[Mapping[str, object], str]]


class RevealView(widgets.VBox):
    """A button that shows the answer, only after a prediction was saved.

    Parts: ``button``, ``output`` (the comparison, the results and the
    explanation) and ``figures`` (an Output for pictures, drawn on reveal).
    """

    def __init__(self, prediction: Prediction, counts: Counts, details: str = "", *,
                 explanation: str = "", figures: Callable[[], None] | None = None,
                 button: str = "Reveal the counts",
                 folded: Callable[[], tuple[str, str]] | None = None):
        self.prediction = prediction
        self._counts = counts
        self._details = details
        self._explanation = explanation
        self._figures = figures
        self._folded = folded  # (title, long text) shown folded after the explanation
        self.button = ActionButton(description=button,
                                   label=f"{button}: {prediction.activity.title}",
                                   tooltip="Compare your prediction with what happened")
        self.button.add_class(CSS.button)
        self.button.on_click(guarded(lambda _button: self.reveal(), lambda: self.output))
        self.output = widgets.HTML(value="")
        self.output.add_class(CSS.output)
        self.figures = widgets.Output()
        self.figures.add_class(CSS.figures)
        super().__init__([forms_style(), self.button, self.output, self.figures])
        self.add_class(CSS.reveal)
        self.add_class(FORM_CLASS)
        if prediction.revealed:  # seen before: show it again when the cell runs again
            self.reveal()

    def _repr_mimebundle_(self, **kwargs):
        # Folded, for a reader without a kernel: the counts of the models (or of the drafts,
        # once they are finished), opened only on purpose, after predicting on paper.
        try:
            counts, details = (self._counts() if callable(self._counts)
                               else (self._counts, self._details))
            answer = paragraphs("; ".join(f"{self.prediction.caption(k)}: {v}"
                                          for k, v in counts.items()) + "."
                                + (f"\n{details}" if details else ""))
        except (LessonError, OSError):
            answer = ""
        folded = (f"<details class='lessonlib-answer'><summary>Show the counts (predict "
                  f"first)</summary>{answer}</details>" if answer else "")
        note = interactive_note(
            "a button here shows the computed counts once you have saved a prediction.")
        bundle = static_form(super()._repr_mimebundle_(**kwargs), note + folded)
        if bundle is not None:  # a text-only front end cannot fold: no answer there
            bundle["text/plain"] = static_form({}, note)["text/plain"]
        return bundle

    def reveal(self) -> None:
        try:
            if callable(self._counts):
                counts, details = self._counts()
            else:
                counts, details = self._counts, self._details
            message = self.prediction.reveal(counts, details)
        except (LessonError, OSError) as exc:
            self.output.value = paragraphs(f"The answer could not be shown: {exc}")
            return
        shown = self.prediction.revealed
        if shown:
            for view in list(_SHOWN.get((self.prediction.lesson, self.prediction.key), ())):
                view.lock()
        text = text_html(message)  # a change's report lists its services: a list, not "- "
        if shown and self._explanation:
            text += prose_html(self._explanation)
        if shown and self._folded is not None:
            title, long_text = self._folded()
            text += (f"<details><summary>{html.escape(title)}</summary>{text_html(long_text)}"
                     "</details>")
        self.output.value = text
        if shown and self._figures is not None:
            self.figures.clear_output()
            with self.figures:
                self._figures()


def predict(lesson: str, key: str, labels: Iterable[str] | None = None, prompt: str = "", *,
            unit: str = "services", most: int = MAX_COUNT, source: str | None = None,
            then: str | None = None) -> PredictionView:
    """A widget: one box per label, a Save button, and a sentence back.

    Without ``labels``, the course's own prediction ``key`` of ``lesson`` (see
    :mod:`lessonlib.course.activities`), with its prompt; with them, a prediction
    of your own, saved with your progress (only the course's go to the class).
    ``unit``, ``most``, ``source`` and ``then`` are as for
    :class:`~lessonlib.course.prediction.Prediction`. Introduced in
    ``04_criminal_check_exercise.ipynb``.
    """
    prediction = find_prediction(lesson, key, labels, unit=unit, most=most, source=source,
                                 then=then)
    return PredictionView(prediction, prompt or prediction.activity.prompt)


def reveal(lesson: str, key: str, labels: Iterable[str] | None, counts: Counts,
           details: str = "", *, unit: str = "services", most: int = MAX_COUNT,
           source: str | None = None, then: str | None = None) -> RevealView:
    """A widget whose button shows ``counts`` only once a prediction was saved.

    ``counts`` maps each label to a number computed by lessonlib (or is a
    function returning ``(counts, details)``, called on the click); ``unit``,
    ``most``, ``source`` and ``then`` as for :func:`predict`. Introduced in
    ``04_criminal_check_exercise.ipynb``.
    """
    prediction = find_prediction(lesson, key, labels, unit=unit, most=most, source=source,
                                 then=then)
    return RevealView(prediction, counts, details, explanation=prediction.activity.after)


def reveal_impact(lesson: str, key: str, *impacts: Impact) -> RevealView:
    """Reveal the counts of one or more changes (one :class:`Impact` per label of the
    course's prediction ``key``), with their reports, pictures and explanation.

    Introduced in ``03_the_event_chain_trap.ipynb``::

        reveal_impact("03_the_event_chain_trap", "goods first, chain", impact(chain, goods_first))
    """
    prediction = find_prediction(lesson, key)
    labels = prediction.labels
    if len(impacts) != len(labels) or not all(isinstance(i, Impact) for i in impacts):
        raise LessonTypeError(
            f"reveal_impact({lesson!r}, {key!r}, ...) takes one impact(before, after) for each "
            f"of {', '.join(repr(prediction.caption(label)) for label in labels)}; got "
            f"{', '.join(type(i).__name__ for i in impacts) or 'none'}.")
    counts = {label: result.total for label, result in zip(labels, impacts, strict=True)}
    details = "\n".join(f"{prediction.caption(label)}: {result.report()}"
                        for label, result in zip(labels, impacts, strict=True))

    def figures() -> None:
        from lessonlib.pictures.impact import show_impact

        for result in impacts:
            show_impact(result)

    return RevealView(prediction, counts, details, explanation=prediction.activity.after,
                      figures=figures)


def reveal_links(lesson: str, key: str, *models: Architecture) -> RevealView:
    """Reveal how many links couple two services in each model (one per label of the
    course's prediction ``key``), with each model's coupling report and its picture drawn
    along the dependencies.

    Introduced in ``02_who_depends_on_whom.ipynb``::

        reveal_links("02_who_depends_on_whom", "links", chain, orchestrated)
    """
    prediction = find_prediction(lesson, key)
    labels = prediction.labels
    if len(models) != len(labels):
        raise LessonTypeError(
            f"reveal_links({lesson!r}, {key!r}, ...) takes one model for each of "
            f"{', '.join(repr(prediction.caption(label)) for label in labels)}; got "
            f"{len(models)}.")
    models = tuple(expect_architecture(m, f"reveal_links()'s model #{n}")
                   for n, m in enumerate(models, 1))

    def counts() -> tuple[dict[str, int], str]:
        from lessonlib.coupling import coupling_report

        return ({label: len(m.couplings()) for label, m in zip(labels, models, strict=True)},
                "\n\n".join(coupling_report(m) for m in models))

    def figures() -> None:
        from lessonlib.pictures.architecture import show

        for m in models:
            show(m, dependencies=True)

    return RevealView(prediction, counts, explanation=prediction.activity.after,
                      figures=figures, button="Reveal the links")


def reveal_ledger() -> RevealView:
    """Lesson 02's reveal: the ledger of where each style wins, once its prediction is saved,
    with the second reactor in both styles, pictured after the change. Introduced in
    ``02_who_depends_on_whom.ipynb``.
    """
    from lessonlib.ledger import ledger

    prediction = find_prediction(*LEDGER)
    found = ledger()

    def figures() -> None:
        from IPython.display import display

        from lessonlib.pictures.impact import show_impact

        display(found)
        for result in found.reactor.values():
            show_impact(result, before=False)

    return RevealView(prediction, lambda: (ledger_answers(found), ""),
                      explanation=prediction.activity.after, figures=figures,
                      button="Reveal the ledger")


def reveal_false_alarm(arch: Architecture | None = None) -> RevealView:
    """Lesson 07's reveal: the detector run on the catalogue once the prediction about
    OrderPlaced is saved, its finding for OrderPlaced, then every event's (folded).

    Introduced in ``07_commands_in_disguise.ipynb``.
    """
    from lessonlib.disguise import detect
    from lessonlib.scenarios import costume_catalogue

    prediction = find_prediction(*FALSE_ALARM)
    model = costume_catalogue() if arch is None else expect_architecture(
        arch, "reveal_false_alarm()'s model")
    found = detect(model)

    def run() -> tuple[dict[str, str], str]:
        return (false_alarm_answers(found),
                f"{found.finding('OrderPlaced')}\n\n{found.summary()}")

    return RevealView(prediction, run, explanation=prediction.activity.after,
                      button="Run the detector",
                      folded=lambda: ("Every event's finding", found.table()))


def predict_criminal_check() -> PredictionView:
    """The lesson 04 prediction widget (choreography and orchestration counts).

    Introduced in ``04_criminal_check_exercise.ipynb``; the reveal
    (:func:`reveal_criminal_check`) shows no count until this prediction is saved.

    >>> CSS.prediction in predict_criminal_check()._dom_classes
    True
    """
    return predict(*CRIMINAL_CHECK)


def reveal_criminal_check(choreography: Draft | None = None,
                          orchestration: Draft | None = None) -> RevealView:
    """The lesson 04 reveal: counts for both styles, shown after a saved prediction.

    Counts the drafts given when they are finished, else the model answers; then
    says what the counts mean. Introduced in ``04_criminal_check_exercise.ipynb``.
    """
    prediction = find_prediction(*CRIMINAL_CHECK)
    return RevealView(prediction, lambda: criminal_check_counts(choreography, orchestration),
                      explanation=prediction.activity.after)


def predict_transport() -> PredictionView:
    """Lesson 01's prediction: does the queued command get an answer? does the feed's
    emitter learn who read the event? Introduced in ``01_commands_and_events.ipynb``."""
    return predict(*TRANSPORT)


def reveal_transport(amount: float = 49.90) -> RevealView:
    """Lesson 01's demo, run on the button once the prediction is saved: the same
    command and event over a queue and over HTTP, compared with the prediction.

    Introduced in ``01_commands_and_events.ipynb``.
    """
    from lessonlib.transport import same_message_two_envelopes

    prediction = find_prediction(*TRANSPORT)

    last: dict[str, object] = {}

    def run() -> tuple[dict[str, str], str]:
        report = same_message_two_envelopes(amount=amount)
        last["report"] = report
        return transport_answers(report), f"{report.summary()}\n\n{report.meaning()}"

    def envelopes() -> tuple[str, str]:
        report = last.get("report")
        return "Every delivery and its envelope", report.table() if report else ""

    return RevealView(prediction, run, explanation=prediction.activity.after,
                      button="Run the demo", folded=envelopes)


def _trip_change(change: object) -> tuple[str, str]:
    return TRIP_CHANGES[choose(change.strip().lower() if isinstance(change, str) else change,
                               TRIP_CHANGES, "change")]


def predict_trip_change(change: str) -> PredictionView:
    """Lesson 09's prediction for one of the trip's two changes (``"insurance"`` or ``"hotel
    first"``): how many services it touches in each design. Introduced in
    ``09_capstone_trip_booking.ipynb``.

    >>> predict_trip_change("insurance").prediction.labels
    ('choreography', 'orchestration', 'link by link')
    """
    return predict(*_trip_change(change))


def reveal_trip_change(change: str, trip: Draft | None = None) -> RevealView:
    """Lesson 09's reveal: the change counted in each design, the design decided link by link
    being the student's own model ``trip`` once it is finished (else the model answer, and
    the reveal says so); shown only after the prediction is saved. Introduced in
    ``09_capstone_trip_booking.ipynb``."""
    lesson, key = _trip_change(change)
    prediction = find_prediction(lesson, key)
    return RevealView(prediction, lambda: trip_change_counts(key, trip),
                      explanation=prediction.activity.after)
