"""Your progress, as widgets: the quiz table (lesson 00) and the course page (lesson 07).

The data comes from :mod:`lessonlib.course.progress` and
:mod:`lessonlib.course.roadmap`; these widgets only show it.
"""

from __future__ import annotations

import html
from types import SimpleNamespace

import ipywidgets as widgets

from lessonlib.course.progress import progress_path, progress_rows, take_notices
from lessonlib.course.roadmap import course_status, course_summary
from lessonlib.widgets.html import interactive_note, static_form

__all__ = ["progress", "course_page", "CoursePage", "CSS"]

#: DOM classes (the browser tests read them from here); a lesson's row also has
#: ``lessonlib-course-<state>`` (done, in-progress, not-started, no-quiz).
CSS = SimpleNamespace(progress="lessonlib-progress", table="lessonlib-progress-table",
                      course="lessonlib-course", summary="lessonlib-course-summary",
                      lessons="lessonlib-course-lessons")

# Widget HTML is not styled like Markdown: underline links (no colour, for both themes).
_LINK = " style='text-decoration: underline'"
_PAD = " style='padding: 2px 16px 2px 0; text-align: left'"


def progress() -> widgets.HTML:
    """Show your progress: each lesson's quiz and score, or "not started".

    Introduced in ``notebooks/00_start_here.ipynb``. For the same as plain
    text, use :func:`lessonlib.course.progress.progress_text`.

    >>> CSS.progress in progress()._dom_classes
    True
    """
    rows = "".join(
        f"<tr><td>{html.escape(lesson)}</td><td>{html.escape(title)}</td>"
        f"<td>{html.escape(status)}</td></tr>"
        for lesson, title, status in progress_rows()
    )
    notes = "".join(f"<p>{html.escape(n)}</p>" for n in take_notices())
    table = (
        f"<table class='{CSS.table}'>"
        "<caption>Your progress, saved in "
        f"<code>{html.escape(str(progress_path()))}</code></caption>"
        "<thead><tr><th scope='col'>Lesson</th><th scope='col'>Quiz</th>"
        f"<th scope='col'>Status</th></tr></thead><tbody>{rows}</tbody></table>{notes}"
    )
    view = widgets.HTML(value=table)
    view.add_class(CSS.progress)
    return view


class CoursePage(widgets.VBox):
    """The course progress page. Parts: ``summary``, ``quizzes`` (the quiz table) and
    ``lessons`` (each lesson with a link, its score and what remains)."""

    def __init__(self):
        statuses = course_status()
        self.summary = widgets.HTML(
            value=f"<p><strong>{html.escape(course_summary(statuses))}</strong></p>")
        self.summary.add_class(CSS.summary)
        self.quizzes = progress()
        rows = "".join(
            f"<tr class='lessonlib-course-{html.escape(s.state.replace(' ', '-'))}'>"
            f"<td{_PAD}><a href='{html.escape(s.lesson)}.ipynb'{_LINK}>{html.escape(s.number)} "
            f"{html.escape(s.title)}</a></td><td{_PAD}>{html.escape(s.score)}</td>"
            f"<td{_PAD}>{html.escape(s.remains)}</td></tr>"
            for s in statuses
        )
        self.lessons = widgets.HTML(value=(
            "<table class='lessonlib-course-table'><caption>Every lesson, what remains, and a "
            "link to open it</caption><thead><tr><th scope='col'>Lesson</th>"
            "<th scope='col'>Quiz</th><th scope='col'>What remains</th></tr></thead>"
            f"<tbody>{rows}</tbody></table>"))
        self.lessons.add_class(CSS.lessons)
        super().__init__([self.summary, self.quizzes, self.lessons])
        self.add_class(CSS.course)

    def _repr_mimebundle_(self, **kwargs):
        lessons = "".join(f"<li><a href='{html.escape(s.lesson)}.ipynb'>{html.escape(s.number)} "
                          f"{html.escape(s.title)}</a></li>" for s in course_status())
        return static_form(super()._repr_mimebundle_(**kwargs), interactive_note(
            "your own progress page: each lesson's score and what remains, saved as you work.")
            + f"<ul>{lessons}</ul>")


def course_page() -> CoursePage:
    """Show the course progress page: scores per lesson, what remains, a link to each lesson.

    Introduced in ``07_check_your_understanding.ipynb``.
    """
    return CoursePage()
