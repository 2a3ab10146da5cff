"""Lesson 02's reuse picture: a payment service with a new caller, in both styles.

New services are tagged NEW (double outline), changed ones CHANGED (thick
hatched outline); commands are solid arrows, events dashed, each labelled.
"""

from __future__ import annotations

from collections.abc import Mapping

from lessonlib.architecture import Architecture
from lessonlib.coupling import ReuseReport
from lessonlib.errors import LessonError, LessonTypeError, items, shown
from lessonlib.pictures.architecture import (
    CHANGED_EDGE,
    NEW_FACE,
    NODE_EDGE,
    NODE_FACE,
    STYLE,
    check_axes,
)
from lessonlib.pictures.display import display_figure

__all__ = ["draw_reuse", "describe_reuse", "show_reuse"]

FIGSIZE = (12, 5.2)


def _check(report: object) -> ReuseReport:
    if not isinstance(report, ReuseReport):
        raise LessonTypeError(f"Expected the result of reuse_comparison(); got {shown(report)} "
                              f"({type(report).__name__}).")
    return report


def draw_reuse(report: ReuseReport, axes=None):
    """Draw both styles after the new caller joined, side by side; return the two axes.

    >>> from lessonlib.coupling import reuse_comparison
    >>> left, right = draw_reuse(reuse_comparison())
    >>> sorted({p.get_gid() for p in right.patches if p.get_hatch()})
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
        import matplotlib.pyplot as plt

        _, axes = plt.subplots(1, 2, figsize=FIGSIZE)
    for ax, after, changes in zip(axes, (report.command_after, report.event_after),
                                  (report.command_changes, report.event_changes), strict=True):
        _draw_payment_system(ax, after, changes)
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
    from matplotlib.figure import Figure

    report = _check(report)
    fig = Figure(figsize=FIGSIZE)
    draw_reuse(report, fig.subplots(1, 2))
    fig.tight_layout()
    display_figure(fig, describe_reuse(report))


def _draw_payment_system(ax, arch: Architecture, changes: Mapping[str, str]) -> None:
    from matplotlib.patches import FancyArrowPatch, FancyBboxPatch

    callers = [s for s in arch.services if s != "Payment"]
    w, h = 2.6, 0.8
    pos = {c: (0.0, -i * 1.5) for i, c in enumerate(callers)}
    pos["Payment"] = (7.0, -(len(callers) - 1) * 1.5 / 2)
    for service, (x, y) in pos.items():
        why = changes.get(service)
        new, changed = why == "new", why is not None and why != "new"
        ax.add_patch(FancyBboxPatch((x - w / 2, y - h / 2), w, h,
                                    boxstyle="round,pad=0.02,rounding_size=0.12",
                                    facecolor=NEW_FACE if new else NODE_FACE,
                                    edgecolor=CHANGED_EDGE if changed else NODE_EDGE,
                                    linewidth=3.2 if changed else 1.3,
                                    hatch="///" if changed else None, zorder=2,
                                    gid=f"service:{service}"))
        if new:
            ax.add_patch(FancyBboxPatch((x - w / 2 - 0.08, y - h / 2 - 0.08), w + 0.16,
                                        h + 0.16, boxstyle="round,pad=0.02,rounding_size=0.16",
                                        fill=False, edgecolor=NODE_EDGE, zorder=2))
        ax.text(x, y, service, ha="center", va="center", fontsize=10, fontweight="bold",
                zorder=4, bbox={"boxstyle": "round,pad=0.1", "facecolor": "white",
                                "edgecolor": "none"} if changed else None)
        if why is not None:
            ax.text(x - w / 2, y + h / 2 + 0.08, "NEW" if new else "CHANGED", ha="left",
                    va="bottom", fontsize=8, fontweight="bold", zorder=4,
                    color="#111111" if new else "#6B2E57")
    for m in arch.messages:
        style = STYLE[m.kind]
        (x0, y0), (x1, y1) = pos[m.source], pos["Payment"]
        ax.add_patch(FancyArrowPatch((x0 + w / 2, y0), (x1 - w / 2, y1),
                                     arrowstyle=style["arrowstyle"], mutation_scale=16,
                                     color=style["color"], linestyle=style["linestyle"],
                                     linewidth=style["linewidth"], zorder=3, gid=m.kind))
        ax.text(x0 + w / 2 + 0.15, y0 + 0.12, f"{m.kind}: {m.name}", ha="left", va="bottom",
                fontsize=8, zorder=5, bbox={"boxstyle": "round,pad=0.15", "facecolor": "white",
                                            "edgecolor": "none", "alpha": 0.85})
    ax.set_xlim(-w / 2 - 0.3, 7.0 + w / 2 + 0.3)
    ax.set_ylim(-(len(callers) - 1) * 1.5 - h / 2 - 0.4, h / 2 + 0.6)
    ax.set_aspect("equal")
    ax.axis("off")
    ax.set_title(f"{arch.name}\n({'commands: solid' if arch.commands() else 'events: dashed'})",
                 fontsize=11)
