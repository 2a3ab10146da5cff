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
* **retry**: a wait with ``retries=N`` sends the latest command again, with the
  same idempotency key, each time its time frame runs out, up to N times, before
  the time-out counts (forward recovery: how a saga gets past its *pivot*, the
  step after which it goes on rather than back). Every command the engine sends
  carries the key ``"<correlation id>/<command>"`` in its payload, so a receiver
  set ``idempotent`` on the bus carries out a copy only once.
* **cancel the step in flight**: a send with ``cancel=`` names the command that
  cancels it while its result is still awaited. When the instance fails there,
  the engine sends that first and waits for the answer: acknowledged, the step
  will not happen, so it compensates; rejected (too late, the step was done),
  the saga is past its pivot: it goes forward, waiting for the result without a
  time frame, instead of undoing what is done.
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
from lessonlib.bus import Bus, Delivery
from lessonlib.errors import LessonError, LessonTypeError, check_name, shown, suggest
from lessonlib.prose import and_list
from lessonlib.trace import minutes
from lessonlib.workflow import FLAG, PUBLISH, SEND, TIMEOUT_ACTIONS, WAIT, Step, Workflow

__all__ = ["Workflow", "Step", "Engine", "Instance", "Outcome", "STATES", "TIMEOUT_ACTIONS"]

WAITING, COMPLETED, COMPENSATING, CANCELLED, FAILED = (
    "waiting", "completed", "compensating", "cancelled", "failed")
#: The states of an instance, as :meth:`Engine.outcomes` reports them. *cancelled*: it
#: failed and compensated or took its failure action; *failed*: it failed with nothing to
#: undo or announce (a tracker that saw bad news, say).
STATES = (WAITING, COMPLETED, COMPENSATING, CANCELLED, FAILED)
_ARRIVED, _AGAIN = object(), object()


@dataclass
class Instance:
    """One running (or finished) workflow for one correlation id.

    ``flags``: the time frames that ran out while it kept waiting (a tracker's
    late steps); ``late``: awaited events that arrived after it had failed
    (work that happened anyway); ``retried``: how many commands it sent again;
    ``cancels``: the cancellations it sent and their answers; ``forward``: why it
    failed before it learnt that the step under way was done, and went on.
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
    retried: int = 0
    cancels: list[str] = field(default_factory=list)
    forward: str = ""
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

    def _expire(self, inst: Instance, wake, step: Step, started: float, again: bool,
                _event) -> None:
        if wake.triggered:
            return
        missing = [e for e in step.messages if e not in inst.inbox]
        what = f"{' + '.join(step.messages)} within {minutes(step.within)} min"
        reason = f"no {' and no '.join(missing)} within {minutes(step.within)} min"
        if again:
            self.bus._timer(self.service, inst.correlation, what, started,
                            f"{reason}: sending it again ({inst.retried + 1} of {step.retries})")
            wake.succeed(_AGAIN)
            return
        if step.on_timeout == FLAG:
            self.bus._timer(self.service, inst.correlation, what, started,
                            f"{reason}: flagged as late, still waiting")
            inst.flags.append(reason)
            return
        self.bus._timer(self.service, inst.correlation, what, started, reason)
        wake.succeed(reason)

    # --- running one instance ---------------------------------------------------------

    def _send_step(self, inst: Instance, step: Step):
        """Send a step's command with the instance's idempotency key; hear its reply."""
        name = step.messages[0]
        reply = self.bus._send(name, self.service, inst.correlation,
                               {"key": f"{inst.correlation}/{name}"}, inst._cause)
        reply.callbacks.append(partial(self._on_reply, inst, step))

    def _wait(self, inst: Instance, step: Step, timed: bool, last: Step | None):
        """Wait for a step's events (sending ``last`` again on a time-out, as the step says);
        return None when they are in, or why the wait failed."""
        awaiting = frozenset(step.messages)
        bad = inst.inbox.intersection(step.failing_on)
        if bad:  # the bad news came first
            return f"{min(bad)} arrived"
        tries = 0
        while not awaiting <= inst.inbox:
            inst._awaiting, inst._failing = awaiting, frozenset(step.failing_on)
            wake = inst._wake = self.bus.env.event()
            if timed and step.within is not None:
                deadline = self.bus.deadline(step.within)
                deadline.callbacks.append(partial(self._expire, inst, wake, step,
                                                  self.bus.now, tries < step.retries))
            result = yield wake
            inst._wake = None
            if result is _AGAIN:
                tries += 1
                inst.retried += 1
                self._send_step(inst, last)
                continue
            if result is not _ARRIVED:
                return inst.reason or result
        inst.inbox -= awaiting
        return None

    def _forward(self, workflow: Workflow, inst: Instance, start: int, timed: bool = True):
        """Run the steps from ``start``; return (None, end) when done, else (why, where)."""
        labels = self._labels[workflow.name]
        last = next((s for s in reversed(workflow.steps[:start]) if s.kind == SEND), None)
        for i in range(start, len(workflow.steps)):
            step = workflow.steps[i]
            if inst.reason:
                return inst.reason, i
            inst.step, inst.since = labels[i], self.bus.now
            if step.kind == SEND:
                self._send_step(inst, step)
                last = step
            elif step.kind == PUBLISH:
                self.bus._publish(step.messages[0], self.service, inst.correlation, {},
                                  inst._cause)
            else:
                failure = yield from self._wait(inst, step, timed, last)
                if failure is not None:
                    inst.reason = failure
                    return failure, i
        return inst.reason or None, len(workflow.steps)

    def _stop_in_flight(self, workflow: Workflow, inst: Instance, at: int):
        """Before compensating: cancel the step under way at ``at``, if it can be cancelled.
        Return True if it was done already (the saga must go forward instead)."""
        if at >= len(workflow.steps) or workflow.steps[at].kind != WAIT or at == 0:
            return False
        sent = workflow.steps[at - 1]
        if sent.kind != SEND or not sent.cancel:
            return False
        inst.step, inst.since = f"cancel: send the command {sent.cancel}", self.bus.now
        reply = yield self.bus._send(sent.cancel, self.service, inst.correlation,
                                     {"key": f"{inst.correlation}/{sent.cancel}"}, None)
        inst.cancels.append(f"{sent.cancel} {reply.fate}"
                            + (f" ({reply.reason})" if reply.reason else ""))
        return not reply.ok

    def _run(self, workflow: Workflow, inst: Instance):
        bus = self.bus
        failure, at = yield from self._forward(workflow, inst, 0)
        if failure is not None:
            inst.state, inst.reason = COMPENSATING, failure
            done_already = yield from self._stop_in_flight(workflow, inst, at)
            if done_already:  # past the pivot: go on, without a time frame, rather than back
                inst.state, inst.reason = WAITING, ""
                inst.inbox.update(inst.late)
                inst.late.clear()
                inst.forward = failure
                failure, at = yield from self._forward(workflow, inst, at, timed=False)
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
            if inst.retried:
                detail += f"; sent {inst.retried} {'copy' if inst.retried == 1 else 'copies'}"
            if inst.cancels:
                detail += f"; {', '.join(inst.cancels)}"
            if inst.forward:
                detail += f"; {inst.forward}, but the step was done: went on"
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
