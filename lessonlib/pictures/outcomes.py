"""The outcomes of many orders against the owner's time frame: the chart beside the slider.

Introduced in ``06_sagas_that_earn_their_timers.ipynb``. One line per outcome
(completed, completed late, compensated, inconsistent, stuck), each with its own line
style and marker, named in a legend below the axes (never over the data), so nothing
depends on colour; a vertical line marks the time frame the slider is at. Where outcomes
share a count, their markers sit on the same spot: each is hollow and of its own shape
and size, the smaller drawn over the larger, so none hides another. The numbers come
from :func:`lessonlib.saga_lab.timeout_sweep`.

>>> sweep = [(4, {"completed": 8, "completed late": 0, "compensated": 1, "inconsistent": 1,
...               "stuck": 0, "stuck but seen": 0}),
...          (9, {"completed": 8, "completed late": 1, "compensated": 1, "inconsistent": 0,
...               "stuck": 0, "stuck but seen": 0})]
>>> print(describe_outcomes(sweep, current=4, unit="min"))
Chart: orders by outcome against the time frame (min), 4 to 9; the vertical line marks the time frame now, 4 min.
At 4 min: 8 completed, 0 completed late, 1 compensated, 1 inconsistent, 0 stuck.
At 9 min: 8 completed, 1 completed late, 1 compensated, 0 inconsistent, 0 stuck.
Inconsistent orders fall to 0 from 9 min on.
"""

from __future__ import annotations

from lessonlib.errors import LessonTypeError, shown
from lessonlib.trace import minutes

__all__ = ["draw_outcomes", "describe_outcomes", "LINES", "SIZE"]

#: outcome -> (label, line style, marker, colour); colour only repeats style and marker.
LINES = {
    "completed": ("completed", "solid", "o", "#0072B2"),
    "completed late": ("completed late", (0, (3, 1, 1, 1, 1, 1)), "D", "#CC79A7"),
    "compensated": ("compensated", (0, (6, 3)), "s", "#009E73"),
    "inconsistent": ("inconsistent", "dotted", "^", "#D55E00"),
    "stuck": ("stuck", "dashdot", "x", "#555555"),
}
#: Marker sizes (points), largest first: drawn in this order, a smaller hollow marker lies
#: over a larger one where two outcomes share a count, and each shows.
MARKER_SIZES = (10.5, 8.5, 7, 5.5, 4.5)
FONT = 11  # points: 11 pt at the course's 100 dpi is about 15 px
#: Inches: small enough to sit beside the sliders in a notebook (the legend below the axes).
SIZE = (4.6, 3.9)


def _series(sweep) -> tuple[list[float], dict[str, list[int]]]:
    if not isinstance(sweep, (list, tuple)) or not sweep:
        raise LessonTypeError(f"Expected what saga_lab.timeout_sweep() returns, a list of (time frame,"
                              f" counts); got {shown(sweep)}.")
    frames = [float(f) for f, _ in sweep]
    values = {k: [] for k in LINES}
    for _, counts in sweep:
        for key in LINES:
            values[key].append(counts.get(key, 0) + (counts.get("stuck but seen", 0)
                                                     if key == "stuck" else 0))
    return frames, values


def draw_outcomes(sweep, ax=None, *, current: float | None = None, unit: str = "min",
                  title: str | None = None):
    """Draw how many orders end in each outcome for each time frame; return the axes.

    >>> ax = draw_outcomes([(1, {"completed": 1, "completed late": 0, "compensated": 0,
    ...                         "inconsistent": 0, "stuck": 0, "stuck but seen": 0})], current=1)
    >>> sorted(line.get_gid() for line in ax.lines if line.get_gid())
    ['compensated', 'completed', 'completed late', 'current', 'inconsistent', 'stuck']
    """
    frames, values = _series(sweep)
    if ax is None:
        from matplotlib.figure import Figure

        ax = Figure(figsize=SIZE).subplots()
    top = max(max(v) for v in values.values()) or 1
    sizes = dict(zip(LINES, MARKER_SIZES, strict=True))
    for layer, (key, (label, style, marker, colour)) in enumerate(LINES.items()):
        ax.plot(frames, values[key], linestyle=style, marker=marker, color=colour, linewidth=2,
                markersize=sizes[key], markerfacecolor="none", markeredgewidth=1.6,
                label=label, gid=key, zorder=2 + layer)
    if current is not None:
        ax.axvline(current, color="#111111", linewidth=1.2, gid="current")
        ax.text(current, top * 1.04, f" now: {minutes(current)} {unit}", fontsize=FONT,
                ha="left", va="bottom")
    ax.set_xlabel(f"time frame ({unit})", fontsize=FONT)
    ax.set_ylabel("orders", fontsize=FONT)
    ax.set_ylim(-top * 0.04, top * 1.18)
    ax.tick_params(labelsize=FONT)
    # Below the axes, under the x label: the legend never covers a data point.
    ax.legend(fontsize=FONT, loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=2,
              frameon=False, handlelength=2.6, columnspacing=1.2)
    ax.set_title(title or "Outcomes against the time frame", fontsize=FONT + 1)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    return ax


def describe_outcomes(sweep, *, current: float | None = None, unit: str = "min") -> str:
    """The text equivalent of :func:`draw_outcomes`: the counts at each time frame."""
    frames, values = _series(sweep)
    now = (f"; the vertical line marks the time frame now, {minutes(current)} {unit}"
           if current is not None else "")
    lines = [f"Chart: orders by outcome against the time frame ({unit}), "
             f"{minutes(frames[0])} to {minutes(frames[-1])}{now}."]
    i = 0
    while i < len(frames):  # one line per run of time frames with the same counts
        row = [values[key][i] for key in LINES]
        j = i
        while j + 1 < len(frames) and [values[key][j + 1] for key in LINES] == row:
            j += 1
        when = (f"At {minutes(frames[i])} {unit}" if i == j else
                f"From {minutes(frames[i])} to {minutes(frames[j])} {unit}")
        lines.append(f"{when}: " + ", ".join(
            f"{n} {label}" for n, (label, *_rest) in zip(row, LINES.values(), strict=True))
            + ".")
        i = j + 1
    bad = values["inconsistent"]
    if any(bad) and bad[-1] == 0:
        first = next(i for i in range(len(bad)) if all(v == 0 for v in bad[i:]))
        lines.append(f"Inconsistent orders fall to 0 from {minutes(frames[first])} {unit} on.")
    return "\n".join(lines)
