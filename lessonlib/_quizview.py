"""The quiz widget: native ipywidgets (keyboard-operable), thin over :mod:`lessonlib.quiz`.

DOM contract (the browser tests rely on these classes):
``lessonlib-quiz`` / ``lessonlib-quiz-<lesson>`` on the whole quiz;
``lessonlib-question`` / ``lessonlib-question-<id>`` per question;
``lessonlib-options`` on the RadioButtons (single) or on the box of
``lessonlib-option`` Checkboxes (multiple); ``lessonlib-check``,
``lessonlib-hint``, ``lessonlib-feedback``, ``lessonlib-score``,
``lessonlib-reset``. Right and wrong are told by words and symbols
("✓ Correct." / "✗ Not quite."), not by colour; no text colour is set, so the
quiz reads in JupyterLab's light and dark themes.
"""

from __future__ import annotations

import html
import re

import ipywidgets as widgets

from lessonlib._errors import LessonError
from lessonlib.progress import reset_quiz, save_answer, saved_answers, take_notices
from lessonlib.quiz import Feedback, Question, Quiz, grade

_CODE = re.compile(r"`([^`]+)`")


def _markup(text: str) -> str:
    """Escape ``text`` for HTML; `backticks` become <code>."""
    return _CODE.sub(r"<code>\1</code>", html.escape(text))


def feedback_html(fb: Feedback) -> str:
    """The feedback as HTML; its text starts with the verdict ("✓ Correct." / "✗ Not quite.")."""
    items = "".join(
        f"<li><strong>{_markup(option)}</strong>: {_markup(text)}</li>"
        for option, text in fb.option_feedback
    )
    note = f" {_markup(fb.note)}" if fb.note else ""
    return f"{fb.verdict}{note}<ul>{items}</ul><p>{_markup(fb.explanation)}</p>"


def static_html(quiz: Quiz) -> str:
    """The quiz as plain HTML: prompts and options, never answers or feedback.

    A static page (``make html``) shows this where JupyterLab shows the widget.
    """
    parts = [f"<h3>{_markup(quiz.title)}</h3>" if quiz.title else ""]
    for number, q in enumerate(quiz, 1):
        how = "Choose one." if q.kind == "single" else "Choose all that apply."
        options = "".join(f"<li>{_markup(o)}</li>" for o in q.options)
        parts.append(f'<div class="lessonlib-static-question"><p><strong>{number}.</strong> '
                     f"{_markup(q.prompt)} <em>{how}</em></p><ul>{options}</ul></div>")
    parts.append("<p><em>Answer this quiz in JupyterLab to see the feedback and your "
                 "score.</em></p>")
    return "".join(parts)


class QuizBox(widgets.VBox):
    """The quiz's box; outside JupyterLab (a static page) it reads as plain questions."""

    def __init__(self, children, static: str):
        super().__init__(children)
        self._static = static

    def _repr_mimebundle_(self, **kwargs):
        bundle = super()._repr_mimebundle_(**kwargs)
        if bundle is not None:
            bundle["text/html"] = self._static
        return bundle


class QuestionView:
    """One question: prompt, options, Check, Hint, hints shown, feedback."""

    def __init__(self, question: Question, on_check):
        self.question = question
        self._on_check = on_check
        self.hints_shown = 0
        prompt = widgets.HTML(value=f"<p><strong>{_markup(question.prompt)}</strong></p>")
        prompt.add_class("lessonlib-prompt")
        if question.kind == "single":
            self.radio = widgets.RadioButtons(options=list(question.options), value=None,
                                              layout=widgets.Layout(width="auto"))
            self.radio.add_class("lessonlib-options")
            self.boxes: list[widgets.Checkbox] = []
            options = self.radio
        else:
            self.radio = None
            self.boxes = []
            for option in question.options:
                box = widgets.Checkbox(value=False, description=option, indent=False,
                                       layout=widgets.Layout(width="auto"))
                box.add_class("lessonlib-option")
                self.boxes.append(box)
            options = widgets.VBox(self.boxes)
            options.add_class("lessonlib-options")
        self.check = widgets.Button(description="Check", tooltip="Check your answer")
        self.check.add_class("lessonlib-check")
        self.check.on_click(lambda _button: self.check_answer())
        buttons = [self.check]
        self.hint = None
        if question.hints:
            self.hint = widgets.Button(description="Hint", tooltip="Show one more hint")
            self.hint.add_class("lessonlib-hint")
            self.hint.on_click(lambda _button: self.show_hint())
            buttons.append(self.hint)
        self.hints = widgets.HTML(value="")
        self.hints.add_class("lessonlib-hints")
        self.feedback = widgets.HTML(value="")
        self.feedback.add_class("lessonlib-feedback")
        self.box = widgets.VBox([prompt, options, widgets.HBox(buttons), self.hints,
                                 self.feedback])
        self.box.add_class("lessonlib-question")
        self.box.add_class(f"lessonlib-question-{question.id}")

    # -- state
    def selection(self) -> list[str]:
        if self.radio is not None:
            return [] if self.radio.value is None else [self.radio.value]
        return [b.description for b in self.boxes if b.value]

    def select(self, choice: list[str]) -> None:
        if self.radio is not None:
            self.radio.value = choice[0] if choice else None
        else:
            for b in self.boxes:
                b.value = b.description in choice

    def show(self, fb: Feedback | None) -> None:
        self.feedback.value = "" if fb is None else feedback_html(fb)

    def clear(self) -> None:
        self.select([])
        self.show(None)
        self.hints_shown = 0
        self.hints.value = ""
        if self.hint is not None:
            self.hint.disabled = False

    # -- actions
    def check_answer(self) -> None:
        chosen = self.selection()
        if not chosen:
            verb = "Pick an option" if self.radio is not None else "Tick at least one option"
            self.feedback.value = f"{verb} first, then press Check."
            return
        try:
            fb = grade(self.question, chosen)
        except LessonError as exc:  # cannot happen from the widget's own options
            self.feedback.value = _markup(f"That answer could not be checked: {exc}")
            return
        self.show(fb)
        self._on_check(self.question, fb)

    def show_hint(self) -> None:
        total = len(self.question.hints)
        if self.hints_shown < total:
            self.hints_shown += 1
        shown = self.question.hints[: self.hints_shown]
        self.hints.value = "".join(
            f"<p>Hint {i} of {total}: {_markup(h)}</p>" for i, h in enumerate(shown, 1)
        )
        if self.hint is not None and self.hints_shown >= total:
            self.hint.disabled = True


class QuizView:
    """A whole quiz with its running score; answers are saved and restored."""

    def __init__(self, quiz: Quiz):
        self.quiz = quiz
        self.results: dict[str, bool] = {}
        self.questions = [QuestionView(q, self._checked) for q in quiz]
        self.score = widgets.HTML(value="")
        self.score.add_class("lessonlib-score")
        self.notice = widgets.HTML(value="")
        self.notice.add_class("lessonlib-notice")
        self.reset = widgets.Button(description="Reset this quiz",
                                    tooltip="Forget your answers to this quiz")
        self.reset.add_class("lessonlib-reset")
        self.reset.on_click(lambda _button: self.reset_quiz())
        parts = []
        if quiz.title:
            parts.append(widgets.HTML(value=f"<h3>{_markup(quiz.title)}</h3>"))
        parts += [qv.box for qv in self.questions]
        parts += [self.score, self.reset, self.notice]
        self.widget = QuizBox(parts, static_html(quiz))
        self.widget.add_class("lessonlib-quiz")
        self.widget.add_class(f"lessonlib-quiz-{quiz.lesson}")
        self._restore()
        self._update_score()
        self._show_notices()

    def _restore(self) -> None:
        saved = saved_answers(self.quiz.lesson, self.quiz.lesson)
        for qv in self.questions:
            record = saved.get(qv.question.id)
            if record is None:
                continue
            try:
                fb = grade(qv.question, record["choice"])
            except LessonError:  # the question changed since; treat as unanswered
                continue
            qv.select(list(fb.chosen))
            qv.show(fb)
            self.results[qv.question.id] = fb.correct

    def _checked(self, question: Question, fb: Feedback) -> None:
        self.results[question.id] = fb.correct
        self._update_score()
        save_answer(self.quiz.lesson, self.quiz.lesson, question.id,
                              list(fb.chosen), fb.correct)
        self._show_notices()

    def _update_score(self) -> None:
        right = sum(self.results.values())
        self.score.value = f"Score: {right} / {len(self.quiz)}"

    def _show_notices(self) -> None:
        notes = take_notices()
        if notes:
            self.notice.value = "".join(f"<p>{html.escape(n)}</p>" for n in notes)

    def reset_quiz(self) -> None:
        reset_quiz(self.quiz.lesson, self.quiz.lesson)
        self.results.clear()
        for qv in self.questions:
            qv.clear()
        self._update_score()
        self._show_notices()
