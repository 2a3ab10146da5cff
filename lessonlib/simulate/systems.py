"""The course's systems on the bus: the shop as a chain or owned, onboarding, both together.

Each function builds a fresh :class:`~lessonlib.simulate.simulation.Simulation`
(its own bus, services and engines) from the scenarios' models, through
:mod:`~lessonlib.simulate.from_model`. Times are simulated minutes.
"""

from __future__ import annotations

from collections.abc import Mapping

from lessonlib.architecture import Architecture, expect_architecture
from lessonlib.engine import Engine, Workflow
from lessonlib.errors import LessonError
from lessonlib.scenarios import (
    CANCEL_REGISTRATION,
    ONBOARDING_CHECKS,
    centralised,
    customer_onboarding_hybrid,
    order_fulfilment_choreography,
    order_fulfilment_orchestration,
    together,
    with_bad_news,
    with_refund,
    with_release,
    with_tracking,
)
from lessonlib.simulate.from_model import merge_settings, on_the_bus, workflow_of
from lessonlib.simulate.simulation import ORDERS, REGISTRATIONS, Simulation
from lessonlib.styles import CHOREOGRAPHY, ORCHESTRATION, STYLES, as_style

__all__ = ["shop", "settings_of", "order_fulfilment_chain", "order_fulfilment_engine",
           "order_fulfilment_workflow", "tracking_workflow", "customer_onboarding_engine",
           "customer_onboarding_workflow", "two_owners", "one_orchestrator",
           "SHIPPING_TIME_FRAME", "ONBOARDING_TIME_FRAME", "TRACKING_TIME_FRAME", "SHOP",
           "ONBOARDING", "STYLES"]

#: Shipping must answer within 5 minutes, else cancel the order and refund (a saga).
SHIPPING_TIME_FRAME = 5.0
#: Onboarding waits 4 hours for the address and the credit check.
ONBOARDING_TIME_FRAME = 4 * 60.0
#: The tracker's time frame for each step of the chain (the course's choice; the sources
#: give none): a step that takes longer is flagged as late.
TRACKING_TIME_FRAME = 5.0

#: Illustrative handling times (minutes); a slow message takes ``slow_by`` times longer.
SHOP = {
    "Checkout": {"duration": 0.5},
    "Order": {"duration": 0.5},
    "Payment": {"duration": 2.0},
    "Inventory": {"duration": 3.0},
    "Shipping": {"duration": 2.0, "slow_by": 4.0},
    "Tracking": {"duration": 0.5},
    "Orchestrator": {"duration": 0.5},
}
ONBOARDING = {
    "Website": {"duration": 0.5},
    "Onboarding": {"duration": 0.5},
    "Address check": {"duration": 30.0},
    "Credit check": {"duration": 60.0, "slow_by": 6.0},
    "Letter": {"duration": 10.0},
    "Notification": {"duration": 1.0},
    "Loyalty": {"duration": 1.0},
}


def settings_of(arch: Architecture, settings: Mapping | None = None) -> dict[str, dict]:
    """The course's handling times for ``arch``'s services (:data:`SHOP`, :data:`ONBOARDING`),
    changed by ``settings``."""
    known = {**SHOP, **ONBOARDING}
    return merge_settings({s: dict(known.get(s, {})) for s in arch.services}, settings)


# --------------------------------------------------------------------------- order fulfilment

def shop(style: str = CHOREOGRAPHY, *, refund: bool = True, tracking: bool = False,
         release_goods: bool = False) -> Architecture:
    """Lesson 05's shop, derived from the scenarios: Shipping announces its failures.

    ``style`` "choreography" (the event chain):
    :func:`~lessonlib.scenarios.order_fulfilment_choreography`; "orchestration":
    :func:`~lessonlib.scenarios.order_fulfilment_orchestration`, whose owner also
    announces OrderCancelled (see :mod:`lessonlib.styles`). ``refund`` adds the saga's refund
    (:func:`~lessonlib.scenarios.with_refund`), ``tracking`` a tracking service
    (chain only), ``release_goods`` the owner's ReleaseGoods.

    >>> shop("choreography").subscriptions("Payment")
    ('OrderPlaced', 'GoodsShipmentFailed')
    >>> shop("orchestration").emits("Order")
    ('OrderCompleted', 'OrderCancelled')
    """
    style = as_style(style)
    if style == CHOREOGRAPHY:
        if release_goods:
            raise LessonError("In the chain nobody commands FetchGoods, so nobody can command "
                              "ReleaseGoods; release_goods= is for style='orchestration'.")
        arch = with_bad_news(order_fulfilment_choreography())
    else:
        if tracking:
            raise LessonError("tracking= adds a tracker to the event chain; the owner already "
                              "sees every order (style='choreography' to track).")
        arch = with_bad_news(order_fulfilment_orchestration())
        arch.add_event("OrderCancelled", emitter="Order")
    if refund:
        arch = with_refund(arch)
    if release_goods:
        arch = with_release(arch)
    if tracking:
        arch = with_tracking(arch)
    return arch


def tracking_workflow(arch: Architecture | None = None, *,
                      time_frame: float = TRACKING_TIME_FRAME) -> Workflow:
    """The tracker's workflow: wait for each event of the chain in turn; send nothing.

    Each step has a time frame that only *flags* a late order (it keeps
    waiting): the tracker watches, it cannot act. Bad news ends its watch.

    >>> wf = tracking_workflow()
    >>> print(wf.describe())
    Order tracking: starts on OrderPlaced
      1. wait for PaymentReceived within 5 min (else flag it as late and keep waiting)
      2. wait for GoodsFetched within 5 min (else flag it as late and keep waiting)
      3. wait for GoodsShipped within 5 min (else flag it as late and keep waiting); GoodsShipmentFailed fails it
    >>> wf.sends_commands()
    False
    """
    arch = (shop(CHOREOGRAPHY, tracking=True) if arch is None
            else expect_architecture(arch, "tracking_workflow()'s model"))
    steps = arch.process("Order tracking").steps[1:]
    return workflow_of(arch, "Order tracking", within=dict.fromkeys(steps, time_frame),
                       on_timeout="flag", one_by_one=True)


def order_fulfilment_chain(seed: int = 0, *, settings: Mapping | None = None,
                           refund: bool = True, tracking: bool = False,
                           time_frame: float = TRACKING_TIME_FRAME) -> Simulation:
    """The choreographed chain on the bus: every service reacts to the previous one's event.

    Built with :func:`shop` ("choreography"): Shipping announces a failure, and with
    ``refund`` Payment refunds on it. ``tracking=True`` adds a tracking service
    whose engine runs :func:`tracking_workflow` (``time_frame`` per step).
    ``settings`` changes services, e.g. ``{"Shipping": {"failure_rate": 0.1}}``.

    >>> sim = order_fulfilment_chain()
    >>> _ = sim.place_orders(1)
    >>> [f"{r.message} -> {r.receiver}" for r in sim.run()]
    ['OrderPlaced -> Payment', 'PaymentReceived -> Inventory', 'GoodsFetched -> Shipping', 'GoodsShipped -> None']
    """
    arch = shop(CHOREOGRAPHY, refund=refund, tracking=tracking)
    owners = ["Tracking"] if tracking else []
    bus = on_the_bus(arch, seed=seed, settings=settings_of(arch, settings), engines=owners)
    engines = {}
    if tracking:
        engines["Tracking"] = Engine(bus, "Tracking")
        engines["Tracking"].deploy(tracking_workflow(arch, time_frame=time_frame))
    name = "Order fulfilment as an event chain" + (", tracked" if tracking else "")
    return Simulation(name, bus, engines)


def order_fulfilment_workflow(shipping_time_frame: float | None = SHIPPING_TIME_FRAME, *,
                              release_goods: bool = False) -> Workflow:
    """The Order service's workflow; ``None`` waits for shipping without a time frame.

    The steps are the process of :func:`shop` ("orchestration"), which is
    :func:`~lessonlib.scenarios.order_fulfilment_orchestration` with Shipping's bad
    news and the refund; the time frame is the engine's. With
    ``release_goods=True`` fetched goods are compensated too (ReleaseGoods), so a
    cancelled order shows two compensations, the latest first.

    >>> print(order_fulfilment_workflow().describe())
    Order fulfilment: starts on OrderPlaced
      1. send the command RetrievePayment (compensate with RefundPayment)
      2. wait for PaymentReceived
      3. send the command FetchGoods
      4. wait for GoodsFetched
      5. send the command ShipGoods
      6. wait for GoodsShipped within 5 min; GoodsShipmentFailed fails it
      7. publish the event OrderCompleted
      if a step fails or a time frame runs out: compensate, then publish the event OrderCancelled
    """
    return _order_workflow(shop(ORCHESTRATION, release_goods=release_goods), shipping_time_frame)


def _order_workflow(arch: Architecture, frame: float | None) -> Workflow:
    frames = {} if frame is None else {"GoodsShipped": frame}
    return workflow_of(arch, "Order fulfilment", within=frames, on_failure="OrderCancelled")


def order_fulfilment_engine(seed: int = 0, *, settings: Mapping | None = None,
                            shipping_time_frame: float | None = SHIPPING_TIME_FRAME,
                            release_goods: bool = False) -> Simulation:
    """Order fulfilment managed by an engine inside the Order service.

    Built with :func:`shop` ("orchestration"). ``release_goods=True`` also compensates
    fetched goods (see :func:`order_fulfilment_workflow`).

    >>> sim = order_fulfilment_engine(settings={"Shipping": {"down": True}})
    >>> _ = sim.place_orders(1); _ = sim.run()
    >>> print(sim.engines["Order"].outcomes()[0])
    order-1: cancelled (no GoodsShipped within 5 min, compensated by RefundPayment); started t=0.5, finished t=13.5
    """
    arch = shop(ORCHESTRATION, release_goods=release_goods)
    bus = on_the_bus(arch, seed=seed, settings=settings_of(arch, settings), engines=["Order"])
    engine = Engine(bus, "Order")
    engine.deploy(_order_workflow(arch, shipping_time_frame))
    return Simulation("Order fulfilment managed by the Order service", bus, {"Order": engine})


# --------------------------------------------------------------------------- onboarding


def customer_onboarding_workflow(time_frame: float | None = ONBOARDING_TIME_FRAME) -> Workflow:
    """The Onboarding service's workflow: wait for both checks' results, within a time frame.

    The steps are the process of
    :func:`~lessonlib.scenarios.customer_onboarding_hybrid`: the checks react to
    the registration on their own, so the engine waits for events it never
    commanded; if one is missing when the time frame (4 hours, from the sources)
    runs out, it commands the cancellation.

    >>> print(customer_onboarding_workflow().describe())
    Customer onboarding: starts on RegistrationRequested
      1. wait for AddressChecked and CreditChecked within 240 min
      2. publish the event CustomerCreated
      3. send the command SendWelcomeLetter
      if a step fails or a time frame runs out: send the command CancelRegistration
    """
    return _onboarding_workflow(customer_onboarding_hybrid(), time_frame)


def _onboarding_workflow(arch: Architecture, frame: float | None) -> Workflow:
    results = [result for _, result in ONBOARDING_CHECKS.values()]
    frames = {} if frame is None else dict.fromkeys(results, frame)
    return workflow_of(arch, "Customer onboarding", within=frames,
                       on_failure=CANCEL_REGISTRATION)


def customer_onboarding_engine(seed: int = 0, *, settings: Mapping | None = None,
                               time_frame: float | None = ONBOARDING_TIME_FRAME) -> Simulation:
    """The hybrid onboarding on the bus: checks by choreography, the outcome owned by an engine.

    Built from :func:`~lessonlib.scenarios.customer_onboarding_hybrid`.

    >>> sim = customer_onboarding_engine(settings={"Credit check": {"slow_rate": 1.0}})
    >>> _ = sim.place_orders(1); _ = sim.run()
    >>> print(sim.engines["Onboarding"].outcomes()[0].detail)
    no CreditChecked within 240 min, nothing to compensate; CreditChecked arrived after it had failed
    >>> sim.counts()["compensated"]
    1
    """
    arch = customer_onboarding_hybrid()
    bus = on_the_bus(arch, seed=seed, settings=settings_of(arch, settings),
                     engines=["Onboarding"])
    engine = Engine(bus, "Onboarding")
    engine.deploy(_onboarding_workflow(arch, time_frame))
    return Simulation("Customer onboarding: checks by choreography, owned by Onboarding", bus,
                      {"Onboarding": engine}, flows=(REGISTRATIONS,))


# --------------------------------------------------------------------------- local vs central


def _both(model: Architecture, seed: int, settings: Mapping | None, name: str) -> Simulation:
    owners = list(dict.fromkeys(p.owner for p in model.processes))
    bus = on_the_bus(model, seed=seed, settings=settings_of(model, settings), engines=owners)
    engines = {owner: Engine(bus, owner) for owner in owners}
    engines[model.owner_of("Order fulfilment")].deploy(
        _order_workflow(model, SHIPPING_TIME_FRAME))
    engines[model.owner_of("Customer onboarding")].deploy(
        _onboarding_workflow(model, ONBOARDING_TIME_FRAME))
    return Simulation(name, bus, engines, flows=(ORDERS, REGISTRATIONS))


def two_owners(seed: int = 0, *, settings: Mapping | None = None) -> Simulation:
    """One bus, two workflows, each in the engine of the service that owns it.

    The Order service runs order fulfilment (:func:`shop`, "orchestration"); the
    Onboarding service runs the hybrid onboarding. There is no central
    orchestrator: each engine is a library inside its own service.

    >>> sim = two_owners()
    >>> sorted(sim.engines)
    ['Onboarding', 'Order']
    """
    model = together(shop(ORCHESTRATION), customer_onboarding_hybrid(),
                     name="Each process in the engine of the service that owns it")
    return _both(model, seed, settings, "Two processes, two owners, one bus")


def one_orchestrator(seed: int = 0, *, settings: Mapping | None = None) -> Simulation:
    """The same two processes run by one central orchestrator (what the course warns against).

    Built with :func:`~lessonlib.scenarios.centralised`: both workflows live in the
    engine of one "Orchestrator" service.

    >>> sim = one_orchestrator()
    >>> [w.name for w in sim.engines["Orchestrator"].workflows]
    ['Order fulfilment', 'Customer onboarding']
    """
    model = centralised(shop(ORCHESTRATION), customer_onboarding_hybrid())
    return _both(model, seed, settings, "Two processes in one central orchestrator")

