"""Sequence diagrams computed from a bus trace.

Introduced in ``05_track_then_manage.ipynb``. One lifeline per
service, time flowing down, one arrow per record of the trace: **commands
solid** with a filled head, **events dashed** with an open head (the course's
:data:`lessonlib.pictures.architecture.STYLE`), every arrow labelled with its kind, message,
times and fate (what became of it), so nothing depends on colour. A time frame that ran out is
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
from lessonlib.cards.figures import display_figure
from lessonlib.errors import LessonError, LessonTypeError, items, shown
from lessonlib.pictures.architecture import STYLE, check_axes
from lessonlib.pictures.shapes import NAME_SIZE, SMALL_SIZE, TITLE_SIZE
from lessonlib.pictures.sizes import COLUMN_PX, CSS_PX_PER_INCH, text_extent
from lessonlib.pictures.wrapping import wrap
from lessonlib.trace import DOWN, NO_SUBSCRIBER, TIMER, Record, Trace, minutes

__all__ = ["draw_sequence", "describe_sequence", "show_sequence", "sequence_size",
           "sequence_figure"]

MAX_ROWS = 60
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
    if r.fate not in NORMAL:
        text += f"  [{r.fate}]"
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
    trace, correlation = _records(source, correlation)
    lifelines = _lifelines(trace, services)
    check_axes(ax)
    if ax is None:
        return sequence_figure(source, correlation=correlation, services=services,
                               title=title).axes[0]
    size = _Size(trace, lifelines)
    x = {s: size.time_w + (i + 0.5) * size.column for i, s in enumerate(lifelines)}
    y = size.row_y
    bottom = y[-1] - size.row / 2 if y else -size.head
    _draw_lifelines(ax, x, size, bottom)
    for i, r in enumerate(trace):
        _draw_row(ax, r, x, size, y[i], size.labels[i])
    ax.set_xlim(0, size.width)
    ax.set_ylim(bottom - 0.05, 0.02)
    ax.set_aspect("equal")
    ax.axis("off")
    ax.set_title(title if title is not None else f"Sequence for {correlation}",
                 fontsize=TITLE_SIZE, pad=4)
    _draw_legend(ax)
    return ax


def _draw_lifelines(ax, x: dict[str, float], size: _Size, bottom: float) -> None:
    """A box with each service's name atop its lifeline, and the time column's heading."""
    from matplotlib.patches import FancyBboxPatch

    box_w = size.column - 0.08
    # A name too wide for its box breaks at its first space.
    names = {s: "\n".join(wrap(s, box_w - 0.1, size=NAME_SIZE, bold=True, lines=2, cut="first"))
             for s in x}
    # Names a narrow column cannot hold at 9.5 pt get 9 pt (never below the 8.5 pt of labels).
    name_size = NAME_SIZE if all(
        text_extent(line, NAME_SIZE, True)[0] <= box_w - 0.12
        for s in x for line in names[s].splitlines()) else 9.0
    for s, sx in x.items():
        name = names[s]
        ax.add_patch(FancyBboxPatch((sx - (size.column - 0.08) / 2, -size.head),
                                    size.column - 0.08, size.head,
                                    boxstyle="round,pad=0,rounding_size=0.06",
                                    facecolor="#F0F4F8", edgecolor="#222222", linewidth=1.2,
                                    gid=f"service:{s}"))
        ax.text(sx, -size.head / 2, name, ha="center", va="center", fontsize=name_size,
                fontweight="bold", linespacing=1.1)
        ax.plot([sx, sx], [-size.head, bottom], color="#999999", linewidth=1, zorder=1,
                gid="lifeline")
    ax.text(size.time_w - 0.12, -size.head / 2, "time (min)", ha="right", va="center",
            fontsize=SMALL_SIZE, fontweight="bold")


def _draw_row(ax, r: Record, x: dict[str, float], size: _Size, row: float,
              label: str) -> None:
    """One record of the trace: its times, then its arrow and label (or a timer's box)."""
    from matplotlib.patches import FancyArrowPatch

    arrow_y = row - size.row / 2 + 0.1
    ax.text(size.time_w - 0.12, arrow_y, _times(r), ha="right", va="center",
            fontsize=SMALL_SIZE, color="#333333")
    start = x[r.sender]
    if r.kind == TIMER:
        said = ("time frame passed, flagged late" if r.note.endswith("still waiting")
                else "timer ran out")
        ax.text(start + 0.1, arrow_y, f"{said}: {r.message}", ha="left",
                va="center",
                fontsize=SMALL_SIZE, zorder=4, gid="timer",
                bbox={"boxstyle": "round,pad=0.3", "facecolor": "white",
                      "edgecolor": "#555555", "linestyle": ":", "linewidth": 1.5})
        return
    style = STYLE[COMMAND] if r.kind == COMMAND else STYLE[EVENT]
    if r.receiver is None:
        end = start + size.column * 0.75
    else:
        end = x[r.receiver]
        if end == start:
            end = start + size.column * 0.5
    direction = 1 if end >= start else -1
    tip = end - direction * (0.12 if r.fate == DOWN else 0.0)
    ax.add_patch(FancyArrowPatch((start, arrow_y), (tip, arrow_y),
                                 arrowstyle=style["arrowstyle"], mutation_scale=13,
                                 color=style["color"], linestyle=style["linestyle"],
                                 linewidth=style["linewidth"], shrinkA=0, shrinkB=0,
                                 zorder=3, gid=r.kind))
    if r.fate == DOWN:
        ax.plot([end], [arrow_y], marker="x", markersize=9, color="#111111", zorder=4)
    ax.text((start + end) / 2, arrow_y + 0.06, label, ha="center", va="bottom",
            fontsize=SMALL_SIZE, zorder=5, linespacing=1.1,
            bbox={"boxstyle": "round,pad=0.1", "facecolor": "white", "edgecolor": "none"})


def _draw_legend(ax) -> None:
    """Below the diagram, clear of the lifelines' ends: what a solid arrow, a dashed arrow
    and an x mean."""
    from matplotlib.lines import Line2D

    handles = [
        Line2D([], [], color=STYLE[COMMAND]["color"], linestyle="solid",
               linewidth=STYLE[COMMAND]["linewidth"], label="command (solid)"),
        Line2D([], [], color=STYLE[EVENT]["color"], linestyle=(0, (6, 3)),
               linewidth=STYLE[EVENT]["linewidth"], label="event (dashed)"),
        Line2D([], [], color="#111111", marker="x", linestyle="none",
               label="x: receiver is down"),
    ]
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, 0.0), ncol=3,
              fontsize=SMALL_SIZE, frameon=False, borderaxespad=1.0, handlelength=2.6)


class _Size:
    """The diagram's measures in inches: columns fit the notebook's column, labels wrap."""

    def __init__(self, trace: Trace, lifelines) -> None:
        self.time_w = max([text_extent(_times(r), SMALL_SIZE)[0] for r in trace]
                          + [text_extent("time (min)", SMALL_SIZE, True)[0]]) + 0.2
        n = max(len(lifelines), 2)
        stub = 0.3 if any(r.receiver is None and r.kind != TIMER for r in trace) else 0.0
        room = COLUMN_PX / CSS_PX_PER_INCH - 0.45 - self.time_w
        self.column = min(max(room / (n + stub), 1.0), 1.9)
        self.head = 0.48
        index = {s: i for i, s in enumerate(lifelines)}
        self.labels, heights = [], []
        for r in trace:
            text = _label(r)
            if r.kind != TIMER:
                span = (abs(index.get(r.receiver, index[r.sender] + 0.75) - index[r.sender])
                        or 0.5) * self.column
                if text_extent(text, SMALL_SIZE)[0] > span - 0.1:
                    kind, _, rest = text.partition(": ")
                    text = f"{kind}:\n{rest.replace('  [', chr(10) + '[')}"
            self.labels.append(text)
            heights.append(text_extent(text, SMALL_SIZE)[1])
        self.row = max([0.42] + [h + 0.3 for h in heights])
        self.row_y = [-self.head - 0.15 - (i + 0.5) * self.row for i in range(len(trace))]
        self.width = self.time_w + (n + stub) * self.column

    @property
    def height(self) -> float:
        return self.head + 0.2 + self.row * len(self.row_y)


def sequence_size(trace: Trace, lifelines) -> tuple[float, float]:
    """Figure size in inches for a diagram of ``trace`` with these lifelines."""
    size = _Size(trace, lifelines)
    return (size.width, size.height + 0.8)


def sequence_figure(source, *, correlation: str | None = None, services=None,
                    title: str | None = None):
    """A ``matplotlib.figure.Figure`` (no pyplot) of :func:`draw_sequence`, at natural size."""
    from matplotlib.figure import Figure

    trace, correlation = _records(source, correlation)
    size = _Size(trace, _lifelines(trace, services))
    top, below = 0.45, 0.35
    fig = Figure(figsize=(size.width, size.height + top + below))
    ax = fig.add_axes((0, below / (size.height + top + below), 1,
                       size.height / (size.height + top + below)))
    draw_sequence(source, ax, correlation=correlation, services=services, title=title)
    return fig


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
        note = f" ({r.note})" if r.note and r.fate != NO_SUBSCRIBER else ""
        lines.append(f"{i}. {when}: {r.kind} {r.message} ({shape}) from {r.sender}{to}: "
                     f"{r.fate}{note}.")
    return "\n".join(lines)


def show_sequence(*sources, correlation: str | None = None, titles=None) -> None:
    """Display one or more sequence diagrams, one under the other, with their text equivalents."""
    if not sources:
        raise LessonTypeError("show_sequence() needs a trace or a simulation to draw.")
    if titles is not None:
        titles = items(titles, "titles=", "['Orchestrated', 'Choreographed']")
    if titles is not None and len(titles) != len(sources):
        raise LessonError(f"titles= needs one title per diagram ({len(sources)}); got "
                          f"{shown(titles)}.")
    picked = [_records(s, correlation) for s in sources]
    for i, source in enumerate(sources):
        title = None
        if titles is not None:
            title = titles[i]
        elif getattr(source, "name", None):
            title = f"{source.name}: {picked[i][1]}"
        fig = sequence_figure(source, correlation=picked[i][1], title=title)
        text = describe_sequence(source, correlation=picked[i][1])
        display_figure(fig, f"{title}\n{text}" if title else text)
