"""The quiz widget, thin over :mod:`lessonlib.course.quiz`.

Each question's options form one keyboard group (:class:`~lessonlib.widgets.choice.ChoiceGroup`:
radios one Tab stop, the arrow keys move the choice; each checkbox a Tab stop, Space
ticks it), shown in an order shuffled per
student (:func:`lessonlib.course.quiz.display_order`, seeded from the progress
file, so it is the same after a reload). Right and wrong are told three ways:
words ("Correct." / "Not quite."), an icon (✓ / ✗) and a colour that reads in
JupyterLab's light and dark themes (``static/forms.css``). Feedback clears as
soon as the choice changes, so it never describes an answer no longer on screen.

The DOM classes the browser tests rely on are in :data:`CSS`; each quiz also
has ``lessonlib-quiz-<lesson>`` and each question ``lessonlib-question-<id>``.
"""

from __future__ import annotations

import html
from types import SimpleNamespace

import ipywidgets as widgets

from lessonlib.course.activities import quiz_activities
from lessonlib.course.lessons import LESSONS
from lessonlib.course.progress import reset_quiz, saved_answers, student_seed
from lessonlib.course.quiz import Feedback, Question, Quiz, display_order, grade, load_quiz
from lessonlib.course.submit import notices, submit
from lessonlib.errors import LessonError
from lessonlib.prose import plural
from lessonlib.widgets.button import ActionButton
from lessonlib.widgets.choice import FORM_CLASS, ChoiceGroup, forms_style
from lessonlib.widgets.html import guarded, static_form
from lessonlib.widgets.html import markup as _markup

__all__ = ["QuizView", "QuestionView", "quiz", "feedback_html", "static_html", "CSS",
           "verdict_html"]

#: DOM classes (the browser tests read them from here).
CSS = SimpleNamespace(
    quiz="lessonlib-quiz", question="lessonlib-question", prompt="lessonlib-prompt",
    options="lessonlib-options", option="lessonlib-choice", number="lessonlib-number",
    check="lessonlib-check", hint="lessonlib-hint", hints="lessonlib-hints",
    feedback="lessonlib-feedback", score="lessonlib-score", reset="lessonlib-reset",
    confirm="lessonlib-reset-confirm", reset_yes="lessonlib-reset-yes",
    reset_no="lessonlib-reset-no", notice="lessonlib-notice", finished="lessonlib-finished",
    right="lessonlib-right", wrong="lessonlib-wrong", mark="lessonlib-mark",
)


def quiz_class(lesson: str) -> str:
    """The DOM class of ``lesson``'s quiz."""
    return f"{CSS.quiz}-{lesson}"


def question_class(question_id: str) -> str:
    """The DOM class of the question ``question_id``."""
    return f"{CSS.question}-{question_id}"


def _mark(right: bool) -> str:
    cls = CSS.right if right else CSS.wrong
    return f"<span class='{CSS.mark} {cls}' aria-hidden='true'>{'✓' if right else '✗'}</span>"


def verdict_html(right: bool, words: str) -> str:
    """A verdict told three ways: icon, colour and words (``words`` starts with them)."""
    cls = CSS.right if right else CSS.wrong
    return f"<span class='{cls}'>{_mark(right)} {_markup(words)}</span>"


def feedback_html(fb: Feedback) -> str:
    """The feedback as HTML: the verdict, each choice marked right or wrong, the explanation.

    Its text starts with "✓ Correct." or "✗ Not quite.".
    """
    words = "Correct." if fb.correct else "Not quite."
    note = f" {_markup(fb.note)}" if fb.note else ""
    items = []
    for (option, text), right in zip(fb.option_feedback, fb.marks, strict=True):
        what = (f"You answered {_markup(option)}" if fb.kind == "numeric"
                else f"<strong>{_markup(option)}</strong>")
        items.append(f"<li>{_mark(right)} {what}: {_markup(text)}</li>")
    return (f"<p>{verdict_html(fb.correct, words)}{note}</p>"
            f"<ul class='lessonlib-feedback-list'>{''.join(items)}</ul>"
            f"<p>{_markup(fb.explanation)}</p>")


def static_html(quiz: Quiz) -> str:
    """The quiz as plain HTML: prompts and options, never answers or feedback.

    A static page (``make html``) shows this where JupyterLab shows the widget.
    """
    parts = [f"<h3>{_markup(quiz.title)}</h3>" if quiz.title else ""]
    for number, q in enumerate(quiz, 1):
        how = {"single": "Choose one.", "multiple": "Choose all that apply.",
               "numeric": "Type a whole number."}[q.kind]
        options = "".join(f"<li>{_markup(o)}</li>" for o in q.options)
        parts.append(f'<div class="lessonlib-static-question"><p><strong>{number}.</strong> '
                     f"{_markup(q.prompt)} <em>{how}</em></p>"
                     + (f"<ul>{options}</ul>" if options else "") + "</div>")
    parts.append("<p><em>Answer this quiz in JupyterLab to see the feedback and your "
                 "score.</em></p>")
    return "".join(parts)


class QuestionView(widgets.VBox):
    """One question, the ``position``-th of its quiz (from 1). Parts: ``choices`` (a
    :class:`ChoiceGroup`; None for a numeric question), ``number`` (a text box; None unless
    numeric), ``check`` (the button labelled Check, named "Check question <position>" for a
    screen reader, which grades the answer), ``hint`` (None without hints), ``hints``
    (those shown) and ``feedback``."""

    def __init__(self, question: Question, on_graded, seed: str = "", position: int = 1):
        self.question = question
        self.position = position
        self._on_graded = on_graded
        self.hints_shown = 0
        self._showing = False  # True while restoring or grading: keep the feedback
        prompt = widgets.HTML(value=f"<p><strong>{position}. {_markup(question.prompt)}"
                                    "</strong></p>")
        prompt.add_class(CSS.prompt)
        self.choices: ChoiceGroup | None = None
        self.number: widgets.Text | None = None
        if question.kind == "numeric":
            self.number = widgets.Text(value="", placeholder="a whole number",
                                       description=f"Your answer to question {position}:",
                                       style={"description_width": "initial"},
                                       layout=widgets.Layout(width="auto"))
            self.number.add_class(CSS.number)
            self.number.observe(self._changed, names="value")
            answer = self.number
        else:
            self.choices = ChoiceGroup(options=list(display_order(question, seed)),
                                       multiple=question.kind == "multiple",
                                       label=f"Question {position}: {question.prompt}")
            self.choices.add_class(CSS.options)
            self.choices.observe(self._changed, names="value")
            answer = self.choices
        # The answer as the browser has it travels with the press (widgets/button.py).
        self.check = ActionButton(description="Check", label=f"Check question {position}",
                                  tooltip="Check your answer", button_style="primary",
                                  carries=answer)
        self.check.add_class(CSS.check)
        self.check.on_click(guarded(lambda _button: self.grade_answer(), lambda: self.feedback))
        buttons = [self.check]
        self.hint = None
        if question.hints:
            self.hint = ActionButton(description="Hint", label=f"Hint for question {position}",
                                     tooltip="Show one more hint")
            self.hint.add_class(CSS.hint)
            self.hint.on_click(guarded(lambda _button: self.show_hint(), lambda: self.feedback))
            buttons.append(self.hint)
        self.hints = widgets.HTML(value="")
        self.hints.add_class(CSS.hints)
        self.feedback = widgets.HTML(value="")
        self.feedback.add_class(CSS.feedback)
        super().__init__([prompt, answer, widgets.HBox(buttons), self.hints, self.feedback])
        self.add_class(CSS.question)
        self.add_class(question_class(question.id))

    @property
    def options(self) -> tuple[str, ...]:
        """The options in the order this student sees them."""
        return tuple(self.choices.options) if self.choices is not None else ()

    # -- state
    def selection(self) -> list[str]:
        if self.number is not None:
            return [self.number.value] if self.number.value.strip() else []
        return self.choices.selection

    def select(self, choice: list[str]) -> None:
        if self.number is not None:
            self.number.value = choice[0] if choice else ""
        else:
            self.choices.value = list(choice)

    def show(self, fb: Feedback | None) -> None:
        self.feedback.value = "" if fb is None else feedback_html(fb)
        if self.choices is not None:
            self.choices.marks = ({} if fb is None else
                                  {o: "right" if r else "wrong"
                                   for o, r in zip(fb.chosen, fb.marks, strict=True)})

    def restore(self, fb: Feedback) -> None:
        """Show a saved answer and its feedback (a reload or a restart)."""
        self._showing = True
        try:
            self.select(list(fb.chosen))
            self.show(fb)
        finally:
            self._showing = False

    def clear(self) -> None:
        self.select([])
        self.show(None)
        self.hints_shown = 0
        self.hints.value = ""
        if self.hint is not None:
            self.hint.disabled = False

    def _changed(self, _change) -> None:
        # A new choice makes the old feedback stale: it described another answer.
        if not self._showing and (self.feedback.value or (self.choices and self.choices.marks)):
            self.show(None)

    # -- actions
    def grade_answer(self) -> None:
        chosen = self.selection()
        if not chosen:
            verb = {"single": "Pick an option", "multiple": "Tick at least one option",
                    "numeric": "Type a whole number"}[self.question.kind]
            self.feedback.value = f"<p>{verb} first, then press Check.</p>"
            return
        try:
            fb = grade(self.question, chosen)
        except LessonError as exc:  # a typed number that is not one: a sentence, no grade
            self.feedback.value = f"<p>{_markup(str(exc))} Nothing was saved.</p>"
            return
        self.show(fb)
        self._on_graded(self.question, fb)

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


def _next_lesson(lesson: str) -> tuple[str, str] | None:
    ids = list(LESSONS)
    if lesson not in ids or ids.index(lesson) + 1 >= len(ids):
        return None
    nxt = ids[ids.index(lesson) + 1]
    return nxt, f"{nxt[:2]} {LESSONS[nxt]}"


class QuizView(widgets.VBox):
    """A whole quiz with its running score; answers are saved and restored.

    Parts: ``questions`` (one :class:`QuestionView` each), ``score``,
    ``finished`` (says so once every question is answered, with a link to the
    next lesson), ``reset`` and its confirmation (``confirm``, ``reset_yes``,
    ``reset_no``), and ``notice``. Outside JupyterLab (a static page) it reads
    as plain questions, without answers.
    """

    def __init__(self, quiz: Quiz):
        self.quiz = quiz
        self.activities = {a.key: a for a in quiz_activities(quiz)}
        self.results: dict[str, bool] = {}
        seed = student_seed()
        self.questions = [QuestionView(q, self._graded, seed, n)
                          for n, q in enumerate(quiz, 1)]
        self.score = widgets.HTML(value="")
        self.score.add_class(CSS.score)
        self.finished = widgets.HTML(value="")
        self.finished.add_class(CSS.finished)
        self.notice = widgets.HTML(value="")
        self.notice.add_class(CSS.notice)
        self.reset = widgets.Button(description="Reset this quiz",
                                    tooltip="Forget your answers to this quiz (asks first)")
        self.reset.add_class(CSS.reset)
        self.reset.on_click(guarded(lambda _button: self.ask_to_reset(), lambda: self.notice))
        self.confirm_text = widgets.HTML(value="")
        self.reset_yes = widgets.Button(description="Yes, forget them",
                                        tooltip="Forget every answer to this quiz")
        self.reset_yes.add_class(CSS.reset_yes)
        self.reset_yes.on_click(guarded(lambda _button: self.reset_quiz(), lambda: self.notice))
        self.reset_no = widgets.Button(description="No, keep them", tooltip="Keep your answers")
        self.reset_no.add_class(CSS.reset_no)
        self.reset_no.on_click(guarded(lambda _button: self.keep_answers(), lambda: self.notice))
        self.confirm = widgets.HBox([self.confirm_text, self.reset_yes, self.reset_no],
                                    layout=widgets.Layout(display="none", align_items="center"))
        self.confirm.add_class(CSS.confirm)
        parts = [forms_style()]
        if quiz.title:
            parts.append(widgets.HTML(value=f"<h3>{_markup(quiz.title)}</h3>"))
        parts += self.questions
        parts += [self.score, self.finished, self.reset, self.confirm, self.notice]
        super().__init__(parts)
        self.add_class(CSS.quiz)
        self.add_class(FORM_CLASS)
        self.add_class(quiz_class(quiz.lesson))
        self._restore()
        self._update_score()
        self._show_notices()

    def _repr_mimebundle_(self, **kwargs):
        return static_form(super()._repr_mimebundle_(**kwargs), static_html(self.quiz))

    def _restore(self) -> None:
        saved = saved_answers(self.quiz.lesson)
        for qv in self.questions:
            record = saved.get(qv.question.id)
            if record is None:
                continue
            try:
                fb = grade(qv.question, record["choice"])
            except LessonError:  # the question was reworded since: ask again, say why
                qv.feedback.value = ("<p>This question changed since you answered it; "
                                     "please answer it again.</p>")
                continue
            qv.restore(fb)
            self.results[qv.question.id] = fb.correct

    def _graded(self, question: Question, fb: Feedback) -> None:
        self.results[question.id] = fb.correct
        self._update_score()
        # Saved (the progress file is the record) and, on a hub with the classroom
        # service, sent to the instructor in the background.
        self._show_notices(submit(self.activities[question.id], list(fb.chosen)))

    def _update_score(self) -> None:
        right = sum(self.results.values())
        total = len(self.quiz)
        self.score.value = f"Score: {right} / {total}"
        if len(self.results) < total:
            self.finished.value = ""
            return
        nxt = _next_lesson(self.quiz.lesson)
        if right == total:
            head = verdict_html(True, "Quiz done: every answer is right.")
        else:
            head = (verdict_html(True, "Quiz done: you have answered every question.")
                    + f" {right} of {total} are right; the ones marked ✗ are worth another "
                    "look (your progress page lists them).")
        if nxt is not None:
            link = (f" <a href='{html.escape(nxt[0])}.ipynb'>Next lesson: "
                    f"{html.escape(nxt[1])} →</a>")
        elif self.quiz.lesson in LESSONS:
            link = " That was the course's last quiz: your progress page is below."
        else:
            link = ""
        self.finished.value = f"<p>{head}{link}</p>"

    def _show_notices(self, notes: list[str] | None = None) -> None:
        notes = notices() if notes is None else notes
        if notes:
            self.notice.value = "".join(f"<p>{html.escape(n)}</p>" for n in notes)

    def ask_to_reset(self) -> None:
        """The Reset button: ask before forgetting anything."""
        answered = len(self.results)
        if not answered:
            self.confirm_text.value = "<p>Nothing to forget: no answer is saved yet.</p>"
            self.reset_yes.layout.display = "none"
            self.reset_no.description = "OK"
        else:
            self.confirm_text.value = (f"<p><strong>Forget your {plural(answered, 'answer')} "
                                       "to this quiz?</strong> This cannot be undone.</p>")
            self.reset_yes.layout.display = None
            self.reset_no.description = "No, keep them"
        self.confirm.layout.display = "flex"
        self.reset.disabled = True
        self.reset_no.focus()

    def keep_answers(self) -> None:
        self.confirm.layout.display = "none"
        self.reset.disabled = False
        self.reset.focus()

    def reset_quiz(self) -> None:
        """Forget every answer, here and in the progress file (after the confirmation)."""
        reset_quiz(self.quiz.lesson)
        self.results.clear()
        for qv in self.questions:
            qv.clear()
        self.confirm.layout.display = "none"
        self.reset.disabled = False
        self._update_score()
        self._show_notices()
        self.reset.focus()


def quiz(source: object, *, name: str = "practice") -> QuizView:
    """Show a lesson's quiz: pick, press Check, read the feedback; answers are saved.

    Introduced in ``notebooks/00_start_here.ipynb``. Put it on the last line of
    a cell, e.g. ``quiz("01_commands_and_events")``. Answers and the score are
    saved (see :mod:`lessonlib.course.progress`), so the quiz shows them again
    after a kernel restart, with the options in the same order.

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
