"""The concept check as HTML: a student's own gain per concept, and a form as a static page.

The numbers come from :mod:`lessonlib.course.concept_check`; this module only shows them.
The progress page (:mod:`lessonlib.widgets.progress`) and the post form
(:mod:`lessonlib.widgets.concept_check`) show :func:`gain_html`; a page without a kernel
shows :func:`form_static_html`, the items without their answers.
"""

from __future__ import annotations

import html
from types import SimpleNamespace

from lessonlib.cards.markup import markup
from lessonlib.course.concept_check import GainReport, gain_text

__all__ = ["gain_html", "form_static_html", "CSS"]

#: DOM classes (the browser tests read them from here).
CSS = SimpleNamespace(gain="lessonlib-gain", total="lessonlib-gain-total",
                      concept="lessonlib-gain-concept")


def _percent(gain: float | None) -> str:
    return "-" if gain is None else f"{gain:+.0%}"


def gain_html(report: GainReport) -> str:
    """A student's gain: before, after and the normalized gain per concept, and overall.

    >>> from lessonlib.course.concept_check import ConceptGain
    >>> page = gain_html(GainReport((ConceptGain("owner", "Owner", 1, 2, 2),), 1, 2, 2, ()))
    >>> "+100%" in page and "1 of 2" in page
    True
    """
    if report.missing:
        return (f"<div class='{CSS.gain}'><p>{html.escape(gain_text(report))}</p></div>")
    rows = "".join(
        f"<tr class='{CSS.concept}'><th scope='row' style='text-align: left'>{markup(c.title)}</th>"
        f"<td>{c.pre} of {c.most}</td><td>{c.post} of {c.most}</td>"
        f"<td>{_percent(c.gain)}</td></tr>" for c in report.concepts)
    total = (f"<tr class='{CSS.total}'><th scope='row' style='text-align: left'>Every concept</th>"
             f"<td>{report.pre} of {report.most}</td><td>{report.post} of {report.most}</td>"
             f"<td>{_percent(report.gain)}</td></tr>")
    return (f"<div class='{CSS.gain}'><table><caption style='text-align: left'>Concept check: "
            "what you knew before lesson 01, and after the capstone</caption><thead><tr>"
            "<th scope='col' style='text-align: left'>Concept</th><th scope='col'>Before</th><th scope='col'>After</th>"
            "<th scope='col'>Normalized gain</th></tr></thead>"
            f"<tbody>{rows}{total}</tbody></table><p>The normalized gain is (after - before) "
            "/ (most - before): the share of what you still had to learn that you learnt. A "
            "dash means every item of that concept was already right before.</p></div>")


def form_static_html(title: str, items) -> str:
    """A form of the concept check as plain HTML: its items and options, never an answer."""
    parts = [f"<h3>{markup(title)}</h3>"]
    for number, a in enumerate(items, 1):
        how = "Type a whole number." if a.shape == "numeric" else "Choose one."
        options = "".join(f"<li>{markup(o)}</li>" for o in a.options)
        parts.append(f"<div class='lessonlib-static-question'><p><strong>{number}.</strong> "
                     f"{markup(a.prompt)} <em>{how}</em></p>"
                     + (f"<ul>{options}</ul>" if options else "") + "</div>")
    return "".join(parts)
