"""The labs of lessons 05 and 06: what becomes of many orders when services fail, are slow or
are down.

Introduced in ``05_track_then_manage.ipynb`` (tracking, local vs central) and
``06_sagas_that_earn_their_timers.ipynb`` (the fair lab, time frames). Every number a lab
reports comes from running the simulations of :mod:`lessonlib.simulate` (or, for
"what must change", from :func:`~lessonlib.change_impact.impact` over two
models); the sentences a lesson shows about a lab are built here from the same
settings the lab ran with, so prose and numbers cannot drift apart.

* :func:`failure_lab` and :func:`run_day`: a day of orders (the same seed, the
  same failures, the same bad-news event) through one style; lesson 06's labs
  (:mod:`lessonlib.saga_lab`) compare them; :func:`refund_impact` counts what
  each style must change to add the refund;
* :func:`tracking_report`: what a tracker sees, and what it cannot do;
* :func:`outage_lab` and :func:`process_changes`: local engines vs one central
  orchestrator.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lessonlib.architecture import Architecture
from lessonlib.change_impact import Impact, impact
from lessonlib.changes import insert_step, reorder
from lessonlib.engine import COMPLETED, FAILED
from lessonlib.errors import LessonError, LessonTypeError, choose, shown
from lessonlib.prose import Sentences, and_list, noun, plural
from lessonlib.scenarios import BAD_NEWS, centralised, customer_onboarding_hybrid, together
from lessonlib.simulate import (
    ONBOARDING,
    OUTCOMES,
    SEEN,
    SHIPPING_TIME_FRAME,
    SHOP,
    STUCK,
    TRACKING_TIME_FRAME,
    Simulation,
    one_orchestrator,
    order_fulfilment_chain,  # noqa: F401 - the doctests below use it
    order_saga,
    shop,
    two_owners,
)
from lessonlib.simulate.simulation import check_orders
from lessonlib.styles import CHOREOGRAPHY, LAB_LABELS, ORCHESTRATION, STYLES, as_style, lab_label
from lessonlib.trace import minutes

__all__ = ["LabResult", "check_run", "run_day", "local_and_central", "failure_lab", "lab_day_text",
           "refund_impact", "refund_text", "tracking_report", "outage_lab", "outage_text",
           "process_changes", "process_changes_text", "outcome_rows", "outcome_table", "LAB_DAY",
           "OUTAGE_PLACED", "STYLES", "RUNS"]

#: The ways lesson 05 runs order fulfilment, as (style, tracking): the chain (a
#: choreographed saga), the chain watched by a tracker, and the owner's engine (an
#: orchestrated saga). Their labels are :data:`~lessonlib.styles.LAB_LABELS`.
RUNS = tuple(LAB_LABELS)
#: The previous release's name for the tracked chain, read until 0.3 (``"chain"`` and
#: ``"owner"`` are read by :func:`~lessonlib.styles.as_style`).
_OLD_RUNS = {"tracked chain": (CHOREOGRAPHY, True)}
#: The fair lab's day: Shipping fails on some orders and says so (GoodsShipmentFailed) and is
#: slow on others; Inventory fails on a few and tells nobody.
LAB_DAY = {"Shipping": {"failure_rate": 0.05, "slow_rate": 0.1},
           "Inventory": {"failure_rate": 0.02}}
def _percent(rate: float) -> str:
    return f"{rate:.0%}"


# --------------------------------------------------------------------------- the fair lab


@dataclass(frozen=True)
class LabResult:
    """What one style made of a day of orders; every number comes from the simulation.

    ``style``: one of :data:`~lessonlib.styles.STYLES`; ``tracking``: whether a tracker
    watched the chain. ``counts``: one of :data:`~lessonlib.simulate.OUTCOMES` -> how
    many orders. ``seen_by``: the service whose engine lists the stuck orders, or None.
    ``where``: (last thing that happened, how many) for the stuck orders.
    """

    style: str
    orders: int
    counts: dict[str, int]
    seen_by: str | None
    services: tuple[str, ...]
    where: tuple[tuple[str, int], ...] = field(default=())
    tracking: bool = False

    @property
    def label(self) -> str:
        """The run as the lab's table names it: "event chain", "event chain + tracking"..."""
        return lab_label(self.style, self.tracking)

    def __getattr__(self, name: str) -> int:  # result.completed, result.stuck, ...
        key = name.replace("_", " ")
        if key in OUTCOMES:
            return self.counts[key]
        raise AttributeError(name)

    def summary(self) -> str:
        """The result in sentences."""
        c = self.counts
        parts = ", ".join(f"{c[o]} {o}" for o in OUTCOMES if c[o] or o in (COMPLETED, STUCK))
        lines = [f"{self.label}: {self.orders} orders: {parts}."]
        stuck = c[STUCK] + c[SEEN]
        if stuck and self.seen_by is None:
            lines.append(f"Nobody notices the {plural(stuck, 'stuck order')}: to find them you "
                         f"must search the state of all {len(self.services)} services "
                         f"({and_list(self.services)}) and compare what each one saw.")
        elif stuck:
            lines.append(f"{self.seen_by}'s engine lists all {plural(stuck, 'stuck order')} in "
                         f"one place, each with the step it waits for.")
        for where, n in self.where:
            lines.append(f"  {n} stuck after: {where}")
        return "\n".join(lines)


def check_run(style: object, tracking: bool) -> tuple[str, bool]:
    """(style, tracking) of one run; the previous release's "tracked chain" read as it was."""
    if isinstance(style, str) and " ".join(style.split()).lower() in _OLD_RUNS:
        return _OLD_RUNS[" ".join(style.split()).lower()]
    style = as_style(style)
    if not isinstance(tracking, bool):
        raise LessonTypeError(f"tracking= is True (a tracker watches the chain) or False; got "
                              f"{shown(tracking)}.")
    if tracking and style != CHOREOGRAPHY:
        raise LessonError("tracking= adds a tracker to the event chain; the owner already sees "
                          "every order (style='choreography' to track).")
    return style, tracking


def run_day(style: str = CHOREOGRAPHY, *, tracking: bool = False, orders: int = 1000,
            settings: dict | None = None, time_frame: float | None = SHIPPING_TIME_FRAME,
            seed: int = 1, recovery: str = "compensate") -> Simulation:
    """The lab's day of ``orders`` orders through one style, run; the simulation to look into.

    ``tracking=True`` watches the chain with a tracker (choreography only). The owner
    ("orchestration") runs :func:`~lessonlib.simulate.order_saga`: it waits for every
    step within a time frame (``time_frame`` for shipping) and ``recovery`` says what
    it does when shipping's runs out.

    >>> run_day("choreography", tracking=True, orders=50).counts()["stuck but seen"]
    1
    """
    style, tracking = check_run(style, tracking)
    sim = order_saga(style, seed, settings=LAB_DAY if settings is None else settings,
                     time_frame=time_frame, recovery=recovery, tracking=tracking)
    sim.place_orders(check_orders(orders))
    sim.run()
    return sim


def failure_lab(style: str = CHOREOGRAPHY, *, tracking: bool = False, orders: int = 1000,
                settings: dict | None = None, time_frame: float | None = SHIPPING_TIME_FRAME,
                seed: int = 1, recovery: str = "compensate") -> LabResult:
    """Run ``orders`` orders through one style on the lab's day; count what became of them.

    Parameters
    ----------
    style : "choreography" or "orchestration" (see :mod:`lessonlib.styles`)
    tracking : bool
        A tracker watches the chain (choreography only).
    orders : int
        From 1 to 10,000 (:data:`~lessonlib.simulate.MAX_ORDERS`); more gets a sentence.
    settings : services' settings (default :data:`LAB_DAY`)
    time_frame : the owner's time frame for shipping in minutes, more than 0 and at most a
        year (:data:`~lessonlib.bus.MAX_MINUTES`); None: wait for ever
    seed : int
    recovery : what the owner does when shipping's time frame runs out
        (:data:`~lessonlib.simulate.RECOVERIES`)

    >>> print(failure_lab("choreography", orders=200).summary())
    event chain: 200 orders: 170 completed, 21 completed late, 7 compensated, 2 stuck.
    Nobody notices the 2 stuck orders: to find them you must search the state of all 4 services (Checkout, Payment, Inventory and Shipping) and compare what each one saw.
      2 stuck after: Inventory: PaymentReceived failed
    """
    style, tracking = check_run(style, tracking)
    sim = run_day(style, tracking=tracking, orders=orders, settings=settings,
                  time_frame=time_frame, seed=seed, recovery=recovery)
    seen_by = next(iter(sim.engines), None)
    services = tuple(s for s in sim.bus.services if s not in sim.engines)
    return LabResult(style, orders, sim.counts(), seen_by, services,
                     tuple(sim.where_stuck().items()), tracking)


def lab_day_text(settings: dict | None = None, orders: int = 1000, seed: int = 1) -> Sentences:
    """The lab's day in a sentence, read from its settings (never typed by hand).

    >>> print(lab_day_text())
    A day of 1000 orders (seed 1). Shipping fails on 5% of its messages and says so (GoodsShipmentFailed), and is slow on 10% (8 min instead of 2). Inventory fails on 2% of its messages and tells nobody.
    """
    settings = LAB_DAY if settings is None else settings
    if not isinstance(settings, dict):
        raise LessonTypeError(f"settings maps a service to its settings, like "
                              f"{{'Shipping': {{'failure_rate': 0.1}}}}; got {shown(settings)}.")
    orders = check_orders(orders)
    parts = []
    announces = {"Shipping": BAD_NEWS["GoodsShipped"]}
    for service, values in settings.items():
        if not isinstance(values, dict):
            raise LessonTypeError(f"The settings for {shown(service)} must be a dict, like "
                                  f"{{'down': True}}; got {shown(values)}.")
        base = {**SHOP.get(service, {}), **ONBOARDING.get(service, {}), **values}
        said = []
        if base.get("failure_rate"):
            how = (f"says so ({announces[service]})" if service in announces
                   else "tells nobody")
            said.append(f"fails on {_percent(base['failure_rate'])} of its messages and {how}")
        if base.get("silent_rate"):
            said.append(f"fails silently on {_percent(base['silent_rate'])} (it says nothing)")
        if base.get("slow_rate"):
            slow = base["duration"] * base.get("slow_by", 10.0)
            said.append(f"is slow on {_percent(base['slow_rate'])} ({minutes(slow)} min instead "
                        f"of {minutes(base['duration'])})")
        if base.get("down"):
            said.append("is down")
        if base.get("idempotent"):
            said.append("does a command with the same idempotency key only once")
        if said:
            joined = (", and ".join(said) if len(said) < 3 else
                      ", ".join(said[:-1]) + ", and " + said[-1])
            parts.append(f"{service} {joined}.")
    return Sentences(f"A day of {orders} orders (seed {shown(seed)}). " + " ".join(parts))


# --------------------------------------------------------------------------- the refund


def refund_impact() -> dict[str, Impact]:
    """What each style must change to add the refund on a failed shipment (by ``impact``).

    Before: Shipping already announces GoodsShipmentFailed. After: in the chain
    Payment subscribes to it (a choreographed saga); with an owner, the owner
    commands RefundPayment (and announces OrderCancelled).

    >>> {style: result.total for style, result in refund_impact().items()}
    {'choreography': 1, 'orchestration': 2}
    """
    return {style: impact(shop(style, refund=False), shop(style)) for style in STYLES}


def _new_dependencies(result: Impact) -> list[str]:
    before = {(c.dependent, c.depends_on) for c in result.before.couplings()}
    return sorted({f"{c.dependent} now depends on {c.depends_on}"
                   for c in result.after.couplings()
                   if (c.dependent, c.depends_on) not in before})


def refund_text() -> Sentences:
    """The refund's impact per style, where its logic ends up, and the new dependencies.

    >>> print(refund_text())  # doctest: +ELLIPSIS
    Adding the refund, with the bad news already announced:
    event chain: 1 service must change: Payment (1 changed). ...
    """
    lines = ["Adding the refund, with the bad news already announced:"]
    for style, result in refund_impact().items():
        lines.append(f"{lab_label(style)}: {result.summary()}")
        lines += [f"  {line[2:]}" for line in result.report().splitlines()[1:]]
        home = [c.service for changes in result.changed.values() for c in changes
                if c.how == "added" and (c.aspect == "command sent"
                                         or (c.aspect == "subscription"
                                             and c.detail in BAD_NEWS.values()))]
        lines.append(f"  The refund rule lives in: {and_list(home)}.")
        deps = _new_dependencies(result)
        lines.append("  New dependency: " + (and_list(deps) + "." if deps else
                                              "none (the same two services were coupled "
                                              "already)."))
    return Sentences("\n".join(lines))


# --------------------------------------------------------------------------- tracking


def tracking_report(sim: Simulation) -> Sentences:
    """What the tracker in ``sim`` saw (its engine's instances), and what it cannot do.

    >>> sim = order_fulfilment_chain(1, settings=LAB_DAY, tracking=True)
    >>> _ = sim.place_orders(200); _ = sim.run()
    >>> print(tracking_report(sim))  # doctest: +NORMALIZE_WHITESPACE
    The tracker followed 200 orders and sent no command. It knows:
      191 completed, 21 of them late (a step took longer than 5 min: 21 at GoodsShipped)
      7 ended with bad news (GoodsShipmentFailed)
      2 stuck, and where: 2 waiting for GoodsFetched
    It cannot fix any of them: to make something happen it would have to send a command.
    """
    engine = sim.engines.get("Tracking") if isinstance(sim, Simulation) else None
    if engine is None:
        raise LessonTypeError(f"tracking_report() reads a tracked chain, like "
                              f"simulate.order_fulfilment_chain(tracking=True); got {shown(sim)}.")
    instances = engine.instances()
    done = [i for i in instances if i.state == COMPLETED]
    late = [i for i in done if i.flags]
    failed = [i for i in instances if i.state == FAILED]
    stuck = [i for i in instances if i.state not in (COMPLETED, FAILED)]
    steps: dict[str, int] = {}
    for inst in late:
        step = inst.flags[0].split(" within")[0].removeprefix("no ")
        steps[step] = steps.get(step, 0) + 1
    waits: dict[str, int] = {}
    for inst in stuck:
        waits[inst.step] = waits.get(inst.step, 0) + 1
    sends = any(w.sends_commands() for w in engine.workflows)
    lines = [f"The tracker followed {plural(len(instances), 'order')} and sent "
             f"{'commands' if sends else 'no command'}. It knows:"]
    where = ", ".join(f"{n} at {s}" for s, n in steps.items())
    lines.append(f"  {len(done)} completed, {len(late)} of them late (a step took longer than "
                 f"{minutes(TRACKING_TIME_FRAME)} min{': ' + where if where else ''})")
    if failed:
        news = sorted({i.reason.removesuffix(" arrived") for i in failed})
        lines.append(f"  {len(failed)} ended with bad news ({and_list(news)})")
    waiting = ", ".join(f"{n} {s.replace('wait for', 'waiting for')}" for s, n in waits.items())
    lines.append(f"  {len(stuck)} stuck" + (f", and where: {waiting}" if stuck else ""))
    lines.append("It cannot fix any of them: to make something happen it would have to send "
                 "a command.")
    return Sentences("\n".join(lines))


# --------------------------------------------------------------------------- local vs central

#: Whose outage the local-vs-central lab shows: the service that runs order fulfilment.
_RUNS_ORDERS = {"local": "Order", "central": "Orchestrator"}
#: How many orders and registrations the outage lab places.
OUTAGE_PLACED = 10


def outage_lab(n: int = OUTAGE_PLACED, *, seed: int = 1) -> dict[str, dict[str, dict[str, int]]]:
    """``n`` orders and ``n`` registrations while the service running order fulfilment is down.

    Local: the Order service (its own engine) is down. Central: the one
    orchestrator running both processes is down. Returns placement -> flow -> counts.

    >>> lab = outage_lab(5)
    >>> lab["local"]["customer"]["completed"], lab["central"]["customer"]["completed"]
    (5, 0)
    """
    n = check_orders(n, "The number of orders and registrations")
    result = {}
    for placement, build in (("local", two_owners), ("central", one_orchestrator)):
        sim = build(seed, settings={_RUNS_ORDERS[placement]: {"down": True}})
        sim.place_orders(n, flow="order")
        sim.place_orders(n, flow="customer")
        sim.run()
        result[placement] = {"order": sim.counts("order"), "customer": sim.counts("customer")}
    return result


def outage_text(lab: dict | None = None) -> str:
    """The outage lab in sentences.

    >>> print(outage_text(outage_lab(5)))  # doctest: +NORMALIZE_WHITESPACE
    Local (each process in its owner's engine), Order down: orders 0 of 5 completed; registrations 5 of 5 completed.
    Central (one Orchestrator runs both), Orchestrator down: orders 0 of 5 completed; registrations 0 of 5 completed.
    """
    lab = outage_lab() if lab is None else lab
    titles = {"local": "Local (each process in its owner's engine)",
              "central": "Central (one Orchestrator runs both)"}
    lines = []
    for placement, flows in lab.items():
        parts = [f"{noun(2, flow_noun)} {counts[COMPLETED]} of {sum(counts.values())} completed"
                 for flow_noun, counts in (("order", flows["order"]),
                                           ("registration", flows["customer"]))]
        lines.append(f"{titles[placement]}, {_RUNS_ORDERS[placement]} down: {'; '.join(parts)}.")
    return "\n".join(lines)


def local_and_central() -> tuple[Architecture, Architecture]:
    """The shop (managed) and the onboarding hybrid, each process in its owner's engine, and
    both in one central orchestrator (derived with
    :func:`~lessonlib.scenarios.together` and :func:`~lessonlib.scenarios.centralised`)."""
    shop_model, onboarding = shop(ORCHESTRATION), customer_onboarding_hybrid()
    return (together(shop_model, onboarding,
                     name="Local: each process in its owner's engine"),
            centralised(shop_model, onboarding, name="Central: one orchestrator runs both"))


def process_changes() -> dict[str, dict[str, Impact]]:
    """Which services a change to either process touches, local vs central (by ``impact``).

    The changes: fetch the goods before the payment (order fulfilment, lesson 03)
    and add a criminal check (onboarding, lesson 04).

    >>> {placement: {change: r.must_change for change, r in changes.items()}
    ...  for placement, changes in process_changes().items()}  # doctest: +NORMALIZE_WHITESPACE
    {'local': {'goods before payment': ('Order',), 'criminal check': ('Criminal check', 'Onboarding')},
     'central': {'goods before payment': ('Orchestrator',), 'criminal check': ('Criminal check', 'Orchestrator')}}
    """
    result = {}
    for placement, model in zip(("local", "central"), local_and_central(), strict=True):
        result[placement] = {
            "goods before payment": impact(model, reorder(model, "Payment", "Inventory",
                                                          process="Order fulfilment")),
            "criminal check": impact(model, insert_step(
                model, "Criminal check", after="Credit check", command="CheckCriminalRecord",
                event="CriminalRecordChecked", process="Customer onboarding")),
        }
    return result


def process_changes_text() -> str:
    """:func:`process_changes` in sentences: which services each change touches.

    >>> print(process_changes_text())  # doctest: +NORMALIZE_WHITESPACE
    Local: goods before payment changes Order; criminal check changes Criminal check and Onboarding. No service changes for both.
    Central: goods before payment changes Orchestrator; criminal check changes Criminal check and Orchestrator. Orchestrator changes for both: every process change is a change to it.
    """
    lines = []
    for placement, changes in process_changes().items():
        parts = [f"{change} changes {and_list(r.must_change)}" for change, r in changes.items()]
        common = set.intersection(*(set(r.must_change) for r in changes.values()))
        tail = (f"{and_list(sorted(common))} changes for both: every process change is a change "
                f"to it." if common else "No service changes for both.")
        lines.append(f"{placement.capitalize()}: {'; '.join(parts)}. {tail}")
    return "\n".join(lines)


# --------------------------------------------------------------------------- per order


def outcome_rows(sim, outcome: str | None = None, *,
                 only: str | None = None) -> list[tuple[str, str, str, str]]:
    """(order, outcome, what happened, who can tell) for every order of a simulation.

    ``outcome`` keeps the orders of one of :data:`~lessonlib.simulate.OUTCOMES` (in any
    case); ``only=`` is its old name, read until 0.3.

    >>> sim = order_fulfilment_chain(settings={"Shipping": {"down": True}})
    >>> _ = sim.place_orders(1); _ = sim.run()
    >>> outcome_rows(sim)[0]
    ('order-1', 'stuck', 'last: Shipping: GoodsFetched service down', 'nobody: search Checkout, Payment, Inventory, Shipping')
    """
    if not isinstance(sim, Simulation):
        raise LessonTypeError(f"Expected a simulation (e.g. simulate.order_fulfilment_chain()); "
                              f"got {shown(sim)}.")
    outcome = only if outcome is None else outcome
    if outcome is not None:
        wanted = choose(outcome.strip().lower() if isinstance(outcome, str) else outcome,
                        OUTCOMES, "outcome")
        return [r for r in outcome_rows(sim) if r[1] == wanted]
    outcomes = sim.outcomes()
    detail: dict[str, tuple[str, str]] = {}
    for owner, engine in sim.engines.items():
        for o in engine.outcomes():
            detail[o.correlation] = (o.detail, f"{owner} (its engine)")
    last: dict[str, tuple[str, str]] = {}
    for r in sim.trace:
        if r.receiver is not None and r.receiver not in sim.engines:
            last[r.correlation] = (f"{r.receiver}: {r.message} {r.fate}", r.receiver)
    everyone = ", ".join(s for s in sim.bus.services if s not in sim.engines)
    rows = []
    for c, state in outcomes.items():
        if c in detail:
            rows.append((c, state, *detail[c]))
            continue
        what, who = last.get(c, ("nothing", ""))
        tell = f"nobody: search {everyone}" if state == STUCK else f"{who} only"
        rows.append((c, state, f"last: {what}", tell))
    return rows


def outcome_table(sim, *, limit: int = 8, outcome: str | None = None,
                  only: str | None = None) -> str:
    """A plain-text table of the first ``limit`` orders (of one ``outcome`` if given;
    ``only=`` is its old name, read until 0.3).

    >>> sim = order_fulfilment_chain(settings={"Shipping": {"down": True}})
    >>> _ = sim.place_orders(2); _ = sim.run()
    >>> print(outcome_table(sim, outcome="Stuck", limit=1))
    order    outcome  what happened                              who can tell
    order-1  stuck    last: Shipping: GoodsFetched service down  nobody: search Checkout, Payment, Inventory, Shipping
    ... and 1 more
    """
    if isinstance(limit, bool) or not isinstance(limit, int) or limit < 0:
        raise LessonTypeError(f"limit= is how many rows to show, a whole number like 8; got "
                              f"{shown(limit)}.")
    rows = outcome_rows(sim, outcome, only=only)
    head = ("order", "outcome", "what happened", "who can tell")
    first = rows[:limit]
    widths = [max(len(str(x)) for x in col) for col in zip(head, *first, strict=False)]
    lines = ["  ".join(str(v).ljust(w) for v, w in zip(row, widths, strict=True)).rstrip()
             for row in (head, *first)]
    if len(rows) > limit:
        lines.append(f"... and {len(rows) - limit} more")
    return "\n".join(lines)

