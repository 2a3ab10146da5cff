"""Lesson 06's sagas on the bus: silences, the SLA, the outcome rule, the owner's recoveries
(compensate, cancel first, retry past the pivot) and idempotency keys under at-least-once
delivery."""

from __future__ import annotations

import pytest

from lessonlib.bus import Bus
from lessonlib.errors import LessonError, LessonTypeError
from lessonlib.scenarios import order_fulfilment_orchestration, with_cancel
from lessonlib.simulate import (
    COMPENSATED,
    COMPLETED,
    COMPLETED_LATE,
    INCONSISTENT,
    ORDER_SLA,
    SEEN,
    STUCK,
    order_saga,
    saga_workflow,
)


def _one(style="orchestration", settings=None, orders=1, **kw):
    sim = order_saga(style, 1, settings=settings, **kw)
    sim.place_orders(orders)
    trace = sim.run()
    return sim, trace


# --------------------------------------------------------------------------- the bus


def test_a_silent_failure_says_nothing_even_where_the_service_could():
    for style in ("choreography", "orchestration"):
        sim, trace = _one(style, {"Shipping": {"silent_rate": 1.0}})
        assert not trace.select(message="GoodsShipmentFailed")
        shipping = [r for r in trace if r.receiver == "Shipping"]
        assert shipping[0].fate == "failed" and "told nobody" in shipping[0].note
    announced, trace = _one("choreography", {"Shipping": {"failure_rate": 1.0}})
    assert trace.select(message="GoodsShipmentFailed")


def test_every_order_meets_the_same_luck_in_every_style_and_recovery():
    settings = {"Shipping": {"failure_rate": 0.2, "slow_rate": 0.3, "silent_rate": 0.1},
                "Inventory": {"silent_rate": 0.1}}
    completed = set()
    for style, recovery in (("choreography", "compensate"), ("orchestration", "compensate"),
                            ("orchestration", "cancel first"), ("orchestration", "retry")):
        sim, _ = _one(style, settings, orders=80, recovery=recovery)
        completed.add(frozenset(c for c, o in sim.outcomes().items() if o == COMPLETED))
    assert len(completed) == 1 and len(next(iter(completed))) > 20


def test_an_idempotent_service_does_a_keyed_command_once():
    bus = Bus(seed=1, services=["Order", "Shipping"])
    shipped = []
    bus.handle("ShipGoods", "Shipping", lambda d: shipped.append(d.correlation))
    bus.configure("Shipping", idempotent=True)
    for _ in range(2):
        bus.send("ShipGoods", sender="Order", correlation="o1", payload={"key": "o1/ShipGoods"})
    trace = bus.run()
    assert shipped == ["o1"]
    assert [r.fate for r in trace] == ["acknowledged", "acknowledged"]
    assert "done once already" in trace[1].note
    with pytest.raises(LessonTypeError, match="True or False"):
        bus.configure("Shipping", idempotent="yes")


# --------------------------------------------------------------------------- outcomes


def test_a_slow_shipment_misses_the_sla_in_every_style():
    chain, trace = _one("choreography", {"Shipping": {"slow_rate": 1.0}})
    shipped = trace.select(message="GoodsShipped")[0]
    assert shipped.sent > ORDER_SLA and chain.outcomes() == {"order-1": COMPLETED_LATE}
    patient, _ = _one(settings={"Shipping": {"slow_rate": 1.0}}, time_frame=15)
    assert patient.outcomes() == {"order-1": COMPLETED_LATE}
    normal, _ = _one()
    assert normal.outcomes() == {"order-1": COMPLETED}


def test_a_saga_stuck_while_refunding_is_stuck_but_seen_never_completed():
    sim = order_saga("orchestration", 1, settings={"Shipping": {"slow_rate": 1.0}})
    sim.place_orders(1)
    sim.bus.run(until=5)  # the payment is taken; now Payment loses what it hears
    sim.bus.configure("Payment", silent_rate=1.0)
    trace = sim.run()
    assert trace.select(message="GoodsShipped")  # the goods left anyway
    (inst,) = sim.engines["Order"].instances()
    assert inst.state == "compensating" and inst.step == "compensate: send the command RefundPayment"
    assert sim.outcomes() == {"order-1": SEEN}


# --------------------------------------------------------------------------- the recoveries


def test_compensating_at_once_refunds_a_slow_order_that_then_ships():
    sim, trace = _one(settings={"Shipping": {"slow_rate": 1.0}})
    refund, shipped = trace.select(message="RefundPayment")[0], trace.select(
        message="GoodsShipped")[0]
    assert refund.time < shipped.time and sim.outcomes() == {"order-1": INCONSISTENT}


def test_cancel_first_stops_a_slow_shipment_before_refunding():
    sim = order_saga("orchestration", 1, settings={"Shipping": {"slow_rate": 1.0}},
                     recovery="cancel first")
    sim.place_orders(1)
    sim.bus.run(until=7)  # ShipGoods is under way, slowly; the cancellation will be quick
    sim.bus.configure("Shipping", slow_rate=0.0)
    trace = sim.run()
    cancel = trace.select(message="CancelShipment")[0]
    ship = trace.select(message="ShipGoods")[0]
    assert cancel.fate == "acknowledged" and ship.fate == "rejected"
    assert cancel.time < trace.select(message="RefundPayment")[0].time
    assert not trace.select(message="GoodsShipped")
    assert sim.outcomes() == {"order-1": COMPENSATED}


def test_a_cancel_that_comes_too_late_takes_the_saga_forward_past_its_pivot():
    # Shipping is slow on both messages: the goods leave before the cancellation is read.
    sim, trace = _one(settings={"Shipping": {"slow_rate": 1.0, "slow_by": 4.0,
                                             "duration": 2.0}},
                      recovery="cancel first", time_frame=1)
    cancel = trace.select(message="CancelShipment")[0]
    assert cancel.fate == "rejected" and "too late" in cancel.note
    assert not trace.select(message="RefundPayment")
    (inst,) = sim.engines["Order"].instances()
    assert inst.state == "completed" and inst.forward.startswith("no GoodsShipped")
    assert sim.outcomes() == {"order-1": COMPLETED_LATE}
    assert "but the step was done: went on" in sim.engines["Order"].outcomes()[0].detail


def test_retrying_without_a_key_ships_twice_and_with_a_key_once():
    slow = {"slow_rate": 1.0}
    twice, trace = _one(settings={"Shipping": slow}, recovery="retry")
    assert len(trace.select(message="GoodsShipped")) == 2
    assert twice.outcomes() == {"order-1": INCONSISTENT}
    once, trace = _one(settings={"Shipping": {**slow, "idempotent": True}}, recovery="retry")
    assert len(trace.select(message="GoodsShipped")) == 1
    assert len(trace.select(message="ShipGoods")) == 2  # at least once: a copy was sent
    assert once.outcomes() == {"order-1": COMPLETED_LATE}
    assert not trace.select(message="RefundPayment")  # past the pivot: forward, not back


def test_a_retry_recovers_a_lost_shipment_that_compensating_would_refund():
    lost = {"Shipping": {"silent_rate": 1.0, "idempotent": True}}
    sim = order_saga("orchestration", 1, settings=lost, recovery="retry")
    sim.place_orders(1)
    sim.bus.run(until=8)  # ShipGoods is on its way and will be lost
    sim.bus.configure("Shipping", silent_rate=0.0)
    sim.run()
    assert sim.outcomes() == {"order-1": COMPLETED_LATE}
    assert sim.engines["Order"].instances()[0].retried == 1


def test_a_retry_that_never_hears_back_leaves_the_order_in_view():
    sim, _ = _one(settings={"Shipping": {"silent_rate": 1.0}}, recovery="retry")
    assert sim.outcomes() == {"order-1": SEEN}
    assert sim.engines["Order"].instances()[0].flags


def test_the_chain_leaves_a_silent_failure_stuck_and_the_owner_undoes_it():
    chain, _ = _one("choreography", {"Shipping": {"silent_rate": 1.0}})
    owner, _ = _one(settings={"Shipping": {"silent_rate": 1.0}})
    assert chain.outcomes() == {"order-1": STUCK} and owner.outcomes() == {"order-1": COMPENSATED}


# --------------------------------------------------------------------------- the models


def test_the_cancel_is_derived_from_the_model_and_only_where_someone_commands_the_step():
    arch = with_cancel(order_fulfilment_orchestration())
    assert arch.message("CancelShipment").targets == ("Shipping",)
    step = next(s for s in saga_workflow(recovery="cancel first").steps
                if s.messages == ("ShipGoods",))
    assert step.cancel == "CancelShipment"
    assert "first stop the step under way" in saga_workflow(recovery="cancel first").describe()
    from lessonlib.scenarios import order_fulfilment_choreography

    with pytest.raises(LessonError, match="nobody commands ShipGoods"):
        with_cancel(order_fulfilment_choreography())


@pytest.mark.parametrize("call, match", [
    (lambda: order_saga(recovery="retyr"), "Did you mean 'retry'"),
    (lambda: order_saga(recovery=3), "recovery= is one of"),
    (lambda: order_saga("orchestration", tracking=True), "adds a tracker to the event chain"),
    (lambda: saga_workflow(every_step="yes"), "every_step= is True or False"),
    (lambda: order_saga(settings={"Shipping": {"silent_rate": 2}}), "between 0 and 1"),
])
def test_bad_input_gets_a_sentence(call, match):
    with pytest.raises((LessonError, LessonTypeError), match=match):
        call()
