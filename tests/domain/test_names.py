"""How message names read, tried on names from domains the course never uses.

By name alone a message reads as an honest event (a fact), an honest command (an
imperative: a disguise only if it travels as an event), a command in disguise (an
order dressed as a fact or a state) or ambiguous; a proposal is a correct verb form
and an object, or none.
"""

from __future__ import annotations

import pytest

from lessonlib.disguise import AMBIGUOUS, DISGUISED, HONEST, HONEST_COMMAND, inspect_name
from lessonlib.names import READINGS, proposal, read, verb_of

# (name, domain, how it reads by name alone, the command it hides or None)
OTHER_DOMAINS = [
    # shipping
    ("ShipmentDispatched", "shipping", "event", None),
    ("ParcelDelivered", "shipping", "event", None),
    ("DeliveryFailed", "shipping", "event", None),
    ("LabelPrinted", "shipping", "event", None),
    ("StockDepleted", "shipping", "event", None),
    ("CustomerAddressChanged", "shipping", "event", None),
    ("PrintLabel", "shipping", "command", None),
    ("SchedulePickup", "shipping", "command", None),
    ("LabelPrintingRequired", "shipping", "disguise", "PrintLabel"),
    ("CustomsClearanceRequired", "shipping", "disguise", "ClearCustoms"),
    ("ParcelNeedsToBeWeighed", "shipping", "disguise", "WeighParcel"),
    ("EmailToBeSent", "shipping", "disguise", "SendEmail"),
    ("PickupRequested", "shipping", "ambiguous", None),
    ("ShipmentStatus", "shipping", "ambiguous", None),
    # travel
    ("FlightCancelled", "travel", "event", None),
    ("FlightBooked", "travel", "event", None),
    ("PassengerCheckedIn", "travel", "event", None),
    ("BoardingPassIssued", "travel", "event", None),
    ("BaggageLost", "travel", "event", None),
    ("ReserveSeat", "travel", "command", None),
    ("BookHotel", "travel", "command", None),
    ("IssueBoardingPass", "travel", "command", None),
    ("RebookPassenger", "travel", "command", None),
    ("SeatReservationRequired", "travel", "disguise", "ReserveSeat"),
    ("TicketNeedsToBeIssued", "travel", "disguise", "IssueTicket"),
    ("HotelBookingRequested", "travel", "ambiguous", "BookHotel"),
    ("ItineraryData", "travel", "ambiguous", None),
    # insurance
    ("PolicyIssued", "insurance", "event", None),
    ("ClaimFiled", "insurance", "event", None),
    ("PremiumPaid", "insurance", "event", None),
    ("PolicyLapsed", "insurance", "event", None),
    ("AssessClaim", "insurance", "command", None),
    ("CalculatePremium", "insurance", "command", None),
    ("ClaimAssessmentRequired", "insurance", "disguise", "AssessClaim"),
    ("PolicyUnderwritingRequired", "insurance", "disguise", "UnderwritePolicy"),
    ("PolicyholderMustBeNotified", "insurance", "disguise", "NotifyPolicyholder"),
    ("QuoteRequested", "insurance", "ambiguous", None),
    ("PolicyRenewalDue", "insurance", "ambiguous", None),
    # lending
    ("LoanApproved", "lending", "event", None),
    ("LoanApplicationSubmitted", "lending", "event", None),
    ("FundsDisbursed", "lending", "event", None),
    ("RepaymentMissed", "lending", "event", None),
    ("CreditScoreCalculated", "lending", "event", None),
    ("ApproveLoan", "lending", "command", None),
    ("DisburseLoan", "lending", "command", None),
    ("GenerateInvoice", "lending", "command", None),
    ("NotifyCustomer", "lending", "command", None),
    ("LoanDisbursementRequired", "lending", "disguise", "DisburseLoan"),
    ("InvoiceGenerationRequired", "lending", "disguise", "GenerateInvoice"),
    ("BorrowerMustBeNotified", "lending", "disguise", "NotifyBorrower"),
    ("CreditCheckRequested", "lending", "ambiguous", "CheckCredit"),
    ("InstallmentOverdue", "lending", "ambiguous", None),
]

VERDICTS = {"event": HONEST, "command": HONEST_COMMAND, "disguise": DISGUISED,
            "ambiguous": AMBIGUOUS}


def test_the_list_covers_four_domains_and_every_reading():
    assert {d for _, d, _, _ in OTHER_DOMAINS} == {"shipping", "travel", "insurance", "lending"}
    assert {r for _, _, r, _ in OTHER_DOMAINS} == set(READINGS)
    assert len({n for n, *_ in OTHER_DOMAINS}) == len(OTHER_DOMAINS) >= 40


@pytest.mark.parametrize(("name", "domain", "reading", "command"), OTHER_DOMAINS,
                         ids=[n for n, *_ in OTHER_DOMAINS])
def test_names_from_other_domains_read_right(name, domain, reading, command):
    assert read(name).kind == reading
    finding = inspect_name(name)
    assert finding.verdict == VERDICTS[reading]
    if reading in ("disguise", "ambiguous"):
        assert finding.proposal == command
    if reading == "command":
        assert finding.proposal == name and "proposed command" not in str(finding)


@pytest.mark.parametrize(("name", "command"), [
    ("CustomerAddressChanged", "ChangeCustomerAddress"), ("FlightCancelled", "CancelFlight"),
    ("StockDepleted", "DepleteStock"), ("ClaimFiled", "FileClaim"),
    ("PolicyLapsed", "LapsePolicy"), ("FundsDisbursed", "DisburseFunds"),
    ("PassengerCheckedIn", "CheckInPassenger"), ("BaggageLost", "LoseBaggage"),
    ("PremiumPaid", "PayPremium"), ("ShipmentDispatched", "DispatchShipment"),
])
def test_a_fact_turned_round_is_a_correct_verb_form(name, command):
    assert proposal(read(name)) == command


@pytest.mark.parametrize(("noun", "verb"), [
    ("generation", "generate"), ("clearance", "clear"), ("reservation", "reserve"),
    ("assessment", "assess"), ("disbursement", "disburse"), ("approval", "approve"),
    ("registration", "register"), ("cancellation", "cancel"), ("verification", "verify"),
    ("delivery", "deliver"), ("printing", "print"), ("underwriting", "underwrite"),
    ("check", "check"), ("customer", None), ("status", None), ("data", None),
])
def test_the_noun_of_an_action_gives_its_verb_and_nothing_else_does(noun, verb):
    assert verb_of(noun) == verb


def test_no_proposal_repeats_the_name_it_was_asked_about_unless_it_already_commands():
    for name, _, reading, _ in OTHER_DOMAINS:
        if reading != "command":
            assert proposal(read(name)) != name
