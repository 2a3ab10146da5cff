"""Track, then manage: Bernd Ruecker's path from an event chain to a process with an owner,
step by step, and what each step costs.

Introduced in ``05_track_then_manage.ipynb``. Ruecker's path (InfoWorld, 2019, "How to
tame event-driven microservices") has two steps and one in between:

1. **track**: a workflow that only subscribes to the chain's events sees which order is
   stuck where, and changes nobody else (:func:`tracking_price`);
2. **the middle step**: the tracker acts by re-sending the event that started the flow,
   "the first baby steps towards orchestration" (:func:`resending_chain`,
   :func:`resend_report`). Asked link by link with lesson 02's tree, that re-sent event is
   a command in an event's costume (:func:`resend_decision`);
3. **manage**: the process gets an owner that commands its steps. The price of the whole
   journey is counted by :func:`~lessonlib.change_impact.impact` (:func:`journey_price`).

The onboarding's hybrid is a step on that way too: its checks react to events, although
lesson 02 decided they are commands; :func:`checks_commanded` turns them into commands at
the end. And an owner needs no workflow engine to orchestrate: :func:`plain_owner` runs the
Order service as a few handlers of plain code that send the same commands
(:func:`conversation` compares them with the engine's).

Every count comes from a model or from a run on the bus; every sentence here is built from
those counts.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

from lessonlib.architecture import EVENT, Architecture
from lessonlib.bus import Bus, Delivery
from lessonlib.change_impact import Impact, impact
from lessonlib.changes import replace_subscription_by_command
from lessonlib.decisions import Decision, LinkCase, decide
from lessonlib.errors import LessonTypeError, shown
from lessonlib.prose import Sentences, and_list, plural
from lessonlib.scenarios import (
    BAD_NEWS,
    COMPENSATIONS,
    ONBOARDING_CHECKS,
    customer_onboarding_hybrid,
    order_fulfilment_choreography,
    order_fulfilment_orchestration,
    with_tracking,
)
from lessonlib.simulate import Simulation, on_the_bus, order_fulfilment_engine, shop
from lessonlib.simulate.simulation import check_orders
from lessonlib.simulate.systems import TRACKING_TIME_FRAME, settings_of
from lessonlib.styles import CHOREOGRAPHY, ORCHESTRATION
from lessonlib.trace import ACKNOWLEDGED, HANDLED, Record, minutes

__all__ = ["tracking_price", "journey_price", "journey_text", "RESEND", "resend_decision",
           "resending_chain", "ResendReport", "resend_report", "resend_day", "checks_commanded",
           "hybrid_to_commands", "plain_owner", "conversation", "same_conversation",
           "TRACKER", "OWNER"]

#: The tracking service (lesson 05) and the service that owns order fulfilment.
TRACKER, OWNER = "Tracking", "Order"
_STARTS = "OrderPlaced"  # the event that starts the flow, the one the tracker re-sends
_DONE = (HANDLED, ACKNOWLEDGED)


# --------------------------------------------------------------------------- what it costs


def tracking_price() -> Impact:
    """What adding the tracker to lesson 03's chain changes: one new service, nobody else.

    >>> print(tracking_price().summary())
    1 service must change: Tracking (1 new). Untouched: Checkout, Payment, Inventory, Shipping.
    """
    chain = order_fulfilment_choreography()
    return impact(chain, with_tracking(chain, service=TRACKER))


def journey_price() -> Impact:
    """The price of the journey: lesson 03's chain moved to an owner that commands its steps.

    The owner is new, and every step's service changes: it no longer reacts to the
    previous step's event but handles a command (Ruecker tracks first for this reason).

    >>> print(journey_price().summary())
    4 services must change: Order, Payment, Inventory, Shipping (1 new, 3 changed). Untouched: Checkout.
    """
    return impact(order_fulfilment_choreography(), order_fulfilment_orchestration())


def journey_text() -> Sentences:
    """Each step of the path in one line, with what it changes (by ``impact``).

    >>> print(journey_text())  # doctest: +NORMALIZE_WHITESPACE
    Track: 1 service must change: Tracking (1 new). Untouched: Checkout, Payment, Inventory, Shipping.
    Manage: 4 services must change: Order, Payment, Inventory, Shipping (1 new, 3 changed). Untouched: Checkout.
      - Order is new: it subscribes to GoodsFetched, GoodsShipped, OrderPlaced and PaymentReceived; emits OrderCompleted; sends FetchGoods, RetrievePayment and ShipGoods; owns the process 'Order fulfilment'.
      - Payment changes: it no longer subscribes to OrderPlaced; it now handles the command RetrievePayment.
      - Inventory changes: it no longer subscribes to PaymentReceived; it now handles the command FetchGoods.
      - Shipping changes: it no longer subscribes to GoodsFetched; it now handles the command ShipGoods.
    """
    manage = journey_price()
    lines = [f"Track: {tracking_price().summary()}", f"Manage: {manage.summary()}"]
    lines += [f"  {line}" for line in manage.report().splitlines()[1:]]
    return Sentences("\n".join(lines))


# --------------------------------------------------------------------------- the middle step

#: The re-sent event as a link to decide with lesson 02's tree: the tracker sends OrderPlaced
#: again so that Payment (the step the order waits for first) does its work again.
RESEND = LinkCase(
    "re-sent order", "The tracker re-sends OrderPlaced for a stuck order", TRACKER, "Payment",
    "taking the payment of a stuck order again",
    sender_needs_it=True, legally_required=False, receiver_owns=False,
    command="RetrievePayment", event=_STARTS)


def resend_decision() -> Decision:
    """Lesson 02's tree on the re-sent event: the tracker cares that it happens.

    >>> print(resend_decision().headline())
    Command RetrievePayment: Tracking -> Payment. Tracking depends on Payment.
    """
    return decide(RESEND)


class _Resender:
    """The tracker as plain code: it follows each order through the chain's events and, when
    an order misses a step's time frame, publishes the event that started the flow again
    (once per order). It sends no command."""

    def __init__(self, bus: Bus, steps: tuple[str, ...], time_frame: float):
        self.bus, self.steps, self.time_frame = bus, steps, time_frame
        self.reached: dict[str, int] = {}  # order -> index of the last step seen
        self.resent: set[str] = set()
        self.ended: set[str] = set()  # bad news, or done

    def hear(self, delivery: Delivery) -> None:
        order, message = delivery.correlation, delivery.message
        if message in BAD_NEWS.values() or message == self.steps[-1]:
            self.ended.add(order)
            return
        step = self.steps.index(message)
        if step <= self.reached.get(order, -1):
            return  # a step seen before: the work is being done again
        self.reached[order] = step
        deadline = self.bus.deadline(self.time_frame)
        deadline.callbacks.append(lambda _: self._check(order, step))

    def _check(self, order: str, step: int) -> None:
        if order in self.ended or order in self.resent or self.reached[order] != step:
            return
        self.resent.add(order)
        self.bus.publish(self.steps[0], sender=TRACKER, correlation=order)


def resending_chain(seed: int = 0, *, settings: Mapping | None = None,
                    time_frame: float = TRACKING_TIME_FRAME) -> Simulation:
    """Lesson 03's chain with Ruecker's middle step: a tracker that re-sends OrderPlaced for
    an order that missed a step's time frame (once per order).

    The chain is :func:`~lessonlib.simulate.shop` ("choreography", with a tracking
    service); the tracker is plain code on the bus, not an engine, so it lists no order
    as "seen": read what it did with :func:`resend_report`.

    >>> sim = resending_chain(settings={"Inventory": {"down": True}})
    >>> _ = sim.place_orders(1); _ = sim.run()
    >>> [f"{r.message} {r.sender} -> {r.receiver}" for r in sim.trace if r.receiver == "Payment"]
    ['OrderPlaced Checkout -> Payment', 'OrderPlaced Tracking -> Payment']
    """
    arch = shop(CHOREOGRAPHY, tracking=True)
    bus = on_the_bus(arch, seed=seed, settings=settings_of(arch, settings), engines=[TRACKER])
    steps = arch.process("Order tracking").steps
    tracker = _Resender(bus, steps, time_frame)
    for event in arch.subscriptions(TRACKER):
        bus.subscribe(event, TRACKER, tracker.hear)
    return Simulation("Order fulfilment as an event chain, its tracker re-sending OrderPlaced",
                      bus)


@dataclass(frozen=True)
class ResendReport:
    """What the re-sending tracker did on a day, read from the trace.

    ``resent``: orders it sent OrderPlaced again for; of those, ``shipped`` were shipped in
    the end and ``still_stuck`` were neither shipped nor failed with bad news. Of all
    orders, ``paid_twice`` had their payment taken twice, ``shipped_twice`` left twice (the
    first shipment was only slow, not lost) and ``shipped_and_refunded`` were shipped and
    refunded (one of the two shipments failed, and Payment refunded on the bad news).
    """

    orders: int
    resent: int
    shipped: int
    still_stuck: int
    paid_twice: int
    shipped_twice: int
    shipped_and_refunded: int
    time_frame: float

    def text(self) -> Sentences:
        """What happened, in sentences chosen by the counts (true for any day)."""
        if not self.resent:
            return (f"Of {plural(self.orders, 'order')}, none missed a step's time frame of "
                    f"{minutes(self.time_frame)} min: the tracker re-sent nothing.")
        lines = [f"The tracker re-sent OrderPlaced for {self.resent} of {self.orders} orders: "
                 f"each had missed a step's time frame of {minutes(self.time_frame)} min."]
        shipped = ("none of them was shipped" if not self.shipped else
                   f"all {self.shipped} were shipped" if self.shipped == self.resent else
                   f"{self.shipped} of them were shipped")
        stuck = ("none is stuck" if not self.still_stuck else
                 f"{plural(self.still_stuck, 'order')} {'is' if self.still_stuck == 1 else 'are'}"
                 f" still stuck")
        lines.append(f"In the end {shipped}, and {stuck}.")
        twice = [f"{plural(n, 'order')} {what}" for n, what in (
            (self.paid_twice, "paid for twice"),
            (self.shipped_twice, "shipped twice (the first shipment was only slow, not lost)"),
            (self.shipped_and_refunded, "shipped and refunded (one of its two shipments failed)"))
            if n]
        if twice:
            lines.append(f"But the re-sent event reached every service that reacts to "
                         f"OrderPlaced, and each step after it ran again: {and_list(twice)}. "
                         f"To make the re-send safe, each of those services would have to "
                         f"recognise a repeat.")
        else:
            lines.append("No step ran twice on this day.")
        return Sentences("\n".join(lines))

    def __str__(self) -> str:
        return self.text()


def resend_day(orders: int = 1000, *, settings: Mapping | None = None, seed: int = 1,
               time_frame: float = TRACKING_TIME_FRAME) -> ResendReport:
    """The lab's day (:data:`lessonlib.labs.LAB_DAY`) through :func:`resending_chain`, read
    by :func:`resend_report`: the same day the tracker only watched."""
    from lessonlib.labs import LAB_DAY

    sim = resending_chain(seed, settings=LAB_DAY if settings is None else settings,
                          time_frame=time_frame)
    sim.place_orders(check_orders(orders))
    sim.run()
    return resend_report(sim, time_frame=time_frame)


def _orders(records: list[Record], test) -> Counter:
    """How many records of each order pass ``test``."""
    return Counter(r.correlation for r in records if test(r))


def resend_report(sim: Simulation, *, time_frame: float = TRACKING_TIME_FRAME) -> ResendReport:
    """Read what the re-sending tracker of ``sim`` (:func:`resending_chain`) did, and what the
    re-sends caused, from the trace.

    >>> sim = resending_chain(settings={"Inventory": {"down": True}})
    >>> _ = sim.place_orders(2); _ = sim.run()
    >>> print(resend_report(sim))
    The tracker re-sent OrderPlaced for 2 of 2 orders: each had missed a step's time frame of 5 min.
    In the end none of them was shipped, and 2 orders are still stuck.
    But the re-sent event reached every service that reacts to OrderPlaced, and each step after it ran again: 2 orders paid for twice. To make the re-send safe, each of those services would have to recognise a repeat.
    """
    if not isinstance(sim, Simulation):
        raise LessonTypeError(f"resend_report() reads a day of journey.resending_chain(); got "
                              f"{shown(sim)}.")
    records = list(sim.trace)
    resent = set(_orders(records, lambda r: r.message == _STARTS and r.sender == TRACKER))
    shipped = _orders(records, lambda r: r.message == "GoodsShipped" and r.receiver == TRACKER)
    failed = set(_orders(records, lambda r: r.message in BAD_NEWS.values()
                         and r.receiver == TRACKER))
    paid = _orders(records, lambda r: r.message == _STARTS and r.receiver == "Payment"
                   and r.fate in _DONE)
    refunded = set(_orders(records, lambda r: r.message in BAD_NEWS.values()
                           and r.receiver == "Payment" and r.fate in _DONE))
    return ResendReport(
        orders=len(sim.placed), resent=len(resent), shipped=len(resent & set(shipped)),
        still_stuck=len(resent - set(shipped) - failed),
        paid_twice=sum(n > 1 for n in paid.values()),
        shipped_twice=sum(n > 1 for n in shipped.values()),
        shipped_and_refunded=len(refunded & set(shipped)), time_frame=time_frame)


# --------------------------------------------------------------------------- the hybrid


def checks_commanded(hybrid: Architecture | None = None) -> Architecture:
    """The onboarding hybrid at the end of the way: the checks are commanded, as lesson 02
    decided (the Onboarding service must make sure they happen).

    >>> arch = checks_commanded()
    >>> arch.sends("Onboarding")
    ('SendWelcomeLetter', 'CancelRegistration', 'CheckAddress', 'CheckCredit')
    >>> print(arch.process("Customer onboarding"))  # doctest: +NORMALIZE_WHITESPACE
    process 'Customer onboarding' owned by Onboarding: RegistrationRequested -> CheckAddress -> CheckCredit -> AddressChecked -> CreditChecked -> CustomerCreated -> SendWelcomeLetter
    """
    arch = customer_onboarding_hybrid() if hybrid is None else hybrid
    for service, (command, _result) in ONBOARDING_CHECKS.items():
        arch = replace_subscription_by_command(arch, service, "RegistrationRequested",
                                               command=command, sender="Onboarding")
    arch.name = "Customer onboarding (the checks commanded)"
    process = arch.process("Customer onboarding")
    commands = [command for command, _ in ONBOARDING_CHECKS.values()]
    arch.add_process(process.name, owner=process.owner,
                     steps=[process.steps[0], *commands, *process.steps[1:]])
    return arch


def hybrid_to_commands() -> Impact:
    """What turning the hybrid's checks into commands changes (by ``impact``).

    >>> print(hybrid_to_commands().summary())
    3 services must change: Onboarding, Address check, Credit check (3 changed). Untouched: Website, Letter, Notification, Loyalty.
    """
    hybrid = customer_onboarding_hybrid()
    return impact(hybrid, checks_commanded(hybrid))


# --------------------------------------------------------------------------- no engine needed


def _plain_steps(arch: Architecture) -> dict[str, list[str]]:
    """For each event the owner waits for: the steps it takes right after it (the model's)."""
    steps = arch.process("Order fulfilment").steps
    hears = set(arch.subscriptions(OWNER))
    after: dict[str, list[str]] = {}
    current = None
    for step in steps:
        if step in hears:
            current = after.setdefault(step, [])
        elif current is not None:
            current.append(step)
    return after


def plain_owner(seed: int = 0, *, settings: Mapping | None = None) -> Simulation:
    """Order fulfilment owned by the Order service written as plain code: one handler per event
    it hears, which sends the next command or announces the outcome. No engine: no time frame,
    no list of open orders, no compensation (the refund on bad news is one more handler).

    >>> sim = plain_owner()
    >>> _ = sim.place_orders(1); _ = sim.run()
    >>> [m for _, m, s, _ in conversation(sim) if s == "Order"]
    ['RetrievePayment', 'FetchGoods', 'ShipGoods', 'OrderCompleted']
    """
    arch = shop(ORCHESTRATION)
    bus = on_the_bus(arch, seed=seed, settings=settings_of(arch, settings), engines=[OWNER])
    kinds = {m.name: m.kind for m in arch.messages}
    plan = _plain_steps(arch)
    bad = {BAD_NEWS[e]: e for e in BAD_NEWS}
    for event in arch.subscriptions(OWNER):
        if event in bad:  # bad news: refund, then announce the cancellation
            todo = [COMPENSATIONS["RetrievePayment"], *(e for e in arch.emits(OWNER)
                                                        if e not in plan.get(bad[event], ()))]
        else:
            todo = plan.get(event, [])

        def handler(delivery: Delivery, todo=tuple(todo)) -> None:
            for step in todo:
                if kinds[step] == EVENT:
                    delivery.publish(step)
                else:
                    delivery.send(step)

        bus.subscribe(event, OWNER, handler)
    return Simulation("Order fulfilment owned by the Order service, in plain code", bus)


def conversation(sim: Simulation, correlation: str | None = None) -> tuple[tuple, ...]:
    """(kind, message, sender, receiver) of every delivery for one order, in the order sent.

    The first order placed if ``correlation`` is None; only messages between services (no
    timers).
    """
    if not isinstance(sim, Simulation):
        raise LessonTypeError(f"conversation() reads a simulation; got {shown(sim)}.")
    wanted = sim.placed[0] if correlation is None and sim.placed else correlation
    records = sorted((r for r in sim.trace if r.correlation == wanted and r.kind != "timer"),
                     key=lambda r: (r.sent, r.seq))
    return tuple((r.kind, r.message, r.sender, r.receiver) for r in records)


def same_conversation(seed: int = 0, orders: int = 3) -> dict[str, object]:
    """The plain-code owner and the engine on the same orders: do they send the same commands?

    Returns the messages each sent for each order, whether they agree, and how many orders
    each completed.

    >>> found = same_conversation()
    >>> found["same"], found["completed"]
    (True, {'plain code': 3, 'engine': 3})
    """
    orders = check_orders(orders)
    runs = {"plain code": plain_owner(seed), "engine": order_fulfilment_engine(seed)}
    said = {}
    for name, sim in runs.items():
        sim.place_orders(orders)
        sim.run()
        said[name] = [[step for step in conversation(sim, c) if OWNER in step[2:]]
                      for c in sim.placed]
    return {"said": said, "same": said["plain code"] == said["engine"],
            "completed": {name: sim.counts()["completed"] for name, sim in runs.items()},
            "commands": sorted({m for order in said["engine"] for k, m, s, _ in order
                                if k == "command" and s == OWNER})}
