"""Re-modelling: take a costume off (an event becomes the command it is), or put one on."""

from __future__ import annotations

from lessonlib.architecture import COMMAND, EVENT, Architecture, expect_architecture
from lessonlib.disguise.by_name import propose_command
from lessonlib.disguise.detector import model_to_examine
from lessonlib.errors import LessonError, check_name, shown
from lessonlib.prose import Sentences

__all__ = ["unmask", "dress", "dependency_flip"]


def unmask(arch: Architecture, event: str, command: str | None = None, *,
           name: str | None = None) -> Architecture:
    """A copy of ``arch`` in which ``event`` is re-modelled as a command.

    The emitter becomes the sender, its one subscriber the receiver; the message
    keeps its place and its process steps. The dependency flips: before, the
    subscriber depended on the emitter; now the sender depends on the receiver.
    The inverse of :func:`dress`. Introduced in ``07_commands_in_disguise.ipynb``.

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
    arch = model_to_examine(arch)
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
    Lesson 07's catalogue is built with it (see
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
                    command: str) -> Sentences:
    """Who depended on whom before re-modelling and after, between the two services the
    message joins (every link between them, a command and its answer counted once), and
    what changed: computed from the models' couplings.

    An event in costume often comes with its answer (``AddressChecked``): the subscriber
    depends on the emitter through the costume, and the emitter on the subscriber through
    the answer it waits for, so the two depend on each other. As a command, the answer
    belongs to the command: one dependency, from the service that owns the outcome.

    >>> from lessonlib.scenarios import costume_catalogue
    >>> before = costume_catalogue()
    >>> after = unmask(before, "AddressCheckRequired", "CheckAddress")
    >>> print(dependency_flip(before, after, "AddressCheckRequired", "CheckAddress"))
    Before: Address check depends on Onboarding (event AddressCheckRequired); Onboarding depends on Address check (event AddressChecked).
    After:  Onboarding depends on Address check (command CheckAddress, answered by AddressChecked).
    The costume made the two depend on each other; as a command, one dependency is left: Onboarding on Address check.
    """
    before, after = model_to_examine(before), model_to_examine(after)
    old_message, new_message = before.message(event), after.message(command)
    pair = {old_message.source, *old_message.targets}
    old, new = _between(before, pair), _between(after, pair)
    lines = [f"Before: {'; '.join(map(str, old))}.", f"After:  {'; '.join(map(str, new))}."]
    sides = {(c.dependent, c.depends_on) for c in old}
    ways = {(c.dependent, c.depends_on) for c in new}
    sender, receiver = new_message.source, new_message.targets[0]
    if ways == {(sender, receiver)}:
        if len(sides) == 2:
            lines.append(f"The costume made the two depend on each other; as a command, one "
                         f"dependency is left: {sender} on {receiver}.")
        elif sides == {(receiver, sender)}:
            lines.append(f"The costume showed only {receiver} depending on {sender}; as a "
                         f"command, the model shows the dependency {sender} had all along: "
                         f"{sender} on {receiver}.")
    return Sentences("\n".join(lines))


def _between(arch: Architecture, pair: set[str]):
    """The couplings between the two services of ``pair``, in model order."""
    return [c for c in arch.couplings() if {c.dependent, c.depends_on} == pair]
