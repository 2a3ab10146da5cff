"""What travels and what arrives: a message's meaning (its payload) and the receipt of one delivery.

Both transports of :mod:`lessonlib.transport` carry a :class:`Payload` and
report a :class:`Receipt` per receiver; a command handler answers through
:func:`run_handler` (it returns to acknowledge, raises :class:`Rejected` to reject).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from lessonlib.architecture import MESSAGE_KINDS
from lessonlib.errors import LessonError, LessonTypeError, check_name, choose, shown

__all__ = ["Payload", "Rejected", "Receipt", "run_handler", "HOST", "WAIT"]

#: The only address a lessonlib server binds.
HOST = "127.0.0.1"
#: Seconds a demo waits for a reply before it says so.
WAIT = 5.0


@dataclass(frozen=True)
class Payload:
    """The meaning a message carries: its kind, its name and its data.

    Parameters
    ----------
    kind : {"command", "event"}
    name : str
        e.g. ``"RetrievePayment"`` (a command) or ``"OrderPlaced"`` (an event).
    data : mapping of str to JSON values
    sender : str
        The service that sends the command or emits the event.

    Examples
    --------
    >>> p = Payload("command", "RetrievePayment", {"order": 42, "amount": 49.9}, "Order")
    >>> Payload.from_json(p.to_json()) == p
    True
    >>> Payload("comand", "RetrievePayment")
    Traceback (most recent call last):
    ...
    lessonlib.errors.LessonError: Unknown message kind 'comand'. Did you mean 'command'?
    """

    kind: str
    name: str
    data: Mapping = field(default_factory=dict)
    sender: str = ""

    def __post_init__(self):
        kind = self.kind.strip().lower() if isinstance(self.kind, str) else self.kind
        object.__setattr__(self, "kind", choose(kind, MESSAGE_KINDS, "message kind"))
        object.__setattr__(self, "name", check_name(self.name, "message name"))
        if not isinstance(self.data, Mapping):
            raise LessonTypeError(f"A payload's data is a dict, like {{'order': 42}}; got "
                                  f"{self.data!r} ({type(self.data).__name__}).")
        try:
            data = json.loads(json.dumps(dict(self.data), allow_nan=False))
        except (TypeError, ValueError):
            raise LessonTypeError(f"A payload's data must be plain JSON values (numbers, "
                                  f"strings, lists, dicts); got {self.data!r}.") from None
        object.__setattr__(self, "data", data)
        if not isinstance(self.sender, str):
            raise LessonTypeError(f"A sender is a service name; got {self.sender!r}.")

    def to_json(self) -> str:
        """The payload as JSON text (what travels inside any envelope)."""
        return json.dumps({"kind": self.kind, "name": self.name, "data": self.data,
                           "sender": self.sender}, sort_keys=True)

    @classmethod
    def from_json(cls, text: str | bytes) -> Payload:
        """Read a payload back from :meth:`to_json`'s text."""
        try:
            raw = json.loads(text)
            return cls(raw["kind"], raw["name"], raw.get("data", {}), raw.get("sender", ""))
        except (ValueError, KeyError, TypeError) as exc:
            raise LessonError(f"Not a lessonlib payload: {shown(text)} ({exc}).") from None

    def __str__(self) -> str:
        return f"{self.kind} {self.name} {json.dumps(self.data, sort_keys=True)}"


class Rejected(Exception):  # noqa: N818 - a command handler's answer, not a bug
    """Raise in a command handler to reject the command, with a reason."""


@dataclass(frozen=True)
class Receipt:
    """What one receiver got, and how: the receipt of one delivery.

    ``envelope`` describes the transport's wrapping (e.g. an HTTP request
    line); ``reply`` is a command's answer ("acknowledged" or "rejected: ...")
    or ``None`` for an event, which expects no answer.
    """

    transport: str
    receiver: str
    sent: Payload
    received: Payload
    envelope: str
    reply: str | None
    sender_waited: bool

    @property
    def meaning_unchanged(self) -> bool:
        return self.sent == self.received


Delivery = Receipt  # old name, kept until 0.3


def run_handler(handler: Callable[[Payload], object], payload: Payload) -> str:
    """Run a command's handler: "acknowledged" if it returns, "rejected: ..." if it raises
    :class:`Rejected`."""
    try:
        handler(payload)
    except Rejected as reason:
        return f"rejected: {reason}"
    return "acknowledged"

