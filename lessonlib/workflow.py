"""A process definition: what starts it, then its steps, read top to bottom like the process.

Introduced in ``05_workflow_engines_serve_both.ipynb``; the
:class:`~lessonlib.engine.Engine` runs it (see :mod:`lessonlib.engine` for the
rules it follows), and :meth:`Workflow.bpmn` shows it as BPMN elements.
"""

from __future__ import annotations

from dataclasses import dataclass

from lessonlib.architecture import COMMAND, EVENT
from lessonlib.bus import minutes_up_to_a_year
from lessonlib.errors import LessonError, LessonTypeError, check_name, choose, items, shown
from lessonlib.prose import Sentences, and_list
from lessonlib.trace import minutes

__all__ = ["Workflow", "Step", "TIMEOUT_ACTIONS", "SEND", "WAIT", "PUBLISH", "FAIL", "FLAG"]

SEND, WAIT, PUBLISH = "send", "wait", "publish"
#: What a time frame that runs out does: fail the instance, or only flag it as late.
FAIL, FLAG = "fail", "flag"
TIMEOUT_ACTIONS = (FAIL, FLAG)


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
    retries: int = 0
    cancel: str | None = None

    @property
    def short(self) -> str:
        """The step in a few words, as an instance's current step: "wait for GoodsShipped"."""
        if self.kind == WAIT:
            return f"wait for {and_list(self.messages)}"
        return str(self)

    def __str__(self) -> str:
        if self.kind == SEND:
            undo = [f"compensate with {self.compensate}"] if self.compensate else []
            if self.cancel:
                undo.append(f"cancel with {self.cancel} while it is under way")
            return f"send the command {self.messages[0]}" + (
                f" ({'; '.join(undo)})" if undo else "")
        if self.kind == PUBLISH:
            return f"publish the event {self.messages[0]}"
        frame = ""
        if self.within is not None:
            frame = f" within {minutes(self.within)} min"
            if self.retries:
                frame += (f", else send it again (up to {self.retries} "
                          f"{'time' if self.retries == 1 else 'times'})")
            if self.on_timeout == FLAG:
                frame += (" (then flag it as late and keep waiting)" if self.retries else
                          " (else flag it as late and keep waiting)")
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

    def send(self, command: str, *, compensate: str | None = None,
             cancel: str | None = None) -> Workflow:
        """Send ``command``; if the instance fails later, undo it with ``compensate``; if it
        fails while the step is under way, first try to stop it with ``cancel``."""
        command = check_name(command, "command")
        if compensate is not None:
            compensate = check_name(compensate, "compensating command")
        if cancel is not None:
            cancel = check_name(cancel, "cancelling command")
        return self._add(Step(SEND, (command,), compensate=compensate, cancel=cancel))

    def wait_for(self, *events: str, within: float | None = None, failing_on=None,
                 on_timeout: str = FAIL, retries: int = 0) -> Workflow:
        """Wait until every one of ``events`` has arrived, within ``within`` minutes if given.

        ``failing_on``: bad news (one event name or several) that fails the wait
        at once. ``on_timeout``: ``"fail"`` (the instance fails when the time frame
        runs out) or ``"flag"`` (it is only marked late and keeps waiting).
        ``retries``: how many times to send the latest command again (same
        idempotency key) when the time frame runs out, before ``on_timeout``.
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
        if isinstance(retries, bool) or not isinstance(retries, int) or not 0 <= retries <= 10:
            raise LessonTypeError(f"retries= is how many times to send the command again, a "
                                  f"whole number from 0 to 10; got {shown(retries)}.")
        if retries and within is None:
            raise LessonError("retries= sends a command again when the time frame runs out; "
                              "give the wait a time frame too, like within=5.")
        if retries and not any(step.kind == SEND for step in self.steps):
            raise LessonError("retries= sends the latest command again, but this workflow "
                              "sends no command before this wait.")
        return self._add(Step(WAIT, names, within=within, failing_on=bad, on_timeout=action,
                              retries=retries))

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
            s.kind == SEND or s.compensate or s.cancel for s in self.steps)

    def describe(self) -> Sentences:
        """The workflow in words, one step a line (a notebook shows them as a numbered list)."""
        lines = [f"{self.name}: starts on {self.starts_on}"]
        lines += [f"  {i}. {step}" for i, step in enumerate(self.steps, 1)]
        action = (f"publish the event {self.failure_event}" if self.failure_event else
                  f"send the command {self.failure_command}" if self.failure_command else "")
        undo = any(s.compensate for s in self.steps)
        if action or undo:
            then = ("compensate, then " if undo else "") + action if action else "compensate"
            cancels = [s.cancel for s in self.steps if s.cancel]
            if cancels:
                then = (f"first stop the step under way ({' or '.join(cancels)}; if it was "
                        f"done already, go on instead), then {then}")
            lines.append(f"  if a step fails or a time frame runs out: {then}")
        return Sentences("\n".join(lines))

    def bpmn(self) -> Sentences:
        """The workflow as a BPMN outline, element by element (text; no modeller needed; a
        notebook shows it folded under its first line).

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
                undo += (f"; cancelled by the send task {step.cancel}" if step.cancel else "")
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
                    again = (f"send again (at most {step.retries}), then "
                             if step.retries else "")
                    others.append(f"timer catch event: {minutes(step.within)} min -> "
                                  f"{again}failure path")
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
        return Sentences("\n".join(lines))

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
            if step.cancel:
                kinds[step.cancel] = COMMAND
        if self.failure_event:
            kinds[self.failure_event] = EVENT
        if self.failure_command:
            kinds[self.failure_command] = COMMAND
        return kinds
