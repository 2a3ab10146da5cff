"""The decision tree of lesson 02 as a picture, with its text equivalent.

The taken path is thick and solid with "(taken)" on its answers; the rest is
thin and dotted. A command leaf shows a solid arrow, an event leaf a dashed
one (the course's visual language).
"""

from __future__ import annotations

import functools

from lessonlib.architecture import COMMAND, EVENT
from lessonlib.decisions import ROOT, TREE, Decision, Outcome, Question
from lessonlib.errors import LessonTypeError, shown
from lessonlib.pictures.architecture import STYLE, check_axes
from lessonlib.pictures.display import display_figure

__all__ = ["draw_tree", "describe_tree", "tree_figure", "show_tree"]


@functools.cache
def _positions() -> dict[str, tuple[float, float]]:
    """Leaves get consecutive x positions, a question sits above its children's middle."""
    pos: dict[str, tuple[float, float]] = {}
    leaves = iter(range(len(TREE)))

    def place(key: str, depth: int) -> float:
        node = TREE[key]
        if isinstance(node, Outcome):
            x = next(leaves) * 5.6
        else:
            x = (place(node.yes, depth + 1) + place(node.no, depth + 1)) / 2
        pos[key] = (x, -depth * 2.6)
        return x

    place(ROOT, 0)
    return pos


def _edges():
    for key, node in TREE.items():
        if isinstance(node, Question):
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
        import matplotlib.pyplot as plt

        _, ax = plt.subplots(figsize=(11, 6.2))
    pos = _positions()
    taken_nodes = {ROOT} if decision else set()
    taken_edges = set()
    if decision:
        for key, answer in decision.path:
            child = TREE[key].yes if answer else TREE[key].no
            taken_edges.add((key, child))
            taken_nodes.add(child)
    w, h = 5.1, 1.35
    for parent, child, answer in _edges():
        (x0, y0), (x1, y1) = pos[parent], pos[child]
        on = (parent, child) in taken_edges
        ax.add_patch(FancyArrowPatch((x0, y0 - h / 2), (x1, y1 + h / 2), arrowstyle="-|>",
                                     mutation_scale=16, linewidth=3.2 if on else 1.0,
                                     linestyle="solid" if on else (0, (1, 2)),
                                     color="#111111" if on else "#777777", zorder=1,
                                     gid=f"{'taken' if on else 'edge'}:{parent}->{child}"))
        label = ("yes" if answer else "no") + ("  (taken)" if on else "")
        ax.text((x0 + x1) / 2, (y0 + y1) / 2, label, ha="center", va="center", fontsize=9,
                fontweight="bold" if on else "normal", color="#111111", zorder=4,
                bbox={"boxstyle": "round,pad=0.2", "facecolor": "white",
                      "edgecolor": "none"})
    for key, node in TREE.items():
        x, y = pos[key]
        on = key in taken_nodes
        ax.add_patch(FancyBboxPatch((x - w / 2, y - h / 2), w, h,
                                    boxstyle="round,pad=0.05,rounding_size=0.2",
                                    facecolor="#FFF7D6" if on else "#F4F4F4",
                                    edgecolor="#111111" if on else "#888888",
                                    linewidth=3.0 if on else 1.0, zorder=2,
                                    gid=f"node:{key}"))
        if isinstance(node, Question):
            ax.text(x, y + 0.22, node.text, ha="center", va="center", fontsize=9,
                    fontweight="bold", wrap=True, zorder=3)
            short = ("Which team must make sure it really happens?" if key == ROOT
                     else "Does its team own the reaction?")
            ax.text(x, y - 0.3, f"({short})", ha="center", va="center", fontsize=7.8,
                    style="italic", zorder=3)
        else:
            sample = {COMMAND: "  (solid arrow)", EVENT: "  (dashed arrow)"}.get(node.kind, "")
            ax.text(x, y + 0.35, node.title.upper() + sample, ha="center", va="center",
                    fontsize=10,
                    fontweight="bold", zorder=3)
            ax.text(x, y - 0.42, node.coupling.replace(": ", ":\n"), ha="center",
                    va="center", fontsize=7.5, zorder=3)
            if node.kind is not None:
                style = STYLE[node.kind]
                ax.add_patch(FancyArrowPatch((x - 1.1, y + 0.02), (x + 1.1, y + 0.02),
                                             arrowstyle=style["arrowstyle"], mutation_scale=14,
                                             color=style["color"], linestyle=style["linestyle"],
                                             linewidth=style["linewidth"], zorder=3,
                                             gid=f"sample:{node.kind}"))
    xs = [p[0] for p in pos.values()]
    ys = [p[1] for p in pos.values()]
    ax.set_xlim(min(xs) - w / 2 - 0.3, max(xs) + w / 2 + 0.3)
    ax.set_ylim(min(ys) - h / 2 - 0.3, max(ys) + h / 2 + 0.3)
    ax.set_aspect("equal")
    ax.axis("off")
    title = "Command or event? Decide link by link"
    if decision:
        title += f"\n{decision.headline()}"
    ax.set_title(title, fontsize=11)
    return ax


def describe_tree(decision: Decision | None = None) -> str:
    """The text equivalent of :func:`draw_tree`.

    >>> print(describe_tree())
    Decision tree, asked per link.
    Q1: Does the sender care that it happens? (Ruecker's sharper question: which team must make sure it really happens - the team the CIO calls when it is stuck? If that is the sender's team, answer yes.)
      yes -> Command: The sender depends on the receiver: it must know its API.
      no -> Q2.
    Q2: Does a receiver react on its own account? (Does the receiver's team want this and own it (it would miss it, the sender would not)? If so, answer yes.)
      yes -> Event: The receiver depends on the sender: it must know the event.
      no -> No link yet: Nobody owns the outcome: find an owner before drawing an arrow.
    """
    decision = _check_decision(decision)
    numbers = {k: f"Q{i + 1}" for i, k in enumerate(k for k, n in TREE.items()
                                                  if isinstance(n, Question))}

    def target(key):
        node = TREE[key]
        return numbers[key] + "." if isinstance(node, Question) else \
            f"{node.title}: {node.coupling}"

    lines = ["Decision tree, asked per link."]
    for key, node in TREE.items():
        if isinstance(node, Question):
            lines += [f"{numbers[key]}: {node.text} ({node.help})",
                      f"  yes -> {target(node.yes)}", f"  no -> {target(node.no)}"]
    if decision:
        lines.append("Taken path (thick lines): " + "; ".join(
            f"{numbers[k]} {'yes' if a else 'no'}" for k, a in decision.path)
            + f" -> {decision.outcome.title}.")
        lines.append(str(decision))
    return "\n".join(lines)


def tree_figure(decision: Decision | None = None):
    """A ``matplotlib.figure.Figure`` (no pyplot) holding :func:`draw_tree`."""
    from matplotlib.figure import Figure

    fig = Figure(figsize=(11, 6.2))
    draw_tree(decision, fig.add_subplot())
    fig.tight_layout()
    return fig


def show_tree(decision: Decision | None = None) -> None:
    """Display the tree (path of ``decision`` highlighted) with its text equivalent.

    Introduced in ``02_who_depends_on_whom.ipynb``.
    """
    display_figure(tree_figure(decision), describe_tree(decision))
