"""Where everything in an architecture picture goes, in inches, before anything is drawn.

The layout (:func:`lessonlib.pictures.architecture.layout`) gives each service a
column (the flow of messages, left to right) and a row. This module turns that
grid into boxes, arrows and labels measured in inches at the picture's natural
size, so text is measured once and nothing overlaps:

* a column is as wide as its widest name; the gap between two columns as wide
  as the labels that live in it, plus a short slanted run where a link changes
  row;
* every link leaves and enters a box at its own *port* on the facing sides, so
  arrows never converge on one point and an arrowhead always touches a border;
* a link's label sits above the straight, horizontal end of its arrows, on the
  side of the box that has only this link (a fan's tips), never on a line;
* a link that skips columns runs in a lane above the boxes (or below, when it
  flows backwards), with its label above (below) the lane;
* an event nobody subscribes to gets a short arrow into empty space.

Nothing here imports matplotlib at module level; text is measured through
:func:`lessonlib.pictures.sizes.text_extent`.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from lessonlib.pictures.shapes import (
    MARGIN,
    NAME_SIZE,
    SMALL_SIZE,
    Box,
    Geometry,
    Label,
    Line,
    Point,
    Rect,
    is_free,
    make_label,
    place_near,
)
from lessonlib.pictures.sizes import text_extent
from lessonlib.pictures.wrapping import wrap

PAD_X, PAD_Y = 0.1, 0.08     # inside a box, around its text
MIN_BOX_W = 0.85
NAME_WRAP = 0.9              # a multi-word name wider than this wraps onto two lines
LINE_GAP = 0.1               # between the parallel arrows of one link
GROUP_GAP = 0.16             # between two links on one side of a box
CORNER = 0.09                # no port closer than this to a box's corner
DIAGONAL = 0.25              # horizontal run of a link's slanted part
MIN_RUN = 0.3                # the straight end of an arrow, at least
RUN_PER_RISE = 0.35          # slanted run per inch of rise
END = 0.08                   # a link leaves and enters a box straight for this long
MIN_GAP = 0.55
ROW_GAP = 0.3                # between two boxes of one column
STUB = 0.4                   # length of the arrow of an event nobody subscribes to
OUTER = 0.06                 # around the whole picture
MAX_NAME_W = 1.7             # a message name wider than this wraps at a capital letter


def service_lines(name: str) -> list[str]:
    """A service's name in its box: one line, or two (as even as can be) if it is wide."""
    return wrap(name, NAME_WRAP, size=NAME_SIZE, bold=True, lines=2)


# ------------------------------------------------------------------ the layout

@dataclass
class _Group:
    """Every arrow between one pair of services, and how they are routed."""

    a: str                 # the left end (smaller column)
    b: str                 # the right end
    edges: list            # (tail, head, kind, message)
    route: str = "adjacent"   # adjacent | lane-above | lane-below
    mode: str = "straight"    # straight | left | right | mid  (adjacent only)
    label: Label | None = None


@dataclass
class _Plan:
    """What the phases of :func:`build` share: the grid, the boxes and the links, then, phase
    by phase, the sides they use, the gaps between columns and the ports on each box."""

    grid: dict[str, tuple[float, float]]
    column: dict[str, int]
    boxes: dict[str, Box]
    n_columns: int
    groups: dict[frozenset, _Group] = field(default_factory=dict)
    #: (service, side) -> (key, number of arrows, sort key) of each group or stub using it
    sides: dict[tuple[str, str], list] = field(default_factory=lambda: defaultdict(list))
    stub_side: dict[tuple[str, str], str] = field(default_factory=dict)
    col_w: list[float] = field(default_factory=list)
    zone_l: list[float] = field(default_factory=list)
    zone_r: list[float] = field(default_factory=list)
    outer: dict[frozenset, str] = field(default_factory=dict)
    pitch: float = 0.0
    gaps: list[float] = field(default_factory=list)
    ports: dict[tuple, list[float]] = field(default_factory=dict)

    @property
    def adjacent(self) -> list[_Group]:
        return [g for g in self.groups.values() if g.route == "adjacent"]


def build(arch, grid: dict[str, tuple[float, float]], y_step: float, x_step: float,
          edges: list, stubs: list, owners: set[str], tags: dict[str, list[str]],
          dependencies: bool, name_width: float = MAX_NAME_W,
          says_depends: bool = True) -> Geometry:
    """The geometry of an architecture picture (see the module's docstring).

    ``grid`` is the layout (column * x_step, row * y_step); ``edges`` are
    (tail, head, kind, message) in model order; ``stubs`` the events nobody
    subscribes to as (emitter, message); ``tags`` the words shown under a
    service's name ("CHANGED", "NEW", "(owns the process)"); a message name wider
    than ``name_width`` inches breaks at a capital letter; ``says_depends`` puts
    "depends on, via" on every label of the dependency view.

    The phases, in order: boxes and the links between each pair of services;
    which side of which box each link uses; box sizes; the gaps between columns;
    where the boxes go; the ports on each side; then the arrows and their labels
    (links between neighbouring columns, events nobody subscribes to, lanes for
    links that skip columns) and the picture's extent.
    """
    column = {s: round(x / x_step) for s, (x, _) in grid.items()}
    boxes = {s: Box(s, service_lines(s) + tags.get(s, []), column=column[s]) for s in arch.services}
    plan = _Plan(grid, column, boxes, max(column.values(), default=-1) + 1)
    _group_links(plan, edges, dependencies and says_depends, name_width)
    _choose_sides(plan, arch.services, stubs)
    _size_boxes(plan)
    _column_gaps(plan, y_step)
    _place_boxes(plan, y_step)
    _place_ports(plan)
    geometry = Geometry(boxes)
    _adjacent_lines(plan, geometry)
    placed, later = _adjacent_labels(plan)
    _stub_lines(plan, geometry, name_width, placed, later)
    lane_labels = _lane_lines(plan, geometry, placed)
    _place_labels(geometry, placed, lane_labels, later)
    _fit_extent(geometry, placed)
    return geometry


def _span(entries) -> float:
    """How long a run of ports is along a box's side: arrows of a group, then gaps."""
    return (sum(n - 1 for _, n, _ in entries) * LINE_GAP
            + max(len(entries) - 1, 0) * GROUP_GAP)


def _group_links(plan: _Plan, edges: list, says_depends: bool, name_width: float) -> None:
    """Group arrows by pair of services; route each group; make its label."""
    column, grid, groups = plan.column, plan.grid, plan.groups
    for edge in edges:
        tail, head = edge[0], edge[1]
        key = frozenset((tail, head))
        if key not in groups:
            a, b = sorted((tail, head), key=lambda s: (column[s], -grid[s][1]))
            groups[key] = _Group(a, b, [])
        groups[key].edges.append(edge)
    for g in groups.values():
        if column[g.b] - column[g.a] != 1:
            g.route = "lane-above" if g.edges[0][0] == g.a else "lane-below"
        rows = ["depends on, via"] if says_depends else []
        for tail, _head, kind, message in g.edges:
            arrow = "\u2192" if tail == g.a else "\u2190"
            # A message name wider than name_width breaks at a capital letter.
            name = wrap(message, name_width, size=SMALL_SIZE, lines=2, at="capitals")
            rows += [f"{arrow} {kind}:", "\n".join(name)]
        g.label = make_label(rows, {e[2] for e in g.edges})


def _choose_sides(plan: _Plan, services, stubs: list) -> None:
    """Which side of which box each group (or stub) uses."""
    column, grid, sides = plan.column, plan.grid, plan.sides
    top_of_column = {}
    bottom_of_column = {}
    for s in services:
        c = column[s]
        if c not in top_of_column or grid[s][1] > grid[top_of_column[c]][1]:
            top_of_column[c] = s
        if c not in bottom_of_column or grid[s][1] < grid[bottom_of_column[c]][1]:
            bottom_of_column[c] = s
    for key, g in plan.groups.items():
        n = len(g.edges)
        if g.route == "adjacent":
            sides[(g.a, "right")].append((key, n, -grid[g.b][1]))
            sides[(g.b, "left")].append((key, n, -grid[g.a][1]))
        else:
            side = "top" if g.route == "lane-above" else "bottom"
            sides[(g.a, side)].append((key, n, (1, grid[g.b][0])))
            sides[(g.b, side)].append((key, n, (0, grid[g.a][0])))
    for emitter, message in stubs:
        c = column[emitter]
        side = ("bottom" if bottom_of_column[c] == emitter else
                "top" if top_of_column[c] == emitter else "right")
        plan.stub_side[(emitter, message)] = side
        sort = (0.5, 0.0) if side in ("top", "bottom") else -grid[emitter][1] + 0.01
        sides[(emitter, side)].append((("stub", emitter, message), 1, sort))


def _size_boxes(plan: _Plan) -> None:
    """Box sizes: text, and room for the ports on each side."""
    sides = plan.sides
    col_w = [MIN_BOX_W] * plan.n_columns
    for s, box in plan.boxes.items():
        tw = max(text_extent(line, NAME_SIZE if i < len(service_lines(s)) else SMALL_SIZE,
                             i < len(service_lines(s)))[0] for i, line in enumerate(box.lines))
        width_for_ports = max(_span(sides[(s, "top")]), _span(sides[(s, "bottom")])) + 2 * CORNER
        col_w[box.column] = max(col_w[box.column], tw + 2 * PAD_X, width_for_ports)
    for s, box in plan.boxes.items():
        name_lines = len(service_lines(s))
        th = (text_extent("\n".join(box.lines[:name_lines]), NAME_SIZE, True)[1]
              + sum(text_extent(t, SMALL_SIZE)[1] + 0.02 for t in box.lines[name_lines:]))
        box.w = col_w[box.column]
        box.h = max(th + 2 * PAD_Y, _span(sides[(s, "left")]) + 2 * CORNER,
                    _span(sides[(s, "right")]) + 2 * CORNER, 0.42)
    plan.col_w = col_w


def _column_gaps(plan: _Plan, y_step: float) -> None:
    """Gaps between columns, from the labels that live in them; the rows' pitch."""
    column, grid, sides, n_columns = plan.column, plan.grid, plan.sides, plan.n_columns
    adjacent = plan.adjacent
    for g in adjacent:
        n_a, n_b = len(sides[(g.a, "right")]), len(sides[(g.b, "left")])
        if n_a == 1 and n_b == 1 and grid[g.a][1] == grid[g.b][1]:
            g.mode = "straight"
        elif n_b == 1:
            g.mode = "right"
        elif n_a == 1:
            g.mode = "left"
        else:
            g.mode = "mid"
    # A fan's outermost links may put their label over the slanted run (nothing is
    # beyond them); the others keep theirs over the straight end.
    outer = plan.outer
    for c in range(n_columns):
        for mode, end in (("right", "b"), ("left", "a")):
            fan = sorted((g for g in adjacent if column[g.a] == c and g.mode == mode),
                         key=lambda g, end=end: -grid[getattr(g, end)][1])
            if fan:
                outer[frozenset((fan[0].a, fan[0].b))] = "above"
            if len(fan) > 1:
                outer[frozenset((fan[-1].a, fan[-1].b))] = "below"
    zone_l = [0.0] * n_columns
    zone_r = [0.0] * n_columns
    slant = [False] * n_columns
    reach = [0.0] * n_columns
    for key, g in plan.groups.items():
        if g.route != "adjacent":
            continue
        c = column[g.a]
        need = g.label.w + 2 * MARGIN
        if key in outer:
            reach[c] = max(reach[c], need + 0.05)
            need = MIN_RUN
        if g.mode == "left":
            zone_l[c] = max(zone_l[c], need)
        else:
            zone_r[c] = max(zone_r[c], need)
        if g.mode != "straight":
            slant[c] = True
    # Rows: one pitch for the whole picture, tall enough for a box or a label above a line.
    tallest_box = max((b.h for b in plan.boxes.values()), default=0.5)
    tallest_label = max((g.label.h for g in adjacent if g.mode != "straight"), default=0.0)
    pitch = max(tallest_box + ROW_GAP, tallest_label + 2 * MARGIN + 2 * LINE_GAP + 0.12)
    # A link that climbs far gets a longer slanted run, so parallel arrows stay apart.
    run = [DIAGONAL if slant[c] else 0.0 for c in range(n_columns)]
    for g in adjacent:
        rise = abs(grid[g.a][1] - grid[g.b][1]) / y_step * pitch
        run[column[g.a]] = max(run[column[g.a]], min(RUN_PER_RISE * rise, 1.2))
    plan.gaps = [max(MIN_GAP, reach[c], zone_l[c] + zone_r[c] + run[c])
                 for c in range(n_columns)]
    plan.zone_l, plan.zone_r, plan.pitch = zone_l, zone_r, pitch


def _place_boxes(plan: _Plan, y_step: float) -> None:
    """Where the boxes go: columns side by side, rows one pitch apart."""
    x_left = []
    cursor = 0.0
    for c in range(plan.n_columns):
        x_left.append(cursor)
        cursor += plan.col_w[c] + plan.gaps[c]
    for s, box in plan.boxes.items():
        box.x = x_left[box.column] + plan.col_w[box.column] / 2
        box.y = plan.grid[s][1] / y_step * plan.pitch


def _place_ports(plan: _Plan) -> None:
    """Ports: positions along each side, in order, centred on the side."""
    for (s, side), entries in plan.sides.items():
        box = plan.boxes[s]
        entries.sort(key=lambda e: e[2])
        along = box.y if side in ("left", "right") else box.x
        pos = along + _span(entries) / 2 if side in ("left", "right") else along - _span(entries) / 2
        step = -1 if side in ("left", "right") else 1
        for key, n, _ in entries:
            spots = []
            for i in range(n):
                spots.append(pos)
                if i < n - 1:
                    pos += step * LINE_GAP
            pos += step * GROUP_GAP
            plan.ports[(key, s, side)] = spots


def _adjacent_lines(plan: _Plan, geometry: Geometry) -> None:
    """The arrows between neighbouring columns."""
    boxes, ports = plan.boxes, plan.ports
    for key, g in plan.groups.items():
        if g.route != "adjacent":
            continue
        a, b = boxes[g.a], boxes[g.b]
        c = a.column
        ya = ports[(key, g.a, "right")]
        yb = ports[(key, g.b, "left")]
        # The middle of the link, then each arrow parallel to it (ports are LINE_GAP apart).
        ma, mb = (ya[0] + ya[-1]) / 2, (yb[0] + yb[-1]) / 2
        n = len(g.edges)
        end = END if n > 1 else 0.0  # parallel arrows leave a box straight, then turn
        middle = _tidy([(a.right, ma), (a.right + max(plan.zone_l[c], end), ma),
                        (b.left - max(plan.zone_r[c], end), mb), (b.left, mb)])
        for i, (tail, _head, kind, _message) in enumerate(g.edges):
            points = _offset(middle, ((n - 1) / 2 - i) * LINE_GAP)
            geometry.lines.append(Line(points if tail == g.a else points[::-1], kind))


def _adjacent_labels(plan: _Plan) -> tuple[list[Label], list[tuple[Label, list[Point]]]]:
    """The labels of the arrows between neighbouring columns: those placed now, and those
    to place once everything else is (beside their arrow, where it touches nothing)."""
    boxes, ports, zone_l, zone_r = plan.boxes, plan.ports, plan.zone_l, plan.zone_r
    placed: list[Label] = []
    later: list[tuple[Label, list[Point]]] = []
    for key, g in plan.groups.items():
        if g.route != "adjacent":
            continue
        a, b = boxes[g.a], boxes[g.b]
        c = a.column
        label = g.label
        side = plan.outer.get(key)
        if side is not None:  # over the slanted run, beside the box at the straight end
            if g.mode == "left":
                label.x = a.right + MARGIN + label.w / 2
                spots = ports[(key, g.a, "right")]
            else:
                label.x = b.left - MARGIN - label.w / 2
                spots = ports[(key, g.b, "left")]
            label.y = (max(spots) + MARGIN + label.h / 2 if side == "above"
                       else min(spots) - MARGIN - label.h / 2)
        elif g.mode == "left":
            label.x = a.right + zone_l[c] / 2
            label.y = max(ports[(key, g.a, "right")]) + MARGIN + label.h / 2
        elif g.mode in ("right", "straight") and zone_r[c] > 0:
            label.x = b.left - zone_r[c] / 2
            label.y = max(ports[(key, g.b, "left")]) + MARGIN + label.h / 2
        else:
            later.append((label, [(a.right, ports[(key, g.a, "right")][0]),
                                  (b.left, ports[(key, g.b, "left")][0])]))
            continue
        placed.append(label)
    return placed, later


def _stub_lines(plan: _Plan, geometry: Geometry, name_width: float, placed: list[Label],
                later: list[tuple[Label, list[Point]]]) -> None:
    """Events nobody subscribes to: a short arrow from the emitter into empty space."""
    for (emitter, message), side in plan.stub_side.items():
        box = plan.boxes[emitter]
        spot = plan.ports[(("stub", emitter, message), emitter, side)][0]
        arrow = {"bottom": "\u2193", "top": "\u2191"}.get(side, "\u2192")
        name = wrap(message, name_width, size=SMALL_SIZE, lines=2, at="capitals")
        label = make_label([f"{arrow} event:", "\n".join(name),
                            "(no subscriber)"],
                           {"event"}, gid="label:event")
        if side == "bottom":
            start, end = (spot, box.bottom), (spot, box.bottom - STUB)
            label.x, label.y = spot, end[1] - MARGIN - label.h / 2
        elif side == "top":
            start, end = (spot, box.top), (spot, box.top + STUB)
            label.x, label.y = spot, end[1] + MARGIN + label.h / 2
        else:
            length = max(label.w + 2 * MARGIN, STUB)
            start, end = (box.right, spot), (box.right + length, spot)
            label.x, label.y = box.right + length / 2, spot + MARGIN + label.h / 2
        geometry.lines.append(Line([start, end], "event"))
        if side == "right" and box.column < plan.n_columns - 1:
            later.append((label, [start, end]))
        else:
            placed.append(label)


def _lane_lines(plan: _Plan, geometry: Geometry,
                placed: list[Label]) -> list[tuple[Label, float, float]]:
    """Lanes for links that skip columns: above (or below) everything they pass.

    Returns each lane's label with the lane's extent, to be placed along it.
    """
    boxes, ports = plan.boxes, plan.ports
    lanes = sorted((g for g in plan.groups.values() if g.route != "adjacent"),
                   key=lambda g: (boxes[g.b].x - boxes[g.a].x, boxes[g.a].x))
    lane_bands: list[Rect] = []
    lane_labels = []
    for g in lanes:
        key = frozenset((g.a, g.b))
        above = g.route == "lane-above"
        side = "top" if above else "bottom"
        xa, xb = ports[(key, g.a, side)], ports[(key, g.b, side)]
        n = len(g.edges)
        lo, hi = min(xa + xb), max(xa + xb)
        obstacles = [b.rect for b in boxes.values()] + [lb.rect for lb in placed] + lane_bands
        # include lines already drawn (stubs) as thin rects
        for line in geometry.lines:
            xs = [p[0] for p in line.points]
            ys = [p[1] for p in line.points]
            obstacles.append((min(xs), min(ys), max(xs), max(ys)))
        inside = [r for r in obstacles if r[0] < hi + 0.05 and r[2] > lo - 0.05]
        band = g.label.h + 2 * MARGIN + (n - 1) * LINE_GAP
        if above:
            base = max(r[3] for r in inside) + MARGIN + 0.1
            offsets = [base + i * LINE_GAP for i in range(n)]
            lane_bands.append((lo, base - MARGIN, hi, base + band))
        else:
            base = min(r[1] for r in inside) - MARGIN - 0.1
            offsets = [base - i * LINE_GAP for i in range(n)]
            lane_bands.append((lo, base - band, hi, base + MARGIN))
        a, b = boxes[g.a], boxes[g.b]
        edge_a = a.top if above else a.bottom
        edge_b = b.top if above else b.bottom
        for k, (tail, _head, kind, _message) in enumerate(g.edges):
            # Line k runs further out than line k - 1, from outer ports: the lines nest.
            pa, pb, y = xa[n - 1 - k], xb[k], offsets[k]
            points = [(pa, edge_a), (pa, y), (pb, y), (pb, edge_b)]
            geometry.lines.append(Line(points if tail == g.a else points[::-1], kind))
        top_line = offsets[-1]
        g.label.y = (top_line + MARGIN + g.label.h / 2) if above else \
            (top_line - MARGIN - g.label.h / 2)
        lane_labels.append((g.label, lo, hi))
    return lane_labels


def _place_labels(geometry: Geometry, placed: list[Label],
                  lane_labels: list[tuple[Label, float, float]],
                  later: list[tuple[Label, list[Point]]]) -> None:
    """The labels still loose: along their lane, then beside their arrow."""
    for label, lo, hi in lane_labels:
        # Along the lane, where no other lane's vertical passes.
        for t in (0.5, 0.35, 0.65, 0.2, 0.8, 0.1, 0.9):
            label.x = lo + t * (hi - lo)
            if is_free(label.rect, geometry, placed):
                break
        else:
            label.x = (lo + hi) / 2
        placed.append(label)
    for label, points in later:
        place_near(label, points, geometry, placed)
        placed.append(label)
    geometry.labels = placed


def _fit_extent(geometry: Geometry, placed: list[Label]) -> None:
    """The picture's extent: everything, plus a small margin (a note if it is empty)."""
    boxes = geometry.boxes
    if not boxes:  # an empty model still gets a picture, saying so
        note = make_label(["No services yet: add_service() adds one."], set(), gid="note")
        note.x, note.y = note.w / 2, 0.0
        placed.append(note)
    rects = [b.rect for b in boxes.values()] + [lb.rect for lb in placed]
    xs = [r[0] for r in rects] + [r[2] for r in rects]
    ys = [r[1] for r in rects] + [r[3] for r in rects]
    for line in geometry.lines:
        xs += [p[0] for p in line.points]
        ys += [p[1] for p in line.points]
    geometry.extent = (min(xs) - OUTER, min(ys) - OUTER, max(xs) + OUTER, max(ys) + OUTER)


def _tidy(points: list[Point]) -> list[Point]:
    """Drop repeated points and points in the middle of a straight run."""
    out: list[Point] = []
    for p in points:
        if out and abs(p[0] - out[-1][0]) < 1e-9 and abs(p[1] - out[-1][1]) < 1e-9:
            continue
        if len(out) >= 2:
            (x0, y0), (x1, y1) = out[-2], out[-1]
            if abs((x1 - x0) * (p[1] - y0) - (y1 - y0) * (p[0] - x0)) < 1e-9:
                out[-1] = p
                continue
        out.append(p)
    return out


def _offset(points: list[Point], d: float) -> list[Point]:
    """The polyline ``points`` moved sideways by ``d`` (to its left), corners mitred.

    Its first and last segments are horizontal, so the ends move straight up or down.
    """
    if abs(d) < 1e-12:
        return list(points)
    shifted = []
    for (x0, y0), (x1, y1) in zip(points, points[1:], strict=False):
        length = ((x1 - x0) ** 2 + (y1 - y0) ** 2) ** 0.5
        nx, ny = -(y1 - y0) / length * d, (x1 - x0) / length * d
        shifted.append(((x0 + nx, y0 + ny), (x1 + nx, y1 + ny)))
    out = [shifted[0][0]]
    for (p0, p1), (q0, q1) in zip(shifted, shifted[1:], strict=False):
        out.append(_intersect(p0, p1, q0, q1) or p1)
    out.append(shifted[-1][1])
    return out


def _intersect(p0: Point, p1: Point, q0: Point, q1: Point) -> Point | None:
    (x1, y1), (x2, y2), (x3, y3), (x4, y4) = p0, p1, q0, q1
    den = (x1 - x2) * (y3 - y4) - (y1 - y2) * (x3 - x4)
    if abs(den) < 1e-12:
        return None
    t = ((x1 - x3) * (y3 - y4) - (y1 - y3) * (x3 - x4)) / den
    return (x1 + t * (x2 - x1), y1 + t * (y2 - y1))
