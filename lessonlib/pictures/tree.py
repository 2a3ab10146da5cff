"""The decision tree of lesson 02 as a picture, with its text equivalent.

The taken path is thick and solid with "(taken)" on its answers; the rest is
thin and dotted. A command leaf shows a solid arrow, an event leaf a dashed
one (the course's visual language).
"""

from __future__ import annotations

import functools

from lessonlib.architecture import COMMAND, EVENT
from lessonlib.cards.figures import show_figure
from lessonlib.decisions import ROOT, TREE, Decision, TreeLeaf, TreeQuestion
from lessonlib.errors import LessonTypeError, shown
from lessonlib.pictures import shapes
from lessonlib.pictures.architecture import STYLE, check_axes
from lessonlib.pictures.shapes import NAME_SIZE, SMALL_SIZE, TITLE_SIZE
from lessonlib.pictures.sizes import text_extent
from lessonlib.pictures.wrapping import wrap

__all__ = ["draw_tree", "describe_tree", "tree_figure", "show_tree"]


LEAF_W, QUESTION_W = 2.5, 2.9   # box widths, inches at natural size
COLUMN_GAP, ROW_GAP = 0.25, 0.6
PAD = 0.1
SHORT = {"sender-cares": "Which team must make sure it really happens?",
         "receiver-owns": "Does its team own the reaction?"}


def _node_texts(key: str):
    """The texts inside a node's box, top to bottom: (text, size, bold, italic)."""
    node = TREE[key]
    if isinstance(node, TreeQuestion):
        parts = [("\n".join(wrap(node.text, QUESTION_W - 2 * PAD, size=NAME_SIZE, bold=True,
                             keep_lines=False)), NAME_SIZE, True,
                  False)]
        if key in SHORT:
            parts.append(("\n".join(wrap(f"({SHORT[key]})", QUESTION_W - 2 * PAD, size=SMALL_SIZE,
                                     keep_lines=False)),
                          SMALL_SIZE, False, True))
        return parts
    sample = {COMMAND: "  (solid arrow)", EVENT: "  (dashed arrow)"}.get(node.kind, "")
    parts = [(node.title.upper() + sample, NAME_SIZE, True, False)]
    if node.kind is not None:
        parts.append(("", 0.0, False, False))  # room for a sample arrow
    parts.append(("\n".join(wrap(node.coupling, LEAF_W - 2 * PAD, size=SMALL_SIZE,
                                 keep_lines=False)), SMALL_SIZE, False, False))
    return parts


def _part_height(part) -> float:
    text, size, bold, _ = part
    return 0.2 if not text else text_extent(text, size, bold)[1]


@functools.cache
def _layout() -> tuple[dict[str, tuple[float, float, float, float]], float]:
    """Each node's box (centre x, centre y, width, height) in inches, and the tree's depth."""
    depth: dict[str, int] = {}
    order: list[str] = []

    def visit(key: str, d: int) -> None:
        depth[key] = d
        node = TREE[key]
        if isinstance(node, TreeQuestion):
            visit(node.yes, d + 1)
            visit(node.no, d + 1)
        else:
            order.append(key)

    visit(ROOT, 0)
    heights = {k: sum(_part_height(p) + 0.06 for p in _node_texts(k)) + 2 * PAD for k in depth}
    rows = max(depth.values()) + 1
    row_h = [max(h for k, h in heights.items() if depth[k] == r) for r in range(rows)]
    row_top, y = [], 0.0
    for r in range(rows):
        row_top.append(y)
        y -= row_h[r] + ROW_GAP
    xs: dict[str, float] = {k: i * (LEAF_W + COLUMN_GAP) for i, k in enumerate(order)}

    def centre(key: str) -> float:
        node = TREE[key]
        if isinstance(node, TreeQuestion):
            xs[key] = (centre(node.yes) + centre(node.no)) / 2
        return xs[key]

    centre(ROOT)
    boxes = {k: (xs[k], row_top[depth[k]] - heights[k] / 2,
                 QUESTION_W if isinstance(TREE[k], TreeQuestion) else LEAF_W, heights[k])
             for k in depth}
    return boxes, rows


def _edges():
    for key, node in TREE.items():
        if isinstance(node, TreeQuestion):
            yield key, node.yes, True
            yield key, node.no, False


def _check_decision(decision: object) -> Decision | None:
    if decision is not None and not isinstance(decision, Decision):
        raise LessonTypeError(f"Expected a Decision (from decide(...)) or None; got {shown(decision)}.")
    return decision


def draw_tree(decision: Decision | None = None, ax=None):
    """Draw the decision tree on ``ax`` (a new figure if None), the taken path highlighted.

    The taken path is thick and solid with "(taken)" on its answers; the rest is
    thin and dotted. A command leaf shows a solid arrow, an event leaf a dashed
    one (the course's visual language). Returns the axes.

    >>> from lessonlib.decisions import case, decide
    >>> ax = draw_tree(decide(case("welcome letter")))
    >>> sorted(p.get_gid() for p in ax.patches if p.get_gid() and p.get_gid().startswith("taken"))
    ['taken:sender-cares->command']
    """
    from matplotlib.patches import FancyArrowPatch, FancyBboxPatch

    decision = _check_decision(decision)
    check_axes(ax)
    if ax is None:
        return tree_figure(decision).axes[0]
    boxes, _ = _layout()
    taken_nodes = {ROOT} if decision else set()
    taken_edges = set()
    if decision:
        for key, answer in decision.path:
            child = TREE[key].yes if answer else TREE[key].no
            taken_edges.add((key, child))
            taken_nodes.add(child)
    geo = shapes.Geometry({k: shapes.Box(k, [], x, y, w, h)
                              for k, (x, y, w, h) in boxes.items()})
    edges = []
    for parent, child, answer in _edges():
        (x0, y0, _, h0), (x1, y1, _, h1) = boxes[parent], boxes[child]
        points = [(x0 + (x1 - x0) * 0.35, y0 - h0 / 2), (x1, y1 + h1 / 2)]
        geo.lines.append(shapes.Line(points, "edge"))
        edges.append((parent, child, answer, points))
    placed = []
    for parent, child, answer, points in edges:
        on = (parent, child) in taken_edges
        colour = "#111111" if on else "#666666"
        ax.add_patch(FancyArrowPatch(*points, arrowstyle="-|>", mutation_scale=14,
                                     linewidth=3.0 if on else 1.2,
                                     linestyle="solid" if on else (0, (1, 2)),
                                     color=colour, zorder=1, shrinkA=0, shrinkB=0,
                                     gid=f"{'taken' if on else 'edge'}:{parent}->{child}"))
        if not on:  # a dotted head reads as a smudge: draw it solid over the dotted one
            (px, py), (qx, qy) = points
            length = ((qx - px) ** 2 + (qy - py) ** 2) ** 0.5
            start = (qx - (qx - px) * 0.12 / length, qy - (qy - py) * 0.12 / length)
            ax.add_patch(FancyArrowPatch(start, (qx, qy), arrowstyle="-|>", mutation_scale=14,
                                         linewidth=1.2, color=colour, zorder=1, shrinkA=0,
                                         shrinkB=0))
        text = ("yes" if answer else "no") + ("  (taken)" if on else "")
        label = shapes.make_label([text], set(), gid="answer")
        shapes.place_near(label, points, geo, placed)
        placed.append(label)
        ax.text(label.x, label.y, text, ha="center", va="center", fontsize=NAME_SIZE,
                fontweight="bold" if on else "normal", color="#111111", zorder=4)
    geo.labels = placed
    for key, (x, y, w, h) in boxes.items():
        node = TREE[key]
        on = key in taken_nodes
        ax.add_patch(FancyBboxPatch((x - w / 2, y - h / 2), w, h,
                                    boxstyle="round,pad=0,rounding_size=0.1",
                                    facecolor="#FFF7D6" if on else "#F4F4F4",
                                    edgecolor="#111111" if on else "#777777",
                                    linewidth=3.0 if on else 1.0, zorder=2, gid=f"node:{key}"))
        top = y + h / 2 - PAD
        for text, size, bold, italic in _node_texts(key):
            height = _part_height((text, size, bold, italic))
            mid = top - height / 2
            if text:
                ax.text(x, mid, text, ha="center", va="center", fontsize=size,
                        fontweight="bold" if bold else "normal",
                        style="italic" if italic else "normal", zorder=3, linespacing=1.15)
            elif isinstance(node, TreeLeaf) and node.kind is not None:
                style = STYLE[node.kind]
                ax.add_patch(FancyArrowPatch((x - 0.55, mid), (x + 0.55, mid),
                                             arrowstyle=style["arrowstyle"], mutation_scale=13,
                                             color=style["color"], linestyle=style["linestyle"],
                                             linewidth=style["linewidth"], zorder=3,
                                             shrinkA=0, shrinkB=0, gid=f"sample:{node.kind}"))
            top -= height + 0.06
    xs = [x - w / 2 for x, _, w, _ in boxes.values()] + [x + w / 2 for x, _, w, _ in boxes.values()]
    ys = [y - h / 2 for _, y, _, h in boxes.values()] + [y + h / 2 for _, y, _, h in boxes.values()]
    ax.set_xlim(min(xs) - 0.05, max(xs) + 0.05)
    ax.set_ylim(min(ys) - 0.05, max(ys) + 0.05)
    ax.set_aspect("equal")
    ax.axis("off")
    ax.set_title(_title(decision), fontsize=TITLE_SIZE, pad=4)
    return ax


def _title(decision: Decision | None) -> str:
    title = "Command or event? Decide link by link"
    if decision:
        title += "\n" + "\n".join(wrap(decision.headline(), _width() - 0.2, size=TITLE_SIZE,
                                keep_lines=False))
    return title


def _width() -> float:
    boxes, _ = _layout()
    return (max(x + w / 2 for x, _, w, _ in boxes.values())
            - min(x - w / 2 for x, _, w, _ in boxes.values()) + 0.1)


def _height() -> float:
    boxes, _ = _layout()
    return (max(y + h / 2 for _, y, _, h in boxes.values())
            - min(y - h / 2 for _, y, _, h in boxes.values()) + 0.1)


def describe_tree(decision: Decision | None = None) -> str:
    """The text equivalent of :func:`draw_tree`.

    >>> print(describe_tree())
    Decision tree, asked per link.
    Q1: Does the sender care that it happens? (Ruecker's sharper question: which team must make sure it really happens - the team the CIO calls when it is stuck? If that is the sender's team, answer yes.)
      yes -> Command. Orchestration on this link: the sender depends on the receiver.
      no -> Q2.
    Q2: Does a receiver react on its own account? (Does the receiver's team want this and own it (it would miss it, the sender would not)? If so, answer yes.)
      yes -> Event. Choreography on this link: the receiver depends on the sender.
      no -> No link yet. Our addition to the tree: nobody owns it, so find an owner first.
    """
    decision = _check_decision(decision)
    numbers = {k: f"Q{i + 1}" for i, k in enumerate(k for k, n in TREE.items()
                                                  if isinstance(n, TreeQuestion))}

    def target(key):
        node = TREE[key]
        return numbers[key] + "." if isinstance(node, TreeQuestion) else \
            f"{node.title}. {node.coupling}"

    lines = ["Decision tree, asked per link."]
    for key, node in TREE.items():
        if isinstance(node, TreeQuestion):
            lines += [f"{numbers[key]}: {node.text} ({node.help})",
                      f"  yes -> {target(node.yes)}", f"  no -> {target(node.no)}"]
    if decision:
        lines.append("Taken path (thick lines): " + "; ".join(
            f"{numbers[k]} {'yes' if a else 'no'}" for k, a in decision.path)
            + f" -> {decision.leaf.title}.")
        lines.append(str(decision))
    return "\n".join(lines)


def tree_figure(decision: Decision | None = None):
    """A ``matplotlib.figure.Figure`` (no pyplot) holding :func:`draw_tree`, at natural size."""
    from matplotlib.figure import Figure

    title_h = text_extent(_title(decision), TITLE_SIZE)[1] + 0.12
    width, height = _width(), _height()
    fig = Figure(figsize=(width, height + title_h))
    draw_tree(decision, fig.add_axes((0, 0, 1, height / (height + title_h))))
    return fig


def show_tree(decision: Decision | None = None) -> None:
    """Display the tree (path of ``decision`` highlighted) with its text equivalent.

    Introduced in ``02_who_depends_on_whom.ipynb``.
    """
    show_figure(lambda: tree_figure(decision), describe_tree(decision),
                recipe=("tree", decision))
