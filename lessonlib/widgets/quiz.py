"""The quiz widget: native ipywidgets (keyboard-operable), thin over :mod:`lessonlib.course.quiz`.

Right and wrong are told by words and symbols ("✓ Correct." / "✗ Not quite."),
not by colour; no text colour is set, so the quiz reads in JupyterLab's light
and dark themes. The DOM classes the browser tests rely on are in :data:`CSS`;
each quiz also has ``lessonlib-quiz-<lesson>`` and each question
``lessonlib-question-<id>``.
"""

from __future__ import annotations

import html
from types import SimpleNamespace

import ipywidgets as widgets

from lessonlib.course import classroom
from lessonlib.course.progress import reset_quiz, save_answer, saved_answers, take_notices
from lessonlib.course.quiz import Feedback, Question, Quiz, grade, load_quiz
from lessonlib.errors import LessonError
from lessonlib.widgets.html import guarded
from lessonlib.widgets.html import markup as _markup

__all__ = ["QuizView", "QuestionView", "quiz", "feedback_html", "static_html", "CSS"]

#: DOM classes (the browser tests read them from here).
CSS = SimpleNamespace(
    quiz="lessonlib-quiz", question="lessonlib-question", prompt="lessonlib-prompt",
    options="lessonlib-options", option="lessonlib-option", check="lessonlib-check",
    hint="lessonlib-hint", hints="lessonlib-hints", feedback="lessonlib-feedback",
    score="lessonlib-score", reset="lessonlib-reset", notice="lessonlib-notice",
)


def quiz_class(lesson: str) -> str:
    """The DOM class of ``lesson``'s quiz."""
    return f"{CSS.quiz}-{lesson}"


def question_class(question_id: str) -> str:
    """The DOM class of the question ``question_id``."""
    return f"{CSS.question}-{question_id}"


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


class QuestionView(widgets.VBox):
    """One question. Parts: ``radio`` (single choice) or ``boxes`` (tick all that apply),
    ``check``, ``hint`` (None without hints), ``hints`` (those shown) and ``feedback``."""

    def __init__(self, question: Question, on_check):
        self.question = question
        self._on_check = on_check
        self.hints_shown = 0
        prompt = widgets.HTML(value=f"<p><strong>{_markup(question.prompt)}</strong></p>")
        prompt.add_class(CSS.prompt)
        if question.kind == "single":
            self.radio = widgets.RadioButtons(options=list(question.options), value=None,
                                              layout=widgets.Layout(width="auto"))
            self.radio.add_class(CSS.options)
            self.boxes: list[widgets.Checkbox] = []
            options = self.radio
        else:
            self.radio = None
            self.boxes = []
            for option in question.options:
                box = widgets.Checkbox(value=False, description=option, indent=False,
                                       layout=widgets.Layout(width="auto"))
                box.add_class(CSS.option)
                self.boxes.append(box)
            options = widgets.VBox(self.boxes)
            options.add_class(CSS.options)
        self.check = widgets.Button(description="Check", tooltip="Check your answer")
        self.check.add_class(CSS.check)
        self.check.on_click(guarded(lambda _button: self.check_answer(), lambda: self.feedback))
        buttons = [self.check]
        self.hint = None
        if question.hints:
            self.hint = widgets.Button(description="Hint", tooltip="Show one more hint")
            self.hint.add_class(CSS.hint)
            self.hint.on_click(guarded(lambda _button: self.show_hint(), lambda: self.feedback))
            buttons.append(self.hint)
        self.hints = widgets.HTML(value="")
        self.hints.add_class(CSS.hints)
        self.feedback = widgets.HTML(value="")
        self.feedback.add_class(CSS.feedback)
        super().__init__([prompt, options, widgets.HBox(buttons), self.hints, self.feedback])
        self.add_class(CSS.question)
        self.add_class(question_class(question.id))

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


class QuizView(widgets.VBox):
    """A whole quiz with its running score; answers are saved and restored.

    Parts: ``questions`` (one :class:`QuestionView` each), ``score``, ``reset``
    and ``notice``. Outside JupyterLab (a static page) it reads as plain
    questions, without answers.
    """

    def __init__(self, quiz: Quiz):
        self.quiz = quiz
        self.results: dict[str, bool] = {}
        self.questions = [QuestionView(q, self._checked) for q in quiz]
        self.score = widgets.HTML(value="")
        self.score.add_class(CSS.score)
        self.notice = widgets.HTML(value="")
        self.notice.add_class(CSS.notice)
        self.reset = widgets.Button(description="Reset this quiz",
                                    tooltip="Forget your answers to this quiz")
        self.reset.add_class(CSS.reset)
        self.reset.on_click(guarded(lambda _button: self.reset_quiz(), self.notice))
        parts = []
        if quiz.title:
            parts.append(widgets.HTML(value=f"<h3>{_markup(quiz.title)}</h3>"))
        parts += self.questions
        parts += [self.score, self.reset, self.notice]
        super().__init__(parts)
        self.add_class(CSS.quiz)
        self.add_class(quiz_class(quiz.lesson))
        self._restore()
        self._update_score()
        self._show_notices()

    def _repr_mimebundle_(self, **kwargs):
        bundle = super()._repr_mimebundle_(**kwargs)
        if bundle is not None:
            bundle["text/html"] = static_html(self.quiz)
        return bundle

    def _restore(self) -> None:
        saved = saved_answers(self.quiz.lesson)
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
        save_answer(self.quiz.lesson, question.id, list(fb.chosen), fb.correct)
        # Saved first: the progress file is the record. On a hub with the classroom
        # service, the answer also goes to the instructor, in the background.
        classroom.send_answer(self.quiz.lesson, question.id, list(fb.chosen))
        self._show_notices()

    def _update_score(self) -> None:
        right = sum(self.results.values())
        self.score.value = f"Score: {right} / {len(self.quiz)}"

    def _show_notices(self) -> None:
        notes = take_notices() + classroom.take_notices()
        if notes:
            self.notice.value = "".join(f"<p>{html.escape(n)}</p>" for n in notes)

    def reset_quiz(self) -> None:
        reset_quiz(self.quiz.lesson)
        self.results.clear()
        for qv in self.questions:
            qv.clear()
        self._update_score()
        self._show_notices()


def quiz(source: object, *, name: str = "practice") -> QuizView:
    """Show a lesson's quiz: pick, press Check, read the feedback; answers are saved.

    Introduced in ``notebooks/00_start_here.ipynb``. Put it on the last line of
    a cell, e.g. ``quiz("01_commands_and_events")``. Answers and the score are
    saved (see :mod:`lessonlib.course.progress`), so the quiz shows them again
    after a kernel restart.

    Parameters
    ----------
    source : str or list
        A lesson id, or a list of question dicts (see
        :func:`lessonlib.course.quiz.load_quiz`).
    name : str
        The name progress is saved under when ``source`` is a list.

    Examples
    --------
    >>> view = quiz("00_start_here")
    >>> CSS.quiz in view._dom_classes, len(view.questions)
    (True, 2)
    """
    return QuizView(load_quiz(source, name=name))
