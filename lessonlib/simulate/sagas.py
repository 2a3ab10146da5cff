"""Lesson 06's sagas on the bus: the shop's order process undone when a step fails.

Introduced in ``06_sagas_that_earn_their_timers.ipynb``. Both sagas are built from
the one shop (:func:`~lessonlib.simulate.systems.shop`), and both get the same
signals and the same silences:

* the same **signals**: Shipping announces a failure it knows of
  (GoodsShipmentFailed). In the event chain Payment hears it and refunds on its
  own (a choreographed saga); with an owner, the owner hears it and commands
  RefundPayment (an orchestrated saga);
* the same **silences**: any service can fail without a word (``silent_rate``
  in its settings), Shipping included. Nobody hears silence; only a service
  that *waits with a time frame* notices it. In the chain nobody waits (a
  tracker may watch, lesson 05, but cannot act); the owner waits for every
  step, so its time frame is what catches a silent failure, and also what can
  cancel an order that was only slow.

The owner's **recovery** when shipping's time frame runs out (:data:`RECOVERIES`):

* ``"compensate"``: undo at once: refund the payment and announce OrderCancelled.
  If the goods were only slow, they ship anyway: shipped and refunded;
* ``"cancel first"``: first command CancelShipment and wait for the answer.
  Cancelled: nothing will ship, so refund. Refused because the goods left:
  ShipGoods is the saga's *pivot*, after which it goes on rather than back, so
  the owner waits for GoodsShipped and completes the order (late);
* ``"retry"``: ShipGoods is the pivot, so the owner does not compensate on
  silence: it sends ShipGoods again (up to :data:`RETRIES` times, each with the
  same idempotency key) and then keeps waiting, listing the order as late. An
  announced failure still compensates. Delivery is then *at least once*:
  without an idempotency key Shipping ships a copy too.

The pivot step and the idempotency key are standard saga practice (Chris
Richardson's saga pattern on microservices.io names compensatable, pivot and
retriable transactions); the recoveries as three named choices, and the time
frames of the steps before shipping, are the course's framing.

>>> sim = order_saga(seed=1, settings={"Shipping": {"silent_rate": 1.0}})
>>> _ = sim.place_orders(1); _ = sim.run()
>>> sim.counts()["compensated"]
1
"""

from __future__ import annotations

from collections.abc import Mapping

from lessonlib.engine import Engine, Workflow
from lessonlib.errors import LessonError, LessonTypeError, choose, shown
from lessonlib.scenarios import with_cancel
from lessonlib.simulate.from_model import on_the_bus, workflow_of
from lessonlib.simulate.simulation import Simulation
from lessonlib.simulate.systems import (
    SHIPPING_TIME_FRAME,
    order_fulfilment_chain,
    settings_of,
    shop,
)
from lessonlib.styles import CHOREOGRAPHY, ORCHESTRATION, as_style
from lessonlib.workflow import FLAG

__all__ = ["order_saga", "saga_workflow", "RECOVERIES", "RETRIES", "STEP_TIME_FRAME",
           "COMPENSATE", "CANCEL_FIRST", "RETRY"]

COMPENSATE, CANCEL_FIRST, RETRY = "compensate", "cancel first", "retry"
#: What the owner does when shipping's time frame runs out (see the module's text).
RECOVERIES = (COMPENSATE, CANCEL_FIRST, RETRY)
#: How many times the ``"retry"`` recovery sends ShipGoods again.
RETRIES = 2
#: The owner's time frame for the steps before shipping (payment, goods), in minutes: the
#: course's choice (the sources give one for shipping only); both take 2-3 minutes.
STEP_TIME_FRAME = 5.0


def check_recovery(value: object) -> str:
    """``value`` as one of :data:`RECOVERIES`, or a sentence with the nearest."""
    if not isinstance(value, str):
        raise LessonTypeError(f"recovery= is one of {', '.join(map(repr, RECOVERIES))}; got "
                              f"{shown(value)}.")
    return choose(" ".join(value.split()).lower(), RECOVERIES, "recovery")


def _model(recovery: str):
    arch = shop(ORCHESTRATION)
    return with_cancel(arch) if recovery == CANCEL_FIRST else arch


def saga_workflow(time_frame: float = SHIPPING_TIME_FRAME, *, recovery: str = COMPENSATE,
                  every_step: bool = True) -> Workflow:
    """The owner's saga: every step awaited within a time frame, shipping's recovered as told.

    ``time_frame`` is shipping's (minutes); with ``every_step`` the payment and
    the goods are awaited within :data:`STEP_TIME_FRAME` too. ``recovery`` is one
    of :data:`RECOVERIES`.

    >>> print(saga_workflow(recovery="retry").describe())
    Order fulfilment: starts on OrderPlaced
      1. send the command RetrievePayment (compensate with RefundPayment)
      2. wait for PaymentReceived within 5 min
      3. send the command FetchGoods
      4. wait for GoodsFetched within 5 min
      5. send the command ShipGoods
      6. wait for GoodsShipped within 5 min, else send it again (up to 2 times) (then flag it as late and keep waiting); GoodsShipmentFailed fails it
      7. publish the event OrderCompleted
      if a step fails or a time frame runs out: compensate, then publish the event OrderCancelled
    """
    recovery = check_recovery(recovery)
    if not isinstance(every_step, bool):
        raise LessonTypeError(f"every_step= is True or False; got {shown(every_step)}.")
    arch = _model(recovery)
    frames = {"GoodsShipped": time_frame}
    if every_step:
        frames |= {"PaymentReceived": STEP_TIME_FRAME, "GoodsFetched": STEP_TIME_FRAME}
    pivot = {"GoodsShipped": RETRIES} if recovery == RETRY else None
    ends = {"GoodsShipped": FLAG} if recovery == RETRY else "fail"
    return workflow_of(arch, "Order fulfilment", within=frames, on_failure="OrderCancelled",
                       retries=pivot, on_timeout=ends)


def order_saga(style: str = ORCHESTRATION, seed: int = 0, *, settings: Mapping | None = None,
               time_frame: float | None = SHIPPING_TIME_FRAME, recovery: str = COMPENSATE,
               every_step: bool = True, tracking: bool = False) -> Simulation:
    """The shop's saga in ``style``, on a fresh bus.

    "choreography": the event chain, where Payment refunds on GoodsShipmentFailed
    (``tracking=True`` adds lesson 05's tracker, which watches and cannot act).
    "orchestration": the Order service's engine runs :func:`saga_workflow`;
    ``time_frame=None`` waits for shipping without one. ``settings`` changes
    services, e.g. ``{"Shipping": {"silent_rate": 0.1, "idempotent": True}}``.

    >>> sim = order_saga("choreography", settings={"Shipping": {"silent_rate": 1.0}})
    >>> _ = sim.place_orders(2); _ = sim.run()
    >>> sim.counts()["stuck"]
    2
    """
    style = as_style(style)
    if tracking and style != CHOREOGRAPHY:
        raise LessonError("tracking= adds a tracker to the event chain; the owner already sees "
                          "every order (style='choreography' to track).")
    if style == CHOREOGRAPHY:
        return order_fulfilment_chain(seed, settings=settings, tracking=tracking)
    recovery = check_recovery(recovery)
    arch = _model(recovery)
    bus = on_the_bus(arch, seed=seed, settings=settings_of(arch, settings), engines=["Order"])
    engine = Engine(bus, "Order")
    if time_frame is None:
        workflow = workflow_of(arch, "Order fulfilment", on_failure="OrderCancelled")
    else:
        workflow = saga_workflow(time_frame, recovery=recovery, every_step=every_step)
    engine.deploy(workflow)
    return Simulation(f"Order fulfilment as an orchestrated saga ({recovery})", bus,
                      {"Order": engine})
