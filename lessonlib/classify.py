"""Command or event? A classification exercise checked by the litmus test.

Introduced in ``01_commands_and_events.ipynb``. The litmus test: an **event**
states a fact about the past, and its emitter neither knows nor cares who
reacts; a **command** expresses an intent that its one recipient cannot
ignore (it acknowledges or rejects it). The transport (queue, HTTP, Kafka)
never decides.

>>> print(check("OrderPlaced", "Event"))
✓ Right: OrderPlaced is an event. It states a fact about the past (an order was placed); Checkout neither knows nor cares who reacts.
>>> check("OrderPlaced", "evnt").verdict
"'evnt' is not a kind of message. Did you mean 'event'? Type 'command' or 'event'."
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from lessonlib.architecture import COMMAND, EVENT, MESSAGE_KINDS
from lessonlib.errors import LessonError, LessonTypeError, shown, suggest
from lessonlib.prose import a_an, plural

__all__ = ["Example", "Verdict", "EXAMPLES", "example", "parse_kind", "grade_classification", "score"]

_ALIASES = {"cmd": COMMAND, "commands": COMMAND, "evt": EVENT, "events": EVENT,
            "an event": EVENT, "a command": COMMAND}


@dataclass(frozen=True)
class Example:
    """A message to classify: its name, where it travels, its kind and why."""

    name: str
    context: str
    kind: str
    why: str
    source: str = ""


EXAMPLES: tuple[Example, ...] = (
    Example("OrderPlaced", "Checkout announces it after a customer clicks 'buy'.", "event",
            "It states a fact about the past (an order was placed); Checkout neither knows "
            "nor cares who reacts.", "flowing-retail"),
    Example("RetrievePayment", "The order service sends it to the payment service.", "command",
            "It is an intent: the order service wants the payment service to collect money, "
            "and Payment cannot ignore it; it acknowledges or rejects it.", "flowing-retail"),
    Example("PaymentReceived", "The payment service announces it once the money is in.",
            "event", "A fact about the past: money was received. Whoever cares (inventory, "
            "the order service) decides for itself what to do.", "flowing-retail"),
    Example("FetchGoods", "The order service sends it to the inventory service.", "command",
            "An intent addressed to one recipient, which must deal with it: fetch these goods.",
            "flowing-retail"),
    Example("GoodsShipped", "The shipping service announces it when the parcel has left.",
            "event", "A fact: the goods were shipped. Shipping does not know who listens.",
            "flowing-retail"),
    Example("ShipGoods", "The order service sends it to the shipping service.", "command",
            "Imperative and addressed: the order service needs shipping to act and hear back.",
            "flowing-retail"),
    Example("RetrievePayment as a Kafka record",
            "The same RetrievePayment, written to the payment service's Kafka topic.",
            "command", "The transport does not decide. It is still an intent the payment service "
            "must handle (acknowledge or reject): Kafka can carry commands.", "DOMAIN myth"),
    Example("OrderPlaced on a REST feed",
            "Checkout lists its orders at GET /events; whoever wants them polls the feed.",
            "event", "Still a fact about the past, and Checkout does not know who reads its "
            "feed: an event can travel over HTTP.", "DOMAIN myth"),
    Example("PaymentFailed", "The payment service announces that a card was declined.",
            "event", "Bad news is still a fact about the past. It asks nobody to do anything; "
            "whoever owns the follow-up reacts.", "tricky"),
    Example("CustomerNeedsToBeSentANotification",
            "The onboarding service publishes it; exactly one notification service must act.",
            "command", "Published like an event, but it states no fact about the past: it says "
            "what must happen next, and one service must do it. A command in disguise (better "
            "named SendNotification).", "the course's disguise example (not Ruecker's)"),
    Example("AddressCheckRequired",
            "The onboarding service publishes it and waits for the address-check result.",
            "command", "It expresses what onboarding needs done and it waits for the answer: "
            "the command CheckAddress dressed as an event.", "Ruecker, InfoWorld 2019"),
    Example("CustomerCreated", "The onboarding service announces a new customer.", "event",
            "A fact; loyalty and notification services react on their own account.", "Ruecker"),
)
_BY_NAME = {e.name: e for e in EXAMPLES}


def example(name: str) -> Example:
    """The catalogue entry called ``name`` (a typo gets a suggestion).

    >>> example("ShipGoods").kind
    'command'
    """
    if not isinstance(name, str):
        raise LessonTypeError(f"A message name is a string, like 'OrderPlaced'; got {shown(name)}.")
    found = _BY_NAME.get(name.strip())
    if found is None:
        raise LessonError(f"There is no message {shown(name)} in the exercise. "
                          f"{suggest(name.strip(), _BY_NAME)}")
    return found


def parse_kind(answer: object) -> str:
    """Read a learner's answer as ``"command"`` or ``"event"``, forgiving case and spaces.

    >>> parse_kind("  EVENT ")
    'event'
    >>> parse_kind("comand")
    Traceback (most recent call last):
    ...
    lessonlib.errors.LessonError: 'comand' is not a kind of message. Did you mean 'command'? Type 'command' or 'event'.
    """
    if not isinstance(answer, str):
        raise LessonTypeError(f"An answer is the word 'command' or 'event'; got {shown(answer)} "
                              f"({type(answer).__name__}).")
    word = " ".join(answer.split()).lower().strip(".!")
    word = _ALIASES.get(word, word)
    if word in MESSAGE_KINDS:
        return word
    if not word:
        raise LessonError("The answer is empty. Type 'command' or 'event'.")
    close = difflib.get_close_matches(word, MESSAGE_KINDS, n=1, cutoff=0.6)
    hint = f"Did you mean {close[0]!r}? " if close else ""
    raise LessonError(f"{shown(answer)} is not a kind of message. {hint}Type 'command' or 'event'.")


@dataclass(frozen=True)
class Verdict:
    """The result of checking one answer.

    ``correct`` is ``None`` when the answer could not be read (a typo): then
    ``verdict`` says why, and nothing is graded.
    """

    name: str
    answer: str
    correct: bool | None
    verdict: str

    def __str__(self) -> str:
        return self.verdict


def grade_classification(name: str, answer: object) -> Verdict:
    """Grade a learner's classification of the message ``name``.

    Case and extra spaces are forgiven. An answer that is neither word gets a
    sentence (with the nearest word) and is not graded; an unknown message name
    raises :class:`~lessonlib.LessonError`.

    >>> grade_classification("RetrievePayment", "event").correct
    False
    """
    item = example(name)
    try:
        kind = parse_kind(answer)
    except LessonError as exc:
        return Verdict(item.name, str(answer), None, str(exc))
    if kind == item.kind:
        return Verdict(item.name, kind, True,
                       f"✓ Right: {item.name} is {a_an(item.kind)}. {item.why}")
    return Verdict(item.name, kind, False,
                   f"✗ Not quite: {item.name} is {a_an(item.kind)}, not {a_an(kind)}. {item.why}")


check = grade_classification  # old name, kept until 0.3


def score(verdicts) -> str:
    """A sentence counting right answers among the graded ones.

    >>> score([check("OrderPlaced", "event"), check("FetchGoods", "event")])
    '1 of 2 checked answers right (12 messages in the exercise).'
    """
    graded = [v for v in verdicts if isinstance(v, Verdict) and v.correct is not None]
    right = sum(v.correct for v in graded)
    return (f"{right} of {plural(len(graded), 'checked answer')} right "
            f"({plural(len(EXAMPLES), 'message')} in the exercise).")
