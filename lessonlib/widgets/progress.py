"""Your progress, as a page: one card per lesson and a bar for the whole course.

Shown by ``progress()`` (lessons 00 and 07). Each card
says whether the lesson is done, in progress or not started, its quiz score,
its predictions and exercises, and what to revisit, with a link to the lesson.
The data comes from :mod:`lessonlib.course.roadmap`; this module only shows it.
The file that keeps it all is named in a footnote.
"""

from __future__ import annotations

import html
from types import SimpleNamespace

import ipywidgets as widgets

from lessonlib.cards.concept_check import gain_html
from lessonlib.course.concept_check import gain_report
from lessonlib.course.progress import progress_path, take_notices
from lessonlib.course.roadmap import (
    DONE,
    IN_PROGRESS,
    NOT_STARTED,
    LessonStatus,
    course_status,
    course_steps,
    course_summary,
)
from lessonlib.widgets.choice import FORM_CLASS, forms_style
from lessonlib.widgets.html import interactive_note, static_form

__all__ = ["progress", "course_page", "CoursePage", "CSS", "card_html"]

#: DOM classes (the browser tests read them from here); a lesson's card also has
#: ``lessonlib-course-<state>`` (done, in-progress, not-started, no-quiz).
CSS = SimpleNamespace(course="lessonlib-course", summary="lessonlib-course-summary",
                      bar="lessonlib-bar", lessons="lessonlib-course-lessons",
                      card="lessonlib-card", footnote="lessonlib-footnote",
                      progress="lessonlib-progress", gain="lessonlib-course-gain")

_ICON = {DONE: ("✓", "lessonlib-right"), IN_PROGRESS: ("◐", ""), NOT_STARTED: ("○", "")}
_SHOWN_PROMPTS = 3


def _short(prompt: str, limit: int = 90) -> str:
    text = " ".join(prompt.replace("`", "").split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def card_html(status: LessonStatus) -> str:
    """One lesson's card: state, score, predictions and exercises, what to revisit."""
    icon, cls = _ICON.get(status.state, ("·", ""))
    state = html.escape(status.state)
    lines = []
    if status.total:
        lines.append(f"Quiz: {status.right} of {status.total} right")
    lines += [html.escape(str(a)) for a in status.activities]
    revisit = "".join(f"<li>{html.escape(_short(p))}</li>"
                      for p in status.to_revisit[:_SHOWN_PROMPTS])
    if len(status.to_revisit) > _SHOWN_PROMPTS:
        revisit += f"<li>and {len(status.to_revisit) - _SHOWN_PROMPTS} more</li>"
    remains = "" if status.state == DONE else f"<p>{html.escape(status.remains)}</p>"
    return (
        f"<div class='{CSS.card} lessonlib-course-{state.replace(' ', '-')}'>"
        f"<h4><a href='{html.escape(status.lesson)}.ipynb'>{html.escape(status.number)} "
        f"{html.escape(status.title)}</a></h4>"
        f"<p class='lessonlib-state'><span class='{cls}' aria-hidden='true'>{icon}</span> "
        f"{state.capitalize()}</p>"
        + (f"<ul>{''.join(f'<li>{line}</li>' for line in lines)}</ul>" if lines else "")
        + remains
        + (f"<p>To revisit:</p><ul>{revisit}</ul>" if revisit else "")
        + "</div>"
    )


def _page_html() -> tuple[str, str, str, str]:
    statuses = course_status()
    done, total = course_steps(statuses)
    share = round(100 * done / total) if total else 0
    summary = f"<p><strong>{html.escape(course_summary(statuses))}</strong></p>"
    bar = (f"<div class='{CSS.bar}' role='progressbar' aria-valuemin='0' "
           f"aria-valuemax='{total}' aria-valuenow='{done}' "
           f"aria-label='Course progress: {done} of {total} steps'>"
           f"<div style='width: {share}%'></div></div>")
    cards = f"<div class='lessonlib-cards'>{''.join(card_html(s) for s in statuses)}</div>"
    notes = "".join(f"<p>{html.escape(n)}</p>" for n in take_notices())
    footnote = (f"<p class='{CSS.footnote}'>Your answers, predictions and exercises are saved "
                f"in <code>{html.escape(str(progress_path()))}</code>; run the cell again to "
                f"refresh this page.</p>{notes}")
    return summary, bar, cards, footnote


class CoursePage(widgets.VBox):
    """The course progress page. Parts: ``summary`` (a sentence and the bar),
    ``lessons`` (one card per lesson), ``gain`` (the concept check: what the student knew
    before lesson 01 and after the capstone, per concept) and ``footnote`` (where it is
    saved)."""

    def __init__(self):
        summary, bar, cards, footnote = _page_html()
        self.summary = widgets.HTML(value=summary + bar)
        self.summary.add_class(CSS.summary)
        self.lessons = widgets.HTML(value=cards)
        self.lessons.add_class(CSS.lessons)
        self.gain = widgets.HTML(value=gain_html(gain_report()))
        self.gain.add_class(CSS.gain)
        self.footnote = widgets.HTML(value=footnote)
        super().__init__([forms_style(), self.summary, self.lessons, self.gain, self.footnote])
        self.add_class(CSS.course)
        self.add_class(CSS.progress)
        self.add_class(FORM_CLASS)

    def _repr_mimebundle_(self, **kwargs):
        lessons = "".join(f"<li><a href='{html.escape(s.lesson)}.ipynb'>{html.escape(s.number)} "
                          f"{html.escape(s.title)}</a></li>" for s in course_status())
        return static_form(super()._repr_mimebundle_(**kwargs), interactive_note(
            "your own progress page: a card per lesson with your score and what remains, "
            "saved as you work.") + f"<ul>{lessons}</ul>")


def progress() -> CoursePage:
    """Show your progress: a card per lesson (state, score, what to revisit) and a bar.

    Introduced in ``notebooks/00_start_here.ipynb``, shown again in
    ``08_check_your_understanding.ipynb``. For the same as plain text, use
    :func:`lessonlib.course.roadmap.course_text`.

    >>> CSS.progress in progress()._dom_classes
    True
    """
    return CoursePage()


#: The progress page's old second name, kept for one release: :func:`progress`.
course_page = progress
