"""The trace of a simulation: one :class:`Record` per message delivered (or not).

Introduced in ``05_track_then_manage.ipynb``: the message bus
(:mod:`lessonlib.bus`) and the process engine write it; sequence diagrams,
the order tables and the commands-in-disguise detector read it. The record
format is stable (see :class:`Record`), so other tools can rely on it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from lessonlib.architecture import COMMAND, EVENT
from lessonlib.errors import LessonError, LessonTypeError, choose, shown, suggest

__all__ = ["Record", "Trace", "make_record", "minutes", "check_correlation", "TIMER", "RECORD_KINDS",
           "FATES", "ACKNOWLEDGED", "REJECTED", "HANDLED", "FAILED", "DOWN", "NO_SUBSCRIBER",
           "ERROR", "TIMEOUT"]

#: Kind of the records a process engine writes when a time frame runs out.
TIMER = "timer"
#: The kinds of record in a trace: a message's kind, or a time frame that ran out.
RECORD_KINDS = (COMMAND, EVENT, TIMER)
KINDS = RECORD_KINDS  # old name, kept until 0.3

# What became of a delivery: its fate (Record.fate).
ACKNOWLEDGED = "acknowledged"  # a command's handler accepted it
REJECTED = "rejected"  # a command's handler refused it (its reason is in the note)
HANDLED = "handled"  # an event reached a subscriber, which handled it
FAILED = "failed"  # the receiver failed while handling it (the service's failure rate)
DOWN = "service down"  # the receiver is down: the message waits in its queue, unanswered
NO_SUBSCRIBER = "no subscriber"  # an event nobody subscribes to (receiver is None)
ERROR = "error"  # the handler's own code raised an exception (a bug)
TIMEOUT = "timeout"  # a process engine's time frame ran out (kind TIMER)
#: Every fate of a delivery. ("Outcome" is the course's word for what became of a whole
#: process, an order say: :data:`lessonlib.simulate.OUTCOMES`.)
FATES = (ACKNOWLEDGED, REJECTED, HANDLED, FAILED, DOWN, NO_SUBSCRIBER, ERROR, TIMEOUT)
OUTCOMES = FATES  # old name, kept until 0.3


@dataclass(frozen=True)
class Record:
    """One line of the trace: one message delivered (or not) to one receiver.

    Fields (stable; tools that read a trace as runtime evidence rely on them):

    ``seq`` : int
        Position in the trace, from 0, in the order deliveries finished.
    ``time`` : float
        Simulated minutes when the receiver finished with the message (for
        ``service down``, ``no subscriber`` and timers: when it happened).
    ``sent`` : float
        Simulated minutes when the sender sent or published it (for a timer:
        when the wait began).
    ``kind`` : str
        ``"command"``, ``"event"`` or ``"timer"`` (a process engine's time frame
        that ran out; sender and receiver are then the owning service).
    ``message`` : str
        The message type, e.g. ``"RetrievePayment"``; for a timer, what was
        awaited, e.g. ``"GoodsShipped within 5 min"``.
    ``sender`` : str
        The service that sent the command or published the event.
    ``receiver`` : str or None
        The handler of a command, one subscriber of an event (one record per
        subscriber), or None for an event with no subscriber.
    ``correlation`` : str
        The correlation id: which order (or customer) the message is about.
    ``fate`` : str
        What became of the delivery, one of :data:`FATES`: ``acknowledged`` / ``rejected`` (commands),
        ``handled`` (events), ``failed``, ``service down``, ``no subscriber``,
        ``error``, ``timeout``.
    ``cause`` : int or None
        ``seq`` of the delivery whose handler sent this message (None if it
        came from outside any handler, e.g. a new order placed by a test).
        ``cause`` links a reaction to what triggered it: an event whose only
        subscriber answers its emitter is visible as a record whose cause is
        that event's delivery.
    ``note`` : str
        A short explanation (a rejection's reason, an error message), or ``""``.
    """

    seq: int
    time: float
    sent: float
    kind: str
    message: str
    sender: str
    receiver: str | None
    correlation: str
    fate: str
    cause: int | None = None
    note: str = ""

    outcome = property(lambda self: self.fate, doc="Old name of :attr:`fate`, kept until 0.3.")

    def __str__(self) -> str:
        receiver = self.receiver if self.receiver is not None else "(no subscriber)"
        extra = f" ({self.note})" if self.note else ""
        cause = f" (caused by #{self.cause})" if self.cause is not None else ""
        when = minutes(self.time) if self.time == self.sent else f"{minutes(self.sent)}-{minutes(self.time)}"
        return (f"#{self.seq} t={when} min  {self.kind} "
                f"{self.message}  {self.sender} -> {receiver}  [{self.correlation}] "
                f"{self.fate}{extra}{cause}")


_new = object.__new__


def make_record(seq, time, sent, kind, message, sender, receiver, correlation, fate,
                cause=None, note="") -> Record:
    """A :class:`Record`, made about four times faster than through its frozen ``__init__``
    (the bus writes thousands of them); equal to ``Record(...)`` with the same fields."""
    record = _new(Record)
    record.__dict__.update(seq=seq, time=time, sent=sent, kind=kind, message=message,
                           sender=sender, receiver=receiver, correlation=correlation,
                           fate=fate, cause=cause, note=note)
    return record


def minutes(value: float) -> str:
    """Simulated minutes as the trace prints them: ``minutes(2.0)`` is ``'2'``."""
    return f"{round(value, 2):g}"


class Trace:
    """The records of a simulation, in the order they finished (a read-only sequence).

    >>> from lessonlib.bus import Bus
    >>> bus = Bus()
    >>> bus.add_services("Checkout")
    >>> bus.declare("OrderPlaced", "event")
    >>> bus.publish("OrderPlaced", sender="Checkout", correlation="o1")
    >>> trace = bus.run()
    >>> len(trace), trace[0].fate
    (1, 'no subscriber')
    """

    def __init__(self, records: Iterable[Record] = ()):
        self._records = tuple(records)

    def __len__(self) -> int:
        return len(self._records)

    def __iter__(self) -> Iterator[Record]:
        return iter(self._records)

    def __getitem__(self, index):
        return self._records[index]

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Trace) and self._records == other._records

    def __hash__(self) -> int:
        return hash(self._records)

    def __repr__(self) -> str:
        return f"<Trace of {len(self)} records, {len(self.correlations())} correlation ids>"

    def correlations(self) -> tuple[str, ...]:
        """The correlation ids in order of first appearance."""
        return tuple(dict.fromkeys(r.correlation for r in self._records))

    def services(self) -> tuple[str, ...]:
        """Every service that sent or received something, in order of first appearance."""
        names: dict[str, None] = {}
        for r in self._records:
            names.setdefault(r.sender)
            if r.receiver is not None:
                names.setdefault(r.receiver)
        return tuple(names)

    def select(self, *, correlation: str | None = None, kind: str | None = None,
               message: str | None = None, fate: str | None = None,
               outcome: str | None = None) -> Trace:
        """The records matching every given field, as a new trace (``outcome=`` is the
        old name of ``fate=``, kept until 0.3).

        >>> from lessonlib.bus import Bus
        >>> bus = Bus()
        >>> bus.add_services("Checkout")
        >>> bus.declare("OrderPlaced", "event")
        >>> for i in range(3):
        ...     bus.publish("OrderPlaced", sender="Checkout", correlation=f"o{i}")
        >>> len(bus.run().select(correlation="o2"))
        1
        """
        if kind is not None:
            kind = choose(kind, RECORD_KINDS, "record kind")
        fate = outcome if fate is None else fate
        if fate is not None:
            fate = choose(fate, FATES, "fate")
        if correlation is not None:
            correlation = check_correlation(correlation)
            if correlation not in self.correlations():
                raise LessonError(f"No record in this trace has the correlation id "
                                  f"{shown(correlation)}. {suggest(correlation, self.correlations())}")
        return Trace(r for r in self._records
                     if (correlation is None or r.correlation == correlation)
                     and (kind is None or r.kind == kind)
                     and (message is None or r.message == message)
                     and (fate is None or r.fate == fate))

    def text(self) -> str:
        """One line per record (the trace's plain-text form)."""
        return "\n".join(str(r) for r in self._records)


def check_correlation(value: object) -> str:
    if not isinstance(value, str) or not value.strip():
        raise LessonTypeError(f"A correlation id names what a message is about, like 'order-1'; "
                              f"got {shown(value)}.")
    return value.strip()
