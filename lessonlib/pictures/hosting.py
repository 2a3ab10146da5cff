"""Where processes run: each in its owner's engine, or all in one central orchestrator.

Introduced in ``05_track_then_manage.ipynb``. One row per process:
the service that starts it on the left, the service whose engine runs it in the
middle (a box listing its processes), the services it works with on the right.
Commands are **solid** arrows with a filled head, events **dashed** with an open
head (the course's :data:`lessonlib.pictures.architecture.STYLE`), and every
arrow is labelled. ``outage=`` marks the service that runs that process as down
(a hatched box, "DOWN") and every process it runs as stopped.

>>> from lessonlib.scenarios import centralised, customer_onboarding_orchestration
>>> from lessonlib.scenarios import order_fulfilment_orchestration
>>> central = centralised(order_fulfilment_orchestration(), customer_onboarding_orchestration())
>>> print(describe_hosting(central, outage="Order fulfilment"))  # doctest: +ELLIPSIS
Every process in one central Orchestrator.
Orchestrator runs Order fulfilment and Customer onboarding in its engine. It is down: Order fulfilment and Customer onboarding stop.
Order fulfilment (stopped): Checkout starts it with the event OrderPlaced (dashed arrow). ...
"""

from __future__ import annotations

from lessonlib.architecture import COMMAND, Architecture, expect_architecture
from lessonlib.cards.figures import display_figure
from lessonlib.errors import LessonTypeError
from lessonlib.pictures.architecture import STYLE
from lessonlib.pictures.wrapping import wrap
from lessonlib.prose import and_list

__all__ = ["draw_hosting", "describe_hosting", "show_hosting", "hosting_figure", "hosting_rows"]

FONT = 11  # points: at least 11 pt, about 15 px at the course's 100 dpi
LINE = 0.24  # inches per line of text in a box
START_W, OWNER_W, PARTNER_W = 1.7, 2.5, 1.9
X_START, X_OWNER, X_PARTNER = 0.0, 4.0, 8.2
WRAP = 24  # characters per line of an arrow's label (the figure fits 1280-px JupyterLab at 80 %)


def hosting_rows(arch: Architecture) -> list[dict]:
    """Per process: its owner, its starter and start event, and its links with partners.

    Each link is (partner, kind, messages, replies, direction): the commands the
    owner sends the partner with the events that answer them (one link), or the
    events between them (``"in"`` to the owner, ``"out"`` from it). A link goes to
    the process whose steps involve the partner.
    """
    arch = expect_architecture(arch, "The model")
    rows = []
    for p in arch.processes:
        first = arch.message(p.steps[0])
        involved = {s for step in p.steps for s in arch.path_of(step)} - {p.owner}
        rows.append({"process": p.name, "owner": p.owner, "starter": first.source,
                     "start": first.name, "links": [], "involved": involved})
    owners = {r["owner"] for r in rows}
    for c in arch.couplings():
        replies = ()
        if c.kind == COMMAND:  # the sender depends on the receiver
            owner, partner, direction, replies = c.dependent, c.depends_on, "out", c.replies
        elif c.dependent in owners:  # the owner waits for the partner's event
            owner, partner, direction = c.dependent, c.depends_on, "in"
        elif c.depends_on in owners:  # the partner reacts to the owner's event
            owner, partner, direction = c.depends_on, c.dependent, "out"
        else:
            continue
        for row in rows:
            if row["owner"] == owner and partner in row["involved"]:
                if c.message != row["start"]:
                    replies = tuple(r for r in replies if r != row["start"])
                    row["links"].append((partner, c.kind, (c.message,), replies, direction))
                break
    for row in rows:
        merged: dict[tuple, tuple[list[str], list[str]]] = {}
        for partner, kind, messages, replies, direction in row["links"]:
            names, answers = merged.setdefault((partner, kind, direction), ([], []))
            names.extend(messages)
            answers.extend(replies)
        row["links"] = [(partner, kind, tuple(names), tuple(answers), direction)
                        for (partner, kind, direction), (names, answers) in merged.items()]
    return rows


def _down(arch: Architecture, outage: str | None) -> str | None:
    return None if outage is None else arch.owner_of(outage)


def _label(messages: tuple[str, ...], replies: tuple[str, ...], kind: str) -> str:
    answer = f", answered by {and_list(replies)}" if replies else ""
    return f"{kind}{'s' if len(messages) > 1 else ''} {and_list(messages)}{answer}"


def _names(kind: str, names) -> str:
    names = list(dict.fromkeys(names))
    return f"{kind}{'s' if len(names) > 1 else ''} {', '.join(names)}"


def _row_parts(row: dict) -> dict:
    """A row's links grouped for the picture: partners, and the names on each arrow."""
    partners = list(dict.fromkeys(link[0] for link in row["links"] if link[0] != row["starter"]))
    parts = {"partners": partners, "commands": [], "replies": [], "in": [], "out": [], "back": []}
    for partner, kind, messages, replies, direction in row["links"]:
        if partner == row["starter"]:
            parts["back"] += messages
        elif kind == COMMAND:
            parts["commands"] += messages
            parts["replies"] += replies
        else:
            parts[direction] += messages
    return parts


def _arrow(ax, start, end, kind: str, label: str, label_y: float, stopped: bool) -> None:
    from matplotlib.patches import FancyArrowPatch

    style = STYLE[COMMAND if kind == COMMAND else "event"]
    ax.add_patch(FancyArrowPatch(start, end, arrowstyle=style["arrowstyle"], mutation_scale=15,
                                 color=style["color"], linestyle=style["linestyle"],
                                 linewidth=style["linewidth"], alpha=0.35 if stopped else 1.0,
                                 shrinkA=0, shrinkB=0, zorder=2, gid=kind))
    ax.text((start[0] + end[0]) / 2, label_y, label, ha="center",
            va="bottom" if label_y >= start[1] else "top", fontsize=FONT, zorder=4,
            linespacing=1.15)


def _box(ax, x, y, width, height, text, *, face="#F0F4F8", hatch=None, gid=None):
    from matplotlib.patches import FancyBboxPatch

    ax.add_patch(FancyBboxPatch((x - width / 2, y - height / 2), width, height,
                                boxstyle="round,pad=0.02,rounding_size=0.06", facecolor=face,
                                edgecolor="#222222", linewidth=1.2, hatch=hatch, zorder=3,
                                gid=gid))
    ax.text(x, y, text, ha="center", va="center", fontsize=FONT, zorder=5, linespacing=1.3,
            bbox={"boxstyle": "round,pad=0.15", "facecolor": face, "edgecolor": "none"}
            if hatch else None)


def _row_height(row: dict) -> float:
    parts = _row_parts(row)
    label_lines = sum(len(wrap(_names("command", parts["commands"]), WRAP)) or 1
                      for _ in parts["commands"][:1]) + (2 if parts["replies"] else 0)
    below = sum(1 for key in ("in", "out") if parts[key]) * 2
    return max(LINE * (len(parts["partners"]) + 1), LINE * (label_lines + below + 2)) + 0.5


def draw_hosting(arch: Architecture, ax=None, *, outage: str | None = None,
                 title: str | None = None):
    """Draw where ``arch``'s processes run; return the axes.

    >>> from lessonlib.scenarios import order_fulfilment_orchestration
    >>> ax = draw_hosting(order_fulfilment_orchestration())
    >>> sorted({str(p.get_linestyle()) for p in ax.patches if p.get_gid() == "command"})
    ['solid']
    """
    arch = expect_architecture(arch, "draw_hosting()'s model")
    rows = hosting_rows(arch)
    if not rows:
        raise LessonTypeError(f"{arch.name!r} has no process with an owner, so no engine runs "
                              "anything; draw_hosting shows where owned processes run.")
    down = _down(arch, outage)
    if ax is None:
        from matplotlib.figure import Figure

        ax = Figure(figsize=hosting_size(arch)).subplots()
    y = 0.0
    for row in rows:
        height = _row_height(row)
        row["y"], row["height"] = y - height / 2, height
        y -= height + 0.25
    bottom = y
    for owner in dict.fromkeys(r["owner"] for r in rows):
        mine = [r for r in rows if r["owner"] == owner]
        top = mine[0]["y"] + mine[0]["height"] / 2 - 0.15
        low = mine[-1]["y"] - mine[-1]["height"] / 2 + 0.15
        runs = [r["process"] for r in mine]
        text = (owner + ("  [DOWN]" if owner == down else "") + "\nits engine runs:\n"
                + "\n".join(runs))
        _box(ax, X_OWNER, (top + low) / 2, OWNER_W, top - low, text, face="#DCEBF7",
             hatch="//" if owner == down else None, gid=f"owner:{owner}")
    for row in rows:
        stopped, ry, parts = row["owner"] == down, row["y"], _row_parts(row)
        _box(ax, X_START, ry, START_W, 0.45, row["starter"], gid=f"starter:{row['starter']}")
        left, right = X_START + START_W / 2, X_OWNER - OWNER_W / 2
        _arrow(ax, (left, ry + 0.08), (right, ry + 0.08), "event",
               "\n".join(wrap(f"event {row['start']}", 20)), ry + 0.16, stopped)
        if parts["back"]:
            _arrow(ax, (right, ry - 0.08), (left, ry - 0.08), COMMAND,
                   "\n".join(wrap(_names("command", parts["back"]), 20)), ry - 0.16, stopped)
        if stopped:
            ax.text(X_START, ry - 0.75, "stopped", ha="center", va="top", fontsize=FONT,
                    fontweight="bold", gid="stopped")
        if not parts["partners"]:
            continue
        ph = LINE * len(parts["partners"]) + 0.25
        _box(ax, X_PARTNER, ry, PARTNER_W, ph, "\n".join(parts["partners"]),
             gid="partners:" + ",".join(parts["partners"]))
        near, far = X_OWNER + OWNER_W / 2, X_PARTNER - PARTNER_W / 2
        offset = 0.1
        if parts["commands"]:
            label = _names("command", parts["commands"])
            if parts["replies"]:
                label += "; answered by " + ", ".join(dict.fromkeys(parts["replies"]))
            _arrow(ax, (near, ry + offset), (far, ry + offset), COMMAND,
                   "\n".join(wrap(label, WRAP)), ry + offset + 0.08, stopped)
        below = ry - offset
        for key, (a, b) in (("in", (far, near)), ("out", (near, far))):
            if parts[key]:
                label = _names("event", parts[key]) + (" (awaited)" if key == "in" else "")
                _arrow(ax, (a, below), (b, below), "event", "\n".join(wrap(label, WRAP)),
                       below - 0.08, stopped)
                below -= 0.62
    from matplotlib.lines import Line2D

    ax.legend(handles=[
        Line2D([], [], color=STYLE[COMMAND]["color"], linestyle="solid",
               linewidth=STYLE[COMMAND]["linewidth"], label="command (solid)"),
        Line2D([], [], color=STYLE["event"]["color"], linestyle=(0, (6, 3)),
               linewidth=STYLE["event"]["linewidth"], label="event (dashed)")],
        loc="upper left", fontsize=FONT, frameon=False, ncol=2)
    ax.set_xlim(X_START - START_W / 2 - 0.1, X_PARTNER + PARTNER_W / 2 + 0.1)
    ax.set_ylim(bottom, 0.75)
    ax.axis("off")
    ax.set_title(title or arch.name, fontsize=FONT + 1)
    return ax


def hosting_size(arch: Architecture) -> tuple[float, float]:
    """Figure size in inches for :func:`draw_hosting` of ``arch``."""
    rows = hosting_rows(arch)
    return (X_PARTNER + (START_W + PARTNER_W) / 2 + 0.4,
            0.9 + sum(_row_height(r) + 0.25 for r in rows))


def describe_hosting(arch: Architecture, *, outage: str | None = None) -> str:
    """The text equivalent of :func:`draw_hosting`."""
    rows = hosting_rows(arch)
    down = _down(arch, outage)
    lines = [f"{arch.name}."]
    for owner in dict.fromkeys(r["owner"] for r in rows):
        runs = [r["process"] for r in rows if r["owner"] == owner]
        text = f"{owner} runs {and_list(runs)} in its engine."
        if owner == down:
            text += f" It is down: {and_list(runs)} {'stops' if len(runs) == 1 else 'stop'}."
        lines.append(text)
    for row in rows:
        state = " (stopped)" if row["owner"] == down else ""
        parts = [f"{row['process']}{state}: {row['starter']} starts it with the event "
                 f"{row['start']} (dashed arrow)."]
        for partner, kind, messages, replies, direction in row["links"]:
            shape = "solid arrow" if kind == COMMAND else "dashed arrow"
            label = _label(messages, replies, kind)
            if kind == COMMAND:
                parts.append(f"{row['owner']} sends {partner} the {label} ({shape}).")
            elif direction == "in":
                parts.append(f"{partner} emits the {label}, which {row['owner']} waits for "
                             f"({shape}).")
            else:
                parts.append(f"{partner} reacts to the {label} from {row['owner']} ({shape}).")
        lines.append(" ".join(parts))
    return "\n".join(lines)


def hosting_figure(*architectures: Architecture, outage: str | None = None):
    """A figure of where the processes run, one panel per model (see :func:`draw_hosting`)."""
    from matplotlib.figure import Figure

    if not architectures:
        raise LessonTypeError("show_hosting() needs at least one model, like "
                              "show_hosting(scenarios.centralised(...)).")
    archs = [expect_architecture(a, "show_hosting()'s model") for a in architectures]
    sizes = [hosting_size(a) for a in archs]
    fig = Figure(figsize=(max(w for w, _ in sizes), sum(h for _, h in sizes)))
    axes = fig.subplots(len(archs), 1, squeeze=False,
                        gridspec_kw={"height_ratios": [h for _, h in sizes]})[:, 0]
    for arch, ax in zip(archs, axes, strict=True):
        draw_hosting(arch, ax, outage=outage)
    fig.subplots_adjust(left=0.01, right=0.99, top=0.97, bottom=0.01, hspace=0.1)  # axes
    # are off and hold all their text: no layout pass needed
    return fig


def show_hosting(*architectures: Architecture, outage: str | None = None) -> None:
    """Display where the processes run, one panel per model, with the text equivalent."""
    fig = hosting_figure(*architectures, outage=outage)
    archs = [expect_architecture(a, "show_hosting()'s model") for a in architectures]
    display_figure(fig, "\n\n".join(describe_hosting(a, outage=outage) for a in archs))
