"""Tests for lessonlib.transport: the same message in two real envelopes."""

from __future__ import annotations

import socket
import urllib.error
import urllib.request

import pytest

from lessonlib import LessonError, LessonTypeError
from lessonlib.transport import (
    HOST,
    InProcessQueue,
    LocalHttpService,
    Payload,
    Rejected,
    same_message_two_envelopes,
)


def test_demo_delivers_both_messages_over_both_transports_unchanged():
    report = same_message_two_envelopes()
    seen = {(d.received.kind, d.transport) for d in report.receipts}
    assert seen == {("command", InProcessQueue.name), ("command", LocalHttpService.name),
                    ("event", InProcessQueue.name), ("event", LocalHttpService.name)}
    assert report.payload_unchanged and report.meaning_kept
    assert all(d.received == report.command for d in report.receipts
               if d.received.kind == "command")
    assert all(d.received == report.event for d in report.receipts
               if d.received.kind == "event")


def test_demo_shows_an_asynchronous_command_and_an_event_on_a_rest_feed():
    report = same_message_two_envelopes()
    queued = [d for d in report.receipts
              if d.transport == InProcessQueue.name and d.received.kind == "command"]
    assert [d.sender_waited for d in queued] == [False]
    assert [d.reply for d in queued] == ["acknowledged"]
    feed = [d for d in report.receipts
            if d.transport == LocalHttpService.name and d.received.kind == "event"]
    assert {d.receiver for d in feed} == {"Payment", "Analytics"}
    assert all(d.envelope.startswith("GET /events") and d.reply is None for d in feed)
    assert "asynchronous" in report.summary() and "Still an event" in report.summary()


def test_demo_server_bound_to_localhost_and_stopped_afterwards():
    report = same_message_two_envelopes()
    host, port = report.address
    assert host == HOST == "127.0.0.1"
    assert report.server_stopped
    with pytest.raises(OSError), socket.create_connection((host, port), timeout=1):
        pass


def test_demo_command_rejected_on_both_transports():
    report = same_message_two_envelopes(amount=0)
    replies = [d.reply for d in report.receipts if d.received.kind == "command"]
    assert len(replies) == 2
    assert all(r.startswith("rejected: the amount must be positive") for r in replies)
    assert "HTTP 422" in [d for d in report.receipts
                          if d.transport == LocalHttpService.name
                          and d.received.kind == "command"][0].envelope


def test_demo_payload_unchanged_is_false_when_a_delivery_differs():
    from dataclasses import replace

    report = same_message_two_envelopes()
    changed = replace(report.receipts[0], received=Payload("event", "Tampered"))
    broken = replace(report, receipts=(changed, *report.receipts[1:]))
    assert not broken.payload_unchanged and not broken.meaning_kept
    assert "NOT the same" in broken.summary()


def test_the_meaning_is_read_from_the_answers_not_from_equal_bytes():
    from dataclasses import replace

    report = same_message_two_envelopes()
    assert [c.held for c in report.evidence()] == [True] * 5
    assert report.meaning().endswith("a command on every transport, an event on every transport.")
    # Same bytes, but the command went unanswered: not a command any more.
    ignored = tuple(replace(d, reply=None) if d.received.kind == "command" else d
                    for d in report.receipts)
    unanswered = replace(report, receipts=ignored)
    assert unanswered.payload_unchanged and not unanswered.meaning_kept
    assert "✗ The command RetrievePayment" in unanswered.meaning()
    # Same bytes, but the event was answered: not an event any more.
    answered = tuple(replace(d, reply="acknowledged") if d.received.kind == "event" else d
                     for d in report.receipts)
    assert not replace(report, receipts=answered).meaning_kept
    # An HTTP feed sees its readers: that alone does not make the event a command...
    assert set(report.readers_learnt) == {"Payment", "Analytics"}
    assert "its server saw Analytics and Payment fetch it" in report.meaning()
    unseen = replace(report, readers_learnt=())
    assert unseen.meaning_kept and "could not tell who read it" in unseen.summary()
    # ...but an emitter that emits something else for its readers is not emitting an event.
    served = replace(report, emitted_alike=False)
    assert not served.meaning_kept and "DEPENDED on who read it" in served.meaning()
    assert "Still an event" not in served.summary()


def test_a_feed_sees_the_readers_that_say_who_they_are_and_emits_the_same_for_all():
    with LocalHttpService("Checkout") as checkout, LocalHttpService("Checkout") as unread:
        for service in (checkout, unread):
            service.emit(Payload("event", "OrderPlaced", {"order": 1}, "Checkout"))
        checkout.read_feed("Payment", say_who=False)  # a plain GET names nobody
        assert checkout.readers_learnt(["Payment", "Analytics"]) == ()
        with urllib.request.urlopen(f"{checkout.url}/events?reader=Analytics", timeout=5):
            pass  # a reader that says its name in the query
        checkout.read_feed("Payment")  # and one in its User-Agent, as read_feed does
    assert checkout.readers_learnt(["Payment", "Analytics"]) == ("Payment", "Analytics")
    assert checkout.emitted == unread.emitted
    assert [p.name for p in checkout.emitted] == ["OrderPlaced"]


def test_queue_fans_an_event_out_to_every_subscriber_and_none_is_fine():
    got = []
    with InProcessQueue() as bus:
        bus.subscribe("OrderPlaced", "Payment", lambda p: got.append(("Payment", p.name)))
        bus.subscribe("OrderPlaced", "Inventory", lambda p: got.append(("Inventory", p.name)))
        bus.publish(Payload("event", "OrderPlaced", {"order": 1}))
        bus.publish(Payload("event", "NobodyListens"))
        deliveries = bus.replies()
    assert sorted(got) == [("Inventory", "OrderPlaced"), ("Payment", "OrderPlaced")]
    assert len(deliveries) == 2


def test_queue_handler_may_reject_a_command():
    def refuse(payload):
        raise Rejected("card expired")

    with InProcessQueue() as bus:
        bus.handle("RetrievePayment", "Payment", refuse)
        bus.send(Payload("command", "RetrievePayment"))
        assert [d.reply for d in bus.replies()] == ["rejected: card expired"]


def test_http_service_answers_404_for_unknown_paths_and_reads_feed_from_a_position():
    with LocalHttpService("Checkout") as checkout:
        for n in range(3):
            checkout.emit(Payload("event", "OrderPlaced", {"order": n}))
        later = checkout.read_feed("Payment", after=2)
        assert [d.received.data["order"] for d in later] == [2]
        with pytest.raises(urllib.error.HTTPError) as info:
            urllib.request.urlopen(checkout.url + "/nothing", timeout=5)
        assert info.value.code == 404
        with pytest.raises(LessonError, match="did not accept"):
            checkout.post_command(Payload("command", "Unknown"))
    assert not checkout.running


def test_payload_round_trips_and_normalises_kind():
    p = Payload(" Command ", "RetrievePayment", {"amount": 1.5}, "Order")
    assert p.kind == "command"
    assert Payload.from_json(p.to_json()) == p


@pytest.mark.parametrize("args, error, words", [
    (("evnet", "OrderPlaced"), LessonError, "Did you mean 'event'"),
    (("event", ""), LessonError, "must not be empty"),
    (("event", 42), LessonTypeError, "must be a string"),
    (("event", "OrderPlaced", [1, 2]), LessonTypeError, "is a dict"),
    (("event", "OrderPlaced", {"when": object()}), LessonTypeError, "plain JSON"),
    (("event", "OrderPlaced", {}, 7), LessonTypeError, "service name"),
])
def test_payload_bad_input(args, error, words):
    with pytest.raises(error, match=words):
        Payload(*args)


def test_payload_from_bad_json():
    with pytest.raises(LessonError, match="Not a lessonlib payload"):
        Payload.from_json("{not json")


@pytest.mark.parametrize("call, words", [
    (lambda bus: bus.send(Payload("event", "OrderPlaced")), "publish an event"),
    (lambda bus: bus.publish(Payload("command", "RetrievePayment")), "send a command"),
    (lambda bus: bus.send(Payload("command", "NoHandler")), "Nobody handles"),
    (lambda bus: bus.send("RetrievePayment"), "takes a Payload"),
    (lambda bus: bus.handle("X", "Payment", "not a function"), "handler is a function"),
    (lambda bus: [bus.handle("X", "A", print), bus.handle("X", "B", print)], "exactly one"),
])
def test_queue_bad_input(call, words):
    with InProcessQueue() as bus, pytest.raises(LessonError, match=words):
        call(bus)


def test_closed_queue_says_so():
    bus = InProcessQueue()
    bus.close()
    with pytest.raises(LessonError, match="closed"):
        bus.publish(Payload("event", "OrderPlaced"))


@pytest.mark.parametrize("call, words", [
    (lambda api: api.emit(Payload("command", "RetrievePayment")), "appends an event"),
    (lambda api: api.post_command(Payload("event", "OrderPlaced")), "sends a command"),
    (lambda api: api.read_feed("Payment", after=-1), "feed position"),
    (lambda api: api.handle("X", None), "handler is a function"),
])
def test_http_bad_input(call, words):
    with LocalHttpService("Payment") as api, pytest.raises(LessonError, match=words):
        call(api)


def test_http_address_before_start_is_a_sentence():
    with pytest.raises(LessonError, match="not running"):
        _ = LocalHttpService("Payment").address


@pytest.mark.parametrize("kwargs", [{"amount": "ten"}, {"amount": True}, {"order": 4.2}])
def test_demo_bad_input(kwargs):
    with pytest.raises(LessonTypeError):
        same_message_two_envelopes(**kwargs)
