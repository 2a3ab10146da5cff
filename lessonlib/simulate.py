"""The course's scenarios running on the message bus, and the lesson's labs.

Introduced in ``05_workflow_engines_serve_both.ipynb``. Each function builds a
fresh :class:`Simulation` (its own bus, services and engines), so cells can be
re-run in any order:

* :func:`order_fulfilment_chain`: flowing-retail's choreographed chain,
  Checkout -OrderPlaced-> Payment -PaymentReceived-> Inventory -GoodsFetched->
  Shipping -GoodsShipped, nobody owning the end-to-end outcome;
* :func:`order_fulfilment_engine`: an order-fulfilment workflow in an engine
  inside the Order service: it subscribes to OrderPlaced and commands
  payment, inventory and shipping; shipping must answer within its time frame
  (5 minutes), else the order is cancelled and the payment refunded;
* :func:`customer_onboarding_engine`: the onboarding service's workflow
  waits for the address and the credit check in parallel and cancels the
  registration if one has not arrived within 4 hours;
* :func:`two_owners`: both workflows on one bus, each in the engine of the
  service that owns it (local orchestration).

Times are simulated minutes. Service times are illustrative; the time frames
(5 minutes, 4 hours) are the ones from the sources (see DOMAIN.md).

>>> sim = order_fulfilment_engine(seed=1)
>>> sim.place_orders(3)
('order-1', 'order-2', 'order-3')
>>> _ = sim.run()
>>> sim.counts()
{'completed': 3, 'cancelled': 0, 'stuck': 0}
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field

from lessonlib._errors import LessonError, LessonTypeError, choose
from lessonlib.bus import ACKNOWLEDGED, HANDLED, Bus, Trace, _fmt, _number
from lessonlib.engine import CANCELLED, COMPLETED, Engine, Workflow

__all__ = [
    "Simulation",
    "LabResult",
    "order_fulfilment_chain",
    "order_fulfilment_engine",
    "order_fulfilment_workflow",
    "customer_onboarding_engine",
    "customer_onboarding_workflow",
    "two_owners",
    "failure_lab",
    "timeout_lab",
    "timeout_outcomes",
    "SHIPPING_TIME_FRAME",
    "ONBOARDING_TIME_FRAME",
]

#: Shipping must answer within 5 minutes, else cancel the order and refund (a saga).
SHIPPING_TIME_FRAME = 5.0
#: Onboarding waits 4 hours for the address and the credit check.
ONBOARDING_TIME_FRAME = 4 * 60.0

# Illustrative handling times (minutes); a slow message takes slow_by times longer.
SHOP = {
    "Checkout": {"duration": 0.5},
    "Order": {"duration": 0.5},
    "Payment": {"duration": 2.0},
    "Inventory": {"duration": 3.0},
    "Shipping": {"duration": 2.0, "slow_by": 4.0},
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
CHAIN_END = "GoodsShipped"
STUCK = "stuck"


@dataclass
class Simulation:
    """A bus with its services and the engines living in some of them.

    ``starts``: the service that places new orders (or registrations) and the
    event it publishes; ``ends``: the event that means one is done.
    """

    name: str
    bus: Bus
    engines: dict[str, Engine] = field(default_factory=dict)
    starts: tuple[str, str] = ("Checkout", "OrderPlaced")
    ends: str = CHAIN_END
    prefix: str = "order"
    placed: list[str] = field(default_factory=list)

    def __repr__(self) -> str:
        owners = ", ".join(self.engines) or "no engine"
        return (f"<Simulation {self.name!r}: {len(self.bus.services)} services, engines in "
                f"{owners}, {len(self.placed)} {self.prefix}s placed>")

    def place_orders(self, n: int = 1, *, every: float = 1.0) -> tuple[str, ...]:
        """Publish ``n`` new start events, one every ``every`` minutes; return their ids."""
        if isinstance(n, bool) or not isinstance(n, int) or n < 1:
            raise LessonTypeError(f"The number of orders must be a whole number of at least 1; "
                                  f"got {n!r}.")
        every = _number(every, "The time between orders (every=, in minutes)")
        sender, event = self.starts
        ids = []
        for i in range(n):
            cid = f"{self.prefix}-{len(self.placed) + 1}"
            self.placed.append(cid)
            ids.append(cid)
            self.bus.publish(event, sender=sender, correlation=cid, at=self.bus.now + i * every)
        return tuple(ids)

    def run(self) -> Trace:
        """Run until nothing more happens; return the trace."""
        return self.bus.run()

    @property
    def trace(self) -> Trace:
        return self.bus.trace

    def outcomes(self) -> dict[str, str]:
        """Correlation id -> ``completed``, ``cancelled`` or ``stuck``, from the simulation.

        With engines, their instances say it; for a chain the trace does (an
        order is completed once its final event was published).
        """
        result = dict.fromkeys(self.placed, STUCK)
        if self.engines:
            for engine in self.engines.values():
                for inst in engine.instances():
                    if inst.state in (COMPLETED, CANCELLED):
                        result[inst.correlation] = inst.state
            return result
        for r in self.bus.trace:
            if r.message == self.ends and r.outcome in (HANDLED, ACKNOWLEDGED, "no subscriber"):
                result[r.correlation] = COMPLETED
        return result

    def counts(self) -> dict[str, int]:
        """How many orders completed, were cancelled, or are stuck."""
        counts = Counter(self.outcomes().values())
        return {state: counts.get(state, 0) for state in (COMPLETED, CANCELLED, STUCK)}

    def where_stuck(self) -> dict[str, int]:
        """For stuck orders: the last thing any service did for them -> how many orders.

        This is what a student learns by searching every service's own state
        (``bus.service(name).state``), service by service.
        """
        stuck = {c for c, state in self.outcomes().items() if state == STUCK}
        last: dict[str, str] = {}
        for r in self.bus.trace:
            if r.correlation in stuck and r.receiver is not None:
                last[r.correlation] = f"{r.receiver}: {r.message} {r.outcome}"
        return dict(Counter(last.get(c, "nothing happened") for c in stuck).most_common())


def _settings(defaults: Mapping, settings: Mapping | None) -> dict[str, dict]:
    merged = {name: dict(values) for name, values in defaults.items()}
    if settings is None:
        return merged
    if not isinstance(settings, Mapping):
        raise LessonTypeError(f"settings maps a service to its settings, like "
                              f"{{'Shipping': {{'failure_rate': 0.1}}}}; got {settings!r}.")
    for name, values in settings.items():
        name = choose(name, list(defaults), "service")
        if not isinstance(values, Mapping):
            raise LessonTypeError(f"The settings for {name!r} must be a dict, like "
                                  f"{{'down': True}}; got {values!r}.")
        merged[name].update(values)
    return merged


def _bus(defaults: Mapping, settings: Mapping | None, seed: int) -> Bus:
    bus = Bus(seed)
    for name, values in _settings(defaults, settings).items():
        bus.add_service(name, **values)
    return bus


def _then(event: str):
    """A handler that answers by publishing ``event`` (same correlation id)."""
    def handler(delivery):
        delivery.publish(event)
    handler.__name__ = f"publish_{event}"
    return handler


def order_fulfilment_chain(seed: int = 0, *, settings: Mapping | None = None) -> Simulation:
    """The choreographed chain on the bus: every service reacts to the previous one's event.

    ``settings`` changes services, e.g. ``{"Shipping": {"failure_rate": 0.1}}``.

    >>> sim = order_fulfilment_chain()
    >>> _ = sim.place_orders(1)
    >>> [f"{r.message} -> {r.receiver}" for r in sim.run()]
    ['OrderPlaced -> Payment', 'PaymentReceived -> Inventory', 'GoodsFetched -> Shipping', 'GoodsShipped -> None']
    """
    bus = _bus({k: v for k, v in SHOP.items() if k != "Order"}, settings, seed)
    bus.subscribe("OrderPlaced", "Payment", _then("PaymentReceived"))
    bus.subscribe("PaymentReceived", "Inventory", _then("GoodsFetched"))
    bus.subscribe("GoodsFetched", "Shipping", _then("GoodsShipped"))
    bus.declare("GoodsShipped", "event")  # nobody subscribes: only Shipping knows the end
    return Simulation("Order fulfilment as an event chain", bus)


def order_fulfilment_workflow(shipping_time_frame: float | None = SHIPPING_TIME_FRAME, *,
                              release_goods: bool = False) -> Workflow:
    """The Order service's workflow; ``None`` waits for shipping without a time frame.

    With ``release_goods=True`` fetched goods are compensated too (ReleaseGoods),
    so a cancelled order shows two compensations, the latest first.

    >>> print(order_fulfilment_workflow().describe())
    Order fulfilment: starts on OrderPlaced
      1. send the command RetrievePayment (compensate with RefundPayment)
      2. wait for PaymentReceived
      3. send the command FetchGoods
      4. wait for GoodsFetched
      5. send the command ShipGoods
      6. wait for GoodsShipped within 5 min
      7. publish the event OrderCompleted
      if a step fails or a time frame runs out: compensate, then publish OrderCancelled
    """
    return (Workflow("Order fulfilment", starts_on="OrderPlaced")
            .send("RetrievePayment", compensate="RefundPayment")
            .wait_for("PaymentReceived")
            .send("FetchGoods", compensate="ReleaseGoods" if release_goods else None)
            .wait_for("GoodsFetched")
            .send("ShipGoods")
            .wait_for("GoodsShipped", within=shipping_time_frame)
            .publish("OrderCompleted")
            .on_failure(publish="OrderCancelled"))


def _shop_services(bus: Bus) -> None:
    bus.handle("RetrievePayment", "Payment", _then("PaymentReceived"))
    bus.handle("RefundPayment", "Payment")
    bus.handle("FetchGoods", "Inventory", _then("GoodsFetched"))
    bus.handle("ReleaseGoods", "Inventory")
    bus.handle("ShipGoods", "Shipping", _then("GoodsShipped"))
    bus.declare("OrderCompleted", "event")
    bus.declare("OrderCancelled", "event")


def order_fulfilment_engine(seed: int = 0, *, settings: Mapping | None = None,
                            shipping_time_frame: float | None = SHIPPING_TIME_FRAME,
                            release_goods: bool = False) -> Simulation:
    """Order fulfilment orchestrated by an engine inside the Order service.

    ``release_goods=True`` also compensates fetched goods (see
    :func:`order_fulfilment_workflow`).

    >>> sim = order_fulfilment_engine(settings={"Shipping": {"down": True}})
    >>> _ = sim.place_orders(1); _ = sim.run()
    >>> print(sim.engines["Order"].outcomes()[0])
    order-1: cancelled (no GoodsShipped within 5 min, compensated by RefundPayment); started t=0.5, finished t=13.5
    """
    bus = _bus(SHOP, settings, seed)
    _shop_services(bus)
    engine = Engine(bus, "Order")
    engine.deploy(order_fulfilment_workflow(shipping_time_frame, release_goods=release_goods))
    return Simulation("Order fulfilment orchestrated by the Order service", bus,
                      {"Order": engine})


def customer_onboarding_workflow(time_frame: float | None = ONBOARDING_TIME_FRAME) -> Workflow:
    """The Onboarding service's workflow: both checks in parallel, within a time frame.

    >>> print(customer_onboarding_workflow().steps[2])
    wait for AddressChecked and CreditChecked within 240 min
    """
    return (Workflow("Customer onboarding", starts_on="RegistrationRequested")
            .send("CheckAddress")
            .send("CheckCredit")
            .wait_for("AddressChecked", "CreditChecked", within=time_frame)
            .send("SendWelcomeLetter")
            .publish("CustomerCreated")
            .on_failure(publish="RegistrationCancelled"))


def _onboarding_services(bus: Bus) -> None:
    bus.handle("CheckAddress", "Address check", _then("AddressChecked"))
    bus.handle("CheckCredit", "Credit check", _then("CreditChecked"))
    bus.handle("SendWelcomeLetter", "Letter")
    bus.subscribe("CustomerCreated", "Notification")
    bus.subscribe("CustomerCreated", "Loyalty")
    bus.declare("RegistrationCancelled", "event")


def customer_onboarding_engine(seed: int = 0, *, settings: Mapping | None = None,
                               time_frame: float | None = ONBOARDING_TIME_FRAME) -> Simulation:
    """Customer onboarding orchestrated by an engine inside the Onboarding service.

    >>> sim = customer_onboarding_engine(settings={"Credit check": {"slow_rate": 1.0}})
    >>> _ = sim.place_orders(1); _ = sim.run()
    >>> print(sim.engines["Onboarding"].outcomes()[0].detail)
    no CreditChecked within 240 min, nothing to compensate
    """
    bus = _bus(ONBOARDING, settings, seed)
    _onboarding_services(bus)
    engine = Engine(bus, "Onboarding")
    engine.deploy(customer_onboarding_workflow(time_frame))
    return Simulation("Customer onboarding orchestrated by the Onboarding service", bus,
                      {"Onboarding": engine}, starts=("Website", "RegistrationRequested"),
                      ends="CustomerCreated", prefix="customer")


def two_owners(seed: int = 0) -> Simulation:
    """One bus, two workflows, each in the engine of the service that owns it.

    The Order service runs order fulfilment; the Onboarding service runs
    customer onboarding. There is no central orchestrator: each engine is a
    library inside its own service.

    >>> sim = two_owners()
    >>> sorted(sim.engines)
    ['Onboarding', 'Order']
    """
    bus = Bus(seed)
    for name, values in {**SHOP, **ONBOARDING}.items():
        bus.add_service(name, **values)
    _shop_services(bus)
    _onboarding_services(bus)
    order = Engine(bus, "Order")
    order.deploy(order_fulfilment_workflow())
    onboarding = Engine(bus, "Onboarding")
    onboarding.deploy(customer_onboarding_workflow())
    sim = Simulation("Two processes, two owners, one bus", bus,
                     {"Order": order, "Onboarding": onboarding})
    return sim


# --------------------------------------------------------------------------- labs


@dataclass(frozen=True)
class LabResult:
    """What a lab run found; every number comes from the simulation."""

    style: str
    orders: int
    completed: int
    cancelled: int
    stuck: int
    services_to_search: int
    seen_by_owner: int
    where: tuple[tuple[str, int], ...]

    def summary(self) -> str:
        """The result in sentences."""
        cancelled = ("" if self.style == "chain"
                     else f"{self.cancelled} cancelled (payment refunded), ")
        lines = [f"{self.style}: {self.orders} orders: {self.completed} completed, "
                 f"{cancelled}{self.stuck} stuck."]
        if self.style == "chain":
            lines.append(
                f"No service notices a stuck order: to find the {self.stuck} stuck orders you "
                f"must search the state of all {self.services_to_search} services and compare "
                f"what each one saw.")
        else:
            lines.append(
                f"The Order service's engine sees all {self.seen_by_owner} unfinished or "
                f"cancelled orders in one place ({self.services_to_search} service to ask), "
                f"each with its step and reason.")
        for where, n in self.where:
            lines.append(f"  {n} stuck after: {where}")
        return "\n".join(lines)


STYLES = ("chain", "engine")


def failure_lab(style: str = "chain", *, orders: int = 1000, service: str = "Shipping",
                failure_rate: float = 0.05, down: bool = False,
                time_frame: float | None = SHIPPING_TIME_FRAME, seed: int = 0) -> LabResult:
    """Run ``orders`` orders with one failing (or silent) service; count what became of them.

    Parameters
    ----------
    style : "chain" or "engine"
    orders : int
    service : the service that fails ("Payment", "Inventory" or "Shipping")
    failure_rate : share of its messages it fails on
    down : if True, it answers nothing at all
    time_frame : shipping's time frame for the engine (None: wait for ever)
    seed : int

    >>> print(failure_lab("chain", orders=200, failure_rate=0.1).summary())  # doctest: +ELLIPSIS
    chain: 200 orders: 179 completed, 21 stuck.
    No service notices a stuck order: to find the 21 stuck orders you must search the state of all 4 services and compare what each one saw.
      21 stuck after: Shipping: GoodsFetched failed
    """
    style = choose(style, STYLES, "style")
    service = choose(service, ["Payment", "Inventory", "Shipping"], "failing service")
    setting = {service: {"failure_rate": failure_rate, "down": down}}
    if style == "chain":
        sim = order_fulfilment_chain(seed, settings=setting)
    else:
        sim = order_fulfilment_engine(seed, settings=setting, shipping_time_frame=time_frame)
    sim.place_orders(orders)
    sim.run()
    counts = sim.counts()
    services = {s for r in sim.trace for s in (r.sender, r.receiver) if s is not None}
    seen = 0
    to_search = len(services)  # a chain: every service holds a piece of the story
    if sim.engines:
        engine = sim.engines["Order"]
        seen = len(engine.open_instances()) + engine.counts()[CANCELLED]
        to_search = len(sim.engines)  # the owner's engine has every instance
    return LabResult(style, orders, counts[COMPLETED], counts[CANCELLED], counts[STUCK],
                     to_search, seen, tuple(sim.where_stuck().items()))


def timeout_outcomes(process: str = "order fulfilment", *, time_frame: float = 5.0,
                     failure_rate: float = 0.0, slow_rate: float = 0.1, orders: int = 200,
                     seed: int = 0) -> dict[str, int]:
    """Counts of completed, cancelled and stuck instances for one choice of the sliders.

    ``process`` "order fulfilment": time frame for shipping in minutes; rates
    apply to Shipping. "customer onboarding": time frame in hours for both
    checks; rates apply to the credit check.

    >>> timeout_outcomes(time_frame=5, slow_rate=0.0)
    {'completed': 200, 'cancelled': 0, 'stuck': 0}
    >>> timeout_outcomes(time_frame=10, slow_rate=1.0)   # slow shipping still fits in 10 min
    {'completed': 200, 'cancelled': 0, 'stuck': 0}
    """
    process = choose(process, ("order fulfilment", "customer onboarding"), "process")
    frame = _number(time_frame, "The time frame", 0.0)
    if frame == 0:
        raise LessonError("The time frame must be longer than 0; got 0.")
    if isinstance(orders, bool) or not isinstance(orders, int) or orders < 1:
        raise LessonTypeError(f"orders must be a whole number of at least 1; got {orders!r}.")
    rates = {"failure_rate": failure_rate, "slow_rate": slow_rate}
    if process == "order fulfilment":
        sim = order_fulfilment_engine(seed, settings={"Shipping": rates},
                                      shipping_time_frame=frame)
    else:
        sim = customer_onboarding_engine(seed, settings={"Credit check": rates},
                                         time_frame=frame * 60)
    sim.place_orders(orders)
    sim.run()
    return sim.counts()


def _lab_text(process: str, frame: float, failure: float, slow: float, counts: dict) -> str:
    unit = "min" if process == "order fulfilment" else "h"
    who = "Shipping" if process == "order fulfilment" else "Credit check"
    undo = "order cancelled, payment refunded" if process == "order fulfilment" else \
        "registration cancelled"
    total = sum(counts.values())
    return (f"{process.capitalize()}, time frame {_fmt(frame)} {unit}; {who} fails on "
            f"{failure:.0%} and is slow on {slow:.0%} of its messages. Of {total}: "
            f"{counts[COMPLETED]} completed, {counts[CANCELLED]} cancelled ({undo}), "
            f"{counts[STUCK]} stuck.")


def timeout_lab(process: str = "order fulfilment", *, orders: int = 200, seed: int = 0):
    """A widget: sliders for the time frame and the failure and slow rates; counts update.

    The widget only shows :func:`timeout_outcomes`; its ``feedback`` child
    (class ``lessonlib-timeout-result``) holds the sentence.
    """
    import html

    import ipywidgets as widgets

    process = choose(process, ("order fulfilment", "customer onboarding"), "process")
    if process == "order fulfilment":
        frame = widgets.FloatSlider(value=SHIPPING_TIME_FRAME, min=1, max=15, step=0.5,
                                    description="Time frame (min)")
        who = "Shipping"
    else:
        frame = widgets.FloatSlider(value=ONBOARDING_TIME_FRAME / 60, min=0.5, max=8, step=0.5,
                                    description="Time frame (h)")
        who = "Credit check"
    failure = widgets.FloatSlider(value=0.05, min=0, max=0.5, step=0.05,
                                  description=f"{who} fails", readout_format=".0%")
    slow = widgets.FloatSlider(value=0.1, min=0, max=1, step=0.05,
                               description=f"{who} slow", readout_format=".0%")
    style = {"description_width": "120px"}
    for slider, css in ((frame, "timeframe"), (failure, "failure-rate"), (slow, "slow-rate")):
        slider.continuous_update = False
        slider.style = style
        slider.layout = widgets.Layout(width="420px")
        slider.add_class(f"lessonlib-{css}")
    result = widgets.HTML()
    result.add_class("lessonlib-timeout-result")

    def update(_change=None) -> None:
        try:
            counts = timeout_outcomes(process, time_frame=frame.value, failure_rate=failure.value,
                                      slow_rate=slow.value, orders=orders, seed=seed)
        except LessonError as error:  # a value no slider can produce; say it, never crash
            result.value = f"<p>{html.escape(str(error))}</p>"
            return
        result.value = (f"<p role='status'>"
                        f"{html.escape(_lab_text(process, frame.value, failure.value, slow.value, counts))}"
                        f"</p>")

    for slider in (frame, failure, slow):
        slider.observe(update, names="value")
    update()
    box = widgets.VBox([frame, failure, slow, result])
    box.add_class("lessonlib-timeout-lab")
    box.frame, box.failure, box.slow, box.feedback = frame, failure, slow, result
    return box
