"""Every bad call a learner might make gets lessonlib's own error naming the bad value."""

import pytest

from lessonlib import Architecture, LessonError, LessonTypeError, describe, draw, scenario, show
from lessonlib.scenarios import order_fulfilment_choreography


def shop():
    return order_fulfilment_choreography()


def base():
    return Architecture("t", services=["Checkout", "Payment", "Inventory"])


BAD_CALLS = [
    ("command with two receivers",
     lambda: base().add_command("RetrievePayment", sender="Checkout",
                                receiver=["Payment", "Inventory"]), LessonError, "exactly one"),
    ("event subscribed by unknown service",
     lambda: base().add_event("OrderPlaced", emitter="Checkout", subscribers=["Paymnet"]),
     LessonError, "'Paymnet'"),
    ("typo suggests the nearest name",
     lambda: base().add_event("OrderPlaced", emitter="Checkout", subscribers=["Paymnet"]),
     LessonError, "Did you mean 'Payment'"),
    ("unknown message kind",
     lambda: base().add_message("Go", "request", "Checkout", ["Payment"]), LessonError,
     "'request'"),
    ("kind typo", lambda: base().add_message("Go", "evnet", "Checkout", ["Payment"]),
     LessonError, "Did you mean 'event'"),
    ("kind not a string", lambda: base().add_message("Go", 1, "Checkout", ["Payment"]),
     LessonTypeError, "1"),
    ("service name not a string", lambda: base().add_service(42), LessonTypeError, "42"),
    ("empty service name", lambda: base().add_service("  "), LessonError, "'  '"),
    ("duplicate service", lambda: base().add_service("Payment"), LessonError, "'Payment'"),
    ("services given as one string", lambda: Architecture("x", services="Payment"),
     LessonTypeError, "'Payment'"),
    ("list passed to add_services", lambda: base().add_services(["A", "B"]), LessonTypeError,
     "['A', 'B']"),
    ("unknown emitter", lambda: base().add_event("X", emitter="Shipping"), LessonError,
     "'Shipping'"),
    ("duplicate message", lambda: shop().add_event("OrderPlaced", emitter="Payment"),
     LessonError, "'OrderPlaced'"),
    ("message to itself", lambda: base().add_command("Loop", sender="Payment",
                                                     receiver="Payment"), LessonError,
     "'Payment'"),
    ("unknown message", lambda: shop().message("PaymentRecieved"), LessonError,
     "'PaymentRecieved'"),
    ("subscribe to a command", lambda: _with_command().subscribe("Inventory", "RetrievePayment"),
     LessonError, "RetrievePayment"),
    ("unsubscribe a non-subscriber", lambda: shop().unsubscribe("Checkout", "OrderPlaced"),
     LessonError, "'Checkout'"),
    ("dependents of unknown service", lambda: shop().dependents("Shiping"), LessonError,
     "Did you mean 'Shipping'"),
    ("links of unknown kind", lambda: shop().links("events!"), LessonError, "'events!'"),
    ("draw something that is not an architecture", lambda: draw("shop"), LessonTypeError,
     "'shop'"),
    ("describe with unknown highlight", lambda: describe(shop(), highlight=["Paymnt"]),
     LessonError, "'Paymnt'"),
    ("show nothing", lambda: show(), LessonTypeError, "show()"),
    ("unknown scenario", lambda: scenario("order fulfilment chorography"), LessonError,
     "'order fulfilment chorography'"),
    ("process of a chain", lambda: shop().process("Order fulfilment"), LessonError,
     "'Order fulfilment'"),
    ("subscribers not a list", lambda: base().add_event("X", emitter="Checkout", subscribers=5),
     LessonTypeError, "5"),
]


def _with_command():
    arch = base()
    arch.add_command("RetrievePayment", sender="Checkout", receiver="Payment")
    return arch


@pytest.mark.parametrize(("call", "error", "needle"), [c[1:] for c in BAD_CALLS],
                         ids=[c[0] for c in BAD_CALLS])
def test_bad_input_gets_a_sentence_naming_the_bad_value(call, error, needle):
    with pytest.raises(error) as info:
        call()
    message = str(info.value)
    assert needle in message
    assert message.endswith((".", "?", ")")), message  # a sentence, not a bare key


def test_errors_are_value_and_type_errors():
    assert issubclass(LessonError, ValueError)
    assert issubclass(LessonTypeError, TypeError)
    assert issubclass(LessonTypeError, LessonError)


def test_unknown_public_name_suggests():
    import lessonlib

    with pytest.raises(AttributeError, match="Architecture"):
        lessonlib.Architectur  # noqa: B018
