"""A small process engine that lives inside the service that owns the process.

Introduced in ``05_track_then_manage.ipynb``. A :class:`Workflow`
reads like the process it automates::

    Workflow("Order fulfilment", starts_on="OrderPlaced")
        .send("RetrievePayment", compensate="RefundPayment")
        .wait_for("PaymentReceived")
        .send("ShipGoods")
        .wait_for("GoodsShipped", within=5, failing_on="GoodsShipmentFailed")
        .publish("OrderCompleted")
        .on_failure(publish="OrderCancelled")

An :class:`Engine` is a library *inside* one service (local orchestration, not
a central god service): ``Engine(bus, "Order").deploy(workflow)``. It
subscribes to the event that starts the workflow (choreography at its edge),
then sends commands and waits for events (orchestration inside), one instance
per correlation id. A workflow that only waits (no ``send``) *tracks* a
choreography without steering it.

The rules it follows:

* **send** a command and go on at once; the handler's reply arrives later. A
  rejected command fails the instance as soon as the reply arrives (while it
  waits). A command whose handler fails gets no reply at all: only a time
  frame, or bad news the service announces, tells the engine.
* **wait_for** one or more events with the instance's correlation id; events
  that arrived earlier are kept in the instance's inbox. ``failing_on`` names
  bad news (GoodsShipmentFailed, say) that fails the wait at once. With
  ``within=T`` the wait has a time frame: it starts when the step starts, and
  an event arriving at ``start + T`` exactly is in time; if one is still
  missing after that, the engine writes a ``timer`` record to the trace and the
  instance fails, or, with ``on_timeout="flag"``, the engine only notes that
  the instance is late and keeps waiting (how a tracker watches a service level).
* **compensate**: when an instance fails, the engine sends the compensation of
  every acknowledged step, the latest first (the saga rule), waiting for each
  reply, then takes the ``on_failure`` action (publish an event or send a
  command). An acknowledgement that arrives after the instance failed is
  compensated at once; an awaited event that arrives after it failed is kept
  in :attr:`Instance.late`: work that happened anyway.
* a wait without a time frame may last for ever: the instance stays *waiting*,
  and :meth:`Engine.open_instances` lists it, so the owner sees every stuck
  order in one place.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import partial

from lessonlib.architecture import COMMAND, EVENT
from lessonlib.bus import Bus, Delivery, minutes_up_to_a_year
from lessonlib.errors import LessonError, LessonTypeError, check_name, choose, items, shown, suggest
from lessonlib.prose import and_list
from lessonlib.trace import minutes

__all__ = ["Workflow", "Step", "Engine", "Instance", "Outcome", "STATES", "TIMEOUT_ACTIONS"]

SEND, WAIT, PUBLISH = "send", "wait", "publish"
WAITING, COMPLETED, COMPENSATING, CANCELLED, FAILED = (
    "waiting", "completed", "compensating", "cancelled", "failed")
#: The states of an instance, as :meth:`Engine.outcomes` reports them. *cancelled*: it
#: failed and compensated or took its failure action; *failed*: it failed with nothing to
#: undo or announce (a tracker that saw bad news, say).
STATES = (WAITING, COMPLETED, COMPENSATING, CANCELLED, FAILED)
#: What a time frame that runs out does: fail the instance, or only flag it as late.
FAIL, FLAG = "fail", "flag"
TIMEOUT_ACTIONS = (FAIL, FLAG)
_ARRIVED = object()


def _names(value, what: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = (value,)
    return tuple(check_name(v, what)
                 for v in items(value, f"A {what} list", "['GoodsShipmentFailed']"))


@dataclass(frozen=True)
class Step:
    """One step of a workflow: send a command, wait for events, or publish an event."""

    kind: str
    messages: tuple[str, ...]
    within: float | None = None
    compensate: str | None = None
    failing_on: tuple[str, ...] = ()
    on_timeout: str = FAIL

    @property
    def short(self) -> str:
        """The step in a few words, as an instance's current step: "wait for GoodsShipped"."""
        if self.kind == WAIT:
            return f"wait for {and_list(self.messages)}"
        return str(self)

    def __str__(self) -> str:
        if self.kind == SEND:
            undo = f" (compensate with {self.compensate})" if self.compensate else ""
            return f"send the command {self.messages[0]}{undo}"
        if self.kind == PUBLISH:
            return f"publish the event {self.messages[0]}"
        frame = ""
        if self.within is not None:
            frame = f" within {minutes(self.within)} min"
            if self.on_timeout == FLAG:
                frame += " (else flag it as late and keep waiting)"
        bad = f"; {' or '.join(self.failing_on)} fails it" if self.failing_on else ""
        return f"wait for {and_list(self.messages)}{frame}{bad}"


class Workflow:
    """A process definition: what starts it, then its steps in order.

    Each builder method returns the workflow, so a definition reads top to
    bottom like the process.

    >>> wf = (Workflow("Customer onboarding", starts_on="RegistrationRequested")
    ...       .wait_for("AddressChecked", "CreditChecked", within=240)
    ...       .publish("CustomerCreated").send("SendWelcomeLetter")
    ...       .on_failure(send="CancelRegistration"))
    >>> print(wf.describe())
    Customer onboarding: starts on RegistrationRequested
      1. wait for AddressChecked and CreditChecked within 240 min
      2. publish the event CustomerCreated
      3. send the command SendWelcomeLetter
      if a step fails or a time frame runs out: send the command CancelRegistration
    >>> wf.sends_commands()
    True
    """

    def __init__(self, name: str, *, starts_on: str):
        self.name = check_name(name, "workflow name")
        self.starts_on = check_name(starts_on, "start message")
        self.steps: tuple[Step, ...] = ()
        self.failure_event: str | None = None
        self.failure_command: str | None = None

    def __repr__(self) -> str:
        return f"<Workflow {self.name!r}: {len(self.steps)} steps>"

    def _add(self, step: Step) -> Workflow:
        self.steps = (*self.steps, step)
        return self

    def send(self, command: str, *, compensate: str | None = None) -> Workflow:
        """Send ``command``; if the instance fails later, undo it with ``compensate``."""
        command = check_name(command, "command")
        if compensate is not None:
            compensate = check_name(compensate, "compensating command")
        return self._add(Step(SEND, (command,), compensate=compensate))

    def wait_for(self, *events: str, within: float | None = None, failing_on=None,
                 on_timeout: str = FAIL) -> Workflow:
        """Wait until every one of ``events`` has arrived, within ``within`` minutes if given.

        ``failing_on``: bad news (one event name or several) that fails the wait
        at once. ``on_timeout``: ``"fail"`` (the instance fails when the time frame
        runs out) or ``"flag"`` (it is only marked late and keeps waiting).
        """
        if not events:
            raise LessonError("wait_for() needs at least one event to wait for, like "
                              "wait_for('PaymentReceived').")
        names = tuple(check_name(e, "event") for e in events)
        if len(set(names)) != len(names):
            raise LessonError(f"wait_for() names an event twice: {shown(names)}.")
        bad = _names(failing_on, "bad-news event")
        if set(bad) & set(names):
            raise LessonError(f"wait_for() waits for {and_list(sorted(set(bad) & set(names)))} "
                              "and fails on it too; an event is either the news awaited or the "
                              "bad news.")
        if within is not None:
            within = minutes_up_to_a_year(within, "A time frame (within=, in minutes)")
            if within == 0:
                raise LessonError("A time frame must be longer than 0 minutes; got within=0.")
        action = choose(on_timeout, TIMEOUT_ACTIONS, "on_timeout")
        return self._add(Step(WAIT, names, within=within, failing_on=bad, on_timeout=action))

    def publish(self, event: str) -> Workflow:
        """Publish ``event`` (a fact for whoever cares)."""
        return self._add(Step(PUBLISH, (check_name(event, "event"),)))

    def on_failure(self, *, publish: str | None = None, send: str | None = None) -> Workflow:
        """After compensating a failed instance, publish an event (``publish``, e.g.
        OrderCancelled) or send a command (``send``, e.g. CancelRegistration).
        """
        if (publish is None) == (send is None):
            raise LessonError("on_failure() takes one action: publish='SomeEvent' to announce "
                              "the failure, or send='SomeCommand' to make something happen.")
        self.failure_event = None if publish is None else check_name(publish, "event")
        self.failure_command = None if send is None else check_name(send, "command")
        return self

    def sends_commands(self) -> bool:
        """Whether the workflow ever sends a command (a tracker never does)."""
        return bool(self.failure_command) or any(
            s.kind == SEND or s.compensate for s in self.steps)

    def describe(self) -> str:
        """The workflow in words, one step a line."""
        lines = [f"{self.name}: starts on {self.starts_on}"]
        lines += [f"  {i}. {step}" for i, step in enumerate(self.steps, 1)]
        action = (f"publish the event {self.failure_event}" if self.failure_event else
                  f"send the command {self.failure_command}" if self.failure_command else "")
        undo = any(s.compensate for s in self.steps)
        if action or undo:
            then = ("compensate, then " if undo else "") + action if action else "compensate"
            lines.append(f"  if a step fails or a time frame runs out: {then}")
        return "\n".join(lines)

    def bpmn(self) -> str:
        """The workflow as a BPMN outline, element by element (text; no modeller needed).

        The same process drawn in a BPMN engine such as Camunda 8 (Zeebe) uses
        these elements; in a code-first engine such as Temporal a send is an
        activity, a wait a signal or an awaited condition with a timeout, and the
        failure path a compensation in reverse order.

        >>> wf = (Workflow("Shipping", starts_on="OrderPlaced")
        ...       .send("ShipGoods").wait_for("GoodsShipped", within=5)
        ...       .publish("OrderCompleted").on_failure(publish="OrderCancelled"))
        >>> print(wf.bpmn())
        BPMN outline of 'Shipping'
          message start event: OrderPlaced
          send task: ShipGoods (a command)
          event-based gateway, whichever comes first:
            message catch event: GoodsShipped -> go on
            timer catch event: 5 min -> failure path
          message throw event: OrderCompleted
          end event
        failure path:
          message end event: OrderCancelled
        """
        lines = [f"BPMN outline of {self.name!r}", f"  message start event: {self.starts_on}"]
        for step in self.steps:
            name = step.messages[0]
            if step.kind == SEND:
                undo = (f"; compensation task: {step.compensate}" if step.compensate else "")
                lines.append(f"  send task: {name} (a command{undo})")
            elif step.kind == PUBLISH:
                lines.append(f"  message throw event: {name}")
            elif step.on_timeout == FLAG and step.within is not None:
                lines.append(f"  receive task: {and_list(step.messages)}")
                lines.append(f"    non-interrupting timer boundary event: "
                             f"{minutes(step.within)} min -> flag as late")
                lines += [f"    message boundary event: {bad} -> end (bad news)"
                          for bad in step.failing_on]
            elif len(step.messages) > 1:
                lines.append("  subprocess: parallel gateway, wait for all of: "
                             + ", ".join(step.messages))
                lines += [f"    message boundary event: {bad} -> failure path"
                          for bad in step.failing_on]
                if step.within is not None:
                    lines.append(f"    timer boundary event: {minutes(step.within)} min -> "
                                 "failure path")
            else:
                others = [f"message catch event: {bad} -> failure path"
                          for bad in step.failing_on]
                if step.within is not None:
                    others.append(f"timer catch event: {minutes(step.within)} min -> "
                                  "failure path")
                if not others:
                    lines.append(f"  message catch event: {name}")
                else:
                    lines.append("  event-based gateway, whichever comes first:")
                    lines.append(f"    message catch event: {name} -> go on")
                    lines += [f"    {other}" for other in others]
        lines.append("  end event")
        undo = [s.compensate for s in reversed(self.steps) if s.compensate]
        if undo or self.failure_event or self.failure_command:
            lines.append("failure path:")
            if undo:
                lines.append(f"  compensation throw event (undo what was done, latest first: "
                             f"{', '.join(undo)})")
            if self.failure_event:
                lines.append(f"  message end event: {self.failure_event}")
            elif self.failure_command:
                lines.append(f"  send task: {self.failure_command} (a command)")
                lines.append("  end event")
        return "\n".join(lines)

    def messages(self) -> dict[str, str]:
        """Every message the workflow uses -> "command" or "event"."""
        kinds: dict[str, str] = {}
        for step in self.steps:
            for m in step.messages:
                kinds[m] = COMMAND if step.kind == SEND else EVENT
            for m in step.failing_on:
                kinds[m] = EVENT
            if step.compensate:
                kinds[step.compensate] = COMMAND
        if self.failure_event:
            kinds[self.failure_event] = EVENT
        if self.failure_command:
            kinds[self.failure_command] = COMMAND
        return kinds


@dataclass
class Instance:
    """One running (or finished) workflow for one correlation id.

    ``flags``: the time frames that ran out while it kept waiting (a tracker's
    late steps); ``late``: awaited events that arrived after it had failed
    (work that happened anyway).
    """

    workflow: str
    correlation: str
    started: float
    state: str = WAITING
    step: str = ""
    since: float = 0.0
    reason: str = ""
    finished: float | None = None
    compensated: list[str] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    late: list[str] = field(default_factory=list)
    inbox: set[str] = field(default_factory=set, repr=False)
    _done: list[Step] = field(default_factory=list, repr=False)
    _wake: object = field(default=None, repr=False)
    _cause: int | None = field(default=None, repr=False)
    _awaiting: frozenset[str] = field(default=frozenset(), repr=False)
    _failing: frozenset[str] = field(default=frozenset(), repr=False)

    @property
    def active(self) -> bool:
        return self.state == WAITING


@dataclass(frozen=True)
class Outcome:
    """One row of the owner's table: what became of one instance."""

    correlation: str
    workflow: str
    state: str
    detail: str
    started: float
    finished: float | None

    def __str__(self) -> str:
        end = f"{minutes(self.finished)}" if self.finished is not None else "-"
        return (f"{self.correlation}: {self.state} ({self.detail}); started t={minutes(self.started)}"
                f", finished t={end}")


class Engine:
    """A process engine embedded in ``service``: it runs the workflows that service owns.

    Introduced in ``05_track_then_manage.ipynb``.

    >>> from lessonlib.bus import Bus
    >>> bus = Bus(services=["Checkout", "Order", "Shipping"])
    >>> bus.handle("ShipGoods", "Shipping", lambda d: d.publish("GoodsShipped"))
    >>> engine = Engine(bus, "Order")
    >>> engine.deploy(Workflow("Shipping", starts_on="OrderPlaced")
    ...               .send("ShipGoods").wait_for("GoodsShipped", within=5)
    ...               .publish("OrderCompleted"))
    >>> bus.publish("OrderPlaced", sender="Checkout", correlation="order-1")
    >>> _ = bus.run()
    >>> print(engine.outcomes()[0])
    order-1: completed (every step done); started t=1, finished t=3
    """

    def __init__(self, bus: Bus, service: str):
        if not isinstance(bus, Bus):
            raise LessonTypeError(f"An Engine lives on a Bus, like Engine(bus, 'Order'); got "
                                  f"{shown(bus)}.")
        self.bus = bus
        self.service = bus.service(service).name
        self._workflows: dict[str, Workflow] = {}
        self._instances: dict[str, list[Instance]] = {}
        self._listening: set[str] = set()
        self._starters: dict[str, list[Workflow]] = {}
        self._awaited: dict[str, set[str]] = {}  # workflow -> every event it waits for
        self._bad: dict[str, set[str]] = {}  # workflow -> every bad-news event it fails on
        self._labels: dict[str, list[str]] = {}  # workflow -> its steps in words

    def __repr__(self) -> str:
        return f"<Engine in {self.service!r}: {', '.join(self._workflows) or 'no workflows'}>"

    @property
    def workflows(self) -> tuple[Workflow, ...]:
        """The workflows this engine runs."""
        return tuple(self._workflows.values())

    def deploy(self, workflow: Workflow) -> None:
        """Start ``workflow`` for every correlation id whose start message reaches this service.

        Every command the workflow sends must already have a handler on the
        bus; the events it waits for and the start event are subscribed here.
        """
        if not isinstance(workflow, Workflow):
            raise LessonTypeError(f"deploy() takes a Workflow; got {shown(workflow)}.")
        if workflow.name in self._workflows:
            raise LessonError(f"The engine in {self.service!r} already runs a workflow called "
                              f"{workflow.name!r}.")
        bus = self.bus
        for message, kind in workflow.messages().items():
            known = bus.message_types.get(message)
            if kind == COMMAND:
                if known is None:
                    raise LessonError(
                        f"The workflow {workflow.name!r} sends {shown(message)}, but no service on "
                        f"the bus handles a command of that name. "
                        f"{suggest(message, [m for m, k in bus.message_types.items() if k == COMMAND])}")
                bus.handler_of(message)  # an event of that name: a clear error
            elif known == COMMAND:
                raise LessonError(f"The workflow {workflow.name!r} waits for or publishes "
                                  f"{shown(message)}, but it is a command on this bus, not an event.")
            else:
                bus.declare(message, EVENT)
        start_kind = bus.message_types.get(workflow.starts_on)
        if start_kind == COMMAND:  # started by a command: this service must be its handler
            bus.handle(workflow.starts_on, self.service, partial(self._start, workflow))
        else:
            self._listen(workflow.starts_on)
        awaited, bad = set(), set()
        for step in workflow.steps:
            if step.kind == WAIT:
                awaited.update(step.messages)
                bad.update(step.failing_on)
                for event in (*step.messages, *step.failing_on):
                    self._listen(event)
        self._workflows[workflow.name] = workflow
        self._awaited[workflow.name], self._bad[workflow.name] = awaited, bad
        self._labels[workflow.name] = [step.short for step in workflow.steps]
        self._starters.setdefault(workflow.starts_on, []).append(workflow)

    def _listen(self, event: str) -> None:
        if event not in self._listening:
            self.bus.subscribe(event, self.service, self._on_event)
            self._listening.add(event)

    # --- reacting to messages ---------------------------------------------------------

    def _on_event(self, delivery: Delivery):
        message = delivery.message
        notes = []
        for workflow in self._starters.get(message, ()):
            note = self._start(workflow, delivery)
            if note:
                notes.append(note)
        waiting = False
        for inst in self._instances.get(delivery.correlation, ()):
            awaited = message in self._awaited[inst.workflow]
            if not awaited and message not in self._bad[inst.workflow]:
                continue
            if not inst.active or inst.reason:
                if awaited:
                    inst.late.append(message)
                notes.append(f"late: process already {inst.state}")
                continue
            waiting = True
            inst.inbox.add(message)
            wake = inst._wake
            if wake is None or wake.triggered:
                continue
            if message in inst._failing:
                inst._cause = delivery.seq
                wake.succeed(f"{message} arrived")
            elif inst._awaiting <= inst.inbox:
                inst._cause = delivery.seq
                wake.succeed(_ARRIVED)
        if not waiting and not notes and message not in self._starters:
            notes.append(f"no open process for {delivery.correlation} waits for it")
        return "; ".join(notes) or None

    def _start(self, workflow: Workflow, delivery: Delivery):
        correlation = delivery.correlation
        existing = [i for i in self._instances.get(correlation, ()) if i.workflow == workflow.name]
        if existing:
            return f"duplicate: {workflow.name} for {correlation} already started"
        inst = Instance(workflow.name, correlation, self.bus.now, since=self.bus.now)
        inst._cause = delivery.seq
        self._instances.setdefault(correlation, []).append(inst)
        self.bus.env.process(self._run(workflow, inst))
        return None

    def _on_reply(self, inst: Instance, step: Step, event) -> None:
        reply = event.value
        if reply.ok:
            if step.compensate:
                if inst.active and not inst.reason:
                    inst._done.append(step)
                else:  # acknowledged after the instance failed: undo it now
                    self.bus.send(step.compensate, sender=self.service,
                                  correlation=inst.correlation)
                    inst.compensated.append(step.compensate)
            return
        reason = f"{reply.command} {reply.fate}" + (f": {reply.reason}" if reply.reason else "")
        if inst.active and not inst.reason:
            inst.reason = reason
            if inst._wake is not None and not inst._wake.triggered:
                inst._wake.succeed(reason)

    def _expire(self, inst: Instance, wake, step: Step, started: float, _event) -> None:
        if wake.triggered:
            return
        missing = [e for e in step.messages if e not in inst.inbox]
        what = f"{' + '.join(step.messages)} within {minutes(step.within)} min"
        reason = f"no {' and no '.join(missing)} within {minutes(step.within)} min"
        if step.on_timeout == FLAG:
            self.bus._timer(self.service, inst.correlation, what, started,
                            f"{reason}: flagged as late, still waiting")
            inst.flags.append(reason)
            return
        self.bus._timer(self.service, inst.correlation, what, started, reason)
        wake.succeed(reason)

    # --- running one instance ---------------------------------------------------------

    def _run(self, workflow: Workflow, inst: Instance):
        bus, env, me, cid = self.bus, self.bus.env, self.service, inst.correlation
        labels = self._labels[workflow.name]
        failure = None
        for i, step in enumerate(workflow.steps):
            if inst.reason:
                failure = inst.reason
                break
            inst.step, inst.since = labels[i], env.now
            name = step.messages[0]
            if step.kind == SEND:
                reply = bus._send(name, me, cid, {}, inst._cause)
                reply.callbacks.append(partial(self._on_reply, inst, step))
            elif step.kind == PUBLISH:
                bus._publish(name, me, cid, {}, inst._cause)
            else:
                awaiting = frozenset(step.messages)
                bad = inst.inbox.intersection(step.failing_on)
                if bad:  # the bad news came first
                    failure = inst.reason = f"{min(bad)} arrived"
                    break
                if not awaiting <= inst.inbox:
                    inst._awaiting, inst._failing = awaiting, frozenset(step.failing_on)
                    wake = inst._wake = env.event()
                    if step.within is not None:
                        deadline = bus.deadline(step.within)
                        deadline.callbacks.append(partial(self._expire, inst, wake, step,
                                                          env.now))
                    result = yield wake
                    inst._wake = None
                    if result is not _ARRIVED:
                        failure = inst.reason = inst.reason or result
                        break
                inst.inbox -= awaiting
        else:
            failure = inst.reason or None
        if failure is None:
            inst.state, inst.finished, inst.step = COMPLETED, bus.now, "done"
            return
        inst.state, inst.reason = COMPENSATING, failure
        for step in reversed(inst._done):
            inst.step, inst.since = f"compensate: send the command {step.compensate}", bus.now
            yield bus.send(step.compensate, sender=self.service, correlation=inst.correlation)
            inst.compensated.append(step.compensate)
        acted = bool(inst.compensated)
        if workflow.failure_event:
            bus.publish(workflow.failure_event, sender=self.service,
                        correlation=inst.correlation)
            acted = True
        elif workflow.failure_command:
            inst.step, inst.since = f"send the command {workflow.failure_command}", bus.now
            yield bus.send(workflow.failure_command, sender=self.service,
                           correlation=inst.correlation)
            acted = True
        inst.state, inst.finished = (CANCELLED, bus.now) if acted else (FAILED, bus.now)
        inst.step = inst.state

    # --- what the owner sees ------------------------------------------------------------

    def instances(self, workflow: str | None = None) -> tuple[Instance, ...]:
        """Every instance so far (of one workflow if named), in order of start."""
        if workflow is not None:
            workflow = check_name(workflow, "workflow name")
            if workflow not in self._workflows:
                raise LessonError(f"The engine in {self.service!r} runs no workflow "
                                  f"{shown(workflow)}. {suggest(workflow, self._workflows)}")
        found = [i for group in self._instances.values() for i in group
                 if workflow is None or i.workflow == workflow]
        return tuple(sorted(found, key=lambda i: i.started))

    def open_instances(self, workflow: str | None = None) -> tuple[Instance, ...]:
        """Instances not finished: still waiting (stuck, if nothing more will come) or compensating."""
        return tuple(i for i in self.instances(workflow) if i.finished is None)

    def outcomes(self, workflow: str | None = None) -> tuple[Outcome, ...]:
        """One :class:`Outcome` per instance: the owner's view of every order."""
        rows = []
        for inst in self.instances(workflow):
            if inst.state == COMPLETED:
                detail = "every step done"
            elif inst.state == CANCELLED:
                undone = (", compensated by " + ", ".join(inst.compensated)
                          if inst.compensated else ", nothing to compensate")
                detail = inst.reason + undone
            elif inst.state == FAILED:
                detail = f"{inst.reason}; nothing to undo or announce"
            elif inst.state == COMPENSATING:
                detail = f"{inst.reason}; now {inst.step}, since t={minutes(inst.since)}"
            else:
                detail = f"at '{inst.step}' since t={minutes(inst.since)}"
            if inst.flags:
                detail += f"; late: {'; '.join(inst.flags)}"
            if inst.late:
                detail += f"; {and_list(inst.late)} arrived after it had failed"
            rows.append(Outcome(inst.correlation, inst.workflow, inst.state, detail,
                                inst.started, inst.finished))
        return tuple(rows)

    def counts(self, workflow: str | None = None) -> dict[str, int]:
        """How many instances are in each state (every state listed, zeros included)."""
        counts = dict.fromkeys(STATES, 0)
        for inst in self.instances(workflow):
            counts[inst.state] += 1
        return counts
