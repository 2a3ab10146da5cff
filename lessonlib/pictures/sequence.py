"""Sequence diagrams and outcome tables computed from a bus trace.

Introduced in ``05_workflow_engines_serve_both.ipynb``. One lifeline per
service, time flowing down, one arrow per record of the trace: **commands
solid** with a filled head, **events dashed** with an open head (the course's
:data:`lessonlib.pictures.architecture.STYLE`), every arrow labelled with its kind, message,
times and outcome, so nothing depends on colour. A time frame that ran out is
a dotted box on the owner's lifeline.

>>> from lessonlib.simulate import order_fulfilment_chain
>>> sim = order_fulfilment_chain()
>>> _ = sim.place_orders(1); trace = sim.run()
>>> print(describe_sequence(trace))  # doctest: +NORMALIZE_WHITESPACE
Sequence diagram for order-1: lifelines Checkout, Payment, Inventory, Shipping; time flows down.
1. t=0 to 2 min: event OrderPlaced (dashed arrow) from Checkout to Payment: handled.
2. t=2 to 5 min: event PaymentReceived (dashed arrow) from Payment to Inventory: handled.
3. t=5 to 7 min: event GoodsFetched (dashed arrow) from Inventory to Shipping: handled.
4. t=7 min: event GoodsShipped (dashed arrow) from Shipping: no subscriber.
"""

from __future__ import annotations

from lessonlib.architecture import COMMAND, EVENT
from lessonlib.errors import LessonError, LessonTypeError, items, shown
from lessonlib.pictures.architecture import STYLE, check_axes
from lessonlib.pictures.display import display_figure
from lessonlib.trace import DOWN, NO_SUBSCRIBER, TIMER, Record, Trace, minutes

__all__ = ["draw_sequence", "describe_sequence", "show_sequence", "sequence_size"]

MAX_ROWS = 60
ROW = 0.72  # inches per record
COLUMN = 2.6  # inches per lifeline
FONT = 11  # points: at least 11 pt, about 15 px at the course's 100 dpi
NORMAL = {"acknowledged", "handled"}


def _trace_of(source: object) -> Trace:
    trace = getattr(source, "trace", source)  # a Simulation or a Bus has .trace
    if isinstance(trace, Trace):
        return trace
    if isinstance(trace, list | tuple) and all(isinstance(r, Record) for r in trace):
        return Trace(trace)
    raise LessonTypeError(f"Expected a trace (what bus.run() returns) or a simulation; got "
                          f"{shown(source)} ({type(source).__name__}).")


def _records(source: object, correlation: str | None) -> tuple[Trace, str | None]:
    trace = _trace_of(source)
    if not len(trace):
        raise LessonError("This trace is empty: run the simulation first (sim.run()).")
    if correlation is None and len(trace.correlations()) > 1:
        correlation = trace.correlations()[0]
    if correlation is not None:
        trace = trace.select(correlation=correlation)
    # Rows in the order things were sent (a timer: when it ran out), then by trace position.
    trace = Trace(sorted(trace, key=lambda r: (r.time if r.kind == TIMER else r.sent, r.seq)))
    if len(trace) > MAX_ROWS:
        raise LessonError(f"This trace has {len(trace)} records; a sequence diagram shows at "
                          f"most {MAX_ROWS}. Pick one order with correlation='order-1'.")
    return trace, correlation or trace[0].correlation


def _lifelines(trace: Trace, services) -> list[str]:
    if services is None:
        return list(trace.services())
    services = list(services)
    missing = [s for s in trace.services() if s not in services]
    if missing:
        raise LessonError(f"services= must name every service in the trace; missing: {shown(missing)}.")
    return services


def _label(r: Record) -> str:
    text = f"{r.kind}: {r.message}"
    if r.kind == TIMER:
        return f"timer: {r.message} ran out"
    if r.outcome not in NORMAL:
        text += f"  [{r.outcome}]"
    elif r.note:
        text += f"  [{r.note if len(r.note) < 40 else r.note[:37] + '...'}]"
    return text


def _times(r: Record) -> str:
    if r.time == r.sent:
        return f"t={minutes(r.time)}"
    return f"t={minutes(r.sent)}\u2013{minutes(r.time)}"


def draw_sequence(source, ax=None, *, correlation: str | None = None, services=None,
                  title: str | None = None):
    """Draw the sequence diagram of one correlation id on ``ax``; return the axes.

    Rows follow the time each message was sent (a timer: when it ran out).

    Parameters
    ----------
    source : Trace or Simulation
    ax : matplotlib Axes, optional (a new figure if None)
    correlation : str, optional. Which order to show (default: the first one).
    services : lifelines in this order (default: order of first appearance).
    title : str, optional

    Examples
    --------
    >>> from lessonlib.simulate import order_fulfilment_engine
    >>> sim = order_fulfilment_engine()
    >>> _ = sim.place_orders(1); _ = sim.run()
    >>> ax = draw_sequence(sim)
    >>> sorted({p.get_linestyle() for p in ax.patches if p.get_gid() == "command"})
    ['solid']
    >>> sorted({str(p.get_linestyle()) for p in ax.patches if p.get_gid() == "event"})
    ['(0, (6, 3))']
    """
    from matplotlib.lines import Line2D
    from matplotlib.patches import FancyArrowPatch, FancyBboxPatch

    trace, correlation = _records(source, correlation)
    lifelines = _lifelines(trace, services)
    check_axes(ax)
    if ax is None:
        import matplotlib.pyplot as plt

        _, ax = plt.subplots(figsize=sequence_size(trace, lifelines))
    x = {s: i * COLUMN for i, s in enumerate(lifelines)}
    n = len(trace)
    bottom = -(n + 0.5) * ROW
    for s, sx in x.items():
        ax.add_patch(FancyBboxPatch((sx - 1.0, 0.25), 2.0, 0.5,
                                    boxstyle="round,pad=0.02,rounding_size=0.08",
                                    facecolor="#F0F4F8", edgecolor="#222222", linewidth=1.2,
                                    gid=f"service:{s}"))
        ax.text(sx, 0.5, s, ha="center", va="center", fontsize=FONT, fontweight="bold")
        ax.plot([sx, sx], [0.25, bottom], color="#999999", linewidth=1, zorder=1)
    ax.text(-1.05, 0.5, "time (min)", ha="right", va="center", fontsize=FONT, fontweight="bold")
    for i, r in enumerate(trace):
        y = -(i + 0.6) * ROW
        ax.text(-0.95 - 0.1, y, _times(r), ha="right", va="center", fontsize=FONT,
                color="#333333")
        start = x[r.sender]
        if r.kind == TIMER:
            said = ("time frame passed, flagged late" if r.note.endswith("still waiting")
                    else "timer ran out")
            ax.text(start, y, f"{said}: {r.message}", ha="center", va="center",
                    fontsize=FONT, zorder=4, gid="timer",
                    bbox={"boxstyle": "round,pad=0.3", "facecolor": "white",
                          "edgecolor": "#555555", "linestyle": ":", "linewidth": 1.5})
            continue
        style = STYLE[COMMAND] if r.kind == COMMAND else STYLE[EVENT]
        if r.receiver is None:
            end = start + COLUMN * 0.55
        else:
            end = x[r.receiver]
            if end == start:
                end = start + COLUMN * 0.4
        direction = 1 if end >= start else -1
        tip = end - direction * (0.12 if r.outcome == DOWN else 0.0)
        ax.add_patch(FancyArrowPatch((start, y), (tip, y), arrowstyle=style["arrowstyle"],
                                     mutation_scale=14, color=style["color"],
                                     linestyle=style["linestyle"], linewidth=style["linewidth"],
                                     shrinkA=0, shrinkB=0, zorder=3, gid=r.kind))
        if r.outcome == DOWN:
            ax.plot([end], [y], marker="x", markersize=9, color="#111111", zorder=4)
        label = _label(r)
        ax.text((start + end) / 2, y + 0.05, label, ha="center", va="bottom", fontsize=FONT,
                zorder=5, bbox={"boxstyle": "round,pad=0.12", "facecolor": "white",
                                "edgecolor": "none", "alpha": 0.85})
    right = max(x.values()) + 1.1 + (COLUMN * 0.6 if any(r.receiver is None for r in trace)
                                      else 0)
    ax.set_xlim(-2.6, max(right, 1.5))
    ax.set_ylim(bottom - 0.1, 0.85)
    ax.axis("off")
    ax.set_title(title if title is not None else f"Sequence for {correlation}", fontsize=FONT + 1)
    handles = [
        Line2D([], [], color=STYLE[COMMAND]["color"], linestyle="solid",
               linewidth=STYLE[COMMAND]["linewidth"], label="command (solid)"),
        Line2D([], [], color=STYLE[EVENT]["color"], linestyle=(0, (6, 3)),
               linewidth=STYLE[EVENT]["linewidth"], label="event (dashed)"),
        Line2D([], [], color="#111111", marker="x", linestyle="none",
               label="x: receiver is down"),
    ]
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, 0.0), ncol=3,
              fontsize=FONT, frameon=False)
    return ax


def sequence_size(trace: Trace, lifelines) -> tuple[float, float]:
    """Figure size in inches for a diagram of ``trace`` with these lifelines."""
    width = 2.8 + COLUMN * 0.85 * max(len(lifelines), 2)
    return (min(width, 15.0), 1.7 + ROW * 0.9 * len(trace))


def describe_sequence(source, *, correlation: str | None = None) -> str:
    """The text equivalent of :func:`draw_sequence`: one numbered line per arrow."""
    trace, correlation = _records(source, correlation)
    lines = [f"Sequence diagram for {correlation}: lifelines "
             f"{', '.join(trace.services())}; time flows down."]
    for i, r in enumerate(trace, 1):
        when = (f"t={minutes(r.time)} min" if r.time == r.sent
                else f"t={minutes(r.sent)} to {minutes(r.time)} min")
        if r.kind == TIMER:
            lines.append(f"{i}. {when}: timer in {r.sender}: {r.message} ran out ({r.note}).")
            continue
        shape = "solid arrow" if r.kind == COMMAND else "dashed arrow"
        to = f" to {r.receiver}" if r.receiver is not None else ""
        note = f" ({r.note})" if r.note and r.outcome != NO_SUBSCRIBER else ""
        lines.append(f"{i}. {when}: {r.kind} {r.message} ({shape}) from {r.sender}{to}: "
                     f"{r.outcome}{note}.")
    return "\n".join(lines)


def show_sequence(*sources, correlation: str | None = None, titles=None) -> None:
    """Display one or more sequence diagrams side by side, with their text equivalent."""
    from matplotlib.figure import Figure

    if not sources:
        raise LessonTypeError("show_sequence() needs a trace or a simulation to draw.")
    if titles is not None:
        titles = items(titles, "titles=", "['Orchestrated', 'Choreographed']")
    if titles is not None and len(titles) != len(sources):
        raise LessonError(f"titles= needs one title per diagram ({len(sources)}); got "
                          f"{shown(titles)}.")
    picked = [_records(s, correlation) for s in sources]
    sizes = [sequence_size(t, t.services()) for t, _ in picked]
    fig = Figure(figsize=(sum(w for w, _ in sizes), max(h for _, h in sizes)))
    axes = fig.subplots(1, len(sources), squeeze=False,
                        gridspec_kw={"width_ratios": [w for w, _ in sizes]})[0]
    texts = []
    for i, (source, ax) in enumerate(zip(sources, axes, strict=True)):
        title = None
        if titles is not None:
            title = titles[i]
        elif getattr(source, "name", None):
            title = f"{source.name}: {picked[i][1]}"
        draw_sequence(source, ax, correlation=picked[i][1], title=title)
        text = describe_sequence(source, correlation=picked[i][1])
        texts.append(f"{title}\n{text}" if title else text)
    fig.subplots_adjust(left=0.01, right=0.99, top=0.97, bottom=0.03, wspace=0.08)  # no text
    # falls outside the axes (they are off), so a layout pass would only cost time
    display_figure(fig, "\n\n".join(texts))


