"""The course's systems running on the message bus, built from the scenarios' models.

Introduced in ``05_track_then_manage.ipynb``. Each function builds a
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
* :func:`order_saga`: lesson 06's sagas, choreographed or orchestrated, with the
  same signals and the same silences, and the owner's recovery when shipping's
  time frame runs out (see :mod:`~lessonlib.simulate.sagas`);
* :func:`costume_trace`: lesson 07's catalogue on the bus, for runtime evidence.

Times are simulated minutes. Service times are illustrative (see :data:`SHOP`
and :data:`ONBOARDING`); the time frames of shipping and onboarding are the
ones from the sources (see DOMAIN.md); the tracker's time frame per step is the
course's choice.

What became of an order is read from what happened, the same way for every
style (:meth:`Simulation.outcomes`): *completed* (shipped), *completed late*
(shipped, but later than the shop's SLA, :data:`ORDER_SLA`), *compensated*
(undone, e.g. refunded, and not shipped), *inconsistent* (shipped *and*
refunded, late work after a cancellation, or shipped twice), *stuck but seen*
(neither, and an engine, owner or tracker, lists it as open, or a saga is stuck
while undoing it) or *stuck* (neither, and nobody knows).

>>> sim = order_fulfilment_engine(seed=1)
>>> sim.place_orders(3)
('order-1', 'order-2', 'order-3')
>>> _ = sim.run()
>>> sim.counts()
{'completed': 3, 'completed late': 0, 'compensated': 0, 'inconsistent': 0, 'stuck': 0, 'stuck but seen': 0}

One module per idea: :mod:`~lessonlib.simulate.simulation` (a simulated day and
what became of each order), :mod:`~lessonlib.simulate.from_model` (a model on the
bus), :mod:`~lessonlib.simulate.systems` (the course's systems),
:mod:`~lessonlib.simulate.sagas` (lesson 06's sagas) and
:mod:`~lessonlib.simulate.costumes` (lesson 07's catalogue on the bus).
"""

from __future__ import annotations

from lessonlib.simulate.costumes import costume_trace
from lessonlib.simulate.from_model import on_the_bus, workflow_of
from lessonlib.simulate.sagas import (
    RECOVERIES,
    RETRIES,
    STEP_TIME_FRAME,
    order_saga,
    saga_workflow,
)
from lessonlib.simulate.simulation import (
    COMPENSATED,
    COMPLETED,
    COMPLETED_LATE,
    INCONSISTENT,
    MAX_ORDERS,
    ORDER_SLA,
    ORDERS,
    OUTCOMES,
    REGISTRATIONS,
    SEEN,
    STUCK,
    Flow,
    Simulation,
)
from lessonlib.simulate.systems import (
    ONBOARDING,
    ONBOARDING_TIME_FRAME,
    SHIPPING_TIME_FRAME,
    SHOP,
    TRACKING_TIME_FRAME,
    customer_onboarding_engine,
    customer_onboarding_workflow,
    one_orchestrator,
    order_fulfilment_chain,
    order_fulfilment_engine,
    order_fulfilment_workflow,
    shop,
    tracking_workflow,
    two_owners,
)

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
    "order_saga",
    "saga_workflow",
    "RECOVERIES",
    "RETRIES",
    "STEP_TIME_FRAME",
    "ORDER_SLA",
    "COMPLETED_LATE",
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
