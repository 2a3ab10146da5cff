"""The course's systems running on the message bus, built from the scenarios' models.

Introduced in ``05_workflow_engines_serve_both.ipynb``. Each function builds a
fresh :class:`Simulation` (its own bus, services and engines), so cells can be
re-run in any order. The services and who sends, handles and subscribes to
what come from :mod:`lessonlib.scenarios` through :func:`on_the_bus`, and an
owner's workflow from its process through :func:`workflow_of`: the model is
written once, and the bus runs it.

* :func:`order_fulfilment_chain`: flowing-retail's choreographed chain,
  Checkout -OrderPlaced-> Payment -PaymentReceived-> Inventory -GoodsFetched->
  Shipping -GoodsShipped. Shipping announces a failure (GoodsShipmentFailed) and
  Payment refunds on it (a choreographed saga); with ``tracking=True`` a
  tracking workflow watches the chain without ever sending a command;
* :func:`order_fulfilment_engine`: the same shop managed by an engine inside
  the Order service: it subscribes to OrderPlaced and commands payment,
  inventory and shipping; shipping must answer within its time frame, else the
  order is cancelled and the payment refunded (an orchestrated saga);
* :func:`customer_onboarding_engine`: the hybrid: the checks react to the
  registration on their own; the Onboarding service waits for both results
  within a time frame and, if one never comes, commands the cancellation;
* :func:`two_owners` and :func:`one_orchestrator`: both processes on one bus,
  each in the engine of the service that owns it, or both in one central one;
* :func:`costume_trace`: lesson 06's catalogue on the bus, for runtime evidence.

Times are simulated minutes. Service times are illustrative (see :data:`SHOP`
and :data:`ONBOARDING`); the time frames of shipping and onboarding are the
ones from the sources (see DOMAIN.md); the tracker's time frame per step is the
course's choice.

What became of an order is read from what happened, the same way for every
style (:meth:`Simulation.outcomes`): *completed* (shipped), *compensated*
(undone, e.g. refunded, and not shipped), *inconsistent* (shipped *and*
refunded: late work after a cancellation), *stuck but seen* (neither, and an
engine, owner or tracker, lists it as open) or *stuck* (neither, and nobody
knows).

>>> sim = order_fulfilment_engine(seed=1)
>>> sim.place_orders(3)
('order-1', 'order-2', 'order-3')
>>> _ = sim.run()
>>> sim.counts()
{'completed': 3, 'compensated': 0, 'inconsistent': 0, 'stuck': 0, 'stuck but seen': 0}
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from lessonlib.architecture import EVENT, Architecture, Role, expect_architecture
from lessonlib.bus import Bus, Delivery, minutes_up_to_a_year
from lessonlib.engine import CANCELLED, COMPLETED, FAIL, Engine, Workflow
from lessonlib.errors import LessonError, LessonTypeError, check_name, choose, items, shown
from lessonlib.scenarios import (
    BAD_NEWS,
    CANCEL_REGISTRATION,
    COMPENSATIONS,
    ONBOARDING_CHECKS,
    UNDO,
    centralised,
    costume_catalogue,
    customer_onboarding_hybrid,
    order_fulfilment_choreography,
    order_fulfilment_orchestration,
    together,
    with_bad_news,
    with_refund,
    with_release,
    with_tracking,
)
from lessonlib.trace import ACKNOWLEDGED, HANDLED, Trace

__all__ = [
    "Simulation",
    "Flow",
    "on_the_bus",
    "workflow_of",
    "shop",
    "order_fulfilment_chain",
    "order_fulfilment_engine",
    "order_fulfilment_workflow",
    "tracking_workflow",
    "customer_onboarding_engine",
    "customer_onboarding_workflow",
    "two_owners",
    "one_orchestrator",
    "costume_trace",
    "SHIPPING_TIME_FRAME",
    "ONBOARDING_TIME_FRAME",
    "TRACKING_TIME_FRAME",
    "SHOP",
    "ONBOARDING",
    "ORDERS",
    "REGISTRATIONS",
    "OUTCOMES",
    "COMPLETED",
    "COMPENSATED",
    "INCONSISTENT",
    "STUCK",
    "SEEN",
    "MAX_ORDERS",
]

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

# What became of one order (or registration), read from what happened (COMPLETED is the
# engine's word too).
COMPENSATED, INCONSISTENT, STUCK, SEEN = "compensated", "inconsistent", "stuck", "stuck but seen"
#: The outcomes :meth:`Simulation.counts` reports, in this order.
OUTCOMES = (COMPLETED, COMPENSATED, INCONSISTENT, STUCK, SEEN)
_OK = (ACKNOWLEDGED, HANDLED)
_UNDO = frozenset(UNDO)
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


@dataclass(frozen=True)
class Flow:
    """What a simulation places, and the good news that means it was done.

    ``prefix`` starts every correlation id ("order-1"); ``sender`` publishes
    ``event`` to start one; ``done`` is the event that means the work happened
    (goods shipped, customer created).
    """

    prefix: str
    sender: str
    event: str
    done: str
    noun: str


#: Orders: Checkout places them; GoodsShipped means the goods left.
ORDERS = Flow("order", "Checkout", "OrderPlaced", "GoodsShipped", "order")
#: Registrations: the Website announces them; CustomerCreated means the customer exists.
REGISTRATIONS = Flow("customer", "Website", "RegistrationRequested", "CustomerCreated",
                     "registration")


@dataclass
class Simulation:
    """A bus with its services and the engines living in some of them.

    ``flows``: what it places (orders, registrations); the first is the one
    :meth:`place_orders` places unless told otherwise.
    """

    name: str
    bus: Bus
    engines: dict[str, Engine] = field(default_factory=dict)
    flows: tuple[Flow, ...] = (ORDERS,)
    placed: list[str] = field(default_factory=list)
    _flow_of: dict[str, Flow] = field(default_factory=dict, repr=False)

    def __repr__(self) -> str:
        owners = ", ".join(self.engines) or "no engine"
        return (f"<Simulation {self.name!r}: {len(self.bus.services)} services, engines in "
                f"{owners}, {len(self.placed)} placed>")

    def flow(self, prefix: str | None = None) -> Flow:
        """The flow whose ids start with ``prefix`` ("order", "customer"); the first if None."""
        if prefix is None:
            return self.flows[0]
        key = choose(prefix, [f.prefix for f in self.flows], "what to place")
        return next(f for f in self.flows if f.prefix == key)

    def place_orders(self, n: int = 1, *, every: float = 1.0,
                     flow: str | None = None) -> tuple[str, ...]:
        """Publish ``n`` new start events, one every ``every`` minutes; return their ids.

        ``flow`` says what to place when the simulation runs several processes
        ("order" or "customer").
        """
        chosen = self.flow(flow)
        n = check_orders(n, f"The number of {chosen.noun}s")
        every = minutes_up_to_a_year(every, f"The time between two {chosen.noun}s (every=, in "
                                            "minutes)")
        already = sum(1 for f in self._flow_of.values() if f is chosen)
        ids = []
        for i in range(n):
            cid = f"{chosen.prefix}-{already + i + 1}"
            self.placed.append(cid)
            self._flow_of[cid] = chosen
            ids.append(cid)
            self.bus.publish(chosen.event, sender=chosen.sender, correlation=cid,
                             at=self.bus.now + i * every)
        return tuple(ids)

    def run(self) -> Trace:
        """Run until nothing more happens; return the trace."""
        return self.bus.run()

    @property
    def trace(self) -> Trace:
        return self.bus.trace

    def outcomes(self) -> dict[str, str]:
        """Correlation id -> one of :data:`OUTCOMES`, read from what happened.

        *Done*: the flow's good news was published (GoodsShipped). *Undone*: a
        service that runs no engine carried out an undo (:data:`~lessonlib.scenarios.UNDO`:
        a refund, a cancellation), or an owner's engine cancelled it. Done and
        undone is *inconsistent*; done alone *completed*; undone alone
        *compensated*; neither is *stuck*, or *stuck but seen* if an engine (an
        owner or a tracker) still lists it as open.
        """
        done_events = {f.done for f in self.flows}
        engines = set(self.engines)
        done, undone = set(), set()
        for r in self.bus.trace:
            if r.message in done_events:
                if r.kind == EVENT:
                    done.add(r.correlation)
            elif r.message in _UNDO and r.outcome in _OK and r.receiver not in engines:
                undone.add(r.correlation)
        seen = set()
        for engine in self.engines.values():
            for inst in engine.instances():
                if inst.state == CANCELLED:
                    undone.add(inst.correlation)
                elif inst.state != COMPLETED:
                    seen.add(inst.correlation)
        result = {}
        for c in self.placed:
            if c in done:
                result[c] = INCONSISTENT if c in undone else COMPLETED
            elif c in undone:
                result[c] = COMPENSATED
            else:
                result[c] = SEEN if c in seen else STUCK
        return result

    def counts(self, flow: str | None = None) -> dict[str, int]:
        """How many ended in each of :data:`OUTCOMES` (of one flow if named; zeros included)."""
        wanted = None if flow is None else self.flow(flow)
        counts = Counter(outcome for c, outcome in self.outcomes().items()
                         if wanted is None or self._flow_of[c] is wanted)
        return {outcome: counts.get(outcome, 0) for outcome in OUTCOMES}

    def where_stuck(self) -> dict[str, int]:
        """For stuck orders (seen or not): the last thing any service did for them -> how many.

        This is what a student learns by searching every service's own state
        (``bus.service(name).state``), service by service.
        """
        stuck = {c for c, state in self.outcomes().items() if state in (STUCK, SEEN)}
        last: dict[str, str] = {}
        for r in self.bus.trace:
            if r.correlation in stuck and r.receiver is not None and r.receiver not in self.engines:
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


def settings_of(arch: Architecture, settings: Mapping | None = None) -> dict[str, dict]:
    """The course's handling times for ``arch``'s services (:data:`SHOP`, :data:`ONBOARDING`),
    changed by ``settings``."""
    known = {**SHOP, **ONBOARDING}
    return _settings({s: dict(known.get(s, {})) for s in arch.services}, settings)


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
              message: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """What ``service`` publishes when ``message`` reaches it: (good news, bad news).

    The rule, read from the model:

    * a service that owns a process publishes the events it emits right after
      ``message`` in that process;
    * a message that asks for an undo (:data:`~lessonlib.scenarios.UNDO`: a
      refund, a cancellation, bad news it reacts to) is carried out and answered
      with nothing;
    * any other service answers with the one event it emits, and, if it emits
      the bad news of that event (:data:`~lessonlib.scenarios.BAD_NEWS`), announces
      that instead when it fails.
    """
    for process in arch.processes:
        if process.owner == service and message in process.steps:
            after = process.steps[process.steps.index(message) + 1:]
            emitted = []
            for step in after:
                if step not in roles[service].emits:
                    break
                emitted.append(step)
            return tuple(emitted), ()
    if message in _UNDO:
        return (), ()
    emits = roles[service].emits
    good = sorted(e for e in emits if e not in BAD_NEWS.values())
    if len(good) > 1:
        raise LessonError(
            f"{shown(service)} emits {len(good)} events ({', '.join(good)}), so the model does "
            f"not say which one answers {shown(message)}. Give {service} a process that orders "
            "them."
        )
    bad = tuple(BAD_NEWS[e] for e in good if BAD_NEWS.get(e) in emits)
    return tuple(good), bad


def on_the_bus(arch: Architecture, *, seed: int = 0, settings: Mapping | None = None,
               engines: Iterable[str] = (), bus: Bus | None = None) -> Bus:
    """A bus running ``arch``: its services, and who handles and subscribes to what.

    Every message is declared with its kind; every command gets its receiver as
    handler and every event its subscribers. A receiver answers with the events
    the model says it emits, and announces its bad news when it fails (see
    ``_reaction``). Services named in ``engines`` get no handlers: the
    :class:`~lessonlib.engine.Engine` deployed in them subscribes to what its
    workflow waits for. ``settings`` maps a service to its bus settings
    (duration, failure_rate, ...). Given a ``bus``, the model joins it (another
    system on the same bus); otherwise a new one is seeded with ``seed``.

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
            good, bad = _reaction(arch, roles, target, message.name)
            register = bus.handle if message.is_command else bus.subscribe
            register(message.name, target, _publisher(good), on_failure=_publisher(bad))
    return bus


def _mapping(value: object, what: str, example: str) -> dict:
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise LessonTypeError(f"{what} maps message names to values, like {example}; got "
                              f"{shown(value)}.")
    return dict(value)


def workflow_of(arch: Architecture, process: str, *, within: Mapping[str, float] | None = None,
                on_failure: str | None = None, on_timeout: str = FAIL,
                one_by_one: bool = False) -> Workflow:
    """The owned ``process`` of ``arch`` as a workflow its owner's engine can run.

    The first step is the event that starts it; a command the owner sends is a
    *send*, events it waits for in a row are one *wait* (each its own with
    ``one_by_one=True``), an event it emits is a *publish*. From the model too:
    a sent command is compensated by its undo (:data:`~lessonlib.scenarios.COMPENSATIONS`)
    if the owner can send that, and a wait fails on the bad news of an awaited
    event if the owner hears it. ``within`` gives a wait a time frame (by an
    awaited event's name), ``on_timeout`` what its end does ("fail" or "flag"),
    and ``on_failure`` names the event the owner announces, or the command it
    sends, after compensating.

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
    owner = proc.owner
    within = {arch.message(e).name: minutes_up_to_a_year(t, f"The time frame for {shown(e)}")
              for e, t in _mapping(within, "within=", "{'GoodsShipped': 5}").items()}
    if on_failure is not None:
        on_failure = check_name(on_failure, "failure event")
    sends, hears = set(arch.sends(owner)), set(arch.subscriptions(owner))
    first = arch.message(proc.steps[0])
    if not (first.is_event and owner in first.targets):
        raise LessonError(f"Process {proc.name!r} starts with {first.name}, which {owner} "
                          "does not receive; a workflow starts on an event its owner "
                          "subscribes to.")
    unknown = sorted(set(within) - set(proc.steps))
    if unknown:
        raise LessonError(f"within= names {', '.join(map(repr, unknown))}, which process "
                          f"{proc.name!r} does not wait for; it waits for "
                          f"{', '.join(s for s in proc.steps[1:] if s in hears)}.")
    workflow = Workflow(proc.name, starts_on=first.name)
    waiting: list[str] = []

    def flush() -> None:
        if waiting:
            frames = {within[e] for e in waiting if e in within}
            bad = [BAD_NEWS[e] for e in waiting if BAD_NEWS.get(e) in hears]
            workflow.wait_for(*waiting, within=min(frames) if frames else None,
                              failing_on=bad, on_timeout=on_timeout)
            waiting.clear()

    for name in proc.steps[1:]:
        m = arch.message(name)
        if m.is_event and owner in m.targets:
            waiting.append(name)
            if one_by_one:
                flush()
            continue
        flush()
        if m.is_command:
            undo = COMPENSATIONS.get(name)
            workflow.send(name, compensate=undo if undo in sends else None)
        else:
            workflow.publish(name)
    flush()
    if on_failure is not None:
        m = arch.message(on_failure)
        if m.source != owner:
            raise LessonError(f"on_failure={m.name!r}: {owner} neither emits nor sends it in "
                              f"{arch.name!r} ({m}); the owner's failure action is a message it "
                              "sends or announces.")
        workflow.on_failure(**({"publish": m.name} if m.is_event else {"send": m.name}))
    return workflow


# --------------------------------------------------------------------------- order fulfilment

STYLES = ("chain", "owner")


def shop(style: str = "chain", *, refund: bool = True, tracking: bool = False,
         release_goods: bool = False) -> Architecture:
    """Lesson 05's shop, derived from the scenarios: Shipping announces its failures.

    ``style`` "chain": :func:`~lessonlib.scenarios.order_fulfilment_choreography`;
    "owner": :func:`~lessonlib.scenarios.order_fulfilment_orchestration`, whose
    owner also announces OrderCancelled. ``refund`` adds the saga's refund
    (:func:`~lessonlib.scenarios.with_refund`), ``tracking`` a tracking service
    (chain only), ``release_goods`` the owner's ReleaseGoods.

    >>> shop("chain").subscriptions("Payment")
    ('OrderPlaced', 'GoodsShipmentFailed')
    >>> shop("owner").emits("Order")
    ('OrderCompleted', 'OrderCancelled')
    """
    style = choose(style, STYLES, "style")
    if style == "chain":
        if release_goods:
            raise LessonError("In the chain nobody commands FetchGoods, so nobody can command "
                              "ReleaseGoods; release_goods= is for style='owner'.")
        arch = with_bad_news(order_fulfilment_choreography())
    else:
        if tracking:
            raise LessonError("tracking= adds a tracker to the event chain; the owner already "
                              "sees every order (style='chain' to track).")
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
    arch = (shop("chain", tracking=True) if arch is None
            else expect_architecture(arch, "tracking_workflow()'s model"))
    steps = arch.process("Order tracking").steps[1:]
    return workflow_of(arch, "Order tracking", within=dict.fromkeys(steps, time_frame),
                       on_timeout="flag", one_by_one=True)


def order_fulfilment_chain(seed: int = 0, *, settings: Mapping | None = None,
                           refund: bool = True, tracking: bool = False,
                           time_frame: float = TRACKING_TIME_FRAME) -> Simulation:
    """The choreographed chain on the bus: every service reacts to the previous one's event.

    Built with :func:`shop` ("chain"): Shipping announces a failure, and with
    ``refund`` Payment refunds on it. ``tracking=True`` adds a tracking service
    whose engine runs :func:`tracking_workflow` (``time_frame`` per step).
    ``settings`` changes services, e.g. ``{"Shipping": {"failure_rate": 0.1}}``.

    >>> sim = order_fulfilment_chain()
    >>> _ = sim.place_orders(1)
    >>> [f"{r.message} -> {r.receiver}" for r in sim.run()]
    ['OrderPlaced -> Payment', 'PaymentReceived -> Inventory', 'GoodsFetched -> Shipping', 'GoodsShipped -> None']
    """
    arch = shop("chain", refund=refund, tracking=tracking)
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

    The steps are the process of :func:`shop` ("owner"), which is
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
    return _order_workflow(shop("owner", release_goods=release_goods), shipping_time_frame)


def _order_workflow(arch: Architecture, frame: float | None) -> Workflow:
    frames = {} if frame is None else {"GoodsShipped": frame}
    return workflow_of(arch, "Order fulfilment", within=frames, on_failure="OrderCancelled")


def order_fulfilment_engine(seed: int = 0, *, settings: Mapping | None = None,
                            shipping_time_frame: float | None = SHIPPING_TIME_FRAME,
                            release_goods: bool = False) -> Simulation:
    """Order fulfilment managed by an engine inside the Order service.

    Built with :func:`shop` ("owner"). ``release_goods=True`` also compensates
    fetched goods (see :func:`order_fulfilment_workflow`).

    >>> sim = order_fulfilment_engine(settings={"Shipping": {"down": True}})
    >>> _ = sim.place_orders(1); _ = sim.run()
    >>> print(sim.engines["Order"].outcomes()[0])
    order-1: cancelled (no GoodsShipped within 5 min, compensated by RefundPayment); started t=0.5, finished t=13.5
    """
    arch = shop("owner", release_goods=release_goods)
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

    The Order service runs order fulfilment (:func:`shop`, "owner"); the
    Onboarding service runs the hybrid onboarding. There is no central
    orchestrator: each engine is a library inside its own service.

    >>> sim = two_owners()
    >>> sorted(sim.engines)
    ['Onboarding', 'Order']
    """
    model = together(shop("owner"), customer_onboarding_hybrid(),
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
    model = centralised(shop("owner"), customer_onboarding_hybrid())
    return _both(model, seed, settings, "Two processes in one central orchestrator")


# --------------------------------------------------------------------------- lesson 06


def costume_trace(customers: int = 3, *, seed: int = 0, failing: str = "Address check",
                  failure_rate: float = 0.0) -> Trace:
    """Run lesson 06's catalogue (its shop and onboarding) on the bus; return the trace.

    Each of ``customers`` places an order and registers. The Order and the
    Onboarding services run their processes in their engines, costumes and all
    (an engine waits for both checks before it goes on). ``failing`` (a service)
    fails on a share ``failure_rate`` of its messages, seeded, so a run is
    reproducible. Pass the trace to :func:`~lessonlib.disguise.detect` for runtime
    evidence. Introduced in ``06_commands_in_disguise.ipynb``.

    >>> trace = costume_trace(2)
    >>> len(trace.correlations())
    4
    """
    customers = check_orders(customers, "The number of customers", most=1000)
    catalogue = costume_catalogue()
    failing = catalogue.service(failing)
    settings = {s: {"duration": 1.0} for s in catalogue.services}
    settings[failing]["failure_rate"] = failure_rate
    owners = [p.owner for p in catalogue.processes]
    bus = on_the_bus(catalogue, seed=seed, settings=settings, engines=owners)
    for process in catalogue.processes:
        Engine(bus, process.owner).deploy(workflow_of(catalogue, process.name))
    for n in range(1, customers + 1):
        bus.publish("OrderPlaced", sender="Checkout", correlation=f"order-{n}")
        bus.publish("RegistrationRequested", sender="Website", correlation=f"customer-{n}")
    return bus.run()
