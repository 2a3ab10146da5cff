"""Every picture a lesson shows is readable: text at 11 px or more in a 1280-px-wide
JupyterLab, never shrunk below 80 %, no label on a line, nothing clipped, no dead bands.

Sizes are computed from matplotlib (:mod:`lessonlib.pictures.sizes`); the browser
tests check the same numbers in JupyterLab, and the static-edition test checks them
on every figure of every page.
"""

from __future__ import annotations

import pytest

from lessonlib import scenarios
from lessonlib.changes import insert_step, reorder
from lessonlib.coupling import reuse_comparison
from lessonlib.decisions import CATALOGUE, case, decide
from lessonlib.labs import local_and_central
from lessonlib.pictures import architecture
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


def test_an_arrow_ends_on_its_receivers_border():
    """The arrowhead touches the box (it is neither hidden under it nor short of it)."""
    geo = architecture.geometry(scenarios.order_fulfilment_orchestration())
    for line in geo.lines:
        x, y = line.points[-1]
        hits = [b for b in geo.boxes.values()
                if (abs(x - b.left) < 1e-6 or abs(x - b.right) < 1e-6) and b.bottom <= y <= b.top
                or (abs(y - b.top) < 1e-6 or abs(y - b.bottom) < 1e-6) and b.left <= x <= b.right]
        stub = line.kind == "event" and not hits
        assert hits or stub, line.points


def test_an_empty_model_gets_a_picture_that_says_so():
    from lessonlib import Architecture

    empty = Architecture("Empty")
    texts = [t.get_text() for t in architecture.draw(empty).texts]
    assert any("No services yet" in t for t in texts)
    assert "No services yet." in architecture.describe(empty)
