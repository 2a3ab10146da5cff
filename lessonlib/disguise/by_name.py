"""What a message's name alone says: the name evidence, and the command a costume hides.

A name is read by :mod:`lessonlib.names` into cues ("required" states an
obligation, "...ed" a fact); each cue becomes evidence here.
"""

from __future__ import annotations

from collections.abc import Iterable

from lessonlib.architecture import COMMAND, EVENT
from lessonlib.disguise.evidence import (
    AMBIGUOUS,
    DISGUISED,
    HONEST,
    HONEST_COMMAND,
    DisguiseReport,
    Evidence,
    Finding,
)
from lessonlib.errors import LessonTypeError, check_name, shown
from lessonlib.names import proposal, read

__all__ = ["inspect_name", "inspect_names", "propose_command", "name_evidence", "NAME_CUES",
           "NAME_VERDICTS"]

#: How a name reads on its own (lessonlib.names.READINGS) -> the verdict it gets.
NAME_VERDICTS = {"event": HONEST, "command": HONEST_COMMAND, "disguise": DISGUISED,
                 "ambiguous": AMBIGUOUS}
#: A name's cue -> (which way it leans, how strongly).
NAME_CUES = {
    "obligation": (COMMAND, "strong"), "imperative": (COMMAND, "strong"),
    "command-suffix": (COMMAND, "strong"), "request": (COMMAND, "some"),
    "no-fact": (COMMAND, "some"), "fact": (EVENT, "strong"), "neutral-suffix": (None, None),
}


def name_evidence(name: str):
    """The reading of ``name`` and its cues as evidence."""
    reading = read(name)
    return reading, [Evidence("name", *NAME_CUES[cue], text) for cue, text in reading.cues]


def propose_command(name: str) -> str | None:
    """A command name for a message: the action, as an imperative verb and its object.

    The proposal keeps the name's style: CamelCase stays CamelCase, words stay
    words. A name that already says what to do is its own proposal. Returns None
    when no action can be read from the name (then name it yourself).
    Introduced in ``07_commands_in_disguise.ipynb``.

    Examples
    --------
    >>> propose_command("CustomerNeedsToBeSentANotificationEvent")
    'SendNotification'
    >>> propose_command("Customer Needs To Be Sent A Notification")
    'Send Notification'
    >>> propose_command("address check required")
    'Check Address'
    >>> propose_command("PaymentRequired"), propose_command("FlightCancelled")
    ('RetrievePayment', 'CancelFlight')
    >>> propose_command("CustomerData") is None
    True
    """
    name = check_name(name, "message name")
    return proposal(read(name), spaced=" " in name)


def inspect_name(name: str) -> Finding:
    """What a message's name alone says: an honest event, an honest command, a disguise, or
    ambiguous.

    Static evidence only; :func:`detect` adds the architecture's structure and,
    given a bus trace, what happened at runtime. An imperative name
    ("GenerateInvoice") is an honest command by name: it is a disguise only when
    it travels as an event, which :func:`detect` can see and a name cannot.
    Introduced in ``07_commands_in_disguise.ipynb``.

    Parameters
    ----------
    name : str
        A message name, CamelCase or in words.

    Returns
    -------
    Finding
        With ``verdict``, ``evidence`` and ``proposal``.

    Examples
    --------
    >>> inspect_name("address check required").proposal
    'Check Address'
    >>> inspect_name("RegistrationRequested").verdict
    'ambiguous: look at who reacts and why'
    >>> inspect_name(42)
    Traceback (most recent call last):
    ...
    lessonlib.errors.LessonTypeError: A message name must be a string, like 'Payment'; got 42 (int).
    """
    name = check_name(name, "message name")
    reading, evidence = name_evidence(name)
    return Finding(name, tuple(evidence), NAME_VERDICTS[reading.kind],
                   proposal(reading, spaced=" " in name), by_name=True)


def inspect_names(names: Iterable[str], title: str = "Message names") -> DisguiseReport:
    """:func:`inspect_name` for each of ``names``, as one report.

    >>> print(inspect_names(["OrderPlaced", "SendWelcomeLetter", "EmailToBeSent"]).table())
    OrderPlaced        looks like an honest event
    SendWelcomeLetter  reads as an honest command (a disguise only if it travels as an event)
    EmailToBeSent      likely a command in disguise -> SendEmail
    """
    if isinstance(names, str):
        raise LessonTypeError(f"inspect_names takes a list of names, like ['OrderPlaced', "
                              f"'PaymentReceived']; got the single string {shown(names)}. Use "
                              "inspect_name for one name.")
    try:
        names = list(names)
    except TypeError:
        raise LessonTypeError(f"inspect_names takes a list of names; got {shown(names)} "
                              f"({type(names).__name__}).") from None
    return DisguiseReport(check_name(title, "title"), tuple(inspect_name(n) for n in names),
                          what="name")

