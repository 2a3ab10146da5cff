"""The concept check's form: twelve items, handed in once, thin over
:mod:`lessonlib.course.concept_check`.

The pre form (end of lesson 00) and the post form (end of lesson 09) look alike: each
item's options in one keyboard group (or a box for a number), in an order shuffled per
student, and one **Hand in** button. A form is handed in whole, once: its answers are then
locked. The pre form says no verdict until the post form is handed in; then both forms
show each item's verdict and feedback, and the post form shows the gain per concept.

The DOM classes the browser tests rely on are in :data:`CSS`; each item also has
``lessonlib-cc-item-<id>``.
"""

from __future__ import annotations

from types import SimpleNamespace

import ipywidgets as widgets

from lessonlib.cards.concept_check import form_static_html, gain_html
from lessonlib.course.concept_check import (
    FORMS,
    POST,
    PRE,
    as_form,
    form_answers,
    form_items,
    gain_report,
    hand_in,
    handed_in,
)
from lessonlib.course.progress import student_seed
from lessonlib.course.quiz import display_order, grade, load_concept_check
from lessonlib.errors import LessonError
from lessonlib.widgets.button import ActionButton
from lessonlib.widgets.choice import FORM_CLASS, ChoiceGroup, forms_style
from lessonlib.widgets.html import guarded, paragraphs, static_form
from lessonlib.widgets.html import markup as _markup
from lessonlib.widgets.quiz import feedback_html

__all__ = ["ConceptCheckView", "ItemView", "concept_check", "CSS"]

#: DOM classes (the browser tests read them from here).
CSS = SimpleNamespace(form="lessonlib-concept-check", item="lessonlib-cc-item",
                      options="lessonlib-cc-options", number="lessonlib-cc-number",
                      hand_in="lessonlib-cc-hand-in", status="lessonlib-cc-status",
                      verdict="lessonlib-cc-verdict", gain="lessonlib-cc-gain")


def item_class(item: str) -> str:
    """The DOM class of the item ``item``."""
    return f"{CSS.item}-{item}"


class ItemView(widgets.VBox):
    """One item. Parts: ``choices`` (a :class:`ChoiceGroup`; None for a number), ``number``
    (a text box; None unless numeric) and ``verdict`` (the feedback, once it may be shown)."""

    def __init__(self, activity, seed: str):
        self.activity = activity
        prompt = widgets.HTML(value=f"<p><strong>{_markup(activity.prompt)}</strong></p>")
        self.choices: ChoiceGroup | None = None
        self.number: widgets.Text | None = None
        if activity.shape == "numeric":
            self.number = widgets.Text(value="", placeholder="a whole number",
                                       description="Your answer:",
                                       style={"description_width": "initial"},
                                       layout=widgets.Layout(width="16em"))
            self.number.add_class(CSS.number)
            answer = self.number
        else:
            self.choices = ChoiceGroup(options=list(display_order(activity.question, seed)),
                                       label=activity.prompt)
            self.choices.add_class(CSS.options)
            answer = self.choices
        self.verdict = widgets.HTML(value="")
        self.verdict.add_class(CSS.verdict)
        super().__init__([prompt, answer, self.verdict])
        self.add_class(CSS.item)
        self.add_class(item_class(activity.key))

    def selection(self) -> list[str]:
        if self.number is not None:
            return [self.number.value.strip()] if self.number.value.strip() else []
        return self.choices.selection

    def show(self, answer: list[str], verdict: bool) -> None:
        """Show a handed-in answer, locked; with ``verdict``, its feedback too."""
        if self.number is not None:
            self.number.value = answer[0] if answer else ""
            self.number.disabled = True
        else:
            self.choices.value = list(answer)
            self.choices.disabled = True
        if not verdict:
            return
        try:
            fb = grade(self.activity.question, answer)
        except LessonError:  # the item was edited since: say nothing wrong about it
            return
        self.verdict.value = feedback_html(fb)
        if self.choices is not None:
            self.choices.marks = {o: "right" if r else "wrong"
                                  for o, r in zip(fb.chosen, fb.marks, strict=True)}


class ConceptCheckView(widgets.VBox):
    """One form of the concept check. Parts: ``items`` (one :class:`ItemView` each),
    ``hand_in`` (the button), ``status`` (what happened) and ``gain`` (the post form's gain
    per concept, once both forms are handed in)."""

    def __init__(self, form: str):
        self.form = form
        self.activities = form_items(form)
        quiz = load_concept_check(FORMS[form])
        self.title = quiz.title
        seed = student_seed()
        self.items = [ItemView(a, seed) for a in self.activities]
        self.hand_in = ActionButton(description="Hand in the concept check",
                                    label=f"Hand in the concept check: {self.title}",
                                    tooltip="Hand in every answer at once; they are then "
                                            "kept as they are", button_style="primary",
                                    carries=[item.number if item.number is not None
                                             else item.choices
                                             for item in self.items])
        self.hand_in.add_class(CSS.hand_in)
        self.hand_in.on_click(guarded(lambda _button: self.hand_in_answers(),
                                      lambda: self.status))
        self.status = widgets.HTML(value="")
        self.status.add_class(CSS.status)
        self.gain = widgets.HTML(value="")
        self.gain.add_class(CSS.gain)
        super().__init__([forms_style(), widgets.HTML(value=f"<h3>{_markup(self.title)}</h3>"),
                          *self.items, self.hand_in, self.status, self.gain])
        self.add_class(CSS.form)
        self.add_class(FORM_CLASS)
        self._restore()

    def _repr_mimebundle_(self, **kwargs):
        return static_form(super()._repr_mimebundle_(**kwargs),
                           form_static_html(self.title, self.activities)
                           + "<p><em>Answer the concept check in JupyterLab: your answers are "
                           "kept, and after the capstone you see what you learnt.</em></p>")

    def _restore(self, notes: list[str] | None = None) -> None:
        if not handed_in(self.form):
            return
        answers = form_answers(self.form)
        verdicts = handed_in(POST)
        for view in self.items:
            view.show(answers[view.activity.key], verdicts)
        self.hand_in.disabled = True
        if self.form == PRE and not verdicts:
            said = ("Handed in, and kept as you gave it. You will see how you did at the end "
                    "of the course, after the capstone, beside the same questions asked "
                    "about other systems. On to lesson 01!")
        elif self.form == PRE:
            said = "Handed in before lesson 01. Each item shows its verdict and feedback."
        else:
            said = ("Handed in. Each item shows its verdict and feedback; below, what you "
                    "knew before lesson 01 and now, concept by concept.")
            self.gain.value = gain_html(gain_report())
        self.status.value = paragraphs("\n".join([said, *(notes or [])]))

    def hand_in_answers(self) -> None:
        """The button: every item needs an answer; then the form is handed in and locked."""
        if handed_in(self.form):
            self._restore()
            return
        answers = {view.activity.key: view.selection() for view in self.items}
        open_items = [n for n, view in enumerate(self.items, 1) if not answers[view.activity.key]]
        if open_items:
            self.status.value = paragraphs(
                f"Answer every item first: {len(open_items)} still open (item "
                f"{', '.join(map(str, open_items))}). Nothing is handed in yet.")
            return
        try:
            notes = hand_in(self.form, answers)
        except LessonError as exc:  # a number that is not one: a sentence, nothing saved
            self.status.value = paragraphs(f"{exc} Nothing is handed in yet.")
            return
        self._restore(notes)


def concept_check(form: str) -> ConceptCheckView:
    """Show a form of the concept check: ``"pre"`` (end of lesson 00) or ``"post"`` (end of
    lesson 09). Introduced in ``00_start_here.ipynb``.

    >>> CSS.form in concept_check("pre")._dom_classes
    True
    """
    return ConceptCheckView(as_form(form))
