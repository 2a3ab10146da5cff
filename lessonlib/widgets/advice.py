"""Lesson 08's self-assessment: four questions, a button, advice with links to the lessons.

The logic is :func:`lessonlib.course.advice.advise`; the widget only shows it.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from types import SimpleNamespace

import ipywidgets as widgets

from lessonlib.cards.reports import advice_feedback_html
from lessonlib.course.advice import QUESTIONS, advise, question
from lessonlib.errors import LessonTypeError, shown
from lessonlib.widgets.button import ActionButton
from lessonlib.widgets.choice import FORM_CLASS, ChoiceGroup, forms_style
from lessonlib.widgets.html import guarded, interactive_note, static_form

__all__ = ["SelfAssessment", "self_assessment", "CSS"]

#: DOM classes (the browser test reads them from here); each question's options also
#: carry ``lessonlib-advice-<question id>``.
CSS = SimpleNamespace(whole="lessonlib-advice", advise="lessonlib-advice-button",
                      feedback="lessonlib-advice-feedback")


def options_class(question_id: str) -> str:
    """The DOM class of one question's options."""
    return f"lessonlib-advice-{question_id}"


class SelfAssessment(widgets.VBox):
    """Four questions and a button. Parts: ``radios`` (question id -> its options, a
    :class:`~lessonlib.widgets.choice.ChoiceGroup`: one Tab stop, the arrow keys choose,
    named by its question), ``advise`` (the button, "Get advice") and ``feedback`` (the
    advice). :meth:`choose` and :meth:`answers` speak in the options' keys.

    >>> box = SelfAssessment()
    >>> box.advise.click()
    >>> box.feedback.value.startswith("<p>Answer every question first")
    True
    >>> box = SelfAssessment({"owner": "sender", "reactors": "several", "flow": "owned",
    ...                       "reason": "per-link"})
    >>> box.advise.click()
    >>> "leans towards a command" in box.feedback.value
    True
    """

    def __init__(self, answers: Mapping[str, str] | None = None):
        self.radios: dict[str, ChoiceGroup] = {}
        parts = [forms_style()]
        for q in QUESTIONS:
            radio = ChoiceGroup(options=[text for _, text in q.options], label=q.prompt)
            radio.add_class(options_class(q.id))
            self.radios[q.id] = radio
            prompt = widgets.HTML(value=f"<p><strong>{html.escape(q.prompt)}</strong></p>")
            parts.append(widgets.VBox([prompt, radio]))
        if answers is not None and not isinstance(answers, Mapping):
            raise LessonTypeError(f"answers= maps a question to your answer, like "
                                  f"{{'owner': 'sender'}}; got {shown(answers)}.")
        for name, value in (answers or {}).items():
            self.choose(name, value)
        self.advise = ActionButton(description="Get advice",
                                   tooltip="Turn your answers into advice",
                                   carries=list(self.radios.values()))
        self.advise.add_class(CSS.advise)
        self.advise.on_click(guarded(lambda _button: self.give_advice(), lambda: self.feedback))
        self.feedback = widgets.HTML(value="")
        self.feedback.add_class(CSS.feedback)
        super().__init__([*parts, self.advise, self.feedback])
        self.add_class(CSS.whole)
        self.add_class(FORM_CLASS)

    def choose(self, name: str, value: str) -> None:
        """Pick the answer ``value`` (an option's key or its text) to the question ``name``."""
        q = question(name)
        self.radios[q.id].value = [q.text_of(q.key_of(value))]

    def answers(self) -> dict[str, str | None]:
        """Each question's chosen option, as its key (None while unanswered)."""
        return {q.id: (q.key_of(self.radios[q.id].value[0]) if self.radios[q.id].value
                       else None) for q in QUESTIONS}

    def _repr_mimebundle_(self, **kwargs):
        asked = "".join(f"<li><p><strong>{html.escape(q.prompt)}</strong></p><ul>"
                        + "".join(f"<li>{html.escape(text)}</li>" for _, text in q.options)
                        + "</ul></li>" for q in QUESTIONS)
        return static_form(super()._repr_mimebundle_(**kwargs), f"<ol>{asked}</ol>"
                           + interactive_note("pick an answer to each question and press Get "
                                              "advice."))

    def give_advice(self) -> None:
        chosen = self.answers()
        open_ = [q.prompt for q in QUESTIONS if chosen[q.id] is None]
        if open_:
            self.feedback.value = ("<p>Answer every question first (pick \"I am not sure\" "
                                   f"where you are). Still open: {html.escape('; '.join(open_))}"
                                   "</p>")
            return
        self.feedback.value = advice_feedback_html(advise(**chosen))


def self_assessment(answers: Mapping[str, str] | None = None) -> SelfAssessment:
    """The self-assessment widget (see :class:`SelfAssessment`).

    Introduced in ``08_check_your_understanding.ipynb``.
    """
    return SelfAssessment(answers)
