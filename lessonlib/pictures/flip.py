"""Lesson 07's picture: an event before and after it is re-modelled as a command.

Two small pictures (side by side when both fit the notebook's column) of the
two services the message joins and every message between them, arrows pointing
from a service to the service it depends on: before, the subscriber depends
on the emitter (dashed event arrow), and the emitter on the subscriber if it
waits for an answer (a second arrow, the other way); after, the sender depends
on the receiver (solid command arrow, its answer beside it, the same way).
Introduced in ``07_commands_in_disguise.ipynb``.
"""

from __future__ import annotations

from lessonlib.architecture import Architecture, expect_architecture
from lessonlib.cards.figures import display_figure
from lessonlib.disguise import dependency_flip, unmask
from lessonlib.pictures.architecture import compose, describe, fits_side_by_side, panel

__all__ = ["focus", "flip_figure", "show_flip"]

INTRO = "Two pictures; arrows point from a service to the service it depends on."


def focus(arch: Architecture, message: str) -> Architecture:
    """Only the two services a message joins and the messages between them (an answer
    included): a small, clear picture."""
    m = arch.message(message)
    pair = {m.source, *m.targets}
    small = Architecture(f"{'Before' if m.is_event else 'After'}: {m.kind} {m.name}",
                         services=[m.source, *m.targets])
    for other in arch.messages:
        if other.source in pair and pair <= {other.source, *other.targets}:
            small.add_message(other.name, other.kind, other.source,
                              [t for t in other.targets if t in pair],
                              operation=other.operation or None)
    return small


def flip_figure(before: Architecture, after: Architecture, event: str, command: str):
    """The figure of ``event`` in ``before`` and ``command`` in ``after``, and its text.

    >>> from lessonlib.scenarios import costume_catalogue
    >>> before = costume_catalogue()
    >>> after = unmask(before, "AddressCheckRequired", "CheckAddress")
    >>> fig, text = flip_figure(before, after, "AddressCheckRequired", "CheckAddress")
    >>> len(fig.axes), text.splitlines()[3]
    (2, 'The costume made the two depend on each other; as a command, one dependency is left: Onboarding on Address check.')
    """
    small = (focus(before, event), focus(after, command))
    panels = [panel(a, dependencies=True) for a in small]
    fig = compose(panels, side_by_side=fits_side_by_side(panels))
    texts = "\n\n".join(describe(a, dependencies=True) for a in small)
    return fig, f"{INTRO}\n{dependency_flip(before, after, event, command)}\n\n{texts}"


def show_flip(arch: Architecture, event: str, command: str | None = None) -> None:
    """Show ``event`` before and after re-modelling it as a command, arrows as dependencies.

    The text equivalent comes with the sentences of
    :func:`~lessonlib.disguise.dependency_flip`. Introduced in
    ``07_commands_in_disguise.ipynb``.
    """
    arch = expect_architecture(arch, "show_flip()'s model")
    after = unmask(arch, event, command)
    name = arch.message(event).name
    command = next(m.name for m in after.messages
                   if m.is_command and m.name not in arch.commands())
    display_figure(*flip_figure(arch, after, name, command))
