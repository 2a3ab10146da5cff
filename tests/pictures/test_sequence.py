"""Sequence diagrams and outcome tables drawn from a trace; the timeout lab widget."""

from __future__ import annotations

import pytest

from lessonlib.errors import LessonError, LessonTypeError
from lessonlib.labs import outcome_rows, outcome_table
from lessonlib.pictures.sequence import describe_sequence, draw_sequence
from lessonlib.saga_lab import timeout_outcomes
from lessonlib.simulate import order_fulfilment_chain, order_fulfilment_engine
from lessonlib.widgets.timeout import TimeoutLab


@pytest.fixture
def cancelled():
    sim = order_fulfilment_engine(settings={"Shipping": {"slow_rate": 1.0}})
    sim.place_orders(2)
    sim.run()
    return sim


def test_commands_are_solid_events_dashed_and_timers_drawn(cancelled):
    ax = draw_sequence(cancelled, correlation="order-2")
    kinds = {}
    for patch in ax.patches:
        if patch.get_gid() in ("command", "event"):
            kinds.setdefault(patch.get_gid(), set()).add(str(patch.get_linestyle()))
    assert kinds == {"command": {"solid"}, "event": {"(0, (6, 3))"}}
    assert [t.get_text() for t in ax.texts if t.get_gid() == "timer"] == [
        "timer ran out: GoodsShipped within 5 min"]
    assert ax.get_title() == "Sequence for order-2"


def test_the_text_equivalent_has_one_line_per_arrow(cancelled):
    text = describe_sequence(cancelled, correlation="order-1")
    lines = text.splitlines()
    assert len(lines) == 1 + len(cancelled.trace.select(correlation="order-1"))
    assert "command RefundPayment (solid arrow) from Order to Payment: acknowledged." in text
    assert "timer in Order: GoodsShipped within 5 min ran out" in text


def test_rows_follow_the_time_messages_were_sent(cancelled):
    lines = describe_sequence(cancelled).splitlines()[1:]
    assert [line.split(": ")[1].split(" (")[0] for line in lines][5:7] == [
        "command ShipGoods", "timer in Order"]


def test_bad_sources_get_a_sentence(cancelled):
    with pytest.raises(LessonTypeError, match="Expected a trace"):
        draw_sequence("trace")
    with pytest.raises(LessonError, match="Did you mean 'order-1'"):
        describe_sequence(cancelled, correlation="order1")
    empty = order_fulfilment_chain()
    with pytest.raises(LessonError, match="run the simulation first"):
        describe_sequence(empty)


def test_too_many_records_ask_for_one_order():
    from lessonlib.trace import Record, Trace

    many = Trace(Record(i, i, i, "event", "E", "A", "B", "c1", "handled") for i in range(61))
    with pytest.raises(LessonError, match="at most 60. Pick one order"):
        describe_sequence(many)


def test_outcome_rows_say_who_can_tell():
    chain = order_fulfilment_chain(settings={"Shipping": {"down": True}})
    chain.place_orders(2)
    chain.run()
    assert {r[3] for r in outcome_rows(chain)} == {
        "nobody: search Checkout, Payment, Inventory, Shipping"}
    engine = order_fulfilment_engine(settings={"Shipping": {"down": True}})
    engine.place_orders(2)
    engine.run()
    rows = outcome_rows(engine)
    assert [(r[1], r[3]) for r in rows] == [("compensated", "Order (its engine)")] * 2
    table = outcome_table(engine, limit=1)
    assert table.splitlines()[-1] == "... and 1 more"


def test_timeout_outcomes_react_to_the_time_frame():
    # A slow shipment outlasts a short time frame: cancelled and refunded, then shipped anyway.
    short = timeout_outcomes(time_frame=5, slow_rate=0.5, failure_rate=0.0)
    long = timeout_outcomes(time_frame=10, slow_rate=0.5, failure_rate=0.0)
    assert short["inconsistent"] > 0 and short["compensated"] == 0
    # A long one lets them ship, late: the SLA is missed, but nothing is undone.
    assert long["inconsistent"] == 0 and long["completed"] + long["completed late"] == 200
    assert long["completed late"] == short["inconsistent"] > 0
    # Onboarding's late credit check comes after the cancellation, which it does not undo.
    hours = timeout_outcomes("customer onboarding", time_frame=4, slow_rate=1.0,
                             failure_rate=0.0)
    assert hours["completed"] == 0 and hours["compensated"] == 200
    with pytest.raises(LessonError, match="Did you mean 'customer onboarding'"):
        timeout_outcomes("customer onbording")


def test_the_timeout_lab_widget_updates_when_a_slider_moves():
    lab = TimeoutLab("order fulfilment", orders=100, chart=False)
    before = lab.feedback.value
    assert "time frame 5 min" in before
    lab.failure.value = 0.0
    lab.slow.value = 1.0
    lab.frame.value = 15.0
    assert "time frame 15 min" in lab.feedback.value and "100 completed" in lab.feedback.value
    lab.frame.value = 2.0
    assert "0 completed" in lab.feedback.value and "100 inconsistent" in lab.feedback.value
    assert "lessonlib-timeout-lab" in lab._dom_classes
