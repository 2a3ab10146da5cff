"""Commands in disguise: events that are really commands in an event costume.

An event states a fact; whoever cares may react. When an "event" names an
obligation ("CustomerNeedsToBeSentANotification"), has exactly one subscriber
that must act and reply, and its emitter's process breaks without that
subscriber, it is a command wearing an event's costume (Fowler's
"passive-aggressive command"). Introduced in ``06_commands_in_disguise.ipynb``.

The detector never answers a bare yes or no: it lists the evidence for a command
(``+``) and against it (``-``), each with its strength in words, and gives a
verdict in words. By name alone a message reads as an honest event, an honest
command, a command in disguise or ambiguous (see :mod:`lessonlib.names`):

>>> print(inspect_name("InvoiceGenerationRequired"))
InvoiceGenerationRequired: likely a command in disguise
  + name (strong): 'required' states an obligation, not a fact: it orders someone to act
  proposed command: GenerateInvoice
>>> print(inspect_name("GenerateInvoice"))
GenerateInvoice: reads as an honest command (a disguise only if it travels as an event)
  + name (strong): it starts with the imperative verb 'generate': it says what to do

Three kinds of evidence:

* **name** (static): an obligation ("needs to", "required", "to be sent"), an
  imperative verb, a request ("...Requested"), or the past tense (a fact);
* **structure** (static, from an :class:`~lessonlib.architecture.Architecture`):
  exactly one subscriber (a warning sign, not proof), a reply the emitter waits
  for, the emitter's process losing steps when that subscriber is removed;
* **runtime** (from a trace of the message bus, lesson 05): one receiver
  every time, its reply to the emitter, the emitter stalling when that
  receiver fails; see :func:`runtime_evidence`.

How an event's evidence adds up to a verdict is a short rule with points the
course chose (:data:`POINTS`); :meth:`Finding.weighed` shows them for one
finding, on request. They are a teaching device, not a measurement.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from lessonlib.architecture import COMMAND, EVENT, Architecture, expect_architecture
from lessonlib.errors import LessonError, LessonTypeError, check_name, shown, suggest
from lessonlib.names import proposal, read
from lessonlib.prose import and_list, noun, plural

__all__ = [
    "Evidence",
    "Finding",
    "DisguiseReport",
    "inspect_name",
    "inspect_names",
    "detect",
    "propose_command",
    "unmask",
    "dress",
    "dependency_flip",
    "runtime_evidence",
    "DISGUISED",
    "AMBIGUOUS",
    "HONEST",
    "HONEST_COMMAND",
    "POINTS",
]

DISGUISED = "likely a command in disguise"
AMBIGUOUS = "ambiguous: look at who reacts and why"
HONEST = "looks like an honest event"
#: A name alone that says what to do: honest, unless it travels as an event.
HONEST_COMMAND = "reads as an honest command (a disguise only if it travels as an event)"
#: How a name reads on its own (lessonlib.names.READINGS) -> the verdict it gets.
NAME_VERDICTS = {"event": HONEST, "command": HONEST_COMMAND, "disguise": DISGUISED,
                 "ambiguous": AMBIGUOUS}

# --------------------------------------------------------------------------- evidence

#: Points per strength, shown only on request (Finding.weighed). An event whose
#: evidence for a command outweighs the evidence against by DISGUISED_AT points or more
#: is likely a command in disguise; by AMBIGUOUS_AT to DISGUISED_AT - 1, ambiguous;
#: otherwise it looks like an honest event.
POINTS = {"strong": 4, "some": 2, "weak": 1}
DISGUISED_AT = 4
AMBIGUOUS_AT = 1
#: A name's cue -> (which way it leans, how strongly).
NAME_CUES = {
    "obligation": (COMMAND, "strong"), "imperative": (COMMAND, "strong"),
    "command-suffix": (COMMAND, "strong"), "request": (COMMAND, "some"),
    "no-fact": (COMMAND, "some"), "fact": (EVENT, "strong"), "neutral-suffix": (None, None),
}


@dataclass(frozen=True)
class Evidence:
    """One reason: which way it leans (towards a command or an event), how strongly, and why."""

    source: str  # "name", "structure" or "runtime"
    leans: str | None  # COMMAND, EVENT or None (no news either way)
    strength: str | None  # "strong", "some", "weak" or None
    text: str

    @property
    def sign(self) -> str:
        return {COMMAND: "+", EVENT: "-"}.get(self.leans, "~")

    @property
    def points(self) -> int:
        """Positive towards a command, negative towards an event (see :data:`POINTS`)."""
        value = POINTS.get(self.strength, 0)
        return value if self.leans == COMMAND else -value if self.leans == EVENT else 0

    def __str__(self) -> str:
        strength = f" ({self.strength})" if self.strength else ""
        return f"{self.sign} {self.source}{strength}: {self.text}"


def _band(points: int) -> str:
    if points >= DISGUISED_AT:
        return DISGUISED
    if points >= AMBIGUOUS_AT:
        return AMBIGUOUS
    return HONEST


@dataclass(frozen=True)
class Finding:
    """What the detector concluded about one message, and why.

    ``verdict`` is a band in words; ``evidence`` lists every reason for and against;
    ``proposal`` is the command to model it as (None when no action can be read
    from the name). ``by_name`` is True for a name read on its own.
    """

    name: str
    evidence: tuple[Evidence, ...]
    verdict: str
    proposal: str | None = None
    emitter: str | None = None
    subscribers: tuple[str, ...] = ()
    by_name: bool = False

    @property
    def reasons(self) -> tuple[str, ...]:
        return tuple(str(e) for e in self.evidence)

    @property
    def points(self) -> int:
        """The evidence's points added up (shown only by :meth:`weighed`)."""
        return sum(e.points for e in self.evidence)

    def advice(self) -> str | None:
        """What to do about it, in one line (None for an honest event or command)."""
        if self.verdict in (HONEST, HONEST_COMMAND):
            return None
        if self.proposal is None:
            return ("no command name proposed: name the action the receiver must take, as a "
                    "verb and what it acts on")
        if self.proposal == self.name:
            return (f"the name already says what to do: model it as the command "
                    f"{self.proposal} (no new name needed)")
        return f"proposed command: {self.proposal}"

    def weighed(self) -> str:
        """The finding with the points behind its verdict, for a student who asks for them.

        >>> print(inspect_name("address check required").weighed())
        address check required: likely a command in disguise
          +4 name: 'required' states an obligation, not a fact: it orders someone to act
          total +4. Points are the course's choice: strong 4, some 2, weak 1; +4 or more reads as likely a command in disguise, +1 to +3 ambiguous, 0 or less an honest event.
        """
        lines = [f"{self.name}: {self.verdict}"]
        lines += [f"  {e.points:+d} {e.source}: {e.text}" for e in self.evidence]
        lines.append(f"  total {self.points:+d}. Points are the course's choice: strong "
                     f"{POINTS['strong']}, some {POINTS['some']}, weak {POINTS['weak']}; "
                     f"+{DISGUISED_AT} or more reads as {DISGUISED}, +{AMBIGUOUS_AT} to "
                     f"+{DISGUISED_AT - 1} ambiguous, 0 or less an honest event.")
        if self.by_name and self.verdict == HONEST_COMMAND:
            lines.append("  For a name on its own, an imperative is an honest command; the "
                         "points count when detect() finds it travelling as an event.")
        return "\n".join(lines)

    def __str__(self) -> str:
        lines = [f"{self.name}: {self.verdict}"]
        lines += [f"  {e}" for e in self.evidence]
        advice = self.advice()
        if advice:
            lines.append(f"  {advice}")
        return "\n".join(lines)


@dataclass(frozen=True)
class DisguiseReport:
    """The detector's findings for several messages, in the order they were given."""

    title: str
    findings: tuple[Finding, ...]
    what: str = "event"  # what was examined: "event" (detect) or "name" (inspect_names)

    @property
    def flagged(self) -> tuple[Finding, ...]:
        """Findings whose verdict is :data:`DISGUISED`."""
        return tuple(f for f in self.findings if f.verdict == DISGUISED)

    @property
    def ambiguous(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.verdict == AMBIGUOUS)

    def finding(self, name: str) -> Finding:
        name = check_name(name, "message name")
        for f in self.findings:
            if f.name == name:
                return f
        names = [f.name for f in self.findings]
        raise LessonError(f"The report on {self.title!r} has no {self.what} {shown(name)}. "
                          f"{suggest(name, names)}")

    def summary(self) -> str:
        """One sentence with the counts, computed from the findings."""
        counts = Counter(f.verdict for f in self.findings)
        parts = [f"{counts[DISGUISED]} likely {noun(counts[DISGUISED], 'command')} in disguise",
                 f"{counts[AMBIGUOUS]} ambiguous"]
        if counts[HONEST_COMMAND]:
            parts.append(f"{plural(counts[HONEST_COMMAND], 'honest command')}")
        parts.append(f"{counts[HONEST]} honest {noun(counts[HONEST], 'event')}")
        return (f"{self.title}: {plural(len(self.findings), self.what)} examined; "
                f"{and_list(parts)}.")

    def table(self) -> str:
        """One line per message: verdict, and the command it hides, if it hides one."""
        width = max((len(f.name) for f in self.findings), default=4)
        lines = []
        for f in self.findings:
            hint = (f" -> {f.proposal}" if f.proposal and f.verdict in (DISGUISED, AMBIGUOUS)
                    else "")
            lines.append(f"{f.name:<{width}}  {f.verdict}{hint}")
        return "\n".join(lines)

    def __str__(self) -> str:
        return "\n\n".join([self.summary(), *(str(f) for f in self.findings)])


# --------------------------------------------------------------------------- names


def _name_evidence(name: str):
    """The reading of ``name`` and its cues as evidence."""
    reading = read(name)
    return reading, [Evidence("name", *NAME_CUES[cue], text) for cue, text in reading.cues]


def propose_command(name: str) -> str | None:
    """A command name for a message: the action, as an imperative verb and its object.

    The proposal keeps the name's style: CamelCase stays CamelCase, words stay
    words. A name that already says what to do is its own proposal. Returns None
    when no action can be read from the name (then name it yourself).
    Introduced in ``06_commands_in_disguise.ipynb``.

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
    Introduced in ``06_commands_in_disguise.ipynb``.

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
    reading, evidence = _name_evidence(name)
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


# --------------------------------------------------------------------------- structure


def _structure(arch: Architecture, event) -> list[Evidence]:
    evidence = []
    subs = event.targets
    if not subs:
        evidence.append(Evidence("structure", EVENT, "some",
                                 "nobody subscribes: its emitter cannot be waiting for "
                                 "anyone to act"))
        return evidence
    if len(subs) > 1:
        evidence.append(Evidence("structure", EVENT, "strong",
                                 f"{len(subs)} subscribers ({and_list(subs)}) each react "
                                 "on their own: a fact many may use"))
        return evidence
    (sub,) = subs
    evidence.append(Evidence("structure", COMMAND, "weak",
                             f"exactly one subscriber ({sub}) today: a warning sign, not "
                             "proof (an honest event may have one subscriber)"))
    replies = [m.name for m in arch.messages
               if m.is_event and m.source == sub and event.source in m.targets
               and _comes_after(arch, event.source, event.name, m.name)]
    if replies:
        evidence.append(Evidence("structure", COMMAND, "some",
                                 f"{sub} answers with {and_list(replies)}, which "
                                 f"{event.source} waits for: the subscriber must act and "
                                 "reply"))
    owned = [p for p in arch.processes if p.owner == event.source]
    if owned:
        without = arch.copy()
        without.remove_service(sub)
        after = {p.name: set(p.steps) for p in without.processes}
        for process in owned:
            lost = [s for s in process.steps
                    if s != event.name and s not in after.get(process.name, ())]
            if lost:
                evidence.append(Evidence(
                    "structure", COMMAND, "some",
                    f"without {sub}, {event.source}'s process {process.name!r} loses "
                    f"the {noun(len(lost), 'step')} {and_list(lost)}: "
                    "the emitter depends on this one receiver"))
    if _obliged(event.description):
        evidence.append(Evidence("structure", COMMAND, "some",
                                 f"it is described as {shown(event.description)}: someone must "
                                 "make sure it happens"))
    return evidence


def _obliged(description: str) -> bool:
    words = set(description.lower().replace(",", " ").split())
    return bool(words & {"must", "required", "mandatory", "legally", "obliged"}) or \
        "has to" in description.lower()


def _comes_after(arch: Architecture, owner: str, first: str, second: str) -> bool:
    """Whether ``second`` answers ``first``: later in the owner's process, else in the model."""
    for process in arch.processes:
        if process.owner == owner and first in process.steps and second in process.steps:
            return process.steps.index(second) > process.steps.index(first)
    names = [m.name for m in arch.messages]
    return names.index(second) > names.index(first)


def _check_architecture(arch: object) -> Architecture:
    return expect_architecture(arch, "The model to examine",
                               hint="For bare names use inspect_names([...]).")


def detect(arch: Architecture, trace: object = None) -> DisguiseReport:
    """Examine every event of ``arch`` for a command's costume; commands are skipped.

    Introduced in ``06_commands_in_disguise.ipynb``.

    Parameters
    ----------
    arch : Architecture
        The system to examine.
    trace : optional
        Deliveries recorded by the message bus (lesson 05), adding runtime
        evidence; see :func:`runtime_evidence` for what is accepted.

    Returns
    -------
    DisguiseReport
        One :class:`Finding` per event, in model order.

    Examples
    --------
    >>> from lessonlib.scenarios import costume_catalogue
    >>> report = detect(costume_catalogue())
    >>> [f.name for f in report.flagged]
    ['PaymentRequired', 'AddressCheckRequired', 'CreditCheckRequested', 'CustomerNeedsToBeSentAWelcomeLetterEvent']
    >>> report.finding("OrderPlaced").verdict
    'looks like an honest event'
    """
    arch = _check_architecture(arch)
    runtime = runtime_evidence(trace) if trace is not None else {}
    findings = []
    for message in arch.messages:
        if not message.is_event:
            continue
        reading, evidence = _name_evidence(message.name)
        evidence += _structure(arch, message)
        evidence += runtime.get(message.name, [])
        points = sum(e.points for e in evidence)
        findings.append(Finding(message.name, tuple(evidence), _band(points),
                                proposal(reading, spaced=" " in message.name),
                                message.source, message.targets))
    return DisguiseReport(arch.name, tuple(findings))


# --------------------------------------------------------------------------- runtime


def runtime_evidence(trace: object) -> dict[str, list[Evidence]]:
    """Evidence per event name from a trace of the message bus (lesson 05).

    ``trace`` is a :class:`lessonlib.trace.Trace` (or any iterable of records
    with the same fields as :class:`lessonlib.trace.Record`, as objects or
    dicts: ``seq``, ``kind``, ``message``, ``sender``, ``receiver``,
    ``correlation``, ``outcome`` and optionally ``cause``, ``sent`` and ``time``).
    For each event:

    * it reached one receiver only, every time (no news: the subscriptions say
      so already), or several (-);
    * that receiver answered the emitter for the same correlation id (+): a
      record caused by the event's delivery, or later in the trace;
    * where that receiver failed or was down, the emitter sent nothing more
      for that correlation id (+): its process waits on this one receiver.

    >>> trace = [
    ...     {"seq": 0, "kind": "event", "message": "AddressCheckRequired", "sender": "Onboarding",
    ...      "receiver": "Address check", "correlation": "c1", "outcome": "handled"},
    ...     {"seq": 1, "kind": "event", "message": "AddressChecked", "sender": "Address check",
    ...      "receiver": "Onboarding", "correlation": "c1", "outcome": "handled", "cause": 0}]
    >>> for e in runtime_evidence(trace)["AddressCheckRequired"]:
    ...     print(e)
    ~ runtime: in the trace, all 1 deliveries went to Address check alone (as subscribed; no news)
    + runtime (some): in the trace, Address check answered Onboarding (AddressChecked) for 1 of 1 correlation ids
    """
    records = _records(trace)
    by_event: dict[str, list[dict]] = {}
    for r in records:
        if r["kind"] == "event":
            by_event.setdefault(r["message"], []).append(r)
    result: dict[str, list[Evidence]] = {}
    for name, ds in by_event.items():
        emitter = ds[0]["sender"]
        receivers = sorted({d["receiver"] for d in ds if d["receiver"] is not None})
        evidence = []
        if not receivers:
            evidence.append(Evidence("runtime", EVENT, "weak",
                                     f"in the trace, none of its {len(ds)} publications "
                                     "reached anyone, and nothing waited for them"))
        elif len(receivers) > 1:
            evidence.append(Evidence("runtime", EVENT, "some",
                                     f"in the trace, it reached {len(receivers)} receivers "
                                     f"({and_list(receivers)})"))
        else:
            (receiver,) = receivers
            evidence.append(Evidence("runtime", None, None,
                                     f"in the trace, all {len(ds)} deliveries went to "
                                     f"{receiver} alone (as subscribed; no news)"))
            evidence += _replies(records, ds, emitter, receiver)
        result[name] = evidence
    return result


def _replies(records: list[dict], ds: list[dict], emitter: str,
             receiver: str) -> list[Evidence]:
    evidence = []
    correlations = list(dict.fromkeys(d["correlation"] for d in ds))
    first = {}
    for d in ds:
        first.setdefault(d["correlation"], d["seq"])
    seqs = {d["seq"] for d in ds}
    answered, replies = set(), set()
    for r in records:
        if r["sender"] != receiver or r["receiver"] != emitter:
            continue
        caused = r["cause"] in seqs if r["cause"] is not None else False
        later = r["correlation"] in first and r["seq"] > first[r["correlation"]]
        if caused or (r["cause"] is None and later):
            answered.add(r["correlation"])
            replies.add(r["message"])
    if answered:
        every = len(answered) == len(correlations)
        evidence.append(Evidence(
            "runtime", COMMAND, "some" if every else "weak",
            f"in the trace, {receiver} answered {emitter} ({and_list(sorted(replies))}) for "
            f"{len(answered)} of {len(correlations)} correlation ids"))
    broken = [d for d in ds if d["outcome"] in ("failed", "service down", "error")]
    stalled = []
    for d in broken:
        if not any(r["sender"] == emitter and r["correlation"] == d["correlation"]
                   and _after(r, d) for r in records):
            stalled.append(d["correlation"])
    stalled = list(dict.fromkeys(stalled))
    if stalled:
        evidence.append(Evidence(
            "runtime", COMMAND, "some",
            f"in the trace, where {receiver} failed or was down ({len(stalled)} correlation "
            f"{noun(len(stalled), 'id')}, e.g. {shown(stalled[0])}), {emitter} sent nothing "
            "more: its process waits on this one receiver"))
    return evidence


def _after(record: dict, failure: dict) -> bool:
    """Whether ``record`` was sent after ``failure`` happened (by the clock if the trace has
    one: a message sent at the same moment as the failed one is not a reaction to it)."""
    if record["sent"] is not None and failure["time"] is not None:
        return record["sent"] >= failure["time"] and record["seq"] != failure["seq"]
    return record["seq"] > failure["seq"]


_TRACE_FIELDS = ("seq", "kind", "message", "sender", "receiver", "correlation", "outcome")


def _records(trace: object) -> list[dict]:
    if isinstance(trace, (str, bytes, Mapping)) or not isinstance(trace, Iterable):
        raise LessonTypeError(f"A trace is the list of deliveries the message bus recorded "
                              f"(bus.run() returns it); got {shown(trace)} ({type(trace).__name__}).")
    out = []
    for i, item in enumerate(trace):
        def field_of(key, item=item):
            if isinstance(item, Mapping):
                return item.get(key, _MISSING)
            return getattr(item, key, _MISSING)

        record = {}
        for key in _TRACE_FIELDS:
            value = field_of(key)
            if value is _MISSING or (value is None and key != "receiver"):
                raise LessonError(f"Record #{i + 1} of the trace has no {shown(key)}; each record "
                                  f"needs {', '.join(map(repr, _TRACE_FIELDS))} (the fields "
                                  f"of lessonlib.trace.Record). Got {shown(item)}.")
            record[key] = value
        for key in ("cause", "sent", "time"):  # optional
            value = field_of(key)
            record[key] = None if value is _MISSING else value
        out.append(record)
    return out


_MISSING = object()


# --------------------------------------------------------------------------- re-model


def unmask(arch: Architecture, event: str, command: str | None = None, *,
           name: str | None = None) -> Architecture:
    """A copy of ``arch`` in which ``event`` is re-modelled as a command.

    The emitter becomes the sender, its one subscriber the receiver; the message
    keeps its place and its process steps. The dependency flips: before, the
    subscriber depended on the emitter; now the sender depends on the receiver.
    The inverse of :func:`dress`. Introduced in ``06_commands_in_disguise.ipynb``.

    Parameters
    ----------
    arch : Architecture
    event : str
        The event in costume.
    command : str, optional
        The command's name; by default :func:`propose_command`'s proposal.
    name : str, optional
        A name for the new architecture.

    Examples
    --------
    >>> from lessonlib.scenarios import costume_catalogue
    >>> after = unmask(costume_catalogue(), "AddressCheckRequired")
    >>> after.kind_of("CheckAddress")
    'command'
    >>> [str(link) for link in after.links() if link.message == "CheckAddress"]
    ['Onboarding depends on Address check (command CheckAddress)']
    >>> unmask(costume_catalogue(), "CustomerCreated")
    Traceback (most recent call last):
    ...
    lessonlib.errors.LessonError: A command has exactly one receiver, but CustomerCreated has 2 subscribers: 'Notification', 'Loyalty'. Several services reacting on their own is what events are for; keep it an event.
    """
    arch = _check_architecture(arch)
    message = arch.message(event)
    if message.is_command:
        raise LessonError(f"{message.name} is already a command ({message}); there is no "
                          "costume to take off.")
    if len(message.targets) != 1:
        subs = ", ".join(map(repr, message.targets)) or "none"
        raise LessonError(
            f"A command has exactly one receiver, but {message.name} has "
            f"{len(message.targets)} subscribers: {subs}. "
            + ("Several services reacting on their own is what events are for; keep it an "
               "event." if message.targets else "Subscribe the service that must act first.")
        )
    if command is None:
        command = propose_command(message.name)
        if command is None:
            raise LessonError(f"No command name can be read from {message.name!r}; give one "
                              f"that says what {message.targets[0]} must do, e.g. "
                              f"unmask(arch, {message.name!r}, 'DoSomething').")
    command = check_name(command, "command name")
    if command != message.name and command in {m.name for m in arch.messages}:
        raise LessonError(f"There is already a message called {shown(command)} in {arch.name!r}; "
                          "pick another name for the command.")
    after = arch.copy(name if name is not None else f"{arch.name}, {message.name} as a command")
    after.recast(message.name, COMMAND, command)
    return after


def dress(arch: Architecture, command: str, event: str, *, name: str | None = None) -> Architecture:
    """A copy of ``arch`` in which ``command`` travels in an event's costume named ``event``.

    The inverse of :func:`unmask`: the sender becomes the emitter and the one
    receiver its only subscriber; the message keeps its place and its process
    steps. Nothing else changes, so taking the costume off gives the model back.
    Lesson 06's catalogue is built with it (see
    :func:`lessonlib.scenarios.costume_catalogue`).

    >>> from lessonlib.scenarios import customer_onboarding_orchestration
    >>> onboarding = customer_onboarding_orchestration()
    >>> dressed = dress(onboarding, "CheckAddress", "AddressCheckRequired")
    >>> print(dressed.message("AddressCheckRequired"))
    event AddressCheckRequired: Onboarding -> Address check
    >>> unmask(dressed, "AddressCheckRequired") == onboarding
    True
    """
    arch = expect_architecture(arch, "The model to dress")
    message = arch.message(command)
    if not message.is_command:
        raise LessonError(f"{message.name} is already an event ({message}); only a command "
                          "can be put into an event's costume.")
    event = check_name(event, "event name")
    after = arch.copy(name if name is not None else arch.name)
    after.recast(message.name, EVENT, event)
    return after


def dependency_flip(before: Architecture, after: Architecture, event: str,
                    command: str) -> str:
    """Two sentences: who depended on whom before, and after re-modelling.

    >>> from lessonlib.scenarios import costume_catalogue
    >>> before = costume_catalogue()
    >>> after = unmask(before, "AddressCheckRequired", "CheckAddress")
    >>> print(dependency_flip(before, after, "AddressCheckRequired", "CheckAddress"))
    Before: Address check depends on Onboarding (event AddressCheckRequired).
    After:  Onboarding depends on Address check (command CheckAddress).
    """
    old = [str(link) for link in _check_architecture(before).links()
           if link.message == before.message(event).name]
    new = [str(link) for link in _check_architecture(after).links()
           if link.message == after.message(command).name]
    return f"Before: {'; '.join(old)}.\nAfter:  {'; '.join(new)}."
