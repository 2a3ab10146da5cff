"""The capstone's system, modelled once: booking a trip (a rental car, a hotel, a flight).

Introduced in ``09_capstone_trip_booking.ipynb``, a domain no earlier lesson shows.
A traveller books a trip in the travel app; the Trip service, the travel company's
team that sold the trip, gets the rental car reserved, the hotel booked and the
flight booked, in that order; then the traveller gets the confirmation of the
booking (the law requires one) and the loyalty programme credits miles. If a
booking fails, the bookings already made are cancelled, the last one made first.
Bernd Ruecker uses this trip (car, hotel, flight, each with its cancellation) to
explain sagas; the services, messages and links below are the course's own model
of it.

Everything a lesson counts comes from these models:

* :data:`TRIP_LINKS`: the five links the student decides with lesson 02's tree
  (:func:`~lessonlib.decisions.decide` gives the course's answer for each);
* :func:`trip_booking`: the trip decided link by link (the model answer);
  :func:`trip_booking_choreography` every link an event (a chain with no Trip
  service); :func:`trip_booking_orchestration` every link a command;
* :data:`CHANGES`: two requirement changes, each a function from a model to the
  changed copy, and :func:`change_impacts` counting one of them in every design;
* :func:`with_cancellations` and :func:`trip_day`: the saga on the bus, with one
  booking failing.

>>> trip_booking().summary()
'7 services, 4 commands, 5 events'
>>> from lessonlib.decisions import decide
>>> [decide(link).kind for link in TRIP_LINKS]
['command', 'command', 'command', 'command', 'event']
>>> {design: result.total for design, result in change_impacts("insurance").items()}
{'choreography': 1, 'orchestration': 2, 'link by link': 1}
>>> {design: result.total for design, result in change_impacts("hotel first").items()}
{'choreography': 3, 'orchestration': 1, 'link by link': 1}
"""

from __future__ import annotations

from collections.abc import Callable

from lessonlib.architecture import COMMAND, Architecture, expect_architecture
from lessonlib.change_impact import Impact, impact
from lessonlib.changes import reorder
from lessonlib.decisions import LinkCase
from lessonlib.errors import LessonError, LessonTypeError, choose, shown
from lessonlib.scenarios import COMPENSATIONS, with_bad_news
from lessonlib.styles import CHOREOGRAPHY, ORCHESTRATION

__all__ = ["TRIP_SERVICES", "BOOKINGS", "TRIP_LINKS", "trip_link", "OWNER", "PROCESS",
           "LINK_BY_LINK", "DESIGNS", "trip_booking_start", "trip_booking",
           "trip_booking_choreography", "trip_booking_orchestration", "trip_design",
           "with_insurance", "hotel_first", "CHANGES", "change_impacts", "with_cancellations",
           "TRIPS", "TRIP_DAY", "trip_day", "cancellations_of"]

#: The services of the trip, in the order the pictures show them.
TRIP_SERVICES = ("Travel app", "Trip", "Car rental", "Hotel", "Flight", "Documents", "Loyalty")
#: The service that sold the trip and owns booking it, and its process.
OWNER, PROCESS = "Trip", "Trip booking"
#: Each booking, in the order the trip makes them: its service -> (the command that asks
#: for it, the event that answers it). Their cancellations are in
#: :data:`~lessonlib.scenarios.COMPENSATIONS`, their bad news in
#: :data:`~lessonlib.scenarios.BAD_NEWS`.
BOOKINGS = {"Car rental": ("ReserveCar", "CarReserved"),
            "Hotel": ("BookHotel", "HotelBooked"),
            "Flight": ("BookFlight", "FlightBooked")}
_START, _BOOKED, _CONFIRM, _MILES = "TripRequested", "TripBooked", "SendConfirmation", "AwardMiles"
_CANCELLED = "TripCancelled"

#: The five links the capstone asks the student to decide, each from the Trip service. The
#: facts are the story's: the Trip team sold the trip, so it needs the car, the hotel and the
#: flight; the law requires the confirmation; the loyalty team wants the miles credited.
TRIP_LINKS: tuple[LinkCase, ...] = (
    LinkCase("car", "The rental car of the trip", OWNER, "Car rental",
             "reserving the rental car", sender_needs_it=True, legally_required=False,
             receiver_owns=False, command="ReserveCar", event=_START),
    LinkCase("hotel", "The hotel of the trip", OWNER, "Hotel", "booking the hotel room",
             sender_needs_it=True, legally_required=False, receiver_owns=False,
             command="BookHotel", event="CarReserved"),
    LinkCase("flight", "The flight of the trip", OWNER, "Flight", "booking the flight",
             sender_needs_it=True, legally_required=False, receiver_owns=False,
             command="BookFlight", event="HotelBooked"),
    LinkCase("confirmation", "The confirmation the law requires", OWNER, "Documents",
             "sending the traveller the confirmation of the booking", sender_needs_it=False,
             legally_required=True, receiver_owns=False, command=_CONFIRM, event=_BOOKED),
    LinkCase("miles", "Miles for the loyalty programme", OWNER, "Loyalty",
             "crediting the traveller's miles", sender_needs_it=False, legally_required=False,
             receiver_owns=True, command=_MILES, event=_BOOKED),
)
_LINKS = {link.key: link for link in TRIP_LINKS}

#: The three designs the capstone counts changes in: the keys predictions are saved under,
#: and what a learner reads for each.
LINK_BY_LINK = "link by link"
DESIGNS = {CHOREOGRAPHY: "every link an event", ORCHESTRATION: "every link a command",
           LINK_BY_LINK: "decided link by link"}


def trip_link(key: str) -> LinkCase:
    """The capstone's link called ``key`` (``"car"``, ``"hotel"``, ``"flight"``,
    ``"confirmation"`` or ``"miles"``).

    >>> trip_link("miles").receiver
    'Loyalty'
    >>> trip_link("mile")
    Traceback (most recent call last):
    ...
    lessonlib.errors.LessonError: Unknown link 'mile'. Did you mean 'miles'?
    """
    return _LINKS[choose(key.strip().lower() if isinstance(key, str) else key, _LINKS, "link")]


# --------------------------------------------------------------------------- the models


def trip_booking_start() -> Architecture:
    """The trip before any link is decided: its services, and the travel app announcing
    each trip a traveller books (``TripRequested``, to which the Trip service reacts).

    >>> trip_booking_start().links()[0].dependent
    'Trip'
    """
    arch = Architecture("Trip booking", services=TRIP_SERVICES)
    arch.add_event(_START, emitter="Travel app", subscribers=[OWNER])
    return arch


def _booked(arch: Architecture, reactions: list[str]) -> list[str]:
    """The bookings as commands of the owner, each answered by its event; the steps so far."""
    steps = [_START]
    for service, (command, answer) in BOOKINGS.items():
        arch.add_command(command, sender=OWNER, receiver=service)
        arch.add_event(answer, emitter=service, subscribers=[OWNER])
        steps += [command, answer]
    return steps + reactions


def trip_booking() -> Architecture:
    """The trip decided link by link with the tree (the capstone's model answer).

    The Trip team must make sure the car, the hotel and the flight are booked, and the
    law requires the confirmation: four commands (each booking answered by its event).
    The loyalty team credits miles on its own account: it reacts to ``TripBooked``.

    >>> print(trip_booking().process("Trip booking"))
    process 'Trip booking' owned by Trip: TripRequested -> ReserveCar -> CarReserved -> BookHotel -> HotelBooked -> BookFlight -> FlightBooked -> TripBooked -> SendConfirmation
    """
    arch = trip_booking_start()
    arch.name = "Trip booking (decided link by link)"
    steps = _booked(arch, [_BOOKED, _CONFIRM])
    arch.add_event(_BOOKED, emitter=OWNER, subscribers=["Loyalty"])
    arch.add_command(_CONFIRM, sender=OWNER, receiver="Documents", description="required by law")
    arch.add_process(PROCESS, owner=OWNER, steps=steps)
    return arch


def trip_booking_orchestration() -> Architecture:
    """The trip with every link a command: the Trip service also commands the miles.

    >>> trip_booking_orchestration().sends("Trip")
    ('ReserveCar', 'BookHotel', 'BookFlight', 'SendConfirmation', 'AwardMiles')
    """
    arch = trip_booking_start()
    arch.name = "Trip booking (every link a command)"
    steps = _booked(arch, [_CONFIRM, _MILES])
    arch.add_command(_CONFIRM, sender=OWNER, receiver="Documents", description="required by law")
    arch.add_command(_MILES, sender=OWNER, receiver="Loyalty")
    arch.add_process(PROCESS, owner=OWNER, steps=steps)
    return arch


def trip_booking_choreography() -> Architecture:
    """The trip with every link an event: a chain with no Trip service.

    The car rental reacts to the trip requested, the hotel to the car reserved, the
    flight to the hotel booked; the documents and the miles react to the flight booked,
    the chain's last event (only the Flight service knows the trip is complete).

    >>> from lessonlib.changes import where_is_the_process
    >>> where_is_the_process(trip_booking_choreography()).defined_in
    ('Car rental', 'Hotel', 'Flight', 'Documents', 'Loyalty')
    """
    services = [s for s in TRIP_SERVICES if s != OWNER]
    arch = Architecture("Trip booking (every link an event)", services=services)
    previous, event = "Travel app", _START
    for service, (_command, answer) in BOOKINGS.items():
        arch.add_event(event, emitter=previous, subscribers=[service])
        previous, event = service, answer
    arch.add_event(event, emitter=previous, subscribers=["Documents", "Loyalty"])
    return arch


_BUILD = {CHOREOGRAPHY: trip_booking_choreography, ORCHESTRATION: trip_booking_orchestration,
          LINK_BY_LINK: trip_booking}


def trip_design(design: str) -> Architecture:
    """A fresh copy of the trip in one of :data:`DESIGNS` (a key or what a learner reads).

    >>> trip_design("every link an event").name
    'Trip booking (every link an event)'
    """
    captions = {caption: key for key, caption in DESIGNS.items()}
    if isinstance(design, str) and " ".join(design.split()).lower() in captions:
        design = captions[" ".join(design.split()).lower()]
    return _BUILD[choose(design, _BUILD, "design")]()


# --------------------------------------------------------------------------- two changes


def _model(arch: object, what: str) -> Architecture:
    return expect_architecture(arch, what, hint="Give one of the trip's models, like "
                                                "trip_booking().")


def with_insurance(arch: Architecture) -> Architecture:
    """The first change: the insurance team offers travel insurance for every booked trip.

    The rule is short: the new *Insurance* service is wired the way the loyalty
    programme, the trip's other reaction, already is. If Loyalty reacts to an event,
    Insurance reacts to the same event; if Loyalty is commanded, its sender also
    commands ``OfferInsurance`` (as a step of its process, right after the miles).

    >>> print(impact(trip_booking(), with_insurance(trip_booking())).summary())
    1 service must change: Insurance (1 new). Untouched: Travel app, Trip, Car rental, Hotel, Flight, Documents, Loyalty.
    """
    arch = _model(arch, "with_insurance()'s model")
    if "Loyalty" not in arch.services or "Insurance" in arch.services:
        raise LessonError(f"with_insurance() adds an Insurance service wired like the Loyalty "
                          f"service, so the model needs Loyalty and no Insurance yet; "
                          f"{arch.name!r} has: {', '.join(arch.services)}.")
    copy = arch.copy(f"{arch.name}, with insurance")
    copy.add_service("Insurance")
    for event in arch.subscriptions("Loyalty"):
        copy.subscribe("Insurance", event)
    for command in arch.handles("Loyalty"):
        sender = arch.message(command).source
        copy.add_command("OfferInsurance", sender=sender, receiver="Insurance")
        for process in arch.processes:
            if process.owner == sender and command in process.steps:
                steps = list(process.steps)
                steps.insert(steps.index(command) + 1, "OfferInsurance")
                copy.add_process(process.name, owner=sender, steps=steps)
    return copy


def hotel_first(arch: Architecture) -> Architecture:
    """The second change: book the hotel before the car (rooms sell out first, and a trip
    with no room should reserve no car). The car rental and the hotel swap places
    (:func:`~lessonlib.changes.reorder`).

    >>> print(impact(trip_booking(), hotel_first(trip_booking())).summary())
    1 service must change: Trip (1 changed). Untouched: Travel app, Car rental, Hotel, Flight, Documents, Loyalty.
    """
    arch = _model(arch, "hotel_first()'s model")
    return reorder(arch, "Car rental", "Hotel", name=f"{arch.name}, hotel first")


#: The capstone's two requirement changes: name -> the function that makes the change.
CHANGES: dict[str, Callable[[Architecture], Architecture]] = {
    "insurance": with_insurance, "hotel first": hotel_first}


def change_impacts(change: str, decided: Architecture | None = None) -> dict[str, Impact]:
    """What ``change`` (one of :data:`CHANGES`) touches in each of :data:`DESIGNS`.

    ``decided`` is the model decided link by link to count (the student's own); the
    model answer (:func:`trip_booking`) when None.

    >>> change_impacts("hotel first")["choreography"].must_change
    ('Car rental', 'Hotel', 'Flight')
    """
    make = CHANGES[choose(change, CHANGES, "change")]
    found = {}
    for design in DESIGNS:
        if design == LINK_BY_LINK and decided is not None:
            before = _model(decided, "The decided model")
        else:
            before = trip_design(design)
        found[design] = impact(before, make(before))
    return found


# --------------------------------------------------------------------------- the saga


def with_cancellations(arch: Architecture | None = None) -> Architecture:
    """A copy of the decided trip (the model answer if None) as a saga: each booking
    service announces when it cannot book (its bad news), the Trip service can cancel
    each booking it commands (the compensations of
    :data:`~lessonlib.scenarios.COMPENSATIONS`), and it announces ``TripCancelled``
    when it gives a trip up.

    >>> saga = with_cancellations()
    >>> saga.handles("Hotel"), saga.subscriptions("Trip")[-1]
    (('BookHotel', 'CancelHotel'), 'FlightBookingFailed')
    """
    arch = trip_booking() if arch is None else _model(arch, "with_cancellations()'s model")
    if not arch.processes or arch.processes[0].owner != OWNER:
        raise LessonError(f"with_cancellations() needs the Trip service to own the process "
                          f"{PROCESS!r}, as in the decided model; {arch.name!r} has no owner "
                          "that could cancel anything.")
    saga = with_bad_news(arch)
    saga.name = f"{arch.name}, with cancellations"
    for command in arch.sends(OWNER):
        undo = COMPENSATIONS.get(command)
        if undo is not None and undo not in saga.commands():
            saga.add_command(undo, sender=OWNER, receiver=arch.message(command).targets[0])
    saga.add_event(_CANCELLED, emitter=OWNER)
    return saga


#: What a day of the trip places: the travel app announces each trip, TripBooked says
#: it was booked.
def _trips():
    from lessonlib.simulate.simulation import Flow

    return Flow("trip", "Travel app", _START, _BOOKED, "trip")


TRIPS = _trips()
#: The failure lab's defaults: the service that fails, on what share of its bookings, and
#: how many trips the day has.
TRIP_DAY = {"failing": "Flight", "failure_rate": 0.2, "trips": 20, "seed": 1}


def trip_day(arch: Architecture | None = None, *, failing: str = TRIP_DAY["failing"],
             failure_rate: float = TRIP_DAY["failure_rate"], trips: int = TRIP_DAY["trips"],
             seed: int = TRIP_DAY["seed"]):
    """A day of trips on the bus, with one booking service failing (and saying so).

    ``arch`` is the decided model (the model answer if None); it runs as a saga
    (:func:`with_cancellations`) in an engine inside the Trip service. ``failing`` is
    the booking service that cannot book ``failure_rate`` of its bookings (it
    announces each failure). Returns the :class:`~lessonlib.simulate.Simulation`, run.

    >>> sim = trip_day(trips=10)
    >>> sim.counts()["completed"] + sim.counts()["compensated"]
    10
    >>> cancellations_of(sim, next(c for c, o in sim.outcomes().items() if o == "compensated"))
    ('CancelHotel', 'CancelCar')
    """
    from lessonlib.engine import Engine
    from lessonlib.simulate import Simulation, on_the_bus, workflow_of
    from lessonlib.simulate.simulation import check_orders

    saga = with_cancellations(arch)
    failing = choose(failing, list(BOOKINGS), "booking service")
    trips = check_orders(trips, "The number of trips")
    settings = {failing: {"failure_rate": failure_rate}}
    bus = on_the_bus(saga, seed=seed, settings=settings, engines=[OWNER])
    engine = Engine(bus, OWNER)
    engine.deploy(workflow_of(saga, PROCESS, on_failure=_CANCELLED))
    sim = Simulation(f"A day of {trips} trips, {failing} failing on {failure_rate:.0%}", bus,
                     engines={OWNER: engine}, flows=(TRIPS,))
    sim.place_orders(trips)
    sim.run()
    return sim


def cancellations_of(sim, trip: str) -> tuple[str, ...]:
    """The cancellations the Trip service sent for ``trip``, in the order it sent them.

    >>> sim = trip_day(trips=3)
    >>> sim.outcomes()
    {'trip-1': 'compensated', 'trip-2': 'completed', 'trip-3': 'completed'}
    >>> cancellations_of(sim, "trip-1"), cancellations_of(sim, "trip-2")
    (('CancelHotel', 'CancelCar'), ())
    """
    from lessonlib.simulate import Simulation
    from lessonlib.trace import check_correlation

    if not isinstance(sim, Simulation):
        raise LessonTypeError(f"cancellations_of() reads a day of trips, like trip_day(); got "
                              f"{shown(sim)}.")
    trip = check_correlation(trip)
    if trip not in sim.placed:
        raise LessonError(f"No trip {shown(trip)} in this day; its trips are trip-1 to "
                          f"trip-{len(sim.placed)}.")
    undo = set(COMPENSATIONS.values())
    return tuple(r.message for r in sim.trace if r.correlation == trip and r.kind == COMMAND
                 and r.message in undo and r.sender == OWNER)
