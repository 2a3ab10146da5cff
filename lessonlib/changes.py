"""Changes to a model, and where its process lives.

Introduced in ``03_the_event_chain_trap.ipynb``. :func:`where_is_the_process`
answers "where is this process defined?": in one owner, or spread over the
subscriptions of every service in an event chain. :func:`reorder`,
:func:`insert_step` and :func:`replace_subscription_by_command` apply common
changes and return a changed copy, so the original stays as it was; count what
they touch with :func:`~lessonlib.change_impact.impact`.

>>> from lessonlib.change_impact import impact
>>> from lessonlib.scenarios import order_fulfilment_orchestration
>>> orch = order_fulfilment_orchestration()
>>> print(impact(orch, reorder(orch, "Payment", "Inventory")).summary())
1 service must change: Order (1 changed). Untouched: Checkout, Payment, Inventory, Shipping.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise

from lessonlib.architecture import COMMAND, EVENT, Architecture, expect_architecture
from lessonlib.errors import LessonError, check_name, shown, suggest
from lessonlib.prose import and_list

__all__ = [
    "where_is_the_process",
    "ProcessHome",
    "steps_of",
    "step_groups",
    "reorder",
    "insert_step",
    "replace_subscription_by_command",
]


@dataclass(frozen=True)
class ProcessHome:
    """Where a process is defined: :func:`where_is_the_process` returns one.

    ``owner`` is the one service that owns it, or None for an event chain;
    ``defined_in`` the services whose code holds the sequence (the owner alone, or
    every subscriber of the chain); ``sequence`` the services in the order they act.
    """

    process: str | None
    owner: str | None
    defined_in: tuple[str, ...]
    sequence: tuple[str, ...]
    subscriptions: tuple[str, ...]

    @property
    def count(self) -> int:
        """In how many services the sequence is written down."""
        return len(self.defined_in)

    def __str__(self) -> str:
        if self.owner is not None:
            return (f"The process {self.process!r} is defined in one place: {self.owner} owns "
                    f"it and runs its steps in order ({' -> '.join(self.sequence)}). "
                    f"{self.owner} is accountable for the end-to-end outcome.")
        if not self.defined_in:
            return ("No process is visible: no service reacts to another's events, and no "
                    "service owns a process.")
        return (f"The process is defined nowhere, and everywhere: the sequence "
                f"{' -> '.join(self.sequence)} exists only as the subscriptions of "
                f"{and_list(self.defined_in)} ({self.count} services: "
                f"{'; '.join(self.subscriptions)}). No service owns the end-to-end outcome "
                "or its SLA.")

    def _repr_pretty_(self, printer, cycle) -> None:
        printer.text(str(self))


def where_is_the_process(arch: Architecture, process: str | None = None) -> ProcessHome:
    """Answer "where is this process defined?".

    For a process with an owner: that single owner. For an event chain (no
    owner): every service whose subscriptions together make up the sequence.
    Introduced in ``03_the_event_chain_trap.ipynb``.

    Parameters
    ----------
    arch : Architecture
    process : str, optional
        The name of an owned process; needed only if ``arch`` owns several.

    Examples
    --------
    >>> from lessonlib.scenarios import order_fulfilment_choreography, order_fulfilment_orchestration
    >>> home = where_is_the_process(order_fulfilment_choreography())
    >>> home.owner, home.defined_in
    (None, ('Payment', 'Inventory', 'Shipping'))
    >>> where_is_the_process(order_fulfilment_orchestration()).defined_in
    ('Order',)
    """
    arch = expect_architecture(arch, "The model")
    if process is not None or arch.processes:
        if process is None:
            if len(arch.processes) > 1:
                names = [p.name for p in arch.processes]
                raise LessonError(f"{arch.name!r} owns {len(names)} processes; say which one, "
                                  f"e.g. process={names[0]!r}. They are: {and_list(names)}.")
            proc = arch.processes[0]
        else:
            proc = arch.process(process)
        sequence = tuple(key for key, _ in step_groups(arch, proc.owner, proc.steps))
        return ProcessHome(proc.name, proc.owner, (proc.owner,), sequence, ())
    order = _flow_order(arch)
    position = {s: i for i, s in enumerate(order)}
    links = arch.links(EVENT)
    defined = {link.receiver for link in links}
    emitters = {m.source for m in arch.messages if m.is_event}
    defined_in = tuple(s for s in order if s in defined)
    subs = tuple(f"{link.receiver} reacts to {link.message}"
                 for link in sorted(links, key=lambda k: position[k.receiver]))
    sequence = tuple(s for s in order if s in defined or s in emitters)
    return ProcessHome(None, None, defined_in, sequence if defined_in else (), subs)


def _flow_order(arch: Architecture) -> list[str]:
    """Services in the order events reach them (breadth-first from the starters)."""
    targets: dict[str, list[str]] = {s: [] for s in arch.services}
    fed = set()
    for m in arch.messages:
        for t in m.targets:
            targets[m.source].append(t)
            fed.add(t)
    starts = [s for s in arch.services if s not in fed] or list(arch.services[:1])
    seen: dict[str, None] = {}  # insertion-ordered: each service once, in the order reached
    queue = deque(starts)
    while queue:
        s = queue.popleft()
        if s in seen:
            continue
        seen[s] = None
        queue.extend(t for t in targets[s] if t not in seen)
    return [*seen, *(s for s in arch.services if s not in seen)]


# --------------------------------------------------------------------------- steps


def step_groups(arch: Architecture, owner: str, steps: Iterable[str]) -> list[tuple[str, list[str]]]:
    """Split an owned process into steps, each named by the service doing the work.

    A command the owner sends and the event the same service answers with form one
    step; an event the owner itself announces is a step named by the event.
    """
    groups: list[tuple[str, list[str]]] = []
    for name in steps:
        m = arch.message(name)
        if m.source == owner:
            key = m.targets[0] if m.kind == COMMAND else m.name
        else:
            key = m.source
        if groups and groups[-1][0] == key:
            groups[-1][1].append(name)
        else:
            groups.append((key, [name]))
    return groups


def _chain(arch: Architecture) -> list[str]:
    """The services of a straight event chain, in order; a sentence if it is not one."""
    if arch.commands():
        raise LessonError(
            f"{arch.name!r} sends commands but owns no process, so its steps have no order "
            "lessonlib can change. Give the process an owner with add_process(...), or use a "
            "pure event chain."
        )
    followers: dict[str, set[str]] = {s: set() for s in arch.services}
    emitters = set()
    for m in arch.messages:
        followers[m.source].update(m.targets)
        emitters.add(m.source)
    fed = {t for m in arch.messages for t in m.targets}
    starts = [s for s in arch.services if s not in fed and s in emitters]
    if len(starts) != 1:
        raise LessonError(
            f"{arch.name!r} is not a straight chain of events (it starts at "
            f"{and_list(starts) or 'no service'}), so its steps have no single order. "
            "reorder and insert_step work on a straight event chain or on a process with an owner."
        )
    chain, seen = [starts[0]], {starts[0]}
    while True:
        nxt = followers[chain[-1]]
        if not nxt:
            return chain
        if len(nxt) > 1 and not nxt & seen and not any(followers[s] for s in nxt):
            return chain  # it ends in reactions to its last event: they are not steps
        if len(nxt) > 1 or nxt & seen:
            raise LessonError(
                f"{arch.name!r} is not a straight chain of events: {chain[-1]} is followed by "
                f"{and_list(sorted(nxt))}. reorder and insert_step work on a straight event "
                "chain or on a process with an owner."
            )
        (service,) = nxt
        chain.append(service)
        seen.add(service)


def _outputs(arch: Architecture, chain: list[str]) -> dict[str, str]:
    """The event by which each service of the chain announces it is done."""
    position = {s: i for i, s in enumerate(chain)}
    outputs = {}
    emitted: dict[str, list[str]] = {}
    for m in arch.messages:
        emitted.setdefault(m.source, []).append(m.name)
        i = position.get(m.source)
        if i is not None and i + 1 < len(chain) and chain[i + 1] in m.targets:
            outputs[m.source] = m.name
    last = chain[-1]
    if len(emitted.get(last, [])) == 1:
        outputs[last] = emitted[last][0]
    return outputs


def _reactions(arch: Architecture, chain: list[str]) -> tuple[str, ...]:
    """The services that react to the chain's last event without being steps of it (lesson
    09's trip: the documents and the miles react to the flight booked)."""
    return tuple(s for m in arch.messages if m.source == chain[-1] for s in m.targets
                 if s not in chain)


def _follow_the_end(copy: Architecture, reactions: tuple[str, ...], old: str, new: str) -> None:
    """Let the reactions to the chain's end react to its new last event instead."""
    if old == new:
        return
    for service in reactions:
        copy.unsubscribe(service, old)
        copy.subscribe(service, new)


def _output(outputs: dict[str, str], service: str) -> str:
    if service not in outputs:
        raise LessonError(
            f"{service} ends the chain but does not emit exactly one event, so it is unclear "
            f"which one says it is done. Let it emit one event, e.g. "
            f"add_event('{service.replace(' ', '')}Done', emitter={shown(service)})."
        )
    return outputs[service]


def steps_of(arch: Architecture, process: str | None = None) -> tuple[str, ...]:
    """The steps of a chain or an owned process, each named by the service doing it.

    These are the names :func:`reorder` and :func:`insert_step` accept.
    Introduced in ``03_the_event_chain_trap.ipynb``.

    >>> from lessonlib.scenarios import order_fulfilment_choreography, order_fulfilment_orchestration
    >>> steps_of(order_fulfilment_choreography())
    ('Checkout', 'Payment', 'Inventory', 'Shipping')
    >>> steps_of(order_fulfilment_orchestration())
    ('Checkout', 'Payment', 'Inventory', 'Shipping', 'OrderCompleted')
    """
    arch = expect_architecture(arch, "The model")
    owned = _pick_process(arch, process)
    if owned is None:
        return tuple(_chain(arch))
    return tuple(key for key, _ in step_groups(arch, owned.owner, owned.steps))


def _pick_process(arch: Architecture, process: str | None):
    if process is not None:
        return arch.process(process)
    if not arch.processes:
        return None
    if len(arch.processes) > 1:
        names = [p.name for p in arch.processes]
        raise LessonError(f"{arch.name!r} owns {len(names)} processes; say which one with "
                          f"process=..., e.g. process={names[0]!r}.")
    return arch.processes[0]


def _step(name: object, valid: Iterable[str], arch: Architecture) -> str:
    valid = list(valid)
    name = check_name(name, "step name")
    if name not in valid:
        raise LessonError(
            f"Unknown step {shown(name)} in {arch.name!r}. A step is named by the service that does "
            f"the work; the steps are {', '.join(map(repr, valid))}. {suggest(name, valid)}"
        )
    return name


# --------------------------------------------------------------------------- change helpers


def reorder(arch: Architecture, first: str, second: str, *, process: str | None = None,
            name: str | None = None) -> Architecture:
    """Return a copy of ``arch`` in which the steps ``first`` and ``second`` swap places.

    In an event chain each service keeps the event it emits and subscribes instead
    to the event of its new predecessor. In an owned process the owner runs the
    two steps in the other order; nobody else changes. Introduced in
    ``03_the_event_chain_trap.ipynb``.

    Parameters
    ----------
    arch : Architecture
        A straight event chain, or a model with an owned process.
    first, second : str
        Two steps, named by the service doing the work (see :func:`steps_of`).
    process : str, optional
        Which owned process, if ``arch`` owns several.
    name : str, optional
        A name for the copy.

    Examples
    --------
    >>> from lessonlib.scenarios import order_fulfilment_choreography
    >>> steps_of(reorder(order_fulfilment_choreography(), "Payment", "Inventory"))
    ('Checkout', 'Inventory', 'Payment', 'Shipping')
    >>> reorder(order_fulfilment_choreography(), "Payment", "Inventroy")
    Traceback (most recent call last):
    ...
    lessonlib.errors.LessonError: Unknown step 'Inventroy' in 'Order fulfilment (choreography)'. A step is named by the service that does the work; the steps are 'Checkout', 'Payment', 'Inventory', 'Shipping'. Did you mean 'Inventory'?
    """
    arch = expect_architecture(arch, "The model")
    owned = _pick_process(arch, process)
    copy = arch.copy(name or f"{arch.name}, {second} before {first}")
    if owned is None:
        chain = _chain(arch)
        first, second = _step(first, chain, arch), _step(second, chain, arch)
        _not_same_or_start(first, second, chain[0], arch)
        outputs = _outputs(arch, chain)
        i, j = chain.index(first), chain.index(second)
        new_chain = list(chain)
        new_chain[i], new_chain[j] = new_chain[j], new_chain[i]
        old_links = set(pairwise(chain))
        new_links = set(pairwise(new_chain))
        for a, b in pairwise(chain):
            if (a, b) not in new_links:
                copy.unsubscribe(b, _output(outputs, a))
        for a, b in pairwise(new_chain):
            if (a, b) not in old_links:
                copy.subscribe(b, _output(outputs, a))
        _follow_the_end(copy, _reactions(arch, chain), _output(outputs, chain[-1]),
                        _output(outputs, new_chain[-1]))
        return copy
    groups = step_groups(arch, owned.owner, owned.steps)
    keys = [k for k, _ in groups]
    first, second = _step(first, keys, arch), _step(second, keys, arch)
    opening = arch.message(groups[0][1][0])
    trigger = keys[0] if opening.is_event and opening.source != owned.owner else None
    _not_same_or_start(first, second, trigger, arch)
    if keys.count(first) > 1 or keys.count(second) > 1:
        raise LessonError(f"A step named {shown(first)} or {shown(second)} occurs more than once in "
                          f"process {owned.name!r}, so which one to move is unclear.")
    i, j = keys.index(first), keys.index(second)
    groups[i], groups[j] = groups[j], groups[i]
    steps = [s for _, members in groups for s in members]
    copy.add_process(owned.name, owner=owned.owner, steps=steps)
    return copy


def _not_same_or_start(first: str, second: str, start: str | None,
                       arch: Architecture) -> None:
    if first == second:
        raise LessonError(f"reorder needs two different steps; got {shown(first)} twice.")
    if start is not None and start in (first, second):
        raise LessonError(
            f"{shown(start)} starts the process in {arch.name!r} (nothing comes before it), so it "
            "cannot swap places. Reorder two of the later steps."
        )


def insert_step(arch: Architecture, service: str, *, after: str, event: str | None = None,
                command: str | None = None, process: str | None = None,
                name: str | None = None) -> Architecture:
    """Return a copy of ``arch`` with a new ``service`` doing a step right after ``after``.

    In an event chain the new service reacts to the event of ``after`` and
    announces ``event``; the service that used to react to ``after`` must now react
    to ``event`` instead. In an owned process the owner sends ``command`` to the
    new service (which may answer with ``event``) and runs it as the next step.
    Introduced in ``03_the_event_chain_trap.ipynb``.

    Parameters
    ----------
    arch : Architecture
    service : str
        The new service's name.
    after : str
        The step it follows, named by its service (see :func:`steps_of`).
    event : str
        The event the new service emits (required in an event chain, optional reply
        in an owned process).
    command : str
        The command the owner sends (required for an owned process).
    process, name : str, optional
        Which owned process; a name for the copy.

    Examples
    --------
    >>> from lessonlib.scenarios import order_fulfilment_choreography
    >>> chain = order_fulfilment_choreography()
    >>> fraud = insert_step(chain, "Fraud check", after="Payment", event="FraudChecked")
    >>> from lessonlib.change_impact import impact
    >>> print(impact(chain, fraud).summary())
    2 services must change: Fraud check, Inventory (1 new, 1 changed). Untouched: Checkout, Payment, Shipping.
    """
    arch = expect_architecture(arch, "The model")
    service = check_name(service, "service name")
    owned = _pick_process(arch, process)
    copy = arch.copy(name or f"{arch.name}, with {service}")
    if service in arch.services:
        raise LessonError(f"insert_step adds a new service, but {shown(service)} already exists in "
                          f"{arch.name!r}. Choose a new name.")
    if owned is None:
        chain = _chain(arch)
        after = _step(after, chain, arch)
        if event is None:
            raise LessonError(
                f"In an event chain a new step must announce that it is done, or nobody can "
                f"react to it: give the event it emits, e.g. event='{service.replace(' ', '')}Done'."
            )
        if command is not None:
            raise LessonError("An event chain has no commands; leave out command= (or give the "
                              "process an owner first).")
        i = chain.index(after)
        trigger = _output(_outputs(arch, chain), after)
        copy.add_service(service)
        copy.add_event(event, emitter=service)
        if i + 1 < len(chain):
            copy.unsubscribe(chain[i + 1], trigger)
            copy.subscribe(chain[i + 1], event)
        else:
            _follow_the_end(copy, _reactions(arch, chain), trigger, event)
        copy.subscribe(service, trigger)
        return copy
    if command is None:
        raise LessonError(
            f"In process {owned.name!r} the owner {owned.owner} sends each step as a command: "
            f"give its name, e.g. command='{service.replace(' ', '')}'."
        )
    groups = step_groups(arch, owned.owner, owned.steps)
    keys = [k for k, _ in groups]
    after = _step(after, keys, arch)
    copy.add_service(service)
    copy.add_command(command, sender=owned.owner, receiver=service)
    new_steps = [command]
    if event is not None:
        copy.add_event(event, emitter=service, subscribers=[owned.owner])
        new_steps.append(event)
    i = keys.index(after)
    groups.insert(i + 1, (service, new_steps))
    copy.add_process(owned.name, owner=owned.owner, steps=[s for _, m in groups for s in m])
    return copy


def replace_subscription_by_command(arch: Architecture, service: str, event: str, *,
                                    command: str, sender: str | None = None,
                                    name: str | None = None) -> Architecture:
    """Return a copy in which ``service`` no longer reacts to ``event`` but is commanded.

    Use it when the sender does care that the work happens (lesson 02's decision):
    ``sender`` (by default the event's emitter) sends ``command`` to ``service``.
    The event itself stays: other subscribers may still react to the fact.
    Introduced in ``03_the_event_chain_trap.ipynb``.

    Examples
    --------
    >>> from lessonlib.scenarios import order_fulfilment_choreography
    >>> chain = order_fulfilment_choreography()
    >>> fixed = replace_subscription_by_command(chain, "Shipping", "GoodsFetched",
    ...                                         command="ShipGoods")
    >>> from lessonlib.change_impact import impact
    >>> print(impact(chain, fixed).report())
    2 services must change: Inventory, Shipping (2 changed). Untouched: Checkout, Payment.
    - Inventory changes: it now sends the command ShipGoods.
    - Shipping changes: it no longer subscribes to GoodsFetched; it now handles the command ShipGoods.
    """
    arch = expect_architecture(arch, "The model")
    service = arch.service(service)
    message = arch.event(event)
    if service not in message.targets:
        subs = ", ".join(map(repr, message.targets)) or "(none)"
        raise LessonError(f"{shown(service)} does not subscribe to {message.name}, so there is no "
                          f"subscription to replace. Its subscribers are: {subs}. "
                          f"{suggest(service, message.targets) if message.targets else ''}".strip())
    sender = message.source if sender is None else arch.service(sender)
    copy = arch.copy(name or f"{arch.name}, {sender} commands {service}")
    copy.unsubscribe(service, message.name)
    copy.add_command(command, sender=sender, receiver=service)
    return copy
