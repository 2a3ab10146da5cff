"""Change impact: which services a requirement change touches, and why.

Compare two versions of an architecture, *before* and *after* a change, and
every service falls in one category: **new**, **changed** (with the reasons: a
subscription, an emitted event, a command sent or handled, or an owned process
that is different), **removed** or **untouched**. The rule is short and public:
a service must change when its :meth:`~lessonlib.architecture.Architecture.roles`
differ between the two models, or a process it owns has other steps. The count
is computed from the two models, never looked up in a table.
Introduced in ``03_the_event_chain_trap.ipynb``:

>>> from lessonlib.changes import reorder
>>> from lessonlib.scenarios import order_fulfilment_choreography
>>> chain = order_fulfilment_choreography()
>>> goods_first = reorder(chain, "Payment", "Inventory")   # fetch the goods before the payment
>>> print(impact(chain, goods_first).summary())
3 services must change: Payment, Inventory, Shipping (3 changed). Untouched: Checkout.

:mod:`lessonlib.changes` has helpers that apply common changes (reorder,
insert a step, replace a subscription by a command) and return a changed copy.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from lessonlib.architecture import Architecture, Filter, Role, expect_architecture
from lessonlib.errors import LessonError, LessonTypeError, shown
from lessonlib.prose import and_list, noun

__all__ = ["impact", "Impact", "Change", "ASPECTS"]

#: The reasons a service must change, in the order reports list them.
ASPECTS = ("subscription", "filter", "emitted event", "command sent", "command handled",
           "process")
#: Which field of a :class:`~lessonlib.architecture.Role` each reason compares.
ROLE_FIELDS = {"subscription": "subscribes", "filter": "filters", "emitted event": "emits",
               "command sent": "sends", "command handled": "handles"}

_VERBS = {
    # aspect: (added, removed, renamed)
    "subscription": ("now subscribes to {}", "no longer subscribes to {}",
                     "subscribes to {} instead of {}"),
    "filter": ("now reacts to {}", "no longer reacts to {}", "reacts to {} instead of {}"),
    "emitted event": ("now emits the event {}", "no longer emits the event {}",
                      "emits {} instead of {}"),
    "command sent": ("now sends the command {}", "no longer sends the command {}",
                     "sends {} instead of {}"),
    "command handled": ("now handles the command {}", "no longer handles the command {}",
                        "handles {} instead of {}"),
    "process": ("now owns the process {!r}", "no longer owns the process {!r}", ""),
}


@dataclass(frozen=True)
class Change:
    """One reason a service must change.

    ``aspect`` is one of :data:`ASPECTS`; ``how`` is ``"added"``, ``"removed"``,
    ``"renamed"`` or (for a process) ``"reordered"`` or ``"steps"``; ``detail`` names the message or
    process (for a rename, ``"Old -> New"``; for a filter, ``"Event only for which"``), and
    ``filter`` is the :class:`~lessonlib.architecture.Filter` a filter change is about.
    """

    service: str
    aspect: str
    how: str
    detail: str
    steps: str = ""  # for a process whose steps changed: which were added or dropped
    filter: Filter | None = None

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


_MADE_BY = "An Impact is made by impact(before, after), not built by hand."


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
    rerouted : tuple of (command, sender, old receiver, new receiver)
        Commands a sender still sends, now handled by another service: the sender
        depends on a different service, though its role (the commands it sends) is
        the same. Its code changes only if it addresses the receiver by name rather
        than sending the command to whoever handles it.
    before, after : Architecture
        Copies of the two models as they were compared (for the picture).
    """

    def __init__(self, before: Architecture, after: Architecture, new, removed, changed,
                 untouched, renamed, roles, rerouted=()):
        before = expect_architecture(before, "Impact's before", hint=_MADE_BY)
        after = expect_architecture(after, "Impact's after", hint=_MADE_BY)
        self._before, self._after = before.copy(), after.copy()  # as they were compared
        try:
            self.new = tuple(new)
            self.removed = tuple(removed)
            self.changed = dict(changed)
            self.untouched = tuple(untouched)
            self.renamed = tuple(renamed)
            self.rerouted = tuple(rerouted)
        except (TypeError, ValueError):
            raise LessonTypeError(f"An Impact holds lists of service names. {_MADE_BY}") from None
        self._roles = roles  # what each new service does, for the report

    @property
    def before(self) -> Architecture:
        """A copy of the model before the change, as it was compared."""
        return self._before.copy()

    @property
    def after(self) -> Architecture:
        """A copy of the changed model, as it was compared."""
        return self._after.copy()

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

        >>> from lessonlib.changes import reorder
        >>> from lessonlib.changes import reorder
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
        text = (f"{self.total} {noun(self.total, 'service')} must change: "
                f"{', '.join(self.must_change)} "
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
        for command, sender, old, new in self.rerouted:
            lines.append(f"- {sender} still sends {command}, but {new} handles it now instead "
                         f"of {old}: {sender} depends on a different service. Its code changes "
                         f"only if it addresses {old} by name rather than sending the command.")
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.report()

    def __repr__(self) -> str:
        return f"<Impact {self._before.name!r} -> {self._after.name!r}: {self.total} must change>"

    def _repr_pretty_(self, printer, cycle) -> None:  # IPython shows the report
        printer.text(self.report())


def impact(before: Architecture, after: Architecture) -> Impact:
    """Compare two versions of an architecture; say which services must change and why.

    A service *changed* if it subscribes to, emits, sends or handles a different
    set of messages, reacts to some of an event only (a filter, see
    :meth:`~lessonlib.architecture.Architecture.narrow`), or owns a process whose
    steps differ. New and removed
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
    >>> vip = chain.copy()   # VIP customers pay later by invoice:
    >>> vip.narrow("Payment", "OrderPlaced", only="non-VIP orders")
    >>> vip.subscribe("Inventory", "OrderPlaced", only="VIP orders")
    >>> result = impact(chain, vip)
    >>> result.total
    2
    >>> print(result.report())
    2 services must change: Payment, Inventory (2 changed). Untouched: Checkout, Shipping.
    - Payment changes: it now reacts to OrderPlaced only for non-VIP orders.
    - Inventory changes: it now reacts to OrderPlaced only for VIP orders.
    """
    before = expect_architecture(before, "before")
    after = expect_architecture(after, "after")
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
            f"{and_list(old_services, '(none)')}; after: {and_list(new_services, '(none)')}."
        )
    renames = _renames(before, after)
    r_old, r_new = before.roles(), after.roles()
    o_old, o_new = _owned(before), _owned(after)
    changed: dict[str, tuple[Change, ...]] = {}
    untouched = []
    for service in new_services:
        if service not in common:
            continue
        changes = (_role_changes(service, r_old[service], r_new[service], renames)
                   + _process_changes(service, o_old.get(service, {}), o_new.get(service, {}),
                                      renames))
        # A new subscription with a filter is one change: "now reacts to X only for Y".
        filtered = {c.filter.event for c in changes if c.filter is not None and c.how == "added"}
        changes = [c for c in changes if not (c.aspect == "subscription" and c.how == "added"
                                              and c.detail in filtered)]
        if changes:
            changes.sort(key=lambda c: (ASPECTS.index(c.aspect), c.how != "added"))
            changed[service] = tuple(changes)
        else:
            untouched.append(service)
    new = [s for s in new_services if s not in common]
    removed = [s for s in old_services if s not in common]
    roles = {s: _role(r_new[s], o_new.get(s, {})) for s in new}
    return Impact(before, after, new, removed, changed, untouched, sorted(renames.items()),
                  roles, _rerouted(before, after, renames))


def _role_changes(service: str, was_role: Role, now_role: Role,
                  renames: dict[str, str]) -> list[Change]:
    """What ``service`` subscribes to, emits, sends, handles or filters: added, removed or
    renamed (a message renamed between the versions is one change, not two)."""
    changes: list[Change] = []
    for aspect, role_field in ROLE_FIELDS.items():
        was = set(getattr(was_role, role_field))
        now = set(getattr(now_role, role_field))
        if was == now:
            continue
        gained, lost = now - was, was - now
        for old in sorted(lost):
            if renames.get(old) in gained:
                changes.append(Change(service, aspect, "renamed", f"{old} -> {renames[old]}"))
                gained.discard(renames[old])
            else:
                changes.append(_change(service, aspect, "removed", old))
        changes += [_change(service, aspect, "added", m) for m in sorted(gained)]
    return changes


def _change(service: str, aspect: str, how: str, what: str | Filter) -> Change:
    """A change to a message name, or to a filter (which the change then carries)."""
    if isinstance(what, Filter):
        return Change(service, aspect, how, str(what), filter=what)
    return Change(service, aspect, how, what)


def _process_changes(service: str, was_p: dict, now_p: dict,
                     renames: dict[str, str]) -> list[Change]:
    """The processes ``service`` owns: added, removed, reordered or with other steps."""
    changes: list[Change] = []
    if was_p == now_p:
        return changes
    for name in now_p:
        if name not in was_p:
            changes.append(Change(service, "process", "added", name))
        elif now_p[name] != tuple(renames.get(s, s) for s in was_p[name]):
            old_steps = [renames.get(s, s) for s in was_p[name]]
            if sorted(now_p[name]) == sorted(old_steps):
                changes.append(Change(service, "process", "reordered", name))
            else:
                old_set, now_set = set(old_steps), set(now_p[name])
                added = [s for s in now_p[name] if s not in old_set]
                dropped = [s for s in old_steps if s not in now_set]
                what = "; ".join(part for part in (
                    f"adds {and_list(added)}" if added else "",
                    f"drops {and_list(dropped)}" if dropped else "") if part)
                changes.append(Change(service, "process", "steps", name, what))
    changes += [Change(service, "process", "removed", n) for n in was_p if n not in now_p]
    return changes


def _rerouted(before: Architecture, after: Architecture,
              renames: dict[str, str]) -> list[tuple[str, str, str, str]]:
    """Commands with the same sender in both models but another receiver."""
    old_commands = {renames.get(m.name, m.name): m for m in before.messages if m.is_command}
    found = []
    for m in after.messages:
        old = old_commands.get(m.name)
        if (m.is_command and old is not None and old.source == m.source
                and old.targets != m.targets):
            found.append((m.name, m.source, old.targets[0], m.targets[0]))
    return found


def _role(role: Role, processes: dict) -> str:
    parts = [str(role)] if role != Role() else []
    parts += [f"owns the process {shown(p)}" for p in processes]
    return "; ".join(parts)
