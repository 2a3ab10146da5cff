"""Lesson 05's path from an event chain to an owner (lessonlib/journey.py): what each step
changes, the tracker's re-send and what it causes, the hybrid finished with commands, and an
owner that orchestrates without an engine. Every number is read back from a model or a run."""

from __future__ import annotations

import random

import pytest

from lessonlib import scenarios
from lessonlib.decisions import decide
from lessonlib.errors import LessonError, LessonTypeError
from lessonlib.journey import (
    RESEND,
    ResendReport,
    checks_commanded,
    conversation,
    hybrid_to_commands,
    journey_price,
    journey_text,
    plain_owner,
    resend_day,
    resend_decision,
    resend_report,
    resending_chain,
    same_conversation,
    tracking_price,
)
from lessonlib.labs import LAB_DAY
from lessonlib.simulate import COMPLETED, order_fulfilment_engine


def test_tracking_costs_one_new_service_and_managing_every_steps_service():
    track, manage = tracking_price(), journey_price()
    assert (track.new, dict(track.changed)) == (("Tracking",), {})
    assert manage.new == ("Order",)
    assert set(manage.changed) == {"Payment", "Inventory", "Shipping"}
    assert manage.total == 4 and "Checkout" in manage.untouched
    text = journey_text()
    assert track.summary() in text and manage.summary() in text


def test_the_re_sent_event_is_a_command_by_lesson_02s_tree():
    decision = resend_decision()
    assert decision.kind == "command" and decision == decide(RESEND)
    assert (decision.sender, decision.receiver) == ("Tracking", "Payment")
    assert RESEND.event == "OrderPlaced"  # the event that started the flow


def test_the_tracker_re_sends_the_starting_event_once_and_sends_no_command():
    sim = resending_chain(settings={"Inventory": {"down": True}})
    sim.place_orders(3)
    sim.run()
    from_tracker = [r for r in sim.trace if r.sender == "Tracking"]
    assert [r.message for r in from_tracker if r.receiver == "Payment"] == ["OrderPlaced"] * 3
    assert all(r.kind == "event" for r in from_tracker)  # an event in form...
    report = resend_report(sim)
    assert (report.resent, report.shipped, report.still_stuck, report.paid_twice) == (3, 0, 3, 3)


def test_on_the_lab_day_the_re_send_moves_stuck_orders_and_repeats_every_step():
    report = resend_day()
    assert report.orders == 1000 and report.resent > 0
    assert report.shipped + report.still_stuck <= report.resent
    assert report.paid_twice == report.resent  # every re-send charges again
    assert report.shipped_twice > 0  # slow orders, not lost, were shipped again
    text = report.text()
    assert f"for {report.resent} of 1000 orders" in text
    assert f"{report.paid_twice} orders paid for twice" in text


def _claims(report: ResendReport) -> list[str]:
    """What the report's text says, checked against its counts (each sentence's numbers)."""
    text = report.text()
    wrong = []
    if report.resent == 0:
        if "re-sent nothing" not in text:
            wrong.append("says it re-sent something")
        return wrong
    if f"{report.resent} of {report.orders} orders" not in text:
        wrong.append("resent")
    if report.shipped == 0 and "none of them was shipped" not in text:
        wrong.append("shipped none")
    if 0 < report.shipped < report.resent and f"{report.shipped} of them were shipped" not in text:
        wrong.append("shipped some")
    if report.shipped == report.resent and f"all {report.shipped} were shipped" not in text:
        wrong.append("shipped all")
    if (report.still_stuck == 0) != ("none is stuck" in text):
        wrong.append("stuck")
    for n, what in ((report.paid_twice, "paid for twice"), (report.shipped_twice,
                                                             "shipped twice"),
                    (report.shipped_and_refunded, "shipped and refunded")):
        if bool(n) != (what in text):
            wrong.append(what)
    if not (report.paid_twice or report.shipped_twice or report.shipped_and_refunded):
        if "No step ran twice" not in text:
            wrong.append("no repeat")
    return wrong


SETTINGS_TRIED = 40


def test_the_re_send_report_says_only_what_its_counts_say_on_any_day():
    """Sentences chosen by the numbers: random days (rates, outages, time frames), each
    sentence checked against the counts it came from."""
    rng = random.Random(24)
    seen = set()
    for _ in range(SETTINGS_TRIED):
        settings = {"Shipping": {"failure_rate": rng.choice([0, 0.05, 0.3]),
                                 "slow_rate": rng.choice([0, 0.1, 0.5])},
                    "Inventory": {"failure_rate": rng.choice([0, 0.02, 0.2]),
                                  "down": rng.random() < 0.1}}
        report = resend_day(rng.choice([1, 20, 60]), settings=settings, seed=rng.randrange(99),
                            time_frame=rng.choice([1.0, 5.0, 30.0]))
        assert _claims(report) == [], (settings, report)
        seen.add((report.resent == 0, report.shipped == report.resent, report.still_stuck == 0))
    assert len(seen) >= 3  # the days tried reach different sentences


def test_the_hybrid_ends_with_its_checks_commanded_as_lesson_02_decided():
    ended = checks_commanded()
    decided = scenarios.customer_onboarding_orchestration()
    for service, (command, _) in scenarios.ONBOARDING_CHECKS.items():
        assert ended.message(command).source == "Onboarding"
        assert ended.message(command).targets == (service,)
        assert decided.message(command).source == "Onboarding"
        assert "RegistrationRequested" not in ended.subscriptions(service)
    change = hybrid_to_commands()
    assert set(change.must_change) == {"Onboarding", "Address check", "Credit check"}
    with pytest.raises(LessonTypeError):
        checks_commanded("the hybrid")


def test_an_owner_orchestrates_with_plain_code_the_same_way_as_an_engine():
    found = same_conversation(seed=1, orders=5)
    assert found["same"] and found["completed"] == {"plain code": 5, "engine": 5}
    assert found["commands"] == ["FetchGoods", "RetrievePayment", "ShipGoods"]
    plain = plain_owner(settings={"Shipping": {"failure_rate": 1.0}})
    plain.place_orders(1)
    plain.run()
    said = [m for _, m, s, _ in conversation(plain) if s == "Order"]
    assert said[:3] == ["RetrievePayment", "FetchGoods", "ShipGoods"]
    assert sorted(said[3:]) == ["OrderCancelled", "RefundPayment"]  # sent at the same minute
    assert plain.engines == {}


def test_the_plain_owner_has_no_time_frame_where_the_engine_has_one():
    """What an engine adds: with Shipping down, the engine cancels and refunds, the plain
    code waits for ever (stuck, and nobody lists it)."""
    settings = {"Shipping": {"down": True}}
    plain, engine = plain_owner(settings=settings), order_fulfilment_engine(settings=settings)
    for sim in (plain, engine):
        sim.place_orders(2)
        sim.run()
    assert plain.counts()["stuck"] == 2 and plain.counts()[COMPLETED] == 0
    assert engine.counts()["compensated"] == 2


@pytest.mark.parametrize("bad", [None, "order-1", 3])
def test_reading_something_else_gets_a_sentence(bad):
    with pytest.raises(LessonTypeError, match="got"):
        resend_report(bad)
    with pytest.raises(LessonTypeError, match="got"):
        conversation(bad)


def test_too_many_orders_get_a_sentence():
    with pytest.raises(LessonError, match="at most 10,000"):
        resend_day(10 ** 6)


def test_the_day_is_the_labs_day():
    assert resend_day(50) == resend_day(50, settings=LAB_DAY)
