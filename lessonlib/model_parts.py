"""The parts an architecture model is made of, and the values it answers with.

The two kinds of message, :data:`COMMAND` and :data:`EVENT`; a :class:`Message`
(with the :class:`Filter` of each subscription that reacts to some of its events only)
and a :class:`Process` (what :class:`~lessonlib.architecture.Architecture` holds);
a :class:`Link`, a :class:`Coupling` and a :class:`Role` (what it answers: who
depends on whom, and what each service does). Plain, frozen values; read them
through :mod:`lessonlib.architecture`, which builds them and checks the rules.

>>> Link("RetrievePayment", COMMAND, "Order", "Payment").dependent
'Order'
"""

from __future__ import annotations

from dataclasses import dataclass

from lessonlib.prose import and_list

__all__ = ["COMMAND", "EVENT", "MESSAGE_KINDS", "Filter", "Message", "Link", "Coupling", "Role", "Process"]

COMMAND = "command"
EVENT = "event"
#: The two kinds of message.
MESSAGE_KINDS = (COMMAND, EVENT)
KINDS = MESSAGE_KINDS  # old name, kept until 0.3


@dataclass(frozen=True, order=True)
class Filter:
    """A subscription that reacts to some of an event's occurrences only: ``subscriber``
    reacts to ``event`` only for ``condition``, in words ("VIP orders").

    >>> print(Filter("OrderPlaced", "Inventory", "VIP orders"))
    OrderPlaced only for VIP orders
    """

    event: str
    subscriber: str
    condition: str

    def __str__(self) -> str:
        return f"{self.event} only for {self.condition}"


@dataclass(frozen=True)
class Message:
    """One message type: a command or an event, who sends it and who receives it.

    ``source`` is the sender of a command or the emitter of an event;
    ``targets`` holds the one receiver of a command or the subscribers of an event.
    A command's ``operation`` names the operation of its receiver's API it calls, when
    several senders call the same one (lesson 02's payment service offers
    ``RetrievePayment`` to every caller; each caller's command is a message of its own);
    :attr:`api` is that operation, or the message's own name.
    """

    name: str
    kind: str
    source: str
    targets: tuple[str, ...]
    description: str = ""
    #: (subscriber, which of the events it reacts to), for subscribers that react to some only
    conditions: tuple[tuple[str, str], ...] = ()
    operation: str = ""

    @property
    def api(self) -> str:
        """What a service sends or handles in this message: a command's operation if it has
        one, else the message's name (what :class:`Role` compares)."""
        return self.operation or self.name

    @property
    def is_command(self) -> bool:
        return self.kind == COMMAND

    def condition(self, target: str) -> str:
        """Which of these events ``target`` reacts to ("VIP orders"), or "" for all of them."""
        return dict(self.conditions).get(target, "")

    @property
    def filters(self) -> tuple[Filter, ...]:
        """The subscriptions that react to some of these events only, a :class:`Filter` each."""
        return tuple(Filter(self.name, subscriber, condition)
                     for subscriber, condition in self.conditions)

    only = property(lambda self: self.conditions,
                    doc="Old name of :attr:`conditions`, kept until 0.3.")

    @property
    def is_event(self) -> bool:
        return self.kind == EVENT

    def __str__(self) -> str:
        if self.is_command:
            return f"command {self.name}: {self.source} -> {self.targets[0]}"
        if not self.targets:
            return f"event {self.name}: emitted by {self.source}, no subscribers"
        return f"event {self.name}: {self.source} -> " + ", ".join(
            t + (f" (only {self.condition(t)})" if self.condition(t) else "") for t in self.targets)


@dataclass(frozen=True)
class Link:
    """One message travelling from one service to one other service.

    Every link couples two services; ``dependent`` is the side that carries the
    coupling (it must know ``depends_on``): for an event the subscriber, for a
    command the sender.
    """

    message: str
    kind: str
    sender: str
    receiver: str
    condition: str = ""  # which of the events the receiver reacts to, if not all

    only = property(lambda self: self.condition,
                    doc="Old name of :attr:`condition`, kept until 0.3.")

    @property
    def dependent(self) -> str:
        return self.sender if self.kind == COMMAND else self.receiver

    @property
    def depends_on(self) -> str:
        return self.receiver if self.kind == COMMAND else self.sender

    def __str__(self) -> str:
        return f"{self.dependent} depends on {self.depends_on} ({self.kind} {self.message})"


@dataclass(frozen=True)
class Coupling:
    """One link between two services as a coupling: who depends on whom, and through what.

    A command and the events its receiver answers its sender with (the replies) are
    one coupling: the same two services, the sender depending on the receiver.
    Counting the reply again would make an orchestrated link look twice as coupled.
    """

    kind: str
    dependent: str
    depends_on: str
    message: str
    replies: tuple[str, ...] = ()

    def __str__(self) -> str:
        answer = f", answered by {and_list(self.replies)}" if self.replies else ""
        return f"{self.dependent} depends on {self.depends_on} ({self.kind} {self.message}{answer})"


@dataclass(frozen=True)
class Role:
    """What one service does in a model: the rule behind "must this service change?".

    A service must change when its role differs between two versions of a model
    (or it owns a process whose steps differ): it reacts to other events, emits,
    sends or handles other messages. Each field is a frozenset of message names.
    """

    subscribes: frozenset[str] = frozenset()
    emits: frozenset[str] = frozenset()
    sends: frozenset[str] = frozenset()
    handles: frozenset[str] = frozenset()
    #: The subscriptions that react to some of their events only (a frozenset of :class:`Filter`)
    filters: frozenset[Filter] = frozenset()

    @property
    def only(self) -> frozenset[str]:
        """Old form of :attr:`filters` as "Event only for which" sentences, kept until 0.3."""
        return frozenset(str(f) for f in self.filters)

    def __str__(self) -> str:
        parts = [f"{verb} {and_list(sorted(map(str, names)))}" for verb, names in (
            ("subscribes to", self.subscribes), ("emits", self.emits), ("sends", self.sends),
            ("handles", self.handles), ("reacts to", self.filters)) if names]
        return "; ".join(parts) or "takes part in no message"


@dataclass(frozen=True)
class Process:
    """A process with a home: an owner service and its steps in order.

    Each step names a message the owner takes part in: a command it sends, an
    event it emits or an event it waits for.
    """

    name: str
    owner: str
    steps: tuple[str, ...]

    def __str__(self) -> str:
        return f"process {self.name!r} owned by {self.owner}: {' -> '.join(self.steps)}"
