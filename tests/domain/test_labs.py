"""Lesson 05's models and labs: track, the hybrid, manage, the fair lab, the honest saga,
local vs central; their pictures and widgets (clicked, not looked at)."""

from __future__ import annotations

import pytest

from lessonlib import labs, saga_lab
from lessonlib.change_impact import impact
from lessonlib.errors import LessonError, LessonTypeError
from lessonlib.scenarios import (
    centralised,
    customer_onboarding_choreography,
    customer_onboarding_hybrid,
    customer_onboarding_orchestration,
    order_fulfilment_choreography,
    order_fulfilment_orchestration,
    together,
    with_bad_news,
    with_refund,
    with_tracking,
)
from lessonlib.simulate import (
    COMPENSATED,
    COMPLETED,
    INCONSISTENT,
    OUTCOMES,
    SEEN,
    SHIPPING_TIME_FRAME,
    SHOP,
    STUCK,
    customer_onboarding_engine,
    on_the_bus,
    order_fulfilment_chain,
    order_fulfilment_engine,
    shop,
    tracking_workflow,
    two_owners,
)

# --------------------------------------------------------------------------- the models


def test_the_hybrid_is_derived_from_the_one_onboarding_model():
    hybrid = customer_onboarding_hybrid()
    choreo, orch = customer_onboarding_choreography(), customer_onboarding_orchestration()
    assert set(hybrid.services) == set(choreo.services) == set(orch.services)
    # The checks react to the registration on their own: the owner commands no check.
    assert hybrid.subscriptions("Address check") == ("RegistrationRequested",)
    assert "CheckAddress" not in hybrid.commands()
    # It waits for events it did not command, then commands the letter (or the cancellation).
    owner = hybrid.roles()["Onboarding"]
    assert {"AddressChecked", "CreditChecked"} <= owner.subscribes
    assert owner.sends == {"SendWelcomeLetter", "CancelRegistration"}
    assert hybrid.owner_of("Customer onboarding") == "Onboarding"


def test_bad_news_reaches_whoever_hears_the_good_news():
    assert with_bad_news(order_fulfilment_choreography()).message(
        "GoodsShipmentFailed").targets == ()
    assert with_bad_news(order_fulfilment_orchestration()).message(
        "GoodsShipmentFailed").targets == ("Order",)


def test_the_refund_needs_the_bad_news_first():
    with pytest.raises(LessonError, match="Announce failures first"):
        with_refund(order_fulfilment_choreography())


def test_the_refund_impact_is_counted_from_the_models():
    counted = labs.refund_impact()
    assert counted["choreography"].must_change == ("Payment",)
    assert counted["orchestration"].must_change == ("Order", "Payment")
    text = labs.refund_text()
    assert "The refund rule lives in: Payment." in text
    assert "The refund rule lives in: Order." in text
    assert "Payment now depends on Shipping" in text


def test_a_tracker_changes_nobody_else():
    chain = shop("choreography")
    result = impact(chain, with_tracking(chain))
    assert result.new == ("Tracking",) and not result.changed
    assert with_tracking(chain).sends("Tracking") == ()


def test_local_and_central_models_keep_every_message():
    models = (shop("orchestration"), customer_onboarding_hybrid())
    local, central = together(*models), centralised(*models)
    names = {m.name for model in models for m in model.messages}
    assert {m.name for m in local.messages} == {m.name for m in central.messages} == names
    assert {p.owner for p in local.processes} == {"Order", "Onboarding"}
    assert {p.owner for p in central.processes} == {"Orchestrator"}
    with pytest.raises(LessonError, match="own no process"):
        centralised(order_fulfilment_choreography())


@pytest.mark.parametrize("call, match", [
    (lambda: shop("choreograhpy"), "Did you mean 'choreography'"),
    (lambda: shop("choreography", release_goods=True), "release_goods= is for style='orchestration'"),
    (lambda: shop("orchestration", tracking=True), "adds a tracker to the event chain"),
    (lambda: labs.tracking_report(order_fulfilment_engine()), "reads a tracked chain"),
    (lambda: labs.failure_lab("orchestrations"), "Did you mean 'orchestration'"),
    (lambda: labs.failure_lab("orchestration", tracking=True), "adds a tracker to the event chain"),
    (lambda: labs.failure_lab(tracking="yes"), "tracking= is True"),
    (lambda: labs.failure_lab(orders=0), "at least 1"),
])
def test_bad_input_gets_a_sentence(call, match):
    with pytest.raises((LessonError, LessonTypeError), match=match):
        call()


# --------------------------------------------------------------------------- the bus


def test_an_undo_is_carried_out_and_answered_with_nothing():
    bus = on_the_bus(shop("choreography"))
    bus.publish("GoodsShipmentFailed", sender="Shipping", correlation="order-1")
    (record,) = bus.run()
    assert (record.receiver, record.fate) == ("Payment", "handled")  # no PaymentReceived


def test_shipping_announces_its_failure_and_inventory_does_not():
    sim = order_fulfilment_chain(settings={"Shipping": {"failure_rate": 1.0}})
    sim.place_orders(1)
    assert [r.message for r in sim.run()][-2:] == ["GoodsFetched", "GoodsShipmentFailed"]
    silent = order_fulfilment_chain(settings={"Inventory": {"failure_rate": 1.0}})
    silent.place_orders(1)
    assert [r.message for r in silent.run()] == ["OrderPlaced", "PaymentReceived"]


# --------------------------------------------------------------------------- track


def test_the_tracker_waits_step_by_step_and_sends_nothing():
    workflow = tracking_workflow()
    assert [s.messages for s in workflow.steps] == [
        ("PaymentReceived",), ("GoodsFetched",), ("GoodsShipped",)]
    assert all(s.on_timeout == "flag" for s in workflow.steps)
    assert not workflow.sends_commands()


def test_tracking_sees_the_stuck_orders_but_fixes_none():
    plain, tracked = (labs.failure_lab("choreography", tracking=t, orders=300) for t in (False, True))
    assert plain.stuck == tracked.stuck_but_seen > 0
    assert tracked.stuck == 0
    for outcome in (COMPLETED, COMPENSATED, INCONSISTENT):  # seeing changed nothing
        assert plain.counts[outcome] == tracked.counts[outcome]
    sim = order_fulfilment_chain(1, settings=labs.LAB_DAY, tracking=True)
    sim.place_orders(300)
    sim.run()
    report = labs.tracking_report(sim)
    assert "sent no command" in report and "cannot fix any of them" in report
    assert f"{tracked.stuck_but_seen} stuck, and where" in report
    assert {r.sender for r in sim.trace if r.kind == "command"} == set()


# --------------------------------------------------------------------------- the fair lab


def test_the_fair_lab_gives_every_style_the_same_failures():
    from lessonlib.saga_lab import fair_lab

    lab = fair_lab(400)
    chain, tracked, owner = (lab.result(s, tracking=t) for s, t in labs.RUNS)
    assert (chain.label, tracked.label, owner.label) == (
        "event chain", "event chain + tracking", "owner's engine (Order)")
    for result in lab.results:
        assert sum(result.counts.values()) == 400
    # The same luck for the same orders: what went well went well in every style.
    assert chain.completed == tracked.completed == owner.completed > 0
    # Silence: stuck in the chain, seen by the tracker; the owner's time frames undo them.
    assert chain.stuck == tracked.stuck_but_seen > 0 == owner.stuck + owner.stuck_but_seen
    assert owner.compensated == chain.compensated + chain.stuck
    # Slow work: late in the chain; cancelled by the owner's time frame and shipped anyway.
    assert chain.inconsistent == 0 < owner.inconsistent == chain.completed_late
    text = lab.summary()
    assert f"{owner.inconsistent} with the owner" in text
    assert labs.lab_day_text(orders=400) in text


def test_the_lab_day_sentence_follows_the_settings():
    text = labs.lab_day_text({"Shipping": {"failure_rate": 0.2}})
    assert "Shipping fails on 20% of its messages and says so (GoodsShipmentFailed)." in text
    slow = SHOP["Shipping"]["duration"] * SHOP["Shipping"]["slow_by"]
    assert f"({slow:g} min instead of {SHOP['Shipping']['duration']:g})" in labs.lab_day_text()


def test_an_owner_that_cancels_and_then_sees_the_goods_shipped_is_inconsistent():
    sim = order_fulfilment_engine(settings={"Shipping": {"slow_rate": 1.0}})
    sim.place_orders(1)
    trace = sim.run()
    assert sim.outcomes() == {"order-1": INCONSISTENT}
    refund = trace.select(message="RefundPayment")[0]
    shipped = trace.select(message="GoodsShipped")[0]
    assert refund.time < shipped.time  # refunded first, shipped after
    assert sim.engines["Order"].instances()[0].late == ["GoodsShipped"]


# --------------------------------------------------------------------------- the honest saga


def test_a_long_enough_time_frame_leaves_no_inconsistent_order():
    sweep = saga_lab.timeout_sweep(frames=[1, SHIPPING_TIME_FRAME, 15], orders=100)
    inconsistent = [counts[INCONSISTENT] for _, counts in sweep]
    assert inconsistent[0] >= inconsistent[1] > inconsistent[2] == 0
    for _, counts in sweep:
        assert list(counts) == list(OUTCOMES) and sum(counts.values()) == 100


def test_the_hybrid_cancels_by_command_when_a_result_never_comes():
    sim = customer_onboarding_engine(settings={"Credit check": {"down": True}})
    sim.place_orders(1)
    trace = sim.run()
    cancel = trace.select(message="CancelRegistration")[0]
    assert (cancel.kind, cancel.sender, cancel.receiver) == ("command", "Onboarding", "Website")
    assert cancel.sent == 0.5 + 240  # the wait began when the registration arrived
    assert sim.counts()[COMPENSATED] == 1
    assert [r.kind for r in trace if r.receiver in ("Address check", "Credit check")] == [
        "event", "event"]  # nobody commanded the checks


# --------------------------------------------------------------------------- local vs central


def test_an_outage_stops_what_the_service_runs_and_nothing_else():
    lab = labs.outage_lab(4)
    assert lab["local"]["customer"][COMPLETED] == 4
    assert lab["central"]["customer"][COMPLETED] == 0
    assert lab["local"]["order"][COMPLETED] == lab["central"]["order"][COMPLETED] == 0
    assert lab["central"]["customer"][STUCK] == 4  # nobody even started them
    assert "registrations 4 of 4 completed" in labs.outage_text(lab)


def test_every_process_change_changes_the_central_orchestrator():
    changes = labs.process_changes()
    assert all("Orchestrator" in r.must_change for r in changes["central"].values())
    local = [set(r.must_change) for r in changes["local"].values()]
    assert not set.intersection(*local)
    assert "Orchestrator changes for both" in labs.process_changes_text()


def test_two_owners_each_run_their_own_process():
    sim = two_owners()
    sim.place_orders(2)
    sim.place_orders(2, flow="customer")
    sim.run()
    assert sim.counts("order")[COMPLETED] == sim.counts("customer")[COMPLETED] == 2
    assert {r.sender for r in sim.trace if r.kind == "command"} == {"Order", "Onboarding"}
    assert SEEN in OUTCOMES


# --------------------------------------------------------------------------- pictures


def _texts(ax):
    return [t for t in ax.texts if t.get_text()] + [ax.title] + (
        list(ax.get_legend().get_texts()) if ax.get_legend() else [])


def _assert_readable(ax):
    # The course's rule (lessonlib/pictures/sizes.py): every text at 11 CSS px or more as a
    # student sees the figure, and no figure shrunk below MIN_SCALE of its natural size.
    from lessonlib.pictures.sizes import rendered

    seen = rendered(ax.figure)
    assert seen.ok, seen


def test_the_outcomes_chart_draws_each_outcome_its_own_way():
    from lessonlib.cards.figures import outcomes_html
    from lessonlib.pictures.outcomes import describe_outcomes, draw_outcomes

    sweep = saga_lab.timeout_sweep(frames=[3, 5, 9], orders=50)
    ax = draw_outcomes(sweep, current=5)
    lines = {line.get_gid(): line for line in ax.lines if line.get_gid()}
    styles = {(str(line.get_linestyle()), line.get_marker())
              for key, line in lines.items() if key != "current"}
    assert len(styles) == 5  # completed, completed late, compensated, inconsistent, stuck:
    # each its own line style and marker, not colour alone
    _assert_readable(ax)
    text = describe_outcomes(sweep, current=5)
    assert "the vertical line marks the time frame now, 5 min" in text
    html = outcomes_html(sweep, current=5)
    assert html.startswith('<img class="lessonlib-outcomes-chart"') and "alt=" in html
    assert "Text description of the chart" in html


def test_the_hosting_picture_marks_the_outage():
    from lessonlib.pictures.hosting import describe_hosting, draw_hosting

    central = centralised(shop("owner"), customer_onboarding_hybrid())
    ax = draw_hosting(central, outage="Order fulfilment")
    kinds = {p.get_gid(): str(p.get_linestyle()) for p in ax.patches
             if p.get_gid() in ("command", "event")}
    assert kinds == {"command": "solid", "event": "(0, (6, 3))"}
    assert [p.get_hatch() for p in ax.patches if p.get_gid() == "owner:Orchestrator"] == ["//"]
    assert len([t for t in ax.texts if t.get_gid() == "stopped"]) == 2
    _assert_readable(ax)
    text = describe_hosting(central, outage="Order fulfilment")
    assert "It is down: Order fulfilment and Customer onboarding stop." in text
    local = describe_hosting(together(shop("owner"), customer_onboarding_hybrid()),
                             outage="Order fulfilment")
    assert "Customer onboarding: Website" in local  # not stopped


def test_sequence_diagrams_are_readable():
    from lessonlib.pictures.sequence import draw_sequence

    sim = order_fulfilment_engine(settings={"Shipping": {"slow_rate": 1.0}})
    sim.place_orders(1)
    sim.run()
    _assert_readable(draw_sequence(sim))


def test_the_bpmn_outline_follows_the_workflow():
    from lessonlib.simulate import order_fulfilment_workflow

    outline = order_fulfilment_workflow().bpmn()
    assert "message start event: OrderPlaced" in outline
    assert "timer catch event: 5 min -> failure path" in outline
    assert "message catch event: GoodsShipmentFailed -> failure path" in outline
    assert outline.splitlines()[-1] == "  message end event: OrderCancelled"
    assert "non-interrupting timer boundary event" in tracking_workflow().bpmn()


# --------------------------------------------------------------------------- widgets


def test_the_time_frame_lab_opens_only_after_a_saved_prediction(fresh_progress):
    from lessonlib.widgets.timeout import CSS, predict_inconsistent, timeout_lab

    lab = timeout_lab(orders=60)
    assert lab.silent.disabled and CSS.silent in lab.silent._dom_classes
    assert lab.frame.disabled and "closed" in lab.feedback.value and lab.chart.value == ""
    lab.open_button.click()
    assert "Save your prediction first" in lab.verdict.value and lab.frame.disabled
    view = predict_inconsistent()
    LABEL, = view.inputs  # noqa: N806 - the prediction's one label
    view.inputs[LABEL].value = "250"
    view.save.click()
    assert "at most 200" in view.feedback.value
    view.inputs[LABEL].value = "3"
    view.save.click()
    assert "<p>Saved: " in view.feedback.value
    lab.open_button.click()
    expected = saga_lab.timeout_outcomes(orders=60)[INCONSISTENT]
    assert f"Your prediction: {LABEL} 3." in lab.verdict.value
    assert f"Counted from the simulation: {LABEL} {expected}" in lab.verdict.value
    assert not lab.frame.disabled and "<img" in lab.chart.value
    lab.frame.value = 15.0
    assert "now: 15 min" in lab.chart.value or "time frame now, 15 min" in lab.chart.value
    assert "0 inconsistent" in lab.feedback.value
    # Silence: the chain leaves it stuck; the owner's time frame catches it.
    lab.silent.value = 0.5
    chain = saga_lab.timeout_outcomes(time_frame=15, silent_rate=0.5, orders=60,
                                  style="choreography")
    assert f"The event chain, same day: {chain['completed']} completed" in lab.feedback.value
    assert chain["stuck"] > 0 and "the timer wins against silence" not in lab.feedback.value
    assert "So here the timer only wins" in lab.feedback.value
    view.inputs[LABEL].value = str(expected)
    view.save.click()  # too late: locked
    assert "stays as you saved it" in view.feedback.value
    again = timeout_lab(orders=60)  # after a restart: open, and still locked
    assert not again.frame.disabled and "Your prediction" in again.verdict.value
