"""What a wrong prediction says about the belief behind it: the feedback of the course's
predictions, by answer, as the numeric quiz questions have it.

Each entry is the ``feedback=`` of one prediction declared in
:mod:`lessonlib.course.activities`: for each label, the answers learners commonly
give (a count as digits, ``"other"`` for any count not listed, or one of the label's
choices) -> a text that names the belief behind that answer and what contradicts
it. A reveal shows the text for a prediction that missed
(:meth:`lessonlib.course.prediction.Prediction.reveal`); a right prediction needs none,
so no entry is keyed by the answer the model gives (a test checks each against the
count lessonlib computes).

The counts themselves are never written here: they come from the models when the
prediction is revealed.
"""

from __future__ import annotations

from collections.abc import Mapping

from lessonlib.course.quiz.format import OTHER
from lessonlib.errors import LessonError, LessonTypeError, check_name, shown, suggest
from lessonlib.styles import CHOREOGRAPHY, ORCHESTRATION

__all__ = ["checked", "OTHER", "TRANSPORT", "LINKS", "LEDGER", "GOODS_FIRST_CHAIN",
           "GOODS_FIRST_OWNER", "VIP_INVOICE", "FRAUD_CHECK", "CRIMINAL_CHECK", "REFUND",
           "REFUND_EXPLAINED", "FALSE_ALARM"]


def checked(feedback: object, labels: tuple[str, ...],
            choices: Mapping[str, tuple[str, ...]] | None,
            key: str) -> tuple[tuple[str, tuple[tuple[str, str], ...]], ...]:
    """A prediction's ``feedback=``, checked: for each label, its answers (counts as digits
    or "other"; or the label's choices) -> a text naming the belief behind it, as
    :class:`~lessonlib.course.activities.Activity` keeps it.

    >>> checked({"x": {"1": "One is a belief."}}, ("x",), None, "demo")
    (('x', (('1', 'One is a belief.'),)),)
    >>> checked({"x": {"one": "?"}}, ("x",), None, "demo")
    Traceback (most recent call last):
    ...
    lessonlib.errors.LessonError: The feedback for 'x' of the prediction 'demo' is keyed by a count as digits (like '1') or 'other'; got 'one'.
    """
    if feedback is None:
        return ()
    example = "{'choreography': {'1': 'That is the belief that ...', 'other': '...'}}"
    if not isinstance(feedback, Mapping):
        raise LessonTypeError(f"feedback= of the prediction {key!r} maps each label to its "
                              f"answers' feedback, like {example}; got {shown(feedback)}.")
    found = []
    for label, table in feedback.items():
        _one_of(label, labels, f"a label of the prediction {key!r}")
        if not isinstance(table, Mapping):
            raise LessonTypeError(f"The feedback for {label!r} of the prediction {key!r} maps "
                                  f"answers to texts, like {example}; got {shown(table)}.")
        valid = choices[label] if choices is not None else None
        rows = []
        for answer, text in table.items():
            if valid is not None:
                _one_of(answer, valid, f"an answer for {label!r} of the prediction {key!r}")
            elif not (answer == OTHER or (isinstance(answer, str) and answer.isdigit())):
                raise LessonError(f"The feedback for {label!r} of the prediction {key!r} is "
                                  f"keyed by a count as digits (like '1') or 'other'; got "
                                  f"{shown(answer)}.")
            rows.append((answer, check_name(text, "feedback text")))
        found.append((label, tuple(rows)))
    return tuple(found)


def _one_of(value: object, valid: tuple[str, ...], what: str) -> str:
    if not isinstance(value, str) or value not in valid:
        raise LessonError(f"{shown(value)} is not {what}. {suggest(value, valid)}")
    return value


_NO_EMITTER = ("Checkout only announces OrderPlaced; it does not know who reacts, so nothing a "
               "subscriber does changes Checkout.")

# --------------------------------------------------------------------------- lesson 01

#: Lesson 01: does the queued command get an answer; what does the feed's emitter know?
TRANSPORT = {
    "the command over the queue": {
        "No: nobody answers a message on a queue":
            "That is the belief that a message sent without waiting expects no answer. The "
            "sender did not block, yet Payment's answer came back later on a reply queue: "
            "expecting an answer is meaning, blocking for it is transport.",
        "Only if the sender blocks and waits for it":
            "That is the belief that commands are synchronous: an answer needs a caller that "
            "waits. The sender moved on at once and the answer still came, later. Blocking is "
            "transport; the answer belongs to the command's meaning.",
    },
    "the event on the HTTP feed": {
        "No: an emitter never learns who read its event":
            "That is the slogan \"the emitter does not know who reacts\" read as a fact about "
            "the wire. An HTTP server sees every request, and these readers said who they "
            "were. The slogan is about the emitter's logic: nothing it emits depends on who "
            "reads.",
        "Yes, and it must know its readers to send them the event":
            "That is the belief that an event, like a command, is addressed to its receivers. "
            "Checkout put OrderPlaced on its feed once and emitted the same whether two "
            "services read it or none; each reader fetched it on its own account.",
    },
}

# --------------------------------------------------------------------------- lesson 02

#: Lesson 02: how many links couple two services, in the chain and with the order service.
LINKS = {
    CHOREOGRAPHY: {
        "0": "That is the belief that events remove coupling. Each subscriber must know the "
             "event it reacts to (its name, its shape, its meaning) and who emits it: Payment "
             "depends on Checkout's OrderPlaced as surely as a sender depends on a receiver.",
        "2": "You probably left one link out, perhaps the first: Payment reacts to Checkout's "
             "OrderPlaced, so Payment depends on Checkout. Every event a service reacts to is "
             "a link.",
        "4": "You probably counted GoodsShipped too. Nobody reacts to it in the chain, so it "
             "couples Shipping to no one: a link needs a service on each end.",
        "6": "Did you count each link twice, once per end? A link joins two services and is "
             "carried by one of them: with an event, the subscriber.",
        "other": "Count the events that some service reacts to: each couples the subscriber to "
                 "the emitter.",
    },
    ORCHESTRATION: {
        "0": "A command couples too: the order service must know Payment's API to send "
             "RetrievePayment, and it cannot do its job if Payment does not answer.",
        "3": "You counted the commands only. The order service also reacts to Checkout's "
             "OrderPlaced, and that event couples it to Checkout.",
        "5": "You probably counted OrderCompleted too. Nobody subscribes to it, so it couples "
             "the order service to no one: a link needs a service on each end.",
        "7": "You counted each answer (PaymentReceived, ...) as a link of its own. A command and "
             "the answer its receiver sends back join the same two services, the sender "
             "depending on the receiver: one link. Counting both makes orchestration look twice "
             "as coupled as it is.",
        "8": "You counted every message, answers and OrderCompleted included. OrderCompleted "
             "has no subscriber, and each answer belongs to its command's link.",
        "other": "Count the services the order service must know (it commands some and listens "
                 "to one), one link each.",
    },
}

#: Lesson 02's ledger: a second reactor to a new customer, and an outage of the hub.
LEDGER = {
    "a second reactor": {
        "Fewer services change with commands":
            "That is the belief that a service that commands makes every change cheaper. The "
            "SMS greeting is the SMS team's own business: had Onboarding commanded its "
            "reactions, Onboarding would change for this reactor, and for every one after it.",
        "The same number change either way":
            "That is the belief that the style only moves a dependency and never changes the "
            "count. Here it does: with an event the newcomer subscribes and nobody else "
            "changes; with a command the sender must learn to send one more.",
    },
    "an outage": {
        "Only the engine's outage stops every order":
            "That is the belief that orchestration brings a single point of failure and "
            "choreography none. Every event of the chain travels on the broker: while it is "
            "down no order gets through there either. Judge both by one standard.",
        "Only the broker's outage stops every order":
            "That is the belief that an engine, unlike a broker, keeps the process going on "
            "its own. It runs every step of every order: while it is down none gets through. "
            "Both are infrastructure, made highly available the same way.",
    },
}

# --------------------------------------------------------------------------- lesson 03

#: Lesson 03: fetch the goods before the payment, in the event chain.
GOODS_FIRST_CHAIN = {CHOREOGRAPHY: {
    "0": "Something must change: the steps swap places, and in a chain the order of the steps "
         "lives in the subscriptions.",
    "1": "One service is the count with an owner, where the sequence lives in one place. In the "
         "chain nobody holds the whole sequence: each subscriber holds its own piece of it.",
    "2": "You counted the two services that swap places: the belief that a change in a chain "
         "stays local. Shipping reacted to GoodsFetched, the event of the step before it; with "
         "the goods fetched first the step before it is the payment, so its subscription "
         "changes too.",
    "4": "All four? " + _NO_EMITTER,
    "other": "Follow each subscription: which event does each service react to before the "
             "swap, and which after?",
}}

#: Lesson 03: the same change with the order service that owns the process.
GOODS_FIRST_OWNER = {ORCHESTRATION: {
    "0": "Something must change: the owner runs the steps in a new order, and that order is its "
         "code.",
    "2": "You probably counted Payment or Inventory as well. They keep offering the same "
         "commands; only the owner sends them in another order.",
    "3": "That is the chain's count: the belief that a change costs the same in every style. "
         "With an owner the sequence lives in one place, so the change does too.",
    "4": "Every service the owner talks to? Payment, Inventory and Shipping keep offering the "
         "same commands; only the owner's process changes.",
    "other": "Which service holds the sequence of steps? Count the services whose role or "
             "process differs afterwards.",
}}

#: Lesson 03: VIP customers pay later, by invoice.
VIP_INVOICE = {
    CHOREOGRAPHY: {
        "0": "Something must change: VIP orders now skip the payment, and in a chain each step "
             "waits for the one before it.",
        "1": "You counted Payment only (it skips VIP orders). But nobody will announce a payment "
             "for a VIP order, so Inventory, which waited for PaymentReceived, must react to "
             "OrderPlaced for VIP orders: in a chain the next step hangs on the one before.",
        "3": "Shipping? It still reacts to GoodsFetched, which Inventory announces for every "
             "order. " + _NO_EMITTER,
        "other": "Which service no longer acts on VIP orders, and which service waited for it?",
    },
    ORCHESTRATION: {
        "0": "Something must change: the order service now runs a second way to fulfil an "
             "order, one without the payment.",
        "2": "You probably counted Payment too: the belief that the service that stops "
             "collecting must change. Payment keeps offering RetrievePayment; the owner simply "
             "does not send it for VIP orders.",
        "3": "That counts the services the owner talks to. They keep offering the same commands; "
             "only the owner's process changes.",
        "other": "Which service decides what happens to an order, and which services only "
                 "offer commands?",
    },
}

#: Lesson 03: a fraud check right after the payment.
FRAUD_CHECK = {
    CHOREOGRAPHY: {
        "0": "The fraud check is new, and a new service counts: someone builds and runs it.",
        "1": "That is the belief that a new step in a chain needs only a new consumer. "
             "Inventory reacted to PaymentReceived; unless it now waits for FraudChecked, it "
             "fetches the goods before the check.",
        "3": "Payment? It announces PaymentReceived as before and does not know that a new "
             "service listens.",
        "other": "Count the new service, then ask which service reacted to PaymentReceived "
                 "before the check was there.",
    },
    ORCHESTRATION: {
        "0": "The fraud check is new, and a new service counts: someone builds and runs it.",
        "1": "Only the new fraud check? It does nothing until someone commands it: the owner "
             "must send it a command and wait for its result, so its process gains a step.",
        "3": "Payment or Inventory? They keep offering the same commands; the new step goes into "
             "the owner's process only.",
        "other": "Count the new service, then ask who must make sure the check runs before the "
                 "goods are fetched.",
    },
}

# --------------------------------------------------------------------------- lesson 04

_OTHERS = ("The website keeps announcing RegistrationRequested, and the address and credit "
           "checks keep doing what they did.")

#: Lesson 04: add a criminal check to customer onboarding.
CRIMINAL_CHECK = {
    CHOREOGRAPHY: {
        "0": "The criminal check is new, and a new service counts: someone builds and runs it.",
        "1": "That is the belief this exercise tests: a new step needs only a new listener. The "
             "check's result decides whether a customer is created, so Onboarding, which "
             "decides, must now wait for the check's result event.",
        "3": "A third service? " + _OTHERS + " A new subscriber changes no emitter.",
        "other": "Count the new service, then ask which service decides whether the customer "
                 "is created.",
    },
    ORCHESTRATION: {
        "0": "The criminal check is new, and a new service counts: someone builds and runs it.",
        "1": "Only the new check? It does nothing until commanded: Onboarding must send it the "
             "command and wait for its answer before it creates the customer.",
        "3": "A third service? " + _OTHERS + " Only the owner of the process learns a step.",
        "other": "Count the new service, then ask who must make sure the check runs before the "
                 "customer is created.",
    },
}

# --------------------------------------------------------------------------- lesson 06

#: Lesson 06: what must change to add the refund on a failed shipment, per style.
REFUND = {
    CHOREOGRAPHY: {
        "0": "That is the belief that a new reaction costs nothing in a choreography. The "
             "reaction has to live somewhere: Payment must subscribe to the bad news and learn "
             "to refund, so Payment changes.",
        "2": "Shipping need not change: it already announces its failure (that is what makes "
             "the comparison fair). Only the service that reacts, Payment, learns something "
             "new.",
        "other": "Only the reacting service changes: the emitters announce what they announced "
                 "before and do not know who listens.",
    },
    ORCHESTRATION: {
        "0": "The owner must learn the new rule (on bad news, command a refund), and Payment "
             "must offer the refund: nothing happens by itself.",
        "1": "That counts the owner only. Payment must offer the refund as a command it "
             "handles, a new capability, so it changes too.",
        "other": "Shipping already announces its failure and the owner already hears it: count "
                 "who learns the rule and who must offer the refund.",
    },
}
#: Lesson 06: what the refund's reveal says after the counts, beside the beliefs it answers
#: (the balanced half first: by count the chain wins here; a test checks the counts named).
REFUND_EXPLAINED = (
    "**By count, the event chain wins here**: one service against two. It needs no owner, and "
    "the service that reacts carries the change. That is the balanced half of the story; the "
    "other half is *where the rule ends up*.\n\nIn the chain, the rule \"a failed shipment means "
    "a refund\" lives in Payment, which now depends on Shipping's failure event: Payment must "
    "know the shipping domain, and nobody can read the whole saga in one place. With the owner, "
    "the rule lives in the order process, and Payment only offers `RefundPayment`, a command any "
    "caller can use (lesson 02's reusable service).\n\nAnd a refund on *announced* failures is "
    "the easy part. A shipment that fails silently announces nothing for Payment to hear: the "
    "labs below show who notices that, and what it costs.")

# --------------------------------------------------------------------------- lesson 07

#: Lesson 07: OrderPlaced, with exactly one subscriber today.
FALSE_ALARM = {
    "OrderPlaced, with one subscriber": {
        "A command in disguise: its one subscriber must act":
            "That is the belief that one subscriber means a command. The count is a warning "
            "sign, not proof: the order service acts because its team owns order fulfilment, "
            "not because Checkout asked. Checkout waits for no answer, and no step of its own "
            "is lost without the order service.",
        "Ambiguous: the model cannot tell either way":
            "Here the model can tell. The name states a fact in the past tense, nobody answers "
            "Checkout, and Checkout's process loses nothing without the subscriber. A name "
            "like RegistrationRequested leaves the detector undecided; OrderPlaced does not.",
    },
}
