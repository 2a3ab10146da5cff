"""The labs of lesson 06: sagas with the same signals and the same silences, and their timers.

Introduced in ``06_sagas_that_earn_their_timers.ipynb``. Every number comes from
running :func:`lessonlib.simulate.order_saga`; every sentence is *chosen* by those
numbers (none, some, more, fewer), never a fixed claim with numbers filled in, so
it stays true at every setting (``tests/domain/test_saga_prose.py`` runs random
settings and checks each sentence against the counts).

* :func:`fair_lab`: the same day of orders through the event chain (a
  choreographed saga), the chain watched by a tracker, and the owner (an
  orchestrated saga that waits for every step within a time frame);
* :func:`recovery_lab`: what the owner does when shipping's time frame runs out
  (compensate at once, cancel the shipment first, or retry ShipGoods past the
  pivot, with or without an idempotency key), on the same day;
* :func:`timeout_outcomes`, :func:`timeout_sweep` and :func:`timeout_text`: the
  owner's time frame against the outcomes (the slider lab and its chart), with the
  event chain's outcomes on the same day beside them.
"""

from __future__ import annotations

from dataclasses import dataclass

from lessonlib.bus import MAX_MINUTES
from lessonlib.errors import LessonError, check_number, choose
from lessonlib.labs import LAB_DAY, RUNS, LabResult, check_run, failure_lab, lab_day_text
from lessonlib.prose import plural
from lessonlib.simulate import (
    COMPENSATED,
    COMPLETED,
    COMPLETED_LATE,
    INCONSISTENT,
    ONBOARDING_TIME_FRAME,
    ORDER_SLA,
    OUTCOMES,
    SEEN,
    SHIPPING_TIME_FRAME,
    STUCK,
    Simulation,
    customer_onboarding_engine,
    order_saga,
)
from lessonlib.simulate.sagas import COMPENSATE, RETRY, check_recovery
from lessonlib.simulate.simulation import check_orders
from lessonlib.trace import minutes

__all__ = ["FairLab", "fair_lab", "saga_findings", "RecoveryLab", "recovery_lab",
           "recovery_findings", "timeout_outcomes", "timeout_sweep", "timeout_text",
           "timeout_verdict", "SILENT_DAY", "TIMEOUT_LAB", "PROCESSES", "RECOVERY_ROWS",
           "outcome_table_text"]

#: The lab's day with Shipping also failing silently on 10% of its messages (crashed, or
#: the message lost): what only a service that waits with a time frame notices.
SILENT_DAY = {**LAB_DAY, "Shipping": {**LAB_DAY["Shipping"], "silent_rate": 0.1}}
#: The processes the time-frame lab can run.
PROCESSES = ("order fulfilment", "customer onboarding")
#: The time-frame lab's defaults (the sliders start here), per process.
TIMEOUT_LAB = {
    "order fulfilment": {"service": "Shipping", "time_frame": SHIPPING_TIME_FRAME,
                         "failure_rate": 0.05, "slow_rate": 0.1, "silent_rate": 0.0,
                         "unit": "min", "orders": 200},
    "customer onboarding": {"service": "Credit check", "time_frame": ONBOARDING_TIME_FRAME / 60,
                            "failure_rate": 0.05, "slow_rate": 0.1, "silent_rate": 0.0,
                            "unit": "h", "orders": 200},
}


def _stuck(counts: dict) -> int:
    return counts[STUCK] + counts[SEEN]


def outcome_table_text(rows: list[tuple[str, dict]], head: str = "style") -> str:
    """Rows of (label, counts) as a plain-text table, one column per outcome."""
    header = (head, *OUTCOMES)
    lines = [(label, *(str(counts[o]) for o in OUTCOMES)) for label, counts in rows]
    widths = [max(len(row[i]) for row in (header, *lines)) for i in range(len(header))]
    return "\n".join("  ".join(v.ljust(w) if i == 0 else v.rjust(w)
                               for i, (v, w) in enumerate(zip(row, widths, strict=True)))
                     for row in (header, *lines))


def _compare(more: int, less: int) -> str:
    """``"N more"``, ``"N fewer"`` or ``"as many"``: ``more`` against ``less``."""
    if more == less:
        return "as many"
    return f"{abs(more - less)} {'more' if more > less else 'fewer'}"


# --------------------------------------------------------------------------- the fair lab


def _silence(chain: dict, tracked: dict, owner: dict) -> list[str]:
    cs, os = _stuck(chain), _stuck(owner)
    if cs == 0 and os == 0:
        return ["Silence: no order was left stuck, in either style."]
    lines = []
    if cs == 0:
        lines.append("Silence: the event chain left no order stuck.")
    else:
        lines.append(f"Silence: the event chain left {plural(cs, 'order')} stuck, and nobody "
                     f"knows which ({chain[STUCK]} stuck); a tracker lists them but cannot act "
                     f"({tracked[SEEN]} stuck but seen).")
    if os == 0:
        lines.append("The owner left no order stuck.")
    else:
        unseen = (f", and {owner[STUCK]} it never heard of" if owner[STUCK] else "")
        lines.append(f"The owner left {plural(os, 'order')} stuck: it lists "
                     f"{owner[SEEN]} (stuck but seen){unseen}.")
    if os < cs:
        lines.append(f"Its time frames win here: {_compare(os, cs)} orders stuck than in the "
                     f"chain.")
    elif os > cs:
        lines.append(f"Here the owner has {_compare(os, cs)} orders stuck than the chain.")
    return lines


def _slowness(chain: dict, owner: dict) -> list[str]:
    lines = [f"Completed late (the SLA missed): {chain[COMPLETED_LATE]} in the chain, "
             f"{owner[COMPLETED_LATE]} with the owner."]
    ci, oi = chain[INCONSISTENT], owner[INCONSISTENT]
    if ci == oi == 0:
        lines.append("No order ended inconsistent, in either style.")
        return lines
    lines.append(f"Inconsistent (shipped and refunded, or shipped twice): {ci} in the chain, "
                 f"{oi} with the owner.")
    if oi > ci:
        lines.append(f"Its time frame loses here: {_compare(oi, ci)} orders inconsistent than "
                     f"in the chain.")
    elif oi < ci:
        lines.append(f"Here the owner has {_compare(oi, ci)} orders inconsistent than the "
                     f"chain.")
    return lines


def timeout_verdict(chain: dict, owner: dict) -> str:
    """What the owner's timer did on this day, against the chain, chosen by the counts."""
    wins = _stuck(owner) < _stuck(chain)
    loses = owner[INCONSISTENT] > chain[INCONSISTENT]
    if wins and loses:
        return ("So the timer wins against silence and loses where work was only slow: "
                "choose its length, and what it does when it runs out, by these numbers.")
    if wins:
        return "So here the timer only wins: it caught silence and cost nothing."
    if loses and _stuck(chain) == 0:
        return ("So here the timer only costs: no order was lost in silence for it to "
                "catch.")
    if loses:
        return "So here the timer only costs."
    return "So here the timer neither wins nor loses."


def saga_findings(chain: dict, tracked: dict, owner: dict) -> list[str]:
    """The fair lab's findings, each sentence chosen by the three runs' counts.

    >>> zero = dict.fromkeys(OUTCOMES, 0)
    >>> for line in saga_findings({**zero, "completed": 9, "stuck": 1},
    ...                           {**zero, "completed": 9, "stuck but seen": 1},
    ...                           {**zero, "completed": 9, "compensated": 1}):
    ...     print(line)
    Compensated: 0 in the chain, 1 with the owner.
    Silence: the event chain left 1 order stuck, and nobody knows which (1 stuck); a tracker lists them but cannot act (1 stuck but seen).
    The owner left no order stuck.
    Its time frames win here: 1 fewer orders stuck than in the chain.
    Completed late (the SLA missed): 0 in the chain, 0 with the owner.
    No order ended inconsistent, in either style.
    So here the timer only wins: it caught silence and cost nothing.
    """
    lines = [f"Compensated: {chain[COMPENSATED]} in the chain, {owner[COMPENSATED]} with the "
             f"owner."]
    return [*lines, *_silence(chain, tracked, owner), *_slowness(chain, owner),
            timeout_verdict(chain, owner)]


@dataclass(frozen=True)
class FairLab:
    """The same day through every run of :data:`~lessonlib.labs.RUNS` (see :func:`fair_lab`)."""

    orders: int
    seed: int
    settings: dict
    results: tuple[LabResult, ...]
    time_frame: float | None = SHIPPING_TIME_FRAME
    recovery: str = COMPENSATE

    def result(self, style: str, *, tracking: bool = False) -> LabResult:
        """The run of ``style`` (with a tracker or not).

        >>> fair_lab(20).result("choreography", tracking=True).label
        'event chain + tracking'
        """
        wanted = check_run(style, tracking)
        return next(r for r in self.results if (r.style, r.tracking) == wanted)

    def table(self) -> str:
        """One row per run, one column per outcome."""
        return outcome_table_text([(r.label, r.counts) for r in self.results])

    def findings(self) -> list[str]:
        """What the table shows, sentence by sentence (:func:`saga_findings`)."""
        return saga_findings(*(r.counts for r in self.results))

    def summary(self) -> str:
        """The day, the table, and what it shows, in sentences built from the counts."""
        frame = ("waits for shipping without a time frame" if self.time_frame is None else
                 f"waits {minutes(self.time_frame)} min for shipping, then recovers: "
                 f"{self.recovery}")
        return "\n".join([lab_day_text(self.settings, self.orders, self.seed),
                          f"SLA: an order ships within {minutes(ORDER_SLA)} min of being "
                          f"placed. The owner {frame}.", "", self.table(), "",
                          *self.findings()])

    def __str__(self) -> str:
        return self.summary()


def fair_lab(orders: int = 1000, *, settings: dict | None = None, seed: int = 1,
             time_frame: float | None = SHIPPING_TIME_FRAME,
             recovery: str = COMPENSATE) -> FairLab:
    """The same day of ``orders`` orders, same seed and failures, through every style.

    ``settings`` defaults to :data:`~lessonlib.labs.LAB_DAY`; :data:`SILENT_DAY`
    adds silent failures at Shipping. ``time_frame`` and ``recovery`` are the
    owner's (see :func:`lessonlib.simulate.order_saga`).

    >>> print(fair_lab(200).table())
    style                   completed  completed late  compensated  inconsistent  stuck  stuck but seen
    event chain                   170              21            7             0      2               0
    event chain + tracking        170              21            7             0      0               2
    owner's engine (Order)        170               0            9            21      0               0
    """
    settings = LAB_DAY if settings is None else settings
    recovery = check_recovery(recovery)
    results = tuple(failure_lab(s, tracking=t, orders=orders, settings=settings, seed=seed,
                                time_frame=time_frame, recovery=recovery) for s, t in RUNS)
    return FairLab(orders, seed, settings, results, time_frame, recovery)


# --------------------------------------------------------------------------- recoveries

#: The recovery lab's rows: (label, recovery, whether Shipping honours idempotency keys).
RECOVERY_ROWS = (
    ("compensate at once", COMPENSATE, False),
    ("cancel first", "cancel first", False),
    ("retry, no key", RETRY, False),
    ("retry + idempotency key", RETRY, True),
)


def recovery_findings(rows: list[tuple[str, dict]]) -> list[str]:
    """One sentence per recovery after the first, chosen by its counts against the first's.

    >>> zero = dict.fromkeys(OUTCOMES, 0)
    >>> print(recovery_findings([("compensate at once", {**zero, "inconsistent": 3}),
    ...                          ("cancel first", {**zero, "compensated": 3})])[0])
    cancel first: 0 inconsistent, 3 fewer than compensate at once; 0 completed late, 0 stuck but seen, 3 compensated.
    """
    (base, first), *others = rows
    lines = []
    for label, counts in others:
        versus = _compare(counts[INCONSISTENT], first[INCONSISTENT])
        versus += " as" if versus == "as many" else " than"
        lines.append(f"{label}: {counts[INCONSISTENT]} inconsistent, {versus} {base}; "
                     f"{counts[COMPLETED_LATE]} completed late, {counts[SEEN]} stuck but seen, "
                     f"{counts[COMPENSATED]} compensated.")
    return lines


@dataclass(frozen=True)
class RecoveryLab:
    """The owner's recoveries on the same day (see :func:`recovery_lab`)."""

    orders: int
    seed: int
    settings: dict
    time_frame: float
    rows: tuple[tuple[str, dict], ...]

    def table(self) -> str:
        return outcome_table_text(list(self.rows), head="when shipping's time frame runs out")

    def findings(self) -> list[str]:
        return recovery_findings(list(self.rows))

    def summary(self) -> str:
        return "\n".join([lab_day_text(self.settings, self.orders, self.seed),
                          f"The owner waits {minutes(self.time_frame)} min for shipping.", "",
                          self.table(), "", *self.findings()])

    def __str__(self) -> str:
        return self.summary()


def recovery_lab(orders: int = 1000, *, settings: dict | None = None, seed: int = 1,
                 time_frame: float = SHIPPING_TIME_FRAME) -> RecoveryLab:
    """The same day through the owner's saga with each recovery of :data:`RECOVERY_ROWS`.

    >>> lab = recovery_lab(200)
    >>> [counts["inconsistent"] for _, counts in lab.rows]
    [21, 0, 21, 0]
    """
    settings = LAB_DAY if settings is None else settings
    lab_day_text(settings, orders, seed)  # says what is wrong with the settings, if anything
    orders = check_orders(orders)
    frame = _time_frame(time_frame, "min")
    rows = []
    for label, recovery, keyed in RECOVERY_ROWS:
        changed = {**settings, "Shipping": {**settings.get("Shipping", {}), "idempotent": keyed}}
        sim = order_saga("orchestration", seed, settings=changed, time_frame=frame,
                         recovery=recovery)
        sim.place_orders(orders)
        sim.run()
        rows.append((label, sim.counts()))
    return RecoveryLab(orders, seed, settings, frame, tuple(rows))


# --------------------------------------------------------------------------- time frames


def _time_frame(value: object, unit: str) -> float:
    hours = unit == "h"
    frame = check_number(value, f"The time frame (in {'hours' if hours else 'minutes'})", 0.0,
                         MAX_MINUTES / 60 if hours else MAX_MINUTES)
    if frame == 0:
        raise LessonError("The time frame must be longer than 0; got 0.")
    return frame


def _rates(lab: dict, failure_rate, slow_rate, silent_rate) -> dict:
    return {"failure_rate": lab["failure_rate"] if failure_rate is None else failure_rate,
            "slow_rate": lab["slow_rate"] if slow_rate is None else slow_rate,
            "silent_rate": lab["silent_rate"] if silent_rate is None else silent_rate}


def _timeout_sim(process: str, frame: float | None, rates: dict, seed: int,
                 style: str = "orchestration") -> Simulation:
    if process == "order fulfilment":
        return order_saga(style, seed, settings={"Shipping": rates}, time_frame=frame)
    return customer_onboarding_engine(seed, settings={"Credit check": rates},
                                      time_frame=frame * 60)


def timeout_outcomes(process: str = "order fulfilment", *, time_frame: float | None = None,
                     failure_rate: float | None = None, slow_rate: float | None = None,
                     silent_rate: float | None = None, orders: int | None = None,
                     seed: int = 0, style: str = "orchestration") -> dict[str, int]:
    """Counts of each outcome for one choice of the sliders (defaults: :data:`TIMEOUT_LAB`).

    ``process`` "order fulfilment": time frame for shipping in minutes; rates
    apply to Shipping (``failure_rate``: it fails and says so, GoodsShipmentFailed;
    ``silent_rate``: it fails and says nothing). ``style="choreography"`` runs the
    event chain on the same day (it has no time frame). "customer onboarding":
    time frame in hours for both checks; rates apply to the credit check. Bounds:
    a time frame is more than 0 and at most a year; rates are from 0 to 1;
    ``orders`` from 1 to 10,000.

    >>> timeout_outcomes(slow_rate=0.0, failure_rate=0.0)
    {'completed': 200, 'completed late': 0, 'compensated': 0, 'inconsistent': 0, 'stuck': 0, 'stuck but seen': 0}
    >>> timeout_outcomes(time_frame=10, slow_rate=1.0, failure_rate=0.0)["completed late"]
    200
    """
    process = choose(process, PROCESSES, "process")
    lab = TIMEOUT_LAB[process]
    frame = _time_frame(lab["time_frame"] if time_frame is None else time_frame, lab["unit"])
    orders = check_orders(lab["orders"] if orders is None else orders)
    if process != "order fulfilment" and style != "orchestration":
        raise LessonError("style= compares the event chain for order fulfilment only; "
                          "onboarding's lab runs its owner.")
    sim = _timeout_sim(process, frame, _rates(lab, failure_rate, slow_rate, silent_rate), seed,
                       style)
    sim.place_orders(orders)
    sim.run()
    return sim.counts()


def timeout_sweep(process: str = "order fulfilment", *, frames=None,
                  failure_rate: float | None = None, slow_rate: float | None = None,
                  silent_rate: float | None = None, orders: int | None = None,
                  seed: int = 0) -> list[tuple[float, dict]]:
    """:func:`timeout_outcomes` for each time frame in ``frames``: the chart beside the slider.

    ``frames`` defaults to the slider's stops in whole units (1, 2, ... 15 minutes
    for shipping; 1 ... 8 hours for onboarding).

    >>> [(f, c["inconsistent"]) for f, c in timeout_sweep(frames=[5, 10])]
    [(5, 14), (10, 0)]
    """
    process = choose(process, PROCESSES, "process")
    if frames is None:
        frames = range(1, 16) if process == "order fulfilment" else range(1, 9)
    return [(f, timeout_outcomes(process, time_frame=f, failure_rate=failure_rate,
                                 slow_rate=slow_rate, silent_rate=silent_rate, orders=orders,
                                 seed=seed))
            for f in frames]


def _percent(rate: float) -> str:
    return f"{rate:.0%}"


def _counted(counts: dict, undo: str) -> str:
    parts = [f"{counts[COMPLETED]} completed", f"{counts[COMPLETED_LATE]} completed late",
             f"{counts[COMPENSATED]} compensated ({undo})",
             f"{counts[INCONSISTENT]} inconsistent", f"{_stuck(counts)} stuck"]
    return "; ".join(parts)


def timeout_text(process: str, frame: float, failure: float, slow: float, counts: dict, *,
                 silent: float = 0.0, chain: dict | None = None) -> str:
    """The slider lab's result in sentences: the settings it ran with, the counts, and, for
    order fulfilment given the ``chain``'s counts on the same day, what the timer did."""
    process = choose(process, PROCESSES, "process")
    lab = TIMEOUT_LAB[process]
    undo = ("cancelled, payment refunded" if process == "order fulfilment" else
            "registration cancelled")
    total = sum(counts.values())
    lines = [f"{process.capitalize()}, time frame {minutes(frame)} {lab['unit']}; "
             f"{lab['service']} fails on {_percent(failure)} of its messages and says so, "
             f"fails silently on {_percent(silent)} and is slow on {_percent(slow)}.",
             f"The owner, of {total}: {_counted(counts, undo)}."]
    if chain is not None:
        lines.append(f"The event chain, same day: {chain[COMPLETED]} completed; "
                     f"{chain[COMPLETED_LATE]} completed late; {chain[COMPENSATED]} "
                     f"compensated (Payment refunds on the bad news); {_stuck(chain)} stuck.")
        lines.append(timeout_verdict(chain, counts))
    return "\n".join(lines)
