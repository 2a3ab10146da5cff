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

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from lessonlib.architecture import COMMAND, EVENT, Architecture, expect_architecture
from lessonlib.cards.figures import show_figure
from lessonlib.errors import LessonError, LessonTypeError, items, shown
from lessonlib.pictures import placement
from lessonlib.pictures.shapes import LABEL_PAD, NAME_SIZE, SMALL_SIZE, TITLE_SIZE, Geometry
from lessonlib.pictures.sizes import COLUMN_PX, CSS_PX_PER_INCH, text_extent
from lessonlib.pictures.wrapping import wrap
from lessonlib.prose import and_list

__all__ = ["draw", "describe", "layout", "show", "figure", "figure_size", "geometry", "panel",
           "compose", "render", "render_on", "fits_side_by_side", "Panel", "STYLE",
           "check_axes"]

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
X_STEP, Y_STEP = 5.4, 2.4  # the layout's grid; the picture measures its own gaps
NAME_WIDTHS = (1.7, 1.4, 1.2, 1.0, 0.8)  # inches a message name may take on one line, tried in turn


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
    # Services that exchange no message with each other are drawn one group above the other.
    pos = {}
    top = 0.0
    for group in sorted(nx.weakly_connected_components(flow), key=lambda g: min(map(order.get, g))):
        columns: dict[int, list[str]] = defaultdict(list)
        for service in arch.services:
            if service in group:
                columns[layer[service]].append(service)
        rows = max(len(members) for members in columns.values())
        middle = top - (rows - 1) * Y_STEP / 2
        for x, members in columns.items():
            first = middle + (len(members) - 1) * Y_STEP / 2
            for i, service in enumerate(members):
                pos[service] = (round(x * X_STEP, 6), round(first - i * Y_STEP + 0.0, 6))
        top -= rows * Y_STEP
    return pos


def _edges(arch: Architecture, dependencies: bool):
    """(tail, head, kind, label) for each arrow, in model order; the label is the message's
    name and, for a subscriber that reacts to some of the events only, which."""
    for link in arch.links():
        label = link.message + (f" (only {link.condition})" if link.condition else "")
        if dependencies:
            yield link.dependent, link.depends_on, link.kind, label
        else:
            yield link.sender, link.receiver, link.kind, label


def _stubs(arch: Architecture, dependencies: bool) -> list[tuple[str, str]]:
    """Events nobody subscribes to, as (emitter, message); none in the dependency view."""
    if dependencies:
        return []
    return [(m.source, m.name) for m in arch.messages if m.is_event and not m.targets]


def geometry(arch: Architecture, *, dependencies: bool = False,
             highlight: Iterable[str] | None = None, new: Iterable[str] | None = None):
    """Where every box, arrow and label of :func:`draw` goes, in inches at natural size.

    The picture is laid out before it is drawn, so text is measured once and no
    label sits on a line or a box (``geometry(arch).overlaps()`` lists any that do).

    >>> from lessonlib.scenarios import order_fulfilment_orchestration
    >>> geometry(order_fulfilment_orchestration()).overlaps()
    []
    """
    arch = _check_architecture(arch)
    changed = _check_services(arch, highlight, "highlight")
    added = _check_services(arch, new, "new")
    owners = {p.owner for p in arch.processes}
    tags = {s: [t for t, on in (("NEW", s in added), ("CHANGED", s in changed),
                                ("(owns the process)", s in owners)) if on]
            for s in arch.services}
    # A wide picture breaks long message names before the notebook has to shrink it.
    budget = COLUMN_PX / CSS_PX_PER_INCH - 0.3
    narrowest = None
    tries = [(w, True) for w in NAME_WIDTHS]
    if dependencies:  # then drop "depends on, via" from the labels: the title says it
        tries += [(w, False) for w in NAME_WIDTHS[1:]]
    for width, says_depends in tries:
        geo = placement.build(arch, layout(arch), Y_STEP, X_STEP,
                              list(_edges(arch, dependencies)), _stubs(arch, dependencies),
                              owners, tags, dependencies, name_width=width,
                              says_depends=says_depends)
        if geo.width <= budget:
            return geo
        if narrowest is None or geo.width < narrowest.width:
            narrowest = geo
    return narrowest


def _legend_entries(dependencies: bool) -> list[tuple[str, str]]:
    return [(COMMAND, "command (solid): " + ("sender depends on receiver" if dependencies
                                             else "sender -> receiver")),
            (EVENT, "event (dashed): " + ("subscriber depends on emitter" if dependencies
                                          else "emitter -> subscribers"))]


@dataclass
class Panel:
    """One architecture picture, measured: its geometry, title lines and legend layout.

    ``width`` and ``height`` (inches) hold everything: the title above, the
    drawing, the legend below.
    """

    arch: Architecture
    geometry: Geometry
    dependencies: bool
    changed: set
    added: set
    title: str
    legend: bool
    legend_columns: int = 2

    @property
    def title_height(self) -> float:
        return text_extent(self.title, TITLE_SIZE)[1] + 0.14 if self.title else 0.0

    @property
    def legend_height(self) -> float:
        rows = 2 // self.legend_columns
        return rows * 0.19 + 0.12 if self.legend else 0.0

    @property
    def width(self) -> float:
        widths = [self.geometry.width, text_extent(self.title, TITLE_SIZE)[0] + 0.1]
        if self.legend:
            widths.append(self._legend_width(self.legend_columns))
        return max(widths)

    @property
    def height(self) -> float:
        return self.title_height + self.geometry.height + self.legend_height

    def _legend_width(self, columns: int) -> float:
        entries = [text_extent(t, SMALL_SIZE)[0] + 0.55 for _, t in
                   _legend_entries(self.dependencies)]
        return sum(entries) + 0.2 if columns == 2 else max(entries)


def panel(arch: Architecture, *, dependencies: bool = False,
          highlight: Iterable[str] | None = None, new: Iterable[str] | None = None,
          title: str | None = None, legend: bool = True) -> Panel:
    """Measure one picture of ``arch`` (see :func:`draw` for the options)."""
    arch = _check_architecture(arch)
    geo = geometry(arch, dependencies=dependencies, highlight=highlight, new=new)
    heading = arch.name if title is None else title
    if dependencies and title is None:
        heading += "\nwho depends on whom (arrow: depends on)"
    heading = "\n".join(wrap(heading, max(geo.width, 4.0), size=TITLE_SIZE))
    p = Panel(arch, geo, dependencies, _check_services(arch, highlight, "highlight"),
              _check_services(arch, new, "new"), heading, legend)
    if legend and p._legend_width(2) > max(geo.width, text_extent(heading, TITLE_SIZE)[0]):
        p.legend_columns = 1
    return p


def render(p: Panel, ax, scale: float = 1.0):
    """Draw a measured :class:`Panel` on ``ax``; ``scale`` shrinks text to the axes' size."""
    from matplotlib.lines import Line2D
    from matplotlib.patches import FancyArrowPatch, FancyBboxPatch
    from matplotlib.path import Path

    geo = p.geometry
    owners = {pr.owner for pr in p.arch.processes}
    for service, box in geo.boxes.items():
        changed, added = service in p.changed, service in p.added
        face = NEW_FACE if added else OWNER_FACE if service in owners else NODE_FACE
        x0, y0, x1, y1 = box.rect
        ax.add_patch(FancyBboxPatch((x0, y0), box.w, box.h,
                                    boxstyle="round,pad=0,rounding_size=0.08",
                                    facecolor=face, edgecolor=CHANGED_EDGE if changed
                                    else NODE_EDGE, linewidth=(3.0 if changed else 1.3) * scale,
                                    hatch="///" if changed else None, zorder=2,
                                    gid=f"service:{service}"))
        if added:
            ax.add_patch(FancyBboxPatch((x0 + 0.045, y0 + 0.045), box.w - 0.09, box.h - 0.09,
                                        boxstyle="round,pad=0,rounding_size=0.06",
                                        fill=False, edgecolor=NODE_EDGE,
                                        linewidth=0.9 * scale, zorder=2))
        names = len(placement.service_lines(service))
        name = "\n".join(box.lines[:names])
        tags = box.lines[names:]
        name_h = text_extent(name, NAME_SIZE, True)[1]
        tag_hs = [text_extent(t, SMALL_SIZE)[1] + 0.02 for t in tags]
        y = box.y + (name_h + sum(tag_hs)) / 2
        plate = ({"boxstyle": "round,pad=0.12", "facecolor": face, "edgecolor": "none"}
                 if changed else None)
        ax.text(box.x, y - name_h / 2, name, ha="center", va="center", fontsize=NAME_SIZE * scale,
                fontweight="bold", zorder=4, bbox=plate)
        y -= name_h
        for tag, th in zip(tags, tag_hs, strict=True):
            bold = tag in ("CHANGED", "NEW")
            ax.text(box.x, y - th / 2, tag, ha="center", va="center",
                    fontsize=SMALL_SIZE * scale, fontweight="bold" if bold else "normal",
                    color="#6B2E57" if tag == "CHANGED" else "#111111", zorder=4, bbox=plate)
            y -= th
    for line in geo.lines:
        style = STYLE[line.kind]
        path = Path(line.points)
        ax.add_patch(FancyArrowPatch(path=path, arrowstyle=style["arrowstyle"],
                                     mutation_scale=13 * scale, color=style["color"],
                                     linestyle=style["linestyle"],
                                     linewidth=style["linewidth"] * scale,
                                     joinstyle="miter", capstyle="butt", zorder=3,
                                     gid=line.kind))
    for label in geo.labels:
        kinds = set(label.kinds)
        edge = STYLE[kinds.pop()]["color"] if len(kinds) == 1 else "#555555"
        ax.text(label.x, label.y, label.text, ha="center", va="center",
                fontsize=SMALL_SIZE * scale, color="#111111", zorder=5, gid=label.gid,
                linespacing=1.15,
                bbox={"boxstyle": f"round,pad={LABEL_PAD * 72 / SMALL_SIZE * 0.8:.3f}",
                      "facecolor": "white", "edgecolor": edge, "linewidth": 0.8 * scale})
    x0, y0, x1, y1 = geo.extent
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_aspect("equal")
    ax.axis("off")
    if p.title:
        ax.set_title(p.title, fontsize=TITLE_SIZE * scale, pad=4)
    if p.legend:
        handles = [Line2D([], [], color=STYLE[kind]["color"], linestyle=STYLE[kind]["linestyle"],
                          linewidth=STYLE[kind]["linewidth"], label=text)
                   for kind, text in _legend_entries(p.dependencies)]
        ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, 0.0),
                  fontsize=SMALL_SIZE * scale, frameon=False, ncol=p.legend_columns,
                  handlelength=2.6, borderaxespad=0.2, columnspacing=1.2)
    return ax


def compose(panels: list[Panel], *, side_by_side: bool = False, gap: float = 0.35):
    """One ``matplotlib.figure.Figure`` (no pyplot) holding ``panels`` at their natural size.

    Each drawing gets axes of exactly its size in inches, so text measured while
    laying it out fits its boxes.
    """
    from matplotlib.figure import Figure

    if side_by_side:
        width = sum(p.width for p in panels) + gap * (len(panels) - 1)
        height = max(p.height for p in panels)
    else:
        width = max(p.width for p in panels)
        height = sum(p.height for p in panels) + gap * (len(panels) - 1)
    fig = Figure(figsize=(width, height))
    offset = 0.0
    for p in panels:
        if side_by_side:
            left = offset + (p.width - p.geometry.width) / 2
            bottom = height - p.title_height - p.geometry.height
            offset += p.width + gap
        else:
            left = (width - p.geometry.width) / 2
            bottom = height - offset - p.title_height - p.geometry.height
            offset += p.height + gap
        ax = fig.add_axes((left / width, bottom / height, p.geometry.width / width,
                           p.geometry.height / height))
        render(p, ax)
    return fig


def fits_side_by_side(panels: list[Panel], gap: float = 0.35) -> bool:
    """Do ``panels`` fit the notebook's column side by side without shrinking?"""
    return (sum(p.width for p in panels) + gap * (len(panels) - 1) + 0.2) * CSS_PX_PER_INCH \
        <= COLUMN_PX


def draw(arch: Architecture, ax=None, *, dependencies: bool = False,
         highlight: Iterable[str] | None = None, new: Iterable[str] | None = None,
         title: str | None = None, legend: bool = True):
    """Draw ``arch`` on ``ax`` (a new figure if None) and return the axes.

    Parameters
    ----------
    arch : Architecture
    ax : matplotlib Axes, optional
        Without one, a figure of the picture's natural size is made (no pyplot
        involved). On axes of another size the picture is scaled, text with it.
    dependencies : bool
        If True, arrows point from each service to the service it depends on
        (event: subscriber -> emitter; command: sender -> receiver) instead of
        the direction the messages travel.
    highlight : services to mark as changed (thick outline, hatching and a CHANGED tag).
    new : services to mark as new (a NEW tag and a double outline).
    title : str, optional. Defaults to the architecture's name.
    legend : bool. Show the key to line styles.

    Examples
    --------
    >>> from lessonlib.scenarios import seed_orchestration
    >>> ax = draw(seed_orchestration())
    >>> sorted({p.get_linestyle() for p in ax.patches if p.get_gid() == "command"})
    ['solid']
    """
    check_axes(ax)
    p = panel(arch, dependencies=dependencies, highlight=highlight, new=new, title=title,
              legend=legend)
    if ax is None:
        return compose([p]).axes[0]
    return render_on(p, ax)


def render_on(p: Panel, ax):
    """Draw ``p`` on axes of any size: text shrinks with the drawing, so it still fits."""
    fig = ax.figure
    box = ax.get_position()
    scale = min(box.width * fig.get_figwidth() / p.geometry.width,
                box.height * fig.get_figheight() / p.geometry.height)
    return render(p, ax, scale=min(scale, 1.0) if scale > 0 else 1.0)


def figure(arch: Architecture, **options):
    """A ``matplotlib.figure.Figure`` of ``arch`` at its natural size (options as :func:`draw`)."""
    return compose([panel(arch, **options)])


def figure_size(arch: Architecture, dependencies: bool = False) -> tuple[float, float]:
    """The natural size (inches) of :func:`draw`'s picture of ``arch``, title and legend included."""
    p = panel(arch, dependencies=dependencies)
    return (p.width, p.height)


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
    stop = "" if arch.name.endswith((".", "?", "!")) else "."
    lines = [f"{arch.name}{stop} {arch.summary()}.",
             ("Services, left to right: "
              + "; ".join(", ".join(col) for _, col in sorted(columns.items())) + ".")
             if columns else "No services yet."]
    if dependencies:
        lines.append("Arrows point from a service to the service it depends on.")
        for link in arch.links():
            only = f", only {link.condition}" if link.condition else ""
            how = (f"it sends the command {link.message} (solid arrow)" if link.kind == COMMAND
                   else f"it subscribes to the event {link.message} (dashed arrow{only})")
            lines.append(f"{link.dependent} depends on {link.depends_on}: {how}.")
    else:
        for m in arch.messages:
            if m.is_command:
                lines.append(f"Command {m.name} (solid arrow): {m.source} sends it to "
                             f"{m.targets[0]}, which must acknowledge or reject it.")
            elif m.targets:
                who = [t + (f" (only {m.condition(t)})" if m.condition(t) else "")
                       for t in m.targets]
                lines.append(f"Event {m.name} (dashed arrow): {m.source} emits it; "
                             f"{and_list(who)} {'subscribes' if len(m.targets) == 1 else 'subscribe'}.")
            else:
                lines.append(f"Event {m.name} (dashed arrow): {m.source} emits it; "
                             "no service subscribes.")
    for p in arch.processes:
        lines.append(f"Process {p.name!r} is owned by {p.owner}: {', then '.join(p.steps)}.")
    return "\n".join(lines)


def show(*architectures: Architecture, dependencies: bool = False,
         highlight: Iterable[str] | None = None, new: Iterable[str] | None = None) -> None:
    """Display one or more architectures, one picture each, with their text equivalents.

    Each picture is shown at its natural size (never squeezed next to another),
    with its text equivalent as the image's alt text and in a collapsible "Text
    description" under it. Introduced in ``00_start_here.ipynb``.
    """
    if not architectures:
        raise LessonTypeError("show() needs at least one Architecture to draw, like "
                              "show(scenarios.seed_choreography()).")
    archs = [_check_architecture(a) for a in architectures]
    if len(archs) > 1 and (highlight or new):
        raise LessonError("highlight= and new= mark services of one architecture; show the "
                          f"{len(archs)} architectures one at a time to mark them.")
    for arch in archs:
        marks = {"highlight": highlight, "new": new}
        show_figure(lambda arch=arch, marks=marks: figure(arch, dependencies=dependencies,
                                                          **marks),
                    describe(arch, dependencies=dependencies, **marks),
                    recipe=("architecture", arch, dependencies, marks))
