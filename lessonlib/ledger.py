"""Where each style wins: a balanced ledger of the course's own models.

Introduced in ``02_who_depends_on_whom.ipynb``. Each entry puts one change or one
event to both styles, on the same system, and counts with the course's one rule
(:func:`~lessonlib.change_impact.impact`: a service must change when it is new or
its role differs):

* **a second reactor**: an SMS service also wants to greet each new customer, a
  reaction its own team owns. As an event reaction (onboarding as lesson 02
  decides it) only the SMS service is new; if onboarding *commanded* its
  reactions, Onboarding would change too, for every new reactor;
* **a new caller**: Ticketing starts using the payment service. With a command
  API only Ticketing is new; with subscriptions Payment changes for every caller
  (:func:`~lessonlib.coupling.reuse_comparison`);
* **an outage**: the one piece of infrastructure every message of an order
  passes through goes down: the chain's broker, or the engine that runs the
  owner's process. Both are infrastructure; the entry counts, from the models,
  how many of an order's messages each one carries.

The winner of each entry, and the sentence that says so, follow from its numbers.

>>> print(ledger().table())
a second reactor: with events 1, with commands 2 (services that must change): events win.
a new caller: with events 2, with commands 1 (services that must change): commands win.
an outage: with events 4 of 4, with commands 8 of 8 (messages of an order through one piece of infrastructure): a tie.
"""

from __future__ import annotations

from dataclasses import dataclass

from lessonlib.architecture import Architecture, expect_architecture
from lessonlib.change_impact import Impact, impact
from lessonlib.changes import replace_subscription_by_command
from lessonlib.coupling import reuse_comparison
from lessonlib.decisions import ONBOARDING
from lessonlib.errors import LessonError, check_name
from lessonlib.prose import and_list, plural
from lessonlib.scenarios import (
    ONBOARDING_REACTIONS,
    customer_onboarding_orchestration,
    order_fulfilment_choreography,
    order_fulfilment_orchestration,
)
from lessonlib.styles import CHOREOGRAPHY, ORCHESTRATION, STYLES

__all__ = ["Entry", "Ledger", "Hub", "second_reactor", "new_caller", "hubs", "ledger",
           "reactions_commanded", "LINK_LABELS", "REACTOR", "CALLER"]

#: How lesson 02 names the styles on one link: with events, or with commands.
LINK_LABELS = {CHOREOGRAPHY: "with events", ORCHESTRATION: "with commands"}
#: The second reactor: a service that greets each new customer by SMS, on its own account.
REACTOR = ("SMS", "SendWelcomeSms")
#: The new caller of the payment service.
CALLER = "Ticketing"


def reactions_commanded(arch: Architecture | None = None) -> Architecture:
    """Customer onboarding with its reactions to CustomerCreated *commanded* by Onboarding.

    Each reaction becomes the command the decision tree names for it
    (``SendOnboardingEmail``, ``EnrolInLoyalty``): the opposite of the tree's choice,
    kept to count what it costs.

    >>> reactions_commanded().sends("Onboarding")
    ('CheckAddress', 'CheckCredit', 'SendWelcomeLetter', 'SendOnboardingEmail', 'EnrolInLoyalty')
    """
    arch = customer_onboarding_orchestration() if arch is None else expect_architecture(arch)
    commands = {link.receiver: link.command for link in ONBOARDING}
    for reactor in ONBOARDING_REACTIONS:
        arch = replace_subscription_by_command(arch, reactor, "CustomerCreated",
                                               command=commands[reactor])
    arch.name = "Customer onboarding, reactions commanded"
    return arch


def second_reactor(service: str = REACTOR[0], command: str = REACTOR[1]) -> dict[str, Impact]:
    """Add a second reactor to a new customer (by default an SMS greeting), in both styles.

    With events the new service subscribes to ``CustomerCreated``; with commands
    Onboarding must send it ``command``. Returns style -> :class:`Impact`.

    >>> print(second_reactor()["choreography"].summary())
    1 service must change: SMS (1 new). Untouched: Website, Onboarding, Address check, Credit check, Letter, Notification, Loyalty.
    >>> print(second_reactor()["orchestration"].report().splitlines()[2])
    - Onboarding changes: it now sends the command SendWelcomeSms.
    """
    service = check_name(service, "service name")
    command = check_name(command, "command name")
    events = customer_onboarding_orchestration()
    events.name = "Customer onboarding, reactions as events"
    commands = reactions_commanded()
    if service in events.services:
        raise LessonError(f"The second reactor must be a new service; {service!r} is already "
                          f"in customer onboarding.")
    with_events = events.copy(f"{events.name}, with {service}")
    with_events.add_service(service)
    with_events.subscribe(service, "CustomerCreated")
    with_commands = commands.copy(f"{commands.name}, with {service}")
    with_commands.add_service(service)
    with_commands.add_command(command, sender="Onboarding", receiver=service)
    return {CHOREOGRAPHY: impact(events, with_events),
            ORCHESTRATION: impact(commands, with_commands)}


def new_caller(caller: str = CALLER) -> dict[str, Impact]:
    """A new caller of the payment service, in both styles (lesson 02's reuse case):
    style -> :class:`Impact`.

    >>> {style: result.total for style, result in new_caller().items()}
    {'choreography': 2, 'orchestration': 1}
    """
    report = reuse_comparison(new_caller=caller)
    return {CHOREOGRAPHY: report.event_impact, ORCHESTRATION: report.command_impact}


@dataclass(frozen=True)
class Hub:
    """The piece of infrastructure one style's messages pass through, and what it carries.

    ``carries`` are the messages of one order that pass through it, out of ``total``:
    a broker carries every event between the services; an engine every message of
    the process it runs (the commands it sends, the events it waits for or emits).
    The owner's commands may also travel on a broker (flowing-retail's Kafka variant)
    or reach their workers through the engine itself (its Zeebe variant); either way
    the engine is the piece every message of the process needs.
    """

    style: str
    name: str
    carries: tuple[str, ...]
    total: int

    @property
    def stops_every_order(self) -> bool:
        """Whether every message of an order needs it, so that its outage stops them all."""
        return len(self.carries) == self.total > 0

    def __str__(self) -> str:
        share = f"{len(self.carries)} of {plural(self.total, 'message')}"
        then = ("so while it is down no order gets through" if self.stops_every_order else
                "so some messages of an order get through without it")
        return f"{LINK_LABELS[self.style]}, {self.name} carries {share} of an order, {then}"


def hubs(chain: Architecture | None = None, owned: Architecture | None = None) -> dict[str, Hub]:
    """The hub of each style: the broker an event chain's events travel on, and the engine
    that runs the owner's process (by default lesson 03's shop in both styles).

    >>> print(hubs()["orchestration"])
    with commands, the workflow engine carries 8 of 8 messages of an order, so while it is down no order gets through
    """
    chain = order_fulfilment_choreography() if chain is None else expect_architecture(chain)
    owned = order_fulfilment_orchestration() if owned is None else expect_architecture(owned)
    if not owned.processes:
        raise LessonError(f"{owned.name!r} has no process with an owner, so no engine runs one.")
    events = chain.events()
    steps = tuple(dict.fromkeys(s for p in owned.processes for s in p.steps))
    return {CHOREOGRAPHY: Hub(CHOREOGRAPHY, "the message broker", events, len(chain.messages)),
            ORCHESTRATION: Hub(ORCHESTRATION, "the workflow engine", steps, len(owned.messages))}


@dataclass(frozen=True)
class Entry:
    """One line of the ledger: a change or an event, counted in both styles.

    ``counts`` maps each style to what is shown (services that must change, or messages
    through the hub); ``costs`` to the number that decides who wins, the smaller the
    better (the counts themselves unless given).
    """

    key: str
    title: str
    unit: str
    counts: dict
    why: str
    costs: dict | None = None

    @property
    def winner(self) -> str | None:
        """The style that wins this entry, or None for a tie (read from the costs)."""
        a, b = ((self.costs or self.counts)[s] for s in STYLES)
        if a == b:
            return None
        return CHOREOGRAPHY if a < b else ORCHESTRATION

    def verdict(self) -> str:
        """"events win", "commands win" or "a tie", from the counts."""
        return {CHOREOGRAPHY: "events win", ORCHESTRATION: "commands win",
                None: "a tie"}[self.winner]

    def __str__(self) -> str:
        counts = ", ".join(f"{LINK_LABELS[s]} {self.counts[s]}" for s in STYLES)
        return f"{self.title}: {counts} ({self.unit}): {self.verdict()}."


def _changes(result: Impact) -> str:
    parts = [f"{s} is new" for s in result.new]
    parts += [f"{s} {'; '.join(map(str, c))}" for s, c in result.changed.items()]
    return and_list(parts)


def _impact_entry(key: str, title: str, results: dict[str, Impact]) -> Entry:
    why = "; ".join(f"{LINK_LABELS[s]}: {_changes(results[s])}" for s in STYLES)
    return Entry(key, title, "services that must change",
                 {s: results[s].total for s in STYLES}, why + ".")


def _hub_entry(found: dict[str, Hub]) -> Entry:
    counts = {s: f"{len(found[s].carries)} of {found[s].total}" for s in STYLES}
    stops = {s: int(found[s].stops_every_order) for s in STYLES}  # 1: its outage stops all
    why = "; ".join(str(found[s]) for s in STYLES) + "." + (
        " A broker and an engine are both infrastructure, made highly available the same way "
        "(a cluster)." if len(set(stops.values())) == 1 else "")
    return Entry("an outage", "an outage", "messages of an order through one piece of "
                 "infrastructure", counts, why, costs=stops)


@dataclass(frozen=True)
class Ledger:
    """The entries of :func:`ledger`, with the impacts behind them (for the pictures)."""

    entries: tuple[Entry, ...]
    reactor: dict
    caller: dict
    hubs: dict

    def entry(self, key: str) -> Entry:
        """The entry called ``key`` ("a second reactor", "a new caller", "an outage")."""
        found = {e.key: e for e in self.entries}
        if key not in found:
            raise LessonError(f"The ledger has no entry {key!r}; it has "
                              f"{and_list([repr(k) for k in found])}.")
        return found[key]

    def table(self) -> str:
        """One line per entry: its counts in both styles and who wins."""
        return "\n".join(map(str, self.entries))

    def conclusion(self) -> str:
        """What the entries add up to, chosen by who wins them ("" if one style wins all)."""
        wins = {e.winner for e in self.entries}
        if {CHOREOGRAPHY, ORCHESTRATION} <= wins:
            return ("Events win where the receiver owns the reaction, commands where the sender "
                    "needs the work done: neither style wins everywhere.")
        if wins == {None}:
            return "No entry has a winner: here the two styles cost the same."
        return ""

    def report(self) -> str:
        """The table, each entry followed by what changes (or what the hub carries), then
        the :meth:`conclusion`."""
        lines = []
        for e in self.entries:
            lines += [str(e), f"  {e.why}"]
        return "\n".join([*lines, self.conclusion()]).rstrip()

    def __str__(self) -> str:
        return self.report()


def ledger() -> Ledger:
    """The ledger of lesson 02: a second reactor, a new caller and an outage, in both styles.

    Every number is counted from the course's models; see the module's docstring.
    """
    reactor, caller, found = second_reactor(), new_caller(), hubs()
    entries = (_impact_entry("a second reactor", "a second reactor", reactor),
               _impact_entry("a new caller", "a new caller", caller),
               _hub_entry(found))
    return Ledger(entries, reactor, caller, found)
