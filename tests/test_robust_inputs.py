"""The mistakes students made in the lessons' cells, each answered with a sentence;
bounds said out loud; widgets that show their errors; impact that scales linearly."""

from __future__ import annotations

import gc
import html
import importlib.util
import time
from pathlib import Path

import pytest

import lessonlib
from lessonlib import (
    Architecture,
    Bus,
    LessonError,
    failure_lab,
    impact,
    scenarios,
    timeout_outcomes,
)
from lessonlib.simulate import order_fulfilment_chain

STUDENT_MISTAKES = [
    ("infinite time frame", lambda: timeout_outcomes(time_frame=float("inf")), "finite"),
    ("NaN time frame", lambda: timeout_outcomes(time_frame=float("nan")), "finite"),
    ("time frame past a year", lambda: timeout_outcomes(time_frame=10 ** 9), "525,600"),
    ("a billion orders", lambda: failure_lab(orders=10 ** 9), "at most 10,000"),
    ("5,000-digit seed", lambda: Bus(10 ** 5000), "5,001 digits"),
    ("5,000-digit value recorded", lambda: lessonlib.record("00_start_here", "x", 10 ** 5000),
     "5,001 digits"),
    ("lesson id with a non-ASCII digit", lambda: lessonlib.reset_lesson("²"), "'²'"),
    ("a list as a progress key", lambda: lessonlib.recall("00_start_here", ["k"]), "['k']"),
    ("None as a progress key", lambda: lessonlib.recall("00_start_here", None), "None"),
    ("quiz name too long for a file", lambda: lessonlib.load_quiz("q" * 10_000),
     "characters"),
    ("an option in another case", lambda: lessonlib.outcome_table(_sim(), outcome="Stck"),
     "'stuck'"),
    ("decide_all given one key", lambda: lessonlib.decide_all("payment"), "'payment'"),
    ("a string where an ax belongs",
     lambda: lessonlib.draw(scenarios.seed_choreography(), "ax"), "'ax'"),
    ("infinite service duration",
     lambda: Bus(services=["A"]).configure("A", duration=float("inf")), "finite"),
]


def _sim():
    sim = order_fulfilment_chain(settings={"Shipping": {"down": True}})
    sim.place_orders(2)
    sim.run()
    return sim


@pytest.mark.parametrize(("call", "needle"), [m[1:] for m in STUDENT_MISTAKES],
                         ids=[m[0] for m in STUDENT_MISTAKES])
def test_a_student_mistake_gets_a_sentence(call, needle):
    with pytest.raises(LessonError) as info:
        call()
    message = str(info.value)
    assert needle in message
    assert len(message) < 600 and message.rstrip().endswith((".", "?", ")")), message


def test_an_option_in_another_case_is_understood():
    assert "stuck" in lessonlib.outcome_table(_sim(), outcome="Stuck")
    # only= is the row filter's old name, read until 0.3
    assert lessonlib.outcome_table(_sim(), only="Stuck") == lessonlib.outcome_table(
        _sim(), outcome="Stuck")


def test_the_bus_refuses_a_command_to_its_own_handler():
    bus = Bus(services=["Order", "Payment"])
    bus.declare("RetrievePayment", "command")
    bus.handle("RetrievePayment", "Payment")
    with pytest.raises(LessonError, match="'Payment' handles 'RetrievePayment' itself"):
        bus.send("RetrievePayment", sender="Payment", correlation="order-1")


# --------------------------------------------------------------------------- widgets


def test_a_prediction_typed_as_a_superscript_is_answered_in_the_widget():
    box = lessonlib.predict("04_criminal_check_exercise", "robust-test", ["choreography"])
    box.inputs["choreography"].value = "²"
    box.save.click()
    assert "Not saved yet" in box.feedback.value and "²" in box.feedback.value


def test_a_reveal_missing_one_style_says_so_in_its_output():
    lessonlib.record("04_criminal_check_exercise", "robust-reveal",
                     {"values": {"choreography": 1, "orchestration": 2}, "revealed": False})
    view = lessonlib.reveal("04_criminal_check_exercise", "robust-reveal",
                            ["choreography", "orchestration"], {"choreography": 2})
    view.button.click()
    assert "'orchestration' missing" in html.unescape(view.output.value)


def test_an_unexpected_error_in_a_callback_is_shown_not_lost(monkeypatch):
    box = lessonlib.predict("04_criminal_check_exercise", "robust-boom", ["choreography"])

    def boom(texts):
        raise KeyError("boom")

    monkeypatch.setattr(box.prediction, "save", boom)
    box.save.click()  # must not raise into the browser's console
    assert "Something went wrong: KeyError" in box.feedback.value


# --------------------------------------------------------------------------- impact


def test_impact_says_when_a_command_is_handled_by_a_replacement():
    before = Architecture("Shop", services=["Order", "Payment"])
    before.add_command("RetrievePayment", sender="Order", receiver="Payment")
    after = before.copy()
    after.remove_service("Payment")
    after.add_service("Payments v2")
    after.add_command("RetrievePayment", sender="Order", receiver="Payments v2")
    result = impact(before, after)
    assert result.rerouted == (("RetrievePayment", "Order", "Payment", "Payments v2"),)
    assert result.untouched == ("Order",)  # its role is the same: it sends the command
    assert ("Order still sends RetrievePayment, but Payments v2 handles it now instead of "
            "Payment: Order depends on a different service. Its code changes only if it "
            "addresses Payment by name") in result.report()


def test_impact_says_nothing_of_rerouting_when_the_receiver_stays():
    chain = scenarios.order_fulfilment_orchestration()
    result = impact(chain, lessonlib.reorder(chain, "Payment", "Inventory"))
    assert result.rerouted == () and "handles it now" not in result.report()


def _bench():
    path = Path(__file__).resolve().parent.parent / "benchmarks" / "bench_scaling.py"
    spec = importlib.util.spec_from_file_location("bench_scaling", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _best(fn, repeat=3):
    # CPU time of this process (other processes share the machine's 2 cores), with the
    # garbage collector paused, whose passes over a big model are noise, not the algorithm.
    # (No gc.collect() here: in a test worker that has run a thousand tests a full
    # collection takes longer than every measured call together.)
    best = float("inf")
    for _ in range(repeat):
        gc.disable()
        try:
            start = time.process_time()
            fn()
            best = min(best, time.process_time() - start)
        finally:
            gc.enable()
    return best


def test_the_impact_engine_scales_linearly():
    """Ten times the services take about ten times as long (quadratic: about a hundred)."""
    bench = _bench()
    small, large = bench.operations(400), bench.operations(4000)
    slow = {}
    for label in small:
        ratio = _best(large[label], repeat=2) / max(_best(small[label]), 1e-4)
        if ratio > 50:  # linear: about 10; quadratic: about 100
            slow[label] = round(ratio)
    assert slow == {}, f"10x the services took this many times as long: {slow}"
