"""The capstone's trip (lessonlib.trip_booking): one model of the domain, its three designs, the
two requirement changes counted in each, and the saga with one booking failing."""

from __future__ import annotations

import pytest

from lessonlib.architecture import COMMAND
from lessonlib.change_impact import impact
from lessonlib.changes import insert_step, reorder, steps_of, where_is_the_process
from lessonlib.decisions import architecture_of, decide
from lessonlib.errors import LessonError, LessonTypeError
from lessonlib.scenarios import SCENARIOS, order_fulfilment_choreography
from lessonlib.trip_booking import (
    BOOKINGS,
    CHANGES,
    DESIGNS,
    LINK_BY_LINK,
    TRIP_LINKS,
    TRIP_SERVICES,
    cancellations_of,
    change_impacts,
    hotel_first,
    trip_booking,
    trip_booking_choreography,
    trip_booking_orchestration,
    trip_booking_start,
    trip_day,
    trip_design,
    trip_link,
    with_cancellations,
    with_insurance,
)


def test_the_decided_model_is_what_the_tree_decides_link_by_link():
    model = trip_booking()
    decided = architecture_of([decide(link) for link in TRIP_LINKS])
    for link in TRIP_LINKS:
        kind = decide(link).kind
        name = link.command if kind == COMMAND else link.event
        found = [c for c in model.couplings()
                 if {c.dependent, c.depends_on} == {link.sender, link.receiver}]
        assert [(c.kind, c.message) for c in found] == [(kind, name)], link.key
        assert decided.kind_of(name) == kind
    assert [decide(link).kind for link in TRIP_LINKS].count(COMMAND) == 4


def test_the_trip_is_a_domain_no_earlier_lesson_shows():
    shown = {s for build in SCENARIOS.values() for s in build().services}
    assert set(TRIP_SERVICES) & shown == {"Loyalty"}  # a loyalty programme, as onboarding's


@pytest.mark.parametrize("build", [trip_booking, trip_booking_orchestration])
def test_the_owned_designs_book_in_the_story_order(build):
    steps = build().process("Trip booking").steps
    order = [m for pair in BOOKINGS.values() for m in pair]
    assert [s for s in steps if s in order] == order
    assert steps[0] == "TripRequested"


def test_the_chain_has_no_owner_and_its_order_lives_in_the_subscriptions():
    chain = trip_booking_choreography()
    assert "Trip" not in chain.services and chain.commands() == ()
    home = where_is_the_process(chain)
    assert home.owner is None
    assert steps_of(chain) == ("Travel app", "Car rental", "Hotel", "Flight")
    assert chain.message("FlightBooked").targets == ("Documents", "Loyalty")


def test_every_design_has_the_same_services_but_the_chain_has_no_trip_service():
    assert set(trip_booking().services) == set(trip_booking_orchestration().services)
    assert set(trip_booking().services) - set(trip_booking_choreography().services) == {"Trip"}


@pytest.mark.parametrize("change, expected", [
    ("insurance", {"choreography": ("Insurance",), "orchestration": ("Insurance", "Trip"),
                   LINK_BY_LINK: ("Insurance",)}),
    ("hotel first", {"choreography": ("Car rental", "Hotel", "Flight"),
                     "orchestration": ("Trip",), LINK_BY_LINK: ("Trip",)}),
])
def test_each_change_counted_in_each_design(change, expected):
    found = {design: result.must_change for design, result in change_impacts(change).items()}
    assert found == expected


def test_each_style_wins_one_change_and_link_by_link_pays_the_lower_count_in_both():
    """What the capstone's reveals say, checked against the counts."""
    totals = {change: {d: r.total for d, r in change_impacts(change).items()}
              for change in CHANGES}
    assert totals["insurance"]["choreography"] < totals["insurance"]["orchestration"]
    assert totals["hotel first"]["orchestration"] < totals["hotel first"]["choreography"]
    for counts in totals.values():
        assert counts[LINK_BY_LINK] == min(counts.values())


def test_the_new_reactor_is_wired_like_the_loyalty_programme():
    orch = with_insurance(trip_booking_orchestration())
    assert orch.handles("Insurance") == ("OfferInsurance",)
    steps = orch.process("Trip booking").steps
    assert steps[steps.index("AwardMiles") + 1] == "OfferInsurance"
    assert with_insurance(trip_booking()).subscriptions("Insurance") == ("TripBooked",)
    assert with_insurance(trip_booking_choreography()).subscriptions("Insurance") == (
        "FlightBooked",)


def test_a_change_needs_a_model_it_can_be_made_in():
    with pytest.raises(LessonError, match="needs Loyalty"):
        with_insurance(order_fulfilment_choreography())
    with pytest.raises(LessonError, match="needs Loyalty"):
        with_insurance(with_insurance(trip_booking()))
    with pytest.raises(LessonTypeError, match="must be an Architecture"):
        hotel_first("trip")
    with pytest.raises(LessonError, match="Did you mean 'hotel first'"):
        change_impacts("hotel frist")


def test_a_chain_ending_in_reactions_keeps_them_at_its_end():
    chain = trip_booking_choreography()
    flight_first = reorder(chain, "Hotel", "Flight")  # the flight is now the middle step
    assert flight_first.message("HotelBooked").targets == ("Documents", "Loyalty")
    assert impact(chain, flight_first).must_change == ("Hotel", "Flight", "Documents",
                                                       "Loyalty")
    visa = insert_step(chain, "Visa check", after="Flight", event="VisaChecked")
    assert visa.message("VisaChecked").targets == ("Documents", "Loyalty")
    assert visa.subscriptions("Visa check") == ("FlightBooked",)


def test_the_designs_are_found_by_key_or_by_what_a_learner_reads():
    for key, caption in DESIGNS.items():
        assert trip_design(key) == trip_design(caption.upper())
    with pytest.raises(LessonError, match="Did you mean"):
        trip_design("link-by-link")
    assert trip_link(" Miles ").receiver == "Loyalty"


def test_the_start_has_every_service_and_only_the_request():
    start = trip_booking_start()
    assert start.services == TRIP_SERVICES
    assert [m.name for m in start.messages] == ["TripRequested"]


# --------------------------------------------------------------------------- the saga


def test_the_saga_cancels_each_booking_the_trip_service_commands():
    saga = with_cancellations()
    for service in BOOKINGS:
        assert len(saga.handles(service)) == 2
        assert any(e.endswith("Failed") for e in saga.emits(service))
    assert "TripCancelled" in saga.emits("Trip")
    with pytest.raises(LessonError, match="owner"):
        with_cancellations(trip_booking_choreography())


@pytest.mark.parametrize("failing, undone", [
    ("Car rental", ()), ("Hotel", ("CancelCar",)), ("Flight", ("CancelHotel", "CancelCar"))])
def test_a_failed_booking_undoes_the_earlier_ones_last_made_first(failing, undone):
    sim = trip_day(failing=failing, failure_rate=0.5, trips=12)
    counts = sim.counts()
    assert counts["completed"] + counts["compensated"] == 12
    assert counts["compensated"] > 0 and counts["stuck"] == counts["inconsistent"] == 0
    for trip, outcome in sim.outcomes().items():
        assert cancellations_of(sim, trip) == (undone if outcome == "compensated" else ())


def test_a_day_with_no_failure_books_every_trip_and_the_same_seed_gives_the_same_day():
    assert trip_day(failure_rate=0, trips=5).counts()["completed"] == 5
    assert trip_day(seed=3).outcomes() == trip_day(seed=3).outcomes()


@pytest.mark.parametrize("call, needle", [
    (lambda: trip_day(failing="Documents"), "Valid names are: .Car rental."),
    (lambda: trip_day(failing="Flihgt"), "Did you mean .Flight."),
    (lambda: trip_day(trips=0), "at least 1"),
    (lambda: trip_day(failure_rate=2), "2"),
    (lambda: cancellations_of(trip_day(trips=2), "trip-3"), "trip-1 to trip-2"),
    (lambda: cancellations_of("day", "trip-1"), "'day'"),
])
def test_a_bad_call_gets_a_sentence(call, needle):
    with pytest.raises(LessonError, match=needle):
        call()
