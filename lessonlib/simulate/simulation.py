"""A simulated day: a bus with its engines, the orders placed, and what became of each.

What became of an order is read from what happened, the same way for every
style (:meth:`Simulation.outcomes`): one of :data:`OUTCOMES`.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from lessonlib.architecture import EVENT
from lessonlib.bus import Bus, minutes_up_to_a_year
from lessonlib.engine import CANCELLED, COMPENSATING, COMPLETED, Engine
from lessonlib.errors import LessonError, LessonTypeError, choose, shown
from lessonlib.scenarios import UNDO
from lessonlib.trace import ACKNOWLEDGED, HANDLED, Trace

__all__ = ["Simulation", "Flow", "ORDERS", "REGISTRATIONS", "OUTCOMES", "COMPLETED",
           "COMPLETED_LATE", "COMPENSATED", "INCONSISTENT", "STUCK", "SEEN", "MAX_ORDERS",
           "ORDER_SLA", "check_orders"]

# What became of one order (or registration), read from what happened (COMPLETED is the
# engine's word too).
COMPENSATED, INCONSISTENT, STUCK, SEEN = "compensated", "inconsistent", "stuck", "stuck but seen"
#: Done, but later than the flow's service level (SLA) promises.
COMPLETED_LATE = "completed late"
#: The outcomes :meth:`Simulation.counts` reports, in this order.
OUTCOMES = (COMPLETED, COMPLETED_LATE, COMPENSATED, INCONSISTENT, STUCK, SEEN)
#: The shop's service level: an order ships within this many minutes of being placed. The
#: course's choice (the sources give none), the same for every style: a normal order ships
#: well within it in both, a slow shipment (8 minutes instead of 2) misses it in both.
ORDER_SLA = 10.0
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
    (goods shipped, customer created); ``sla``, if any, the minutes from the start
    within which it should be done (later is *completed late*).
    """

    prefix: str
    sender: str
    event: str
    done: str
    noun: str
    sla: float | None = None


#: Orders: Checkout places them; GoodsShipped means the goods left.
ORDERS = Flow("order", "Checkout", "OrderPlaced", "GoodsShipped", "order", ORDER_SLA)
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
    _placed_at: dict[str, float] = field(default_factory=dict, repr=False)

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
            self._placed_at[cid] = self.bus.now + i * every
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
        a refund, a cancellation), or an owner's engine cancelled it. The rule, in
        this order: a saga still compensating (an undo sent and never answered) is
        *stuck but seen*, whatever else happened; done twice, or done and undone, is
        *inconsistent*; done alone is *completed*, or *completed late* if later than
        the flow's SLA; undone alone is *compensated*; neither is *stuck*, or *stuck
        but seen* if an engine (an owner or a tracker) still lists it as open.
        """
        done_events = {f.done for f in self.flows}
        engines = set(self.engines)
        done: dict[str, set[tuple]] = defaultdict(set)  # each publication once
        first: dict[str, float] = {}
        undone = set()
        for r in self.bus.trace:
            if r.message in done_events:
                if r.kind == EVENT:
                    done[r.correlation].add((r.sender, r.cause, r.sent))
                    first[r.correlation] = min(first.get(r.correlation, r.sent), r.sent)
            elif r.message in _UNDO and r.fate in _OK and r.receiver not in engines:
                undone.add(r.correlation)
        seen, undoing = set(), set()
        for engine in self.engines.values():
            for inst in engine.instances():
                if inst.state == CANCELLED:
                    undone.add(inst.correlation)
                elif inst.state == COMPENSATING:
                    undoing.add(inst.correlation)
                elif inst.state != COMPLETED:
                    seen.add(inst.correlation)
        return {c: self._outcome(c, len(done.get(c, ())), first.get(c), c in undone,
                                 c in undoing, c in seen) for c in self.placed}

    def _outcome(self, c: str, times_done: int, done_at: float | None, undone: bool,
                 undoing: bool, seen: bool) -> str:
        if undoing:
            return SEEN
        if times_done > 1 or (times_done and undone):
            return INCONSISTENT
        if times_done:
            sla = self._flow_of[c].sla
            late = sla is not None and done_at - self._placed_at[c] > sla
            return COMPLETED_LATE if late else COMPLETED
        if undone:
            return COMPENSATED
        return SEEN if seen else STUCK

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
                last[r.correlation] = f"{r.receiver}: {r.message} {r.fate}"
        return dict(Counter(last.get(c, "nothing happened") for c in stuck).most_common())
