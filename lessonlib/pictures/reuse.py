"""Lesson 02's reuse picture: a payment service with a new caller, in both styles.

Drawn with :mod:`lessonlib.pictures.architecture`, one style above the other.

New services are tagged NEW (double outline), changed ones CHANGED (thick
hatched outline); commands are solid arrows, events dashed, each labelled.
"""

from __future__ import annotations

from lessonlib.cards.figures import show_figure
from lessonlib.coupling import ReuseReport
from lessonlib.errors import LessonError, LessonTypeError, items, shown
from lessonlib.pictures.architecture import Panel, check_axes, compose, panel, render_on

__all__ = ["draw_reuse", "describe_reuse", "show_reuse", "reuse_figure"]


def _check(report: object) -> ReuseReport:
    if not isinstance(report, ReuseReport):
        raise LessonTypeError(f"Expected the result of reuse_comparison(); got {shown(report)} "
                              f"({type(report).__name__}).")
    return report


def _panels(report: ReuseReport) -> list[Panel]:
    panels = []
    for after, changes, note in ((report.command_after, report.command_changes,
                                  "commands: solid"),
                                 (report.event_after, report.event_changes, "events: dashed")):
        new = [s for s, why in changes.items() if why == "new"]
        changed = [s for s, why in changes.items() if why != "new"]
        panels.append(panel(after, highlight=changed, new=new, title=f"{after.name} ({note})",
                            legend=False))
    return panels


def reuse_figure(report: ReuseReport):
    """Both styles after the new caller joined, one above the other (a ``Figure``, no pyplot)."""
    return compose(_panels(_check(report)), gap=0.45)


def draw_reuse(report: ReuseReport, axes=None):
    """Draw both styles after the new caller joined; return the two axes.

    Without ``axes``, the two pictures come one above the other at their natural size.

    >>> from lessonlib.coupling import reuse_comparison
    >>> first, second = draw_reuse(reuse_comparison())
    >>> sorted({p.get_gid() for p in second.patches if p.get_hatch()})
    ['service:Payment']
    """
    report = _check(report)
    if axes is not None:
        axes = items(axes, "axes=", "the two axes of fig.subplots(1, 2)")
        if len(axes) != 2:
            raise LessonError(f"axes= holds two axes, one per style; got {len(axes)}.")
        for ax in axes:
            check_axes(ax)
    if axes is None:
        return tuple(reuse_figure(report).axes)
    for ax, p in zip(axes, _panels(report), strict=True):
        render_on(p, ax)
    return axes


def describe_reuse(report: ReuseReport) -> str:
    """The text equivalent of :func:`draw_reuse`."""
    report = _check(report)
    lines = []
    for after, changes in ((report.command_after, report.command_changes),
                           (report.event_after, report.event_changes)):
        lines.append(f"{after.name}, after {report.new_caller} joined:")
        for m in after.messages:
            if m.is_command:
                lines.append(f"- {m.source} sends the command {m.name} to Payment "
                             "(solid arrow).")
            else:
                lines.append(f"- {m.source} emits the event {m.name}; Payment subscribes "
                             "(dashed arrow).")
        for service, why in changes.items():
            lines.append(f"- {service} is marked {'NEW' if why == 'new' else 'CHANGED'} "
                         f"({why}).")
    return "\n".join(lines + [report.summary()])


def show_reuse(report: ReuseReport) -> None:
    """Display :func:`draw_reuse` with its text equivalent.

    Introduced in ``02_who_depends_on_whom.ipynb``.
    """
    report = _check(report)
    show_figure(lambda: reuse_figure(report), describe_reuse(report), recipe=("reuse", report))
