"""Every picture a lesson shows is readable: text at 11 px or more in a 1280-px-wide
JupyterLab, never shrunk below 80 %, no label on a line, nothing clipped, no dead bands.

Sizes are computed from matplotlib (:mod:`lessonlib.pictures.sizes`); the browser
tests check the same numbers in JupyterLab, and the static-edition test checks them
on every figure of every page.
"""

from __future__ import annotations

import copy

import pytest

from lessonlib import scenarios
from lessonlib.changes import insert_step, reorder
from lessonlib.coupling import reuse_comparison
from lessonlib.decisions import CATALOGUE, case, decide
from lessonlib.labs import local_and_central
from lessonlib.pictures import architecture, placement
from lessonlib.pictures.flip import flip_figure
from lessonlib.pictures.hosting import hosting_figure
from lessonlib.pictures.reuse import reuse_figure
from lessonlib.pictures.sequence import sequence_figure
from lessonlib.pictures.sizes import COLUMN_PX, MIN_SCALE, MIN_TEXT_PX, rendered
from lessonlib.pictures.tree import tree_figure

SCENARIOS = [scenarios.seed_choreography, scenarios.seed_orchestration,
             scenarios.order_fulfilment_choreography, scenarios.order_fulfilment_orchestration,
             scenarios.customer_onboarding_orchestration,
             scenarios.customer_onboarding_choreography, scenarios.costume_catalogue]


def _vip_chain():
    chain = scenarios.order_fulfilment_choreography().copy("VIPs pay by invoice")
    chain.subscribe("Inventory", "OrderPlaced")
    chain.subscribe("Payment", "GoodsShipped")
    return chain


def _students_change():
    after = scenarios.customer_onboarding_orchestration().copy("Customer onboarding, my change")
    after.add_service("Campaign")
    after.subscribe("Campaign", "CustomerCreated")
    return after


def _models():
    """Every model a lesson draws, and a few a student makes on the way."""
    models = {f.__name__: f() for f in SCENARIOS}
    chain = scenarios.order_fulfilment_choreography()
    orchestrated = scenarios.order_fulfilment_orchestration()
    models.update({
        "vip chain": _vip_chain(),
        "goods first": reorder(chain, "Payment", "Inventory"),
        "goods first, orchestrated": reorder(orchestrated, "Payment", "Inventory"),
        "fraud check chain": insert_step(chain, "Fraud check", after="Payment",
                                         event="FraudChecked"),
        "fraud check orchestrated": insert_step(orchestrated, "Fraud check", after="Payment",
                                                command="CheckFraud", event="FraudChecked"),
        "student's change": _students_change(),
    })
    reuse = reuse_comparison(callers=["Order", "Subscription", "Donations"],
                             new_caller="Ticketing")
    models["reuse, commands"] = reuse.command_after
    models["reuse, events"] = reuse.event_after
    return models


MODELS = _models()


def _sequence(name):
    from lessonlib import simulate

    settings = {"slow": {"Shipping": {"slow_rate": 1.0}}, "saga": {"Shipping": {"down": True}}}
    if name == "chain":
        sim = simulate.order_fulfilment_chain(seed=1)
    elif name == "onboarding":
        sim = simulate.customer_onboarding_engine(
            seed=1, settings={"Credit check": {"slow_rate": 1.0}})
    else:
        sim = simulate.order_fulfilment_engine(seed=1, settings=settings.get(name, {}),
                                               release_goods=name == "saga")
    sim.place_orders(1)
    sim.run()
    return sequence_figure(sim, title=f"{sim.name}: order-1")


def _two_owners():
    from lessonlib import simulate

    both = simulate.two_owners(seed=1)
    both.bus.publish("OrderPlaced", sender="Checkout", correlation="order-1")
    both.bus.publish("RegistrationRequested", sender="Website", correlation="customer-1")
    both.run()
    return sequence_figure(both, correlation="customer-1", title="Two owners: customer-1")


def _flip():
    from lessonlib.disguise import unmask

    before = scenarios.costume_catalogue()
    after = unmask(before, "AddressCheckRequired", "CheckAddress")
    return flip_figure(before, after, "AddressCheckRequired", "CheckAddress")[0]


FIGURES = {
    **{f"{name} ({view})": (lambda m=model, d=dep: architecture.figure(m, dependencies=d))
       for name, model in MODELS.items() for view, dep in (("flow", False), ("depends", True))},
    "impact of goods first": lambda: architecture.figure(
        MODELS["goods first"], highlight=["Payment", "Inventory", "Shipping"]),
    "impact with a new service": lambda: architecture.figure(
        MODELS["student's change"], new=["Campaign"], title="After: my change\n1 must change"),
    "tree": lambda: tree_figure(None),
    **{f"tree: {c.key}": (lambda k=c.key: tree_figure(decide(case(k)))) for c in CATALOGUE},
    "reuse": lambda: reuse_figure(reuse_comparison(
        callers=["Order", "Subscription", "Donations"], new_caller="Ticketing")),
    "flip": _flip,
    **{f"sequence: {n}": (lambda n=n: _sequence(n))
       for n in ("chain", "engine", "slow", "onboarding", "saga")},
    "sequence: two owners": _two_owners,
    "where processes run: local and central, one down": lambda: hosting_figure(
        *local_and_central(), outage="Order fulfilment"),
}


@pytest.mark.parametrize("name", FIGURES)
def test_every_text_renders_at_11_px_and_no_figure_is_shrunk_much(name):
    size = rendered(FIGURES[name]())
    assert size.smallest_px >= MIN_TEXT_PX, (
        f"{name}: smallest text {size.smallest_px:.1f} px ({size.smallest_pt} pt, figure "
        f"{size.width_px:.0f} px wide, shown at {size.scale:.0%} in a {COLUMN_PX}-px column)")
    assert size.scale >= MIN_SCALE, f"{name}: shrunk to {size.scale:.0%}"


@pytest.mark.parametrize("dependencies", [False, True], ids=["flow", "depends"])
@pytest.mark.parametrize("name", MODELS)
def test_labels_sit_off_the_lines_and_nothing_is_clipped(name, dependencies):
    geo = architecture.geometry(MODELS[name], dependencies=dependencies)
    assert geo.overlaps() == []
    x0, y0, x1, y1 = geo.extent
    for line in geo.lines:
        for x, y in line.points:  # lanes and stubs included: no arc runs off the picture
            assert x0 <= x <= x1 and y0 <= y <= y1, (line, geo.extent)
    for label in geo.labels:
        lx0, ly0, lx1, ly1 = label.rect
        assert x0 <= lx0 and lx1 <= x1 and y0 <= ly0 and ly1 <= y1, label.text


@pytest.mark.parametrize("name", MODELS)
def test_no_dead_bands(name):
    """No strip across the picture taller than a box is left empty."""
    geo = architecture.geometry(MODELS[name])
    spans = sorted([(b.rect[1], b.rect[3]) for b in geo.boxes.values()]
                   + [(lb.rect[1], lb.rect[3]) for lb in geo.labels]
                   + [(min(p[1] for p in ln.points), max(p[1] for p in ln.points))
                      for ln in geo.lines])
    reach, empty = geo.extent[1], 0.0
    for low, high in spans:
        empty = max(empty, low - reach)
        reach = max(reach, high)
    assert max(empty, geo.extent[3] - reach) < 0.45, f"{name}: an empty band of {empty:.2f} in"


def _on_border(point, box, tol: float = 1e-6) -> bool:
    x, y = point
    return ((abs(x - box.left) < tol or abs(x - box.right) < tol) and box.bottom <= y <= box.top
            or (abs(y - box.top) < tol or abs(y - box.bottom) < tol) and box.left <= x <= box.right)


def _inside_or_on(point, box, tol: float = 1e-6) -> bool:
    x, y = point
    return (box.left - tol <= x <= box.right + tol) and (box.bottom - tol <= y <= box.top + tol)


def _arrow_end_problems(arch, geo, *, dependencies: bool = False) -> list[str]:
    """Where the arrows of ``geo`` (the picture of ``arch``) end wrongly; empty when right.

    Every arrow leaves its sender's box from the border and ends on its receiver's
    border (an arrowhead neither hidden under the box nor short of it), one arrow per
    link. An event nobody subscribes to is the one arrow that ends elsewhere: a short
    straight arrow (STUB long, or longer for its label) from its emitter's border,
    square to it, ending in empty space, one per such event.
    """
    names = {b.service: b for b in geo.boxes.values()}
    wanted: dict[tuple[str, str, str], int] = {}
    for link in arch.links():
        ends = ((link.dependent, link.depends_on) if dependencies
                else (link.sender, link.receiver))
        wanted[(*ends, link.kind)] = wanted.get((*ends, link.kind), 0) + 1
    stubs_wanted: dict[str, int] = {}
    if not dependencies:
        for m in arch.messages:
            if m.is_event and not m.targets:
                stubs_wanted[m.source] = stubs_wanted.get(m.source, 0) + 1
    drawn: dict[tuple[str, str, str], int] = {}
    stubs_drawn: dict[str, int] = {}
    problems = []
    for line in geo.lines:
        start, end = line.points[0], line.points[-1]
        senders = [s for s, b in names.items() if _on_border(start, b)]
        receivers = [s for s, b in names.items() if _on_border(end, b)]
        if not senders:
            problems.append(f"a {line.kind} arrow leaves no box's border: {line.points}")
            continue
        if receivers:
            pair = next(((s, r) for s in senders for r in receivers
                         if (s, r, line.kind) in wanted), None)
            if pair is None:
                problems.append(f"a {line.kind} arrow from {senders} ends on {receivers}, "
                                f"which it does not link: {line.points}")
            else:
                drawn[(*pair, line.kind)] = drawn.get((*pair, line.kind), 0) + 1
            continue
        # No border at its end: only an event nobody subscribes to may do that.
        emitter = senders[0]
        (x0, y0), (x1, y1) = start, end
        length = abs(x1 - x0) + abs(y1 - y0)
        if line.kind != "event" or emitter not in stubs_wanted:
            problems.append(f"a {line.kind} arrow from {emitter} ends on no box (short of its "
                            f"receiver, or under it): {line.points}")
        elif any(_inside_or_on(end, b) for b in geo.boxes.values()):
            problems.append(f"{emitter}'s arrow to no subscriber ends in a box: {line.points}")
        elif len(line.points) != 2 or (abs(x1 - x0) > 1e-9 and abs(y1 - y0) > 1e-9):
            problems.append(f"{emitter}'s arrow to no subscriber is not one straight line "
                            f"square to its border: {line.points}")
        elif length < placement.STUB - 1e-9:
            problems.append(f"{emitter}'s arrow to no subscriber is {length:.2f} in long, "
                            f"shorter than {placement.STUB}: {line.points}")
        else:
            stubs_drawn[emitter] = stubs_drawn.get(emitter, 0) + 1
    if drawn != wanted:
        problems.append(f"arrows per link {drawn}, links {wanted}")
    if stubs_drawn != stubs_wanted:
        problems.append(f"arrows to no subscriber per emitter {stubs_drawn}, events nobody "
                        f"subscribes to {stubs_wanted}")
    return problems


@pytest.mark.parametrize("dependencies", [False, True], ids=["flow", "depends"])
@pytest.mark.parametrize("name", MODELS)
def test_an_arrow_ends_on_its_receivers_border(name, dependencies):
    """The arrowhead touches the box (it is neither hidden under it nor short of it); an
    event nobody subscribes to gets a short arrow into empty space."""
    geo = architecture.geometry(MODELS[name], dependencies=dependencies)
    assert _arrow_end_problems(MODELS[name], geo, dependencies=dependencies) == []


def _broken(geo, mend):
    """A copy of ``geo`` whose lines ``mend`` changes (a line -> its new points, or None)."""
    broken = copy.deepcopy(geo)
    for line in broken.lines:
        points = mend(line)
        if points is not None:
            line.points = points
    return broken


def _shorten(points, by):
    """The polyline ``points`` with its last segment ``by`` inches shorter (or longer, if < 0)."""
    (x0, y0), (x1, y1) = points[-2], points[-1]
    length = ((x1 - x0) ** 2 + (y1 - y0) ** 2) ** 0.5
    return [*points[:-1], (x1 - (x1 - x0) / length * by, y1 - (y1 - y0) / length * by)]


@pytest.mark.parametrize(("breakage", "needle"), [
    ("an event arrow short of its receiver", "ends on no box"),
    ("a command arrow hidden under its receiver", "ends on no box"),
    ("a stub ending in a box", "ends in a box"),
    ("a stub too short", "shorter than"),
    ("a stub that bends", "not one straight line"),
    ("an arrow to the wrong box", "which it does not link"),
])
def test_the_arrow_check_sees_an_arrow_that_ends_wrongly(breakage, needle):
    # The check's own check: the orchestrated shop has commands, replies (events) and an
    # event nobody subscribes to (OrderCompleted); each breakage must be seen.
    arch = scenarios.order_fulfilment_orchestration()
    geo = architecture.geometry(arch)
    assert _arrow_end_problems(arch, geo) == []
    stub = next(ln for ln in geo.lines
                if not any(_on_border(ln.points[-1], b) for b in geo.boxes.values()))
    event = next(ln for ln in geo.lines if ln.kind == "event" and ln is not stub)
    command = next(ln for ln in geo.lines if ln.kind == "command")
    payment = geo.boxes["Payment"]
    mends = {
        "an event arrow short of its receiver": lambda ln: (
            _shorten(ln.points, 0.1) if ln.points == event.points else None),
        "a command arrow hidden under its receiver": lambda ln: (
            _shorten(ln.points, -0.1) if ln.points == command.points else None),
        "a stub ending in a box": lambda ln: (
            [ln.points[0], (payment.x, payment.y)] if ln.points == stub.points else None),
        "a stub too short": lambda ln: (
            _shorten(ln.points, placement.STUB / 2) if ln.points == stub.points else None),
        "a stub that bends": lambda ln: (
            [ln.points[0], (ln.points[0][0] + 0.3, ln.points[0][1] - 0.3), ln.points[1]]
            if ln.points == stub.points else None),
        "an arrow to the wrong box": lambda ln: (
            [*ln.points[:-1], (payment.left, payment.y)] if ln.points == event.points
            and not _on_border(ln.points[-1], payment) else None),
    }
    problems = _arrow_end_problems(arch, _broken(geo, mends[breakage]))
    assert any(needle in p for p in problems), problems
    with pytest.raises(AssertionError):
        assert problems == []


def test_an_empty_model_gets_a_picture_that_says_so():
    from lessonlib import Architecture

    empty = Architecture("Empty")
    texts = [t.get_text() for t in architecture.draw(empty).texts]
    assert any("No services yet" in t for t in texts)
    assert "No services yet." in architecture.describe(empty)
