"""A small process engine that lives inside the service that owns the process.

Introduced in ``05_workflow_engines_serve_both.ipynb``. A :class:`Workflow`
reads like the process it automates::

    Workflow("Order fulfilment", starts_on="OrderPlaced")
        .send("RetrievePayment", compensate="RefundPayment")
        .wait_for("PaymentReceived")
        .send("ShipGoods")
        .wait_for("GoodsShipped", within=5)       # minutes; else cancel and refund
        .publish("OrderCompleted")
        .on_failure(publish="OrderCancelled")

An :class:`Engine` is a library *inside* one service (local orchestration, not
a central god service): ``Engine(bus, "Order").deploy(workflow)``. It
subscribes to the event that starts the workflow (choreography at its edge),
then sends commands and waits for events (orchestration inside), one instance
per correlation id.

The rules it follows:

* **send** a command and go on at once; the handler's reply arrives later. A
  rejected or failed command fails the instance as soon as the reply arrives
  (while it waits).
* **wait_for** one or more events with the instance's correlation id; events
  that arrived earlier are kept in the instance's inbox. With ``within=T`` the
  wait has a time frame: it starts when the step starts, and an event arriving
  at ``start + T`` exactly is in time; if one is still missing after that, the
  engine writes a ``timer`` record to the trace and the instance fails.
* **compensate**: when an instance fails, the engine sends the compensation of
  every acknowledged step, the latest first (the saga rule), waiting for each
  reply, then publishes the ``on_failure`` event. An acknowledgement that
  arrives after the instance failed is compensated at once.
* a wait without a time frame may last for ever: the instance stays *waiting*,
  and :meth:`Engine.open_instances` lists it, so the owner sees every stuck
  order in one place.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import partial

from lessonlib.architecture import COMMAND, EVENT
from lessonlib.bus import Bus, Delivery, minutes_up_to_a_year
from lessonlib.errors import LessonError, LessonTypeError, check_name, shown, suggest
from lessonlib.prose import and_list
from lessonlib.trace import minutes

__all__ = ["Workflow", "Step", "Engine", "Instance", "Outcome", "STATES"]

SEND, WAIT, PUBLISH = "send", "wait", "publish"
WAITING, COMPLETED, COMPENSATING, CANCELLED = "waiting", "completed", "compensating", "cancelled"
#: The states of an instance, as :meth:`Engine.outcomes` reports them.
STATES = (WAITING, COMPLETED, COMPENSATING, CANCELLED)
_ARRIVED = object()


@dataclass(frozen=True)
class Step:
    """One step of a workflow: send a command, wait for events, or publish an event."""

    kind: str
    messages: tuple[str, ...]
    within: float | None = None
    compensate: str | None = None

    def __str__(self) -> str:
        if self.kind == SEND:
            undo = f" (compensate with {self.compensate})" if self.compensate else ""
            return f"send the command {self.messages[0]}{undo}"
        if self.kind == PUBLISH:
            return f"publish the event {self.messages[0]}"
        frame = f" within {minutes(self.within)} min" if self.within is not None else ""
        return f"wait for {and_list(self.messages)}{frame}"


class Workflow:
    """A process definition: what starts it, then its steps in order.

    Each builder method returns the workflow, so a definition reads top to
    bottom like the process.

    >>> wf = (Workflow("Customer onboarding", starts_on="RegistrationRequested")
    ...       .send("CheckAddress").send("CheckCredit")
    ...       .wait_for("AddressChecked", "CreditChecked", within=240)
    ...       .send("SendWelcomeLetter").publish("CustomerCreated")
    ...       .on_failure(publish="RegistrationCancelled"))
    >>> print(wf.describe())
    Customer onboarding: starts on RegistrationRequested
      1. send the command CheckAddress
      2. send the command CheckCredit
      3. wait for AddressChecked and CreditChecked within 240 min
      4. send the command SendWelcomeLetter
      5. publish the event CustomerCreated
      if a step fails or a time frame runs out: compensate, then publish RegistrationCancelled
    """

    def __init__(self, name: str, *, starts_on: str):
        self.name = check_name(name, "workflow name")
        self.starts_on = check_name(starts_on, "start message")
        self.steps: tuple[Step, ...] = ()
        self.failure_event: str | None = None

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

    def wait_for(self, *events: str, within: float | None = None) -> Workflow:
        """Wait until every one of ``events`` has arrived, within ``within`` minutes if given."""
        if not events:
            raise LessonError("wait_for() needs at least one event to wait for, like "
                              "wait_for('PaymentReceived').")
        names = tuple(check_name(e, "event") for e in events)
        if len(set(names)) != len(names):
            raise LessonError(f"wait_for() names an event twice: {shown(names)}.")
        if within is not None:
            within = minutes_up_to_a_year(within, "A time frame (within=, in minutes)")
            if within == 0:
                raise LessonError("A time frame must be longer than 0 minutes; got within=0.")
        return self._add(Step(WAIT, names, within=within))

    def publish(self, event: str) -> Workflow:
        """Publish ``event`` (a fact for whoever cares)."""
        return self._add(Step(PUBLISH, (check_name(event, "event"),)))

    def on_failure(self, *, publish: str) -> Workflow:
        """After compensating a failed instance, publish ``publish`` (e.g. OrderCancelled)."""
        self.failure_event = check_name(publish, "event")
        return self

    def describe(self) -> str:
        """The workflow in words, one step a line."""
        lines = [f"{self.name}: starts on {self.starts_on}"]
        lines += [f"  {i}. {step}" for i, step in enumerate(self.steps, 1)]
        if self.failure_event or any(s.compensate for s in self.steps):
            then = f", then publish {self.failure_event}" if self.failure_event else ""
            lines.append(f"  if a step fails or a time frame runs out: compensate{then}")
        return "\n".join(lines)

    def messages(self) -> dict[str, str]:
        """Every message the workflow uses -> "command" or "event"."""
        kinds: dict[str, str] = {}
        for step in self.steps:
            for m in step.messages:
                kinds[m] = COMMAND if step.kind == SEND else EVENT
            if step.compensate:
                kinds[step.compensate] = COMMAND
        if self.failure_event:
            kinds[self.failure_event] = EVENT
        return kinds


@dataclass
class Instance:
    """One running (or finished) workflow for one correlation id."""

    workflow: str
    correlation: str
    started: float
    state: str = WAITING
    step: str = ""
    since: float = 0.0
    reason: str = ""
    finished: float | None = None
    compensated: list[str] = field(default_factory=list)
    inbox: set[str] = field(default_factory=set, repr=False)
    _done: list[Step] = field(default_factory=list, repr=False)
    _wake: object = field(default=None, repr=False)
    _cause: int | None = field(default=None, repr=False)
    _awaiting: set[str] = field(default_factory=set, repr=False)

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

    Introduced in ``05_workflow_engines_serve_both.ipynb``.

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

    def __repr__(self) -> str:
        return f"<Engine in {self.service!r}: {', '.join(self._workflows) or 'no workflows'}>"

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
        for step in workflow.steps:
            if step.kind == WAIT:
                for event in step.messages:
                    self._listen(event)
        self._workflows[workflow.name] = workflow
        self._starters.setdefault(workflow.starts_on, []).append(workflow)

    def _listen(self, event: str) -> None:
        if event not in self._listening:
            self.bus.subscribe(event, self.service, self._on_event)
            self._listening.add(event)

    # --- reacting to messages ---------------------------------------------------------

    def _on_event(self, delivery: Delivery):
        notes = []
        for workflow in self._starters.get(delivery.message, ()):
            note = self._start(workflow, delivery)
            if note:
                notes.append(note)
        waiting = False
        for inst in self._instances.get(delivery.correlation, ()):
            workflow = self._workflows[inst.workflow]
            if not any(delivery.message in s.messages for s in workflow.steps if s.kind == WAIT):
                continue
            if not inst.active:
                notes.append(f"late: process already {inst.state}")
                continue
            waiting = True
            inst.inbox.add(delivery.message)
            wake = inst._wake
            if wake is not None and not wake.triggered and inst._awaiting <= inst.inbox:
                inst._cause = delivery.seq
                wake.succeed(_ARRIVED)
        if not waiting and not notes and delivery.message not in self._starters:
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
                if inst.active:
                    inst._done.append(step)
                else:  # acknowledged after the instance failed: undo it now
                    self.bus.send(step.compensate, sender=self.service,
                                  correlation=inst.correlation)
                    inst.compensated.append(step.compensate)
            return
        reason = f"{reply.command} {reply.outcome}" + (f": {reply.reason}" if reply.reason else "")
        if inst.active and not inst.reason:
            inst.reason = reason
            if inst._wake is not None and not inst._wake.triggered:
                inst._wake.succeed(reason)

    def _expire(self, inst: Instance, wake, step: Step, started: float, _event) -> None:
        if wake.triggered:
            return
        missing = [e for e in step.messages if e not in inst.inbox]
        reason = (f"no {' and no '.join(missing)} within {minutes(step.within)} min")
        self.bus._timer(self.service, inst.correlation,
                        f"{' + '.join(step.messages)} within {minutes(step.within)} min",
                        started, reason)
        wake.succeed(reason)

    # --- running one instance ---------------------------------------------------------

    def _run(self, workflow: Workflow, inst: Instance):
        bus, env = self.bus, self.bus.env
        failure = None
        for step in workflow.steps:
            if inst.reason:
                failure = inst.reason
                break
            inst.step, inst.since = str(step), bus.now
            name = step.messages[0]
            if step.kind == SEND:
                reply = bus.send(name, sender=self.service, correlation=inst.correlation,
                                 cause=inst._cause)
                reply.callbacks.append(partial(self._on_reply, inst, step))
            elif step.kind == PUBLISH:
                bus.publish(name, sender=self.service, correlation=inst.correlation,
                            cause=inst._cause)
            else:
                awaiting = set(step.messages)
                if not awaiting <= inst.inbox:
                    inst._awaiting = awaiting
                    wake = inst._wake = env.event()
                    if step.within is not None:
                        deadline = bus.deadline(step.within)
                        deadline.callbacks.append(partial(self._expire, inst, wake, step,
                                                          bus.now))
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
        if workflow.failure_event:
            bus.publish(workflow.failure_event, sender=self.service,
                        correlation=inst.correlation)
        inst.state, inst.finished, inst.step = CANCELLED, bus.now, "cancelled"

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
            elif inst.state == COMPENSATING:
                detail = f"{inst.reason}; now {inst.step}, since t={minutes(inst.since)}"
            else:
                detail = f"at '{inst.step}' since t={minutes(inst.since)}"
            rows.append(Outcome(inst.correlation, inst.workflow, inst.state, detail,
                                inst.started, inst.finished))
        return tuple(rows)

    def counts(self, workflow: str | None = None) -> dict[str, int]:
        """How many instances are in each state (every state listed, zeros included)."""
        counts = dict.fromkeys(STATES, 0)
        for inst in self.instances(workflow):
            counts[inst.state] += 1
        return counts
