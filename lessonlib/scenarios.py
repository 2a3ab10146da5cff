"""The course's canonical systems, built with the model (never drawn by hand).

Each function returns a fresh :class:`~lessonlib.architecture.Architecture`, so a
lesson can change one without touching another. Message names follow the
reference system flowing-retail (Bernd Ruecker) and Ruecker's customer-onboarding
example; see ``DOMAIN.md`` for sources.

>>> order_fulfilment_choreography().summary()
'4 services, 0 commands, 4 events'
>>> order_fulfilment_orchestration().summary()
'5 services, 3 commands, 5 events'
"""

from __future__ import annotations

from lessonlib.architecture import Architecture, expect_architecture
from lessonlib.errors import LessonError, choose, shown
from lessonlib.prose import Table

__all__ = [
    "seed_choreography",
    "seed_orchestration",
    "order_fulfilment_choreography",
    "order_fulfilment_orchestration",
    "customer_onboarding_orchestration",
    "customer_onboarding_choreography",
    "costume_catalogue",
    "shop_and_onboarding",
    "COSTUMES",
    "costumes",
    "tweet_or_email",
    "customer_onboarding_hybrid",
    "with_bad_news",
    "with_refund",
    "with_release",
    "with_cancel",
    "with_tracking",
    "together",
    "centralised",
    "BAD_NEWS",
    "COMPENSATIONS",
    "CANCELS",
    "UNDO",
    "CANCEL_REGISTRATION",
    "ONBOARDING_SERVICES",
    "ONBOARDING_CHECKS",
    "ONBOARDING_REACTIONS",
    "SCENARIOS",
    "scenario",
]


def seed_choreography() -> Architecture:
    """The course's first picture: Checkout -> Payment -> Inventory, by events only.

    Introduced in ``00_start_here.ipynb``.

    >>> seed_choreography().events()
    ('OrderPlaced', 'PaymentReceived')
    """
    arch = Architecture("Choreography: a chain of events",
                        services=["Checkout", "Payment", "Inventory"])
    arch.add_event("OrderPlaced", emitter="Checkout", subscribers=["Payment"])
    arch.add_event("PaymentReceived", emitter="Payment", subscribers=["Inventory"])
    return arch


def seed_orchestration() -> Architecture:
    """The course's second picture: the order service commands Payment and Inventory.

    Introduced in ``00_start_here.ipynb``.

    >>> seed_orchestration().commands()
    ('RetrievePayment', 'FetchGoods')
    """
    arch = Architecture("Orchestration: one service sends commands",
                        services=["Checkout", "Order", "Payment", "Inventory"])
    arch.add_event("OrderPlaced", emitter="Checkout", subscribers=["Order"])
    arch.add_command("RetrievePayment", sender="Order", receiver="Payment")
    arch.add_command("FetchGoods", sender="Order", receiver="Inventory")
    arch.add_process("Order fulfilment", owner="Order",
                     steps=["OrderPlaced", "RetrievePayment", "FetchGoods"])
    return arch


def order_fulfilment_choreography() -> Architecture:
    """flowing-retail's choreographed variant: a chain of four events, no commands.

    Checkout -OrderPlaced-> Payment -PaymentReceived-> Inventory -GoodsFetched->
    Shipping -GoodsShipped. Nobody subscribes to GoodsShipped: the end of the
    process is a fact only Shipping knows. Used from lesson 01 on.

    >>> arch = order_fulfilment_choreography()
    >>> arch.path_of("PaymentReceived")
    ('Payment', 'Inventory')
    >>> arch.processes
    ()
    """
    arch = Architecture("Order fulfilment (choreography)",
                        services=["Checkout", "Payment", "Inventory", "Shipping"])
    arch.add_event("OrderPlaced", emitter="Checkout", subscribers=["Payment"])
    arch.add_event("PaymentReceived", emitter="Payment", subscribers=["Inventory"])
    arch.add_event("GoodsFetched", emitter="Inventory", subscribers=["Shipping"])
    arch.add_event("GoodsShipped", emitter="Shipping")
    return arch


def order_fulfilment_orchestration() -> Architecture:
    """flowing-retail's orchestrated variant: the order service owns the process.

    Order listens to OrderPlaced, PaymentReceived, GoodsFetched and GoodsShipped,
    sends RetrievePayment, FetchGoods and ShipGoods, then emits OrderCompleted.
    Used from lesson 01 on.

    >>> arch = order_fulfilment_orchestration()
    >>> arch.commands()
    ('RetrievePayment', 'FetchGoods', 'ShipGoods')
    >>> arch.owner_of("Order fulfilment")
    'Order'
    """
    arch = Architecture("Order fulfilment (orchestration)",
                        services=["Checkout", "Order", "Payment", "Inventory", "Shipping"])
    arch.add_event("OrderPlaced", emitter="Checkout", subscribers=["Order"])
    arch.add_command("RetrievePayment", sender="Order", receiver="Payment")
    arch.add_event("PaymentReceived", emitter="Payment", subscribers=["Order"])
    arch.add_command("FetchGoods", sender="Order", receiver="Inventory")
    arch.add_event("GoodsFetched", emitter="Inventory", subscribers=["Order"])
    arch.add_command("ShipGoods", sender="Order", receiver="Shipping")
    arch.add_event("GoodsShipped", emitter="Shipping", subscribers=["Order"])
    arch.add_event("OrderCompleted", emitter="Order")
    arch.add_process("Order fulfilment", owner="Order", steps=[
        "OrderPlaced", "RetrievePayment", "PaymentReceived", "FetchGoods", "GoodsFetched",
        "ShipGoods", "GoodsShipped", "OrderCompleted",
    ])
    return arch


#: Ruecker's customer onboarding, defined once; both styles, and every lesson's variant of
#: it, are built from these names. The website announces a registration; the address and
#: the credit check run in parallel; then the customer is created, the legally required
#: welcome letter goes out, and the notification and loyalty teams react on their own.
ONBOARDING_SERVICES = ("Website", "Onboarding", "Address check", "Credit check", "Letter",
                       "Notification", "Loyalty")
#: Each check's service -> (the command that asks for it, the event that answers it).
ONBOARDING_CHECKS = {"Address check": ("CheckAddress", "AddressChecked"),
                     "Credit check": ("CheckCredit", "CreditChecked")}
#: The teams that react to CustomerCreated on their own account (lesson 02).
ONBOARDING_REACTIONS = ("Notification", "Loyalty")


def customer_onboarding_orchestration() -> Architecture:
    """Ruecker's customer onboarding, decided link by link (lesson 02).

    The Onboarding service must make sure the address check, the credit check and
    the legally required welcome letter happen: three commands (each check answers
    with its result). The onboarding e-mail (Notification) and loyalty enrolment are
    reactions of their own teams to CustomerCreated: two event reactions. The
    website's RegistrationRequested starts the process. Used in lessons 02, 04 and 05.

    >>> arch = customer_onboarding_orchestration()
    >>> arch.commands(), arch.message("CustomerCreated").targets
    (('CheckAddress', 'CheckCredit', 'SendWelcomeLetter'), ('Notification', 'Loyalty'))
    >>> print(arch.process("Customer onboarding"))
    process 'Customer onboarding' owned by Onboarding: RegistrationRequested -> CheckAddress -> CheckCredit -> AddressChecked -> CreditChecked -> CustomerCreated -> SendWelcomeLetter
    """
    arch = Architecture("Customer onboarding (orchestration)", services=ONBOARDING_SERVICES)
    arch.add_event("RegistrationRequested", emitter="Website", subscribers=["Onboarding"])
    for service, (command, result) in ONBOARDING_CHECKS.items():
        arch.add_command(command, sender="Onboarding", receiver=service)
        arch.add_event(result, emitter=service, subscribers=["Onboarding"])
    arch.add_event("CustomerCreated", emitter="Onboarding", subscribers=ONBOARDING_REACTIONS)
    arch.add_command("SendWelcomeLetter", sender="Onboarding", receiver="Letter",
                     description="legally required")
    commands = [command for command, _ in ONBOARDING_CHECKS.values()]
    results = [result for _, result in ONBOARDING_CHECKS.values()]
    arch.add_process("Customer onboarding", owner="Onboarding", steps=[
        "RegistrationRequested", *commands, *results, "CustomerCreated", "SendWelcomeLetter",
    ])
    return arch


def customer_onboarding_choreography() -> Architecture:
    """The same customer onboarding wired purely by events (lesson 04).

    The same services and results: the checks react to RegistrationRequested and
    announce their results; Onboarding waits for both, then announces
    CustomerCreated, to which the letter, notification and loyalty services react.

    >>> arch = customer_onboarding_choreography()
    >>> arch.subscriptions("Onboarding")
    ('RegistrationRequested', 'AddressChecked', 'CreditChecked')
    >>> set(arch.services) == set(customer_onboarding_orchestration().services)
    True
    """
    arch = Architecture("Customer onboarding (choreography)", services=ONBOARDING_SERVICES)
    arch.add_event("RegistrationRequested", emitter="Website",
                   subscribers=["Onboarding", *ONBOARDING_CHECKS])
    for service, (_command, result) in ONBOARDING_CHECKS.items():
        arch.add_event(result, emitter=service, subscribers=["Onboarding"])
    arch.add_event("CustomerCreated", emitter="Onboarding",
                   subscribers=["Letter", *ONBOARDING_REACTIONS])
    return arch


#: The commands lesson 07's catalogue sends in an event's costume, and the costume each
#: wears: Ruecker's "address check required", a request, an obligation, the course's
#: "needs to be sent" (here for the welcome letter). Taking one off (disguise.unmask)
#: gives back the command of the model it came from.
COSTUMES = {
    "RetrievePayment": "PaymentRequired",
    "CheckAddress": "AddressCheckRequired",
    "CheckCredit": "CreditCheckRequested",
    "SendWelcomeLetter": "CustomerNeedsToBeSentAWelcomeLetterEvent",
}


def costumes() -> Table:
    """:data:`COSTUMES` as a table: each command, and the event it travels as.

    Introduced in ``07_commands_in_disguise.ipynb``.

    >>> costumes().rows[1]
    ('CheckAddress', 'AddressCheckRequired')
    """
    return Table(("command", "travels as the event"), COSTUMES.items())


def customer_onboarding_hybrid() -> Architecture:
    """Ruecker's onboarding as a hybrid (lesson 05): subscribe, wait and command in one model.

    The checks react to RegistrationRequested on their own and announce their
    results, as in the choreography; the Onboarding service owns the process: it
    waits for both results (events it never commanded), then announces
    CustomerCreated and commands the legally required welcome letter. If a result
    never comes it commands the cancellation (CancelRegistration, to the Website
    that took the registration; that receiver is the course's choice).

    >>> arch = customer_onboarding_hybrid()
    >>> arch.commands()
    ('SendWelcomeLetter', 'CancelRegistration')
    >>> arch.sends("Onboarding"), arch.subscriptions("Credit check")
    (('SendWelcomeLetter', 'CancelRegistration'), ('RegistrationRequested',))
    """
    arch = customer_onboarding_choreography().copy("Customer onboarding (hybrid)")
    arch.unsubscribe("Letter", "CustomerCreated")
    arch.add_command("SendWelcomeLetter", sender="Onboarding", receiver="Letter",
                     description="legally required")
    arch.add_command(CANCEL_REGISTRATION, sender="Onboarding", receiver="Website")
    results = [result for _, result in ONBOARDING_CHECKS.values()]
    arch.add_process("Customer onboarding", owner="Onboarding", steps=[
        "RegistrationRequested", *results, "CustomerCreated", "SendWelcomeLetter"])
    return arch


# --------------------------------------------------------------------------- sagas (lesson 05)

#: Bad news: the event a service announces when it could not do its step, instead of the
#: good news (an honest failure signal, the same in every style). Good news -> bad news:
#: the shop's shipping, and the bookings of lesson 09's trip (:mod:`lessonlib.trip_booking`).
BAD_NEWS = {"GoodsShipped": "GoodsShipmentFailed",
            "CarReserved": "CarReservationFailed", "HotelBooked": "HotelBookingFailed",
            "FlightBooked": "FlightBookingFailed"}
#: Compensations: the command that undoes a step (a business undo), by the step's command:
#: the shop's, and the cancellations of lesson 09's trip.
COMPENSATIONS = {"RetrievePayment": "RefundPayment", "FetchGoods": "ReleaseGoods",
                 "ReserveCar": "CancelCar", "BookHotel": "CancelHotel",
                 "BookFlight": "CancelFlight"}
#: Cancellations: the command that stops a step while it is under way, by the step's command
#: (its receiver refuses it if the step is done already: then there is nothing to cancel).
CANCELS = {"ShipGoods": "CancelShipment"}
#: The command with which onboarding's owner cancels a registration.
CANCEL_REGISTRATION = "CancelRegistration"
#: Messages that ask their receiver to undo its step: compensations, the cancellation,
#: and bad news a service reacts to by undoing (a choreographed saga).
UNDO = (*COMPENSATIONS.values(), CANCEL_REGISTRATION, *BAD_NEWS.values())


def _owner_sending(arch: Architecture, command: str) -> str | None:
    for process in arch.processes:
        if command in arch.sends(process.owner):
            return process.owner
    return None


def with_bad_news(arch: Architecture) -> Architecture:
    """A copy in which a service that can fail its step says so with an event.

    Shipping announces GoodsShipmentFailed (see :data:`BAD_NEWS`) to whoever hears
    its good news: nobody in the chain, the owner when there is one. Both styles
    get the same signal. Introduced in ``06_sagas_that_earn_their_timers.ipynb``.

    >>> with_bad_news(order_fulfilment_orchestration()).message("GoodsShipmentFailed").targets
    ('Order',)
    """
    arch = expect_architecture(arch, "with_bad_news()'s model")
    copy = arch.copy(f"{arch.name}, failures announced")
    for good, bad in BAD_NEWS.items():
        if good in arch.events() and bad not in arch.events():
            message = arch.message(good)
            copy.add_event(bad, emitter=message.source, subscribers=message.targets,
                           description="bad news")
    return copy


def with_refund(arch: Architecture) -> Architecture:
    """A copy in which a failed shipment gets the payment refunded (a saga).

    With an owner, the owner commands RefundPayment (Payment offers it as a
    command). In an event chain, Payment subscribes to the bad news and refunds on
    its own: a choreographed saga. Needs the bad news (:func:`with_bad_news`).
    Introduced in ``06_sagas_that_earn_their_timers.ipynb``.

    >>> chain = with_bad_news(order_fulfilment_choreography())
    >>> with_refund(chain).subscriptions("Payment")
    ('OrderPlaced', 'GoodsShipmentFailed')
    >>> with_refund(with_bad_news(order_fulfilment_orchestration())).sends("Order")
    ('RetrievePayment', 'FetchGoods', 'ShipGoods', 'RefundPayment')
    """
    arch = expect_architecture(arch, "with_refund()'s model")
    bad = BAD_NEWS["GoodsShipped"]
    if bad not in arch.events():
        raise LessonError(f"{arch.name!r} has no {bad} event, so nobody can react to a failed "
                          f"shipment. Announce failures first: with_refund(with_bad_news(model)).")
    copy = arch.copy(f"{arch.name}, with a refund")
    owner = _owner_sending(arch, "RetrievePayment")
    refund = COMPENSATIONS["RetrievePayment"]
    if owner is not None:
        copy.add_command(refund, sender=owner, receiver=arch.message("RetrievePayment").targets[0])
    else:
        copy.subscribe(arch.message("PaymentReceived").source, bad)
    return copy


def with_release(arch: Architecture) -> Architecture:
    """A copy in which the owner can also release fetched goods (ReleaseGoods).

    >>> with_release(order_fulfilment_orchestration()).handles("Inventory")
    ('FetchGoods', 'ReleaseGoods')
    """
    arch = expect_architecture(arch, "with_release()'s model")
    owner = _owner_sending(arch, "FetchGoods")
    if owner is None:
        raise LessonError(f"In {arch.name!r} nobody commands FetchGoods, so nobody can "
                          "command its undo.")
    copy = arch.copy(f"{arch.name}, releasing goods")
    copy.add_command(COMPENSATIONS["FetchGoods"], sender=owner,
                     receiver=arch.message("FetchGoods").targets[0])
    return copy


def with_cancel(arch: Architecture) -> Architecture:
    """A copy in which the owner can cancel a shipment under way (CancelShipment).

    Shipping refuses the cancellation when the goods have left already. Introduced
    in ``06_sagas_that_earn_their_timers.ipynb``.

    >>> with_cancel(order_fulfilment_orchestration()).handles("Shipping")
    ('ShipGoods', 'CancelShipment')
    """
    arch = expect_architecture(arch, "with_cancel()'s model")
    copy = arch.copy(f"{arch.name}, cancelling shipments")
    for step, cancel in CANCELS.items():
        owner = _owner_sending(arch, step)
        if owner is None:
            raise LessonError(f"In {arch.name!r} nobody commands {step}, so nobody can "
                              f"cancel it with {cancel}.")
        copy.add_command(cancel, sender=owner, receiver=arch.message(step).targets[0])
    return copy


def with_tracking(arch: Architecture, *, service: str = "Tracking") -> Architecture:
    """A copy with a tracking service: it subscribes to every event of the chain, sends nothing.

    Its process, "Order tracking", waits for the chain's events in order, like
    flowing-retail's ``order-tracking.bpmn``; it also hears any bad news. Nobody
    else changes. Introduced in ``05_track_then_manage.ipynb``.

    >>> tracked = with_tracking(order_fulfilment_choreography())
    >>> print(tracked.process("Order tracking"))
    process 'Order tracking' owned by Tracking: OrderPlaced -> PaymentReceived -> GoodsFetched -> GoodsShipped
    >>> tracked.sends("Tracking")
    ()
    """
    arch = expect_architecture(arch, "with_tracking()'s model")
    copy = arch.copy(f"{arch.name}, tracked")
    copy.add_service(service)
    steps = []
    for event in arch.events():
        copy.subscribe(service, event)
        if event not in BAD_NEWS.values():
            steps.append(event)
    copy.add_process("Order tracking", owner=service, steps=steps)
    return copy


def together(*models: Architecture, name: str | None = None) -> Architecture:
    """Several systems in one model, each process still run by its own owner.

    >>> both = together(order_fulfilment_orchestration(), customer_onboarding_hybrid())
    >>> [(p.name, p.owner) for p in both.processes]
    [('Order fulfilment', 'Order'), ('Customer onboarding', 'Onboarding')]
    """
    return _merged(models, name or "Each process in the service that owns it", {})


def centralised(*models: Architecture, service: str = "Orchestrator",
                name: str | None = None) -> Architecture:
    """Several systems in one model, every process moved into one central ``service``.

    The owners' messages and processes now belong to the central orchestrator
    (the owners had no other job here, so they disappear).
    Introduced in ``05_track_then_manage.ipynb``.

    >>> central = centralised(order_fulfilment_orchestration(), customer_onboarding_hybrid())
    >>> [(p.name, p.owner) for p in central.processes]
    [('Order fulfilment', 'Orchestrator'), ('Customer onboarding', 'Orchestrator')]
    >>> "Order" in central.services, central.sends("Orchestrator")[:2]
    (False, ('RetrievePayment', 'FetchGoods'))
    """
    if not models:
        raise LessonError(f"centralised() moves the processes of the models it is given into "
                          f"one service; it got no model (service={shown(service)}, "
                          f"name={shown(name)}). Give at least one, like "
                          f"centralised(scenarios.order_fulfilment_orchestration()).")
    owners = {p.owner for m in models for p in expect_architecture(m, "centralised()'s model")
              .processes}
    if not owners:
        given = ", ".join(shown(m.name) for m in models) or "none"
        raise LessonError(f"centralised() moves processes into one service, but the models "
                          f"given ({given}) own no process.")
    return _merged(models, name or f"Every process in one central {service}",
                   dict.fromkeys(owners, service))


def _merged(models, name: str, moved: dict[str, str]) -> Architecture:
    if not models:
        raise LessonError(f"Give at least one model to put together; got none (only the name "
                          f"{shown(name)}).")
    merged = Architecture(name)
    for model in models:
        model = expect_architecture(model, "The model")
        for s in model.services:
            s = moved.get(s, s)
            if s not in merged.services:
                merged.add_service(s)
    for model in models:
        for m in model.messages:
            if m.name in merged.events() + merged.commands():
                raise LessonError(f"Two of these models use the message {m.name!r}; put "
                                  f"together systems whose messages differ.")
            targets = list(dict.fromkeys(moved.get(t, t) for t in m.targets))
            merged.add_message(m.name, m.kind, moved.get(m.source, m.source), targets,
                               description=m.description, operation=m.operation or None)
        for p in model.processes:
            merged.add_process(p.name, owner=moved.get(p.owner, p.owner), steps=p.steps)
    return merged


def shop_and_onboarding() -> Architecture:
    """Order fulfilment and customer onboarding, each owned by its service, in one model.

    The two orchestrated scenarios side by side, unchanged: lesson 07's catalogue
    before any costume.

    >>> shop_and_onboarding().summary()
    '12 services, 6 commands, 9 events'
    """
    arch = Architecture("A shop and its customer onboarding")
    for part in (order_fulfilment_orchestration(), customer_onboarding_orchestration()):
        arch.add_services(*part.services)
        for m in part.messages:
            arch.add_message(m.name, m.kind, m.source, m.targets, description=m.description,
                             operation=m.operation or None)
        for p in part.processes:
            arch.add_process(p.name, owner=p.owner, steps=p.steps)
    return arch


def costume_catalogue() -> Architecture:
    """The shop and the onboarding with some commands in an event's costume (lesson 07).

    Built from :func:`shop_and_onboarding` by putting each command of
    :data:`COSTUMES` into its costume with :func:`lessonlib.disguise.dress`; the
    other messages stay as the models have them. ``OrderPlaced``, with its one
    subscriber, is the false alarm.

    >>> costume_catalogue().summary()
    '12 services, 2 commands, 13 events'
    >>> costume_catalogue().message("AddressCheckRequired").targets
    ('Address check',)
    """
    from lessonlib.disguise import dress

    arch = shop_and_onboarding()
    for command, costume in COSTUMES.items():
        arch = dress(arch, command, costume)
    arch.name = "A shop and its onboarding, some commands in costume"
    return arch


def tweet_or_email() -> Architecture:
    """Lesson 01's analogy: a tweet is an event, an e-mail to one restaurant a command.

    Used in ``01_commands_and_events.ipynb``, drawn like every other system.

    >>> print(tweet_or_email().messages[1])
    command One margherita, please (e-mail): You -> One restaurant
    """
    arch = Architecture("Tweet or e-mail?", services=["You", "Whoever follows you",
                                                      "One restaurant"])
    arch.add_event("I'm hungry (tweet)", emitter="You", subscribers=["Whoever follows you"])
    arch.add_command("One margherita, please (e-mail)", sender="You", receiver="One restaurant")
    return arch


SCENARIOS = {
    "tweet or e-mail": tweet_or_email,
    "seed choreography": seed_choreography,
    "seed orchestration": seed_orchestration,
    "order fulfilment choreography": order_fulfilment_choreography,
    "order fulfilment orchestration": order_fulfilment_orchestration,
    "customer onboarding orchestration": customer_onboarding_orchestration,
    "customer onboarding choreography": customer_onboarding_choreography,
    "shop and onboarding": shop_and_onboarding,
    "customer onboarding hybrid": customer_onboarding_hybrid,
    "costume catalogue": costume_catalogue,
}


def scenario(name: str) -> Architecture:
    """A fresh copy of a canonical scenario by name (see ``SCENARIOS``).

    >>> scenario("order fulfilment choreography").summary()
    '4 services, 0 commands, 4 events'
    >>> scenario("order fullfilment choreography")
    Traceback (most recent call last):
    ...
    lessonlib.errors.LessonError: Unknown scenario 'order fullfilment choreography'. Did you mean 'order fulfilment choreography'?
    """
    key = name.strip().lower() if isinstance(name, str) else name
    return SCENARIOS[choose(key, SCENARIOS, "scenario")]()
