"""Legends stay off the data, and no marker hides another: the outcome chart beside the
time-frame slider and the sequence diagrams' legend row. Each check is shown failing on a
figure that breaks it."""

from __future__ import annotations

import pytest

from lessonlib.pictures.outcomes import draw_outcomes
from lessonlib.pictures.sequence import sequence_figure
from lessonlib.saga_lab import timeout_sweep
from lessonlib.simulate import order_fulfilment_chain, order_fulfilment_engine

#: The least room (px at 100 dpi) between the lifelines' ends and the legend's text: more
#: than a line of its text, so the row reads as a key, not as one more row of arrows.
GAP_PX = 14


def _drawn(ax):
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    canvas = FigureCanvasAgg(ax.figure)  # a Figure made without pyplot has no renderer
    canvas.draw()
    return canvas.get_renderer()


def legend_over_data(ax) -> list[str]:
    """Why the legend of ``ax`` sits on its data (empty: it does not): it overlaps the axes'
    plotting area, or a marker of a line lies inside it."""
    renderer = _drawn(ax)
    box = ax.get_legend().get_window_extent(renderer)
    problems = []
    if box.overlaps(ax.get_window_extent(renderer)):
        problems.append("the legend overlaps the axes")
    for line in ax.lines:
        for x, y in line.get_transform().transform(line.get_xydata()):
            if box.contains(x, y):
                problems.append(f"a point of {line.get_gid() or line.get_label()} is under it")
                break
    return problems


def hidden_markers(ax) -> list[str]:
    """Markers another one can hide: where two lines share a point, the one drawn later
    must be hollow (or an x) and smaller, and no two lines share marker and size."""
    lines = sorted((line for line in ax.lines if line.get_marker() not in (None, "None", "")),
                   key=lambda line: line.get_zorder())
    problems = []
    shapes = [(line.get_marker(), line.get_markersize()) for line in lines]
    if len(set(shapes)) < len(shapes):
        problems.append(f"two lines share a marker and its size: {shapes}")
    for below, above in zip(lines, lines[1:], strict=False):
        if above.get_markersize() >= below.get_markersize():
            problems.append(f"{above.get_gid()} is drawn over {below.get_gid()} at a size as large")
        if above.get_marker() != "x" and above.get_markerfacecolor() != "none":
            problems.append(f"{above.get_gid()}'s markers are filled")
    return problems


def lifelines_crossed(ax) -> list[str]:
    """Lifelines that reach the legend row (each must end above its text, with room)."""
    renderer = _drawn(ax)
    top = max(t.get_window_extent(renderer).y1 for t in ax.get_legend().get_texts())
    ends = [min(line.get_transform().transform(line.get_xydata())[:, 1])
            for line in ax.lines if line.get_gid() == "lifeline"]
    assert ends, "the diagram has no lifelines"
    return [f"a lifeline ends {end - top:.1f} px above the legend's top" for end in ends
            if end - top < GAP_PX]


SWEEPS = {"orders": lambda: timeout_sweep(orders=120),
          "onboarding": lambda: timeout_sweep("customer onboarding", orders=60),
          "no failures": lambda: timeout_sweep(orders=60, failure_rate=0.0, slow_rate=0.0)}


@pytest.mark.parametrize("name", SWEEPS)
def test_the_outcome_charts_legend_is_off_the_data_and_no_marker_is_hidden(name):
    ax = draw_outcomes(SWEEPS[name](), current=5)
    assert legend_over_data(ax) == []
    assert hidden_markers(ax) == []


def test_the_checks_see_a_legend_on_the_data_and_a_hidden_marker():
    ax = draw_outcomes(SWEEPS["orders"](), current=5)
    ax.legend(loc="center right")  # where the chart had it
    assert "the legend overlaps the axes" in legend_over_data(ax)
    for line in ax.lines:
        line.set_markersize(6)
        line.set_markerfacecolor(line.get_color())
    assert any("filled" in p for p in hidden_markers(ax))
    assert any("as large" in p for p in hidden_markers(ax))


def _chain():
    sim = order_fulfilment_chain(seed=1)
    sim.place_orders(1)
    sim.run()
    return sim


def _engine(settings=None):
    sim = order_fulfilment_engine(seed=1, settings=settings)
    sim.place_orders(1)
    sim.run()
    return sim


DIAGRAMS = {"chain": _chain, "engine": _engine,
            "cancelled": lambda: _engine({"Shipping": {"slow_rate": 1.0}})}


@pytest.mark.parametrize("name", DIAGRAMS)
def test_the_sequence_legend_row_is_below_every_lifeline(name):
    ax = sequence_figure(DIAGRAMS[name]()).axes[0]
    assert lifelines_crossed(ax) == []


def test_the_lifeline_check_sees_a_legend_across_the_lifelines():
    ax = sequence_figure(_chain()).axes[0]
    ax.get_legend().set_bbox_to_anchor((0.5, 0.3), transform=ax.transAxes)
    assert lifelines_crossed(ax) != []
