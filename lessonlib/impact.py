"""Change impact: which services a requirement change touches, and why.

Compare two versions of an architecture, *before* and *after* a change, and
every service falls in one category: **new**, **changed** (with the reasons: a
subscription, an emitted event, a command sent or handled, or an owned process
that is different), **removed** or **untouched**. The count of services that
must change is computed from the two models, never looked up in a table.
Introduced in ``03_the_event_chain_trap.ipynb``:

>>> from lessonlib.scenarios import order_fulfilment_choreography
>>> chain = order_fulfilment_choreography()
>>> goods_first = reorder(chain, "Payment", "Inventory")   # fetch the goods before the payment
>>> print(impact(chain, goods_first).summary())
3 services must change: Payment, Inventory, Shipping (3 changed). Untouched: Checkout.

The helpers :func:`insert_step`, :func:`reorder` and
:func:`replace_subscription_by_command` apply common changes and return a changed
copy, so ``before`` stays as it was. :func:`where_is_the_process` answers "where
is this process defined?": in one owner, or spread over the subscriptions of
every service in an event chain.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise

from lessonlib._errors import LessonError, LessonTypeError, check_name, suggest
from lessonlib.architecture import COMMAND, EVENT, Architecture

__all__ = [
    "impact",
    "Impact",
    "Change",
    "ASPECTS",
    "insert_step",
    "reorder",
    "replace_subscription_by_command",
    "where_is_the_process",
    "ProcessHome",
    "steps_of",
    "draw_impact",
    "describe_impact",
    "show_impact",
]

#: The reasons a service must change, in the order reports list them.
ASPECTS = ("subscription", "emitted event", "command sent", "command handled", "process")

_VERBS = {
    # aspect: (added, removed, renamed)
    "subscription": ("now subscribes to {}", "no longer subscribes to {}",
                     "subscribes to {} instead of {}"),
    "emitted event": ("now emits the event {}", "no longer emits the event {}",
                      "emits {} instead of {}"),
    "command sent": ("now sends the command {}", "no longer sends the command {}",
                     "sends {} instead of {}"),
    "command handled": ("now handles the command {}", "no longer handles the command {}",
                        "handles {} instead of {}"),
    "process": ("now owns the process {!r}", "no longer owns the process {!r}", ""),
}


def _check_architecture(arch: object, what: str) -> Architecture:
    if not isinstance(arch, Architecture):
        hint = ""
        if hasattr(arch, "model") and isinstance(arch.model, Architecture):
            hint = " (For a draft from the exercise, pass draft.model.)"
        raise LessonTypeError(
            f"{what} must be an Architecture, like scenarios.order_fulfilment_choreography(); "
            f"got {arch!r} ({type(arch).__name__}).{hint}"
        )
    return arch


def _name_list(names: Iterable[str]) -> str:
    names = list(names)
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


# --------------------------------------------------------------------------- the comparison


@dataclass(frozen=True)
class Change:
    """One reason a service must change.

    ``aspect`` is one of :data:`ASPECTS`; ``how`` is ``"added"``, ``"removed"``,
    ``"renamed"`` or (for a process) ``"reordered"`` or ``"steps"``; ``detail`` names the message or
    process (for a rename, ``"Old -> New"``).
    """

    service: str
    aspect: str
    how: str
    detail: str
    steps: str = ""  # for a process whose steps changed: which were added or dropped

    def __str__(self) -> str:
        added, removed, renamed = _VERBS[self.aspect]
        if self.how == "added":
            return added.format(self.detail)
        if self.how == "removed":
            return removed.format(self.detail)
        if self.how == "renamed":
            old, new = self.detail.split(" -> ")
            return renamed.format(new, old) + " (renamed)"
        if self.how == "reordered":
            return f"runs the steps of the process {self.detail!r} in a new order"
        return f"changes the steps of the process {self.detail!r}" + (
            f" ({self.steps})" if self.steps else "")


def _profile(arch: Architecture) -> dict[str, dict[str, set[str]]]:
    """What each service does, in one pass over the messages (fast for big models)."""
    prof = {s: {a: set() for a in ASPECTS[:4]} for s in arch.services}
    for m in arch.messages:
        if m.kind == EVENT:
            prof[m.source]["emitted event"].add(m.name)
            for target in m.targets:
                prof[target]["subscription"].add(m.name)
        else:
            prof[m.source]["command sent"].add(m.name)
            prof[m.targets[0]]["command handled"].add(m.name)
    return prof


def _owned(arch: Architecture) -> dict[str, dict[str, tuple[str, ...]]]:
    owned: dict[str, dict[str, tuple[str, ...]]] = {}
    for p in arch.processes:
        owned.setdefault(p.owner, {})[p.name] = p.steps
    return owned


def _renames(before: Architecture, after: Architecture) -> dict[str, str]:
    """Messages that only changed name: same kind, sender and receivers (old -> new)."""
    old_names = {m.name: m for m in before.messages}
    new_names = {m.name: m for m in after.messages}
    gone = {(m.kind, m.source, m.targets): m.name for n, m in old_names.items()
            if n not in new_names}
    renames = {}
    for name, m in new_names.items():
        if name in old_names:
            continue
        old = gone.pop((m.kind, m.source, m.targets), None)
        if old is not None:
            renames[old] = name
    return renames


class Impact:
    """The result of :func:`impact`: new, changed, removed and untouched services.

    Introduced in ``03_the_event_chain_trap.ipynb``. ``print(result)`` shows the
    report; :meth:`counts` and :attr:`total` give the numbers.

    Attributes
    ----------
    new, removed, untouched : tuple of str
        Service names, in model order.
    changed : dict
        Service name -> tuple of :class:`Change` (why it must change).
    renamed : tuple of (old, new)
        Messages that only changed their name.
    before, after : Architecture
        Copies of the two models as they were compared (for the picture).
    """

    def __init__(self, before: Architecture, after: Architecture, new, removed, changed,
                 untouched, renamed, roles):
        # Frozen snapshots (messages and processes are immutable), rebuilt only for a
        # picture: copying two big networkx graphs would cost more than the comparison.
        self._snapshots = {"before": _snapshot(before), "after": _snapshot(after)}
        self._models: dict[str, Architecture] = {}
        self.new = tuple(new)
        self.removed = tuple(removed)
        self.changed = dict(changed)
        self.untouched = tuple(untouched)
        self.renamed = tuple(renamed)
        self._roles = roles  # what each new service does, for the report

    @property
    def before(self) -> Architecture:
        """A copy of the model before the change, as it was compared."""
        return self._model("before")

    @property
    def after(self) -> Architecture:
        """A copy of the changed model, as it was compared."""
        return self._model("after")

    def _model(self, which: str) -> Architecture:
        if which not in self._models:
            self._models[which] = _rebuild(*self._snapshots[which])
        return self._models[which].copy()

    @property
    def total(self) -> int:
        """How many services must change: new + changed + removed."""
        return len(self.new) + len(self.changed) + len(self.removed)

    @property
    def must_change(self) -> tuple[str, ...]:
        """The services that must change (new, changed, then removed)."""
        return self.new + tuple(self.changed) + self.removed

    def counts(self) -> dict[str, int]:
        """A count per category, and the total that must change.

        >>> from lessonlib.scenarios import order_fulfilment_orchestration
        >>> orch = order_fulfilment_orchestration()
        >>> impact(orch, reorder(orch, "Payment", "Inventory")).counts()
        {'new': 0, 'changed': 1, 'removed': 0, 'untouched': 4, 'must change': 1}
        """
        return {"new": len(self.new), "changed": len(self.changed),
                "removed": len(self.removed), "untouched": len(self.untouched),
                "must change": self.total}

    def reasons(self) -> dict[str, int]:
        """How many changed services have each kind of reason (see :data:`ASPECTS`)."""
        tally = Counter(aspect for changes in self.changed.values()
                        for aspect in {c.aspect for c in changes})
        return {aspect: tally[aspect] for aspect in ASPECTS}

    def summary(self) -> str:
        """One sentence: how many services must change, which, and which are untouched."""
        if self.total == 0:
            return (f"No service must change: the {len(self.untouched)} services and their "
                    "messages are the same in both models.")
        parts = []
        for label, names in (("new", self.new), ("changed", tuple(self.changed)),
                             ("removed", self.removed)):
            if names:
                parts.append(f"{len(names)} {label}")
        noun = "service" if self.total == 1 else "services"
        text = (f"{self.total} {noun} must change: {', '.join(self.must_change)} "
                f"({', '.join(parts)}).")
        if self.untouched:
            text += f" Untouched: {', '.join(self.untouched)}."
        return text

    def report(self) -> str:
        """The summary, then one line per service that must change, saying why."""
        lines = [self.summary()]
        for service in self.new:
            role = self._roles.get(service)
            lines.append(f"- {service} is new" + (f": it {role}." if role else "."))
        for service, changes in self.changed.items():
            lines.append(f"- {service} changes: it {'; it '.join(map(str, changes))}.")
        for service in self.removed:
            lines.append(f"- {service} is removed (and every message it sent or handled).")
        for old, new in self.renamed:
            lines.append(f"- The message {old} was renamed {new}: every service that uses it "
                         "must change.")
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.report()

    def __repr__(self) -> str:
        before, after = self._snapshots["before"][0], self._snapshots["after"][0]
        return (f"<Impact {before!r} -> {after!r}: "
                f"{self.total} must change>")

    def _repr_pretty_(self, printer, cycle) -> None:  # IPython shows the report
        printer.text(self.report())


def impact(before: Architecture, after: Architecture) -> Impact:
    """Compare two versions of an architecture; say which services must change and why.

    A service *changed* if it subscribes to, emits, sends or handles a different
    set of messages, or owns a process whose steps differ. New and removed
    services count too. Pure: neither model is modified.

    Introduced in ``03_the_event_chain_trap.ipynb``; used again in
    ``04_criminal_check_exercise.ipynb``.

    Parameters
    ----------
    before, after : Architecture
        The model before the change and a changed copy (``before.copy()`` then edits,
        or a helper such as :func:`reorder`).

    Returns
    -------
    Impact

    Examples
    --------
    >>> from lessonlib.scenarios import order_fulfilment_choreography
    >>> chain = order_fulfilment_choreography()
    >>> vip = chain.copy()
    >>> vip.subscribe("Inventory", "OrderPlaced")   # VIP orders: fetch at once
    >>> vip.subscribe("Payment", "GoodsShipped")    # VIP orders: invoice after shipping
    >>> result = impact(chain, vip)
    >>> result.total
    2
    >>> print(result.report())
    2 services must change: Payment, Inventory (2 changed). Untouched: Checkout, Shipping.
    - Payment changes: it now subscribes to GoodsShipped.
    - Inventory changes: it now subscribes to OrderPlaced.
    """
    before = _check_architecture(before, "before")
    after = _check_architecture(after, "after")
    if before is after:
        raise LessonError(
            "impact() was given the same Architecture twice, so nothing can differ. "
            "Note that `after = before` does not copy a model: write "
            "`after = before.copy()` and change `after`."
        )
    old_services, new_services = before.services, after.services
    old_set, new_set = set(old_services), set(new_services)
    common = old_set & new_set
    if not common:
        raise LessonError(
            f"{before.name!r} and {after.name!r} have no service in common, so they are not "
            f"two versions of one system. Compare a model with a changed copy of itself, e.g. "
            f"impact(before, changed) where changed = before.copy(). Services before: "
            f"{_name_list(old_services) or '(none)'}; after: {_name_list(new_services) or '(none)'}."
        )
    renames = _renames(before, after)
    p_old, p_new = _profile(before), _profile(after)
    o_old, o_new = _owned(before), _owned(after)
    changed: dict[str, tuple[Change, ...]] = {}
    untouched = []
    for service in new_services:
        if service not in common:
            continue
        changes: list[Change] = []
        for aspect in ASPECTS[:4]:
            was, now = p_old[service][aspect], p_new[service][aspect]
            if was == now:
                continue
            gained, lost = now - was, was - now
            for old in sorted(lost):
                if renames.get(old) in gained:
                    changes.append(Change(service, aspect, "renamed", f"{old} -> {renames[old]}"))
                    gained.discard(renames[old])
                else:
                    changes.append(Change(service, aspect, "removed", old))
            changes += [Change(service, aspect, "added", m) for m in sorted(gained)]
        was_p, now_p = o_old.get(service, {}), o_new.get(service, {})
        if was_p != now_p:
            for name in now_p:
                if name not in was_p:
                    changes.append(Change(service, "process", "added", name))
                elif now_p[name] != tuple(renames.get(s, s) for s in was_p[name]):
                    old_steps = [renames.get(s, s) for s in was_p[name]]
                    if sorted(now_p[name]) == sorted(old_steps):
                        changes.append(Change(service, "process", "reordered", name))
                    else:
                        added = [s for s in now_p[name] if s not in old_steps]
                        dropped = [s for s in old_steps if s not in now_p[name]]
                        what = "; ".join(part for part in (
                            f"adds {_name_list(added)}" if added else "",
                            f"drops {_name_list(dropped)}" if dropped else "") if part)
                        changes.append(Change(service, "process", "steps", name, what))
            changes += [Change(service, "process", "removed", n) for n in was_p if n not in now_p]
        if changes:
            changes.sort(key=lambda c: (ASPECTS.index(c.aspect), c.how != "added"))
            changed[service] = tuple(changes)
        else:
            untouched.append(service)
    new = [s for s in new_services if s not in common]
    removed = [s for s in old_services if s not in common]
    roles = {s: _role(p_new[s], o_new.get(s, {})) for s in new}
    return Impact(before, after, new, removed, changed, untouched, sorted(renames.items()),
                  roles)


def _snapshot(arch: Architecture) -> tuple:
    return (arch.name, arch.services, arch.messages, arch.processes)


def _rebuild(name, services, messages, processes) -> Architecture:
    arch = Architecture(name, services=services)
    for m in messages:
        arch.add_message(m.name, m.kind, m.source, m.targets, description=m.description)
    for p in processes:
        arch.add_process(p.name, owner=p.owner, steps=p.steps)
    return arch


def _role(profile: dict[str, set[str]], processes: dict) -> str:
    words = {"subscription": "subscribes to", "emitted event": "emits",
             "command sent": "sends", "command handled": "handles"}
    parts = [f"{words[a]} {_name_list(sorted(profile[a]))}" for a in ASPECTS[:4] if profile[a]]
    parts += [f"owns the process {p!r}" for p in processes]
    return "; ".join(parts)


# --------------------------------------------------------------------------- where is the process


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
                f"{_name_list(self.defined_in)} ({self.count} services: "
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
    arch = _check_architecture(arch, "arch")
    if process is not None or arch.processes:
        if process is None:
            if len(arch.processes) > 1:
                names = [p.name for p in arch.processes]
                raise LessonError(f"{arch.name!r} owns {len(names)} processes; say which one, "
                                  f"e.g. process={names[0]!r}. They are: {_name_list(names)}.")
            proc = arch.processes[0]
        else:
            proc = arch.process(process)
        sequence = tuple(key for key, _ in _groups(arch, proc.owner, proc.steps))
        return ProcessHome(proc.name, proc.owner, (proc.owner,), sequence, ())
    order = _flow_order(arch)
    links = [link for link in arch.links(EVENT)]
    defined = {link.receiver for link in links}
    defined_in = tuple(s for s in order if s in defined)
    subs = tuple(f"{link.receiver} reacts to {link.message}"
                 for link in sorted(links, key=lambda k: order.index(k.receiver)))
    sequence = tuple(s for s in order if s in defined or arch.emits(s))
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
    seen: list[str] = []
    queue = list(starts)
    while queue:
        s = queue.pop(0)
        if s in seen:
            continue
        seen.append(s)
        queue += [t for t in targets[s] if t not in seen]
    return seen + [s for s in arch.services if s not in seen]


# --------------------------------------------------------------------------- steps


def _groups(arch: Architecture, owner: str, steps: Iterable[str]) -> list[tuple[str, list[str]]]:
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
            f"{_name_list(starts) or 'no service'}), so its steps have no single order. "
            "reorder and insert_step work on a straight event chain or on a process with an owner."
        )
    chain, seen = [starts[0]], {starts[0]}
    while True:
        nxt = followers[chain[-1]]
        if not nxt:
            return chain
        if len(nxt) > 1 or nxt & seen:
            raise LessonError(
                f"{arch.name!r} is not a straight chain of events: {chain[-1]} is followed by "
                f"{_name_list(sorted(nxt))}. reorder and insert_step work on a straight event "
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


def _output(outputs: dict[str, str], service: str) -> str:
    if service not in outputs:
        raise LessonError(
            f"{service} ends the chain but does not emit exactly one event, so it is unclear "
            f"which one says it is done. Let it emit one event, e.g. "
            f"add_event('{service.replace(' ', '')}Done', emitter={service!r})."
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
    arch = _check_architecture(arch, "arch")
    owned = _pick_process(arch, process)
    if owned is None:
        return tuple(_chain(arch))
    return tuple(key for key, _ in _groups(arch, owned.owner, owned.steps))


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
            f"Unknown step {name!r} in {arch.name!r}. A step is named by the service that does "
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
    lessonlib._errors.LessonError: Unknown step 'Inventroy' in 'Order fulfilment (choreography)'. A step is named by the service that does the work; the steps are 'Checkout', 'Payment', 'Inventory', 'Shipping'. Did you mean 'Inventory'?
    """
    arch = _check_architecture(arch, "arch")
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
        return copy
    groups = _groups(arch, owned.owner, owned.steps)
    keys = [k for k, _ in groups]
    first, second = _step(first, keys, arch), _step(second, keys, arch)
    opening = arch.message(groups[0][1][0])
    trigger = keys[0] if opening.is_event and opening.source != owned.owner else None
    _not_same_or_start(first, second, trigger, arch)
    if keys.count(first) > 1 or keys.count(second) > 1:
        raise LessonError(f"A step named {first!r} or {second!r} occurs more than once in "
                          f"process {owned.name!r}, so which one to move is unclear.")
    i, j = keys.index(first), keys.index(second)
    groups[i], groups[j] = groups[j], groups[i]
    steps = [s for _, members in groups for s in members]
    copy.add_process(owned.name, owner=owned.owner, steps=steps)
    return copy


def _not_same_or_start(first: str, second: str, start: str | None,
                       arch: Architecture) -> None:
    if first == second:
        raise LessonError(f"reorder needs two different steps; got {first!r} twice.")
    if start is not None and start in (first, second):
        raise LessonError(
            f"{start!r} starts the process in {arch.name!r} (nothing comes before it), so it "
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
    >>> print(impact(chain, fraud).summary())
    2 services must change: Fraud check, Inventory (1 new, 1 changed). Untouched: Checkout, Payment, Shipping.
    """
    arch = _check_architecture(arch, "arch")
    service = check_name(service, "service name")
    owned = _pick_process(arch, process)
    copy = arch.copy(name or f"{arch.name}, with {service}")
    if service in arch.services:
        raise LessonError(f"insert_step adds a new service, but {service!r} already exists in "
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
        copy.subscribe(service, trigger)
        return copy
    if command is None:
        raise LessonError(
            f"In process {owned.name!r} the owner {owned.owner} sends each step as a command: "
            f"give its name, e.g. command='{service.replace(' ', '')}'."
        )
    groups = _groups(arch, owned.owner, owned.steps)
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
    >>> print(impact(chain, fixed).report())
    2 services must change: Inventory, Shipping (2 changed). Untouched: Checkout, Payment.
    - Inventory changes: it now sends the command ShipGoods.
    - Shipping changes: it no longer subscribes to GoodsFetched; it now handles the command ShipGoods.
    """
    arch = _check_architecture(arch, "arch")
    service = arch._check_service(service)
    message = arch._check_event(event)
    if service not in message.targets:
        subs = ", ".join(map(repr, message.targets)) or "(none)"
        raise LessonError(f"{service!r} does not subscribe to {message.name}, so there is no "
                          f"subscription to replace. Its subscribers are: {subs}. "
                          f"{suggest(service, message.targets) if message.targets else ''}".strip())
    sender = message.source if sender is None else arch._check_service(sender)
    copy = arch.copy(name or f"{arch.name}, {sender} commands {service}")
    copy.unsubscribe(service, message.name)
    copy.add_command(command, sender=sender, receiver=service)
    return copy


# --------------------------------------------------------------------------- the picture


def _marks(result: Impact) -> dict[str, list[str]]:
    return {"highlight": list(result.changed), "new": list(result.new)}


def draw_impact(result: Impact, ax=None):
    """Draw the changed model with changed services hatched and outlined, new ones tagged.

    Returns the axes (never calls ``plt.show()``). Introduced in
    ``03_the_event_chain_trap.ipynb``.

    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> from lessonlib.scenarios import order_fulfilment_choreography
    >>> chain = order_fulfilment_choreography()
    >>> ax = draw_impact(impact(chain, reorder(chain, "Payment", "Inventory")))
    >>> sorted(p.get_gid() for p in ax.patches if p.get_hatch())
    ['service:Inventory', 'service:Payment', 'service:Shipping']
    >>> import matplotlib.pyplot as plt
    >>> plt.close("all")
    """
    from lessonlib.draw import draw

    if not isinstance(result, Impact):
        raise LessonTypeError(f"draw_impact needs the result of impact(before, after); got "
                              f"{result!r} ({type(result).__name__}).")
    noun = "service" if result.total == 1 else "services"
    title = f"{result.after.name}\n{result.total} {noun} must change"
    return draw(result.after, ax, title=title, **_marks(result))


def describe_impact(result: Impact) -> str:
    """The text equivalent of :func:`show_impact`: the report, then both models.

    Introduced in ``03_the_event_chain_trap.ipynb`` (under every impact picture).

    >>> from lessonlib.scenarios import order_fulfilment_orchestration
    >>> orch = order_fulfilment_orchestration()
    >>> text = describe_impact(impact(orch, reorder(orch, "Payment", "Inventory")))
    >>> print(text.splitlines()[0])
    1 service must change: Order (1 changed). Untouched: Checkout, Payment, Inventory, Shipping.
    >>> "Order (changed, owns the process)" in text
    True
    """
    from lessonlib.draw import describe

    if not isinstance(result, Impact):
        raise LessonTypeError(f"describe_impact needs the result of impact(before, after); got "
                              f"{result!r} ({type(result).__name__}).")
    return "\n\n".join([
        result.report(),
        "Before: " + describe(result.before),
        "After (changed services hatched with a thick outline and a CHANGED tag, new ones "
        "with a double outline and a NEW tag): " + describe(result.after, **_marks(result)),
    ])


def show_impact(result: Impact) -> None:
    """Show the model before and after the change side by side, with the text equivalent.

    Introduced in ``03_the_event_chain_trap.ipynb``.
    """
    from matplotlib.figure import Figure

    from lessonlib._display import display_figure
    from lessonlib.draw import draw, figure_size

    if not isinstance(result, Impact):
        raise LessonTypeError(f"show_impact needs the result of impact(before, after); got "
                              f"{result!r} ({type(result).__name__}).")
    sizes = [figure_size(result.before), figure_size(result.after)]
    if sum(w for w, _ in sizes) > 16:  # a long chain: before above after, not side by side
        fig = Figure(figsize=(max(w for w, _ in sizes), sum(h for _, h in sizes)))
        first, second = fig.subplots(2, 1, gridspec_kw={"height_ratios": [h for _, h in sizes]})
    else:
        fig = Figure(figsize=(sum(w for w, _ in sizes), max(h for _, h in sizes)))
        first, second = fig.subplots(1, 2, gridspec_kw={"width_ratios": [w for w, _ in sizes]})
    draw(result.before, first, title=f"Before\n{result.before.name}", legend=False)
    draw_impact(result, second)
    fig.tight_layout()
    display_figure(fig, describe_impact(result))

