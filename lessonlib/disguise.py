"""Commands in disguise: events that are really commands in an event costume.

An event states a fact; whoever cares may react. When an "event" names an
obligation ("CustomerNeedsToBeSentANotification"), has exactly one subscriber
that must act and reply, and its emitter's process breaks without that
subscriber, it is a command wearing an event's costume (Fowler's
"passive-aggressive command"). Introduced in ``06_commands_in_disguise.ipynb``.

The detector weighs evidence and always says why; it never answers a bare
yes or no:

>>> print(inspect_name("CustomerNeedsToBeSentANotificationEvent"))
CustomerNeedsToBeSentANotificationEvent: likely a command in disguise (score 0.50)
  + name: 'needs to be sent' states an obligation, not a fact
  ~ name: the suffix 'Event' says nothing; the meaning decides
  proposed command: SendNotification
>>> print(inspect_name("OrderPlaced"))
OrderPlaced: looks like an honest event (score 0.00)
  - name: 'placed' is past tense: the name states a fact

Three kinds of evidence, each with a weight (positive points towards a
command, negative towards an honest event):

* **name** (static): intent or obligation ("needs to", "required", "must",
  "please"), an imperative verb ("SendWelcomeLetter"), a request
  ("...Requested"), or past tense (a fact);
* **structure** (static, from an :class:`~lessonlib.architecture.Architecture`):
  exactly one subscriber (a warning sign, not proof), a reply the emitter waits
  for, the emitter's process losing steps when that subscriber is removed;
* **runtime** (from a trace of the message bus, lesson 05): one receiver
  every time, its reply to the emitter, the emitter stalling when that
  receiver fails; see :func:`runtime_evidence` and :func:`costume_trace`.

The score is the sum of the weights, clamped to 0..1; the verdict names the
band it falls in (:data:`DISGUISED`, :data:`AMBIGUOUS`, :data:`HONEST`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from lessonlib.architecture import Architecture, expect_architecture
from lessonlib.errors import LessonError, LessonTypeError, check_name, shown, suggest
from lessonlib.names import proposal, read
from lessonlib.prose import noun, plural
from lessonlib.scenarios import costume_catalogue

__all__ = [
    "Evidence",
    "Finding",
    "DisguiseReport",
    "inspect_name",
    "inspect_names",
    "detect",
    "propose_command",
    "unmask",
    "dependency_flip",
    "runtime_evidence",
    "costume_trace",
    "DISGUISED",
    "AMBIGUOUS",
    "HONEST",
]

DISGUISED = "likely a command in disguise"
AMBIGUOUS = "ambiguous: look at who reacts and why"
HONEST = "looks like an honest event"
#: Score at or above which a finding is DISGUISED, and AMBIGUOUS.
DISGUISED_AT = 0.5
AMBIGUOUS_AT = 0.2

# Weights: one place to read (and argue about) how much each sign counts.
W_OBLIGATION = 0.5
W_IMPERATIVE = 0.5
W_COMMAND_SUFFIX = 0.6
W_REQUEST = 0.3
W_NO_FACT = 0.2
W_FACT = -0.4
W_ONE_SUBSCRIBER = 0.15
W_NO_SUBSCRIBER = -0.2
W_MANY_SUBSCRIBERS = -0.25
W_REPLY = 0.25
W_PROCESS_BREAKS = 0.3
W_DESCRIPTION = 0.2
W_TRACE_ONE_HANDLER = 0.0  # the trace only repeats what the subscriptions say
W_TRACE_REPLY = 0.2
W_TRACE_MANY = -0.2
W_TRACE_STALLED = 0.15

# --------------------------------------------------------------------------- findings


@dataclass(frozen=True)
class Evidence:
    """One reason, with its weight: positive points to a command, negative to an event."""

    source: str  # "name", "structure" or "runtime"
    weight: float
    text: str

    @property
    def sign(self) -> str:
        return "+" if self.weight > 0 else "-" if self.weight < 0 else "~"

    def __str__(self) -> str:
        return f"{self.sign} {self.source}: {self.text}"


def _verdict(score: float) -> str:
    if score >= DISGUISED_AT:
        return DISGUISED
    if score >= AMBIGUOUS_AT:
        return AMBIGUOUS
    return HONEST


@dataclass(frozen=True)
class Finding:
    """What the detector concluded about one event, and why.

    ``score`` is the sum of the evidence weights clamped to 0..1; ``verdict``
    names its band; ``proposal`` is a command name to use instead, or None when
    the event looks honest or no action can be read from the name.
    """

    name: str
    evidence: tuple[Evidence, ...]
    proposal: str | None = None
    emitter: str | None = None
    subscribers: tuple[str, ...] = ()

    @property
    def score(self) -> float:
        return round(min(1.0, max(0.0, sum(e.weight for e in self.evidence))), 2)

    @property
    def verdict(self) -> str:
        return _verdict(self.score)

    @property
    def reasons(self) -> tuple[str, ...]:
        return tuple(str(e) for e in self.evidence)

    def __str__(self) -> str:
        lines = [f"{self.name}: {self.verdict} (score {self.score:.2f})"]
        lines += [f"  {e}" for e in self.evidence]
        if self.proposal and self.verdict != HONEST:
            lines.append(f"  proposed command: {self.proposal}")
        elif self.verdict != HONEST:
            lines.append("  no command name proposed: name the action the receiver must "
                         "take, as a verb")
        return "\n".join(lines)


@dataclass(frozen=True)
class DisguiseReport:
    """The detector's findings for several events, in the order they were given."""

    title: str
    findings: tuple[Finding, ...]

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
        raise LessonError(f"The report on {self.title!r} has no event {shown(name)}. "
                          f"{suggest(name, names)}")

    def summary(self) -> str:
        """One sentence with the counts, computed from the findings."""
        n, d, a = len(self.findings), len(self.flagged), len(self.ambiguous)
        return (f"{self.title}: {plural(n, 'event')} examined; {d} likely "
                f"{noun(d, 'command')} in disguise, {a} ambiguous, {n - d - a} "
                f"honest.")

    def table(self) -> str:
        """One line per event: score, verdict, proposal."""
        width = max((len(f.name) for f in self.findings), default=4)
        lines = []
        for f in self.findings:
            proposal = f" -> {f.proposal}" if f.proposal and f.verdict != HONEST else ""
            lines.append(f"{f.name:<{width}}  {f.score:.2f}  {f.verdict}{proposal}")
        return "\n".join(lines)

    def __str__(self) -> str:
        return "\n\n".join([self.summary(), *(str(f) for f in self.findings)])


# --------------------------------------------------------------------------- names

#: How much each cue of a name weighs (see :mod:`lessonlib.names`).
NAME_WEIGHTS = {
    "obligation": W_OBLIGATION, "imperative": W_IMPERATIVE, "command-suffix": W_COMMAND_SUFFIX,
    "request": W_REQUEST, "fact": W_FACT, "no-fact": W_NO_FACT, "neutral-suffix": 0.0,
}


def _name_evidence(name: str):
    """The reading of ``name`` and its cues as weighed evidence."""
    reading = read(name)
    return reading, [Evidence("name", NAME_WEIGHTS[cue], text) for cue, text in reading.cues]



def propose_command(name: str) -> str | None:
    """A command name for an event in costume: the action, as an imperative verb.

    The proposal keeps the name's style: CamelCase stays CamelCase, words stay
    words. Returns None when no action can be read from the name (then name
    it yourself). Introduced in ``06_commands_in_disguise.ipynb``.

    Examples
    --------
    >>> propose_command("CustomerNeedsToBeSentANotificationEvent")
    'SendNotification'
    >>> propose_command("Customer Needs To Be Sent A Notification")
    'Send Notification'
    >>> propose_command("address check required")
    'Check Address'
    >>> propose_command("PaymentRequired")
    'RetrievePayment'
    >>> propose_command("CustomerData") is None
    True
    """
    name = check_name(name, "message name")
    return proposal(read(name), spaced=" " in name)


def inspect_name(name: str) -> Finding:
    """What a message's name alone says: fact, intent, request, or neither.

    Static evidence only; :func:`detect` adds the architecture's structure and,
    given a bus trace, what happened at runtime. Introduced in
    ``06_commands_in_disguise.ipynb``.

    Parameters
    ----------
    name : str
        A message name, CamelCase or in words.

    Returns
    -------
    Finding
        With ``verdict``, ``score``, ``evidence`` and ``proposal``.

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
    return Finding(name, tuple(evidence), proposal(reading, spaced=" " in name))


def inspect_names(names: Iterable[str], title: str = "Message names") -> DisguiseReport:
    """:func:`inspect_name` for each of ``names``, as one report.

    >>> print(inspect_names(["OrderPlaced", "SendWelcomeLetter"]).table())
    OrderPlaced        0.00  looks like an honest event
    SendWelcomeLetter  0.50  likely a command in disguise -> SendWelcomeLetter
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
    return DisguiseReport(check_name(title, "title"), tuple(inspect_name(n) for n in names))


# --------------------------------------------------------------------------- structure


def _structure(arch: Architecture, event) -> list[Evidence]:
    evidence = []
    subs = event.targets
    if not subs:
        evidence.append(Evidence("structure", W_NO_SUBSCRIBER,
                                 "nobody subscribes: its emitter cannot be waiting for "
                                 "anyone to act"))
        return evidence
    if len(subs) > 1:
        evidence.append(Evidence("structure", W_MANY_SUBSCRIBERS,
                                 f"{len(subs)} subscribers ({', '.join(subs)}) each react "
                                 "on their own: a fact many may use"))
        return evidence
    (sub,) = subs
    evidence.append(Evidence("structure", W_ONE_SUBSCRIBER,
                             f"exactly one subscriber ({sub}) today: a warning sign, not "
                             "proof (an honest event may have one subscriber)"))
    replies = [m.name for m in arch.messages
               if m.is_event and m.source == sub and event.source in m.targets
               and _comes_after(arch, event.source, event.name, m.name)]
    if replies:
        evidence.append(Evidence("structure", W_REPLY,
                                 f"{sub} answers with {', '.join(replies)}, which "
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
                    "structure", W_PROCESS_BREAKS,
                    f"without {sub}, {event.source}'s process {process.name!r} loses "
                    f"the {noun(len(lost), 'step')} {', '.join(lost)}: "
                    "the emitter depends on this one receiver"))
    if re.search(r"\b(must|required|mandatory|legally|obliged|has to)\b",
                 event.description, re.IGNORECASE):
        evidence.append(Evidence("structure", W_DESCRIPTION,
                                 f"it is described as {event.description!r}: someone must "
                                 "make sure it happens"))
    return evidence


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
    >>> report = detect(costume_catalogue())
    >>> [f.name for f in report.flagged]
    ['PaymentRequired', 'AddressCheckRequired', 'CustomerNeedsToBeSentANotificationEvent']
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
        findings.append(Finding(message.name, tuple(evidence),
                                proposal(reading, spaced=" " in message.name),
                                message.source, message.targets))
    return DisguiseReport(arch.name, tuple(findings))


# --------------------------------------------------------------------------- runtime


def runtime_evidence(trace: object) -> dict[str, list[Evidence]]:
    """Evidence per event name from a trace of the message bus (lesson 05).

    ``trace`` is a :class:`lessonlib.bus.Trace` (or any iterable of records
    with the same fields as :class:`lessonlib.bus.Record`, as objects or
    dicts: ``seq``, ``kind``, ``message``, ``sender``, ``receiver``,
    ``correlation``, ``outcome`` and optionally ``cause``). For each event:

    * it reached one receiver only, every time (+), or several (-);
    * that receiver answered the emitter for the same correlation id (+): a
      record caused by the event's delivery, or later in the trace;
    * where that receiver failed or was down, the emitter sent nothing more
      for that correlation id (+): its process waits on this one receiver.

    >>> trace = [
    ...     {"seq": 0, "kind": "event", "message": "AddressCheckRequired", "sender": "Customer",
    ...      "receiver": "Address check", "correlation": "c1", "outcome": "handled"},
    ...     {"seq": 1, "kind": "event", "message": "AddressChecked", "sender": "Address check",
    ...      "receiver": "Customer", "correlation": "c1", "outcome": "handled", "cause": 0}]
    >>> for e in runtime_evidence(trace)["AddressCheckRequired"]:
    ...     print(e)
    ~ runtime: in the trace, all 1 deliveries went to Address check alone (as subscribed; no news)
    + runtime: in the trace, Address check answered Customer (AddressChecked) for 1 of 1 correlation ids
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
            evidence.append(Evidence("runtime", W_TRACE_MANY / 2,
                                     f"in the trace, none of its {len(ds)} publications "
                                     "reached anyone, and nothing waited for them"))
        elif len(receivers) > 1:
            evidence.append(Evidence("runtime", W_TRACE_MANY,
                                     f"in the trace, it reached {len(receivers)} receivers "
                                     f"({', '.join(receivers)})"))
        else:
            (receiver,) = receivers
            evidence.append(Evidence("runtime", W_TRACE_ONE_HANDLER,
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
        weight = W_TRACE_REPLY if len(answered) == len(correlations) else W_TRACE_REPLY / 2
        evidence.append(Evidence(
            "runtime", weight,
            f"in the trace, {receiver} answered {emitter} ({', '.join(sorted(replies))}) for "
            f"{len(answered)} of {len(correlations)} correlation ids"))
    broken = [d for d in ds if d["outcome"] in ("failed", "service down", "error")]
    stalled = []
    for d in broken:
        if not any(r["sender"] == emitter and r["correlation"] == d["correlation"]
                   and r["seq"] > d["seq"] for r in records):
            stalled.append(d["correlation"])
    stalled = list(dict.fromkeys(stalled))
    if stalled:
        evidence.append(Evidence(
            "runtime", W_TRACE_STALLED,
            f"in the trace, where {receiver} failed or was down ({len(stalled)} correlation "
            f"{noun(len(stalled), 'id')}, e.g. {stalled[0]!r}), {emitter} sent nothing "
            "more: its process waits on this one receiver"))
    return evidence


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
                                  f"of lessonlib.bus.Record). Got {shown(item)}.")
            record[key] = value
        cause = field_of("cause")
        record["cause"] = None if cause is _MISSING else cause
        out.append(record)
    return out


_MISSING = object()


# --------------------------------------------------------------------------- re-model


def unmask(arch: Architecture, event: str, command: str | None = None, *,
           name: str | None = None) -> Architecture:
    """A copy of ``arch`` in which ``event`` is re-modelled as a command.

    The emitter becomes the sender, its one subscriber the receiver; process
    steps keep their place. The dependency flips: before, the subscriber
    depended on the emitter; now the sender depends on the receiver.
    Introduced in ``06_commands_in_disguise.ipynb``.

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
    >>> after = unmask(costume_catalogue(), "AddressCheckRequired")
    >>> after.kind_of("CheckAddress")
    'command'
    >>> [str(link) for link in after.links() if link.message == "CheckAddress"]
    ['Customer depends on Address check (command CheckAddress)']
    >>> unmask(costume_catalogue(), "CustomerCreated")
    Traceback (most recent call last):
    ...
    lessonlib.errors.LessonError: A command has exactly one receiver, but CustomerCreated has 2 subscribers: 'Loyalty', 'Analytics'. Several services reacting on their own is what events are for; keep it an event.
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
    steps = [(p.name, p.owner, p.steps) for p in after.processes]
    after.remove_message(message.name)
    after.add_command(command, sender=message.source, receiver=message.targets[0],
                      description=message.description)
    for pname, owner, old_steps in steps:
        new_steps = [command if s == message.name else s for s in old_steps]
        if message.name in old_steps and owner not in (message.source, message.targets[0]):
            new_steps = [s for s in new_steps if s != command]
        if new_steps:
            after.add_process(pname, owner=owner, steps=new_steps)
    return after


def dependency_flip(before: Architecture, after: Architecture, event: str,
                    command: str) -> str:
    """Two sentences: who depended on whom before, and after re-modelling.

    >>> before = costume_catalogue()
    >>> after = unmask(before, "AddressCheckRequired", "CheckAddress")
    >>> print(dependency_flip(before, after, "AddressCheckRequired", "CheckAddress"))
    Before: Address check depends on Customer (event AddressCheckRequired).
    After:  Customer depends on Address check (command CheckAddress).
    """
    old = [str(link) for link in _check_architecture(before).links()
           if link.message == before.message(event).name]
    new = [str(link) for link in _check_architecture(after).links()
           if link.message == after.message(command).name]
    return f"Before: {'; '.join(old)}.\nAfter:  {'; '.join(new)}."


# --------------------------------------------------------------------------- catalogue


def costume_trace(customers: int = 3, *, seed: int = 0, failing: str = "Address check",
                  failure_rate: float = 0.0):
    """Run the catalogue's shop and onboarding on the message bus; return the trace.

    Each of ``customers`` places an order and registers. ``failing`` (a
    service) fails on a share ``failure_rate`` of its messages, seeded, so a
    run is reproducible. Pass the trace to :func:`detect` for runtime
    evidence. Introduced in ``06_commands_in_disguise.ipynb``.

    >>> trace = costume_trace(2)
    >>> len(trace.correlations())
    4
    """
    from lessonlib.bus import Bus

    if isinstance(customers, bool) or not isinstance(customers, int) or not 1 <= customers <= 1000:
        raise LessonTypeError(f"customers is a whole number from 1 to 1000; got {shown(customers)}.")
    catalogue = costume_catalogue()
    bus = Bus(seed=seed)
    bus.add_services(*catalogue.services, duration=1.0)
    bus.configure(catalogue.service(failing), failure_rate=failure_rate)

    def register(delivery):
        for event in ("CreditCheckRequested", "CustomerNeedsToBeSentANotificationEvent",
                      "CustomerCreated"):
            delivery.publish(event)

    bus.subscribe("OrderPlaced", "Order", lambda d: d.publish("PaymentRequired"))
    bus.subscribe("PaymentRequired", "Payment", lambda d: d.publish("PaymentReceived"))
    bus.subscribe("PaymentReceived", "Order")
    bus.subscribe("AddressCheckRequired", "Address check", lambda d: d.publish("AddressChecked"))
    bus.subscribe("AddressChecked", "Customer", register)
    for message in catalogue.messages:
        bus.declare(message.name, message.kind)
        for target in message.targets:
            if target not in bus.subscribers(message.name):
                bus.subscribe(message.name, target)
    for n in range(1, customers + 1):
        bus.publish("OrderPlaced", sender="Checkout", correlation=f"order-{n}")
        bus.publish("AddressCheckRequired", sender="Customer", correlation=f"customer-{n}")
    return bus.run()
