"""Coupling, link by link: which side carries each link, and what reuse costs each style.

Introduced in ``02_who_depends_on_whom.ipynb``. Every link couples two
services; a command puts the coupling on the sender, an event on the
receiver. A command and its reply are one link (see
:meth:`~lessonlib.architecture.Architecture.couplings`). These reports are
computed from the model, never typed in.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from lessonlib.architecture import COMMAND, EVENT, Architecture, Link, expect_architecture
from lessonlib.change_impact import Impact, impact
from lessonlib.decisions import Decision, LinkCase
from lessonlib.errors import LessonError, LessonTypeError, check_name, items, shown
from lessonlib.prose import Sentences, and_list, noun, plural

__all__ = ["coupling_report", "both_ways", "link_mix", "decisions_in_model", "ReuseReport",
           "reuse_comparison"]


def coupling_report(arch: Architecture) -> Sentences:
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
    arch = expect_architecture(arch, "The model")
    links = arch.couplings()
    lines = [f"{arch.name}: {plural(len(links), 'link')}, each coupling two services."]
    for link in links:
        side = "the sender" if link.kind == COMMAND else "the receiver"
        answer = f", answered by {and_list(link.replies)}" if link.replies else ""
        lines.append(f"- {link.dependent} depends on {link.depends_on} ({link.kind} "
                     f"{link.message}{answer}: {side} carries it)")
    n_cmd = sum(link.kind == COMMAND for link in links)
    lines.append(f"Carried by the receiver (events): {len(links) - n_cmd}. "
                 f"Carried by the sender (commands): {n_cmd}.")
    if any(link.replies for link in links):
        lines.append("A command and the event its receiver answers with are one link: the "
                     "same two services, the sender depending on the receiver.")
    return Sentences("\n".join(lines))


def both_ways(link: LinkCase) -> Sentences:
    """The same link as a command and as an event: the same two services, the other side coupled.

    Introduced in ``02_who_depends_on_whom.ipynb``.

    >>> from lessonlib.decisions import case
    >>> print(both_ways(case("payment")))
    As the command RetrievePayment (Order -> Payment): Order depends on Payment.
    As the event OrderPlaced (Order -> Payment): Payment depends on Order.
    Either way the link couples Order and Payment; only the side that carries it changes.
    """
    if not isinstance(link, LinkCase):
        raise LessonTypeError(f"both_ways() takes a link from the catalogue, like "
                              f"both_ways(case('payment')); got {shown(link)}.")
    lines = []
    for kind, name in ((COMMAND, link.command), (EVENT, link.event)):
        as_link = Link(name, kind, link.sender, link.receiver)
        lines.append(f"As the {kind} {name} ({link.sender} -> {link.receiver}): "
                     f"{as_link.dependent} depends on {as_link.depends_on}.")
    lines.append(f"Either way the link couples {link.sender} and {link.receiver}; only the side "
                 "that carries it changes.")
    return Sentences("\n".join(lines))


def link_mix(arch: Architecture) -> Sentences:
    """Name an architecture's style honestly: per link, not as a whole.

    Introduced in ``02_who_depends_on_whom.ipynb``.

    >>> from lessonlib.scenarios import customer_onboarding_orchestration
    >>> print(link_mix(customer_onboarding_orchestration()))
    Customer onboarding (orchestration): 6 links, 3 by command and 3 by event. Both styles in one system, chosen link by link: 'choreographed' would hide its 3 command links, 'orchestrated' its 3 event links.
    """
    arch = expect_architecture(arch, "The model")
    links = arch.couplings()
    n_cmd = sum(link.kind == COMMAND for link in links)
    n_evt = len(links) - n_cmd
    head = f"{arch.name}: {plural(len(links), 'link')}, {n_cmd} by command and {n_evt} by event."
    if not links:
        return Sentences(f"{arch.name}: no links yet.")
    if n_evt == 0:
        return Sentences(head + " Every link is a command: orchestration on every link.")
    if n_cmd == 0:
        return Sentences(head + " Every link is an event: choreography on every link.")
    return Sentences(head + " Both styles in one system, chosen link by link: 'choreographed' "
                     f"would hide its {n_cmd} command {noun(n_cmd, 'link')}, 'orchestrated' "
                     f"its {n_evt} event {noun(n_evt, 'link')}.")


def decisions_in_model(decisions: Sequence[Decision], arch: Architecture) -> Sentences:
    """How the links some decisions describe sit in a model: which of its links they are,
    and which of its links they leave out, computed by comparing the two.

    Introduced in ``02_who_depends_on_whom.ipynb``, where the tree decides five
    onboarding activities and the one onboarding model has one link more.

    >>> from lessonlib.decisions import decide_onboarding
    >>> from lessonlib.scenarios import customer_onboarding_orchestration
    >>> print(decisions_in_model(decide_onboarding(), customer_onboarding_orchestration()))
    The tree decided 5 links; the model Customer onboarding (orchestration) has 6: the 5 decided, and 1 the tree was not asked about:
    - Onboarding depends on Website (event RegistrationRequested), which starts the process 'Customer onboarding' before any activity decided.
    AddressChecked and CreditChecked add no link: each answers its command (CheckAddress, CheckCredit): the same two services, counted once.
    """
    arch = expect_architecture(arch, "The model")
    decided = [d for d in items(decisions, "decisions", "decide_onboarding()")
               if isinstance(d, Decision) and d.link is not None]
    wanted = {(d.link.dependent, d.link.depends_on, d.message, d.kind) for d in decided}
    links = arch.couplings()
    found = [c for c in links if (c.dependent, c.depends_on, c.message, c.kind) in wanted]
    extra = [c for c in links if c not in found]
    missing = [d for d in decided if (d.link.dependent, d.link.depends_on, d.message, d.kind)
               not in {(c.dependent, c.depends_on, c.message, c.kind) for c in found}]
    lines = [f"The tree decided {plural(len(decided), 'link')}; the model {arch.name} has "
             f"{len(links)}: "
             + (f"the {len(found)} decided" if found else "none of those")
             + (f", and {len(extra)} the tree was not asked about:" if extra else ".")]
    starts = {p.steps[0]: p.name for p in arch.processes}
    for c in extra:
        why = (f", which starts the process {starts[c.message]!r} before any activity decided"
               if c.message in starts else "")
        lines.append(f"- {c}{why}.")
    for d in missing:
        lines.append(f"- Decided, but not in the model: {d.link}.")
    replies = [(c.message, r) for c in links if c.replies for r in c.replies]
    if replies:
        lines.append(f"{and_list([r for _, r in replies])} add no link: each answers its command "
                     f"({', '.join(m for m, _ in replies)}): the same two services, counted "
                     "once.")
    return Sentences("\n".join(lines))


_CALLER_EVENTS = {"Order": "OrderPlaced", "Subscription": "SubscriptionRenewed",
                  "Ticketing": "TicketBooked", "Donations": "DonationPledged"}


def _caller_event(caller: str) -> str:
    return _CALLER_EVENTS.get(caller, caller.replace(" ", "") + "Confirmed")


def _payment_system(callers: Sequence[str], style: str) -> Architecture:
    title = "command API" if style == COMMAND else "event subscriptions"
    arch = Architecture(f"Payment with {title}", services=[*callers, "Payment"])
    for caller in callers:
        if style == COMMAND:  # every caller calls the one operation Payment offers
            arch.add_command(f"RetrievePayment ({caller})", sender=caller, receiver="Payment",
                             operation="RetrievePayment")
        else:
            arch.add_event(_caller_event(caller), emitter=caller, subscribers=["Payment"])
    return arch


def _touched(result: Impact) -> dict[str, str]:
    """The services that must change (by :func:`~lessonlib.change_impact.impact`), and why."""
    touched = dict.fromkeys(result.new, "new")
    touched.update({s: "; ".join(map(str, changes)) for s, changes in result.changed.items()})
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
    def command_impact(self) -> Impact:
        """What adding the caller changes with a command API (by ``impact``)."""
        return impact(self.command_before, self.command_after)

    @property
    def event_impact(self) -> Impact:
        """What adding the caller changes with event subscriptions (by ``impact``)."""
        return impact(self.event_before, self.event_after)

    @property
    def command_changes(self) -> dict[str, str]:
        """The services that must change with a command API, and why."""
        return _touched(self.command_impact)

    @property
    def event_changes(self) -> dict[str, str]:
        """The services that must change with event subscriptions, and why."""
        return _touched(self.event_impact)

    def summary(self) -> str:
        """Which services change in each style, computed from the two pairs of models."""
        def line(style, changes):
            items = "; ".join(f"{s} ({why})" for s, why in changes.items())
            payment = "changes" if "Payment" in changes else "is untouched"
            return (f"{style}: adding {self.new_caller} touches "
                    f"{plural(len(changes), 'service')}: {items}. Payment {payment}.")
        return "\n".join([line("Command API", self.command_changes),
                          line("Event subscriptions", self.event_changes)])

    def __str__(self) -> str:
        return self.summary()


def reuse_comparison(callers: Sequence[str] = ("Order", "Subscription", "Donations"),
                     new_caller: str = "Ticketing") -> ReuseReport:
    """Add ``new_caller`` to a payment service used by ``callers``, in both styles.

    Introduced in ``02_who_depends_on_whom.ipynb``.

    The services that must change are counted by
    :func:`~lessonlib.change_impact.impact`, the course's one rule: a service is new,
    or its role differs. With a command API every caller calls the one operation
    Payment offers, so Payment's role stays as it was.

    >>> print(reuse_comparison())
    Command API: adding Ticketing touches 1 service: Ticketing (new). Payment is untouched.
    Event subscriptions: adding Ticketing touches 2 services: Ticketing (new); Payment (now subscribes to TicketBooked). Payment changes.
    """
    if isinstance(callers, str) or not isinstance(callers, Sequence):
        raise LessonTypeError(f"callers is a list of service names, like ['Order', "
                              f"'Subscription']; got {shown(callers)}.")
    callers = [check_name(c, "caller") for c in callers]
    new_caller = check_name(new_caller, "new caller")
    if new_caller in callers or new_caller == "Payment":
        raise LessonError(f"The new caller must be a new service; {shown(new_caller)} is already "
                          "there.")
    return ReuseReport(new_caller,
                       _payment_system(callers, COMMAND),
                       _payment_system([*callers, new_caller], COMMAND),
                       _payment_system(callers, EVENT),
                       _payment_system([*callers, new_caller], EVENT))
