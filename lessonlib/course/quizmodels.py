"""The models behind the quizzes' numeric questions: each answer is counted, not typed.

A numeric question ("how many services must change?") names one of these
functions in its ``"model"`` field. Each builds a system before and after a
change and returns :func:`lessonlib.change_impact.impact` of the two, so the
right number is the model's count; ``tests/course/test_quiz_content.py`` checks that
every sealed answer equals it. Read one to see the rule at work:
a service must change when its role (what it subscribes to, emits, sends or
handles, or the steps of a process it owns) is different afterwards.

>>> compute("drop_the_warehouse")
2
>>> print(MODELS["insurance_fraud_check"]().summary())
2 services must change: Fraud check, Payout (1 new, 1 changed). Untouched: Portal, Assessment, Letters.
"""

from __future__ import annotations

from collections.abc import Callable

from lessonlib.architecture import Architecture
from lessonlib.change_impact import Impact, impact
from lessonlib.changes import insert_step
from lessonlib.course.concept_models import CONCEPT_MODELS
from lessonlib.errors import LessonError, suggest
from lessonlib.scenarios import (
    customer_onboarding_choreography,
    order_fulfilment_choreography,
    with_cancel,
    with_tracking,
)
from lessonlib.trip_booking import trip_booking_choreography

__all__ = ["MODELS", "compute", "insurance_claim_chain"]


def drop_the_warehouse() -> Impact:
    """Lesson 03's quiz: the shop stops fetching goods from its own warehouse.

    In the event chain, Inventory goes away and Shipping ships as soon as the
    payment is received.
    """
    chain = order_fulfilment_choreography()
    changed = chain.copy("Order fulfilment (choreography), without a warehouse")
    changed.remove_service("Inventory")
    changed.subscribe("Shipping", "PaymentReceived")
    return impact(chain, changed)


def credit_check_after_address() -> Impact:
    """Lesson 04's quiz: in the choreographed onboarding, the credit check needs the
    verified address, so it runs after the address check instead of beside it."""
    choreo = customer_onboarding_choreography()
    changed = choreo.copy("Customer onboarding (choreography), credit after address")
    changed.unsubscribe("Credit check", "RegistrationRequested")
    changed.subscribe("Credit check", "AddressChecked")
    return impact(choreo, changed)


def insurance_claim_chain() -> Architecture:
    """An insurance claim handled by a chain of events: a domain no lesson shows.

    The portal announces ``ClaimSubmitted``; Assessment reacts and announces
    ``ClaimAssessed``; Payout reacts and announces ``ClaimPaid``; Letters reacts
    and sends the customer the decision letter, announcing ``LetterSent``.

    >>> insurance_claim_chain().summary()
    '4 services, 0 commands, 4 events'
    """
    claims = Architecture("Insurance claim (choreography)",
                          services=["Portal", "Assessment", "Payout", "Letters"])
    claims.add_event("ClaimSubmitted", emitter="Portal", subscribers=["Assessment"])
    claims.add_event("ClaimAssessed", emitter="Assessment", subscribers=["Payout"])
    claims.add_event("ClaimPaid", emitter="Payout", subscribers=["Letters"])
    claims.add_event("LetterSent", emitter="Letters")
    return claims


def insurance_fraud_check() -> Impact:
    """Lesson 08's transfer question: a fraud check must pass between the assessment
    and the payout of an insurance claim handled by a chain of events."""
    claims = insurance_claim_chain()
    checked = insert_step(claims, "Fraud check", after="Assessment", event="FraudChecked")
    return impact(claims, checked)


def commanded_reactions() -> Impact:
    """Lesson 02's quiz: a library's loan service commands each reaction to a returned book
    (``HoldForReservation`` to the reservations service); a statistics team joins and is
    commanded too (``CountReturn``). The mirror of the ledger's second reactor, in a domain
    no lesson shows.

    >>> print(commanded_reactions().summary())
    2 services must change: Statistics, Loans (1 new, 1 changed). Untouched: Reservations.
    """
    library = Architecture("Library, reactions commanded", services=["Loans", "Reservations"])
    library.add_command("HoldForReservation", sender="Loans", receiver="Reservations")
    counted = library.copy("Library, reactions commanded, with statistics")
    counted.add_service("Statistics")
    counted.add_command("CountReturn", sender="Loans", receiver="Statistics")
    return impact(library, counted)


def track_the_chain() -> Impact:
    """Lesson 05's quiz: the event chain gets a tracker, a Tracking service that
    subscribes to every event of the chain and sends no command (Ruecker's first step,
    "track")."""
    chain = order_fulfilment_choreography()
    return impact(chain, with_tracking(chain))


def trip_visa_check() -> Impact:
    """Lesson 09's review: in the trip with every link an event, a visa check must pass
    between the hotel and the flight."""
    chain = trip_booking_choreography()
    return impact(chain, insert_step(chain, "Visa check", after="Hotel", event="VisaChecked"))


def ticket_chain() -> Architecture:
    """Lesson 05's quiz: a ticket shop as an event chain, a domain no lesson shows. Booking
    announces a reserved ticket, Payment takes the money and says so, Delivery sends the
    ticket."""
    shop = Architecture("Ticket shop (event chain)", services=["Booking", "Payment", "Delivery"])
    shop.add_event("TicketReserved", emitter="Booking", subscribers=["Payment"])
    shop.add_event("TicketPaid", emitter="Payment", subscribers=["Delivery"])
    shop.add_event("TicketSent", emitter="Delivery")
    return shop


def ticket_chain_watched() -> Impact:
    """Lesson 05's quiz: the ticket chain gets a watcher that subscribes to its three events and
    sends nothing (tracking, on a domain the lesson does not show)."""
    chain = ticket_chain()
    return impact(chain, with_tracking(chain, service="Watcher"))


def ticket_chain_owner() -> Impact:
    """Lesson 05's quiz: the ticket chain gets an owner (the price of the journey), a new
    Ticketing service that reacts to TicketReserved and commands the payment and the
    delivery, waiting for each result."""
    chain = ticket_chain()
    owned = Architecture("Ticket shop (owned)", services=[*chain.services, "Ticketing"])
    owned.add_event("TicketReserved", emitter="Booking", subscribers=["Ticketing"])
    owned.add_command("ChargeTicket", sender="Ticketing", receiver="Payment")
    owned.add_event("TicketPaid", emitter="Payment", subscribers=["Ticketing"])
    owned.add_command("SendTicket", sender="Ticketing", receiver="Delivery")
    owned.add_event("TicketSent", emitter="Delivery", subscribers=["Ticketing"])
    owned.add_process("Ticket sale", owner="Ticketing", steps=[
        "TicketReserved", "ChargeTicket", "TicketPaid", "SendTicket", "TicketSent"])
    return impact(chain, owned)


def cancel_the_shipment() -> Impact:
    """Lesson 06's quiz: the owner learns to cancel a shipment under way before it refunds
    (CancelShipment, which Shipping refuses once the goods have left)."""
    from lessonlib.simulate.systems import shop

    owner = shop("orchestration")
    return impact(owner, with_cancel(owner))


#: model name (a quiz question's "model" field) -> the function that computes it
MODELS: dict[str, Callable[[], Impact]] = {
    "trip_visa_check": trip_visa_check,
    "commanded_reactions": commanded_reactions,
    "track_the_chain": track_the_chain,
    "ticket_chain_watched": ticket_chain_watched,
    "ticket_chain_owner": ticket_chain_owner,
    "cancel_the_shipment": cancel_the_shipment,
    "drop_the_warehouse": drop_the_warehouse,
    "credit_check_after_address": credit_check_after_address,
    "insurance_fraud_check": insurance_fraud_check,
}


# The concept check's items (before lesson 01 and after the capstone) name their models here
# too: one list of models, kept in a module of their own.
MODELS.update(CONCEPT_MODELS)


def compute(name: str) -> int:
    """How many services must change in the model called ``name``."""
    if name not in MODELS:
        raise LessonError(f"There is no quiz model {name!r}. {suggest(name, MODELS)}")
    result = MODELS[name]()
    return result.total if isinstance(result, Impact) else int(result)
