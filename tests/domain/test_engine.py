"""The process engine: start on an event, commands, waits, time frames, compensation."""

from __future__ import annotations

import pytest

from lessonlib.bus import Bus, reject
from lessonlib.engine import Engine, Workflow
from lessonlib.errors import LessonError, LessonTypeError
from lessonlib.labs import failure_lab
from lessonlib.simulate import order_fulfilment_engine


def world(**durations) -> Bus:
    """Checkout places orders; Order runs the engine (instant); A and B answer."""
    bus = Bus(seed=1)
    bus.add_service("Checkout", duration=0.0)
    bus.add_service("Order", duration=0.0)
    bus.add_service("A", duration=durations.get("A", 1.0))
    bus.add_service("B", duration=durations.get("B", 1.0))
    return bus


def answer(event):
    return lambda d: d.publish(event)


def test_an_engine_starts_on_an_event_and_sends_commands():
    bus = world()
    bus.handle("DoA", "A", answer("ADone"))
    engine = Engine(bus, "Order")
    engine.deploy(Workflow("P", starts_on="Started").send("DoA").wait_for("ADone")
                  .publish("Finished"))
    bus.publish("Started", sender="Checkout", correlation="c1")
    trace = bus.run()
    assert [(r.kind, r.message, r.sender, r.receiver) for r in trace] == [
        ("event", "Started", "Checkout", "Order"),
        ("command", "DoA", "Order", "A"),
        ("event", "ADone", "A", "Order"),
        ("event", "Finished", "Order", None),
    ]
    assert engine.counts() == {"waiting": 0, "completed": 1, "compensating": 0, "cancelled": 0,
                               "failed": 0}


def test_one_instance_per_correlation_id():
    bus = world()
    bus.handle("DoA", "A", answer("ADone"))
    engine = Engine(bus, "Order")
    engine.deploy(Workflow("P", starts_on="Started").send("DoA").wait_for("ADone"))
    for cid in ("c1", "c2", "c1"):
        bus.publish("Started", sender="Checkout", correlation=cid)
    trace = bus.run()
    assert [i.correlation for i in engine.instances()] == ["c1", "c2"]
    assert "duplicate" in trace.select(correlation="c1", message="Started")[1].note


# --- time frames ------------------------------------------------------------------------


def shipping(duration: float, within: float = 5):
    bus = world(A=duration)
    bus.handle("Ship", "A", answer("Shipped"))
    engine = Engine(bus, "Order")
    engine.deploy(Workflow("P", starts_on="Started").send("Ship")
                  .wait_for("Shipped", within=within).on_failure(publish="Cancelled"))
    bus.publish("Started", sender="Checkout", correlation="c1")
    return bus, engine


@pytest.mark.parametrize("duration, state", [
    (4.0, "completed"),
    (5.0, "completed"),       # exactly at the end of the time frame: in time
    (5.001, "cancelled"),     # a moment later: too late
    (9.0, "cancelled"),
])
def test_the_time_frame_is_inclusive_at_its_boundary(duration, state):
    bus, engine = shipping(duration)
    trace = bus.run()
    assert engine.instances()[0].state == state
    timers = trace.select(kind="timer")
    if state == "cancelled":
        (timer,) = timers
        assert (timer.sent, timer.time, timer.fate) == (0.0, 5.0, "timeout")
        assert timer.note == "no Shipped within 5 min"
    else:
        assert len(timers) == 0


def test_a_silent_service_times_out_exactly_at_the_deadline():
    bus, engine = shipping(1.0, within=7)
    bus.configure("A", down=True)
    trace = bus.run()
    (timer,) = trace.select(kind="timer")
    assert timer.time == 7.0
    assert engine.instances()[0].finished == 7.0


def two_checks(a: float, b: float, within: float = 10, down_b: bool = False):
    bus = world(A=a, B=b)
    bus.configure("B", down=down_b)
    bus.handle("CheckA", "A", answer("AChecked"))
    bus.handle("CheckB", "B", answer("BChecked"))
    engine = Engine(bus, "Order")
    engine.deploy(Workflow("Onboard", starts_on="Started").send("CheckA").send("CheckB")
                  .wait_for("AChecked", "BChecked", within=within)
                  .publish("Created").on_failure(publish="Cancelled"))
    bus.publish("Started", sender="Checkout", correlation="c1")
    return bus.run(), engine


@pytest.mark.parametrize("a, b, state", [
    (3, 10, "completed"),     # the second one arrives at the boundary
    (10, 10, "completed"),    # both at the boundary
    (3, 10.5, "cancelled"),
    (10.5, 3, "cancelled"),
])
def test_two_events_within_a_time_frame(a, b, state):
    trace, engine = two_checks(a, b)
    assert engine.instances()[0].state == state
    published = [r.message for r in trace if r.sender == "Order" and r.kind == "event"]
    assert published == (["Created"] if state == "completed" else ["Cancelled"])


def test_the_timer_names_only_the_missing_event():
    trace, engine = two_checks(3, 1, down_b=True)
    (timer,) = trace.select(kind="timer")
    assert timer.note == "no BChecked within 10 min"
    assert timer.time == 10.0
    assert "no BChecked within 10 min" in engine.outcomes()[0].detail


def test_an_event_that_arrived_before_the_wait_is_kept():
    bus = world(A=1.0)
    bus.handle("DoA", "A", answer("ADone"))
    bus.handle("DoB", "B")
    bus.configure("B", duration=5.0)
    engine = Engine(bus, "Order")
    # ADone arrives at t=1, while the engine still sends; it waits for it only later
    engine.deploy(Workflow("P", starts_on="Started").send("DoA").wait_for("ADone")
                  .send("DoB").wait_for("ADone", within=1))
    bus.publish("Started", sender="Checkout", correlation="c1")
    bus.publish("ADone", sender="A", correlation="c1", at=1.5)
    bus.run()
    assert engine.instances()[0].state == "completed"


# --- failures and compensation ------------------------------------------------------------


def saga(reject_c: bool = True, down_c: bool = False):
    bus = Bus(seed=1, services=["Checkout", "Order", "A", "B", "C"])
    bus.handle("DoA", "A", answer("ADone"))
    bus.handle("DoB", "B", answer("BDone"))
    bus.handle("DoC", "C", (lambda d: reject("out of stock")) if reject_c else answer("CDone"))
    bus.configure("C", down=down_c)
    bus.handle("UndoA", "A")
    bus.handle("UndoB", "B")
    bus.handle("UndoC", "C")
    engine = Engine(bus, "Order")
    engine.deploy(Workflow("Saga", starts_on="Started")
                  .send("DoA", compensate="UndoA").wait_for("ADone")
                  .send("DoB", compensate="UndoB").wait_for("BDone")
                  .send("DoC", compensate="UndoC").wait_for("CDone", within=30)
                  .on_failure(publish="Cancelled"))
    bus.publish("Started", sender="Checkout", correlation="c1")
    return bus.run(), engine


def test_compensation_runs_latest_first_then_the_failure_event():
    trace, engine = saga()
    after = [r.message for r in trace if r.sent >= trace.select(message="DoC")[0].time]
    assert after == ["UndoB", "UndoA", "Cancelled"]
    inst = engine.instances()[0]
    assert inst.compensated == ["UndoB", "UndoA"]  # the rejected DoC is not undone
    assert inst.state == "cancelled"
    assert inst.reason == "DoC rejected: out of stock"


def test_a_rejection_ends_the_wait_at_once_not_at_the_deadline():
    trace, engine = saga()
    rejected = trace.select(message="DoC")[0]
    assert engine.instances()[0].finished < rejected.time + 30
    assert len(trace.select(kind="timer")) == 0


def test_a_timeout_is_compensated_too():
    trace, engine = saga(reject_c=False, down_c=True)
    assert [r.message for r in trace][-3:] == ["UndoB", "UndoA", "Cancelled"]
    assert engine.instances()[0].reason == "no CDone within 30 min"


def test_a_late_acknowledgement_is_compensated_when_it_arrives():
    bus = Bus(seed=1, services=["Checkout", "Order", "Payment"])
    bus.configure("Order", duration=0.0)
    bus.configure("Payment", duration=20.0)
    bus.handle("Charge", "Payment", answer("Charged"))
    bus.handle("Refund", "Payment")
    engine = Engine(bus, "Order")
    engine.deploy(Workflow("P", starts_on="Started").send("Charge", compensate="Refund")
                  .wait_for("Charged", within=5).on_failure(publish="Cancelled"))
    bus.publish("Started", sender="Checkout", correlation="c1")
    trace = bus.run()
    refund = trace.select(message="Refund")[0]
    assert refund.sent == 20.0  # when the late acknowledgement arrived
    assert engine.instances()[0].compensated == ["Refund"]


def test_without_a_time_frame_a_silent_service_leaves_the_order_waiting_in_view():
    sim = order_fulfilment_engine(settings={"Shipping": {"down": True}},
                                  shipping_time_frame=None)
    sim.place_orders(3)
    sim.run()
    engine = sim.engines["Order"]
    stuck = engine.open_instances()
    assert [i.correlation for i in stuck] == ["order-1", "order-2", "order-3"]
    assert all(i.step == "wait for GoodsShipped" for i in stuck)
    assert sim.counts() == {"completed": 0, "completed late": 0, "compensated": 0,
                            "inconsistent": 0, "stuck": 0, "stuck but seen": 3}


# --- two owners, one bus --------------------------------------------------------------------


def test_two_engines_in_two_services_share_one_bus():
    from lessonlib.simulate import two_owners

    sim = two_owners()
    sim.bus.publish("OrderPlaced", sender="Checkout", correlation="order-1")
    sim.bus.publish("RegistrationRequested", sender="Website", correlation="customer-1")
    sim.run()
    assert [i.correlation for i in sim.engines["Order"].instances()] == ["order-1"]
    assert [i.correlation for i in sim.engines["Onboarding"].instances()] == ["customer-1"]
    senders = {r.sender for r in sim.trace if r.kind == "command"}
    assert senders == {"Order", "Onboarding"}


def test_a_workflow_can_start_on_a_command_its_service_handles():
    bus = world()
    bus.declare("Start", "command")
    bus.handle("DoA", "A", answer("ADone"))
    engine = Engine(bus, "B")
    engine.deploy(Workflow("P", starts_on="Start").send("DoA").wait_for("ADone"))
    reply = bus.send("Start", sender="Checkout", correlation="c1")
    bus.run()
    assert reply.value.ok and engine.instances()[0].state == "completed"


# --- determinism ---------------------------------------------------------------------------


def test_the_same_seed_gives_the_same_trace_and_outcomes():
    def run(seed):
        sim = order_fulfilment_engine(seed, settings={"Shipping": {"failure_rate": 0.2,
                                                                   "slow_rate": 0.2}})
        sim.place_orders(100)
        return sim.run(), sim.outcomes()

    assert run(11) == run(11)
    assert run(11)[0] != run(12)[0]


def test_the_failure_lab_counts_come_from_the_simulation():
    settings = {"Shipping": {"failure_rate": 0.1}}
    chain = failure_lab("choreography", orders=300, settings=settings, seed=2)
    engine = failure_lab("orchestration", orders=300, settings=settings, seed=2)
    # Shipping fails on the same orders in both styles (its own seeded stream) and says so:
    # both sagas refund them; nothing is stuck.
    assert chain.compensated == engine.compensated > 0
    assert chain.stuck == engine.stuck == 0
    assert (chain.seen_by, engine.seen_by) == (None, "Order")


# --- bad input -------------------------------------------------------------------------------


def test_deploying_a_workflow_with_an_unknown_command_names_the_nearest():
    bus = world()
    bus.handle("RetrievePayment", "A")
    with pytest.raises(LessonError, match="no service on the bus handles a command") as raised:
        Engine(bus, "Order").deploy(Workflow("P", starts_on="S").send("RetreivePayment"))
    assert "Did you mean 'RetrievePayment'" in str(raised.value)


def test_waiting_for_a_command_is_refused():
    bus = world()
    bus.handle("DoA", "A")
    with pytest.raises(LessonError, match="it is a command on this bus, not an event"):
        Engine(bus, "Order").deploy(Workflow("P", starts_on="S").wait_for("DoA"))


@pytest.mark.parametrize("build, match", [
    (lambda: Workflow("P", starts_on="S").wait_for(), "at least one event"),
    (lambda: Workflow("P", starts_on="S").wait_for("E", within=0), "longer than 0"),
    (lambda: Workflow("P", starts_on="S").wait_for("E", within=-1), "at least 0"),
    (lambda: Workflow("P", starts_on="S").wait_for("E", within="5"), "must be a number"),
    (lambda: Workflow("P", starts_on="S").wait_for("E", "E"), "names an event twice"),
    (lambda: Workflow("P", starts_on=""), "must not be empty"),
    (lambda: Engine("bus", "Order"), "lives on a Bus"),
    (lambda: Engine(world(), "Ordr"), "Did you mean 'Order'"),
])
def test_bad_definitions_get_a_sentence(build, match):
    with pytest.raises(LessonError, match=match):
        build()


def test_deploying_twice_and_asking_for_an_unknown_workflow():
    bus = world()
    engine = Engine(bus, "Order")
    engine.deploy(Workflow("P", starts_on="S"))
    with pytest.raises(LessonError, match="already runs a workflow called 'P'"):
        engine.deploy(Workflow("P", starts_on="S"))
    with pytest.raises(LessonError, match="runs no workflow 'Q'"):
        engine.instances("Q")
    with pytest.raises(LessonTypeError, match="takes a Workflow"):
        engine.deploy("P")


def test_the_lesson_saga_releases_the_goods_before_refunding():
    sim = order_fulfilment_engine(settings={"Shipping": {"down": True}}, release_goods=True)
    sim.place_orders(1)
    trace = sim.run()
    assert [r.message for r in trace][-3:] == ["ReleaseGoods", "RefundPayment", "OrderCancelled"]


# --- bad news, tracking, failure actions, late work --------------------------------------------


def test_bad_news_fails_a_wait_at_once():
    bus = world(A=2.0)
    bus.declare("Shipped", "event")
    bus.handle("Ship", "A", answer("Shipped"), on_failure=answer("ShipmentFailed"))
    bus.declare("ShipmentFailed", "event")
    bus.configure("A", failure_rate=1.0)
    engine = Engine(bus, "Order")
    engine.deploy(Workflow("P", starts_on="Started").send("Ship")
                  .wait_for("Shipped", within=30, failing_on="ShipmentFailed")
                  .on_failure(publish="Cancelled"))
    bus.publish("Started", sender="Checkout", correlation="c1")
    trace = bus.run()
    inst = engine.instances()[0]
    assert inst.state == "cancelled" and inst.reason == "ShipmentFailed arrived"
    assert inst.finished == 2.0  # when the bad news arrived, not when the time frame ends
    assert len(trace.select(kind="timer")) == 0


def test_bad_news_that_came_before_the_wait_fails_it_too():
    bus = world(A=1.0, B=5.0)
    bus.handle("DoA", "A", answer("AFailed"))
    bus.handle("DoB", "B", answer("BDone"))
    engine = Engine(bus, "Order")
    engine.deploy(Workflow("P", starts_on="Started").send("DoA").send("DoB")
                  .wait_for("BDone").wait_for("ADone", failing_on="AFailed"))
    bus.publish("Started", sender="Checkout", correlation="c1")
    bus.run()
    inst = engine.instances()[0]
    assert (inst.state, inst.reason) == ("failed", "AFailed arrived")


def test_a_flagged_time_frame_only_marks_the_instance_late():
    bus = world(A=7.0)
    bus.handle("DoA", "A", answer("ADone"))
    engine = Engine(bus, "Order")
    engine.deploy(Workflow("P", starts_on="Started").send("DoA")
                  .wait_for("ADone", within=5, on_timeout="flag"))
    bus.publish("Started", sender="Checkout", correlation="c1")
    trace = bus.run()
    inst = engine.instances()[0]
    assert inst.state == "completed" and inst.flags == ["no ADone within 5 min"]
    (timer,) = trace.select(kind="timer")
    assert timer.note.endswith("flagged as late, still waiting") and timer.time == 5.0
    assert "late: no ADone within 5 min" in engine.outcomes()[0].detail


def test_a_failure_action_can_be_a_command():
    bus = world()
    bus.configure("A", down=True)
    bus.handle("DoA", "A", answer("ADone"))
    bus.handle("Cancel", "B")
    engine = Engine(bus, "Order")
    engine.deploy(Workflow("P", starts_on="Started").send("DoA").wait_for("ADone", within=3)
                  .on_failure(send="Cancel"))
    bus.publish("Started", sender="Checkout", correlation="c1")
    trace = bus.run()
    assert [r.message for r in trace][-1] == "Cancel"
    assert engine.instances()[0].state == "cancelled"


def test_an_instance_with_nothing_to_undo_or_announce_just_fails():
    bus = world()
    bus.configure("A", down=True)
    bus.handle("DoA", "A", answer("ADone"))
    engine = Engine(bus, "Order")
    engine.deploy(Workflow("P", starts_on="Started").send("DoA").wait_for("ADone", within=3))
    bus.publish("Started", sender="Checkout", correlation="c1")
    bus.run()
    assert engine.counts()["failed"] == 1
    assert engine.outcomes()[0].detail == "no ADone within 3 min; nothing to undo or announce"


def test_an_awaited_event_after_the_failure_is_kept_as_late_work():
    bus = world(A=9.0)
    bus.handle("Ship", "A", answer("Shipped"))
    engine = Engine(bus, "Order")
    engine.deploy(Workflow("P", starts_on="Started").send("Ship")
                  .wait_for("Shipped", within=5).on_failure(publish="Cancelled"))
    bus.publish("Started", sender="Checkout", correlation="c1")
    bus.run()
    inst = engine.instances()[0]
    assert inst.state == "cancelled" and inst.late == ["Shipped"]
    assert "Shipped arrived after it had failed" in engine.outcomes()[0].detail


@pytest.mark.parametrize("build, match", [
    (lambda: Workflow("P", starts_on="S").on_failure(), "takes one action"),
    (lambda: Workflow("P", starts_on="S").on_failure(publish="E", send="C"), "takes one action"),
    (lambda: Workflow("P", starts_on="S").wait_for("E", failing_on="E"), "fails on it too"),
    (lambda: Workflow("P", starts_on="S").wait_for("E", on_timeout="flagg"),
     "Did you mean 'flag'"),
])
def test_bad_failure_paths_get_a_sentence(build, match):
    with pytest.raises(LessonError, match=match):
        build()


def test_a_tracker_sends_nothing_and_a_manager_does():
    from lessonlib.simulate import order_fulfilment_workflow, tracking_workflow

    assert not tracking_workflow().sends_commands()
    assert order_fulfilment_workflow().sends_commands()
