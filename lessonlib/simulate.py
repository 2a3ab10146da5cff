"""The course's systems running on the message bus, built from the scenarios' models.

Introduced in ``05_workflow_engines_serve_both.ipynb``. Each function builds a
fresh :class:`Simulation` (its own bus, services and engines), so cells can be
re-run in any order. The services and who sends, handles and subscribes to
what come from :mod:`lessonlib.scenarios` through :func:`on_the_bus`: the
model is written once, and the bus runs it.

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
  service that owns it (local orchestration);
* :func:`costume_trace`: lesson 06's catalogue on the bus, for runtime evidence.

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
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from lessonlib.architecture import Architecture, Role, expect_architecture
from lessonlib.bus import Bus, Delivery, minutes_up_to_a_year
from lessonlib.engine import CANCELLED, COMPLETED, Engine, Workflow
from lessonlib.errors import LessonError, LessonTypeError, check_name, choose, items, shown
from lessonlib.scenarios import (
    ONBOARDING_CHECKS,
    costume_catalogue,
    customer_onboarding_orchestration,
    order_fulfilment_choreography,
    order_fulfilment_orchestration,
)
from lessonlib.trace import ACKNOWLEDGED, HANDLED, NO_SUBSCRIBER, Trace

__all__ = [
    "Simulation",
    "on_the_bus",
    "workflow_of",
    "order_fulfilment_chain",
    "order_fulfilment_engine",
    "order_fulfilment_workflow",
    "customer_onboarding_engine",
    "customer_onboarding_workflow",
    "two_owners",
    "costume_trace",
    "SHIPPING_TIME_FRAME",
    "ONBOARDING_TIME_FRAME",
    "STUCK",
    "MAX_ORDERS",
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
#: What undoes a step of order fulfilment when an order is cancelled (the saga).
COMPENSATIONS = {"RetrievePayment": "RefundPayment", "FetchGoods": "ReleaseGoods"}
CHAIN_END = "GoodsShipped"
STUCK = "stuck"
#: The most orders (or registrations, or customers) one call places: 10,000 take a few
#: seconds; more would leave a notebook cell running for minutes.
MAX_ORDERS = 10_000


def check_orders(n: object, what: str = "The number of orders", most: int = MAX_ORDERS) -> int:
    """``n`` if it is a whole number from 1 to ``most`` (:data:`MAX_ORDERS`); else a sentence.

    >>> check_orders(10 ** 9)
    Traceback (most recent call last):
    ...
    lessonlib.errors.LessonError: The number of orders must be at most 10,000 (a larger run would take minutes); got 1000000000.
    """
    if isinstance(n, bool) or not isinstance(n, int):
        raise LessonTypeError(f"{what} must be a whole number from 1 to {most:,}; "
                              f"got {shown(n)} ({type(n).__name__}).")
    if n < 1:
        raise LessonError(f"{what} must be at least 1; got {shown(n)}.")
    if n > most:
        raise LessonError(f"{what} must be at most {most:,} (a larger run would take "
                          f"minutes); got {shown(n)}.")
    return n


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
        n = check_orders(n)
        every = minutes_up_to_a_year(every, "The time between orders (every=, in minutes)")
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
            if r.message == self.ends and r.outcome in (HANDLED, ACKNOWLEDGED, NO_SUBSCRIBER):
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


# --------------------------------------------------------------------------- model -> bus


def _settings(defaults: Mapping, settings: Mapping | None) -> dict[str, dict]:
    merged = {name: dict(values) for name, values in defaults.items()}
    if settings is None:
        return merged
    if not isinstance(settings, Mapping):
        raise LessonTypeError(f"settings maps a service to its settings, like "
                              f"{{'Shipping': {{'failure_rate': 0.1}}}}; got {shown(settings)}.")
    for name, values in settings.items():
        name = choose(name, list(defaults), "service")
        if not isinstance(values, Mapping):
            raise LessonTypeError(f"The settings for {shown(name)} must be a dict, like "
                                  f"{{'down': True}}; got {shown(values)}.")
        merged[name].update(values)
    return merged


def _publisher(events: tuple[str, ...]) -> Callable[[Delivery], None] | None:
    """A handler that answers by publishing ``events`` (same correlation id), or None."""
    if not events:
        return None

    def handler(delivery: Delivery) -> None:
        for event in events:
            delivery.publish(event)

    handler.__name__ = "publish_" + "_".join(events)
    return handler


def _reaction(arch: Architecture, roles: Mapping[str, Role], service: str,
              message: str) -> tuple[str, ...]:
    """The events ``service`` publishes when ``message`` reaches it, read from the model.

    A service that owns a process publishes the events it emits right after
    ``message`` in that process. Any other service answers with the one event it
    emits (none: it only acknowledges).
    """
    for process in arch.processes:
        if process.owner == service and message in process.steps:
            after = process.steps[process.steps.index(message) + 1:]
            emitted = []
            for step in after:
                if step not in roles[service].emits:
                    break
                emitted.append(step)
            return tuple(emitted)
    emits = sorted(roles[service].emits)
    if len(emits) > 1:
        raise LessonError(
            f"{shown(service)} emits {len(emits)} events ({', '.join(emits)}), so the model does not "
            f"say which one answers {shown(message)}. Give {service} a process that orders them."
        )
    return tuple(emits)


def on_the_bus(arch: Architecture, *, seed: int = 0, settings: Mapping | None = None,
               engines: Iterable[str] = (), bus: Bus | None = None) -> Bus:
    """A bus running ``arch``: its services, and who handles and subscribes to what.

    Every message is declared with its kind; every command gets its receiver as
    handler and every event its subscribers. A receiver answers with the events
    the model says it emits (see ``_reaction``). Services named in ``engines``
    get no handlers: the :class:`~lessonlib.engine.Engine` deployed in them
    subscribes to what its workflow waits for. ``settings`` maps a service to its
    bus settings (duration, failure_rate, ...). Given a ``bus``, the model joins it
    (another system on the same bus); otherwise a new one is seeded with ``seed``.

    >>> from lessonlib.scenarios import order_fulfilment_choreography
    >>> bus = on_the_bus(order_fulfilment_choreography())
    >>> bus.subscribers("PaymentReceived"), bus.message_types["GoodsShipped"]
    (('Inventory',), 'event')
    """
    arch = expect_architecture(arch, "on_the_bus()'s model")
    owners = {arch.service(e) for e in ([engines] if isinstance(engines, str)
                                        else items(engines, "engines=", "['Order']"))}
    if bus is None:
        bus = Bus(seed)
    elif not isinstance(bus, Bus):
        raise LessonTypeError(f"bus= takes a Bus, like Bus(seed=1); got {shown(bus)}.")
    merged = _settings({s: {} for s in arch.services}, settings)
    for service in arch.services:
        bus.add_service(service, **merged[service])
    roles = arch.roles()
    for message in arch.messages:
        bus.declare(message.name, message.kind)
    for message in arch.messages:
        for target in message.targets:
            if target in owners:
                continue
            handler = _publisher(_reaction(arch, roles, target, message.name))
            if message.is_command:
                bus.handle(message.name, target, handler)
            else:
                bus.subscribe(message.name, target, handler)
    return bus


def _mapping(value: object, what: str, example: str) -> dict:
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise LessonTypeError(f"{what} maps message names to values, like {example}; got "
                              f"{shown(value)}.")
    return dict(value)


def workflow_of(arch: Architecture, process: str, *, within: Mapping[str, float] | None = None,
                compensate: Mapping[str, str] | None = None,
                on_failure: str | None = None) -> Workflow:
    """The owned ``process`` of ``arch`` as a workflow its owner's engine can run.

    The first step is the event that starts it; a command the owner sends is a
    *send*, events it waits for in a row are one *wait*, an event it emits is a
    *publish*. ``within`` gives a wait a time frame (by an awaited event's name),
    ``compensate`` names the command that undoes a sent one, and ``on_failure``
    the event announced after compensating.

    >>> from lessonlib.scenarios import order_fulfilment_orchestration
    >>> print(workflow_of(order_fulfilment_orchestration(), "Order fulfilment").describe())
    Order fulfilment: starts on OrderPlaced
      1. send the command RetrievePayment
      2. wait for PaymentReceived
      3. send the command FetchGoods
      4. wait for GoodsFetched
      5. send the command ShipGoods
      6. wait for GoodsShipped
      7. publish the event OrderCompleted
    """
    arch = expect_architecture(arch, "workflow_of()'s model")
    proc = arch.process(process)
    within = {arch.message(e).name: minutes_up_to_a_year(t, f"The time frame for {shown(e)}")
              for e, t in _mapping(within, "within=", "{'GoodsShipped': 5}").items()}
    compensate = {arch.message(c).name: check_name(undo, f"compensation of {shown(c)}")
                  for c, undo in _mapping(compensate, "compensate=",
                                          "{'RetrievePayment': 'RefundPayment'}").items()}
    if on_failure is not None:
        on_failure = check_name(on_failure, "failure event")
    first = arch.message(proc.steps[0])
    if not (first.is_event and proc.owner in first.targets):
        raise LessonError(f"Process {proc.name!r} starts with {first.name}, which {proc.owner} "
                          "does not receive; a workflow starts on an event its owner "
                          "subscribes to.")
    workflow = Workflow(proc.name, starts_on=first.name)
    waiting: list[str] = []

    def flush() -> None:
        if waiting:
            frames = {within[e] for e in waiting if e in within}
            workflow.wait_for(*waiting, within=min(frames) if frames else None)
            waiting.clear()

    for name in proc.steps[1:]:
        m = arch.message(name)
        if m.is_event and proc.owner in m.targets:
            waiting.append(name)
            continue
        flush()
        if m.is_command:
            workflow.send(name, compensate=compensate.get(name))
        else:
            workflow.publish(name)
    flush()
    if on_failure is not None:
        workflow.on_failure(publish=on_failure)
    return workflow


# --------------------------------------------------------------------------- order fulfilment


def order_fulfilment_chain(seed: int = 0, *, settings: Mapping | None = None) -> Simulation:
    """The choreographed chain on the bus: every service reacts to the previous one's event.

    Built from :func:`~lessonlib.scenarios.order_fulfilment_choreography`.
    ``settings`` changes services, e.g. ``{"Shipping": {"failure_rate": 0.1}}``.

    >>> sim = order_fulfilment_chain()
    >>> _ = sim.place_orders(1)
    >>> [f"{r.message} -> {r.receiver}" for r in sim.run()]
    ['OrderPlaced -> Payment', 'PaymentReceived -> Inventory', 'GoodsFetched -> Shipping', 'GoodsShipped -> None']
    """
    arch = order_fulfilment_choreography()
    bus = on_the_bus(arch, seed=seed, settings=_shop_settings(arch, settings))
    return Simulation("Order fulfilment as an event chain", bus)


def order_fulfilment_workflow(shipping_time_frame: float | None = SHIPPING_TIME_FRAME, *,
                              release_goods: bool = False) -> Workflow:
    """The Order service's workflow; ``None`` waits for shipping without a time frame.

    The steps are the process of
    :func:`~lessonlib.scenarios.order_fulfilment_orchestration`; the time frame
    and the compensations are the engine's. With ``release_goods=True``
    fetched goods are compensated too (ReleaseGoods), so a cancelled order shows
    two compensations, the latest first.

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
    undo = {k: v for k, v in COMPENSATIONS.items() if release_goods or k != "FetchGoods"}
    frames = {} if shipping_time_frame is None else {"GoodsShipped": shipping_time_frame}
    return workflow_of(order_fulfilment_orchestration(), "Order fulfilment", within=frames,
                       compensate=undo, on_failure="OrderCancelled")


def _order_engine(bus: Bus, workflow: Workflow) -> Engine:
    """Let the Order service's engine run ``workflow``: compensations get their handlers."""
    for command, undo in COMPENSATIONS.items():
        bus.handle(undo, bus.handler_of(command))
    bus.declare("OrderCancelled", "event")
    engine = Engine(bus, "Order")
    engine.deploy(workflow)
    return engine


def order_fulfilment_engine(seed: int = 0, *, settings: Mapping | None = None,
                            shipping_time_frame: float | None = SHIPPING_TIME_FRAME,
                            release_goods: bool = False) -> Simulation:
    """Order fulfilment orchestrated by an engine inside the Order service.

    Built from :func:`~lessonlib.scenarios.order_fulfilment_orchestration`.
    ``release_goods=True`` also compensates fetched goods (see
    :func:`order_fulfilment_workflow`).

    >>> sim = order_fulfilment_engine(settings={"Shipping": {"down": True}})
    >>> _ = sim.place_orders(1); _ = sim.run()
    >>> print(sim.engines["Order"].outcomes()[0])
    order-1: cancelled (no GoodsShipped within 5 min, compensated by RefundPayment); started t=0.5, finished t=13.5
    """
    arch = order_fulfilment_orchestration()
    bus = on_the_bus(arch, seed=seed, settings=_shop_settings(arch, settings),
                     engines=["Order"])
    engine = _order_engine(bus, order_fulfilment_workflow(shipping_time_frame,
                                                          release_goods=release_goods))
    return Simulation("Order fulfilment orchestrated by the Order service", bus,
                      {"Order": engine})


def _shop_settings(arch: Architecture, settings: Mapping | None) -> dict[str, dict]:
    """The shop's handling times for ``arch``'s services, changed by ``settings``."""
    return _settings({s: dict(SHOP.get(s, {})) for s in arch.services}, settings)


# --------------------------------------------------------------------------- onboarding


def customer_onboarding_workflow(time_frame: float | None = ONBOARDING_TIME_FRAME) -> Workflow:
    """The Onboarding service's workflow: both checks in parallel, within a time frame.

    The steps are the process of
    :func:`~lessonlib.scenarios.customer_onboarding_orchestration`; the time frame
    (4 hours, from the sources) and the cancellation are the engine's.

    >>> print(customer_onboarding_workflow().describe())
    Customer onboarding: starts on RegistrationRequested
      1. send the command CheckAddress
      2. send the command CheckCredit
      3. wait for AddressChecked and CreditChecked within 240 min
      4. publish the event CustomerCreated
      5. send the command SendWelcomeLetter
      if a step fails or a time frame runs out: compensate, then publish RegistrationCancelled
    """
    results = [result for _, result in ONBOARDING_CHECKS.values()]
    frames = {} if time_frame is None else dict.fromkeys(results, time_frame)
    return workflow_of(customer_onboarding_orchestration(), "Customer onboarding",
                       within=frames, on_failure="RegistrationCancelled")


def _onboarding_engine(bus: Bus, workflow: Workflow) -> Engine:
    """Let the Onboarding service's engine run ``workflow``."""
    bus.declare("RegistrationCancelled", "event")
    engine = Engine(bus, "Onboarding")
    engine.deploy(workflow)
    return engine


def _onboarding_settings(arch: Architecture, settings: Mapping | None) -> dict[str, dict]:
    return _settings({s: dict(ONBOARDING.get(s, {})) for s in arch.services}, settings)


def customer_onboarding_engine(seed: int = 0, *, settings: Mapping | None = None,
                               time_frame: float | None = ONBOARDING_TIME_FRAME) -> Simulation:
    """Customer onboarding orchestrated by an engine inside the Onboarding service.

    Built from :func:`~lessonlib.scenarios.customer_onboarding_orchestration`.

    >>> sim = customer_onboarding_engine(settings={"Credit check": {"slow_rate": 1.0}})
    >>> _ = sim.place_orders(1); _ = sim.run()
    >>> print(sim.engines["Onboarding"].outcomes()[0].detail)
    no CreditChecked within 240 min, nothing to compensate
    """
    arch = customer_onboarding_orchestration()
    bus = on_the_bus(arch, seed=seed, settings=_onboarding_settings(arch, settings),
                     engines=["Onboarding"])
    engine = _onboarding_engine(bus, customer_onboarding_workflow(time_frame))
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
    shop, onboarding = order_fulfilment_orchestration(), customer_onboarding_orchestration()
    bus = on_the_bus(shop, seed=seed, settings=_shop_settings(shop, None), engines=["Order"])
    on_the_bus(onboarding, bus=bus, settings=_onboarding_settings(onboarding, None),
               engines=["Onboarding"])
    order = _order_engine(bus, order_fulfilment_workflow())
    onboard = _onboarding_engine(bus, customer_onboarding_workflow())
    return Simulation("Two processes, two owners, one bus", bus,
                      {"Order": order, "Onboarding": onboard})


# --------------------------------------------------------------------------- lesson 06


def costume_trace(customers: int = 3, *, seed: int = 0, failing: str = "Address check",
                  failure_rate: float = 0.0) -> Trace:
    """Run lesson 06's catalogue (its shop and onboarding) on the bus; return the trace.

    Each of ``customers`` places an order and registers. ``failing`` (a
    service) fails on a share ``failure_rate`` of its messages, seeded, so a
    run is reproducible. Pass the trace to
    :func:`~lessonlib.disguise.detect` for runtime evidence. Introduced in
    ``06_commands_in_disguise.ipynb``.

    >>> trace = costume_trace(2)
    >>> len(trace.correlations())
    4
    """
    customers = check_orders(customers, "The number of customers", most=1000)
    catalogue = costume_catalogue()
    failing = catalogue.service(failing)
    settings = {s: {"duration": 1.0} for s in catalogue.services}
    settings[failing]["failure_rate"] = failure_rate
    bus = on_the_bus(catalogue, seed=seed, settings=settings)
    for n in range(1, customers + 1):
        bus.publish("OrderPlaced", sender="Checkout", correlation=f"order-{n}")
        bus.publish("AddressCheckRequired", sender="Customer", correlation=f"customer-{n}")
    return bus.run()
