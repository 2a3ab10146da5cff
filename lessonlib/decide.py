"""Command or event, link by link: the decision tree, its walker and what follows.

Introduced in ``02_who_depends_on_whom.ipynb``. Every link couples two
services; the decision is which side carries the coupling:

* "Does the sender care that it happens?" Ruecker's sharper form: *which team
  must make sure it really happens* (the team the CIO calls when it is stuck)?
  If it is the sender's team: a **command** - the sender depends on the receiver.
* Otherwise, if a receiver reacts on its own account (its team owns the
  reaction): an **event** - the receiver depends on the sender.
* If nobody owns it, there is nothing to wire yet: find an owner first.

>>> print(decide(case("welcome letter")).headline())
Command SendWelcomeLetter: Onboarding -> Letter. Onboarding depends on Letter.
>>> print(decide(case("loyalty enrolment")).headline())
Event CustomerCreated: Onboarding -> Loyalty. Loyalty depends on Onboarding.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from lessonlib._errors import LessonError, LessonTypeError, check_name, suggest
from lessonlib.architecture import COMMAND, EVENT, Architecture, Link

__all__ = [
    "Question", "Outcome", "TREE", "ROOT", "LinkCase", "CATALOGUE", "ONBOARDING", "case",
    "Decision", "next_step", "walk", "decide", "decide_own", "decide_all", "decide_onboarding",
    "tally",
    "architecture_of", "check_onboarding_guess", "coupling_report", "both_ways", "link_mix",
    "ReuseReport", "reuse_comparison", "tree_figure", "draw_tree", "describe_tree",
    "show_tree", "decision_walker",
]


# ----------------------------------------------------------------------------- the tree


@dataclass(frozen=True)
class Question:
    """A question of the tree: ``yes`` and ``no`` name the next node."""

    key: str
    text: str
    help: str
    yes: str
    no: str


@dataclass(frozen=True)
class Outcome:
    """A leaf of the tree: a command, an event, or no link yet (``kind`` None)."""

    key: str
    kind: str | None
    title: str
    coupling: str


ROOT = "sender-cares"
TREE: dict[str, Question | Outcome] = {
    "sender-cares": Question(
        "sender-cares", "Does the sender care that it happens?",
        "Ruecker's sharper question: which team must make sure it really happens - the team "
        "the CIO calls when it is stuck? If that is the sender's team, answer yes.",
        yes="command", no="receiver-owns"),
    "receiver-owns": Question(
        "receiver-owns", "Does a receiver react on its own account?",
        "Does the receiver's team want this and own it (it would miss it, the sender would "
        "not)? If so, answer yes.",
        yes="event", no="no-link"),
    "command": Outcome("command", COMMAND, "Command",
                       "The sender depends on the receiver: it must know its API."),
    "event": Outcome("event", EVENT, "Event",
                     "The receiver depends on the sender: it must know the event."),
    "no-link": Outcome("no-link", None, "No link yet",
                       "Nobody owns the outcome: find an owner before drawing an arrow."),
}


def _yes_no(answer: object) -> bool:
    if isinstance(answer, bool):
        return answer
    if isinstance(answer, str):
        word = answer.strip().lower()
        if word in ("yes", "y", "true"):
            return True
        if word in ("no", "n", "false"):
            return False
        raise LessonError(f"An answer to the tree's questions is 'yes' or 'no'; got {answer!r}. "
                          f"{suggest(word, ['yes', 'no'])}")
    raise LessonTypeError(f"An answer to the tree's questions is yes or no (True or False); got "
                          f"{answer!r} ({type(answer).__name__}).")


def next_step(answers: Sequence[object] = ()) -> Question | Outcome:
    """The question to ask next after ``answers`` (yes/no in order), or the outcome.

    >>> next_step([]).text
    'Does the sender care that it happens?'
    >>> next_step(["no"]).text
    'Does a receiver react on its own account?'
    >>> next_step(["no", "yes"]).title
    'Event'
    """
    return walk(answers, partial=True)[1]


def walk(answers: Sequence[object], *, partial: bool = False):
    """Walk the tree: return ``(path, node)``; ``path`` holds (question key, answer) pairs.

    Without ``partial=True`` the answers must reach an outcome.

    >>> path, outcome = walk([True])
    >>> path, outcome.kind
    ((('sender-cares', True),), 'command')
    >>> walk([True, False])
    Traceback (most recent call last):
    ...
    lessonlib._errors.LessonError: Too many answers: [True, False] reaches 'Command' after 1; the tree asks no more.
    """
    if isinstance(answers, (str, bool)) or not isinstance(answers, Sequence):
        raise LessonTypeError(f"Answers are a list of yes/no, like ['no', 'yes']; got {answers!r}.")
    node = TREE[ROOT]
    path = []
    for i, answer in enumerate(answers):
        if isinstance(node, Outcome):
            raise LessonError(f"Too many answers: {list(answers)!r} reaches {node.title!r} after "
                              f"{i}; the tree asks no more.")
        value = _yes_no(answer)
        path.append((node.key, value))
        node = TREE[node.yes if value else node.no]
    if not partial and isinstance(node, Question):
        raise LessonError(f"Not enough answers: after {list(answers)!r} the tree still asks "
                          f"{node.text!r}.")
    return tuple(path), node


# ----------------------------------------------------------------------------- the links


@dataclass(frozen=True)
class LinkCase:
    """A link to decide: who might talk to whom, about what, and the facts that decide it.

    ``sender_needs_it``: the sender's own job is not done without it.
    ``legally_required``: the business must guarantee it (law or contract),
    which makes the sender's team answerable for it too.
    ``receiver_owns``: the receiver's team wants it on its own account.
    """

    key: str
    title: str
    sender: str
    receiver: str
    activity: str
    sender_needs_it: bool
    legally_required: bool
    receiver_owns: bool
    command: str
    event: str

    @property
    def sender_cares(self) -> bool:
        return self.sender_needs_it or self.legally_required

    def marked(self, **facts: bool) -> LinkCase:
        """The same link with some facts changed, e.g. ``marked(legally_required=True)``.

        >>> case("onboarding e-mail").marked(legally_required=True).sender_cares
        True
        """
        allowed = ("sender_needs_it", "legally_required", "receiver_owns")
        for name, value in facts.items():
            if name not in allowed:
                raise LessonError(f"A link's facts are {', '.join(map(repr, allowed))}; got "
                                  f"{name!r}. {suggest(name, allowed)}")
            if not isinstance(value, bool):
                raise LessonTypeError(f"{name} is True or False; got {value!r}.")
        return replace(self, **facts)


CATALOGUE: tuple[LinkCase, ...] = (
    LinkCase("address check", "Address check during onboarding", "Onboarding",
             "Address check", "checking the new customer's address",
             sender_needs_it=True, legally_required=False, receiver_owns=False,
             command="CheckAddress", event="RegistrationRequested"),
    LinkCase("credit check", "Credit check during onboarding", "Onboarding", "Credit check",
             "checking the new customer's credit", sender_needs_it=True,
             legally_required=False, receiver_owns=False, command="CheckCredit",
             event="RegistrationRequested"),
    LinkCase("welcome letter", "Welcome letter, required by law", "Onboarding", "Letter",
             "sending the welcome letter", sender_needs_it=False, legally_required=True,
             receiver_owns=False, command="SendWelcomeLetter", event="CustomerCreated"),
    LinkCase("onboarding e-mail", "Onboarding e-mail from the notification service",
             "Onboarding", "Notification", "sending the onboarding e-mail",
             sender_needs_it=False, legally_required=False, receiver_owns=True,
             command="SendOnboardingEmail", event="CustomerCreated"),
    LinkCase("loyalty enrolment", "Loyalty points enrolment", "Onboarding", "Loyalty",
             "enrolling the customer for loyalty points", sender_needs_it=False,
             legally_required=False, receiver_owns=True, command="EnrolInLoyalty",
             event="CustomerCreated"),
    LinkCase("payment", "Payment, a service many callers use", "Order", "Payment",
             "retrieving the payment for an order", sender_needs_it=True,
             legally_required=False, receiver_owns=False, command="RetrievePayment",
             event="OrderPlaced"),
    LinkCase("sales dashboard", "Sales dashboard counting orders", "Checkout", "Analytics",
             "counting the order on the sales dashboard", sender_needs_it=False,
             legally_required=False, receiver_owns=True, command="CountOrder",
             event="OrderPlaced"),
)
_CASES = {c.key: c for c in CATALOGUE}
#: Ruecker's customer onboarding: the five activities of lesson 02.
ONBOARDING: tuple[LinkCase, ...] = tuple(_CASES[k] for k in (
    "address check", "credit check", "welcome letter", "onboarding e-mail", "loyalty enrolment"))


def case(key: str) -> LinkCase:
    """The catalogue link called ``key`` (case-insensitive; a typo gets a suggestion).

    Introduced in ``02_who_depends_on_whom.ipynb``.

    >>> case("Credit check").command
    'CheckCredit'
    >>> case("loyality enrolment")
    Traceback (most recent call last):
    ...
    lessonlib._errors.LessonError: Unknown link 'loyality enrolment'. Did you mean 'loyalty enrolment'?
    """
    key = check_name(key, "link name")
    found = _CASES.get(key.lower())
    if found is None:
        raise LessonError(f"Unknown link {key!r}. {suggest(key.lower(), _CASES)}")
    return found


# ----------------------------------------------------------------------------- decisions


@dataclass(frozen=True)
class Decision:
    """The tree's answer for one link: kind, message, who depends on whom, and why."""

    outcome: Outcome
    path: tuple[tuple[str, bool], ...]
    sender: str
    receiver: str
    message: str | None
    reason: str
    owner: str | None

    @property
    def kind(self) -> str | None:
        return self.outcome.kind

    @property
    def link(self) -> Link | None:
        if self.kind is None:
            return None
        return Link(self.message, self.kind, self.sender, self.receiver)

    def headline(self) -> str:
        """One line: the decision and the direction of coupling."""
        link = self.link
        if link is None:
            return f"No link yet between {self.sender} and {self.receiver}: nobody owns it."
        return (f"{self.outcome.title} {self.message}: {self.sender} -> {self.receiver}. "
                f"{link.dependent} depends on {link.depends_on}.")

    def walk_text(self) -> str:
        """The questions asked and the answers given, one per line."""
        return "\n".join(f"{TREE[key].text} {'yes' if answer else 'no'}"
                         for key, answer in self.path)

    def __str__(self) -> str:
        lines = [self.headline(), "Path: " + " -> ".join(
            f"{TREE[k].text} {'yes' if a else 'no'}" for k, a in self.path)
            + f" -> {self.outcome.title}.", "Why: " + self.reason]
        if self.owner:
            lines.append(f"Which team must make sure it really happens? The {self.owner} team.")
        return "\n".join(lines)


def _reason(outcome: Outcome, sender: str, receiver: str, activity: str, message: str | None,
            legal: bool = False) -> tuple[str, str | None]:
    if outcome.kind == COMMAND:
        because = " (it is required by law)" if legal else ""
        return (f"The {sender} team must make sure that {activity} really happens{because}, so "
                f"{sender} sends the command {message} to {receiver}, which must acknowledge or "
                f"reject it. {sender} depends on {receiver}: it must know {receiver}'s API.",
                sender)
    if outcome.kind == EVENT:
        return (f"{sender}'s own job is done without {activity}; the {receiver} team wants "
                f"it and owns it. So {sender} emits the event {message} and {receiver} "
                f"subscribes. {receiver} depends on {sender}; {sender} does not know "
                f"{receiver} exists.", receiver)
    return (f"Neither side owns {activity}: no team would notice if it never happened. Find "
            f"an owner before you draw an arrow.", None)


def decide(link: LinkCase) -> Decision:
    """Walk the tree for a catalogue link (see :data:`CATALOGUE` and :func:`case`).

    Introduced in ``02_who_depends_on_whom.ipynb``.

    >>> d = decide(case("onboarding e-mail"))
    >>> d.kind, d.link.dependent
    ('event', 'Notification')
    >>> decide(case("onboarding e-mail").marked(legally_required=True)).kind
    'command'
    """
    if not isinstance(link, LinkCase):
        raise LessonTypeError(f"decide() takes a link from the catalogue, like "
                              f"decide(case('welcome letter')); got {link!r}.")
    answers = [link.sender_cares] + ([] if link.sender_cares else [link.receiver_owns])
    path, outcome = walk(answers)
    message = {COMMAND: link.command, EVENT: link.event}.get(outcome.kind)
    reason, owner = _reason(outcome, link.sender, link.receiver, link.activity, message,
                            legal=link.legally_required)
    return Decision(outcome, path, link.sender, link.receiver, message, reason, owner)


def decide_own(answers: Sequence[object], sender: str = "Sender", receiver: str = "Receiver",
               activity: str = "it", message: str | None = None) -> Decision:
    """Decide a link of your own by answering the tree's questions (yes/no, in order).

    Introduced in ``02_who_depends_on_whom.ipynb``.

    >>> print(decide_own(["no", "yes"], "Shop", "Newsletter").headline())
    Event (your event): Shop -> Newsletter. Newsletter depends on Shop.
    """
    sender = check_name(sender, "sender")
    receiver = check_name(receiver, "receiver")
    if sender == receiver:
        raise LessonError(f"A link joins two different services; sender and receiver are both "
                          f"{sender!r}.")
    path, outcome = walk(answers)
    if message is None:
        message = {COMMAND: "(your command)", EVENT: "(your event)"}.get(outcome.kind)
    reason, owner = _reason(outcome, sender, receiver, check_name(activity, "activity"), message)
    return Decision(outcome, path, sender, receiver, message, reason, owner)


def decide_all(links: Iterable[LinkCase] = ONBOARDING) -> tuple[Decision, ...]:
    """Decide several links (default: the five onboarding activities).

    Introduced in ``02_who_depends_on_whom.ipynb``.

    >>> [d.kind for d in decide_all([case("payment"), case("sales dashboard")])]
    ['command', 'event']
    """
    if isinstance(links, LinkCase):
        links = [links]
    return tuple(decide(link) for link in links)


def decide_onboarding(legally_required: Iterable[str] = ()) -> tuple[Decision, ...]:
    """Decide the five onboarding activities, some of them marked as required by law.

    Introduced in ``02_who_depends_on_whom.ipynb``.

    >>> tally(decide_onboarding(legally_required=["onboarding e-mail"]))
    '5 links: 4 commands and 1 event reaction.'
    """
    if isinstance(legally_required, str):
        legally_required = [legally_required]
    marked = {case(key).key for key in legally_required}
    outside = marked - {c.key for c in ONBOARDING}
    if outside:
        raise LessonError(f"{sorted(outside)!r} is not one of the five onboarding activities: "
                          f"{', '.join(repr(c.key) for c in ONBOARDING)}.")
    return decide_all(c.marked(legally_required=True) if c.key in marked else c
                      for c in ONBOARDING)


def tally(decisions: Iterable[Decision]) -> str:
    """Count the decisions: commands, event reactions, links without an owner.

    Introduced in ``02_who_depends_on_whom.ipynb``.

    >>> tally(decide_all())
    '5 links: 3 commands and 2 event reactions.'
    """
    decisions = list(decisions)
    if not all(isinstance(d, Decision) for d in decisions):
        raise LessonTypeError("tally() counts decisions, like tally(decide_all()).")
    n_cmd = sum(d.kind == COMMAND for d in decisions)
    n_evt = sum(d.kind == EVENT for d in decisions)
    n_none = sum(d.kind is None for d in decisions)
    text = (f"{len(decisions)} link{'s' * (len(decisions) != 1)}: {n_cmd} command"
            f"{'s' * (n_cmd != 1)} and {n_evt} event reaction{'s' * (n_evt != 1)}")
    if n_none:
        text += f", {n_none} without an owner"
    return text + "."


def architecture_of(decisions: Iterable[Decision], name: str = "Decided link by link") -> Architecture:
    """Build the architecture the decisions describe (events with one name share subscribers).

    Introduced in ``02_who_depends_on_whom.ipynb``.

    >>> architecture_of(decide_all(), "Customer onboarding").summary()
    '6 services, 3 commands, 1 event'
    """
    arch = Architecture(name)
    decisions = list(decisions)
    for d in decisions:
        if not isinstance(d, Decision):
            raise LessonTypeError(f"Expected decisions, like decide_all(); got {d!r}.")
    for d in decisions:
        for service in (d.sender, d.receiver):
            if service not in arch.services:
                arch.add_service(service)
    for d in decisions:
        if d.kind == COMMAND:
            arch.add_command(d.message, sender=d.sender, receiver=d.receiver)
        elif d.kind == EVENT:
            if d.message in [m.name for m in arch.messages]:
                arch.subscribe(d.receiver, d.message)
            else:
                arch.add_event(d.message, emitter=d.sender, subscribers=[d.receiver])
    return arch


def check_onboarding_guess(guess: Mapping[str, object]) -> str:
    """Compare a learner's guess for the five onboarding activities with the tree's decisions.

    Introduced in ``02_who_depends_on_whom.ipynb``.

    ``guess`` maps an activity (``"address check"``, ...) to ``"command"`` or
    ``"event"``; ``"?"`` means not answered yet. Returns sentences, one per
    activity, then the count.

    >>> print(check_onboarding_guess({"address check": "Command", "loyalty enrolment": "?"}))
    address check: ✓ command - you said command.
    credit check: not answered yet.
    welcome letter: not answered yet.
    onboarding e-mail: not answered yet.
    loyalty enrolment: not answered yet.
    1 of 5 right so far.
    """
    from lessonlib.classify import parse_kind

    if not isinstance(guess, Mapping):
        raise LessonTypeError(f"Write your guess as a dict, like {{'address check': 'command'}}; "
                              f"got {guess!r}.")
    keys = {c.key for c in ONBOARDING}
    given = {}
    for key, value in guess.items():
        name = check_name(key, "activity").lower()
        if name not in keys:
            raise LessonError(f"Unknown activity {key!r}. {suggest(name, sorted(keys))}")
        given[name] = value
    lines, right = [], 0
    for link in ONBOARDING:
        decision = decide(link)
        value = given.get(link.key, "?")
        if isinstance(value, str) and value.strip() in ("", "?"):
            lines.append(f"{link.key}: not answered yet.")
            continue
        try:
            kind = parse_kind(value)
        except LessonError as exc:
            lines.append(f"{link.key}: {exc}")
            continue
        if kind == decision.kind:
            right += 1
            lines.append(f"{link.key}: ✓ {decision.kind} - you said {kind}.")
        else:
            lines.append(f"{link.key}: ✗ it is {'a command' if decision.kind == COMMAND else 'an event'}"
                         f", not {'a command' if kind == COMMAND else 'an event'}. "
                         f"{decision.reason}")
    lines.append(f"{right} of {len(ONBOARDING)} right so far.")
    return "\n".join(lines)


# ----------------------------------------------------------------------------- coupling


def _check_arch(arch: object) -> Architecture:
    if not isinstance(arch, Architecture):
        raise LessonTypeError(f"Expected an Architecture (for example "
                              f"scenarios.order_fulfilment_choreography()); got {arch!r}.")
    return arch


def coupling_report(arch: Architecture) -> str:
    """Which side carries each link's coupling, computed from the model.

    Introduced in ``02_who_depends_on_whom.ipynb``.

    >>> from lessonlib.scenarios import seed_orchestration
    >>> print(coupling_report(seed_orchestration()))
    Orchestration: one service sends commands: 3 links, each coupling two services.
    - Order depends on Checkout (event OrderPlaced: the receiver carries it)
    - Order depends on Payment (command RetrievePayment: the sender carries it)
    - Order depends on Inventory (command FetchGoods: the sender carries it)
    Carried by the receiver (events): 1. Carried by the sender (commands): 2.
    """
    arch = _check_arch(arch)
    links = arch.links()
    lines = [f"{arch.name}: {len(links)} link{'s' * (len(links) != 1)}, each coupling two "
             "services."]
    for link in links:
        side = "the sender" if link.kind == COMMAND else "the receiver"
        lines.append(f"- {link.dependent} depends on {link.depends_on} ({link.kind} "
                     f"{link.message}: {side} carries it)")
    n_cmd = sum(link.kind == COMMAND for link in links)
    lines.append(f"Carried by the receiver (events): {len(links) - n_cmd}. "
                 f"Carried by the sender (commands): {n_cmd}.")
    return "\n".join(lines)


def both_ways(link: LinkCase) -> str:
    """The same link as a command and as an event: the same two services, the other side coupled.

    Introduced in ``02_who_depends_on_whom.ipynb``.

    >>> print(both_ways(case("payment")))
    As the command RetrievePayment (Order -> Payment): Order depends on Payment.
    As the event OrderPlaced (Order -> Payment): Payment depends on Order.
    Either way the link couples Order and Payment; only the side that carries it changes.
    """
    if not isinstance(link, LinkCase):
        raise LessonTypeError(f"both_ways() takes a link from the catalogue, like "
                              f"both_ways(case('payment')); got {link!r}.")
    lines = []
    for kind, name in ((COMMAND, link.command), (EVENT, link.event)):
        as_link = Link(name, kind, link.sender, link.receiver)
        lines.append(f"As the {kind} {name} ({link.sender} -> {link.receiver}): "
                     f"{as_link.dependent} depends on {as_link.depends_on}.")
    lines.append(f"Either way the link couples {link.sender} and {link.receiver}; only the side "
                 "that carries it changes.")
    return "\n".join(lines)


def link_mix(arch: Architecture) -> str:
    """Name an architecture's style honestly: per link, not as a whole.

    Introduced in ``02_who_depends_on_whom.ipynb``.

    >>> from lessonlib.scenarios import customer_onboarding_orchestration
    >>> print(link_mix(customer_onboarding_orchestration()))
    Customer onboarding (orchestration): 5 links, 3 by command and 2 by event. Both styles in one system, chosen link by link: 'choreographed' would hide its 3 command links, 'orchestrated' its 2 event links.
    """
    arch = _check_arch(arch)
    links = arch.links()
    n_cmd = sum(link.kind == COMMAND for link in links)
    n_evt = len(links) - n_cmd
    head = f"{arch.name}: {len(links)} link{'s' * (len(links) != 1)}, {n_cmd} by command and {n_evt} by event."
    if not links:
        return f"{arch.name}: no links yet."
    if n_evt == 0:
        return head + " Every link is a command: orchestration on every link."
    if n_cmd == 0:
        return head + " Every link is an event: choreography on every link."
    return (head + " Both styles in one system, chosen link by link: 'choreographed' would "
            f"hide its {n_cmd} command link{'s' * (n_cmd != 1)}, 'orchestrated' its {n_evt} "
            f"event link{'s' * (n_evt != 1)}.")


# ----------------------------------------------------------------------------- reuse

_CALLER_EVENTS = {"Order": "OrderPlaced", "Subscription": "SubscriptionRenewed",
                  "Ticketing": "TicketBooked", "Donations": "DonationPledged"}


def _caller_event(caller: str) -> str:
    return _CALLER_EVENTS.get(caller, caller.replace(" ", "") + "Confirmed")


def _payment_system(callers: Sequence[str], style: str) -> Architecture:
    title = "command API" if style == COMMAND else "event subscriptions"
    arch = Architecture(f"Payment with {title}", services=[*callers, "Payment"])
    for caller in callers:
        if style == COMMAND:
            arch.add_command(f"RetrievePayment ({caller})", sender=caller, receiver="Payment")
        else:
            arch.add_event(_caller_event(caller), emitter=caller, subscribers=["Payment"])
    return arch


def _touched(before: Architecture, after: Architecture) -> dict[str, str]:
    """Services that must change: new ones, and those that must learn a new service."""
    touched = {}
    for service in after.services:
        if service not in before.services:
            touched[service] = "new"
            continue
        learned = set(after.depends_on(service)) - set(before.depends_on(service))
        if learned:
            touched[service] = "must now know " + ", ".join(sorted(learned))
    return touched


@dataclass(frozen=True)
class ReuseReport:
    """Adding a caller to a payment service, with a command API and with event subscriptions."""

    new_caller: str
    command_before: Architecture
    command_after: Architecture
    event_before: Architecture
    event_after: Architecture

    @property
    def command_changes(self) -> dict[str, str]:
        return _touched(self.command_before, self.command_after)

    @property
    def event_changes(self) -> dict[str, str]:
        return _touched(self.event_before, self.event_after)

    def summary(self) -> str:
        """Which services change in each style, computed from the two pairs of models."""
        def line(style, changes):
            items = "; ".join(f"{s} ({why})" for s, why in changes.items())
            payment = "changes" if "Payment" in changes else "is untouched"
            return (f"{style}: adding {self.new_caller} touches {len(changes)} service"
                    f"{'s' * (len(changes) != 1)}: {items}. Payment {payment}.")
        return "\n".join([line("Command API", self.command_changes),
                          line("Event subscriptions", self.event_changes)])

    def __str__(self) -> str:
        return self.summary()

    def draw(self, axes=None):
        """Draw both styles after the new caller joined, side by side; return the two axes.

        New services are tagged NEW (double outline), changed ones CHANGED (thick
        hatched outline); commands are solid arrows, events dashed, each labelled.
        """
        if axes is None:
            import matplotlib.pyplot as plt

            _, axes = plt.subplots(1, 2, figsize=(12, 5.2))
        for ax, after, changes in zip(axes, (self.command_after, self.event_after),
                                      (self.command_changes, self.event_changes), strict=True):
            _draw_payment_system(ax, after, changes)
        return axes

    def describe(self) -> str:
        """The text equivalent of :meth:`draw`."""
        lines = []
        for after, changes in ((self.command_after, self.command_changes),
                               (self.event_after, self.event_changes)):
            lines.append(f"{after.name}, after {self.new_caller} joined:")
            for m in after.messages:
                if m.is_command:
                    lines.append(f"- {m.source} sends the command {m.name} to Payment "
                                 "(solid arrow).")
                else:
                    lines.append(f"- {m.source} emits the event {m.name}; Payment subscribes "
                                 "(dashed arrow).")
            for service, why in changes.items():
                lines.append(f"- {service} is marked {'NEW' if why == 'new' else 'CHANGED'} "
                             f"({why}).")
        return "\n".join(lines + [self.summary()])

    def show(self) -> None:
        """Display :meth:`draw` with its text equivalent (``02_who_depends_on_whom``)."""
        from matplotlib.figure import Figure

        from lessonlib._display import display_figure

        fig = Figure(figsize=(12, 5.2))
        self.draw(fig.subplots(1, 2))
        fig.tight_layout()
        display_figure(fig, self.describe())


def _draw_payment_system(ax, arch: Architecture, changes: Mapping[str, str]) -> None:
    from matplotlib.patches import FancyArrowPatch, FancyBboxPatch

    from lessonlib.draw import CHANGED_EDGE, NEW_FACE, NODE_EDGE, NODE_FACE, STYLE

    callers = [s for s in arch.services if s != "Payment"]
    w, h = 2.6, 0.8
    pos = {c: (0.0, -i * 1.5) for i, c in enumerate(callers)}
    pos["Payment"] = (7.0, -(len(callers) - 1) * 1.5 / 2)
    for service, (x, y) in pos.items():
        why = changes.get(service)
        new, changed = why == "new", why is not None and why != "new"
        ax.add_patch(FancyBboxPatch((x - w / 2, y - h / 2), w, h,
                                    boxstyle="round,pad=0.02,rounding_size=0.12",
                                    facecolor=NEW_FACE if new else NODE_FACE,
                                    edgecolor=CHANGED_EDGE if changed else NODE_EDGE,
                                    linewidth=3.2 if changed else 1.3,
                                    hatch="///" if changed else None, zorder=2,
                                    gid=f"service:{service}"))
        if new:
            ax.add_patch(FancyBboxPatch((x - w / 2 - 0.08, y - h / 2 - 0.08), w + 0.16,
                                        h + 0.16, boxstyle="round,pad=0.02,rounding_size=0.16",
                                        fill=False, edgecolor=NODE_EDGE, zorder=2))
        ax.text(x, y, service, ha="center", va="center", fontsize=10, fontweight="bold",
                zorder=4, bbox={"boxstyle": "round,pad=0.1", "facecolor": "white",
                                "edgecolor": "none"} if changed else None)
        if why is not None:
            ax.text(x - w / 2, y + h / 2 + 0.08, "NEW" if new else "CHANGED", ha="left",
                    va="bottom", fontsize=8, fontweight="bold", zorder=4,
                    color="#111111" if new else "#6B2E57")
    for m in arch.messages:
        style = STYLE[m.kind]
        (x0, y0), (x1, y1) = pos[m.source], pos["Payment"]
        ax.add_patch(FancyArrowPatch((x0 + w / 2, y0), (x1 - w / 2, y1),
                                     arrowstyle=style["arrowstyle"], mutation_scale=16,
                                     color=style["color"], linestyle=style["linestyle"],
                                     linewidth=style["linewidth"], zorder=3, gid=m.kind))
        ax.text(x0 + w / 2 + 0.15, y0 + 0.12, f"{m.kind}: {m.name}", ha="left", va="bottom",
                fontsize=8, zorder=5, bbox={"boxstyle": "round,pad=0.15", "facecolor": "white",
                                            "edgecolor": "none", "alpha": 0.85})
    ax.set_xlim(-w / 2 - 0.3, 7.0 + w / 2 + 0.3)
    ax.set_ylim(-(len(callers) - 1) * 1.5 - h / 2 - 0.4, h / 2 + 0.6)
    ax.set_aspect("equal")
    ax.axis("off")
    ax.set_title(f"{arch.name}\n({'commands: solid' if arch.commands() else 'events: dashed'})",
                 fontsize=11)


def reuse_comparison(callers: Sequence[str] = ("Order", "Subscription", "Donations"),
                     new_caller: str = "Ticketing") -> ReuseReport:
    """Add ``new_caller`` to a payment service used by ``callers``, in both styles.

    Introduced in ``02_who_depends_on_whom.ipynb``.

    A service must change when it is new or must learn of a service it did not
    know before (a new dependency, computed from the model).

    >>> print(reuse_comparison())
    Command API: adding Ticketing touches 1 service: Ticketing (new). Payment is untouched.
    Event subscriptions: adding Ticketing touches 2 services: Ticketing (new); Payment (must now know Ticketing). Payment changes.
    """
    if isinstance(callers, str) or not isinstance(callers, Sequence):
        raise LessonTypeError(f"callers is a list of service names, like ['Order', "
                              f"'Subscription']; got {callers!r}.")
    callers = [check_name(c, "caller") for c in callers]
    new_caller = check_name(new_caller, "new caller")
    if new_caller in callers or new_caller == "Payment":
        raise LessonError(f"The new caller must be a new service; {new_caller!r} is already "
                          "there.")
    return ReuseReport(new_caller,
                       _payment_system(callers, COMMAND),
                       _payment_system([*callers, new_caller], COMMAND),
                       _payment_system(callers, EVENT),
                       _payment_system([*callers, new_caller], EVENT))


# ----------------------------------------------------------------------------- picture

_POS = None


def _positions() -> dict[str, tuple[float, float]]:
    """Leaves get consecutive x positions, a question sits above its children's middle."""
    global _POS
    if _POS is None:
        pos: dict[str, tuple[float, float]] = {}
        counter = [0]

        def place(key: str, depth: int) -> float:
            node = TREE[key]
            if isinstance(node, Outcome):
                x = counter[0] * 5.6
                counter[0] += 1
            else:
                x = (place(node.yes, depth + 1) + place(node.no, depth + 1)) / 2
            pos[key] = (x, -depth * 2.6)
            return x

        place(ROOT, 0)
        _POS = pos
    return _POS


def _edges():
    for key, node in TREE.items():
        if isinstance(node, Question):
            yield key, node.yes, True
            yield key, node.no, False


def _check_decision(decision: object) -> Decision | None:
    if decision is not None and not isinstance(decision, Decision):
        raise LessonTypeError(f"Expected a Decision (from decide(...)) or None; got {decision!r}.")
    return decision


def draw_tree(decision: Decision | None = None, ax=None):
    """Draw the decision tree on ``ax`` (a new figure if None), the taken path highlighted.

    The taken path is thick and solid with "(taken)" on its answers; the rest is
    thin and dotted. A command leaf shows a solid arrow, an event leaf a dashed
    one (the course's visual language). Returns the axes.

    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> ax = draw_tree(decide(case("welcome letter")))
    >>> sorted(p.get_gid() for p in ax.patches if p.get_gid() and p.get_gid().startswith("taken"))
    ['taken:sender-cares->command']
    >>> import matplotlib.pyplot as plt
    >>> plt.close("all")
    """
    from matplotlib.patches import FancyArrowPatch, FancyBboxPatch

    from lessonlib.draw import STYLE

    decision = _check_decision(decision)
    if ax is None:
        import matplotlib.pyplot as plt

        _, ax = plt.subplots(figsize=(11, 6.2))
    pos = _positions()
    taken_nodes = {ROOT} if decision else set()
    taken_edges = set()
    if decision:
        for key, answer in decision.path:
            child = TREE[key].yes if answer else TREE[key].no
            taken_edges.add((key, child))
            taken_nodes.add(child)
    w, h = 5.1, 1.35
    for parent, child, answer in _edges():
        (x0, y0), (x1, y1) = pos[parent], pos[child]
        on = (parent, child) in taken_edges
        ax.add_patch(FancyArrowPatch((x0, y0 - h / 2), (x1, y1 + h / 2), arrowstyle="-|>",
                                     mutation_scale=16, linewidth=3.2 if on else 1.0,
                                     linestyle="solid" if on else (0, (1, 2)),
                                     color="#111111" if on else "#777777", zorder=1,
                                     gid=f"{'taken' if on else 'edge'}:{parent}->{child}"))
        label = ("yes" if answer else "no") + ("  (taken)" if on else "")
        ax.text((x0 + x1) / 2, (y0 + y1) / 2, label, ha="center", va="center", fontsize=9,
                fontweight="bold" if on else "normal", color="#111111", zorder=4,
                bbox={"boxstyle": "round,pad=0.2", "facecolor": "white",
                      "edgecolor": "none"})
    for key, node in TREE.items():
        x, y = pos[key]
        on = key in taken_nodes
        ax.add_patch(FancyBboxPatch((x - w / 2, y - h / 2), w, h,
                                    boxstyle="round,pad=0.05,rounding_size=0.2",
                                    facecolor="#FFF7D6" if on else "#F4F4F4",
                                    edgecolor="#111111" if on else "#888888",
                                    linewidth=3.0 if on else 1.0, zorder=2,
                                    gid=f"node:{key}"))
        if isinstance(node, Question):
            ax.text(x, y + 0.22, node.text, ha="center", va="center", fontsize=9,
                    fontweight="bold", wrap=True, zorder=3)
            short = ("Which team must make sure it really happens?" if key == ROOT
                     else "Does its team own the reaction?")
            ax.text(x, y - 0.3, f"({short})", ha="center", va="center", fontsize=7.8,
                    style="italic", zorder=3)
        else:
            sample = {COMMAND: "  (solid arrow)", EVENT: "  (dashed arrow)"}.get(node.kind, "")
            ax.text(x, y + 0.35, node.title.upper() + sample, ha="center", va="center",
                    fontsize=10,
                    fontweight="bold", zorder=3)
            ax.text(x, y - 0.42, node.coupling.replace(": ", ":\n"), ha="center",
                    va="center", fontsize=7.5, zorder=3)
            if node.kind is not None:
                style = STYLE[node.kind]
                ax.add_patch(FancyArrowPatch((x - 1.1, y + 0.02), (x + 1.1, y + 0.02),
                                             arrowstyle=style["arrowstyle"], mutation_scale=14,
                                             color=style["color"], linestyle=style["linestyle"],
                                             linewidth=style["linewidth"], zorder=3,
                                             gid=f"sample:{node.kind}"))
    xs = [p[0] for p in pos.values()]
    ys = [p[1] for p in pos.values()]
    ax.set_xlim(min(xs) - w / 2 - 0.3, max(xs) + w / 2 + 0.3)
    ax.set_ylim(min(ys) - h / 2 - 0.3, max(ys) + h / 2 + 0.3)
    ax.set_aspect("equal")
    ax.axis("off")
    title = "Command or event? Decide link by link"
    if decision:
        title += f"\n{decision.headline()}"
    ax.set_title(title, fontsize=11)
    return ax


def describe_tree(decision: Decision | None = None) -> str:
    """The text equivalent of :func:`draw_tree`.

    >>> print(describe_tree())
    Decision tree, asked per link.
    Q1: Does the sender care that it happens? (Ruecker's sharper question: which team must make sure it really happens - the team the CIO calls when it is stuck? If that is the sender's team, answer yes.)
      yes -> Command: The sender depends on the receiver: it must know its API.
      no -> Q2.
    Q2: Does a receiver react on its own account? (Does the receiver's team want this and own it (it would miss it, the sender would not)? If so, answer yes.)
      yes -> Event: The receiver depends on the sender: it must know the event.
      no -> No link yet: Nobody owns the outcome: find an owner before drawing an arrow.
    """
    decision = _check_decision(decision)
    numbers = {k: f"Q{i + 1}" for i, k in enumerate(k for k, n in TREE.items()
                                                  if isinstance(n, Question))}

    def target(key):
        node = TREE[key]
        return numbers[key] + "." if isinstance(node, Question) else \
            f"{node.title}: {node.coupling}"

    lines = ["Decision tree, asked per link."]
    for key, node in TREE.items():
        if isinstance(node, Question):
            lines += [f"{numbers[key]}: {node.text} ({node.help})",
                      f"  yes -> {target(node.yes)}", f"  no -> {target(node.no)}"]
    if decision:
        lines.append("Taken path (thick lines): " + "; ".join(
            f"{numbers[k]} {'yes' if a else 'no'}" for k, a in decision.path)
            + f" -> {decision.outcome.title}.")
        lines.append(str(decision))
    return "\n".join(lines)


def tree_figure(decision: Decision | None = None):
    """A ``matplotlib.figure.Figure`` (no pyplot) holding :func:`draw_tree`."""
    from matplotlib.figure import Figure

    fig = Figure(figsize=(11, 6.2))
    draw_tree(decision, fig.add_subplot())
    fig.tight_layout()
    return fig


def show_tree(decision: Decision | None = None) -> None:
    """Display the tree (path of ``decision`` highlighted) with its text equivalent.

    Introduced in ``02_who_depends_on_whom.ipynb``.
    """
    from lessonlib._display import display_figure

    display_figure(tree_figure(decision), describe_tree(decision))


# ----------------------------------------------------------------------------- the walker

OWN = "own"


def _html_lines(text: str) -> str:
    return "<br>".join(html.escape(line) for line in text.splitlines())


def decision_walker(picture: bool = True):
    """The interactive walker: pick a catalogue link or answer the questions for your own.

    Introduced in ``02_who_depends_on_whom.ipynb``. CSS classes for tests:
    ``lessonlib-walker`` (whole), ``lessonlib-walker-pick`` (the dropdown),
    ``lessonlib-walker-legal`` (checkbox "required by law"),
    ``lessonlib-walker-decide``, ``lessonlib-walker-question``,
    ``lessonlib-walker-yes`` / ``-no`` / ``-restart``, ``lessonlib-walker-sender`` /
    ``-receiver`` (text boxes), ``lessonlib-walker-result`` (with
    ``lessonlib-feedback``) and ``lessonlib-walker-tree`` (the picture).

    Examples
    --------
    >>> w = decision_walker(picture=False)
    >>> w.pick.value = "welcome letter"
    >>> w.decide.click()
    >>> "Command SendWelcomeLetter" in w.result.value
    True
    >>> w.pick.value = "own"
    >>> w.sender.value, w.receiver.value = "Shop", "Newsletter"
    >>> w.no.click(); w.yes.click()
    >>> "Newsletter depends on Shop" in w.result.value
    True
    """
    import ipywidgets as widgets

    from lessonlib._display import figure_png

    options = [(c.title, c.key) for c in CATALOGUE] + [("My own link: answer the questions", OWN)]
    pick = widgets.Dropdown(options=options, value=CATALOGUE[0].key, description="Link:",
                            layout={"width": "34em"})
    pick.add_class("lessonlib-walker-pick")
    legal = widgets.Checkbox(value=False, description="Required by law or contract",
                             indent=False)
    legal.add_class("lessonlib-walker-legal")
    decide_button = widgets.Button(description="Decide", button_style="primary")
    decide_button.add_class("lessonlib-walker-decide")
    sender = widgets.Text(value="", placeholder="e.g. Shop", description="Sender:")
    sender.add_class("lessonlib-walker-sender")
    receiver = widgets.Text(value="", placeholder="e.g. Newsletter", description="Receiver:")
    receiver.add_class("lessonlib-walker-receiver")
    question = widgets.HTML()
    question.add_class("lessonlib-walker-question")
    yes = widgets.Button(description="Yes")
    yes.add_class("lessonlib-walker-yes")
    no = widgets.Button(description="No")
    no.add_class("lessonlib-walker-no")
    restart = widgets.Button(description="Start over")
    restart.add_class("lessonlib-walker-restart")
    result = widgets.HTML()
    result.add_class("lessonlib-walker-result")
    result.add_class("lessonlib-feedback")
    tree = widgets.Image(format="png", layout={"max_width": "720px"})
    tree.add_class("lessonlib-walker-tree")
    catalogue_row = widgets.HBox([legal, decide_button])
    own_box = widgets.VBox([widgets.HBox([sender, receiver]), question,
                            widgets.HBox([yes, no, restart])])
    answers: list[bool] = []

    def show(decision: Decision | None) -> None:
        if picture:
            tree.value = figure_png(tree_figure(decision), dpi=80)

    def ask() -> None:
        step = next_step(answers)
        if isinstance(step, Question):
            question.value = (f"<p><strong>Q{len(answers) + 1}: {html.escape(step.text)}"
                              f"</strong><br><em>{html.escape(step.help)}</em></p>")
            yes.disabled = no.disabled = False
        else:
            yes.disabled = no.disabled = True
            try:
                decision = decide_own(answers, sender.value.strip() or "Sender",
                                      receiver.value.strip() or "Receiver")
            except LessonError as exc:
                result.value = html.escape(str(exc))
                return
            question.value = "<p>The tree has no more questions. Press Start over to try again.</p>"
            result.value = _html_lines(str(decision))
            show(decision)

    def on_pick(change=None) -> None:
        own = pick.value == OWN
        own_box.layout.display = None if own else "none"
        catalogue_row.layout.display = "none" if own else None
        answers.clear()
        result.value = ""
        if own:
            ask()
        show(None)

    def on_decide(_button) -> None:
        if pick.value == OWN:
            return
        link = case(pick.value)
        if legal.value:
            link = link.marked(legally_required=True)
        decision = decide(link)
        result.value = _html_lines(str(decision))
        show(decision)

    def on_answer(value: bool) -> None:
        if pick.value != OWN or isinstance(next_step(answers), Outcome):
            return
        answers.append(value)
        ask()

    def on_restart(_button) -> None:
        answers.clear()
        result.value = ""
        show(None)
        ask()

    pick.observe(on_pick, names="value")
    decide_button.on_click(on_decide)
    yes.on_click(lambda _b: on_answer(True))
    no.on_click(lambda _b: on_answer(False))
    restart.on_click(on_restart)
    on_pick()
    box = widgets.VBox([pick, catalogue_row, own_box, result, tree])
    box.add_class("lessonlib-walker")
    for name, widget in dict(pick=pick, legal=legal, decide=decide_button, sender=sender,
                             receiver=receiver, question=question, yes=yes, no=no,
                             restart=restart, result=result, tree=tree).items():
        setattr(box, name, widget)
    return box

