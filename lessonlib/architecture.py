"""The architecture model: services and the commands and events between them.

A student writes a system in a few readable lines (introduced in
``00_start_here.ipynb``)::

    >>> shop = Architecture("Order fulfilment, choreographed")
    >>> shop.add_services("Checkout", "Payment", "Inventory")
    >>> shop.add_event("OrderPlaced", emitter="Checkout", subscribers=["Payment"])
    >>> shop.add_event("PaymentReceived", emitter="Payment", subscribers=["Inventory"])
    >>> shop.events()
    ('OrderPlaced', 'PaymentReceived')
    >>> [str(link) for link in shop.links()]
    ['Payment depends on Checkout (event OrderPlaced)', 'Inventory depends on Payment (event PaymentReceived)']

The rules the model enforces are the course's definitions:

* a **command** has one sender and exactly one receiver; the receiver must deal
  with it (acknowledge or reject). The sender depends on the receiver.
* an **event** has one emitter and zero or more subscribers; the emitter does
  not know who reacts. Each subscriber depends on the emitter.

The model is plain data (services, messages, processes: the values of
:mod:`lessonlib.model_parts`, re-exported here); :meth:`Architecture.graph`
gives it to networkx as a ``MultiDiGraph`` (services are nodes, one edge per
message and receiver) for graph questions, and :meth:`Architecture.roles` says
what each service does, the rule behind every "which services must change?".
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import replace

from lessonlib.errors import LessonError, LessonTypeError, check_name, items, shown, suggest
from lessonlib.model_parts import (
    COMMAND,
    EVENT,
    MESSAGE_KINDS,
    Coupling,
    Filter,
    Link,
    Message,
    Process,
    Role,
)
from lessonlib.prose import plural

__all__ = ["Architecture", "Message", "Filter", "Link", "Coupling", "Process", "Role", "COMMAND", "EVENT",
           "MESSAGE_KINDS", "expect_architecture"]

KINDS = MESSAGE_KINDS  # old name, kept until 0.3


def expect_architecture(value: object, what: str = "This", *, hint: str = "") -> Architecture:
    """Return ``value`` if it is an :class:`Architecture`; else raise a sentence saying so.

    ``what`` names the value in the sentence ("before", "detect()'s model", ...).

    >>> expect_architecture("shop", "before")
    Traceback (most recent call last):
    ...
    lessonlib.errors.LessonTypeError: before must be an Architecture, like scenarios.order_fulfilment_choreography(); got 'shop' (str).
    """
    if isinstance(value, Architecture):
        return value
    model = getattr(value, "model", None)
    if not hint and isinstance(model, Architecture):
        hint = "For a draft from the exercise, pass draft.model."
    raise LessonTypeError(
        f"{what} must be an Architecture, like scenarios.order_fulfilment_choreography(); "
        f"got {shown(value)} ({type(value).__name__}).{(' ' + hint) if hint else ''}"
    )



class Architecture:
    """Services and the commands and events between them.

    Parameters
    ----------
    name : str
        A title, used in pictures and descriptions.
    services : iterable of str, optional
        Services to add straight away (same as :meth:`add_services`).

    Examples
    --------
    >>> arch = Architecture("Orchestrated", services=["Order", "Payment"])
    >>> arch.add_command("RetrievePayment", sender="Order", receiver="Payment")
    >>> arch.kind_of("RetrievePayment")
    'command'
    >>> arch.dependents("Payment")
    ('Order',)
    """

    def __init__(self, name: str = "Architecture", services: Iterable[str] = ()) -> None:
        self.name = check_name(name, "architecture name")
        self._services: dict[str, str] = {}  # name -> description, in the order added
        self._messages: dict[str, Message] = {}
        self._processes: dict[str, Process] = {}
        if isinstance(services, str):
            raise LessonTypeError(
                f"services must be a list of names, like ['Checkout', 'Payment']; got the "
                f"single string {shown(services)}."
            )
        self.add_services(*items(services, "services", "['Checkout', 'Payment']"))

    # ------------------------------------------------------------------ building
    def add_service(self, name: str, *, description: str = "") -> str:
        """Add one service and return its name.

        >>> Architecture().add_service("Payment")
        'Payment'
        """
        name = check_name(name, "service name")
        if name in self._services:
            raise LessonError(f"There is already a service called {shown(name)} in {self.name!r}; "
                              "each service is added once.")
        self._services[name] = str(description)
        return name

    def add_services(self, *names: str) -> None:
        """Add several services at once: ``arch.add_services("Checkout", "Payment")``."""
        for name in names:
            if isinstance(name, (list, tuple, set)):
                raise LessonTypeError(
                    f"add_services takes names one by one, like add_services('A', 'B'); got the "
                    f"collection {shown(name)}. Write add_services(*names) to unpack a list."
                )
            self.add_service(name)

    def add_command(self, name: str, *, sender: str, receiver: str, description: str = "",
                    operation: str | None = None) -> None:
        """Add a command: ``sender`` wants ``receiver`` to do something.

        A command has exactly one receiver, which cannot ignore it: it acknowledges
        or rejects it. (Introduced in ``01_commands_and_events.ipynb``.) ``operation``
        names the operation of the receiver's API it calls, when several senders call
        the same one, each with a command of its own (lesson 02's payment service):
        the receiver then handles one operation, however many callers it has.

        >>> arch = Architecture(services=["Order", "Ticketing", "Payment"])
        >>> for caller in ("Order", "Ticketing"):
        ...     arch.add_command(f"RetrievePayment ({caller})", sender=caller,
        ...                      receiver="Payment", operation="RetrievePayment")
        >>> arch.roles()["Payment"].handles
        frozenset({'RetrievePayment'})

        >>> arch = Architecture(services=["Order", "Payment", "Inventory"])
        >>> arch.add_command("RetrievePayment", sender="Order", receiver=["Payment", "Inventory"])
        Traceback (most recent call last):
        ...
        lessonlib.errors.LessonError: A command has exactly one receiver, but RetrievePayment was given 2: ['Payment', 'Inventory']. If several services should react, publish an event instead.
        """
        if isinstance(receiver, (list, tuple, set)):
            receivers = list(receiver)
            if len(receivers) != 1:
                raise LessonError(
                    f"A command has exactly one receiver, but {name} was given {len(receivers)}: "
                    f"{shown(receivers)}. If several services should react, publish an event instead."
                )
            receiver = receivers[0]
        self.add_message(name, COMMAND, sender, [receiver], description=description,
                         operation=operation)

    def add_event(self, name: str, *, emitter: str, subscribers: Iterable[str] = (),
                  description: str = "") -> None:
        """Add an event: ``emitter`` states a fact; zero or more ``subscribers`` react.

        >>> arch = Architecture(services=["Onboarding", "Loyalty"])
        >>> arch.add_event("CustomerCreated", emitter="Onboarding", subscribers=["Loyalty"])
        >>> arch.message("CustomerCreated").targets
        ('Loyalty',)
        """
        if isinstance(subscribers, str):
            subscribers = [subscribers]
        self.add_message(name, EVENT, emitter, subscribers, description=description)

    def add_message(self, name: str, kind: str, source: str, targets: Iterable[str], *,
                    description: str = "", operation: str | None = None) -> None:
        """Add a message of either ``kind`` ("command" or "event"); a command may name the
        ``operation`` it calls (see :meth:`add_command`).

        >>> Architecture(services=["A", "B"]).add_message("DoIt", "order", "A", ["B"])
        Traceback (most recent call last):
        ...
        lessonlib.errors.LessonError: Unknown message kind 'order'. A message is either a 'command' or an 'event'.
        """
        name = check_name(name, "message name")
        kind = self._check_kind(kind)
        source = self.service(source)
        if operation is not None:
            operation = check_name(operation, "operation (the API a command calls)")
            if kind != COMMAND:
                raise LessonError(f"{name}: only a command calls an operation of its receiver's "
                                  f"API; an event states a fact. Leave out operation= "
                                  f"({shown(operation)}).")
        if isinstance(targets, str):
            targets = [targets]
        try:
            targets = list(targets)
        except TypeError:
            raise LessonTypeError(
                f"The receivers of {name} must be a list of service names; got {shown(targets)}."
            ) from None
        checked: list[str] = []
        for target in targets:
            target = self.service(target)
            if target == source:
                raise LessonError(
                    f"{name}: a service does not send a message to itself ({shown(source)} is both "
                    "sender and receiver). A link joins two different services."
                )
            if target in checked:
                raise LessonError(f"{shown(target)} is listed twice as a receiver of {name}.")
            checked.append(target)
        if kind == COMMAND and len(checked) != 1:
            raise LessonError(
                f"A command has exactly one receiver, but {name} was given {len(checked)}: "
                f"{shown(checked)}. If several services should react, publish an event instead."
            )
        if name in self._messages:
            old = self._messages[name]
            raise LessonError(
                f"There is already a message called {shown(name)} ({old}); message names are unique. "
                "To add a subscriber to an existing event use subscribe(service, event)."
            )
        self._messages[name] = Message(name, kind, source, tuple(checked), str(description),
                                       operation=operation or "")

    def subscribe(self, service: str, event: str, *, only: str | None = None) -> None:
        """Let ``service`` react to ``event`` (an event can have any number of subscribers).

        ``only`` says which of these events it reacts to, if not all of them (a
        subscription with a filter: "VIP orders"). Introduced in lesson 03.

        >>> arch = Architecture(services=["Checkout", "Payment", "Inventory"])
        >>> arch.add_event("OrderPlaced", emitter="Checkout", subscribers=["Payment"])
        >>> arch.subscribe("Inventory", "OrderPlaced", only="VIP orders")
        >>> print(arch.message("OrderPlaced"))
        event OrderPlaced: Checkout -> Payment, Inventory (only VIP orders)
        """
        service = self.service(service)
        message = self.event(event)
        if only is not None:
            only = check_name(only, "filter (only=)")
        if service == message.source:
            raise LessonError(f"{shown(service)} emits {message.name}; it does not subscribe to its "
                              "own event.")
        if service in message.targets:
            raise LessonError(f"{shown(service)} already subscribes to {message.name}. To let it "
                              f"react to some of them only, use narrow({shown(service)}, "
                              f"{message.name!r}, only=...).")
        self._replace(message, targets=message.targets + (service,))
        if only is not None:
            self.narrow(service, message.name, only=only)

    def narrow(self, service: str, event: str, *, only: str) -> None:
        """Let ``service``, a subscriber of ``event``, react to some of these events only.

        ``only`` says which, in words ("non-VIP orders"). The service's
        role changes (its subscription has a new filter), so :func:`impact` counts it.
        Introduced in ``03_the_event_chain_trap.ipynb``.

        >>> arch = Architecture(services=["Checkout", "Payment"])
        >>> arch.add_event("OrderPlaced", emitter="Checkout", subscribers=["Payment"])
        >>> arch.narrow("Payment", "OrderPlaced", only="non-VIP orders")
        >>> arch.links()[0].condition
        'non-VIP orders'
        >>> arch.roles()["Payment"].filters
        frozenset({Filter(event='OrderPlaced', subscriber='Payment', condition='non-VIP orders')})
        """
        service = self.service(service)
        message = self.event(event)
        if service not in message.targets:
            raise LessonError(f"{service!r} does not subscribe to {message.name}; subscribe it "
                              f"first, e.g. subscribe({service!r}, {message.name!r}, only=...).")
        which = check_name(only, "filter (only=)")
        kept = tuple((s, c) for s, c in message.conditions if s != service)
        self._messages[message.name] = replace(message, conditions=kept + ((service, which),))

    def condition(self, service: str, event: str) -> str:
        """Which of the ``event`` events ``service`` reacts to, or "" if all (see :meth:`narrow`)."""
        return self.event(event).condition(self.service(service))

    def unsubscribe(self, service: str, event: str) -> None:
        """Stop ``service`` reacting to ``event``."""
        service = self.service(service)
        message = self.event(event)
        if service not in message.targets:
            raise LessonError(
                f"{shown(service)} does not subscribe to {message.name}. Its subscribers are: "
                f"{', '.join(map(repr, message.targets)) or '(none)'}."
            )
        self._replace(message, targets=tuple(t for t in message.targets if t != service))

    def remove_message(self, name: str) -> None:
        """Remove a message (and every process step that names it)."""
        message = self.message(name)
        del self._messages[message.name]
        for process in list(self._processes.values()):
            if message.name in process.steps:
                steps = tuple(s for s in process.steps if s != message.name)
                self._processes[process.name] = Process(process.name, process.owner, steps)

    def remove_service(self, name: str) -> None:
        """Remove a service, the messages it sends or receives, and its subscriptions."""
        name = self.service(name)
        for message in list(self._messages.values()):
            if message.source == name or (message.is_command and name in message.targets):
                self.remove_message(message.name)
            elif name in message.targets:
                self._replace(message, targets=tuple(t for t in message.targets if t != name))
        for process in list(self._processes.values()):
            if process.owner == name:
                del self._processes[process.name]
        del self._services[name]

    def rename_message(self, old: str, new: str) -> None:
        """Give a message a new name, keeping its sender, receivers and process steps."""
        message = self.message(old)
        new = check_name(new, "message name")
        if new in self._messages and new != message.name:
            raise LessonError(f"There is already a message called {shown(new)}.")
        renamed = replace(message, name=new)
        self._messages = {(new if k == message.name else k): (renamed if k == message.name else v)
                          for k, v in self._messages.items()}
        for process in list(self._processes.values()):
            steps = tuple(new if s == message.name else s for s in process.steps)
            self._processes[process.name] = Process(process.name, process.owner, steps)

    def recast(self, name: str, kind: str, new_name: str | None = None) -> None:
        """Re-model the message ``name`` as the other ``kind``, between the same two services.

        A command becomes an event its receiver subscribes to (alone); an event with
        exactly one subscriber becomes a command to that subscriber. The message keeps
        its place in the model, its description and its process steps (renamed to
        ``new_name`` if given). Lesson 07 takes events out of their costume with it
        (and puts commands into one).

        >>> arch = Architecture(services=["Onboarding", "Address check"])
        >>> arch.add_command("CheckAddress", sender="Onboarding", receiver="Address check")
        >>> arch.recast("CheckAddress", "event", "AddressCheckRequired")
        >>> print(arch.message("AddressCheckRequired"))
        event AddressCheckRequired: Onboarding -> Address check
        """
        message = self.message(name)
        kind = self._check_kind(kind)
        new_name = message.name if new_name is None else check_name(new_name, "message name")
        if kind == message.kind:
            raise LessonError(f"{message.name} is already {'a command' if kind == COMMAND else 'an event'}"
                              f" ({message}).")
        if kind == COMMAND and len(message.targets) != 1:
            raise LessonError(
                f"A command has exactly one receiver, but {message.name} has "
                f"{len(message.targets)} subscribers: "
                f"{', '.join(map(repr, message.targets)) or 'none'}.")
        if new_name != message.name and new_name in self._messages:
            raise LessonError(f"There is already a message called {new_name!r} in {self.name!r}.")
        recast = Message(new_name, kind, message.source, message.targets, message.description,
                         message.conditions if kind == EVENT else (),
                         message.operation if kind == COMMAND else "")
        self._messages = {(new_name if k == message.name else k):
                          (recast if k == message.name else v) for k, v in self._messages.items()}
        for process in list(self._processes.values()):
            steps = tuple(new_name if s == message.name else s for s in process.steps)
            self._processes[process.name] = Process(process.name, process.owner, steps)

    def add_process(self, name: str, *, owner: str, steps: Iterable[str]) -> None:
        """Give a process a home: ``owner`` runs ``steps`` (message names) in this order.

        Each step is a message the owner takes part in: a command it sends, an
        event it emits or an event it subscribes to.

        >>> arch = Architecture(services=["Order", "Payment"])
        >>> arch.add_command("RetrievePayment", sender="Order", receiver="Payment")
        >>> arch.add_process("Order fulfilment", owner="Order", steps=["RetrievePayment"])
        >>> arch.owner_of("Order fulfilment")
        'Order'
        """
        name = check_name(name, "process name")
        owner = self.service(owner)
        if isinstance(steps, str):
            steps = [steps]
        checked = []
        for step in items(steps, f"The steps of process {shown(name)}", "['RetrievePayment']"):
            message = self.message(step)
            if owner != message.source and owner not in message.targets:
                raise LessonError(
                    f"Step {message.name!r} of process {shown(name)} does not involve its owner "
                    f"{shown(owner)} ({message}). A process step is a message its owner sends, emits "
                    "or waits for."
                )
            checked.append(message.name)
        if not checked:
            raise LessonError(f"Process {shown(name)} needs at least one step.")
        self._processes[name] = Process(name, owner, tuple(checked))

    def copy(self, name: str | None = None) -> Architecture:
        """Return an independent copy (optionally renamed), to change without touching this one.

        Messages and processes are immutable values, so a copy shares them: it is
        cheap even for a model of thousands of services.
        """
        new = Architecture(self.name if name is None else name)
        new._services = dict(self._services)
        new._messages = dict(self._messages)
        new._processes = dict(self._processes)
        return new

    # ------------------------------------------------------------------ questions
    @property
    def services(self) -> tuple[str, ...]:
        """The services, in the order they were added."""
        return tuple(self._services)

    @property
    def messages(self) -> tuple[Message, ...]:
        """Every message, in the order they were added."""
        return tuple(self._messages.values())

    @property
    def processes(self) -> tuple[Process, ...]:
        """Every process that has an owner, in the order they were added."""
        return tuple(self._processes.values())

    def message(self, name: str) -> Message:
        """The message called ``name``; a typo gets a suggestion.

        >>> from lessonlib.scenarios import order_fulfilment_choreography
        >>> order_fulfilment_choreography().message("PaymentRecieved")
        Traceback (most recent call last):
        ...
        lessonlib.errors.LessonError: Unknown message 'PaymentRecieved' in 'Order fulfilment (choreography)'. Did you mean 'PaymentReceived'?
        """
        name = check_name(name, "message name")
        if name not in self._messages:
            raise LessonError(
                f"Unknown message {shown(name)} in {self.name!r}. {suggest(name, self._messages)}"
            )
        return self._messages[name]

    def process(self, name: str) -> Process:
        """The process called ``name``."""
        name = check_name(name, "process name")
        if name not in self._processes:
            if not self._processes:
                raise LessonError(
                    f"{self.name!r} has no process with an owner, so {shown(name)} has no home. "
                    "(In an event chain the process lives in the subscriptions; see "
                    "where_is_the_process in lesson 03.)"
                )
            raise LessonError(f"Unknown process {shown(name)}. {suggest(name, self._processes)}")
        return self._processes[name]

    def owner_of(self, process: str) -> str:
        """The service that owns ``process``."""
        return self.process(process).owner

    def commands(self) -> tuple[str, ...]:
        """Names of the commands, in the order they were added."""
        return tuple(m.name for m in self._messages.values() if m.is_command)

    def events(self) -> tuple[str, ...]:
        """Names of the events, in the order they were added."""
        return tuple(m.name for m in self._messages.values() if m.is_event)

    def kind_of(self, message: str) -> str:
        """``"command"`` or ``"event"``."""
        return self.message(message).kind

    def links(self, kind: str | None = None) -> tuple[Link, ...]:
        """One :class:`Link` per message and receiver, optionally only of one ``kind``.

        >>> from lessonlib.scenarios import seed_orchestration
        >>> [str(link) for link in seed_orchestration().links("command")]
        ['Order depends on Payment (command RetrievePayment)', 'Order depends on Inventory (command FetchGoods)']
        """
        wanted = None if kind is None else self._check_kind(kind)
        return tuple(
            Link(m.name, m.kind, m.source, target, m.condition(target))
            for m in self._messages.values()
            if wanted in (None, m.kind)
            for target in m.targets
        )

    def couplings(self) -> tuple[Coupling, ...]:
        """The links as couplings, a command and its replies counted once, in model order.

        An event link from R to S is a *reply* when S sends a command to R: it
        belongs to that command's coupling (S depends on R either way).

        >>> from lessonlib.scenarios import order_fulfilment_orchestration
        >>> for c in order_fulfilment_orchestration().couplings()[:2]:
        ...     print(c)
        Order depends on Checkout (event OrderPlaced)
        Order depends on Payment (command RetrievePayment, answered by PaymentReceived)
        """
        links = self.links()
        first_command = {}
        for link in links:
            if link.kind == COMMAND:
                first_command.setdefault((link.sender, link.receiver), link.message)
        replies: dict[str, list[str]] = {}
        couplings: list[Link] = []
        for link in links:
            command = first_command.get((link.receiver, link.sender))
            if link.kind == EVENT and command is not None:
                replies.setdefault(command, []).append(link.message)
            else:
                couplings.append(link)
        return tuple(Coupling(link.kind, link.dependent, link.depends_on, link.message,
                              tuple(replies.get(link.message, ()) if link.kind == COMMAND else ()))
                     for link in couplings)

    def depends_on(self, service: str) -> tuple[str, ...]:
        """The services ``service`` depends on (must know about), in model order."""
        service = self.service(service)
        found = {link.depends_on for link in self.links() if link.dependent == service}
        return tuple(s for s in self.services if s in found)

    def dependents(self, service: str) -> tuple[str, ...]:
        """Who depends on ``service``: the services that must know about it."""
        service = self.service(service)
        found = {link.dependent for link in self.links() if link.depends_on == service}
        return tuple(s for s in self.services if s in found)

    def path_of(self, message: str) -> tuple[str, ...]:
        """The services a message passes through: its sender, then its receivers."""
        m = self.message(message)
        return (m.source, *m.targets)

    def sends(self, service: str) -> tuple[str, ...]:
        """Commands ``service`` sends."""
        service = self.service(service)
        return tuple(m.name for m in self.messages if m.is_command and m.source == service)

    def handles(self, service: str) -> tuple[str, ...]:
        """Commands ``service`` must handle."""
        service = self.service(service)
        return tuple(m.name for m in self.messages if m.is_command and service in m.targets)

    def emits(self, service: str) -> tuple[str, ...]:
        """Events ``service`` emits."""
        service = self.service(service)
        return tuple(m.name for m in self.messages if m.is_event and m.source == service)

    def subscriptions(self, service: str) -> tuple[str, ...]:
        """Events ``service`` reacts to."""
        service = self.service(service)
        return tuple(m.name for m in self.messages if m.is_event and service in m.targets)

    def roles(self) -> dict[str, Role]:
        """What each service does: the events it subscribes to and emits, the commands it
        sends and handles. Compare two versions' roles to see which services must change.

        Introduced in ``03_the_event_chain_trap.ipynb``.

        >>> from lessonlib.scenarios import order_fulfilment_choreography
        >>> print(order_fulfilment_choreography().roles()["Payment"])
        subscribes to OrderPlaced; emits PaymentReceived
        """
        found = {s: {"subscribes": set(), "emits": set(), "sends": set(), "handles": set(),
                     "filters": set()} for s in self._services}
        for m in self._messages.values():
            found[m.source]["emits" if m.is_event else "sends"].add(m.api)
            for target in m.targets:
                found[target]["subscribes" if m.is_event else "handles"].add(m.api)
            for f in m.filters:
                found[f.subscriber]["filters"].add(f)
        return {s: Role(**{k: frozenset(v) for k, v in parts.items()})
                for s, parts in found.items()}

    def graph(self, *, dependencies: bool = False):
        """The model as a networkx ``MultiDiGraph``: one edge per message and receiver,
        following the message, or with ``dependencies=True`` from the dependent service
        to the one it depends on. Each edge has the keys ``kind`` and ``message``.

        >>> from lessonlib.scenarios import seed_orchestration
        >>> sorted(seed_orchestration().graph(dependencies=True).successors("Order"))
        ['Checkout', 'Inventory', 'Payment']
        """
        import networkx as nx

        g = nx.MultiDiGraph(name=self.name)
        g.add_nodes_from((s, {"description": d}) for s, d in self._services.items())
        for link in self.links():
            tail, head = ((link.dependent, link.depends_on) if dependencies
                          else (link.sender, link.receiver))
            g.add_edge(tail, head, key=link.message, kind=link.kind, message=link.message)
        return g

    def summary(self) -> str:
        """A short count, e.g. ``'4 services, 0 commands, 4 events'``."""
        return (f"{plural(len(self.services), 'service')}, "
                f"{plural(len(self.commands()), 'command')}, "
                f"{plural(len(self.events()), 'event')}")

    def __repr__(self) -> str:
        return f"<Architecture {self.name!r}: {self.summary()}>"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Architecture):
            return NotImplemented
        return (set(self.services) == set(other.services)
                and self._messages == other._messages
                and self._processes == other._processes)

    __hash__ = None  # mutable

    # ------------------------------------------------------------------ internals
    def _check_kind(self, kind: object) -> str:
        if not isinstance(kind, str):
            raise LessonTypeError(f"A message kind is the word 'command' or 'event'; got "
                                  f"{shown(kind)}.")
        lowered = kind.strip().lower()
        if lowered in MESSAGE_KINDS:
            return lowered
        close = difflib.get_close_matches(lowered, MESSAGE_KINDS, n=1, cutoff=0.6)
        hint = (f"Did you mean {close[0]!r}?" if close
                else "A message is either a 'command' or an 'event'.")
        raise LessonError(f"Unknown message kind {shown(kind)}. {hint}")

    def service(self, name: object) -> str:
        """``name`` if it is a service of this model; a typo gets a suggestion.

        >>> from lessonlib.scenarios import order_fulfilment_choreography
        >>> order_fulfilment_choreography().service("Shiping")
        Traceback (most recent call last):
        ...
        lessonlib.errors.LessonError: Unknown service 'Shiping' in 'Order fulfilment (choreography)'. Did you mean 'Shipping'? (Add a new service with add_service first.)
        """
        name = check_name(name, "service name")
        if name not in self._services:
            raise LessonError(
                f"Unknown service {shown(name)} in {self.name!r}. {suggest(name, self.services)} "
                "(Add a new service with add_service first.)"
            )
        return name

    def event(self, name: str) -> Message:
        """The event called ``name``; a command of that name gets a sentence saying so."""
        message = self.message(name)
        if not message.is_event:
            raise LessonError(
                f"{message.name} is a command, not an event: only events have subscribers. "
                f"Its one receiver is {message.targets[0]!r}."
            )
        return message

    def _replace(self, message: Message, *, targets: tuple[str, ...]) -> None:
        conditions = tuple((s, c) for s, c in message.conditions if s in targets)
        self._messages[message.name] = replace(message, targets=targets, conditions=conditions)
