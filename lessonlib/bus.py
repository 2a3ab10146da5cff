"""A message bus on a simulated clock: commands are *sent*, events are *published*.

Introduced in ``05_track_then_manage.ipynb``. The bus gives the two
verbs their real meaning:

* :meth:`Bus.publish` an **event**: a fact, delivered to zero or more
  subscribers. The emitter expects nothing back; with no subscriber the event
  simply reaches no one (the trace says so).
* :meth:`Bus.send` a **command**: an intent addressed to exactly one handler.
  Sending a command nobody handles is an error the sender sees at once, and a
  second handler for the same command is refused when it registers. The
  handler *acknowledges* or *rejects* it, and the reply reaches the sender.

**Where this teaching bus is stricter than a real broker.** A real broker
carries records, not meanings: on Kafka a command record that no consumer
reads simply waits in its topic, and nothing stops a second consumer group
from reading it too. The meaning is kept by conventions, schemas and the
sender's own time frame (it notices that no answer came). This bus refuses
such a command at once, and a second handler, so that the mistake shows where
it is made (:data:`STRICTER_THAN_A_BROKER` says so in its error sentence).

Time is simulated with SimPy (a discrete-event simulation library): every
service takes time to handle a message, and a service can be **slow** (a
chosen share of its messages takes ``slow_by`` times longer), **failing** (a
chosen share fails), **silently failing** (a chosen share fails and the
service says nothing, even where it could announce bad news: it crashed, or
the message was lost) or **down** (it handles nothing; messages wait in its
queue for ever). Each delivery draws its luck from the bus's ``seed``, the
service and which delivery it is for its order (:meth:`Service.draw`): the same
seed gives the same trace, the same order meets the same luck in every style,
and raising a failure rate only adds failures (the messages that failed before
still fail).

The whole bus can be down too (:meth:`Bus.configure_broker`): then nothing is
delivered at all, to any service, as when a real broker is out.

A failure tells nobody by itself, as on a real broker: the sender of a failed
command gets no reply and a failed event no reaction. Only what the service
*announces* reaches anyone: register how it announces bad news with
``on_failure=`` (a handler that publishes, say, GoodsShipmentFailed). Anything
else is silence, which a time frame can notice.

A sender that hears nothing may send the command again: delivery is then *at
least once*, and the receiver may get it twice. A service set ``idempotent``
remembers the idempotency key (the payload's ``"key"``) of every command it
carried out and does not carry the same one out twice: it acknowledges the
copy and does nothing more.

Every delivery is written to the :class:`Trace` as one :class:`Record`; see
:class:`Record` for the format other tools (a commands-in-disguise detector,
say) can rely on.

>>> bus = Bus(seed=1)
>>> bus.add_services("Checkout", "Payment", duration=1.0)
>>> def charge(delivery):
...     delivery.publish("PaymentReceived")
>>> bus.subscribe("OrderPlaced", "Payment", charge)
>>> bus.declare("PaymentReceived", "event")
>>> bus.publish("OrderPlaced", sender="Checkout", correlation="order-1")
>>> print(bus.run().text())
#0 t=0-1 min  event OrderPlaced  Checkout -> Payment  [order-1] handled
#1 t=1 min  event PaymentReceived  Payment -> (no subscriber)  [order-1] no subscriber (caused by #0)
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import simpy

from lessonlib.architecture import COMMAND, EVENT
from lessonlib.errors import (
    LessonError,
    LessonTypeError,
    check_name,
    check_number,
    choose,
    items,
    shown,
    suggest,
)
from lessonlib.prose import a_an
from lessonlib.trace import (
    ACKNOWLEDGED,
    DOWN,
    ERROR,
    FAILED,
    HANDLED,
    NO_SUBSCRIBER,
    REJECTED,
    TIMEOUT,
    TIMER,
    Record,
    Trace,
    check_correlation,
    make_record,
    minutes,
)

__all__ = ["Bus", "Service", "Delivery", "Reply", "Rejection", "reject", "MAX_MINUTES",
           "MAX_SEED", "MAX_SLOW_BY", "STRICTER_THAN_A_BROKER", "BROKER_DOWN"]

# SimPy runs events due at the same instant in priority order (0 urgent, 1 normal).
# Deadlines use 2, so a message arriving exactly at a deadline still counts as in time.
_LATE = 2

#: The longest simulated time the bus accepts, in minutes (one year): a duration, a time
#: frame, or a time to publish at or run until past it gets a sentence, as does NaN or an
#: infinity. A simulated clock that must reach "t=inf" never stops.
MAX_MINUTES = 365 * 24 * 60.0
#: A slow message takes at most this many times its usual duration.
MAX_SLOW_BY = 1000.0
#: Seeds are whole numbers between -MAX_SEED and MAX_SEED.
MAX_SEED = 10 ** 18
#: What the bus adds when it refuses a command nobody handles: a real broker would not.
STRICTER_THAN_A_BROKER = (
    "(This teaching bus is stricter than a real broker: on Kafka, say, a command record "
    "nobody consumes would just wait in its topic, and only the sender's time frame would "
    "notice that no answer came.)")
#: The note of a delivery the broker could not make because the broker itself is down.
BROKER_DOWN = "the broker is down"


@dataclass(frozen=True)
class Rejection:
    """What a command handler returns to refuse the command (see :func:`reject`)."""

    reason: str


def reject(reason: str) -> Rejection:
    """Return this from a command handler to reject the command, with a reason.

    >>> reject("card declined")
    Rejection(reason='card declined')
    """
    return Rejection(check_name(reason, "rejection reason"))


@dataclass(frozen=True)
class Reply:
    """The answer a command's sender receives: its ``fate``, acknowledged or rejected."""

    command: str
    receiver: str
    correlation: str
    fate: str
    time: float
    reason: str = ""

    outcome = property(lambda self: self.fate, doc="Old name of :attr:`fate`, kept until 0.3.")

    @property
    def ok(self) -> bool:
        return self.fate == ACKNOWLEDGED


@dataclass
class Service:
    """One service on the bus and how it behaves (all times in simulated minutes).

    ``duration``: minutes it takes to handle a message. ``slow_rate``: share of
    messages handled ``slow_by`` times slower. ``failure_rate``: share of
    messages it fails on (announcing it where it can). ``silent_rate``: share of
    messages it fails on and tells nobody, even where it could announce bad news.
    ``down``: if True it handles nothing at all. ``idempotent``: it carries out a
    command with a given idempotency key (payload ``"key"``) once; a copy is
    acknowledged and nothing more.
    """

    name: str
    duration: float = 1.0
    slow_rate: float = 0.0
    slow_by: float = 10.0
    failure_rate: float = 0.0
    silent_rate: float = 0.0
    down: bool = False
    idempotent: bool = False
    #: What this service knows: correlation id -> the last message it handled and how.
    state: dict[str, str] = field(default_factory=dict, repr=False)
    #: The idempotency keys of the commands it carried out (only kept when ``idempotent``).
    keys: set[str] = field(default_factory=set, repr=False)

    def __post_init__(self):
        self.name = check_name(self.name, "service name")
        self.configure(duration=self.duration, slow_rate=self.slow_rate, slow_by=self.slow_by,
                       failure_rate=self.failure_rate, silent_rate=self.silent_rate,
                       down=self.down, idempotent=self.idempotent)

    def configure(self, **settings) -> None:
        """Change how the service behaves, e.g. ``configure(failure_rate=0.1)``."""
        for key, value in settings.items():
            if key not in _SETTINGS:
                raise LessonError(f"A service has no setting {shown(key)}. {suggest(key, _SETTINGS)}")
            setattr(self, key, _SETTINGS[key](value, f"{self.name}'s {key}"))

    def seed(self, seed: int) -> None:
        self._seed = seed
        self._deliveries: dict[str, int] = {}

    def draw(self, correlation: str = "") -> tuple[float, bool, bool]:
        """Time this delivery takes, whether it fails, and whether it fails silently.

        Three numbers from 0 to 1 drawn for this delivery alone, from the bus's
        seed, this service and which delivery it is for ``correlation`` (its first,
        its second...): the same order meets the same luck in every style and in
        every recovery, and a command sent again draws anew without changing
        anyone else's luck. A higher rate only adds failures.
        """
        n = self._deliveries.get(correlation, 0) + 1
        self._deliveries[correlation] = n
        digest = hashlib.blake2b(f"{self._seed}/{self.name}/{correlation}/{n}".encode(),
                                 digest_size=24).digest()
        slow, fail, silent = (int.from_bytes(digest[i:i + 8], "big") / 2 ** 64
                              for i in (0, 8, 16))
        silent_fail = silent < self.silent_rate
        return (self.duration * (self.slow_by if slow < self.slow_rate else 1.0),
                fail < self.failure_rate or silent_fail, silent_fail)


def _rate(value: object, what: str) -> float:
    return check_number(value, what, 0.0, 1.0)


def _factor(value: object, what: str) -> float:
    return check_number(value, what, 1.0, MAX_SLOW_BY)


def minutes_up_to_a_year(value: object, what: str, low: float = 0.0) -> float:
    """``value`` if it is a number of minutes from ``low`` to :data:`MAX_MINUTES`; else raise."""
    return check_number(value, what, low, MAX_MINUTES)


def _flag(value: object, what: str) -> bool:
    if not isinstance(value, bool):
        raise LessonTypeError(f"{what} must be True or False; got {shown(value)}.")
    return value


_SETTINGS: dict[str, Callable[[object, str], object]] = {
    "duration": minutes_up_to_a_year, "slow_rate": _rate, "slow_by": _factor,
    "failure_rate": _rate, "silent_rate": _rate, "down": _flag, "idempotent": _flag,
}


@dataclass
class Delivery:
    """What a handler receives: one message delivered to one service (the one ``Delivery``
    of lessonlib, as in AMQP clients; lesson 01's transports write a
    :class:`~lessonlib.transport.Receipt` of what arrived).

    A handler reacts through it: ``delivery.publish(event)`` and
    ``delivery.send(command)`` carry the same correlation id and name this
    service as sender; a command handler may ``return reject("reason")``.
    """

    bus: Bus
    message: str
    kind: str
    sender: str
    receiver: str
    correlation: str
    payload: dict
    sent: float
    seq: int

    @property
    def time(self) -> float:
        return self.bus.now

    def publish(self, event: str, payload: dict | None = None) -> None:
        bus = self.bus
        if bus._kinds.get(event) != EVENT:
            bus._check_type(event, EVENT)  # raises a sentence
        bus._publish(event, self.receiver, self.correlation, _check_payload(payload), self.seq)

    def send(self, command: str, payload: dict | None = None):
        return self.bus.send(command, sender=self.receiver, correlation=self.correlation,
                             payload=payload, cause=self.seq)


Handler = Callable[[Delivery], object]


def _acknowledge(delivery: Delivery) -> None:
    return None


class Bus:
    """A message bus on a SimPy clock, with services, handlers and a trace.

    Parameters
    ----------
    seed : int
        Seeds every service's random streams (slow and failing messages).
    services : iterable of str, optional
        Services to add with default settings.

    Introduced in ``05_track_then_manage.ipynb``.

    >>> bus = Bus(seed=3, services=["Order", "Payment"])
    >>> bus.handle("RetrievePayment", "Payment")           # acknowledges every command
    >>> reply = bus.send("RetrievePayment", sender="Order", correlation="order-9")
    >>> trace = bus.run()
    >>> reply.value.fate, trace[0].kind, trace[0].receiver
    ('acknowledged', 'command', 'Payment')
    """

    def __init__(self, seed: int = 0, *, services: Iterable[str] = ()):
        if isinstance(seed, bool) or not isinstance(seed, int):
            raise LessonTypeError(f"The seed must be a whole number, like 1; got {shown(seed)}.")
        if abs(seed) > MAX_SEED:
            raise LessonError(f"The seed must be a whole number between {-MAX_SEED:,} and "
                              f"{MAX_SEED:,}; got {shown(seed)}.")
        self.seed = seed
        self.env = simpy.Environment()
        self._services: dict[str, Service] = {}
        self._kinds: dict[str, str] = {}
        self._handlers: dict[str, tuple[str, Handler]] = {}
        self._subscribers: dict[str, list[tuple[str, Handler]]] = {}
        self._records: list[Record | None] = []
        self.down = False  # the broker itself (configure_broker)
        if isinstance(services, str):
            services = [services]
        self.add_services(*items(services, "services=", "['Checkout', 'Payment']"))

    # --- services -------------------------------------------------------------------

    @property
    def now(self) -> float:
        """The simulated time, in minutes."""
        return self.env.now

    @property
    def services(self) -> tuple[str, ...]:
        return tuple(self._services)

    def add_service(self, name: str, **settings) -> Service:
        """Add a service; settings as for :class:`Service` (duration, slow_rate, ...)."""
        name = check_name(name, "service name")
        if name in self._services:
            raise LessonError(f"The bus already has a service {shown(name)}; use configure({shown(name)}, "
                              "...) to change how it behaves.")
        service = Service(name)
        service.configure(**settings)
        service.seed(self.seed)
        self._services[name] = service
        return service

    def add_services(self, *names: str, **settings) -> None:
        """Add several services with the same settings."""
        for name in names:
            self.add_service(name, **settings)

    def service(self, name: str) -> Service:
        """The :class:`Service` called ``name``."""
        name = check_name(name, "service name")
        if name not in self._services:
            raise LessonError(f"The bus has no service {shown(name)}. {suggest(name, self._services)}")
        return self._services[name]

    def configure(self, name: str, **settings) -> None:
        """Change a service's behaviour, e.g. ``configure("Shipping", down=True)``."""
        self.service(name).configure(**settings)

    def configure_broker(self, *, down: bool) -> None:
        """Take the broker itself down (or bring it back): while it is down nothing is
        delivered to any service; each message is written to the trace as not delivered.

        >>> bus = Bus(services=["Checkout", "Payment"])
        >>> bus.subscribe("OrderPlaced", "Payment")
        >>> bus.configure_broker(down=True)
        >>> bus.publish("OrderPlaced", sender="Checkout", correlation="order-1")
        >>> print(bus.run().text())
        #0 t=0 min  event OrderPlaced  Checkout -> Payment  [order-1] service down (the broker is down)
        """
        self.down = _flag(down, "down=")

    # --- message types and handlers ---------------------------------------------------

    def declare(self, message: str, kind: str) -> None:
        """Declare a message type as a ``"command"`` or an ``"event"``.

        :meth:`handle` and :meth:`subscribe` declare their message themselves;
        declare an event nobody subscribes to (yet) before publishing it.
        """
        message = check_name(message, "message type")
        kind = choose(kind, (COMMAND, EVENT), "message kind")
        known = self._kinds.setdefault(message, kind)
        if known != kind:
            raise LessonError(f"{shown(message)} is already declared as {a_an(known)}; one message type "
                              f"cannot be both a command and an event.")

    @property
    def message_types(self) -> dict[str, str]:
        """Every declared message type and its kind."""
        return dict(self._kinds)

    def handle(self, command: str, service: str, handler: Handler | None = None, *,
               on_failure: Handler | None = None) -> None:
        """Make ``service`` the one handler of ``command``.

        ``handler(delivery)`` returns None to acknowledge or ``reject(reason)``
        to reject; without a handler every command is acknowledged. A command
        has exactly one handler: a second one is refused. ``on_failure(delivery)``
        runs instead of ``handler`` when the service fails on the command: how it
        announces the bad news (without it, the failure is silent).
        """
        command = check_name(command, "command")
        service = self.service(service).name
        self.declare(command, COMMAND)
        if command in self._handlers:
            owner = self._handlers[command][0]
            raise LessonError(f"The command {shown(command)} already has a handler, {shown(owner)}; a "
                              f"command has exactly one handler, so {shown(service)} cannot handle it "
                              f"too. If several services should react, publish an event instead.")
        self._handlers[command] = (service, _check_handler(handler, command),
                                   _check_announcer(on_failure, command))

    def subscribe(self, event: str, service: str, handler: Handler | None = None, *,
                  on_failure: Handler | None = None) -> None:
        """Let ``service`` react to ``event`` with ``handler(delivery)``.

        ``on_failure(delivery)`` runs instead when the service fails on the event
        (how it announces the bad news; without it, the failure is silent).
        """
        event = check_name(event, "event")
        service = self.service(service).name
        self.declare(event, EVENT)
        subscribers = self._subscribers.setdefault(event, [])
        if any(entry[0] == service for entry in subscribers):
            raise LessonError(f"{shown(service)} already subscribes to {shown(event)}.")
        subscribers.append((service, _check_handler(handler, event),
                            _check_announcer(on_failure, event)))

    def handler_of(self, command: str) -> str:
        """The one service that handles ``command``."""
        self._check_type(command, COMMAND)
        if command not in self._handlers:
            raise LessonError(f"Nobody handles the command {shown(command)}: a command needs exactly "
                              f"one handler. Register one with bus.handle({shown(command)}, "
                              f"service). {STRICTER_THAN_A_BROKER}")
        return self._handlers[command][0]

    def subscribers(self, event: str) -> tuple[str, ...]:
        """The services subscribed to ``event`` (possibly none)."""
        self._check_type(event, EVENT)
        return tuple(entry[0] for entry in self._subscribers.get(event, ()))

    def _check_type(self, message: object, kind: str) -> str:
        message = check_name(message, "message type")
        if message not in self._kinds:
            raise LessonError(f"Unknown message type {shown(message)}. "
                              f"{suggest(message, self._kinds)}")
        known = self._kinds[message]
        if known != kind:
            verb = "send" if known == COMMAND else "publish"
            raise LessonError(f"{shown(message)} is {a_an(known)}, not {a_an(kind)}: {verb} it with "
                              f"bus.{verb}({shown(message)}, ...).")
        return message

    # --- the two verbs --------------------------------------------------------------

    def publish(self, event: str, *, sender: str, correlation: str, payload: dict | None = None,
                at: float | None = None, cause: int | None = None) -> None:
        """Publish ``event``: deliver it to every subscriber (maybe none); expect nothing back.

        ``at`` publishes it later, at that simulated time (in minutes).
        """
        event = self._check_type(event, EVENT)
        sender = self.service(sender).name
        correlation = check_correlation(correlation)
        payload = _check_payload(payload)
        if at is not None:
            at = minutes_up_to_a_year(at, "The time to publish at", self.now)
            timer = self.env.timeout(at - self.now)
            timer.callbacks.append(lambda _: self._publish(event, sender, correlation, payload,
                                                           cause))
            return
        self._publish(event, sender, correlation, payload, cause)

    def _publish(self, event: str, sender: str, correlation: str, payload: dict,
                 cause: int | None) -> None:
        """Publish without checking the arguments (they are known to be right)."""
        subscribers = self._subscribers.get(event, ())
        if not subscribers:
            now = self.env.now
            self._records.append(make_record(len(self._records), now, now, EVENT, event, sender,
                                             None, correlation, NO_SUBSCRIBER, cause))
        for name, handler, announce in subscribers:
            self._deliver(EVENT, event, sender, name, (handler, announce), correlation, payload,
                          cause, None)

    def send(self, command: str, *, sender: str, correlation: str, payload: dict | None = None,
             cause: int | None = None) -> simpy.Event:
        """Send ``command`` to its one handler; return the event that carries the :class:`Reply`.

        The returned SimPy event succeeds with a :class:`Reply` once the handler
        has acknowledged or rejected it. It never fires if the handler's service
        is down or fails on the command: from outside, a crash looks like
        silence (only bad news the service announces tells anyone). A command
        nobody handles raises :class:`LessonError` at once: the sender sees it.
        """
        command = self._check_type(command, COMMAND)
        sender = self.service(sender).name
        correlation = check_correlation(correlation)
        payload = _check_payload(payload)
        receiver = self.handler_of(command)
        if receiver == sender:
            raise LessonError(f"{shown(sender)} handles {shown(command)} itself, so it cannot send it: a "
                              "command goes from one service to another (as in the model, a "
                              "service does not send a message to itself).")
        return self._send(command, sender, correlation, payload, cause)

    def _send(self, command: str, sender: str, correlation: str, payload: dict,
              cause: int | None) -> simpy.Event:
        """Send without checking the arguments (they are known to be right)."""
        reply = self.env.event()
        receiver, handler, announce = self._handlers[command]
        self._deliver(COMMAND, command, sender, receiver, (handler, announce), correlation,
                      payload, cause, reply)
        return reply

    # --- delivery -----------------------------------------------------------------------

    def _add(self, record: Record) -> None:
        self._records.append(record)

    def _deliver(self, kind, message, sender, receiver, handlers, correlation, payload, cause,
                 reply) -> None:
        service = self._services[receiver]
        sent = self.env.now
        if self.down or service.down:
            note = BROKER_DOWN if self.down else f"{receiver} is down"
            self._add(make_record(len(self._records), sent, sent, kind, message, sender, receiver,
                                  correlation, DOWN, cause, note))
            return
        duration, fails, silent = service.draw(correlation)
        timer = self.env.timeout(duration)
        timer.callbacks.append(lambda _: self._complete(
            kind, message, sender, service, handlers, correlation, payload, cause, reply, sent,
            fails, silent))

    def _complete(self, kind, message, sender, service, handlers, correlation, payload, cause,
                  reply, sent, fails, silent=False) -> None:
        records = self._records
        seq = len(records)
        records.append(None)  # keep this delivery's place; its handler may add records
        receiver = service.name
        note = ""
        handler, announce = handlers
        key = payload.get("key") if kind == COMMAND and service.idempotent else None
        if fails and (announce is None or silent):
            fate, note = FAILED, f"{receiver} failed while handling {message}; it told nobody"
        elif key is not None and key in service.keys:
            fate, note = ACKNOWLEDGED, f"a copy (idempotency key {key}): done once already"
        else:
            delivery = Delivery(self, message, kind, sender, receiver, correlation, payload, sent,
                                seq)
            try:
                result = (announce if fails else handler)(delivery)
            except LessonError as error:  # a course rule broken inside a handler: say where
                self._records[seq] = make_record(seq, self.now, sent, kind, message, sender, receiver,
                                                 correlation, ERROR, cause, str(error))
                raise LessonError(f"{receiver}'s handler for the {kind} {shown(message)} (correlation "
                                  f"id {shown(correlation)}, t={minutes(self.now)} min) broke a rule: "
                                  f"{error} The trace so far is kept in bus.trace.") from error
            except Exception as error:
                self._records[seq] = make_record(seq, self.now, sent, kind, message, sender, receiver,
                                                 correlation, ERROR, cause,
                                                 f"{type(error).__name__}: {error}")
                raise LessonError(f"{receiver}'s handler for the {kind} {shown(message)} (correlation "
                                  f"id {shown(correlation)}, t={minutes(self.now)} min) raised "
                                  f"{type(error).__name__}: {error}. The simulation stopped; the "
                                  f"trace so far is kept in bus.trace.") from error
            if fails:
                fate, note = FAILED, f"{receiver} failed while handling {message} and said so"
            elif isinstance(result, Rejection):
                if kind == EVENT:
                    self._records[seq] = make_record(seq, self.now, sent, kind, message, sender,
                                                     receiver, correlation, ERROR, cause,
                                                     "an event cannot be rejected")
                    raise LessonError(f"{receiver}'s handler for the event {shown(message)} returned a "
                                      f"rejection ({result.reason!r}). An event is a fact about "
                                      f"the past: a subscriber may ignore it but cannot reject "
                                      f"it. Only a command's handler can reject.")
                fate, note = REJECTED, result.reason
            elif isinstance(result, str) and kind == EVENT:
                fate, note = HANDLED, result  # a subscriber's remark, e.g. "late: ignored"
            else:
                fate = ACKNOWLEDGED if kind == COMMAND else HANDLED
                if key is not None:
                    service.keys.add(key)
        now = self.env.now
        service.state[correlation] = f"{message}: {fate}"
        records[seq] = make_record(seq, now, sent, kind, message, sender, receiver, correlation,
                                   fate, cause, note)
        if reply is not None and fate != FAILED:
            reply.succeed(Reply(message, receiver, correlation, fate, now, note))

    def _timer(self, owner: str, correlation: str, what: str, started: float, note: str) -> None:
        """Write a timer record (used by the process engine when a time frame runs out)."""
        self._add(make_record(len(self._records), self.now, started, TIMER, what, owner, owner,
                              correlation, TIMEOUT, None, note))

    def deadline(self, delay: float) -> simpy.Event:
        """A SimPy event that fires ``delay`` minutes from now, after everything else due then.

        A message that arrives exactly at the deadline is therefore in time.
        """
        return _Deadline(self.env, minutes_up_to_a_year(delay, "A time frame"))

    # --- running --------------------------------------------------------------------------

    def run(self, until: float | None = None) -> Trace:
        """Run the simulation until nothing is left to do (or until ``until``); return the trace.

        If a handler raises, the simulation stops with a :class:`LessonError`
        naming the service and the message; the trace so far stays in
        :attr:`trace`.
        """
        if until is not None:
            until = minutes_up_to_a_year(until, "The time to run until", self.now)
            if until == self.now:
                return self.trace
        self.env.run(until=until)
        return self.trace

    @property
    def trace(self) -> Trace:
        """Every delivery so far, in the order they finished."""
        return Trace(r for r in self._records if r is not None)


class _Deadline(simpy.events.Event):
    """Like ``simpy.Timeout`` but processed after every normal event due at the same time."""

    def __init__(self, env: simpy.Environment, delay: float):
        super().__init__(env)
        self._ok = True
        self._value = None
        env.schedule(self, _LATE, delay)


def _check_handler(handler: object, message: str) -> Handler:
    if handler is None:
        return _acknowledge
    if not callable(handler):
        raise LessonTypeError(f"The handler for {shown(message)} must be a function taking one "
                              f"delivery, like def handle(delivery): ...; got {shown(handler)}.")
    return handler


def _check_announcer(handler: object, message: str) -> Handler | None:
    if handler is None:
        return None
    if not callable(handler):
        raise LessonTypeError(f"on_failure for {shown(message)} must be a function taking one "
                              f"delivery, like def announce(delivery): delivery.publish(...); "
                              f"got {shown(handler)}.")
    return handler


def _check_payload(payload: object) -> dict:
    if payload is None:
        return {}
    if not isinstance(payload, dict):
        raise LessonTypeError(f"A payload must be a dict, like {{'amount': 40}}; got {shown(payload)}.")
    return dict(payload)
