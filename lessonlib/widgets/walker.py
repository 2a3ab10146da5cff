"""Lesson 02's decision walker: pick a catalogue link, or answer the tree's questions.

The logic is :mod:`lessonlib.decisions`; the picture is
:mod:`lessonlib.pictures.tree`. The widget only shows their results.
"""

from __future__ import annotations

import html
from types import SimpleNamespace

import ipywidgets as widgets

from lessonlib.cards.figures import drawn_html
from lessonlib.decisions import (
    CATALOGUE,
    Decision,
    TreeLeaf,
    TreeQuestion,
    case,
    decide,
    decide_own,
    next_step,
)
from lessonlib.errors import LessonError
from lessonlib.pictures.tree import describe_tree, tree_figure
from lessonlib.widgets.button import ActionButton
from lessonlib.widgets.choice import FORM_CLASS, forms_style
from lessonlib.widgets.html import guarded, interactive_note, lines_html, static_form

__all__ = ["DecisionWalker", "decision_walker", "CSS", "OWN"]

#: The dropdown's value for "my own link".
OWN = "own"
#: DOM classes (the browser test reads them from here).
CSS = SimpleNamespace(
    walker="lessonlib-walker", pick="lessonlib-walker-pick", legal="lessonlib-walker-legal",
    decide="lessonlib-walker-decide", question="lessonlib-walker-question",
    yes="lessonlib-walker-yes", no="lessonlib-walker-no", restart="lessonlib-walker-restart",
    sender="lessonlib-walker-sender", receiver="lessonlib-walker-receiver",
    result="lessonlib-walker-result", feedback="lessonlib-feedback", tree="lessonlib-walker-tree",
)


class DecisionWalker(widgets.VBox):
    """Pick a link from the catalogue and press Decide, or walk the tree for your own link.

    Parts: ``pick`` (dropdown), ``legal`` (checkbox "required by law"),
    ``decide`` (button), ``sender`` and ``receiver`` (text boxes), ``question``,
    ``yes``, ``no``, ``restart``, ``result`` (the decision) and ``tree`` (the picture).

    >>> w = DecisionWalker(picture=False)
    >>> w.pick.value = "welcome letter"
    >>> w.decide.click()
    >>> "Command SendWelcomeLetter" in w.result.value
    True
    >>> w.pick.value = OWN
    >>> w.sender.value, w.receiver.value = "Shop", "Newsletter"
    >>> w.no.click(); w.yes.click()
    >>> "Newsletter depends on Shop" in w.result.value
    True
    """

    def __init__(self, picture: bool = True):
        self._picture = picture
        self.answers: list[bool] = []
        options = [(c.title, c.key) for c in CATALOGUE] + [("My own link: answer the questions",
                                                            OWN)]
        self.pick = widgets.Dropdown(options=options, value=CATALOGUE[0].key,
                                     description="Link:", layout={"width": "34em"})
        self.legal = widgets.Checkbox(value=False, description="Required by law or contract",
                                      indent=False)
        # A press carries the answers it acts on as the browser shows them (widgets/button.py).
        self.decide = ActionButton(description="Decide", label="Decide this link",
                                   button_style="primary", carries=[self.pick, self.legal])
        self.sender = widgets.Text(value="", placeholder="e.g. Shop", description="Sender:")
        self.receiver = widgets.Text(value="", placeholder="e.g. Newsletter",
                                     description="Receiver:")
        self.question = widgets.HTML()
        self.yes = ActionButton(description="Yes", carries=[self.sender, self.receiver])
        self.no = ActionButton(description="No", carries=[self.sender, self.receiver])
        self.restart = widgets.Button(description="Start over")
        self.result = widgets.HTML()
        self.result.add_class(CSS.feedback)
        self.tree = widgets.HTML()  # an <img> with alt text (class CSS.tree) and its text
        for part in ("pick", "legal", "decide", "sender", "receiver", "question", "yes", "no",
                     "restart", "result"):
            getattr(self, part).add_class(getattr(CSS, part))
        self._catalogue_row = widgets.HBox([self.legal, self.decide])
        self._own_box = widgets.VBox([widgets.HBox([self.sender, self.receiver]),
                                      self.question,
                                      widgets.HBox([self.yes, self.no, self.restart])])
        self.pick.observe(guarded(self._on_pick, self.result), names="value")
        self.decide.on_click(guarded(lambda _b: self.decide_catalogue_link(), self.result))
        self.yes.on_click(guarded(lambda _b: self.answer(True), self.result))
        self.no.on_click(guarded(lambda _b: self.answer(False), self.result))
        self.restart.on_click(guarded(lambda _b: self.start_over(), self.result))
        super().__init__([forms_style(), self.pick, self._catalogue_row, self._own_box,
                          self.result, self.tree])
        self.add_class(CSS.walker)
        self.add_class(FORM_CLASS)  # focus rings (static/forms.css)
        self._on_pick()

    def _repr_mimebundle_(self, **kwargs):
        return static_form(super()._repr_mimebundle_(**kwargs), interactive_note(
            "pick a link and press Decide, or answer the questions for a link of your own; "
            "the tree shows the path your answers take.") + self.tree.value)

    # -- what the buttons do
    def decide_catalogue_link(self) -> None:
        if self.pick.value == OWN:
            return
        link = case(self.pick.value)
        if self.legal.value:
            link = link.marked(legally_required=True)
        decision = decide(link)
        self.result.value = lines_html(str(decision))
        self._draw(decision)

    def answer(self, value: bool) -> None:
        if self.pick.value != OWN or isinstance(next_step(self.answers), TreeLeaf):
            return
        self.answers.append(value)
        self._ask()

    def start_over(self) -> None:
        self.answers.clear()
        self.result.value = ""
        self._draw(None)
        self._ask()

    # -- showing
    def _draw(self, decision: Decision | None) -> None:
        if self._picture:
            self.tree.value = drawn_html(lambda: tree_figure(decision), describe_tree(decision),
                                         recipe=("tree", decision), css_class=CSS.tree)

    def _ask(self) -> None:
        step = next_step(self.answers)
        if isinstance(step, TreeQuestion):
            self.question.value = (f"<p><strong>Q{len(self.answers) + 1}: "
                                   f"{html.escape(step.text)}</strong><br>"
                                   f"<em>{html.escape(step.help)}</em></p>")
            self.yes.disabled = self.no.disabled = False
            return
        self.yes.disabled = self.no.disabled = True
        try:
            decision = decide_own(self.answers, self.sender.value.strip() or "Sender",
                                  self.receiver.value.strip() or "Receiver")
        except LessonError as exc:
            self.result.value = html.escape(str(exc))
            return
        self.question.value = "<p>The tree has no more questions. Press Start over to try again.</p>"
        self.result.value = lines_html(str(decision))
        self._draw(decision)

    def _on_pick(self, change=None) -> None:
        own = self.pick.value == OWN
        self._own_box.layout.display = None if own else "none"
        self._catalogue_row.layout.display = "none" if own else None
        self.answers.clear()
        self.result.value = ""
        if own:
            self._ask()
        self._draw(None)


def decision_walker(picture: bool = True) -> DecisionWalker:
    """The interactive decision walker (see :class:`DecisionWalker`).

    Introduced in ``02_who_depends_on_whom.ipynb``.
    """
    return DecisionWalker(picture)
