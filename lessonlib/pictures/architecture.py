"""Pictures of an architecture, and their text equivalents.

Commands are **solid** arrows with a filled head, labelled ``command: Name``;
events are **dashed** arrows with an open head, labelled ``event: Name``. Colour
(Okabe-Ito, safe for colour-blind readers) only repeats what line style and
labels already say. The layout is computed, not random: services flow left to
right along the process, so a picture is the same on every run.

Introduced in ``00_start_here.ipynb``:

>>> from lessonlib.scenarios import seed_choreography
>>> print(describe(seed_choreography()))
Choreography: a chain of events. 3 services, 0 commands, 2 events.
Services, left to right: Checkout; Payment; Inventory.
Event OrderPlaced (dashed arrow): Checkout emits it; Payment subscribes.
Event PaymentReceived (dashed arrow): Payment emits it; Inventory subscribes.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable

from lessonlib.architecture import COMMAND, EVENT, Architecture, expect_architecture
from lessonlib.errors import LessonError, LessonTypeError, items, shown
from lessonlib.pictures.display import display_figure
from lessonlib.prose import and_list

__all__ = ["draw", "describe", "layout", "show", "figure_size", "STYLE"]

# Okabe-Ito colours; each kind also has its own line style, head and label.
STYLE = {
    COMMAND: {"color": "#0072B2", "linestyle": "solid", "linewidth": 2.2, "arrowstyle": "-|>"},
    EVENT: {"color": "#D55E00", "linestyle": (0, (6, 3)), "linewidth": 1.8,
              "arrowstyle": "->"},
}
NODE_FACE = "#F0F4F8"
NODE_EDGE = "#222222"
OWNER_FACE = "#DCEBF7"
CHANGED_EDGE = "#CC79A7"
NEW_FACE = "#E6F5EC"
X_STEP, Y_STEP = 5.4, 2.4
BOX_W, BOX_H = 2.3, 0.75
INCH_PER_UNIT = 0.62


def _check_architecture(arch: object) -> Architecture:
    return expect_architecture(arch, "What to draw")


def check_axes(ax: object) -> None:
    """Refuse, in a sentence, an ``ax=`` that is neither None nor a matplotlib Axes."""
    from matplotlib.axes import Axes

    if ax is not None and not isinstance(ax, Axes):
        raise LessonTypeError(
            f"ax= is where to draw: a matplotlib Axes (the ax of fig, ax = plt.subplots()), or "
            f"None for a new figure; got {shown(ax)} ({type(ax).__name__}).")


def _check_services(arch: Architecture, names: Iterable[str] | None, what: str) -> set[str]:
    if names is None:
        return set()
    if isinstance(names, str):
        names = [names]
    return {arch.service(n) for n in items(names, f"{what}=", "['Payment']")}


def layout(arch: Architecture) -> dict[str, tuple[float, float]]:
    """Deterministic positions: x follows the flow of messages, y the model's order.

    Back edges (replies to an orchestrator) are ignored when layering, so the
    process reads left to right.

    >>> from lessonlib.scenarios import order_fulfilment_orchestration
    >>> pos = layout(order_fulfilment_orchestration())
    >>> [pos[s][0] / X_STEP for s in ("Checkout", "Order", "Payment", "Shipping")]
    [0.0, 1.0, 2.0, 2.0]
    """
    import networkx as nx

    arch = _check_architecture(arch)
    order = {s: i for i, s in enumerate(arch.services)}
    flow = nx.DiGraph()
    flow.add_nodes_from(arch.services)
    for link in arch.links():
        flow.add_edge(link.sender, link.receiver)
    # Depth-first from the services nothing sends to (in model order) marks back edges.
    roots = [s for s in arch.services if flow.in_degree(s) == 0] or list(arch.services[:1])
    dag = nx.DiGraph()
    dag.add_nodes_from(arch.services)
    state: dict[str, int] = {}
    for start in roots + list(arch.services):
        if start in state:
            continue
        stack = [(start, iter(sorted(flow.successors(start), key=order.get)))]
        state[start] = 1
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                state[node] = 2
                stack.pop()
            elif state.get(child) != 1:  # not an edge back to a node on the stack
                dag.add_edge(node, child)
                if child not in state:
                    state[child] = 1
                    stack.append((child, iter(sorted(flow.successors(child), key=order.get))))
    layer = {s: 0 for s in arch.services}
    for node in nx.lexicographical_topological_sort(dag, key=order.get):
        for child in dag.successors(node):
            layer[child] = max(layer[child], layer[node] + 1)
    columns: dict[int, list[str]] = defaultdict(list)
    for service in arch.services:
        columns[layer[service]].append(service)
    pos = {}
    for x, members in columns.items():
        top = (len(members) - 1) * Y_STEP / 2
        for i, service in enumerate(members):
            pos[service] = (round(x * X_STEP, 6), round(top - i * Y_STEP, 6))
    return pos


def _edges(arch: Architecture, dependencies: bool):
    """(tail, head, kind, message) for each arrow, in model order."""
    for link in arch.links():
        if dependencies:
            yield link.dependent, link.depends_on, link.kind, link.message
        else:
            yield link.sender, link.receiver, link.kind, link.message


def _direction(tail, head) -> str:
    (x0, y0), (x1, y1) = tail, head
    if abs(x1 - x0) >= abs(y1 - y0):
        return "\u2192" if x1 > x0 else "\u2190"
    return "\u2193" if y1 < y0 else "\u2191"


def _draw_group(ax, pos, group, dependencies: bool, label_above: bool) -> None:
    """Draw every arrow between one pair of services, and one label for them all.

    Arrows run parallel (never on top of each other); the label has one row per
    arrow naming its direction, its kind and its message, so nothing depends on
    telling colours apart.
    """
    from matplotlib.patches import FancyArrowPatch

    first_tail, first_head = pos[group[0][0]], pos[group[0][1]]
    dx, dy = first_head[0] - first_tail[0], first_head[1] - first_tail[1]
    length = (dx * dx + dy * dy) ** 0.5 or 1.0
    nx_, ny_ = -dy / length, dx / length  # unit normal of the pair's direction
    skip = abs(dy) < 1e-9 and abs(dx) > X_STEP * 1.5
    rows = []
    for i, (tail, head, kind, message) in enumerate(group):
        style = STYLE[kind]
        offset = (i - (len(group) - 1) / 2) * 0.24
        start = _box_edge(pos[tail], pos[head])
        end = _box_edge(pos[head], pos[tail])
        start = (start[0] + nx_ * offset, start[1] + ny_ * offset)
        end = (end[0] + nx_ * offset, end[1] + ny_ * offset)
        rad = 0.22 if skip else 0.0  # arc over the services in between
        ax.add_patch(FancyArrowPatch(start, end, arrowstyle=style["arrowstyle"],
                                     mutation_scale=18, color=style["color"],
                                     linestyle=style["linestyle"], linewidth=style["linewidth"],
                                     connectionstyle=f"arc3,rad={rad}", zorder=3, gid=kind,
                                     shrinkA=2, shrinkB=2))
        arrow = _direction(pos[tail], pos[head])
        rows.append(f"{arrow} {kind}: {message}")
    if dependencies:
        rows.insert(0, "depends on, via")
    # The label sits in the gap between the two boxes; on a diagonal, nearer the
    # right-hand box, where arrows fanning out of one service are furthest apart.
    left, right = sorted((_box_edge(first_tail, first_head), _box_edge(first_head, first_tail)))
    t = 0.5 if abs(dy) < 1e-9 or abs(dx) < 1e-9 else 0.72
    mx, my = left[0] + t * (right[0] - left[0]), left[1] + t * (right[1] - left[1])
    va = "center"
    if skip:
        my += 0.11 * abs(dx)  # the top of the arc
    elif abs(dy) < 1e-9 and label_above:  # a chain: the label goes above the lines
        my += 0.12 * len(group) + 0.08
        va = "bottom"
    kinds = {kind for _, _, kind, _ in group}
    style = STYLE[kinds.pop()] if len(kinds) == 1 else {"color": "#555555"}
    ax.text(mx, my, "\n".join(rows), ha="center", va=va, fontsize=7.5,
            color="#111111", zorder=5, gid="label",
            bbox={"boxstyle": "round,pad=0.25", "facecolor": "white",
                  "edgecolor": style["color"], "linewidth": 0.8})


def _box_edge(center, other):
    """Point on the border of the box at ``center`` towards ``other``."""
    (x, y), (ox, oy) = center, other
    dx, dy = ox - x, oy - y
    if dx == 0 and dy == 0:
        return x, y
    scale = min((BOX_W / 2) / abs(dx) if dx else float("inf"),
                (BOX_H / 2) / abs(dy) if dy else float("inf"))
    return x + dx * scale, y + dy * scale


def draw(arch: Architecture, ax=None, *, dependencies: bool = False,
         highlight: Iterable[str] | None = None, new: Iterable[str] | None = None,
         title: str | None = None, legend: bool = True):
    """Draw ``arch`` on ``ax`` (a new figure if None) and return the axes.

    Parameters
    ----------
    arch : Architecture
    ax : matplotlib Axes, optional
    dependencies : bool
        If True, arrows point from each service to the service it depends on
        (event: subscriber -> emitter; command: sender -> receiver) instead of
        the direction the messages travel.
    highlight : services to mark as changed (thick outline *and* hatching).
    new : services to mark as new (a "NEW" tag and a double outline).
    title : str, optional. Defaults to the architecture's name.
    legend : bool. Show the key to line styles.

    Examples
    --------
    >>> from lessonlib.scenarios import seed_orchestration
    >>> ax = draw(seed_orchestration())
    >>> sorted({p.get_linestyle() for p in ax.patches if p.get_gid() == "command"})
    ['solid']
    """
    from matplotlib.lines import Line2D
    from matplotlib.patches import FancyArrowPatch, FancyBboxPatch

    arch = _check_architecture(arch)
    changed = _check_services(arch, highlight, "highlight")
    added = _check_services(arch, new, "new")
    check_axes(ax)
    if ax is None:
        import matplotlib.pyplot as plt

        _, ax = plt.subplots(figsize=figure_size(arch, dependencies))
    pos = layout(arch)
    owners = {p.owner for p in arch.processes}

    for service, (x, y) in pos.items():
        face = NEW_FACE if service in added else OWNER_FACE if service in owners else NODE_FACE
        box = FancyBboxPatch((x - BOX_W / 2, y - BOX_H / 2), BOX_W, BOX_H,
                             boxstyle="round,pad=0.02,rounding_size=0.12",
                             facecolor=face, edgecolor=CHANGED_EDGE if service in changed
                             else NODE_EDGE, linewidth=3.2 if service in changed else 1.3,
                             hatch="///" if service in changed else None, zorder=2,
                             gid=f"service:{service}")
        ax.add_patch(box)
        if service in added:
            ax.add_patch(FancyBboxPatch((x - BOX_W / 2 - 0.07, y - BOX_H / 2 - 0.07),
                                        BOX_W + 0.14, BOX_H + 0.14,
                                        boxstyle="round,pad=0.02,rounding_size=0.16",
                                        fill=False, edgecolor=NODE_EDGE, linewidth=1.0,
                                        zorder=2))
        if service in owners:
            ax.text(x, y - 0.2, "(owns the process)", ha="center", va="center",
                    fontsize=7.5, zorder=4)
        ax.text(x, y + (0.1 if service in owners else 0), service, ha="center", va="center",
                fontsize=9.5, fontweight="bold",
                zorder=4, bbox={"boxstyle": "round,pad=0.1", "facecolor": face,
                                "edgecolor": "none"} if service in changed else None)
        if service in added:
            ax.text(x + BOX_W / 2, y + BOX_H / 2 + 0.05, "NEW", ha="right", va="bottom",
                    fontsize=8, fontweight="bold", zorder=4)
        if service in changed:
            ax.text(x - BOX_W / 2, y + BOX_H / 2 + 0.05, "CHANGED", ha="left", va="bottom",
                    fontsize=8, fontweight="bold", color="#6B2E57", zorder=4)

    groups: dict[frozenset, list] = defaultdict(list)
    for edge in _edges(arch, dependencies):
        groups[frozenset(edge[:2])].append(edge)
    column_sizes = Counter(x for x, _ in pos.values())
    for group in groups.values():
        alone = all(column_sizes[pos[s][0]] == 1 for s in group[0][:2])
        _draw_group(ax, pos, group, dependencies, label_above=alone)

    last_x = max((p[0] for p in pos.values()), default=0.0)
    if not dependencies:  # events nobody subscribes to: an arrow into empty space
        for message in arch.messages:
            if message.is_event and not message.targets:
                x, y = pos[message.source]
                if x == last_x:  # nothing to the right: point right
                    begin, end = (x + BOX_W / 2, y), (x + BOX_W / 2 + 1.3, y - 0.5)
                else:
                    begin, end = (x, y - BOX_H / 2), (x, y - BOX_H / 2 - 0.9)
                style = STYLE[EVENT]
                ax.add_patch(FancyArrowPatch(begin, end,
                                             arrowstyle=style["arrowstyle"], mutation_scale=16,
                                             color=style["color"],
                                             linestyle=style["linestyle"],
                                             linewidth=style["linewidth"], zorder=3,
                                             gid="event"))
                ax.text(end[0], end[1] - 0.1, f"event: {message.name}\n(no subscriber)",
                        ha="center", va="top", fontsize=7.5, gid="label:event")

    (x0, x1), (y0, y1) = _limits(pos, _has_stubs(arch, dependencies))
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_aspect("equal")
    ax.axis("off")
    heading = arch.name if title is None else title
    if dependencies and title is None:
        heading += "\nwho depends on whom (arrow: depends on)"
    ax.set_title(heading, fontsize=11)
    if legend:
        handles = [
            Line2D([], [], color=STYLE[COMMAND]["color"], linestyle="solid",
                   linewidth=STYLE[COMMAND]["linewidth"], marker=">", markevery=[1],
                   label="command (solid): " + (
                       "sender depends on receiver" if dependencies else "sender -> receiver")),
            Line2D([], [], color=STYLE[EVENT]["color"], linestyle=(0, (6, 3)),
                   linewidth=STYLE[EVENT]["linewidth"],
                   label="event (dashed): " + (
                       "subscriber depends on emitter" if dependencies
                       else "emitter -> subscribers")),
        ]
        ax.legend(handles=handles, loc="upper center", fontsize=8, frameon=False, ncol=1,
                  bbox_to_anchor=(0.5, 0.0))
    return ax


def _limits(pos, stubs: bool = True):
    xs = [p[0] for p in pos.values()] or [0.0]
    ys = [p[1] for p in pos.values()] or [0.0]
    return ((min(xs) - BOX_W / 2 - 0.3, max(xs) + BOX_W / 2 + (2.0 if stubs else 0.3)),
            (min(ys) - BOX_H / 2 - (1.7 if stubs else 0.3), max(ys) + BOX_H / 2 + 0.9))


def _has_stubs(arch: Architecture, dependencies: bool) -> bool:
    return not dependencies and any(m.is_event and not m.targets for m in arch.messages)


def figure_size(arch: Architecture, dependencies: bool = False) -> tuple[float, float]:
    """A figure size (inches) in which one unit of the layout is the same length."""
    (x0, x1), (y0, y1) = _limits(layout(arch), _has_stubs(arch, dependencies))
    return (max(4.0, (x1 - x0) * INCH_PER_UNIT), (y1 - y0) * INCH_PER_UNIT + 1.6)


def describe(arch: Architecture, *, dependencies: bool = False,
             highlight: Iterable[str] | None = None, new: Iterable[str] | None = None) -> str:
    """The text equivalent of :func:`draw` with the same options.

    >>> from lessonlib.scenarios import seed_orchestration
    >>> print(describe(seed_orchestration(), dependencies=True))
    Orchestration: one service sends commands. 4 services, 2 commands, 1 event.
    Services, left to right: Checkout; Order (owns the process); Payment, Inventory.
    Arrows point from a service to the service it depends on.
    Order depends on Checkout: it subscribes to the event OrderPlaced (dashed arrow).
    Order depends on Payment: it sends the command RetrievePayment (solid arrow).
    Order depends on Inventory: it sends the command FetchGoods (solid arrow).
    Process 'Order fulfilment' is owned by Order: OrderPlaced, then RetrievePayment, then FetchGoods.
    """
    arch = _check_architecture(arch)
    changed = _check_services(arch, highlight, "highlight")
    added = _check_services(arch, new, "new")
    owners = {p.owner for p in arch.processes}
    pos = layout(arch)
    columns: dict[float, list[str]] = defaultdict(list)
    for service in arch.services:
        tags = [t for t, on in (("new", service in added), ("changed", service in changed),
                                ("owns the process", service in owners)) if on]
        columns[pos[service][0]].append(service + (f" ({', '.join(tags)})" if tags else ""))
    lines = [f"{arch.name}. {arch.summary()}.",
             "Services, left to right: "
             + "; ".join(", ".join(col) for _, col in sorted(columns.items())) + "."]
    if dependencies:
        lines.append("Arrows point from a service to the service it depends on.")
        for link in arch.links():
            how = (f"it sends the command {link.message} (solid arrow)" if link.kind == COMMAND
                   else f"it subscribes to the event {link.message} (dashed arrow)")
            lines.append(f"{link.dependent} depends on {link.depends_on}: {how}.")
    else:
        for m in arch.messages:
            if m.is_command:
                lines.append(f"Command {m.name} (solid arrow): {m.source} sends it to "
                             f"{m.targets[0]}, which must acknowledge or reject it.")
            elif m.targets:
                lines.append(f"Event {m.name} (dashed arrow): {m.source} emits it; "
                             f"{and_list(m.targets)} {'subscribes' if len(m.targets) == 1 else 'subscribe'}.")
            else:
                lines.append(f"Event {m.name} (dashed arrow): {m.source} emits it; "
                             "no service subscribes.")
    for p in arch.processes:
        lines.append(f"Process {p.name!r} is owned by {p.owner}: {', then '.join(p.steps)}.")
    return "\n".join(lines)


def show(*architectures: Architecture, dependencies: bool = False,
         highlight: Iterable[str] | None = None, new: Iterable[str] | None = None) -> None:
    """Display one or more architectures side by side, with their text equivalent.

    The notebook output is a PNG whose metadata carries the description as alt
    text, followed by a collapsible "Text description". Introduced in
    ``00_start_here.ipynb``.
    """
    from matplotlib.figure import Figure

    if not architectures:
        raise LessonTypeError("show() needs at least one Architecture to draw, like "
                              "show(scenarios.seed_choreography()).")
    archs = [_check_architecture(a) for a in architectures]
    if len(archs) > 1 and (highlight or new):
        raise LessonError("highlight= and new= mark services of one architecture; show the "
                          f"{len(archs)} architectures one at a time to mark them.")
    sizes = [figure_size(a, dependencies) for a in archs]
    fig = Figure(figsize=(sum(w for w, _ in sizes), max(h for _, h in sizes)))
    axes = fig.subplots(1, len(archs), squeeze=False,
                        gridspec_kw={"width_ratios": [w for w, _ in sizes]})[0]
    texts = []
    for arch, ax in zip(archs, axes, strict=True):
        marks = {"highlight": highlight, "new": new} if len(archs) == 1 else {}
        draw(arch, ax, dependencies=dependencies, **marks)
        texts.append(describe(arch, dependencies=dependencies, **marks))
    fig.tight_layout()
    display_figure(fig, "\n\n".join(texts))
