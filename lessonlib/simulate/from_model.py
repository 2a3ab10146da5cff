"""A model on the bus: its services, who handles and subscribes to what, and its workflows.

The model is written once (:mod:`lessonlib.scenarios`) and the bus runs it:
:func:`on_the_bus` reads every service's reaction from the model, and
:func:`workflow_of` an owner's process as a workflow its engine runs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from lessonlib.architecture import Architecture, Role, expect_architecture
from lessonlib.bus import Bus, Delivery, minutes_up_to_a_year, reject
from lessonlib.errors import LessonError, LessonTypeError, check_name, choose, items, shown
from lessonlib.scenarios import BAD_NEWS, CANCELS, COMPENSATIONS, UNDO
from lessonlib.workflow import FAIL, Workflow

__all__ = ["on_the_bus", "workflow_of", "merge_settings"]

_UNDO = frozenset(UNDO)
_CANCELLING = frozenset(CANCELS.values())


def merge_settings(defaults: Mapping, settings: Mapping | None) -> dict[str, dict]:
    """``defaults`` (service -> bus settings) changed by ``settings``, each checked: a service
    it names must be one of ``defaults``'."""
    merged = {name: dict(values) for name, values in defaults.items()}
    if settings is None:
        return merged
    if not isinstance(settings, Mapping):
        raise LessonTypeError(f"settings maps a service to its settings, like "
                              f"{{'Shipping': {{'failure_rate': 0.1}}}}; got {shown(settings)}.")
    for name, values in settings.items():
        name = choose(name, list(defaults), "service")
        if not isinstance(values, Mapping):
            raise LessonTypeError(f"The settings for {shown(name)} must be a dict, like "
                                  f"{{'down': True}}; got {shown(values)}.")
        merged[name].update(values)
    return merged


def _publisher(events: tuple[str, ...]) -> Callable[[Delivery], None] | None:
    """A handler that answers by publishing ``events`` (same correlation id), or None."""
    if not events:
        return None

    def handler(delivery: Delivery) -> None:
        for event in events:
            delivery.publish(event)

    handler.__name__ = "publish_" + "_".join(events)
    return handler


def _cancellable(step: Callable[[Delivery], None] | None):
    """Handlers for a step that can be cancelled while under way, and for its cancellation.

    The service remembers which orders it did and which were cancelled: a step
    that arrives for a cancelled order is refused (not done); a cancellation that
    arrives after the step was done is refused (too late).
    """
    done: set[str] = set()
    cancelled: set[str] = set()

    def do(delivery: Delivery):
        if delivery.correlation in cancelled:
            return reject("cancelled while under way: not done")
        done.add(delivery.correlation)
        return None if step is None else step(delivery)

    def cancel(delivery: Delivery):
        if delivery.correlation in done:
            return reject("too late: done already")
        cancelled.add(delivery.correlation)
        return None

    return do, cancel


def _reaction(arch: Architecture, roles: Mapping[str, Role], service: str,
              message: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """What ``service`` publishes when ``message`` reaches it: (good news, bad news).

    The rule, read from the model:

    * a service that owns a process publishes the events it emits right after
      ``message`` in that process;
    * a message that asks for an undo (:data:`~lessonlib.scenarios.UNDO`: a
      refund, a cancellation, bad news it reacts to) is carried out and answered
      with nothing;
    * any other service answers with the one event it emits, and, if it emits
      the bad news of that event (:data:`~lessonlib.scenarios.BAD_NEWS`), announces
      that instead when it fails.
    """
    for process in arch.processes:
        if process.owner == service and message in process.steps:
            after = process.steps[process.steps.index(message) + 1:]
            emitted = []
            for step in after:
                if step not in roles[service].emits:
                    break
                emitted.append(step)
            return tuple(emitted), ()
    if message in _UNDO or message in _CANCELLING:
        return (), ()
    emits = roles[service].emits
    good = sorted(e for e in emits if e not in BAD_NEWS.values())
    if len(good) > 1:
        raise LessonError(
            f"{shown(service)} emits {len(good)} events ({', '.join(good)}), so the model does "
            f"not say which one answers {shown(message)}. Give {service} a process that orders "
            "them."
        )
    bad = tuple(BAD_NEWS[e] for e in good if BAD_NEWS.get(e) in emits)
    return tuple(good), bad


def on_the_bus(arch: Architecture, *, seed: int = 0, settings: Mapping | None = None,
               engines: Iterable[str] = (), bus: Bus | None = None) -> Bus:
    """A bus running ``arch``: its services, and who handles and subscribes to what.

    Every message is declared with its kind; every command gets its receiver as
    handler and every event its subscribers. A receiver answers with the events
    the model says it emits, and announces its bad news when it fails (see
    ``_reaction``). Services named in ``engines`` get no handlers: the
    :class:`~lessonlib.engine.Engine` deployed in them subscribes to what its
    workflow waits for. ``settings`` maps a service to its bus settings
    (duration, failure_rate, ...). Given a ``bus``, the model joins it (another
    system on the same bus); otherwise a new one is seeded with ``seed``.

    >>> from lessonlib.scenarios import order_fulfilment_choreography
    >>> bus = on_the_bus(order_fulfilment_choreography())
    >>> bus.subscribers("PaymentReceived"), bus.message_types["GoodsShipped"]
    (('Inventory',), 'event')
    """
    arch = expect_architecture(arch, "on_the_bus()'s model")
    owners = {arch.service(e) for e in ([engines] if isinstance(engines, str)
                                        else items(engines, "engines=", "['Order']"))}
    if bus is None:
        bus = Bus(seed)
    elif not isinstance(bus, Bus):
        raise LessonTypeError(f"bus= takes a Bus, like Bus(seed=1); got {shown(bus)}.")
    merged = merge_settings({s: {} for s in arch.services}, settings)
    for service in arch.services:
        bus.add_service(service, **merged[service])
    roles = arch.roles()
    for message in arch.messages:
        bus.declare(message.name, message.kind)
    cancels = {step: _cancellable for step, cancel in CANCELS.items()
               if step in arch.commands() and cancel in arch.commands()}
    special: dict[str, Callable] = {}
    for message in arch.messages:
        for target in message.targets:
            if target in owners:
                continue
            good, bad = _reaction(arch, roles, target, message.name)
            handler = _publisher(good)
            if message.name in cancels:
                handler, special[CANCELS[message.name]] = cancels[message.name](handler)
            register = bus.handle if message.is_command else bus.subscribe
            register(message.name, target, special.get(message.name, handler),
                     on_failure=_publisher(bad))
    return bus


def _mapping(value: object, what: str, example: str) -> dict:
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise LessonTypeError(f"{what} maps message names to values, like {example}; got "
                              f"{shown(value)}.")
    return dict(value)


def workflow_of(arch: Architecture, process: str, *, within: Mapping[str, float] | None = None,
                on_failure: str | None = None, on_timeout: str | Mapping[str, str] = FAIL,
                one_by_one: bool = False, retries: Mapping[str, int] | None = None) -> Workflow:
    """The owned ``process`` of ``arch`` as a workflow its owner's engine can run.

    The first step is the event that starts it; a command the owner sends is a
    *send*, events it waits for in a row are one *wait* (each its own with
    ``one_by_one=True``), an event it emits is a *publish*. From the model too:
    a sent command is compensated by its undo (:data:`~lessonlib.scenarios.COMPENSATIONS`)
    if the owner can send that, and a wait fails on the bad news of an awaited
    event if the owner hears it, and a sent command can be cancelled while under
    way (:data:`~lessonlib.scenarios.CANCELS`) if the owner can send that.
    ``within`` gives a wait a time frame (by an awaited event's name),
    ``on_timeout`` what its end does ("fail" or "flag"; for every wait, or by an
    awaited event's name), ``retries`` how many times a wait sends its command
    again first (by an awaited event's name), and ``on_failure`` names the event
    the owner announces, or the command it sends, after compensating.

    >>> from lessonlib.scenarios import order_fulfilment_orchestration
    >>> print(workflow_of(order_fulfilment_orchestration(), "Order fulfilment").describe())
    Order fulfilment: starts on OrderPlaced
      1. send the command RetrievePayment
      2. wait for PaymentReceived
      3. send the command FetchGoods
      4. wait for GoodsFetched
      5. send the command ShipGoods
      6. wait for GoodsShipped
      7. publish the event OrderCompleted
    """
    arch = expect_architecture(arch, "workflow_of()'s model")
    proc = arch.process(process)
    owner = proc.owner
    within = {arch.message(e).name: minutes_up_to_a_year(t, f"The time frame for {shown(e)}")
              for e, t in _mapping(within, "within=", "{'GoodsShipped': 5}").items()}
    again = {arch.message(e).name: n
             for e, n in _mapping(retries, "retries=", "{'GoodsShipped': 2}").items()}
    ends = ({} if isinstance(on_timeout, str) else
            {arch.message(e).name: a
             for e, a in _mapping(on_timeout, "on_timeout=", "{'GoodsShipped': 'flag'}").items()})
    if on_failure is not None:
        on_failure = check_name(on_failure, "failure event")
    sends, hears = set(arch.sends(owner)), set(arch.subscriptions(owner))
    first = arch.message(proc.steps[0])
    if not (first.is_event and owner in first.targets):
        raise LessonError(f"Process {proc.name!r} starts with {first.name}, which {owner} "
                          "does not receive; a workflow starts on an event its owner "
                          "subscribes to.")
    unknown = sorted((set(within) | set(again) | set(ends)) - set(proc.steps))
    if unknown:
        raise LessonError(f"within= (or retries=, on_timeout=) names "
                          f"{', '.join(map(repr, unknown))}, which process "
                          f"{proc.name!r} does not wait for; it waits for "
                          f"{', '.join(s for s in proc.steps[1:] if s in hears)}.")
    workflow = Workflow(proc.name, starts_on=first.name)
    waiting: list[str] = []

    def flush() -> None:
        if waiting:
            frames = {within[e] for e in waiting if e in within}
            bad = [BAD_NEWS[e] for e in waiting if BAD_NEWS.get(e) in hears]
            action = next((ends[e] for e in waiting if e in ends),
                          on_timeout if isinstance(on_timeout, str) else FAIL)
            workflow.wait_for(*waiting, within=min(frames) if frames else None,
                              failing_on=bad, on_timeout=action,
                              retries=max((again.get(e, 0) for e in waiting), default=0))
            waiting.clear()

    for name in proc.steps[1:]:
        m = arch.message(name)
        if m.is_event and owner in m.targets:
            waiting.append(name)
            if one_by_one:
                flush()
            continue
        flush()
        if m.is_command:
            undo, stop = COMPENSATIONS.get(name), CANCELS.get(name)
            workflow.send(name, compensate=undo if undo in sends else None,
                          cancel=stop if stop in sends else None)
        else:
            workflow.publish(name)
    flush()
    if on_failure is not None:
        m = arch.message(on_failure)
        if m.source != owner:
            raise LessonError(f"on_failure={m.name!r}: {owner} neither emits nor sends it in "
                              f"{arch.name!r} ({m}); the owner's failure action is a message it "
                              "sends or announces.")
        workflow.on_failure(**({"publish": m.name} if m.is_event else {"send": m.name}))
    return workflow
