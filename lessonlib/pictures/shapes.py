"""A picture's parts measured in inches: boxes, lines and labels, and where they collide.

The architecture picture (:mod:`lessonlib.pictures.placement`) and the decision
tree place their labels with these: :func:`make_label` measures a label's text,
:func:`place_near` puts it beside a line where it touches nothing, and
:meth:`Geometry.overlaps` lists any label that still does. Text is measured through
:func:`lessonlib.pictures.sizes.text_extent`; nothing here imports matplotlib.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lessonlib.pictures.sizes import text_extent

__all__ = ["Box", "Line", "Label", "Geometry", "make_label", "place_near", "is_free",
           "NAME_SIZE", "SMALL_SIZE", "TITLE_SIZE", "MARGIN", "LABEL_PAD", "Rect", "Point"]

NAME_SIZE = 9.5    # service names, bold
SMALL_SIZE = 8.5   # arrow labels, tags inside boxes, legend
TITLE_SIZE = 11.0

MARGIN = 0.05                # between a label and any line or box
LABEL_PAD = 0.035            # a label's box around its text (inches)

Rect = tuple[float, float, float, float]  # x0, y0, x1, y1
Point = tuple[float, float]


@dataclass
class Box:
    service: str
    lines: list[str]          # the text inside: the name (maybe wrapped), then tags
    x: float = 0.0
    y: float = 0.0
    w: float = 0.0
    h: float = 0.0
    column: int = 0

    @property
    def rect(self) -> Rect:
        return (self.x - self.w / 2, self.y - self.h / 2, self.x + self.w / 2, self.y + self.h / 2)

    @property
    def left(self) -> float:
        return self.x - self.w / 2

    @property
    def right(self) -> float:
        return self.x + self.w / 2

    @property
    def top(self) -> float:
        return self.y + self.h / 2

    @property
    def bottom(self) -> float:
        return self.y - self.h / 2


@dataclass
class Line:
    points: list[Point]
    kind: str


@dataclass
class Label:
    text: str
    kinds: frozenset
    w: float
    h: float
    x: float = 0.0   # centre
    y: float = 0.0
    gid: str = "label"

    @property
    def rect(self) -> Rect:
        return (self.x - self.w / 2, self.y - self.h / 2, self.x + self.w / 2, self.y + self.h / 2)


@dataclass
class Geometry:
    boxes: dict[str, Box]
    lines: list[Line] = field(default_factory=list)
    labels: list[Label] = field(default_factory=list)
    extent: Rect = (0.0, 0.0, 1.0, 1.0)

    @property
    def width(self) -> float:
        return self.extent[2] - self.extent[0]

    @property
    def height(self) -> float:
        return self.extent[3] - self.extent[1]

    def segments(self):
        for line in self.lines:
            yield from zip(line.points, line.points[1:], strict=False)

    def overlaps(self) -> list[str]:
        """Every label that touches a line, a box or another label (empty when clean)."""
        found = []
        for i, label in enumerate(self.labels):
            r = _shrink(label.rect, 0.005)
            if any(_segment_hits(p, q, r) for p, q in self.segments()):
                found.append(f"label {label.text!r} sits on a line")
            if any(_rects_hit(r, b.rect) for b in self.boxes.values()):
                found.append(f"label {label.text!r} covers a service")
            for other in self.labels[i + 1:]:
                if _rects_hit(r, other.rect):
                    found.append(f"labels {label.text!r} and {other.text!r} overlap")
        return found



def make_label(rows: list[str], kinds, gid: str = "label") -> Label:
    text = "\n".join(rows)
    w, h = text_extent(text, SMALL_SIZE)
    return Label(text, frozenset(kinds), w + 2 * LABEL_PAD, h + 2 * LABEL_PAD, gid=gid)


# ------------------------------------------------------------------ collisions

def _shrink(r: Rect, d: float) -> Rect:
    return (r[0] + d, r[1] + d, r[2] - d, r[3] - d)


def _grow(r: Rect, d: float) -> Rect:
    return _shrink(r, -d)


def _rects_hit(a: Rect, b: Rect) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _segment_hits(p: Point, q: Point, r: Rect) -> bool:
    """Does the segment p-q pass through the rectangle r (Liang-Barsky clipping)?"""
    (x0, y0), (x1, y1) = p, q
    dx, dy = x1 - x0, y1 - y0
    t0, t1 = 0.0, 1.0
    for pk, qk in ((-dx, x0 - r[0]), (dx, r[2] - x0), (-dy, y0 - r[1]), (dy, r[3] - y0)):
        if abs(pk) < 1e-12:
            if qk < 0:
                return False
            continue
        t = qk / pk
        if pk < 0:
            t0 = max(t0, t)
        else:
            t1 = min(t1, t)
        if t0 > t1:
            return False
    return True


def is_free(rect: Rect, geometry: Geometry, placed: list[Label]) -> bool:
    """Whether ``rect``, with a margin, touches no box, no placed label and no line."""
    r = _grow(rect, MARGIN * 0.8)
    if any(_rects_hit(r, b.rect) for b in geometry.boxes.values()):
        return False
    if any(_rects_hit(r, other.rect) for other in placed):
        return False
    return not any(_segment_hits(p, q, r) for p, q in geometry.segments())


def place_near(label: Label, points: list[Point], geometry: Geometry,
                placed: list[Label]) -> None:
    """Put ``label`` beside the polyline ``points`` where it touches nothing, if it can."""
    candidates = []
    segs = list(zip(points, points[1:], strict=False))
    # Longest segments first, their middles first, then further along.
    order = sorted(segs, key=lambda s: -((s[1][0] - s[0][0]) ** 2 + (s[1][1] - s[0][1]) ** 2))
    w, h, m = label.w, label.h, MARGIN
    for (x0, y0), (x1, y1) in order:
        for t in (0.5, 0.3, 0.7, 0.15, 0.85):
            px, py = x0 + t * (x1 - x0), y0 + t * (y1 - y0)
            for dx, dy in ((0, h / 2 + m), (0, -h / 2 - m), (w / 2 + m, h / 2 + m),
                           (-w / 2 - m, h / 2 + m), (w / 2 + m, -h / 2 - m),
                           (-w / 2 - m, -h / 2 - m), (w / 2 + m, 0), (-w / 2 - m, 0)):
                candidates.append((px + dx, py + dy))
    for cx, cy in candidates:
        rect = (cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2)
        if is_free(rect, geometry, placed):
            label.x, label.y = cx, cy
            return
    label.x, label.y = candidates[0] if candidates else (0.0, 0.0)

