"""The labs of lesson 05: what becomes of many orders when a service fails or is slow.

Introduced in ``05_workflow_engines_serve_both.ipynb``. Every number a lab
reports comes from running the simulations of :mod:`lessonlib.simulate`; the
sliders of the time-frame lab (:mod:`lessonlib.widgets.timeout`) only show
:func:`timeout_outcomes`.
"""

from __future__ import annotations

from dataclasses import dataclass

from lessonlib.bus import MAX_MINUTES
from lessonlib.engine import CANCELLED, COMPLETED
from lessonlib.errors import LessonError, LessonTypeError, check_number, choose, shown
from lessonlib.simulate import (
    SHIPPING_TIME_FRAME,
    STUCK,
    Simulation,
    check_orders,
    customer_onboarding_engine,
    order_fulfilment_chain,
    order_fulfilment_engine,
)
from lessonlib.trace import minutes

__all__ = ["LabResult", "failure_lab", "timeout_outcomes", "timeout_text", "outcome_rows",
           "outcome_table", "STYLES", "PROCESSES"]

#: The two ways lesson 05 runs order fulfilment.
STYLES = ("chain", "engine")
#: The processes the time-frame lab can run.
PROCESSES = ("order fulfilment", "customer onboarding")


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


def failure_lab(style: str = "chain", *, orders: int = 1000, service: str = "Shipping",
                failure_rate: float = 0.05, down: bool = False,
                time_frame: float | None = SHIPPING_TIME_FRAME, seed: int = 0) -> LabResult:
    """Run ``orders`` orders with one failing (or silent) service; count what became of them.

    Parameters
    ----------
    style : "chain" or "engine"
    orders : int
        From 1 to 10,000 (:data:`~lessonlib.simulate.MAX_ORDERS`); more gets a sentence.
    service : the service that fails ("Payment", "Inventory" or "Shipping")
    failure_rate : share of its messages it fails on, from 0 to 1
    down : if True, it answers nothing at all
    time_frame : shipping's time frame for the engine in minutes, more than 0 and at most a
        year (:data:`~lessonlib.bus.MAX_MINUTES`); None: wait for ever
    seed : int

    >>> print(failure_lab("chain", orders=200, failure_rate=0.1).summary())  # doctest: +ELLIPSIS
    chain: 200 orders: 179 completed, 21 stuck.
    No service notices a stuck order: to find the 21 stuck orders you must search the state of all 4 services and compare what each one saw.
      21 stuck after: Shipping: GoodsFetched failed
    """
    style = choose(style, STYLES, "style")
    service = choose(service, ["Payment", "Inventory", "Shipping"], "failing service")
    orders = check_orders(orders)
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
    checks; rates apply to the credit check. Bounds: a time frame is more than 0
    and at most a year; rates are from 0 to 1; ``orders`` from 1 to 10,000.

    >>> timeout_outcomes(time_frame=5, slow_rate=0.0)
    {'completed': 200, 'cancelled': 0, 'stuck': 0}
    >>> timeout_outcomes(time_frame=10, slow_rate=1.0)   # slow shipping still fits in 10 min
    {'completed': 200, 'cancelled': 0, 'stuck': 0}
    """
    process = choose(process, PROCESSES, "process")
    hours = process != "order fulfilment"
    frame = check_number(time_frame, f"The time frame (in {'hours' if hours else 'minutes'})",
                         0.0, MAX_MINUTES / 60 if hours else MAX_MINUTES)
    if frame == 0:
        raise LessonError("The time frame must be longer than 0; got 0.")
    orders = check_orders(orders)
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


def timeout_text(process: str, frame: float, failure: float, slow: float, counts: dict) -> str:
    unit = "min" if process == "order fulfilment" else "h"
    who = "Shipping" if process == "order fulfilment" else "Credit check"
    undo = "order cancelled, payment refunded" if process == "order fulfilment" else \
        "registration cancelled"
    total = sum(counts.values())
    return (f"{process.capitalize()}, time frame {minutes(frame)} {unit}; {who} fails on "
            f"{failure:.0%} and is slow on {slow:.0%} of its messages. Of {total}: "
            f"{counts[COMPLETED]} completed, {counts[CANCELLED]} cancelled ({undo}), "
            f"{counts[STUCK]} stuck.")


def outcome_rows(sim, only: str | None = None) -> list[tuple[str, str, str, str]]:
    """(order, outcome, what happened, who can tell) for every order of a simulation.

    ``only`` keeps one outcome: "completed", "cancelled" or "stuck" (in any case).

    >>> sim = order_fulfilment_chain(settings={"Shipping": {"down": True}})
    >>> _ = sim.place_orders(1); _ = sim.run()
    >>> outcome_rows(sim)[0]
    ('order-1', 'stuck', 'last: Shipping: GoodsFetched service down', 'nobody: search Checkout, Payment, Inventory, Shipping')
    """
    if not isinstance(sim, Simulation):
        raise LessonTypeError(f"Expected a simulation (e.g. simulate.order_fulfilment_chain()); "
                              f"got {shown(sim)}.")
    if only is not None:
        outcome = only.strip().lower() if isinstance(only, str) else only
        only = choose(outcome, (COMPLETED, CANCELLED, STUCK), "outcome (only=)")
        return [r for r in outcome_rows(sim) if r[1] == only]
    outcomes = sim.outcomes()
    if sim.engines:
        rows = []
        for owner, engine in sim.engines.items():
            for o in engine.outcomes():
                rows.append((o.correlation, o.state, o.detail, f"{owner} (its engine)"))
        seen = {r[0] for r in rows}
        rows += [(c, state, "never started", "nobody")
                 for c, state in outcomes.items() if c not in seen]
        return rows
    last: dict[str, str] = {}
    for r in sim.trace:
        last[r.correlation] = f"{r.receiver or r.sender}: {r.message} {r.outcome}"
    everyone = ", ".join(sim.bus.services)
    rows = []
    for c, state in outcomes.items():
        if state == COMPLETED:
            rows.append((c, state, f"last: {last.get(c, '')}", f"{sim.bus.services[-1]} only"))
        else:
            rows.append((c, state, f"last: {last.get(c, 'nothing')}", f"nobody: search {everyone}"))
    return rows


def outcome_table(sim, *, limit: int = 8, only: str | None = None) -> str:
    """A plain-text table of the first ``limit`` orders (``only`` one outcome if given).

    ``only`` is "completed", "cancelled" or "stuck" (in any case).

    >>> sim = order_fulfilment_chain(settings={"Shipping": {"down": True}})
    >>> _ = sim.place_orders(2); _ = sim.run()
    >>> print(outcome_table(sim, only="Stuck", limit=1))
    order    outcome  what happened                              who can tell
    order-1  stuck    last: Shipping: GoodsFetched service down  nobody: search Checkout, Payment, Inventory, Shipping
    ... and 1 more
    """
    if isinstance(limit, bool) or not isinstance(limit, int) or limit < 0:
        raise LessonTypeError(f"limit= is how many rows to show, a whole number like 8; got "
                              f"{shown(limit)}.")
    rows = outcome_rows(sim, only)
    head = ("order", "outcome", "what happened", "who can tell")
    first = rows[:limit]
    widths = [max(len(str(x)) for x in col) for col in zip(head, *first, strict=False)]
    lines = ["  ".join(str(v).ljust(w) for v, w in zip(row, widths, strict=True)).rstrip()
             for row in (head, *first)]
    if len(rows) > limit:
        lines.append(f"... and {len(rows) - limit} more")
    return "\n".join(lines)
