"""The demo: the same command and event over both envelopes, and the evidence of what arrived."""

from __future__ import annotations

import time
from dataclasses import dataclass, replace

from lessonlib.errors import LessonTypeError, shown
from lessonlib.prose import and_list, plural
from lessonlib.transport.in_process import InProcessQueue
from lessonlib.transport.local_http import LocalHttpService
from lessonlib.transport.payload import Payload, Receipt, Rejected

__all__ = ["Evidence", "TransportReport", "same_message_two_envelopes"]


@dataclass(frozen=True)
class Evidence:
    """One piece of evidence from the demo: a sentence, and whether the receipts bear it out."""

    text: str
    held: bool

    def __str__(self) -> str:
        return f"{'✓' if self.held else '✗'} {self.text}"


Check = Evidence  # old name, kept until 0.3


@dataclass(frozen=True)
class TransportReport:
    """The result of :func:`same_message_two_envelopes`.

    ``readers_learnt`` holds the feed readers the emitter's server could name from
    the requests it got (each said who it was, as HTTP clients do: an HTTP feed *can*
    see its readers); ``emitted_alike`` says whether the emitter emitted the same
    events as an emitter nobody read (what it emits does not depend on its readers).
    """

    command: Payload
    event: Payload
    receipts: tuple[Receipt, ...]
    address: tuple[str, int]
    server_stopped: bool
    readers_learnt: tuple[str, ...] = ()
    emitted_alike: bool = True

    @property
    def payload_unchanged(self) -> bool:
        """True if every receiver got exactly the payload (kind, name, data) that was sent."""
        return bool(self.receipts) and all(d.meaning_unchanged for d in self.receipts)

    def evidence(self) -> tuple[Evidence, ...]:
        """The evidence that each message kept its meaning in each envelope, from the receipts.

        A command kept its meaning if its one receiver answered it (acknowledged or
        rejected: it could not ignore it); an event if nobody answered and what its
        emitter emitted did not depend on who read it (its server may well have seen
        them). Equal bytes alone prove neither.
        """
        found = [Evidence("Every receiver read the payload (kind, name, data) that was sent.",
                       self.payload_unchanged)]
        transports = list(dict.fromkeys(d.transport for d in self.receipts))
        for transport in transports:
            commands = [d for d in self.receipts
                        if d.transport == transport and d.received.kind == "command"]
            receivers = sorted({d.receiver for d in commands})
            answers = [d.reply for d in commands]
            answered = bool(commands) and all(
                a is not None and (a == "acknowledged" or a.startswith("rejected")) for a in answers)
            found.append(Evidence(
                f"The command {self.command.name} over {transport} had "
                f"{plural(len(receivers), 'receiver')} ({and_list(receivers, 'none')}), "
                "which answered "
                f"({and_list(sorted({str(a) for a in answers}), 'nothing')}): a command is "
                "acknowledged or rejected, never ignored.",
                answered and len(receivers) == 1))
            events = [d for d in self.receipts
                      if d.transport == transport and d.received.kind == "event"]
            readers = sorted({d.receiver for d in events})
            silent = bool(events) and all(d.reply is None for d in events)
            if transport != LocalHttpService.name:
                found.append(Evidence(
                    f"The event {self.event.name} over {transport} reached "
                    f"{and_list(readers, 'nobody')}; no answer came back: an event expects "
                    "no answer.", silent))
                continue
            seen = [r for r in readers if r in self.readers_learnt]
            saw = (f" (its server saw {and_list(seen)} fetch it: an HTTP feed can see its "
                   "readers)" if seen else "")
            alike = "did not depend on" if self.emitted_alike else "DEPENDED on"
            found.append(Evidence(
                f"The event {self.event.name} over {transport} reached "
                f"{and_list(readers, 'nobody')}; no answer came back{saw}, and what "
                f"{self.event.sender} emitted {alike} who read it: an event expects no "
                "answer, and its emitter's logic does not depend on its readers.",
                silent and self.emitted_alike))
        return tuple(found)

    # old names, kept until 0.3
    deliveries = property(lambda self: self.receipts, doc="Old name of :attr:`receipts`.")
    checks = evidence

    @property
    def meaning_kept(self) -> bool:
        """True if every piece of :meth:`evidence` holds: the envelopes changed, the meanings did not."""
        return all(e.held for e in self.evidence())

    def meaning(self) -> str:
        """The evidence as lines, then one sentence saying what they add up to."""
        lines = [str(e) for e in self.evidence()]
        lines.append("So: a command on every transport, an event on every transport."
                     if self.meaning_kept else
                     "So: at least one message did NOT keep its meaning (see the lines marked ✗).")
        return "\n".join(lines)

    def table(self) -> str:
        """One line per delivery: transport, message, receiver, envelope, answer."""
        rows = []
        for d in self.receipts:
            answer = d.reply if d.reply is not None else "(no answer: an event expects none)"
            waited = "sender waited" if d.sender_waited else "sender did not wait"
            rows.append(f"- {d.received.kind} {d.received.name} over {d.transport} to "
                        f"{d.receiver}: {answer}; {waited}.\n    envelope: {d.envelope}")
        return "\n".join(rows)

    def summary(self) -> str:
        """What the deliveries show, in sentences built from what happened."""
        by_kind = {}
        for d in self.receipts:
            by_kind.setdefault(d.received.kind, set()).add(d.transport)
        same = "the same" if self.payload_unchanged else "NOT the same"
        lines = [
            f"The command {self.command.name} travelled over "
            f"{and_list(sorted(by_kind.get('command', ())))}; the event {self.event.name} "
            f"over {and_list(sorted(by_kind.get('event', ())))}.",
            f"Every receiver read {same} payload (kind, name, data) that was sent: the "
            "envelope changed. Whether the meaning did is in the answers:",
        ]
        async_commands = [d for d in self.receipts
                          if d.received.kind == "command" and not d.sender_waited]
        if async_commands:
            first = async_commands[0]
            lines.append(f"Over {first.transport} the command was asynchronous: send() returned "
                         f"with no answer and the sender moved on; {first.receiver}'s answer "
                         f"({first.reply}) came back later on a reply queue. Still a command.")
        feed = [d for d in self.receipts
                if d.received.kind == "event" and d.transport == LocalHttpService.name]
        if feed:
            readers = sorted({d.receiver for d in feed})
            seen = (f"its server saw that {and_list(sorted(self.readers_learnt))} read it (each said "
                    "who it was, as HTTP clients do)" if self.readers_learnt else
                    "its server could not tell who read it")
            same = ("but Checkout emitted exactly what it emits when nobody reads. Still an "
                    "event." if self.emitted_alike else
                    "and Checkout emitted something else for them: NOT how an event behaves.")
            lines.append(f"The event on the HTTP feed was fetched by {and_list(readers)} with "
                         f"GET requests; {seen}, {same}")
        host, port = self.address
        lines.append(f"The HTTP server listened on {host}:{port} only during the demo; "
                     f"now it is {'stopped' if self.server_stopped else 'STILL RUNNING'}.")
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.summary() + "\n\n" + self.table()


def same_message_two_envelopes(amount: float = 49.90, order: int = 42) -> TransportReport:
    """Send RetrievePayment and OrderPlaced over the queue and over HTTP; report what arrived.

    Introduced in ``01_commands_and_events.ipynb``. The payment handler
    rejects an ``amount`` that is not positive (a command may be rejected, never
    ignored).

    Parameters
    ----------
    amount : float
        The amount to retrieve; try ``0`` to see the command rejected on both transports.
    order : int
        The order number in both payloads.

    Returns
    -------
    TransportReport
        ``print(report)`` shows what happened; ``print(report.meaning())`` the
        evidence that each message kept its meaning, ``report.meaning_kept`` as
        one value.

    Examples
    --------
    >>> report = same_message_two_envelopes(amount=0)
    >>> sorted({d.reply for d in report.receipts if d.reply})
    ['rejected: the amount must be positive, got 0']
    """
    if isinstance(amount, bool) or not isinstance(amount, (int, float)):
        raise LessonTypeError(f"amount is a number, like 49.90; got {shown(amount)}.")
    if isinstance(order, bool) or not isinstance(order, int):
        raise LessonTypeError(f"order is a whole number, like 42; got {shown(order)}.")
    command = Payload("command", "RetrievePayment", {"order": order, "amount": amount}, "Order")
    event = Payload("event", "OrderPlaced", {"order": order, "amount": amount}, "Checkout")

    def retrieve_payment(payload: Payload) -> None:
        time.sleep(0.02)  # a payment takes a moment
        if payload.data["amount"] <= 0:
            raise Rejected(f"the amount must be positive, got {payload.data['amount']}")

    receipts: list[Receipt] = []
    with InProcessQueue() as bus:
        bus.handle(command.name, "Payment", retrieve_payment)
        bus.subscribe(event.name, "Payment", lambda p: None)
        bus.subscribe(event.name, "Analytics", lambda p: None)
        bus.send(command)
        bus.publish(event)
        receipts += bus.replies()

    readers = ("Payment", "Analytics")
    with LocalHttpService("Payment") as payment, LocalHttpService("Checkout") as checkout, \
            LocalHttpService("Checkout") as unread:
        address = payment.address
        payment.handle(command.name, retrieve_payment)
        receipts.append(payment.post_command(command))
        checkout.emit(event)
        unread.emit(event)  # the same Checkout, with nobody reading its feed
        for reader in readers:
            receipts += [replace(d, sent=event) for d in checkout.read_feed(reader)]
    stopped = not (payment.running or checkout.running or unread.running)
    return TransportReport(command, event, tuple(receipts), address, stopped,
                           checkout.readers_learnt(readers), checkout.emitted == unread.emitted)
